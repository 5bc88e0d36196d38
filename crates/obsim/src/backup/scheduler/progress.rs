//! Copy progress: how fast a backup copies (threads, servers up, the destination's bandwidth),
//! how many macroblocks one step copies, and the progress views derived from the copy plan
//! (`copied_so_far`, the log-stream tasks of `__all_backup_ls_task`).
//!
//! Invariant: blocks are copied in plan order, so the first `finish_macro_block_count` entries of
//! a task's plan are exactly the blocks copied so far, and every view adds up to the task's counters.

use crate::backup::{BackupTask, TaskStatus};
use crate::cluster::Cluster;
use crate::sim::{Micros, SECOND};
use crate::storage::MACRO_BLOCK_SIZE;

/// One log stream's part of a set task (`__all_backup_ls_task`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LsTask {
    pub ls_id: u64,
    /// BACKUP_META, BACKUP_META_FINISH, BACKUP_USER_DATA, BACKUP_FUSE_TABLET_META,
    /// BEFORE_PLUS_ARCHIVE_LOG, PLUS_ARCHIVE_LOG (4.3.3 names).
    pub task_type: &'static str,
    /// INIT, PENDING, DOING, FINISH.
    pub status: &'static str,
    pub macro_block_count: u64,
    pub finish_macro_block_count: u64,
    /// The OBServer leading the log stream, which runs its task.
    pub server: String,
}

/// Copy speed of one HA low thread, in bytes of macroblock input per second.
pub const BYTES_PER_THREAD_PER_SEC: u64 = 48 << 20;
/// Threads when `ha_low_thread_score` is 0 ("default value").
pub const DEFAULT_LOW_THREADS: u64 = 2;
/// The destination cannot take more than this.
pub const DEST_BANDWIDTH: u64 = 2 << 30;

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

    /// The log-stream tasks of a running set task (`__all_backup_ls_task`, §2.8): one per log
    /// stream, re-typed per phase, with macroblock progress derived from the set task's copy
    /// plan (blocks are copied in plan order), so they always add up to the set task's counters.
    pub fn ls_tasks(&self, tenant_id: u64, task_id: u64) -> Vec<LsTask> {
        let Some(task) = self
            .tenant_backup(tenant_id)
            .and_then(|b| b.tasks.iter().find(|t| t.task_id == task_id))
        else {
            return Vec::new();
        };
        let Some(storage) = self.storage.get(&tenant_id) else {
            return Vec::new();
        };
        let task_type = match task.status {
            TaskStatus::Init | TaskStatus::BackupSysMeta | TaskStatus::BackupUserMeta => {
                "BACKUP_META"
            }
            TaskStatus::BackupMetaFinish => "BACKUP_META_FINISH",
            TaskStatus::BackupUserData => "BACKUP_USER_DATA",
            TaskStatus::BackupFuseTabletMeta => "BACKUP_FUSE_TABLET_META",
            TaskStatus::BeforeBackupLog => "BEFORE_PLUS_ARCHIVE_LOG",
            _ => "PLUS_ARCHIVE_LOG",
        };
        let done = Cluster::copied_so_far(task).len();
        storage
            .log_streams
            .iter()
            .map(|ls| {
                let in_ls = |b: &u32| storage.tablet_of(*b).is_some_and(|t| t.ls_id == ls.ls_id);
                let total = task.plan.iter().filter(|b| in_ls(b)).count() as u64;
                let finished = task.plan[..done].iter().filter(|b| in_ls(b)).count() as u64;
                let status = match task.status {
                    TaskStatus::Init => "INIT",
                    TaskStatus::BackupUserData if finished == total => "FINISH",
                    TaskStatus::BackupUserData if finished == 0 => "PENDING",
                    TaskStatus::BackupUserData => "DOING",
                    s if s > TaskStatus::BackupUserData => "FINISH",
                    _ => "DOING",
                };
                LsTask {
                    ls_id: ls.ls_id,
                    task_type,
                    status,
                    macro_block_count: total,
                    finish_macro_block_count: finished,
                    server: self
                        .servers
                        .get(ls.leader_server)
                        .map(|s| s.addr())
                        .unwrap_or_default(),
                }
            })
            .collect()
    }

    /// Blocks a running task has copied so far (for the dashboards and the animation).
    pub fn copied_so_far(task: &BackupTask) -> &[u32] {
        let n = (task.copy.finish_macro_block_count as usize).min(task.plan.len());
        &task.plan[..n]
    }
}
