//! Backup cleanup: DBA_OB_BACKUP_DELETE_POLICY, DBA_OB_BACKUP_DELETE_JOBS and
//! DBA_OB_BACKUP_DELETE_JOB_HISTORY (and their CDB_ twins). Invariant: one value per column of
//! each list, in order.

use super::{
    ColDef, EMPTY, NO, NULL, Scope, ViewDef, YES, col, in_scope, int, text, ts, ts_or_null,
};
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

/// Cleanup jobs running now.
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
    col("TYPE", "varchar(4096)", NO, NULL),
    col("PARAMETER", "varchar(4096)", NO, NULL),
    col("JOB_LEVEL", "varchar(4096)", NO, NULL),
    col("START_TIMESTAMP", "timestamp(6)", NO, NULL),
    col("END_TIMESTAMP", "timestamp(6)", NO, EMPTY),
    col("STATUS", "varchar(4096)", NO, NULL),
    col("TASK_COUNT", "bigint(20)", YES, EMPTY),
    col("SUCCESS_TASK_COUNT", "bigint(20)", YES, EMPTY),
    col("RESULT", "bigint(20)", NO, NULL),
    col("COMMENT", "varchar(4096)", YES, EMPTY),
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

fn delete_job_row(j: &crate::backup::cleanup::DeleteJob) -> Vec<Value> {
    vec![
        int(j.job_id),
        int(1),
        int(j.tenant_id),
        int(0),
        text(&j.tenant_id.to_string()),
        text("DELETE_OBSOLETE_BACKUP"),
        text(&j.parameter),
        text("USER_TENANT"),
        ts(j.start_ts),
        ts_or_null(j.end_ts),
        text(&j.status),
        int(j.task_count),
        int(j.success_task_count),
        int(0),
        text(""),
    ]
}

fn delete_job_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    c.backup
        .iter()
        .filter(|(t, _)| in_scope(scope, **t))
        .flat_map(|(t, b)| b.delete_jobs.iter().map(move |j| (*t, delete_job_row(j))))
        .collect()
}

fn delete_job_history_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    c.backup
        .iter()
        .filter(|(t, _)| in_scope(scope, **t))
        .flat_map(|(t, b)| {
            b.delete_job_history
                .iter()
                .map(move |j| (*t, delete_job_row(j)))
        })
        .collect()
}
