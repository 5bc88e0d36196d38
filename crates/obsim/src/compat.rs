//! A tenant's compatibility mode: MySQL or Oracle. It decides how statements are split and
//! printed, which users exist and how errors read, so most layers need it; it depends on nothing.

use serde::{Deserialize, Serialize};

/// A tenant's compatibility mode (column COMPATIBILITY_MODE).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CompatMode {
    MySql,
    Oracle,
}

impl CompatMode {
    pub fn as_str(self) -> &'static str {
        match self {
            CompatMode::MySql => "MYSQL",
            CompatMode::Oracle => "ORACLE",
        }
    }
}
