//! Backup cleanup (reference §1.7): with a delete policy, sets that can no longer be needed —
//! failed/canceled (INCOMPLETE) sets, and sets older than the chain needed to restore to any
//! point inside the recovery window — are deleted by delete jobs (DELETING → DELETED).
//! Delete jobs draw their ids from the tenant's backup `job_id` sequence.

use super::{BackupType, FileStatus, SetStatus};
use crate::cluster::Cluster;
use crate::sim::micros_of_scn;
use serde::{Deserialize, Serialize};

/// A row of DBA_OB_BACKUP_DELETE_JOBS / _JOB_HISTORY.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeleteJob {
    pub job_id: u64,
    pub tenant_id: u64,
    pub parameter: String,
    pub start_ts: u64,
    pub end_ts: u64,
    pub status: String,
    pub task_count: u64,
    pub success_task_count: u64,
    /// Sets this job deletes.
    pub sets: Vec<u64>,
}

impl Cluster {
    /// Sets of `tenant_id` that the policy makes obsolete now, oldest first.
    pub fn obsolete_sets(&self, tenant_id: u64) -> Vec<u64> {
        let Some(b) = self.tenant_backup(tenant_id) else {
            return Vec::new();
        };
        let Some(policy) = &b.delete_policy else {
            return Vec::new();
        };
        let mut out: Vec<u64> = b
            .sets
            .iter()
            .filter(|s| s.status == SetStatus::Failed && s.file_status == FileStatus::Incomplete)
            .map(|s| s.backup_set_id)
            .collect();
        // The newest usable set that restores to the start of the window, and its FULL: every
        // usable set older than that FULL is not needed for any point inside the window.
        let cutoff = self.now().saturating_sub(policy.recovery_window_micros);
        let anchor = b
            .sets
            .iter()
            .filter(|s| s.is_usable_base() && micros_of_scn(s.min_restore_scn) <= cutoff)
            .max_by_key(|s| s.backup_set_id);
        if let Some(anchor) = anchor {
            let mut full = anchor;
            while full.backup_type == BackupType::Inc {
                match b.set(full.prev_full_backup_set_id) {
                    Some(f) => full = f,
                    None => break,
                }
            }
            out.extend(
                b.sets
                    .iter()
                    .filter(|s| s.is_usable_base() && s.backup_set_id < full.backup_set_id)
                    .map(|s| s.backup_set_id),
            );
        }
        crate::order::sort(&mut out);
        out
    }

    /// One pass of the cleaner for every tenant with a policy: a running delete job finishes
    /// (its sets become DELETED and their files go), then a new one starts if sets are obsolete.
    pub(crate) fn clean_tick(&mut self) {
        let now = self.now();
        let tenants: Vec<u64> = self
            .backup
            .iter()
            .filter(|(_, b)| b.delete_policy.is_some() || !b.delete_jobs.is_empty())
            .map(|(t, _)| *t)
            .collect();
        for t in tenants {
            // Finish the running job.
            let running = self.tenant_backup_mut(t).delete_jobs.pop();
            if let Some(mut job) = running {
                let mut dirs = Vec::new();
                let b = self.tenant_backup_mut(t);
                for s in b
                    .sets
                    .iter_mut()
                    .filter(|s| job.sets.contains(&s.backup_set_id))
                {
                    s.file_status = FileStatus::Deleted;
                    dirs.push(format!("{}/{}", s.path, s.dir_name()));
                }
                job.status = "COMPLETED".into();
                job.end_ts = now;
                job.success_task_count = job.task_count;
                b.delete_job_history.push(job);
                for d in dirs {
                    self.medium.remove_prefix(&d);
                }
                continue;
            }
            let sets = self.obsolete_sets(t);
            if sets.is_empty() {
                continue;
            }
            let b = self.tenant_backup_mut(t);
            for s in b
                .sets
                .iter_mut()
                .filter(|s| sets.contains(&s.backup_set_id))
            {
                s.file_status = FileStatus::Deleting;
            }
            let job_id = b.next_job_id();
            let window = b
                .delete_policy
                .as_ref()
                .map(|p| p.recovery_window.clone())
                .unwrap_or_default();
            b.delete_jobs.push(DeleteJob {
                job_id,
                tenant_id: t,
                parameter: window,
                start_ts: now,
                end_ts: 0,
                status: "DOING".into(),
                task_count: sets.len() as u64,
                success_task_count: 0,
                sets,
            });
        }
    }
}
