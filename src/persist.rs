//! The session saved in the browser (localStorage), restored on reload.
//!
//! What is stored is the session log (seed, scenario, timed commands, time reached) — the one
//! representation of a session — plus console history and UI settings. The format is versioned;
//! anything unreadable is reported, never silently dropped or allowed to crash the page.

use obsim::shell::SessionLog;
use serde::{Deserialize, Serialize};

const KEY: &str = "obplay.session";
pub const FORMAT: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ui {
    pub speed: f64,
    pub playing: bool,
    /// "auto", "light" or "dark".
    pub theme: String,
}

impl Default for Ui {
    fn default() -> Self {
        Ui {
            speed: 10.0,
            playing: false,
            theme: "auto".into(),
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
pub fn load() -> Result<Option<Saved>, String> {
    let Some(raw) = storage().and_then(|s| s.get_item(KEY).ok().flatten()) else {
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

pub fn save(saved: &Saved) {
    if let (Some(s), Ok(json)) = (storage(), serde_json::to_string(saved)) {
        let _ = s.set_item(KEY, &json);
    }
}

pub fn clear() {
    if let Some(s) = storage() {
        let _ = s.remove_item(KEY);
    }
}
