//! Parameters: GV$OB_PARAMETERS. Invariant: one row per server and parameter (per tenant for
//! tenant parameters), one value per column of `PARAMETER_COLS`, in order; SHOW PARAMETERS and
//! this view read the same values.

use super::{ColDef, EMPTY, NO, NULL, Scope, ViewDef, YES, col, int, text};
use crate::cluster::{Cluster, SYS_TENANT_ID};
use crate::params::{PARAMS, ParamScope};
use crate::value::Value;

/// Every parameter on every server.
pub(super) const PARAMETERS: ViewDef = ViewDef {
    base: "GV$OB_PARAMETERS",
    columns: PARAMETER_COLS,
    prefixed: false,
    sys_only: false,
    rows: parameter_rows,
};

const PARAMETER_COLS: &[ColDef] = &[
    col("SVR_IP", "varchar(46)", NO, NULL),
    col("SVR_PORT", "bigint(20)", NO, NULL),
    col("ZONE", "varchar(128)", NO, NULL),
    col("SCOPE", "varchar(64)", NO, NULL),
    col("TENANT_ID", "bigint(20)", YES, NULL),
    col("NAME", "varchar(128)", NO, NULL),
    col("DATA_TYPE", "varchar(128)", YES, NULL),
    col("VALUE", "varchar(65536)", NO, NULL),
    col("INFO", "varchar(4096)", NO, NULL),
    col("SECTION", "varchar(128)", NO, NULL),
    col("EDIT_LEVEL", "varchar(128)", NO, NULL),
    col("DEFAULT_VALUE", "varchar(65536)", NO, NULL),
    col("ISDEFAULT", "varchar(3)", NO, EMPTY),
];

/// Rows of GV$OB_PARAMETERS: one per server per parameter (per tenant for tenant parameters).
fn parameter_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    let tenants: Vec<u64> = match scope {
        Scope::Tenant(SYS_TENANT_ID) | Scope::Cluster => c
            .tenants
            .iter()
            .filter(|t| t.id == SYS_TENANT_ID || t.is_user())
            .map(|t| t.id)
            .collect(),
        Scope::Tenant(t) => vec![t],
    };
    let mut out = Vec::new();
    for s in &c.servers {
        for def in PARAMS {
            let owners: Vec<Option<u64>> = match def.scope {
                ParamScope::Cluster => vec![None],
                ParamScope::Tenant => tenants.iter().map(|&t| Some(t)).collect(),
            };
            for owner in owners {
                let value = c.params.get(owner.unwrap_or(SYS_TENANT_ID), def);
                let is_default = value == def.default;
                out.push((
                    owner.unwrap_or(SYS_TENANT_ID),
                    vec![
                        text(&s.ip),
                        int(u64::from(s.rpc_port)),
                        text(&s.zone),
                        text(def.scope.as_str()),
                        owner.map_or(Value::Null, int),
                        text(def.name),
                        text(def.ty.name()),
                        Value::Str(value),
                        text(def.info),
                        text(def.section),
                        text(def.edit_level),
                        text(def.default),
                        text(if is_default { "YES" } else { "NO" }),
                    ],
                ));
            }
        }
    }
    out
}
