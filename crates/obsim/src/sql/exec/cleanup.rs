//! CANCEL DELETE BACKUP (R§14.1, B§1.7): who may name which tenants, then the engine call.
//! Invariant: the resolver checks run before anything is canceled, so a rejected statement
//! cancels nothing.

use super::{Exec, Reply};
use crate::cluster::TenantType;
use crate::error::{ObError, ObResult};

impl Exec<'_> {
    /// A user tenant cancels its own delete job and cannot name tenants; sys names a list, or
    /// cancels every tenant's without one (ASSUME, as CANCEL BACKUP does, B§1.3). Nothing
    /// running is not an error.
    pub(super) fn cancel_delete_backup(&mut self, tenants: Option<&[String]>) -> ObResult<Reply> {
        let targets = match (self.session.is_sys(), tenants) {
            (false, Some(_)) => {
                return Err(ObError::not_supported_text(
                    "user tenant cannot specify tenant names",
                ));
            }
            (false, None) => vec![self.session.tenant_id],
            (true, Some(list)) => self.tenant_ids(list)?,
            (true, None) => self
                .cluster
                .tenants
                .iter()
                .filter(|t| t.tenant_type == TenantType::User)
                .map(|t| t.id)
                .collect(),
        };
        self.cluster.cancel_delete_backup(&targets);
        Ok(Reply::Ok(0))
    }
}

#[cfg(test)]
mod tests;
