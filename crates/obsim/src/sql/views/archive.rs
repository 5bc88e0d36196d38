//! Log archive: DBA_OB_ARCHIVELOG, DBA_OB_ARCHIVELOG_SUMMARY, DBA_OB_ARCHIVELOG_PIECE_FILES and
//! DBA_OB_ARCHIVE_DEST (and their CDB_ twins). Invariant: each row function gives one value per
//! column of its list, in order (the summary swaps PATH and COMMENT, as OceanBase does).

use super::{
    ColDef, EMPTY, NO, NULL, Scope, ViewDef, bytes_display, col, decimal, in_scope, int,
    scn_display, text,
};
use crate::archive::{ArchiveRound, Piece, TenantArchive};
use crate::cluster::Cluster;
use crate::value::Value;

/// The current round of each tenant.
pub(super) const ARCHIVELOG: ViewDef = ViewDef {
    base: "OB_ARCHIVELOG",
    columns: ARCHIVELOG_COLS,
    prefixed: true,
    sys_only: false,
    rows: archivelog_rows,
};

/// Every round, current and past.
pub(super) const ARCHIVELOG_SUMMARY: ViewDef = ViewDef {
    base: "OB_ARCHIVELOG_SUMMARY",
    columns: ARCHIVELOG_SUMMARY_COLS,
    prefixed: true,
    sys_only: false,
    rows: archivelog_summary_rows,
};

/// The pieces of every round.
pub(super) const PIECE_FILES: ViewDef = ViewDef {
    base: "OB_ARCHIVELOG_PIECE_FILES",
    columns: PIECE_COLS,
    prefixed: true,
    sys_only: false,
    rows: piece_rows,
};

/// The LOG_ARCHIVE_DEST settings, one row per attribute.
pub(super) const ARCHIVE_DEST: ViewDef = ViewDef {
    base: "OB_ARCHIVE_DEST",
    columns: ARCHIVE_DEST_COLS,
    prefixed: true,
    sys_only: false,
    rows: archive_dest_rows,
};

const ARCHIVELOG_COLS: &[ColDef] = &[
    col("DEST_ID", "bigint(20)", NO, EMPTY),
    col("ROUND_ID", "bigint(20)", NO, EMPTY),
    col("INCARNATION", "bigint(20)", NO, EMPTY),
    col("DEST_NO", "bigint(20)", NO, NULL),
    col("STATUS", "varchar(64)", NO, EMPTY),
    col("START_SCN", "bigint(20) unsigned", NO, EMPTY),
    col("START_SCN_DISPLAY", "datetime(6)", NO, EMPTY),
    col("CHECKPOINT_SCN", "bigint(20) unsigned", NO, EMPTY),
    col("CHECKPOINT_SCN_DISPLAY", "datetime(6)", NO, EMPTY),
    col("COMPATIBLE", "bigint(20)", NO, EMPTY),
    col("BASE_PIECE_ID", "bigint(20)", NO, EMPTY),
    col("USED_PIECE_ID", "bigint(20)", NO, EMPTY),
    col("PIECE_SWITCH_INTERVAL", "bigint(20)", NO, EMPTY),
    col("UNIT_SIZE", "bigint(20)", NO, EMPTY),
    col("COMPRESSION", "varchar(128)", NO, EMPTY),
    col("INPUT_BYTES", "bigint(21)", NO, EMPTY),
    col("INPUT_BYTES_DISPLAY", "varchar(28)", NO, EMPTY),
    col("OUTPUT_BYTES", "bigint(21)", NO, EMPTY),
    col("OUTPUT_BYTES_DISPLAY", "varchar(28)", NO, EMPTY),
    col("COMPRESSION_RATIO", "decimal(24,2)", NO, EMPTY),
    col("DELETED_INPUT_BYTES", "bigint(20)", NO, EMPTY),
    col("DELETED_INPUT_BYTES_DISPLAY", "varchar(27)", NO, EMPTY),
    col("DELETED_OUTPUT_BYTES", "bigint(20)", NO, EMPTY),
    col("DELETED_OUTPUT_BYTES_DISPLAY", "varchar(27)", NO, EMPTY),
    col("COMMENT", "varchar(262144)", NO, EMPTY),
    col("PATH", "varchar(2048)", NO, EMPTY),
];

/// DBA_OB_ARCHIVELOG_SUMMARY: the same columns with PATH before COMMENT.
const ARCHIVELOG_SUMMARY_COLS: &[ColDef] = &[
    col("DEST_ID", "bigint(20)", NO, EMPTY),
    col("ROUND_ID", "bigint(20)", NO, EMPTY),
    col("INCARNATION", "bigint(20)", NO, EMPTY),
    col("DEST_NO", "bigint(20)", NO, EMPTY),
    col("STATUS", "varchar(64)", NO, EMPTY),
    col("START_SCN", "bigint(20) unsigned", NO, EMPTY),
    col("START_SCN_DISPLAY", "datetime(6)", NO, EMPTY),
    col("CHECKPOINT_SCN", "bigint(20) unsigned", NO, EMPTY),
    col("CHECKPOINT_SCN_DISPLAY", "datetime(6)", NO, EMPTY),
    col("COMPATIBLE", "bigint(20)", NO, EMPTY),
    col("BASE_PIECE_ID", "bigint(20)", NO, EMPTY),
    col("USED_PIECE_ID", "bigint(20)", NO, EMPTY),
    col("PIECE_SWITCH_INTERVAL", "bigint(20)", NO, EMPTY),
    col("UNIT_SIZE", "bigint(20)", NO, EMPTY),
    col("COMPRESSION", "varchar(128)", NO, EMPTY),
    col("INPUT_BYTES", "bigint(21)", NO, EMPTY),
    col("INPUT_BYTES_DISPLAY", "varchar(28)", NO, EMPTY),
    col("OUTPUT_BYTES", "bigint(21)", NO, EMPTY),
    col("OUTPUT_BYTES_DISPLAY", "varchar(28)", NO, EMPTY),
    col("COMPRESSION_RATIO", "decimal(24,2)", NO, EMPTY),
    col("DELETED_INPUT_BYTES", "bigint(20)", NO, EMPTY),
    col("DELETED_INPUT_BYTES_DISPLAY", "varchar(27)", NO, EMPTY),
    col("DELETED_OUTPUT_BYTES", "bigint(20)", NO, EMPTY),
    col("DELETED_OUTPUT_BYTES_DISPLAY", "varchar(27)", NO, EMPTY),
    col("PATH", "varchar(2048)", NO, EMPTY),
    col("COMMENT", "varchar(262144)", NO, EMPTY),
];

const PIECE_COLS: &[ColDef] = &[
    col("DEST_ID", "bigint(20)", NO, NULL),
    col("ROUND_ID", "bigint(20)", NO, NULL),
    col("PIECE_ID", "bigint(20)", NO, NULL),
    col("INCARNATION", "bigint(20)", NO, EMPTY),
    col("DEST_NO", "bigint(20)", NO, EMPTY),
    col("STATUS", "varchar(64)", NO, EMPTY),
    col("START_SCN", "bigint(20) unsigned", NO, EMPTY),
    col("START_SCN_DISPLAY", "datetime(6)", NO, EMPTY),
    col("CHECKPOINT_SCN", "bigint(20) unsigned", NO, EMPTY),
    col("CHECKPOINT_SCN_DISPLAY", "datetime(6)", NO, EMPTY),
    col("MAX_SCN", "bigint(20) unsigned", NO, EMPTY),
    col("END_SCN", "bigint(20) unsigned", NO, EMPTY),
    col("END_SCN_DISPLAY", "datetime(6)", NO, EMPTY),
    col("COMPATIBLE", "bigint(20)", NO, EMPTY),
    col("UNIT_SIZE", "bigint(20)", NO, EMPTY),
    col("COMPRESSION", "varchar(128)", NO, EMPTY),
    col("INPUT_BYTES", "bigint(20)", NO, EMPTY),
    col("INPUT_BYTES_DISPLAY", "varchar(27)", NO, EMPTY),
    col("OUTPUT_BYTES", "bigint(20)", NO, EMPTY),
    col("OUTPUT_BYTES_DISPLAY", "varchar(27)", NO, EMPTY),
    col("COMPRESSION_RATIO", "decimal(23,2)", NO, EMPTY),
    col("FILE_STATUS", "varchar(64)", NO, EMPTY),
    col("PATH", "varchar(2048)", NO, EMPTY),
];

const ARCHIVE_DEST_COLS: &[ColDef] = &[
    col("DEST_NO", "bigint(20)", NO, NULL),
    col("NAME", "varchar(1024)", NO, NULL),
    col("VALUE", "varchar(4096)", NO, NULL),
];

pub fn archivelog_row(r: &ArchiveRound, summary: bool) -> Vec<Value> {
    let ratio = if r.input_bytes == 0 {
        0.0
    } else {
        r.output_bytes as f64 / r.input_bytes as f64
    };
    let mut row = vec![
        int(r.dest_id),
        int(r.round_id),
        int(1),
        int(r.dest_no),
        text(r.state.as_str()),
        Value::UInt(r.start_scn),
        scn_display(r.start_scn),
        Value::UInt(r.checkpoint_scn),
        scn_display(r.checkpoint_scn),
        int(1),
        int(r.base_piece_id),
        int(r.used_piece_id),
        int(r.piece_switch_interval),
        int(1),
        text("none"),
        int(r.input_bytes),
        text(&bytes_display(r.input_bytes)),
        int(r.output_bytes),
        text(&bytes_display(r.output_bytes)),
        decimal(ratio, 2),
        int(0),
        text(&bytes_display(0)),
        int(0),
        text(&bytes_display(0)),
    ];
    if summary {
        row.push(text(&r.path));
        row.push(text(&r.comment));
    } else {
        row.push(text(&r.comment));
        row.push(text(&r.path));
    }
    row
}

fn archive_tenants(c: &Cluster, scope: Scope) -> impl Iterator<Item = (&u64, &TenantArchive)> {
    c.archive.iter().filter(move |(t, _)| in_scope(scope, **t))
}

fn archivelog_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    archive_tenants(c, scope)
        .filter_map(|(t, a)| a.round.as_ref().map(|r| (*t, archivelog_row(r, false))))
        .collect()
}

fn archivelog_summary_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    archive_tenants(c, scope)
        .flat_map(|(t, a)| a.all_rounds().map(move |r| (*t, archivelog_row(r, true))))
        .collect()
}

fn piece_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    let mut out = Vec::new();
    for (t, a) in archive_tenants(c, scope) {
        for r in a.all_rounds() {
            for p in r.pieces() {
                out.push((*t, piece_row(r, &p)));
            }
        }
    }
    out
}

/// A piece as DBA_OB_ARCHIVELOG_PIECE_FILES shows it (geometry and states from
/// `ArchiveRound::pieces`, which the restore reads too).
fn piece_row(r: &ArchiveRound, p: &Piece) -> Vec<Value> {
    let bytes = p.input_bytes;
    vec![
        int(p.dest_id),
        int(p.round_id),
        int(p.piece_id),
        int(1),
        int(r.dest_no),
        text(p.status.as_str()),
        Value::UInt(p.start_scn),
        scn_display(p.start_scn),
        Value::UInt(p.checkpoint_scn),
        scn_display(p.checkpoint_scn),
        Value::UInt(p.checkpoint_scn),
        Value::UInt(p.end_scn),
        scn_display(p.end_scn),
        int(1),
        int(1),
        text("none"),
        int(bytes),
        text(&bytes_display(bytes)),
        int(bytes),
        text(&bytes_display(bytes)),
        decimal(if bytes == 0 { 0.0 } else { 1.0 }, 2),
        text(p.file_status.as_str()),
        text(&p.path()),
    ]
}

fn archive_dest_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    let mut out = Vec::new();
    for (t, a) in archive_tenants(c, scope) {
        if let Some(d) = &a.dest {
            for (name, value) in [
                ("binding", d.binding.clone()),
                ("dest_id", d.dest_id.to_string()),
                ("path", d.path.clone()),
                (
                    "piece_switch_interval",
                    d.piece_switch_interval_text.clone(),
                ),
                ("state", d.state.as_str().to_string()),
            ] {
                out.push((*t, vec![int(0), text(name), Value::Str(value)]));
            }
        }
    }
    out
}
