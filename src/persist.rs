//! The session saved in the browser (localStorage), restored on reload.
//!
//! What is stored is the session log (seed, scenario, timed commands, time reached) — the one
//! representation of a session — plus console history and UI settings. The format is versioned;
//! anything unreadable is reported, never silently dropped or allowed to crash the page.
//!
//! The full app saves under [`KEY`]; an embed saves under a key derived from its URL parameters
//! (`embed_config::EmbedConfig::storage_key`), so embeds never share a save with each other or
//! with the app.

use obsim::num::{format_shortest, parse_f64};
use obsim::share;
use obsim::shell::SessionLog;

/// Where the full app keeps its session.
pub const KEY: &str = crate::embed_config::APP_KEY;
/// Format 2: one `name value` line per field; the log in the share-link encoding, each history
/// entry packed the same way, so no value can break a line. (Format 1 was JSON; reading it
/// needed serde_json, about 15 KB of gzip in the page.)
pub const FORMAT: u32 = 2;
const MAGIC: &str = "obplay-session";

#[derive(Clone, Debug, PartialEq)]
pub struct Ui {
    pub speed: f64,
    pub playing: bool,
    /// "auto", "light" or "dark".
    pub theme: String,
    /// Script steps (embeds' `script=`) already run, by index.
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

#[derive(Clone, Debug, PartialEq)]
pub struct Saved {
    pub format: u32,
    pub log: SessionLog,
    /// Statements typed, oldest first (Up/Down history).
    pub history: Vec<String>,
    /// Transcript entries hidden by Ctrl+L (the first `cleared` of the replayed transcript).
    pub cleared: usize,
    pub ui: Ui,
}

impl Saved {
    /// The stored text, or why the session cannot be stored (outside the limits).
    pub fn to_text(&self) -> Result<String, String> {
        let mut out = format!("{MAGIC} {FORMAT}\nlog {}\n", share::encode(&self.log)?);
        out.push_str(&format!("cleared {}\n", self.cleared));
        out.push_str(&format!("speed {}\n", format_shortest(self.ui.speed)));
        out.push_str(&format!("playing {}\n", u8::from(self.ui.playing)));
        out.push_str(&format!("theme {}\n", self.ui.theme));
        let steps: Vec<String> = self.ui.steps_done.iter().map(usize::to_string).collect();
        out.push_str(&format!("steps {}\n", steps.join(",")));
        for h in &self.history {
            out.push_str(&format!("history {}\n", share::base64url(&share::pack(h))));
        }
        Ok(out)
    }

    /// Reads what [`Saved::to_text`] wrote; anything else is an error saying what is wrong.
    pub fn from_text(text: &str) -> Result<Saved, String> {
        let mut lines = text.lines();
        let format = lines
            .next()
            .and_then(|l| l.strip_prefix(MAGIC))
            .and_then(|v| v.trim().parse::<u32>().ok());
        match format {
            Some(FORMAT) => {}
            Some(f) => {
                return Err(format!(
                    "the saved session has format {f} and this version reads format {FORMAT}"
                ));
            }
            None => return Err("it was saved by an older version of obplay".into()),
        }
        let mut log = None;
        let mut saved_ui = Ui::default();
        let (mut cleared, mut history) = (0, Vec::new());
        for line in lines {
            let (name, value) = line.split_once(' ').unwrap_or((line, ""));
            match name {
                "log" => log = Some(share::decode(value)?),
                "cleared" => cleared = value.parse().map_err(|_| bad(line))?,
                "speed" => saved_ui.speed = parse_f64(value).ok_or_else(|| bad(line))?,
                "playing" => saved_ui.playing = value == "1",
                "theme" => saved_ui.theme = value.to_string(),
                "steps" => {
                    saved_ui.steps_done = value
                        .split(',')
                        .filter(|v| !v.is_empty())
                        .map(|v| v.parse().map_err(|_| bad(line)))
                        .collect::<Result<_, _>>()?;
                }
                "history" => {
                    history.push(share::unpack(&share::from_base64url(value)?)?);
                }
                // Lines a later version adds are skipped.
                _ => {}
            }
        }
        Ok(Saved {
            format: FORMAT,
            log: log.ok_or("it holds no session log")?,
            history,
            cleared,
            ui: saved_ui,
        })
    }
}

fn bad(line: &str) -> String {
    format!("a line cannot be read: {line:?}")
}

#[cfg(target_arch = "wasm32")]
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

#[cfg(target_arch = "wasm32")]
/// `Ok(None)`: nothing saved. `Err`: something is saved but cannot be read.
pub fn load(key: &str) -> Result<Option<Saved>, String> {
    let Some(raw) = storage().and_then(|s| s.get_item(key).ok().flatten()) else {
        return Ok(None);
    };
    Saved::from_text(&raw)
        .map(Some)
        .map_err(|e| format!("the saved session cannot be read ({e})"))
}

#[cfg(target_arch = "wasm32")]
pub fn save(key: &str, saved: &Saved) {
    if let (Some(s), Ok(text)) = (storage(), saved.to_text()) {
        let _ = s.set_item(key, &text);
    }
}

#[cfg(target_arch = "wasm32")]
pub fn clear(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use obsim::shell::Shell;

    #[test]
    fn a_save_reads_back_field_for_field() {
        let mut shell = Shell::new(7);
        let _ = shell.run("SELECT 'a\nb', \"q\" FROM DUAL;\nconnect root@mysql_tenant\n");
        shell.cluster.advance(90_000_000);
        let saved = Saved {
            format: FORMAT,
            log: shell.log(),
            history: vec!["SELECT 1;".into(), "SELECT 'x\ny' -- é\r\n;".into()],
            cleared: 2,
            ui: Ui {
                speed: 0.1,
                playing: true,
                theme: "dark".into(),
                steps_done: vec![0, 3],
            },
        };
        let text = saved.to_text().unwrap();
        assert!(text.starts_with("obplay-session 2\n"));
        assert_eq!(Saved::from_text(&text), Ok(saved));
    }

    #[test]
    fn unreadable_saves_say_why() {
        let err = |t: &str| Saved::from_text(t).err().unwrap_or_default();
        assert!(err(r#"{"format":1,"log":"#).contains("older version"));
        assert!(err("obplay-session 3\n").contains("format 3"));
        assert!(err("obplay-session 2\ncleared 1\n").contains("no session log"));
        assert!(err("obplay-session 2\nlog !!!\n").contains("characters"));
        assert!(err("obplay-session 2\nspeed fast\n").contains("speed fast"));
    }
}
