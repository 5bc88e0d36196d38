//! The page in English and Simplified Chinese (issue 15): the Rust side of it, which is small on
//! purpose.
//!
//! The page's words are written in English where they are used, as before. `i18n/lang.js` (run
//! before the app) chooses the language; for a Chinese reader only it fetches the catalogue
//! (`i18n/zh-CN.txt`, English → 简体中文) and `i18n/translate.js`, which translates the page's own
//! text nodes and attributes as the app renders them, and never what OceanBase prints (`pre`,
//! `code`, `kbd`, inputs, and anything marked `translate="no"`). An English reader downloads
//! none of it, and the app carries no catalogue and no lookup calls: ARCHITECTURE.md has the
//! measurement behind this design. What is left here: waiting for the catalogue before the
//! app mounts, the few words drawn on canvases, the doc links and share links.

/// Where tour steps link to: the OceanBase docs, whose English and Chinese trees have the same
/// numbered paths. The page links the `en-US` tree; on a Chinese page `translate.js` points
/// links marked `doc-link` at the `zh-CN` tree.
pub const DOC_BASE: &str = "https://github.com/oceanbase/oceanbase-doc/blob/V4.3.3/";

/// The doc page of a path under `600.manage/600.backup-and-recovery/`.
pub fn doc_link(path: &str) -> String {
    format!("{DOC_BASE}en-US/600.manage/600.backup-and-recovery/{path}")
}

/// Runs `mount` once the page's language is ready: at once for English; for Chinese after
/// `lang.js`'s `obplayReady` promise settles (catalogue and translator loaded, or failed and the
/// page stays English).
#[cfg(target_arch = "wasm32")]
pub fn boot(mount: fn()) {
    use wasm_bindgen::JsCast;
    let ready = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"obplayReady".into()).ok())
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
    match ready {
        Some(p) => {
            let go = wasm_bindgen::closure::Closure::once(move |_: wasm_bindgen::JsValue| mount());
            let _ = p.then(&go);
            go.forget();
        }
        None => mount(),
    }
}

/// A text drawn on a canvas, in the page's language (the translator cannot reach canvas
/// pixels, so it lends its lookup as `obplayT`).
#[cfg(target_arch = "wasm32")]
pub fn canvas(text: &str) -> String {
    use wasm_bindgen::JsCast;
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"obplayT".into()).ok())
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call1(&wasm_bindgen::JsValue::NULL, &text.into()).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| text.to_string())
}

/// An address without its `lang` parameter: share links open in the reader's language, not the
/// author's.
#[cfg(target_arch = "wasm32")]
pub fn without_lang(href: &str) -> String {
    match web_sys::Url::new(href) {
        Ok(url) => {
            url.search_params().delete("lang");
            url.href()
        }
        Err(_) => href.to_string(),
    }
}
