//! Tenants: DBA_OB_TENANTS. Invariant: `tenant_row` gives one value per column of
//! `TENANT_COLS`, in order; sys sees every tenant, a user tenant only its own row.

use super::{ColDef, EMPTY, NO, NULL, Scope, ViewDef, YES, col, int, text, ts};
use crate::cluster::{Cluster, SYS_TENANT_ID, Tenant, TenantType};
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
    col("TENANT_ID", "bigint(20)", NO, NULL),
    col("TENANT_NAME", "varchar(128)", NO, NULL),
    col("TENANT_TYPE", "varchar(4)", NO, EMPTY),
    col("CREATE_TIME", "timestamp(6)", YES, EMPTY),
    col("MODIFY_TIME", "timestamp(6)", YES, EMPTY),
    col("PRIMARY_ZONE", "varchar(128)", YES, NULL),
    col("LOCALITY", "varchar(4096)", NO, EMPTY),
    col("PREVIOUS_LOCALITY", "varchar(4096)", NO, EMPTY),
    col("COMPATIBILITY_MODE", "varchar(6)", NO, EMPTY),
    col("STATUS", "varchar(64)", NO, EMPTY),
    col("IN_RECYCLEBIN", "varchar(3)", NO, EMPTY),
    col("LOCKED", "varchar(3)", NO, NULL),
    col("TENANT_ROLE", "varchar(100)", NO, NULL),
    col("SWITCHOVER_STATUS", "varchar(100)", NO, NULL),
    col("SWITCHOVER_EPOCH", "bigint(20)", NO, NULL),
    col("SYNC_SCN", "bigint(20) unsigned", NO, NULL),
    col("REPLAYABLE_SCN", "bigint(20) unsigned", NO, NULL),
    col("READABLE_SCN", "bigint(20) unsigned", NO, NULL),
    col("RECOVERY_UNTIL_SCN", "bigint(20) unsigned", NO, EMPTY),
    col("LOG_MODE", "varchar(100)", NO, EMPTY),
    col("ARBITRATION_SERVICE_STATUS", "varchar(64)", NO, EMPTY),
    col("UNIT_NUM", "bigint(20)", NO, EMPTY),
    col("COMPATIBLE", "varchar(65536)", NO, EMPTY),
    col("MAX_LS_ID", "bigint(20)", NO, EMPTY),
    col("RESTORE_DATA_MODE", "varchar(128)", NO, EMPTY),
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
    // Locality and unit count follow the tenant's pools (all zones for a tenant without any);
    // a meta tenant lives on its user tenant's units.
    let owner = if t.tenant_type == TenantType::Meta {
        t.id + 1
    } else {
        t.id
    };
    let pools: Vec<&crate::resource::ResourcePool> = c.resources.pools_of(owner).collect();
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
        text(t.primary_zone.as_deref().unwrap_or("RANDOM")),
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
