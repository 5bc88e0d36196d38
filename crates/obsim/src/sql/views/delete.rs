//! Backup cleanup (R§14.3): DBA_OB_BACKUP_DELETE_POLICY, DBA_OB_BACKUP_DELETE_JOBS /
//! _JOB_HISTORY and DBA_OB_BACKUP_DELETE_TASKS / _TASK_HISTORY (and their CDB_ twins; types from
//! R, Null/Default from 4.3.5's DESC). Invariant: one value per column of each list, in order.

use super::{
    ColDef, EMPTY, NO, NULL, Scope, ViewDef, YES, col, in_scope, int, text, ts, ts_or_null,
};
use crate::backup::JobLevel;
use crate::backup::TenantBackup;
use crate::backup::cleanup::{DELETE_OBSOLETE_BACKUP, DeleteJob, DeleteTask};
use crate::cluster::Cluster;
use crate::value::Value;

/// The tenant's delete policy, if any.
pub(super) const DELETE_POLICY: ViewDef = ViewDef {
    base: "OB_BACKUP_DELETE_POLICY",
    columns: DELETE_POLICY_COLS,
    prefixed: true,
    sys_only: false,
    rows: delete_policy_rows,
};

/// Cleanup jobs running now (and, for one scheduler round, just ended).
pub(super) const DELETE_JOBS: ViewDef = ViewDef {
    base: "OB_BACKUP_DELETE_JOBS",
    columns: DELETE_JOB_COLS,
    prefixed: true,
    sys_only: false,
    rows: delete_job_rows,
};

/// Finished cleanup jobs.
pub(super) const DELETE_JOB_HISTORY: ViewDef = ViewDef {
    base: "OB_BACKUP_DELETE_JOB_HISTORY",
    columns: DELETE_JOB_COLS,
    prefixed: true,
    sys_only: false,
    rows: delete_job_history_rows,
};

/// The tasks of the cleanup jobs in DELETE_JOBS: one per set or piece.
pub(super) const DELETE_TASKS: ViewDef = ViewDef {
    base: "OB_BACKUP_DELETE_TASKS",
    columns: DELETE_TASK_COLS,
    prefixed: true,
    sys_only: false,
    rows: delete_task_rows,
};

/// The tasks of finished cleanup jobs.
pub(super) const DELETE_TASK_HISTORY: ViewDef = ViewDef {
    base: "OB_BACKUP_DELETE_TASK_HISTORY",
    columns: DELETE_TASK_COLS,
    prefixed: true,
    sys_only: false,
    rows: delete_task_history_rows,
};

const DELETE_POLICY_COLS: &[ColDef] = &[
    col("POLICY_NAME", "varchar(256)", NO, NULL),
    col("RECOVERY_WINDOW", "varchar(64)", NO, NULL),
];

const DELETE_JOB_COLS: &[ColDef] = &[
    col("JOB_ID", "bigint(20)", NO, NULL),
    col("INCARNATION", "bigint(20)", NO, NULL),
    col("INITIATOR_TENANT_ID", "bigint(20)", NO, NULL),
    col("INITIATOR_JOB_ID", "bigint(20)", NO, NULL),
    col("EXECUTOR_TENANT_ID", "varchar(65536)", NO, NULL),
    col("TYPE", "varchar(64)", NO, NULL),
    col("PARAMETER", "timestamp(6)", NO, NULL),
    col("JOB_LEVEL", "varchar(64)", NO, NULL),
    col("START_TIMESTAMP", "timestamp(6)", NO, NULL),
    col("END_TIMESTAMP", "timestamp(6)", NO, EMPTY),
    col("STATUS", "varchar(64)", NO, NULL),
    col("TASK_COUNT", "bigint(20)", YES, EMPTY),
    col("SUCCESS_TASK_COUNT", "bigint(20)", YES, EMPTY),
    col("RESULT", "bigint(20)", NO, NULL),
    col("COMMENT", "varchar(4096)", YES, EMPTY),
];

const DELETE_TASK_COLS: &[ColDef] = &[
    col("TASK_ID", "bigint(20)", NO, NULL),
    col("INCARNATION", "bigint(20)", NO, NULL),
    col("JOB_ID", "bigint(20)", NO, NULL),
    col("TASK_TYPE", "varchar(64)", NO, NULL),
    col("ID", "bigint(20)", NO, NULL),
    col("ROUND_ID", "bigint(20)", NO, NULL),
    col("DEST_ID", "bigint(20)", NO, NULL),
    col("START_TIMESTAMP", "timestamp(6)", NO, NULL),
    col("END_TIMESTAMP", "timestamp(6)", NO, EMPTY),
    col("STATUS", "varchar(64)", NO, NULL),
    col("TOTAL_LS_COUNT", "bigint(20)", YES, EMPTY),
    col("FINISH_LS_COUNT", "bigint(20)", YES, EMPTY),
    col("RESULT", "bigint(20)", YES, EMPTY),
    col("COMMENT", "varchar(4096)", YES, EMPTY),
    col("PATH", "varchar(1024)", NO, NULL),
];

fn delete_policy_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    c.backup
        .iter()
        .filter(|(t, _)| in_scope(scope, **t))
        .filter_map(|(t, b)| {
            b.delete_policy
                .as_ref()
                .map(|p| (*t, vec![text(&p.name), text(&p.recovery_window)]))
        })
        .collect()
}

/// A delete job as DBA_OB_BACKUP_DELETE_JOBS shows it.
fn delete_job_row(j: &DeleteJob) -> Vec<Value> {
    vec![
        int(j.job_id),
        int(j.incarnation),
        int(j.initiator_tenant_id),
        int(j.initiator_job_id),
        text(&j.tenant_id.to_string()),
        text(DELETE_OBSOLETE_BACKUP),
        ts(j.parameter),
        text(JobLevel::UserTenant.as_str()),
        ts(j.start_ts),
        ts_or_null(j.end_ts),
        text(j.status.as_str()),
        int(j.task_count),
        int(j.success_task_count),
        Value::Int(i64::from(j.result)),
        text(&j.comment),
    ]
}

/// A delete task as DBA_OB_BACKUP_DELETE_TASKS shows it.
fn delete_task_row(t: &DeleteTask) -> Vec<Value> {
    vec![
        int(t.task_id),
        int(t.incarnation),
        int(t.job_id),
        text(t.task_type.as_str()),
        int(t.id),
        int(t.round_id),
        int(t.dest_id),
        ts(t.start_ts),
        ts_or_null(t.end_ts),
        text(t.status.as_str()),
        int(t.total_ls_count),
        int(t.finish_ls_count),
        Value::Int(i64::from(t.result)),
        text(&t.comment),
        text(&t.path),
    ]
}

/// One row per item `items` picks from each tenant in scope, in tenant order.
fn rows_of<'a, T: 'a, I: Iterator<Item = &'a T>>(
    c: &'a Cluster,
    scope: Scope,
    items: fn(&'a TenantBackup) -> I,
    row: fn(&T) -> Vec<Value>,
) -> Vec<(u64, Vec<Value>)> {
    c.backup
        .iter()
        .filter(|(t, _)| in_scope(scope, **t))
        .flat_map(|(t, b)| items(b).map(move |x| (*t, row(x))))
        .collect()
}

fn delete_job_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    rows_of(c, scope, |b| b.delete_jobs.iter(), delete_job_row)
}

fn delete_job_history_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    rows_of(c, scope, |b| b.delete_job_history.iter(), delete_job_row)
}

fn delete_task_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    rows_of(c, scope, |b| b.delete_tasks.iter(), delete_task_row)
}

fn delete_task_history_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    rows_of(c, scope, |b| b.delete_task_history.iter(), delete_task_row)
}
