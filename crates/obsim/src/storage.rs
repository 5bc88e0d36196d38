//! Storage of one user tenant: log streams, tablets and the 2 MiB macroblocks of their SSTables.
//!
//! Macroblocks are kept as a flat array (struct of arrays) so that a tenant can hold a million of
//! them and an incremental backup can plan by one linear scan. A macroblock's index in the array
//! is its logical id; its tablet follows from the tablet's contiguous range.

use crate::sim::{RngStreams, Stream};
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

/// One write that reached the log: it changed `block` at `scn`. Archived log is a prefix of
/// this list; restore replays it.
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
    /// Every block write since the simulation began, in SCN order (the tenant's clog).
    pub write_log: Vec<BlockWrite>,
    /// Background workload: average macroblock writes per second (0 = off).
    pub workload_rate: u32,
    /// Log bytes produced so far (drives the archive's INPUT_BYTES).
    pub log_bytes: u64,
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
            write_log: Vec::new(),
            workload_rate: 20,
            log_bytes: 0,
        }
    }

    pub fn block_count(&self) -> usize {
        self.last_write_scn.len()
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

    /// Records a write of `blocks` at `scn` and returns the blocks it touched (deduplicated, in
    /// ascending order). Out-of-range block numbers are ignored.
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
            self.write_log.push(BlockWrite { scn, block: b });
        }
        self.log_bytes += LOG_BYTES_PER_BLOCK_WRITE * touched.len() as u64;
        touched
    }

    /// Picks the blocks one second of background workload writes: 80 % of writes land on a hot
    /// tenth of the user blocks, as OLTP does, so incrementals stay much smaller than fulls.
    pub fn workload_blocks(&self, rng: &mut RngStreams) -> Vec<u32> {
        let sys_end = self.sys_block_range().end;
        let user = self.block_count() as u64 - u64::from(sys_end);
        if user == 0 || self.workload_rate == 0 {
            return Vec::new();
        }
        let rate = u64::from(self.workload_rate);
        let n = rng.range(Stream::Workload, rate / 2, rate + rate / 2);
        let hot = (user / 10).max(1);
        (0..n)
            .map(|_| {
                let hot_write = rng.unit(Stream::Workload) < 0.8;
                let offset = if hot_write {
                    rng.range(Stream::Workload, 0, hot - 1)
                } else {
                    rng.range(Stream::Workload, 0, user - 1)
                };
                sys_end + offset as u32
            })
            .collect()
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

    /// The last-write SCN of every block as of `scn`, rebuilt from the write log: what a
    /// restore to `scn` must reproduce.
    pub fn blocks_as_of(&self, scn: u64) -> Vec<u64> {
        let mut state = vec![0u64; self.block_count()];
        for w in self.write_log.iter().take_while(|w| w.scn <= scn) {
            if let Some(s) = state.get_mut(w.block as usize) {
                *s = w.scn;
            }
        }
        state
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
        assert_eq!(s.write_log.len(), 2);
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
    fn blocks_as_of_rebuilds_history_from_the_write_log() {
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
        let mut rng = RngStreams::new(11);
        let blocks = s.workload_blocks(&mut rng);
        assert!(!blocks.is_empty());
        let sys_end = s.sys_block_range().end;
        assert!(
            blocks
                .iter()
                .all(|&b| b >= sys_end && (b as usize) < s.block_count())
        );
        s.workload_rate = 0;
        assert!(s.workload_blocks(&mut rng).is_empty());
    }

    #[test]
    fn scales_to_a_million_blocks() {
        let s = storage(1_000_000);
        assert_eq!(s.block_count(), 1_000_000);
        assert!(s.tablet_of(999_999).is_some());
    }
}
