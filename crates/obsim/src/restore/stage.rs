//! Where a tenant stands for a page (issue 14): its STATUS and TENANT_ROLE as DBA_OB_TENANTS
//! shows them, the stage of the restore that made it, and which of the page's actions the
//! engine would accept now; and a restore job's progress as DBA_OB_RESTORE_PROGRESS counts it.
//!
//! Invariant: each allowed action is the predicate the statement itself checks first
//! (`Tenant::is_normal` for BACKUP and ARCHIVELOG, `is_read_only` for DML, ACTIVATE's and
//! RECOVER's status / role / data-mode checks, CANCEL RESTORE's status), so a card never offers
//! what the console would refuse for the tenant's state.

use super::{DataMode, RestoreJob, RestoreStatus, SYS_JOB_TENANT};
use crate::cluster::{Cluster, TenantStatus};

/// What the page may offer for a tenant now.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TenantActions {
    /// BACKUP DATABASE / INCREMENTAL (the tenant-status check of the backup start).
    pub backup: bool,
    /// ARCHIVELOG / NOARCHIVELOG.
    pub archive: bool,
    /// DML and DDL (a PRIMARY user tenant).
    pub write: bool,
    /// ACTIVATE STANDBY.
    pub activate: bool,
    /// RECOVER STANDBY … UNTIL / CANCEL.
    pub recover: bool,
    /// CANCEL RESTORE (a tenant whose STATUS is RESTORE).
    pub cancel_restore: bool,
}

/// A tenant's stage: the tenant card's one question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TenantStage {
    pub tenant_id: u64,
    /// DBA_OB_TENANTS.STATUS: NORMAL, RESTORE …
    pub status: &'static str,
    /// DBA_OB_TENANTS.TENANT_ROLE: PRIMARY, RESTORE, STANDBY.
    pub role: String,
    /// The restore job still running for it: its user job's STATUS as DBA_OB_RESTORE_PROGRESS
    /// shows it (RESTORE_PRE, RESTORING, …), or the sys job's while only that one is moving.
    pub restore_status: Option<&'static str>,
    /// For a restored tenant: READABLE_SCN and RECOVERY_UNTIL_SCN (DBA_OB_TENANTS) and the
    /// tenant it was restored from.
    pub readable_scn: Option<u64>,
    pub recovery_until_scn: Option<u64>,
    pub restored_from: Option<u64>,
    pub actions: TenantActions,
}

/// A restore job's progress: the sys job's row and, once the tenant exists, its user job's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RestoreProgress {
    pub job_id: u64,
    pub restore_tenant_name: String,
    /// 0 until CREATE_TENANT made it.
    pub restore_tenant_id: u64,
    pub backup_tenant_name: String,
    pub backup_tenant_id: u64,
    /// The status to show, in OceanBase's words: the user job's (DBA_OB_RESTORE_PROGRESS
    /// STATUS) while it runs, else the sys job's; SUCCESS / FAIL once in history.
    pub status: &'static str,
    /// The raw job state (`__all_restore_job`), for a stage indicator: CREATE_TENANT,
    /// RESTORE_PRE, …, RESTORE_SUCCESS.
    pub state: &'static str,
    /// Index of `state` in `STAGES` (0 = CREATE_TENANT … 7 = RESTORE_SUCCESS); None for
    /// RESTORE_FAIL.
    pub stage: Option<usize>,
    pub finished: bool,
    pub succeeded: bool,
    pub ls_count: u64,
    pub finish_ls_count: u64,
    pub tablet_count: u64,
    pub finish_tablet_count: u64,
    pub total_bytes: u64,
    pub finish_bytes: u64,
    pub restore_scn: u64,
    pub consistent_scn: u64,
    /// The new tenant's READABLE_SCN (RECOVER_SCN of the progress view); None before it exists.
    pub recover_scn: Option<u64>,
    pub backup_set_list: String,
    pub backup_piece_list: String,
    pub comment: String,
}

/// The restore's stages in order, as the job rows name them.
pub const STAGES: [&str; 8] = [
    "CREATE_TENANT",
    "RESTORE_PRE",
    "RESTORE_CREATE_INIT_LS",
    "PHYSICAL_RESTORE_WAIT_RESTORE_TO_CONSISTENT_SCN",
    "RESTORE_WAIT_LS",
    "POST_CHECK",
    "UPGRADE",
    "RESTORE_SUCCESS",
];

impl Cluster {
    /// The stage of a user tenant, or None for an unknown tenant.
    pub fn tenant_stage(&self, tenant_id: u64) -> Option<TenantStage> {
        let t = self.tenant(tenant_id).filter(|t| t.is_user())?;
        let rec = self
            .restore
            .recovery(tenant_id)
            .filter(|r| r.backup_tenant_id != 0);
        let normal = t.is_normal();
        let standby = t.role == "STANDBY";
        let restore_status = self
            .restore
            .jobs
            .iter()
            .find(|j| j.tenant_id == tenant_id)
            .map(|j| j.status.dba_str());
        let actions = TenantActions {
            backup: normal,
            archive: normal,
            write: !self.is_read_only(tenant_id),
            activate: normal && standby && rec.is_none_or(|r| r.data_mode != DataMode::Remote),
            recover: normal && standby && rec.is_some(),
            cancel_restore: t.status == TenantStatus::Restore,
        };
        Some(TenantStage {
            tenant_id,
            status: t.status.as_str(),
            role: t.role.clone(),
            restore_status,
            readable_scn: rec.map(|r| r.readable_scn),
            recovery_until_scn: rec.map(|r| r.recovery_until_scn),
            restored_from: rec.map(|r| r.backup_tenant_id),
            actions,
        })
    }

    /// Every restore job (by its sys job), oldest first: running and finished.
    pub fn restore_job_ids(&self) -> Vec<u64> {
        let mut ids: Vec<u64> = self
            .restore
            .jobs
            .iter()
            .chain(&self.restore.history)
            .filter(|j| j.is_sys())
            .map(|j| j.job_id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// The job that restored a tenant (the newest one that names it).
    pub fn restore_job_of(&self, tenant_id: u64) -> Option<u64> {
        self.restore
            .jobs
            .iter()
            .chain(&self.restore.history)
            .filter(|j| j.is_sys() && j.restore_tenant_id == tenant_id)
            .map(|j| j.job_id)
            .max()
    }

    /// A restore job's progress, or None for an unknown job id.
    pub fn restore_progress(&self, job_id: u64) -> Option<RestoreProgress> {
        let sys = self.restore.sys_job(job_id)?;
        let find = |rows: &[RestoreJob]| {
            rows.iter()
                .find(|j| j.job_id == job_id && j.tenant_id != SYS_JOB_TENANT)
                .cloned()
        };
        let user_running = find(&self.restore.jobs);
        let user = user_running.clone().or_else(|| find(&self.restore.history));
        let finished = sys.finish_ts != 0;
        // The user job holds the counters and the finer state; the sys job ends the restore.
        let shown = user_running.as_ref().unwrap_or(sys);
        let counters = user.as_ref().unwrap_or(sys);
        let status = if finished {
            if sys.succeeded { "SUCCESS" } else { "FAIL" }
        } else {
            shown.status.dba_str()
        };
        let state = match &user {
            _ if finished && sys.succeeded => RestoreStatus::RestoreSuccess,
            Some(u) => u.status,
            None => sys.status,
        };
        Some(RestoreProgress {
            job_id,
            restore_tenant_name: sys.restore_tenant_name.clone(),
            restore_tenant_id: sys.restore_tenant_id,
            backup_tenant_name: sys.backup_tenant_name.clone(),
            backup_tenant_id: sys.backup_tenant_id,
            status,
            state: state.as_str(),
            stage: STAGES.iter().position(|n| *n == state.as_str()),
            finished,
            succeeded: finished && sys.succeeded,
            ls_count: counters.ls_count,
            finish_ls_count: counters.finish_ls_count,
            tablet_count: counters.tablet_count,
            finish_tablet_count: counters.finish_tablet_count,
            total_bytes: counters.total_bytes,
            finish_bytes: counters.finish_bytes,
            restore_scn: sys.restore_scn,
            consistent_scn: sys.consistent_scn,
            recover_scn: self
                .restore
                .recovery(sys.restore_tenant_id)
                .map(|r| r.readable_scn),
            backup_set_list: sys.backup_set_list.clone(),
            backup_piece_list: sys.backup_piece_list.clone(),
            comment: sys.comment.clone(),
        })
    }
}
