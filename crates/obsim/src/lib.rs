//! obsim: a deterministic simulator of an OceanBase 4.x cluster's backup machinery.
//!
//! Pure Rust: no wall clock, no OS randomness, no web dependency. The same seed and the same
//! statements always produce the same states. See ARCHITECTURE.md for the map of modules.

pub mod archive;
pub mod assist;
pub mod backup;
pub mod blockmap;
pub mod calendar;
pub mod checksum;
pub mod cluster;
pub mod compat;
pub mod cost;
pub mod error;
pub mod fingerprint;
pub mod hints;
pub mod limits;
pub mod medium;
pub mod num;
pub mod obclient;
pub mod order;
pub mod params;
pub mod replay;
pub mod resource;
pub mod restore;
pub mod scenario;
pub mod session_log;
pub mod share;
pub mod shell;
pub mod sim;
pub mod sql;
pub mod storage;
pub mod tours;
pub mod userdata;
pub mod value;
pub mod workload;

// The names the app, the benches and the integration tests take from the crate root.
pub use cluster::Cluster;
pub use compat::CompatMode;
pub use session_log::ClusterOptions;
