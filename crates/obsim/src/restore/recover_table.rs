//! Table-level restore (R§12): `ALTER SYSTEM RECOVER TABLE … TO t … WITH '…' [REMAP …]` restores
//! an auxiliary tenant `AUX_RECOVER$<µs>` from the backup (a normal restore job), imports the
//! named tables from it into the target tenant under their REMAP names, then drops it.
//!
//! Three levels of rows, each a state machine (`ob_import_table_struct.cpp`, R§12.2):
//! * the recover-table job, twice: the sys row (PREPARE → RECOVERING → COMPLETED | FAILED) and
//!   the target tenant's row (PREPARE → RESTORE_AUX_TENANT → ACTIVE_AUX_TENANT → GEN_IMPORT_JOB →
//!   IMPORTING → COMPLETED | FAILED, CANCELING on cancel);
//! * the import job in the target (INIT → IMPORT_TABLE → RECONSTRUCT_REF_CONSTRAINT →
//!   IMPORT_FINISH);
//! * one import task per table (INIT → DOING → FINISH, RESULT SUCCESS | FAILED).
//!
//! Invariant: `start_recover_table` changes nothing unless every check passed (OceanBase's
//! order: `handle_recover_table`, then the restore checks for the aux tenant, then the REMAP
//! and target checks of `ObRecoverTableInitiator`); a row is in its running list or in its
//! history, never both; imported rows are the aux tenant's, i.e. the source's as of the
//! restore SCN (`standby::build_restored_data`).

use super::{RestoreRequest, RestoreStatus};
use crate::cluster::{Cluster, Event, SYS_TENANT_ID};
use crate::error::{ObError, ObResult, ob_message};
use crate::sim::Micros;
use serde::{Deserialize, Serialize};

mod import;
mod names;
pub use names::{ImportItem, Remap, duplicate_remap, list_texts};

/// Import rows are copied at the speed restore copies data (`job::RESTORE_BYTES_PER_SEC`).
const IMPORT_BYTES_PER_SEC: u64 = 256 << 20;

/// Statuses of the recover-table jobs (`ObRecoverTableStatus`, R§12.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RecoverStatus {
    Prepare,
    Recovering,
    RestoreAuxTenant,
    ActiveAuxTenant,
    GenImportJob,
    Importing,
    Canceling,
    Completed,
    Failed,
}

impl RecoverStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RecoverStatus::Prepare => "PREPARE",
            RecoverStatus::Recovering => "RECOVERING",
            RecoverStatus::RestoreAuxTenant => "RESTORE_AUX_TENANT",
            RecoverStatus::ActiveAuxTenant => "ACTIVE_AUX_TENANT",
            RecoverStatus::GenImportJob => "GEN_IMPORT_JOB",
            RecoverStatus::Importing => "IMPORTING",
            RecoverStatus::Canceling => "CANCELING",
            RecoverStatus::Completed => "COMPLETED",
            RecoverStatus::Failed => "FAILED",
        }
    }
}

/// Statuses of the import job (`ObImportTableJobStatus`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportJobStatus {
    Init,
    ImportTable,
    ReconstructRefConstraint,
    ImportFinish,
    Canceling,
}

impl ImportJobStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ImportJobStatus::Init => "INIT",
            ImportJobStatus::ImportTable => "IMPORT_TABLE",
            ImportJobStatus::ReconstructRefConstraint => "RECONSTRUCT_REF_CONSTRAINT",
            ImportJobStatus::ImportFinish => "IMPORT_FINISH",
            ImportJobStatus::Canceling => "CANCELING",
        }
    }
}

/// Statuses of an import task (`ObImportTableTaskStatus`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TaskStatus {
    Init,
    Doing,
    Finish,
}

impl TaskStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TaskStatus::Init => "INIT",
            TaskStatus::Doing => "DOING",
            TaskStatus::Finish => "FINISH",
        }
    }
}

/// The list columns the job rows share (DB_LIST … REMAP_TABLESPACE_LIST), as the views show them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportLists {
    pub import_all: bool,
    pub db_list: String,
    pub table_list: String,
    pub remap_db_list: String,
    pub remap_table_list: String,
    pub remap_tablegroup_list: String,
    pub remap_tablespace_list: String,
}

/// A row of DBA_/CDB_OB_RECOVER_TABLE_JOBS (and _JOB_HISTORY once it ends).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoverTableJob {
    /// Whose row: 1 for the sys job, the target tenant's id for its own.
    pub tenant_id: u64,
    pub job_id: u64,
    pub initiator_tenant_id: u64,
    pub initiator_job_id: u64,
    pub start_ts: Micros,
    pub finish_ts: Micros,
    pub status: RecoverStatus,
    pub aux_tenant_name: String,
    pub target_tenant_name: String,
    pub target_tenant_id: u64,
    pub lists: ImportLists,
    /// What the import takes from the aux tenant, and under which names.
    pub items: Vec<ImportItem>,
    pub remaps: Vec<Remap>,
    pub restore_scn: u64,
    pub restore_option: String,
    pub backup_dest: String,
    pub backup_set_list: String,
    pub backup_piece_list: String,
    pub backup_passwd: String,
    /// The aux tenant's restore job (its sys job id, which the sys row shares).
    pub restore_job_id: u64,
    pub aux_tenant_id: u64,
    pub failed: bool,
    pub comment: String,
    pub description: String,
    pub phase_until: Micros,
    /// A CANCEL came while the sys row was still in PREPARE (the target's row not written).
    #[serde(default)]
    pub cancel_requested: bool,
}

impl RecoverTableJob {
    pub fn is_sys(&self) -> bool {
        self.tenant_id == SYS_TENANT_ID
    }
}

/// A row of DBA_OB_IMPORT_TABLE_JOBS (and _JOB_HISTORY): the import into the target tenant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportJob {
    pub tenant_id: u64,
    pub job_id: u64,
    pub initiator_tenant_id: u64,
    pub initiator_job_id: u64,
    pub start_ts: Micros,
    pub finish_ts: Micros,
    pub src_tenant_name: String,
    pub src_tenant_id: u64,
    pub status: ImportJobStatus,
    pub lists: ImportLists,
    pub total_table_count: u64,
    pub finished_table_count: u64,
    pub failed_table_count: u64,
    pub failed: bool,
    pub comment: String,
    pub description: String,
    pub phase_until: Micros,
}

/// A row of DBA_OB_IMPORT_TABLE_TASKS (and _TASK_HISTORY): one table imported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportTask {
    pub tenant_id: u64,
    pub task_id: u64,
    pub job_id: u64,
    pub src_tenant_id: u64,
    pub src_database: String,
    pub src_table: String,
    pub target_database: String,
    pub target_table: String,
    pub table_column: u64,
    pub status: TaskStatus,
    pub start_ts: Micros,
    pub completion_ts: Micros,
    pub failed: bool,
    pub comment: String,
    pub phase_until: Micros,
}

/// Every recover-table row of the cluster.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoverTableState {
    pub jobs: Vec<RecoverTableJob>,
    pub job_history: Vec<RecoverTableJob>,
    pub import_jobs: Vec<ImportJob>,
    pub import_job_history: Vec<ImportJob>,
    pub tasks: Vec<ImportTask>,
    pub task_history: Vec<ImportTask>,
}

/// What RECOVER TABLE asks for, after its resolver.
#[derive(Clone, Debug, Default)]
pub struct RecoverTableRequest {
    pub target_tenant: String,
    pub items: Vec<ImportItem>,
    pub remaps: Vec<Remap>,
    pub remap_tablegroups: Vec<(String, String)>,
    pub remap_tablespaces: Vec<(String, String)>,
    /// The aux tenant's restore: source, UNTIL, option string, passwords, DESCRIPTION (its
    /// tenant name is chosen here).
    pub restore: RestoreRequest,
}

impl Cluster {
    /// RECOVER TABLE from the RootService on: `handle_recover_table` (upgrade mode, the target
    /// tenant, a running job), the aux tenant's restore checks, the REMAP and target checks;
    /// then the aux tenant's restore job and the sys recover job (sharing its id) in PREPARE.
    pub fn start_recover_table(&mut self, req: &RecoverTableRequest) -> ObResult<u64> {
        if self.upgrading {
            return Err(ObError::op_not_allow(
                "Cluster is in upgrade mode, recover table is",
            ));
        }
        let target = self
            .tenant_by_name(&req.target_tenant)
            .ok_or_else(|| ObError::unknown_tenant(&req.target_tenant))?;
        if !target.is_user() {
            return Err(ObError::invalid_argument("TENANT, it must be user tenant"));
        }
        if target.role == "STANDBY" {
            return Err(ObError::not_supported_text(
                "recover table to standby tenant is",
            ));
        }
        let (target_id, target_name) = (target.id, target.name.clone());
        if self
            .restore
            .recover
            .jobs
            .iter()
            .any(|j| j.target_tenant_id == target_id)
        {
            return Err(ObError::op_not_allow(
                "recover table when recover table job exists is",
            ));
        }
        let mut restore = req.restore.clone();
        restore.tenant_name = format!("AUX_RECOVER${}", self.now());
        let (options, plan) = self.check_restore(&restore)?;
        names::check_remaps(&req.items, &req.remaps)?;
        self.check_import_targets(target_id, &req.items, &req.remaps)?;
        let job_id = self.insert_restore(&restore, options, &plan);
        let now = self.now();
        let (sets, pieces, scn, dest) = self
            .restore
            .sys_job(job_id)
            .map(|j| {
                (
                    j.backup_set_list.clone(),
                    j.backup_piece_list.clone(),
                    j.restore_scn,
                    j.backup_dest.clone(),
                )
            })
            .unwrap_or_default();
        let until = self.phase();
        self.restore.recover.jobs.push(RecoverTableJob {
            tenant_id: SYS_TENANT_ID,
            job_id,
            initiator_tenant_id: SYS_TENANT_ID,
            initiator_job_id: 0,
            start_ts: now,
            finish_ts: 0,
            status: RecoverStatus::Prepare,
            aux_tenant_name: restore.tenant_name.clone(),
            target_tenant_name: target_name,
            target_tenant_id: target_id,
            lists: list_texts(
                &req.items,
                &req.remaps,
                &req.remap_tablegroups,
                &req.remap_tablespaces,
            ),
            items: req.items.clone(),
            remaps: req.remaps.clone(),
            restore_scn: scn,
            restore_option: restore.options.clone(),
            backup_dest: dest,
            backup_set_list: sets,
            backup_piece_list: pieces,
            backup_passwd: restore.decryption_digests.join(","),
            restore_job_id: job_id,
            aux_tenant_id: 0,
            failed: false,
            comment: String::new(),
            description: restore.description.clone(),
            phase_until: until,
            cancel_requested: false,
        });
        self.rs_event(
            "recover_table",
            "start_recover_table",
            target_id,
            0,
            format!("job_id={job_id}"),
        );
        self.schedule(until, Event::RecoverTableStep { job_id });
        Ok(job_id)
    }

    /// `check_recover_table_target_schema_`: every target database exists, no target table
    /// does (the database or table the REMAP names, or the source's own names).
    fn check_import_targets(
        &self,
        target_id: u64,
        items: &[ImportItem],
        remaps: &[Remap],
    ) -> ObResult<()> {
        let Some(data) = self.user_data.get(&target_id) else {
            return Err(ObError::unknown_tenant(&target_id.to_string()));
        };
        for item in items {
            match item {
                ImportItem::All => {}
                ImportItem::Database(db) => {
                    let to = names::target_database(db, remaps);
                    if data.database(&to).is_none() {
                        return Err(ObError::unknown_database(&to));
                    }
                }
                ImportItem::Table { db, table } => {
                    let (to_db, to_table) = names::target_of(db, table, remaps);
                    if data.database(&to_db).is_none() {
                        return Err(ObError::unknown_database(&to_db));
                    }
                    if data.table(&to_db, &to_table).is_some() {
                        return Err(ObError::table_exists(&format!("{to_db}.{to_table}")));
                    }
                }
            }
        }
        Ok(())
    }

    /// `ALTER SYSTEM CANCEL RECOVER TABLE t` (`cancel_recover_table_`): the target's import job
    /// and recover job go to CANCELING at once; the scheduler ends them (FAILED) on its next
    /// step. Nothing to cancel is no error.
    pub fn cancel_recover_table(&mut self, target: &str) -> ObResult<()> {
        let t = self
            .tenant_by_name(target)
            .ok_or_else(|| ObError::unknown_tenant(target))?;
        if !t.is_user() {
            return Err(ObError::invalid_argument("TENANT, it must be user tenant"));
        }
        let id = t.id;
        // The scheduler notices the cancel on its next round.
        let at = self.round();
        let mut wake = Vec::new();
        let r = &mut self.restore.recover;
        for j in r.import_jobs.iter_mut().filter(|j| j.tenant_id == id) {
            j.status = ImportJobStatus::Canceling;
            j.phase_until = at;
        }
        for j in r.jobs.iter_mut() {
            if j.tenant_id == id && j.status != RecoverStatus::Canceling {
                j.status = RecoverStatus::Canceling;
                j.phase_until = at;
                wake.push(j.initiator_job_id);
            }
            // The target's row is not written yet: it will start out canceled.
            if j.is_sys() && j.target_tenant_id == id && j.status == RecoverStatus::Prepare {
                j.cancel_requested = true;
            }
        }
        for job_id in wake {
            self.schedule(at, Event::RecoverTableStep { job_id });
        }
        self.rs_event(
            "recover_table",
            "cancel_recover_table",
            id,
            0,
            format!("tenant_id={id}"),
        );
        Ok(())
    }

    /// One step of the recover-table job `job_id` (the sys job's id): every row of it whose
    /// time is up moves on; then the next wake-up.
    pub(crate) fn step_recover_table(&mut self, job_id: u64) {
        let now = self.now();
        let Some(sys) = self
            .restore
            .recover
            .jobs
            .iter()
            .find(|j| j.is_sys() && j.job_id == job_id)
            .cloned()
        else {
            return;
        };
        let target = sys.target_tenant_id;
        let user = self
            .restore
            .recover
            .jobs
            .iter()
            .find(|j| j.tenant_id == target && j.initiator_job_id == job_id)
            .cloned();
        if let Some(user) = user.filter(|u| u.phase_until <= now) {
            self.step_recover_target_job(user);
        }
        self.step_import(target);
        if sys.phase_until <= now {
            self.step_recover_sys_job(sys);
        }
        let next = self.next_recover_wake(job_id, target);
        if let Some(at) = next {
            self.schedule(at.max(now), Event::RecoverTableStep { job_id });
        }
    }

    /// The earliest time a live row of this recover job is due.
    fn next_recover_wake(&self, job_id: u64, target: u64) -> Option<Micros> {
        let r = &self.restore.recover;
        let jobs = r
            .jobs
            .iter()
            .filter(|j| (j.job_id == job_id && j.is_sys()) || j.initiator_job_id == job_id)
            .map(|j| j.phase_until);
        let imports = r
            .import_jobs
            .iter()
            .filter(|j| j.tenant_id == target)
            .map(|j| j.phase_until);
        let tasks = r
            .tasks
            .iter()
            .filter(|t| t.tenant_id == target && t.status != TaskStatus::Finish)
            .map(|t| t.phase_until);
        jobs.chain(imports).chain(tasks).min()
    }

    fn replace_recover_job(&mut self, job: RecoverTableJob) {
        if let Some(slot) = self
            .restore
            .recover
            .jobs
            .iter_mut()
            .find(|j| j.tenant_id == job.tenant_id && j.job_id == job.job_id)
        {
            *slot = job;
        }
    }

    /// A recover job row moves to history.
    fn finish_recover_job(&mut self, mut job: RecoverTableJob) {
        job.finish_ts = self.now();
        job.phase_until = 0;
        let r = &mut self.restore.recover;
        r.jobs
            .retain(|j| !(j.tenant_id == job.tenant_id && j.job_id == job.job_id));
        r.job_history.push(job);
    }

    /// The sys row: PREPARE inserts the target's row; RECOVERING waits for it to end and
    /// copies its outcome.
    fn step_recover_sys_job(&mut self, mut job: RecoverTableJob) {
        match job.status {
            RecoverStatus::Prepare => {
                let target = job.target_tenant_id;
                let user_job_id = self.backup.get_mut(&target).map_or(1, |b| b.next_job_id());
                let mut user = job.clone();
                user.tenant_id = target;
                user.job_id = user_job_id;
                user.initiator_job_id = job.job_id;
                user.start_ts = self.now();
                user.phase_until = self.phase();
                if job.cancel_requested {
                    user.status = RecoverStatus::Canceling;
                }
                self.restore.recover.jobs.push(user);
                job.status = RecoverStatus::Recovering;
                job.phase_until = self.round();
            }
            RecoverStatus::Recovering => {
                let done = self
                    .restore
                    .recover
                    .job_history
                    .iter()
                    .rev()
                    .find(|u| {
                        u.tenant_id == job.target_tenant_id && u.initiator_job_id == job.job_id
                    })
                    .cloned();
                match done {
                    Some(u) => {
                        job.failed = u.failed;
                        job.comment = u.comment;
                        job.status = if u.failed {
                            RecoverStatus::Failed
                        } else {
                            RecoverStatus::Completed
                        };
                        self.finish_recover_job(job);
                        return;
                    }
                    None => job.phase_until = self.round(),
                }
            }
            // A cancel names the target; the sys row follows its target row.
            _ => job.phase_until = self.round(),
        }
        self.replace_recover_job(job);
    }

    /// The target's row (R§12.2).
    fn step_recover_target_job(&mut self, mut job: RecoverTableJob) {
        match job.status {
            RecoverStatus::Prepare => {
                job.status = RecoverStatus::RestoreAuxTenant;
                job.phase_until = self.round();
            }
            RecoverStatus::RestoreAuxTenant => {
                let restore = self.restore.sys_job(job.restore_job_id).cloned();
                match restore {
                    Some(r) if r.finish_ts != 0 && r.status == RestoreStatus::RestoreSuccess => {
                        job.aux_tenant_id = r.restore_tenant_id;
                        job.status = RecoverStatus::ActiveAuxTenant;
                        job.phase_until = self.phase();
                    }
                    Some(r) if r.finish_ts != 0 => {
                        job.failed = true;
                        job.comment = r.comment;
                        return self.end_target_job(job);
                    }
                    _ => job.phase_until = self.round(),
                }
            }
            RecoverStatus::ActiveAuxTenant => {
                self.activate_aux_tenant(job.aux_tenant_id);
                job.status = RecoverStatus::GenImportJob;
                job.phase_until = self.phase();
            }
            RecoverStatus::GenImportJob => {
                self.gen_import_job(&job);
                job.status = RecoverStatus::Importing;
                job.phase_until = self.round();
            }
            RecoverStatus::Importing => {
                let done = self
                    .restore
                    .recover
                    .import_job_history
                    .iter()
                    .rev()
                    .find(|i| i.tenant_id == job.tenant_id && i.initiator_job_id == job.job_id)
                    .cloned();
                match done {
                    Some(i) => {
                        job.failed = i.failed;
                        job.comment = i.comment;
                        return self.end_target_job(job);
                    }
                    None => job.phase_until = self.round(),
                }
            }
            RecoverStatus::Canceling => {
                // The aux tenant's restore, if still running, is stopped with it.
                self.abort_restore(job.restore_job_id);
                // Restored already: dropped with the job like after an import.
                if let Some(t) = self.tenant_by_name(&job.aux_tenant_name) {
                    job.aux_tenant_id = t.id;
                }
                job.failed = true;
                job.comment = ob_message(crate::error::code::OB_CANCELED).into();
                return self.end_target_job(job);
            }
            _ => job.phase_until = self.round(),
        }
        self.replace_recover_job(job);
    }

    /// COMPLETED or FAILED: the aux tenant is dropped (its pool released) and the row ends.
    fn end_target_job(&mut self, mut job: RecoverTableJob) {
        job.status = if job.failed {
            RecoverStatus::Failed
        } else {
            RecoverStatus::Completed
        };
        if job.aux_tenant_id != 0 && self.tenant(job.aux_tenant_id).is_some() {
            self.remove_restored_tenant(job.aux_tenant_id);
        }
        self.finish_recover_job(job);
    }

    /// ACTIVE_AUX_TENANT: the restored aux tenant becomes a primary at its restore SCN.
    fn activate_aux_tenant(&mut self, id: u64) {
        if let Some(r) = self.restore.recovery_mut(id) {
            r.recovery_until_scn = super::MAX_RECOVERY_SCN;
        }
        if let Some(t) = self.tenants.iter_mut().find(|t| t.id == id) {
            t.role = "PRIMARY".into();
        }
    }
}

#[cfg(test)]
mod tests;
