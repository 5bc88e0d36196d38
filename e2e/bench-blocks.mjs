// Frame-time benchmark of the macroblock view (not a pass/fail test): `./dev bench-blocks` after a
// release build. Two user tenants of 100,000 macroblocks each (a saved session with cluster
// options, replayed by the page as any saved session), both backed up at once by a sys full
// backup while simulated time plays; copied blocks travel every frame. Then a restore of one of
// them into a third tenant while time plays (its map fills as the restore runs).
//
// Measured in headless Chromium, from outside the app: every requestAnimationFrame callback is
// timed, and the callbacks of one frame (same timestamp: one per tenant canvas) are summed into
// that frame's script time (engine map of 2 × 100,000 blocks when the engine changed, cell
// painting, putImageData, travelling blocks). Also printed: the interval between frames and how
// many came later than one vsync, and the play loop's tick (a setInterval callback: the engine
// advancing). TRACE=1 adds the main thread's task time per frame (script, style, layout, paint of
// the whole page) from a Chromium trace; tracing itself slows the page.
import { serveDist, launch } from './harness.mjs';
import { run, setSpeed, play, pause } from './console-helpers.mjs';

const BLOCKS = Number(process.env.BLOCKS ?? 100000);
const SECONDS = Number(process.env.SECONDS ?? 8);

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN;
};
const f = (x) => x.toFixed(2);

const site = await serveDist();
const browser = await launch();
const ctx = await browser.newContext({ viewport: { width: 1280, height: 1600 } });
const page = await ctx.newPage();
await page.addInitScript(() => {
  window.__bench = { on: false, frames: new Map(), ticks: [] };
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb) =>
    raf((t) => {
      const s = performance.now();
      cb(t);
      if (window.__bench.on) {
        const m = window.__bench.frames;
        m.set(t, (m.get(t) ?? 0) + performance.now() - s);
      }
    });
  const si = window.setInterval.bind(window);
  window.setInterval = (cb, ms, ...rest) =>
    si(() => {
      const s = performance.now();
      cb(...rest);
      if (window.__bench.on) window.__bench.ticks.push(performance.now() - s);
    }, ms);
});
// The tenant size is a URL parameter (a fresh session under its own storage key).
await page.goto(`${site.origin}/?blocks=${BLOCKS}`);
await page.waitForSelector('#sql-input');
await page.waitForSelector('figure[data-tenant=mysql_tenant][data-counts]');
const counts = await page.getAttribute('figure[data-tenant=mysql_tenant]', 'data-counts');
const total = counts.split(' ').slice(0, 5).reduce((n, kv) => n + Number(kv.split('=')[1]), 0);

for (const sql of [
  "ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///b/m/archive' TENANT = mysql_tenant;",
  "ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///b/o/archive' TENANT = oracle_tenant;",
  "ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///b/m/data' TENANT = mysql_tenant;",
  "ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///b/o/data' TENANT = oracle_tenant;",
  'ALTER SYSTEM SET ha_low_thread_score = 20 TENANT = mysql_tenant;',
  'ALTER SYSTEM SET ha_low_thread_score = 20 TENANT = oracle_tenant;',
  'ALTER SYSTEM ARCHIVELOG;',
  'SELECT SLEEP(10);',
  'ALTER SYSTEM BACKUP DATABASE;',
  'SELECT SLEEP(8);',
]) {
  const out = await run(page, sql);
  if (/^ERROR/.test(out)) throw new Error(`${sql}\n${out}`);
}

/** Main-thread task time (RunTask) summed per frame (between two BeginMainThreadFrame), in ms. */
function mainThreadPerFrame(events) {
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const mine = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid);
  const frames = mine.filter((e) => e.name === 'BeginMainThreadFrame').map((e) => e.ts).sort((a, b) => a - b);
  const tasks = mine.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.ph === 'X');
  const out = frames.slice(1).map(() => 0);
  for (const t of tasks) {
    // the frame interval the task starts in
    let lo = 0;
    let hi = frames.length - 1;
    if (t.ts < frames[0] || t.ts >= frames[hi]) continue;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (frames[mid] <= t.ts) lo = mid;
      else hi = mid;
    }
    out[lo] += t.dur / 1000;
  }
  return out;
}

async function measure(label, sliderPos, tenant = 'mysql_tenant') {
  await setSpeed(page, sliderPos);
  const speed = await page.textContent('[data-testid=speed]');
  // Both canvases on screen, so they are painted.
  await page.$eval('[data-testid=block-view]', (el) => el.scrollIntoView({ block: 'start' }));
  await page.evaluate(() => {
    window.__bench.frames.clear();
    window.__bench.ticks.length = 0;
    window.__bench.on = true;
  });
  const tracing = Boolean(process.env.TRACE);
  if (tracing) await browser.startTracing(page, { categories: ['devtools.timeline', 'toplevel', 'disabled-by-default-devtools.timeline.frame'] });
  await play(page);
  await page.waitForTimeout(SECONDS * 1000);
  await pause(page);
  const busy = tracing ? mainThreadPerFrame(JSON.parse((await browser.stopTracing()).toString()).traceEvents) : null;
  const r = await page.evaluate(() => {
    window.__bench.on = false;
    const ts = [...window.__bench.frames.keys()].sort((a, b) => a - b);
    return {
      work: [...window.__bench.frames.values()],
      gaps: ts.slice(1).map((t, i) => t - ts[i]),
      ticks: [...window.__bench.ticks],
    };
  });
  const c = await page.getAttribute(`figure[data-tenant=${tenant}]`, 'data-counts');
  const t = await page.getAttribute(`figure[data-tenant=${tenant}]`, 'data-travelling');
  console.log(`${label} (speed ${speed}, ${SECONDS} s of play): ${r.work.length} frames drawn`);
  console.log(`  frame script time (every canvas): p50 ${f(pct(r.work, 0.5))} ms, p95 ${f(pct(r.work, 0.95))} ms, max ${f(Math.max(...r.work))} ms (goal p95 <= 16 ms)`);
  const late = r.gaps.filter((g) => g > 25).length;
  console.log(`  frames later than one vsync (interval > 25 ms): ${late} of ${r.gaps.length}`);
  if (busy) console.log(`  main-thread tasks per frame (Chromium trace; tracing slows the page): p50 ${f(pct(busy, 0.5))} ms, p95 ${f(pct(busy, 0.95))} ms, max ${f(Math.max(...busy))} ms over ${busy.length} frames`);
  console.log(`  interval between frames: p50 ${f(pct(r.gaps, 0.5))} ms, p95 ${f(pct(r.gaps, 0.95))} ms`);
  console.log(`  play-loop tick (engine advance): p50 ${f(pct(r.ticks, 0.5))} ms, p95 ${f(pct(r.ticks, 0.95))} ms over ${r.ticks.length} ticks`);
  console.log(`  ${tenant} after: ${c}, travelling=${t}`);
}

console.log(`macroblocks per tenant: ${total} (2 user tenants, ha_low_thread_score 20: 480 blocks/s each)`);
await measure('full backup of both tenants', 50); // 10x: a tick copies ~480 blocks per tenant
await measure('same, faster', 75); // 100x: a tick copies ~4,800 blocks per tenant

// A restore running (issue 14): the backup finishes, then mysql_tenant is restored into a new
// tenant whose map fills from the set (restored) and the archive (replayed) while time plays: three
// canvases of 100,000 blocks, the restoring one redrawn from the job's progress every frame.
for (const sql of [
  'SELECT SLEEP(900);',
  "CREATE RESOURCE UNIT bench_unit MAX_CPU 2, MEMORY_SIZE = '5G';",
  "CREATE RESOURCE POOL bench_pool UNIT = 'bench_unit', UNIT_NUM = 1, ZONE_LIST = ('zone1', 'zone2', 'zone3');",
  "ALTER SYSTEM RESTORE mysql_back FROM 'file:///b/m/data,file:///b/m/archive' WITH 'pool_list=bench_pool';",
]) {
  const out = await run(page, sql);
  if (/^ERROR/.test(out)) throw new Error(`${sql}\n${out}`);
}
await page.waitForSelector('figure[data-tenant=mysql_back][data-counts]');
await measure('restore of mysql_tenant into mysql_back', 50, 'mysql_back');
await browser.close();
await site.close();
