//! Ending a job: completion, failure (with the comment OceanBase prints), cancel's end, the move
//! of job and task rows to history, and the report of a child's failure to its sys job (§2.5,
//! §2.7).
//!
//! Invariant: a job leaves `jobs` only through `finish_job`, which moves it and its task to
//! history in the same step and leaves its set SUCCESS (completed) or FAILED (anything else).

use crate::backup::{BackupJob, FileStatus, JobLevel, JobStatus, SetStatus, TaskStatus};
use crate::cluster::{Cluster, SYS_TENANT_ID};
use crate::error::{code, ob_message};

/// The end of a job: `complete_job`, `fail_job` and `finish_job`, which every end goes through.
impl Cluster {
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

    pub(super) fn fail_job(&mut self, tenant_id: u64, job_id: u64, ob_code: i32) {
        let comment = self.failure_comment(tenant_id, ob_code);
        self.finish_job(tenant_id, job_id, JobStatus::Failed, ob_code, comment);
    }

    pub(super) fn complete_job(&mut self, job: &BackupJob) {
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
    pub(super) fn finish_job(
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
            set.copy = task.copy.clone();
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
}
