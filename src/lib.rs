//! obplay: the web app. The UI renders engine state and sends statements and ticks; every
//! OceanBase rule lives in the `obsim` crate.

#[cfg(target_arch = "wasm32")]
pub mod app;

/// The seed a fresh page starts with.
pub const DEFAULT_SEED: u64 = 42;
