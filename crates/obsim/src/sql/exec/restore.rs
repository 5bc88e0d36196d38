//! The restore family (R§3–R§11): ALTER SYSTEM RESTORE and its PREVIEW, SHOW RESTORE PREVIEW,
//! ADD / CLEAR RESTORE SOURCE, RECOVER STANDBY and ACTIVATE STANDBY.
//!
//! Invariant: each statement runs its checks in OceanBase's order (parser, resolver, privilege,
//! RPC argument check, then the engine's RootService checks, R§3.3 / spec §0.1), and a failing
//! statement changes nothing, with the two exceptions OceanBase has: RESTORE drops the session's
//! ADD RESTORE SOURCE list once it reached the RPC whatever came of it, and a RESTORE whose job
//! failed while creating the tenant (9099) has run that job.

use super::tenants::TenantWord;
use super::{Exec, Reply};
use crate::calendar::parse_datetime;
use crate::error::{ObError, ObResult};
use crate::restore::{RecoverUntil, RestoreRequest, RestoreSource, RestoreTarget};
use crate::sim::scn_of;
use crate::sql::ast::*;
use crate::sql::session::RestorePreview;
use crate::value::{Column, ColumnKind, ResultSet, Value};

/// `UNTIL SCN = n` must be more than 1 (R§3.3: ≤ 1 is refused).
pub(super) fn until_scn(n: i128) -> ObResult<u64> {
    u64::try_from(n)
        .ok()
        .filter(|&n| n > 1)
        .ok_or_else(|| ObError::invalid_argument("until scn, it should be positive integer"))
}

pub(super) fn target_of(until: Option<&RestoreUntil>) -> ObResult<RestoreTarget> {
    Ok(match until {
        None => RestoreTarget::Latest,
        Some(RestoreUntil::Scn(n)) => RestoreTarget::Scn(until_scn(*n)?),
        Some(RestoreUntil::Time(t)) => RestoreTarget::Time(t.clone()),
    })
}

impl Exec<'_> {
    pub(super) fn restore(&mut self, r: &Restore) -> ObResult<Reply> {
        if r.preview {
            return self.restore_preview(r);
        }
        // Resolver.
        if let Some(t) = &r.tenant {
            let word = TenantWord::of(&t.name);
            // A bare `all` is the grammar's ALL keyword, not a name; quoted, it is the word.
            if matches!(word, TenantWord::AllUser | TenantWord::AllMeta)
                || (t.quoted && word == TenantWord::All)
            {
                return Err(ObError::not_supported_text(&format!(
                    "since 4.2.1, using \"{}\" (case insensitive) as a tenant name is",
                    t.name.to_ascii_lowercase()
                )));
            }
            if t.name.contains('$') {
                return Err(ObError::not_supported_text(
                    "since 4.2.1, manually creating a tenant name containing '$' is",
                ));
            }
        }
        if r.from.is_some() && !self.session.restore_source.is_empty() {
            return Err(ObError::not_supported_text(
                "have backup_dest and restore_source at the same time",
            ));
        }
        let until = target_of(r.until.as_ref())?;
        // Privilege.
        self.require_sys()?;
        // From the RPC on, the session's restore source list is gone whatever comes (R§3.4).
        let listed = std::mem::take(&mut self.session.restore_source);
        let source = match (&r.from, listed.is_empty()) {
            (Some(from), _) if from.split(',').any(|e| !e.trim().is_empty()) => {
                RestoreSource::From(from.clone())
            }
            (None, false) => RestoreSource::Listed(listed),
            _ => return Err(ObError::invalid_argument_plain()),
        };
        let options = r.with.clone().unwrap_or_default();
        if options.is_empty() {
            return Err(ObError::invalid_argument_plain());
        }
        let Some(tenant) = &r.tenant else {
            return Err(ObError::invalid_argument_plain());
        };
        let req = RestoreRequest {
            tenant_name: tenant.name.clone(),
            source,
            until,
            options,
            decryption_digests: self.session.decryption.clone(),
            description: r.description.clone().unwrap_or_default(),
        };
        let (result, waited) = self.cluster.restore_tenant(&req);
        self.slept += waited;
        result.map(|_| Reply::Ok(0))
    }

    /// `RESTORE FROM … UNTIL … PREVIEW` only stores the request in the session (R§4): nothing
    /// is checked until SHOW RESTORE PREVIEW.
    fn restore_preview(&mut self, r: &Restore) -> ObResult<Reply> {
        if r.until.is_none() {
            return Err(ObError::op_not_allow(
                "restore preview must have a scn or timestamp, otherwise",
            ));
        }
        let until = target_of(r.until.as_ref())?;
        self.require_sys()?;
        self.session.restore_preview = Some(RestorePreview {
            dest: r.from.clone().unwrap_or_default(),
            until,
        });
        Ok(Reply::Ok(0))
    }

    /// `SHOW RESTORE PREVIEW` (R§4): the sets, then the pieces, a restore of the stored request
    /// would use; a complete answer forgets the request and the SET DECRYPTION passwords, a
    /// failing one keeps them.
    pub(super) fn show_restore_preview(&mut self) -> ObResult<Reply> {
        if !self.session.is_sys() {
            return Err(ObError::op_not_allow_now());
        }
        let Some(preview) = self.session.restore_preview.clone() else {
            return Err(ObError::not_supported_text(
                "show restore preview before ALTER SYSTEM RESTORE PREVIEW is",
            ));
        };
        let plan = self.cluster.plan_restore(
            &RestoreSource::From(preview.dest),
            &preview.until,
            Some(&self.session.decryption),
        )?;
        let mut set = ResultSet::new(vec![
            Column::not_null("backup_type", ColumnKind::Text),
            Column::not_null("backup_id", ColumnKind::Int),
            Column::not_null("backup_dest", ColumnKind::Text),
            Column::not_null("description", ColumnKind::Text),
        ]);
        for s in &plan.choice.sets {
            set.push_row(vec![
                Value::str("BACKUP_SET"),
                Value::Int(s.backup_set_id as i64),
                Value::Str(format!("{}/{}", s.path, s.dir_name())),
                // OceanBase writes the set's description after NUL bytes: it reads empty (R§4).
                Value::str(""),
            ]);
        }
        for p in &plan.choice.pieces {
            let tag = |scn: u64| crate::calendar::time_tag(crate::sim::micros_of_scn(scn));
            set.push_row(vec![
                Value::str("BACKUP_PIECE"),
                Value::Int(p.piece_id as i64),
                Value::Str(p.path()),
                Value::Str(format!(
                    "start_scn_display: {}, checkpoint_scn_display: {}.",
                    tag(p.start_scn),
                    tag(p.checkpoint_scn)
                )),
            ]);
        }
        self.session.restore_preview = None;
        self.session.decryption.clear();
        Ok(Reply::Rows(set))
    }

    /// `ADD RESTORE SOURCE 'p1[,p2…]'`: appends to the session's list; checks nothing (R§6).
    pub(super) fn add_restore_source(&mut self, paths: &str) -> ObResult<Reply> {
        if !self.session.is_sys() {
            return Err(ObError::not_supported_text(
                "non-sys tenant set add restore source is",
            ));
        }
        self.session.restore_source.extend(
            paths
                .split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_string),
        );
        Ok(Reply::Ok(0))
    }

    /// The tenant RECOVER STANDBY and ACTIVATE STANDBY act on (R§10.1): from sys the TENANT
    /// clause names a user tenant, from a user tenant it is omitted.
    fn standby_tenant(&self, tenant: Option<&str>) -> ObResult<u64> {
        match (self.session.is_sys(), tenant) {
            (true, None) => Err(ObError::invalid_argument(
                "tenant name, should specify tenant name",
            )),
            (false, Some(_)) => Err(ObError::invalid_argument(
                "tenant name, please don't specify tenant name",
            )),
            (false, None) => Ok(self.session.tenant_id),
            (true, Some(name)) => {
                let t = self
                    .cluster
                    .tenant_by_name(name)
                    .ok_or_else(ObError::invalid_tenant_name)?;
                if !t.is_user() {
                    return Err(ObError::invalid_argument(
                        "tenant name, only support operating user tenant",
                    ));
                }
                Ok(t.id)
            }
        }
    }

    pub(super) fn recover_standby(
        &mut self,
        tenant: Option<&str>,
        until: Option<&RecoverTarget>,
    ) -> ObResult<Reply> {
        let id = self.standby_tenant(tenant)?;
        let until = match until {
            None => {
                return Err(ObError::invalid_argument(
                    "restore until, should specify restore until point",
                ));
            }
            Some(RecoverTarget::Scn(n)) => RecoverUntil::Scn(until_scn(*n)?),
            // In the session's zone (+08:00): R leaves open which zone (R§10.1).
            Some(RecoverTarget::Time(t)) => RecoverUntil::Scn(
                parse_datetime(t)
                    .and_then(|us| u64::try_from(us).ok())
                    .filter(|&us| us > 0)
                    .map(scn_of)
                    .ok_or_else(|| ObError::wrong_value("TIMESTAMP", t))?,
            ),
            Some(RecoverTarget::Unlimited) => RecoverUntil::Unlimited,
            Some(RecoverTarget::Cancel) => RecoverUntil::Cancel,
        };
        self.cluster.recover_standby(id, until)?;
        Ok(Reply::Ok(0))
    }

    pub(super) fn activate_standby(
        &mut self,
        tenant: Option<&str>,
        verify: bool,
    ) -> ObResult<Reply> {
        let id = self.standby_tenant(tenant)?;
        let took = self.cluster.activate_standby(id, verify)?;
        self.slept += took;
        Ok(Reply::Ok(0))
    }
}
