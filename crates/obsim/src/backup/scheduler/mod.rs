//! The backup scheduler (reference §2): what a BACKUP, CANCEL BACKUP or `DATA_BACKUP_DEST`
//! statement asks of the cluster, and the state machines that then move a job along, one
//! `Event::JobStep` at a time. All of it is `impl Cluster`, one concern per file:
//!
//! - this file: [`BackupRequest`] and the entry points a statement calls —
//!   `set_data_backup_dest`, `start_tenant_backup`, `start_sys_backup`, `cancel_backup`;
//! - `start`: the start checks in OceanBase's order (§2.3, §2.4), the INIT job row with INC→FULL
//!   (§2.6) and the sys cluster job;
//! - `step`: `step_job`, the job and set-task state machines (§2.5, §2.7, §2.8);
//! - `progress`: throughput, the copy of one step and `copied_so_far`;
//! - `finish`: completion, failure, cancel's end and the move to history (§2.5, §2.7);
//! - `files`: a destination's format/check files and a set's files on the medium (§2.11).
//!
//! The state machines (a step every `STEP` while running):
//!
//! ```text
//! user job  INIT ─▶ DOING ─▶ COMPLETED | FAILED      INIT|DOING ─cancel─▶ CANCELING ─▶ CANCELED
//! sys job   INIT (start one user job per tenant) ─▶ DOING (until no child is left)
//!           ─▶ COMPLETED | FAILED (the first child failure);  CANCELING cancels the children
//! set task  INIT ─▶ BACKUP_SYS_META ─▶ BACKUP_USER_META ─▶ BACKUP_META_FINISH ─▶ BACKUP_USER_DATA
//!           ─▶ BACKUP_FUSE_TABLET_META ─▶ BEFORE_BACKUP_LOG ─▶ BACKUP_LOG ─▶ (job COMPLETED)
//! ```
//!
//! Invariant: a tenant has at most one job per initiator; a job sits in `jobs` until it ends,
//! and then it and its task are in history (every end goes through `finish_job`).

mod files;
mod finish;
mod progress;
mod start;
mod step;

pub(crate) use step::STEP;

use super::{BackupType, DataDest, Encryption, JobStatus};
use crate::cluster::{Cluster, Event, SYS_TENANT_ID};
use crate::error::{ObError, ObResult};
use crate::medium::DestType;
use crate::sim::SECOND;

/// What a BACKUP statement asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupRequest {
    pub backup_type: BackupType,
    pub plus_archivelog: bool,
    pub description: String,
    pub encryption: Encryption,
}

/// The entry points a statement calls: the data destination, starting a backup (a user tenant
/// for itself, the sys tenant for all or some tenants) and cancel.
impl Cluster {
    /// `ALTER SYSTEM SET DATA_BACKUP_DEST = '...'` for one user tenant (§1.6.1).
    pub fn set_data_backup_dest(&mut self, tenant_id: u64, uri: &str) -> ObResult<()> {
        let backup = self.tenant_backup_mut(tenant_id);
        if !backup.jobs.is_empty() {
            return Err(ObError::backup_in_progress());
        }
        if uri.is_empty() {
            backup.data_dest = None;
            return Ok(());
        }
        let path = crate::medium::validate_uri(uri)?;
        self.check_format(tenant_id, &path, DestType::Data)?;
        let backup = self.tenant_backup_mut(tenant_id);
        let dest_id = backup.dest_id_for(&path);
        backup.data_dest = Some(DataDest {
            path: path.clone(),
            dest_id,
        });
        self.write_dest_files(tenant_id, &path, DestType::Data);
        Ok(())
    }

    /// A user tenant backs itself up (§2.3): checks in order, then a job row in INIT.
    pub fn start_tenant_backup(&mut self, tenant_id: u64, req: &BackupRequest) -> ObResult<u64> {
        let result = self.start_tenant_backup_inner(tenant_id, tenant_id, 0, req);
        let rc = result.as_ref().err().map_or(0, |e| e.ob_code);
        self.rs_event(
            "backup_data",
            "start_backup_data",
            tenant_id,
            rc,
            String::new(),
        );
        result
    }

    /// The sys tenant backs up all eligible tenants (`tenants` None) or a list (§2.4).
    pub fn start_sys_backup(
        &mut self,
        tenants: Option<&[u64]>,
        req: &BackupRequest,
    ) -> ObResult<u64> {
        let result = self.start_sys_backup_inner(tenants, req);
        let rc = result.as_ref().err().map_or(0, |e| e.ob_code);
        self.rs_event(
            "backup_data",
            "start_backup_data",
            SYS_TENANT_ID,
            rc,
            String::new(),
        );
        result
    }

    /// `ALTER SYSTEM CANCEL BACKUP` for these tenants: their INIT/DOING jobs become CANCELING.
    /// Nothing running is not an error (§1.3).
    pub fn cancel_backup(&mut self, tenants: &[u64]) {
        let now = self.now();
        for &t in tenants {
            let mut woken = Vec::new();
            if let Some(b) = self.backup.get_mut(&t) {
                for j in b
                    .jobs
                    .iter_mut()
                    .filter(|j| matches!(j.status, JobStatus::Init | JobStatus::Doing))
                {
                    j.status = JobStatus::Canceling;
                    woken.push(j.job_id);
                }
            }
            for job_id in woken {
                self.schedule(
                    now + SECOND / 2,
                    Event::JobStep {
                        tenant_id: t,
                        job_id,
                    },
                );
            }
            self.rs_event("backup_data", "cancel_backup_data", t, 0, String::new());
        }
    }
}

#[cfg(test)]
mod tests;
