//! CREATE / DROP / ALTER RESOURCE UNIT and RESOURCE POOL (R§2): the resolver's value rules,
//! the sys-only privilege, then `Resources`' RootService checks.
//!
//! Invariant: a value the resolver refuses is refused before the privilege check (as
//! `ob_resource_resolver.h` does), every other rule after it, and a refused statement changes
//! nothing.

use super::{Exec, Reply};
use crate::error::{ObError, ObResult};
use crate::resource::{MILLI, PoolSpec, UnitSpec};
use crate::sql::ast::{Literal, PoolOption, ResourceStmt};

/// A CPU amount in thousandths: a number (`0.5`, `8`) or a quoted count (`'8'`, `'2k'`).
fn cpu_value(option: &str, value: &Literal) -> ObResult<u64> {
    match value {
        Literal::Number(text) => {
            let v = crate::num::parse_f64(text).unwrap_or(0.0);
            if v <= 0.0 || !v.is_finite() {
                return Err(positive(option));
            }
            Ok((v * MILLI as f64).round().min(u64::MAX as f64) as u64)
        }
        _ => Ok(count_value(option, value)?.saturating_mul(MILLI)),
    }
}

/// A count (IOPS, weights): an integer, or a quoted integer with an optional `k` / `m`.
fn count_value(option: &str, value: &Literal) -> ObResult<u64> {
    let n = match value {
        Literal::Number(text) => {
            if !text.bytes().all(|b| b.is_ascii_digit()) {
                return Err(ObError::invalid_argument(&format!(
                    "{option}, value can not be 'number' type"
                )));
            }
            text.parse::<u64>().unwrap_or(u64::MAX)
        }
        Literal::String(text) => {
            let lower = text.trim().to_ascii_lowercase();
            let (digits, mult) = match lower.strip_suffix('k') {
                Some(d) => (d, 1_000),
                None => match lower.strip_suffix('m') {
                    Some(d) => (d, 1_000_000),
                    None => (lower.as_str(), 1),
                },
            };
            digits
                .parse::<u64>()
                .ok()
                .map(|n| n.saturating_mul(mult))
                .ok_or_else(ObError::parse_plain)?
        }
        _ => return Err(ObError::parse_plain()),
    };
    if n == 0 && option != "IOPS_WEIGHT" {
        return Err(positive(option));
    }
    Ok(n)
}

/// A capacity: an integer of bytes, or a quoted size with its unit (`'5G'`, `'999M'`); a quoted
/// size without a unit is `Parse error` (R§2.2).
fn capacity_value(option: &str, value: &Literal) -> ObResult<u64> {
    let n = match value {
        Literal::Number(text) => {
            if !text.bytes().all(|b| b.is_ascii_digit()) {
                return Err(ObError::invalid_argument(&format!(
                    "{option}, value can not be 'number' type"
                )));
            }
            text.parse::<u64>().unwrap_or(u64::MAX)
        }
        Literal::String(text) => {
            let t = text.trim();
            if t.is_empty() || t.bytes().all(|b| b.is_ascii_digit()) {
                return Err(ObError::parse_plain());
            }
            crate::params::parse_capacity(t).ok_or_else(ObError::parse_plain)?
        }
        _ => return Err(ObError::parse_plain()),
    };
    if n == 0 {
        return Err(positive(option));
    }
    Ok(n)
}

fn positive(option: &str) -> ObError {
    ObError::invalid_argument(&format!("{option}, value should be positive"))
}

/// The resolver's reading of CREATE RESOURCE UNIT's options (a later one of the same name wins).
fn unit_spec(options: &[(String, Literal)]) -> ObResult<UnitSpec> {
    let mut spec = UnitSpec::default();
    for (name, value) in options {
        let n = name.as_str();
        match n {
            "MAX_CPU" => spec.max_cpu = Some(cpu_value(n, value)?),
            "MIN_CPU" => spec.min_cpu = Some(cpu_value(n, value)?),
            "MEMORY_SIZE" => spec.memory_size = Some(capacity_value(n, value)?),
            "LOG_DISK_SIZE" => spec.log_disk_size = Some(capacity_value(n, value)?),
            "DATA_DISK_SIZE" => spec.data_disk_size = Some(capacity_value(n, value)?),
            "MAX_IOPS" => spec.max_iops = Some(count_value(n, value)?),
            "MIN_IOPS" => spec.min_iops = Some(count_value(n, value)?),
            "IOPS_WEIGHT" => spec.iops_weight = Some(count_value(n, value)?),
            "MAX_NET_BANDWIDTH" => spec.max_net_bandwidth = Some(capacity_value(n, value)?),
            _ => spec.net_bandwidth_weight = Some(count_value(n, value)?),
        }
    }
    Ok(spec)
}

/// The resolver's reading of a pool's options: UNIT_NUM 0 is refused here, before the
/// privilege check (`ob_resource_resolver.h`, R§2.2).
fn pool_spec(options: &[PoolOption]) -> ObResult<PoolSpec> {
    let mut spec = PoolSpec::default();
    for o in options {
        match o {
            PoolOption::Unit(u) => spec.unit = Some(u.clone()),
            PoolOption::UnitNum(0) => {
                return Err(ObError::invalid_argument("unit_num, can't be zero"));
            }
            PoolOption::UnitNum(n) => spec.unit_num = Some(*n),
            PoolOption::ZoneList(z) => spec.zones = Some(z.clone()),
            PoolOption::ReplicaType(t) => spec.replica_type = Some(t.clone()),
        }
    }
    Ok(spec)
}

impl Exec<'_> {
    /// The cluster's zones and how many OBServers the smallest zone has.
    fn zones_and_servers(&self) -> (Vec<String>, u64) {
        let zones: Vec<String> = self.cluster.zones.iter().map(|z| z.name.clone()).collect();
        let per_zone = zones
            .iter()
            .map(|z| self.cluster.servers.iter().filter(|s| &s.zone == z).count())
            .min()
            .unwrap_or(0) as u64;
        (zones, per_zone)
    }

    pub(super) fn resource(&mut self, stmt: &ResourceStmt) -> ObResult<Reply> {
        let now = self.cluster.now();
        match stmt {
            ResourceStmt::CreateUnit {
                name,
                if_not_exists,
                options,
            } => {
                let spec = unit_spec(options)?;
                self.require_sys()?;
                self.cluster
                    .resources
                    .create_unit(name, &spec, *if_not_exists, now)?;
            }
            ResourceStmt::DropUnit { name, if_exists } => {
                self.require_sys()?;
                self.cluster.resources.drop_unit(name, *if_exists)?;
            }
            ResourceStmt::CreatePool {
                name,
                if_not_exists,
                options,
            } => {
                let spec = pool_spec(options)?;
                self.require_sys()?;
                let (zones, per_zone) = self.zones_and_servers();
                self.cluster.resources.create_pool(
                    name,
                    &spec,
                    *if_not_exists,
                    &zones,
                    per_zone,
                    now,
                )?;
            }
            ResourceStmt::AlterUnit { name, options } => {
                let spec = unit_spec(options)?;
                self.require_sys()?;
                self.cluster.resources.alter_unit(name, &spec, now)?;
            }
            ResourceStmt::AlterPool { name, options } => {
                let spec = pool_spec(options)?;
                self.require_sys()?;
                let (zones, per_zone) = self.zones_and_servers();
                self.cluster
                    .resources
                    .alter_pool(name, &spec, &zones, per_zone, now)?;
            }
            ResourceStmt::DropPool { name, if_exists } => {
                self.require_sys()?;
                self.cluster.resources.drop_pool(name, *if_exists)?;
            }
        }
        Ok(Reply::Ok(0))
    }
}
