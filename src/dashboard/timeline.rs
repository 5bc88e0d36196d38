//! The restorable window of one tenant as an SVG timeline (issue 14 §1): archive rounds and
//! their pieces (gaps where archiving stopped), the backup sets at their MIN_RESTORE_SCN with
//! each incremental tied to the set it builds on, and the intervals a restore can reach.
//!
//! Hover (or the arrow keys) reads a moment; a click (or Enter) asks the engine what a restore
//! to it would use (`drill::Pick`). Only the engine's answer is shown: the sets and pieces and
//! the RESTORE statement, which a button types into the console, or the error RESTORE would
//! print for that moment.

use super::drill::{Pick, Timeline, clock_of, scn_time};
use crate::engine::{type_sql, use_engine};
use leptos::ev::{KeyboardEvent, MouseEvent};
use leptos::prelude::*;
use obsim::num::format_fixed;
use wasm_bindgen::JsCast;

/// The drawing's coordinates (the SVG scales to its box).
pub const W: f64 = 640.0;
pub const H: f64 = 112.0;
/// Room for the row labels on the left.
pub const LEFT: f64 = 64.0;
const RIGHT: f64 = 8.0;
const PLOT: f64 = W - LEFT - RIGHT;
const ARCHIVE_Y: f64 = 6.0;
const WINDOW_Y: f64 = 32.0;
const SETS_Y: f64 = 66.0;
const AXIS_Y: f64 = 88.0;

fn f1(v: f64) -> String {
    format_fixed(v, 1)
}

/// X of an SCN in the drawing.
pub fn x_of(tl: &Timeline, scn: u64) -> f64 {
    LEFT + tl.x_of(scn, PLOT)
}

/// The SCN under a drawing X.
pub fn scn_at_x(tl: &Timeline, x: f64) -> u64 {
    tl.scn_at(x - LEFT, PLOT)
}

fn in_window(tl: &Timeline, scn: u64) -> bool {
    tl.intervals.iter().any(|&(a, b)| a <= scn && scn <= b)
}

/// Whether the engine's window holds the moment, in words.
fn reach_text(tl: &Timeline, scn: u64) -> &'static str {
    if in_window(tl, scn) {
        "a restore can reach it"
    } else {
        "outside the restorable window"
    }
}

/// `2024-05-09 12:03:04 · SCN 1733… · …` (the slider's aria-valuetext).
fn moment_text(tl: &Timeline, scn: u64) -> String {
    format!("{} · SCN {scn} · {}", scn_time(scn), reach_text(tl, scn))
}

#[component]
pub fn TenantTimeline(tenant_id: u64) -> impl IntoView {
    let engine = use_engine();
    let tl = Memo::new(move |_| {
        engine
            .read(|sh| Timeline::read(&sh.cluster, tenant_id))
            .unwrap_or_default()
    });
    let hover = RwSignal::new(None::<u64>);
    let picked = RwSignal::new(None::<u64>);
    let pick = Memo::new(move |_| {
        let scn = picked.get()?;
        engine.read(|sh| Pick::at(sh, tenant_id, scn))
    });
    let name = tl.with_untracked(|t| t.tenant.clone());
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();
    // The drawing's X under the pointer (the SVG is scaled to its box).
    let x_at = move |ev: &MouseEvent| -> Option<f64> {
        let svg: web_sys::Element = svg_ref.get_untracked()?.unchecked_into();
        let r = svg.get_bounding_client_rect();
        (r.width() > 0.0).then(|| (f64::from(ev.client_x()) - r.left()) / r.width() * W)
    };
    let on_move = move |ev: MouseEvent| {
        if let Some(x) = x_at(&ev) {
            hover.set(Some(tl.with_untracked(|t| scn_at_x(t, x))));
        }
    };
    let on_click = move |ev: MouseEvent| {
        if let Some(x) = x_at(&ev) {
            let scn = tl.with_untracked(|t| scn_at_x(t, x));
            hover.set(Some(scn));
            picked.set(Some(scn));
        }
    };
    // Arrows move the cursor by 1/100 of the axis (Shift: 1/10), Home/End to its ends,
    // Enter or Space picks the moment under it.
    let on_key = move |ev: KeyboardEvent| {
        let (from, to, now) = tl.with_untracked(|t| (t.from, t.to, t.now));
        let step = (to - from) / if ev.shift_key() { 10 } else { 100 };
        let at = hover.get_untracked().unwrap_or(now);
        let next = match ev.key().as_str() {
            "ArrowLeft" | "ArrowDown" => at.saturating_sub(step).max(from),
            "ArrowRight" | "ArrowUp" => (at + step).min(to),
            "Home" => from,
            "End" => now,
            "Enter" | " " => {
                ev.prevent_default();
                picked.set(Some(at));
                hover.set(Some(at));
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        hover.set(Some(next));
    };
    let title_id = format!("timeline-{tenant_id}-title");
    let labelled = title_id.clone();
    view! {
        <figure class="timeline" data-tenant=name.clone() data-testid="timeline">
            <figcaption id=title_id>
                <strong>{name.clone()}</strong>
                " "
                <span class="muted path" translate="no">{move || tl.with(Timeline::from_text)}</span>
            </figcaption>
            <svg
                node_ref=svg_ref
                class="timeline-svg"
                viewBox=format!("0 0 {} {}", f1(W), f1(H))
                role="slider"
                tabindex="0"
                aria-labelledby=labelled
                aria-valuemin=move || tl.with(|t| t.from.to_string())
                aria-valuemax=move || tl.with(|t| t.to.to_string())
                aria-valuenow=move || hover.get().unwrap_or_else(|| tl.with(|t| t.now)).to_string()
                aria-valuetext=move || {
                    let scn = hover.get().unwrap_or_else(|| tl.with(|t| t.now));
                    tl.with(|t| moment_text(t, scn))
                }
                aria-keyshortcuts="ArrowLeft ArrowRight Home End Enter"
                on:mousemove=on_move
                on:mouseleave=move |_| hover.set(None)
                on:click=on_click
                on:keydown=on_key
            >
                {move || tl.with(drawing)}
                {move || {
                    hover.get().map(|scn| {
                        let x = f1(tl.with(|t| x_of(t, scn)));
                        view! {
                            <line class="tl-cursor" x1=x.clone() y1="2" x2=x y2=f1(AXIS_Y)></line>
                        }
                    })
                }}
                {move || {
                    picked.get().map(|scn| {
                        let x = tl.with(|t| x_of(t, scn));
                        let ok = pick.with(|p| p.as_ref().is_some_and(|p| p.outcome.is_ok()));
                        view! {
                            <path
                                class=if ok { "tl-pick" } else { "tl-pick tl-pick-bad" }
                                data-testid="timeline-pick"
                                d=format!("M{} {} l-5 -8 h10 z", f1(x), f1(WINDOW_Y))
                            ></path>
                        }
                    })
                }}
                <SetMarks tl=tl picked=picked hover=hover />
            </svg>
            <p class="tl-hover muted" data-testid="timeline-hover" aria-live="polite">
                <span hidden=move || hover.with(Option::is_some)>
                    "Point at a moment (or focus the timeline and use the arrow keys); click or Enter picks it."
                </span>
                <span translate="no" hidden=move || hover.with(Option::is_none)>
                    {move || hover.get().map(|scn| format!("{} · SCN {scn} · ", scn_time(scn))).unwrap_or_default()}
                </span>
                <span hidden=move || hover.with(Option::is_none)>
                    {move || hover.get().map(|scn| reach_text(&tl.read(), scn)).unwrap_or_default()}
                </span>
            </p>
            <PickPanel pick=pick />
        </figure>
    }
}

/// Rounds, pieces, intervals, axis and the now line (static for one engine state).
fn drawing(t: &Timeline) -> impl IntoView + use<> {
    let rounds = t
        .rounds
        .iter()
        .map(|r| {
            let (a, b) = (x_of(t, r.start), x_of(t, r.end));
            view! {
                <rect
                    class=format!("tl-round tl-round-{}", r.state.to_ascii_lowercase())
                    data-round=r.round_id.to_string()
                    x=f1(a)
                    y=f1(ARCHIVE_Y)
                    width=f1((b - a).max(1.0))
                    height="18"
                >
                    <title>
                        {format!(
                            "round {} {}: {} – {} (SCN {} – {})",
                            r.round_id,
                            r.state,
                            scn_time(r.start),
                            scn_time(r.end),
                            r.start,
                            r.end,
                        )}
                    </title>
                </rect>
            }
        })
        .collect_view();
    let pieces = t
        .pieces
        .iter()
        .map(|p| {
            let (a, b) = (x_of(t, p.start), x_of(t, p.checkpoint));
            let class = match (p.available, p.piece_id % 2 == 0) {
                (false, _) => "tl-piece tl-piece-gone",
                (true, true) => "tl-piece tl-piece-even",
                (true, false) => "tl-piece",
            };
            view! {
                <rect
                    class=class
                    data-piece=format!("r{}p{}", p.round_id, p.piece_id)
                    x=f1(a)
                    y=f1(ARCHIVE_Y + 3.0)
                    width=f1((b - a).max(1.0))
                    height="12"
                >
                    <title>
                        {format!(
                            "piece {} of round {} {}: {} – {} (SCN {} – {})",
                            p.piece_id,
                            p.round_id,
                            p.status,
                            scn_time(p.start),
                            scn_time(p.checkpoint),
                            p.start,
                            p.checkpoint,
                        )}
                    </title>
                </rect>
            }
        })
        .collect_view();
    let intervals = t
        .intervals
        .iter()
        .map(|&(a, b)| {
            let (xa, xb) = (x_of(t, a), x_of(t, b));
            view! {
                <rect
                    class="tl-reach"
                    data-testid="timeline-interval"
                    data-from=a.to_string()
                    data-to=b.to_string()
                    x=f1(xa)
                    y=f1(WINDOW_Y)
                    width=f1((xb - xa).max(2.0))
                    height="16"
                >
                    <title>
                        {format!(
                            "a restore can reach {} – {} (SCN {a} – {b})",
                            scn_time(a),
                            scn_time(b),
                        )}
                    </title>
                </rect>
            }
        })
        .collect_view();
    let gaps = t
        .gaps
        .iter()
        .map(|&(a, b)| {
            let (xa, xb) = (x_of(t, a), x_of(t, b));
            view! {
                <rect
                    class="tl-gap"
                    data-testid="timeline-gap"
                    x=f1(xa)
                    y=f1(ARCHIVE_Y)
                    width=f1((xb - xa).max(1.0))
                    height="18"
                >
                    <title>
                        {format!("no archive log: {} – {} (SCN {a} – {b})", scn_time(a), scn_time(b))}
                    </title>
                </rect>
            }
        })
        .collect_view();
    let now = f1(x_of(t, t.now));
    view! {
        <g aria-hidden="true">
            <text class="tl-row" x="2" y=f1(ARCHIVE_Y + 13.0)>"archive"</text>
            <text class="tl-row" x="2" y=f1(WINDOW_Y + 12.0)>"restorable"</text>
            <text class="tl-row" x="2" y=f1(SETS_Y + 4.0)>"sets"</text>
            <line class="tl-axis" x1=f1(LEFT) y1=f1(AXIS_Y) x2=f1(W - RIGHT) y2=f1(AXIS_Y)></line>
            <text class="tl-tick" x=f1(LEFT) y=f1(H - 6.0)>{clock_of(t.from)}</text>
            <text class="tl-tick" x=now.clone() y=f1(H - 6.0) text-anchor="end">{format!("now {}", clock_of(t.now))}</text>
            {rounds}
            {gaps}
            {pieces}
            {intervals}
            <line class="tl-now" x1=now.clone() y1="2" x2=now y2=f1(AXIS_Y)></line>
        </g>
    }
}

/// The sets at their MIN_RESTORE_SCN, each incremental tied to its base; each one a button
/// that picks its moment.
#[component]
fn SetMarks(
    tl: Memo<Timeline>,
    picked: RwSignal<Option<u64>>,
    hover: RwSignal<Option<u64>>,
) -> impl IntoView {
    move || {
        tl.with(|t| {
            t.sets
                .iter()
                .map(|s| {
                    let x = x_of(t, s.min_restore);
                    let link = t
                        .sets
                        .iter()
                        .find(|b| b.id == s.base && s.base != 0)
                        .map(|b| {
                            let bx = x_of(t, b.min_restore);
                            view! {
                                <path
                                    class="tl-chain"
                                    d=format!(
                                        "M{} {} Q{} {} {} {}",
                                        f1(x),
                                        f1(SETS_Y - 6.0),
                                        f1((x + bx) / 2.0),
                                        f1(SETS_Y - 18.0),
                                        f1(bx),
                                        f1(SETS_Y - 6.0),
                                    )
                                ></path>
                            }
                        });
                    let kind = if s.full { "FULL" } else { "INC" };
                    let label = format!(
                        "Backup set {} {kind}, MIN_RESTORE_SCN {} ({}): pick this moment",
                        s.id,
                        s.min_restore,
                        scn_time(s.min_restore),
                    );
                    let scn = s.min_restore;
                    let shape = if s.full {
                        view! { <circle cx=f1(x) cy=f1(SETS_Y) r="6"></circle> }.into_any()
                    } else {
                        view! {
                            <rect x=f1(x - 5.0) y=f1(SETS_Y - 5.0) width="10" height="10"></rect>
                        }
                        .into_any()
                    };
                    let class = format!(
                        "tl-set {}{}",
                        if s.full { "tl-set-full" } else { "tl-set-inc" },
                        if s.usable { "" } else { " tl-set-gone" },
                    );
                    view! {
                        {link}
                        <g
                            class=class
                            data-set=s.id.to_string()
                            role="button"
                            tabindex="0"
                            aria-label=label.clone()
                            on:click=move |ev: MouseEvent| {
                                ev.stop_propagation();
                                hover.set(Some(scn));
                                picked.set(Some(scn));
                            }
                            on:keydown=move |ev: KeyboardEvent| {
                                if ev.key() == "Enter" || ev.key() == " " {
                                    ev.prevent_default();
                                    ev.stop_propagation();
                                    hover.set(Some(scn));
                                    picked.set(Some(scn));
                                }
                            }
                        >
                            <title>{label.clone()}</title>
                            {shape}
                            <text x=f1(x) y=f1(SETS_Y + 17.0) text-anchor="middle">{s.id.to_string()}</text>
                        </g>
                    }
                })
                .collect_view()
        })
    }
}

/// What a restore to the picked moment would use, or why it cannot be done.
#[component]
fn PickPanel(pick: Memo<Option<Pick>>) -> impl IntoView {
    let engine = use_engine();
    let with_pick =
        move |f: fn(&Pick) -> String| move || pick.with(|p| p.as_ref().map(f).unwrap_or_default());
    let ok = move || pick.with(|p| p.as_ref().is_some_and(|p| p.outcome.is_ok()));
    let bad = move || pick.with(|p| p.as_ref().is_some_and(|p| p.outcome.is_err()));
    let statements = move || {
        pick.with(|p| {
            p.as_ref()
                .and_then(|p| p.outcome.as_ref().ok())
                .map(|plan| plan.statements.join("\n"))
                .unwrap_or_default()
        })
    };
    let decrypt = move || {
        pick.with(|p| {
            p.as_ref()
                .and_then(|p| p.outcome.as_ref().ok())
                .is_some_and(|plan| plan.needs_decryption)
        })
    };
    let list = move |f: fn(&super::drill::PickPlan) -> &Vec<String>| {
        move || {
            pick.with(|p| {
                p.as_ref()
                    .and_then(|p| p.outcome.as_ref().ok())
                    .map(|plan| f(plan).join(", "))
                    .unwrap_or_default()
            })
        }
    };
    view! {
        <div class="tl-pick-panel" data-testid="pick" hidden=move || pick.with(Option::is_none)>
            <p>
                "Restore to "
                <strong data-testid="pick-time">{with_pick(|p| p.time.clone())}</strong>
                " (SCN " <span translate="no">{with_pick(|p| p.scn.to_string())}</span> ")"
            </p>
            <div hidden=move || !ok()>
                <dl class="facts">
                    <dt>"Backup sets"</dt>
                    <dd class="path" data-testid="pick-sets" translate="no">{list(|p| &p.sets)}</dd>
                    <dt>"Archive pieces"</dt>
                    <dd class="path" data-testid="pick-pieces" translate="no">{list(|p| &p.pieces)}</dd>
                </dl>
                <p class="dash-note" hidden=move || !decrypt()>
                    "An encrypted set: run SET DECRYPTION IDENTIFIED BY with the backup's password first."
                </p>
                <pre class="tl-stmt" data-testid="pick-sql" translate="no">{statements}</pre>
                <button
                    type="button"
                    data-action="restore"
                    on:click=move |_| {
                        let sql = statements();
                        if !sql.is_empty() {
                            type_sql(engine, sql);
                        }
                    }
                >
                    "Put into the console"
                </button>
                <span class="dash-note">" Press Enter there to run it."</span>
            </div>
            <div hidden=move || !bad()>
                <p class="dash-note">"RESTORE would refuse this moment, and create no job:"</p>
                <pre class="tl-error" data-testid="pick-error" translate="no">
                    {move || pick.with(|p| p.as_ref().and_then(|p| p.outcome.clone().err()).unwrap_or_default())}
                </pre>
                <p class="dash-note">
                    "A restore reaches only the shaded intervals: from a set's MIN_RESTORE_SCN on, as far as the archive holds log without a gap."
                </p>
            </div>
        </div>
    }
}
