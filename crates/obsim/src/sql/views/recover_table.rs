//! Table-level restore (R§12.3): DBA_/CDB_OB_RECOVER_TABLE_JOBS and _JOB_HISTORY,
//! DBA_/CDB_OB_IMPORT_TABLE_JOBS and _JOB_HISTORY, DBA_/CDB_OB_IMPORT_TABLE_TASKS and
//! _TASK_HISTORY. Types, Null and Default as spec §3.16 lists them (4.3.5's DESC).
//!
//! Invariant: one value per column of each list, in order; a row belongs to the tenant whose
//! inner table holds it (the sys recover job to sys, the target's recover job, import job and
//! tasks to the target), so a DBA_ view shows each tenant its own. RESULT (and a task's
//! COMMENT) stay NULL until the row finishes: OceanBase writes them only then
//! (`ObImportTableJob::fill_dml`, `ObImportTableTask::fill_dml`).

use super::{
    ColDef, EMPTY, NO, NULL, Scope, ViewDef, YES, col, in_scope, int, scn_display, text, ts,
    ts_or_null,
};
use crate::cluster::Cluster;
use crate::restore::recover_table::{
    ImportJob, ImportLists, ImportTask, RecoverStatus, RecoverTableJob, TaskStatus,
};
use crate::value::Value;

pub(super) const RECOVER_JOBS: ViewDef = ViewDef {
    base: "OB_RECOVER_TABLE_JOBS",
    columns: RECOVER_JOBS_COLS,
    prefixed: true,
    sys_only: false,
    rows: |c, s| recover_rows(c, s, false),
};

pub(super) const RECOVER_JOB_HISTORY: ViewDef = ViewDef {
    base: "OB_RECOVER_TABLE_JOB_HISTORY",
    columns: RECOVER_HISTORY_COLS,
    prefixed: true,
    sys_only: false,
    rows: |c, s| recover_rows(c, s, true),
};

pub(super) const IMPORT_JOBS: ViewDef = ViewDef {
    base: "OB_IMPORT_TABLE_JOBS",
    columns: IMPORT_JOBS_COLS,
    prefixed: true,
    sys_only: false,
    rows: |c, s| import_rows(c, s, false),
};

pub(super) const IMPORT_JOB_HISTORY: ViewDef = ViewDef {
    base: "OB_IMPORT_TABLE_JOB_HISTORY",
    columns: IMPORT_HISTORY_COLS,
    prefixed: true,
    sys_only: false,
    rows: |c, s| import_rows(c, s, true),
};

pub(super) const IMPORT_TASKS: ViewDef = ViewDef {
    base: "OB_IMPORT_TABLE_TASKS",
    columns: TASKS_COLS,
    prefixed: true,
    sys_only: false,
    rows: |c, s| task_rows(c, s, false),
};

pub(super) const IMPORT_TASK_HISTORY: ViewDef = ViewDef {
    base: "OB_IMPORT_TABLE_TASK_HISTORY",
    columns: TASK_HISTORY_COLS,
    prefixed: true,
    sys_only: false,
    rows: |c, s| task_rows(c, s, true),
};

/// The recover-job columns; FINISH_TIMESTAMP's Default differs between the two views.
macro_rules! recover_cols {
    ($finish_default:expr) => {
        &[
            col("JOB_ID", "bigint(20)", NO, NULL),
            col("INITIATOR_TENANT_ID", "bigint(20)", NO, NULL),
            col("INITIATOR_JOB_ID", "bigint(20)", NO, NULL),
            col("START_TIMESTAMP", "timestamp(6)", NO, NULL),
            col("FINISH_TIMESTAMP", "timestamp(6)", NO, $finish_default),
            col("STATUS", "varchar(64)", NO, NULL),
            col("AUX_TENANT_NAME", "varchar(64)", NO, NULL),
            col("TARGET_TENANT_NAME", "varchar(64)", NO, NULL),
            col("IMPORT_ALL", "tinyint(4)", NO, NULL),
            col("DB_LIST", "longtext", YES, EMPTY),
            col("TABLE_LIST", "longtext", YES, EMPTY),
            col("RESTORE_SCN", "bigint(20) unsigned", NO, NULL),
            col("RESTORE_SCN_DISPLAY", "datetime(6)", NO, EMPTY),
            col("RESTORE_OPTION", "varchar(4096)", NO, NULL),
            col("BACKUP_DEST", "varchar(4096)", NO, NULL),
            col("BACKUP_SET_LIST", "longtext", NO, NULL),
            col("BACKUP_PIECE_LIST", "longtext", NO, NULL),
            col("BACKUP_PASSWD", "varchar(4096)", YES, EMPTY),
            col("EXTERNAL_KMS_INFO", "varchar(4096)", YES, EMPTY),
            col("REMAP_DB_LIST", "longtext", YES, EMPTY),
            col("REMAP_TABLE_LIST", "longtext", YES, EMPTY),
            col("REMAP_TABLEGROUP_LIST", "longtext", YES, EMPTY),
            col("REMAP_TABLESPACE_LIST", "longtext", YES, EMPTY),
            col("RESULT", "varchar(64)", YES, EMPTY),
            col("COMMENT", "longtext", YES, EMPTY),
            col("DESCRIPTION", "longtext", YES, EMPTY),
        ]
    };
}

const RECOVER_JOBS_COLS: &[ColDef] = recover_cols!(EMPTY);
const RECOVER_HISTORY_COLS: &[ColDef] = recover_cols!(NULL);

macro_rules! import_cols {
    ($finish_default:expr) => {
        &[
            col("JOB_ID", "bigint(20)", NO, NULL),
            col("INITIATOR_TENANT_ID", "bigint(20)", NO, NULL),
            col("INITIATOR_JOB_ID", "bigint(20)", NO, NULL),
            col("START_TIMESTAMP", "timestamp(6)", NO, NULL),
            col("FINISH_TIMESTAMP", "timestamp(6)", NO, $finish_default),
            col("SRC_TENANT_NAME", "varchar(64)", NO, NULL),
            col("SRC_TENANT_ID", "bigint(20)", NO, NULL),
            col("STATUS", "varchar(64)", NO, NULL),
            col("IMPORT_ALL", "tinyint(4)", NO, NULL),
            col("DB_LIST", "longtext", YES, EMPTY),
            col("TABLE_LIST", "longtext", YES, EMPTY),
            col("REMAP_DB_LIST", "longtext", YES, EMPTY),
            col("REMAP_TABLE_LIST", "longtext", YES, EMPTY),
            col("REMAP_TABLEGROUP_LIST", "longtext", YES, EMPTY),
            col("REMAP_TABLESPACE_LIST", "longtext", YES, EMPTY),
            col("TOTAL_TABLE_COUNT", "bigint(20)", NO, NULL),
            col("FINISHED_TABLE_COUNT", "bigint(20)", NO, NULL),
            col("FAILED_TABLE_COUNT", "bigint(20)", NO, NULL),
            col("RESULT", "varchar(64)", YES, EMPTY),
            col("COMMENT", "longtext", YES, EMPTY),
            col("DESCRIPTION", "longtext", YES, EMPTY),
        ]
    };
}

const IMPORT_JOBS_COLS: &[ColDef] = import_cols!(EMPTY);
const IMPORT_HISTORY_COLS: &[ColDef] = import_cols!(NULL);

macro_rules! task_cols {
    ($task_id_type:expr) => {
        &[
            col("TASK_ID", $task_id_type, NO, NULL),
            col("JOB_ID", "bigint(20)", NO, NULL),
            col("SRC_TENANT_ID", "bigint(20)", NO, NULL),
            col("SRC_TABLESPACE", "varchar(128)", YES, EMPTY),
            col("SRC_TABLEGROUP", "varchar(128)", YES, EMPTY),
            col("SRC_DATABASE", "varchar(128)", YES, EMPTY),
            col("SRC_TABLE", "varchar(128)", YES, EMPTY),
            col("SRC_PARTITION", "varchar(64)", YES, EMPTY),
            col("TARGET_TABLESPACE", "varchar(128)", YES, EMPTY),
            col("TARGET_TABLEGROUP", "varchar(128)", YES, EMPTY),
            col("TARGET_DATABASE", "varchar(128)", YES, EMPTY),
            col("TARGET_TABLE", "varchar(128)", YES, EMPTY),
            col("TABLE_COLUMN", "bigint(20)", NO, NULL),
            col("STATUS", "varchar(64)", NO, NULL),
            col("START_TIMESTAMP", "timestamp(6)", NO, NULL),
            col("COMPLETION_TIMESTAMP", "timestamp(6)", NO, NULL),
            col("CUMULATIVE_TS", "bigint(20)", NO, NULL),
            col("TOTAL_INDEX_COUNT", "bigint(20)", NO, NULL),
            col("IMPORTED_INDEX_COUNT", "bigint(20)", NO, NULL),
            col("FAILED_INDEX_COUNT", "bigint(20)", NO, NULL),
            col("TOTAL_CONSTRAINT_COUNT", "bigint(20)", NO, NULL),
            col("IMPORTED_CONSTRAINT_COUNT", "bigint(20)", NO, NULL),
            col("FAILED_CONSTRAINT_COUNT", "bigint(20)", NO, NULL),
            col("TOTAL_REF_CONSTRAINT_COUNT", "bigint(20)", NO, NULL),
            col("IMPORTED_REF_CONSTRAINT_COUNT", "bigint(20)", NO, NULL),
            col("FAILED_REF_CONSTRAINT_COUNT", "bigint(20)", NO, NULL),
            col("RESULT", "varchar(64)", YES, EMPTY),
            col("COMMENT", "longtext", YES, EMPTY),
        ]
    };
}

const TASKS_COLS: &[ColDef] = task_cols!("bigint(20)");
const TASK_HISTORY_COLS: &[ColDef] = task_cols!("varchar(4096)");

fn result(finished: bool, failed: bool) -> Value {
    match (finished, failed) {
        (false, _) => Value::Null,
        (true, false) => text("SUCCESS"),
        (true, true) => text("FAILED"),
    }
}

fn lists(l: &ImportLists) -> [Value; 6] {
    [
        text(&l.db_list),
        text(&l.table_list),
        text(&l.remap_db_list),
        text(&l.remap_table_list),
        text(&l.remap_tablegroup_list),
        text(&l.remap_tablespace_list),
    ]
}

fn recover_rows(c: &Cluster, scope: Scope, history: bool) -> Vec<(u64, Vec<Value>)> {
    let r = &c.restore.recover;
    let mut jobs: Vec<&RecoverTableJob> = if history {
        r.job_history.iter().collect()
    } else {
        r.jobs.iter().collect()
    };
    crate::order::sort_by_key(&mut jobs, |j| (j.tenant_id, j.job_id));
    jobs.into_iter()
        .filter(|j| in_scope(scope, j.tenant_id))
        .map(|j| (j.tenant_id, recover_row(j)))
        .collect()
}

fn recover_row(j: &RecoverTableJob) -> Vec<Value> {
    let finished = matches!(j.status, RecoverStatus::Completed | RecoverStatus::Failed);
    let [db, table, remap_db, remap_table, remap_tg, remap_ts] = lists(&j.lists);
    vec![
        int(j.job_id),
        int(j.initiator_tenant_id),
        int(j.initiator_job_id),
        ts(j.start_ts),
        ts_or_null(j.finish_ts),
        text(j.status.as_str()),
        text(&j.aux_tenant_name),
        text(&j.target_tenant_name),
        int(u64::from(j.lists.import_all)),
        db,
        table,
        Value::UInt(j.restore_scn),
        scn_display(j.restore_scn),
        text(&j.restore_option),
        text(&j.backup_dest),
        text(&j.backup_set_list),
        text(&j.backup_piece_list),
        text(&j.backup_passwd),
        text(""),
        remap_db,
        remap_table,
        remap_tg,
        remap_ts,
        result(finished, j.failed),
        text(&j.comment),
        text(&j.description),
    ]
}

fn import_rows(c: &Cluster, scope: Scope, history: bool) -> Vec<(u64, Vec<Value>)> {
    let r = &c.restore.recover;
    let mut jobs: Vec<&ImportJob> = if history {
        r.import_job_history.iter().collect()
    } else {
        r.import_jobs.iter().collect()
    };
    crate::order::sort_by_key(&mut jobs, |j| (j.tenant_id, j.job_id));
    jobs.into_iter()
        .filter(|j| in_scope(scope, j.tenant_id))
        .map(|j| (j.tenant_id, import_row(j, history)))
        .collect()
}

fn import_row(j: &ImportJob, finished: bool) -> Vec<Value> {
    let [db, table, remap_db, remap_table, remap_tg, remap_ts] = lists(&j.lists);
    vec![
        int(j.job_id),
        int(j.initiator_tenant_id),
        int(j.initiator_job_id),
        ts(j.start_ts),
        ts_or_null(j.finish_ts),
        text(&j.src_tenant_name),
        int(j.src_tenant_id),
        text(j.status.as_str()),
        int(u64::from(j.lists.import_all)),
        db,
        table,
        remap_db,
        remap_table,
        remap_tg,
        remap_ts,
        int(j.total_table_count),
        int(j.finished_table_count),
        int(j.failed_table_count),
        result(finished, j.failed),
        text(&j.comment),
        text(&j.description),
    ]
}

fn task_rows(c: &Cluster, scope: Scope, history: bool) -> Vec<(u64, Vec<Value>)> {
    let r = &c.restore.recover;
    let mut tasks: Vec<&ImportTask> = if history {
        r.task_history.iter().collect()
    } else {
        r.tasks.iter().collect()
    };
    crate::order::sort_by_key(&mut tasks, |t| (t.tenant_id, t.task_id));
    tasks
        .into_iter()
        .filter(|t| in_scope(scope, t.tenant_id))
        .map(|t| (t.tenant_id, task_row(t, history)))
        .collect()
}

fn task_row(t: &ImportTask, history: bool) -> Vec<Value> {
    let finished = t.status == TaskStatus::Finish;
    let started = t.status != TaskStatus::Init;
    let cumulative = match (started, finished) {
        (true, true) => t.completion_ts.saturating_sub(t.start_ts),
        _ => 0,
    };
    vec![
        if history {
            text(&t.task_id.to_string())
        } else {
            int(t.task_id)
        },
        int(t.job_id),
        int(t.src_tenant_id),
        text(""),
        text(""),
        text(&t.src_database),
        text(&t.src_table),
        text(""),
        text(""),
        text(""),
        text(&t.target_database),
        text(&t.target_table),
        int(t.table_column),
        text(t.status.as_str()),
        ts(t.start_ts),
        ts_or_null(t.completion_ts),
        int(cumulative),
        int(0),
        int(0),
        int(0),
        int(0),
        int(0),
        int(0),
        int(0),
        int(0),
        int(0),
        result(finished, t.failed),
        if finished {
            text(&t.comment)
        } else {
            Value::Null
        },
    ]
}
