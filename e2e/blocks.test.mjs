// The macroblock view, driven like a user: a backup animates, DML lights blocks and the next
// incremental copies exactly them, reduced motion is still, a hidden tab draws nothing.
// States are read from the view's hooks (data-counts, the pinned tooltip, the chain list); pixels
// only to find a lit block to point at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, watchedPage, screenshot } from './harness.mjs';
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

const FIG = 'figure[data-tenant=mysql_tenant]';
const TOTAL = 4096;

/** A page; `options` (cluster options) go in the URL, as `blocks=` / `workload=`. */
async function freshPage({ options, reducedMotion } = {}) {
  const w = await watchedPage(browser, site.origin);
  if (reducedMotion) await w.page.emulateMedia({ reducedMotion });
  // Cluster options are URL parameters (as an embed would pass them).
  const params = new URLSearchParams();
  if (options?.macro_blocks_per_tenant !== undefined) params.set('blocks', options.macro_blocks_per_tenant);
  if (options?.workload_rate !== undefined) params.set('workload', options.workload_rate);
  const query = options ? `?${params}` : '';
  await w.page.goto(site.origin + '/' + query);
  await w.page.waitForSelector('#sql-input');
  await w.page.waitForSelector(`${FIG}[data-counts]`);
  // These tests step time by hand.
  await pause(w.page);
  return w;
}

/** Two animation frames: the view draws in the first frame after the engine changed. */
const frames = (page) =>
  page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

async function counts(page) {
  await frames(page);
  const text = await page.getAttribute(FIG, 'data-counts');
  return Object.fromEntries(text.split(' ').map((kv) => kv.split('=')).map(([k, v]) => [k, Number(v)]));
}

const travelling = async (page) => Number(await page.getAttribute(FIG, 'data-travelling'));

async function chainStatus(page, set) {
  const li = await page.$(`${FIG} [data-testid=block-chain] li[data-set='${set}']`);
  return li ? li.getAttribute('data-status') : null;
}

async function ready(page) {
  for (const sql of [
    'connect root@mysql_tenant',
    "ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///b/archive';",
    "ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///b/data';",
    'ALTER SYSTEM ARCHIVELOG;',
    'CREATE DATABASE shop;',
    'CREATE TABLE shop.t (id INT PRIMARY KEY, v INT);',
    'INSERT INTO shop.t VALUES (1, 1), (2, 2), (3, 3), (4, 4), (5, 5), (6, 6);',
    'SELECT SLEEP(10);',
  ]) {
    assert.doesNotMatch(await run(page, sql), /^ERROR/, sql);
  }
}

const step = async (page) => {
  await page.click('button:has-text("Step +1 s")');
  await frames(page);
};

/** Clicks (pins) the first cell drawn in the lit colour; returns the tooltip's text. */
async function pinLitBlock(page) {
  const at = await page.$eval(`${FIG} canvas`, (c) => {
    c.scrollIntoView({ block: 'center' });
    const hex = getComputedStyle(c).getPropertyValue('--blk-lit').trim();
    const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i] === want[0] && d[i + 1] === want[1] && d[i + 2] === want[2]) {
        const r = c.getBoundingClientRect();
        const p = i / 4;
        return { x: r.left + ((p % c.width) + 0.5) * (r.width / c.width), y: r.top + (Math.floor(p / c.width) + 0.5) * (r.height / c.height) };
      }
    }
    return null;
  });
  assert.ok(at, 'a lit block is drawn');
  await page.mouse.click(at.x, at.y);
  await frames(page);
  return page.textContent(`${FIG} [data-testid=block-tip]`);
}

test('a full backup animates: a block goes changed → being copied → copied, copies travel; cancel is marked', async () => {
  const { page, problems, context } = await freshPage();
  await ready(page);
  const c0 = await counts(page);
  assert.ok(c0.changed >= c0.lit && c0.lit >= 1, JSON.stringify(c0));
  assert.equal(c0.copying + c0.copied + c0.reused, 0);

  const tip = await pinLitBlock(page);
  const m = tip.match(/^macroblock (\d+) · tablet (\d+) · LS (\d+)\nchanged since the latest set, by a statement, last write SCN \d+\nin no backup set$/);
  assert.ok(m, tip);
  assert.ok(Number(m[2]) >= 200001, 'a user tablet');
  assert.ok(await page.isVisible(`${FIG} [data-testid=block-tip].pinned`));
  await screenshot(page, 'blocks-dml-lit-tooltip');

  assert.match(await run(page, 'ALTER SYSTEM BACKUP DATABASE;'), /^Query OK/);
  const states = [];
  let sawTravel = false;
  for (let i = 0; i < 200 && (await chainStatus(page, 1)) !== 'SUCCESS'; i++) {
    await step(page);
    const state = (await page.textContent(`${FIG} [data-testid=block-tip]`)).split('\n')[1].split(',')[0];
    if (states.at(-1) !== state) states.push(state);
    const c = await counts(page);
    if (!sawTravel && c.copying > 0 && (await travelling(page)) > 0) {
      sawTravel = true;
      // Paused: the travelling blocks hold still (no frame is drawn, nothing moves).
      const shot = () => page.$eval(`${FIG} canvas.blk-top`, (cv) => cv.toDataURL());
      const a = await shot();
      await page.waitForTimeout(400);
      assert.equal(await shot(), a, 'paused: frozen');
      await screenshot(page, 'blocks-full-travelling');
    }
  }
  assert.equal(await chainStatus(page, 1), 'SUCCESS');
  assert.ok(sawTravel, 'copies were seen travelling');
  const order = ['changed since the latest set', 'being copied', 'copied into the running set'];
  const idx = order.map((s) => states.indexOf(s));
  assert.ok(idx.every((i) => i >= 0) && idx[0] < idx[1] && idx[1] < idx[2], states.join(' → '));
  const done = await counts(page);
  assert.equal(done.copying + done.copied, 0);
  assert.match(
    await page.textContent(`${FIG} [data-testid=block-chain] li[data-set='1']`),
    new RegExp(`^set 1 FULL: ${TOTAL} blocks copied$`),
  );

  await run(page, 'ALTER SYSTEM BACKUP INCREMENTAL DATABASE;');
  await run(page, 'SELECT SLEEP(4);');
  assert.equal(await chainStatus(page, 2), 'RUNNING');
  assert.match(await run(page, 'ALTER SYSTEM CANCEL BACKUP;'), /^Query OK/);
  await run(page, 'SELECT SLEEP(3);');
  assert.equal(await chainStatus(page, 2), 'CANCELED');
  assert.match(await page.textContent(`${FIG} [data-testid=block-chain] li[data-set='2']`), /^set 2 INC on set 1: canceled after \d+ of \d+ blocks$/);
  await screenshot(page, 'blocks-chain-canceled');
  assert.deepEqual(problems.consoleErrors, []);
  assert.deepEqual(problems.offOrigin, []);
  await context.close();
});

test('DML lights the blocks it changed and the next incremental copies exactly them', async () => {
  // The background workload off, so every changed block is one the statements wrote.
  const { page, problems, context } = await freshPage({ options: { workload_rate: 0 } });
  await ready(page);
  assert.match(await run(page, 'ALTER SYSTEM BACKUP DATABASE;'), /^Query OK/);
  await run(page, 'SELECT SLEEP(150);');
  assert.equal(await chainStatus(page, 1), 'SUCCESS');
  const base = await counts(page);
  assert.equal(base.changed, 0, JSON.stringify(base));

  assert.match(await run(page, 'UPDATE shop.t SET v = v + 1 WHERE id <= 3;'), /3 rows affected/);
  assert.match(await run(page, 'INSERT INTO shop.t VALUES (7, 7);'), /1 row affected/);
  const lit = await counts(page);
  assert.ok(lit.lit >= 1 && lit.lit <= 4, JSON.stringify(lit));
  assert.equal(lit.changed, lit.lit, 'every changed block is lit');
  await screenshot(page, 'blocks-dml-lit');

  assert.match(await run(page, 'ALTER SYSTEM BACKUP INCREMENTAL DATABASE;'), /^Query OK/);
  await run(page, 'SELECT SLEEP(3);');
  const planned = await counts(page);
  assert.equal(await chainStatus(page, 2), 'RUNNING');
  assert.equal(planned.reused, TOTAL - lit.sys - lit.lit, JSON.stringify(planned));
  let copiedAll = null;
  for (let i = 0; i < 30 && (await chainStatus(page, 2)) === 'RUNNING'; i++) {
    const c = await counts(page);
    if (c.copied === lit.sys + lit.lit) copiedAll = c;
    await run(page, 'SELECT SLEEP(1);');
  }
  assert.ok(copiedAll, 'the set was seen with its copy done');
  assert.equal(copiedAll.lit, 0, 'the lit blocks are copied');
  assert.equal(copiedAll.reused, TOTAL - lit.sys - lit.lit);
  assert.equal(await chainStatus(page, 2), 'SUCCESS');
  const files = await run(page, 'SELECT BACKUP_SET_ID, BACKUP_TYPE, MACRO_BLOCK_COUNT FROM DBA_OB_BACKUP_SET_FILES WHERE BACKUP_SET_ID = 2;');
  const mbc = Number(files.match(/\|\s+2 \| INC\s+\|\s+(\d+) \|/)?.[1]);
  assert.equal(mbc, lit.sys + lit.lit, files);
  assert.equal(
    await page.textContent(`${FIG} [data-testid=block-chain] li[data-set='2']`),
    `set 2 INC on set 1: ${mbc} blocks copied, ${TOTAL - mbc} referenced`,
  );
  await screenshot(page, 'blocks-incremental-done');
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test('reduced motion draws still states; a hidden tab draws nothing until it shows again', async () => {
  const { page, problems, context } = await freshPage({ reducedMotion: 'reduce' });
  await ready(page);
  await run(page, 'ALTER SYSTEM BACKUP DATABASE;');
  let copied = 0;
  for (let i = 0; i < 12; i++) {
    await step(page);
    assert.equal(await travelling(page), 0, 'nothing travels');
    copied = (await counts(page)).copied;
  }
  assert.ok(copied > 0, 'states still change');
  await screenshot(page, 'blocks-reduced-motion');

  const setHidden = (hidden) =>
    page.evaluate((h) => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    }, hidden);
  await setHidden(true);
  const before = await page.getAttribute(FIG, 'data-counts');
  for (let i = 0; i < 3; i++) await step(page);
  assert.equal(await page.getAttribute(FIG, 'data-counts'), before, 'no frame while hidden');
  await setHidden(false);
  const after = await counts(page);
  assert.ok(after.copied > copied, `drawn again: ${after.copied} > ${copied}`);
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});
