//! The backup scheduler: start checks (§2.3, §2.4), the sys fan-out (§2.5), INC→FULL (§2.6),
//! the job and set-task state machines (§2.7, §2.8), cancel (§1.3) and what a set writes to its
//! destination (§2.11).

use super::{
    BackupJob, BackupSet, BackupTask, BackupType, DataDest, Encryption, FileStatus, JobLevel,
    JobStatus, SetStatus, TaskStatus,
};
use crate::archive::RoundState;
use crate::calendar::time_tag;
use crate::cluster::{Cluster, Event, SYS_TENANT_ID};
use crate::error::{ObError, ObResult, code, ob_message};
use crate::medium::{DestType, FormatFile, join};
use crate::sim::{Micros, SECOND, Stream, micros_of_scn};
use crate::storage::MACRO_BLOCK_SIZE;

/// What a BACKUP statement asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupRequest {
    pub backup_type: BackupType,
    pub plus_archivelog: bool,
    pub description: String,
    pub encryption: Encryption,
}

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
/// How often a running job is looked at.
pub(crate) const STEP: Micros = SECOND;
/// Meta bytes per tablet (tablet meta, index entries).
const META_BYTES_PER_TABLET: u64 = 16 << 10;

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

    // --- destinations ----------------------------------------------------------------------

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

    /// A destination must be empty or hold this tenant's format file of the same type (9080 /
    /// 9081, 4.3.3 texts).
    pub(crate) fn check_format(&self, tenant_id: u64, path: &str, ty: DestType) -> ObResult<()> {
        if self.medium.is_unreachable(path) {
            return Err(ObError::ob(-9070, "can not connect to backup destination"));
        }
        match self.medium.format_of(path) {
            Some(f) if f.tenant_id == tenant_id && f.dest_type == ty => Ok(()),
            Some(_) => Err(ObError::ob(
                -9081,
                "format file does not match, try to set a new directory.",
            )),
            None if !self.medium.is_empty_dir(path) => Err(ObError::ob(
                -9080,
                "format file does not exist, try to set a new directory.",
            )),
            None => Ok(()),
        }
    }

    pub(crate) fn write_dest_files(&mut self, tenant_id: u64, path: &str, ty: DestType) {
        if self.medium.format_of(path).is_none() {
            self.medium.write_format(
                path,
                FormatFile {
                    tenant_id,
                    dest_type: ty,
                },
            );
        }
        let tag = time_tag(self.now());
        let ext = if ty == DestType::Data {
            "obbak"
        } else {
            "obarc"
        };
        self.medium.write(
            join(
                path,
                &format!("check_file/{tenant_id}_connect_file_{tag}.{ext}"),
            ),
            64,
        );
    }

    // --- starting ---------------------------------------------------------------------------

    fn archive_is_doing(&self, tenant_id: u64) -> bool {
        self.archive.get(&tenant_id).is_some_and(|a| a.is_doing())
    }

    /// Does this tenant already have a job started by `initiator` (§2.5: per initiator)?
    fn has_job_from(&self, tenant_id: u64, initiator: u64) -> bool {
        self.tenant_backup(tenant_id)
            .is_some_and(|b| b.jobs.iter().any(|j| j.initiator_tenant_id == initiator))
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

    fn start_tenant_backup_inner(
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

    fn start_sys_backup_inner(
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

    // --- cancel ---------------------------------------------------------------------------

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

    // --- the state machines ---------------------------------------------------------------

    pub(crate) fn step_job(&mut self, tenant_id: u64, job_id: u64) {
        let Some(job) = self
            .tenant_backup(tenant_id)
            .and_then(|b| b.job(job_id))
            .cloned()
        else {
            return; // finished meanwhile (e.g. a stale wake-up after cancel)
        };
        if job.job_level == JobLevel::Cluster && tenant_id == SYS_TENANT_ID {
            self.step_sys_job(job);
        } else {
            self.step_user_job(job);
        }
    }

    fn step_sys_job(&mut self, job: BackupJob) {
        let now = self.now();
        let children_alive = |c: &Cluster| {
            job.executor_tenant_ids.iter().any(|&t| {
                c.tenant(t).is_some_and(|x| x.is_normal())
                    && c.tenant_backup(t).is_some_and(|b| {
                        b.jobs.iter().any(|j| {
                            j.initiator_tenant_id == SYS_TENANT_ID
                                && j.initiator_job_id == job.job_id
                        })
                    })
            })
        };
        match job.status {
            JobStatus::Init => {
                let req = BackupRequest {
                    backup_type: job.backup_type,
                    plus_archivelog: job.plus_archivelog,
                    description: job.description.clone(),
                    encryption: job.encryption.clone(),
                };
                let mut started = job.children_started.clone();
                for &t in &job.executor_tenant_ids {
                    if started.contains(&t) || !self.tenant(t).is_some_and(|x| x.is_normal()) {
                        continue;
                    }
                    match self.start_tenant_backup_inner(t, SYS_TENANT_ID, job.job_id, &req) {
                        Ok(_) => started.push(t),
                        Err(e) => {
                            // Non-retryable: logged and skipped; the sys job never sees it.
                            self.rs_event(
                                "backup_data",
                                "handle_user_tenant_backup_failed",
                                t,
                                e.ob_code,
                                format!("job_id={}", job.job_id),
                            );
                            started.push(t);
                        }
                    }
                }
                self.update_job(SYS_TENANT_ID, job.job_id, |j| {
                    j.children_started = started;
                    j.status = JobStatus::Doing;
                });
                self.schedule(
                    now + STEP,
                    Event::JobStep {
                        tenant_id: SYS_TENANT_ID,
                        job_id: job.job_id,
                    },
                );
            }
            JobStatus::Doing => {
                if children_alive(self) {
                    self.schedule(
                        now + STEP,
                        Event::JobStep {
                            tenant_id: SYS_TENANT_ID,
                            job_id: job.job_id,
                        },
                    );
                } else {
                    let status = if job.result == 0 {
                        JobStatus::Completed
                    } else {
                        JobStatus::Failed
                    };
                    self.finish_job(
                        SYS_TENANT_ID,
                        job.job_id,
                        status,
                        job.result,
                        job.comment.clone(),
                    );
                }
            }
            JobStatus::Canceling => {
                let mut woken = Vec::new();
                for &t in &job.executor_tenant_ids {
                    if let Some(b) = self.backup.get_mut(&t) {
                        for j in b.jobs.iter_mut().filter(|j| {
                            j.initiator_tenant_id == SYS_TENANT_ID
                                && j.initiator_job_id == job.job_id
                                && matches!(j.status, JobStatus::Init | JobStatus::Doing)
                        }) {
                            j.status = JobStatus::Canceling;
                            woken.push((t, j.job_id));
                        }
                    }
                }
                for (t, id) in woken {
                    self.schedule(
                        now + SECOND / 2,
                        Event::JobStep {
                            tenant_id: t,
                            job_id: id,
                        },
                    );
                }
                if children_alive(self) {
                    self.schedule(
                        now + STEP,
                        Event::JobStep {
                            tenant_id: SYS_TENANT_ID,
                            job_id: job.job_id,
                        },
                    );
                } else {
                    self.finish_job(
                        SYS_TENANT_ID,
                        job.job_id,
                        JobStatus::Canceled,
                        code::OB_CANCELED,
                        String::new(),
                    );
                }
            }
            _ => {}
        }
    }

    fn step_user_job(&mut self, job: BackupJob) {
        let tenant_id = job.tenant_id;
        let now = self.now();
        match job.status {
            JobStatus::Init => {
                if let Err(e) = self.check_dest_and_archive(tenant_id, &job.path) {
                    self.fail_job(tenant_id, job.job_id, e.ob_code);
                    return;
                }
                self.create_set_task(&job);
                self.update_job(tenant_id, job.job_id, |j| j.status = JobStatus::Doing);
                self.schedule(
                    now + STEP,
                    Event::JobStep {
                        tenant_id,
                        job_id: job.job_id,
                    },
                );
            }
            JobStatus::Doing => self.step_task(&job),
            JobStatus::Canceling => {
                self.finish_job(
                    tenant_id,
                    job.job_id,
                    JobStatus::Canceled,
                    code::OB_CANCELED,
                    String::new(),
                );
            }
            _ => {}
        }
    }

    /// `check_can_backup_` and the dest validity check: the archive must still be DOING (else
    /// −9029, or −9027 when INTERRUPTED) and the destination reachable with its format file.
    fn check_dest_and_archive(&self, tenant_id: u64, path: &str) -> ObResult<()> {
        match self.archive.get(&tenant_id).and_then(|a| a.round_state()) {
            Some(RoundState::Doing) => {}
            Some(RoundState::Interrupted) => {
                return Err(ObError::ob(
                    code::OB_LOG_ARCHIVE_INTERRUPTED,
                    ob_message(code::OB_LOG_ARCHIVE_INTERRUPTED),
                ));
            }
            _ => {
                return Err(ObError::ob(
                    code::OB_LOG_ARCHIVE_NOT_RUNNING,
                    ob_message(code::OB_LOG_ARCHIVE_NOT_RUNNING),
                ));
            }
        }
        if self.medium.is_unreachable(path) {
            return Err(ObError::ob(
                code::OB_BACKUP_DEST_NOT_CONNECT,
                ob_message(code::OB_BACKUP_DEST_NOT_CONNECT),
            ));
        }
        Ok(())
    }

    /// INIT → DOING: the set task and the set file row, with the copy plan (§2.7, §6.3).
    fn create_set_task(&mut self, job: &BackupJob) {
        let tenant_id = job.tenant_id;
        let now = self.now();
        // The snapshot sees every background write up to now.
        self.sync_storage(tenant_id);
        let start_scn = self.clock.next_scn();
        let data_version = self
            .tenant(tenant_id)
            .map(|t| t.data_version.clone())
            .unwrap_or_default();
        let version = self.version.clone();
        let Some(storage) = self.storage.get(&tenant_id) else {
            return;
        };
        let (prev_full, prev_inc, base_scn) = match job.backup_type {
            BackupType::Full => (0, 0, None),
            BackupType::Inc => match self
                .tenant_backup(tenant_id)
                .and_then(|b| b.latest_usable_set(&job.path))
            {
                Some(l) if l.backup_type == BackupType::Full => {
                    (l.backup_set_id, l.backup_set_id, Some(l.snapshot_scn))
                }
                Some(l) => (
                    l.prev_full_backup_set_id,
                    l.backup_set_id,
                    Some(l.snapshot_scn),
                ),
                None => (0, 0, None),
            },
        };
        // Sys tablets are always copied; user blocks all (FULL) or those changed since the base.
        let mut plan: Vec<u32> = storage.sys_block_range().collect();
        match base_scn {
            None => plan.extend(storage.sys_block_range().end..storage.block_count() as u32),
            Some(base) => plan.extend(storage.user_blocks_changed_between(base, start_scn)),
        }
        let tablet_count = storage.tablets.len() as u64;
        let macro_block_count = plan.len() as u64;
        let dest_id = self
            .tenant_backup(tenant_id)
            .and_then(|b| b.data_dest.as_ref())
            .map_or(0, |d| d.dest_id);
        let phase = self.rng.range(Stream::Durations, SECOND, 3 * SECOND);
        let backup = self.tenant_backup_mut(tenant_id);
        let task_id = backup.next_task_id();
        backup.tasks.push(BackupTask {
            tenant_id,
            task_id,
            job_id: job.job_id,
            incarnation: 1,
            backup_set_id: job.backup_set_id,
            start_ts: now,
            end_ts: 0,
            status: TaskStatus::Init,
            start_scn,
            end_scn: 0,
            user_ls_start_scn: 0,
            encryption: job.encryption.clone(),
            input_bytes: 0,
            output_bytes: 0,
            extra_meta_bytes: 0,
            tablet_count,
            finish_tablet_count: 0,
            macro_block_count,
            finish_macro_block_count: 0,
            file_count: 0,
            meta_turn_id: 1,
            data_turn_id: 1,
            result: 0,
            comment: String::new(),
            path: job.path.clone(),
            minor_turn_id: 1,
            major_turn_id: 1,
            log_file_count: 0,
            finish_log_file_count: 0,
            plan,
            carry_bytes: 0,
            phase_until: now + phase,
        });
        backup.sets.push(BackupSet {
            tenant_id,
            backup_set_id: job.backup_set_id,
            dest_id,
            incarnation: 1,
            backup_type: job.backup_type,
            prev_full_backup_set_id: prev_full,
            prev_inc_backup_set_id: prev_inc,
            start_ts: now,
            end_ts: 0,
            status: SetStatus::Doing,
            file_status: FileStatus::Copying,
            plus_archivelog: job.plus_archivelog,
            start_replay_scn: 0,
            min_restore_scn: 0,
            input_bytes: 0,
            output_bytes: 0,
            extra_meta_bytes: 0,
            tablet_count,
            finish_tablet_count: 0,
            macro_block_count,
            finish_macro_block_count: 0,
            file_count: 0,
            meta_turn_id: 1,
            data_turn_id: 1,
            result: 0,
            comment: String::new(),
            encryption: job.encryption.clone(),
            tenant_compatible: data_version,
            backup_compatible: 4,
            path: job.path.clone(),
            cluster_version: version,
            consistent_scn: 0,
            minor_turn_id: 1,
            major_turn_id: 1,
            snapshot_scn: start_scn,
            copied_blocks: Vec::new(),
        });
        let name = format!(
            "backup_set_{}_{}",
            job.backup_set_id,
            job.backup_type.dir_word()
        );
        self.medium.write(
            join(&job.path, &format!("backup_sets/{name}_start.obbak")),
            256,
        );
    }

    fn step_task(&mut self, job: &BackupJob) {
        let tenant_id = job.tenant_id;
        let now = self.now();
        // A copy of the task without its plan (up to millions of block numbers): the step needs
        // only the plan's length, and cloning it every simulated second dominated long backups.
        let Some((task, plan_len)) = self
            .tenant_backup_mut(tenant_id)
            .tasks
            .iter_mut()
            .find(|t| t.job_id == job.job_id)
            .map(|t| {
                let plan = std::mem::take(&mut t.plan);
                let copy = t.clone();
                let len = plan.len() as u64;
                t.plan = plan;
                (copy, len)
            })
        else {
            return;
        };
        if let Err(e) = self.check_dest_and_archive(tenant_id, &job.path) {
            self.fail_job(tenant_id, job.job_id, e.ob_code);
            return;
        }
        let phase_done = now >= task.phase_until;
        let next_phase = |c: &mut Cluster| now + c.rng.range(Stream::Durations, SECOND, 3 * SECOND);
        let mut wake = now + STEP;
        match task.status {
            TaskStatus::Init if phase_done => {
                let until = next_phase(self);
                self.update_task(tenant_id, task.task_id, |t| {
                    t.status = TaskStatus::BackupSysMeta;
                    t.phase_until = until;
                });
            }
            TaskStatus::BackupSysMeta if phase_done => {
                let until = next_phase(self);
                let scn = self.current_scn();
                self.update_task(tenant_id, task.task_id, |t| {
                    t.status = TaskStatus::BackupUserMeta;
                    t.user_ls_start_scn = scn;
                    t.extra_meta_bytes = t.tablet_count * META_BYTES_PER_TABLET;
                    t.phase_until = until;
                });
            }
            TaskStatus::BackupUserMeta if phase_done => {
                self.update_task(tenant_id, task.task_id, |t| {
                    t.status = TaskStatus::BackupMetaFinish;
                    t.phase_until = now;
                });
            }
            TaskStatus::BackupMetaFinish => {
                self.update_task(tenant_id, task.task_id, |t| {
                    t.status = TaskStatus::BackupUserData;
                    t.phase_until = now;
                });
            }
            TaskStatus::BackupUserData => {
                if self.medium.is_full(&job.path) {
                    self.fail_job(tenant_id, job.job_id, code::OB_BACKUP_DEVICE_OUT_OF_SPACE);
                    return;
                }
                let elapsed = now.saturating_sub(task.phase_until).max(1);
                if self.copy_blocks(&task, plan_len, elapsed) {
                    let until = next_phase(self);
                    let end_scn = self.clock.next_scn();
                    self.update_task(tenant_id, task.task_id, |t| {
                        t.status = TaskStatus::BackupFuseTabletMeta;
                        t.end_scn = end_scn;
                        t.finish_tablet_count = t.tablet_count;
                        t.phase_until = until;
                    });
                } else {
                    self.update_task(tenant_id, task.task_id, |t| t.phase_until = now);
                }
            }
            TaskStatus::BackupFuseTabletMeta if phase_done => {
                self.update_task(tenant_id, task.task_id, |t| {
                    t.status = TaskStatus::BeforeBackupLog;
                    t.phase_until = now;
                });
            }
            TaskStatus::BeforeBackupLog => {
                // PLUS ARCHIVELOG waits until the archive checkpoint passes END_SCN.
                let ready = !job.plus_archivelog
                    || self
                        .archive
                        .get(&tenant_id)
                        .and_then(|a| a.round.as_ref())
                        .is_some_and(|r| r.checkpoint_scn >= task.end_scn);
                if ready {
                    let until = next_phase(self);
                    let log_files = if job.plus_archivelog {
                        1 + (micros_of_scn(task.end_scn)
                            .saturating_sub(micros_of_scn(task.start_scn))
                            / (60 * SECOND))
                    } else {
                        0
                    };
                    self.update_task(tenant_id, task.task_id, |t| {
                        t.status = TaskStatus::BackupLog;
                        t.log_file_count = log_files;
                        t.phase_until = until;
                    });
                }
            }
            TaskStatus::BackupLog if phase_done => {
                self.update_task(tenant_id, task.task_id, |t| {
                    t.finish_log_file_count = t.log_file_count
                });
                self.complete_job(job);
                return;
            }
            _ => {
                wake = task.phase_until.max(now + SECOND / 4).min(now + STEP);
            }
        }
        self.schedule(
            wake,
            Event::JobStep {
                tenant_id,
                job_id: job.job_id,
            },
        );
    }

    /// Copies what `elapsed` µs of throughput allow. Returns true when the plan is done.
    fn copy_blocks(&mut self, task: &BackupTask, plan_len: u64, elapsed: Micros) -> bool {
        let rate = self.backup_throughput(task.tenant_id);
        let budget = task.carry_bytes + rate.saturating_mul(elapsed) / SECOND;
        let remaining = plan_len - task.finish_macro_block_count.min(plan_len);
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
            t.finish_macro_block_count += n;
            t.input_bytes += n * MACRO_BLOCK_SIZE;
            t.output_bytes = (t.input_bytes as f64 * ratio) as u64;
            t.finish_tablet_count =
                t.finish_macro_block_count * t.tablet_count / t.macro_block_count.max(1);
            t.file_count = t
                .output_bytes
                .div_ceil(file_size)
                .max(u64::from(t.finish_macro_block_count > 0));
            t.carry_bytes = carry;
        });
        n == remaining
    }

    /// Output/input ratio of a tenant's backups: blocks are compressed and sparsely filled.
    fn output_ratio(&self, tenant_id: u64) -> f64 {
        0.10 + (tenant_id % 7) as f64 * 0.02
    }

    fn update_job(&mut self, tenant_id: u64, job_id: u64, f: impl FnOnce(&mut BackupJob)) {
        if let Some(j) = self
            .tenant_backup_mut(tenant_id)
            .jobs
            .iter_mut()
            .find(|j| j.job_id == job_id)
        {
            f(j);
        }
    }

    fn update_task(&mut self, tenant_id: u64, task_id: u64, f: impl FnOnce(&mut BackupTask)) {
        if let Some(t) = self
            .tenant_backup_mut(tenant_id)
            .tasks
            .iter_mut()
            .find(|t| t.task_id == task_id)
        {
            f(t);
        }
    }

    /// A failure comment as `ObHAResultInfo::get_comment_str` prints it (§2.7).
    fn failure_comment(&self, tenant_id: u64, ob_code: i32) -> String {
        let addr = self.servers.first().map(|s| s.addr()).unwrap_or_default();
        let trace = format!("YB420A000001-{:016X}-0-0", self.now() ^ tenant_id);
        match ob_code {
            code::OB_LOG_ARCHIVE_NOT_RUNNING | code::OB_LOG_ARCHIVE_INTERRUPTED => format!(
                "(ROOTSERVICE)addr: {addr}, result: {ob_code}({}), trace_id: {trace}",
                ob_message(ob_code)
            ),
            _ => format!(
                "(SERVER)ls_id: 1001, addr: {addr}, module: BACKUP_DATA, result: {ob_code}({}), trace_id: {trace}",
                ob_message(ob_code)
            ),
        }
    }

    fn fail_job(&mut self, tenant_id: u64, job_id: u64, ob_code: i32) {
        let comment = self.failure_comment(tenant_id, ob_code);
        self.finish_job(tenant_id, job_id, JobStatus::Failed, ob_code, comment);
    }

    fn complete_job(&mut self, job: &BackupJob) {
        let tenant_id = job.tenant_id;
        let Some(task) = self
            .tenant_backup(tenant_id)
            .and_then(|b| b.tasks.iter().find(|t| t.job_id == job.job_id))
            .cloned()
        else {
            return;
        };
        let mut copied = task.plan.clone();
        copied.sort_unstable();
        if let Some(set) = self
            .tenant_backup_mut(tenant_id)
            .sets
            .iter_mut()
            .find(|s| s.backup_set_id == job.backup_set_id)
        {
            set.status = SetStatus::Success;
            set.file_status = FileStatus::Available;
            set.min_restore_scn = task.end_scn;
            set.start_replay_scn = task.start_scn;
            set.consistent_scn = task.end_scn;
            set.copied_blocks = copied;
        }
        self.write_set_files(tenant_id, job.backup_set_id, &task, true);
        self.finish_job(
            tenant_id,
            job.job_id,
            JobStatus::Completed,
            0,
            String::new(),
        );
    }

    /// Ends a job: the task and set follow, rows move to history, the initiator is told (§2.5).
    fn finish_job(
        &mut self,
        tenant_id: u64,
        job_id: u64,
        status: JobStatus,
        result: i32,
        comment: String,
    ) {
        let now = self.now();
        let backup = self.tenant_backup_mut(tenant_id);
        let Some(pos) = backup.jobs.iter().position(|j| j.job_id == job_id) else {
            return;
        };
        let mut job = backup.jobs.remove(pos);
        job.status = status;
        job.result = result;
        job.comment = comment.clone();
        job.end_ts = now;
        let task_status = match status {
            JobStatus::Completed => TaskStatus::Completed,
            JobStatus::Canceled => TaskStatus::Canceled,
            _ => TaskStatus::Failed,
        };
        let mut ended_task = None;
        if let Some(tpos) = backup.tasks.iter().position(|t| t.job_id == job_id) {
            let mut task = backup.tasks.remove(tpos);
            task.status = task_status;
            task.end_ts = now;
            task.result = result;
            task.comment = comment.clone();
            ended_task = Some(task.clone());
            backup.task_history.push(task);
        }
        if status != JobStatus::Completed
            && job.backup_set_id != 0
            && let Some(set) = backup
                .sets
                .iter_mut()
                .find(|s| s.backup_set_id == job.backup_set_id)
        {
            set.status = SetStatus::Failed;
            set.file_status = FileStatus::Incomplete;
            set.result = result;
            set.comment = comment;
        }
        if let Some(task) = &ended_task
            && let Some(set) = backup
                .sets
                .iter_mut()
                .find(|s| s.backup_set_id == job.backup_set_id)
        {
            set.end_ts = now;
            set.input_bytes = task.input_bytes;
            set.output_bytes = task.output_bytes;
            set.extra_meta_bytes = task.extra_meta_bytes;
            set.finish_tablet_count = task.finish_tablet_count;
            set.finish_macro_block_count = task.finish_macro_block_count;
            set.macro_block_count = task.macro_block_count;
            set.file_count = task.file_count;
        }
        let initiator = (job.initiator_tenant_id, job.initiator_job_id);
        let is_child = job.job_level == JobLevel::UserTenant && initiator.0 == SYS_TENANT_ID;
        backup.job_history.push(job.clone());
        if status != JobStatus::Completed
            && let Some(task) = ended_task
        {
            self.write_set_files(tenant_id, job.backup_set_id, &task, false);
        }
        // report_failed_to_initiator_: the first non-zero child result sticks on the sys job.
        if is_child && result != 0 {
            self.update_job(SYS_TENANT_ID, initiator.1, |sys| {
                if sys.result == 0 {
                    sys.result = result;
                }
            });
        }
        self.rs_event(
            "backup_data",
            "backup_data_job_finish",
            tenant_id,
            result,
            format!("job_id={job_id}"),
        );
    }

    /// What a set leaves on the medium (§2.11).
    fn write_set_files(&mut self, tenant_id: u64, set_id: u64, task: &BackupTask, success: bool) {
        let Some(set) = self
            .tenant_backup(tenant_id)
            .and_then(|b| b.set(set_id))
            .cloned()
        else {
            return;
        };
        let root = set.path.clone();
        let name = set.dir_name();
        let end_tag = time_tag(micros_of_scn(task.end_scn.max(task.start_scn)));
        let outcome = if success { "success" } else { "failed" };
        self.medium.write(
            join(
                &root,
                &format!("backup_sets/{name}_end_{outcome}_{end_tag}.obbak"),
            ),
            256,
        );
        let dir = join(&root, &name);
        if success {
            let start_tag = time_tag(micros_of_scn(task.start_scn));
            self.medium.write(
                join(&dir, &format!("{name}_{start_tag}_{end_tag}.obbak")),
                256,
            );
            for f in [
                "single_backup_set_info.obbak",
                "tenant_backup_set_infos.obbak",
                "infos/diagnose_info.obbak",
                "infos/locality_info.obbak",
                "infos/meta_info/ls_attr_info.1.obbak",
                "infos/meta_info/ls_meta_infos.obbak",
            ] {
                self.medium.write(join(&dir, f), 4096);
            }
            self.medium.write(
                join(
                    &dir,
                    &format!("infos/table_list/table_list.{}.1.obbak", task.end_scn),
                ),
                4096,
            );
            for kind in ["major", "minor"] {
                for f in [
                    "tablet_log_stream_info.obbak",
                    &format!("tenant_{kind}_data_macro_range_index.0.obbak"),
                    &format!("tenant_{kind}_data_meta_index.0.obbak"),
                    &format!("tenant_{kind}_data_sec_meta_index.0.obbak"),
                ] {
                    self.medium.write(
                        join(&dir, &format!("infos/{kind}_data_info_turn_1/{f}")),
                        8192,
                    );
                }
            }
            if set.plus_archivelog {
                self.medium
                    .write(join(&dir, "complement_log/format.obbak"), 512);
            }
        }
        // Data files per log stream, each up to backup_data_file_size.
        let ls_ids: Vec<u64> = self
            .storage
            .get(&tenant_id)
            .map(|s| s.log_streams.iter().map(|l| l.ls_id).collect())
            .unwrap_or_default();
        let file_size = self
            .params
            .get_capacity(tenant_id, "backup_data_file_size")
            .max(1);
        let per_ls = task.output_bytes / ls_ids.len().max(1) as u64;
        for ls in ls_ids {
            let ls_dir = join(&dir, &format!("logstream_{ls}"));
            self.medium.write(
                join(&ls_dir, "meta_info_turn_1_retry_0/ls_meta_info.obbak"),
                4096,
            );
            self.medium.write(
                join(&ls_dir, "meta_info_turn_1_retry_0/tablet_info.1.obbak"),
                4096,
            );
            let data_dir = if ls == 1 {
                "sys_data_turn_1_retry_0"
            } else {
                "major_data_turn_1_retry_0"
            };
            let files = per_ls.div_ceil(file_size).max(1);
            for n in 0..files {
                let size = if n + 1 == files {
                    per_ls - n * file_size
                } else {
                    file_size
                };
                self.medium.write(
                    join(&ls_dir, &format!("{data_dir}/macro_block_data.{n}.obbak")),
                    size,
                );
            }
            for f in [
                "macro_range_index.obbak",
                "meta_index.obbak",
                "sec_meta_index.obbak",
            ] {
                self.medium
                    .write(join(&ls_dir, &format!("{data_dir}/{f}")), 8192);
            }
        }
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
        let n = (task.finish_macro_block_count as usize).min(task.plan.len());
        &task.plan[..n]
    }
}

#[cfg(test)]
mod tests;
