//! SELECT: where a FROM name points (a system view computed now, or a user table scanned in
//! place) and the evaluation context a query runs in. Invariant: a query reads one snapshot of
//! the cluster; the SLEEP time it asks for is summed and applied once, after it has run.

use super::{Exec, Reply};
use crate::compat::CompatMode;
use crate::error::{ObError, ObResult};
use crate::sql::ast::*;
use crate::sql::query::{EvalContext, run_select};
use crate::sql::views;
use crate::userdata::UserColumn;
use crate::value::ColType;
use crate::value::{Column, ColumnKind, Value};

/// What a FROM names.
enum Source {
    View(Vec<Column>, Vec<Vec<Value>>),
    Table(String, String),
}

/// The evaluation context of a SELECT: the clock as the statement began plus what SLEEP added.
pub(super) struct QueryCtx {
    now: i64,
    database: Option<String>,
    user: String,
    version: String,
    pub(super) slept: f64,
}

impl EvalContext for QueryCtx {
    fn now_micros(&self) -> i64 {
        self.now + (self.slept * 1e6) as i64
    }

    fn sleep(&mut self, seconds: f64) {
        if seconds.is_finite() && seconds > 0.0 {
            self.slept = (self.slept + seconds).min(86_400.0);
        }
    }

    fn current_database(&self) -> Option<String> {
        self.database.clone()
    }

    fn current_user(&self) -> String {
        self.user.clone()
    }

    fn version(&self) -> String {
        self.version.clone()
    }
}

impl Exec<'_> {
    /// Where a FROM name points: a system view (rows computed now) or a user table.
    fn resolve_source(&self, name: &ObjectName) -> ObResult<Source> {
        let schema = name
            .schema()
            .map(str::to_string)
            .or_else(|| self.session.database.clone());
        let Some(schema) = schema else {
            return Err(ObError::no_database_selected());
        };
        let table = name.name();
        if schema.eq_ignore_ascii_case(self.session.system_schema())
            && let Some(v) = views::resolve(table, self.session.is_sys())
        {
            let mut set = v.result_set(self.cluster, self.session.tenant_id);
            if self.session.mode == CompatMode::Oracle {
                // Oracle-mode views print timestamps with TO_CHAR(.., 'yyyy-mm-dd hh24:mi:ss'):
                // no fractional seconds (§1.11).
                for row in &mut set.rows {
                    for v in row.iter_mut() {
                        if let Value::DateTime { frac, .. } = v {
                            *frac = false;
                        }
                    }
                }
            }
            return Ok(Source::View(set.columns, set.rows));
        }
        match self.user_data().table(&schema, table) {
            Some(_) => Ok(Source::Table(schema, table.to_string())),
            None => Err(self.no_such_table(&schema, table)),
        }
    }

    /// A context that evaluates against one snapshot while rows stay borrowed; SLEEP time is
    /// summed in it and applied by the caller.
    pub(super) fn query_ctx(&self) -> QueryCtx {
        QueryCtx {
            now: self.cluster.now() as i64,
            database: self.session.database.clone(),
            user: self.current_user(),
            version: self.version(),
            slept: 0.0,
        }
    }

    pub(super) fn select(&mut self, s: &Select) -> ObResult<Reply> {
        // The query reads one snapshot; SLEEP time is added up and applied afterwards, so the
        // table's rows can be scanned in place instead of copied.
        let mut qc = self.query_ctx();
        let set = match &s.from {
            None => run_select::<Vec<Value>>(s, None, &mut qc)?,
            Some(name) => match self.resolve_source(name)? {
                Source::View(cols, rows) => run_select(s, Some((&cols, &rows)), &mut qc)?,
                Source::Table(db, table) => {
                    let t = self
                        .user_data()
                        .table(&db, &table)
                        .ok_or_else(|| self.no_such_table(&db, &table))?;
                    let cols: Vec<Column> = t.columns.iter().map(user_column).collect();
                    let rows: Vec<&[Value]> = t.rows.values().map(Vec::as_slice).collect();
                    run_select(s, Some((&cols, &rows)), &mut qc)?
                }
            },
        };
        self.sleep(qc.slept);
        Ok(Reply::Rows(set))
    }
}

pub(super) fn user_column(c: &UserColumn) -> Column {
    let kind = match c.ty {
        ColType::Int | ColType::BigInt => ColumnKind::Int,
        ColType::Decimal(..) => ColumnKind::Decimal,
        ColType::Varchar(_) => ColumnKind::Text,
        ColType::DateTime => ColumnKind::DateTime,
    };
    Column {
        name: c.name.clone(),
        kind,
        nullable: !c.not_null,
    }
}
