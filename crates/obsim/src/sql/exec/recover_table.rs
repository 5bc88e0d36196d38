//! `ALTER SYSTEM RECOVER TABLE` and `ALTER SYSTEM CANCEL RECOVER TABLE` (R§12): the resolver
//! (`ObRecoverTableResolver`, `ObCancelRecoverTableResolver`), then the engine.
//!
//! Invariant: the resolver's checks run in OceanBase's order (user tenant, partition, duplicate
//! REMAP, UNTIL) before any engine call; like RESTORE, the session's ADD RESTORE SOURCE list is
//! gone once the statement reached the RPC.

use super::restore::target_of;
use super::{Exec, Reply};
use crate::error::{ObError, ObResult};
use crate::restore::recover_table::{ImportItem, Remap, duplicate_remap};
use crate::restore::{RecoverTableRequest, RestoreRequest, RestoreSource};
use crate::sql::ast::{RecoverItem, RecoverTable, RemapItem};

/// `db.t` / `db.*` / `*.*`; `*.t` is no item.
fn item_of(i: &RecoverItem) -> ObResult<ImportItem> {
    match (&i.db, &i.table) {
        (None, None) => Ok(ImportItem::All),
        (Some(db), None) => Ok(ImportItem::Database(db.clone())),
        (Some(db), Some(table)) => Ok(ImportItem::Table {
            db: db.clone(),
            table: table.clone(),
        }),
        (None, Some(_)) => Err(ObError::invalid_argument_plain()),
    }
}

/// `db.t:t2` (same database), `db.t:db2.t2`, `db.*:db2.*`; a `*` on one side only is no REMAP.
fn remap_of(r: &RemapItem) -> ObResult<Remap> {
    match (&r.src_table, &r.dst_db, &r.dst_table) {
        (Some(src_table), dst_db, Some(dst_table)) => Ok(Remap::Table {
            src_db: r.src_db.clone(),
            src_table: src_table.clone(),
            dst_db: dst_db.clone().unwrap_or_else(|| r.src_db.clone()),
            dst_table: dst_table.clone(),
        }),
        (None, Some(dst), None) => Ok(Remap::Database {
            src: r.src_db.clone(),
            dst: dst.clone(),
        }),
        _ => Err(ObError::invalid_argument_plain()),
    }
}

impl Exec<'_> {
    pub(super) fn recover_table(&mut self, r: &RecoverTable) -> ObResult<Reply> {
        // Resolver.
        if !self.session.is_sys() {
            return Err(ObError::op_not_allow(
                "user tenant initiate recover table is",
            ));
        }
        if r.items.iter().any(|i| !i.partitions.is_empty()) {
            return Err(ObError::not_supported_text("recover partition"));
        }
        let items = r.items.iter().map(item_of).collect::<ObResult<Vec<_>>>()?;
        let remaps = r
            .remap_tables
            .iter()
            .map(remap_of)
            .collect::<ObResult<Vec<_>>>()?;
        if duplicate_remap(&remaps) {
            return Err(ObError::op_not_allow("duplicate REMAP TABLE is"));
        }
        if !self.session.restore_source.is_empty() && r.from.is_some() {
            return Err(ObError::not_supported_text(
                "have backup_dest and restore_source at the same time",
            ));
        }
        let until = target_of(r.until.as_ref())?;
        // From the RPC on, the session's restore source list is gone whatever comes (R§3.4).
        let listed = std::mem::take(&mut self.session.restore_source);
        let source = match (&r.from, listed.is_empty()) {
            (Some(from), _) if from.split(',').any(|e| !e.trim().is_empty()) => {
                RestoreSource::From(from.clone())
            }
            (None, false) => RestoreSource::Listed(listed),
            _ => return Err(ObError::invalid_argument_plain()),
        };
        if r.with.is_empty() {
            return Err(ObError::invalid_argument_plain());
        }
        let req = RecoverTableRequest {
            target_tenant: r.tenant.clone(),
            items,
            remaps,
            remap_tablegroups: r.remap_tablegroups.clone(),
            remap_tablespaces: r.remap_tablespaces.clone(),
            restore: RestoreRequest {
                tenant_name: String::new(),
                source,
                until,
                options: r.with.clone(),
                decryption_digests: self.session.decryption.clone(),
                description: r.description.clone().unwrap_or_default(),
            },
        };
        self.cluster.start_recover_table(&req)?;
        Ok(Reply::Ok(0))
    }

    pub(super) fn cancel_recover_table(&mut self, tenant: &str) -> ObResult<Reply> {
        if !self.session.is_sys() {
            return Err(ObError::op_not_allow("user tenant cancel recover table is"));
        }
        self.cluster.cancel_recover_table(tenant)?;
        Ok(Reply::Ok(0))
    }
}
