//! ALTER SYSTEM statements other than SET parameters and the restore family (`restore`):
//! BACKUP, CANCEL BACKUP, ARCHIVELOG / NOARCHIVELOG, the delete policy, and the dispatch of
//! every ALTER SYSTEM form, plus the forms OceanBase rejects. Invariant: the resolver checks
//! (sys or user tenant, tenant names) run in OceanBase's order before any engine call, so the
//! first failing rule is the one reported and a rejected statement changes nothing.

use super::tenants::TenantWord;
use super::{Exec, Reply};
use crate::backup::scheduler::BackupRequest;
use crate::backup::{BackupType, DeletePolicy, Encryption};
use crate::cluster::{Cluster, Tenant, TenantType};
use crate::error::{ObError, ObResult};
use crate::sql::ast::*;

impl Exec<'_> {
    pub(super) fn alter_system(&mut self, a: &AlterSystem) -> ObResult<Reply> {
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
                self.cancel_delete_backup(tenants.as_deref())
            }
            AlterSystem::Restore(r) => self.restore(r),
            AlterSystem::RecoverTable(r) => self.recover_table(r),
            AlterSystem::CancelRecoverTable { tenant } => self.cancel_recover_table(tenant),
            AlterSystem::CancelRestore { tenant } => {
                self.require_sys()?;
                self.cluster.cancel_restore(tenant)?;
                Ok(Reply::Ok(0))
            }
            AlterSystem::ActivateStandby { tenant, verify } => {
                self.activate_standby(tenant.as_deref(), *verify)
            }
            AlterSystem::RecoverStandby { tenant, until } => {
                self.recover_standby(tenant.as_deref(), until.as_ref())
            }
            AlterSystem::AddRestoreSource { paths } => self.add_restore_source(paths),
            AlterSystem::ClearRestoreSource => {
                self.require_sys()?;
                self.session.restore_source.clear();
                Ok(Reply::Ok(0))
            }
            AlterSystem::Rejected(RejectedForm::DeleteBackup) => {
                Err(ObError::not_supported_text("function is"))
            }
            AlterSystem::Rejected(RejectedForm::BackupKey) => Err(ObError::parse_plain()),
            AlterSystem::Rejected(RejectedForm::Legacy) => Err(ObError::not_supported()),
        }
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
                let words: Vec<TenantWord> = names.iter().map(|n| TenantWord::of(n)).collect();
                if words == [TenantWord::All] {
                    None
                } else {
                    if matches!(words[..], [TenantWord::AllUser | TenantWord::AllMeta]) {
                        return Err(ObError::not_supported_text(
                            "use all_user/all_meta in 'ALTER SYSTEM ARCHIVELOG' syntax is",
                        ));
                    }
                    if words.iter().any(|w| w.is_group()) {
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
        match (window, redundancy) {
            (None, None) => {
                return Err(ObError::not_supported_text(
                    "Neither recovery_window nor redundancy is set",
                ));
            }
            (Some(w), _) if crate::backup::cleanup::recovery_window_micros(w).is_none() => {
                return Err(ObError::not_supported_text(
                    "recovery window is not be time string",
                ));
            }
            (None, Some(r)) if r != 1 => {
                return Err(ObError::not_supported_text("Redundancy not equal to 1 is"));
            }
            _ => {}
        }
        let tenant = self.policy_tenant(tenants)?;
        // REDUNDANCY 1 alone stores an empty window, which never acts (R§14.1).
        self.cluster.set_delete_policy(
            tenant,
            DeletePolicy {
                name,
                recovery_window: window.unwrap_or("").to_string(),
            },
        );
        Ok(Reply::Ok(0))
    }

    fn drop_delete_policy(
        &mut self,
        name: Option<&str>,
        tenants: Option<&[String]>,
    ) -> ObResult<Reply> {
        Self::check_policy_name(name)?;
        let tenant = self.policy_tenant(tenants)?;
        self.cluster.drop_delete_policy(tenant);
        Ok(Reply::Ok(0))
    }
}
