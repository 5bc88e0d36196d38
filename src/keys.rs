//! Keyboard helpers shared by the page and its panels: whether a key goes to a text field (its
//! own keys win over every shortcut) and focusing a panel. Invariant: no shortcut fires while
//! the user types in a field.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

pub fn target_tag(ev: &web_sys::KeyboardEvent) -> String {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|el| el.tag_name())
        .unwrap_or_default()
}

/// True when a key goes to a text field (its own keys win over every shortcut).
pub fn in_text_field(ev: &web_sys::KeyboardEvent) -> bool {
    matches!(target_tag(ev).as_str(), "INPUT" | "TEXTAREA" | "SELECT")
}

/// Focuses the first element matching `selector` (made focusable with tabindex=-1).
pub fn focus(selector: &str) {
    if let Ok(Some(el)) = document().query_selector(selector)
        && let Ok(el) = el.dyn_into::<web_sys::HtmlElement>()
    {
        let _ = el.focus();
    }
}
