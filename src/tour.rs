//! Guided tours: a picker, then one step card at a time (explanation, the statement as text, a
//! Run button that runs it in the console) and a highlight on the page regions the step points
//! at (`data-tour="…"`). The tours and their wait conditions are engine data (`obsim::tours`).

use crate::engine::use_engine;
use crate::format;
use leptos::prelude::*;
use obsim::sim::{Micros, SECOND};
use obsim::tours::challenge::CHALLENGES;
use obsim::tours::{Step, TOURS, Tour, WAIT_LIMIT, play_until};
use std::time::Duration;
use wasm_bindgen::JsCast;

pub mod challenge;

/// The class the pointed-at regions get.
const TARGET: &str = "tour-target";

/// Real milliseconds between two waits of a step, and the simulated time each may let pass,
/// for a pace of `pace` simulated seconds per real second (`Until::pace`): one simulated second
/// per wait when slow (the animation follows), several per 25 ms when fast.
fn cadence(pace: u64) -> (u64, Micros) {
    let pace = pace.max(1);
    if pace <= 40 {
        (1000 / pace, SECOND)
    } else {
        (25, pace * SECOND / 40)
    }
}

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
    let each = |selector: &str, add: bool| {
        let Ok(list) = document().query_selector_all(selector) else {
            return;
        };
        for i in 0..list.length() {
            if let Some(el) = list
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                let classes = el.class_list();
                let _ = if add {
                    classes.add_1(TARGET)
                } else {
                    classes.remove_1(TARGET)
                };
            }
        }
    };
    each(&format!(".{TARGET}"), false);
    for r in regions {
        each(&format!("[data-tour={r}]"), true);
    }
    // Bring the first highlighted region into view (the others are usually beside it).
    if let Some(first) = regions.first()
        && let Ok(Some(el)) = document().query_selector(&format!("[data-tour={first}]"))
    {
        let opts = web_sys::ScrollIntoViewOptions::new();
        opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
        opts.set_behavior(if reduced_motion() {
            web_sys::ScrollBehavior::Auto
        } else {
            web_sys::ScrollBehavior::Smooth
        });
        el.scroll_into_view_with_scroll_into_view_options(&opts);
    }
}

fn reduced_motion() -> bool {
    window()
        .match_media("(prefers-reduced-motion: reduce)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

#[component]
pub fn Tours(
    open: RwSignal<bool>,
    /// Asks the page to start tour `i` (in a fresh session; the page may ask the user first).
    on_start: Callback<usize>,
    /// Set by the page once tour `i`'s session is ready: the tour's first step shows.
    started: RwSignal<Option<usize>>,
    /// Asks the page to start challenge `i` (its scenario, in a fresh session).
    on_challenge: Callback<usize>,
) -> impl IntoView {
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

    // The page started tour `i`'s session: show its first step.
    Effect::new(move |_| {
        if let Some(i) = started.get() {
            started.set(None);
            open.set(true);
            go(Some((i, 0)));
            // The picker hides: keep the keyboard on the step card once it shows.
            request_animation_frame(|| {
                if let Ok(Some(b)) = document().query_selector("[data-act=run]")
                    && let Ok(b) = b.dyn_into::<web_sys::HtmlElement>()
                {
                    let _ = b.focus();
                }
            });
        }
    });

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
        let (every, budget) = cadence(until.pace());
        let tick = move || {
            let Some((held, now)) =
                engine.write(|sh| (play_until(&mut sh.cluster, until, budget), sh.cluster.now()))
            else {
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
        if let Ok(h) = set_interval_with_handle(tick, Duration::from_millis(every)) {
            ticker.set_value(Some(h));
        }
    };

    // One click handler for every button of the panel (by its data-act), one static tree whose
    // texts are memos: the smallest code for what it does.
    let act = move |ev: web_sys::MouseEvent| {
        let Some(act) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("button").ok().flatten())
            .and_then(|b| b.get_attribute("data-act"))
        else {
            return;
        };
        let pos = at.get_untracked();
        match (act.as_str(), pos) {
            ("close", _) => {
                go(None);
                open.set(false);
            }
            ("list", _) => go(None),
            ("run", _) => run(),
            ("back", Some((t, s))) => go(Some((t, s.saturating_sub(1)))),
            ("next", Some((t, s))) => {
                let more = tour(t).is_some_and(|tr| s + 1 < tr.steps.len());
                go(more.then_some((t, s + 1)));
            }
            (a, _) => {
                if let Some(i) = a.strip_prefix("start").and_then(|i| i.parse().ok()) {
                    on_start.run(i);
                } else if let Some(i) = a.strip_prefix("challenge").and_then(|i| i.parse().ok()) {
                    // The challenge card takes over once its session is there.
                    open.set(false);
                    on_challenge.run(i);
                }
            }
        }
    };

    let cur = move || {
        at.get()
            .and_then(|(t, s)| tour(t).and_then(|tr| Some((tr, s, *tr.steps.get(s)?))))
    };
    let text = move |f: fn(&Step) -> &'static str| {
        Memo::new(move |_| cur().map_or("", |(_, _, st)| f(st)))
    };
    let title = text(|st| st.title);
    let explain = text(|st| st.text);
    let sql = text(|st| st.run);
    let doc = text(|st| st.doc);
    let wait = text(|st| st.until.map_or("", |u| u.describe()));
    let run_label = text(|st| {
        if st.until.is_some() {
            "Play and run"
        } else {
            "Run"
        }
    });
    let workload = Memo::new(move |_| {
        cur().map_or(String::new(), |(tr, _, _)| {
            let level = obsim::workload::Level::of_rate(tr.workload).name();
            format!("Background workload: {level} (change it in the time bar).")
        })
    });
    let flag = move |f: fn(Option<(&Tour, usize, &Step)>) -> bool| Memo::new(move |_| f(cur()));
    let picking = flag(|c| c.is_none());
    let touring = flag(|c| c.is_some());
    let no_wait = flag(|c| c.is_none_or(|(_, _, st)| st.until.is_none()));
    let no_sql = flag(|c| c.is_none_or(|(_, _, st)| st.run.is_empty()));
    let first = flag(|c| c.is_none_or(|(_, s, _)| s == 0));
    let next_label = Memo::new(move |_| match cur() {
        Some((tr, s, _)) if s + 1 == tr.steps.len() => "Finish",
        _ => "Next",
    });
    let count = Memo::new(move |_| {
        cur().map_or(String::new(), |(tr, s, _)| {
            format!("{} · Step {} of {}", tr.title, s + 1, tr.steps.len())
        })
    });
    let waiting = Memo::new(move |_| matches!(status.get(), Status::Waiting(_)));
    let closed = Memo::new(move |_| !open.get());
    let state = Memo::new(move |_| match status.get() {
        Status::Ready => String::new(),
        Status::Waiting(t0) => {
            let now = engine.read(|sh| sh.cluster.now());
            format!(
                "Waiting: {} of simulated time so far…",
                format::duration_secs(now.saturating_sub(t0) / SECOND)
            )
        }
        // Whole sentences (not pieces put together): each is one entry of the Chinese catalogue.
        Status::Ran(0) => "Done: see the console and the highlighted panels.".into(),
        Status::Ran(w) => format!(
            "Done after {} of simulated time: see the console and the highlighted panels.",
            format::duration_secs(w / SECOND)
        ),
        Status::GaveUp => {
            "Still not there after 2 h of simulated time: look at the dashboards.".into()
        }
    });

    view! {
        <section class="panel tour" aria-labelledby="tour-title" data-testid="tour" hidden=closed on:click=act>
            <div class="tour-head">
                <h2 id="tour-title">"Guided tours"</h2>
                <button class="btn small" data-act="close">"Close"</button>
            </div>
            <div hidden=touring>
                <p class="hint">
                    "Each tour walks through a procedure of the OceanBase backup docs in a fresh session (same seed). Steps that wait for a job play time slowly enough to watch the macroblocks travel."
                </p>
                <ul class="tour-list">
                    {TOURS
                        .iter()
                        .enumerate()
                        .map(|(i, t)| {
                            view! {
                                <li>
                                    <button class="btn" data-act=format!("start{i}")>{t.title}</button>
                                    " "
                                    <span class="hint">{t.summary}</span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <h3>"Challenge"</h3>
                <ul class="tour-list">
                    {CHALLENGES
                        .iter()
                        .enumerate()
                        .map(|(i, c)| {
                            view! {
                                <li>
                                    <button class="btn" data-act=format!("challenge{i}")>{c.title}</button>
                                    " "
                                    <span class="hint">{c.goal}</span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </div>
            <div hidden=picking>
                <p class="tour-count" data-testid="tour-count">{count}</p>
                <p class="hint" data-testid="tour-workload">{workload}</p>
                <h3>{title}</h3>
                <p>{explain}</p>
                <p class="hint">
                    <a class="doc-link" href=move || crate::i18n::doc_link(doc.get()) target="_blank" rel="noopener" data-testid="tour-doc">
                        "This step in the OceanBase docs"
                    </a>
                </p>
                <p class="hint" hidden=no_wait>"Plays simulated time until " {wait} "."</p>
                <pre class="tour-sql" hidden=no_sql>{sql}</pre>
                <p class="tour-status" role="status" data-testid="tour-status">{state}</p>
                <div class="tour-nav">
                    <button class="btn" data-act="back" disabled=first>"Back"</button>
                    <button class="btn primary" data-act="run" disabled=waiting>{run_label}</button>
                    <button class="btn" data-act="next">{next_label}</button>
                    <button class="btn small" data-act="list">"All tours"</button>
                </div>
            </div>
        </section>
    }
}
