//! Share links: the Share button (and the S key) puts a link to the whole session on the
//! clipboard and shows it in a text field to copy by hand. The link is this page's address with
//! `#s=<payload>` (`obsim::share`: format version, seed, scenario, every statement and fault
//! with its simulated time); opening it replays the session (see `app::start`).

use crate::engine::Engine;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[derive(Clone, Copy)]
pub struct ShareState {
    pub open: RwSignal<bool>,
    /// The link, empty when the session cannot be shared.
    pub link: RwSignal<String>,
    pub status: RwSignal<String>,
    /// The engine's state fingerprint (`Cluster::state_hash`) when the dialog opened.
    pub hash: RwSignal<String>,
}

impl ShareState {
    pub fn new() -> ShareState {
        ShareState {
            open: RwSignal::new(false),
            link: RwSignal::new(String::new()),
            status: RwSignal::new(String::new()),
            hash: RwSignal::new(String::new()),
        }
    }

    /// Builds the link of the current session, copies it and opens the dialog.
    pub fn share(&self, engine: Engine) {
        let (log, hash) = engine
            .shell
            .with_value(|sh| (sh.log(), sh.cluster.state_hash()));
        self.hash.set(format!("{hash:016x}"));
        match obsim::share::fragment(&log) {
            Ok(fragment) => {
                // Without `lang`: a link opens in its reader's language, not its author's.
                let link = format!("{}{fragment}", crate::i18n::without_lang(&page_address()));
                copy(&link, self.status);
                self.link.set(link);
            }
            Err(e) => {
                self.link.set(String::new());
                self.status
                    .set(format!("This session cannot be shared: {e}."));
            }
        }
        self.open.set(true);
    }
}

impl Default for ShareState {
    fn default() -> Self {
        ShareState::new()
    }
}

/// This page's address without its fragment (works under any sub-path).
pub fn page_address() -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    match href.split_once('#') {
        Some((base, _)) => base.to_string(),
        None => href,
    }
}

/// Puts the link on the clipboard (where the browser allows it) and says so.
fn copy(text: &str, status: RwSignal<String>) {
    crate::console::copy_to_clipboard(text);
    status.set(
        "Copied to the clipboard where the browser allows it; the link is also selected below."
            .into(),
    );
}

#[component]
pub fn ShareButton(state: ShareState) -> impl IntoView {
    let engine = crate::engine::use_engine();
    view! {
        <button
            class="btn small"
            aria-keyshortcuts="S"
            aria-haspopup="dialog"
            title="Copy a link that replays this session (S)"
            on:click=move |_| state.share(engine)
        >
            "Share"
        </button>
    }
}

#[component]
pub fn ShareDialog(state: ShareState) -> impl IntoView {
    // Select the link as the dialog opens, ready for Ctrl+C.
    Effect::new(move |_| {
        if state.open.get() && !state.link.with(String::is_empty) {
            request_animation_frame(|| {
                if let Some(el) = document().get_element_by_id("share-link")
                    && let Ok(el) = el.dyn_into::<web_sys::HtmlInputElement>()
                {
                    let _ = el.focus();
                    el.select();
                }
            });
        }
    });
    let size = move || {
        state.link.with(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("{} characters.", l.chars().count())
            }
        })
    };
    view! {
        <div class="share-dialog" role="dialog" aria-label="Share this session" hidden=move || !state.open.get()>
            <label for="share-link">"Link that replays this session (seed, scenario, statements, faults)"</label>
            <input id="share-link" type="text" readonly prop:value=move || state.link.get() />
            <p class="hint" role="status" data-testid="share-status">{move || state.status.get()} " " {size}</p>
            <p class="hint fingerprint" title="The same session replayed anywhere (here, another browser, `obsim replay`) ends with this fingerprint">
                "State fingerprint " <code data-testid="state-hash">{move || state.hash.get()}</code>
            </p>
            <button
                class="btn small"
                disabled=move || state.link.with(String::is_empty)
                on:click=move |_| copy(&state.link.get_untracked(), state.status)
            >
                "Copy"
            </button>
            " "
            <button class="btn small" on:click=move |_| state.open.set(false)>"Close"</button>
        </div>
    }
}
