// The page's first script. It starts compiling the wasm as it downloads (issue 16: the loader,
// a module script, runs only once the page is parsed; it instantiates this compiled module, see
// tools/assets.mjs `loadCompiled`), and it chooses obplay's language before the app loads (see
// src/i18n/mod.rs).
(function (w) {
  // The same request as the preload (URL, CORS mode, credentials, integrity): one download.
  var a = document.querySelector('link[rel="preload"][href$=".wasm"]'), W = w.WebAssembly;
  if (!a || !W || !W.compileStreaming) return;
  w.obplayWasm = W.compileStreaming(fetch(a.href, { integrity: a.integrity, credentials: 'same-origin' }));
  w.obplayWasm.catch(function () {}); // the loader then fetches the wasm itself
})(window);
(function (d, w) {
  var K = 'obplay.lang', r = d.documentElement, l = '', n = navigator, p = n.languages || [n.language], i = 0, s, t;
  function pick(x) {
    x = String(x || '').toLowerCase();
    return x.indexOf('zh') ? x.indexOf('en') ? '' : 'en' : 'zh-CN';
  }
  function url(f) { return new URL(f, d.baseURI).href; }
  try { l = pick(new URLSearchParams(location.search).get('lang')) || pick(localStorage.getItem(K)); } catch (e) {}
  while (!l && i < p.length) l = pick(p[i++]);
  r.lang = l = l || 'en';
  d.addEventListener('click', function (e) {
    var b = e.target.closest && e.target.closest('[data-set-lang]'), u = new URL(location.href), v;
    if (!b) return;
    v = b.getAttribute('data-set-lang');
    u.searchParams.delete('lang');
    try { localStorage.setItem(K, v); } catch (x) { u.searchParams.set('lang', v); }
    u.href == location.href ? location.reload() : location.replace(u.href);
  });
  if (l != 'zh-CN') return;
  s = d.createElement('script');
  t = new Promise(function (ok, no) { s.onload = ok; s.onerror = no; });
  s.src = url('i18n/translate.js');
  d.head.appendChild(s);
  w.obplayReady = Promise.all([fetch(url('i18n/zh-CN.txt'), { cache: 'no-cache' }).then(function (x) {
    if (!x.ok) throw 'HTTP ' + x.status;
    return x.text();
  }), t]).then(function (x) {
    w.obplayT = w.obplayTranslate.install(d, w.obplayTranslate.parse(x[0]));
  }).catch(function (e) {
    r.lang = 'en';
    r.setAttribute('data-lang-failed', e);
  });
})(document, window);
