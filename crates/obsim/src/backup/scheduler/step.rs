//! The job and set-task state machines, one `Event::JobStep` at a time (§2.5, §2.7, §2.8).
//!
//! Invariant: every step of a live job either schedules the job's next `JobStep` or ends the job
//! (`finish.rs`); a step for a job that is gone (a stale wake-up after cancel) does nothing.

use crate::archive::RoundState;
use crate::backup::{
    BackupJob, BackupSet, BackupTask, BackupType, CopyCounters, FileStatus, JobLevel, JobStatus,
    SetStatus, TaskStatus,
};
use crate::cluster::{Cluster, Event, SYS_TENANT_ID};
use crate::error::{ObError, ObResult, code};
use crate::sim::{Micros, SECOND, Stream, micros_of_scn};

use super::BackupRequest;

/// How often a running job is looked at.
pub(crate) const STEP: Micros = SECOND;
/// Meta bytes per tablet (tablet meta, index entries).
const META_BYTES_PER_TABLET: u64 = 16 << 10;

/// The state machines: `step_job` (called for `Event::JobStep`) moves a sys job (fan-out,
/// waiting for its children, cancel) or a user job and its set task one step on.
impl Cluster {
    /// One step of a job (`Event::JobStep`): the sys cluster job or a user tenant's job.
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
                return Err(ObError::log_archive_interrupted());
            }
            _ => {
                return Err(ObError::log_archive_not_running());
            }
        }
        if self.medium.is_unreachable(path) {
            return Err(ObError::backup_dest_not_connect());
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
        // The task and its set start from the same counters (turn ids start at 1).
        let copy = CopyCounters {
            tablet_count,
            macro_block_count,
            meta_turn_id: 1,
            data_turn_id: 1,
            minor_turn_id: 1,
            major_turn_id: 1,
            ..CopyCounters::default()
        };
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
            copy: copy.clone(),
            result: 0,
            comment: String::new(),
            path: job.path.clone(),
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
            copy,
            result: 0,
            comment: String::new(),
            encryption: job.encryption.clone(),
            tenant_compatible: data_version,
            backup_compatible: 4,
            path: job.path.clone(),
            cluster_version: version,
            consistent_scn: 0,
            snapshot_scn: start_scn,
            copied_blocks: Vec::new(),
        });
        self.write_set_start_file(job);
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
                    t.copy.extra_meta_bytes = t.copy.tablet_count * META_BYTES_PER_TABLET;
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
                        t.copy.finish_tablet_count = t.copy.tablet_count;
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

    pub(super) fn update_job(
        &mut self,
        tenant_id: u64,
        job_id: u64,
        f: impl FnOnce(&mut BackupJob),
    ) {
        if let Some(j) = self
            .tenant_backup_mut(tenant_id)
            .jobs
            .iter_mut()
            .find(|j| j.job_id == job_id)
        {
            f(j);
        }
    }

    pub(super) fn update_task(
        &mut self,
        tenant_id: u64,
        task_id: u64,
        f: impl FnOnce(&mut BackupTask),
    ) {
        if let Some(t) = self
            .tenant_backup_mut(tenant_id)
            .tasks
            .iter_mut()
            .find(|t| t.task_id == task_id)
        {
            f(t);
        }
    }
}
