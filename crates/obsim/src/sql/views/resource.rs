//! Resource units and pools: DBA_OB_UNIT_CONFIGS and DBA_OB_RESOURCE_POOLS (sys tenant only,
//! R§2.3). Invariant: one value per column of each list, in order; every unit and pool is shown
//! (they belong to the cluster, not to a tenant).

use super::{ColDef, EMPTY, NO, NULL, Scope, ViewDef, YES, col, int, text, ts};
use crate::cluster::{Cluster, SYS_TENANT_ID};
use crate::resource::{ResourcePool, UnitConfig};
use crate::value::Value;

pub(super) const UNIT_CONFIGS: ViewDef = ViewDef {
    base: "DBA_OB_UNIT_CONFIGS",
    columns: UNIT_CONFIG_COLS,
    prefixed: false,
    sys_only: true,
    rows: unit_rows,
};

pub(super) const RESOURCE_POOLS: ViewDef = ViewDef {
    base: "DBA_OB_RESOURCE_POOLS",
    columns: POOL_COLS,
    prefixed: false,
    sys_only: true,
    rows: pool_rows,
};

const UNIT_CONFIG_COLS: &[ColDef] = &[
    col("UNIT_CONFIG_ID", "bigint(20)", NO, NULL),
    col("NAME", "varchar(128)", NO, NULL),
    col("CREATE_TIME", "timestamp(6)", YES, EMPTY),
    col("MODIFY_TIME", "timestamp(6)", YES, EMPTY),
    col("MAX_CPU", "double", NO, NULL),
    col("MIN_CPU", "double", NO, NULL),
    col("MEMORY_SIZE", "bigint(20)", NO, NULL),
    col("LOG_DISK_SIZE", "bigint(20)", NO, NULL),
    col("DATA_DISK_SIZE", "bigint(20)", NO, EMPTY),
    col("MAX_IOPS", "bigint(20)", NO, NULL),
    col("MIN_IOPS", "bigint(20)", NO, NULL),
    col("IOPS_WEIGHT", "bigint(20)", NO, NULL),
    col("MAX_NET_BANDWIDTH", "bigint(20)", NO, EMPTY),
    col("NET_BANDWIDTH_WEIGHT", "bigint(20)", NO, EMPTY),
];

const POOL_COLS: &[ColDef] = &[
    col("RESOURCE_POOL_ID", "bigint(20)", NO, NULL),
    col("NAME", "varchar(128)", NO, NULL),
    col("TENANT_ID", "bigint(20)", NO, NULL),
    col("CREATE_TIME", "timestamp(6)", YES, EMPTY),
    col("MODIFY_TIME", "timestamp(6)", YES, EMPTY),
    col("UNIT_COUNT", "bigint(20)", NO, NULL),
    col("UNIT_CONFIG_ID", "bigint(20)", NO, NULL),
    col("ZONE_LIST", "varchar(8192)", NO, NULL),
    col("REPLICA_TYPE", "varchar(4)", NO, EMPTY),
];

/// A CPU amount as a double prints: `8`, `0.5`, `2.25`.
fn cpu(milli: u64) -> Value {
    let mut mantissa = i128::from(milli);
    let mut scale: u8 = 3;
    while scale > 0 && mantissa % 10 == 0 {
        mantissa /= 10;
        scale -= 1;
    }
    Value::Decimal { mantissa, scale }
}

fn unit_row(u: &UnitConfig) -> Vec<Value> {
    vec![
        int(u.id),
        text(&u.name),
        ts(u.create_time),
        ts(u.modify_time),
        cpu(u.max_cpu),
        cpu(u.min_cpu),
        int(u.memory_size),
        int(u.log_disk_size),
        // Shared-nothing mode has no data disk quota: 0 shows as NULL (R§2.3).
        Value::Null,
        int(u.max_iops),
        int(u.min_iops),
        int(u.iops_weight),
        int(u.max_net_bandwidth),
        int(u.net_bandwidth_weight),
    ]
}

fn pool_row(p: &ResourcePool) -> Vec<Value> {
    vec![
        int(p.id),
        text(&p.name),
        p.tenant_id.map_or(Value::Null, int),
        ts(p.create_time),
        ts(p.modify_time),
        int(p.unit_count),
        int(p.unit_config_id),
        // `z1;z2`: the separator is unverified (R§2.3).
        text(&p.zones.join(";")),
        text("FULL"),
    ]
}

fn unit_rows(c: &Cluster, _: Scope) -> Vec<(u64, Vec<Value>)> {
    c.resources
        .units
        .iter()
        .map(|u| (SYS_TENANT_ID, unit_row(u)))
        .collect()
}

fn pool_rows(c: &Cluster, _: Scope) -> Vec<(u64, Vec<Value>)> {
    c.resources
        .pools
        .iter()
        .map(|p| (SYS_TENANT_ID, pool_row(p)))
        .collect()
}
