//! Never losing work silently: replacing a session that has statements in it (Start, New run,
//! a tour) asks first, and the replaced session can be brought back with Undo. The state here is
//! plain data (what to replace it with, the log to bring back); `app` does the replacing.

use leptos::prelude::*;
use obsim::session_log::SessionLog;

/// What replaces the session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Replacement {
    /// A scenario (by name), same seed.
    Scenario(String),
    /// A new seed, same scenario.
    Seed(u64),
    /// A tour (by index in `obsim::tours::TOURS`).
    Tour(usize),
}

/// The replaced session, kept for Undo.
#[derive(Clone, Debug, PartialEq)]
pub struct Replaced {
    pub log: SessionLog,
    /// Transcript entries Ctrl+L had hidden.
    pub cleared: usize,
    /// What replaced it (for the sentence).
    pub by: String,
}

#[derive(Clone, Copy)]
pub struct Guard {
    /// A replacement waiting for the user's yes, with the statement count of the session.
    pub pending: RwSignal<Option<(Replacement, usize)>>,
    pub undo: RwSignal<Option<Replaced>>,
}

impl Guard {
    pub fn new() -> Guard {
        Guard {
            pending: RwSignal::new(None),
            undo: RwSignal::new(None),
        }
    }
}

impl Default for Guard {
    fn default() -> Self {
        Guard::new()
    }
}

mod text {
    pub fn ask(statements: usize) -> String {
        let s = if statements == 1 { "" } else { "s" };
        format!(
            "Replace this session? It has {statements} statement{s}. You can bring it back with Undo right after."
        )
    }
    pub const REPLACE: &str = "Replace";
    pub const KEEP: &str = "Keep this session";
    pub fn replaced(by: &str) -> String {
        format!("Started {by}. The previous session was replaced.")
    }
    pub const UNDO: &str = "Undo";
    pub const DISMISS: &str = "Dismiss";
}

/// The question before a replacement, and the Undo offer after one.
#[component]
pub fn GuardBar(
    guard: Guard,
    on_confirm: Callback<Replacement>,
    on_undo: Callback<()>,
) -> impl IntoView {
    let ask = move || {
        guard
            .pending
            .with(|p| p.as_ref().map(|(_, n)| text::ask(*n)))
    };
    let replaced = move || {
        guard
            .undo
            .with(|u| u.as_ref().map(|r| text::replaced(&r.by)))
    };
    view! {
        <div class="guard" role="alertdialog" aria-label="Replace the session" data-testid="confirm-replace" hidden=move || ask().is_none()>
            <p>{move || ask().unwrap_or_default()}</p>
            <button
                class="btn primary"
                on:click=move |_| {
                    if let Some((r, _)) = guard.pending.get_untracked() {
                        guard.pending.set(None);
                        on_confirm.run(r);
                    }
                }
            >
                {text::REPLACE}
            </button>
            " "
            <button class="btn" on:click=move |_| guard.pending.set(None)>{text::KEEP}</button>
        </div>
        <div class="guard" role="status" data-testid="undo-bar" hidden=move || replaced().is_none()>
            <p>{move || replaced().unwrap_or_default()}</p>
            <button class="btn primary" data-testid="undo" on:click=move |_| on_undo.run(())>{text::UNDO}</button>
            " "
            <button class="btn" on:click=move |_| guard.undo.set(None)>{text::DISMISS}</button>
        </div>
    }
}
