//! Restore: DBA_OB_RESTORE_PROGRESS and DBA_OB_RESTORE_HISTORY (sys tenant only, and their CDB_
//! twins). Invariant: one value per column of each list, in order; every row belongs to sys.

use super::{
    ColDef, EMPTY, NO, NULL, Scope, ViewDef, YES, bytes_display, col, int, scn_display, text, ts,
    ts_or_null,
};
use crate::cluster::{Cluster, SYS_TENANT_ID};
use crate::restore::RestoreJob;
use crate::value::Value;

/// Restores running now.
pub(super) const PROGRESS: ViewDef = ViewDef {
    base: "OB_RESTORE_PROGRESS",
    columns: RESTORE_PROGRESS_COLS,
    prefixed: true,
    sys_only: true,
    rows: restore_progress_rows,
};

/// Finished restores.
pub(super) const HISTORY: ViewDef = ViewDef {
    base: "OB_RESTORE_HISTORY",
    columns: RESTORE_HISTORY_COLS,
    prefixed: true,
    sys_only: true,
    rows: restore_history_rows,
};

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

fn restore_progress_rows(c: &Cluster, _: Scope) -> Vec<(u64, Vec<Value>)> {
    c.restore
        .jobs
        .iter()
        .map(|j| (SYS_TENANT_ID, restore_progress_row(j)))
        .collect()
}

fn restore_progress_row(j: &RestoreJob) -> Vec<Value> {
    let recover = if j.recover_scn == 0 || j.restore_scn <= j.consistent_scn {
        0.0
    } else {
        ((j.recover_scn.saturating_sub(j.consistent_scn)) as f64
            / (j.restore_scn - j.consistent_scn) as f64
            * 100.0)
            .min(100.0)
    };
    let restore = if j.tablet_count == 0 {
        0.0
    } else {
        j.finish_tablet_count as f64 / j.tablet_count as f64 * 100.0
    };
    let trunc2 = |v: f64| Value::Decimal {
        mantissa: (v * 100.0).floor() as i128,
        scale: 2,
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
        text(&j.restore_type),
        text(&j.restore_scn.to_string()),
        scn_display(j.restore_scn),
        text(j.status.progress_str()),
        ts(j.start_ts),
        text(&j.backup_set_list),
        text(&j.backup_piece_list),
        Value::UInt(j.recover_scn),
        scn_display(j.recover_scn),
        trunc2(recover),
        int(j.tablet_count),
        int(j.finish_tablet_count),
        trunc2(restore),
        int(j.total_bytes),
        text(&bytes_display(j.total_bytes)),
        int(j.finish_bytes),
        text(&bytes_display(j.finish_bytes)),
        text(&j.description),
    ]
}

fn restore_history_rows(c: &Cluster, _: Scope) -> Vec<(u64, Vec<Value>)> {
    c.restore
        .history
        .iter()
        .map(|j| {
            (
                SYS_TENANT_ID,
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
                    text(&j.restore_type),
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
