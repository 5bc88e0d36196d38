//! obplay: the web app. The UI renders engine state and sends statements and ticks; every
//! OceanBase rule lives in the `obsim` crate.

#[cfg(target_arch = "wasm32")]
pub mod app;
pub mod blocks;
#[cfg(target_arch = "wasm32")]
pub mod console;
#[cfg(target_arch = "wasm32")]
pub mod dashboard;
#[cfg(target_arch = "wasm32")]
pub mod engine;
#[cfg(target_arch = "wasm32")]
pub mod persist;
#[cfg(target_arch = "wasm32")]
pub mod timebar;

pub mod format;

/// The seed a fresh page starts with.
pub const DEFAULT_SEED: u64 = 42;
