//! The page header (cluster version, seed, scenario, the scenario picker, Share, theme, Tours,
//! the shortcut sheet's button) and the shortcut sheet itself.

use crate::engine::use_engine;
use crate::glossary::Glossary;
use crate::scenario_picker::ScenarioPicker;
use crate::share_link::{ShareButton, ShareState};
use leptos::prelude::*;

#[component]
pub fn Header(
    theme: RwSignal<String>,
    help_open: RwSignal<bool>,
    tours_open: RwSignal<bool>,
    share: ShareState,
    on_scenario: Callback<String>,
    glossary: Glossary,
) -> impl IntoView {
    let engine = use_engine();
    let version = move || engine.read(|sh| sh.cluster.version().to_string());
    let seed = move || engine.read(|sh| sh.cluster.seed());
    let scenario = move || {
        engine.read(|sh| {
            obsim::scenario::find(sh.scenario())
                .map(|s| s.title)
                .unwrap_or_default()
        })
    };
    view! {
        <header class="topbar">
            <h1 class="brand">"obplay"</h1>
            <span class="meta" data-testid="cluster-version">"OceanBase " {version}</span>
            <span class="meta" data-testid="seed">"seed " {seed}</span>
            <span class="meta" data-testid="scenario">{scenario}</span>
            <span class="spacer"></span>
            <ScenarioPicker on_start=on_scenario />
            <ShareButton state=share />
            <label class="meta">
                "Theme "
                <select
                    aria-label="Theme"
                    prop:value=move || theme.get()
                    on:change=move |ev| theme.set(event_target_value(&ev))
                >
                    <option value="auto">"Auto"</option>
                    <option value="light">"Light"</option>
                    <option value="dark">"Dark"</option>
                </select>
            </label>
            // The language switch: the other language's button (CSS hides the page's own);
            // i18n/lang.js handles the click (remembers the choice, reloads).
            <span class="lang-switch" role="group" aria-label="Language">
                <button class="btn small" type="button" lang="en" data-set-lang="en">"English"</button>
                <button class="btn small" type="button" lang="zh-CN" data-set-lang="zh-CN">"简体中文"</button>
            </span>
            <button class="btn small" aria-keyshortcuts="t" on:click=move |_| tours_open.update(|o| *o = !*o)>
                "Tours"
            </button>
            <button class="btn small" aria-keyshortcuts="g" on:click=move |_| glossary.open.set(Some("tenant"))>
                "Glossary"
            </button>
            <button class="btn small" aria-keyshortcuts="?" on:click=move |_| help_open.update(|o| *o = !*o)>
                "? Shortcuts"
            </button>
        </header>
    }
}

#[component]
pub fn HelpSheet(open: RwSignal<bool>) -> impl IntoView {
    const KEYS: [(&str, &str); 24] = [
        ("Space", "Play / pause simulated time (outside text fields)"),
        ("Shift + →", "Step one simulated second"),
        ("/", "Focus the console input"),
        ("Enter", "Run the statement (when it ends with ; or \\G)"),
        ("Esc", "In the input: leave it for the transcript"),
        ("Shift + Enter", "New line in the input"),
        (
            "↑ / ↓",
            "Previous / next statement (caret on the first / last line)",
        ),
        (
            "Tab",
            "Complete keywords, tenants, views, columns, parameters",
        ),
        ("Ctrl + L", "Clear the transcript"),
        ("Ctrl + C", "Drop the current input (with no text selected)"),
        ("1 … 9", "Focus tenant card n"),
        (
            "F / I / C / A",
            "In a tenant card: full backup, incremental backup, cancel, archive on/off",
        ),
        (
            "H / D",
            "In a tenant card: edit the thread score, the destinations",
        ),
        (
            "V",
            "In a restored standby's card: type ACTIVATE STANDBY into the console",
        ),
        ("J", "Focus the job dashboard"),
        ("R", "Focus the restore drill (timelines and restore jobs)"),
        (
            "← / → · Home / End",
            "On a restorable-window timeline: move the moment (Shift: ten times as far)",
        ),
        (
            "Enter",
            "On a timeline or a backup set: pick that moment and see what a restore to it uses",
        ),
        ("C", "In a running job's row: cancel that job"),
        ("T", "Open or close the guided tours"),
        ("G", "Open the glossary"),
        ("S", "Share: copy a link that replays this session"),
        ("?", "Show or hide this sheet"),
        ("Esc", "Close this sheet or the share dialog"),
    ];
    view! {
        <div class="help" role="dialog" aria-modal="false" aria-label="Keyboard shortcuts" hidden=move || !open.get()>
            <h2>"Keyboard shortcuts"</h2>
            <dl>
                {KEYS
                    .iter()
                    .map(|(k, what)| view! { <dt><kbd>{*k}</kbd></dt><dd>{*what}</dd> })
                    .collect_view()}
            </dl>
            <button class="btn" on:click=move |_| open.set(false)>"Close"</button>
        </div>
    }
}
