//! SHOW (TENANTS, DATABASES, TABLES, CREATE TABLE; PARAMETERS is in `params`) and DESC.
//! Invariant: these statements only read; a user tenant sees its own tenant and data, and the
//! system schema lists the views its tenant may query.

use super::{Exec, Reply};
use crate::error::{ObError, ObResult};
use crate::sql::ast::*;
use crate::sql::views;
use crate::value::{Column, ColumnKind, ResultSet, Value};

impl Exec<'_> {
    pub(super) fn show(&mut self, s: &Show) -> ObResult<Reply> {
        match s {
            Show::Parameters { like, tenant } => {
                self.show_parameters(like.as_deref(), tenant.as_deref())
            }
            Show::RestorePreview => self.show_restore_preview(),
            Show::Tenants => {
                let mut set =
                    ResultSet::new(vec![Column::not_null("Tenant_name", ColumnKind::Text)]);
                for t in &self.cluster.tenants {
                    if self.session.is_sys() || t.id == self.session.tenant_id {
                        set.push_row(vec![Value::str(t.name.as_str())]);
                    }
                }
                Ok(Reply::Rows(set))
            }
            Show::Databases => {
                let mut set = ResultSet::new(vec![Column::not_null("Database", ColumnKind::Text)]);
                for d in self.user_data().databases.values() {
                    set.push_row(vec![Value::str(d.name.as_str())]);
                }
                Ok(Reply::Rows(set))
            }
            Show::Tables { database } => {
                let db = database.clone().or_else(|| self.session.database.clone());
                let Some(db) = db else {
                    return Err(ObError::no_database_selected());
                };
                let Some(d) = self.user_data().database(&db) else {
                    return Err(ObError::unknown_database(&db));
                };
                let mut set = ResultSet::new(vec![Column::not_null(
                    format!("Tables_in_{db}"),
                    ColumnKind::Text,
                )]);
                let mut names: Vec<String> = d.tables.values().map(|t| t.name.clone()).collect();
                if db.eq_ignore_ascii_case(self.session.system_schema()) {
                    names.extend(views::names(self.session.is_sys()));
                }
                crate::order::sort_by_key(&mut names, |n| n.to_ascii_lowercase());
                for n in names {
                    set.push_row(vec![Value::Str(n)]);
                }
                Ok(Reply::Rows(set))
            }
            Show::CreateTable { name } => {
                let db = name
                    .schema()
                    .map(str::to_string)
                    .or_else(|| self.session.database.clone())
                    .unwrap_or_default();
                let t = self
                    .user_data()
                    .table(&db, name.name())
                    .ok_or_else(|| self.no_such_table(&db, name.name()))?;
                let mut lines: Vec<String> = t
                    .columns
                    .iter()
                    .map(|c| {
                        let mut l = format!("  `{}` {}", c.name, c.ty.sql());
                        if c.not_null {
                            l.push_str(" NOT NULL");
                        }
                        if let Some(d) = &c.default {
                            l.push_str(&format!(" DEFAULT '{}'", d.render()));
                        }
                        l
                    })
                    .collect();
                if !t.primary_key.is_empty() {
                    let pk: Vec<String> = t
                        .primary_key
                        .iter()
                        .filter_map(|&i| t.columns.get(i))
                        .map(|c| format!("`{}`", c.name))
                        .collect();
                    lines.push(format!("  PRIMARY KEY ({})", pk.join(", ")));
                }
                let ddl = format!(
                    "CREATE TABLE `{}` (\n{}\n) DEFAULT CHARSET = utf8mb4 ROW_FORMAT = DYNAMIC COMPRESSION = 'zstd_1.3.8' REPLICA_NUM = 3 BLOCK_SIZE = 16384 USE_BLOOM_FILTER = FALSE TABLET_SIZE = 134217728 PCTFREE = 0",
                    t.name,
                    lines.join(",\n")
                );
                let set = ResultSet::new(vec![
                    Column::not_null("Table", ColumnKind::Text),
                    Column::not_null("Create Table", ColumnKind::Text),
                ])
                .with_row(vec![Value::Str(t.name.clone()), Value::Str(ddl)]);
                Ok(Reply::Rows(set))
            }
        }
    }

    pub(super) fn describe(&mut self, name: &ObjectName) -> ObResult<Reply> {
        let mut set = ResultSet::new(
            ["Field", "Type", "Null", "Key", "Default", "Extra"]
                .iter()
                .map(|n| Column::new(*n, ColumnKind::Text))
                .collect(),
        );
        let schema = name
            .schema()
            .map(str::to_string)
            .or_else(|| self.session.database.clone());
        let Some(schema) = schema else {
            return Err(ObError::no_database_selected());
        };
        if schema.eq_ignore_ascii_case(self.session.system_schema())
            && let Some(v) = views::resolve(name.name(), self.session.is_sys())
        {
            for c in v.column_defs() {
                set.push_row(vec![
                    Value::str(c.name),
                    Value::str(c.ty),
                    Value::str(if c.nullable { "YES" } else { "NO" }),
                    Value::str(""),
                    match c.default {
                        views::DescDefault::Null => Value::Null,
                        views::DescDefault::Empty => Value::str(""),
                    },
                    Value::str(""),
                ]);
            }
            return Ok(Reply::Rows(set));
        }
        let t = self
            .user_data()
            .table(&schema, name.name())
            .ok_or_else(|| self.no_such_table(&schema, name.name()))?;
        for (i, c) in t.columns.iter().enumerate() {
            let pk = t.primary_key.contains(&i);
            set.push_row(vec![
                Value::Str(c.name.clone()),
                Value::Str(c.ty.sql()),
                Value::str(if c.not_null || pk { "NO" } else { "YES" }),
                Value::str(if pk { "PRI" } else { "" }),
                c.default.clone().unwrap_or(Value::Null),
                Value::str(""),
            ]);
        }
        Ok(Reply::Rows(set))
    }
}
