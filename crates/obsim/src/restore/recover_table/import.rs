//! The import half of RECOVER TABLE (R§12.2): GEN_IMPORT_JOB writes the import job and one task
//! per table; the job moves INIT → IMPORT_TABLE → RECONSTRUCT_REF_CONSTRAINT → IMPORT_FINISH,
//! its tasks one after another INIT → DOING → FINISH, each copying one table of the aux tenant
//! into the target under its REMAP name.
//!
//! Invariant: a task copies the aux tenant's rows (the source as of the restore SCN) and
//! logs them in the target like any write, so the target's later backups and restores carry
//! them; a task that cannot import ends FINISH with RESULT FAILED and fails its job.

use super::{
    IMPORT_BYTES_PER_SEC, ImportJob, ImportJobStatus, ImportTask, RecoverTableJob, TaskStatus,
    names,
};
use crate::cluster::Cluster;
use crate::error::ob_message;
use crate::sim::{Micros, SECOND};
use crate::userdata::{DataOp, block_of_key};

impl Cluster {
    /// GEN_IMPORT_JOB: the import job and one task per table the items name in the aux tenant.
    pub(super) fn gen_import_job(&mut self, job: &RecoverTableJob) {
        let target = job.tenant_id;
        let tables = self
            .user_data
            .get(&job.aux_tenant_id)
            .map(|d| names::expand(&job.items, d))
            .unwrap_or_default();
        let now = self.now();
        let Some(b) = self.backup.get_mut(&target) else {
            return;
        };
        let import_id = b.next_job_id();
        let mut tasks = Vec::new();
        for (db, table, columns) in tables {
            let (to_db, to_table) = names::target_of(&db, &table, &job.remaps);
            tasks.push(ImportTask {
                tenant_id: target,
                task_id: b.next_job_id(),
                job_id: import_id,
                src_tenant_id: job.aux_tenant_id,
                src_database: db,
                src_table: table,
                target_database: to_db,
                target_table: to_table,
                table_column: columns,
                status: TaskStatus::Init,
                start_ts: now,
                completion_ts: 0,
                failed: false,
                comment: String::new(),
                phase_until: Micros::MAX,
            });
        }
        let until = self.phase();
        self.restore.recover.import_jobs.push(ImportJob {
            tenant_id: target,
            job_id: import_id,
            initiator_tenant_id: target,
            initiator_job_id: job.job_id,
            start_ts: now,
            finish_ts: 0,
            src_tenant_name: job.aux_tenant_name.clone(),
            src_tenant_id: job.aux_tenant_id,
            status: ImportJobStatus::Init,
            lists: job.lists.clone(),
            total_table_count: tasks.len() as u64,
            finished_table_count: 0,
            failed_table_count: 0,
            failed: false,
            comment: String::new(),
            description: job.description.clone(),
            phase_until: until,
        });
        self.restore.recover.tasks.extend(tasks);
    }

    /// The import job of tenant `target`: INIT → IMPORT_TABLE (its tasks one after another) →
    /// RECONSTRUCT_REF_CONSTRAINT → IMPORT_FINISH → history; CANCELING ends it at once.
    pub(super) fn step_import(&mut self, target: u64) {
        let now = self.now();
        let Some(mut job) = self
            .restore
            .recover
            .import_jobs
            .iter()
            .find(|j| j.tenant_id == target)
            .cloned()
        else {
            return;
        };
        match job.status {
            _ if job.phase_until > now => {}
            ImportJobStatus::Canceling => {
                job.failed = true;
                job.comment = ob_message(crate::error::code::OB_CANCELED).into();
                return self.finish_import_job(job);
            }
            ImportJobStatus::Init => {
                job.status = ImportJobStatus::ImportTable;
                job.phase_until = Micros::MAX;
                let at = self.round();
                self.wake_next_task(&job, at);
            }
            // The tasks set the pace (`step_import_task`).
            ImportJobStatus::ImportTable => {}
            ImportJobStatus::ReconstructRefConstraint => {
                job.status = ImportJobStatus::ImportFinish;
                job.phase_until = self.round();
            }
            ImportJobStatus::ImportFinish => return self.finish_import_job(job),
        }
        if job.status == ImportJobStatus::ImportTable {
            self.step_import_task(&mut job);
        }
        if let Some(slot) = self
            .restore
            .recover
            .import_jobs
            .iter_mut()
            .find(|j| j.tenant_id == job.tenant_id && j.job_id == job.job_id)
        {
            *slot = job;
        }
    }

    /// The import job and its tasks move to history (a task not finished ends FAILED with the
    /// job's COMMENT).
    fn finish_import_job(&mut self, mut job: ImportJob) {
        let now = self.now();
        job.finish_ts = now;
        job.phase_until = 0;
        let r = &mut self.restore.recover;
        r.import_jobs
            .retain(|j| !(j.tenant_id == job.tenant_id && j.job_id == job.job_id));
        let (mine, rest): (Vec<ImportTask>, Vec<ImportTask>) = std::mem::take(&mut r.tasks)
            .into_iter()
            .partition(|t| t.tenant_id == job.tenant_id && t.job_id == job.job_id);
        r.tasks = rest;
        for mut t in mine {
            if t.status != TaskStatus::Finish {
                t.status = TaskStatus::Finish;
                t.failed = true;
                t.comment = job.comment.clone();
                t.completion_ts = now;
            }
            t.phase_until = 0;
            r.task_history.push(t);
        }
        r.import_job_history.push(job);
    }

    /// The first task of `job` not finished is due at `at`; none left: the job moves to
    /// RECONSTRUCT_REF_CONSTRAINT at `at`.
    fn wake_next_task(&mut self, job: &ImportJob, at: Micros) -> bool {
        match self.restore.recover.tasks.iter_mut().find(|t| {
            t.tenant_id == job.tenant_id && t.job_id == job.job_id && t.status != TaskStatus::Finish
        }) {
            Some(t) => {
                t.phase_until = at;
                true
            }
            None => false,
        }
    }

    /// IMPORT_TABLE: the current task, if due, moves INIT → DOING (for as long as its rows take
    /// to copy) → FINISH (the rows imported, RESULT SUCCESS or FAILED); then the next task, or
    /// the job moves on.
    fn step_import_task(&mut self, job: &mut ImportJob) {
        let now = self.now();
        let current = self.restore.recover.tasks.iter().position(|t| {
            t.tenant_id == job.tenant_id && t.job_id == job.job_id && t.status != TaskStatus::Finish
        });
        let Some(pos) = current else {
            job.status = ImportJobStatus::ReconstructRefConstraint;
            job.phase_until = self.round();
            return;
        };
        let mut task = self.restore.recover.tasks[pos].clone();
        if task.phase_until > now {
            return;
        }
        let mut finished = false;
        match task.status {
            TaskStatus::Init => {
                task.status = TaskStatus::Doing;
                let bytes =
                    self.table_bytes(task.src_tenant_id, &task.src_database, &task.src_table);
                task.phase_until = self.phase() + bytes * SECOND / IMPORT_BYTES_PER_SEC;
            }
            TaskStatus::Doing => {
                match self.import_table(job.tenant_id, &task) {
                    Ok(()) => job.finished_table_count += 1,
                    Err(e) => {
                        task.failed = true;
                        task.comment = e;
                        job.failed_table_count += 1;
                        job.failed = true;
                        job.comment = "import table failed".into();
                    }
                }
                task.status = TaskStatus::Finish;
                task.completion_ts = now;
                task.phase_until = 0;
                finished = true;
            }
            TaskStatus::Finish => {}
        }
        self.restore.recover.tasks[pos] = task;
        if finished {
            let at = self.round();
            if !self.wake_next_task(job, at) {
                job.status = ImportJobStatus::ReconstructRefConstraint;
                job.phase_until = at;
            }
        }
    }

    /// The size of a table's rows, for the time its copy takes: its keys plus 16 bytes a value
    /// (ASSUME; only the order of magnitude matters at 256 MiB/s).
    fn table_bytes(&self, tenant: u64, db: &str, table: &str) -> u64 {
        self.user_data
            .get(&tenant)
            .and_then(|d| d.table(db, table))
            .map_or(0, |t| {
                t.rows
                    .iter()
                    .map(|(k, v)| (k.len() + 16 * v.len()) as u64)
                    .sum()
            })
    }

    /// A task's work: the aux tenant's table, as restored, created in the target under its
    /// target name with all its rows (logged, so backups and restores of the target carry
    /// them). Err: the task's COMMENT.
    fn import_table(&mut self, target: u64, task: &ImportTask) -> Result<(), String> {
        let src = self
            .user_data
            .get(&task.src_tenant_id)
            .and_then(|d| d.table(&task.src_database, &task.src_table))
            .cloned()
            .ok_or_else(|| {
                format!(
                    "Table '{}.{}' doesn't exist",
                    task.src_database, task.src_table
                )
            })?;
        let data = self.user_data.get(&target).ok_or("Unknown tenant")?;
        let Some(db) = data.database(&task.target_database) else {
            return Err(format!("Unknown database '{}'", task.target_database));
        };
        let db_name = db.name.clone();
        if data.table(&db_name, &task.target_table).is_some() {
            return Err(format!(
                "Table '{}.{}' already exists",
                task.target_database, task.target_table
            ));
        }
        let tablets_created = data.tables_created;
        let tablet = self.storage.get(&target).and_then(|s| {
            let user: Vec<_> = s
                .tablets
                .iter()
                .filter(|t| !t.is_sys && t.ls_id != crate::storage::SYS_LS_ID)
                .collect();
            (!user.is_empty()).then(|| user[(tablets_created % user.len() as u64) as usize].clone())
        });
        let mut table = src.shape();
        table.name = task.target_table.clone();
        table.tablet_id = tablet.as_ref().map_or(0, |t| t.tablet_id);
        let mut ops = vec![DataOp::CreateTable {
            db: db_name.clone(),
            table,
        }];
        let mut blocks = Vec::new();
        for (key, row) in &src.rows {
            if let Some(t) = &tablet {
                blocks.push(block_of_key(key, t.first_block, t.block_count));
            }
            ops.push(DataOp::Put {
                db: db_name.clone(),
                table: task.target_table.clone(),
                key: key.clone(),
                row: row.clone(),
            });
        }
        let scn = match self.write_blocks(target, &blocks) {
            Some((scn, _)) => scn,
            None => self.clock.next_scn(),
        };
        if let Some(d) = self.user_data.get_mut(&target) {
            for op in ops {
                d.commit(scn, op);
            }
        }
        Ok(())
    }
}
