//! Tenant names in statements: the words that stand for a group of tenants (`all`, `all_user`,
//! `all_meta`, §1.2) and the resolution of a TENANT list to ids. Invariant: every statement
//! reads the group words through `TenantWord`, so what each word means is written once.

use super::Exec;
use crate::cluster::TenantType;
use crate::error::{ObError, ObResult};

/// What a name in a TENANT list stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum TenantWord {
    /// `all`: every user tenant (for parameters and archiving).
    All,
    /// `all_user`: every user tenant.
    AllUser,
    /// `all_meta`: every meta tenant.
    AllMeta,
    /// A tenant's own name.
    Name,
}

impl TenantWord {
    pub(super) fn of(name: &str) -> TenantWord {
        match name.to_ascii_lowercase().as_str() {
            "all" => TenantWord::All,
            "all_user" => TenantWord::AllUser,
            "all_meta" => TenantWord::AllMeta,
            _ => TenantWord::Name,
        }
    }

    /// One of the group words (reserved: no tenant may be named so since 4.2.1).
    pub(super) fn is_group(self) -> bool {
        self != TenantWord::Name
    }
}

impl Exec<'_> {
    /// Tenant names → ids: unknown → 5160; duplicates collapse (§1.2).
    pub(super) fn tenant_ids(&self, names: &[String]) -> ObResult<Vec<u64>> {
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

    /// The tenants a group word stands for; a plain name resolves to its tenant (5160 if none).
    pub(super) fn tenants_of(&self, name: &str) -> ObResult<Vec<u64>> {
        let ids = match TenantWord::of(name) {
            TenantWord::All | TenantWord::AllUser => {
                self.cluster.user_tenants().map(|t| t.id).collect()
            }
            TenantWord::AllMeta => self
                .cluster
                .tenants
                .iter()
                .filter(|t| t.tenant_type == TenantType::Meta)
                .map(|t| t.id)
                .collect(),
            TenantWord::Name => vec![
                self.cluster
                    .tenant_by_name(name)
                    .ok_or_else(ObError::invalid_tenant_name)?
                    .id,
            ],
        };
        Ok(ids)
    }
}
