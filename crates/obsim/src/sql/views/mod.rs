//! System views (reference §3): column lists in definition order with their DESC types, and
//! the rows each view shows, read straight from engine state. The dashboards read the same rows,
//! so a card and a `SELECT` can never disagree.
//!
//! `DBA_*` views show the current tenant's rows; `CDB_*` twins exist only in the sys tenant and
//! show every tenant's rows with a leading TENANT_ID.
//!
//! This file is the registry (name resolution, the shared cell helpers); each family of views
//! lives in its own file with its column lists right beside the row functions that fill them.
//! Invariant: every row a view's function returns has exactly one value per column of its list.

mod archive;
mod backup_jobs;
mod backup_sets;
mod delete;
mod dests;
mod events;
mod params;
mod recover_table;
mod resource;
mod restore;
mod tenants;
#[cfg(test)]
mod tests;

// The row functions the dashboards call (`obsim::sql::views::job_row` and friends).
pub use archive::archivelog_row;
pub use backup_jobs::{job_row, task_row};
pub use backup_sets::set_row;

use crate::cluster::Cluster;
use crate::sim::micros_of_scn;
use crate::value::{Column, ColumnKind, ResultSet, Value};

/// One column of a view as `DESC` shows it: Field, Type, Null and Default (Key and Extra are
/// always empty for a view). Lists write it with [`col`] so that each line reads like the DESC
/// row: `col("JOB_ID", "bigint(20)", NO, NULL)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ColDef {
    pub name: &'static str,
    /// DESC's Type.
    pub ty: &'static str,
    /// DESC's Null: `YES` when true. (It is the view column's declared nullability, not a
    /// promise: OceanBase shows NULL in some `NO` columns, e.g. the SYS row's SCNs.)
    pub nullable: bool,
    /// DESC's Default.
    pub default: DescDefault,
}

/// What DESC prints in a view column's Default cell. OceanBase prints `NULL` for a column the
/// view takes straight from a column of its inner table, and nothing for a column it computes
/// (CASE, a function, a string built from parts, every column of a UNION).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DescDefault {
    /// Prints `NULL`.
    Null,
    /// Prints an empty cell.
    Empty,
}

/// The spellings the column lists use, so that a list reads like OceanBase's DESC output.
const YES: bool = true;
const NO: bool = false;
const NULL: DescDefault = DescDefault::Null;
const EMPTY: DescDefault = DescDefault::Empty;

/// A column: name, Type, Null (`YES`/`NO`), Default (`NULL`/`EMPTY`).
const fn col(name: &'static str, ty: &'static str, nullable: bool, default: DescDefault) -> ColDef {
    ColDef {
        name,
        ty,
        nullable,
        default,
    }
}

/// Which tenants' rows a view shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// DBA_ view: only this tenant's rows.
    Tenant(u64),
    /// CDB_ view (sys only): every tenant's rows, with TENANT_ID first.
    Cluster,
}

type RowFn = fn(&Cluster, Scope) -> Vec<(u64, Vec<Value>)>;

pub struct ViewDef {
    /// The name after `DBA_` / `CDB_` (or the full name when `prefixed` is false).
    pub base: &'static str,
    pub columns: &'static [ColDef],
    /// Whether the view exists as DBA_ and CDB_ twins.
    pub prefixed: bool,
    /// Only the sys tenant can see it (restore views, DBA_OB_TENANTS' full list is separate).
    pub sys_only: bool,
    rows: RowFn,
}

impl ViewDef {
    /// The Default of the TENANT_ID a CDB_ twin puts first: `NULL` when the view takes any
    /// column straight from its inner table (TENANT_ID is one of those too), empty when it
    /// computes every column (DBA_OB_ARCHIVELOG_SUMMARY is a UNION of the current and past
    /// rounds; DBA_OB_RESTORE_PROGRESS likewise). This is what OceanBase 4.3.5's DESC shows for
    /// every CDB_ view seen (spec §6.1); RESTORE_PROGRESS and RESTORE_HISTORY are inferred.
    fn cdb_tenant_id_default(&self) -> DescDefault {
        if self.columns.iter().any(|c| c.default == NULL) {
            NULL
        } else {
            EMPTY
        }
    }
}

/// Every view the simulator knows.
pub static VIEWS: &[ViewDef] = &[
    backup_jobs::JOBS,
    backup_jobs::JOB_HISTORY,
    backup_jobs::TASKS,
    backup_jobs::TASK_HISTORY,
    backup_sets::SET_FILES,
    archive::ARCHIVELOG,
    archive::ARCHIVELOG_SUMMARY,
    archive::PIECE_FILES,
    archive::ARCHIVE_DEST,
    dests::BACKUP_PARAMETER,
    delete::DELETE_POLICY,
    delete::DELETE_JOBS,
    delete::DELETE_JOB_HISTORY,
    delete::DELETE_TASKS,
    delete::DELETE_TASK_HISTORY,
    dests::STORAGE_INFO,
    restore::PROGRESS,
    restore::HISTORY,
    restore::LOG_RESTORE_SOURCE,
    restore::CDB_LOG_RESTORE_SOURCE,
    recover_table::RECOVER_JOBS,
    recover_table::RECOVER_JOB_HISTORY,
    recover_table::IMPORT_JOBS,
    recover_table::IMPORT_JOB_HISTORY,
    recover_table::IMPORT_TASKS,
    recover_table::IMPORT_TASK_HISTORY,
    resource::UNIT_CONFIGS,
    resource::RESOURCE_POOLS,
    tenants::TENANTS,
    params::PARAMETERS,
    events::ROOTSERVICE_EVENT_HISTORY,
];

/// A view resolved for one session: its columns and rows.
pub struct ResolvedView {
    pub cdb: bool,
    pub def: &'static ViewDef,
}

/// Finds a view by the name typed (case-insensitive, without schema). `is_sys` decides whether
/// CDB_ twins and sys-only views exist for the caller.
pub fn resolve(name: &str, is_sys: bool) -> Option<ResolvedView> {
    let upper = name.to_ascii_uppercase();
    for def in VIEWS {
        if def.sys_only && !is_sys {
            continue;
        }
        if def.prefixed {
            if upper == format!("DBA_{}", def.base) {
                return Some(ResolvedView { cdb: false, def });
            }
            if is_sys && upper == format!("CDB_{}", def.base) {
                return Some(ResolvedView { cdb: true, def });
            }
        } else if upper == def.base {
            return Some(ResolvedView { cdb: false, def });
        }
    }
    None
}

/// All view names visible to a tenant (for completion and SHOW TABLES in `oceanbase`).
pub fn names(is_sys: bool) -> Vec<String> {
    let mut out = Vec::new();
    for def in VIEWS {
        if def.sys_only && !is_sys {
            continue;
        }
        if def.prefixed {
            out.push(format!("DBA_{}", def.base));
            if is_sys {
                out.push(format!("CDB_{}", def.base));
            }
        } else {
            out.push(def.base.to_string());
        }
    }
    crate::order::sort(&mut out);
    out
}

pub fn kind_of(ty: &str) -> ColumnKind {
    if ty.ends_with("unsigned") {
        ColumnKind::UInt
    } else if ty.starts_with("bigint") {
        ColumnKind::Int
    } else if ty.starts_with("decimal") || ty == "double" {
        ColumnKind::Decimal
    } else if ty.starts_with("timestamp") || ty.starts_with("datetime") {
        ColumnKind::DateTime
    } else {
        ColumnKind::Text
    }
}

impl ResolvedView {
    pub fn column_defs(&self) -> Vec<ColDef> {
        let mut cols = Vec::new();
        if self.cdb {
            cols.push(col(
                "TENANT_ID",
                "bigint(20)",
                NO,
                self.def.cdb_tenant_id_default(),
            ));
        }
        cols.extend_from_slice(self.def.columns);
        cols
    }

    pub fn columns(&self) -> Vec<Column> {
        self.column_defs()
            .into_iter()
            .map(|c| Column {
                name: c.name.to_string(),
                kind: kind_of(c.ty),
                nullable: c.nullable,
            })
            .collect()
    }

    /// The rows this view shows to `tenant_id`.
    pub fn rows(&self, cluster: &Cluster, tenant_id: u64) -> Vec<Vec<Value>> {
        let scope = if self.cdb {
            Scope::Cluster
        } else {
            Scope::Tenant(tenant_id)
        };
        (self.def.rows)(cluster, scope)
            .into_iter()
            .map(|(t, mut row)| {
                if self.cdb {
                    row.insert(0, Value::Int(t as i64));
                }
                row
            })
            .collect()
    }

    pub fn result_set(&self, cluster: &Cluster, tenant_id: u64) -> ResultSet {
        ResultSet {
            columns: self.columns(),
            rows: self.rows(cluster, tenant_id),
        }
    }
}

// --- cell helpers ---------------------------------------------------------------------------

fn int(v: u64) -> Value {
    Value::Int(v as i64)
}

fn text(s: &str) -> Value {
    Value::Str(s.to_string())
}

fn ts(micros: u64) -> Value {
    Value::DateTime {
        micros: micros as i64,
        frac: true,
    }
}

/// END_TIMESTAMP and the like: NULL while 0.
fn ts_or_null(micros: u64) -> Value {
    if micros == 0 { Value::Null } else { ts(micros) }
}

fn scn_display(scn: u64) -> Value {
    if scn == 0 {
        Value::Null
    } else {
        ts(micros_of_scn(scn))
    }
}

/// decimal(N,scale) from a float, rounded half away from zero.
fn decimal(v: f64, scale: u8) -> Value {
    let m = (v * 10f64.powi(i32::from(scale))).round();
    Value::Decimal {
        mantissa: m as i128,
        scale,
    }
}

/// `ROUND(FINISH/COUNT*100, 2)`; 0.00 if COUNT = 0; 99.99 if FINISH > COUNT (§3.2).
fn progress(finish: u64, count: u64) -> Value {
    if count == 0 {
        return Value::Decimal {
            mantissa: 0,
            scale: 2,
        };
    }
    if finish > count {
        return Value::Decimal {
            mantissa: 9999,
            scale: 2,
        };
    }
    decimal(finish as f64 / count as f64 * 100.0, 2)
}

fn rate(bytes: u64, start: u64, end: u64) -> Value {
    if end == 0 || end <= start {
        return Value::Decimal {
            mantissa: 0,
            scale: 4,
        };
    }
    decimal(bytes as f64 / ((end - start) as f64 / 1e6), 4)
}

/// `x.xxMB` below 1 GB, then GB / TB / PB (§3.4).
pub fn bytes_display(bytes: u64) -> String {
    const MB: f64 = 1024.0 * 1024.0;
    let b = bytes as f64;
    let (v, unit) = if b < 1024.0 * MB {
        (b / MB, "MB")
    } else if b < 1024.0 * 1024.0 * MB {
        (b / (1024.0 * MB), "GB")
    } else if b < 1024.0 * 1024.0 * 1024.0 * MB {
        (b / (1024.0 * 1024.0 * MB), "TB")
    } else {
        (b / (1024.0 * 1024.0 * 1024.0 * MB), "PB")
    };
    crate::num::format_fixed(v, 2) + unit
}

fn in_scope(scope: Scope, tenant: u64) -> bool {
    match scope {
        Scope::Tenant(t) => t == tenant,
        Scope::Cluster => true,
    }
}
