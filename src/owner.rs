//! One owner per session: of the tabs (and frames) that show the same storage key, only the one
//! holding the key's Web Lock saves. A second tab is told the session is open elsewhere and
//! offered "Take over" (steal the lock, then continue from what the other tab saved) or "Open
//! a copy" (this tab's session under a key of its own, remembered in sessionStorage so it
//! survives a reload of that tab). A tab whose lock is stolen stops saving and says so.
//!
//! Web Locks (`navigator.locks`) are called through `js_sys::Reflect` (web-sys's bindings are
//! unstable). A page reload releases the old document's lock slightly after the new document
//! asks, so a claim waits up to [`WAIT_MS`] before deciding the session is open elsewhere.
//! Without Web Locks (an insecure origin), the page saves as before: [`Ownership::Unsupported`].

use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// How long a claim waits for a lock held by a document that is going away. A reload of a large
/// session (a 2 MB save written at `pagehide`) on a busy machine keeps the old lock for over 1.5 s;
/// the page is usable while it waits (`Pending` does not block), so waiting longer costs a real
/// second tab only a later banner.
pub const WAIT_MS: u32 = 5000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ownership {
    /// Asking for the lock.
    Pending,
    Owner,
    /// Another tab holds the session.
    Elsewhere,
    /// Another tab took the session over from this one.
    Stolen,
    /// No Web Locks in this browser: every tab saves.
    Unsupported,
}

impl Ownership {
    /// Whether this tab may write the session's save.
    pub fn may_save(self) -> bool {
        matches!(self, Ownership::Owner | Ownership::Unsupported)
    }

    /// Whether the page is blocked until the user chooses (take over or copy).
    pub fn blocked(self) -> bool {
        matches!(self, Ownership::Elsewhere | Ownership::Stolen)
    }
}

#[derive(Clone, Copy)]
pub struct Owner {
    pub state: RwSignal<Ownership>,
    /// Releases the held lock (resolves the promise the lock callback returned).
    release: StoredValue<Option<js_sys::Function>, LocalStorage>,
    /// Bumped by every claim; callbacks of an older claim do nothing.
    generation: StoredValue<u32>,
}

fn lock_manager() -> Option<JsValue> {
    let nav = web_sys::window()?.navigator();
    let locks = js_sys::Reflect::get(&nav, &JsValue::from_str("locks")).ok()?;
    (!locks.is_undefined() && !locks.is_null()).then_some(locks)
}

/// `AbortSignal.timeout(ms)` where the browser has it.
fn timeout_signal(ms: u32) -> Option<JsValue> {
    let ctor = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("AbortSignal")).ok()?;
    let f: js_sys::Function = js_sys::Reflect::get(&ctor, &JsValue::from_str("timeout"))
        .ok()?
        .dyn_into()
        .ok()?;
    f.call1(&ctor, &JsValue::from(ms)).ok()
}

/// The lock's name for a storage key.
pub fn lock_name(key: &str) -> String {
    format!("obplay:{key}")
}

impl Owner {
    pub fn new() -> Owner {
        let owner = Owner {
            state: RwSignal::new(Ownership::Pending),
            release: StoredValue::new_local(None),
            generation: StoredValue::new(0),
        };
        on_cleanup(move || owner.release());
        owner
    }

    /// Lets the lock go (if held).
    pub fn release(&self) {
        if let Some(Some(f)) = self.release.try_update_value(Option::take) {
            let _ = f.call0(&JsValue::NULL);
        }
    }

    /// Asks for `key`'s lock (taking it from another tab when `steal`); `granted` runs once it
    /// is held. Any lock this page held before is released first.
    pub fn claim(&self, key: &str, steal: bool, granted: impl FnOnce() + 'static) {
        self.release();
        let Some(generation) = self.generation.try_update_value(|g| {
            *g += 1;
            *g
        }) else {
            return;
        };
        let Some(locks) = lock_manager() else {
            self.state.set(Ownership::Unsupported);
            granted();
            return;
        };
        let me = *self;
        let current = move || me.generation.try_get_value() == Some(generation);
        let opts = js_sys::Object::new();
        let set = |k: &str, v: &JsValue| {
            let _ = js_sys::Reflect::set(&opts, &JsValue::from_str(k), v);
        };
        if steal {
            set("steal", &JsValue::TRUE);
        } else if let Some(signal) = timeout_signal(WAIT_MS) {
            set("signal", &signal);
        } else {
            set("ifAvailable", &JsValue::TRUE);
        }
        me.state.set(Ownership::Pending);
        let held = Rc::new(Cell::new(false));
        let held_after = Rc::clone(&held);
        let on_lock = Closure::once(move |lock: JsValue| -> JsValue {
            if lock.is_null() || !current() {
                if current() {
                    me.state.set(Ownership::Elsewhere);
                }
                return js_sys::Promise::resolve(&JsValue::UNDEFINED).into();
            }
            let mut resolve_fn = None;
            let promise = js_sys::Promise::new(&mut |resolve, _| resolve_fn = Some(resolve));
            me.release.try_set_value(resolve_fn);
            held.set(true);
            me.state.set(Ownership::Owner);
            granted();
            promise.into()
        });
        let Ok(request) = js_sys::Reflect::get(&locks, &JsValue::from_str("request"))
            .and_then(|f| f.dyn_into::<js_sys::Function>())
        else {
            self.state.set(Ownership::Unsupported);
            return;
        };
        let result = request.call3(
            &locks,
            &JsValue::from_str(&lock_name(key)),
            &opts,
            on_lock.as_ref(),
        );
        on_lock.forget();
        let on_error = Closure::once(move |_err: JsValue| {
            if !current() {
                return;
            }
            // Rejected after it was held: stolen. Before: the wait ran out (held elsewhere).
            if held_after.get() {
                me.release.try_set_value(None);
                me.state.set(Ownership::Stolen);
            } else {
                me.state.set(Ownership::Elsewhere);
            }
        });
        match result.map(js_sys::Promise::from) {
            Ok(p) => {
                let _ = p.catch(&on_error);
                on_error.forget();
            }
            Err(_) => self.state.set(Ownership::Unsupported),
        }
    }
}

impl Default for Owner {
    fn default() -> Self {
        Owner::new()
    }
}

/// The texts of the ownership banner, in one place.
mod text {
    pub const ELSEWHERE: &str = "This session is open in another tab or window. This tab does not save, so the work there is not overwritten.";
    pub const STOLEN: &str = "Another tab took this session over. This tab has stopped saving; what you do here from now on would be lost.";
    pub const TAKE_OVER: &str = "Take over";
    pub const TAKE_OVER_HINT: &str =
        "Continue here from what the other tab saved; the other tab stops saving.";
    pub const COPY: &str = "Open a copy";
    pub const COPY_HINT: &str =
        "Keep this tab's session as a separate copy, saved on its own (also after a reload).";
}

/// The banner a tab shows while another tab owns its session.
#[component]
pub fn OwnerBanner(
    state: RwSignal<Ownership>,
    on_take_over: Callback<()>,
    on_copy: Callback<()>,
) -> impl IntoView {
    let blocked = move || state.get().blocked();
    let message = move || {
        if state.get() == Ownership::Stolen {
            text::STOLEN
        } else {
            text::ELSEWHERE
        }
    };
    view! {
        <div class="owner-banner" role="alertdialog" aria-label="Session open elsewhere" data-testid="owner-banner" hidden=move || !blocked()>
            <p>{message}</p>
            <div class="banner-actions">
                <button class="btn primary" title=text::TAKE_OVER_HINT on:click=move |_| on_take_over.run(())>
                    {text::TAKE_OVER}
                </button>
                <button class="btn" title=text::COPY_HINT on:click=move |_| on_copy.run(())>
                    {text::COPY}
                </button>
            </div>
            <p class="hint">
                <strong>{text::TAKE_OVER}</strong> ": " {text::TAKE_OVER_HINT} " "
                <strong>{text::COPY}</strong> ": " {text::COPY_HINT}
            </p>
        </div>
    }
}
