//! The executor: turns a parsed statement into engine calls and results, applying OceanBase's
//! resolver rules and privileges (reference §1, §1.10) in the order OceanBase checks them.
//!
//! This file holds the entry point (`execute`), the statement dispatch and the helpers every
//! statement family shares (privileges, tenant names, the tenant's user data); each family lives
//! in its own file. Invariant: `execute` never panics, and the resolver and privilege checks of a
//! statement run before it calls the engine, so a statement they reject changes nothing.

mod alter_system;
mod cleanup;
mod ddl;
mod dml;
mod params;
mod recover_table;
mod resource;
mod restore;
mod select;
mod show;
mod tenants;
#[cfg(test)]
mod tests;

use super::ast::*;
use super::outcome::Outcome;
use super::query::EvalContext;
// The session moved to `sql::session`; `sql::exec::Session` stays its public path.
pub use super::session::Session;
use crate::backup::passwd_digest;
use crate::cluster::Cluster;
use crate::compat::CompatMode;
use crate::cost::Work;
use crate::error::{ObError, ObResult};
use crate::sim::Micros;
use crate::userdata::{DataOp, Table, block_of_key};
use crate::value::ResultSet;

/// What running one statement produced.
pub struct Executed {
    pub outcome: Outcome,
    /// What kind of work it was, for `cost`.
    pub work: Work,
    /// Simulated time the statement itself spent (SLEEP), on top of its usual cost.
    pub slept: Micros,
}

/// Parses and runs one statement. Never panics; a failing statement leaves state unchanged.
pub fn execute(
    cluster: &mut Cluster,
    session: &mut Session,
    sql: &str,
    vertical: bool,
) -> Executed {
    let stmt = match super::parser::parse_statement(sql) {
        Ok(s) => s,
        Err(e) => {
            return Executed {
                outcome: Outcome::Error(e),
                work: Work::Session,
                slept: 0,
            };
        }
    };
    let work = match &stmt {
        Statement::AlterSystem(_) | Statement::Resource(_) => Work::AlterSystem,
        Statement::Select(_) | Statement::Show(_) | Statement::Describe { .. } => Work::Query,
        Statement::Insert(_) | Statement::Update(_) | Statement::Delete(_) => Work::Dml,
        Statement::CreateDatabase { .. }
        | Statement::DropDatabase { .. }
        | Statement::CreateTable(_)
        | Statement::DropTable { .. }
        | Statement::TruncateTable { .. } => Work::Ddl,
        _ => Work::Session,
    };
    let mut ex = Exec {
        cluster,
        session,
        slept: 0,
    };
    let outcome = match ex.run(&stmt) {
        Ok(Reply::Ok(affected)) => Outcome::Ok {
            affected,
            warnings: 0,
            info: None,
        },
        Ok(Reply::OkInfo(affected, info)) => Outcome::Ok {
            affected,
            warnings: 0,
            info: Some(info),
        },
        Ok(Reply::Rows(set)) => Outcome::Rows { set, vertical },
        Err(e) => Outcome::Error(e),
    };
    Executed {
        outcome,
        work,
        slept: ex.slept,
    }
}

/// What a statement returns to `execute`: an OK with its affected-row count, or a result set.
enum Reply {
    Ok(u64),
    /// An OK whose packet carries an info string (OceanBase's `ObResultSet::set_message`).
    OkInfo(u64, String),
    Rows(ResultSet),
}

/// One statement's run: the cluster and session it acts on, and the simulated time it slept.
/// Each statement family adds its methods in its own file.
struct Exec<'a> {
    cluster: &'a mut Cluster,
    session: &'a mut Session,
    slept: Micros,
}

impl EvalContext for Exec<'_> {
    fn now_micros(&self) -> i64 {
        self.cluster.now() as i64
    }

    fn sleep(&mut self, seconds: f64) {
        if !seconds.is_finite() || seconds <= 0.0 {
            return;
        }
        // A day at most per call: keeps a typo from freezing the page. Time stops at the
        // session's limit, and the statement reports the time that really passed.
        let us = (seconds.min(86_400.0) * 1e6) as Micros;
        let before = self.cluster.now();
        self.cluster.advance(us);
        self.slept += self.cluster.now() - before;
    }

    fn current_database(&self) -> Option<String> {
        self.session.database.clone()
    }

    fn current_user(&self) -> String {
        format!("{}@{}", self.session.user, self.session.tenant_name)
    }

    fn version(&self) -> String {
        format!("5.7.25-OceanBase_CE-v{}", self.cluster.version())
    }
}

impl Exec<'_> {
    fn run(&mut self, stmt: &Statement) -> ObResult<Reply> {
        let writes = matches!(
            stmt,
            Statement::CreateDatabase { .. }
                | Statement::DropDatabase { .. }
                | Statement::CreateTable(_)
                | Statement::DropTable { .. }
                | Statement::TruncateTable { .. }
                | Statement::Insert(_)
                | Statement::Update(_)
                | Statement::Delete(_)
        );
        if writes {
            self.require_writable()?;
        }
        match stmt {
            Statement::AlterSystem(a) => self.alter_system(a),
            Statement::SetEncryption { password } => {
                self.session.encryption = Some(passwd_digest(password));
                Ok(Reply::Ok(0))
            }
            Statement::SetDecryption { passwords } => {
                if !self.session.is_sys() {
                    return Err(ObError::not_supported_text(
                        "non-sys tenant set decryption is",
                    ));
                }
                self.session.decryption = passwords.iter().map(|p| passwd_digest(p)).collect();
                Ok(Reply::Ok(0))
            }
            Statement::Select(s) => self.select(s),
            Statement::Show(s) => self.show(s),
            Statement::Describe { name } => self.describe(name),
            Statement::Use { database } => {
                let db = self.user_data().database(database).map(|d| d.name.clone());
                match db {
                    Some(_) => {
                        self.session.database = Some(self.fold(database));
                        Ok(Reply::Ok(0))
                    }
                    None => Err(ObError::unknown_database(database)),
                }
            }
            Statement::CreateDatabase {
                name,
                if_not_exists,
            } => self.create_database(name, *if_not_exists),
            Statement::DropDatabase { name, if_exists } => self.drop_database(name, *if_exists),
            Statement::CreateTable(c) => self.create_table(c),
            Statement::DropTable { names, if_exists } => self.drop_tables(names, *if_exists),
            Statement::TruncateTable { name } => self.truncate(name),
            Statement::Insert(i) => self.insert(i),
            Statement::Update(u) => self.update(u),
            Statement::Delete(d) => self.delete(d),
            Statement::Resource(r) => self.resource(r),
        }
    }

    /// DML and DDL in a tenant that is not PRIMARY (restoring, or a standby): 4688.
    fn require_writable(&self) -> ObResult<()> {
        if self.cluster.is_read_only(self.session.tenant_id) {
            Err(ObError::standby_read_only())
        } else {
            Ok(())
        }
    }

    /// Oracle mode folds unquoted identifiers to upper case.
    fn fold(&self, name: &str) -> String {
        match self.session.mode {
            CompatMode::MySql => name.to_string(),
            CompatMode::Oracle => name.to_ascii_uppercase(),
        }
    }

    /// A table or view that does not exist, named as the resolver sees it (folded, so an
    /// Oracle tenant reports `SYS.NOSUCH`), in the session's mode: 1146 in MySQL mode,
    /// ORA-00942 in Oracle mode (spec §6.3).
    fn no_such_table(&self, schema: &str, table: &str) -> ObError {
        let (schema, table) = (self.fold(schema), self.fold(table));
        match self.session.mode {
            CompatMode::MySql => ObError::table_not_exist(&schema, &table),
            CompatMode::Oracle => ObError::table_not_exist_oracle(&schema, &table),
        }
    }

    fn user_data(&self) -> &crate::userdata::UserData {
        static EMPTY: std::sync::OnceLock<crate::userdata::UserData> = std::sync::OnceLock::new();
        self.cluster
            .user_data
            .get(&self.session.tenant_id)
            .unwrap_or_else(|| EMPTY.get_or_init(crate::userdata::UserData::default))
    }

    // --- privileges and tenant names ----------------------------------------------------

    fn require_sys(&self) -> ObResult<()> {
        if self.session.is_sys() {
            Ok(())
        } else {
            Err(ObError::access_denied())
        }
    }

    // --- shared by the user-data statements ---------------------------------------------

    /// The (database, table) a statement names, defaulting to the current database.
    fn target(&self, name: &ObjectName) -> ObResult<(String, String)> {
        let db = name
            .schema()
            .map(str::to_string)
            .or_else(|| self.session.database.clone());
        let Some(db) = db else {
            return Err(ObError::no_database_selected());
        };
        Ok((self.fold(&db), self.fold(name.name())))
    }

    fn commit_ops(&mut self, ops: Vec<DataOp>, blocks: Vec<u32>) -> u64 {
        let tenant = self.session.tenant_id;
        let scn = match self.cluster.write_blocks(tenant, &blocks) {
            Some((scn, _)) => scn,
            None => self.cluster.clock.next_scn(),
        };
        if let Some(d) = self.cluster.user_data.get_mut(&tenant) {
            for op in ops {
                d.commit(scn, op);
            }
        }
        scn
    }

    /// The macroblocks holding these rows.
    fn blocks_of_rows<'k>(&self, t: &Table, keys: impl Iterator<Item = &'k Vec<u8>>) -> Vec<u32> {
        let Some(tablet) = self
            .cluster
            .storage
            .get(&self.session.tenant_id)
            .and_then(|s| s.tablets.iter().find(|x| x.tablet_id == t.tablet_id))
        else {
            return Vec::new();
        };
        keys.map(|k| block_of_key(k, tablet.first_block, tablet.block_count))
            .collect()
    }
}
