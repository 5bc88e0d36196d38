//! Tenants: DBA_OB_TENANTS. Invariant: `tenant_row` gives one value per column of
//! `TENANT_COLS`, in order; sys sees every tenant, a user tenant only its own row.

use super::{ColDef, Scope, ViewDef, int, text, ts};
use crate::cluster::{Cluster, SYS_TENANT_ID, Tenant};
use crate::restore::MAX_RECOVERY_SCN;
use crate::value::Value;

/// The tenants of the cluster.
pub(super) const TENANTS: ViewDef = ViewDef {
    base: "DBA_OB_TENANTS",
    columns: TENANT_COLS,
    prefixed: false,
    sys_only: false,
    rows: tenant_rows,
};

const TENANT_COLS: &[ColDef] = &[
    ("TENANT_ID", "bigint(20)", false),
    ("TENANT_NAME", "varchar(128)", false),
    ("TENANT_TYPE", "varchar(4)", false),
    ("CREATE_TIME", "timestamp(6)", true),
    ("MODIFY_TIME", "timestamp(6)", true),
    ("PRIMARY_ZONE", "varchar(128)", true),
    ("LOCALITY", "varchar(4096)", false),
    ("PREVIOUS_LOCALITY", "varchar(4096)", false),
    ("COMPATIBILITY_MODE", "varchar(6)", false),
    ("STATUS", "varchar(64)", false),
    ("IN_RECYCLEBIN", "varchar(3)", false),
    ("LOCKED", "varchar(3)", false),
    ("TENANT_ROLE", "varchar(100)", false),
    ("SWITCHOVER_STATUS", "varchar(100)", false),
    ("SWITCHOVER_EPOCH", "bigint(20)", false),
    ("SYNC_SCN", "bigint(20) unsigned", false),
    ("REPLAYABLE_SCN", "bigint(20) unsigned", false),
    ("READABLE_SCN", "bigint(20) unsigned", false),
    ("RECOVERY_UNTIL_SCN", "bigint(20) unsigned", false),
    ("LOG_MODE", "varchar(100)", false),
    ("ARBITRATION_SERVICE_STATUS", "varchar(64)", false),
    ("UNIT_NUM", "bigint(20)", false),
    ("COMPATIBLE", "varchar(65536)", false),
    ("MAX_LS_ID", "bigint(20)", false),
    ("RESTORE_DATA_MODE", "varchar(128)", false),
];

fn tenant_row(c: &Cluster, t: &Tenant) -> Vec<Value> {
    let user = t.is_user();
    let scn = c.current_scn();
    let log_mode = if user {
        c.archive
            .get(&t.id)
            .map_or("NOARCHIVELOG", |a| a.log_mode.as_str())
    } else {
        "NOARCHIVELOG"
    };
    let max_ls = if user {
        c.storage
            .get(&t.id)
            .and_then(|s| s.log_streams.last())
            .map_or(1, |l| l.ls_id)
    } else {
        1
    };
    let user_scn = |v: u64| if user { Value::UInt(v) } else { Value::Null };
    // A restored tenant shows where its replay stands until it is a primary (R§8.3).
    let recovery = c.restore.recovery(t.id);
    let standby = recovery.filter(|_| t.role != "PRIMARY");
    let (readable, until) = match standby {
        Some(r) => (r.readable_scn, r.recovery_until_scn),
        None => (scn, MAX_RECOVERY_SCN),
    };
    let data_mode = recovery.map_or("NORMAL", |r| r.data_mode.as_str());
    // Locality and unit count follow the tenant's pools (all zones for a tenant without any).
    let pools: Vec<&crate::resource::ResourcePool> = c.resources.pools_of(t.id).collect();
    let zones: Vec<String> = c
        .zones
        .iter()
        .filter(|z| pools.is_empty() || pools.iter().any(|p| p.zones.contains(&z.name)))
        .map(|z| format!("FULL{{1}}@{}", z.name))
        .collect();
    let unit_num = pools.iter().map(|p| p.unit_count).max().unwrap_or(1);
    vec![
        int(t.id),
        text(&t.name),
        text(t.tenant_type.as_str()),
        ts(t.create_time),
        ts(t.create_time),
        text("RANDOM"),
        text(&zones.join(", ")),
        text(""),
        text(t.mode.as_str()),
        text(t.status.as_str()),
        text("NO"),
        text("NO"),
        text(&t.role),
        text("NORMAL"),
        int(0),
        user_scn(readable),
        user_scn(readable),
        user_scn(readable),
        user_scn(until),
        text(log_mode),
        text("DISABLE"),
        int(unit_num),
        text(&t.data_version),
        int(max_ls),
        text(data_mode),
    ]
}

fn tenant_rows(c: &Cluster, scope: Scope) -> Vec<(u64, Vec<Value>)> {
    // From sys every tenant; from a user tenant only its own row (§3.7).
    let sees_all = matches!(scope, Scope::Tenant(SYS_TENANT_ID) | Scope::Cluster);
    c.tenants
        .iter()
        .filter(|t| sees_all || Scope::Tenant(t.id) == scope)
        .map(|t| (t.id, tenant_row(c, t)))
        .collect()
}
