//! The session saved in the browser (localStorage), restored on reload.
//!
//! What is stored is the session log (seed, scenario, timed commands, time reached) — the one
//! representation of a session — plus console history and UI settings. The format is versioned;
//! anything unreadable is reported, never silently dropped or allowed to crash the page.
//!
//! The full app saves under [`KEY`]; an embed saves under a key derived from its URL parameters
//! (`embed_config::EmbedConfig::storage_key`), so embeds never share a save with each other or
//! with the app.

use obsim::shell::SessionLog;
use serde::{Deserialize, Serialize};

/// Where the full app keeps its session.
pub const KEY: &str = crate::embed_config::APP_KEY;
pub const FORMAT: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ui {
    pub speed: f64,
    pub playing: bool,
    /// "auto", "light" or "dark".
    pub theme: String,
    /// Script steps (embeds' `script=`) already run, by index.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps_done: Vec<usize>,
}

impl Default for Ui {
    fn default() -> Self {
        Ui {
            speed: 10.0,
            playing: false,
            theme: "auto".into(),
            steps_done: Vec::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    pub format: u32,
    pub log: SessionLog,
    /// Statements typed, oldest first (Up/Down history).
    pub history: Vec<String>,
    /// Transcript entries hidden by Ctrl+L (the first `cleared` of the replayed transcript).
    pub cleared: usize,
    pub ui: Ui,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// `Ok(None)`: nothing saved. `Err`: something is saved but cannot be read.
pub fn load(key: &str) -> Result<Option<Saved>, String> {
    let Some(raw) = storage().and_then(|s| s.get_item(key).ok().flatten()) else {
        return Ok(None);
    };
    let saved: Saved = serde_json::from_str(&raw)
        .map_err(|e| format!("the saved session cannot be read ({e})"))?;
    if saved.format != FORMAT {
        return Err(format!(
            "the saved session has format {} and this version reads format {FORMAT}",
            saved.format
        ));
    }
    Ok(Some(saved))
}

pub fn save(key: &str, saved: &Saved) {
    if let (Some(s), Ok(json)) = (storage(), serde_json::to_string(saved)) {
        let _ = s.set_item(key, &json);
    }
}

pub fn clear(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}
