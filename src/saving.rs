//! Saving the session so it cannot fail silently.
//!
//! [`Saver`] writes the session (`persist`) under this tab's key: soon after a statement or a
//! setting changes (at most one write per [`SAVE_DELAY_MS`], so a burst of statements costs one
//! save), every few seconds of play, and at once when the page is hidden or left (`pagehide`,
//! `visibilitychange`), so a reload resumes exactly where the user was. Only the tab that owns
//! the session saves (`owner`). A failed write (storage full, storage disabled, a session that
//! cannot be written down) shows [`SaveBanner`]: why, what to do, and a "Download session"
//! button; the session stays in memory and every later change tries again; the banner goes
//! when a write succeeds. An unreadable save found at start is kept aside (`persist`) and
//! offered for download from the same place, while the new session saves normally.

use crate::console::{ConsoleState, download};
use crate::engine::Engine;
use crate::owner::Owner;
use crate::persist::{self, Saved, StoreError, Ui};
use crate::timebar::Clock;
use leptos::prelude::*;
use std::time::Duration;

/// The longest a change waits before it is written.
pub const SAVE_DELAY_MS: u64 = 500;

/// A save found at start that cannot be restored.
#[derive(Clone, Debug)]
pub struct Unreadable {
    /// Why ("it ..." / "the session ...").
    pub why: String,
    /// The stored text, for download.
    pub raw: String,
    /// Whether it is kept in storage under `key`.
    pub kept: bool,
    pub key: String,
}

#[derive(Clone, Copy)]
pub struct Saver {
    pub key: StoredValue<String>,
    pub engine: Engine,
    pub console: ConsoleState,
    pub clock: Clock,
    pub theme: RwSignal<String>,
    pub steps_done: RwSignal<Vec<usize>>,
    pub owner: Owner,
    /// Something changed since the last successful write.
    dirty: StoredValue<bool>,
    /// A delayed write is scheduled.
    scheduled: StoredValue<bool>,
    /// Why the last write failed (None: saved, or nothing to save yet).
    pub error: RwSignal<Option<StoreError>>,
}

impl Saver {
    pub fn new(
        key: String,
        engine: Engine,
        console: ConsoleState,
        clock: Clock,
        theme: RwSignal<String>,
        steps_done: RwSignal<Vec<usize>>,
        owner: Owner,
    ) -> Saver {
        Saver {
            key: StoredValue::new(key),
            engine,
            console,
            clock,
            theme,
            steps_done,
            owner,
            dirty: StoredValue::new(false),
            scheduled: StoredValue::new(false),
            error: RwSignal::new(None),
        }
    }

    /// Whether the page is still mounted (timers and browser callbacks outlive it in tests).
    fn alive(&self) -> bool {
        self.dirty.try_get_value().is_some()
    }

    /// Engine time moved: written with the next save (periodic, on leaving, or a change).
    pub fn touched(&self) {
        self.dirty.try_set_value(true);
    }

    /// A statement or setting changed: written within [`SAVE_DELAY_MS`].
    pub fn changed(&self) {
        self.dirty.try_set_value(true);
        if self.scheduled.try_get_value() != Some(false) {
            return;
        }
        self.scheduled.set_value(true);
        let me = *self;
        set_timeout(
            move || {
                if me.alive() {
                    me.scheduled.set_value(false);
                    me.flush();
                }
            },
            Duration::from_millis(SAVE_DELAY_MS),
        );
    }

    /// Writes now if anything changed and this tab owns the session.
    pub fn flush(&self) {
        if !self.alive() || !self.dirty.get_value() {
            return;
        }
        if !self.owner.state.get_untracked().may_save() {
            return;
        }
        self.write();
    }

    /// Writes now (this tab owns the session).
    fn write(&self) {
        let result = match self.text() {
            Ok(text) => self.key.with_value(|k| persist::write(k, &text)),
            Err(e) => Err(StoreError::Unsaveable(e)),
        };
        if result.is_ok() {
            self.dirty.set_value(false);
        }
        let error = result.err();
        if self.error.get_untracked() != error {
            self.error.set(error);
        }
    }

    /// Writes now whatever the state (a new session or a fresh copy).
    pub fn save_now(&self) {
        self.dirty.try_set_value(true);
        self.flush();
    }

    /// The save's text, built from the shell's own command list (lent to the log for the
    /// encoding, not copied: a session may hold 100,000 statements).
    fn text(&self) -> Result<String, String> {
        let ui = Ui {
            speed: self.clock.speed.get_untracked(),
            playing: self.clock.playing.get_untracked(),
            theme: self.theme.get_untracked(),
            steps_done: self.steps_done.get_untracked(),
        };
        let cleared = self.console.cleared.get_untracked();
        let mut result = Err(String::new());
        self.engine.shell.update_value(|sh| {
            let mut saved = Saved {
                log: persist::log_head(sh),
                cleared,
                ui,
            };
            saved.log.commands = std::mem::take(&mut sh.commands);
            result = saved.to_text();
            sh.commands = std::mem::take(&mut saved.log.commands);
        });
        result
    }
}

/// The session as a file: its share link (open it, or `obsim replay FILE`), or its statements
/// when it cannot be encoded.
pub fn download_session(engine: Engine) {
    let log = engine.shell.with_value(|sh| sh.log());
    match obsim::share::fragment(&log) {
        Ok(f) => download(
            "obplay-session.txt",
            "text/plain",
            &format!("{}{f}\n", crate::share_link::page_address()),
        ),
        Err(_) => {
            let sql: String = log
                .commands
                .iter()
                .filter(|c| c.fault.is_none())
                .map(|c| format!("{}\n", c.text))
                .collect();
            download("obplay-session.sql", "application/sql", &sql);
        }
    }
}

/// The texts of the saving banners, in one place.
mod text {
    use crate::persist::StoreError;

    pub fn failed(e: &StoreError) -> String {
        let why = match e {
            StoreError::Full => "the browser's storage for this site is full".to_string(),
            StoreError::Disabled => {
                "this browser does not let the page store anything (site data is blocked, for example by privacy settings)".to_string()
            }
            StoreError::Unsaveable(e) => e.clone(),
            StoreError::Other(e) => format!("the browser refused ({e})"),
        };
        format!(
            "Saving failed: {why}. Everything you did is still here in this tab, and saving is tried again after each change."
        )
    }

    pub fn advice(e: &StoreError) -> &'static str {
        match e {
            StoreError::Full => {
                "Download the session to keep it. To free space, delete this site's old data in the browser's settings (site data / storage), or close other obplay tabs and start a new session."
            }
            StoreError::Disabled => {
                "Download the session to keep it; to save automatically, allow this site to store data and reload."
            }
            _ => "Download the session to keep it.",
        }
    }

    pub const DOWNLOAD: &str = "Download session";

    pub fn unreadable(why: &str) -> String {
        format!(
            "Your saved session cannot be restored: {why}. A new session has started and is saved as usual."
        )
    }

    pub fn kept(key: &str) -> String {
        format!(
            "The old save is kept in this browser (under \"{key}\"); download it to keep it elsewhere or to report the problem."
        )
    }

    pub const NOT_KEPT: &str = "The old save could not be kept in the browser's storage: download it now if you need it, before closing this tab.";
    pub const DOWNLOAD_OLD: &str = "Download the old save";
    pub const DELETE_OLD: &str = "Delete it";
    pub const DISMISS: &str = "Dismiss";
}

/// The banners about saving: a write that failed, and a save that could not be restored.
#[component]
pub fn SaveBanner(saver: Saver, unreadable: RwSignal<Option<Unreadable>>) -> impl IntoView {
    let failed = move || saver.error.with(|e| e.as_ref().map(text::failed));
    let advice = move || saver.error.with(|e| e.as_ref().map(text::advice));
    let old_message = move || unreadable.with(|u| u.as_ref().map(|u| text::unreadable(&u.why)));
    let old_kept = move || {
        unreadable.with(|u| {
            u.as_ref().map(|u| {
                if u.kept {
                    text::kept(&u.key)
                } else {
                    text::NOT_KEPT.to_string()
                }
            })
        })
    };
    let download_old = move |_| {
        unreadable.with_untracked(|u| {
            if let Some(u) = u {
                download("obplay-unreadable-save.txt", "text/plain", &u.raw);
            }
        })
    };
    let delete_old = move |_| {
        if let Some(u) = unreadable.get_untracked().filter(|u| u.kept) {
            persist::clear(&u.key);
        }
        unreadable.set(None);
    };
    view! {
        <div class="save-banner" role="alert" data-testid="save-failed" hidden=move || saver.error.with(Option::is_none)>
            <p>{failed}</p>
            <p>{advice}</p>
            <div class="banner-actions">
                <button class="btn primary" on:click=move |_| download_session(saver.engine)>{text::DOWNLOAD}</button>
            </div>
        </div>
        <div class="problem" role="alert" data-testid="unreadable-save" hidden=move || unreadable.with(Option::is_none)>
            <p>{old_message}</p>
            <p>{old_kept}</p>
            <div class="banner-actions">
                <button class="btn primary" on:click=download_old>{text::DOWNLOAD_OLD}</button>
                <button class="btn" hidden=move || !unreadable.with(|u| u.as_ref().is_some_and(|u| u.kept)) on:click=delete_old>
                    {text::DELETE_OLD}
                </button>
                <button class="btn" on:click=move |_| unreadable.set(None)>{text::DISMISS}</button>
            </div>
        </div>
    }
}
