// Post-build steps for loading speed (issue 16), run by tools/csp.mjs before the policy step:
//
//   * bundleCss: the pages' Trunk-built style sheets (style/*.css, each `<name>-<hash>.css`)
//     become one file, `style-<hash>.css`, in the same order. One request instead of five: over
//     HTTP/1.1 a browser opens at most 6 connections per host, and with the five sheets, the
//     loader, the JS glue and the wasm the last two waited for a free one (about one round trip
//     late: ~100 ms at 60 ms latency).
//   * preloadFirst: Trunk appends its `<link rel=preload>` (wasm) and `<link rel=modulepreload>`
//     (JS glue) at the end of <head>; they move to the top so the wasm is the first request.
//   * modulesFirst: the wasm loader (a deferred module script) moves before the page's classic
//     scripts (lang.js, which blocks the parser until it has run): Chromium then asks for the
//     loader with the other files instead of after lang.js, and starts the wasm ~40 ms sooner
//     on localhost. A module runs after parsing either way, so lang.js still runs first.
//   * loadCompiled: the wasm is compiled as it downloads. Trunk's loader is a module script: it
//     runs after the page is parsed, and only then handed the (long preloaded) wasm to
//     `instantiateStreaming`, so on localhost compiling started ~70 ms after the last byte had
//     arrived. The page's first script (i18n/lang.js, a classic script in <head>) passes the
//     preload's download to `WebAssembly.compileStreaming`; the loader instantiates that module,
//     or fetches the wasm itself as before if it failed (a server without application/wasm). Not
//     a script of its own: a seventh request would wait for one of HTTP/1.1's six connections.
//   * cacheRules: `_headers` rules. Files whose name carries a content hash are cached for a
//     year and never revalidated (`immutable`); everything else (the pages, docs-example.*) is
//     revalidated on every use (`no-cache`), so a new build is seen at once and a reader pays the
//     wasm once for every page and embed.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

/** A Trunk-hashed or hook-hashed asset: `<stem>-<hex>.<ext>`, `<stem>-<hex>_bg.wasm` or `_cold.wasm`. */
export const HASHED = /-[0-9a-f]{8,64}(_bg|_cold)?\.(wasm|js|css)$/;

const linkRe = /<link\b[^>]*\brel="stylesheet"[^>]*>/gi;
const attr = (tag, name) => (tag.match(new RegExp(`\\s${name}="([^"]*)"`, 'i')) ?? [])[1];

/** Concatenates every hashed local style sheet of each page into one hashed file. */
export function bundleCss(staging, base) {
  const pages = fs.readdirSync(staging).filter((f) => f.endsWith('.html'));
  const bundled = new Set();
  for (const name of pages) {
    const file = path.join(staging, name);
    let html = fs.readFileSync(file, 'utf8');
    const links = [...html.matchAll(linkRe)]
      .map((m) => ({ tag: m[0], href: attr(m[0], 'href') ?? '' }))
      .filter(({ href }) => href.startsWith(base) && HASHED.test(href) && !href.includes('/', base.length));
    if (links.length < 2) continue;
    const css = links.map(({ href }) => fs.readFileSync(path.join(staging, href.slice(base.length)), 'utf8'));
    const body = css.join('\n');
    const out = `style-${crypto.createHash('sha256').update(body).digest('hex').slice(0, 16)}.css`;
    fs.writeFileSync(path.join(staging, out), body);
    const integrity = `sha384-${crypto.createHash('sha384').update(body).digest('base64')}`;
    const tag = `<link rel="stylesheet" href="${base}${out}" integrity="${integrity}"/>`;
    html = html.replace(links[0].tag, tag);
    for (const l of links.slice(1)) html = html.replace(l.tag, '');
    fs.writeFileSync(file, html.replace(/\n(\s*\n)+/g, '\n'));
    for (const l of links) bundled.add(l.href.slice(base.length));
  }
  // The separate sheets are gone from every page: don't ship them.
  const still = pages.map((p) => fs.readFileSync(path.join(staging, p), 'utf8')).join('\n');
  for (const f of bundled) if (!still.includes(f)) fs.rmSync(path.join(staging, f));
}

/** Moves Trunk's preload links to the top of <head> (after the charset and the policy). */
export function preloadFirst(staging) {
  for (const name of fs.readdirSync(staging).filter((f) => f.endsWith('.html'))) {
    const file = path.join(staging, name);
    let html = fs.readFileSync(file, 'utf8');
    const preloads = [...html.matchAll(/<link\b[^>]*\brel="(?:modulepreload|preload)"[^>]*>/gi)].map((m) => m[0]);
    if (!preloads.length) continue;
    for (const p of preloads) html = html.replace(p, '');
    // The wasm first: it is the long download; the JS glue is small.
    preloads.sort((a, b) => Number(/\.wasm"/.test(b)) - Number(/\.wasm"/.test(a)));
    const at = html.search(/<meta name="viewport"/i);
    if (at < 0) throw new Error(`${name}: no <meta name="viewport"> to put the preloads before`);
    html = html.slice(0, at) + preloads.join('\n    ') + '\n    ' + html.slice(at);
    fs.writeFileSync(file, html);
  }
}

/** One page's module scripts, moved before its first classic `<script src>` in <head>. */
export function modulesFirst(html) {
  const head = html.slice(0, html.search(/<\/head>/i));
  const classic = [...head.matchAll(/<script\b(?![^>]*type="module")[^>]*\ssrc=[^>]*><\/script>/gi)][0];
  if (!classic) return html;
  const modules = [...head.matchAll(/<script\b[^>]*type="module"[^>]*><\/script>/gi)].filter((m) => m.index > classic.index).map((m) => m[0]);
  for (const m of modules) html = html.replace(m, '');
  return html.replace(classic[0], [...modules, classic[0]].join('\n    ')).replace(/\n(\s*\n)+/g, '\n');
}

/** Trunk's loader, made to instantiate the module wasm-start compiled (or fetch as before). */
export function loadCompiled(loader) {
  return loader.replace(/module_or_path:\s*('[^']*\.wasm')/, 'module_or_path: await (window.obplayWasm || Promise.reject()).catch(() => $1)');
}

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/** `_headers` blocks for every file of the site: one Cache-Control per path. */
export function cacheRules(staging) {
  // Files in sub-folders too (i18n/: the Chinese catalogue and translator, unhashed).
  const files = fs.readdirSync(staging, { recursive: true }).filter((f) => f !== '_headers' && fs.statSync(path.join(staging, f)).isFile()).map((f) => f.split(path.sep).join('/')).sort();
  const rules = [['/', REVALIDATE, null]];
  for (const f of files) {
    const hashed = HASHED.test(f);
    rules.push([`/${f}`, hashed ? IMMUTABLE : REVALIDATE, f.endsWith('.wasm') ? 'application/wasm' : null]);
  }
  return rules
    .map(([p, cache, type]) => `${p}\n  Cache-Control: ${cache}\n${type ? `  Content-Type: ${type}\n` : ''}`)
    .join('');
}
