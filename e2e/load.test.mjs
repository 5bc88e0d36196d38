// Loading (issue 16): the layout is painted from static HTML and CSS before any wasm has arrived
// and the app takes its place without moving anything; hashed files are cached across visits
// (only the page is revalidated); the built page asks for the wasm first and for one style sheet.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, watchedPage, screenshot, distDir, headerRules, headersFor } from './harness.mjs';
import { HASHED, IMMUTABLE, REVALIDATE } from '../tools/assets.mjs';
import { run } from './console-helpers.mjs';

let site;
let browser;
// The test server holds every wasm response until `release()`.
let release = () => {};
let held = Promise.resolve();
const holdWasm = () => {
  held = new Promise((r) => (release = r));
};
before(async () => {
  site = await serveDist({ hold: (p) => (p.endsWith('.wasm') ? held : null) });
  browser = await launch();
});
after(async () => {
  release();
  await browser?.close();
  await site?.close();
});

/** Boxes (x, y, width, height) of the parts both the skeleton and the app have. */
const boxes = (page, sel) =>
  page.evaluate((sel) => {
    const out = {};
    for (const [name, css] of Object.entries(sel)) {
      const el = document.querySelector(css);
      if (!el) continue;
      const b = el.getBoundingClientRect();
      out[name] = [b.x, b.y, b.width, b.height].map(Math.round);
    }
    return out;
  }, sel);
const SKELETON = {
  header: '#loading > .topbar:nth-child(1)',
  timebar: '#loading > .topbar:nth-child(2)',
  console: '#loading .skel-console',
  blocks: '#loading .skel-blocks',
  jobs: '#loading .col-side > .dash:nth-child(1)',
  jobsPanel: '#loading .dash-panel',
  tenants: '#loading .col-side > .dash:nth-child(2)',
  card: '#loading .tenant-card',
};
const APP = {
  header: 'header.topbar',
  timebar: '.timebar',
  console: '.panel.console',
  blocks: '.panel.blocks',
  jobs: '.dash-jobs',
  jobsPanel: '.dash-jobs .dash-panel',
  tenants: '.dash-tenants',
  card: '.tenant-card',
};

for (const [width, height] of [[1280, 800], [600, 1000]]) {
  test(`${width} px: the layout is painted before the wasm arrives, and the app replaces it in place`, async () => {
    holdWasm();
    const { page, problems, context } = await watchedPage(browser, site.origin);
    await page.setViewportSize({ width, height });
    const seen = site.requests.length;
    await page.goto(site.origin + '/', { waitUntil: 'commit' });
    await page.waitForFunction(() => performance.getEntriesByType('paint').some((e) => e.name === 'first-contentful-paint'));
    // Painted, and the wasm is still on its way (the server holds it).
    const before = await page.evaluate(() => ({
      wasmDone: performance.getEntriesByType('resource').some((e) => e.name.endsWith('.wasm')),
      ready: document.documentElement.dataset.obplay ?? null,
      // What a benchmark waiting for the console might look for: none of it is in the skeleton.
      textarea: !!document.querySelector('textarea'),
      log: !!document.querySelector('[role=log]'),
      input: !!document.getElementById('sql-input'),
      busy: document.getElementById('loading')?.getAttribute('aria-busy'),
    }));
    assert.deepEqual(before, { wasmDone: false, ready: null, textarea: false, log: false, input: false, busy: 'true' });
    assert.ok(site.requests.slice(seen).some((r) => r.path === '/'), 'the page was served');
    assert.ok(!site.requests.slice(seen).some((r) => r.path.endsWith('.wasm')), 'the wasm response is held');
    assert.match(await page.textContent('#loading'), /Loading the playground…/);
    // One language shows: an English reader sees no Chinese line (lang.js set <html lang>).
    const shown = await page.innerText('#loading');
    assert.match(shown, /Loading the playground…/);
    assert.doesNotMatch(shown, /正在加载/);
    assert.ok(await page.isVisible('#loading .skel-console'));
    const skel = await boxes(page, SKELETON);
    assert.deepEqual(Object.keys(skel).sort(), Object.keys(SKELETON).sort(), 'every part of the skeleton is laid out');
    for (const [name, [, , w, h]] of Object.entries(skel)) assert.ok(w > 0 && h > 0, `${name} has a size`);
    await screenshot(page, `load-skeleton-${width}`);

    release();
    await page.waitForSelector('html[data-obplay=ready]');
    assert.equal(await page.$('#loading'), null, 'the skeleton is gone');
    assert.ok(await page.isEnabled('#sql-input'), 'the console accepts input');
    const app = await boxes(page, APP);
    await screenshot(page, `load-app-${width}`);
    // Nothing moves: every part starts where its shape was, as wide; heights within 2 px. The
    // macroblock grids and the tenant cards are taller or shorter than their shapes, so in one
    // column (up to 900 px) what comes after the grids may start elsewhere.
    const compared = width > 900 ? Object.keys(SKELETON) : ['header', 'timebar', 'console', 'blocks'];
    for (const name of compared) {
      const [sx, sy, sw, sh] = skel[name];
      const [ax, ay, aw, ah] = app[name];
      const msg = `${name}: skeleton ${skel[name]} vs app ${app[name]}`;
      assert.ok(Math.abs(sx - ax) <= 2 && Math.abs(sy - ay) <= 2 && Math.abs(sw - aw) <= 2, msg);
      if (!['blocks', 'tenants', 'card'].includes(name)) assert.ok(Math.abs(sh - ah) <= 2, msg);
    }
    assert.deepEqual(problems.consoleErrors, []);
    assert.deepEqual(problems.offOrigin, []);
    await context.close();
  });
}

test('a Chinese reader sees the skeleton in Chinese only, before the wasm arrives', async () => {
  holdWasm();
  const { page, problems, context } = await watchedPage(browser, site.origin);
  await page.goto(site.origin + '/?lang=zh-CN', { waitUntil: 'commit' });
  await page.waitForFunction(() => performance.getEntriesByType('paint').some((e) => e.name === 'first-contentful-paint'));
  const shown = await page.innerText('#loading');
  assert.match(shown, /正在加载演练场…/);
  assert.doesNotMatch(shown, /Loading the playground/);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.obplay ?? null), null, 'the wasm is still held');
  await screenshot(page, 'load-skeleton-zh');
  release();
  await page.waitForSelector('html[data-obplay=ready]');
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test('a second visit pays for the page only: hashed files come from the cache, the page is revalidated', async () => {
  const { page, problems, context } = await watchedPage(browser, site.origin);
  const responses = [];
  page.on('response', (r) => responses.push(r));
  await page.goto(site.origin + '/');
  await page.waitForSelector('html[data-obplay=ready]');
  const wasm = responses.find((r) => r.url().endsWith('.wasm'));
  assert.equal(wasm.headers()['content-type'], 'application/wasm', 'streaming compilation needs application/wasm');
  assert.equal(wasm.headers()['cache-control'], IMMUTABLE);
  assert.equal(responses.find((r) => new URL(r.url()).pathname === '/').headers()['cache-control'], REVALIDATE);

  const seen = site.requests.length;
  await page.goto(site.origin + '/');
  await page.waitForSelector('html[data-obplay=ready]');
  const again = site.requests.slice(seen);
  assert.deepEqual(again, [{ path: '/', status: 304 }], `second visit asked the server for ${JSON.stringify(again)}`);
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test('the first screen needs only the main part of the wasm, compiled while it downloads; the rest follows', async () => {
  const { page, problems, context } = await watchedPage(browser, site.origin);
  // What the page had needed from the cold part when it became ready (tools/split.mjs).
  await context.addInitScript(() => new MutationObserver(() => {
    if (document.documentElement.dataset.obplay === 'ready' && !window.__atReady) window.__atReady = { misses: (window.obplaySplitMisses || []).length };
  }).observe(document, { attributes: true, subtree: true }));
  const seen = site.requests.length;
  await page.goto(site.origin + '/');
  await page.waitForSelector('html[data-obplay=ready]');
  assert.deepEqual(await page.evaluate(() => window.__atReady), { misses: 0 }, 'nothing from the cold part before ready');
  // The module the app runs is the one lang.js started compiling.
  assert.equal(await page.evaluate(async () => (await window.obplayWasm) instanceof WebAssembly.Module), true);
  // The cold part is fetched after ready and linked without a synchronous request.
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('_cold.wasm')));
  const cold = await page.evaluate(() => performance.getEntriesByType('resource').find((e) => e.name.endsWith('_cold.wasm')).startTime);
  const ready = await page.evaluate(() => performance.getEntriesByName('obplay:ready')[0].startTime);
  assert.ok(cold > ready, `the cold part is asked for after ready (${cold} > ${ready})`);
  await page.waitForFunction(() => window.obplaySplitLinked);
  // The panels below the first screen are built once it is linked (src/app.rs).
  await page.waitForSelector('.dash-restore');
  await page.waitForSelector('.panel.faults');
  assert.match(await run(page, 'SELECT COUNT(*), SUM(CRC32(CONCAT_WS(\'#\', tenant_id, tenant_name))) FROM oceanbase.DBA_OB_TENANTS;'), /1 row in set/);
  assert.equal(await page.evaluate(() => window.obplaySplitMisses), undefined, 'no stub had to fetch it');
  const wasm = site.requests.slice(seen).filter((r) => r.path.endsWith('.wasm')).map((r) => r.path.replace(/-[0-9a-f]+/, '-…'));
  assert.deepEqual(wasm.sort(), ['/obplay-…_bg.wasm', '/obplay-…_cold.wasm'], 'each part once: the early compile reuses the preload');
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();

  // A server that sends the wasm as application/octet-stream: compileStreaming refuses both parts.
  // The loader fetches the main part itself (wasm-bindgen then compiles it without streaming).
  // The cold part's first request is held back: the first statement's stub fetches it
  // synchronously, and the panels waiting for it are built then.
  const second = await watchedPage(browser, site.origin);
  let coldRequests = 0;
  await second.page.route('**/*.wasm', async (route) => {
    if (route.request().url().endsWith('_cold.wasm') && ++coldRequests === 1) await new Promise((r) => setTimeout(r, 4000));
    const res = await route.fetch();
    await route.fulfill({ response: res, headers: { ...res.headers(), 'content-type': 'application/octet-stream' } });
  });
  await second.page.goto(site.origin + '/');
  await second.page.waitForSelector('html[data-obplay=ready]');
  assert.equal(await second.page.evaluate(() => window.obplayWasm.then(() => 'compiled', () => 'refused')), 'refused');
  assert.equal(await second.page.evaluate(() => window.obplaySplitLinked), false, 'the cold part is held back');
  assert.equal(await second.page.locator('.dash-restore').count(), 0, 'the panels below the first screen wait for it');
  // So does the play loop (its ticks run engine code the start did not).
  const clock = () => second.page.textContent('[data-testid=sim-clock]');
  const stopped = await clock();
  await second.page.waitForTimeout(1200);
  assert.equal(await clock(), stopped, 'simulated time waits for the rest of the wasm');
  assert.match(await run(second.page, 'SELECT 1;'), /1 row in set/);
  assert.ok(await second.page.evaluate(() => window.obplaySplitMisses?.length > 0), 'the cold part came through a stub');
  await second.page.waitForSelector('.dash-restore');
  await second.page.waitForFunction((t) => document.querySelector('[data-testid=sim-clock]').textContent !== t, stopped);
  assert.match(await run(second.page, "SELECT tenant_name FROM oceanbase.DBA_OB_TENANTS WHERE tenant_id = 1;"), /\| sys +\|/);
  // The held-back request arrives late: the page, already linked, takes no notice of it.
  await second.page.unrouteAll({ behavior: 'wait' });
  await second.page.waitForTimeout(300);
  assert.match(await run(second.page, 'SELECT 2;'), /1 row in set/);
  assert.deepEqual(second.problems.consoleErrors, []);
  await second.context.close();
});

test('a start that replays statements (an embed with a scenario and a script, a reload) fetches both parts at once and needs no synchronous request', async () => {
  const { page, problems, context } = await watchedPage(browser, site.origin);
  const seen = site.requests.length;
  await page.goto(site.origin + '/?embed=1&scenario=ready&script=' + encodeURIComponent('SELECT COUNT(*) FROM oceanbase.DBA_OB_TENANTS;'));
  await page.waitForSelector('html[data-obplay=ready]');
  assert.equal(await page.evaluate(() => window.obplaySplitLinked), true, 'linked before it mounted');
  const cold = await page.evaluate(() => performance.getEntriesByType('resource').find((e) => e.name.endsWith('_cold.wasm')).startTime);
  const main = await page.evaluate(() => performance.getEntriesByName('obplay:main')[0].startTime);
  assert.ok(cold < main, `the cold part is asked for before the main part runs (${cold} < ${main})`);
  assert.equal(await page.evaluate(() => window.obplaySplitMisses), undefined, 'no stub had to fetch it');
  const wasm = site.requests.slice(seen).filter((r) => r.path.endsWith('.wasm')).map((r) => r.path.replace(/-[0-9a-f]+/, '-…'));
  assert.deepEqual(wasm.sort(), ['/obplay-…_bg.wasm', '/obplay-…_cold.wasm'], 'each part once');
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();

  // A reload replays the saved session up to where its clock was: the same.
  const again = await watchedPage(browser, site.origin);
  await again.page.goto(site.origin + '/');
  await again.page.waitForSelector('html[data-obplay=ready]');
  await again.page.waitForFunction(() => window.obplaySplitLinked);
  const played = await again.page.textContent('[data-testid=sim-clock]');
  await again.page.waitForFunction((t) => document.querySelector('[data-testid=sim-clock]').textContent !== t, played);
  await again.page.reload();
  await again.page.waitForSelector('html[data-obplay=ready]');
  assert.equal(await again.page.evaluate(() => window.obplaySplitLinked), true, 'linked before it mounted');
  assert.equal(await again.page.evaluate(() => window.obplaySplitMisses), undefined, 'no stub had to fetch it');
  assert.deepEqual(again.problems.consoleErrors, []);
  await again.context.close();
});

test('when the second part of the wasm cannot be downloaded, the page says so', async () => {
  const { page, context } = await watchedPage(browser, site.origin);
  let tries = 0;
  await page.route('**/*_cold.wasm', (route) => { tries++; return route.abort('connectionfailed'); });
  await page.goto(site.origin + '/');
  await page.waitForSelector('html[data-obplay=ready]');
  const notice = page.locator('.code-failed');
  await notice.waitFor({ timeout: 15000 });
  assert.match(await notice.innerText(), /^The rest of the playground's code could not be downloaded: the restore drill, the faults and the clock wait for it, and a statement may fail\. Reload the page to try again\.$/);
  assert.ok(tries >= 2, `the download is tried again before giving up (${tries} requests)`);
  assert.equal(await page.locator('.dash-restore').count(), 0);
  assert.equal(await page.locator('#sql-input').isEditable(), true, 'the console stays');
  await context.close();
  // In Chinese, the Chinese sentence only.
  const zh = await watchedPage(browser, site.origin);
  await zh.page.route('**/*_cold.wasm', (route) => route.abort('connectionfailed'));
  await zh.page.goto(site.origin + '/?lang=zh-CN');
  await zh.page.waitForSelector('html[data-obplay=ready]');
  await zh.page.locator('.code-failed').waitFor({ timeout: 15000 });
  assert.equal(await zh.page.locator('.code-failed').innerText(), '演练场其余的代码未能下载：恢复演练、故障面板和时钟都在等待它，语句也可能失败。请重新加载页面再试。');
  await zh.context.close();
});

test('_headers: one Cache-Control for every file (hashed ones immutable), the policy everywhere', () => {
  const rules = headerRules();
  const files = fs.readdirSync(distDir, { recursive: true }).filter((f) => f !== '_headers' && fs.statSync(path.join(distDir, f)).isFile()).map((f) => f.split(path.sep).join('/'));
  for (const p of ['/', ...files.map((f) => `/${f}`)]) {
    const matching = rules.filter((r) => r.headers['Cache-Control'] && (r.pattern === p || r.pattern === '/*'));
    assert.equal(matching.length, 1, `${p}: exactly one Cache-Control rule (a host joins two into one header)`);
    const h = headersFor(p, rules);
    assert.ok(h['Content-Security-Policy'], `${p}: policy`);
    const want = HASHED.test(p) ? IMMUTABLE : REVALIDATE;
    assert.equal(h['Cache-Control'], want, p);
  }
  // Every hashed file really is named by its content: index.html and the wasm change name with
  // each build; the page that names them is revalidated.
  for (const f of ['index.html', 'docs-example.html', 'docs-example.js']) assert.equal(headersFor(`/${f}`, rules)['Cache-Control'], REVALIDATE, f);
  assert.ok(files.some((f) => f.endsWith('.wasm') && HASHED.test(f)));
});

test('the page asks for the wasm first and for one style sheet', () => {
  const html = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const head = html.slice(0, html.indexOf('</head>'));
  const order = [...head.matchAll(/<(link|script)\b[^>]*>/g)].map((m) => m[0]);
  const at = (re) => order.findIndex((t) => re.test(t));
  assert.ok(at(/rel="preload"[^>]*\.wasm"/) >= 0, 'the wasm is preloaded');
  assert.ok(at(/rel="preload"[^>]*\.wasm"/) < at(/rel="stylesheet"/), 'before the style sheet');
  assert.ok(at(/rel="modulepreload"/) < at(/rel="stylesheet"/), 'the JS glue too');
  assert.equal(order.filter((t) => /rel="stylesheet"/.test(t)).length, 1, 'one style sheet');
  const csp = head.indexOf('http-equiv="Content-Security-Policy"');
  assert.ok(csp >= 0 && csp < head.indexOf('rel="preload"'), 'the policy comes before any request');
  for (const m of head.matchAll(/(?:href|src)="\.\/([^"]+)"/g)) assert.ok(fs.existsSync(path.join(distDir, m[1])), m[1]);
});
