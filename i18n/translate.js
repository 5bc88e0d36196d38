// The page's own words in 简体中文: loaded by lang.js for a Chinese reader only, with the
// catalogue (zh-CN.txt). The app renders English; this translates its text nodes and a few
// attributes as they appear or change (a MutationObserver: its callback runs before the browser
// paints, so no English shows). What OceanBase prints is never touched: `pre`, `code`, `kbd`,
// form fields and anything under `translate="no"` are skipped, and only whole texts the
// catalogue names are translated.
//
// The catalogue (zh-CN.txt): `English => 中文`, one entry a line, `#` comments, `\n` a line break.
// `{name}` marks a part that varies: digits for the names in NUM, an OceanBase value (DOING,
// FULL) for those in UPPER, anything else otherwise; a varying part is itself translated when
// the catalogue knows it, and for the names in MUST a split is taken only if that part
// translates (or is empty). `English @@ selector => 中文`
// applies only inside elements matching the CSS selector (the same English word, two meanings).
// Runs in node too (e2e/i18n.test.mjs checks the catalogue against the sources with it).
(function (root) {
  'use strict';
  var NUM = /^(n|id|job|set|total|days|mb|copied|planned|referenced|fulls|incs|block|tablet|ls|scn|f|seed|result|changed|lit|copying|reused|s|m|h)$/;
  var MUST = /^(state|by|write|how|what|base|level|time|tour|sets|end|summary|title|first|rest)$/;
  var UPPER = /^(status|file|kind)$/; // OceanBase's values: DOING, FULL, AVAILABLE, …
  var SKIP = 'pre,code,kbd,textarea,input,script,style,[translate=no]';
  var ATTRS = ['title', 'aria-label', 'placeholder', 'data-label'];

  function unescape(s) {
    return s.replace(/\\(n|\\)/g, function (_, c) { return c === 'n' ? '\n' : '\\'; });
  }

  /** Parses the catalogue: { exact: Map, context: Map(en → [[selector, zh]]), templates: [] }. */
  function parse(text) {
    var cat = { exact: new Map(), context: new Map(), templates: [], entries: [] };
    text.split('\n').forEach(function (line, i) {
      if (!line.trim() || line.charAt(0) === '#') return;
      var at = line.indexOf(' => ');
      if (at < 0) throw new Error('zh-CN.txt line ' + (i + 1) + ': no " => "');
      var en = line.slice(0, at), zh = unescape(line.slice(at + 4)), sel = null;
      var ctx = en.indexOf(' @@ ');
      if (ctx >= 0) {
        sel = en.slice(ctx + 4);
        en = en.slice(0, ctx);
      }
      en = unescape(en);
      cat.entries.push({ en: en, zh: zh, selector: sel, line: i + 1 });
      if (sel) {
        if (!cat.context.has(en)) cat.context.set(en, []);
        cat.context.get(en).push([sel, zh]);
      } else if (/\{\w+\}/.test(en)) {
        var parts = en.split(/\{(\w+)\}/);
        cat.templates.push({
          lits: parts.filter(function (_, k) { return k % 2 === 0; }),
          names: parts.filter(function (_, k) { return k % 2 === 1; }),
          zh: zh,
          en: en,
        });
      } else {
        cat.exact.set(en, zh);
      }
    });
    return cat;
  }

  function Translator(cat) {
    this.cat = cat;
    this.cache = new Map();
  }

  /** The Chinese for `s` (trimmed, whole), or null. */
  Translator.prototype.lookup = function (s, depth) {
    var hit = this.cat.exact.get(s);
    if (hit !== undefined) return hit;
    if ((depth || 0) > 4) return null;
    if (this.cache.has(s)) return this.cache.get(s);
    var out = null;
    for (var i = 0; i < this.cat.templates.length && out === null; i++) {
      var t = this.cat.templates[i];
      if (s.slice(0, t.lits[0].length) !== t.lits[0]) continue;
      var vals = this.match(t, s, 0, t.lits[0].length, {}, depth || 0);
      if (vals) {
        var self = this;
        out = t.zh.replace(/\{(\w+)\}/g, function (all, name) {
          var v = vals[name];
          if (v === undefined) return all;
          if (NUM.test(name) || UPPER.test(name)) return v;
          var z = self.translate(v, null, (depth || 0) + 1);
          // A list of names ("mysql_tenant and oracle_tenant") keeps the names.
          if (z === null && name === 'tenants') z = v.split(' and ').join(' ' + (self.lookup('and') || 'and') + ' ');
          return z === null ? v : z;
        });
      }
    }
    if (this.cache.size > 4000) this.cache.clear();
    this.cache.set(s, out);
    return out;
  };

  /** Values for the placeholders of template `t` from `s[pos..]`, trying each split. */
  Translator.prototype.match = function (t, s, j, pos, vals, depth) {
    if (j === t.names.length) return pos === s.length ? vals : null;
    var name = t.names[j], lit = t.lits[j + 1], last = j === t.names.length - 1;
    var ends = [];
    if (last) {
      if (s.length - lit.length >= pos && s.slice(s.length - lit.length) === lit) ends.push(s.length - lit.length);
    } else if (lit === '') {
      for (var e = pos; e <= s.length; e++) ends.push(e);
    } else {
      for (var k = s.indexOf(lit, pos); k >= 0; k = s.indexOf(lit, k + 1)) ends.push(k);
    }
    for (var x = 0; x < ends.length; x++) {
      var v = s.slice(pos, ends[x]);
      if (NUM.test(name) ? !/^-?\d[\d.]*$/.test(v)
        : UPPER.test(name) ? !/^[A-Z][A-Z_]*$/.test(v)
        : MUST.test(name) ? v.trim() !== '' && this.translate(v, null, depth + 1) === null
        : v === '') continue;
      vals[name] = v;
      var r = this.match(t, s, j + 1, ends[x] + lit.length, vals, depth);
      if (r) return r;
    }
    return null;
  };

  /** `s` in Chinese keeping its surrounding white space, or null; `el` picks contextual entries. */
  Translator.prototype.translate = function (s, el, depth) {
    var m = /^(\s*)([\s\S]*?)(\s*)$/.exec(s);
    var core = m[2];
    var z = null;
    var ctx = el && this.cat.context.get(core);
    if (ctx) {
      for (var i = 0; i < ctx.length && z === null; i++) if (el.closest(ctx[i][0])) z = ctx[i][1];
    }
    if (z === null && !/[A-Za-z]/.test(core)) return null;
    if (z === null) z = this.lookup(core, depth);
    if (z === null && core.indexOf('\n') >= 0) {
      // Several lines (a tooltip): each line on its own.
      var self = this, any = false;
      var lines = core.split('\n').map(function (l) {
        var t = self.translate(l, el, depth);
        any = any || t !== null;
        return t === null ? l : t;
      });
      if (any) z = lines.join('\n');
    }
    return z === null ? null : m[1] + z + m[3];
  };

  /** Translates the page from now on. */
  function install(doc, cat) {
    var tr = new Translator(cat);
    var text = function (node) {
      var el = node.parentElement;
      if (!el || el.closest(SKIP)) return;
      var z = tr.translate(node.data, el, 0);
      if (z !== null && z !== node.data) node.data = z;
    };
    var attr = function (el, a) {
      var v = el.getAttribute(a);
      if (!v) return;
      var z = tr.translate(v, el, 0);
      if (z !== null && z !== v) el.setAttribute(a, z);
    };
    var docLink = function (el) {
      var h = el.getAttribute('href');
      if (h && h.indexOf('/en-US/') >= 0) el.setAttribute('href', h.replace('/en-US/', '/zh-CN/'));
    };
    var walk = function (node) {
      if (node.nodeType === 3) return text(node);
      if (node.nodeType !== 1 || node.closest(SKIP)) return;
      var all = [node].concat(Array.prototype.slice.call(node.querySelectorAll('*')));
      all.forEach(function (el) {
        if (el !== node && el.closest(SKIP)) return;
        ATTRS.forEach(function (a) { if (el.hasAttribute(a)) attr(el, a); });
        if (el.classList.contains('doc-link')) docLink(el);
        for (var c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === 3) text(c);
      });
    };
    new MutationObserver(function (records) {
      records.forEach(function (r) {
        if (r.type === 'characterData') text(r.target);
        else if (r.type === 'attributes') {
          if (r.attributeName === 'href') docLink(r.target);
          else attr(r.target, r.attributeName);
        } else r.addedNodes.forEach(walk);
      });
    }).observe(doc.documentElement, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ATTRS.concat(['href']),
    });
    if (doc.body) walk(doc.body);
    var title = tr.translate(doc.title, null, 0);
    if (title) doc.title = title;
    return function (s) {
      var z = tr.translate(s, null, 0);
      return z === null ? s : z;
    };
  }

  var api = { parse: parse, Translator: Translator, install: install };
  if (typeof module !== 'undefined') module.exports = api;
  else root.obplayTranslate = api;
})(typeof window !== 'undefined' ? window : this);
