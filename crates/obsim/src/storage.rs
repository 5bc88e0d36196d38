//! Storage of one user tenant: log streams, tablets and the 2 MiB macroblocks of their SSTables.
//!
//! Macroblocks are kept as a flat array (struct of arrays) so that a tenant can hold a million of
//! them and an incremental backup can plan by one linear scan. A macroblock's index in the array
//! is its logical id; its tablet follows from the tablet's contiguous range.

use crate::sim::{Micros, RngStreams, Stream};
use crate::workload::{self, Area, WorkloadRun, last_tick_at, last_tick_by_scn, tick_scn};
use serde::{Deserialize, Serialize};

/// `OB_DEFAULT_MACRO_BLOCK_SIZE = 2 << 20` (reference §6.1).
pub const MACRO_BLOCK_SIZE: u64 = 2 << 20;

/// The tenant's system log stream.
pub const SYS_LS_ID: u64 = 1;

/// First tablet id of user tables in OceanBase 4.x.
pub const FIRST_USER_TABLET_ID: u64 = 200_001;

/// Default number of macroblocks of a user tenant: lively, yet a full backup takes about a
/// minute of simulated time at the default thread score.
pub const DEFAULT_MACRO_BLOCKS: u32 = 4096;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogStream {
    pub ls_id: u64,
    /// Index into the cluster's servers of the replica that leads this log stream.
    pub leader_server: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tablet {
    pub tablet_id: u64,
    pub ls_id: u64,
    /// Macroblocks `first_block .. first_block + block_count` belong to this tablet.
    pub first_block: u32,
    pub block_count: u32,
    /// System tablets (of LS 1) are always copied by a backup, even an incremental one (§6.3).
    pub is_sys: bool,
}

/// One write the SQL layer made (INSERT/UPDATE/DELETE): it changed `block` at `scn`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockWrite {
    pub scn: u64,
    pub block: u32,
}

/// Storage of one user tenant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantStorage {
    pub log_streams: Vec<LogStream>,
    pub tablets: Vec<Tablet>,
    /// SCN of the last write of each macroblock (0 = written before the simulation began).
    pub last_write_scn: Vec<u64>,
    /// The SQL layer's writes since the simulation began, in SCN order (with the workload's
    /// runs, the tenant's clog: archived log is a prefix of it; restore replays it).
    pub sql_writes: Vec<BlockWrite>,
    /// The background workload, in time order.
    pub workload_runs: Vec<WorkloadRun>,
    /// `last_write_scn` holds every workload tick up to this one (`Cluster::run_until` syncs it
    /// to the clock; a replay only when something reads the blocks: see `workload`).
    pub synced_tick: u64,
    /// Background workload: macroblock writes per second (0 = off).
    pub workload_rate: u32,
    /// Log bytes of the SQL layer's writes (the workload's follow from its runs).
    pub sql_log_bytes: u64,
    /// Log bytes of history this tenant inherited (a restored tenant's log starts at 0).
    pub inherited_log_bytes: u64,
}

/// Each macroblock write is about this much redo (a few hundred rows of changes).
pub const LOG_BYTES_PER_BLOCK_WRITE: u64 = 96 * 1024;

impl TenantStorage {
    /// Lays out a tenant: LS 1 with a few small system tablets, one user LS per server (LS 1001,
    /// 1002, ...), and user tablets of varied sizes that add up to `total_blocks` macroblocks.
    pub fn generate(rng: &mut RngStreams, servers: usize, total_blocks: u32) -> TenantStorage {
        let servers = servers.max(1);
        let mut log_streams = vec![LogStream {
            ls_id: SYS_LS_ID,
            leader_server: 0,
        }];
        for i in 0..servers {
            log_streams.push(LogStream {
                ls_id: 1001 + i as u64,
                leader_server: i,
            });
        }

        let mut tablets = Vec::new();
        let mut next_block: u32 = 0;
        // System tablets: a small, fixed share of the blocks.
        let sys_blocks = (total_blocks / 64).clamp(1, 4096);
        let sys_tablets = 8u32.min(sys_blocks);
        for i in 0..sys_tablets {
            let count = sys_blocks / sys_tablets + u32::from(i < sys_blocks % sys_tablets);
            tablets.push(Tablet {
                tablet_id: 1 + u64::from(i),
                ls_id: SYS_LS_ID,
                first_block: next_block,
                block_count: count,
                is_sys: true,
            });
            next_block += count;
        }
        // User tablets: sizes vary (a few big tables, many small ones), spread over user LSs.
        let user_blocks = total_blocks.saturating_sub(next_block);
        let mut tablet_id = FIRST_USER_TABLET_ID;
        let mut remaining = user_blocks;
        let typical = (user_blocks / 48).max(1);
        while remaining > 0 {
            let size = rng
                .range(
                    Stream::Layout,
                    u64::from(typical / 4).max(1),
                    u64::from(typical) * 2,
                )
                .min(u64::from(remaining)) as u32;
            let ls_index = 1 + (tablet_id - FIRST_USER_TABLET_ID) as usize % servers;
            tablets.push(Tablet {
                tablet_id,
                ls_id: log_streams[ls_index].ls_id,
                first_block: next_block,
                block_count: size,
                is_sys: false,
            });
            next_block += size;
            remaining -= size;
            tablet_id += 1;
        }

        TenantStorage {
            log_streams,
            tablets,
            last_write_scn: vec![0; next_block as usize],
            sql_writes: Vec::new(),
            workload_runs: Vec::new(),
            synced_tick: 0,
            workload_rate: 0,
            sql_log_bytes: 0,
            inherited_log_bytes: 0,
        }
    }

    /// Macroblocks in the layout (the tablets' ranges are contiguous from block 0).
    pub fn block_count(&self) -> usize {
        self.tablets
            .last()
            .map_or(0, |t| (t.first_block + t.block_count) as usize)
    }

    /// The tablet holding a block (binary search over the contiguous ranges).
    pub fn tablet_of(&self, block: u32) -> Option<&Tablet> {
        let i = self
            .tablets
            .partition_point(|t| t.first_block + t.block_count <= block);
        self.tablets.get(i).filter(|t| t.first_block <= block)
    }

    /// Blocks of system tablets: always copied.
    pub fn sys_block_range(&self) -> std::ops::Range<u32> {
        let end = self
            .tablets
            .iter()
            .take_while(|t| t.is_sys)
            .map(|t| t.first_block + t.block_count)
            .last()
            .unwrap_or(0);
        0..end
    }

    /// Records a write of the SQL layer of `blocks` at `scn` and returns the blocks it touched
    /// (deduplicated, in ascending order). Out-of-range block numbers are ignored. Workload
    /// ticks not applied yet are older, so applying them later keeps this write.
    pub fn write(&mut self, blocks: &[u32], scn: u64) -> Vec<u32> {
        let mut touched: Vec<u32> = blocks
            .iter()
            .copied()
            .filter(|&b| (b as usize) < self.last_write_scn.len())
            .collect();
        touched.sort_unstable();
        touched.dedup();
        for &b in &touched {
            self.last_write_scn[b as usize] = scn;
            self.sql_writes.push(BlockWrite { scn, block: b });
        }
        self.sql_log_bytes += LOG_BYTES_PER_BLOCK_WRITE * touched.len() as u64;
        touched
    }

    /// Where the background workload writes: every user block.
    pub fn workload_area(&self) -> Area {
        let first = self.sys_block_range().end;
        Area {
            first,
            count: (self.block_count() as u32).saturating_sub(first),
        }
    }

    /// Log bytes produced up to time `now` (drives the archive's INPUT_BYTES).
    pub fn log_bytes(&self, now: Micros) -> u64 {
        let last = last_tick_at(now);
        let workload: u64 = self
            .workload_runs
            .iter()
            .map(|r| r.writes_through(last) * LOG_BYTES_PER_BLOCK_WRITE)
            .sum();
        (self.sql_log_bytes + workload).saturating_sub(self.inherited_log_bytes)
    }

    /// Sets the background workload to `rate` writes a second after time `now` (ending the
    /// current run at `now`); hot writes are drawn from `key`.
    pub fn set_workload(&mut self, key: u64, rate: u32, now: Micros) {
        let last = last_tick_at(now);
        let mut sweep = 0;
        if let Some(run) = self.workload_runs.last_mut() {
            if run.until.is_none() {
                run.until = Some(last);
            }
            sweep = run.sweep_end(last);
        }
        self.workload_runs
            .retain(|r| r.until.is_none_or(|u| u >= r.from));
        self.workload_rate = rate;
        if rate > 0 {
            self.workload_runs.push(WorkloadRun {
                key,
                rate,
                from: last + 1,
                until: None,
                sweep_from: sweep,
            });
        }
    }

    /// Applies the workload's ticks up to time `now` to `last_write_scn` (cheap even after a
    /// long stretch: see `workload::apply`).
    pub fn sync(&mut self, now: Micros) {
        let target = last_tick_at(now);
        if target <= self.synced_tick {
            return;
        }
        let from = self.synced_tick + 1;
        self.synced_tick = target;
        let area = self.workload_area();
        workload::apply(
            &self.workload_runs,
            area,
            from,
            target,
            &mut self.last_write_scn,
        );
    }

    /// Every write with an SCN in `(after, until]` up to the synced tick, in SCN order (the SQL
    /// layer's, and the workload's made again; a tick's repeated blocks once).
    pub fn writes_between(&self, after: u64, until: u64) -> Vec<BlockWrite> {
        let mut out: Vec<BlockWrite> = self
            .sql_writes
            .iter()
            .filter(|w| w.scn > after && w.scn <= until)
            .copied()
            .collect();
        let area = self.workload_area();
        let first = last_tick_by_scn(after) + 1;
        let last = last_tick_by_scn(until).min(self.synced_tick);
        for r in &self.workload_runs {
            for k in r.ticks(first, last) {
                let mut blocks: Vec<u32> = r
                    .hot_blocks(area, k)
                    .chain(r.cold_blocks(area, k))
                    .collect();
                blocks.sort_unstable();
                blocks.dedup();
                let scn = tick_scn(k);
                out.extend(blocks.into_iter().map(|block| BlockWrite { scn, block }));
            }
        }
        crate::order::sort_by_key(&mut out, |w| w.scn);
        out
    }

    /// Forgets every write after `scn` (a restored tenant's history ends at its restore SCN);
    /// the workload stops.
    pub fn truncate_history(&mut self, scn: u64) {
        self.sql_writes.retain(|w| w.scn <= scn);
        let last = last_tick_by_scn(scn);
        for r in &mut self.workload_runs {
            r.until = Some(r.until.map_or(last, |u| u.min(last)));
        }
        self.workload_runs
            .retain(|r| r.until.is_none_or(|u| u >= r.from));
        self.workload_rate = 0;
    }

    /// Blocks whose last write is after `base_scn` and at or before `snapshot_scn`, among user
    /// blocks: what an incremental backup over a base taken at `base_scn` must copy.
    pub fn user_blocks_changed_between(&self, base_scn: u64, snapshot_scn: u64) -> Vec<u32> {
        let start = self.sys_block_range().end as usize;
        self.last_write_scn
            .iter()
            .enumerate()
            .skip(start)
            .filter(|&(_, &scn)| scn > base_scn && scn <= snapshot_scn)
            .map(|(i, _)| i as u32)
            .collect()
    }

    /// The last-write SCN of every block as of `scn` (at most the synced tick), rebuilt from
    /// the history: what a restore to `scn` must reproduce.
    pub fn blocks_as_of(&self, scn: u64) -> Vec<u64> {
        let mut state = vec![0u64; self.block_count()];
        for w in self.sql_writes.iter().take_while(|w| w.scn <= scn) {
            if let Some(s) = state.get_mut(w.block as usize) {
                *s = w.scn;
            }
        }
        let last = last_tick_by_scn(scn).min(self.synced_tick);
        workload::apply(
            &self.workload_runs,
            self.workload_area(),
            1,
            last,
            &mut state,
        );
        state
    }

    /// What a restore rebuilds from a set chain and the log: each set's own blocks as they
    /// were at its snapshot (`(snapshot_scn, copied_blocks)`, FULL first), then every logged
    /// write after the last snapshot up to `until`. Equals `blocks_as_of(until)` when the sets
    /// hold what they should (property-tested), without reading the live blocks.
    pub fn rebuild(&self, sets: &[(u64, &[u32])], until: u64) -> Vec<u64> {
        let mut state = vec![0u64; self.block_count()];
        for (snapshot, copied) in sets {
            let at = self.blocks_as_of(*snapshot);
            for &b in copied.iter() {
                if let (Some(s), Some(&v)) = (state.get_mut(b as usize), at.get(b as usize)) {
                    *s = v;
                }
            }
        }
        let last = sets.last().map_or(0, |(snapshot, _)| *snapshot);
        for w in self.writes_between(last, until) {
            if let Some(s) = state.get_mut(w.block as usize) {
                *s = w.scn;
            }
        }
        state
    }

    /// A restored tenant's storage: this tenant's layout with `blocks` as its state at `scn`,
    /// and this tenant's history up to `scn` (so its own later backups and restores can rebuild
    /// it); no workload of its own, and its log counted from `now`.
    pub fn restored_copy(&self, blocks: Vec<u64>, scn: u64, now: Micros) -> TenantStorage {
        let mut restored = TenantStorage {
            log_streams: self.log_streams.clone(),
            tablets: self.tablets.clone(),
            last_write_scn: blocks,
            sql_writes: self
                .sql_writes
                .iter()
                .take_while(|w| w.scn <= scn)
                .copied()
                .collect(),
            workload_runs: self.workload_runs.clone(),
            synced_tick: self.synced_tick,
            workload_rate: 0,
            sql_log_bytes: 0,
            inherited_log_bytes: 0,
        };
        restored.truncate_history(scn);
        restored.inherited_log_bytes = restored.log_bytes(now);
        restored
    }

    /// Number of user macroblocks changed after `scn`.
    pub fn changed_since(&self, scn: u64) -> usize {
        let start = self.sys_block_range().end as usize;
        self.last_write_scn[start..]
            .iter()
            .filter(|&&s| s > scn)
            .count()
    }

    /// Total data size in bytes.
    pub fn data_bytes(&self) -> u64 {
        self.block_count() as u64 * MACRO_BLOCK_SIZE
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::EPOCH_MICROS;
    use crate::workload::tick_at;

    fn storage(blocks: u32) -> TenantStorage {
        TenantStorage::generate(&mut RngStreams::new(3), 3, blocks)
    }

    #[test]
    fn layout_covers_every_block_exactly_once_with_sys_tablets_first() {
        let s = storage(DEFAULT_MACRO_BLOCKS);
        assert_eq!(s.block_count(), DEFAULT_MACRO_BLOCKS as usize);
        let mut next = 0;
        for t in &s.tablets {
            assert_eq!(t.first_block, next);
            assert!(t.block_count > 0);
            next += t.block_count;
        }
        assert_eq!(next, DEFAULT_MACRO_BLOCKS);
        assert!(s.tablets[0].is_sys && s.tablets[0].ls_id == SYS_LS_ID);
        let ls: Vec<u64> = s.log_streams.iter().map(|l| l.ls_id).collect();
        assert_eq!(ls, [1, 1001, 1002, 1003]);
        assert!(
            s.tablets
                .iter()
                .filter(|t| !t.is_sys)
                .all(|t| t.ls_id >= 1001)
        );
    }

    #[test]
    fn tablet_of_finds_the_owner_of_every_block() {
        let s = storage(500);
        for t in &s.tablets {
            for b in t.first_block..t.first_block + t.block_count {
                assert_eq!(s.tablet_of(b).map(|x| x.tablet_id), Some(t.tablet_id));
            }
        }
        assert!(s.tablet_of(500).is_none());
    }

    #[test]
    fn write_reports_touched_blocks_and_ignores_out_of_range() {
        let mut s = storage(100);
        let touched = s.write(&[7, 3, 7, 1000], 55);
        assert_eq!(touched, [3, 7]);
        assert_eq!(s.last_write_scn[3], 55);
        assert_eq!(s.sql_writes.len(), 2);
    }

    #[test]
    fn incremental_planning_sees_exactly_the_blocks_written_in_the_window() {
        let mut s = storage(1000);
        let sys_end = s.sys_block_range().end;
        s.write(&[sys_end + 1, sys_end + 2], 10);
        s.write(&[sys_end + 2, sys_end + 5], 20);
        s.write(&[sys_end + 9], 30);
        assert_eq!(
            s.user_blocks_changed_between(10, 25),
            [sys_end + 2, sys_end + 5]
        );
        assert_eq!(s.changed_since(10), 3);
    }

    #[test]
    fn blocks_as_of_rebuilds_history_from_the_sql_writes() {
        let mut s = storage(100);
        s.write(&[20], 10);
        s.write(&[20, 21], 20);
        let at15 = s.blocks_as_of(15);
        assert_eq!((at15[20], at15[21]), (10, 0));
        assert_eq!(s.blocks_as_of(u64::MAX), s.last_write_scn);
    }

    #[test]
    fn workload_writes_only_user_blocks_and_can_be_off() {
        let mut s = storage(DEFAULT_MACRO_BLOCKS);
        s.set_workload(11, 20, EPOCH_MICROS);
        s.sync(tick_at(50));
        let sys_end = s.sys_block_range().end as usize;
        assert!(s.last_write_scn[..sys_end].iter().all(|&w| w == 0));
        assert!(s.changed_since(0) > 0);
        let mut off = storage(DEFAULT_MACRO_BLOCKS);
        off.set_workload(11, 0, EPOCH_MICROS);
        off.sync(tick_at(100));
        assert!(off.workload_runs.is_empty());
        assert_eq!(off.changed_since(0), 0);
    }

    #[test]
    fn workload_history_is_runs_not_writes() {
        let mut s = storage(DEFAULT_MACRO_BLOCKS);
        s.set_workload(5, 20, EPOCH_MICROS);
        s.sync(tick_at(90 * 86_400));
        assert_eq!(s.workload_runs.len(), 1, "one run however long");
        assert_eq!(
            s.changed_since(0),
            s.block_count() - s.sys_block_range().end as usize
        );
        // A new rate starts a new run; the ticks before it keep the old one.
        s.set_workload(5, 40, tick_at(100) + 5);
        assert_eq!(s.workload_runs[0].until, Some(100));
        assert_eq!(s.workload_runs[1].from, 101);
        assert_eq!(
            s.log_bytes(tick_at(102)),
            (100 * 20 + 2 * 40) * LOG_BYTES_PER_BLOCK_WRITE
        );
    }

    #[test]
    fn syncing_in_any_steps_gives_the_writes_as_they_happened() {
        let make = || {
            let mut s = storage(500);
            s.set_workload(9, 7, EPOCH_MICROS);
            s
        };
        // Tick by tick, with SQL writes and rate changes on the way.
        let mut stepwise = make();
        let mut live = Vec::new();
        let mut changes = |before: &[u64], after: &[u64]| {
            for (b, (&old, &new)) in before.iter().zip(after).enumerate() {
                if old != new {
                    live.push((new, b as u32));
                }
            }
        };
        for k in 1..=4000u64 {
            let before = stepwise.last_write_scn.clone();
            stepwise.sync(tick_at(k));
            changes(&before, &stepwise.last_write_scn);
            if k % 500 == 0 {
                let before = stepwise.last_write_scn.clone();
                stepwise.write(&[3, 40], tick_scn(k) + 5);
                changes(&before, &stepwise.last_write_scn);
                stepwise.set_workload(9, 7 + (k / 500) as u32, tick_at(k) + 10);
            }
            if k % 997 == 0 {
                assert_eq!(
                    stepwise.blocks_as_of(tick_scn(k) + 5),
                    stepwise.last_write_scn,
                    "at tick {k}"
                );
            }
        }
        // The same history made again, and the same state reached in a few long jumps (SQL
        // writes land before the ticks they follow are applied).
        let mut rebuilt: Vec<(u64, u32)> = stepwise
            .writes_between(0, u64::MAX)
            .iter()
            .map(|w| (w.scn, w.block))
            .collect();
        live.sort_unstable();
        rebuilt.sort_unstable();
        assert_eq!(rebuilt, live);
        let mut jumps = make();
        for k in (500..=4000u64).step_by(500) {
            jumps.write(&[3, 40], tick_scn(k) + 5);
            jumps.set_workload(9, 7 + (k / 500) as u32, tick_at(k) + 10);
        }
        jumps.sync(tick_at(4000));
        assert_eq!(jumps.last_write_scn, stepwise.last_write_scn);
        assert_eq!(jumps.blocks_as_of(u64::MAX), stepwise.last_write_scn);
    }

    #[test]
    fn truncating_the_history_is_a_restore_to_that_scn() {
        let mut s = storage(500);
        s.set_workload(2, 20, EPOCH_MICROS);
        s.sync(tick_at(300));
        let at_150 = s.blocks_as_of(tick_scn(150));
        let mut r = s.clone();
        r.truncate_history(tick_scn(150));
        r.last_write_scn = at_150.clone();
        assert_eq!(r.workload_runs[0].until, Some(150));
        assert_eq!(r.blocks_as_of(u64::MAX), at_150);
        r.sync(tick_at(1000));
        assert_eq!(
            r.last_write_scn, at_150,
            "no workload after the restore point"
        );
    }

    #[test]
    fn scales_to_a_million_blocks() {
        let s = storage(1_000_000);
        assert_eq!(s.block_count(), 1_000_000);
        assert!(s.tablet_of(999_999).is_some());
    }
}
