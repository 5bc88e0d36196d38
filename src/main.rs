#[cfg(target_arch = "wasm32")]
fn main() {
    mark("obplay:main");
    console_error_panic_hook::set_once();
    // A Chinese page mounts once its catalogue is there (lang.js started fetching it long
    // before the wasm arrived); an English one at once. The app mounts synchronously, in place
    // of index.html's static skeleton, and the console then accepts input:
    // `<html data-obplay="ready">` is what benchmarks wait for.
    obplay::i18n::boot(|| {
        mark("obplay:mount");
        leptos::mount::mount_to_body(obplay::app::App);
        mark("obplay:ready");
        if let Some(root) = leptos::prelude::document().document_element() {
            let _ = root.set_attribute("data-obplay", "ready");
        }
    });
}

/// A Performance mark: the load benchmark's timeline of the start-up (issue 16).
#[cfg(target_arch = "wasm32")]
fn mark(name: &str) {
    if let Some(p) = leptos::prelude::window().performance() {
        let _ = p.mark(name);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "obplay is a web app: build it with `./dev serve`. The native engine command is `obsim`."
    );
}
