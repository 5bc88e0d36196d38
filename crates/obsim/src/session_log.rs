//! The one representation of a session (DESIGN.md): seed, scenario, the options the cluster
//! was built with, and the timed list of what the user did. Persistence, share links, embeds,
//! tours, golden tests and bug reports all use it; `replay` turns it back into a running shell.

use crate::sim::Micros;
use crate::storage::DEFAULT_MACRO_BLOCKS;
use crate::workload;
use serde::{Deserialize, Serialize};

/// One thing the user did at a simulated time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Command {
    pub at: Micros,
    /// Text typed into the console (one or more statements, or a login line).
    pub text: String,
    /// A fault injected from the UI's fault panel instead of typed text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fault: Option<Fault>,
}

/// Faults a user can inject (reference §2.7 failure paths), and the time bar's workload
/// control: things done to the cluster from outside SQL, recorded at their simulated time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Fault {
    ServerActive {
        index: usize,
        active: bool,
    },
    DestUnreachable {
        path: String,
        on: bool,
    },
    DestFull {
        path: String,
        on: bool,
    },
    InterruptArchive {
        tenant_id: u64,
    },
    /// The background workload of every primary user tenant becomes `rate` writes a second
    /// (the time bar's off / light / busy).
    Workload {
        rate: u32,
    },
}

/// The one representation of a session (DESIGN.md): persistence, share links, embeds, tours,
/// golden tests and bug reports all use it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionLog {
    pub version: u32,
    pub seed: u64,
    pub scenario: String,
    pub commands: Vec<Command>,
    /// Simulated time the session had reached (time may run on after the last command).
    pub end_at: Micros,
    /// Cluster options other than the defaults (e.g. a 100,000-block tenant, workload off).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<ClusterOptions>,
}

/// The version written. Version 1 (read still) had a background workload of 20 writes a second
/// by default; version 2's default is [`workload::LIGHT`]. A log without options replays with
/// the defaults of its own version, so an old link rebuilds the same session.
pub const SESSION_LOG_VERSION: u32 = 2;

/// Whether this version of the engine reads logs of `version`.
pub fn reads_version(version: u32) -> bool {
    (1..=SESSION_LOG_VERSION).contains(&version)
}

impl SessionLog {
    /// The options its cluster is built with: its own, or the defaults of its version.
    pub fn cluster_options(&self) -> ClusterOptions {
        self.options
            .clone()
            .unwrap_or_else(|| ClusterOptions::defaults_of(self.version))
    }
}

/// Options for building a cluster (sizes scale up to a million macroblocks per tenant). A
/// session log records them when they differ from the defaults, so a replay builds the same
/// cluster.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClusterOptions {
    pub macro_blocks_per_tenant: u32,
    /// Background workload writes per second per tenant (0 = off).
    pub workload_rate: u32,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            macro_blocks_per_tenant: DEFAULT_MACRO_BLOCKS,
            workload_rate: workload::LIGHT,
        }
    }
}

impl ClusterOptions {
    /// The defaults a session log of `version` was written against.
    pub fn defaults_of(version: u32) -> ClusterOptions {
        if version <= 1 {
            ClusterOptions {
                workload_rate: workload::BUSY,
                ..ClusterOptions::default()
            }
        } else {
            ClusterOptions::default()
        }
    }
}
