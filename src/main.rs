#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(obplay::app::App);
    // The app is mounted (synchronously, in place of index.html's static skeleton) and the
    // console accepts input: `<html data-obplay="ready">` is what benchmarks wait for.
    if let Some(root) = leptos::prelude::document().document_element() {
        let _ = root.set_attribute("data-obplay", "ready");
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "obplay is a web app: build it with `./dev serve`. The native engine command is `obsim`."
    );
}
