// Trunk post_build hook: the site's Content-Security-Policy (see ARCHITECTURE.md, "Security").
//
// Trunk writes its wasm loader as an inline <script type="module">. A policy without
// 'unsafe-inline' would block it, so this moves every inline script of the built pages into a
// file named by its hash (loader-<sha256>.js, same directory, same attributes), then:
//   * adds the policy as <meta http-equiv> to each page (everything but frame-ancestors, which
//     browsers ignore in a meta tag);
//   * writes _headers (Netlify / Cloudflare Pages format) with the full policy as an HTTP header;
//   * checks that Trunk.toml's [serve] header is the same policy, so `trunk serve` matches.
// Before that, tools/split.mjs splits the wasm (release builds by `./dev`), tools/assets.mjs bundles the style sheets into one file and moves the preloads to
// the top of <head>; _headers also gets each file's Cache-Control (hashed files immutable).
// The e2e harness serves dist/ with the headers from _headers.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { bundleCss, preloadFirst, loadCompiled, modulesFirst, cacheRules } from './assets.mjs';
import { splitWasm } from './split.mjs';

export const POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  'frame-ancestors *',
].join('; ');

const META_POLICY = POLICY.split('; ').filter((d) => !d.startsWith('frame-ancestors')).join('; ');

function fail(msg) {
  console.error(`csp hook: ${msg}`);
  process.exit(1);
}

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) fail('TRUNK_STAGING_DIR is not set (run by trunk as a post_build hook)');
const base = process.env.TRUNK_PUBLIC_URL || '/';

// The wasm in two, by what the first screen runs (tools/split.mjs): release builds by `./dev`.
if (process.env.TRUNK_PROFILE === 'release' && process.env.OBPLAY_SPLIT === '1') await splitWasm(staging);
bundleCss(staging, base);
preloadFirst(staging);

for (const name of fs.readdirSync(staging).filter((f) => f.endsWith('.html'))) {
  const file = path.join(staging, name);
  let html = fs.readFileSync(file, 'utf8');
  html = html.replace(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi, (whole, attrs, body) => {
    if (/\ssrc\s*=/i.test(attrs) || body.trim() === '') return whole;
    const type = (attrs.match(/\stype\s*=\s*["']?([^"'\s>]+)/i) ?? [])[1];
    if (type && !/^(module|text\/javascript)$/i.test(type)) return whole; // data blocks stay
    body = loadCompiled(body);
    const js = `loader-${crypto.createHash('sha256').update(body).digest('hex').slice(0, 16)}.js`;
    fs.writeFileSync(path.join(staging, js), body);
    return `<script${attrs} src="${base}${js}"></script>`;
  });
  if (/<script\b(?![^>]*\ssrc\s*=)[^>]*>\s*\S/i.test(html)) fail(`${name} still has an inline script`);
  html = modulesFirst(html);
  if (!html.includes('http-equiv="Content-Security-Policy"')) {
    const meta = `<meta http-equiv="Content-Security-Policy" content="${META_POLICY}" />`;
    const at = html.search(/<meta charset[^>]*>/i);
    html = at >= 0
      ? html.replace(/(<meta charset[^>]*>)/i, `$1\n    ${meta}`)
      : html.replace(/<head>/i, `<head>\n    ${meta}`);
  }
  fs.writeFileSync(file, html);
}

fs.writeFileSync(path.join(staging, '_headers'), `/*\n  Content-Security-Policy: ${POLICY}\n${cacheRules(staging)}`);

const source = process.env.TRUNK_SOURCE_DIR ?? '.';
const toml = fs.readFileSync(path.join(source, 'Trunk.toml'), 'utf8');
const served = (toml.match(/"Content-Security-Policy"\s*=\s*"([^"]*)"/) ?? [])[1];
if (served !== POLICY) fail(`Trunk.toml [serve] Content-Security-Policy must be exactly:\n${POLICY}`);
