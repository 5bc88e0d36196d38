// Shared e2e plumbing: serve dist/ on 127.0.0.1 with the headers of dist/_headers (the
// Content-Security-Policy, each file's Cache-Control), launch Debian's Chromium, watch for
// console errors, CSP violations and any request that leaves the page's own origin.
import http from 'node:http';
import fs from 'node:fs';
import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const distDir = process.env.OBPLAY_DIST ?? path.join(here, '..', 'dist');
export const artifactsDir = path.join(here, 'artifacts');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/** The rules of `_headers` (Netlify / Cloudflare Pages format): `[{ pattern, headers }]`. */
export function headerRules(dir = distDir) {
  const file = path.join(dir, '_headers');
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: build with trunk (tools/csp.mjs writes it)`);
  const rules = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      rules.push({ pattern: line.trim(), headers: {} });
      continue;
    }
    const m = line.match(/^\s+([^:]+):\s*(.*)$/);
    if (m && rules.length) rules.at(-1).headers[m[1].trim()] = m[2].trim();
  }
  return rules;
}

/** Does a `_headers` pattern (`*` a splat, as the hosts read it) match this path? */
export function ruleMatches(pattern, pathname) {
  const re = new RegExp('^' + pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  return re.test(pathname);
}

/** The headers `_headers` gives one path: every matching rule's, in order (a host joins a
 *  header that two rules give; the tests check that none does). */
export function headersFor(pathname, rules = headerRules()) {
  const out = {};
  for (const r of rules) if (ruleMatches(r.pattern, pathname)) Object.assign(out, r.headers);
  return out;
}

/** The headers `_headers` gives every path (`/*`). */
export function siteHeaders(dir = distDir) {
  return headerRules(dir).find((r) => r.pattern === '/*')?.headers ?? {};
}

/**
 * Serves `distDir` (a static site, as any web server would, with the headers of its
 * `_headers`, an ETag and 304 answers to a matching If-None-Match) on an ephemeral loopback
 * port. With `prefix` (e.g. '/sub/obplay/') the site lives under that sub-path only, as on a
 * documentation host; everything else is 404. `hold(pathname)` may return a promise: the
 * response waits for it (e.g. to delay the wasm). `requests` lists every path asked for, with
 * its status.
 */
export async function serveDist({ prefix = '/', hold = () => null } = {}) {
  const rules = headerRules();
  const requests = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    if (!url.pathname.startsWith(prefix)) {
      res.writeHead(404).end('not found');
      return;
    }
    const rel = '/' + url.pathname.slice(prefix.length);
    let file = path.normalize(path.join(distDir, decodeURIComponent(rel)));
    if (!file.startsWith(distDir)) {
      res.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    await hold(rel);
    fs.readFile(file, (err, body) => {
      if (err) {
        requests.push({ path: rel, status: 404 });
        res.writeHead(404).end('not found');
        return;
      }
      const etag = `"${crypto.createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
      const headers = { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', etag };
      for (const [k, v] of Object.entries(headersFor(rel, rules))) headers[k.toLowerCase()] = v;
      const fresh = req.headers['if-none-match'] === etag;
      requests.push({ path: rel, status: fresh ? 304 : 200 });
      res.writeHead(fresh ? 304 : 200, headers);
      res.end(fresh ? undefined : body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  return { origin, base: origin + prefix, requests, close: () => new Promise((r) => server.close(r)) };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh page that records console errors, page errors, CSP violations and off-origin
 *  requests. A violation is also recorded as a console error, so every test that asserts
 *  `problems.consoleErrors` is empty also asserts the page broke no policy. */
export async function watchedPage(browser, origin) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const problems = { consoleErrors: [], offOrigin: [], cspViolations: [], failed: [] };
  await context.exposeBinding('__obplayCspViolation', (_source, v) => {
    problems.cspViolations.push(v);
    problems.consoleErrors.push(`CSP violation: ${v.directive} blocked ${v.blocked} (${v.sample})`);
  });
  await context.addInitScript(() => {
    window.addEventListener(
      'securitypolicyviolation',
      (e) => window.__obplayCspViolation({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample }),
      true,
    );
  });
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => problems.consoleErrors.push(String(err)));
  page.on('request', (req) => {
    const u = req.url();
    if (u.startsWith('data:') || u.startsWith('blob:')) return;
    if (new URL(u).origin !== origin) problems.offOrigin.push(u);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.failed.push(`${res.status()} ${res.url()}`);
  });
  return { context, page, problems };
}

export async function screenshot(page, name) {
  fs.mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
