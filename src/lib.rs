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
pub mod embed;
#[cfg(target_arch = "wasm32")]
pub mod engine;
#[cfg(target_arch = "wasm32")]
pub mod faults;
#[cfg(target_arch = "wasm32")]
pub mod glossary;
#[cfg(target_arch = "wasm32")]
pub mod header;
pub mod i18n;
#[cfg(target_arch = "wasm32")]
pub mod keys;
#[cfg(target_arch = "wasm32")]
pub mod owner;
pub mod persist;
#[cfg(target_arch = "wasm32")]
pub mod saving;
#[cfg(target_arch = "wasm32")]
pub mod scenario_picker;
#[cfg(target_arch = "wasm32")]
pub mod session;
#[cfg(target_arch = "wasm32")]
pub mod share_link;
#[cfg(target_arch = "wasm32")]
pub mod timebar;
#[cfg(target_arch = "wasm32")]
pub mod tour;
#[cfg(target_arch = "wasm32")]
pub mod undo;

pub mod embed_config;
pub mod format;

/// The seed a fresh page starts with.
pub const DEFAULT_SEED: u64 = 42;
