//! "Compare with source" (issue 14): a restored tenant's tables next to its source tenant's as
//! of the SCN the restored data stands at, table by table: row count, checksum, equal or not,
//! and the keys of the rows that differ; plus the statements a DBA runs to check the same in SQL.
//!
//! The checksum is the one a DBA computes in OceanBase's MySQL mode:
//! `SELECT COUNT(*), SUM(CRC32(CONCAT_WS('#', c1, c2, …))) FROM db.t` (CONCAT_WS skips NULLs;
//! values as the client prints them). OceanBase accepts `CHECKSUM TABLE` but only mocks it
//! (`ob_mock_resolver.cpp`, `ob_mock_executor.cpp`: a warning, no checksum), so it is no check.
//!
//! Invariant: the source side is `UserData::as_of(scn)` of the source tenant's log, the same
//! function the restore rebuilt the rows with; nothing here changes the cluster.

use crate::checksum::crc32;
use crate::cluster::Cluster;
use crate::userdata::{Table, UserData};
use crate::value::Value;
use std::collections::BTreeMap;

/// The keys listed per kind of difference at most (the counts say how many there are).
pub const KEYS_LISTED: usize = 50;

/// One table's comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableComparison {
    pub database: String,
    pub table: String,
    /// None: the table does not exist on that side.
    pub restored_rows: Option<u64>,
    pub source_rows: Option<u64>,
    /// `SUM(CRC32(CONCAT_WS('#', …)))`; None for a missing or empty table (SUM is NULL).
    pub restored_checksum: Option<u64>,
    pub source_checksum: Option<u64>,
    pub equal: bool,
    /// Keys (as a duplicate-key error shows them, `1` or `1-a`) of rows the source had and the
    /// restored tenant lacks, has and the source lacked, and has with other values.
    pub missing: Vec<String>,
    pub extra: Vec<String>,
    pub changed: Vec<String>,
    /// The statement that gives the count and the checksum in either tenant.
    pub sql: String,
}

/// A restored tenant against its source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    pub restored_tenant_id: u64,
    pub restored_tenant_name: String,
    pub source_tenant_id: u64,
    pub source_tenant_name: String,
    /// The restore's RESTORE_SCN.
    pub restore_scn: u64,
    /// The SCN the source is read as of: the restored tenant's READABLE_SCN (the restore SCN,
    /// unless RECOVER STANDBY moved it on).
    pub as_of_scn: u64,
    pub tables: Vec<TableComparison>,
    pub equal: bool,
}

impl Cluster {
    /// The comparison of a restored tenant whose data is built, or None (not a restored tenant,
    /// its restore still running, or its source tenant gone).
    pub fn compare_with_source(&self, restored_tenant_id: u64) -> Option<Comparison> {
        let rec = self
            .restore
            .recovery(restored_tenant_id)
            .filter(|r| r.data_built && r.backup_tenant_id != 0)?;
        let restored = self.tenant(restored_tenant_id)?;
        let source = self.tenant(rec.backup_tenant_id)?;
        let mine = self.user_data.get(&restored_tenant_id)?;
        let theirs = self
            .user_data
            .get(&source.id)?
            .as_of(rec.readable_scn, &UserData::for_mode(source.mode));
        let restore_scn = self
            .restore
            .history
            .iter()
            .chain(&self.restore.jobs)
            .filter(|j| j.restore_tenant_id == restored_tenant_id)
            .map(|j| j.restore_scn)
            .next()
            .unwrap_or(rec.readable_scn);
        let mut names: BTreeMap<(String, String), (String, String)> = BTreeMap::new();
        for data in [mine, &theirs] {
            for (dkey, db) in &data.databases {
                for (tkey, t) in &db.tables {
                    names
                        .entry((dkey.clone(), tkey.clone()))
                        .or_insert_with(|| (db.name.clone(), t.name.clone()));
                }
            }
        }
        let tables: Vec<TableComparison> = names
            .values()
            .map(|(db, t)| compare_table(db, t, mine.table(db, t), theirs.table(db, t)))
            .collect();
        Some(Comparison {
            restored_tenant_id,
            restored_tenant_name: restored.name.clone(),
            source_tenant_id: source.id,
            source_tenant_name: source.name.clone(),
            restore_scn,
            as_of_scn: rec.readable_scn,
            equal: tables.iter().all(|t| t.equal),
            tables,
        })
    }
}

fn compare_table(
    db: &str,
    name: &str,
    restored: Option<&Table>,
    source: Option<&Table>,
) -> TableComparison {
    let (mut missing, mut extra, mut changed) = (Vec::new(), Vec::new(), Vec::new());
    let empty = BTreeMap::new();
    let mine = restored.map_or(&empty, |t| &t.rows);
    let theirs = source.map_or(&empty, |t| &t.rows);
    let shape = source.or(restored);
    let key = |row: &[Value]| shape.map_or_else(String::new, |t| key_text(t, row));
    for (k, row) in theirs {
        match mine.get(k) {
            None => missing.push(key(row)),
            Some(r) if r != row => changed.push(key(row)),
            Some(_) => {}
        }
    }
    for (k, row) in mine {
        if !theirs.contains_key(k) {
            extra.push(key(row));
        }
    }
    let equal = restored.is_some() == source.is_some()
        && missing.is_empty()
        && extra.is_empty()
        && changed.is_empty();
    for list in [&mut missing, &mut extra, &mut changed] {
        list.truncate(KEYS_LISTED);
    }
    TableComparison {
        database: db.to_string(),
        table: name.to_string(),
        restored_rows: restored.map(|t| t.rows.len() as u64),
        source_rows: source.map(|t| t.rows.len() as u64),
        restored_checksum: restored.and_then(table_checksum),
        source_checksum: source.and_then(table_checksum),
        equal,
        missing,
        extra,
        changed,
        sql: shape.map_or_else(String::new, |t| checksum_sql(db, t)),
    }
}

/// A row's key as a duplicate-key error shows it; every value for a table without a primary key.
fn key_text(t: &Table, row: &[Value]) -> String {
    if t.primary_key.is_empty() {
        row.iter().map(Value::render).collect::<Vec<_>>().join("-")
    } else {
        t.key_text(row)
    }
}

/// `SUM(CRC32(CONCAT_WS('#', every column)))` over the rows: None (NULL) without rows.
pub fn table_checksum(t: &Table) -> Option<u64> {
    if t.rows.is_empty() {
        return None;
    }
    Some(
        t.rows
            .values()
            .map(|row| {
                let parts: Vec<String> = row
                    .iter()
                    .filter(|v| !v.is_null())
                    .map(|v| match v {
                        Value::Str(s) => s.clone(),
                        other => other.render(),
                    })
                    .collect();
                u64::from(crc32(parts.join("#").as_bytes()))
            })
            .sum(),
    )
}

/// The DBA's check of one table: run it in both tenants.
pub fn checksum_sql(db: &str, t: &Table) -> String {
    let cols: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
    format!(
        "SELECT COUNT(*), SUM(CRC32(CONCAT_WS('#', {}))) FROM {db}.{};",
        cols.join(", "),
        t.name
    )
}

#[cfg(test)]
mod tests;
