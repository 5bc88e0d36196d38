//! The macroblock view's drawing, without the browser (tested natively): where each block's cell
//! lies, painting cells into an RGBA pixel buffer, the destination column's chain of sets, and
//! the blocks travelling into the running set. The states come from `obsim::blockmap`.

use obsim::blockmap::{COPIED, ChainSet, ChainStatus, LIT, Layout, STATE_COUNT, STATE_MASK};
use obsim::sim::{Micros, SECOND};

/// Height of a log stream's label band above its cells.
pub const LABEL_H: u32 = 14;
/// Space between two log streams.
pub const GROUP_GAP: u32 = 6;
/// The grid is made as tall as this at most (cells shrink to 1 px first).
pub const MAX_HEIGHT: u32 = 440;
/// Room for the destination column's chain.
pub const MIN_HEIGHT: u32 = 200;
/// Largest cell edge in pixels.
pub const MAX_CELL: u32 = 8;
/// A slot between two tablets (no block).
const GAP_SLOT: u32 = u32::MAX;
/// `shown` value of a cell never painted.
pub const UNPAINTED: u8 = 0xff;
/// Simulated time a copied block takes to reach the set's box.
pub const TRAVEL: Micros = 3 * SECOND;
/// Most blocks launched per frame (a sample when more are copied at once).
pub const MAX_LAUNCH: usize = 240;
/// Height of a finished set's row and of the running set's box in the destination column.
pub const ROW_H: u32 = 18;
pub const RUNNING_H: u32 = 44;
/// Top of the first row (below the column's title).
pub const CHAIN_TOP: u32 = 22;

/// One log stream's band: cells start at `top`; `slots` are block ids in reading order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub ls_id: u64,
    pub top: u32,
    pub rows: u32,
    slots: Vec<u32>,
}

/// Where everything lies on the canvas, for one layout and width.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grid {
    pub width: u32,
    pub height: u32,
    pub cell: u32,
    pub pitch: u32,
    pub cols: u32,
    /// The destination column starts here.
    pub dest_x: u32,
    pub sections: Vec<Section>,
    /// Top-left pixel (x, y) of each block's cell, by block id.
    pos: Vec<(u32, u32)>,
}

fn slots_of(layout: &Layout) -> Vec<Vec<u32>> {
    layout
        .groups
        .iter()
        .map(|g| {
            let mut slots = Vec::with_capacity(g.block_count() as usize + g.tablets.len());
            for (i, t) in g.tablets.iter().enumerate() {
                if i > 0 {
                    slots.push(GAP_SLOT);
                }
                slots.extend(t.first_block..t.first_block.saturating_add(t.block_count));
            }
            slots
        })
        .collect()
}

impl Grid {
    /// Lays `layout` out in a canvas `width` pixels wide: log streams stacked, tablets one after
    /// another separated by an empty slot, with the largest cell that keeps the grid within
    /// `MAX_HEIGHT`.
    pub fn new(layout: &Layout, width: u32) -> Grid {
        let width = width.max(200);
        let dest_w = (width / 4).clamp(120, 220);
        let grid_w = width.saturating_sub(dest_w + GROUP_GAP).max(16);
        let slots = slots_of(layout);
        let height_for = |pitch: u32| {
            let cols = (grid_w / pitch).max(1);
            let h: u32 = slots
                .iter()
                .map(|s| LABEL_H + (s.len() as u32).div_ceil(cols) * pitch + GROUP_GAP)
                .sum();
            (cols, h)
        };
        let mut cell = MAX_CELL;
        while cell > 1 && height_for(cell + u32::from(cell >= 3)).1 > MAX_HEIGHT {
            cell -= 1;
        }
        let pitch = cell + u32::from(cell >= 3);
        let (cols, grid_h) = height_for(pitch);
        let mut pos = vec![(0, 0); layout.block_count as usize];
        let mut sections = Vec::with_capacity(slots.len());
        let mut y = 0;
        for (g, slots) in layout.groups.iter().zip(slots) {
            let top = y + LABEL_H;
            for (i, &b) in slots.iter().enumerate() {
                let (row, col) = (i as u32 / cols, i as u32 % cols);
                if let Some(p) = pos.get_mut(b as usize) {
                    *p = (col * pitch, top + row * pitch);
                }
            }
            let rows = (slots.len() as u32).div_ceil(cols);
            y = top + rows * pitch + GROUP_GAP;
            sections.push(Section {
                ls_id: g.ls_id,
                top,
                rows,
                slots,
            });
        }
        Grid {
            width,
            height: grid_h.max(MIN_HEIGHT),
            cell,
            pitch,
            cols,
            dest_x: width - dest_w,
            sections,
            pos,
        }
    }

    pub fn blocks(&self) -> usize {
        self.pos.len()
    }

    /// Top-left pixel of a block's cell.
    pub fn cell_of(&self, block: u32) -> Option<(u32, u32)> {
        self.pos.get(block as usize).copied()
    }

    /// The block whose cell (or the gap after it) is at pixel (x, y).
    pub fn block_at(&self, x: u32, y: u32) -> Option<u32> {
        let col = x / self.pitch;
        if col >= self.cols {
            return None;
        }
        let s = self
            .sections
            .iter()
            .find(|s| y >= s.top && y < s.top + s.rows * self.pitch)?;
        let row = (y - s.top) / self.pitch;
        let slot = *s.slots.get((row * self.cols + col) as usize)?;
        (slot != GAP_SLOT).then_some(slot)
    }
}

/// RGBA.
pub type Rgba = [u8; 4];

/// `#rrggbb` → RGBA (opaque).
pub fn parse_hex(s: &str) -> Option<Rgba> {
    let h = s.trim().strip_prefix('#')?;
    if h.len() != 6 || !h.is_ascii() {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(h.get(i..i + 2)?, 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?, 255])
}

/// The colours of the states (by state), of lit blocks, and of the background.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Palette {
    pub bg: Rgba,
    pub states: [Rgba; STATE_COUNT],
    pub lit: Rgba,
}

impl Palette {
    /// The light theme's colours (style/blocks.css), used where a variable is missing.
    pub const DEFAULT: Palette = Palette {
        bg: [0xff, 0xff, 0xff, 255],
        states: [
            [0xc5, 0xcc, 0xd6, 255],
            [0xf5, 0xa6, 0x23, 255],
            [0x1e, 0x88, 0xe5, 255],
            [0x2e, 0x7d, 0x32, 255],
            [0xb3, 0x9d, 0xdb, 255],
            [0xee, 0xf1, 0xf5, 255],
            [0x00, 0x89, 0x7b, 255],
            [0x7c, 0xb3, 0x42, 255],
        ],
        lit: [0xe0, 0x15, 0x7a, 255],
    };

    pub fn of(&self, state: u8) -> Rgba {
        if state & LIT != 0 {
            return self.lit;
        }
        self.states
            .get(usize::from(state & STATE_MASK))
            .copied()
            .unwrap_or(self.bg)
    }
}

/// An RGBA pixel buffer the size of the canvas (what one `putImageData` sends).
pub struct Pixels {
    pub width: u32,
    pub height: u32,
    pub data: Vec<u8>,
}

impl Pixels {
    pub fn new(width: u32, height: u32, bg: Rgba) -> Pixels {
        let mut data = Vec::with_capacity(width as usize * height as usize * 4);
        for _ in 0..width as usize * height as usize {
            data.extend_from_slice(&bg);
        }
        Pixels {
            width,
            height,
            data,
        }
    }

    pub fn fill(&mut self, rgba: Rgba) {
        for px in self.data.chunks_exact_mut(4) {
            px.copy_from_slice(&rgba);
        }
    }

    /// Paints a `size`×`size` square at (x, y), clipped to the buffer.
    pub fn square(&mut self, x: u32, y: u32, size: u32, rgba: Rgba) {
        let w = self.width as usize;
        let x_end = (x + size).min(self.width) as usize;
        for row in y..(y + size).min(self.height) {
            let start = (row as usize * w + x as usize) * 4;
            let end = (row as usize * w + x_end) * 4;
            if let Some(line) = self.data.get_mut(start..end) {
                for px in line.chunks_exact_mut(4) {
                    px.copy_from_slice(&rgba);
                }
            }
        }
    }

    pub fn at(&self, x: u32, y: u32) -> Option<Rgba> {
        let i = (y as usize * self.width as usize + x as usize) * 4;
        let p = self.data.get(i..i + 4)?;
        Some([p[0], p[1], p[2], p[3]])
    }
}

/// Paints every block whose state differs from what `shown` says is on screen, records it, and
/// collects the blocks that just became COPIED (none on a first paint).
pub fn paint(
    grid: &Grid,
    palette: &Palette,
    px: &mut Pixels,
    next: &[u8],
    shown: &mut [u8],
    newly_copied: &mut Vec<u32>,
) {
    newly_copied.clear();
    for (b, (&s, old)) in next.iter().zip(shown.iter_mut()).enumerate() {
        if s == *old {
            continue;
        }
        if s & STATE_MASK == COPIED && *old != UNPAINTED && *old & STATE_MASK != COPIED {
            newly_copied.push(b as u32);
        }
        *old = s;
        if let Some((x, y)) = grid.cell_of(b as u32) {
            px.square(x, y, grid.cell, palette.of(s));
        }
    }
}

/// A row of the destination column: a finished set, or the running set's box.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChainRow {
    /// Index into the chain.
    pub index: usize,
    pub y: u32,
    pub h: u32,
}

/// The rows of the chain that fit, newest at the bottom (the oldest are left out first), and
/// how many were left out.
pub fn chain_rows(chain: &[ChainSet], height: u32) -> (Vec<ChainRow>, usize) {
    let h_of = |s: &ChainSet| {
        if s.status == ChainStatus::Running {
            RUNNING_H
        } else {
            ROW_H
        }
    };
    let room = height.saturating_sub(CHAIN_TOP + ROW_H);
    let mut used = 0;
    let mut first = chain.len();
    while first > 0 {
        let h = chain.get(first - 1).map_or(0, h_of) + 4;
        if used + h > room {
            break;
        }
        used += h;
        first -= 1;
    }
    let mut y = CHAIN_TOP + if first > 0 { ROW_H } else { 0 };
    let rows = chain
        .iter()
        .enumerate()
        .skip(first)
        .map(|(index, s)| {
            let row = ChainRow {
                index,
                y,
                h: h_of(s),
            };
            y += row.h + 4;
            row
        })
        .collect();
    (rows, first)
}

/// A copied block on its way from its cell to the running set's box.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Traveller {
    pub from: (f32, f32),
    pub to: (f32, f32),
    pub start: Micros,
}

impl Traveller {
    /// Where it is at simulated time `t` (eased in and out); None once arrived.
    pub fn at(&self, t: Micros) -> Option<(f32, f32)> {
        if t >= self.start.saturating_add(TRAVEL) {
            return None;
        }
        let p = t.saturating_sub(self.start) as f32 / TRAVEL as f32;
        let e = p * p * (3.0 - 2.0 * p);
        Some((
            self.from.0 + (self.to.0 - self.from.0) * e,
            self.from.1 + (self.to.1 - self.from.1) * e,
        ))
    }
}

/// Launches travellers for blocks copied between simulated times `from_t` and `to_t`: at most
/// `MAX_LAUNCH`, evenly sampled, their starts spread over the interval so they stream; those
/// that would already have arrived by `to_t` are left out. `target` is the set box (x, y, w, h).
pub fn launch(
    grid: &Grid,
    copied: &[u32],
    from_t: Micros,
    to_t: Micros,
    target: (u32, u32, u32, u32),
    out: &mut Vec<Traveller>,
) {
    let n = copied.len();
    if n == 0 {
        return;
    }
    let take = n.min(MAX_LAUNCH);
    let span = to_t.saturating_sub(from_t);
    let (tx, ty, tw, th) = target;
    for k in 0..take {
        let i = k * n / take;
        let Some(&b) = copied.get(i) else { continue };
        let start = from_t + span * (i as u64 + 1) / n as u64;
        if start.saturating_add(TRAVEL) <= to_t {
            continue;
        }
        let Some((x, y)) = grid.cell_of(b) else {
            continue;
        };
        // Spread the arrivals over the box so the stream fills it.
        let jx = b.wrapping_mul(2_654_435_761) % tw.max(1);
        let jy = (b / 7).wrapping_mul(40_503) % th.max(1);
        out.push(Traveller {
            from: (x as f32, y as f32),
            to: ((tx + jx) as f32, (ty + jy) as f32),
            start,
        });
    }
}

/// How a chain row reads: `FULL #1`, `INC #2`, with the outcome when it is not success.
pub fn chain_label(s: &ChainSet) -> String {
    let kind = if s.full { "FULL" } else { "INC" };
    match s.status {
        ChainStatus::Success if s.deleted => format!("{kind} #{} deleted", s.set_id),
        ChainStatus::Success => format!("{kind} #{}", s.set_id),
        ChainStatus::Running => format!("{kind} #{} {}/{}", s.set_id, s.copied, s.planned),
        ChainStatus::Failed => format!("\u{2715} {kind} #{} failed", s.set_id),
        ChainStatus::Canceled => format!("\u{2715} {kind} #{} canceled", s.set_id),
    }
}

/// The same in a sentence (the chain's text list).
pub fn chain_text(s: &ChainSet) -> String {
    let kind = if s.full { "FULL" } else { "INC" };
    let base = if s.full {
        String::new()
    } else {
        format!(" on set {}", s.base)
    };
    let what = match s.status {
        ChainStatus::Running => format!("running, {} of {} blocks copied", s.copied, s.planned),
        ChainStatus::Success if s.full => format!("{} blocks copied", s.copied),
        ChainStatus::Success => format!("{} blocks copied, {} referenced", s.copied, s.referenced),
        ChainStatus::Failed => format!("failed after {} of {} blocks", s.copied, s.planned),
        ChainStatus::Canceled => format!("canceled after {} of {} blocks", s.copied, s.planned),
    };
    format!("set {} {kind}{base}: {what}", s.set_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use obsim::blockmap::{CHANGED, COPYING, LsGroup, REUSED, TabletSpan, UNCHANGED};

    fn layout(tablets: &[(u64, u32)]) -> Layout {
        // (ls, blocks) per tablet, contiguous block ids
        let mut groups: Vec<LsGroup> = Vec::new();
        let mut next = 0;
        for (i, &(ls, n)) in tablets.iter().enumerate() {
            let span = TabletSpan {
                tablet_id: 100 + i as u64,
                first_block: next,
                block_count: n,
                is_sys: ls == 1,
            };
            next += n;
            match groups.iter_mut().find(|g| g.ls_id == ls) {
                Some(g) => g.tablets.push(span),
                None => groups.push(LsGroup {
                    ls_id: ls,
                    tablets: vec![span],
                }),
            }
        }
        groups.sort_by_key(|g| g.ls_id);
        Layout {
            block_count: next,
            groups,
        }
    }

    #[test]
    fn every_block_gets_its_own_cell_and_hit_testing_finds_it_again() {
        let l = layout(&[(1, 10), (1001, 300), (1002, 250), (1001, 40)]);
        let g = Grid::new(&l, 640);
        assert!(g.cell >= 3, "a small tenant gets big cells: {}", g.cell);
        assert_eq!(g.blocks(), 600);
        let mut cells = std::collections::BTreeSet::new();
        for b in 0..600 {
            let (x, y) = g.cell_of(b).unwrap();
            assert!(x + g.cell <= g.dest_x && y + g.cell <= g.height);
            assert!(cells.insert((x, y)), "two blocks share a cell");
            assert_eq!(g.block_at(x, y), Some(b));
            assert_eq!(g.block_at(x + g.cell - 1, y + g.cell - 1), Some(b));
        }
        assert_eq!(g.block_at(g.dest_x + 5, 30), None);
        assert_eq!(g.block_at(0, 0), None, "the label band holds no block");
        // Tablets of LS 1001 are one after the other, with an empty slot between them.
        let s = &g.sections[1];
        assert_eq!(s.ls_id, 1001);
        assert_eq!(s.slots.len(), 341);
        assert_eq!(s.slots[300], GAP_SLOT);
    }

    #[test]
    fn a_hundred_thousand_blocks_fit_in_one_pixel_cells() {
        let l = layout(&[(1, 1562), (1001, 40_000), (1002, 30_000), (1003, 28_438)]);
        let g = Grid::new(&l, 900);
        assert_eq!((g.cell, g.pitch), (1, 1));
        assert!(g.height <= MAX_HEIGHT, "{}", g.height);
        let last = g.cell_of(99_999).unwrap();
        assert_eq!(g.block_at(last.0, last.1), Some(99_999));
    }

    fn palette() -> Palette {
        Palette {
            bg: [1, 1, 1, 255],
            states: [
                [10, 0, 0, 255],
                [20, 0, 0, 255],
                [30, 0, 0, 255],
                [40, 0, 0, 255],
                [50, 0, 0, 255],
                [60, 0, 0, 255],
                [70, 0, 0, 255],
                [80, 0, 0, 255],
            ],
            lit: [99, 0, 0, 255],
        }
    }

    #[test]
    fn painting_touches_only_changed_cells_and_reports_new_copies() {
        let l = layout(&[(1, 4), (1001, 60)]);
        let g = Grid::new(&l, 400);
        let pal = palette();
        let mut px = Pixels::new(g.width, g.height, pal.bg);
        let mut shown = vec![UNPAINTED; 64];
        let mut next = vec![UNCHANGED; 64];
        next[5] = CHANGED | LIT;
        next[6] = COPIED;
        let mut newly = Vec::new();
        paint(&g, &pal, &mut px, &next, &mut shown, &mut newly);
        assert!(newly.is_empty(), "the first paint launches nothing");
        let at = |px: &Pixels, b: u32| {
            let (x, y) = g.cell_of(b).unwrap();
            px.at(x, y).unwrap()
        };
        assert_eq!(at(&px, 5), pal.lit);
        assert_eq!(at(&px, 6), pal.states[3]);
        assert_eq!(at(&px, 0), pal.states[0]);
        next[5] = COPYING;
        next[7] = COPIED;
        next[8] = REUSED;
        paint(&g, &pal, &mut px, &next, &mut shown, &mut newly);
        assert_eq!(newly, [7]);
        assert_eq!(at(&px, 5), pal.states[2]);
        assert_eq!(at(&px, 8), pal.states[4]);
        assert_eq!(shown, next);
        // A gap between cells stays background.
        let (x, y) = g.cell_of(0).unwrap();
        assert_eq!(px.at(x + g.cell, y), Some(pal.bg));
    }

    #[test]
    fn travellers_ease_from_cell_to_box_and_follow_simulated_time() {
        let l = layout(&[(1, 4), (1001, 1000)]);
        let g = Grid::new(&l, 500);
        let copied: Vec<u32> = (10..1010).collect();
        let mut out = Vec::new();
        launch(&g, &copied[..990], 0, SECOND, (400, 50, 60, 30), &mut out);
        assert_eq!(out.len(), MAX_LAUNCH);
        let t = out[0];
        assert_eq!(t.at(t.start), Some(t.from));
        let mid = t.at(t.start + TRAVEL / 2).unwrap();
        assert!(mid.0 > t.from.0 && mid.0 < t.to.0);
        assert_eq!(t.at(t.start + TRAVEL), None, "arrived");
        assert!(t.to.0 >= 400.0 && t.to.0 < 460.0 && t.to.1 >= 50.0 && t.to.1 < 80.0);
        // After a long jump (SLEEP), blocks copied long ago have already arrived.
        out.clear();
        launch(&g, &copied, 0, 100 * SECOND, (400, 50, 60, 30), &mut out);
        assert!(out.iter().all(|t| t.start + TRAVEL > 100 * SECOND));
        assert!(out.len() < 100);
    }

    #[test]
    fn the_chain_keeps_the_newest_sets_that_fit() {
        let set = |id, status| ChainSet {
            set_id: id,
            full: id == 1,
            status,
            base: id.saturating_sub(1),
            copied: 5,
            planned: 9,
            referenced: 0,
            deleted: false,
        };
        let mut chain: Vec<ChainSet> = (1..=30).map(|i| set(i, ChainStatus::Success)).collect();
        chain.push(set(31, ChainStatus::Running));
        let (rows, left_out) = chain_rows(&chain, 200);
        assert!(left_out > 0);
        assert_eq!(rows.last().unwrap().index, 30);
        assert_eq!(rows.last().unwrap().h, RUNNING_H);
        assert!(rows.iter().all(|r| r.y + r.h <= 200));
        assert_eq!(chain_label(&chain[30]), "INC #31 5/9");
        assert_eq!(
            chain_label(&set(2, ChainStatus::Canceled)),
            "\u{2715} INC #2 canceled"
        );
        assert_eq!(
            chain_text(&set(3, ChainStatus::Failed)),
            "set 3 INC on set 2: failed after 5 of 9 blocks"
        );
    }

    #[test]
    fn colours_parse_from_css_hex_only() {
        assert_eq!(parse_hex(" #0b62d6"), Some([0x0b, 0x62, 0xd6, 255]));
        assert_eq!(parse_hex("#fff"), None);
        assert_eq!(parse_hex("rgb(1,2,3)"), None);
        assert_eq!(parse_hex("#ééé"), None);
    }
}
