// The restore drill as a user does it (issue 14): from the ready scenario, back up, write rows,
// pick a moment between two writes on the restorable-window timeline, run the RESTORE the page
// typed, watch the restore job reach SUCCESS and the tenant become STANDBY, activate it, and
// find exactly the rows written before the picked moment. A moment outside the window explains
// itself in OceanBase's words and creates no job. Screenshots at 1280×800 and on a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serveDist, launch, watchedPage, screenshot, artifactsDir } from './harness.mjs';
import { run, pause } from './console-helpers.mjs';

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

/** A page on the ready scenario, paused (a new session plays from its start). */
async function ready(viewport) {
  const w = await watchedPage(browser, site.origin);
  if (viewport) await w.page.setViewportSize(viewport);
  await w.page.goto(site.origin + '/');
  await w.page.waitForSelector('#sql-input');
  await pause(w.page);
  await w.page.selectOption('#scenario-select', 'ready');
  await w.page.click('.scenario-picker button[type=submit]');
  await w.page.waitForFunction(() => document.querySelectorAll('[data-testid=transcript] .entry').length === 7);
  await pause(w.page);
  return w;
}

/** `YYYY-MM-DD HH:MM:SS` → seconds (the page's zone; only differences matter). */
const secs = (t) => Date.parse(t.slice(0, 23).replace(' ', 'T') + 'Z') / 1000;

/** The session's NOW() as `YYYY-MM-DD HH:MM:SS`. */
async function now(page) {
  const out = await run(page, 'SELECT NOW();');
  return out.match(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/)[0];
}

/** Clicks the timeline of `tenant` at the moment `time` (read off the slider's SCN range). */
async function clickAt(page, tenant, time) {
  const svg = page.locator(`.timeline[data-tenant=${tenant}] .timeline-svg`);
  await svg.scrollIntoViewIfNeeded();
  const { min, max } = await svg.evaluate((e) => ({ min: Number(e.getAttribute('aria-valuemin')), max: Number(e.getAttribute('aria-valuemax')) }));
  const box = await svg.boundingBox();
  // The drawing is 640 units wide with 64 left for labels and 8 on the right (timeline.rs).
  const scn = secs(time) * 1e9 - 8 * 3600 * 1e9;
  const f = (scn - min) / (max - min);
  const x = ((64 + f * (640 - 72)) / 640) * box.width;
  await page.mouse.click(box.x + x, box.y + box.height * 0.4);
}

test('restore to a moment picked between two writes brings back exactly the rows before it', async () => {
  const { page, problems, context } = await ready();
  await run(page, 'connect root@mysql_tenant');
  for (const sql of [
    'CREATE DATABASE shop;',
    'CREATE TABLE shop.orders (id INT PRIMARY KEY, amount INT);',
    'INSERT INTO shop.orders VALUES (1, 10);',
    'ALTER SYSTEM BACKUP DATABASE;',
    'SELECT SLEEP(120);',
  ]) {
    assert.doesNotMatch(await run(page, sql), /^ERROR/, sql);
  }
  await run(page, 'INSERT INTO shop.orders VALUES (2, 20);');
  const t2 = await now(page);
  await run(page, 'SELECT SLEEP(40);');
  await run(page, 'INSERT INTO shop.orders VALUES (3, 30);');
  const t3 = await now(page);
  await run(page, 'SELECT SLEEP(150);');

  // The timeline: a round with pieces, the full set at its MIN_RESTORE_SCN, a shaded interval.
  const tl = '.timeline[data-tenant=mysql_tenant]';
  await page.waitForSelector(`${tl} [data-set="1"]`);
  assert.ok((await page.locator(`${tl} [data-piece]`).count()) >= 1, 'pieces are drawn');
  assert.equal(await page.locator(`${tl} [data-testid=timeline-interval]`).count(), 1);
  // Hover reads a moment.
  const mid = new Date((secs(t2) + 20) * 1000).toISOString().slice(0, 19).replace('T', ' ');
  await clickAt(page, 'mysql_tenant', mid);
  await page.waitForSelector(`${tl} [data-testid=pick]:not([hidden])`);
  const picked = await page.textContent(`${tl} [data-testid=pick-time]`);
  assert.ok(secs(picked) > secs(t2) && secs(picked) < secs(t3), `${t2} < ${picked} < ${t3}`);
  assert.match(await page.textContent(`${tl} [data-testid=timeline-hover]`), /a restore can reach it/);
  assert.match(await page.textContent(`${tl} [data-testid=pick-sets]`), /\/backup_set_1_full$/);
  assert.match(await page.textContent(`${tl} [data-testid=pick-pieces]`), /piece_d\d+r1p1/);
  const sql = await page.textContent(`${tl} [data-testid=pick-sql]`);
  assert.match(sql, new RegExp(`UNTIL TIME = '${picked}'`));
  assert.match(sql, /^connect root@sys\n/);
  await screenshot(page, 'drill-timeline-pick-1280');

  // The button types it; the user runs it.
  await page.click(`${tl} [data-action=restore]`);
  assert.equal(await page.inputValue('#sql-input'), sql);
  const before = await page.$$eval('[data-testid=transcript] .entry', (e) => e.length);
  await page.press('#sql-input', 'Enter');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=transcript] .entry').length >= n + 4, before);
  const outs = await page.$$eval('[data-testid=transcript] .entry .out', (e) => e.map((x) => x.textContent));
  assert.match(outs.at(-1), /^Query OK/, outs.slice(-4).join('\n'));

  // Restore in progress: the job panel and the new tenant's card.
  const job = '[data-testid=restore-jobs] .restore-job[data-tenant=mysql_tenant_restore]';
  await page.waitForSelector(job);
  assert.doesNotMatch(await page.getAttribute(job, 'data-status'), /SUCCESS/);
  const card = '.tenant-card[data-tenant=mysql_tenant_restore]';
  await run(page, 'SELECT SLEEP(20);');
  assert.equal(await page.textContent(`${card} [data-testid=tenant-role]`), 'RESTORE');
  assert.ok(await page.isDisabled(`${card} [data-action=full]`), 'no backup while restoring');
  assert.equal(await page.isVisible(`${card} [data-action=activate]`), false);
  assert.match(await page.textContent(`${job} [data-testid=restore-status]`), /RESTORING|WAIT|CREATE/);
  await screenshot(page, 'drill-restore-running-1280');
  await page.locator('.dash-restore').screenshot({ path: path.join(artifactsDir, 'drill-restore-running-1280-panel.png') });
  // Blocks flow back into the new tenant's grid from the chain's sets.
  const fig = 'figure.blk-tenant[data-tenant=mysql_tenant_restore]';
  await page.locator(fig).scrollIntoViewIfNeeded();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const counts = await page.getAttribute(fig, 'data-counts');
  const n = (k) => Number(counts.match(new RegExp(`${k}=(\\d+)`))?.[1]);
  assert.ok(n('restored') + n('copying') > 0 && n('awaiting') > 0, counts);
  await page.locator('[data-testid=block-view]').screenshot({ path: path.join(artifactsDir, 'drill-blocks-flowing-back-1280.png') });
  await run(page, 'SELECT SLEEP(200);');
  await page.waitForFunction((s) => document.querySelector(s)?.dataset.status === 'SUCCESS', job);
  assert.match(await page.textContent(`${job} [data-testid=restore-until]`), new RegExp(picked));
  assert.equal(await page.textContent(`${card} [data-testid=tenant-role]`), 'STANDBY');
  assert.match(await page.textContent(`${job} [data-testid=restore-stage]`), /RESTORE_SUCCESS/);

  // Activate: typed, then run.
  await page.click(`${card} [data-action=activate]`);
  assert.equal(await page.inputValue('#sql-input'), 'ALTER SYSTEM ACTIVATE STANDBY TENANT mysql_tenant_restore;');
  await page.press('#sql-input', 'Enter');
  await page.waitForFunction((s) => document.querySelector(s)?.textContent === 'PRIMARY', `${card} [data-testid=tenant-role]`);
  assert.equal(await page.isDisabled(`${card} [data-action=full]`), false);

  // Compare with source: equal, table by table.
  await page.click(`${job} [data-action=compare]`);
  await page.waitForSelector(`${job} [data-testid=compare-verdict]`);
  assert.equal(await page.getAttribute(`${job} [data-testid=compare-verdict]`, 'data-equal'), 'true');
  assert.equal(await page.getAttribute(`${job} tr[data-table="shop.orders"]`, 'data-equal'), 'true');
  assert.match(await page.textContent(`${job} tr[data-table="shop.orders"]`), /2 rows · \d+.*2 rows · \d+/);
  await page.locator('.dash-restore').screenshot({ path: path.join(artifactsDir, 'drill-compare-1280-panel.png') });

  // The rows are exactly those written before the picked moment.
  await run(page, 'connect root@mysql_tenant_restore');
  const rows = await run(page, 'SELECT id FROM shop.orders ORDER BY id;');
  assert.match(rows, /\|\s+1 \|\n\|\s+2 \|\n\+/, rows);
  assert.doesNotMatch(rows, /\|\s+3 \|/);
  await screenshot(page, 'drill-restored-1280');
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test('a moment outside the window says why in OceanBase words and creates no job; keys reach it', async () => {
  const { page, problems, context } = await ready();
  await run(page, 'ALTER SYSTEM BACKUP DATABASE;');
  await run(page, 'SELECT SLEEP(180);');
  const tl = '.timeline[data-tenant=mysql_tenant]';
  await page.waitForSelector(`${tl} [data-set]`);
  // Home: the axis start, before the first set's MIN_RESTORE_SCN.
  await page.focus(`${tl} .timeline-svg`);
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await page.waitForSelector(`${tl} [data-testid=pick]:not([hidden])`);
  const error = await page.textContent(`${tl} [data-testid=pick-error]`);
  assert.match(error, /^ERROR \d+ \(HY000\): /);
  assert.match(await page.textContent(`${tl} [data-testid=timeline-hover]`), /outside the restorable window/);
  assert.equal(await page.isVisible(`${tl} [data-action=restore]`), false, 'nothing to type');
  assert.equal(await page.inputValue('#sql-input'), '');
  assert.equal(await page.locator('[data-testid=restore-jobs] .restore-job').count(), 0);
  const jobs = await run(page, 'SELECT COUNT(*) FROM CDB_OB_RESTORE_PROGRESS;');
  assert.match(jobs, /\|\s+0 \|/);
  // A set is a button of its own: Enter on it picks its MIN_RESTORE_SCN, which a restore reaches.
  await page.focus(`${tl} [data-set]`);
  await page.keyboard.press('Enter');
  await page.waitForFunction((s) => !document.querySelector(s).hidden && document.querySelector(s).offsetParent, `${tl} [data-action=restore]`);
  assert.match(await page.textContent(`${tl} [data-testid=pick-sets]`), /backup_set_\d+_full/);
  await screenshot(page, 'drill-outside-1280');
  await page.locator('.dash-restore').screenshot({ path: path.join(artifactsDir, 'drill-outside-1280-panel.png') });
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test('on a phone the timeline fits the width and stays usable', async () => {
  const { page, problems, context } = await ready({ width: 390, height: 844 });
  await run(page, 'ALTER SYSTEM BACKUP DATABASE;');
  await run(page, 'SELECT SLEEP(180);');
  const tl = '.timeline[data-tenant=mysql_tenant]';
  await page.waitForSelector(`${tl} [data-set]`);
  const box = await page.locator(`${tl} .timeline-svg`).boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 390, JSON.stringify(box));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no sideways scrolling (${overflow}px)`);
  await page.click(`${tl} [data-set]`);
  await page.waitForSelector(`${tl} [data-testid=pick-sql]`);
  await page.locator(`${tl} [data-testid=pick]`).scrollIntoViewIfNeeded();
  await screenshot(page, 'drill-timeline-phone');
  await page.locator('.dash-restore').screenshot({ path: path.join(artifactsDir, 'drill-timeline-phone-panel.png') });
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});
