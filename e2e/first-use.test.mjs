// Issue 13: a learner follows the docs on a fresh page without guessing. Each test drives the
// page as a new user would: time plays from the start, hints say what is pending, the default
// workload keeps an incremental small, work is never lost silently, obclient's habits work.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serveDist, launch, watchedPage, screenshot, artifactsDir } from './harness.mjs';
import { run, setSpeed } from './console-helpers.mjs';

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

async function fresh(viewport) {
  const w = await watchedPage(browser, site.origin);
  if (viewport) await w.page.setViewportSize(viewport);
  await w.page.goto(site.origin + '/');
  await w.page.waitForSelector('#sql-input');
  return w;
}

/** Runs `query` every 300 ms (real time; the page's clock plays) until `pred(output)`. */
async function waitFor(page, query, pred, realMs = 60000) {
  const deadline = Date.now() + realMs;
  for (;;) {
    const out = await run(page, query);
    if (pred(out)) return out;
    if (Date.now() > deadline) throw new Error(`timed out; last output:\n${out}`);
    await page.waitForTimeout(300);
  }
}

const lastHint = (page) =>
  page.$eval('[data-testid=transcript] .entry:last-child', (e) => e.querySelector('.hint-line')?.textContent ?? '');

test('the full-backup doc typed in order on a fresh page reaches COMPLETED with no Play press; then a small incremental', async () => {
  const { page, problems, context } = await fresh();
  // Time plays from the start (the button offers Pause), at 1×.
  assert.equal((await page.textContent('.timebar .btn.primary')).trim(), 'Pause');
  assert.equal(await page.textContent('[data-testid=speed]'), '1×');
  assert.equal(await page.getAttribute('.timebar input[type=range]', 'aria-valuetext'), '1×');
  const t0 = await page.textContent('[data-testid=sim-clock]');
  await page.waitForTimeout(1300);
  assert.notEqual(await page.textContent('[data-testid=sim-clock]'), t0, 'the clock runs without Play');
  assert.equal(await page.inputValue('[data-testid=workload]'), 'light', 'the default workload is light');

  // The doc: destinations, ARCHIVELOG, then at once the backup (as a fast reader would).
  assert.match(await run(page, "ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///data/backup/archive' TENANT = mysql_tenant;"), /^Query OK/);
  assert.match(await run(page, "ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///data/backup/data' TENANT = mysql_tenant;"), /^Query OK/);
  assert.match(await run(page, 'ALTER SYSTEM ARCHIVELOG TENANT = mysql_tenant;'), /^Query OK/);
  const early = await run(page, 'ALTER SYSTEM BACKUP TENANT = mysql_tenant;');
  assert.equal(early, 'ERROR 9040 (HY000): backup can not start, because log archive status is not doing.\n', 'OceanBase\'s own text, unchanged');
  const hint = await lastHint(page);
  assert.match(hint, /mysql_tenant is still starting/);
  assert.match(hint, /SELECT SLEEP\(5\)/);
  // The error and the hint wrap inside the console: nothing is cut at its right edge.
  const edges = await page.$eval('[data-testid=transcript] .entry:last-child', (e) => {
    const box = document.querySelector('.console .transcript').getBoundingClientRect();
    const out = e.querySelector('.out');
    const h = e.querySelector('.hint-line');
    return {
      right: box.right,
      outRight: out.getBoundingClientRect().right,
      outOverflow: out.scrollWidth - out.clientWidth,
      hintRight: h.getBoundingClientRect().right,
    };
  });
  assert.ok(edges.outOverflow <= 0 && edges.outRight <= edges.right + 0.5, JSON.stringify(edges));
  assert.ok(edges.hintRight <= edges.right + 0.5, JSON.stringify(edges));
  await screenshot(page, 'first-use-9040-hint');
  // As the doc says: check the archive until DOING; time moves on its own.
  await waitFor(page, 'SELECT STATUS FROM CDB_OB_ARCHIVELOG WHERE TENANT_ID = 1002;', (o) => o.includes('DOING'), 20000);
  assert.match(await run(page, 'ALTER SYSTEM BACKUP TENANT = mysql_tenant;'), /^Query OK/);
  // A reader who does not want to wait moves the speed slider (not Play).
  await setSpeed(page, 62); // 30×
  await waitFor(page, 'SELECT JOB_ID, STATUS FROM CDB_OB_BACKUP_JOB_HISTORY WHERE TENANT_ID = 1002;', (o) => /COMPLETED/.test(o));
  await setSpeed(page, 25); // back to 1×
  assert.equal(await page.textContent('[data-testid=speed]'), '1×');

  // Three DML statements, then an incremental: with the default settings it copies fewer than
  // 5 % of the tenant's user blocks.
  await run(page, 'connect root@mysql_tenant');
  assert.match(await run(page, 'CREATE TABLE test.t1 (id INT PRIMARY KEY, v INT);'), /^Query OK/);
  assert.match(await run(page, 'INSERT INTO test.t1 VALUES (1, 1), (2, 2), (3, 3);'), /^Query OK, 3 rows/);
  assert.match(await run(page, 'UPDATE test.t1 SET v = v + 1 WHERE id = 2;'), /^Query OK, 1 row/);
  assert.match(await run(page, 'ALTER SYSTEM BACKUP INCREMENTAL DATABASE;'), /^Query OK/);
  await setSpeed(page, 62);
  const sets = await waitFor(page, 'SELECT BACKUP_SET_ID, BACKUP_TYPE, STATUS, MACRO_BLOCK_COUNT FROM DBA_OB_BACKUP_SET_FILES ORDER BY BACKUP_SET_ID;',
    (o) => /\|\s+2 \| INC\s+\| SUCCESS/.test(o));
  const full = Number(sets.match(/\|\s+1 \| FULL\s+\| SUCCESS \|\s+(\d+)/)?.[1]);
  const inc = Number(sets.match(/\|\s+2 \| INC\s+\| SUCCESS \|\s+(\d+)/)?.[1]);
  const SYS_BLOCKS = 64; // the system tablets' blocks, copied by every set
  const userBlocks = full - SYS_BLOCKS;
  const copied = inc - SYS_BLOCKS;
  assert.equal(full, 4096, sets);
  assert.ok(copied < 0.05 * userBlocks, `the incremental copied ${copied} of ${userBlocks} user blocks`);
  console.log(`# incremental after 3 DML: ${copied} of ${userBlocks} user blocks (${(100 * copied / userBlocks).toFixed(1)} %)`);
  await screenshot(page, 'first-use-incremental');
  assert.equal(problems.consoleErrors.length, 0, problems.consoleErrors.join('\n'));
  await context.close();
});

test('obclient habits: help, \\h, status, exit, \\c, pasted prompts, the docs\' PLUS ARCHIVELOG order, recall with ;', async () => {
  const { page, problems, context } = await fresh();
  for (const cmd of ['help;', '\\h', '?']) {
    assert.match(await run(page, cmd), /List of all client commands:/, cmd);
  }
  const status = await run(page, 'status');
  assert.match(status, /Connection id:\s+\d+/);
  assert.match(status, /Current database:\s+oceanbase/);
  assert.equal(await run(page, 'exit'), 'Bye\n');
  assert.match(await lastHint(page), /keeps the console open/);
  assert.equal(await run(page, 'SELECT 1\nFROM DUAL \\c'), '', '\\c drops the statement');
  // Lines pasted with their prompts.
  await page.fill('#sql-input', 'obclient [(none)]> SELECT 1;\nobclient> SELECT 2;\nmysql> SELECT 3;');
  await page.press('#sql-input', 'Enter');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=transcript] .entry').length >= 9);
  const echoes = await page.$$eval('[data-testid=transcript] .entry', (els) => els.slice(-3).map((e) => [e.querySelector('.recall').textContent, e.querySelector('.out').textContent]));
  assert.deepEqual(echoes.map((e) => e[0]), ['SELECT 1;', 'SELECT 2;', 'SELECT 3;']);
  assert.ok(echoes.every((e) => !e[1].startsWith('ERROR')), JSON.stringify(echoes));
  // The English doc's order is a 1064 (as OceanBase says), with the accepted form beside it.
  const docs = await run(page, 'ALTER SYSTEM BACKUP PLUS ARCHIVELOG TENANT = mysql_tenant;');
  assert.match(docs, /^ERROR 1064 \(42000\)/);
  assert.match(await lastHint(page), /ALTER SYSTEM BACKUP TENANT = mysql_tenant PLUS ARCHIVELOG;/);
  // Clicking a past statement recalls it with its terminator.
  await page.click('[data-testid=transcript] .entry:last-child .recall');
  assert.equal(await page.inputValue('#sql-input'), 'ALTER SYSTEM BACKUP PLUS ARCHIVELOG TENANT = mysql_tenant;');
  // Dashboard fields follow the engine: a score set by a statement shows in the card's field.
  await page.fill('#sql-input', '');
  await run(page, 'ALTER SYSTEM SET ha_low_thread_score = 10 TENANT = mysql_tenant;');
  await page.waitForFunction(() => document.querySelector('#score-1002')?.value === '10');
  assert.equal(await page.textContent('.tenant-card[data-tenant=mysql_tenant] [data-testid=score]'), '10');
  await screenshot(page, 'first-use-obclient-habits');
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test('keyboard: Esc leaves the SQL box, Tab completes only a word, the transcript is one tab stop with arrow keys', async () => {
  const { page, problems, context } = await fresh();
  for (const n of [1, 2, 3, 4]) await run(page, `SELECT ${n};`);
  await page.focus('#sql-input');
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'transcript');
  // Inside the transcript: arrows move between entries, Enter recalls.
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('entry')));
  await page.keyboard.press('Enter');
  assert.equal(await page.inputValue('#sql-input'), 'SELECT 3;');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'sql-input');
  // Tab in an empty input moves focus on; with a word it completes and stays.
  await page.fill('#sql-input', '');
  await page.keyboard.press('Tab');
  assert.notEqual(await page.evaluate(() => document.activeElement?.id), 'sql-input', 'Tab left the empty input');
  await page.focus('#sql-input');
  await page.fill('#sql-input', 'SELECT * FROM DBA_OB_BACKUP_JOB_HI');
  await page.keyboard.press('End');
  await page.keyboard.press('Tab');
  assert.equal(await page.inputValue('#sql-input'), 'SELECT * FROM DBA_OB_BACKUP_JOB_HISTORY ');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'sql-input');
  // From the Clear button, one Tab reaches the transcript and the next leaves it.
  await page.focus('.console-tools button:text-is("Clear")');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'transcript');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'sql-input', 'no stop inside the transcript');
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test('never lose work: Start asks, Undo brings the session back, the transcript is the new session\'s, Share refreshes', async () => {
  const { page, problems, context } = await fresh();
  await run(page, "SELECT 'mine';");
  await page.keyboard.press('Escape');
  await page.click('header button:text-is("Share")');
  assert.ok(await page.isVisible('.share-dialog'));
  await page.selectOption('#scenario-select', 'ready');
  await page.click('.scenario-picker button[type=submit]');
  assert.ok(await page.isVisible('[data-testid=confirm-replace]'), 'asks before replacing');
  assert.match(await page.textContent('[data-testid=confirm-replace]'), /1 statement/);
  await page.click('[data-testid=confirm-replace] button:text-is("Replace")');
  // The scenario-switch bug: the transcript is exactly the new session's, last outputs included.
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=transcript] .entry').length === 7);
  const echoes = await page.$$eval('[data-testid=transcript] .entry .recall', (e) => e.map((x) => x.textContent));
  assert.ok(!echoes.some((e) => e.includes("'mine'")), JSON.stringify(echoes));
  assert.match(echoes[6], /^SELECT TENANT_ID, DEST_ID, ROUND_ID, STATUS FROM CDB_OB_ARCHIVELOG;/);
  assert.match(await page.textContent('[data-testid=transcript] .entry:last-child .out'), /DOING/);
  assert.equal(await page.isVisible('.share-dialog'), false, 'the old link is gone with its session');
  // Undo.
  await page.click('[data-testid=undo]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=transcript] .entry').length === 1);
  assert.match(await page.textContent('[data-testid=transcript] .entry .recall'), /'mine'/);
  assert.match(await page.textContent('[data-testid=scenario]'), /Fresh cluster/);
  // New run asks too; Keep leaves everything as it was.
  await page.fill('.seed input', '7');
  await page.click('button:text-is("New run")');
  await page.click('[data-testid=confirm-replace] button:text-is("Keep this session")');
  assert.match(await page.textContent('[data-testid=seed]'), /seed 42/);
  // A reload shows the same transcript.
  await page.waitForTimeout(700);
  await page.reload();
  await page.waitForSelector('#sql-input');
  assert.equal(await page.$$eval('[data-testid=transcript] .entry', (e) => e.length), 1);
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test('the workload control is in the time bar, recorded in the session, and carried by a reload', async () => {
  const { page, problems, context } = await fresh();
  await page.selectOption('[data-testid=workload]', 'busy');
  await page.selectOption('[data-testid=workload]', 'off');
  await page.waitForTimeout(2500); // a save while playing
  await page.reload();
  await page.waitForSelector('#sql-input');
  assert.equal(await page.inputValue('[data-testid=workload]'), 'off');
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test('onboarding: the welcome offers a tour and examples; the glossary opens from terms; the loading state shows before any wasm', async () => {
  const { page, problems, context } = await fresh();
  assert.ok(await page.isVisible('[data-testid=welcome]'));
  assert.equal(await page.$$eval('[data-testid=welcome] .example', (e) => e.length), 3);
  await page.click('[data-testid=welcome] .example >> nth=0');
  assert.match(await page.inputValue('#sql-input'), /^SELECT TENANT_ID, TENANT_NAME/);
  await page.click('[data-testid=take-tour]');
  assert.ok(await page.isVisible('[data-testid=tour]'));
  await page.click('.timebar .term[data-term=scn]');
  assert.ok(await page.isVisible('[data-testid=glossary]'));
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'glossary-scn');
  const words = await page.$$eval('[data-testid=glossary] dt', (e) => e.map((x) => x.textContent));
  for (const w of ['Tenant', 'Log stream (LS)', 'Tablet', 'Macroblock', 'SCN', 'Archive round', 'Piece', 'Backup set']) assert.ok(words.includes(w), w);
  await page.keyboard.press('Escape');
  await context.close();

  // Before the wasm arrives, index.html shows the layout and a sentence.
  const slow = await watchedPage(browser, site.origin);
  let release;
  const held = new Promise((r) => { release = r; });
  await slow.page.route('**/*.wasm', async (route) => { await held; await route.continue(); });
  await slow.page.goto(site.origin + '/', { waitUntil: 'domcontentloaded' });
  await slow.page.waitForSelector('#loading');
  assert.match(await slow.page.textContent('#loading'), /Loading the playground…/);
  await screenshot(slow.page, 'first-use-loading');
  release();
  await slow.page.waitForSelector('#sql-input');
  assert.equal(await slow.page.$('#loading'), null, 'the loading state goes');
  await slow.context.close();
  assert.deepEqual(problems.consoleErrors, []);
});

test('a failed job shows its cause on its tenant card and in the job list', async () => {
  const { page, problems, context } = await fresh();
  await page.selectOption('#scenario-select', 'failure');
  await page.click('.scenario-picker button[type=submit]');
  await page.waitForSelector('.tenant-card[data-tenant=mysql_tenant] [data-testid=failure]:not([hidden])');
  const cause = await page.textContent('.tenant-card[data-tenant=mysql_tenant] [data-testid=failure]');
  assert.match(cause, /Last backup failed: job \d+, RESULT -\d+/);
  const row = "[data-testid=job-history] tr.failed[data-tenant='1002']";
  const comment = await page.textContent(`${row} [data-testid=comment]`);
  assert.ok(comment.length > 10 && !comment.endsWith('…'), comment);
  const box = await page.$eval(`${row} [data-testid=comment]`, (e) => e.scrollWidth - e.clientWidth);
  assert.match(comment, /backup device out of space/);
  assert.ok(box <= 0, 'the cause is not clipped');
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

/** Contrast of every visible button, link and select, computed in the page (WCAG 2 formula). */
async function contrasts(page) {
  return page.evaluate(() => {
    const parse = (c) => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return null;
      const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return [r, g, b, a];
    };
    const lum = ([r, g, b]) => {
      const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const blend = (top, under) => {
      const a = top[3];
      return [0, 1, 2].map((i) => top[i] * a + under[i] * (1 - a)).concat(1);
    };
    const background = (el) => {
      const layers = [];
      for (let e = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
      }
      let bg = [255, 255, 255, 1];
      for (const l of layers.reverse()) bg = blend(l, bg);
      return bg;
    };
    const out = [];
    for (const el of document.querySelectorAll('button, a[href], select, summary')) {
      const r = el.getBoundingClientRect();
      const st = getComputedStyle(el);
      if (!r.width || !r.height || st.visibility === 'hidden' || el.disabled || el.closest('[hidden]')) continue;
      let o = 1;
      for (let e = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
      if (o < 0.99) continue; // invisible until hovered (the per-entry Copy) or inert
      if (!(el.textContent || '').trim()) continue;
      const bg = background(el);
      const fg = blend(parse(st.color), bg);
      const [l1, l2] = [lum(fg), lum(bg)].sort((a, b) => b - a);
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      const large = parseFloat(st.fontSize) >= 24 || (parseFloat(st.fontSize) >= 18.66 && Number(st.fontWeight) >= 700);
      out.push({ text: el.textContent.trim().slice(0, 30), ratio: Math.round(ratio * 100) / 100, need: large ? 3 : 4.5 });
    }
    return out;
  });
}

test('every button, link and select meets WCAG AA contrast in both themes', async () => {
  const { page, problems, context } = await fresh();
  await page.selectOption('#scenario-select', 'busy');
  await page.click('.scenario-picker button[type=submit]');
  await page.click('header button:text-is("Tours")');
  for (const theme of ['light', 'dark']) {
    await page.selectOption('header select[aria-label=Theme]', theme);
    await page.waitForTimeout(100);
    const all = await contrasts(page);
    assert.ok(all.length > 20, `${all.length} controls measured`);
    const low = all.filter((c) => c.ratio < c.need);
    assert.deepEqual(low, [], `${theme}: ${JSON.stringify(low)}`);
    const play = all.find((c) => c.text === 'Pause' || c.text === 'Play');
    console.log(`# ${theme}: ${all.length} controls, lowest ${Math.min(...all.map((c) => c.ratio))}:1, Play/Pause ${play?.ratio}:1`);
  }
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test('layout: console, running job and macroblocks visible together at 1280×800 while a backup runs; screenshots', async () => {
  fs.mkdirSync(artifactsDir, { recursive: true });
  for (const [width, height] of [[1280, 800], [1440, 900], [390, 844]]) {
    for (const theme of ['light', 'dark']) {
      const { page, problems, context } = await fresh({ width, height });
      await page.emulateMedia({ colorScheme: theme });
      await page.selectOption('#scenario-select', 'busy');
      await page.click('.scenario-picker button[type=submit]');
      await page.waitForSelector('[data-testid=running-jobs] tbody tr');
      await page.waitForTimeout(800);
      const boxes = await page.evaluate(() => {
        const r = (s) => document.querySelector(s).getBoundingClientRect();
        const out = {};
        for (const [k, s] of Object.entries({ console: '.console .transcript', job: '[data-testid=running-jobs] tbody tr', blocks: '.blk-tenant canvas' })) {
          const b = r(s);
          out[k] = { top: Math.round(b.top), bottom: Math.round(b.bottom), left: Math.round(b.left), right: Math.round(b.right) };
        }
        out.overflow = document.documentElement.scrollWidth - window.innerWidth;
        // Side tables: no cell is cut (≥ 1024 px) — every cell's content fits its box.
        out.clipped = [...document.querySelectorAll('.col-side .grid td, .col-side .grid th')]
          .filter((c) => c.offsetParent && c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent.trim().slice(0, 20));
        const scroller = document.querySelector('[data-testid=running-jobs] .table-scroll');
        out.runningScroll = scroller.scrollWidth - scroller.clientWidth;
        return out;
      });
      assert.ok(boxes.overflow <= 0, `${width}: the page is wider than the viewport`);
      if (width >= 1024) {
        assert.deepEqual(boxes.clipped, [], `${width} ${theme}: clipped cells`);
        assert.ok(boxes.runningScroll <= 0, `${width}: the running jobs scroll sideways by ${boxes.runningScroll}px`);
      }
      if (width === 1280) {
        for (const k of ['console', 'job', 'blocks']) {
          assert.ok(boxes[k].top >= 0 && boxes[k].top < height - 120, `${k} starts in view: ${JSON.stringify(boxes[k])}`);
        }
      }
      console.log(`# ${width}×${height} ${theme}: ${JSON.stringify(boxes)}`);
      await page.screenshot({ path: `${artifactsDir}/layout-${width}x${height}-${theme}.png`, fullPage: width < 600 });
      assert.deepEqual(problems.consoleErrors, []);
      await context.close();
    }
  }
});

test('tours choose their workload, play slowly enough to watch a job, and scroll the highlighted panel into view', async () => {
  const { page, problems, context } = await fresh({ width: 1280, height: 800 });
  await page.keyboard.press('t');
  await page.click('[data-testid=tour] button:text-is("Incremental backup")');
  await page.waitForSelector('[data-testid=tour-count]:has-text("Step 1 of")');
  assert.match(await page.textContent('[data-testid=tour-workload]'), /off/);
  assert.equal(await page.inputValue('[data-testid=workload]'), 'off');
  // Steps 1–7: through the full backup, which is watched at the tour's pace.
  for (let i = 1; i <= 7; i++) {
    const t0 = Date.now();
    await page.click('[data-testid=tour] .tour-nav .primary');
    await page.waitForFunction(() => document.querySelector('[data-testid=tour-status]')?.textContent.startsWith('Done'), null, { timeout: 60000 });
    if (i === 7) {
      const real = (Date.now() - t0) / 1000;
      const sim = Number((await page.textContent('[data-testid=tour-status]')).match(/after (\d+) min (\d+) s/)?.slice(1).reduce((m, s) => m * 60 + Number(s), 0));
      assert.ok(sim / real < 40, `the backup played at ${Math.round(sim / real)}× (${sim} s in ${real} s)`);
      console.log(`# the tour watched a ${sim} s backup in ${real.toFixed(1)} s (${Math.round(sim / real)}×)`);
      await page.waitForTimeout(800); // the smooth scroll
      const inView = await page.$$eval('.tour-target', (els) => els.map((e) => { const r = e.getBoundingClientRect(); return r.top < window.innerHeight && r.bottom > 0; }));
      assert.ok(inView.some(Boolean), `a highlighted panel is in view: ${inView}`);
    }
    await page.click('[data-testid=tour] button:text-is("Next")');
  }
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});
