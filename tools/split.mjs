// Release builds (issue 16): the wasm in two, by what the first screen runs. Called by
// tools/csp.mjs in Trunk's post_build hook when TRUNK_PROFILE=release and OBPLAY_SPLIT=1
// (`./dev` sets it for the builds it tests, measures and ships; `./dev serve` does not).
//
// 1. Profile: load the staging site in headless Chromium (English and Chinese, 1280×800) and read
//    V8's `wasm.CompileLazy` trace events from the start until 2 s after `<html
//    data-obplay="ready">` (the first frames, effects and saves: a function they need before the
//    cold part is there would be fetched synchronously, freezing the page for the download): V8
//    compiles a wasm function the first time it runs, so they name what ran. The page runs as if
//    the cold part had not arrived (`obplaySplitLinked = false`): what waits for it (the panels
//    below the first screen, the play loop's ticks: src/app.rs) is not profiled.
// 2. Split (tools/wasm-split, walrus): every other function's body in the main module becomes a
//    stub that links the cold module if need be and calls the real function through a table slot
//    the cold module fills; the cold module holds those bodies and imports memory, tables,
//    globals and the JS imports from the main one.
// 3. Check: load the split site at five sizes and languages; a cold function it needed in those
//    first 2 s joins the profile, and the split is redone (usually one more round).
// 4. The loader links the cold module after start-up (`compileStreaming`, then an Instance), or
//    at once when a stub needs it first: a synchronous request and `new WebAssembly.Module`
//    (Chromium validates 1.4 MB in ~7 ms: its wasm compilation is lazy). A start that will
//    replay statements (options in the address, a fragment, a saved session) fetches it with the
//    main part and mounts once both are linked. A download that fails twice is shown
//    (index.html's .code-failed).
// Both files are named by their content; the preload's integrity is the main module's.
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import crypto from 'node:crypto';
import os from 'node:os';
import { execFileSync } from 'node:child_process';

const ROOT = path.join(path.dirname(new URL(import.meta.url).pathname), '..');
// Where `./dev` built it: cargo's target directory (CI sets CARGO_TARGET_DIR to a cache).
const TOOL = path.resolve(ROOT, process.env.CARGO_TARGET_DIR ?? 'tools/wasm-split/target', 'release', 'wasm-split-profile');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.txt': 'text/plain' };
const hash = (b, n = 16) => crypto.createHash('sha256').update(b).digest('hex').slice(0, n);

/** The loader's prelude: links the cold module (`p` = the main module's exports). */
const prelude = (cold) => `
// Issue 16: the wasm is split by what the first screen runs (tools/split.mjs).
const COLD = new URL('./${cold}', import.meta.url).href;
let exportsOfMain, coldModule, coldPromise, linked = false;
let mainReady;
const mainInstantiated = new Promise((r) => { mainReady = r; });
// The app builds the panels below the first screen once this is true (src/app.rs).
window.obplaySplitLinked = false;
function link(mod) {
  coldModule = coldModule || mod;
  if (linked) return;
  new WebAssembly.Instance(coldModule, { p: exportsOfMain });
  exportsOfMain.__split_loaded.value = 1;
  linked = window.obplaySplitLinked = true;
  document.documentElement.removeAttribute('data-code-failed');
  // Not from inside a stub's call: the listener calls into the wasm.
  setTimeout(() => window.dispatchEvent(new Event('obplay:linked')));
}
// The page says so (index.html's .code-failed): not through the wasm, whose code is missing.
function failed(why) {
  window.obplaySplitFailed = why;
  if (!linked) document.documentElement.setAttribute('data-code-failed', why);
}
// One download for all who ask. Without application/wasm streaming fails: the same response's
// bytes are compiled instead. A failed download is tried once more after 2 s.
function fetchColdModule() {
  const once = () => fetch(COLD).then((r) => r.ok
    ? WebAssembly.compileStreaming(r.clone()).catch(() => r.arrayBuffer().then((b) => WebAssembly.compile(b)))
    : Promise.reject(new Error('HTTP ' + r.status)));
  return coldPromise = coldPromise || once()
    .catch(() => linked ? coldModule : new Promise((r) => setTimeout(r, 2000)).then(once));
}
// Links the cold module once it and the main one are there; never rejects (a failure is shown).
const linkWhenThere = () => Promise.all([fetchColdModule(), mainInstantiated])
  .then(([m]) => link(m))
  .catch((e) => failed(String(e)));
// A start that replays statements the profile did not run needs the cold part while it mounts:
// an address with options (an embed's scenario or script) or a fragment (a share link), or a
// saved session (a reload after the clock has played). Fetch it now, with the main part, and
// mount once both are linked (i18n::boot waits for obplayReady), rather than synchronously
// mid-mount; after 15 s the app mounts anyway, and a stub fetches what is still missing.
const params = [...new URLSearchParams(location.search).keys()].filter((k) => k !== 'lang' && k !== 'theme');
let saved = false;
try { saved = localStorage.getItem('obplay.session') !== null; } catch (e) { /* no storage */ }
if (params.length > 0 || location.hash.length > 1 || saved) {
  const whole = Promise.race([linkWhenThere(), new Promise((r) => setTimeout(r, 15000))]);
  window.obplayReady = Promise.all([window.obplayReady, whole]);
}
// A stub ran before the cold module was linked: fetch and compile it now, synchronously. If that
// fails the stub throws (the statement or panel that needed it fails) and the page says so.
function loadNow(slot) {
  (window.obplaySplitMisses = window.obplaySplitMisses || []).push(slot);
  if (coldModule) return link(coldModule);
  const x = new XMLHttpRequest();
  x.open('GET', COLD, false);
  x.overrideMimeType('text/plain; charset=x-user-defined');
  try {
    x.send();
  } catch (e) {
    failed(String(e));
    throw e;
  }
  if (x.status !== 200) {
    failed('HTTP ' + x.status);
    throw new Error('obplay: the second part of the wasm did not load (HTTP ' + x.status + ')');
  }
  const s = x.responseText, u = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) u[i] = s.charCodeAt(i) & 0xff;
  link(new WebAssembly.Module(u));
}
const wrap = (f) => async (m, imports) => {
  imports.__split = { load: loadNow };
  const r = await f(m, imports);
  exportsOfMain = (r.instance || r).exports;
  mainReady();
  return r;
};
const { instantiate, instantiateStreaming } = WebAssembly;
WebAssembly.instantiate = wrap(instantiate);
WebAssembly.instantiateStreaming = wrap(instantiateStreaming);
`;
const after = `WebAssembly.instantiate = instantiate;
WebAssembly.instantiateStreaming = instantiateStreaming;
linkWhenThere();
`;

function serve(dir) {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = path.join(dir, rel);
    if (!file.startsWith(dir)) return res.writeHead(403).end();
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, body) => {
      if (err) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(body);
    });
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r({ origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() })));
}

async function browser() {
  const { chromium } = await import(path.join(ROOT, 'e2e', 'node_modules', 'playwright-core', 'index.mjs'));
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
}

/** What the wasm uses (Rust's wasm32 target and wasm-bindgen's reference types). */
const FEATURES = ['--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext', '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue'];

const READY = () => document.documentElement.dataset.obplay === 'ready';
/** How long after ready the profile and the check watch (frames, play-loop ticks). */
const SETTLE_MS = 2000;

/** Function indices (imports included) the site ran until ready. */
async function profile(dir) {
  const site = await serve(dir);
  const b = await browser();
  const hot = new Set();
  try {
    for (const page of ['/', '/?lang=zh-CN']) {
      const p = await (await b.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
      // As the split page before its second part is there: the panels below the first screen
      // wait for it (src/app.rs), so their code goes to the cold part.
      await p.addInitScript(() => { window.obplaySplitLinked = false; });
      await b.startTracing(p, { categories: ['v8.wasm', 'blink.user_timing'] });
      await p.goto(site.origin + page);
      await p.waitForFunction(READY, null, { timeout: 60000 });
      await p.waitForTimeout(SETTLE_MS);
      const events = JSON.parse(await b.stopTracing()).traceEvents;
      for (const e of events) if (e.name === 'wasm.CompileLazy') hot.add(e.args.func_index);
      await p.context().close();
    }
  } finally {
    await b.close();
    site.close();
  }
  return hot;
}

/** Cold functions (original indices) a split site needed before ready. */
async function misses(dir, slots) {
  const [base, list] = slots;
  const site = await serve(dir);
  const b = await browser();
  const found = new Set();
  try {
    for (const [page, width, height] of [['/', 1280, 800], ['/', 1280, 720], ['/?lang=zh-CN', 1280, 800], ['/', 390, 844], ['/', 1920, 1080]]) {
      const context = await b.newContext({ viewport: { width, height } });
      const p = await context.newPage();
      await p.goto(site.origin + page);
      await p.waitForFunction(READY, null, { timeout: 60000 });
      await p.waitForTimeout(SETTLE_MS);
      for (const slot of await p.evaluate(() => window.obplaySplitMisses || [])) found.add(list[slot - base]);
      await context.close();
    }
  } finally {
    await b.close();
    site.close();
  }
  return found;
}

/** Splits `dir`'s wasm with the profile `hot`; returns the slots (base, original index per slot). */
function apply(dir, original, hot, work) {
  const wasm = fs.readdirSync(dir).find((f) => f.endsWith('_bg.wasm'));
  const stem = wasm.replace(/-[0-9a-f]+_bg\.wasm$/, '');
  fs.writeFileSync(path.join(work, 'hot.txt'), [...hot].join('\n') + '\n');
  const [main, cold] = [path.join(work, 'main.wasm'), path.join(work, 'cold.wasm')];
  execFileSync(TOOL, [original, path.join(work, 'hot.txt'), main, cold], { stdio: ['ignore', 'ignore', 'inherit'] });
  // walrus writes the stubs and re-encodes the bodies plainly: wasm-opt (Trunk's, on PATH) takes
  // 4.5 KB gzip off the part the console waits for. The cold part imports from it by export name,
  // so its function indices may change.
  execFileSync('wasm-opt', ['-Oz', ...FEATURES, main, '-o', main], { stdio: ['ignore', 'ignore', 'inherit'] });
  const mainBytes = fs.readFileSync(main);
  const coldBytes = fs.readFileSync(cold);
  const mainName = `${stem}-${hash(mainBytes)}_bg.wasm`;
  const coldName = `${stem}-${hash(coldBytes)}_cold.wasm`;
  fs.rmSync(path.join(dir, wasm));
  fs.writeFileSync(path.join(dir, mainName), mainBytes);
  fs.writeFileSync(path.join(dir, coldName), coldBytes);
  const index = path.join(dir, 'index.html');
  let html = fs.readFileSync(index, 'utf8').split(wasm).join(mainName);
  const sri = `sha384-${crypto.createHash('sha384').update(mainBytes).digest('base64')}`;
  html = html.replace(/(<link\b[^>]*href="[^"]*_bg\.wasm"[^>]*\bintegrity=")[^"]*"/, `$1${sri}"`);
  // Trunk's loader is still inline here (tools/csp.mjs moves it to a file afterwards).
  html = html.replace(/(<script type="module"[^>]*>\s*import init[^\n]*\n)([\s\S]*?const wasm = await init\([^\n]*\n)/, (_, head, body) => `${head}${prelude(coldName)}${body}${after}`);
  if (!html.includes('__split')) throw new Error('split: Trunk\'s loader was not found in index.html');
  fs.writeFileSync(index, html);
  const [base, list] = fs.readFileSync(`${cold}.slots`, 'utf8').split('\n');
  return [Number(base), list.split(' ').map(Number)];
}

export async function splitWasm(staging) {
  if (!fs.existsSync(TOOL)) throw new Error(`split: ${TOOL} is missing (./dev builds it)`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'obplay-split-'));
  try {
    const wasm = fs.readdirSync(staging).find((f) => f.endsWith('_bg.wasm'));
    const original = path.join(work, 'original.wasm');
    const page = path.join(work, 'index.html');
    fs.copyFileSync(path.join(staging, wasm), original);
    fs.copyFileSync(path.join(staging, 'index.html'), page);
    const hot = await profile(staging);
    // Each round splits the staging site itself (from the original wasm and page) and checks it;
    // the round that misses nothing is the result.
    for (let round = 1; ; round++) {
      if (round > 1) {
        for (const f of fs.readdirSync(staging)) if (/(_bg|_cold)\.wasm$/.test(f)) fs.rmSync(path.join(staging, f));
        fs.copyFileSync(original, path.join(staging, wasm));
        fs.copyFileSync(page, path.join(staging, 'index.html'));
      }
      const slots = apply(staging, original, hot, work);
      const missed = await misses(staging, slots);
      console.error(`split: round ${round}: ${hot.size} functions until ready + ${SETTLE_MS} ms, ${missed.size} missed`);
      if (missed.size === 0 || round === 5) {
        if (missed.size) console.error('split: still missing functions after 5 rounds; they load on first use');
        break;
      }
      for (const m of missed) hot.add(m);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
