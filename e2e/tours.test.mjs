// Guided tours run to the end through the UI: each step's Run button runs its statement in the
// console, the outputs are what the seed docs lead to expect, and the pointed-at panels are
// highlighted. The page breaks no Content-Security-Policy (the harness records violations).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, watchedPage, screenshot } from './harness.mjs';

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

/** Opens the tour panel with its keyboard shortcut and starts the tour titled `title`; walks
 *  every step (Run, wait for Done, check the highlight, Next). Returns the transcript entries
 *  (echo, output) the tour added. */
async function walkTour(page, title, shot) {
  await page.keyboard.press('t');
  await page.click(`[data-testid=tour] button:text-is("${title}")`);
  const first = await page.textContent('[data-testid=tour-count]');
  const total = Number(first.match(/Step 1 of (\d+)/)?.[1]);
  assert.ok(total > 3, first);
  for (let i = 1; i <= total; i++) {
    assert.match(await page.textContent('[data-testid=tour-count]'), new RegExp(`Step ${i} of ${total}$`));
    await page.click('[data-testid=tour] .tour-nav .primary');
    await page.waitForFunction(
      () => document.querySelector('[data-testid=tour-status]')?.textContent.startsWith('Done'),
      null,
      { timeout: 60000 },
    );
    const targets = await page.$$eval('.tour-target', (els) => els.map((e) => e.dataset.tour));
    assert.ok(targets.length > 0, `step ${i} highlights a region`);
    if (i === shot) await screenshot(page, `tour-${title.replace(/\W+/g, '-').toLowerCase()}-step-${i}`);
    await page.click(`[data-testid=tour] button:text-is("${i === total ? 'Finish' : 'Next'}")`);
  }
  await screenshot(page, `tour-${title.replace(/\W+/g, '-').toLowerCase()}-end`);
  return page.$$eval('[data-testid=transcript] .entry', (els) =>
    els.map((e) => ({ echo: e.querySelector('.echo').textContent, out: e.querySelector('.out').textContent })),
  );
}

/** Every statement that changes something answered Query OK; nothing failed. */
function assertAllOk(entries) {
  assert.ok(entries.length > 5);
  for (const { echo, out } of entries) {
    assert.doesNotMatch(out, /^(ERROR|ORA-)/, `${echo}\n${out}`);
    if (/> (ALTER|SET|CREATE|INSERT) /.test(echo)) assert.match(out, /^Query OK/, echo);
  }
}

function outputOf(entries, prefix) {
  const hits = entries.filter((e) => e.echo.includes(`> ${prefix}`));
  assert.ok(hits.length > 0, `ran ${prefix}`);
  return hits.map((e) => e.out);
}

async function fresh() {
  const w = await watchedPage(browser, site.origin);
  await w.page.goto(site.origin + '/');
  await w.page.waitForSelector('#sql-input');
  return w;
}

test('tour: full backup from sys, plain then one tenant with a password and PLUS ARCHIVELOG', async () => {
  const { page, problems, context } = await fresh();
  const entries = await walkTour(page, 'Full backup from sys', 6);
  assertAllOk(entries);
  const [history] = outputOf(entries, 'SELECT TENANT_ID, JOB_ID, JOB_LEVEL, STATUS, RESULT FROM CDB_OB_BACKUP_JOB_HISTORY');
  assert.equal((history.match(/\| COMPLETED \|\s+0 \|/g) ?? []).length, 3, history);
  assert.match(history, /\|\s+1 \|\s+1 \| CLUSTER\s+\| COMPLETED/);
  const [sets] = outputOf(entries, 'SELECT BACKUP_SET_ID, BACKUP_TYPE, PLUS_ARCHIVELOG');
  assert.match(sets, /\|\s+1 \| FULL\s+\| OFF\s+\| NONE\s+\| SUCCESS \|/);
  assert.match(sets, /\|\s+2 \| FULL\s+\| ON\s+\| PASSWORD\s+\| SUCCESS \|/);
  assert.match(await page.textContent('[data-testid=job-history]'), /COMPLETED/);
  assert.deepEqual(problems.consoleErrors, []);
  assert.deepEqual(problems.cspViolations, []);
  assert.deepEqual(problems.offOrigin, []);
  await context.close();
});

test('tour: full backup from a user tenant, plain then with a password and PLUS ARCHIVELOG', async () => {
  const { page, problems, context } = await fresh();
  const entries = await walkTour(page, 'Full backup from a user tenant', 5);
  assertAllOk(entries);
  assert.match(entries[0].out, /^Welcome to the OceanBase/);
  const [jobs] = outputOf(entries, 'SELECT JOB_ID, BACKUP_SET_ID, PLUS_ARCHIVELOG');
  assert.match(jobs, /\|\s+1 \|\s+1 \| OFF\s+\| NONE\s+\| COMPLETED \|/);
  const [sets] = outputOf(entries, 'SELECT BACKUP_SET_ID, BACKUP_TYPE, PLUS_ARCHIVELOG');
  assert.match(sets, /\|\s+2 \| FULL\s+\| ON\s+\| PASSWORD\s+\| SUCCESS \|/);
  assert.deepEqual(problems.consoleErrors, []);
  assert.deepEqual(problems.cspViolations, []);
  await context.close();
});

test('tour: incremental backup, INC becomes FULL without a base, then a real INC', async () => {
  const { page, problems, context } = await fresh();
  const entries = await walkTour(page, 'Incremental backup', 6);
  assertAllOk(entries);
  const [conversion] = outputOf(entries, 'SELECT JOB_ID, BACKUP_SET_ID, BACKUP_TYPE, STATUS FROM DBA_OB_BACKUP_JOBS');
  assert.match(conversion, /\|\s+1 \|\s+1 \| FULL\s+\|/);
  const sets = outputOf(entries, 'SELECT BACKUP_SET_ID, BACKUP_TYPE, PREV_FULL_BACKUP_SET_ID').pop();
  const full = Number(sets.match(/\|\s+1 \| FULL\s+\|\s+0 \|\s+(\d+) \| SUCCESS \|/)?.[1]);
  const inc = Number(sets.match(/\|\s+2 \| INC\s+\|\s+1 \|\s+(\d+) \| SUCCESS \|/)?.[1]);
  assert.ok(full > 0 && inc > 0 && inc < full / 4, sets);
  assert.deepEqual(problems.consoleErrors, []);
  assert.deepEqual(problems.cspViolations, []);
  await context.close();
});

test('tour: cancel a backup; every job ends CANCELED with -4072', async () => {
  const { page, problems, context } = await fresh();
  const entries = await walkTour(page, 'Cancel a backup', 5);
  assertAllOk(entries);
  const [running] = outputOf(entries, 'SELECT TENANT_ID, JOB_ID, JOB_LEVEL, STATUS FROM CDB_OB_BACKUP_JOBS');
  assert.equal((running.match(/\| DOING\s+\|/g) ?? []).length, 3, running);
  const [history] = outputOf(entries, 'SELECT TENANT_ID, JOB_ID, JOB_LEVEL, STATUS, RESULT FROM CDB_OB_BACKUP_JOB_HISTORY');
  assert.equal((history.match(/\| CANCELED \|\s+-4072 \|/g) ?? []).length, 3, history);
  const [sets] = outputOf(entries, 'SELECT TENANT_ID, BACKUP_SET_ID, STATUS, FILE_STATUS');
  assert.equal((sets.match(/\| FAILED \| INCOMPLETE\s+\|/g) ?? []).length, 2, sets);
  assert.deepEqual(problems.consoleErrors, []);
  assert.deepEqual(problems.cspViolations, []);
  await context.close();
});

test('the tour panel: shortcut in the help sheet, keyboard Run, Back, All tours, highlight removed on close', async () => {
  const { page, problems, context } = await fresh();
  await page.keyboard.press('?');
  assert.match(await page.textContent('.help'), /guided tours/);
  await page.keyboard.press('Escape');
  await page.click('header button:text-is("Tours")');
  await page.click('[data-testid=tour] button:text-is("Cancel a backup")');
  await page.waitForFunction(() => document.activeElement?.dataset.act === 'run');
  assert.equal(await page.textContent('[data-testid=tour-status]'), '');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid=tour-status]').textContent.startsWith('Done:'));
  assert.match(await page.textContent('[data-testid=tour-status]'), /^Done: see the console/);
  await page.click('[data-testid=tour] button:text-is("Next")');
  assert.match(await page.textContent('[data-testid=tour-count]'), /Step 2 of/);
  assert.deepEqual(await page.$$eval('.tour-target', (e) => e.map((x) => x.dataset.tour)), ['tenants']);
  await page.click('[data-testid=tour] button:text-is("Back")');
  assert.match(await page.textContent('[data-testid=tour-count]'), /Step 1 of/);
  assert.deepEqual(
    (await page.$$eval('.tour-target', (e) => e.map((x) => x.dataset.tour))).sort(),
    ['console', 'tenants'],
  );
  await page.click('[data-testid=tour] button:text-is("All tours")');
  assert.equal(await page.$$eval('.tour-target', (e) => e.length), 0);
  await page.click('[data-testid=tour] button:text-is("Close")');
  assert.equal(await page.isVisible('[data-testid=tour]'), false);
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});
