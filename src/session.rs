//! Where a page's session comes from, and how it is replaced: a share link in the address, else
//! the save under this page's storage key, else a new session from the embed parameters' seed
//! and scenario. A save that cannot be read or replayed is kept aside (never overwritten) before
//! a new session starts. Invariant: whatever the page shows was rebuilt by `obsim::replay` from a
//! session log, so a reload, a link and a save show the same thing.

use crate::console::ConsoleState;
use crate::embed_config::{EmbedConfig, KEYS as PARAMS};
use crate::engine::Engine;
use crate::persist::{self, Saved, StoreError, Ui, history_of};
use crate::saving::Unreadable;
use leptos::prelude::*;
use obsim::ClusterOptions;
use obsim::session_log::SessionLog;
use obsim::shell::{Entry, Shell};

/// Everything the page starts from: a shared, restored or new session.
pub(crate) struct Start {
    pub(crate) shell: Shell,
    pub(crate) console: ConsoleState,
    pub(crate) ui: Ui,
    /// A save that could not be restored (kept aside; a new session started).
    pub(crate) unreadable: Option<Unreadable>,
    /// The storage could not even be read.
    pub(crate) store_error: Option<StoreError>,
    /// Whether the session came from a share link (not from this key's save).
    pub(crate) from_link: bool,
    /// Things the user should know that do not block anything (a bad link or parameter).
    pub(crate) notices: Vec<String>,
}

/// The embed parameters of this page's address.
pub(crate) fn page_config() -> EmbedConfig {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    match web_sys::UrlSearchParams::new_with_str(&search) {
        Ok(params) => {
            EmbedConfig::from_pairs(PARAMS.iter().filter_map(|k| params.get(k).map(|v| (*k, v))))
        }
        Err(_) => EmbedConfig::from_pairs(std::iter::empty::<(&str, &str)>()),
    }
}

/// The shared session in the address's fragment, if any; the fragment is then removed so a
/// reload continues from storage instead of replaying the link again.
fn take_shared() -> Option<Result<SessionLog, String>> {
    let window = web_sys::window()?;
    let hash = window.location().hash().ok()?;
    let shared = obsim::share::from_fragment(&hash)?;
    let base = crate::share_link::page_address();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&base));
    }
    Some(shared)
}

/// A new session from the parameters' seed and scenario (a fresh cluster if the scenario is
/// unknown, with a notice).
fn new_session(config: &EmbedConfig, notices: &mut Vec<String>) -> (Shell, Vec<Entry>) {
    let scenario = config.scenario.as_deref();
    new_session_of(
        config.seed.unwrap_or(crate::DEFAULT_SEED),
        config.options.clone(),
        scenario.unwrap_or(obsim::scenario::DEFAULT),
        notices,
    )
}

/// A replayed session: the shell, its transcript and its statements (for Up/Down history).
pub(crate) type Replayed = (Shell, Vec<Entry>, Vec<String>);

/// The shared session in the address, replayed.
pub(crate) fn open_shared() -> Option<Result<Replayed, String>> {
    let shared = take_shared()?;
    Some(shared.and_then(|log| {
        let (shell, entries) = obsim::replay::replay(&log)?;
        Ok((shell, entries, history_of(&log)))
    }))
}

/// What is saved under a key.
pub(crate) enum Opened {
    Nothing,
    Session(Box<(Replayed, Saved)>),
    Unreadable(Unreadable),
    NoStorage(StoreError),
}

/// Reads and replays the save under `key`. A save that cannot be read or replayed (damaged,
/// outside the limits) is kept under `key.unreadable` first.
pub(crate) fn open_saved(key: &str) -> Opened {
    let raw = match persist::read(key) {
        Ok(None) => return Opened::Nothing,
        Ok(Some(raw)) => raw,
        Err(e) => return Opened::NoStorage(e),
    };
    let replayed = Saved::from_text(&raw).and_then(|saved| {
        let (shell, entries) = obsim::replay::replay(&saved.log)?;
        let history = history_of(&saved.log);
        Ok(Box::new(((shell, entries, history), saved)))
    });
    match replayed {
        Ok(r) => Opened::Session(r),
        Err(why) => {
            let kept = persist::keep_unreadable(key, &raw);
            Opened::Unreadable(Unreadable {
                why,
                raw,
                kept,
                key: format!("{key}{}", persist::UNREADABLE_SUFFIX),
            })
        }
    }
}

pub(crate) fn start(config: &EmbedConfig, key: &str) -> Start {
    let mut notices = config.problems.clone();
    let mut unreadable = None;
    let mut store_error = None;
    let mut ui = Ui::default();
    let mut cleared = 0;
    let mut session = None;
    match open_shared() {
        Some(Ok(s)) => session = Some(s),
        Some(Err(e)) => notices.push(format!("This share link cannot be opened: {e}.")),
        None => {}
    }
    let from_link = session.is_some();
    if session.is_none() {
        match open_saved(key) {
            Opened::Session(r) => {
                let (replayed, saved) = *r;
                cleared = saved.cleared.min(replayed.1.len());
                ui = saved.ui;
                session = Some(replayed);
            }
            Opened::Unreadable(u) => unreadable = Some(u),
            Opened::NoStorage(e) => store_error = Some(e),
            Opened::Nothing => {}
        }
    }
    let (shell, entries, history) = session.unwrap_or_else(|| {
        let (shell, entries) = new_session(config, &mut notices);
        (shell, entries, Vec::new())
    });
    if from_link {
        // A shared link shows the author's moment; it stays there until the reader presses Play.
        ui.playing = false;
    }
    if let Some(t) = &config.theme {
        ui.theme = t.clone();
    }
    Start {
        shell,
        console: ConsoleState::new(entries, cleared, history),
        ui,
        unreadable,
        store_error,
        from_link,
        notices,
    }
}

/// Replaces the session (new seed, scenario, shared link, reset): the new transcript, an empty
/// input, every script step pending.
pub(crate) fn restart(
    engine: Engine,
    console: ConsoleState,
    steps_done: RwSignal<Vec<usize>>,
    (shell, entries): (Shell, Vec<Entry>),
) {
    engine.act(|sh| *sh = shell);
    let history = console.history.get_untracked();
    console.reset(entries, 0, history);
    steps_done.set(Vec::new());
}

/// A new session of `seed` on a cluster built with `options`, from `scenario` (a fresh
/// cluster, with a notice, if it is unknown).
pub(crate) fn new_session_of(
    seed: u64,
    options: ClusterOptions,
    scenario: &str,
    notices: &mut Vec<String>,
) -> (Shell, Vec<Entry>) {
    obsim::replay::start_with(seed, options.clone(), scenario).unwrap_or_else(|e| {
        notices.push(format!("{e}; starting from a fresh cluster."));
        (Shell::with_options(seed, options), Vec::new())
    })
}
