//! Data backup: destinations, jobs, set tasks, backup sets and the medium they are written to
//! (reference §2). The state machines that move them live in `scheduler`.

pub mod cleanup;
pub mod scheduler;

// The file status of sets and pieces on a destination (one enum, shared with `archive`).
pub use crate::medium::FileStatus;
use crate::sim::Micros;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BackupType {
    Full,
    Inc,
}

impl BackupType {
    pub fn as_str(self) -> &'static str {
        match self {
            BackupType::Full => "FULL",
            BackupType::Inc => "INC",
        }
    }

    /// The word used in directory names: `backup_set_1_full`, `backup_set_2_inc`.
    pub fn dir_word(self) -> &'static str {
        match self {
            BackupType::Full => "full",
            BackupType::Inc => "inc",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum JobLevel {
    Cluster,
    UserTenant,
}

impl JobLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            JobLevel::Cluster => "CLUSTER",
            JobLevel::UserTenant => "USER_TENANT",
        }
    }
}

/// Job statuses (jobs only ever show these six, §2.8).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum JobStatus {
    Init,
    Doing,
    Completed,
    Failed,
    Canceling,
    Canceled,
}

impl JobStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            JobStatus::Init => "INIT",
            JobStatus::Doing => "DOING",
            JobStatus::Completed => "COMPLETED",
            JobStatus::Failed => "FAILED",
            JobStatus::Canceling => "CANCELING",
            JobStatus::Canceled => "CANCELED",
        }
    }

    pub fn is_finished(self) -> bool {
        matches!(
            self,
            JobStatus::Completed | JobStatus::Failed | JobStatus::Canceled
        )
    }
}

/// Set-task statuses in the 4.3.3 order (§2.8).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum TaskStatus {
    Init,
    BackupSysMeta,
    BackupUserMeta,
    BackupMetaFinish,
    BackupUserData,
    BackupFuseTabletMeta,
    BeforeBackupLog,
    BackupLog,
    Completed,
    Failed,
    Canceling,
    Canceled,
}

impl TaskStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TaskStatus::Init => "INIT",
            TaskStatus::BackupSysMeta => "BACKUP_SYS_META",
            TaskStatus::BackupUserMeta => "BACKUP_USER_META",
            TaskStatus::BackupMetaFinish => "BACKUP_META_FINISH",
            TaskStatus::BackupUserData => "BACKUP_USER_DATA",
            TaskStatus::BackupFuseTabletMeta => "BACKUP_FUSE_TABLET_META",
            TaskStatus::BeforeBackupLog => "BEFORE_BACKUP_LOG",
            TaskStatus::BackupLog => "BACKUP_LOG",
            TaskStatus::Completed => "COMPLETED",
            TaskStatus::Failed => "FAILED",
            TaskStatus::Canceling => "CANCELING",
            TaskStatus::Canceled => "CANCELED",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SetStatus {
    Doing,
    Success,
    Failed,
}

impl SetStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SetStatus::Doing => "DOING",
            SetStatus::Success => "SUCCESS",
            SetStatus::Failed => "FAILED",
        }
    }
}

/// ENCRYPTION_MODE and PASSWD as the session's SET ENCRYPTION left them (§2.10).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Encryption {
    /// `*` + lower-case hex SHA1(SHA1(password)); None means mode NONE.
    pub passwd_digest: Option<String>,
}

impl Encryption {
    pub fn mode(&self) -> &'static str {
        if self.passwd_digest.is_some() {
            "PASSWORD"
        } else {
            "NONE"
        }
    }

    pub fn passwd(&self) -> &str {
        self.passwd_digest.as_deref().unwrap_or("")
    }
}

/// A row of `__all_backup_job` (DBA_OB_BACKUP_JOBS / _JOB_HISTORY, §3.1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupJob {
    pub tenant_id: u64,
    pub job_id: u64,
    pub incarnation: u64,
    pub backup_set_id: u64,
    pub initiator_tenant_id: u64,
    pub initiator_job_id: u64,
    pub executor_tenant_ids: Vec<u64>,
    pub plus_archivelog: bool,
    pub backup_type: BackupType,
    pub job_level: JobLevel,
    pub encryption: Encryption,
    pub start_ts: Micros,
    pub end_ts: Micros,
    pub status: JobStatus,
    pub result: i32,
    pub comment: String,
    pub description: String,
    pub path: String,
    /// For a CLUSTER job: the tenants whose child job it already created.
    pub children_started: Vec<u64>,
}

impl BackupJob {
    pub fn executor_text(&self) -> String {
        let ids: Vec<String> = self
            .executor_tenant_ids
            .iter()
            .map(u64::to_string)
            .collect();
        ids.join(",")
    }
}

/// The copy counters a set task and its set file row both show (DBA_OB_BACKUP_TASKS and
/// DBA_OB_BACKUP_SET_FILES): one struct, so the task's progress and the set's final figures
/// are the same numbers, never copied field by field.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CopyCounters {
    pub input_bytes: u64,
    pub output_bytes: u64,
    pub extra_meta_bytes: u64,
    pub tablet_count: u64,
    pub finish_tablet_count: u64,
    pub macro_block_count: u64,
    pub finish_macro_block_count: u64,
    pub file_count: u64,
    pub meta_turn_id: u64,
    pub data_turn_id: u64,
    pub minor_turn_id: u64,
    pub major_turn_id: u64,
}

/// A row of `__all_backup_task` (DBA_OB_BACKUP_TASKS / _TASK_HISTORY, §3.2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupTask {
    pub tenant_id: u64,
    pub task_id: u64,
    pub job_id: u64,
    pub incarnation: u64,
    pub backup_set_id: u64,
    pub start_ts: Micros,
    pub end_ts: Micros,
    pub status: TaskStatus,
    pub start_scn: u64,
    pub end_scn: u64,
    pub user_ls_start_scn: u64,
    pub encryption: Encryption,
    /// What the copy did and does: the counters a task and its set share.
    pub copy: CopyCounters,
    pub result: i32,
    pub comment: String,
    pub path: String,
    pub log_file_count: u64,
    pub finish_log_file_count: u64,
    /// The macroblocks this set copies, in copy order (sys blocks first).
    pub plan: Vec<u32>,
    /// Bytes still to copy in the current phase, carried across steps so rate is exact.
    pub carry_bytes: u64,
    /// When the current phase may end (meta phases take a moment).
    pub phase_until: Micros,
}

/// A row of `__all_backup_set_files` (DBA_OB_BACKUP_SET_FILES, §3.3), plus what the simulator
/// needs to restore from it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupSet {
    pub tenant_id: u64,
    pub backup_set_id: u64,
    pub dest_id: u64,
    pub incarnation: u64,
    pub backup_type: BackupType,
    pub prev_full_backup_set_id: u64,
    pub prev_inc_backup_set_id: u64,
    pub start_ts: Micros,
    pub end_ts: Micros,
    pub status: SetStatus,
    pub file_status: FileStatus,
    pub plus_archivelog: bool,
    pub start_replay_scn: u64,
    pub min_restore_scn: u64,
    /// What the copy did and does: the counters a task and its set share.
    pub copy: CopyCounters,
    pub result: i32,
    pub comment: String,
    pub encryption: Encryption,
    pub tenant_compatible: String,
    pub backup_compatible: u64,
    pub path: String,
    pub cluster_version: String,
    pub consistent_scn: u64,
    /// The snapshot this set captures: block states as of this SCN (= task START_SCN).
    pub snapshot_scn: u64,
    /// Blocks this set holds its own copy of, ascending (all blocks for a FULL).
    pub copied_blocks: Vec<u32>,
}

impl BackupSet {
    /// `backup_set_<id>_<full|inc>`
    pub fn dir_name(&self) -> String {
        format!(
            "backup_set_{}_{}",
            self.backup_set_id,
            self.backup_type.dir_word()
        )
    }

    pub fn is_usable_base(&self) -> bool {
        self.status == SetStatus::Success && self.file_status == FileStatus::Available
    }
}

/// The configured data backup destination of a tenant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataDest {
    /// The normalised root path (what the PATH columns show).
    pub path: String,
    /// As the user typed it (DBA_OB_BACKUP_PARAMETER shows it without credentials).
    pub dest_id: u64,
}

/// `ADD DELETE BACKUP POLICY` (DBA_OB_BACKUP_DELETE_POLICY).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeletePolicy {
    pub name: String,
    /// As typed; empty for a REDUNDANCY-only policy, which the hourly trigger cannot parse
    /// (`cleanup::recovery_window_micros`), so it never deletes anything (R§14.1).
    pub recovery_window: String,
}

/// Backup bookkeeping of one tenant (what its meta tenant stores; the sys tenant's own for
/// CLUSTER jobs).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantBackup {
    pub data_dest: Option<DataDest>,
    pub jobs: Vec<BackupJob>,
    pub job_history: Vec<BackupJob>,
    pub tasks: Vec<BackupTask>,
    pub task_history: Vec<BackupTask>,
    pub sets: Vec<BackupSet>,
    pub delete_policy: Option<DeletePolicy>,
    /// Running delete jobs (DBA_OB_BACKUP_DELETE_JOBS) and finished ones (_JOB_HISTORY).
    pub delete_jobs: Vec<cleanup::DeleteJob>,
    pub delete_job_history: Vec<cleanup::DeleteJob>,
    /// Their tasks, one per set or piece (DBA_OB_BACKUP_DELETE_TASKS / _TASK_HISTORY).
    #[serde(default)]
    pub delete_tasks: Vec<cleanup::DeleteTask>,
    #[serde(default)]
    pub delete_task_history: Vec<cleanup::DeleteTask>,
    /// `__all_backup_info` sequences: the last id handed out (§2.9).
    pub last_job_id: u64,
    pub last_task_id: u64,
    pub last_backup_set_id: u64,
    /// Per-tenant dest ids (start at 1001), by normalised path.
    pub dest_ids: Vec<(String, u64)>,
}

impl TenantBackup {
    /// The id of a destination path, allocating the next one for a new path.
    pub fn dest_id_for(&mut self, path: &str) -> u64 {
        if let Some((_, id)) = self.dest_ids.iter().find(|(p, _)| p == path) {
            return *id;
        }
        let id = 1001 + self.dest_ids.len() as u64;
        self.dest_ids.push((path.to_string(), id));
        id
    }

    pub fn next_job_id(&mut self) -> u64 {
        self.last_job_id += 1;
        self.last_job_id
    }

    pub fn next_task_id(&mut self) -> u64 {
        self.last_task_id += 1;
        self.last_task_id
    }

    pub fn next_backup_set_id(&mut self) -> u64 {
        self.last_backup_set_id += 1;
        self.last_backup_set_id
    }

    pub fn job(&self, job_id: u64) -> Option<&BackupJob> {
        self.jobs.iter().find(|j| j.job_id == job_id)
    }

    pub fn set(&self, set_id: u64) -> Option<&BackupSet> {
        self.sets.iter().find(|s| s.backup_set_id == set_id)
    }

    /// The set task that writes (or wrote) set `set_id`, while it is in `tasks`.
    pub fn task_of(&self, set_id: u64) -> Option<&BackupTask> {
        self.tasks.iter().find(|t| t.backup_set_id == set_id)
    }

    /// The sets as chains, in id order: each chain starts with a FULL (or an incremental whose
    /// base is gone) and goes on with the incrementals built on it, each over the one before
    /// (PREV_INC_BACKUP_SET_ID). What the dashboards draw and what a restore walks.
    pub fn chains(&self) -> Vec<Vec<&BackupSet>> {
        let mut sets: Vec<&BackupSet> = self.sets.iter().collect();
        crate::order::sort_by_key(&mut sets, |s| s.backup_set_id);
        let mut chains: Vec<Vec<&BackupSet>> = Vec::new();
        for s in sets {
            let link = (s.backup_type == BackupType::Inc)
                .then(|| {
                    chains.iter().position(|ch| {
                        ch.iter()
                            .any(|x| x.backup_set_id == s.prev_inc_backup_set_id)
                    })
                })
                .flatten();
            match link {
                Some(i) => chains[i].push(s),
                None => chains.push(vec![s]),
            }
        }
        chains
    }

    /// The newest SUCCESS/AVAILABLE set at `path` (§2.6: L, the base of an incremental).
    pub fn latest_usable_set(&self, path: &str) -> Option<&BackupSet> {
        self.sets
            .iter()
            .filter(|s| s.is_usable_base() && s.path == path)
            .max_by_key(|s| s.backup_set_id)
    }
}

/// The PASSWD digest: `*` + SHA1(SHA1(password)) as 40 lower-case hex digits (§2.10).
pub fn passwd_digest(password: &str) -> String {
    use sha1::{Digest, Sha1};
    let stage1 = Sha1::digest(password.as_bytes());
    let stage2 = Sha1::digest(stage1);
    let mut out = String::with_capacity(41);
    out.push('*');
    for b in stage2 {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwd_digest_matches_the_reference_sample() {
        assert_eq!(
            passwd_digest("123456"),
            "*6bb4837eb74329105ee4568dda7dc67ed2ca2ad9"
        );
    }

    #[test]
    fn dest_ids_start_at_1001_and_are_stable_per_path() {
        let mut b = TenantBackup::default();
        assert_eq!(b.dest_id_for("file:///a"), 1001);
        assert_eq!(b.dest_id_for("file:///b"), 1002);
        assert_eq!(b.dest_id_for("file:///a"), 1001);
    }
}
