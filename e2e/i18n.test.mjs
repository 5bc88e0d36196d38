// The Chinese catalogue against the sources (no browser): every English text the page shows
// (src/, and the engine texts the page shows: tours, scenarios, block states, the limits and
// link errors) has an entry in i18n/zh-CN.txt; every entry is still used; each entry has the same
// {placeholders} in both languages; and the translator puts composed texts together right.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { rustFiles, code, literals, uiTexts, prose } from './i18n-sources.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const { parse, Translator } = createRequire(import.meta.url)('../i18n/translate.js');
const catalogue = parse(fs.readFileSync(path.join(root, 'i18n/zh-CN.txt'), 'utf8'));
const tr = new Translator(catalogue);

/** Literals of src/ that read like words but are not text on the page. */
const NOT_UI = new Set([
  // keys, names of events, storage, attributes, classes, MIME types, save-format lines
  'Escape', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Enter', 'Tab', 'Home', 'End', 'Space', 'Esc', 'Shift + →',
  'Shift + Enter', '← / → · Home / End', 'Ctrl + L', 'Ctrl + C', 'AbortSignal', 'QuotaExceededError', 'SecurityError', 'NotAllowedError',
  'out table', 'details input', 'blk-tip pinned', 'chip chip-full', 'chip chip-inc', 'job job-child',
  'pt pt-full', 'pt pt-full pt-failed', 'pt pt-inc', 'pt pt-inc pt-failed', 'status status-{}',
  'tl-pick tl-pick-bad', 'tl-round tl-round-{}', 'tl-piece tl-piece-gone', 'tl-piece tl-piece-even', 'tl-set {}{}', 'status status-success', 'status status-failed',
  '11px system-ui, sans-serif', 'input[type=number]', 'text/plain', 'application/sql',
  'cleared {}', 'speed {}', 'playing {}', 'theme {}', 'steps {}', 'log {}',
  // names that stay as they are in every language
  'obplay', 'OceanBase', 'English', 'SCN', 'Tablet',
  // the native binary's message (a terminal, not the page)
  'obplay is a web app: build it with `./dev serve`. The native engine command is `obsim`.',
  // the engine's statements (tours run them; they are SQL and obclient's commands)
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
]);

/** One-word identifiers (event names, keys, values, ids, camelCase names) are never page text;
 *  nor are statements (the engine's tours and scenarios type SQL and obclient's commands). */
const token = (t) =>
  /^[a-z0-9_.:\/{}#=-]+$/.test(t) || /^\S*\/\S*$/.test(t) || /^\w*[a-z][A-Z]\w*$/.test(t) || /^(ALTER|SELECT|CREATE|INSERT|DELETE|SET|connect|obclient) /.test(t);

function pageTexts() {
  return rustFiles(path.join(root, 'src'))
    .flatMap((f) => uiTexts(f, root, NOT_UI))
    .filter((t) => t.markup || !token(t.text));
}

/** Engine texts the page shows, from the engine's own files. */
function engineTexts() {
  const files = ['tours.rs', 'tours/challenge.rs', 'tours/restore.rs', 'scenario.rs', 'blockmap.rs', 'limits.rs', 'share/mod.rs', 'replay.rs'];
  const out = [];
  for (const f of files) {
    const file = path.join(root, 'crates/obsim/src', f);
    const src = code(file);
    for (const l of literals(src)) {
      const text = l.value.replace(/\{[\w:]*\}/g, '{}').trim();
      if (!prose(text) || token(text) || NOT_UI.has(text) || /\.md$|^\d/.test(text)) continue;
      // The engine's own format strings that never reach the page (module docs, debug output).
      if (/^(LS|lit=|\{\}=)/.test(text)) continue;
      out.push({ text, where: `crates/obsim/src/${f}:${src.slice(0, l.start).split('\n').length}` });
    }
  }
  return out;
}

const norm = (en) => en.replace(/\{\w+\}/g, '{}');
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const pattern = (t) => new RegExp('^' + t.split('{}').map(escape).join('[\\s\\S]*') + '$');

function translatable(text) {
  if (text.includes('\n')) return text.split('\n').every(translatable); // a tooltip: line by line
  const letters = text.replace(/\{\}/g, '');
  if (!/[a-z]{2,}|[A-Z][a-z]/.test(letters)) return true; // "{} #{}", "{}: {}": no words of ours
  if (!text.includes('{}')) return tr.translate(text, null, 0) !== null || catalogue.context.has(text);
  const re = pattern(text);
  return catalogue.entries.some((e) => re.test(norm(e.en)));
}

test('every English text of the page has a Chinese entry', () => {
  const missing = [...pageTexts(), ...engineTexts()].filter((t) => !translatable(t.text));
  assert.deepEqual(missing.map((t) => `${t.where}: ${JSON.stringify(t.text)}`), []);
});

test('every entry is still used, once, with the same placeholders in both languages', () => {
  const sources = [...rustFiles(path.join(root, 'src')), ...rustFiles(path.join(root, 'crates/obsim/src'))]
    .flatMap((f) => literals(code(f)).map((l) => l.value.replace(/\{[\w:]*\}/g, '{}')))
    .concat(/<title>(.*)<\/title>/.exec(fs.readFileSync(path.join(root, 'index.html'), 'utf8'))[1]);
  const lines = new Set();
  for (const s of sources) {
    for (const v of ['', 's', 'x', '1']) {
      const inst = s.split('{}').join(v);
      lines.add(inst.trim());
      for (const line of inst.split('\n')) lines.add(line.trim());
    }
  }
  const all = [...lines];
  const problems = [];
  const seen = new Set();
  for (const e of catalogue.entries) {
    const id = e.en + ' @@ ' + e.selector;
    if (seen.has(id)) problems.push(`line ${e.line}: ${JSON.stringify(e.en)} twice`);
    seen.add(id);
    const names = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
    if (names(e.en) !== names(e.zh)) problems.push(`line ${e.line}: placeholders {${names(e.en)}} but {${names(e.zh)}}`);
    const re = new RegExp('^' + e.en.split(/\{\w+\}/).map(escape).join('[\\s\\S]*') + '$');
    const inside = e.en.includes(' ') && !/\{\w+\}/.test(e.en);
    if (!all.some((l) => re.test(l) || (inside && l.includes(e.en)))) problems.push(`line ${e.line}: ${JSON.stringify(e.en)} is used nowhere`);
  }
  assert.deepEqual(problems, []);
});

test('composed texts come out whole in Chinese, and OceanBase words stay', () => {
  const zh = (s) => tr.translate(s, null, 0);
  assert.equal(zh('Started the tour “Cancel a backup”. The previous session was replaced.'), '已开始导览“停止备份”。之前的会话已被替换。');
  assert.equal(zh('Started “Fresh cluster”. The previous session was replaced.'), '已开始“全新集群”。之前的会话已被替换。');
  assert.equal(zh('Full backup from sys · Step 3 of 10'), '系统租户发起全量备份 · 第 3 步，共 10 步');
  assert.equal(zh('Done after 3 min 05 s of simulated time: see the console and the highlighted panels.'),
    '经过 3 分 05 秒 模拟时间后完成：请查看控制台和高亮的面板。');
  assert.equal(zh('set 2 INC on set 1: SUCCESS / AVAILABLE, 3.0 MiB, ended 2024-01-01 10:00:00'),
    '备份集 2 INC 基于备份集 1：SUCCESS / AVAILABLE，3.0 MiB，结束于 2024-01-01 10:00:00');
  assert.equal(zh('set 1 FULL: SUCCESS / AVAILABLE, 3.0 MiB, running'), '备份集 1 FULL：SUCCESS / AVAILABLE，3.0 MiB，运行中');
  assert.equal(
    zh('macroblock 12 · tablet 200001 · LS 1001\nchanged since the latest set, by a statement, last write SCN 17\nin set 1 FULL (own copy), set 2 INC (reference to set 1)'),
    '宏块 12 · Tablet 200001 · LS 1001\n自最近的备份集以来已修改，由语句修改，最近写入 SCN 17\n位于 备份集 1 FULL（自有副本），备份集 2 INC（引用备份集 1）',
  );
  assert.equal(zh('Not yet: the archive round of mysql_tenant and oracle_tenant is still starting; it is DOING a few simulated seconds after ALTER SYSTEM ARCHIVELOG. Let time run (Play, or Space) or type SELECT SLEEP(5); then run the backup again.'),
    '还不行：mysql_tenant 和 oracle_tenant 的归档轮次仍在启动中，执行 ALTER SYSTEM ARCHIVELOG 几秒模拟时间后才会变为 DOING。让时间前进（“播放”或空格键），或输入 SELECT SLEEP(5);，然后再次发起备份。');
  assert.equal(zh('round 1 DOING'), '轮次 1 DOING');
  assert.equal(zh('  Seed '), '  种子 ');
  // Not ours: OceanBase's words, names and values are left alone.
  for (const s of ['DOING', 'FULL', 'mysql_tenant', 'ALTER SYSTEM BACKUP DATABASE;', 'backup destination is full, Stop it']) {
    assert.equal(zh(s), null, s);
  }
});
