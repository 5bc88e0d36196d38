//! Backup sets: DBA_OB_BACKUP_SET_FILES (and CDB_). Invariant: `set_row` gives one value per
//! column of `SET_COLS`, in order; while a set is being written its counters are the running
//! task's, so the view and DBA_OB_BACKUP_TASKS agree.

use super::{
    ColDef, EMPTY, NO, NULL, Scope, ViewDef, YES, col, decimal, in_scope, int, rate, scn_display,
    text, ts, ts_or_null,
};
use crate::backup::{BackupSet, BackupTask};
use crate::cluster::Cluster;
use crate::value::Value;

/// Every backup set of the tenant, running or done.
pub(super) const SET_FILES: ViewDef = ViewDef {
    base: "OB_BACKUP_SET_FILES",
    columns: SET_COLS,
    prefixed: true,
    sys_only: false,
    rows: set_rows,
};

const SET_COLS: &[ColDef] = &[
    col("BACKUP_SET_ID", "bigint(20)", NO, NULL),
    col("DEST_ID", "bigint(20)", NO, NULL),
    col("INCARNATION", "bigint(20)", NO, NULL),
    col("BACKUP_TYPE", "varchar(64)", NO, NULL),
    col("PREV_FULL_BACKUP_SET_ID", "bigint(20)", NO, NULL),
    col("PREV_INC_BACKUP_SET_ID", "bigint(20)", NO, NULL),
    col("START_TIMESTAMP", "timestamp(6)", NO, NULL),
    col("END_TIMESTAMP", "timestamp(6)", NO, EMPTY),
    col("STATUS", "varchar(64)", NO, NULL),
    col("FILE_STATUS", "varchar(64)", NO, NULL),
    col("ELAPSED_SECONDES", "decimal(22,0)", NO, EMPTY),
    col("PLUS_ARCHIVELOG", "varchar(4096)", NO, EMPTY),
    col("START_REPLAY_SCN", "bigint(20) unsigned", NO, NULL),
    col("START_REPLAY_SCN_DISPLAY", "datetime(6)", NO, EMPTY),
    col("MIN_RESTORE_SCN", "bigint(20) unsigned", NO, NULL),
    col("MIN_RESTORE_SCN_DISPLAY", "varchar(4096)", NO, EMPTY),
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
    col("RESULT", "bigint(20)", NO, NULL),
    col("COMMENT", "varchar(4096)", YES, EMPTY),
    col("ENCRYPTION_MODE", "varchar(64)", YES, EMPTY),
    col("PASSWD", "varchar(128)", YES, EMPTY),
    col("TENANT_COMPATIBLE", "varchar(4096)", NO, NULL),
    col("BACKUP_COMPATIBLE", "bigint(20)", NO, NULL),
    col("PATH", "varchar(4096)", YES, EMPTY),
    col("CLUSTER_VERSION", "varchar(4096)", NO, EMPTY),
    col("CONSISTENT_SCN", "bigint(20) unsigned", NO, EMPTY),
    col("MINOR_TURN_ID", "bigint(20)", NO, EMPTY),
    col("MAJOR_TURN_ID", "bigint(20)", NO, EMPTY),
];

pub fn set_row(s: &BackupSet, running: Option<&BackupTask>) -> Vec<Value> {
    // While the set is being written, its counters follow the running task.
    let (input, output, extra, fin_tablets, blocks, fin_blocks, files) = match running {
        Some(t) => (
            t.copy.input_bytes,
            t.copy.output_bytes,
            t.copy.extra_meta_bytes,
            t.copy.finish_tablet_count,
            t.copy.macro_block_count,
            t.copy.finish_macro_block_count,
            t.copy.file_count,
        ),
        None => (
            s.copy.input_bytes,
            s.copy.output_bytes,
            s.copy.extra_meta_bytes,
            s.copy.finish_tablet_count,
            s.copy.macro_block_count,
            s.copy.finish_macro_block_count,
            s.copy.file_count,
        ),
    };
    let elapsed = if s.end_ts > s.start_ts {
        ((s.end_ts - s.start_ts) as f64 / 1e6).round()
    } else {
        0.0
    };
    vec![
        int(s.backup_set_id),
        int(s.dest_id),
        int(s.incarnation),
        text(s.backup_type.as_str()),
        int(s.prev_full_backup_set_id),
        int(s.prev_inc_backup_set_id),
        ts(s.start_ts),
        ts_or_null(s.end_ts),
        text(s.status.as_str()),
        text(s.file_status.as_str()),
        decimal(elapsed, 0),
        text(if s.plus_archivelog { "ON" } else { "OFF" }),
        Value::UInt(s.start_replay_scn),
        scn_display(s.start_replay_scn),
        Value::UInt(s.min_restore_scn),
        match scn_display(s.min_restore_scn) {
            Value::DateTime { micros, .. } => {
                Value::Str(crate::calendar::format_datetime(micros, true))
            }
            other => other,
        },
        int(input),
        int(output),
        rate(output, s.start_ts, s.end_ts),
        int(extra),
        int(s.copy.tablet_count),
        int(fin_tablets),
        int(blocks),
        int(fin_blocks),
        int(files),
        int(s.copy.meta_turn_id),
        int(s.copy.data_turn_id),
        Value::Int(i64::from(s.result)),
        text(&s.comment),
        text(s.encryption.mode()),
        text(s.encryption.passwd()),
        text(&s.tenant_compatible),
        int(s.backup_compatible),
        text(&s.path),
        text(&s.cluster_version),
        Value::UInt(s.consistent_scn),
        int(s.copy.minor_turn_id),
        int(s.copy.major_turn_id),
    ]
}

fn set_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    c.backup
        .iter()
        .filter(|(t, _)| in_scope(scope, **t))
        .flat_map(|(t, b)| {
            b.sets
                .iter()
                .map(move |s| (*t, set_row(s, b.task_of(s.backup_set_id))))
        })
        .collect()
}
