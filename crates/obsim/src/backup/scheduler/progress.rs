//! Copy progress: how fast a backup copies (threads, servers up, the destination's bandwidth),
//! how many macroblocks one step copies, and the blocks copied so far (`copied_so_far`).
//!
//! Invariant: blocks are copied in plan order, so the first `finish_macro_block_count` entries of
//! a task's plan are exactly the blocks copied so far.

use crate::backup::BackupTask;
use crate::cluster::Cluster;
use crate::sim::{Micros, SECOND};
use crate::storage::MACRO_BLOCK_SIZE;

/// Copy speed of one HA low thread, in bytes of macroblock input per second.
const BYTES_PER_THREAD_PER_SEC: u64 = 48 << 20;
/// Threads when `ha_low_thread_score` is 0 ("default value").
const DEFAULT_LOW_THREADS: u64 = 2;
/// The destination cannot take more than this.
const DEST_BANDWIDTH: u64 = 2 << 30;

/// Copy speed and progress: `backup_throughput`, the copy of one step, and the views of what a
/// running set task has copied.
impl Cluster {
    /// Input bytes per second a tenant's backup copies now: threads from `ha_low_thread_score`
    /// (0 = default), scaled by the share of OBServers that are up, capped by the destination.
    pub fn backup_throughput(&self, tenant_id: u64) -> u64 {
        let score = self.params.get_int(tenant_id, "ha_low_thread_score").max(0) as u64;
        let threads = if score == 0 {
            DEFAULT_LOW_THREADS
        } else {
            score
        };
        let total = self.servers.len().max(1) as u64;
        let active = self.active_servers() as u64;
        (threads * BYTES_PER_THREAD_PER_SEC * active / total).min(DEST_BANDWIDTH)
    }

    /// Copies what `elapsed` µs of throughput allow. Returns true when the plan is done.
    pub(super) fn copy_blocks(
        &mut self,
        task: &BackupTask,
        plan_len: u64,
        elapsed: Micros,
    ) -> bool {
        let rate = self.backup_throughput(task.tenant_id);
        let budget = task.carry_bytes + rate.saturating_mul(elapsed) / SECOND;
        let remaining = plan_len - task.copy.finish_macro_block_count.min(plan_len);
        let n = (budget / MACRO_BLOCK_SIZE).min(remaining);
        let carry = if n == remaining {
            0
        } else {
            budget - n * MACRO_BLOCK_SIZE
        };
        let ratio = self.output_ratio(task.tenant_id);
        let file_size = self
            .params
            .get_capacity(task.tenant_id, "backup_data_file_size")
            .max(1);
        self.update_task(task.tenant_id, task.task_id, |t| {
            t.copy.finish_macro_block_count += n;
            t.copy.input_bytes += n * MACRO_BLOCK_SIZE;
            t.copy.output_bytes = (t.copy.input_bytes as f64 * ratio) as u64;
            t.copy.finish_tablet_count = t.copy.finish_macro_block_count * t.copy.tablet_count
                / t.copy.macro_block_count.max(1);
            t.copy.file_count = t
                .copy
                .output_bytes
                .div_ceil(file_size)
                .max(u64::from(t.copy.finish_macro_block_count > 0));
            t.carry_bytes = carry;
        });
        n == remaining
    }

    /// Output/input ratio of a tenant's backups: blocks are compressed and sparsely filled.
    fn output_ratio(&self, tenant_id: u64) -> f64 {
        0.10 + (tenant_id % 7) as f64 * 0.02
    }

    /// Blocks a running task has copied so far (for the dashboards and the animation).
    pub fn copied_so_far(task: &BackupTask) -> &[u32] {
        let n = (task.copy.finish_macro_block_count as usize).min(task.plan.len());
        &task.plan[..n]
    }
}
