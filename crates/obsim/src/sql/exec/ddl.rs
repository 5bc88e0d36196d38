//! DDL on user data: CREATE / DROP DATABASE, CREATE / DROP / TRUNCATE TABLE. Invariant: every
//! check (names, types, keys) runs before the first change, and the change is committed as data
//! operations at one SCN, writing the macroblocks it touches, so backups see it like any write.

use super::{Exec, Reply};
use crate::error::{ObError, ObResult};
use crate::sql::ast::*;
use crate::sql::query::literal_value;
use crate::storage::SYS_LS_ID;
use crate::userdata::{DataOp, Table, UserColumn, coerce};
use crate::value::ColType;

impl Exec<'_> {
    pub(super) fn create_database(&mut self, name: &str, if_not_exists: bool) -> ObResult<Reply> {
        if self.user_data().database(name).is_some() {
            if if_not_exists {
                return Ok(Reply::Ok(0));
            }
            return Err(ObError::database_exists(name));
        }
        self.commit_ops(vec![DataOp::CreateDatabase(self.fold(name))], Vec::new());
        Ok(Reply::Ok(1))
    }

    pub(super) fn drop_database(&mut self, name: &str, if_exists: bool) -> ObResult<Reply> {
        let Some(db) = self.user_data().database(name) else {
            if if_exists {
                return Ok(Reply::Ok(0));
            }
            return Err(ObError::drop_unknown_database(name));
        };
        if crate::userdata::BUILTIN_DATABASES
            .iter()
            .any(|b| b.eq_ignore_ascii_case(name))
        {
            return Err(ObError::access_denied_to_database(name));
        }
        let tables = db.tables.len() as u64;
        if self
            .session
            .database
            .as_deref()
            .is_some_and(|d| d.eq_ignore_ascii_case(name))
        {
            self.session.database = None;
        }
        self.commit_ops(vec![DataOp::DropDatabase(name.to_string())], Vec::new());
        Ok(Reply::Ok(tables))
    }

    pub(super) fn create_table(&mut self, c: &CreateTable) -> ObResult<Reply> {
        let (db, name) = self.target(&c.name)?;
        if self.user_data().database(&db).is_none() {
            return Err(ObError::unknown_database(&db));
        }
        if self.user_data().table(&db, &name).is_some() {
            if c.if_not_exists {
                return Ok(Reply::Ok(0));
            }
            return Err(ObError::table_exists(&name));
        }
        let mut columns = Vec::new();
        for def in &c.columns {
            let cname = self.fold(&def.name);
            if columns
                .iter()
                .any(|x: &UserColumn| x.name.eq_ignore_ascii_case(&cname))
            {
                return Err(ObError::duplicate_column(&cname));
            }
            let ty = def.data_type;
            match ty {
                ColType::Decimal(p, s) => {
                    if p == 0 || p > 65 || s > 30 || s > p {
                        return Err(ObError::decimal_precision_too_big(p, &cname));
                    }
                }
                ColType::Int | ColType::BigInt | ColType::Varchar(_) | ColType::DateTime => {}
            }
            let mut col = UserColumn {
                name: cname,
                ty,
                not_null: def.not_null,
                default: None,
            };
            if let Some(d) = &def.default {
                let v = literal_value(d);
                col.default =
                    Some(coerce(&col, v, 1).map_err(|_| ObError::invalid_default(&col.name))?);
            }
            columns.push(col);
        }
        let mut pk = Vec::new();
        for k in &c.primary_key {
            let i = columns
                .iter()
                .position(|x| x.name.eq_ignore_ascii_case(k))
                .ok_or_else(|| ObError::key_column_not_exist(k))?;
            columns[i].not_null = true;
            pk.push(i);
        }
        let tablet_id = self.next_tablet();
        let table = Table::new(name, columns, pk, tablet_id);
        self.commit_ops(vec![DataOp::CreateTable { db, table }], Vec::new());
        Ok(Reply::Ok(0))
    }

    /// The tablet a new table lives in: the tenant's user tablets in turn.
    fn next_tablet(&self) -> u64 {
        let Some(storage) = self.cluster.storage.get(&self.session.tenant_id) else {
            return 0;
        };
        let user: Vec<u64> = storage
            .tablets
            .iter()
            .filter(|t| !t.is_sys && t.ls_id != SYS_LS_ID)
            .map(|t| t.tablet_id)
            .collect();
        if user.is_empty() {
            return 0;
        }
        user[(self.user_data().tables_created % user.len() as u64) as usize]
    }

    pub(super) fn drop_tables(&mut self, names: &[ObjectName], if_exists: bool) -> ObResult<Reply> {
        let mut ops = Vec::new();
        let mut blocks = Vec::new();
        for n in names {
            let (db, name) = self.target(n)?;
            match self.user_data().table(&db, &name) {
                Some(t) => {
                    blocks.extend(self.blocks_of_rows(t, t.rows.keys()));
                    ops.push(DataOp::DropTable { db, table: name });
                }
                None if if_exists => {}
                None => {
                    return Err(ObError::unknown_table(&db, &name));
                }
            }
        }
        self.commit_ops(ops, blocks);
        Ok(Reply::Ok(0))
    }

    pub(super) fn truncate(&mut self, name: &ObjectName) -> ObResult<Reply> {
        let (db, table) = self.target(name)?;
        let t = self
            .user_data()
            .table(&db, &table)
            .ok_or_else(|| self.no_such_table(&db, &table))?;
        let blocks = self.blocks_of_rows(t, t.rows.keys());
        self.commit_ops(vec![DataOp::Truncate { db, table }], blocks);
        Ok(Reply::Ok(0))
    }
}
