//! What RECOVER TABLE names and where each table lands: the recover list (`db.t`, `db.*`,
//! `*.*`), the REMAP forms (`db.t:t2`, `db.t:db2.t`, `db.t:db2.t2`, `db.*:db2.*`), their checks
//! (`ObRecoverTableInitiator::fill_remap_*`) and the list texts the views show.
//!
//! Invariant: names compare case-insensitively (MySQL tenants' lower_case_table_names = 1);
//! a table's target is its table REMAP if any, else its database's REMAP, else its own name.

use crate::error::{ObError, ObResult};
use crate::userdata::{BUILTIN_DATABASES, UserData};
use serde::{Deserialize, Serialize};

/// One item of the recover list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportItem {
    /// `*.*`: every user database.
    All,
    /// `db.*`
    Database(String),
    /// `db.t`
    Table { db: String, table: String },
}

/// One REMAP TABLE item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Remap {
    /// `db.t:t2` (dst_db = db), `db.t:db2.t`, `db.t:db2.t2`.
    Table {
        src_db: String,
        src_table: String,
        dst_db: String,
        dst_table: String,
    },
    /// `` db.`*`:db2.`*` ``: every table of db into db2.
    Database { src: String, dst: String },
}

impl Remap {
    fn source(&self) -> (String, Option<String>) {
        match self {
            Remap::Table {
                src_db, src_table, ..
            } => (
                src_db.to_ascii_lowercase(),
                Some(src_table.to_ascii_lowercase()),
            ),
            Remap::Database { src, .. } => (src.to_ascii_lowercase(), None),
        }
    }
}

fn same(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// The resolver's check: the same source remapped twice.
pub fn duplicate_remap(remaps: &[Remap]) -> bool {
    remaps
        .iter()
        .enumerate()
        .any(|(i, r)| remaps[..i].iter().any(|o| o.source() == r.source()))
}

/// Whether the recover list takes table `db.table` (`check_table_dup`).
fn takes_table(items: &[ImportItem], db: &str, table: &str) -> bool {
    items.iter().any(|i| match i {
        ImportItem::All => true,
        ImportItem::Database(d) => same(d, db),
        ImportItem::Table { db: d, table: t } => same(d, db) && same(t, table),
    })
}

/// Whether the recover list takes database `db` whole (`check_database_dup`).
fn takes_database(items: &[ImportItem], db: &str) -> bool {
    items.iter().any(|i| match i {
        ImportItem::All => true,
        ImportItem::Database(d) => same(d, db),
        ImportItem::Table { .. } => false,
    })
}

/// `fill_remap_database` / `fill_remap_table`: every REMAP names something being recovered.
pub(super) fn check_remaps(items: &[ImportItem], remaps: &[Remap]) -> ObResult<()> {
    for r in remaps {
        match r {
            Remap::Database { src, .. } if !takes_database(items, src) => {
                return Err(ObError::not_supported_text(
                    "remap not exist recover database",
                ));
            }
            Remap::Table {
                src_db, src_table, ..
            } if !takes_table(items, src_db, src_table) => {
                return Err(ObError::not_supported_text("remap not exist recover table"));
            }
            _ => {}
        }
    }
    Ok(())
}

/// Where the tables of database `db` go when no table REMAP names them.
pub fn target_database(db: &str, remaps: &[Remap]) -> String {
    remaps
        .iter()
        .find_map(|r| match r {
            Remap::Database { src, dst } if same(src, db) => Some(dst.clone()),
            _ => None,
        })
        .unwrap_or_else(|| db.to_string())
}

/// Where table `db.table` goes.
pub fn target_of(db: &str, table: &str, remaps: &[Remap]) -> (String, String) {
    remaps
        .iter()
        .find_map(|r| match r {
            Remap::Table {
                src_db,
                src_table,
                dst_db,
                dst_table,
            } if same(src_db, db) && same(src_table, table) => {
                Some((dst_db.clone(), dst_table.clone()))
            }
            _ => None,
        })
        .unwrap_or_else(|| (target_database(db, remaps), table.to_string()))
}

/// The tables the recover list names in the aux tenant's data: (database, table, column
/// count), each once, in list order; a named table the backup does not hold is kept (its
/// import task fails).
pub(super) fn expand(items: &[ImportItem], data: &UserData) -> Vec<(String, String, u64)> {
    let mut out: Vec<(String, String, u64)> = Vec::new();
    let mut push = |db: &str, table: &str, cols: u64| {
        if !out.iter().any(|(d, t, _)| same(d, db) && same(t, table)) {
            out.push((db.to_string(), table.to_string(), cols));
        }
    };
    for item in items {
        match item {
            ImportItem::All => {
                for d in data.databases.values() {
                    let builtin =
                        BUILTIN_DATABASES.iter().any(|b| same(b, &d.name)) || same(&d.name, "SYS");
                    if !builtin {
                        for t in d.tables.values() {
                            push(&d.name, &t.name, t.columns.len() as u64);
                        }
                    }
                }
            }
            ImportItem::Database(db) => {
                if let Some(d) = data.database(db) {
                    for t in d.tables.values() {
                        push(&d.name, &t.name, t.columns.len() as u64);
                    }
                }
            }
            ImportItem::Table { db, table } => match data.table(db, table) {
                Some(t) => {
                    let d = data.database(db).map_or(db.as_str(), |d| d.name.as_str());
                    push(d, &t.name, t.columns.len() as u64);
                }
                None => push(db, table, 0),
            },
        }
    }
    out
}

fn quoted(name: &str) -> String {
    format!("`{name}`")
}

/// The list columns: IMPORT_ALL, DB_LIST `` `db1`,`db2` ``, TABLE_LIST `` `db`.`t1`,`db`.`t2` ``,
/// REMAP_DB_LIST `` `db`:`db2` ``, REMAP_TABLE_LIST `` `db`.`t`:`db2`.`t2` ``, the tablegroup and
/// tablespace lists `` `a`:`b` `` (spec §3.16, ASSUME: formats of `ObImportArg`'s format_*).
pub fn list_texts(
    items: &[ImportItem],
    remaps: &[Remap],
    tablegroups: &[(String, String)],
    tablespaces: &[(String, String)],
) -> super::ImportLists {
    let join = |v: Vec<String>| v.join(",");
    let pairs = |v: &[(String, String)]| {
        join(
            v.iter()
                .map(|(a, b)| format!("{}:{}", quoted(a), quoted(b)))
                .collect(),
        )
    };
    super::ImportLists {
        import_all: items.contains(&ImportItem::All),
        db_list: join(
            items
                .iter()
                .filter_map(|i| match i {
                    ImportItem::Database(d) => Some(quoted(d)),
                    _ => None,
                })
                .collect(),
        ),
        table_list: join(
            items
                .iter()
                .filter_map(|i| match i {
                    ImportItem::Table { db, table } => {
                        Some(format!("{}.{}", quoted(db), quoted(table)))
                    }
                    _ => None,
                })
                .collect(),
        ),
        remap_db_list: join(
            remaps
                .iter()
                .filter_map(|r| match r {
                    Remap::Database { src, dst } => {
                        Some(format!("{}:{}", quoted(src), quoted(dst)))
                    }
                    _ => None,
                })
                .collect(),
        ),
        remap_table_list: join(
            remaps
                .iter()
                .filter_map(|r| match r {
                    Remap::Table {
                        src_db,
                        src_table,
                        dst_db,
                        dst_table,
                    } => Some(format!(
                        "{}.{}:{}.{}",
                        quoted(src_db),
                        quoted(src_table),
                        quoted(dst_db),
                        quoted(dst_table)
                    )),
                    _ => None,
                })
                .collect(),
        ),
        remap_tablegroup_list: pairs(tablegroups),
        remap_tablespace_list: pairs(tablespaces),
    }
}
