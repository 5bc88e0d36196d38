//! Backup destinations: DBA_OB_BACKUP_PARAMETER (DATA_BACKUP_DEST) and
//! DBA_OB_BACKUP_STORAGE_INFO (every destination a tenant has used, data or archive).
//! Invariant: one value per column of each list, in order.

use super::{ColDef, EMPTY, NO, NULL, Scope, ViewDef, YES, col, in_scope, int, text};
use crate::cluster::Cluster;
use crate::value::Value;

/// The data backup destination as a parameter row.
pub(super) const BACKUP_PARAMETER: ViewDef = ViewDef {
    base: "OB_BACKUP_PARAMETER",
    columns: BACKUP_PARAMETER_COLS,
    prefixed: true,
    sys_only: false,
    rows: backup_parameter_rows,
};

/// Every destination with its DEST_ID.
pub(super) const STORAGE_INFO: ViewDef = ViewDef {
    base: "DBA_OB_BACKUP_STORAGE_INFO",
    columns: STORAGE_INFO_COLS,
    prefixed: false,
    sys_only: false,
    rows: storage_info_rows,
};

const BACKUP_PARAMETER_COLS: &[ColDef] = &[
    col("NAME", "varchar(1024)", NO, NULL),
    col("VALUE", "longtext", NO, NULL),
];

const STORAGE_INFO_COLS: &[ColDef] = &[
    col("TENANT_ID", "bigint(20)", NO, NULL),
    col("PATH", "varchar(4096)", NO, NULL),
    col("ENDPOINT", "varchar(256)", NO, NULL),
    col("DEST_ID", "bigint(20)", YES, EMPTY),
    col("DEST_TYPE", "varchar(64)", YES, EMPTY),
    col("AUTHORIZATION", "varchar(4096)", NO, NULL),
    col("EXTENSION", "varchar(4096)", NO, NULL),
    col("CHECK_FILE_NAME", "varchar(4096)", YES, EMPTY),
    col("LAST_CHECK_TIMESTAMP", "timestamp(6)", YES, EMPTY),
];

fn backup_parameter_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    c.backup
        .iter()
        .filter(|(t, _)| in_scope(scope, **t))
        .filter_map(|(t, b)| {
            b.data_dest
                .as_ref()
                .map(|d| (*t, vec![text("data_backup_dest"), text(&d.path)]))
        })
        .collect()
}

fn storage_info_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    let mut out = Vec::new();
    for (t, b) in c.backup.iter().filter(|(t, _)| in_scope(scope, **t)) {
        for (path, dest_id) in &b.dest_ids {
            let is_archive = c
                .archive
                .get(t)
                .and_then(|a| a.dest.as_ref())
                .is_some_and(|d| &d.path == path);
            let (endpoint, dest_path) = match path.split_once("?host=") {
                Some((p, h)) => (format!("host={h}"), p.to_string()),
                None => (String::new(), path.clone()),
            };
            out.push((
                *t,
                vec![
                    int(*t),
                    text(&dest_path),
                    text(&endpoint),
                    int(*dest_id),
                    text(if is_archive {
                        "archive_log"
                    } else {
                        "backup_data"
                    }),
                    text(""),
                    text(""),
                    Value::Null,
                    Value::Null,
                ],
            ));
        }
    }
    out
}
