//! Starting a backup: the start checks in OceanBase's order (§2.3 for a user tenant, §2.4 for the
//! sys tenant), the job row with its ids, INC→FULL when there is no usable base (§2.6), and the
//! sys cluster job that later fans out one user job per tenant (§2.5).
//!
//! Invariant: a start either fails with the first check that fails (nothing written) or writes
//! exactly one job row in INIT and schedules its first `Event::JobStep`.

use super::BackupRequest;
use crate::backup::{BackupJob, BackupType, JobLevel, JobStatus};
use crate::cluster::{Cluster, Event, SYS_TENANT_ID};
use crate::error::{ObError, ObResult};
use crate::sim::{SECOND, Stream};

/// Starting jobs: the checks and the INIT job rows behind `start_tenant_backup` and
/// `start_sys_backup` (and the children a sys job starts).
impl Cluster {
    fn archive_is_doing(&self, tenant_id: u64) -> bool {
        self.archive.get(&tenant_id).is_some_and(|a| a.is_doing())
    }

    /// Does this tenant already have a job started by `initiator` (§2.5: per initiator)?
    fn has_job_from(&self, tenant_id: u64, initiator: u64) -> bool {
        self.tenant_backup(tenant_id)
            .is_some_and(|b| b.jobs.iter().any(|j| j.initiator_tenant_id == initiator))
    }

    pub(super) fn start_tenant_backup_inner(
        &mut self,
        tenant_id: u64,
        initiator_tenant_id: u64,
        initiator_job_id: u64,
        req: &BackupRequest,
    ) -> ObResult<u64> {
        if self
            .tenant_backup(tenant_id)
            .and_then(|b| b.data_dest.as_ref())
            .is_none()
        {
            return Err(ObError::backup_can_not_start());
        }
        if !self.tenant(tenant_id).is_some_and(|t| t.is_normal()) {
            return Err(ObError::backup_can_not_start_because(
                "tenant status is not normal.",
            ));
        }
        if self.has_job_from(tenant_id, initiator_tenant_id) {
            return Err(ObError::backup_in_progress());
        }
        if !self.archive_is_doing(tenant_id) {
            return Err(ObError::backup_can_not_start_because(
                "log archive status is not doing.",
            ));
        }
        if self.upgrading {
            return Err(ObError::backup_can_not_start_because("cluster upgrading"));
        }
        Ok(self.insert_user_job(tenant_id, initiator_tenant_id, initiator_job_id, req))
    }

    /// The start transaction: next ids, INC→FULL if needed, the job row (§2.3, §2.6).
    fn insert_user_job(
        &mut self,
        tenant_id: u64,
        initiator_tenant_id: u64,
        initiator_job_id: u64,
        req: &BackupRequest,
    ) -> u64 {
        let now = self.now();
        let data_version = self
            .tenant(tenant_id)
            .map(|t| t.data_version.clone())
            .unwrap_or_default();
        let backup = self.tenant_backup_mut(tenant_id);
        let path = backup
            .data_dest
            .as_ref()
            .map(|d| d.path.clone())
            .unwrap_or_default();
        let job_id = backup.next_job_id();
        let backup_set_id = backup.next_backup_set_id();
        let backup_type = match req.backup_type {
            BackupType::Inc => match backup.latest_usable_set(&path) {
                // 4.3.3: a base of another data version silently becomes FULL.
                Some(base) if base.tenant_compatible == data_version => BackupType::Inc,
                _ => BackupType::Full,
            },
            BackupType::Full => BackupType::Full,
        };
        backup.jobs.push(BackupJob {
            tenant_id,
            job_id,
            incarnation: 1,
            backup_set_id,
            initiator_tenant_id,
            initiator_job_id,
            executor_tenant_ids: vec![tenant_id],
            plus_archivelog: req.plus_archivelog,
            backup_type,
            // A child of a sys job is created "exactly as in 2.3" (§2.5): a USER_TENANT job.
            job_level: JobLevel::UserTenant,
            encryption: req.encryption.clone(),
            start_ts: now,
            end_ts: 0,
            status: JobStatus::Init,
            result: 0,
            comment: String::new(),
            description: req.description.clone(),
            path,
            children_started: Vec::new(),
        });
        let delay = self.rng.range(Stream::Durations, SECOND / 2, 2 * SECOND);
        self.schedule(now + delay, Event::JobStep { tenant_id, job_id });
        job_id
    }

    pub(super) fn start_sys_backup_inner(
        &mut self,
        tenants: Option<&[u64]>,
        req: &BackupRequest,
    ) -> ObResult<u64> {
        let executors: Vec<u64> = match tenants {
            Some(list) => {
                for &t in list {
                    if !self.tenant(t).is_some_and(|t| t.is_normal()) {
                        return Err(ObError::backup_can_not_start_because(
                            "tenant status is not normal.",
                        ));
                    }
                    if !self.archive_is_doing(t) {
                        return Err(ObError::backup_can_not_start_because(
                            "log archive status is not doing.",
                        ));
                    }
                    if self.has_job_from(t, SYS_TENANT_ID) {
                        return Err(ObError::backup_in_progress());
                    }
                    if self
                        .tenant_backup(t)
                        .and_then(|b| b.data_dest.as_ref())
                        .is_none()
                    {
                        return Err(ObError::backup_can_not_start_because(
                            "backup dest is not set.",
                        ));
                    }
                }
                list.to_vec()
            }
            None => {
                // Ineligible tenants are skipped silently. As in 4.3.3, a tenant without a data
                // dest is not filtered here; its child job then fails to start (§2.4).
                let eligible: Vec<u64> = self
                    .user_tenants()
                    .filter(|t| t.is_normal())
                    .map(|t| t.id)
                    .filter(|&t| self.archive_is_doing(t) && !self.has_job_from(t, SYS_TENANT_ID))
                    .collect();
                if eligible.is_empty() {
                    return Err(ObError::backup_can_not_start_because(
                        "no tenant meets the backup condition, \u{FFFC}please check the tenant status, log archive status, backup data dest, and backup status for each tenant",
                    ));
                }
                eligible
            }
        };
        if self.upgrading {
            return Err(ObError::backup_can_not_start_because("cluster upgrading"));
        }
        let now = self.now();
        let backup = self.tenant_backup_mut(SYS_TENANT_ID);
        let job_id = backup.next_job_id();
        backup.jobs.push(BackupJob {
            tenant_id: SYS_TENANT_ID,
            job_id,
            incarnation: 1,
            backup_set_id: 0,
            initiator_tenant_id: SYS_TENANT_ID,
            initiator_job_id: job_id,
            executor_tenant_ids: executors,
            plus_archivelog: req.plus_archivelog,
            backup_type: req.backup_type,
            job_level: JobLevel::Cluster,
            encryption: req.encryption.clone(),
            start_ts: now,
            end_ts: 0,
            status: JobStatus::Init,
            result: 0,
            comment: String::new(),
            description: req.description.clone(),
            path: String::new(),
            children_started: Vec::new(),
        });
        let delay = self.rng.range(Stream::Durations, SECOND / 2, SECOND);
        self.schedule(
            now + delay,
            Event::JobStep {
                tenant_id: SYS_TENANT_ID,
                job_id,
            },
        );
        Ok(job_id)
    }
}
