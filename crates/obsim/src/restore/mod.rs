//! Physical restore (reference R§3–R§11): a new tenant rebuilt from a backup set chain and
//! archived log up to an SCN, by two jobs (one in sys, one in the new tenant) that share a job
//! id; then the restored tenant as a standby (RECOVER STANDBY, ACTIVATE STANDBY, its log restore
//! source).
//!
//! This file holds the data: job rows, statuses, requests and the restored tenants' recovery
//! state. `window` decides what a target uses (pure); `plan` reads the sets and pieces a request
//! names; `job` moves the two jobs; `standby` is what follows the restore; `recover_table` is
//! the table-level restore built on them (an auxiliary tenant restored, then imported from);
//! `drill` and `stage` are the facts a page draws (timeline, pick, tenant stage, progress).
//!
//! Invariant: job ids only grow (`last_job_id`); a job row is in `jobs` or in `history`, never
//! both; a restored tenant has one `TenantRecovery` from its creation until it is dropped.

use crate::sim::Micros;
use serde::{Deserialize, Serialize};

pub mod compare;
pub mod drill;
mod job;
mod plan;
pub mod recover_table;
pub mod stage;
mod standby;
pub mod window;

pub use job::parse_options;
pub use plan::RestoreSource;
pub use recover_table::{RecoverTableRequest, RecoverTableState};
pub use standby::RecoverUntil;

/// Restore job statuses (`ob_physical_restore_table_operator.cpp`, R§8.1), in the order the jobs
/// pass them: the sys job CREATE_TENANT → WAIT_TENANT_RESTORE_FINISH → RESTORE_SUCCESS |
/// RESTORE_FAIL; the user job RESTORE_PRE → … → UPGRADE → RESTORE_SUCCESS | RESTORE_FAIL.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RestoreStatus {
    CreateTenant,
    RestorePre,
    RestoreCreateInitLs,
    WaitRestoreToConsistentScn,
    RestoreWaitLs,
    PostCheck,
    Upgrade,
    RestoreSuccess,
    RestoreFail,
    WaitTenantRestoreFinish,
}

impl RestoreStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RestoreStatus::CreateTenant => "CREATE_TENANT",
            RestoreStatus::RestorePre => "RESTORE_PRE",
            RestoreStatus::RestoreCreateInitLs => "RESTORE_CREATE_INIT_LS",
            RestoreStatus::WaitRestoreToConsistentScn => {
                "PHYSICAL_RESTORE_WAIT_RESTORE_TO_CONSISTENT_SCN"
            }
            RestoreStatus::RestoreWaitLs => "RESTORE_WAIT_LS",
            RestoreStatus::PostCheck => "POST_CHECK",
            RestoreStatus::Upgrade => "UPGRADE",
            RestoreStatus::RestoreSuccess => "RESTORE_SUCCESS",
            RestoreStatus::RestoreFail => "RESTORE_FAIL",
            RestoreStatus::WaitTenantRestoreFinish => "WAIT_TENANT_RESTORE_FINISH",
        }
    }

    /// CDB_OB_RESTORE_PROGRESS.STATUS: the user job's middle phases read `RESTORING` (R§9.2).
    pub fn cdb_str(self) -> &'static str {
        match self {
            RestoreStatus::RestorePre
            | RestoreStatus::RestoreCreateInitLs
            | RestoreStatus::WaitRestoreToConsistentScn
            | RestoreStatus::RestoreWaitLs
            | RestoreStatus::PostCheck => "RESTORING",
            s => s.as_str(),
        }
    }

    /// DBA_OB_RESTORE_PROGRESS.STATUS: the same, except that the DBA view's CASE forgets
    /// PHYSICAL_RESTORE_WAIT_RESTORE_TO_CONSISTENT_SCN, which it shows raw (R§9.2).
    pub fn dba_str(self) -> &'static str {
        match self {
            RestoreStatus::WaitRestoreToConsistentScn => self.as_str(),
            s => s.cdb_str(),
        }
    }

    /// The first three user states, where RECOVER_PROGRESS is 0.00 whatever the SCNs say.
    pub fn before_log_replay(self) -> bool {
        matches!(
            self,
            RestoreStatus::RestorePre
                | RestoreStatus::RestoreCreateInitLs
                | RestoreStatus::WaitRestoreToConsistentScn
        )
    }
}

/// `method` of the option string: RESTORE_TYPE FULL or QUICK (R§3.2, 4.3.3).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum RestoreMethod {
    #[default]
    Full,
    Quick,
}

/// The option string `pool_list=…&locality=…&primary_zone=…&concurrency=n&method=…`, parsed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestoreOptions {
    pub pools: Vec<String>,
    pub locality: Option<String>,
    pub primary_zone: Option<String>,
    pub concurrency: Option<u64>,
    pub method: RestoreMethod,
}

/// One row of `__all_restore_job` (the sys job, TENANT_ID 1) or of the new tenant's own
/// (the user job): DBA_/CDB_OB_RESTORE_PROGRESS, and _HISTORY once it ends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestoreJob {
    /// Whose row it is: 1 for the sys job, the restored tenant's id for the user job.
    pub tenant_id: u64,
    pub job_id: u64,
    pub restore_tenant_name: String,
    /// 0 until the sys job has created the tenant.
    pub restore_tenant_id: u64,
    pub backup_tenant_name: String,
    pub backup_tenant_id: u64,
    pub backup_cluster_name: String,
    pub backup_dest: String,
    pub restore_option: String,
    pub options: RestoreOptions,
    pub restore_scn: u64,
    /// MIN_RESTORE_SCN of the chain's last set: what the sets alone restore to.
    pub consistent_scn: u64,
    pub status: RestoreStatus,
    pub start_ts: Micros,
    pub finish_ts: Micros,
    pub backup_set_list: String,
    pub backup_piece_list: String,
    /// The chain this restore reads, FULL first (set ids of `backup_tenant_id`).
    pub set_ids: Vec<u64>,
    /// Where the restored tenant keeps reading log after the restore (its log restore source).
    pub log_source: Option<LogRestoreSource>,
    pub backup_cluster_version: u64,
    pub ls_count: u64,
    pub finish_ls_count: u64,
    pub tablet_count: u64,
    pub finish_tablet_count: u64,
    pub total_bytes: u64,
    pub finish_bytes: u64,
    pub description: String,
    pub comment: String,
    /// RESULT: 0, or the OB code it failed with.
    pub result: i32,
    /// Success or failure once finished (DBA_OB_RESTORE_HISTORY.STATUS: SUCCESS / FAIL).
    pub succeeded: bool,
    pub phase_until: Micros,
}

/// Restore copies faster than backup (mid/high HA threads, no compression work): bytes per
/// simulated second of RESTORE_WAIT_LS.
pub const RESTORE_BYTES_PER_SEC: u64 = 256 << 20;

/// The sys tenant's id, owner of every sys job's row (`cluster::SYS_TENANT_ID`, which this
/// layer does not see; a test keeps them equal).
pub const SYS_JOB_TENANT: u64 = 1;

impl RestoreJob {
    pub fn is_sys(&self) -> bool {
        self.tenant_id == SYS_JOB_TENANT
    }
}

/// The kind of a log restore source (DBA_OB_LOG_RESTORE_SOURCE.TYPE, R§10.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SourceKind {
    /// An archive destination.
    Location,
    /// Pieces listed one by one (ADD RESTORE SOURCE).
    RawPath,
    /// A primary tenant's log service.
    Service,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Location => "LOCATION",
            SourceKind::RawPath => "RAWPATH",
            SourceKind::Service => "SERVICE",
        }
    }
}

/// Where a standby reads log from: a row of DBA_OB_LOG_RESTORE_SOURCE.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogRestoreSource {
    pub kind: SourceKind,
    /// As the view shows it: the archive root(s), or the listed piece directories.
    pub value: String,
}

/// RESTORE_DATA_MODE of DBA_OB_TENANTS (4.3.3).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum DataMode {
    #[default]
    Normal,
    Remote,
}

impl DataMode {
    pub fn as_str(self) -> &'static str {
        match self {
            DataMode::Normal => "NORMAL",
            DataMode::Remote => "REMOTE",
        }
    }
}

/// OB_MAX_SCN_TS_NS: RECOVERY_UNTIL_SCN of a primary, and of `RECOVER … UNTIL UNLIMITED`.
pub const MAX_RECOVERY_SCN: u64 = 4_611_686_018_427_387_903;

/// The tenant info of a restored tenant (what DBA_OB_TENANTS shows for it, R§8.3): where its
/// log replay stands, how far it may go, and where it reads log from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantRecovery {
    pub tenant_id: u64,
    pub backup_tenant_id: u64,
    /// SYNC_SCN = REPLAYABLE_SCN = READABLE_SCN: the simulator replays what it fetches at once.
    /// 1 until the restore reaches its consistent SCN.
    pub readable_scn: u64,
    pub recovery_until_scn: u64,
    pub data_mode: DataMode,
    pub source: Option<LogRestoreSource>,
    /// Whether the tenant's data has been built (at the end of POST_CHECK).
    pub data_built: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestoreState {
    pub jobs: Vec<RestoreJob>,
    pub history: Vec<RestoreJob>,
    /// The RootService job sequence restore jobs draw from (only restores use it here).
    pub last_job_id: u64,
    /// Every restored tenant that still exists.
    pub recovering: Vec<TenantRecovery>,
    /// Table-level restores (RECOVER TABLE) and their imports.
    #[serde(default)]
    pub recover: RecoverTableState,
}

impl RestoreState {
    pub fn recovery(&self, tenant_id: u64) -> Option<&TenantRecovery> {
        self.recovering.iter().find(|r| r.tenant_id == tenant_id)
    }

    pub(crate) fn recovery_mut(&mut self, tenant_id: u64) -> Option<&mut TenantRecovery> {
        self.recovering
            .iter_mut()
            .find(|r| r.tenant_id == tenant_id)
    }

    /// The sys job of a restore (running or finished).
    pub fn sys_job(&self, job_id: u64) -> Option<&RestoreJob> {
        self.jobs
            .iter()
            .chain(&self.history)
            .find(|j| j.is_sys() && j.job_id == job_id)
    }
}

/// What to restore to: `UNTIL SCN = n`, `UNTIL TIME = '…'` (read in the backup's time zone,
/// +08:00, when the paths have been checked), or the newest point.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum RestoreTarget {
    #[default]
    Latest,
    Scn(u64),
    Time(String),
}

/// What `ALTER SYSTEM RESTORE` asks for, after the resolver.
#[derive(Clone, Debug, Default)]
pub struct RestoreRequest {
    pub tenant_name: String,
    /// FROM (data and archive roots) or the session's ADD RESTORE SOURCE list.
    pub source: RestoreSource,
    pub until: RestoreTarget,
    /// The option string as typed.
    pub options: String,
    /// Digests of the passwords given by SET DECRYPTION in this session.
    pub decryption_digests: Vec<String>,
    pub description: String,
}

/// What a restore uses, decided before its job exists (also what SHOW RESTORE PREVIEW lists).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RestorePlan {
    pub backup_tenant_id: u64,
    pub choice: window::Choice,
    /// The log the restored tenant keeps reading afterwards (None: complement log only).
    pub log_source: Option<LogRestoreSource>,
}
