//! Backup set chains (full → inc → inc as linked chips) and a plot of set sizes over time,
//! drawn as inline SVG.

use super::model::{SetChip, TenantSets, clock, set_chains};
use crate::engine::use_engine;
use crate::format;
use leptos::prelude::*;
use obsim::num::format_fixed;

#[component]
pub fn SetChains() -> impl IntoView {
    let engine = use_engine();
    let tenants = Memo::new(move |_| engine.read(|sh| set_chains(&sh.cluster)));
    view! {
        <div class="dash-panel" data-testid="set-chains" data-tour="sets">
            <h3>"Backup sets"</h3>
            <p class="dash-note" hidden=move || tenants.with(|t| !t.is_empty())>
                "No backup set yet."
            </p>
            <div class="set-tenants">
                {move || {
                    tenants.get().into_iter().map(|t| view! { <TenantSetsView sets=t /> }).collect_view()
                }}
            </div>
        </div>
    }
}

#[component]
fn TenantSetsView(sets: TenantSets) -> impl IntoView {
    let chains = sets
        .chains
        .iter()
        .map(|chain| {
            let head = chain.first().map_or(0, |s| s.id);
            let label = if chain.first().is_some_and(|s| s.full) {
                format!("Chain from full set {head}")
            } else {
                format!("Sets without a full base, from set {head}")
            };
            let chips = chain.iter().map(chip_view).collect_view();
            view! {
                <li>
                    <ol class="chain" aria-label=label>
                        {chips}
                    </ol>
                </li>
            }
        })
        .collect_view();
    let (tenant, heading) = (sets.tenant.clone(), sets.tenant.clone());
    view! {
        <div class="set-tenant" data-tenant=tenant>
            <h4>{heading}</h4>
            <ul class="chains">{chains}</ul>
            <SizePlot sets=sets />
        </div>
    }
}

fn chip_text(s: &SetChip) -> String {
    let kind = if s.full { "FULL" } else { "INC" };
    let base = if s.full {
        String::new()
    } else {
        format!(" on set {}", s.base)
    };
    let end = if s.end.is_empty() {
        "running".to_string()
    } else {
        format!("ended {}", s.end)
    };
    format!(
        "set {} {kind}{base}: {} / {}, {}, {end}",
        s.id,
        s.status,
        s.file_status,
        format::bytes(s.output_bytes)
    )
}

fn chip_view(s: &SetChip) -> impl IntoView + use<> {
    let mut class = String::from(if s.full {
        "chip chip-full"
    } else {
        "chip chip-inc"
    });
    if s.failed {
        class.push_str(" chip-failed");
    }
    if s.deleted {
        class.push_str(" chip-deleted");
    }
    // The flag says in words what the styling shows.
    let flag = if s.failed {
        Some(format!("{} {}", s.status, s.file_status))
    } else if s.file_status != "AVAILABLE" {
        Some(s.file_status.clone())
    } else {
        None
    };
    view! {
        <li>
            <span class=class data-set=s.id.to_string() title=chip_text(s)>
                <span class="chip-kind">{if s.full { "FULL" } else { "INC" }}</span>
                " "
                <span class="chip-name">{format!("#{}", s.id)}</span>
                " "
                <span class="chip-size">{format::bytes(s.output_bytes)}</span>
                {flag.map(|f| view! { " " <span class="chip-flag" data-testid="flag">{f}</span> })}
            </span>
        </li>
    }
}

// --- the plot -------------------------------------------------------------------------------

const W: f64 = 320.0;
const H: f64 = 150.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 10.0;
const TOP: f64 = 24.0;
const BOTTOM: f64 = 20.0;

/// One finished set placed in the plot.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
    pub full: bool,
    pub failed: bool,
    pub label: String,
}

/// Places sets (in time order) with x = end time and y = output bytes; returns the points and
/// the largest size (the top of the y axis).
pub fn layout(sets: &[&SetChip]) -> (Vec<Point>, u64) {
    let max = sets
        .iter()
        .map(|s| s.output_bytes)
        .max()
        .unwrap_or(0)
        .max(1);
    let t0 = sets.iter().map(|s| s.end_ts).min().unwrap_or(0);
    let t1 = sets.iter().map(|s| s.end_ts).max().unwrap_or(0);
    let (pw, ph) = (W - LEFT - RIGHT, H - TOP - BOTTOM);
    let points = sets
        .iter()
        .map(|s| Point {
            x: if t1 > t0 {
                LEFT + (s.end_ts - t0) as f64 / (t1 - t0) as f64 * pw
            } else {
                LEFT + pw / 2.0
            },
            y: TOP + (1.0 - s.output_bytes as f64 / max as f64) * ph,
            full: s.full,
            failed: s.failed,
            label: chip_text(s),
        })
        .collect();
    (points, max)
}

fn polyline(points: &[Point], full: bool) -> String {
    points
        .iter()
        .filter(|p| p.full == full)
        .map(|p| format!("{},{}", format_fixed(p.x, 1), format_fixed(p.y, 1)))
        .collect::<Vec<_>>()
        .join(" ")
}

#[component]
fn SizePlot(sets: TenantSets) -> impl IntoView {
    let finished = sets.finished();
    if finished.is_empty() {
        return view! { <p class="dash-note">"No finished set to plot yet."</p> }.into_any();
    }
    let (fulls, incs) = finished.iter().fold(
        (0, 0),
        |(f, i), s| if s.full { (f + 1, i) } else { (f, i + 1) },
    );
    let first = finished.first().map_or(0, |s| s.end_ts);
    let last = finished.last().map_or(0, |s| s.end_ts);
    let (points, max) = layout(&finished);
    let title_id = format!("set-plot-{}-title", sets.tenant_id);
    let title = format!(
        "Backup set sizes of {} over time: {fulls} full, {incs} incremental, up to {}",
        sets.tenant,
        format::bytes(max)
    );
    let (full_line, inc_line) = (polyline(&points, true), polyline(&points, false));
    let marks = points
        .into_iter()
        .map(|p| {
            let class = match (p.full, p.failed) {
                (true, false) => "pt pt-full",
                (true, true) => "pt pt-full pt-failed",
                (false, false) => "pt pt-inc",
                (false, true) => "pt pt-inc pt-failed",
            };
            if p.full {
                view! {
                    <circle class=class cx=format_fixed(p.x, 1) cy=format_fixed(p.y, 1) r="4">
                        <title>{p.label}</title>
                    </circle>
                }
                .into_any()
            } else {
                view! {
                    <rect
                        class=class
                        x=format_fixed(p.x - 3.5, 1)
                        y=format_fixed(p.y - 3.5, 1)
                        width="7"
                        height="7"
                    >
                        <title>{p.label}</title>
                    </rect>
                }
                .into_any()
            }
        })
        .collect_view();
    let axis_y = format_fixed(H - BOTTOM, 1);
    let labelled_by = title_id.clone();
    view! {
        <svg
            class="set-plot"
            data-testid="set-plot"
            data-tenant=sets.tenant.clone()
            viewBox=format!("0 0 {} {}", format_fixed(W, 0), format_fixed(H, 0))
            role="img"
            aria-labelledby=labelled_by
        >
            <title id=title_id>{title}</title>
            <g class="legend" aria-hidden="true">
                <circle class="legend-full" cx=format_fixed(LEFT, 1) cy="10" r="4"></circle>
                <text x=format_fixed(LEFT + 8.0, 1) y="14">"full"</text>
                <rect class="legend-inc" x=format_fixed(LEFT + 46.5, 1) y="6.5" width="7" height="7"></rect>
                <text x=format_fixed(LEFT + 58.0, 1) y="14">"incremental"</text>
            </g>
            <g class="axes" aria-hidden="true">
                <line x1=format_fixed(LEFT, 1) y1=format_fixed(TOP, 1) x2=format_fixed(LEFT, 1) y2=axis_y.clone()></line>
                <line x1=format_fixed(LEFT, 1) y1=axis_y.clone() x2=format_fixed(W - RIGHT, 1) y2=axis_y.clone()></line>
                <text class="tick" x=format_fixed(LEFT - 4.0, 1) y=format_fixed(TOP + 4.0, 1) text-anchor="end">
                    {format::bytes(max)}
                </text>
                <text class="tick" x=format_fixed(LEFT - 4.0, 1) y=axis_y text-anchor="end">"0"</text>
                <text class="tick" x=format_fixed(LEFT, 1) y=format_fixed(H - 4.0, 1)>{clock(first)}</text>
                <text class="tick" x=format_fixed(W - RIGHT, 1) y=format_fixed(H - 4.0, 1) text-anchor="end">
                    {clock(last)}
                </text>
            </g>
            <polyline class="line-full" points=full_line></polyline>
            <polyline class="line-inc" points=inc_line></polyline>
            {marks}
        </svg>
    }
    .into_any()
}
