// `./dev bench-web`, second part (issue 16): cold loads of the release build against sql.js in
// the shared harness (`../shared/bench-anchors`, its README), in one invocation: on localhost and
// at 9 Mbit/s with 60 ms latency; prints the bytes and ready ratios. The harness is copied to
// target/bench-anchors (the shared folder is read-only) and its pinned packages installed there
// with `npm ci` once.
//
// "Ready" for obplay is the console accepting input: `#sql-input` exists, is enabled and not
// inert, and `<html data-obplay="ready">`, which src/main.rs sets once the app is mounted. The
// static skeleton of index.html has no textarea and no such attribute, so it cannot count.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { distDir } from './harness.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.resolve(process.env.BENCH_ANCHORS ?? path.join(root, '..', 'shared', 'bench-anchors'));
const work = path.join(root, 'target', 'bench-anchors');
const RUNS = process.env.RUNS ?? '5';

const READY =
  "document.documentElement.dataset.obplay === 'ready' && !document.getElementById('sql-input').disabled && !document.getElementById('sql-input').closest('[inert]')";

if (!fs.existsSync(path.join(source, 'run.mjs'))) {
  console.error(`bench-load: no harness at ${source} (set BENCH_ANCHORS to its folder)`);
  process.exit(1);
}
// Copy the harness (not its installed packages or outputs), then install its pinned packages
// when its lockfile changed.
fs.mkdirSync(work, { recursive: true });
for (const name of fs.readdirSync(source)) {
  if (['node_modules', 'site', 'results'].includes(name)) continue;
  const to = path.join(work, name);
  fs.rmSync(to, { recursive: true, force: true });
  fs.cpSync(path.join(source, name), to, { recursive: true });
  // The shared copy is read-only; this one is ours.
  const writable = (p) => {
    const dir = fs.statSync(p).isDirectory();
    fs.chmodSync(p, dir ? 0o755 : 0o644);
    if (dir) for (const f of fs.readdirSync(p)) writable(path.join(p, f));
  };
  writable(to);
}
const stamp = path.join(work, 'node_modules', '.obplay-lock');
if (!fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8') !== fs.readFileSync(path.join(work, 'package-lock.json'), 'utf8')) {
  console.error('bench-load: npm ci in target/bench-anchors (playwright-core, esbuild, the engines)');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: work, stdio: 'inherit' });
  fs.copyFileSync(path.join(work, 'package-lock.json'), stamp);
}

const results = {};
for (const [name, extra] of [['localhost', []], ['9 Mbit/s, 60 ms', ['--throttle', '9000:60']]]) {
  const json = path.join(work, 'results', `obplay-${extra.length ? 'throttled' : 'localhost'}.json`);
  const args = ['run.mjs', '--runs', RUNS, '--engines', 'sqljs', '--site', distDir, '--site-name', 'obplay', '--selector', '#sql-input', '--ready', READY, '--json', json, ...extra];
  console.error(`bench-load: node ${args.map((a) => (/[ '()=!&|]/.test(a) ? JSON.stringify(a) : a)).join(' ')}`);
  const md = execFileSync(process.execPath, args, { cwd: work, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 }).toString();
  fs.writeFileSync(json.replace(/\.json$/, '.md'), md);
  const { summary } = JSON.parse(fs.readFileSync(json, 'utf8'));
  results[name] = Object.fromEntries(summary.map((s) => [s.name, s]));
}

const kB = (b) => `${(b / 1000).toFixed(1)} kB`;
const ms = (t) => `${t.toFixed(0)} ms`;
console.log(`\ncold load against sql.js in the shared harness (${RUNS} fresh profiles each, gzip -9, medians; reports in target/bench-anchors/results/):`);
console.log('| network | sql.js bytes | obplay bytes | ratio | sql.js SELECT 1 | obplay console ready | ratio |');
console.log('|---|---|---|---|---|---|---|');
for (const [name, r] of Object.entries(results)) {
  const s = r.sqljs;
  const o = r.obplay;
  const bytes = [s.rtTransferBytes.median, o.rtTransferBytes.median];
  const ready = [s.firstResultMs.median, o.firstResultMs.median];
  console.log(`| ${name} | ${kB(bytes[0])} | ${kB(bytes[1])} | ${(bytes[1] / bytes[0]).toFixed(2)}× | ${ms(ready[0])} | ${ms(ready[1])} | ${(ready[1] / ready[0]).toFixed(2)}× |`);
}
