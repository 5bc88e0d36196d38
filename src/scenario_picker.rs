//! The scenario picker: start a new session (same seed) from one of `obsim::scenario`'s presets.
//! The prelude's statements appear in the console, so the user sees how the state was reached.

use crate::engine::use_engine;
use leptos::prelude::*;
use obsim::scenario::{SCENARIOS, find};

#[component]
pub fn ScenarioPicker(on_start: Callback<String>) -> impl IntoView {
    let engine = use_engine();
    // A memo: the engine notifies on every tick, but only a new session's scenario may reset the
    // choice (else a running clock would undo the user's pick before Start).
    let current = Memo::new(move |_| engine.read(|sh| sh.scenario().to_string()));
    let chosen = RwSignal::new(current.get_untracked());
    // The session can change under the picker (the challenge, Reset, a share link) without the
    // picker being rebuilt: follow it, or it would offer the first session's scenario.
    Effect::new(move |_| chosen.set(current.get()));
    let summary = move || find(&chosen.get()).map(|s| s.summary).unwrap_or_default();
    view! {
        <form
            class="scenario-picker"
            on:submit=move |ev| {
                ev.prevent_default();
                on_start.run(chosen.get_untracked());
            }
        >
            <label for="scenario-select" class="meta">"Scenario"</label>
            <select
                id="scenario-select"
                title=summary
                prop:value=move || chosen.get()
                on:change=move |ev| chosen.set(event_target_value(&ev))
            >
                {SCENARIOS
                    .iter()
                    .map(|s| {
                        view! {
                            <option value=s.name selected=move || chosen.get() == s.name>
                                {s.title}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <button class="btn small" type="submit" title="Start a new session from this scenario">
                "Start"
            </button>
        </form>
    }
}
