//! The hourly trigger and the delete job and task state machines (R§14.2):
//!
//! ```text
//! job   INIT ─(1–3 s: select; −9069 → FAILED)─▶ DOING (tasks created) ─(all tasks done)─▶ COMPLETED
//!       INIT|DOING ─CANCEL DELETE BACKUP─▶ CANCELING ─▶ CANCELED (RESULT −4072)
//!       COMPLETED|FAILED|CANCELED ─(next step)─▶ _JOB_HISTORY, with its tasks
//! task  INIT ─(next step; item DELETING)─▶ DOING ─(1–3 s; files removed, item DELETED)─▶ COMPLETED
//!       INIT|DOING ─cancel─▶ CANCELED (an item already DELETING stays so: the next job takes it)
//! ```
//!
//! Invariant: a job's step either sets its next `next_step_at` or moves it to history; an item
//! is DELETED only when its files are gone from the medium, in the same step.

use super::selection::{obsolete_pieces, obsolete_sets};
use super::{DeleteJob, DeleteTask, DeleteTaskType};
use crate::backup::{FileStatus, JobStatus};
use crate::cluster::Cluster;
use crate::error::{code, ob_message};
use crate::medium::join;
use crate::sim::{Micros, SECOND, Stream};

/// How often a running delete job is looked at (a scheduler round).
const STEP: Micros = SECOND;

/// One set or piece a job will delete: what its task row shows.
struct Item {
    task_type: DeleteTaskType,
    id: u64,
    round_id: u64,
    dest_id: u64,
    root: String,
}

impl Cluster {
    /// `ObBackupAutoObsoleteDeleteTrigger`: every user tenant with a readable policy and no
    /// delete job running gets a job, even when nothing is due (R§16.12: TASK_COUNT 0).
    pub(super) fn trigger_obsolete_delete(&mut self) {
        let now = self.now();
        let due: Vec<(u64, Micros)> = self
            .user_tenants()
            .filter(|t| t.is_normal())
            .filter_map(|t| self.cleanup_window(t.id).map(|w| (t.id, w)))
            .collect();
        for (t, window) in due {
            let running = self
                .tenant_backup(t)
                .is_some_and(|b| b.delete_jobs.iter().any(|j| !j.status.is_finished()));
            if running {
                continue;
            }
            let delay = self.rng.range(Stream::Durations, SECOND, 3 * SECOND);
            let b = self.tenant_backup_mut(t);
            let job_id = b.next_job_id();
            b.delete_jobs.push(DeleteJob {
                tenant_id: t,
                job_id,
                incarnation: 1,
                initiator_tenant_id: t,
                initiator_job_id: 0,
                parameter: now.saturating_sub(window),
                start_ts: now,
                end_ts: 0,
                status: JobStatus::Init,
                task_count: 0,
                success_task_count: 0,
                result: 0,
                comment: String::new(),
                next_step_at: now + delay,
            });
        }
    }

    /// Every delete job whose step is due, tenant by tenant, oldest job first.
    pub(super) fn step_delete_jobs(&mut self) {
        let now = self.now();
        let due: Vec<(u64, u64)> = self
            .backup
            .iter()
            .flat_map(|(t, b)| {
                b.delete_jobs
                    .iter()
                    .filter(|j| j.next_step_at <= now)
                    .map(|j| (*t, j.job_id))
            })
            .collect();
        for (t, job_id) in due {
            self.step_delete_job(t, job_id);
        }
    }

    fn delete_job_mut(&mut self, tenant_id: u64, job_id: u64) -> Option<&mut DeleteJob> {
        self.backup
            .get_mut(&tenant_id)?
            .delete_jobs
            .iter_mut()
            .find(|j| j.job_id == job_id)
    }

    fn step_delete_job(&mut self, tenant_id: u64, job_id: u64) {
        let Some(status) = self.delete_job_mut(tenant_id, job_id).map(|j| j.status) else {
            return;
        };
        match status {
            JobStatus::Init => self.select_and_plan(tenant_id, job_id),
            JobStatus::Doing => self.step_delete_tasks(tenant_id, job_id),
            JobStatus::Canceling => self.cancel_delete_tasks(tenant_id, job_id),
            JobStatus::Completed | JobStatus::Failed | JobStatus::Canceled => {
                self.move_delete_job_to_history(tenant_id, job_id);
                return;
            }
        }
        let next = self.now() + STEP;
        if let Some(j) = self.delete_job_mut(tenant_id, job_id) {
            j.next_step_at = next;
        }
    }

    /// What a job deletes: (type, id, round, dest id, root) per item, sets then pieces in id
    /// order; Err(−9069) when a piece it would delete is still being written.
    fn plan_delete(&self, tenant_id: u64, parameter: Micros) -> Result<Vec<Item>, i32> {
        let Some(b) = self.tenant_backup(tenant_id) else {
            return Ok(Vec::new());
        };
        let data_path = b.data_dest.as_ref().map(|d| d.path.as_str());
        let sets = obsolete_sets(&b.sets, data_path, parameter);
        let archive = self.archive.get(&tenant_id);
        let root = archive
            .and_then(|a| a.dest.as_ref())
            .map(|d| d.path.as_str());
        let pieces: Vec<_> = archive
            .map(|a| a.all_rounds().flat_map(|r| r.pieces()).collect())
            .unwrap_or_default();
        let pieces = obsolete_pieces(&pieces, root, sets.clean_replay_scn)
            .map_err(|_| code::OB_BACKUP_DELETE_BACKUP_PIECE_NOT_ALLOWED)?;
        let sets = sets
            .delete
            .iter()
            .filter_map(|id| b.set(*id))
            .map(|s| Item {
                task_type: DeleteTaskType::BackupSet,
                id: s.backup_set_id,
                round_id: 0,
                dest_id: s.dest_id,
                root: s.path.clone(),
            });
        let pieces = pieces.into_iter().map(|p| Item {
            task_type: DeleteTaskType::BackupPiece,
            id: p.piece_id,
            round_id: p.round_id,
            dest_id: p.dest_id,
            root: p.root,
        });
        Ok(sets.chain(pieces).collect())
    }

    /// INIT → DOING with one task per obsolete set and piece, or FAILED (−9069).
    fn select_and_plan(&mut self, tenant_id: u64, job_id: u64) {
        let now = self.now();
        let Some(parameter) = self.delete_job_mut(tenant_id, job_id).map(|j| j.parameter) else {
            return;
        };
        let items = match self.plan_delete(tenant_id, parameter) {
            Ok(items) => items,
            Err(rc) => {
                let comment = self.clean_failure_comment(tenant_id, rc);
                if let Some(j) = self.delete_job_mut(tenant_id, job_id) {
                    j.status = JobStatus::Failed;
                    j.result = rc;
                    j.comment = comment;
                    j.end_ts = now;
                }
                return;
            }
        };
        let ls_count = self
            .storage
            .get(&tenant_id)
            .map_or(1, |s| s.log_streams.len() as u64);
        let count = items.len() as u64;
        let b = self.tenant_backup_mut(tenant_id);
        for item in items {
            let task_id = b.next_task_id();
            b.delete_tasks.push(DeleteTask {
                tenant_id,
                task_id,
                incarnation: 1,
                job_id,
                task_type: item.task_type,
                id: item.id,
                round_id: item.round_id,
                dest_id: item.dest_id,
                start_ts: now,
                end_ts: 0,
                status: JobStatus::Init,
                total_ls_count: ls_count,
                finish_ls_count: 0,
                result: 0,
                comment: String::new(),
                path: item.root,
                doing_since: 0,
                finish_at: 0,
            });
        }
        if let Some(j) = self.delete_job_mut(tenant_id, job_id) {
            j.status = JobStatus::Doing;
            j.task_count = count;
        }
    }

    /// A DOING job's round: tasks whose deletion is done complete, INIT tasks start (their
    /// item becomes DELETING), and the job completes once every task has.
    fn step_delete_tasks(&mut self, tenant_id: u64, job_id: u64) {
        let now = self.now();
        let ids: Vec<(u64, JobStatus)> = self
            .tenant_backup(tenant_id)
            .map(|b| {
                b.delete_tasks
                    .iter()
                    .filter(|t| t.job_id == job_id)
                    .map(|t| (t.task_id, t.status))
                    .collect()
            })
            .unwrap_or_default();
        for (task_id, status) in &ids {
            match status {
                JobStatus::Doing => self.advance_delete_task(tenant_id, *task_id),
                JobStatus::Init => {
                    let took = self.rng.range(Stream::Durations, SECOND, 3 * SECOND);
                    let Some(task) = self.delete_task_mut(tenant_id, *task_id) else {
                        continue;
                    };
                    task.status = JobStatus::Doing;
                    task.doing_since = now;
                    task.finish_at = now + took;
                    let task = task.clone();
                    self.mark_item(&task, FileStatus::Deleting);
                }
                _ => {}
            }
        }
        let (done, all) = self.tenant_backup(tenant_id).map_or((0, 0), |b| {
            let tasks = b.delete_tasks.iter().filter(|t| t.job_id == job_id);
            let done = tasks.clone().filter(|t| t.status == JobStatus::Completed);
            (done.count(), tasks.count())
        });
        let all_done = done == all;
        if let Some(j) = self.delete_job_mut(tenant_id, job_id) {
            j.success_task_count = done as u64;
            if all_done {
                j.status = JobStatus::Completed;
                j.end_ts = now;
            }
        }
    }

    fn delete_task_mut(&mut self, tenant_id: u64, task_id: u64) -> Option<&mut DeleteTask> {
        self.backup
            .get_mut(&tenant_id)?
            .delete_tasks
            .iter_mut()
            .find(|t| t.task_id == task_id)
    }

    /// A DOING task: its log streams finish in proportion to the time it takes; at its end the
    /// item's files go and the item is DELETED.
    fn advance_delete_task(&mut self, tenant_id: u64, task_id: u64) {
        let now = self.now();
        let Some(task) = self.delete_task_mut(tenant_id, task_id) else {
            return;
        };
        if now < task.finish_at {
            let took = task.finish_at - task.doing_since;
            let elapsed = now.saturating_sub(task.doing_since);
            task.finish_ls_count = task.total_ls_count * elapsed / took.max(1);
            return;
        }
        task.status = JobStatus::Completed;
        task.finish_ls_count = task.total_ls_count;
        task.end_ts = now;
        let task = task.clone();
        self.remove_item_files(&task);
        self.mark_item(&task, FileStatus::Deleted);
    }

    /// CANCELING → CANCELED: unfinished tasks are canceled where they stand.
    fn cancel_delete_tasks(&mut self, tenant_id: u64, job_id: u64) {
        let now = self.now();
        let b = self.tenant_backup_mut(tenant_id);
        for t in b
            .delete_tasks
            .iter_mut()
            .filter(|t| t.job_id == job_id && !t.status.is_finished())
        {
            t.status = JobStatus::Canceled;
            t.result = code::OB_CANCELED;
            t.end_ts = now;
        }
        if let Some(j) = self.delete_job_mut(tenant_id, job_id) {
            j.status = JobStatus::Canceled;
            j.result = code::OB_CANCELED;
            j.end_ts = now;
        }
    }

    fn move_delete_job_to_history(&mut self, tenant_id: u64, job_id: u64) {
        let b = self.tenant_backup_mut(tenant_id);
        let Some(pos) = b.delete_jobs.iter().position(|j| j.job_id == job_id) else {
            return;
        };
        let job = b.delete_jobs.remove(pos);
        let (ended, running): (Vec<DeleteTask>, Vec<DeleteTask>) =
            std::mem::take(&mut b.delete_tasks)
                .into_iter()
                .partition(|t| t.job_id == job_id);
        b.delete_tasks = running;
        b.delete_task_history.extend(ended);
        b.delete_job_history.push(job);
    }

    /// FILE_STATUS of the set or piece a task deletes.
    fn mark_item(&mut self, task: &DeleteTask, status: FileStatus) {
        match task.task_type {
            DeleteTaskType::BackupSet => {
                let b = self.tenant_backup_mut(task.tenant_id);
                if let Some(s) = b.sets.iter_mut().find(|s| s.backup_set_id == task.id) {
                    s.file_status = status;
                }
            }
            DeleteTaskType::BackupPiece => {
                let Some(a) = self.archive.get_mut(&task.tenant_id) else {
                    return;
                };
                let round = a
                    .history
                    .iter_mut()
                    .chain(a.round.iter_mut())
                    .find(|r| r.round_id == task.round_id && r.dest_id == task.dest_id);
                if let Some(r) = round {
                    r.piece_file_status.retain(|(id, _)| *id != task.id);
                    r.piece_file_status.push((task.id, status));
                }
            }
        }
    }

    /// Removes a set's directory, or a piece's directory and its `pieces/` start marker.
    fn remove_item_files(&mut self, task: &DeleteTask) {
        match task.task_type {
            DeleteTaskType::BackupSet => {
                let dir = self
                    .tenant_backup(task.tenant_id)
                    .and_then(|b| b.set(task.id))
                    .map(|s| join(&s.path, &s.dir_name()));
                if let Some(dir) = dir {
                    self.medium.remove_prefix(&dir);
                }
            }
            DeleteTaskType::BackupPiece => {
                let name = format!("piece_d{}r{}p{}", task.dest_id, task.round_id, task.id);
                self.medium.remove_prefix(&join(&task.path, &name));
                let markers = join(&task.path, "pieces");
                let start = format!("{name}_start_");
                for (file, _) in self.medium.list(&markers) {
                    if file.starts_with(&start) {
                        self.medium.remove(&join(&markers, &file));
                    }
                }
            }
        }
    }

    /// A failed delete job's COMMENT, as `ObHAResultInfo::get_comment_str` prints a
    /// RootService failure (B§2.7; the format for −9069 is an ASSUME).
    fn clean_failure_comment(&self, tenant_id: u64, ob_code: i32) -> String {
        let addr = self.servers.first().map(|s| s.addr()).unwrap_or_default();
        let trace = format!("YB420A000001-{:016X}-0-0", self.now() ^ tenant_id);
        format!(
            "(ROOTSERVICE)addr: {addr}, result: {ob_code}({}), trace_id: {trace}",
            ob_message(ob_code)
        )
    }
}
