//! The macroblock view: one canvas per user tenant, drawn from `requestAnimationFrame` only when
//! the engine changed or blocks are travelling, never while the tab is hidden.
//!
//! Each frame that sees a new engine revision asks `obsim::blockmap` for the state of every
//! block (into a reused buffer), repaints the cells whose state changed in an RGBA buffer, and
//! sends it with one `putImageData`; log stream labels and the destination column's chain of sets
//! are drawn over it. Travelling blocks are drawn every frame on a second canvas laid over the
//! first (`.blk-top`). Travel follows simulated time: the display clock runs
//! from the engine's clock at the speed of the play loop, so pause freezes the blocks, Step moves
//! them on by one simulated second, and speed scales them. Under `prefers-reduced-motion` nothing
//! travels. The figure's test hooks `data-counts` (blocks per state) and `data-travelling` change
//! at most once per frame.

use super::draw::{self, Grid, Palette, Pixels, Traveller, UNPAINTED};
use crate::engine::{Engine, use_engine};
use crate::glossary::Term;
use crate::i18n::canvas;
use crate::timebar::{Clock, TICK_MS};
use leptos::prelude::*;
use obsim::blockmap::{self, ChainSet, ChainStatus, Counts, STATE_COUNT};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

/// CSS custom properties of the state colours, in state order.
const STATE_VARS: [&str; STATE_COUNT] = [
    "--blk-unchanged",
    "--blk-changed",
    "--blk-copying",
    "--blk-copied",
    "--blk-reused",
    "--blk-awaiting",
    "--blk-restored",
    "--blk-replayed",
];

#[component]
pub fn BlockView(
    clock: Clock,
    /// Only these tenants' grids (embeds' `tenants=`); None: every user tenant.
    #[prop(optional_no_strip)]
    only: Option<Vec<String>>,
) -> impl IntoView {
    let engine = use_engine();
    let only = StoredValue::new(only);
    let tenants = Memo::new(move |_| {
        engine.read(|sh| {
            only.with_value(|only| {
                sh.cluster
                    .user_tenants()
                    .filter(|t| {
                        // A tenant being restored has no storage yet, but the engine lays
                        // out the blocks coming back (its source's layout).
                        sh.cluster.storage.contains_key(&t.id)
                            || blockmap::layout(&sh.cluster, t.id).is_some()
                    })
                    .filter(|t| only.as_ref().is_none_or(|o| o.contains(&t.name)))
                    .map(|t| (t.id, t.name.clone()))
                    .collect::<Vec<_>>()
            })
        })
    });
    // The restore's states are named only while a restore runs (the legend stays short).
    let calm = Memo::new(move |_| engine.read(|sh| sh.cluster.restore.jobs.is_empty()));
    view! {
        <section class="panel blocks" aria-labelledby="blocks-title" data-testid="block-view" data-tour="blocks">
            <h2 id="blocks-title">
                <Term id="macroblock">"Macroblocks"</Term>
                <span class="blk-terms">
                    " by " <Term id="log-stream">"log stream"</Term> " and " <Term id="tablet">"tablet"</Term>
                </span>
            </h2>
            <ul class="blk-legend">
                <li><i class="sw sw-unchanged"></i>"unchanged since the latest set"</li>
                <li><i class="sw sw-changed"></i>"changed since the latest set"</li>
                <li><i class="sw sw-lit"></i>"changed by your statements"</li>
                <li><i class="sw sw-copying"></i>"being copied"</li>
                <li><i class="sw sw-copied"></i>"copied into the running set"</li>
                <li><i class="sw sw-reused"></i>"reused by reference from the base set"</li>
                <li class="blk-restoring" hidden=calm><i class="sw sw-awaiting"></i>"not restored yet"</li>
                <li class="blk-restoring" hidden=calm><i class="sw sw-restored"></i>"restored from a backup set"</li>
                <li class="blk-restoring" hidden=calm><i class="sw sw-replayed"></i>"restored, then replayed from the archive log"</li>
            </ul>
            {move || {
                tenants
                    .get()
                    .into_iter()
                    .map(|(id, name)| view! { <TenantBlocks id=id name=name clock=clock /> })
                    .collect_view()
            }}
        </section>
    }
}

/// What one tenant's canvas keeps between frames.
#[derive(Default)]
struct Pane {
    grid: Option<Grid>,
    width: u32,
    ctx: Option<CanvasRenderingContext2d>,
    /// The canvas over the grid where copied blocks travel (cleared every frame).
    top: Option<CanvasRenderingContext2d>,
    /// Theme the palette was read for, and the text colours.
    theme: Option<(String, bool)>,
    fg: String,
    muted: String,
    /// Something is drawn on the travel canvas.
    top_drawn: bool,
    palette: Option<Palette>,
    px: Option<Pixels>,
    next: Vec<u8>,
    shown: Vec<u8>,
    newly: Vec<u32>,
    chain: Vec<ChainSet>,
    /// What the figure's hooks last showed.
    counts: Option<Counts>,
    chain_shown: Vec<ChainSet>,
    /// Engine revision last drawn (None: never).
    rev: Option<u64>,
    /// Engine clock at the last two revisions drawn, and when (performance.now) the last was.
    sim: u64,
    prev_sim: u64,
    real: f64,
    travellers: Vec<Traveller>,
    /// Travellers the figure's `data-travelling` last said (None: never said).
    travelling_shown: Option<usize>,
}

struct Loop {
    id: u64,
    name: String,
    engine: Engine,
    clock: Clock,
    figure: NodeRef<leptos::html::Figure>,
    pane: RefCell<Pane>,
    pending: Cell<bool>,
    /// Cleared when the pane is unmounted (a frame may still be pending).
    alive: Arc<AtomicBool>,
    /// The block the tooltip shows, with the pointer's place (CSS px in the canvas).
    tip: Cell<Option<(u32, i32, i32)>>,
    pinned: Cell<bool>,
}

fn now_ms() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

fn media(query: &str) -> bool {
    window()
        .match_media(query)
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// The colours of style/blocks.css (the default palette where a variable is missing), and the
/// text colours.
fn css_palette(el: &web_sys::Element) -> (Palette, String, String) {
    let style = window().get_computed_style(el).ok().flatten();
    let var = |name: &str| {
        style
            .as_ref()
            .and_then(|s| s.get_property_value(name).ok())
            .unwrap_or_default()
    };
    let color = |name: &str, default| draw::parse_hex(&var(name)).unwrap_or(default);
    let d = Palette::DEFAULT;
    let mut states = d.states;
    for (s, name) in states.iter_mut().zip(STATE_VARS) {
        *s = color(name, *s);
    }
    let palette = Palette {
        bg: color("--blk-bg", d.bg),
        states,
        lit: color("--blk-lit", d.lit),
    };
    let text = |name: &str, default: &str| {
        let v = var(name).trim().to_string();
        if v.is_empty() { default.to_string() } else { v }
    };
    (palette, text("--fg", "#1b1f24"), text("--muted", "#5b6470"))
}

impl Loop {
    fn schedule(self: &Rc<Self>) {
        if self.pending.get() || !self.alive.load(Ordering::Relaxed) || document().hidden() {
            return;
        }
        self.pending.set(true);
        let me = Rc::clone(self);
        request_animation_frame(move || me.frame());
    }

    fn frame(self: &Rc<Self>) {
        self.pending.set(false);
        if !self.alive.load(Ordering::Relaxed) || document().hidden() {
            return; // visibilitychange schedules a frame when the tab shows again
        }
        let Some(canvas) = self.canvas() else {
            return;
        };
        let again = {
            let Ok(mut p) = self.pane.try_borrow_mut() else {
                return;
            };
            self.draw(&canvas, &mut p)
        };
        if again {
            self.schedule();
        }
    }

    fn find(&self, sel: &str) -> Option<web_sys::Element> {
        self.figure
            .get_untracked()?
            .query_selector(sel)
            .ok()
            .flatten()
    }

    fn canvas(&self) -> Option<HtmlCanvasElement> {
        self.find("canvas").map(JsCast::unchecked_into)
    }

    /// The figure's test hook and the caption's summary, at most once a frame.
    fn publish_counts(&self, c: &Counts) {
        let Some(fig) = self.figure.get_untracked() else {
            return;
        };
        let _ = fig.set_attribute("data-counts", &c.text());
        let total = c.by_state.iter().sum::<u32>();
        let (awaiting, restored, replayed) = (
            c.get(blockmap::AWAITING),
            c.get(blockmap::RESTORED),
            c.get(blockmap::REPLAYED),
        );
        // A tenant being restored counts what has come back (the states only a restore has);
        // every other map keeps the backup's summary.
        let summary = if awaiting + restored + replayed > 0 {
            format!(
                "{} macroblocks: {} not restored yet, {} coming back, {} restored from a backup set, {} replayed from the archive log",
                total,
                awaiting,
                c.get(blockmap::COPYING),
                restored,
                replayed
            )
        } else {
            format!(
                "{} macroblocks: {} changed ({} by statements), {} being copied, {} copied, {} reused",
                total,
                c.get(blockmap::CHANGED),
                c.lit,
                c.get(blockmap::COPYING),
                c.get(blockmap::COPIED),
                c.get(blockmap::REUSED)
            )
        };
        if let Some(el) = self.find(".blk-sum") {
            el.set_text_content(Some(&summary));
        }
        if let Some(el) = self.canvas() {
            let label = format!("Macroblocks of {}: {summary}", self.name);
            let _ = el.set_attribute("aria-label", &label);
        }
    }

    /// The chain as a text list (for screen readers and tests).
    fn publish_chain(&self, chain: &[ChainSet]) {
        let Some(ol) = self.find("ol") else {
            return;
        };
        ol.set_text_content(None);
        for s in chain {
            if let Ok(li) = document().create_element("li") {
                let _ = li.set_attribute("data-set", &s.set_id.to_string());
                let _ = li.set_attribute("data-status", s.status.as_str());
                li.set_text_content(Some(&draw::chain_text(s)));
                let _ = ol.append_child(&li);
            }
        }
    }

    /// Shows (or hides) the tooltip for `self.tip`, as text only.
    fn refresh_tip(&self) {
        let Some(el) = self.find(".blk-tip") else {
            return;
        };
        let text = self.tip.get().and_then(|(b, x, y)| {
            let t = self
                .engine
                .shell
                .with_value(|sh| blockmap::block_info(&sh.cluster, self.id, b))?;
            Some((t.text(), x, y))
        });
        match text {
            Some((t, x, y)) => {
                el.set_text_content(Some(&t));
                // Through the CSSOM: a `style` attribute is inline style, which the page's
                // Content-Security-Policy (style-src 'self') blocks.
                if let Some(h) = el.dyn_ref::<web_sys::HtmlElement>() {
                    let st = h.style();
                    let _ = st.set_property("left", &format!("{}px", x + 12));
                    let _ = st.set_property("top", &format!("{}px", y + 12));
                }
                let _ = el.set_attribute(
                    "class",
                    if self.pinned.get() {
                        "blk-tip pinned"
                    } else {
                        "blk-tip"
                    },
                );
                let _ = el.remove_attribute("hidden");
            }
            None => {
                let _ = el.set_attribute("hidden", "");
            }
        }
    }

    /// Hover shows a block; a click pins it (a click on the same block unpins).
    fn pointer(&self, ev: &web_sys::MouseEvent, click: bool) {
        if self.pinned.get() && !click {
            return;
        }
        let at = self.canvas().and_then(|el| {
            let scale = f64::from(el.width()) / f64::from(el.client_width().max(1));
            let x = (f64::from(ev.offset_x()) * scale).max(0.0) as u32;
            let y = (f64::from(ev.offset_y()) * scale).max(0.0) as u32;
            let p = self.pane.try_borrow().ok()?;
            let b = p.grid.as_ref()?.block_at(x, y)?;
            Some((b, ev.offset_x(), ev.offset_y()))
        });
        if click {
            let same = at.map(|a| a.0) == self.tip.get().map(|t| t.0);
            self.pinned
                .set(at.is_some() && !(self.pinned.get() && same));
        }
        if self.tip.get() != at {
            self.tip.set(at);
            self.refresh_tip();
        } else if click {
            self.refresh_tip();
        }
    }

    fn leave(&self) {
        if !self.pinned.get() {
            self.tip.set(None);
            self.refresh_tip();
        }
    }

    /// Draws one frame; returns whether another is needed (blocks still travelling).
    fn draw(&self, canvas: &HtmlCanvasElement, p: &mut Pane) -> bool {
        let width = self
            .figure
            .get_untracked()
            .map_or(0, |e| e.client_width().max(0) as u32)
            .clamp(320, 1600);
        if p.grid.is_none() || p.width != width {
            let Some(layout) = self
                .engine
                .shell
                .with_value(|sh| blockmap::layout(&sh.cluster, self.id))
            else {
                return false;
            };
            let grid = Grid::new(&layout, width);
            canvas.set_width(grid.width);
            canvas.set_height(grid.height);
            let ctx_of = |c: &HtmlCanvasElement| {
                c.get_context("2d")
                    .ok()
                    .flatten()
                    .map(JsCast::unchecked_into::<CanvasRenderingContext2d>)
            };
            p.ctx = ctx_of(canvas);
            p.top = self.find(".blk-top").and_then(|el| {
                let top: HtmlCanvasElement = el.unchecked_into();
                top.set_width(grid.width);
                top.set_height(grid.height);
                ctx_of(&top)
            });
            p.next = vec![0; grid.blocks()];
            p.shown = vec![UNPAINTED; grid.blocks()];
            p.px = None;
            p.rev = None;
            p.travellers.clear();
            p.width = width;
            p.grid = Some(grid);
        }
        // The palette is read again when the theme changes (cheap checks, no style read).
        let theme = (
            document()
                .document_element()
                .and_then(|e| e.get_attribute("data-theme"))
                .unwrap_or_default(),
            media("(prefers-color-scheme: dark)"),
        );
        if p.theme.as_ref() != Some(&theme) || p.px.is_none() {
            let (palette, fg, muted) = css_palette(canvas);
            if let Some(g) = &p.grid {
                p.px = Some(Pixels::new(g.width, g.height, palette.bg));
            }
            p.shown.fill(UNPAINTED);
            p.palette = Some(palette);
            (p.fg, p.muted) = (fg, muted);
            p.theme = Some(theme);
            p.rev = None;
        }
        let rev = self.engine.rev.get_untracked();
        let still = media("(prefers-reduced-motion: reduce)");
        let changed = p.rev != Some(rev);
        if changed {
            let Pane { next, chain, .. } = &mut *p;
            let (counts, sim) = self.engine.shell.with_value(|sh| {
                *chain = blockmap::set_chain(&sh.cluster, self.id);
                (
                    blockmap::fill_states(&sh.cluster, self.id, next),
                    sh.cluster.now(),
                )
            });
            let first = p.rev.is_none();
            p.rev = Some(rev);
            p.prev_sim = if first { sim } else { p.sim };
            p.sim = sim;
            p.real = now_ms();
            let Pane {
                grid: Some(grid),
                palette: Some(palette),
                px: Some(px),
                next,
                shown,
                newly,
                ..
            } = &mut *p
            else {
                return false;
            };
            draw::paint(grid, palette, px, next, shown, newly);
            if let Some(c) = counts
                && p.counts != Some(c)
            {
                self.publish_counts(&c);
                p.counts = Some(c);
            }
            if p.chain != p.chain_shown {
                self.publish_chain(&p.chain);
                p.chain_shown = p.chain.clone();
            }
            self.refresh_tip();
            if still {
                p.travellers.clear();
            } else if let Some(target) = running_box(p) {
                let Pane {
                    grid: Some(grid),
                    newly,
                    travellers,
                    prev_sim,
                    sim,
                    ..
                } = &mut *p
                else {
                    return false;
                };
                draw::launch(grid, newly, *prev_sim, *sim, target, travellers);
            } else {
                p.travellers.clear();
            }
        }
        let playing = self.clock.playing.get_untracked();
        // The display clock: the engine's, run on at the play speed until the next tick.
        let display = if playing {
            let speed = self.clock.speed.get_untracked();
            let ahead = ((now_ms() - p.real).max(0.0) * 1000.0 * speed)
                .min(f64::from(TICK_MS) * 1000.0 * speed);
            p.sim + ahead as u64
        } else {
            p.sim
        };
        let (Some(ctx), Some(grid), Some(px), Some(palette)) = (&p.ctx, &p.grid, &p.px, &p.palette)
        else {
            return false;
        };
        // The grid canvas changes only with the engine: one putImageData then.
        if changed {
            if let Ok(img) =
                ImageData::new_with_u8_clamped_array_and_sh(Clamped(&px.data), px.width, px.height)
            {
                let _ = ctx.put_image_data(&img, 0.0, 0.0);
            }
            overlay(ctx, grid, &p.chain, palette, &p.fg, &p.muted);
        }
        p.travellers.retain(|t| t.at(display).is_some());
        if p.travelling_shown != Some(p.travellers.len())
            && let Some(fig) = self.figure.get_untracked()
        {
            let _ = fig.set_attribute("data-travelling", &p.travellers.len().to_string());
            p.travelling_shown = Some(p.travellers.len());
        }
        if let Some(top) = &p.top
            && (p.top_drawn || !p.travellers.is_empty())
        {
            top.clear_rect(0.0, 0.0, f64::from(grid.width), f64::from(grid.height));
            top.set_fill_style_str(&hex(palette.states[usize::from(blockmap::COPYING)]));
            let size = f64::from(grid.cell.max(3));
            for t in &p.travellers {
                if let Some((x, y)) = t.at(display) {
                    top.fill_rect(f64::from(x), f64::from(y), size, size);
                }
            }
            p.top_drawn = !p.travellers.is_empty();
        }
        !p.travellers.is_empty() && playing
    }
}

/// The running set's box in the destination column: (x, y, w, h).
fn running_box(p: &Pane) -> Option<(u32, u32, u32, u32)> {
    let grid = p.grid.as_ref()?;
    let (rows, _) = draw::chain_rows(&p.chain, grid.height);
    let row = rows
        .iter()
        .find(|r| p.chain.get(r.index).map(|s| s.status) == Some(ChainStatus::Running))?;
    let w = grid.width.saturating_sub(grid.dest_x + 8);
    Some((
        grid.dest_x + 4,
        row.y + 4,
        w.max(8),
        row.h.saturating_sub(8).max(4),
    ))
}

fn hex(c: [u8; 4]) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

/// Log stream labels and the destination column (title, chain of sets, running box).
fn overlay(
    ctx: &CanvasRenderingContext2d,
    grid: &Grid,
    chain: &[ChainSet],
    palette: &Palette,
    fg: &str,
    muted: &str,
) {
    ctx.set_font("11px system-ui, sans-serif");
    ctx.set_text_baseline("top");
    ctx.set_fill_style_str(muted);
    for s in &grid.sections {
        let label = if s.ls_id == obsim::storage::SYS_LS_ID {
            canvas("LS 1 (system tablets)")
        } else {
            format!("LS {}", s.ls_id)
        };
        let _ = ctx.fill_text(
            &label,
            0.0,
            f64::from(s.top.saturating_sub(draw::LABEL_H - 1)),
        );
    }
    let x = f64::from(grid.dest_x);
    let w = f64::from(grid.width - grid.dest_x);
    ctx.set_stroke_style_str(muted);
    ctx.stroke_rect(x + 0.5, 0.5, w - 1.0, f64::from(grid.height) - 1.0);
    let _ = ctx.fill_text(&canvas("backup destination"), x + 6.0, 5.0);
    let (rows, left_out) = draw::chain_rows(chain, grid.height);
    if left_out > 0 {
        let _ = ctx.fill_text(
            &canvas(&format!("+{left_out} earlier")),
            x + 6.0,
            f64::from(draw::CHAIN_TOP + 3),
        );
    }
    let copied = hex(palette.states[usize::from(blockmap::COPIED)]);
    let reused = hex(palette.states[usize::from(blockmap::REUSED)]);
    for r in rows {
        let Some(s) = chain.get(r.index) else {
            continue;
        };
        let (bx, by, bw, bh) = (x + 4.0, f64::from(r.y), w - 8.0, f64::from(r.h));
        let ok = matches!(s.status, ChainStatus::Success | ChainStatus::Running);
        if s.status == ChainStatus::Running {
            // The box fills as blocks arrive.
            let share = if s.planned == 0 {
                0.0
            } else {
                s.copied as f64 / s.planned as f64
            };
            ctx.set_fill_style_str(&copied);
            ctx.fill_rect(bx, by + bh - 6.0, bw * share, 6.0);
        } else if ok {
            ctx.set_fill_style_str(if s.full { &copied } else { &reused });
            ctx.fill_rect(bx, by, 4.0, bh);
        }
        ctx.set_stroke_style_str(if ok { fg } else { "#d32f2f" });
        ctx.stroke_rect(bx + 0.5, by + 0.5, bw - 1.0, bh - 1.0);
        ctx.set_fill_style_str(if ok { fg } else { "#d32f2f" });
        let _ = ctx.fill_text(&canvas(&draw::chain_label(s)), bx + 8.0, by + 4.0);
    }
}

#[component]
fn TenantBlocks(id: u64, name: String, clock: Clock) -> impl IntoView {
    let engine = use_engine();
    let alive = Arc::new(AtomicBool::new(true));
    let looper = Rc::new(Loop {
        id,
        name: name.clone(),
        engine,
        clock,
        figure: NodeRef::new(),
        pane: RefCell::new(Pane::default()),
        pending: Cell::new(false),
        alive: Arc::clone(&alive),
        tip: Cell::new(None),
        pinned: Cell::new(false),
    });

    let l = Rc::clone(&looper);
    Effect::new(move |_| {
        engine.rev.track();
        l.schedule();
    });
    let l = Rc::clone(&looper);
    let shown = window_event_listener_untyped("visibilitychange", move |_| l.schedule());
    let l = Rc::clone(&looper);
    let resized = window_event_listener_untyped("resize", move |_| l.schedule());
    on_cleanup(move || {
        alive.store(false, Ordering::Relaxed);
        shown.remove();
        resized.remove();
    });

    let (l1, l2, l3) = (Rc::clone(&looper), Rc::clone(&looper), Rc::clone(&looper));
    let tenant = name.clone();
    view! {
        <figure class="blk-tenant" data-tenant=tenant node_ref=looper.figure>
            <figcaption>
                <strong>{name}</strong>
                " "
                <span class="blk-sum" data-testid="block-summary"></span>
            </figcaption>
            <div class="blk-canvas">
                <canvas
                    role="img"
                    on:mousemove=move |ev| l1.pointer(&ev, false)
                    on:click=move |ev| l2.pointer(&ev, true)
                    on:mouseleave=move |_| l3.leave()
                ></canvas>
                <canvas class="blk-top" aria-hidden="true"></canvas>
                <div class="blk-tip" role="status" data-testid="block-tip" hidden></div>
            </div>
            <ol class="sr-only" data-testid="block-chain"></ol>
        </figure>
    }
}
