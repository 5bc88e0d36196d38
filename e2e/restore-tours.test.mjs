// The restore drill in the browser (issue 14): each of the five restore tours runs to its end
// through the Tours panel (a step that fails on purpose — 4018, 9047 — does not stop it), and the
// challenge "get the deleted orders back" shows its goal and hints on request, and says Solved
// only once a restore to a moment before the DELETE has built the rows (not for a restore to the
// latest moment, not while the restore still runs).
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

async function fresh(query = '') {
  const w = await watchedPage(browser, site.origin);
  await w.page.goto(site.origin + '/' + query);
  await w.page.waitForSelector('#sql-input');
  return w;
}

const slug = (title) => title.replace(/\W+/g, '-').toLowerCase();

/** Starts the tour titled `title` from the Tours panel and walks every step: Run, wait for
 *  Done, a region highlighted, Next. Returns the transcript entries (echo, output). */
async function walkTour(page, title) {
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
      { timeout: 90000 },
    );
    const targets = await page.$$eval('.tour-target', (els) => els.map((e) => e.dataset.tour));
    assert.ok(targets.length > 0, `${title}: step ${i} highlights a region`);
    await page.click(`[data-testid=tour] button:text-is("${i === total ? 'Finish' : 'Next'}")`);
  }
  await screenshot(page, `tour-${slug(title)}-end`);
  return page.$$eval('[data-testid=transcript] .entry', (els) =>
    els.map((e) => ({ echo: e.querySelector('.echo').textContent, out: e.querySelector('.out').textContent })),
  );
}

/** The errors the tour printed, in order (the ones its steps expect, nothing else). */
const errors = (entries) => entries.map((e) => e.out).filter((o) => /^(ERROR|ORA-)/.test(o)).map((o) => o.split('\n')[0]);

const TOURS = [
  { title: 'Restore: the simplified experience', errors: [], restored: true },
  { title: 'Restore: units and pools', errors: [], restored: true },
  { title: 'Restore to a point in time', errors: [], restored: true },
  {
    title: 'Restore: outside the window',
    errors: ['ERROR 4018 (HY000): No enough log for restore', 'ERROR 4018 (HY000): No enough log for restore'],
    restored: false,
  },
  { title: 'Restore an encrypted backup', errors: [/^ERROR 9047 /], restored: true },
];

for (const tour of TOURS) {
  test(`restore tour: ${tour.title}`, async () => {
    const { page, problems, context } = await fresh();
    const entries = await walkTour(page, tour.title);
    const got = errors(entries);
    assert.equal(got.length, tour.errors.length, got.join('\n'));
    tour.errors.forEach((e, i) => (e instanceof RegExp ? assert.match(got[i], e) : assert.equal(got[i], e)));
    // The tour ends with a restored tenant whose job succeeded (the restore panel shows it);
    // a RESTORE refused with 4018 creates no job.
    const jobs = await page.$$eval('.restore-job', (els) => els.map((e) => e.dataset.status));
    if (tour.restored) assert.ok(jobs.includes('SUCCESS'), `restore jobs: ${jobs}`);
    else assert.deepEqual(jobs, []);
    assert.deepEqual(problems.consoleErrors, []);
    assert.deepEqual(problems.cspViolations, []);
    await context.close();
  });
}

/** "2024-05-09 17:53:10" + s seconds, in the same format. */
function plus(time, s) {
  const d = new Date(time.replace(' ', 'T') + 'Z');
  return new Date(d.getTime() + s * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

const solved = (page) => page.getAttribute('[data-testid=challenge]', 'data-solved');

test('the challenge: goal, hints one at a time, solved only by a restore to before the DELETE', async () => {
  const { page, problems, context } = await fresh();
  // From the Tours panel: the challenge's scenario starts and its card shows.
  await page.keyboard.press('t');
  await page.click('[data-testid=tour] button:text-is("Get the orders back")');
  await page.waitForSelector('[data-testid=challenge]:not([hidden])');
  await pause(page);
  assert.match(await page.textContent('[data-testid=challenge-goal]'), /DELETE FROM shop\.orders/);
  assert.equal(await solved(page), 'false');
  assert.equal(await page.textContent('[data-testid=challenge-status]'), 'Not solved yet.');
  // The header's scenario and its picker both follow the session the challenge started.
  assert.equal(await page.textContent('[data-testid=scenario]'), 'Deleted rows');
  assert.equal(await page.inputValue('#scenario-select'), 'deleted');
  // Hints: none until asked, then one per click; the button stops after the last.
  assert.equal(await page.$$eval('[data-testid=challenge-hints] li', (e) => e.length), 0);
  for (let n = 1; n <= 3; n++) {
    await page.click('[data-testid=challenge] button[data-act=hint]');
    assert.equal(await page.$$eval('[data-testid=challenge-hints] li', (e) => e.length), n);
  }
  assert.equal(await page.isDisabled('[data-testid=challenge] button[data-act=hint]'), true);
  assert.equal(await page.isVisible('[data-testid=challenge-solution]'), false);
  await screenshot(page, 'challenge-1280');

  // The moments: the setup's two SELECT NOW() (after the last INSERT, after the DELETE).
  if (await page.isVisible('[data-testid=setup-toggle]')) await page.click('[data-testid=setup-toggle]');
  const nows = await page.$$eval('[data-testid=transcript] .entry', (els) =>
    els
      .filter((e) => e.querySelector('.echo').textContent.includes('SELECT NOW()'))
      .map((e) => e.querySelector('.out').textContent.match(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/)[0]),
  );
  assert.equal(nows.length, 2, nows.join());
  await run(page, 'SELECT SLEEP(60);');
  for (const p of ['late', 'back']) {
    assert.match(await run(page, `CREATE RESOURCE UNIT ${p}_unit MAX_CPU 2, MEMORY_SIZE = '5G';`), /^Query OK/);
    assert.match(
      await run(page, `CREATE RESOURCE POOL ${p}_pool UNIT = '${p}_unit', UNIT_NUM = 1, ZONE_LIST = ('zone1', 'zone2', 'zone3');`),
      /^Query OK/,
    );
  }
  const from = "FROM 'file:///data/backup/data/mysql_tenant,file:///data/backup/archive/mysql_tenant'";
  // To the latest moment: after the DELETE, the table comes back empty: not solved.
  assert.match(await run(page, `ALTER SYSTEM RESTORE too_late ${from} WITH 'pool_list=late_pool';`), /^Query OK/);
  await run(page, 'SELECT SLEEP(600);');
  assert.match(await run(page, "SELECT STATUS FROM CDB_OB_RESTORE_HISTORY WHERE RESTORE_TENANT_NAME = 'too_late';"), /SUCCESS/);
  assert.equal(await solved(page), 'false');
  // To a moment between the last INSERT and the DELETE: not while it runs, then solved.
  const until = plus(nows[0], 30);
  assert.ok(until < nows[1], `${until} < ${nows[1]}`);
  assert.match(await run(page, `ALTER SYSTEM RESTORE orders_back ${from} UNTIL TIME = '${until}' WITH 'pool_list=back_pool';`), /^Query OK/);
  assert.equal(await solved(page), 'false');
  // While it runs, the new tenant's map counts what has come back (engine Counts).
  await run(page, 'SELECT SLEEP(5);');
  await page.locator('figure[data-tenant=orders_back]').scrollIntoViewIfNeeded();
  await page.waitForFunction(() =>
    /^\d+ macroblocks: \d+ not restored yet, \d+ coming back, \d+ restored from a backup set, \d+ replayed from the archive log$/.test(
      document.querySelector('figure[data-tenant=orders_back] .blk-sum')?.textContent ?? '',
    ),
  );
  assert.equal(await solved(page), 'false');
  await run(page, 'SELECT SLEEP(600);');
  await page.waitForFunction(() => document.querySelector('[data-testid=challenge]').dataset.solved === 'true');
  assert.match(await page.textContent('[data-testid=challenge-status]'), /^Solved/);
  const solutionButton = '[data-testid=challenge] button[data-act=solution]';
  assert.equal((await page.textContent(solutionButton)).trim(), 'Show the solution');
  await page.click(solutionButton);
  assert.match(await page.textContent('[data-testid=challenge-solution]'), /ALTER SYSTEM RESTORE/);
  // The button says what it does next.
  assert.equal((await page.textContent(solutionButton)).trim(), 'Hide the solution');
  assert.equal(await page.getAttribute(solutionButton, 'aria-expanded'), 'true');
  // The card itself, solved, on a desktop and on a phone (the full page is long).
  const card = page.locator('[data-testid=challenge]');
  await card.screenshot({ path: path.join(artifactsDir, 'challenge-solved-1280.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await card.screenshot({ path: path.join(artifactsDir, 'challenge-solved-phone.png') });
  assert.deepEqual(problems.consoleErrors, []);
  assert.deepEqual(problems.cspViolations, []);
  await context.close();
});

test('the challenge card shows for the Deleted rows scenario only', async () => {
  const { page, context } = await fresh('?scenario=deleted');
  await page.waitForSelector('[data-testid=challenge]:not([hidden])');
  assert.match(await page.textContent('[data-testid=challenge] h3'), /Get the orders back/);
  const other = await fresh('?scenario=ready');
  assert.equal(await other.page.isVisible('[data-testid=challenge]'), false);
  await other.context.close();
  await context.close();
});
