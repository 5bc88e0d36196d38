//! Restore: DBA_/CDB_OB_RESTORE_PROGRESS, DBA_/CDB_OB_RESTORE_HISTORY (R§9) and
//! DBA_/CDB_OB_LOG_RESTORE_SOURCE (R§10.3). Invariant: one value per column of each list, in
//! order; every row belongs to the tenant whose job or source it is (the sys job's to sys, the
//! user job's to the restored tenant), so a DBA_ view shows each tenant its own.

use super::{
    ColDef, EMPTY, NO, NULL, Scope, ViewDef, YES, bytes_display, col, in_scope, int, scn_display,
    text, ts, ts_or_null,
};
use crate::cluster::{Cluster, SYS_TENANT_ID};
use crate::restore::{MAX_RECOVERY_SCN, RestoreJob, RestoreMethod};
use crate::value::Value;

/// Restores running now.
pub(super) const PROGRESS: ViewDef = ViewDef {
    base: "OB_RESTORE_PROGRESS",
    columns: RESTORE_PROGRESS_COLS,
    prefixed: true,
    sys_only: false,
    rows: restore_progress_rows,
};

/// Finished restores.
pub(super) const HISTORY: ViewDef = ViewDef {
    base: "OB_RESTORE_HISTORY",
    columns: RESTORE_HISTORY_COLS,
    prefixed: true,
    sys_only: false,
    rows: restore_history_rows,
};

/// Where each tenant reads log from (its own row; TENANT_ID is already a column).
pub(super) const LOG_RESTORE_SOURCE: ViewDef = ViewDef {
    base: "DBA_OB_LOG_RESTORE_SOURCE",
    columns: LOG_RESTORE_SOURCE_COLS,
    prefixed: false,
    sys_only: false,
    rows: log_restore_source_rows,
};

/// Every tenant's log restore source (sys only).
pub(super) const CDB_LOG_RESTORE_SOURCE: ViewDef = ViewDef {
    base: "CDB_OB_LOG_RESTORE_SOURCE",
    columns: LOG_RESTORE_SOURCE_COLS,
    prefixed: false,
    sys_only: true,
    rows: cdb_log_restore_source_rows,
};

/// 4.3.5's DESC: every column NOT NULL (R§9.1 types).
const RESTORE_PROGRESS_COLS: &[ColDef] = &[
    col("JOB_ID", "bigint(20)", NO, EMPTY),
    col("RESTORE_TENANT_NAME", "longtext", NO, EMPTY),
    col("RESTORE_TENANT_ID", "longtext", NO, EMPTY),
    col("BACKUP_TENANT_NAME", "longtext", NO, EMPTY),
    col("BACKUP_TENANT_ID", "longtext", NO, EMPTY),
    col("BACKUP_CLUSTER_NAME", "longtext", NO, EMPTY),
    col("BACKUP_DEST", "longtext", NO, EMPTY),
    col("RESTORE_OPTION", "longtext", NO, EMPTY),
    col("RESTORE_TYPE", "longtext", NO, EMPTY),
    col("RESTORE_SCN", "longtext", NO, EMPTY),
    col("RESTORE_SCN_DISPLAY", "datetime(6)", NO, EMPTY),
    col("STATUS", "longtext", NO, EMPTY),
    col("START_TIMESTAMP", "timestamp(6)", NO, EMPTY),
    col("BACKUP_SET_LIST", "longtext", NO, EMPTY),
    col("BACKUP_PIECE_LIST", "longtext", NO, EMPTY),
    col("RECOVER_SCN", "bigint(20) unsigned", NO, EMPTY),
    col("RECOVER_SCN_DISPLAY", "datetime(6)", NO, EMPTY),
    col("RECOVER_PROGRESS", "decimal(6,2)", NO, EMPTY),
    col("TABLET_COUNT", "bigint(20)", NO, EMPTY),
    col("FINISH_TABLET_COUNT", "bigint(20)", NO, EMPTY),
    col("RESTORE_PROGRESS", "decimal(6,2)", NO, EMPTY),
    col("TOTAL_BYTES", "bigint(20)", NO, EMPTY),
    col("TOTAL_BYTES_DISPLAY", "varchar(27)", NO, EMPTY),
    col("FINISH_BYTES", "bigint(20)", NO, EMPTY),
    col("FINISH_BYTES_DISPLAY", "varchar(27)", NO, EMPTY),
    col("DESCRIPTION", "longtext", NO, EMPTY),
];

/// 4.3.5's DESC: NOT NULL but for the two timestamps, DESCRIPTION and COMMENT.
const RESTORE_HISTORY_COLS: &[ColDef] = &[
    col("JOB_ID", "bigint(20)", NO, NULL),
    col("RESTORE_TENANT_NAME", "varchar(128)", NO, EMPTY),
    col("RESTORE_TENANT_ID", "bigint(20)", NO, EMPTY),
    col("BACKUP_TENANT_NAME", "varchar(128)", NO, EMPTY),
    col("BACKUP_TENANT_ID", "bigint(20)", NO, EMPTY),
    col("BACKUP_CLUSTER_NAME", "varchar(128)", NO, EMPTY),
    col("BACKUP_DEST", "longtext", NO, NULL),
    col("RESTORE_SCN", "bigint(20) unsigned", NO, NULL),
    col("RESTORE_SCN_DISPLAY", "datetime(6)", NO, EMPTY),
    col("RESTORE_OPTION", "varchar(4096)", NO, NULL),
    col("RESTORE_TYPE", "varchar(4096)", NO, EMPTY),
    col("START_TIMESTAMP", "timestamp(6)", YES, NULL),
    col("FINISH_TIMESTAMP", "timestamp(6)", YES, NULL),
    col("STATUS", "varchar(64)", NO, EMPTY),
    col("BACKUP_PIECE_LIST", "longtext", NO, NULL),
    col("BACKUP_SET_LIST", "longtext", NO, NULL),
    col("BACKUP_CLUSTER_VERSION", "bigint(20)", NO, NULL),
    col("LS_COUNT", "bigint(20)", NO, NULL),
    col("FINISH_LS_COUNT", "bigint(20)", NO, NULL),
    col("TABLET_COUNT", "bigint(20)", NO, NULL),
    col("FINISH_TABLET_COUNT", "bigint(20)", NO, NULL),
    col("TOTAL_BYTES", "bigint(20)", NO, NULL),
    col("TOTAL_BYTES_DISPLAY", "varchar(27)", NO, EMPTY),
    col("FINISH_BYTES", "bigint(20)", NO, NULL),
    col("FINISH_BYTES_DISPLAY", "varchar(27)", NO, EMPTY),
    col("DESCRIPTION", "varchar(1024)", YES, NULL),
    col("COMMENT", "varchar(1024)", YES, NULL),
];

const LOG_RESTORE_SOURCE_COLS: &[ColDef] = &[
    col("TENANT_ID", "bigint(20)", NO, NULL),
    col("ID", "bigint(20)", NO, NULL),
    col("TYPE", "varchar(32)", NO, NULL),
    col("VALUE", "longtext", NO, NULL),
    col("RECOVERY_UNTIL_SCN", "bigint(20)", NO, NULL),
];

fn restore_type(j: &RestoreJob) -> Value {
    text(match j.options.method {
        RestoreMethod::Full => "FULL",
        RestoreMethod::Quick => "QUICK",
    })
}

/// TRUNCATE(part / whole × 100, 2) as decimal(6,2), within 0..=100, computed exactly.
fn percent(part: u64, whole: u64) -> Value {
    let hundredths = if whole == 0 {
        0
    } else {
        (u128::from(part.min(whole)) * 10_000 / u128::from(whole)) as i128
    };
    Value::Decimal {
        mantissa: hundredths,
        scale: 2,
    }
}

/// Rows of restore jobs in the inner tables' key order: (TENANT_ID, JOB_ID).
fn in_key_order<'a>(jobs: impl Iterator<Item = &'a RestoreJob>) -> Vec<&'a RestoreJob> {
    let mut out: Vec<&RestoreJob> = jobs.collect();
    crate::order::sort_by_key(&mut out, |j| (j.tenant_id, j.job_id));
    out
}

/// The user job's row shows its tenant's READABLE_SCN and the replay's progress from the
/// consistent SCN to the restore SCN; the sys job's shows NULL there (R§9.2, ASSUMEd for sys).
fn restore_progress_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    in_key_order(c.restore.jobs.iter())
        .into_iter()
        .filter(|j| in_scope(scope, j.tenant_id))
        .map(|j| {
            (
                j.tenant_id,
                restore_progress_row(c, j, scope == Scope::Cluster),
            )
        })
        .collect()
}

fn restore_progress_row(c: &Cluster, j: &RestoreJob, cdb: bool) -> Vec<Value> {
    let user = !j.is_sys();
    let recover = user
        .then(|| c.restore.recovery(j.tenant_id).map(|r| r.readable_scn))
        .flatten();
    let recover_progress = match recover {
        None => Value::Null,
        Some(_) if j.status.before_log_replay() => percent(0, 1),
        Some(_) if j.restore_scn == j.consistent_scn => percent(1, 1),
        Some(r) => percent(
            r.saturating_sub(j.consistent_scn),
            j.restore_scn.saturating_sub(j.consistent_scn),
        ),
    };
    let counted = |v: Value| if user { v } else { Value::Null };
    let restore_progress = percent(j.finish_tablet_count, j.tablet_count);
    vec![
        int(j.job_id),
        text(&j.restore_tenant_name),
        text(&j.restore_tenant_id.to_string()),
        text(&j.backup_tenant_name),
        text(&j.backup_tenant_id.to_string()),
        text(&j.backup_cluster_name),
        text(&j.backup_dest),
        text(&j.restore_option),
        restore_type(j),
        text(&j.restore_scn.to_string()),
        scn_display(j.restore_scn),
        text(if cdb {
            j.status.cdb_str()
        } else {
            j.status.dba_str()
        }),
        ts(j.start_ts),
        text(&j.backup_set_list),
        text(&j.backup_piece_list),
        recover.map_or(Value::Null, Value::UInt),
        recover.filter(|&r| r > 1).map_or(Value::Null, scn_display),
        recover_progress,
        counted(int(j.tablet_count)),
        counted(int(j.finish_tablet_count)),
        counted(restore_progress),
        counted(int(j.total_bytes)),
        counted(text(&bytes_display(j.total_bytes))),
        counted(int(j.finish_bytes)),
        counted(text(&bytes_display(j.finish_bytes))),
        text(&j.description),
    ]
}

fn restore_history_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    in_key_order(c.restore.history.iter())
        .into_iter()
        .filter(|j| in_scope(scope, j.tenant_id))
        .map(|j| {
            (
                j.tenant_id,
                vec![
                    int(j.job_id),
                    text(&j.restore_tenant_name),
                    int(j.restore_tenant_id),
                    text(&j.backup_tenant_name),
                    int(j.backup_tenant_id),
                    text(&j.backup_cluster_name),
                    text(&j.backup_dest),
                    Value::UInt(j.restore_scn),
                    scn_display(j.restore_scn),
                    text(&j.restore_option),
                    restore_type(j),
                    ts(j.start_ts),
                    ts_or_null(j.finish_ts),
                    text(if j.succeeded { "SUCCESS" } else { "FAIL" }),
                    text(&j.backup_piece_list),
                    text(&j.backup_set_list),
                    int(j.backup_cluster_version),
                    int(j.ls_count),
                    int(j.finish_ls_count),
                    int(j.tablet_count),
                    int(j.finish_tablet_count),
                    int(j.total_bytes),
                    text(&bytes_display(j.total_bytes)),
                    int(j.finish_bytes),
                    text(&bytes_display(j.finish_bytes)),
                    text(&j.description),
                    text(&j.comment),
                ],
            )
        })
        .collect()
}

/// One row per tenant with a source: ID 1 (ASSUME), its kind and value, and the tenant's
/// RECOVERY_UNTIL_SCN (a primary's is the maximum).
fn source_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    c.restore
        .recovering
        .iter()
        .filter(|r| in_scope(scope, r.tenant_id))
        .filter_map(|r| {
            let s = r.source.as_ref()?;
            let primary = c.tenant(r.tenant_id).is_none_or(|t| t.role == "PRIMARY");
            let until = if primary {
                MAX_RECOVERY_SCN
            } else {
                r.recovery_until_scn
            };
            Some((
                r.tenant_id,
                vec![
                    int(r.tenant_id),
                    int(1),
                    text(s.kind.as_str()),
                    text(&s.value),
                    int(until),
                ],
            ))
        })
        .collect()
}

fn log_restore_source_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    // From sys a DBA_ view shows sys's own rows: none.
    source_rows(c, scope)
        .into_iter()
        .filter(|(t, _)| *t != SYS_TENANT_ID)
        .collect()
}

fn cdb_log_restore_source_rows(c: &Cluster, _: Scope) -> Vec<(u64, Vec<Value>)> {
    source_rows(c, Scope::Cluster)
}
