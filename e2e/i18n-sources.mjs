// What the page says in English, read from the Rust sources (for e2e/i18n.test.mjs): every
// string literal that is text on the page. In a `view!` block those are the text children and
// the values of title / aria-label / placeholder / data-label; elsewhere (and in a view's
// `{…}` expressions) every literal that reads like words, unless NOT_UI names it (class lists,
// keys, event names, …). Format strings come out as templates: `{}` and `{name}` both as `{}`.
import fs from 'node:fs';
import path from 'node:path';

const UI_ATTRS = new Set(['title', 'aria-label', 'placeholder', 'data-label']);

/** The `.rs` files under `dir`. */
export function rustFiles(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...rustFiles(p));
    else if (e.name.endsWith('.rs')) out.push(p);
  }
  return out.sort();
}

/** The code of a file without its tests and comment lines. */
export function code(file) {
  return fs
    .readFileSync(file, 'utf8')
    .split('#[cfg(test)]')[0]
    .split('\n')
    .map((l) => (l.trimStart().startsWith('//') ? '' : l))
    .join('\n');
}

/** Every string literal of `src`: { value, start, end } (value unescaped). */
export function literals(src) {
  const out = [];
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === "'") {
      // A char literal ('x', '\n', '\u{..}') or a lifetime ('a).
      if (src[i + 1] === '\\') i = src.indexOf("'", i + 2);
      else if (src[i + 2] === "'") i += 2;
      continue;
    }
    if (c === 'r' && /[r#]/.test(src[i]) && (src[i + 1] === '"' || src[i + 1] === '#') && !/\w/.test(src[i - 1] ?? '')) {
      const m = /^r(#*)"/.exec(src.slice(i));
      if (m) {
        const close = '"' + m[1];
        const end = src.indexOf(close, i + m[0].length);
        out.push({ value: src.slice(i + m[0].length, end), start: i, end: end + close.length });
        i = end + close.length - 1;
        continue;
      }
    }
    if (c !== '"') continue;
    let v = '';
    let j = i + 1;
    for (; j < src.length && src[j] !== '"'; j++) {
      if (src[j] !== '\\') {
        v += src[j];
        continue;
      }
      const e = src[++j];
      if (e === 'n') v += '\n';
      else if (e === 't') v += '\t';
      else if (e === '\n') while (/\s/.test(src[j + 1])) j++;
      else if (e === 'u') {
        const close = src.indexOf('}', j);
        v += String.fromCodePoint(parseInt(src.slice(j + 2, close), 16));
        j = close;
      } else v += e;
    }
    out.push({ value: v, start: i, end: j + 1 });
    i = j;
  }
  return out;
}

/** The `view! { … }` blocks of `src` as [start, end) ranges, with literals skipped. */
function views(src, lits) {
  const inLit = (k) => lits.some((l) => k >= l.start && k < l.end);
  const out = [];
  for (let at = src.indexOf('view!'); at >= 0; at = src.indexOf('view!', at + 1)) {
    const open = src.indexOf('{', at);
    let depth = 0;
    for (let k = open; k < src.length; k++) {
      if (inLit(k)) continue;
      if (src[k] === '{') depth++;
      else if (src[k] === '}' && --depth === 0) {
        out.push([open + 1, k]);
        break;
      }
    }
  }
  return out;
}

/** Reads like words on a page (not a class list, key, path or SQL keyword). */
export function prose(v) {
  if (!/[A-Za-z]{2,}/.test(v) || /^\s*$/.test(v)) return false;
  if (/:\/\/|^[./#[(@]|^--/.test(v)) return false;
  if (!/[a-z]{2,}/.test(v)) return false; // SQL keywords, view names, status values
  return true;
}

/** The UI texts of one file: [{ text, where, markup }] (markup: a view's text or attribute). */
export function uiTexts(file, root, notUi) {
  const src = code(file);
  const lits = literals(src);
  const ranges = views(src, lits);
  const out = [];
  for (const l of lits) {
    const view = ranges.find(([a, b]) => l.start >= a && l.start < b);
    const before = src.slice(0, l.start).replace(/\s+$/, '');
    const attr = /([\w:-]+)\s*=\s*$/.exec(before);
    let ui;
    let markup = false;
    if (view && attr && !/[=!<>]=\s*$/.test(before)) ui = markup = UI_ATTRS.has(attr[1]);
    else if (view) {
      // Brace depth inside the view: 0 is markup (a text child), deeper is Rust.
      let depth = 0;
      for (let k = view[0]; k < l.start; k++) {
        if (lits.some((x) => k >= x.start && k < x.end)) continue;
        if (src[k] === '{') depth++;
        else if (src[k] === '}') depth--;
      }
      // A text child follows a tag, an expression or another text; after `(` or `,` it is code.
      markup = depth === 0 && /(^|[>}"{])$/.test(before.slice(-1)) && !/_/.test(l.value.replace(/\{\w*\}/g, ''));
      ui = markup ? /[A-Za-z]/.test(l.value) : prose(l.value);
    } else ui = prose(l.value);
    const text = l.value.replace(/\{[\w:]*\}/g, '{}').trim();
    if (!ui || !text || notUi.has(text)) continue;
    const line = src.slice(0, l.start).split('\n').length;
    out.push({ text, where: `${path.relative(root, file)}:${line}`, markup });
  }
  return out;
}
