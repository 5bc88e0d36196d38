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
  const count = () => document.querySelectorAll('[data-testid=transcript] .entry').length;
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  const out = [];
  for (let round = 0; round < 10; round++) {
    for (const sql of stmts) {
      ta.value = sql;
      ta.dispatchEvent(new Event('input', { bubbles: true }));
      await frame();
      const n = count();
      const t0 = performance.now();
      ta.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
      while (count() === n) await frame();
      await frame(); // the frame that paints it
      out.push(performance.now() - t0);
    }
  }
  return out;
}, statements);
await browser.close();
await site.close();

const sorted = [...times].sort((a, b) => a - b);
const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
const med = [...ready].sort((a, b) => a - b)[2];
console.log(`gzip (wasm+js+css): ${total} B (goal <= 256000) ${files.join(' ')}`);
console.log(`navigation -> console ready: median ${med.toFixed(0)} ms of ${ready.map((r) => r.toFixed(0)).join(', ')} (goal <= 250 ms)`);
console.log(`Enter -> rendered output: p50 ${pct(0.5).toFixed(1)} ms, p95 ${pct(0.95).toFixed(1)} ms over ${times.length} runs (goal p95 <= 16 ms)`);
