// Browser benchmark (not a pass/fail test): `./dev bench-web` after a release build.
// Prints: gzip size of wasm + JS + CSS, time from navigation to a console ready for input,
// p95 time from Enter to rendered output for the docs' statements; then the costs that must
// not grow with the session (issue 10): Enter -> output with 10 and with 100,000 transcript
// entries, a save of that session, setting a 1 MB and a 4 MB input, and the wasm heap after a
// simulated week at 1000x.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serveDist, launch, distDir } from './harness.mjs';
import { logBytes, save2 } from './session-bytes.mjs';
import { play, pause } from './console-helpers.mjs';

const gz = (f) => zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length;
const files = fs.readdirSync(distDir).filter((f) => /\.(wasm|js|css)$/.test(f));
let total = 0;
for (const f of files) total += gz(path.join(distDir, f));

const site = await serveDist();
const browser = await launch();
const ready = [];
for (let i = 0; i < 5; i++) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.addInitScript(() => {
    new MutationObserver((_, obs) => {
      if (document.getElementById('sql-input')) {
        window.__ready = performance.now();
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(site.origin + '/');
  await page.waitForSelector('#sql-input');
  ready.push(await page.evaluate(() => window.__ready));
  await ctx.close();
}

const statements = [
  "SET ENCRYPTION ON IDENTIFIED BY 'password' ONLY;",
  "ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///data/nfs/backup/data' TENANT = mysql_tenant;",
  'ALTER SYSTEM BACKUP DATABASE;',
  'ALTER SYSTEM BACKUP TENANT = mysql_tenant;',
  'ALTER SYSTEM BACKUP INCREMENTAL DATABASE;',
  'ALTER SYSTEM CANCEL BACKUP;',
  'SELECT * FROM DBA_OB_BACKUP_JOBS;',
  'SELECT * FROM CDB_OB_BACKUP_JOB_HISTORY;',
];
const ctx = await browser.newContext();
const page = await ctx.newPage();
await page.goto(site.origin + '/');
await page.waitForSelector('#sql-input');
const times = await page.evaluate(async (stmts) => {
  const ta = document.getElementById('sql-input');
  const log = document.querySelector('[data-testid=transcript]');
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  const out = [];
  for (let round = 0; round < 10; round++) {
    for (const sql of stmts) {
      ta.value = sql;
      ta.dispatchEvent(new Event('input', { bubbles: true }));
      await frame();
      // Time until the output is in the DOM (MutationObserver), and until the next frame starts
      // (when the browser paints it).
      const inDom = new Promise((resolve) => {
        const obs = new MutationObserver(() => {
          obs.disconnect();
          resolve(performance.now());
        });
        obs.observe(log, { childList: true, subtree: true });
      });
      const t0 = performance.now();
      ta.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
      const t1 = await inDom;
      await frame();
      out.push([t1 - t0, performance.now() - t0]);
    }
  }
  return out;
}, statements);

// --- costs that must not grow with the session ------------------------------------------------

/** A page whose wasm exports (its memory) are kept on window.__wasm. */
async function benchPage(setup) {
  const c = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await c.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (e) => (window.__wasm = e.detail.wasm));
  });
  const p = await c.newPage();
  if (setup) await setup(p);
  const t0 = Date.now();
  await p.goto(site.origin + '/');
  await p.waitForSelector('#sql-input');
  await p.waitForFunction(() => window.__wasm);
  return { c, p, loadMs: Date.now() - t0 };
}

/** Enter -> output in the DOM and -> next frame, `n` times `SELECT 1;`. */
const enterTimes = (p, n) =>
  p.evaluate(async (n) => {
    const ta = document.getElementById('sql-input');
    const log = document.querySelector('[data-testid=transcript]');
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    const out = [];
    for (let i = 0; i < n; i++) {
      ta.value = 'SELECT 1;';
      ta.dispatchEvent(new Event('input', { bubbles: true }));
      await frame();
      const inDom = new Promise((resolve) => {
        const obs = new MutationObserver(() => {
          obs.disconnect();
          resolve(performance.now());
        });
        obs.observe(log, { childList: true, subtree: true });
      });
      const t0 = performance.now();
      ta.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
      const t1 = await inDom;
      await frame();
      out.push([t1 - t0, performance.now() - t0]);
      // Let a pending (debounced) save happen between runs, as between a user's statements.
      await new Promise((r) => setTimeout(r, 30));
    }
    return out;
  }, n);

/** Time of a forced save (the pagehide handler) right after a statement. */
const saveMs = (p) =>
  p.evaluate(async () => {
    const ta = document.getElementById('sql-input');
    ta.value = 'SELECT 2;';
    ta.dispatchEvent(new Event('input', { bubbles: true }));
    ta.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    const t0 = performance.now();
    dispatchEvent(new Event('pagehide'));
    return performance.now() - t0;
  });

const heapMb = (p) => p.evaluate(() => window.__wasm.memory.buffer.byteLength / 1048576);
const entryCount = (p) => p.$$eval('[data-testid=transcript] .entry', (e) => e.length);
const fmt = (ts) => {
  const dom = ts.map((t) => t[0]);
  const paint = ts.map((t) => t[1]);
  return `DOM p50 ${pct(dom, 0.5).toFixed(1)} / p95 ${pct(dom, 0.95).toFixed(1)} ms, painted p50 ${pct(paint, 0.5).toFixed(1)} / p95 ${pct(paint, 0.95).toFixed(1)} ms`;
};

const small = await benchPage();
for (let i = 0; i < 10; i++) await enterTimes(small.p, 1);
const smallTimes = await enterTimes(small.p, 40);
const smallSave = await saveMs(small.p);

// 100,000 entries: a saved session of 50,000 commands of two statements each, replayed at load
// (save format 2, which the version before issue 10 reads too, for comparison).
const bigSave = save2(logBytes({ commands: Array.from({ length: 50000 }, () => 'select 1;\nselect 2;') }));
const big = await benchPage((p) =>
  p.addInitScript((s) => {
    if (!sessionStorage.getItem('bench-seeded')) {
      localStorage.setItem('obplay.session', s);
      sessionStorage.setItem('bench-seeded', '1');
    }
  }, bigSave),
);
const bigEntries = await big.p.evaluate(() =>
  document.querySelector('[data-testid=show-earlier]')?.textContent.match(/\d+/)[0] ?? 'none',
);
const bigTimes = await enterTimes(big.p, 40);
const bigSaveMs = await saveMs(big.p);
const bigHeap = await heapMb(big.p);
const bigDom = await entryCount(big.p);

// Setting a 1 MB and a 4 MB input (a bulk INSERT, as pasted): the page's own input handler,
// and the time to the second frame (the browser lays the textarea's text out).
const setInput = (p, bytes) =>
  p.evaluate(async (bytes) => {
    const ta = document.getElementById('sql-input');
    const rows = [];
    for (let i = 0, n = 24; n < bytes; i++) {
      const r = `(${i}, 'row ${i}')`;
      rows.push(r);
      n += r.length + 2;
    }
    const text = `INSERT INTO t VALUES ${rows.join(', ')};`;
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    const once = async (value) => {
      await frame();
      const t0 = performance.now();
      ta.value = value;
      ta.dispatchEvent(new Event('input', { bubbles: true }));
      const handler = performance.now() - t0;
      await frame();
      await frame();
      return [handler, performance.now() - t0];
    };
    const set = await once(text);
    const typed = await once(text + ' ');
    return { set, typed };
  }, bytes);
const input1 = await setInput(small.p, 1 << 20);
const input4 = await setInput(small.p, 4 << 20);
await small.c.close();

// Wasm heap: fresh, after a simulated week of SLEEPs (the background workload on), after a
// short real play at 1000x.
const week = await benchPage();
const heapFresh = await heapMb(week.p);
const sleepMs = [];
for (let d = 0; d < 7; d++) {
  const t0 = Date.now();
  await week.p.fill('#sql-input', 'SELECT SLEEP(86400);');
  await week.p.press('#sql-input', 'Enter');
  await week.p.waitForFunction((n) => document.querySelectorAll('[data-testid=transcript] .entry').length > n, d);
  sleepMs.push(Date.now() - t0);
}
const heapWeek = await heapMb(week.p);
await week.p.$eval('input[type=range]', (el) => {
  el.value = '100';
  el.dispatchEvent(new Event('input', { bubbles: true }));
});
await play(week.p);
await week.p.waitForTimeout(20000);
await pause(week.p);
const clockAfterPlay = await week.p.textContent('[data-testid=sim-clock]');
const heapPlay = await heapMb(week.p);
const jsHeap = await week.p.evaluate(() => performance.memory?.usedJSHeapSize / 1048576);
await week.c.close();

await browser.close();
await site.close();

const pct = (xs, p) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
};
const dom = times.map((t) => t[0]);
const paint = times.map((t) => t[1]);
const med = [...ready].sort((a, b) => a - b)[2];
console.log(`gzip (wasm+js+css): ${total} B (target <= 299710: 0.85x sql.js 1.16's 352,600 B, issue 16; ratios: e2e/bench-load.mjs) ${files.join(' ')}`);
console.log(`navigation -> console ready: median ${med.toFixed(0)} ms of ${ready.map((r) => r.toFixed(0)).join(', ')} (goal <= 250 ms)`);
console.log(`Enter -> output in the DOM: p50 ${pct(dom, 0.5).toFixed(1)} ms, p95 ${pct(dom, 0.95).toFixed(1)} ms over ${times.length} runs (goal p95 <= 16 ms)`);
console.log(`Enter -> next frame (painted): p50 ${pct(paint, 0.5).toFixed(1)} ms, p95 ${pct(paint, 0.95).toFixed(1)} ms`);
console.log(`Enter -> output, ~10 entries: ${fmt(smallTimes)} over ${smallTimes.length} runs; forced save ${smallSave.toFixed(1)} ms`);
console.log(`100,000-entry session: loaded (replayed) in ${big.loadMs} ms; ${bigEntries} entries hidden behind "Show earlier", ${bigDom} in the DOM; wasm heap ${bigHeap.toFixed(1)} MB`);
console.log(`Enter -> output, 100,000 entries: ${fmt(bigTimes)} over ${bigTimes.length} runs; forced save ${bigSaveMs.toFixed(1)} ms`);
const ms = ([h, f]) => `handler ${h.toFixed(0)} ms, second frame ${f.toFixed(0)} ms`;
console.log(`setting a 1 MB input: ${ms(input1.set)}; one more character: ${ms(input1.typed)}`);
console.log(`setting a 4 MB input: ${ms(input4.set)}; one more character: ${ms(input4.typed)}`);
console.log(`wasm heap: fresh ${heapFresh.toFixed(1)} MB; after 7 x SELECT SLEEP(86400) (${sleepMs.join(', ')} ms each) ${heapWeek.toFixed(1)} MB; after 20 s of play at 1000x (clock ${clockAfterPlay}) ${heapPlay.toFixed(1)} MB; JS heap ${jsHeap?.toFixed(1)} MB`);
