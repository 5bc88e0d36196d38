// Shared e2e plumbing: serve dist/ on 127.0.0.1 with the headers of dist/_headers (the
// Content-Security-Policy), launch Debian's Chromium, watch for console errors, CSP violations
// and any request that leaves the page's own origin.
import http from 'node:http';
import fs from 'node:fs';
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

/** The headers `_headers` (Netlify / Cloudflare Pages format) gives every path: `/*` only. */
export function siteHeaders(dir = distDir) {
  const file = path.join(dir, '_headers');
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: build with trunk (tools/csp.mjs writes it)`);
  const headers = {};
  let all = false;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    if (!/^\s/.test(line)) {
      all = line.trim() === '/*';
      continue;
    }
    const m = line.match(/^\s+([^:]+):\s*(.*)$/);
    if (all && m) headers[m[1].trim()] = m[2].trim();
  }
  return headers;
}

/**
 * Serves `distDir` (a static site, as any web server would, with the headers of its
 * `_headers`) on an ephemeral loopback port. With `prefix` (e.g. '/sub/obplay/') the site
 * lives under that sub-path only, as on a documentation host; everything else is 404.
 */
export async function serveDist({ prefix = '/' } = {}) {
  const extra = siteHeaders();
  const server = http.createServer((req, res) => {
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
    fs.readFile(file, (err, body) => {
      if (err) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, { ...extra, 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  return { origin, base: origin + prefix, close: () => new Promise((r) => server.close(r)) };
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
