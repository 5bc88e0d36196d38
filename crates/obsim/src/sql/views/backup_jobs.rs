//! Backup jobs and tasks: DBA_OB_BACKUP_JOBS, DBA_OB_BACKUP_JOB_HISTORY, DBA_OB_BACKUP_TASKS and
//! DBA_OB_BACKUP_TASK_HISTORY (and their CDB_ twins). Invariant: `job_row` and `task_row` give
//! exactly one value per column of `JOB_COLS` / `TASK_COLS`, in their order; the task history
//! shows the first 28 of them.

use super::{
    ColDef, EMPTY, NO, NULL, Scope, ViewDef, YES, col, in_scope, int, progress, rate, text, ts,
    ts_or_null,
};
use crate::backup::{BackupJob, BackupTask};
use crate::cluster::Cluster;
use crate::value::Value;

/// The jobs running now.
pub(super) const JOBS: ViewDef = ViewDef {
    base: "OB_BACKUP_JOBS",
    columns: JOB_COLS,
    prefixed: true,
    sys_only: false,
    rows: jobs_rows,
};

/// Finished jobs.
pub(super) const JOB_HISTORY: ViewDef = ViewDef {
    base: "OB_BACKUP_JOB_HISTORY",
    columns: JOB_COLS,
    prefixed: true,
    sys_only: false,
    rows: job_history_rows,
};

/// The tasks (one per tenant and job) running now.
pub(super) const TASKS: ViewDef = ViewDef {
    base: "OB_BACKUP_TASKS",
    columns: TASK_COLS,
    prefixed: true,
    sys_only: false,
    rows: tasks_rows,
};

/// Finished tasks.
pub(super) const TASK_HISTORY: ViewDef = ViewDef {
    base: "OB_BACKUP_TASK_HISTORY",
    columns: TASK_HISTORY_COLS,
    prefixed: true,
    sys_only: false,
    rows: task_history_rows,
};

const JOB_COLS: &[ColDef] = &[
    col("JOB_ID", "bigint(20)", NO, NULL),
    col("INCARNATION", "bigint(20)", NO, NULL),
    col("BACKUP_SET_ID", "bigint(20)", YES, EMPTY),
    col("INITIATOR_TENANT_ID", "bigint(20)", NO, NULL),
    col("INITIATOR_JOB_ID", "bigint(20)", NO, NULL),
    col("EXECUTOR_TENANT_ID", "varchar(65536)", NO, EMPTY),
    col("PLUS_ARCHIVELOG", "varchar(4096)", NO, EMPTY),
    col("BACKUP_TYPE", "varchar(4096)", NO, NULL),
    col("JOB_LEVEL", "varchar(4096)", NO, NULL),
    col("ENCRYPTION_MODE", "varchar(4096)", YES, EMPTY),
    col("PASSWD", "varchar(4096)", YES, EMPTY),
    col("START_TIMESTAMP", "timestamp(6)", NO, NULL),
    col("END_TIMESTAMP", "timestamp(6)", NO, EMPTY),
    col("STATUS", "varchar(4096)", NO, NULL),
    col("RESULT", "bigint(20)", NO, NULL),
    col("COMMENT", "varchar(4096)", YES, EMPTY),
    col("DESCRIPTION", "varchar(4096)", YES, EMPTY),
    col("PATH", "varchar(4096)", YES, EMPTY),
];

const TASK_COLS: &[ColDef] = &[
    col("TASK_ID", "bigint(20)", NO, NULL),
    col("JOB_ID", "bigint(20)", NO, NULL),
    col("INCARNATION", "bigint(20)", NO, NULL),
    col("BACKUP_SET_ID", "bigint(20)", NO, NULL),
    col("START_TIMESTAMP", "timestamp(6)", NO, NULL),
    col("END_TIMESTAMP", "timestamp(6)", NO, EMPTY),
    col("STATUS", "varchar(4096)", NO, NULL),
    col("START_SCN", "bigint(20) unsigned", NO, NULL),
    col("END_SCN", "bigint(20) unsigned", NO, NULL),
    col("USER_LS_START_SCN", "bigint(20) unsigned", NO, NULL),
    col("ENCRYPTION_MODE", "varchar(4096)", YES, EMPTY),
    col("PASSWD", "varchar(4096)", YES, EMPTY),
    col("INPUT_BYTES", "bigint(20)", YES, EMPTY),
    col("OUTPUT_BYTES", "bigint(20)", YES, EMPTY),
    col("OUTPUT_RATE_BYTES", "decimal(32,4)", NO, EMPTY),
    col("EXTRA_META_BYTES", "bigint(20)", YES, EMPTY),
    col("TABLET_COUNT", "bigint(20)", YES, EMPTY),
    col("FINISH_TABLET_COUNT", "bigint(20)", YES, EMPTY),
    col("MACRO_BLOCK_COUNT", "bigint(20)", YES, EMPTY),
    col("FINISH_MACRO_BLOCK_COUNT", "bigint(20)", YES, EMPTY),
    col("FILE_COUNT", "bigint(20)", YES, EMPTY),
    col("META_TURN_ID", "bigint(20)", YES, EMPTY),
    col("DATA_TURN_ID", "bigint(20)", YES, EMPTY),
    col("RESULT", "bigint(20)", YES, EMPTY),
    col("COMMENT", "varchar(4096)", YES, EMPTY),
    col("PATH", "varchar(4096)", YES, EMPTY),
    col("MINOR_TURN_ID", "bigint(20)", NO, EMPTY),
    col("MAJOR_TURN_ID", "bigint(20)", NO, EMPTY),
    col("DATA_PROGRESS", "decimal(26,2)", NO, EMPTY),
    col("LOG_FILE_COUNT", "bigint(20)", NO, EMPTY),
    col("FINISH_LOG_FILE_COUNT", "bigint(20)", NO, EMPTY),
    col("LOG_PROGRESS", "decimal(26,2)", NO, EMPTY),
];

/// DBA_OB_BACKUP_TASK_HISTORY has only columns 1–28 (§3.2).
const TASK_HISTORY_COLS: &[ColDef] = TASK_COLS.split_at(28).0;

pub fn job_row(j: &BackupJob) -> Vec<Value> {
    vec![
        int(j.job_id),
        int(j.incarnation),
        int(j.backup_set_id),
        int(j.initiator_tenant_id),
        int(j.initiator_job_id),
        text(&j.executor_text()),
        text(if j.plus_archivelog { "ON" } else { "OFF" }),
        text(j.backup_type.as_str()),
        text(j.job_level.as_str()),
        text(j.encryption.mode()),
        text(j.encryption.passwd()),
        ts(j.start_ts),
        ts_or_null(j.end_ts),
        text(j.status.as_str()),
        Value::Int(i64::from(j.result)),
        text(&j.comment),
        text(&j.description),
        text(&j.path),
    ]
}

fn jobs_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    c.backup
        .iter()
        .filter(|(t, _)| in_scope(scope, **t))
        .flat_map(|(t, b)| b.jobs.iter().map(move |j| (*t, job_row(j))))
        .collect()
}

fn job_history_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    c.backup
        .iter()
        .filter(|(t, _)| in_scope(scope, **t))
        .flat_map(|(t, b)| b.job_history.iter().map(move |j| (*t, job_row(j))))
        .collect()
}

pub fn task_row(t: &BackupTask) -> Vec<Value> {
    vec![
        int(t.task_id),
        int(t.job_id),
        int(t.incarnation),
        int(t.backup_set_id),
        ts(t.start_ts),
        ts_or_null(t.end_ts),
        text(t.status.as_str()),
        Value::UInt(t.start_scn),
        Value::UInt(t.end_scn),
        Value::UInt(t.user_ls_start_scn),
        text(t.encryption.mode()),
        text(t.encryption.passwd()),
        int(t.copy.input_bytes),
        int(t.copy.output_bytes),
        rate(t.copy.output_bytes, t.start_ts, t.end_ts),
        int(t.copy.extra_meta_bytes),
        int(t.copy.tablet_count),
        int(t.copy.finish_tablet_count),
        int(t.copy.macro_block_count),
        int(t.copy.finish_macro_block_count),
        int(t.copy.file_count),
        int(t.copy.meta_turn_id),
        int(t.copy.data_turn_id),
        Value::Int(i64::from(t.result)),
        text(&t.comment),
        text(&t.path),
        int(t.copy.minor_turn_id),
        int(t.copy.major_turn_id),
        progress(t.copy.finish_macro_block_count, t.copy.macro_block_count),
        int(t.log_file_count),
        int(t.finish_log_file_count),
        progress(t.finish_log_file_count, t.log_file_count),
    ]
}

fn tasks_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    c.backup
        .iter()
        .filter(|(t, _)| in_scope(scope, **t))
        .flat_map(|(t, b)| b.tasks.iter().map(move |x| (*t, task_row(x))))
        .collect()
}

fn task_history_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    c.backup
        .iter()
        .filter(|(t, _)| in_scope(scope, **t))
        .flat_map(|(t, b)| {
            b.task_history.iter().map(move |x| {
                let mut row = task_row(x);
                row.truncate(28);
                (*t, row)
            })
        })
        .collect()
}
