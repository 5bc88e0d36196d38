// The Content-Security-Policy: sent as a header (from dist/_headers) and as a <meta> tag, wasm
// allowed without 'unsafe-eval', no inline script left, enforced (an injected inline script or
// style is blocked and reported), and the page can be embedded by another origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDist, launch, watchedPage, screenshot, siteHeaders } from './harness.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

let site;
let browser;
before(async () => {
  site = await serveDist();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

const directives = (policy) =>
  Object.fromEntries(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));

test('the policy: header and meta agree, wasm without unsafe-eval, no inline script, embeddable', async () => {
  const header = siteHeaders()['Content-Security-Policy'];
  const d = directives(header);
  assert.deepEqual(d['script-src'], ["'self'", "'wasm-unsafe-eval'"]);
  assert.deepEqual(d['default-src'], ["'self'"]);
  assert.deepEqual(d['style-src'], ["'self'"]);
  assert.deepEqual(d['connect-src'], ["'self'"]);
  assert.deepEqual(d['img-src'], ["'self'", 'data:']);
  assert.deepEqual(d['frame-ancestors'], ['*']);
  assert.doesNotMatch(header, /unsafe-inline|'unsafe-eval'/);
  const res = await fetch(site.origin + '/');
  assert.equal(res.headers.get('content-security-policy'), header);
  const html = await res.text();
  const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
  assert.equal(meta, header.replace(/; frame-ancestors \*/, ''), 'meta = header without frame-ancestors');
  assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>\s*\S/, 'no inline script');
  const trunkToml = fs.readFileSync(path.join(root, 'Trunk.toml'), 'utf8');
  assert.ok(trunkToml.includes(`"Content-Security-Policy" = "${header}"`), 'trunk serve sends the same policy');
});

test('the policy is enforced: injected inline script, inline style and eval are blocked and reported', async () => {
  const { page, problems, context } = await watchedPage(browser, site.origin);
  await page.goto(site.origin + '/');
  await page.waitForSelector('#sql-input');
  assert.deepEqual(problems.cspViolations, [], 'the app itself breaks no policy');
  const result = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.head.append(s);
    const el = document.createElement('div');
    el.setAttribute('style', 'color: red');
    document.body.append(el);
    // A string timer is eval (Playwright's own evaluate is exempt, a timer's later run is not).
    setTimeout('window.__evalRan = true', 0);
    await new Promise((r) => setTimeout(r, 100));
    return { inlineRan: window.__inlineRan === true, evalRan: window.__evalRan === true };
  });
  assert.equal(result.inlineRan, false);
  assert.equal(result.evalRan, false);
  // Each is reported once per policy: the header's and the meta tag's.
  const blocked = problems.cspViolations.map((v) => `${v.directive} ${v.blocked}`).sort();
  assert.deepEqual(blocked, [
    'script-src eval', 'script-src eval',
    'script-src-elem inline', 'script-src-elem inline',
    'style-src-attr inline', 'style-src-attr inline',
  ]);
  await context.close();
});

test('another origin can embed the page in an iframe (frame-ancestors)', async () => {
  const host = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!DOCTYPE html><title>docs</title><p>Prose around an embed.</p>
      <iframe src="${site.origin}/" width="1200" height="700" title="obplay"></iframe>`);
  });
  await new Promise((r) => host.listen(0, '127.0.0.1', r));
  const hostOrigin = `http://127.0.0.1:${host.address().port}`;
  const { page, problems, context } = await watchedPage(browser, hostOrigin);
  await page.goto(hostOrigin + '/');
  const frame = page.frameLocator('iframe');
  await frame.locator('#sql-input').waitFor();
  await frame.locator('#sql-input').fill('SELECT 1;');
  await frame.locator('#sql-input').press('Enter');
  await frame.locator('[data-testid=transcript] .entry .out').first().waitFor();
  assert.match(await frame.locator('[data-testid=transcript] .entry .out').first().textContent(), /1 row in set/);
  await screenshot(page, 'csp-embedded');
  assert.deepEqual(problems.cspViolations, []);
  assert.deepEqual(problems.consoleErrors, []);
  // The only other origin the page talks to is the embedded site itself.
  assert.deepEqual(problems.offOrigin.filter((u) => !u.startsWith(site.origin)), []);
  await context.close();
  await new Promise((r) => host.close(r));
});
