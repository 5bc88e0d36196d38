//! Resource units and resource pools (R§2): what CREATE/ALTER/DROP RESOURCE UNIT and POOL make,
//! what DBA_OB_UNIT_CONFIGS and DBA_OB_RESOURCE_POOLS show, and which pools a tenant holds. A
//! restore names the pools its tenant takes (`pool_list`); a pool serves one tenant at most.
//!
//! Invariant: names are unique (case-sensitive, as OceanBase compares them), ids only grow,
//! a pool always names an existing unit, and a unit a pool uses cannot be dropped; every check
//! runs before anything changes, in the order of R§2.2's table.

use crate::error::{ObError, ObResult};
use crate::sim::Micros;
use serde::{Deserialize, Serialize};

/// `MEMORY_SIZE` below this is 4659 (1 GiB).
pub const MIN_MEMORY_SIZE: u64 = 1 << 30;
/// `LOG_DISK_SIZE` below this is 4659 (2 GiB).
pub const MIN_LOG_DISK_SIZE: u64 = 2 << 30;
/// `MIN_IOPS` below this is 4659.
pub const MIN_IOPS: u64 = 1024;
/// `__min_full_resource_pool_memory`: a FULL pool's unit needs at least 5 GiB.
pub const MIN_FULL_POOL_MEMORY: u64 = 5 << 30;
/// IOPS and bandwidth without a limit (INT64_MAX).
pub const UNLIMITED: u64 = i64::MAX as u64;
/// CPU amounts are kept in thousandths of a CPU (MAX_CPU 0.5 is 500).
pub const MILLI: u64 = 1000;

/// A row of DBA_OB_UNIT_CONFIGS.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitConfig {
    pub id: u64,
    pub name: String,
    pub create_time: Micros,
    pub modify_time: Micros,
    /// Thousandths of a CPU.
    pub max_cpu: u64,
    pub min_cpu: u64,
    pub memory_size: u64,
    pub log_disk_size: u64,
    pub max_iops: u64,
    pub min_iops: u64,
    pub iops_weight: u64,
    pub max_net_bandwidth: u64,
    pub net_bandwidth_weight: u64,
}

/// A row of DBA_OB_RESOURCE_POOLS.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourcePool {
    pub id: u64,
    pub name: String,
    /// The tenant the pool is granted to; None while unused (TENANT_ID NULL).
    pub tenant_id: Option<u64>,
    pub create_time: Micros,
    pub modify_time: Micros,
    pub unit_count: u64,
    pub unit_config_id: u64,
    pub zones: Vec<String>,
}

/// The options of CREATE RESOURCE UNIT as given (None: not given). CPUs in thousandths.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UnitSpec {
    pub max_cpu: Option<u64>,
    pub min_cpu: Option<u64>,
    pub memory_size: Option<u64>,
    pub log_disk_size: Option<u64>,
    pub data_disk_size: Option<u64>,
    pub max_iops: Option<u64>,
    pub min_iops: Option<u64>,
    pub iops_weight: Option<u64>,
    pub max_net_bandwidth: Option<u64>,
    pub net_bandwidth_weight: Option<u64>,
}

/// The options of CREATE RESOURCE POOL as given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PoolSpec {
    pub unit: Option<String>,
    pub unit_num: Option<u64>,
    pub zones: Option<Vec<String>>,
    pub replica_type: Option<String>,
}

/// Every unit config and pool of the cluster (`__all_unit_config`, `__all_resource_pool`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resources {
    pub units: Vec<UnitConfig>,
    pub pools: Vec<ResourcePool>,
    pub last_unit_id: u64,
    pub last_pool_id: u64,
}

impl Resources {
    /// A fresh cluster's units and pools (the references list none, so: ASSUME): the sys
    /// tenant's `sys_unit_config` / `sys_pool` (id 1), and per user tenant `<name>_unit` /
    /// `<name>_pool` (2 CPUs, 5 GiB) granted to it, ids from 1001; new ones continue from there.
    pub fn seeded(user_tenants: &[(u64, &str)], zones: &[String], now: Micros) -> Resources {
        let unit = |id: u64, name: String, cpu: u64, memory: u64| UnitConfig {
            id,
            name,
            create_time: now,
            modify_time: now,
            max_cpu: cpu * MILLI,
            min_cpu: cpu * MILLI,
            memory_size: memory,
            log_disk_size: 3 * memory,
            max_iops: UNLIMITED,
            min_iops: UNLIMITED,
            iops_weight: 1,
            max_net_bandwidth: UNLIMITED,
            net_bandwidth_weight: 1,
        };
        let pool = |id: u64, name: String, tenant: u64| ResourcePool {
            id,
            name,
            tenant_id: Some(tenant),
            create_time: now,
            modify_time: now,
            unit_count: 1,
            unit_config_id: id,
            zones: zones.to_vec(),
        };
        let mut r = Resources {
            units: vec![unit(1, "sys_unit_config".into(), 1, 2 << 30)],
            pools: vec![pool(1, "sys_pool".into(), 1)],
            last_unit_id: 1000,
            last_pool_id: 1000,
        };
        for &(tenant, name) in user_tenants {
            r.last_unit_id += 1;
            r.last_pool_id += 1;
            r.units
                .push(unit(r.last_unit_id, format!("{name}_unit"), 2, 5 << 30));
            let mut p = pool(r.last_pool_id, format!("{name}_pool"), tenant);
            p.unit_config_id = r.last_unit_id;
            r.pools.push(p);
        }
        r
    }

    pub fn unit(&self, name: &str) -> Option<&UnitConfig> {
        self.units.iter().find(|u| u.name == name)
    }

    pub fn unit_by_id(&self, id: u64) -> Option<&UnitConfig> {
        self.units.iter().find(|u| u.id == id)
    }

    pub fn pool(&self, name: &str) -> Option<&ResourcePool> {
        self.pools.iter().find(|p| p.name == name)
    }

    /// The pools a tenant holds.
    pub fn pools_of(&self, tenant_id: u64) -> impl Iterator<Item = &ResourcePool> {
        self.pools
            .iter()
            .filter(move |p| p.tenant_id == Some(tenant_id))
    }

    /// `CREATE RESOURCE UNIT` after the resolver: the RootService checks in R§2.2's order.
    /// Returns whether a unit was made (IF NOT EXISTS on an existing name makes none).
    pub fn create_unit(
        &mut self,
        name: &str,
        spec: &UnitSpec,
        if_not_exists: bool,
        now: Micros,
    ) -> ObResult<bool> {
        let Some(max_cpu) = spec.max_cpu else {
            return Err(ObError::miss_argument("MAX_CPU"));
        };
        let Some(memory_size) = spec.memory_size else {
            return Err(ObError::miss_argument("MEMORY_SIZE"));
        };
        let min_cpu = spec.min_cpu.unwrap_or(max_cpu);
        let log_disk_size = spec.log_disk_size.unwrap_or(3 * memory_size);
        let min_iops = spec.min_iops.or(spec.max_iops).unwrap_or(UNLIMITED);
        check_unit_values(max_cpu, min_cpu, memory_size, log_disk_size, min_iops, spec)?;
        if self.unit(name).is_some() {
            return if if_not_exists {
                Ok(false)
            } else {
                Err(ObError::resource_unit_exist(name))
            };
        }
        self.last_unit_id += 1;
        self.units.push(UnitConfig {
            id: self.last_unit_id,
            name: name.to_string(),
            create_time: now,
            modify_time: now,
            max_cpu,
            min_cpu,
            memory_size,
            log_disk_size,
            max_iops: spec.max_iops.unwrap_or(min_iops).max(min_iops),
            min_iops,
            iops_weight: spec.iops_weight.unwrap_or(1),
            max_net_bandwidth: spec.max_net_bandwidth.unwrap_or(UNLIMITED),
            net_bandwidth_weight: spec.net_bandwidth_weight.unwrap_or(1),
        });
        Ok(true)
    }

    /// `ALTER RESOURCE UNIT` ([ext] `ObUnitManager::alter_unit_config`; not in the
    /// references): an unknown unit is 4648; the options given replace the unit's values, and
    /// the result obeys CREATE's value rules; a unit a pool uses keeps the FULL pool minimum of
    /// memory (ASSUME: the 1235 of CREATE RESOURCE POOL).
    pub fn alter_unit(&mut self, name: &str, spec: &UnitSpec, now: Micros) -> ObResult<()> {
        let Some(old) = self.unit(name).cloned() else {
            return Err(ObError::resource_unit_not_exist(name));
        };
        let max_cpu = spec.max_cpu.unwrap_or(old.max_cpu);
        let min_cpu = spec.min_cpu.unwrap_or(old.min_cpu);
        let memory_size = spec.memory_size.unwrap_or(old.memory_size);
        let log_disk_size = spec.log_disk_size.unwrap_or(old.log_disk_size);
        let min_iops = spec.min_iops.unwrap_or(old.min_iops);
        check_unit_values(max_cpu, min_cpu, memory_size, log_disk_size, min_iops, spec)?;
        if self.pools.iter().any(|p| p.unit_config_id == old.id) {
            full_pool_memory(memory_size)?;
        }
        if let Some(u) = self.units.iter_mut().find(|u| u.id == old.id) {
            u.max_cpu = max_cpu;
            u.min_cpu = min_cpu;
            u.memory_size = memory_size;
            u.log_disk_size = log_disk_size;
            u.min_iops = min_iops;
            u.max_iops = spec.max_iops.unwrap_or(old.max_iops).max(min_iops);
            u.iops_weight = spec.iops_weight.unwrap_or(old.iops_weight);
            u.max_net_bandwidth = spec.max_net_bandwidth.unwrap_or(old.max_net_bandwidth);
            u.net_bandwidth_weight = spec
                .net_bandwidth_weight
                .unwrap_or(old.net_bandwidth_weight);
            u.modify_time = now;
        }
        Ok(())
    }

    /// `ALTER RESOURCE POOL` ([ext] `ObUnitManager::alter_resource_pool`; not in the
    /// references): an unknown pool is 4650; one kind of change per statement (1235); a new
    /// unit must exist (4648) and be big enough for a FULL pool (1235); a new unit count must
    /// fit the servers of a zone (4656, as CREATE); a new zone list obeys CREATE's zone rules.
    pub fn alter_pool(
        &mut self,
        name: &str,
        spec: &PoolSpec,
        zones: &[String],
        servers_per_zone: u64,
        now: Micros,
    ) -> ObResult<()> {
        let Some(pool_id) = self.pool(name).map(|p| p.id) else {
            return Err(ObError::resource_pool_not_exist(name));
        };
        let kinds = [
            spec.unit.is_some(),
            spec.unit_num.is_some(),
            spec.zones.is_some(),
        ];
        if kinds.iter().filter(|k| **k).count() > 1 {
            return Err(ObError::not_supported_text(
                "alter unit_num, resource_unit, zone_list in one cmd",
            ));
        }
        let mut unit_id = None;
        if let Some(unit_name) = &spec.unit {
            let Some(unit) = self.unit(unit_name) else {
                return Err(ObError::resource_unit_not_exist(unit_name));
            };
            full_pool_memory(unit.memory_size)?;
            unit_id = Some(unit.id);
        }
        if spec.unit_num.is_some_and(|n| n > servers_per_zone) {
            return Err(ObError::pool_unit_num_too_big());
        }
        if let Some(chosen) = &spec.zones {
            check_zone_list(chosen, zones)?;
        }
        if let Some(p) = self.pools.iter_mut().find(|p| p.id == pool_id) {
            if let Some(id) = unit_id {
                p.unit_config_id = id;
            }
            if let Some(n) = spec.unit_num {
                p.unit_count = n;
            }
            if let Some(z) = &spec.zones {
                p.zones = z.clone();
            }
            p.modify_time = now;
        }
        Ok(())
    }

    /// `DROP RESOURCE UNIT` ([ext]: not in the references; OceanBase's texts).
    pub fn drop_unit(&mut self, name: &str, if_exists: bool) -> ObResult<()> {
        let Some(unit) = self.unit(name) else {
            return if if_exists {
                Ok(())
            } else {
                Err(ObError::resource_unit_not_exist(name))
            };
        };
        let id = unit.id;
        if self.pools.iter().any(|p| p.unit_config_id == id) {
            return Err(ObError::resource_unit_is_referenced(name));
        }
        self.units.retain(|u| u.id != id);
        Ok(())
    }

    /// `CREATE RESOURCE POOL` after the resolver and the privilege check (R§2.2's order):
    /// `zones` are the cluster's zones, `servers_per_zone` how many OBServers each has.
    pub fn create_pool(
        &mut self,
        name: &str,
        spec: &PoolSpec,
        if_not_exists: bool,
        zones: &[String],
        servers_per_zone: u64,
        now: Micros,
    ) -> ObResult<bool> {
        if spec
            .replica_type
            .as_deref()
            .is_some_and(|t| !t.eq_ignore_ascii_case("FULL"))
        {
            return Err(ObError::not_supported_text(
                "replica_type of resource pool other than FULL replica",
            ));
        }
        if self.pool(name).is_some() {
            return if if_not_exists {
                Ok(false)
            } else {
                Err(ObError::resource_pool_exist(name))
            };
        }
        let unit_name = spec.unit.clone().unwrap_or_default();
        let Some(unit) = self.unit(&unit_name) else {
            return Err(ObError::resource_unit_not_exist(&unit_name));
        };
        let (unit_id, memory) = (unit.id, unit.memory_size);
        let chosen = spec.zones.clone().unwrap_or_else(|| zones.to_vec());
        check_zone_list(&chosen, zones)?;
        full_pool_memory(memory)?;
        let unit_count = spec.unit_num.unwrap_or(1);
        if unit_count > servers_per_zone {
            return Err(ObError::pool_unit_num_too_big());
        }
        self.last_pool_id += 1;
        self.pools.push(ResourcePool {
            id: self.last_pool_id,
            name: name.to_string(),
            tenant_id: None,
            create_time: now,
            modify_time: now,
            unit_count,
            unit_config_id: unit_id,
            zones: chosen,
        });
        Ok(true)
    }

    /// `DROP RESOURCE POOL` ([ext]): a pool a tenant holds cannot go.
    pub fn drop_pool(&mut self, name: &str, if_exists: bool) -> ObResult<()> {
        let Some(pool) = self.pool(name) else {
            return if if_exists {
                Ok(())
            } else {
                Err(ObError::resource_pool_not_exist(name))
            };
        };
        if pool.tenant_id.is_some() {
            return Err(ObError::resource_pool_already_granted(name));
        }
        self.pools.retain(|p| p.name != name);
        Ok(())
    }

    /// The first pool of `names` that is already granted, if any (checked when a restore
    /// creates its tenant, R§2.4).
    pub fn granted_among<'a>(&self, names: &'a [String]) -> Option<&'a str> {
        names
            .iter()
            .find(|n| self.pool(n).is_some_and(|p| p.tenant_id.is_some()))
            .map(String::as_str)
    }

    /// Grants the pools to a tenant.
    pub fn grant(&mut self, names: &[String], tenant_id: u64, now: Micros) {
        for p in self.pools.iter_mut().filter(|p| names.contains(&p.name)) {
            p.tenant_id = Some(tenant_id);
            p.modify_time = now;
        }
    }

    /// Frees every pool of a dropped tenant (TENANT_ID back to NULL).
    pub fn release(&mut self, tenant_id: u64, now: Micros) {
        for p in self
            .pools
            .iter_mut()
            .filter(|p| p.tenant_id == Some(tenant_id))
        {
            p.tenant_id = None;
            p.modify_time = now;
        }
    }

    /// The zones of the named pools, in the cluster's order of first appearance.
    pub fn zones_of(&self, names: &[String]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for n in names {
            for z in self.pool(n).map(|p| p.zones.as_slice()).unwrap_or_default() {
                if !out.contains(z) {
                    out.push(z.clone());
                }
            }
        }
        out
    }
}

/// The value rules of a unit, in R§2.2's order (CREATE and ALTER alike).
fn check_unit_values(
    max_cpu: u64,
    min_cpu: u64,
    memory_size: u64,
    log_disk_size: u64,
    min_iops: u64,
    spec: &UnitSpec,
) -> ObResult<()> {
    if max_cpu < MILLI {
        return Err(ObError::unit_value_below_limit("MAX_CPU", 1));
    }
    if min_cpu > max_cpu {
        return Err(ObError::invalid_argument(
            "MIN_CPU, MIN_CPU is greater than MAX_CPU",
        ));
    }
    if memory_size < MIN_MEMORY_SIZE {
        return Err(ObError::unit_value_below_limit(
            "MEMORY_SIZE",
            MIN_MEMORY_SIZE,
        ));
    }
    if log_disk_size < MIN_LOG_DISK_SIZE {
        return Err(ObError::unit_value_below_limit(
            "LOG_DISK_SIZE",
            MIN_LOG_DISK_SIZE,
        ));
    }
    if min_iops < MIN_IOPS {
        return Err(ObError::unit_value_below_limit("MIN_IOPS", MIN_IOPS));
    }
    if spec.data_disk_size.is_some() {
        return Err(ObError::not_supported_text(
            "DATA_DISK_SIZE in shared-nothing mode",
        ));
    }
    Ok(())
}

/// A zone list against the cluster's zones: every zone known (4530), none twice (4641).
fn check_zone_list(chosen: &[String], zones: &[String]) -> ObResult<()> {
    for z in chosen {
        if !zones.contains(z) {
            return Err(ObError::zone_info_not_exist(z));
        }
    }
    for (i, z) in chosen.iter().enumerate() {
        if chosen[..i].contains(z) {
            let list: Vec<String> = chosen.iter().map(|z| format!("'{z}'")).collect();
            return Err(ObError::zone_duplicated(
                z,
                &format!("({})", list.join(",")),
            ));
        }
    }
    Ok(())
}

fn full_pool_memory(memory: u64) -> ObResult<()> {
    if memory < MIN_FULL_POOL_MEMORY {
        return Err(ObError::not_supported_text(
            "unit MEMORY_SIZE less than __min_full_resource_pool_memory",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zones() -> Vec<String> {
        vec!["zone1".into(), "zone2".into(), "zone3".into()]
    }

    fn spec(cpu: u64, memory: u64) -> UnitSpec {
        UnitSpec {
            max_cpu: Some(cpu * MILLI),
            memory_size: Some(memory),
            ..UnitSpec::default()
        }
    }

    #[test]
    fn the_seed_has_a_pool_per_tenant_and_new_ids_continue() {
        let mut r = Resources::seeded(&[(1002, "mysql_tenant")], &zones(), 0);
        assert_eq!(r.pool("mysql_tenant_pool").unwrap().tenant_id, Some(1002));
        assert!(r.create_unit("u", &spec(2, 5 << 30), false, 0).unwrap());
        assert_eq!(r.unit("u").unwrap().id, 1002);
        assert_eq!(r.unit("u").unwrap().log_disk_size, 15 << 30);
    }

    #[test]
    fn unit_checks_in_the_references_order() {
        let mut r = Resources::default();
        let err = |r: &mut Resources, s: UnitSpec| {
            r.create_unit("u", &s, false, 0).unwrap_err().to_string()
        };
        assert_eq!(
            err(&mut r, UnitSpec::default()),
            "ERROR 1210 (HY000): Miss argument for MAX_CPU"
        );
        let mut s = spec(1, 1 << 30);
        s.max_cpu = Some(900);
        assert_eq!(
            err(&mut r, s),
            "ERROR 4659 (HY000): invalid MAX_CPU value, min value is 1"
        );
        assert_eq!(
            err(&mut r, spec(1, 999 << 20)),
            "ERROR 4659 (HY000): invalid MEMORY_SIZE value, min value is 1073741824"
        );
        let mut s = spec(1, 1 << 30);
        s.log_disk_size = Some(1 << 30);
        assert_eq!(
            err(&mut r, s),
            "ERROR 4659 (HY000): invalid LOG_DISK_SIZE value, min value is 2147483648"
        );
        let mut s = spec(1, 1 << 30);
        s.min_iops = Some(1023);
        assert_eq!(
            err(&mut r, s),
            "ERROR 4659 (HY000): invalid MIN_IOPS value, min value is 1024"
        );
        assert!(r.create_unit("u", &spec(1, 1 << 30), false, 0).unwrap());
        assert!(!r.create_unit("u", &spec(1, 1 << 30), true, 0).unwrap());
        assert_eq!(
            err(&mut r, spec(1, 1 << 30)),
            "ERROR 4649 (HY000): resource unit 'u' already exist"
        );
    }

    #[test]
    fn pool_checks_grants_and_drops() {
        let mut r = Resources::default();
        r.create_unit("small", &spec(1, 1 << 30), false, 0).unwrap();
        r.create_unit("big", &spec(4, 16 << 30), false, 0).unwrap();
        let pool = |unit: &str, zones: Option<Vec<&str>>| PoolSpec {
            unit: Some(unit.into()),
            zones: zones.map(|z| z.into_iter().map(String::from).collect()),
            ..PoolSpec::default()
        };
        let z = zones();
        let mut err = |p: PoolSpec| {
            r.create_pool("p", &p, false, &z, 1, 0)
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            err(pool("nosuch", None)),
            "ERROR 4648 (HY000): resource unit 'nosuch' not exist"
        );
        assert_eq!(
            err(pool("big", Some(vec!["z9"]))),
            "ERROR 4530 (HY000): Zone info 'z9' not exist"
        );
        assert_eq!(
            err(pool("big", Some(vec!["zone1", "zone1"]))),
            "ERROR 4641 (HY000): Duplicated zone 'zone1' in zone list ('zone1','zone1')"
        );
        assert_eq!(
            err(pool("small", None)),
            "ERROR 1235 (0A000): unit MEMORY_SIZE less than __min_full_resource_pool_memory not supported"
        );
        let mut two = pool("big", None);
        two.unit_num = Some(2);
        assert_eq!(
            err(two),
            "ERROR 4656 (HY000): resource pool unit num is bigger than zone server count"
        );
        r.create_pool("p", &pool("big", Some(vec!["zone1"])), false, &z, 1, 0)
            .unwrap();
        assert_eq!(
            r.drop_unit("big", false).unwrap_err().errno,
            4634,
            "a unit in use stays"
        );
        r.grant(&["p".into()], 1006, 5);
        assert_eq!(r.granted_among(&["x".into(), "p".into()]), Some("p"));
        assert_eq!(r.drop_pool("p", false).unwrap_err().errno, 4626);
        r.release(1006, 6);
        r.drop_pool("p", false).unwrap();
        r.drop_unit("big", false).unwrap();
        assert_eq!(r.drop_pool("p", false).unwrap_err().errno, 4650);
        r.drop_pool("p", true).unwrap();
    }
}
