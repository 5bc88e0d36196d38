//! The background workload: what a busy application writes to a tenant's macroblocks, second by
//! second, without one write being stored.
//!
//! The workload ticks once a simulated second, at `EPOCH + k s` (tick `k`, k ≥ 1). A tick of a
//! run at `rate` writes
//! - `rate − rate/5` **hot** blocks, drawn at random from the first tenth of the user blocks with
//!   `CounterRng::new(key, k)` (OLTP's hot rows: most writes land on few blocks, so incrementals
//!   stay small), and
//! - `rate/5` **cold** blocks in a sweep: the next `rate/5` user blocks after the previous tick's,
//!   round and round (rows appended at a table's end, a batch job walking a table).
//!
//! Both are pure functions of the run and `k`, so any stretch of ticks can be made again on
//! demand: memory does not grow with simulated time. A long stretch costs little too: the sweep's
//! last pass over each block is arithmetic, and the hot draws are walked newest first only until
//! every hot block has been seen, so applying a day or a month costs about the same.
//!
//! Tick `k`'s writes get the SCN just below its time's, so they come before anything the clock
//! hands out at that microsecond (a statement at the same time sees them).

use crate::sim::{CounterRng, EPOCH_MICROS, Micros, SECOND, scn_of};

/// The workload levels the page offers (writes per second per tenant). Light is the default: an
/// incremental a few minutes after a full set copies few user blocks (the hot tenth is written
/// one block a second), so the lesson stays visible; busy is a loaded OLTP tenant (hot writes
/// and a sweep round every block).
pub const OFF: u32 = 0;
pub const LIGHT: u32 = 1;
pub const BUSY: u32 = 20;

/// A level of the page's workload control.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Off,
    Light,
    Busy,
    /// Any other rate (a script's or an embed's `workload=N`).
    Custom(u32),
}

impl Level {
    pub const CHOICES: [Level; 3] = [Level::Off, Level::Light, Level::Busy];

    pub fn of_rate(rate: u32) -> Level {
        match rate {
            OFF => Level::Off,
            LIGHT => Level::Light,
            BUSY => Level::Busy,
            r => Level::Custom(r),
        }
    }

    pub fn rate(self) -> u32 {
        match self {
            Level::Off => OFF,
            Level::Light => LIGHT,
            Level::Busy => BUSY,
            Level::Custom(r) => r,
        }
    }

    /// `off`, `light`, `busy` (as the embed parameter spells them), or the number.
    pub fn name(self) -> String {
        match self {
            Level::Off => "off".into(),
            Level::Light => "light".into(),
            Level::Busy => "busy".into(),
            Level::Custom(r) => r.to_string(),
        }
    }

    /// Reads `off` / `light` / `busy` or a number of writes a second.
    pub fn parse(text: &str) -> Option<Level> {
        match text.trim().to_ascii_lowercase().as_str() {
            "off" => Some(Level::Off),
            "light" => Some(Level::Light),
            "busy" => Some(Level::Busy),
            n => n.parse::<u32>().ok().map(Level::of_rate),
        }
    }
}
use serde::{Deserialize, Serialize};
use std::ops::RangeInclusive;

pub fn tick_at(k: u64) -> Micros {
    EPOCH_MICROS + k * SECOND
}

pub fn tick_scn(k: u64) -> u64 {
    scn_of(tick_at(k)) - 1
}

/// The number of the last tick at or before `t` (0: none yet).
pub fn last_tick_at(t: Micros) -> u64 {
    t.saturating_sub(EPOCH_MICROS) / SECOND
}

/// The number of the last tick whose SCN is at or before `scn`.
pub fn last_tick_by_scn(scn: u64) -> u64 {
    last_tick_at(scn.saturating_add(1) / scn_of(1))
}

/// Where the workload writes: user blocks are `first .. first + count` (the system tablets'
/// blocks before them are never written by it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Area {
    pub first: u32,
    pub count: u32,
}

impl Area {
    fn hot(self) -> u64 {
        (u64::from(self.count) / 10).max(1)
    }
}

/// A stretch of workload: ticks `from ..= until` (`until` None: still running) at `rate` writes
/// a second, hot blocks drawn from `key`, the sweep at position `sweep_from` (counted without
/// wrapping) when the run began. A run ends when the rate or the tenant's role changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkloadRun {
    pub key: u64,
    pub rate: u32,
    pub from: u64,
    pub until: Option<u64>,
    pub sweep_from: u64,
}

impl WorkloadRun {
    fn cold(&self) -> u64 {
        u64::from(self.rate / 5)
    }

    fn hot(&self) -> u64 {
        u64::from(self.rate) - self.cold()
    }

    /// The run's ticks within `lo ..= hi` (empty when none).
    pub fn ticks(&self, lo: u64, hi: u64) -> RangeInclusive<u64> {
        self.from.max(lo)..=self.until.map_or(hi, |u| u.min(hi))
    }

    /// The sweep's position when tick `k` begins.
    fn sweep_at(&self, k: u64) -> u64 {
        self.sweep_from + (k - self.from) * self.cold()
    }

    /// The tick of this run that wrote sweep position `x`.
    fn tick_of_sweep(&self, x: u64) -> u64 {
        self.from + (x - self.sweep_from) / self.cold()
    }

    /// Where the sweep stands after this run's last tick (`last` if it is still running).
    pub fn sweep_end(&self, last: u64) -> u64 {
        let t = self.ticks(0, last);
        if t.is_empty() {
            self.sweep_from
        } else {
            self.sweep_at(*t.end()) + self.cold()
        }
    }

    /// Writes (hot and cold) of this run up to tick `last`.
    pub fn writes_through(&self, last: u64) -> u64 {
        let t = self.ticks(0, last);
        (t.end() + 1).saturating_sub(*t.start()) * u64::from(self.rate)
    }

    /// The hot blocks tick `k` writes (possibly repeated).
    pub fn hot_blocks(&self, area: Area, k: u64) -> impl Iterator<Item = u32> + use<> {
        let (first, hot) = (area.first, area.hot());
        let mut rng = CounterRng::new(self.key, k);
        let n = if area.count == 0 { 0 } else { self.hot() };
        // The high half of a draw scaled by a multiply, not a division: the inner loop.
        (0..n).map(move |_| first + (((rng.next_u64() >> 32) * hot) >> 32) as u32)
    }

    /// The cold blocks tick `k` writes.
    pub fn cold_blocks(&self, area: Area, k: u64) -> impl Iterator<Item = u32> + use<> {
        let (first, count) = (area.first, u64::from(area.count.max(1)));
        let start = self.sweep_at(k);
        let n = if area.count == 0 { 0 } else { self.cold() };
        (start..start + n).map(move |x| first + (x % count) as u32)
    }
}

/// Applies ticks `lo ..= hi` of `runs` to `state` (each block's last-write SCN, kept where it
/// is newer). The cost is bounded by the area's size, not by the number of ticks.
pub fn apply(runs: &[WorkloadRun], area: Area, lo: u64, hi: u64, state: &mut [u64]) {
    if area.count == 0 || lo > hi {
        return;
    }
    let keep = |state: &mut [u64], b: u32, scn: u64| {
        if let Some(slot) = state.get_mut(b as usize) {
            *slot = (*slot).max(scn);
        }
    };
    // The sweep: each block's last pass within the stretch, by arithmetic when the stretch
    // went all the way round.
    let count = u64::from(area.count);
    for r in runs.iter().filter(|r| r.cold() > 0) {
        let t = r.ticks(lo, hi);
        if t.is_empty() {
            continue;
        }
        let (start, end) = (r.sweep_at(*t.start()), r.sweep_at(*t.end()) + r.cold());
        if end - start >= count {
            let last = end - 1;
            for off in 0..count {
                let x = last - (last % count + count - off) % count;
                keep(state, area.first + off as u32, tick_scn(r.tick_of_sweep(x)));
            }
        } else {
            for x in start..end {
                let b = area.first + (x % count) as u32;
                keep(state, b, tick_scn(r.tick_of_sweep(x)));
            }
        }
    }
    // The hot draws: forward when few, else newest first until every hot block is seen.
    let hot = area.hot();
    let draws: u64 = runs
        .iter()
        .map(|r| {
            let t = r.ticks(lo, hi);
            (t.end() + 1).saturating_sub(*t.start()) * r.hot()
        })
        .sum();
    if draws <= 4 * hot {
        for r in runs {
            for k in r.ticks(lo, hi) {
                for b in r.hot_blocks(area, k) {
                    keep(state, b, tick_scn(k));
                }
            }
        }
        return;
    }
    let mut seen = vec![0u64; hot.div_ceil(64) as usize];
    let mut unseen = hot;
    for r in runs.iter().rev() {
        for k in r.ticks(lo, hi).rev() {
            for b in r.hot_blocks(area, k) {
                let i = (b - area.first) as usize;
                let (word, bit) = (i / 64, 1u64 << (i % 64));
                if seen[word] & bit == 0 {
                    seen[word] |= bit;
                    unseen -= 1;
                    keep(state, b, tick_scn(k));
                }
            }
            if unseen == 0 {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AREA: Area = Area {
        first: 7,
        count: 493,
    };

    fn run(rate: u32, from: u64, until: Option<u64>, sweep_from: u64) -> WorkloadRun {
        WorkloadRun {
            key: 9,
            rate,
            from,
            until,
            sweep_from,
        }
    }

    /// Every write of ticks `lo..=hi`, tick by tick, the obvious way.
    fn one_by_one(runs: &[WorkloadRun], lo: u64, hi: u64, state: &mut [u64]) {
        for r in runs {
            for k in r.ticks(lo, hi) {
                for b in r.hot_blocks(AREA, k).chain(r.cold_blocks(AREA, k)) {
                    state[b as usize] = tick_scn(k);
                }
            }
        }
    }

    #[test]
    fn a_stretch_applied_at_once_equals_its_ticks_one_by_one() {
        let runs = [
            run(20, 1, Some(1000), 0),
            run(
                7,
                1001,
                Some(1500),
                run(20, 1, Some(1000), 0).sweep_end(1000),
            ),
            run(33, 1501, None, 0),
        ];
        for (lo, hi) in [
            (1, 1),
            (1, 5),
            (3, 400),
            (990, 1200),
            (1, 20_000),
            (1400, 9000),
        ] {
            let mut expected = vec![5u64; 500];
            one_by_one(&runs, lo, hi, &mut expected);
            let mut got = vec![5u64; 500];
            apply(&runs, AREA, lo, hi, &mut got);
            assert_eq!(got, expected, "ticks {lo}..={hi}");
        }
    }

    #[test]
    fn hot_writes_stay_in_the_first_tenth_and_the_sweep_goes_round() {
        let r = run(20, 1, None, 0);
        assert!(r.hot_blocks(AREA, 3).all(|b| (7..7 + 49).contains(&b)));
        assert_eq!(r.hot_blocks(AREA, 3).count(), 16);
        let cold: Vec<u32> = r.cold_blocks(AREA, 124).collect();
        assert_eq!(
            cold,
            [499, 7, 8, 9],
            "position 492 is the area's last block"
        );
        assert_eq!(r.writes_through(10), 200);
        assert_eq!(run(20, 5, Some(9), 0).writes_through(100), 100);
    }

    #[test]
    fn ticks_and_scns_line_up_with_the_clock() {
        assert_eq!(last_tick_at(tick_at(7)), 7);
        assert_eq!(last_tick_at(tick_at(7) - 1), 6);
        assert_eq!(last_tick_by_scn(tick_scn(7)), 7);
        assert_eq!(last_tick_by_scn(tick_scn(7) - 1), 6);
        assert!(tick_scn(7) < scn_of(tick_at(7)));
    }
}
