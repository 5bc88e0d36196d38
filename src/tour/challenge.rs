//! The restore drill's challenge card (issue 14): while the session runs a challenge's scenario
//! (the Tours panel or the scenario picker starts it), the card shows the goal, one more hint per
//! request, the solution only when asked, and "Solved" once the engine's `Challenge::solved`
//! holds. The card holds no rule: solved or not is the engine's answer, asked again whenever
//! engine state changes (each statement, each tick of the play loop).

use crate::engine::use_engine;
use leptos::prelude::*;
use obsim::tours::challenge::{CHALLENGES, Challenge};

/// The challenge whose setup is the scenario `name`, as its index in `CHALLENGES`.
fn of_scenario(name: &str) -> Option<usize> {
    CHALLENGES.iter().position(|c| c.scenario == name)
}

fn challenge(i: Option<usize>) -> Option<&'static Challenge> {
    i.and_then(|i| CHALLENGES.get(i).copied())
}

#[component]
pub fn ChallengeCard() -> impl IntoView {
    let engine = use_engine();
    let current = Memo::new(move |_| engine.read(|sh| of_scenario(sh.scenario())));
    // Hints shown so far, and whether the solution shows; a new challenge session starts over.
    let hints = RwSignal::new(0usize);
    let solution = RwSignal::new(false);
    Effect::new(move |_| {
        current.track();
        hints.set(0);
        solution.set(false);
    });
    let solved = Memo::new(move |_| {
        let c = challenge(current.get());
        engine.read(|sh| c.is_some_and(|c| c.solved(&sh.cluster)))
    });
    let text = move |f: fn(&Challenge) -> &'static str| {
        Memo::new(move |_| challenge(current.get()).map_or("", f))
    };
    let title = text(|c| c.title);
    let goal = text(|c| c.goal);
    let answer = text(|c| c.solution);
    let no_more =
        Memo::new(move |_| hints.get() >= challenge(current.get()).map_or(0, |c| c.hints.len()));
    let shown = move || {
        challenge(current.get()).map_or(Vec::new(), |c| {
            c.hints
                .iter()
                .take(hints.get())
                .copied()
                .collect::<Vec<_>>()
        })
    };
    let state = Memo::new(move |_| {
        if solved.get() {
            "Solved: every row of shop.orders is back, as it was just before the DELETE."
        } else {
            "Not solved yet."
        }
    });

    view! {
        <section class="panel tour challenge" aria-labelledby="challenge-title" data-testid="challenge"
            data-solved=move || solved.get().to_string() hidden=move || current.get().is_none()>
            <div class="tour-head">
                <h2 id="challenge-title">"Challenge"</h2>
            </div>
            <h3>{title}</h3>
            <p data-testid="challenge-goal">{goal}</p>
            <ol class="challenge-hints" data-testid="challenge-hints">
                {move || shown().into_iter().map(|h| view! { <li>{h}</li> }).collect_view()}
            </ol>
            <p class="tour-status challenge-state" class:solved=solved role="status" data-testid="challenge-status">
                {state}
            </p>
            <div class="tour-nav">
                <button class="btn" data-act="hint" disabled=no_more
                    on:click=move |_| hints.update(|n| *n += 1)>"Hint"</button>
                <button class="btn small" data-act="solution" aria-expanded=move || solution.get().to_string()
                    on:click=move |_| solution.update(|s| *s = !*s)>
                    {move || if solution.get() { "Hide the solution" } else { "Show the solution" }}
                </button>
            </div>
            <pre class="tour-sql" hidden=move || !solution.get() data-testid="challenge-solution">{answer}</pre>
        </section>
    }
}
