// Browser benchmark (not a pass/fail test): `./dev bench-web` after a release build.
// Prints: gzip size of wasm + JS + CSS, time from navigation to a console ready for input, and
// p95 time from Enter to rendered output for the docs' statements.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serveDist, launch, distDir } from './harness.mjs';

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
await browser.close();
await site.close();

const pct = (xs, p) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
};
const dom = times.map((t) => t[0]);
const paint = times.map((t) => t[1]);
const med = [...ready].sort((a, b) => a - b)[2];
console.log(`gzip (wasm+js+css): ${total} B (goal <= 256000) ${files.join(' ')}`);
console.log(`navigation -> console ready: median ${med.toFixed(0)} ms of ${ready.map((r) => r.toFixed(0)).join(', ')} (goal <= 250 ms)`);
console.log(`Enter -> output in the DOM: p50 ${pct(dom, 0.5).toFixed(1)} ms, p95 ${pct(dom, 0.95).toFixed(1)} ms over ${times.length} runs (goal p95 <= 16 ms)`);
console.log(`Enter -> next frame (painted): p50 ${pct(paint, 0.5).toFixed(1)} ms, p95 ${pct(paint, 0.95).toFixed(1)} ms`);
