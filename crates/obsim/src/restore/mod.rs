//! Physical restore (reference §1.9, §7): a new tenant rebuilt from a backup set chain and
//! archived log, up to an SCN.

use crate::backup::BackupSet;
use crate::sim::Micros;
use serde::{Deserialize, Serialize};

mod job;

/// Internal restore statuses (§7.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RestoreStatus {
    CreateTenant,
    RestorePre,
    RestoreCreateInitLs,
    RestoreWaitLs,
    WaitRestoreToConsistentScn,
    PostCheck,
    RestoreSuccess,
    RestoreFail,
}

impl RestoreStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RestoreStatus::CreateTenant => "CREATE_TENANT",
            RestoreStatus::RestorePre => "RESTORE_PRE",
            RestoreStatus::RestoreCreateInitLs => "RESTORE_CREATE_INIT_LS",
            RestoreStatus::RestoreWaitLs => "RESTORE_WAIT_LS",
            RestoreStatus::WaitRestoreToConsistentScn => {
                "PHYSICAL_RESTORE_WAIT_RESTORE_TO_CONSISTENT_SCN"
            }
            RestoreStatus::PostCheck => "POST_CHECK",
            RestoreStatus::RestoreSuccess => "RESTORE_SUCCESS",
            RestoreStatus::RestoreFail => "RESTORE_FAIL",
        }
    }

    /// DBA_OB_RESTORE_PROGRESS shows `RESTORING` for the middle phases (§7.2).
    pub fn progress_str(self) -> &'static str {
        match self {
            RestoreStatus::RestorePre
            | RestoreStatus::RestoreCreateInitLs
            | RestoreStatus::RestoreWaitLs
            | RestoreStatus::PostCheck => "RESTORING",
            s => s.as_str(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestoreJob {
    pub job_id: u64,
    pub restore_tenant_name: String,
    pub restore_tenant_id: u64,
    pub backup_tenant_name: String,
    pub backup_tenant_id: u64,
    pub backup_cluster_name: String,
    pub backup_dest: String,
    pub restore_option: String,
    pub restore_type: String,
    pub restore_scn: u64,
    pub status: RestoreStatus,
    pub start_ts: Micros,
    pub finish_ts: Micros,
    pub backup_set_list: String,
    pub backup_piece_list: String,
    pub backup_cluster_version: u64,
    pub ls_count: u64,
    pub finish_ls_count: u64,
    pub tablet_count: u64,
    pub finish_tablet_count: u64,
    pub total_bytes: u64,
    pub finish_bytes: u64,
    pub consistent_scn: u64,
    pub recover_scn: u64,
    pub description: String,
    pub comment: String,
    /// Success or failure once finished (DBA_OB_RESTORE_HISTORY.STATUS: SUCCESS / FAIL).
    pub succeeded: bool,
    phase_until: Micros,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestoreState {
    pub jobs: Vec<RestoreJob>,
    pub history: Vec<RestoreJob>,
    pub last_job_id: u64,
}

/// What `ALTER SYSTEM RESTORE` asks for, after parsing.
#[derive(Clone, Debug, Default)]
pub struct RestoreRequest {
    pub tenant_name: String,
    /// The FROM list: data and archive paths, comma-separated.
    pub uris: Vec<String>,
    /// Target SCN; None = the newest recoverable point.
    pub until_scn: Option<u64>,
    pub options: String,
    /// Digests of the passwords given by SET DECRYPTION in this session.
    pub decryption_digests: Vec<String>,
    pub description: String,
}

/// What a restore would use (also the PREVIEW output).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RestorePlan {
    pub backup_tenant_id: u64,
    pub sets: Vec<BackupSet>,
    pub archive_path: String,
    pub pieces: Vec<String>,
    pub restore_scn: u64,
}
