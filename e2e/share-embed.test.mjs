// Share links, scenarios, embed parameters, docs-example.html and serving from a sub-path.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, watchedPage, screenshot, distDir } from './harness.mjs';
import { run, pause } from './console-helpers.mjs';

let root; // the site at /
let sub; // the same site under /sub/obplay/
let browser;
before(async () => {
  root = await serveDist();
  sub = await serveDist({ prefix: '/sub/obplay/' });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await root?.close();
  await sub?.close();
});

const entryCount = (page) => page.$$eval('[data-testid=transcript] .entry', (e) => e.length);
const transcript = (page) => page.textContent('[data-testid=transcript]');
const visible = (page, sel) => page.isVisible(sel);

function clean(problems) {
  assert.deepEqual(problems.consoleErrors, [], 'console errors');
  assert.deepEqual(problems.offOrigin, [], 'requests to another origin');
  assert.deepEqual(problems.failed, [], 'failed requests');
}

/** Opens an embed URL (query string without '?') of `site` and waits for the app. */
async function openEmbed(site, query, { heights = false } = {}) {
  const w = await watchedPage(browser, site.origin);
  if (heights) {
    await w.page.addInitScript(() => {
      window.__heights = [];
      window.addEventListener('message', (e) => {
        if (e.data && e.data.type === 'obplay:height') window.__heights.push(e.data.height);
      });
    });
  }
  await w.page.goto(`${site.base}?${query}`);
  await w.page.waitForSelector('[data-testid=transcript]', { state: 'attached' });
  return w;
}

const q = (params) => new URLSearchParams(params).toString();

test('a share link replays the same transcript, jobs and sets (served from a sub-path)', async () => {
  const { page, problems, context } = await watchedPage(browser, sub.origin);
  await page.goto(sub.base);
  await page.waitForSelector('#sql-input');
  // Start from a scenario with the picker: its prelude is shown in the transcript.
  await page.selectOption('#scenario-select', 'ready');
  await page.click('.scenario-picker button[type=submit]');
  await page.waitForFunction(() =>
    document.querySelector('[data-testid=transcript]').textContent.includes('CDB_OB_ARCHIVELOG'),
  );
  assert.equal(await page.textContent('[data-testid=scenario]'), 'Ready for backup');
  // Paused, so the state captured below is the state the link records (time plays at 1x).
  await pause(page);
  assert.match(await run(page, 'ALTER SYSTEM BACKUP DATABASE;'), /^Query OK/);
  await run(page, 'SELECT SLEEP(200);');
  await run(page, 'connect root@mysql_tenant');
  await run(page, 'CREATE TABLE test.t (a INT, b VARCHAR(40));');
  const insert = "INSERT INTO test.t VALUES\n  (1, 'it''s'),\n  (2, 'a\\\\b \"q\"'),\n  (3, '日本 ü');";
  assert.match(await run(page, insert), /3 rows affected/);
  // A fault from the Faults panel is part of the session too.
  await page.click('button:has-text("Stop 10.0.0.3")');
  await run(page, 'ALTER SYSTEM BACKUP INCREMENTAL DATABASE;');
  await run(page, 'SELECT SLEEP(20);');
  await page.click('button:has-text("Step +1 s")');
  const before = {
    transcript: await transcript(page),
    side: await page.textContent('.col-side'),
    clock: await page.textContent('[data-testid=sim-clock]'),
    faults: await page.textContent('.faults'),
  };
  assert.match(before.side, /COMPLETED|SUCCESS/);

  // The S shortcut (listed in the ? sheet) shares; the link is shown in a text field.
  await page.evaluate(() => document.activeElement.blur());
  await page.keyboard.press('?');
  assert.match(await page.textContent('.help'), /Share: copy a link/);
  await page.keyboard.press('Escape');
  await page.keyboard.press('s');
  await page.waitForSelector('#share-link', { state: 'visible' });
  const link = await page.inputValue('#share-link');
  assert.ok(link.startsWith(`${sub.base}#s=`), link);
  assert.ok(link.length < 2000, `${link.length} characters`);
  assert.match(await page.textContent('[data-testid=share-status]'), /characters/);
  await screenshot(page, 'share-dialog');

  // A browser with nothing saved opens the link: the same session.
  const other = await watchedPage(browser, sub.origin);
  await other.page.goto(link);
  await other.page.waitForSelector('#sql-input');
  await other.page.waitForFunction((n) => document.querySelectorAll('[data-testid=transcript] .entry').length === n,
    await entryCount(page));
  assert.equal(await transcript(other.page), before.transcript);
  assert.equal(await other.page.textContent('.col-side'), before.side);
  assert.equal(await other.page.textContent('[data-testid=sim-clock]'), before.clock);
  assert.equal(await other.page.textContent('.faults'), before.faults);
  assert.equal(await other.page.evaluate(() => location.hash), '', 'the fragment is dropped after replay');
  // The same queries print the same jobs and sets in both.
  for (const p of [page, other.page]) await run(p, 'connect root@sys');
  for (const sql of [
    'SELECT TENANT_ID, JOB_ID, BACKUP_TYPE, STATUS, RESULT FROM CDB_OB_BACKUP_JOB_HISTORY ORDER BY TENANT_ID, JOB_ID;',
    'SELECT TENANT_ID, JOB_ID, STATUS FROM CDB_OB_BACKUP_JOBS ORDER BY TENANT_ID;',
    'SELECT TENANT_ID, BACKUP_SET_ID, BACKUP_TYPE, STATUS, MACRO_BLOCK_COUNT FROM CDB_OB_BACKUP_SET_FILES ORDER BY TENANT_ID, BACKUP_SET_ID;',
  ]) {
    assert.equal(await run(other.page, sql), await run(page, sql), sql);
  }
  // Up/Down history holds the shared statements.
  await other.page.focus('#sql-input');
  await other.page.fill('#sql-input', '');
  await other.page.keyboard.press('ArrowUp');
  assert.ok((await other.page.inputValue('#sql-input')).length > 0);
  await screenshot(other.page, 'share-opened');
  clean(problems);
  clean(other.problems);
  await other.context.close();
  await context.close();
});

test('a damaged share link is reported and the page still works', async () => {
  const { page, problems, context } = await watchedPage(browser, root.origin);
  await page.goto(`${root.base}#s=AQEqBXJlYWR5AYKSiQEGgYY7gK3iBH6X`);
  await page.waitForSelector('#sql-input');
  assert.match(await page.textContent('.notices'), /This share link cannot be opened: .*checksum/);
  assert.match(await run(page, 'SELECT 1;'), /1 row in set/);
  await page.click('.notices button');
  assert.equal(await visible(page, '.notices'), false);
  clean(problems);
  await context.close();
});

test('embed=1 leaves out the page chrome', async () => {
  const { page, problems, context } = await openEmbed(root, q({ embed: '1' }));
  await page.waitForSelector('#sql-input');
  assert.equal(await visible(page, '.topbar'), false, 'no header');
  assert.equal(await visible(page, '.faults'), false, 'no faults panel');
  assert.equal(await visible(page, 'form.seed'), false, 'no seed form');
  assert.equal(await visible(page, 'button:has-text("Share")'), false, 'no share button');
  assert.equal(await visible(page, '.timebar .btn.primary'), true, 'time still runs');
  clean(problems);
  await context.close();
});

test('panels= shows only the panels asked for', async () => {
  const { page, problems, context } = await openEmbed(root, q({ embed: '1', panels: 'console,jobs' }));
  assert.equal(await visible(page, '.console'), true);
  assert.equal(await visible(page, '.dash-jobs'), true);
  assert.equal(await visible(page, '.dash-tenants'), false);
  const only = await openEmbed(root, q({ embed: '1', panels: 'tenants' }));
  assert.equal(await visible(only.page, '.console'), false);
  assert.equal(await visible(only.page, '.dash-jobs'), false);
  assert.equal(await visible(only.page, '.dash-tenants'), true);
  clean(problems);
  clean(only.problems);
  await only.context.close();
  await context.close();
});

test('scenario= starts from the scenario, its prelude in the transcript', async () => {
  const { page, problems, context } = await openEmbed(root, q({ embed: '1', scenario: 'busy' }));
  // The setup is one line until it is opened.
  assert.equal(await page.$$eval('[data-testid=transcript] .entry', (e) => e.length), 0);
  assert.match(await page.textContent('[data-testid=setup-toggle]'), /^Setup of “Busy cluster”: 15 statements/);
  await page.click('[data-testid=setup-toggle]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=transcript] .entry').length === 15);
  const text = await transcript(page);
  assert.match(text, /ALTER SYSTEM ARCHIVELOG;/);
  assert.match(text, /USER_TENANT \| DOING/);
  assert.match(await page.textContent('.dash-jobs'), /DOING/);
  assert.equal(await page.locator('[data-action=cancel-job]').first().isEnabled(), true);
  const bad = await openEmbed(root, q({ embed: '1', scenario: 'nosuch' }));
  assert.match(await bad.page.textContent('.notices'), /unknown scenario 'nosuch'/);
  clean(problems);
  clean(bad.problems);
  await bad.context.close();
  await context.close();
});

test('seed= sets the session seed', async () => {
  const { page, problems, context } = await openEmbed(root, q({ embed: '1', seed: '7' }));
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('obplay.embed.')));
  const saves = await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('obplay.embed.'))
      .map((k) => localStorage.getItem(k).split('\n')[0]),
  );
  assert.deepEqual(saves, ['obplay-session 3'], 'one save, under the embed key');
  assert.equal(await page.getAttribute('input[aria-label="New seed"]', 'placeholder'), '7');
  clean(problems);
  await context.close();
});

const SCRIPT = 'SELECT SLEEP(2);\nSELECT TENANT_ID, STATUS\n  FROM CDB_OB_ARCHIVELOG;';

test('script= shows steps that run only when their Run button is pressed', async () => {
  const { page, problems, context } = await openEmbed(root, q({ embed: '1', scenario: 'ready', script: SCRIPT }));
  assert.equal(await page.$$eval('.steps .step', (e) => e.length), 2);
  const prelude = await entryCount(page);
  await page.waitForTimeout(1000);
  assert.equal(await entryCount(page), prelude, 'nothing runs by itself');
  await page.click('button[aria-label="Run step 2"]');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=transcript] .entry').length === n + 1, prelude);
  assert.match(await page.textContent('[data-testid=transcript] .entry:last-child .out'), /DOING/);
  assert.equal(await page.textContent('button[aria-label="Run step 2"]'), 'Run again');
  assert.equal(await page.textContent('button[aria-label="Run step 1"]'), 'Run');
  clean(problems);
  await context.close();
});

test('autoplay=1 runs the script steps one after another', async () => {
  const { page, problems, context } = await openEmbed(root, q({ embed: '1', script: SCRIPT, autoplay: '1' }));
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=transcript] .entry').length === 2);
  assert.equal(await page.$$eval('.steps .step.done', (e) => e.length), 2);
  clean(problems);
  await context.close();
});

test('theme= sets the colour theme', async () => {
  for (const theme of ['dark', 'light']) {
    const { page, problems, context } = await openEmbed(root, q({ embed: '1', theme }));
    assert.equal(await page.getAttribute('html', 'data-theme'), theme);
    clean(problems);
    await context.close();
  }
});

test('readonly=1: no typing, dashboard actions disabled, steps still run', async () => {
  const { page, problems, context } = await openEmbed(root, q({ embed: '1', scenario: 'busy', readonly: '1', script: 'ALTER SYSTEM CANCEL BACKUP;' }));
  assert.equal(await visible(page, '#sql-input'), false);
  assert.equal(await page.isEnabled('#sql-input'), false);
  const cancel = page.locator('[data-action=cancel-job]').first();
  assert.equal(await cancel.isDisabled(), true, 'the job dashboard cancel button is disabled');
  const before = await entryCount(page);
  await page.click('button[aria-label="Run step 1"]');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=transcript] .entry').length === n + 1, before);
  assert.match(await page.textContent('[data-testid=transcript] .entry:last-child .out'), /^Query OK/);
  await screenshot(page, 'embed-readonly');
  clean(problems);
  await context.close();
});

test('embeds keep their sessions apart from each other and from the full app', async () => {
  const params = { embed: '1', script: 'SELECT 42;' };
  const a = await openEmbed(root, q({ ...params, id: 'a' }));
  await a.page.click('button[aria-label="Run step 1"]');
  await a.page.waitForFunction(() => document.querySelectorAll('[data-testid=transcript] .entry').length === 1);
  await a.page.reload();
  await a.page.waitForFunction(() => document.querySelectorAll('[data-testid=transcript] .entry').length === 1);
  assert.equal(await a.page.textContent('button[aria-label="Run step 1"]'), 'Run again', 'step state restored');
  const keys = await a.page.evaluate(() => Object.keys(localStorage));
  assert.ok(!keys.includes('obplay.session'), 'the full app key is untouched');
  // Another embed (same parameters, other id) in the same browser starts empty.
  const b = await a.context.newPage();
  await b.goto(`${root.base}?${q({ ...params, id: 'b' })}`);
  await b.waitForSelector('[data-testid=transcript]', { state: 'attached' });
  assert.equal(await entryCount(b), 0);
  // The full app does not see the embed's session.
  const app = await a.context.newPage();
  await app.goto(root.base);
  await app.waitForSelector('#sql-input');
  assert.equal(await entryCount(app), 0);
  clean(a.problems);
  await a.context.close();
});

test('an embed reports its content height to the host page', async () => {
  const { page, problems, context } = await openEmbed(root, q({ embed: '1', panels: 'console', script: 'SELECT 1;' }), {
    heights: true,
  });
  // The last height posted is the content's height.
  await page.waitForFunction(
    () => window.__heights.length > 0 && window.__heights.at(-1) === document.getElementById('obplay').scrollHeight,
  );
  const first = await page.evaluate(() => window.__heights.at(-1));
  assert.ok(first > 100, `${first}`);
  // Output beyond the transcript's minimum height makes the page taller: a new height is sent.
  for (let i = 0; i < 4; i++) await page.click('button[aria-label="Run step 1"]');
  await page.waitForFunction((h) => window.__heights.at(-1) > h, first);
  clean(problems);
  await context.close();
});

test('docs-example.html: nothing heavy before a click; then both embeds run in a page of prose (served from a sub-path)', async () => {
  const { page, problems, context } = await watchedPage(browser, sub.origin);
  const wasm = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.wasm') || r.url().includes('index.html')) wasm.push(r.url());
  });
  await page.setViewportSize({ width: 900, height: 500 });
  await page.goto(`${sub.base}docs-example.html`);
  await page.waitForSelector('#example-backup .embed-load');
  const below = await page.$eval('#example-cancel', (e) => e.getBoundingClientRect().top - window.innerHeight);
  assert.ok(below > 100, `the second embed starts ${below} px below the fold`);
  // First paint: prose and a placeholder with its button; no playground fetched yet.
  assert.deepEqual(wasm, [], 'no embed loaded before it is asked for');
  await screenshot(page, 'docs-example-first-paint');
  await page.click('#example-backup .embed-load');
  await page.waitForFunction(() => document.querySelector('#example-backup iframe')?.dataset.reported === 'yes');
  const backup = page.frameLocator('#example-backup iframe');
  for (const n of [1, 2, 3]) await backup.locator(`button[aria-label="Run step ${n}"]`).click();
  await backup.locator('[data-testid=transcript] .entry', { hasText: 'CDB_OB_BACKUP_JOBS' }).last().waitFor();
  assert.match(await backup.locator('[data-testid=transcript]').textContent(), /USER_TENANT \| DOING/);
  // tenants=mysql_tenant: one grid; the ready scenario's setup is one line until opened.
  assert.equal(await backup.locator('.blk-tenant').count(), 1);
  assert.match(await backup.locator('[data-testid=setup-toggle]').textContent(), /Setup of “Ready for backup”: 7 statements/);
  // The second embed loads when it scrolls into view.
  await page.locator('#example-cancel').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('#example-cancel iframe')?.dataset.reported === 'yes');
  const cancel = page.frameLocator('#example-cancel iframe');
  assert.equal(await cancel.locator('.timebar').isVisible(), false, 'controls=0: no time bar');
  for (const n of [1, 2, 3]) await cancel.locator(`button[aria-label="Run step ${n}"]`).click();
  await cancel.locator('[data-testid=transcript] .entry', { hasText: 'CDB_OB_BACKUP_JOB_HISTORY' }).last().waitFor();
  assert.match(await cancel.locator('[data-testid=transcript]').textContent(), /CANCELED \|\s+-4072/);
  // The host page sized each iframe to the content height the embed reported.
  await page.waitForFunction(() =>
    [...document.querySelectorAll('iframe.playground')].every(
      (f) => Math.abs(Number(f.height) - f.contentDocument.getElementById('obplay').scrollHeight) <= 1,
    ),
  );
  const heights = await page.$$eval('iframe.playground', (fs) => fs.map((f) => [f.clientWidth, Number(f.height)]));
  console.log(`# embeds (width, height): ${JSON.stringify(heights)}`);
  // Three panels (steps, console, macroblocks, jobs) in a docs column: about 1,350 px (it was 1,515).
  for (const [w, h] of heights) assert.ok(h < 1400, `a ${w} px wide embed is ${h} px tall`);
  await screenshot(page, 'docs-example');
  clean(problems);
  await context.close();
});

test('the height message works across origins: a docs page elsewhere sizes the iframe it chose', async () => {
  const script = fs.readFileSync(path.join(distDir, 'docs-example.js'), 'utf8');
  const embed = `${root.base}?embed=1&panels=console&id=cross&script=SELECT%201%3B`;
  const host = http.createServer((req, res) => {
    if (req.url === '/docs-example.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' }).end(
      `<!DOCTYPE html><html><head><script type="module" src="/docs-example.js"></script></head><body>
       <div class="obplay-embed" id="x" data-load="click" data-src="${embed}"><button>Load</button></div></body></html>`,
    );
  });
  await new Promise((r) => host.listen(0, '127.0.0.1', r));
  const hostOrigin = `http://localhost:${host.address().port}`;
  const { page, context } = await watchedPage(browser, hostOrigin);
  await page.goto(hostOrigin + '/');
  await page.click('#x button');
  await page.waitForFunction(() => document.querySelector('#x iframe')?.dataset.reported === 'yes');
  assert.ok(Number(await page.getAttribute('#x iframe', 'height')) > 100);
  await context.close();
  await new Promise((r) => host.close(r));
});

test('the site works from a sub-path: relative assets, nothing outside it requested', async () => {
  const { page, problems, context } = await watchedPage(browser, sub.origin);
  const paths = [];
  page.on('request', (r) => {
    if (r.url().startsWith('http')) paths.push(new URL(r.url()).pathname);
  });
  await page.goto(sub.base);
  await page.waitForSelector('#sql-input');
  assert.match(await run(page, 'SELECT 1;'), /1 row in set/);
  assert.ok(paths.length > 2);
  for (const p of paths) assert.ok(p.startsWith('/sub/obplay/'), p);
  await screenshot(page, 'sub-path');
  clean(problems);
  await context.close();
});
