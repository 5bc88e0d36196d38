//! Parameters: ALTER SYSTEM SET (cluster and tenant parameters, and the backup destinations,
//! which are set like parameters) and SHOW PARAMETERS. Invariant: a SET statement applies all of
//! its actions or none: every action is validated first, and a failure while applying rolls the
//! cluster back.

use super::tenants::TenantWord;
use super::{Exec, Reply};
use crate::error::{ObError, ObResult};
use crate::params::{self, CLUSTER_SCOPE, PARAMS, ParamScope};
use crate::sql::ast::*;
use crate::sql::query::sql_like;
use crate::value::{Column, ColumnKind, ResultSet, Value};

impl Exec<'_> {
    pub(super) fn set_parameters(&mut self, actions: &[SetParameter]) -> ObResult<Reply> {
        // The backup configuration items (`ob_backup_config.cpp`; LOG_RESTORE_SOURCE is one
        // of them, R§10.3): one tenant each, never mixed with ordinary parameters.
        const BACKUP_ITEMS: [&str; 4] = [
            "data_backup_dest",
            "log_archive_dest",
            "log_archive_dest_state",
            "log_restore_source",
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
                    _ if a.name.eq_ignore_ascii_case("log_restore_source") => {
                        return Err(ObError::invalid_argument("log_restore_source"));
                    }
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
                    let word = TenantWord::of(name);
                    if def.name == "archive_lag_target"
                        && matches!(word, TenantWord::All | TenantWord::AllMeta)
                    {
                        return Err(ObError::not_supported_text(
                            "use all/all_meta in 'ALTER SYSTEM SET ARCHIVE_LAG_TARGET' syntax is",
                        ));
                    }
                    self.tenants_of(name)?
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
                    "log_restore_source" => self.cluster.set_log_restore_source(t, &value),
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

    pub(super) fn show_parameters(
        &mut self,
        like: Option<&str>,
        tenant: Option<&str>,
    ) -> ObResult<Reply> {
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
}
