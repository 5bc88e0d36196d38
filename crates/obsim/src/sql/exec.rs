//! The executor: turns a parsed statement into engine calls and results, applying OceanBase's
//! resolver rules and privileges (reference §1, §1.10) in the order OceanBase checks them.

use super::ast::*;
use super::outcome::Outcome;
use super::query::{
    Clause, EvalContext, compile_expr, eval_expr, literal_value, run_select, sql_like,
};
use super::views;
use crate::backup::scheduler::BackupRequest;
use crate::backup::{BackupType, DeletePolicy, Encryption, passwd_digest};
use crate::calendar::parse_datetime;
use crate::cluster::{Cluster, SYS_TENANT_ID, Tenant, TenantType};
use crate::compat::CompatMode;
use crate::cost::Work;
use crate::error::{ObError, ObResult};
use crate::params::{self, CLUSTER_SCOPE, PARAMS, ParamScope};
use crate::restore::RestoreRequest;
use crate::sim::Micros;
use crate::storage::SYS_LS_ID;
use crate::userdata::{ColType, DataOp, Table, UserColumn, block_of_key, coerce};
use crate::value::{Column, ColumnKind, ResultSet, Value};

/// A logged-on session: who, where, and the session variables backup statements read.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Session {
    pub user: String,
    pub tenant_id: u64,
    pub tenant_name: String,
    pub mode: CompatMode,
    pub database: Option<String>,
    /// `__ob_backup_encryption_passwd__`: the digest set by SET ENCRYPTION ... ONLY.
    pub encryption: Option<String>,
    /// `__ob_backup_decryption_passwd_array__`: digests set by SET DECRYPTION.
    pub decryption: Vec<String>,
    pub connection_id: u64,
}

impl Session {
    /// A fresh session of `user` in tenant `t` (session variables start empty).
    pub fn new(user: &str, t: &Tenant, connection_id: u64) -> Session {
        let database = match t.mode {
            CompatMode::MySql => Some("oceanbase".to_string()),
            CompatMode::Oracle => Some(user.to_ascii_uppercase()),
        };
        Session {
            user: user.to_string(),
            tenant_id: t.id,
            tenant_name: t.name.clone(),
            mode: t.mode,
            database,
            encryption: None,
            decryption: Vec::new(),
            connection_id,
        }
    }

    pub fn is_sys(&self) -> bool {
        self.tenant_id == SYS_TENANT_ID
    }

    /// The schema name of system views in this mode.
    fn system_schema(&self) -> &'static str {
        match self.mode {
            CompatMode::MySql => "oceanbase",
            CompatMode::Oracle => "SYS",
        }
    }
}

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
        Statement::AlterSystem(_) => Work::AlterSystem,
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

enum Reply {
    Ok(u64),
    Rows(ResultSet),
}

/// A row of a user table with its key, borrowed in place.
type RowRef<'a> = (&'a Vec<u8>, &'a Vec<Value>);

/// What a FROM names.
enum Source {
    View(Vec<Column>, Vec<Vec<Value>>),
    Table(String, String),
}

/// The evaluation context of a SELECT: the clock as the statement began plus what SLEEP added.
struct QueryCtx {
    now: i64,
    database: Option<String>,
    user: String,
    version: String,
    slept: f64,
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

/// Names that mean "every tenant" somewhere in the grammar.
fn is_all_word(name: &str) -> bool {
    ["all", "all_user", "all_meta"]
        .iter()
        .any(|w| name.eq_ignore_ascii_case(w))
}

impl Exec<'_> {
    fn run(&mut self, stmt: &Statement) -> ObResult<Reply> {
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
                    None => Err(ObError::mysql(
                        1049,
                        "42000",
                        format!("Unknown database '{database}'"),
                    )),
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
        }
    }

    /// Oracle mode folds unquoted identifiers to upper case.
    fn fold(&self, name: &str) -> String {
        match self.session.mode {
            CompatMode::MySql => name.to_string(),
            CompatMode::Oracle => name.to_ascii_uppercase(),
        }
    }

    fn user_data(&self) -> &crate::userdata::UserData {
        static EMPTY: std::sync::OnceLock<crate::userdata::UserData> = std::sync::OnceLock::new();
        self.cluster
            .user_data
            .get(&self.session.tenant_id)
            .unwrap_or_else(|| EMPTY.get_or_init(crate::userdata::UserData::default))
    }

    // --- ALTER SYSTEM --------------------------------------------------------------------

    fn alter_system(&mut self, a: &AlterSystem) -> ObResult<Reply> {
        match a {
            AlterSystem::Backup(b) => self.backup(b),
            AlterSystem::CancelBackup { tenants } => self.cancel_backup(tenants.as_deref()),
            AlterSystem::ArchiveLog {
                enable, tenants, ..
            } => self.archive_log(*enable, tenants.as_deref()),
            AlterSystem::SetParameters { actions } => self.set_parameters(actions),
            AlterSystem::AddDeletePolicy {
                name,
                recovery_window,
                redundancy,
                tenants,
                ..
            } => self.add_delete_policy(
                name.as_deref(),
                recovery_window.as_deref(),
                *redundancy,
                tenants.as_deref(),
            ),
            AlterSystem::DropDeletePolicy { name, tenants } => {
                self.drop_delete_policy(name.as_deref(), tenants.as_deref())
            }
            AlterSystem::CancelDeleteBackup { tenants, .. } => {
                if let Some(list) = tenants {
                    if !self.session.is_sys() {
                        return Err(ObError::not_supported_text(
                            "user tenant cannot specify tenant names",
                        ));
                    }
                    self.tenant_ids(list)?;
                }
                Ok(Reply::Ok(0))
            }
            AlterSystem::Restore(r) => self.restore(r),
            AlterSystem::CancelRestore { tenant } => {
                self.require_sys()?;
                self.cluster.cancel_restore(tenant)?;
                Ok(Reply::Ok(0))
            }
            AlterSystem::ActivateStandby { tenant } => {
                self.require_sys()?;
                self.cluster.activate_standby(tenant)?;
                Ok(Reply::Ok(0))
            }
            AlterSystem::Rejected(RejectedForm::DeleteBackup) => {
                Err(ObError::not_supported_text("function is"))
            }
            AlterSystem::Rejected(RejectedForm::BackupKey) => Err(ObError::parse_plain()),
            AlterSystem::Rejected(RejectedForm::Legacy) => Err(ObError::not_supported()),
        }
    }

    fn require_sys(&self) -> ObResult<()> {
        if self.session.is_sys() {
            Ok(())
        } else {
            Err(ObError::access_denied())
        }
    }

    /// Tenant names → ids: unknown → 5160; duplicates collapse (§1.2).
    fn tenant_ids(&self, names: &[String]) -> ObResult<Vec<u64>> {
        let mut ids = Vec::new();
        for n in names {
            let t = self
                .cluster
                .tenant_by_name(n)
                .ok_or_else(ObError::invalid_tenant_name)?;
            if !ids.contains(&t.id) {
                ids.push(t.id);
            }
        }
        Ok(ids)
    }

    fn backup(&mut self, b: &Backup) -> ObResult<Reply> {
        let Backup {
            incremental,
            database,
            tenants,
            to,
            plus_archivelog,
            description,
        } = b;
        let (incremental, database, plus_archivelog) = (*incremental, *database, *plus_archivelog);
        let (to, description) = (to.as_deref(), description.as_deref());
        if to.is_some_and(|p| !p.is_empty()) {
            return Err(ObError::not_supported_text(
                "backup do not support using specify path",
            ));
        }
        let req = BackupRequest {
            backup_type: if incremental {
                BackupType::Inc
            } else {
                BackupType::Full
            },
            plus_archivelog,
            description: description.unwrap_or("").to_string(),
            encryption: Encryption {
                passwd_digest: self.session.encryption.clone(),
            },
        };
        if !self.session.is_sys() {
            if !database {
                return Err(ObError::not_supported_text(
                    "user tenant cannot specify tenant names",
                ));
            }
            self.cluster
                .start_tenant_backup(self.session.tenant_id, &req)?;
            return Ok(Reply::Ok(0));
        }
        if database {
            self.cluster.start_sys_backup(None, &req)?;
            return Ok(Reply::Ok(0));
        }
        if tenants.is_empty() {
            return Err(ObError::not_supported_text("No tenant name specified"));
        }
        let ids = self.tenant_ids(tenants)?;
        // Naming sys (or a meta tenant, whose fate the reference leaves open) is an internal error.
        if ids
            .iter()
            .any(|&id| !self.cluster.tenant(id).is_some_and(Tenant::is_user))
        {
            return Err(ObError::internal());
        }
        self.cluster.start_sys_backup(Some(&ids), &req)?;
        Ok(Reply::Ok(0))
    }

    fn cancel_backup(&mut self, tenants: Option<&[String]>) -> ObResult<Reply> {
        let targets = match (self.session.is_sys(), tenants) {
            (false, Some(_)) => return Err(ObError::not_supported()),
            (false, None) => vec![self.session.tenant_id],
            (true, None) => self
                .cluster
                .tenants
                .iter()
                .filter(|t| t.is_normal() && t.tenant_type != TenantType::Meta)
                .map(|t| t.id)
                .collect(),
            (true, Some(list)) => self.tenant_ids(list)?,
        };
        self.cluster.cancel_backup(&targets);
        Ok(Reply::Ok(0))
    }

    fn archive_log(&mut self, enable: bool, tenants: Option<&[String]>) -> ObResult<Reply> {
        if !self.session.is_sys() {
            if tenants.is_some() {
                return Err(ObError::access_denied());
            }
            self.cluster
                .set_archive_mode(self.session.tenant_id, enable)?;
            return Ok(Reply::Ok(0));
        }
        let all_users = |c: &Cluster| c.user_tenants().map(|t| t.id).collect::<Vec<_>>();
        let list = match tenants {
            None => None,
            Some(names) => {
                if names.len() == 1 && names[0].eq_ignore_ascii_case("all") {
                    None
                } else {
                    if names.iter().any(|n| {
                        n.eq_ignore_ascii_case("all_user") || n.eq_ignore_ascii_case("all_meta")
                    }) && names.len() == 1
                    {
                        return Err(ObError::not_supported_text(
                            "use all_user/all_meta in 'ALTER SYSTEM ARCHIVELOG' syntax is",
                        ));
                    }
                    if names.iter().any(|n| is_all_word(n)) {
                        return Err(ObError::not_supported_text(
                            "all/all_user/all_meta in combination with other names is",
                        ));
                    }
                    let mut ids = Vec::new();
                    for n in names {
                        let t = self
                            .cluster
                            .tenant_by_name(n)
                            .ok_or_else(ObError::invalid_tenant_name)?;
                        if ids.contains(&t.id) {
                            return Err(ObError::not_supported_text(&format!(
                                "duplicate tenant {n} is"
                            )));
                        }
                        ids.push(t.id);
                    }
                    Some(ids)
                }
            }
        };
        match list {
            // No list (or `all`): every user tenant, per-tenant errors ignored.
            None => {
                for t in all_users(self.cluster) {
                    let _ = self.cluster.set_archive_mode(t, enable);
                }
                Ok(Reply::Ok(0))
            }
            Some(ids) => {
                let mut last = Ok(());
                for t in ids {
                    last = self.cluster.set_archive_mode(t, enable);
                }
                // ARCHIVELOG ignores per-tenant failures; NOARCHIVELOG returns the last one's.
                if !enable {
                    last?;
                }
                Ok(Reply::Ok(0))
            }
        }
    }

    fn set_parameters(&mut self, actions: &[SetParameter]) -> ObResult<Reply> {
        const BACKUP_ITEMS: [&str; 3] = [
            "data_backup_dest",
            "log_archive_dest",
            "log_archive_dest_state",
        ];
        let is_backup_item =
            |a: &SetParameter| BACKUP_ITEMS.iter().any(|b| a.name.eq_ignore_ascii_case(b));
        let backup_items = actions.iter().filter(|a| is_backup_item(a)).count();
        if backup_items > 0 && backup_items < actions.len() {
            return Err(ObError::not_supported_text(
                "backup configuration items cannot be set together with non data backup configuration items",
            ));
        }
        // Validate every action first: a statement applies all of its actions or none.
        let mut plan: Vec<(Vec<u64>, &SetParameter, String)> = Vec::new();
        for a in actions {
            if !self.session.is_sys() && a.tenant.is_some() {
                return Err(ObError::access_denied());
            }
            if is_backup_item(a) {
                let target = match (&a.tenant, self.session.is_sys()) {
                    (None, false) => self.session.tenant_id,
                    (None, true) => return Err(ObError::not_supported()),
                    (Some(name), _) => {
                        let t = self
                            .cluster
                            .tenant_by_name(name)
                            .ok_or_else(ObError::invalid_tenant_name)?;
                        if !t.is_user() {
                            return Err(ObError::not_supported());
                        }
                        t.id
                    }
                };
                let value = match &a.value {
                    Literal::String(s) => s.clone(),
                    _ => return Err(ObError::invalid_backup_dest()),
                };
                plan.push((vec![target], a, value));
                continue;
            }
            let def = params::find(&a.name).ok_or_else(ObError::config_unknown)?;
            if !self.session.is_sys() && def.scope == ParamScope::Cluster {
                return Err(ObError::config_unknown());
            }
            let targets = match (&a.tenant, def.scope) {
                (_, ParamScope::Cluster) => vec![CLUSTER_SCOPE],
                (None, ParamScope::Tenant) => vec![self.session.tenant_id],
                (Some(name), ParamScope::Tenant) => {
                    let lower = name.to_ascii_lowercase();
                    if def.name == "archive_lag_target" && (lower == "all" || lower == "all_meta") {
                        return Err(ObError::not_supported_text(
                            "use all/all_meta in 'ALTER SYSTEM SET ARCHIVE_LAG_TARGET' syntax is",
                        ));
                    }
                    match lower.as_str() {
                        "all" | "all_user" => self.cluster.user_tenants().map(|t| t.id).collect(),
                        "all_meta" => self
                            .cluster
                            .tenants
                            .iter()
                            .filter(|t| t.tenant_type == TenantType::Meta)
                            .map(|t| t.id)
                            .collect(),
                        _ => vec![
                            self.cluster
                                .tenant_by_name(name)
                                .ok_or_else(ObError::invalid_tenant_name)?
                                .id,
                        ],
                    }
                }
            };
            let raw = match &a.value {
                Literal::Number(n) => n.clone(),
                Literal::String(s) => s.clone(),
                Literal::Bool(b) => b.to_string(),
                Literal::Null => return Err(ObError::invalid_config()),
            };
            let value = def.validate(&raw).ok_or_else(ObError::invalid_config)?;
            plan.push((targets, a, value));
        }
        // Destination checks (format files, running archive) can only fail while applying: keep
        // a copy to roll back to when a statement sets more than one thing.
        let undo =
            (plan.iter().map(|(t, _, _)| t.len()).sum::<usize>() > 1).then(|| self.cluster.clone());
        for (targets, a, value) in plan {
            let name = a.name.to_ascii_lowercase();
            for t in targets {
                let applied = match name.as_str() {
                    "data_backup_dest" => self.cluster.set_data_backup_dest(t, &value),
                    "log_archive_dest" => self.cluster.set_log_archive_dest(t, &value),
                    "log_archive_dest_state" => self.cluster.set_log_archive_dest_state(t, &value),
                    _ => {
                        self.cluster.params.set(t, &name, value.clone());
                        Ok(())
                    }
                };
                if let Err(e) = applied {
                    if let Some(before) = undo {
                        *self.cluster = before;
                    }
                    return Err(e);
                }
            }
        }
        Ok(Reply::Ok(0))
    }

    /// Resolves the one tenant a delete-policy statement acts on (§1.7).
    fn policy_tenant(&self, tenants: Option<&[String]>) -> ObResult<u64> {
        match (self.session.is_sys(), tenants) {
            (false, Some(_)) => Err(ObError::not_supported_text(
                "user tenant cannot specify tenant names",
            )),
            (false, None) => Ok(self.session.tenant_id),
            (true, None) => Err(ObError::not_supported_text(
                "Too little tenant names specified, only one tenant name can be specified",
            )),
            (true, Some(list)) if list.len() > 1 => Err(ObError::not_supported_text(
                "Too many tenant names specified, only one tenant name can be specified",
            )),
            (true, Some(list)) => Ok(self.tenant_ids(list)?.first().copied().unwrap_or(0)),
        }
    }

    fn check_policy_name(name: Option<&str>) -> ObResult<String> {
        match name {
            None | Some("") => Err(ObError::not_supported_text(
                "delete policy name is not specified, which is",
            )),
            Some(n) if n != "default" => Err(ObError::not_supported_text(
                "The policy name is not 'default', it is",
            )),
            Some(n) => Ok(n.to_string()),
        }
    }

    fn add_delete_policy(
        &mut self,
        name: Option<&str>,
        window: Option<&str>,
        redundancy: Option<i64>,
        tenants: Option<&[String]>,
    ) -> ObResult<Reply> {
        let name = Self::check_policy_name(name)?;
        let micros = match (window, redundancy) {
            (None, None) => {
                return Err(ObError::not_supported_text(
                    "Neither recovery_window nor redundancy is set",
                ));
            }
            (Some(w), _) => crate::params::parse_duration(w)
                .filter(|_| w.trim().ends_with(|c: char| c.is_ascii_alphabetic()))
                .ok_or_else(|| {
                    ObError::not_supported_text("recovery window is not be time string")
                })?,
            (None, Some(r)) if r != 1 => {
                return Err(ObError::not_supported_text("Redundancy not equal to 1 is"));
            }
            (None, Some(_)) => 0,
        };
        let tenant = self.policy_tenant(tenants)?;
        self.cluster.tenant_backup_mut(tenant).delete_policy = Some(DeletePolicy {
            name,
            recovery_window: window.unwrap_or("0d").to_string(),
            recovery_window_micros: micros,
        });
        self.cluster.wake_cleaner();
        Ok(Reply::Ok(0))
    }

    fn drop_delete_policy(
        &mut self,
        name: Option<&str>,
        tenants: Option<&[String]>,
    ) -> ObResult<Reply> {
        Self::check_policy_name(name)?;
        let tenant = self.policy_tenant(tenants)?;
        self.cluster.tenant_backup_mut(tenant).delete_policy = None;
        Ok(Reply::Ok(0))
    }

    fn restore(&mut self, r: &Restore) -> ObResult<Reply> {
        let Restore {
            tenant,
            from,
            until,
            with,
            encrypted_by: _,
            description,
            preview,
        } = r;
        let (tenant, until, preview) = (tenant.as_ref(), until.as_ref(), *preview);
        let (from, with, description) = (from.as_deref(), with.as_deref(), description.as_deref());
        self.require_sys()?;
        if let Some(t) = tenant {
            let lower = t.name.to_ascii_lowercase();
            if lower == "all_user" || lower == "all_meta" || (t.quoted && lower == "all") {
                return Err(ObError::not_supported_text(&format!(
                    "since 4.2.1, using \"{lower}\" (case insensitive) as a tenant name is"
                )));
            }
            if t.name.contains('$') {
                return Err(ObError::not_supported_text(
                    "since 4.2.1, manually creating a tenant name containing '$' is",
                ));
            }
        }
        let until_scn = match until {
            None => None,
            Some(RestoreUntil::Scn(n)) => {
                if *n <= 0 || *n > i128::from(u64::MAX) {
                    return Err(ObError::invalid_argument(
                        "until scn, it should be positive integer",
                    ));
                }
                Some(*n as u64)
            }
            Some(RestoreUntil::Time(s)) => {
                let us = parse_datetime(s)
                    .filter(|&us| us > 0)
                    .ok_or_else(|| ObError::invalid_argument("until time"))?;
                Some(us as u64 * 1000)
            }
        };
        if preview && until_scn.is_none() {
            return Err(ObError::op_not_allow(
                "restore preview must have a scn or timestamp, otherwise",
            ));
        }
        let Some(from) = from else {
            return Err(ObError::entry_not_exist(
                "no backup set path or log piece can be used to restore",
            ));
        };
        let uris: Vec<String> = from
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        if preview {
            let plan = self.cluster.plan_restore(&uris, until_scn)?;
            let mut set = ResultSet::new(vec![
                Column::not_null("BACKUP_TYPE", ColumnKind::Text),
                Column::not_null("BACKUP_ID", ColumnKind::Int),
                Column::not_null("PREVIEW_PATH", ColumnKind::Text),
                Column::not_null("FILE_STATUS", ColumnKind::Text),
            ]);
            for s in &plan.sets {
                set.push_row(vec![
                    Value::str("BACKUP_SET"),
                    Value::Int(s.backup_set_id as i64),
                    Value::Str(format!("{}/{}", s.path, s.dir_name())),
                    Value::str(s.file_status.as_str()),
                ]);
            }
            for (i, p) in plan.pieces.iter().enumerate() {
                set.push_row(vec![
                    Value::str("ARCHIVELOG_PIECE"),
                    Value::Int(i as i64 + 1),
                    Value::str(p.as_str()),
                    Value::str("AVAILABLE"),
                ]);
            }
            return Ok(Reply::Rows(set));
        }
        let Some(tenant) = tenant else {
            return Err(ObError::parse("", 1));
        };
        let Some(with) = with else {
            return Err(ObError::parse("", 1));
        };
        let req = RestoreRequest {
            tenant_name: tenant.name.clone(),
            uris,
            until_scn,
            options: with.to_string(),
            decryption_digests: self.session.decryption.clone(),
            description: description.unwrap_or("").to_string(),
        };
        self.cluster.start_restore(&req)?;
        Ok(Reply::Ok(0))
    }

    // --- queries -----------------------------------------------------------------------

    /// Where a FROM name points: a system view (rows computed now) or a user table.
    fn resolve_source(&self, name: &ObjectName) -> ObResult<Source> {
        let schema = name
            .schema()
            .map(str::to_string)
            .or_else(|| self.session.database.clone());
        let Some(schema) = schema else {
            return Err(ObError::mysql(1046, "3D000", "No database selected"));
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

    fn no_such_table(&self, schema: &str, table: &str) -> ObError {
        ObError::mysql(
            1146,
            "42S02",
            format!("Table '{schema}.{table}' doesn't exist"),
        )
    }

    /// A context that evaluates against one snapshot while rows stay borrowed; SLEEP time is
    /// summed in it and applied by the caller.
    fn query_ctx(&self) -> QueryCtx {
        QueryCtx {
            now: self.cluster.now() as i64,
            database: self.session.database.clone(),
            user: self.current_user(),
            version: self.version(),
            slept: 0.0,
        }
    }

    fn select(&mut self, s: &Select) -> ObResult<Reply> {
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

    fn show(&mut self, s: &Show) -> ObResult<Reply> {
        match s {
            Show::Parameters { like, tenant } => {
                self.show_parameters(like.as_deref(), tenant.as_deref())
            }
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
                    return Err(ObError::mysql(1046, "3D000", "No database selected"));
                };
                let Some(d) = self.user_data().database(&db) else {
                    return Err(ObError::mysql(
                        1049,
                        "42000",
                        format!("Unknown database '{db}'"),
                    ));
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

    fn show_parameters(&mut self, like: Option<&str>, tenant: Option<&str>) -> ObResult<Reply> {
        let owner = match tenant {
            Some(_) if !self.session.is_sys() => return Err(ObError::access_denied()),
            Some(name) => {
                self.cluster
                    .tenant_by_name(name)
                    .ok_or_else(ObError::invalid_tenant_name)?
                    .id
            }
            None => self.session.tenant_id,
        };
        let cols = [
            ("zone", ColumnKind::Text),
            ("svr_type", ColumnKind::Text),
            ("svr_ip", ColumnKind::Text),
            ("svr_port", ColumnKind::Int),
            ("name", ColumnKind::Text),
            ("data_type", ColumnKind::Text),
            ("value", ColumnKind::Text),
            ("info", ColumnKind::Text),
            ("section", ColumnKind::Text),
            ("scope", ColumnKind::Text),
            ("source", ColumnKind::Text),
            ("edit_level", ColumnKind::Text),
            ("default_value", ColumnKind::Text),
            ("isdefault", ColumnKind::Int),
        ];
        let mut set = ResultSet::new(cols.iter().map(|(n, k)| Column::not_null(*n, *k)).collect());
        for s in &self.cluster.servers {
            for def in PARAMS {
                if let Some(p) = like
                    && !sql_like(def.name, p)
                {
                    continue;
                }
                let value = self.cluster.params.get(owner, def);
                let is_default = value == def.default;
                set.push_row(vec![
                    Value::str(s.zone.as_str()),
                    Value::str("observer"),
                    Value::str(s.ip.as_str()),
                    Value::Int(i64::from(s.rpc_port)),
                    Value::str(def.name),
                    Value::str(def.ty.name()),
                    Value::Str(value),
                    Value::str(def.info),
                    Value::str(def.section),
                    Value::str(def.scope.as_str()),
                    Value::str("DEFAULT"),
                    Value::str(def.edit_level),
                    Value::str(def.default),
                    Value::Int(i64::from(is_default)),
                ]);
            }
        }
        Ok(Reply::Rows(set))
    }

    fn describe(&mut self, name: &ObjectName) -> ObResult<Reply> {
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
            return Err(ObError::mysql(1046, "3D000", "No database selected"));
        };
        if schema.eq_ignore_ascii_case(self.session.system_schema())
            && let Some(v) = views::resolve(name.name(), self.session.is_sys())
        {
            for (n, ty, nullable) in v.column_defs() {
                set.push_row(vec![
                    Value::str(n),
                    Value::str(ty),
                    Value::str(if nullable { "YES" } else { "NO" }),
                    Value::str(""),
                    Value::Null,
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

    // --- user data ------------------------------------------------------------------------

    /// The (database, table) a statement names, defaulting to the current database.
    fn target(&self, name: &ObjectName) -> ObResult<(String, String)> {
        let db = name
            .schema()
            .map(str::to_string)
            .or_else(|| self.session.database.clone());
        let Some(db) = db else {
            return Err(ObError::mysql(1046, "3D000", "No database selected"));
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

    fn create_database(&mut self, name: &str, if_not_exists: bool) -> ObResult<Reply> {
        if self.user_data().database(name).is_some() {
            if if_not_exists {
                return Ok(Reply::Ok(0));
            }
            return Err(ObError::mysql(
                1007,
                "HY000",
                format!("Can't create database '{name}'; database exists"),
            ));
        }
        self.commit_ops(vec![DataOp::CreateDatabase(self.fold(name))], Vec::new());
        Ok(Reply::Ok(1))
    }

    fn drop_database(&mut self, name: &str, if_exists: bool) -> ObResult<Reply> {
        let Some(db) = self.user_data().database(name) else {
            if if_exists {
                return Ok(Reply::Ok(0));
            }
            return Err(ObError::mysql(
                1008,
                "HY000",
                format!("Can't drop database '{name}'; database doesn't exist"),
            ));
        };
        if crate::userdata::BUILTIN_DATABASES
            .iter()
            .any(|b| b.eq_ignore_ascii_case(name))
        {
            return Err(ObError::mysql(
                1044,
                "42000",
                format!("Access denied for user 'root'@'%' to database '{name}'"),
            ));
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

    fn create_table(&mut self, c: &CreateTable) -> ObResult<Reply> {
        let (db, name) = self.target(&c.name)?;
        if self.user_data().database(&db).is_none() {
            return Err(ObError::mysql(
                1049,
                "42000",
                format!("Unknown database '{db}'"),
            ));
        }
        if self.user_data().table(&db, &name).is_some() {
            if c.if_not_exists {
                return Ok(Reply::Ok(0));
            }
            return Err(ObError::mysql(
                1050,
                "42S01",
                format!("Table '{name}' already exists"),
            ));
        }
        let mut columns = Vec::new();
        for def in &c.columns {
            let cname = self.fold(&def.name);
            if columns
                .iter()
                .any(|x: &UserColumn| x.name.eq_ignore_ascii_case(&cname))
            {
                return Err(ObError::mysql(
                    1060,
                    "42S21",
                    format!("Duplicate column name '{cname}'"),
                ));
            }
            let ty = match def.data_type {
                DataType::Int => ColType::Int,
                DataType::BigInt => ColType::BigInt,
                DataType::Decimal(p, s) => {
                    if p == 0 || p > 65 || s > 30 || s > p {
                        return Err(ObError::mysql(
                            1426,
                            "42000",
                            format!(
                                "Too big precision {p} specified for column '{cname}'. Maximum is 65."
                            ),
                        ));
                    }
                    ColType::Decimal(p, s)
                }
                DataType::Varchar(n) => ColType::Varchar(n),
                DataType::DateTime => ColType::DateTime,
            };
            let mut col = UserColumn {
                name: cname,
                ty,
                not_null: def.not_null,
                default: None,
            };
            if let Some(d) = &def.default {
                let v = literal_value(d);
                col.default = Some(coerce(&col, v, 1).map_err(|_| {
                    ObError::mysql(
                        1067,
                        "42000",
                        format!("Invalid default value for '{}'", col.name),
                    )
                })?);
            }
            columns.push(col);
        }
        let mut pk = Vec::new();
        for k in &c.primary_key {
            let i = columns
                .iter()
                .position(|x| x.name.eq_ignore_ascii_case(k))
                .ok_or_else(|| {
                    ObError::mysql(
                        1072,
                        "42000",
                        format!("Key column '{k}' doesn't exist in table"),
                    )
                })?;
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

    fn drop_tables(&mut self, names: &[ObjectName], if_exists: bool) -> ObResult<Reply> {
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
                    return Err(ObError::mysql(
                        1051,
                        "42S02",
                        format!("Unknown table '{db}.{name}'"),
                    ));
                }
            }
        }
        self.commit_ops(ops, blocks);
        Ok(Reply::Ok(0))
    }

    fn truncate(&mut self, name: &ObjectName) -> ObResult<Reply> {
        let (db, table) = self.target(name)?;
        let t = self
            .user_data()
            .table(&db, &table)
            .ok_or_else(|| self.no_such_table(&db, &table))?;
        let blocks = self.blocks_of_rows(t, t.rows.keys());
        self.commit_ops(vec![DataOp::Truncate { db, table }], blocks);
        Ok(Reply::Ok(0))
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

    fn table_for_dml(&self, name: &ObjectName) -> ObResult<(String, String, Table)> {
        let (db, table) = self.target(name)?;
        if db.eq_ignore_ascii_case(self.session.system_schema())
            && views::resolve(&table, self.session.is_sys()).is_some()
        {
            return Err(ObError::mysql(
                1288,
                "HY000",
                format!("The target table {table} of the DML is not updatable"),
            ));
        }
        // The table's shape only: its rows are scanned in place, never copied per statement.
        let t = self
            .user_data()
            .table(&db, &table)
            .ok_or_else(|| self.no_such_table(&db, &table))?
            .shape();
        Ok((db, table, t))
    }

    fn insert(&mut self, ins: &Insert) -> ObResult<Reply> {
        let (db, table, mut t) = self.table_for_dml(&ins.table)?;
        let targets: Vec<usize> = if ins.columns.is_empty() {
            (0..t.columns.len()).collect()
        } else {
            let mut v = Vec::new();
            for c in &ins.columns {
                let i = t.column_index(c).ok_or_else(|| {
                    ObError::mysql(
                        1054,
                        "42S22",
                        format!("Unknown column '{c}' in 'field list'"),
                    )
                })?;
                v.push(i);
            }
            v
        };
        let mut ops = Vec::new();
        let mut keys = Vec::new();
        let mut pending = std::collections::BTreeSet::new();
        for (n, exprs) in ins.rows.iter().enumerate() {
            if exprs.len() != targets.len() {
                return Err(ObError::mysql(
                    1136,
                    "21S01",
                    format!("Column count doesn't match value count at row {}", n + 1),
                ));
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
                return Err(ObError::mysql(
                    1062,
                    "23000",
                    format!("Duplicate entry '{}' for key 'PRIMARY'", t.key_text(&row)),
                ));
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

    fn update(&mut self, upd: &Update) -> ObResult<Reply> {
        let (db, table, t) = self.table_for_dml(&upd.table)?;
        let columns: Vec<Column> = t.columns.iter().map(user_column).collect();
        let mut sets = Vec::new();
        for (c, e) in &upd.assignments {
            let i = t.column_index(c).ok_or_else(|| {
                ObError::mysql(
                    1054,
                    "42S22",
                    format!("Unknown column '{c}' in 'field list'"),
                )
            })?;
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
                    return Err(ObError::mysql(
                        1062,
                        "23000",
                        format!(
                            "Duplicate entry '{}' for key 'PRIMARY'",
                            t.key_text(&new_row)
                        ),
                    ));
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
        Ok(Reply::Ok(changed))
    }

    fn delete(&mut self, del: &Delete) -> ObResult<Reply> {
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

fn user_column(c: &UserColumn) -> Column {
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
