//! Configuration parameters relevant to backup and archive (reference §1.6, §3.8), with their
//! scope, type, default, range and description, and the values set per tenant or cluster-wide.

use crate::sim::{DAY, HOUR, MINUTE, Micros, SECOND};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamScope {
    Cluster,
    Tenant,
}

impl ParamScope {
    pub fn as_str(self) -> &'static str {
        match self {
            ParamScope::Cluster => "CLUSTER",
            ParamScope::Tenant => "TENANT",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamType {
    Int { min: i64, max: i64 },
    Capacity { min: u64, max: u64 },
    Time { min: Micros, max: Micros },
}

impl ParamType {
    pub fn name(self) -> &'static str {
        match self {
            ParamType::Int { .. } => "INT",
            ParamType::Capacity { .. } => "CAPACITY",
            ParamType::Time { .. } => "TIME",
        }
    }
}

pub struct ParamDef {
    pub name: &'static str,
    pub scope: ParamScope,
    pub ty: ParamType,
    pub default: &'static str,
    pub info: &'static str,
    pub section: &'static str,
    pub edit_level: &'static str,
}

const THREAD_SCORE: ParamType = ParamType::Int { min: 0, max: 100 };

/// The parameters the simulator knows, sorted by name (SHOW PARAMETERS order).
pub static PARAMS: &[ParamDef] = &[
    ParamDef {
        name: "_backup_idle_time",
        scope: ParamScope::Cluster,
        ty: ParamType::Time {
            min: 10_000_000,
            max: u64::MAX,
        },
        default: "5m",
        info: "the idle interval time of backup job",
        section: "OBSERVER",
        edit_level: "DYNAMIC_EFFECTIVE",
    },
    ParamDef {
        name: "_backup_task_keep_alive_interval",
        scope: ParamScope::Cluster,
        ty: ParamType::Time {
            min: 1_000_000,
            max: u64::MAX,
        },
        default: "10s",
        info: "control backup task keep alive interval",
        section: "OBSERVER",
        edit_level: "DYNAMIC_EFFECTIVE",
    },
    ParamDef {
        name: "_backup_task_keep_alive_timeout",
        scope: ParamScope::Cluster,
        ty: ParamType::Time {
            min: 1_000_000,
            max: u64::MAX,
        },
        default: "10m",
        info: "control backup task keep alive timeout",
        section: "OBSERVER",
        edit_level: "DYNAMIC_EFFECTIVE",
    },
    ParamDef {
        name: "archive_lag_target",
        scope: ParamScope::Tenant,
        ty: ParamType::Time {
            min: 0,
            max: 7_200_000_000,
        },
        default: "120s",
        info: "The lag target of the log archive. The log archiving status is updated at this interval. Range: [0ms, 7200s]",
        section: "LOGSERVICE",
        edit_level: "DYNAMIC_EFFECTIVE",
    },
    ParamDef {
        name: "backup_data_file_size",
        scope: ParamScope::Tenant,
        ty: ParamType::Capacity {
            min: 512 << 20,
            max: 4 << 30,
        },
        default: "4G",
        info: "backup data file size. Range: [512M, 4G] in integer",
        section: "OBSERVER",
        edit_level: "DYNAMIC_EFFECTIVE",
    },
    ParamDef {
        name: "ha_high_thread_score",
        scope: ParamScope::Tenant,
        ty: THREAD_SCORE,
        default: "0",
        info: "the current work thread score of high availability high thread. Range: [0,100] in integer. Especially, 0 means default value",
        section: "OBSERVER",
        edit_level: "DYNAMIC_EFFECTIVE",
    },
    ParamDef {
        name: "ha_low_thread_score",
        scope: ParamScope::Tenant,
        ty: THREAD_SCORE,
        default: "0",
        info: "the current work thread score of high availability low thread. Range: [0,100] in integer. Especially, 0 means default value",
        section: "OBSERVER",
        edit_level: "DYNAMIC_EFFECTIVE",
    },
    ParamDef {
        name: "ha_mid_thread_score",
        scope: ParamScope::Tenant,
        ty: THREAD_SCORE,
        default: "0",
        info: "the current work thread score of high availability mid thread. Range: [0,100] in integer. Especially, 0 means default value",
        section: "OBSERVER",
        edit_level: "DYNAMIC_EFFECTIVE",
    },
    ParamDef {
        name: "log_archive_checkpoint_interval",
        scope: ParamScope::Tenant,
        ty: ParamType::Time {
            min: 5_000_000,
            max: 3_600_000_000,
        },
        default: "120s",
        info: "control interval of generating log archive checkpoint for cold partition. Range: [5s, 1h]",
        section: "LOGSERVICE",
        edit_level: "DYNAMIC_EFFECTIVE",
    },
    ParamDef {
        name: "log_archive_concurrency",
        scope: ParamScope::Tenant,
        ty: ParamType::Int { min: 0, max: 100 },
        default: "0",
        info: "log archive concurrency, for both archive fetcher and sender. Range: [0, 100] in integer",
        section: "LOGSERVICE",
        edit_level: "DYNAMIC_EFFECTIVE",
    },
    ParamDef {
        name: "log_restore_concurrency",
        scope: ParamScope::Tenant,
        ty: ParamType::Int { min: 0, max: 100 },
        default: "0",
        info: "log restore concurrency, for both the restore tenant and standby tenant. Range: [0, 100] in integer",
        section: "LOGSERVICE",
        edit_level: "DYNAMIC_EFFECTIVE",
    },
];

pub fn find(name: &str) -> Option<&'static ParamDef> {
    PARAMS.iter().find(|p| p.name.eq_ignore_ascii_case(name))
}

/// Parses `512M`, `4G`, `1024` (bytes) into bytes.
pub fn parse_capacity(text: &str) -> Option<u64> {
    let t = text.trim().to_ascii_uppercase();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: u64 = num.parse().ok()?;
    let mult: u64 = match unit {
        "" | "B" => 1,
        "K" | "KB" => 1 << 10,
        "M" | "MB" => 1 << 20,
        "G" | "GB" => 1 << 30,
        "T" | "TB" => 1 << 40,
        _ => return None,
    };
    n.checked_mul(mult)
}

impl ParamDef {
    /// Checks a value against the parameter's type and range; returns the value to store.
    pub fn validate(&self, raw: &str) -> Option<String> {
        let raw = raw.trim();
        match self.ty {
            ParamType::Int { min, max } => {
                let v: i64 = raw.parse().ok()?;
                (min..=max).contains(&v).then(|| v.to_string())
            }
            ParamType::Capacity { min, max } => {
                let v = parse_capacity(raw)?;
                (min..=max).contains(&v).then(|| raw.to_string())
            }
            ParamType::Time { min, max } => {
                let v = parse_duration(raw)?;
                (min..=max).contains(&v).then(|| raw.to_string())
            }
        }
    }
}

/// Values set with ALTER SYSTEM SET; anything unset has its default. Tenant id 0 holds the
/// cluster-level values.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParamValues {
    values: BTreeMap<u64, BTreeMap<String, String>>,
}

pub const CLUSTER_SCOPE: u64 = 0;

impl ParamValues {
    pub fn set(&mut self, tenant: u64, name: &str, value: String) {
        self.values
            .entry(tenant)
            .or_default()
            .insert(name.to_ascii_lowercase(), value);
    }

    /// The value in force, or the default.
    pub fn get(&self, tenant: u64, def: &ParamDef) -> String {
        let key = if def.scope == ParamScope::Cluster {
            CLUSTER_SCOPE
        } else {
            tenant
        };
        self.values
            .get(&key)
            .and_then(|m| m.get(def.name))
            .cloned()
            .unwrap_or_else(|| def.default.to_string())
    }

    pub fn get_int(&self, tenant: u64, name: &str) -> i64 {
        find(name)
            .and_then(|d| self.get(tenant, d).parse().ok())
            .unwrap_or(0)
    }

    pub fn get_time(&self, tenant: u64, name: &str) -> Micros {
        find(name)
            .and_then(|d| parse_duration(&self.get(tenant, d)))
            .unwrap_or(0)
    }

    pub fn get_capacity(&self, tenant: u64, name: &str) -> u64 {
        find(name)
            .and_then(|d| parse_capacity(&self.get(tenant, d)))
            .unwrap_or(0)
    }
}

/// Parses a duration such as `1d`, `24h`, `30m`, `3600s`, `500ms` (a bare number is seconds).
pub fn parse_duration(text: &str) -> Option<Micros> {
    let t = text.trim().to_ascii_lowercase();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: u64 = num.parse().ok()?;
    let unit_micros = match unit {
        "" | "s" => SECOND,
        "us" => 1,
        "ms" => 1000,
        "m" => MINUTE,
        "h" => HOUR,
        "d" => DAY,
        _ => return None,
    };
    n.checked_mul(unit_micros)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ha_low_thread_score_accepts_0_to_100_only() {
        let d = find("HA_LOW_THREAD_SCORE").unwrap();
        assert_eq!(d.validate("5").as_deref(), Some("5"));
        assert_eq!(d.validate("100").as_deref(), Some("100"));
        assert!(d.validate("101").is_none());
        assert!(d.validate("-1").is_none());
        assert!(d.validate("abc").is_none());
        assert_eq!((d.scope, d.default), (ParamScope::Tenant, "0"));
    }

    #[test]
    fn capacity_and_time_parameters_check_their_ranges() {
        let size = find("backup_data_file_size").unwrap();
        assert!(size.validate("512M").is_some());
        assert!(size.validate("256M").is_none());
        assert!(size.validate("5G").is_none());
        let lag = find("archive_lag_target").unwrap();
        assert!(lag.validate("60s").is_some());
        assert!(lag.validate("7201s").is_none());
    }

    #[test]
    fn values_fall_back_to_defaults_and_cluster_scope_is_shared() {
        let mut v = ParamValues::default();
        assert_eq!(v.get_int(1002, "ha_low_thread_score"), 0);
        v.set(1002, "ha_low_thread_score", "8".into());
        assert_eq!(v.get_int(1002, "ha_low_thread_score"), 8);
        assert_eq!(v.get_int(1004, "ha_low_thread_score"), 0);
        v.set(CLUSTER_SCOPE, "_backup_idle_time", "1m".into());
        assert_eq!(v.get_time(1002, "_backup_idle_time"), 60_000_000);
        assert_eq!(v.get_capacity(1002, "backup_data_file_size"), 4 << 30);
    }

    #[test]
    fn catalog_is_sorted_by_name() {
        let names: Vec<&str> = PARAMS.iter().map(|p| p.name).collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
    }
    #[test]
    fn durations_parse_with_units() {
        assert_eq!(parse_duration("1d"), Some(DAY));
        assert_eq!(parse_duration("24h"), Some(DAY));
        assert_eq!(parse_duration("120s"), Some(120 * SECOND));
        assert_eq!(parse_duration("120"), Some(120 * SECOND));
        assert_eq!(parse_duration("5x"), None);
        assert_eq!(parse_duration("99999999999999999999d"), None);
    }
}
