//! DML on user tables: INSERT, UPDATE and DELETE, and what they share: the target table's shape
//! (system views are not updatable) and the rows a WHERE selects, scanned in place. Invariant:
//! every row is evaluated, coerced and checked for duplicate keys before anything is committed,
//! so a failing statement writes nothing.

use super::select::{QueryCtx, user_column};
use super::{Exec, Reply};
use crate::error::{ObError, ObResult};
use crate::sql::ast::*;
use crate::sql::query::{Clause, EvalContext, compile_expr, eval_expr};
use crate::sql::views;
use crate::userdata::{DataOp, Table, coerce};
use crate::value::{Column, Value};

/// A row of a user table with its key, borrowed in place.
type RowRef<'a> = (&'a Vec<u8>, &'a Vec<Value>);

impl Exec<'_> {
    fn table_for_dml(&self, name: &ObjectName) -> ObResult<(String, String, Table)> {
        let (db, table) = self.target(name)?;
        if db.eq_ignore_ascii_case(self.session.system_schema())
            && views::resolve(&table, self.session.is_sys()).is_some()
        {
            return Err(ObError::table_not_updatable(&table));
        }
        // The table's shape only: its rows are scanned in place, never copied per statement.
        let t = self
            .user_data()
            .table(&db, &table)
            .ok_or_else(|| self.no_such_table(&db, &table))?
            .shape();
        Ok((db, table, t))
    }

    pub(super) fn insert(&mut self, ins: &Insert) -> ObResult<Reply> {
        let (db, table, mut t) = self.table_for_dml(&ins.table)?;
        let targets: Vec<usize> = if ins.columns.is_empty() {
            (0..t.columns.len()).collect()
        } else {
            let mut v = Vec::new();
            for c in &ins.columns {
                let i = t
                    .column_index(c)
                    .ok_or_else(|| ObError::unknown_column(c, "field list"))?;
                v.push(i);
            }
            v
        };
        let mut ops = Vec::new();
        let mut keys = Vec::new();
        let mut pending = std::collections::BTreeSet::new();
        for (n, exprs) in ins.rows.iter().enumerate() {
            if exprs.len() != targets.len() {
                return Err(ObError::column_count_mismatch(n + 1));
            }
            let mut row: Vec<Value> = t
                .columns
                .iter()
                .map(|c| c.default.clone().unwrap_or(Value::Null))
                .collect();
            for (e, &i) in exprs.iter().zip(&targets) {
                let v = eval_expr(e, None, self)?;
                if let Some(slot) = row.get_mut(i) {
                    *slot = v;
                }
            }
            for (i, c) in t.columns.iter().enumerate() {
                let v = std::mem::replace(&mut row[i], Value::Null);
                row[i] = coerce(c, v, n + 1)?;
            }
            let key = t.key_of(&row);
            let exists = self
                .user_data()
                .table(&db, &table)
                .is_some_and(|real| real.rows.contains_key(&key));
            if exists || !pending.insert(key.clone()) {
                return Err(ObError::duplicate_entry(&t.key_text(&row)));
            }
            keys.push(key.clone());
            ops.push(DataOp::Put {
                db: db.clone(),
                table: table.clone(),
                key,
                row,
            });
        }
        let count = ops.len() as u64;
        let blocks = self.blocks_of_rows(&t, keys.iter());
        // The hidden-key counter moved: store the table back before the row ops.
        if let Some(d) = self.cluster.user_data.get_mut(&self.session.tenant_id)
            && let Some(slot) = d
                .databases
                .get_mut(&db.to_ascii_lowercase())
                .and_then(|x| x.tables.get_mut(&table.to_ascii_lowercase()))
        {
            slot.set_next_hidden_key(t.next_hidden_key());
        }
        self.commit_ops(ops, blocks);
        // OceanBase's `ObResultSet::set_message`: an INSERT of more than one row reports
        // `Records: …` (OB_INSERT_MSG_FMT); there are no duplicates without ON DUPLICATE KEY.
        if count > 1 {
            let info = format!("Records: {count}  Duplicates: 0  Warnings: 0");
            return Ok(Reply::OkInfo(count, info));
        }
        Ok(Reply::Ok(count))
    }

    /// The rows of a table that a DML statement's WHERE selects, scanned in place (the table
    /// itself is returned too, for duplicate-key checks). SLEEP time accumulates in `qc`.
    fn matching_rows<'s>(
        &'s self,
        db: &str,
        table: &str,
        columns: &[Column],
        selection: Option<&Expr>,
        qc: &mut QueryCtx,
    ) -> ObResult<(&'s Table, Vec<RowRef<'s>>)> {
        let filter = selection
            .map(|w| compile_expr(w, columns, Clause::Where))
            .transpose()?;
        let real = self
            .user_data()
            .table(db, table)
            .ok_or_else(|| self.no_such_table(db, table))?;
        let mut out = Vec::new();
        for (key, row) in &real.rows {
            if let Some(f) = &filter
                && !f.matches(row, qc)?
            {
                continue;
            }
            out.push((key, row));
        }
        Ok((real, out))
    }

    pub(super) fn update(&mut self, upd: &Update) -> ObResult<Reply> {
        let (db, table, t) = self.table_for_dml(&upd.table)?;
        let columns: Vec<Column> = t.columns.iter().map(user_column).collect();
        let mut sets = Vec::new();
        for (c, e) in &upd.assignments {
            let i = t
                .column_index(c)
                .ok_or_else(|| ObError::unknown_column(c, "field list"))?;
            sets.push((i, e));
        }
        let mut ops = Vec::new();
        let mut touched = Vec::new();
        let mut new_keys = std::collections::BTreeSet::new();
        let mut removed = std::collections::BTreeSet::new();
        let mut n = 0usize;
        let mut qc = self.query_ctx();
        let (real, matching) =
            self.matching_rows(&db, &table, &columns, upd.selection.as_ref(), &mut qc)?;
        for (key, row) in matching {
            n += 1;
            let mut new_row = row.clone();
            for (i, e) in &sets {
                let v = eval_expr(e, Some((&columns, row)), &mut qc)?;
                new_row[*i] = coerce(&t.columns[*i], v, n)?;
            }
            if &new_row == row {
                continue;
            }
            let new_key = if t.primary_key.is_empty() {
                key.clone()
            } else {
                crate::userdata::encode_key(
                    &t.primary_key
                        .iter()
                        .map(|&i| new_row[i].clone())
                        .collect::<Vec<_>>(),
                )
            };
            if &new_key != key {
                if (real.rows.contains_key(&new_key) && !removed.contains(&new_key))
                    || !new_keys.insert(new_key.clone())
                {
                    return Err(ObError::duplicate_entry(&t.key_text(&new_row)));
                }
                removed.insert(key.clone());
                ops.push(DataOp::Delete {
                    db: db.clone(),
                    table: table.clone(),
                    key: key.clone(),
                });
                touched.push(key.clone());
            }
            touched.push(new_key.clone());
            ops.push(DataOp::Put {
                db: db.clone(),
                table: table.clone(),
                key: new_key,
                row: new_row,
            });
        }
        let changed = ops
            .iter()
            .filter(|o| matches!(o, DataOp::Put { .. }))
            .count() as u64;
        let blocks = self.blocks_of_rows(&t, touched.iter());
        self.sleep(qc.slept);
        if !ops.is_empty() {
            self.commit_ops(ops, blocks);
        }
        // OceanBase's `ObResultSet::set_message` (OB_UPDATE_MSG_FMT): every UPDATE reports the
        // rows its WHERE matched and the rows whose values changed; affected rows are the changed.
        let info = format!("Rows matched: {n}  Changed: {changed}  Warnings: 0");
        Ok(Reply::OkInfo(changed, info))
    }

    pub(super) fn delete(&mut self, del: &Delete) -> ObResult<Reply> {
        let (db, table, t) = self.table_for_dml(&del.table)?;
        let columns: Vec<Column> = t.columns.iter().map(user_column).collect();
        let mut qc = self.query_ctx();
        let (_, matching) =
            self.matching_rows(&db, &table, &columns, del.selection.as_ref(), &mut qc)?;
        let mut keys = Vec::new();
        for (key, _) in matching {
            keys.push(key.clone());
        }
        let blocks = self.blocks_of_rows(&t, keys.iter());
        self.sleep(qc.slept);
        let n = keys.len() as u64;
        let ops = keys
            .into_iter()
            .map(|key| DataOp::Delete {
                db: db.clone(),
                table: table.clone(),
                key,
            })
            .collect::<Vec<_>>();
        if !ops.is_empty() {
            self.commit_ops(ops, blocks);
        }
        Ok(Reply::Ok(n))
    }
}
