//! Guided tours: a picker, then one step card at a time (explanation, the statement as text, a
//! Run button that runs it in the console) and a highlight on the page regions the step points
//! at (`data-tour="…"`). The tours and their wait conditions are engine data (`obsim::tours`).

use crate::engine::use_engine;
use crate::format;
use leptos::prelude::*;
use obsim::sim::{Micros, SECOND};
use obsim::tours::{TOURS, Tour, WAIT_LIMIT, play_until};
use std::time::Duration;
use wasm_bindgen::JsCast;

/// The class the pointed-at regions get.
const TARGET: &str = "tour-target";

/// Simulated time one animation tick may let pass while a step waits (40 ticks/s → 80 s/s).
const TICK_BUDGET: Micros = 2 * SECOND;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Status {
    Ready,
    /// Letting time pass since the given simulated time.
    Waiting(Micros),
    /// Ran, after waiting this long.
    Ran(Micros),
    /// The condition did not hold within `WAIT_LIMIT`.
    GaveUp,
}

fn tour(i: usize) -> Option<&'static Tour> {
    TOURS.get(i).copied()
}

/// Moves the highlight onto the regions named (none: removes it).
fn highlight(regions: &[&str]) {
    let doc = document();
    if let Ok(old) = doc.query_selector_all(&format!(".{TARGET}")) {
        for i in 0..old.length() {
            if let Some(el) = old
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                let _ = el.class_list().remove_1(TARGET);
            }
        }
    }
    for r in regions {
        if let Ok(Some(el)) = doc.query_selector(&format!("[data-tour={r}]")) {
            let _ = el.class_list().add_1(TARGET);
        }
    }
}

#[component]
pub fn Tours(open: RwSignal<bool>, on_new_seed: Callback<u64>) -> impl IntoView {
    let engine = use_engine();
    // (tour, step) while a tour runs.
    let at = RwSignal::new(None::<(usize, usize)>);
    let status = RwSignal::new(Status::Ready);
    let ticker = StoredValue::new(None::<IntervalHandle>);

    let stop = move || {
        if let Some(h) = ticker.get_value() {
            h.clear();
        }
        ticker.set_value(None);
    };
    let go = move |pos: Option<(usize, usize)>| {
        stop();
        status.set(Status::Ready);
        at.set(pos);
    };

    Effect::new(move |_| {
        if !open.get() && matches!(status.get_untracked(), Status::Waiting(_)) {
            // Hidden while waiting: stop letting time pass; Run starts over.
            stop();
            status.set(Status::Ready);
        }
        let regions: Vec<&str> = match (open.get(), at.get()) {
            (true, Some((t, s))) => tour(t)
                .and_then(|t| t.steps.get(s))
                .map(|s| s.points_at.iter().map(|r| r.as_str()).collect())
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        highlight(&regions);
    });
    on_cleanup(move || {
        stop();
        highlight(&[]);
    });

    let start = move |i: usize| {
        let seed = engine.shell.with_value(|sh| sh.cluster.seed());
        on_new_seed.run(seed);
        go(Some((i, 0)));
    };

    let run = move || {
        let Some((t, s)) = at.get_untracked() else {
            return;
        };
        let Some(step) = tour(t).and_then(|t| t.steps.get(s)) else {
            return;
        };
        let finish = move |waited: Micros| {
            if !step.run.is_empty() {
                engine.run_sql.run(step.run.to_string());
            }
            status.set(Status::Ran(waited));
        };
        let Some(until) = step.until else {
            finish(0);
            return;
        };
        stop();
        let t0 = engine.shell.with_value(|sh| sh.cluster.now());
        status.set(Status::Waiting(t0));
        let tick = move || {
            let Some((held, now)) = engine.write(|sh| {
                (
                    play_until(&mut sh.cluster, until, TICK_BUDGET),
                    sh.cluster.now(),
                )
            }) else {
                return;
            };
            let waited = now.saturating_sub(t0);
            if held {
                stop();
                finish(waited);
            } else if waited >= WAIT_LIMIT {
                stop();
                status.set(Status::GaveUp);
            }
        };
        if let Ok(h) = set_interval_with_handle(tick, Duration::from_millis(25)) {
            ticker.set_value(Some(h));
        }
    };

    let picker = move || {
        let seed = engine.read(|sh| sh.cluster.seed());
        view! {
            <p class="hint">
                "Each tour walks through a procedure of the OceanBase backup docs, starting a fresh session (seed "
                {seed} ")."
            </p>
            <ul class="tour-list">
                {TOURS
                    .iter()
                    .enumerate()
                    .map(|(i, t)| {
                        view! {
                            <li>
                                <button class="btn" on:click=move |_| start(i)>{t.title}</button>
                                " "
                                <span class="hint">{t.summary}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };

    let card = move |t: usize, s: usize| {
        let Some(tr) = tour(t) else {
            return ().into_any();
        };
        let Some(step) = tr.steps.get(s) else {
            return ().into_any();
        };
        let n = tr.steps.len();
        let last = s + 1 == n;
        let state = move || match status.get() {
            Status::Ready => String::new(),
            Status::Waiting(t0) => {
                let now = engine.read(|sh| sh.cluster.now());
                format!(
                    "Waiting: {} of simulated time so far…",
                    format::duration_secs(now.saturating_sub(t0) / SECOND)
                )
            }
            Status::Ran(0) => "Done: see the console and the highlighted panels.".into(),
            Status::Ran(w) => format!(
                "Done after {} of simulated time: see the console and the highlighted panels.",
                format::duration_secs(w / SECOND)
            ),
            Status::GaveUp => {
                "Still not there after 2 h of simulated time: look at the dashboards.".into()
            }
        };
        let waiting = move || matches!(status.get(), Status::Waiting(_));
        view! {
            <p class="tour-count" data-testid="tour-count">
                {tr.title} " · Step " {s + 1} " of " {n}
            </p>
            <h3>{step.title}</h3>
            <p>{step.text}</p>
            {step
                .until
                .map(|u| view! { <p class="hint">"Plays simulated time until " {u.describe()} "."</p> })}
            {(!step.run.is_empty()).then(|| view! { <pre class="tour-sql">{step.run}</pre> })}
            <p class="tour-status" role="status" data-testid="tour-status">{state}</p>
            <div class="tour-nav">
                <button class="btn" disabled=s == 0 on:click=move |_| go(Some((t, s.saturating_sub(1))))>
                    "Back"
                </button>
                <button class="btn primary" disabled=waiting on:click=move |_| run()>
                    {if step.until.is_some() { "Play and run" } else { "Run" }}
                </button>
                {if last {
                    view! { <button class="btn" on:click=move |_| go(None)>"Finish"</button> }.into_any()
                } else {
                    view! { <button class="btn" on:click=move |_| go(Some((t, s + 1)))>"Next"</button> }
                        .into_any()
                }}
                <button class="btn small" on:click=move |_| go(None)>"All tours"</button>
            </div>
        }
        .into_any()
    };

    view! {
        <section class="panel tour" aria-labelledby="tour-title" data-testid="tour" hidden=move || !open.get()>
            <div class="tour-head">
                <h2 id="tour-title">"Guided tours"</h2>
                <button
                    class="btn small"
                    on:click=move |_| {
                        go(None);
                        open.set(false);
                    }
                >
                    "Close"
                </button>
            </div>
            {move || match at.get() {
                None => picker(),
                Some((t, s)) => card(t, s),
            }}
        </section>
    }
}
