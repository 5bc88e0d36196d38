//! Restore: DBA_/CDB_OB_RESTORE_PROGRESS, DBA_/CDB_OB_RESTORE_HISTORY (R§9) and
//! DBA_/CDB_OB_LOG_RESTORE_SOURCE (R§10.3). Invariant: one value per column of each list, in
//! order; every row belongs to the tenant whose job or source it is (the sys job's to sys, the
//! user job's to the restored tenant), so a DBA_ view shows each tenant its own.

use super::{
    ColDef, Scope, ViewDef, bytes_display, in_scope, int, scn_display, text, ts, ts_or_null,
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
    ("JOB_ID", "bigint(20)", false),
    ("RESTORE_TENANT_NAME", "longtext", false),
    ("RESTORE_TENANT_ID", "longtext", false),
    ("BACKUP_TENANT_NAME", "longtext", false),
    ("BACKUP_TENANT_ID", "longtext", false),
    ("BACKUP_CLUSTER_NAME", "longtext", false),
    ("BACKUP_DEST", "longtext", false),
    ("RESTORE_OPTION", "longtext", false),
    ("RESTORE_TYPE", "longtext", false),
    ("RESTORE_SCN", "longtext", false),
    ("RESTORE_SCN_DISPLAY", "datetime(6)", false),
    ("STATUS", "longtext", false),
    ("START_TIMESTAMP", "timestamp(6)", false),
    ("BACKUP_SET_LIST", "longtext", false),
    ("BACKUP_PIECE_LIST", "longtext", false),
    ("RECOVER_SCN", "bigint(20) unsigned", false),
    ("RECOVER_SCN_DISPLAY", "datetime(6)", false),
    ("RECOVER_PROGRESS", "decimal(6,2)", false),
    ("TABLET_COUNT", "bigint(20)", false),
    ("FINISH_TABLET_COUNT", "bigint(20)", false),
    ("RESTORE_PROGRESS", "decimal(6,2)", false),
    ("TOTAL_BYTES", "bigint(20)", false),
    ("TOTAL_BYTES_DISPLAY", "varchar(27)", false),
    ("FINISH_BYTES", "bigint(20)", false),
    ("FINISH_BYTES_DISPLAY", "varchar(27)", false),
    ("DESCRIPTION", "longtext", false),
];

/// 4.3.5's DESC: NOT NULL but for the two timestamps, DESCRIPTION and COMMENT.
const RESTORE_HISTORY_COLS: &[ColDef] = &[
    ("JOB_ID", "bigint(20)", false),
    ("RESTORE_TENANT_NAME", "varchar(128)", false),
    ("RESTORE_TENANT_ID", "bigint(20)", false),
    ("BACKUP_TENANT_NAME", "varchar(128)", false),
    ("BACKUP_TENANT_ID", "bigint(20)", false),
    ("BACKUP_CLUSTER_NAME", "varchar(128)", false),
    ("BACKUP_DEST", "longtext", false),
    ("RESTORE_SCN", "bigint(20) unsigned", false),
    ("RESTORE_SCN_DISPLAY", "datetime(6)", false),
    ("RESTORE_OPTION", "varchar(4096)", false),
    ("RESTORE_TYPE", "varchar(4096)", false),
    ("START_TIMESTAMP", "timestamp(6)", true),
    ("FINISH_TIMESTAMP", "timestamp(6)", true),
    ("STATUS", "varchar(64)", false),
    ("BACKUP_PIECE_LIST", "longtext", false),
    ("BACKUP_SET_LIST", "longtext", false),
    ("BACKUP_CLUSTER_VERSION", "bigint(20)", false),
    ("LS_COUNT", "bigint(20)", false),
    ("FINISH_LS_COUNT", "bigint(20)", false),
    ("TABLET_COUNT", "bigint(20)", false),
    ("FINISH_TABLET_COUNT", "bigint(20)", false),
    ("TOTAL_BYTES", "bigint(20)", false),
    ("TOTAL_BYTES_DISPLAY", "varchar(27)", false),
    ("FINISH_BYTES", "bigint(20)", false),
    ("FINISH_BYTES_DISPLAY", "varchar(27)", false),
    ("DESCRIPTION", "varchar(1024)", true),
    ("COMMENT", "varchar(1024)", true),
];

const LOG_RESTORE_SOURCE_COLS: &[ColDef] = &[
    ("TENANT_ID", "bigint(20)", false),
    ("ID", "bigint(20)", false),
    ("TYPE", "varchar(32)", false),
    ("VALUE", "longtext", false),
    ("RECOVERY_UNTIL_SCN", "bigint(20)", false),
];

fn restore_type(j: &RestoreJob) -> Value {
    text(match j.options.method {
        RestoreMethod::Full => "FULL",
        RestoreMethod::Quick => "QUICK",
    })
}

/// TRUNCATE(x, 2) as decimal(6,2), within 0..=100.
fn trunc2(v: f64) -> Value {
    Value::Decimal {
        mantissa: (v.clamp(0.0, 100.0) * 100.0).floor() as i128,
        scale: 2,
    }
}

/// The user job's row shows its tenant's READABLE_SCN and the replay's progress from the
/// consistent SCN to the restore SCN; the sys job's shows NULL there (R§9.2, ASSUMEd for sys).
fn restore_progress_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    c.restore
        .jobs
        .iter()
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
        Some(_) if j.status.before_log_replay() => trunc2(0.0),
        Some(_) if j.restore_scn == j.consistent_scn => trunc2(100.0),
        Some(r) => trunc2(
            r.saturating_sub(j.consistent_scn) as f64
                / j.restore_scn.saturating_sub(j.consistent_scn).max(1) as f64
                * 100.0,
        ),
    };
    let counted = |v: Value| if user { v } else { Value::Null };
    let restore_progress = if j.tablet_count == 0 {
        trunc2(0.0)
    } else {
        trunc2(j.finish_tablet_count as f64 / j.tablet_count as f64 * 100.0)
    };
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
    c.restore
        .history
        .iter()
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
