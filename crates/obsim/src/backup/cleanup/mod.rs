//! Backup cleanup as OceanBase 4.3 does it (R§14, B§1.7): a tenant's delete policy, the hourly
//! trigger that starts a `DELETE OBSOLETE BACKUP` job, the job's tasks (one per backup set or
//! archive piece) and CANCEL DELETE BACKUP.
//!
//! - this file: the rows (`DeleteJob`, `DeleteTask`), the policy and cancel entry points a
//!   statement calls, and the cleaner pass with its schedule (`clean_tick`, `next_clean_due`);
//! - `selection`: which sets and pieces are obsolete (pure functions of the rows);
//! - `job`: the trigger and the job and task state machines, and what a task does to the
//!   medium and to FILE_STATUS.
//!
//! Invariant: the cleaner runs only when something is due — on the hour (cluster epoch +
//! k·3600 s) while some user tenant has a policy whose window parses, and at the next step of a
//! running delete job — so ticking every second gives the same state as jumping (tested). Job
//! ids come from the tenant's backup `job_id` sequence and task ids from its `task_id`
//! sequence (B§2.9); an item's FILE_STATUS only moves AVAILABLE/INCOMPLETE → DELETING → DELETED.

mod job;
pub mod selection;
#[cfg(test)]
mod tests;

use super::{DeletePolicy, JobStatus};
use crate::cluster::Cluster;
use crate::sim::{EPOCH_MICROS, HOUR, Micros, SECOND};
use serde::{Deserialize, Serialize};

/// The TYPE of every delete job 4.3.3 starts (R§14.3: the other type strings never occur).
pub const DELETE_OBSOLETE_BACKUP: &str = "DELETE OBSOLETE BACKUP";

/// How often the trigger looks for tenants to clean (fixed in release builds, R§14.2).
pub const TRIGGER_INTERVAL: Micros = HOUR;

/// A row of DBA_OB_BACKUP_DELETE_JOBS / _JOB_HISTORY (R§14.3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeleteJob {
    pub tenant_id: u64,
    pub job_id: u64,
    pub incarnation: u64,
    pub initiator_tenant_id: u64,
    /// 0: the trigger starts the job, as a tenant's own backup job has 0 (B§2.3).
    pub initiator_job_id: u64,
    /// PARAMETER: the trigger's now − RECOVERY_WINDOW. Only sets that ended by then are
    /// candidates.
    pub parameter: Micros,
    pub start_ts: Micros,
    pub end_ts: Micros,
    pub status: JobStatus,
    pub task_count: u64,
    pub success_task_count: u64,
    pub result: i32,
    pub comment: String,
    /// When the scheduler next moves this job along (not a column).
    pub next_step_at: Micros,
}

/// What a delete task removes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeleteTaskType {
    BackupSet,
    BackupPiece,
}

impl DeleteTaskType {
    /// TASK_TYPE as the views print it.
    pub fn as_str(self) -> &'static str {
        match self {
            DeleteTaskType::BackupSet => "BACKUP SET",
            DeleteTaskType::BackupPiece => "BACKUP PIECE",
        }
    }
}

/// A row of DBA_OB_BACKUP_DELETE_TASKS / _TASK_HISTORY (R§14.3): one set or one piece.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeleteTask {
    pub tenant_id: u64,
    pub task_id: u64,
    pub incarnation: u64,
    pub job_id: u64,
    pub task_type: DeleteTaskType,
    /// The set id or the piece id.
    pub id: u64,
    /// The piece's round; 0 for a set.
    pub round_id: u64,
    pub dest_id: u64,
    pub start_ts: Micros,
    pub end_ts: Micros,
    /// INIT → DOING → COMPLETED, or CANCELED (the job's strings, ASSUME §7 item 25).
    pub status: JobStatus,
    pub total_ls_count: u64,
    pub finish_ls_count: u64,
    pub result: i32,
    pub comment: String,
    /// The destination root the item lives in.
    pub path: String,
    /// When the task began deleting (not a column).
    pub doing_since: Micros,
    /// When its files are gone (not a column).
    pub finish_at: Micros,
}

/// A RECOVERY_WINDOW as the trigger reads it (`parse_time_interval_`): a number with a time
/// unit (`7d`, `24h`, `30m`). The empty window of a REDUNDANCY-only policy does not parse.
pub fn recovery_window_micros(text: &str) -> Option<Micros> {
    crate::params::parse_duration(text)
        .filter(|_| text.trim().ends_with(|c: char| c.is_ascii_alphabetic()))
}

/// The first point of the trigger's grid (epoch + k·TRIGGER_INTERVAL) strictly after `now`.
fn next_trigger_after(now: Micros) -> Micros {
    let k = now.saturating_sub(EPOCH_MICROS) / TRIGGER_INTERVAL + 1;
    EPOCH_MICROS + k * TRIGGER_INTERVAL
}

/// The entry points a statement calls and the cleaner pass (`Event::CleanTick`).
impl Cluster {
    /// `ADD DELETE BACKUP POLICY`: the tenant's one policy, replaced by a second ADD (ASSUME).
    /// An unparsable window (REDUNDANCY only) is stored as typed and never acts.
    pub fn set_delete_policy(&mut self, tenant_id: u64, policy: DeletePolicy) {
        self.tenant_backup_mut(tenant_id).delete_policy = Some(policy);
        self.wake_cleaner();
    }

    /// `DROP DELETE BACKUP POLICY`: no policy is no error (ASSUME); a running job goes on
    /// (R§14.2).
    pub fn drop_delete_policy(&mut self, tenant_id: u64) {
        self.tenant_backup_mut(tenant_id).delete_policy = None;
    }

    /// `CANCEL DELETE BACKUP` for these tenants: their INIT/DOING delete jobs become CANCELING,
    /// then CANCELED at their next step. Nothing running is not an error.
    pub fn cancel_delete_backup(&mut self, tenants: &[u64]) {
        let at = self.now() + SECOND / 2;
        for t in tenants {
            let Some(b) = self.backup.get_mut(t) else {
                continue;
            };
            for j in b
                .delete_jobs
                .iter_mut()
                .filter(|j| matches!(j.status, JobStatus::Init | JobStatus::Doing))
            {
                j.status = JobStatus::Canceling;
                j.next_step_at = j.next_step_at.min(at);
            }
        }
        self.wake_cleaner();
    }

    /// A user tenant's recovery window, if it has a policy the trigger can read.
    pub(crate) fn cleanup_window(&self, tenant_id: u64) -> Option<Micros> {
        let policy = self.tenant_backup(tenant_id)?.delete_policy.as_ref()?;
        recovery_window_micros(&policy.recovery_window)
    }

    /// When the cleaner next has something to do: the next step of a running delete job, or
    /// the next hour while some user tenant has a readable policy. None: nothing until a
    /// statement changes a policy.
    pub(crate) fn next_clean_due(&self) -> Option<Micros> {
        let now = self.now();
        let steps = self
            .backup
            .values()
            .flat_map(|b| b.delete_jobs.iter())
            .map(|j| j.next_step_at.max(now + 1))
            .min();
        let trigger = self
            .user_tenants()
            .any(|t| self.cleanup_window(t.id).is_some())
            .then(|| next_trigger_after(now));
        steps.into_iter().chain(trigger).min()
    }

    /// One cleaner pass: running delete jobs whose step is due move on, then, on the hour, the
    /// trigger starts a job for every tenant with a readable policy and none running.
    pub(crate) fn clean_tick(&mut self) {
        self.step_delete_jobs();
        let now = self.now();
        if now
            .saturating_sub(EPOCH_MICROS)
            .is_multiple_of(TRIGGER_INTERVAL)
        {
            self.trigger_obsolete_delete();
        }
    }
}
