//! The session saved in the browser (localStorage), restored on reload.
//!
//! What is stored is the session log (seed, scenario, timed commands, time reached) — the one
//! representation of a session — plus the UI settings. Up/Down history is derived from the log
//! (`history_of`), so each statement is stored once. The format is versioned; reading is
//! tolerant: a UI line that cannot be read falls back to its default, and only a missing or
//! damaged log makes a save unreadable (the caller keeps it aside and says why, never crashes).
//!
//! The full app saves under [`KEY`]; an embed saves under a key derived from its URL parameters
//! (`embed_config::EmbedConfig::storage_key`), so embeds never share a save with each other or
//! with the app. A tab that opened a copy of a session saves under a copy key remembered in its
//! sessionStorage ([`copy_key`]).

use obsim::ClusterOptions;
use obsim::num::{format_shortest, parse_f64};
use obsim::session_log::{SESSION_LOG_VERSION, SessionLog};
use obsim::share;
use obsim::shell::Shell;

/// Where the full app keeps its session.
pub const KEY: &str = crate::embed_config::APP_KEY;
/// Format 3: one `name value` line per UI setting, then `log <bytes> <text>`: the log's share
/// encoding (`share::encode_bytes`) packed 15 bits per UTF-16 unit (U+0100..=U+80FF), about
/// 0.53 characters per byte (base64 takes 1.33). Format 2 (the log in base64url plus a
/// `history` line per statement) is still read; format 1 was JSON.
pub const FORMAT: u32 = 3;
const MAGIC: &str = "obplay-session";
/// Where an unreadable save of `key` is kept before a new session replaces it.
pub const UNREADABLE_SUFFIX: &str = ".unreadable";
/// Statements kept for Up/Down.
pub const HISTORY_LEN: usize = 500;
/// The first code point of the 15-bit packing.
const BASE15: u32 = 0x100;

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
            // A cluster does not wait: a new session plays in real time; Pause is a choice.
            speed: 1.0,
            playing: true,
            theme: "auto".into(),
            steps_done: Vec::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Saved {
    pub log: SessionLog,
    /// Transcript entries hidden by Ctrl+L (the first `cleared` of the replayed transcript).
    pub cleared: usize,
    pub ui: Ui,
}

/// The statements of a log, for Up/Down history (the latest [`HISTORY_LEN`], consecutive
/// repeats once, as the console records them).
pub fn history_of(log: &SessionLog) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let typed = log.commands.iter().filter(|c| c.fault.is_none());
    let skip = typed.clone().count().saturating_sub(HISTORY_LEN * 2);
    for c in typed.skip(skip) {
        let t = c.text.trim();
        if out.last().map(String::as_str) != Some(t) {
            out.push(t.to_string());
        }
    }
    let excess = out.len().saturating_sub(HISTORY_LEN);
    out.drain(..excess);
    out
}

/// [`Shell::log`] without its commands (the caller lends them, instead of copying 100,000
/// statements for every save).
pub fn log_head(shell: &Shell) -> SessionLog {
    let options = shell.options();
    SessionLog {
        version: SESSION_LOG_VERSION,
        seed: shell.cluster.seed(),
        scenario: shell.scenario().to_string(),
        commands: Vec::new(),
        end_at: shell.cluster.now(),
        options: (options != ClusterOptions::default()).then_some(options),
    }
}

impl Saved {
    /// The stored text, or why the session cannot be stored (outside the limits).
    pub fn to_text(&self) -> Result<String, String> {
        let bytes = share::encode_bytes(&self.log)?;
        let steps: Vec<String> = self.ui.steps_done.iter().map(usize::to_string).collect();
        let mut out = String::with_capacity(bytes.len() * 8 / 15 * 3 + 200);
        out.push_str(&format!("{MAGIC} {FORMAT}\n"));
        out.push_str(&format!("cleared {}\n", self.cleared));
        out.push_str(&format!("speed {}\n", format_shortest(self.ui.speed)));
        out.push_str(&format!("playing {}\n", u8::from(self.ui.playing)));
        out.push_str(&format!("theme {}\n", self.ui.theme));
        out.push_str(&format!("steps {}\n", steps.join(",")));
        out.push_str(&format!("log {} ", bytes.len()));
        pack15_into(&bytes, &mut out);
        out.push('\n');
        Ok(out)
    }

    /// Reads what [`Saved::to_text`] wrote (format 3) or format 2. A UI line that cannot be read
    /// keeps its default; a missing or damaged log is an error saying what is wrong ("it ...",
    /// "its ..." or "the session ..."; the caller names the save).
    pub fn from_text(text: &str) -> Result<Saved, String> {
        let mut lines = text.split('\n');
        let format = lines
            .next()
            .and_then(|l| l.strip_prefix(MAGIC))
            .and_then(|v| v.trim().parse::<u32>().ok());
        match format {
            Some(2 | 3) => {}
            Some(f) => {
                return Err(format!(
                    "it has format {f} and this version of obplay reads formats 2 and 3"
                ));
            }
            None => return Err("it was saved by an older version of obplay".into()),
        }
        let mut log = None;
        let mut ui = Ui::default();
        let mut cleared = 0;
        for line in lines {
            let line = line.strip_suffix('\r').unwrap_or(line);
            let (name, value) = line.split_once(' ').unwrap_or((line, ""));
            match name {
                // Format 2: the share payload; format 3: byte count and the 15-bit packing.
                "log" if format == Some(2) => log = Some(share::decode(value)),
                "log" => log = Some(read_log15(value)),
                "cleared" => cleared = value.parse().unwrap_or(0),
                "speed" => {
                    ui.speed = parse_f64(value)
                        .filter(|s| s.is_finite() && *s > 0.0)
                        .map_or(Ui::default().speed, |s| s.clamp(0.1, 1000.0));
                }
                "playing" => {
                    ui.playing = match value {
                        "1" => true,
                        "0" => false,
                        _ => Ui::default().playing,
                    }
                }
                "theme" if matches!(value, "auto" | "light" | "dark") => {
                    ui.theme = value.to_string();
                }
                "steps" => {
                    ui.steps_done = value
                        .split(',')
                        .filter(|v| !v.is_empty())
                        .map(str::parse)
                        .collect::<Result<_, _>>()
                        .unwrap_or_default();
                }
                // Format 2's `history` lines (the history now comes from the log) and lines a
                // later version adds are skipped.
                _ => {}
            }
        }
        let log = log.ok_or("it holds no session log")??;
        Ok(Saved { log, cleared, ui })
    }
}

fn read_log15(value: &str) -> Result<SessionLog, String> {
    let (len, packed) = value.split_once(' ').unwrap_or((value, ""));
    let len: usize = len
        .parse()
        .map_err(|_| "its session log has no length".to_string())?;
    share::decode_bytes(&unpack15(packed, len)?)
}

/// Appends `bytes` packed 15 bits per character (U+0100..=U+80FF: no surrogates, no control
/// characters, no line breaks), the last character padded with zero bits.
pub fn pack15_into(bytes: &[u8], out: &mut String) {
    let mut acc: u32 = 0;
    let mut bits = 0;
    let mut push = |v: u32| out.push(char::from_u32(BASE15 + (v & 0x7FFF)).unwrap_or('\u{100}'));
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        if bits >= 15 {
            bits -= 15;
            push(acc >> bits);
            acc &= (1 << bits) - 1;
        }
    }
    if bits > 0 {
        push(acc << (15 - bits));
    }
}

/// [`pack15_into`] as a new string.
pub fn pack15(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 8 / 15 * 3 + 3);
    pack15_into(bytes, &mut out);
    out
}

/// The `len` bytes [`pack15`] packed into `text`.
pub fn unpack15(text: &str, len: usize) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(len);
    let mut acc: u32 = 0;
    let mut bits = 0;
    let mut chars = 0usize;
    for c in text.chars() {
        let v = u32::from(c)
            .checked_sub(BASE15)
            .filter(|v| *v < 0x8000)
            .ok_or("its session log has characters that do not belong there")?;
        chars += 1;
        acc = (acc << 15) | v;
        bits += 15;
        while bits >= 8 && out.len() < len {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    if out.len() < len || chars != (len * 8).div_ceil(15) {
        return Err("its session log is cut off".into());
    }
    Ok(out)
}

/// Why the browser would not store or read a save.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The site's storage is full (QuotaExceededError).
    Full,
    /// The browser does not let the page use storage (SecurityError, storage switched off).
    Disabled,
    /// The session cannot be written down (outside the limits): the reason.
    Unsaveable(String),
    /// Anything else the browser said.
    Other(String),
}

impl StoreError {
    /// Sorts a DOMException's name (or a missing storage) into the cases above.
    pub fn from_name(name: &str, message: &str) -> StoreError {
        match name {
            "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => StoreError::Full,
            "SecurityError" | "NotAllowedError" | "" => StoreError::Disabled,
            _ if message.to_ascii_lowercase().contains("quota") => StoreError::Full,
            _ => StoreError::Other(format!("{name}: {message}")),
        }
    }
}

#[cfg(target_arch = "wasm32")]
pub use web::*;

#[cfg(target_arch = "wasm32")]
mod web {
    use super::{Saved, StoreError, UNREADABLE_SUFFIX};
    use wasm_bindgen::JsValue;

    fn error_of(e: &JsValue) -> StoreError {
        let get = |k: &str| {
            js_sys::Reflect::get(e, &JsValue::from_str(k))
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default()
        };
        StoreError::from_name(&get("name"), &get("message"))
    }

    fn local() -> Result<web_sys::Storage, StoreError> {
        let window = web_sys::window().ok_or(StoreError::Disabled)?;
        match window.local_storage() {
            Ok(Some(s)) => Ok(s),
            Ok(None) => Err(StoreError::Disabled),
            Err(e) => Err(error_of(&e)),
        }
    }

    fn session() -> Option<web_sys::Storage> {
        web_sys::window()?.session_storage().ok().flatten()
    }

    /// The text stored under `key` (`Ok(None)`: nothing), or why it cannot be read.
    pub fn read(key: &str) -> Result<Option<String>, StoreError> {
        local()?.get_item(key).map_err(|e| error_of(&e))
    }

    /// Stores `text` under `key`.
    pub fn write(key: &str, text: &str) -> Result<(), StoreError> {
        local()?.set_item(key, text).map_err(|e| error_of(&e))
    }

    /// Stores `saved` under `key`.
    pub fn save(key: &str, saved: &Saved) -> Result<(), StoreError> {
        let text = saved.to_text().map_err(StoreError::Unsaveable)?;
        write(key, &text)
    }

    pub fn clear(key: &str) {
        if let Ok(s) = local() {
            let _ = s.remove_item(key);
        }
    }

    /// Keeps an unreadable save under `key` + [`UNREADABLE_SUFFIX`] before a new session
    /// replaces it; true when it is kept. When the storage is too full for a second copy, the
    /// original is moved instead.
    pub fn keep_unreadable(key: &str, raw: &str) -> bool {
        let aside = format!("{key}{UNREADABLE_SUFFIX}");
        match write(&aside, raw) {
            Ok(()) => true,
            Err(StoreError::Full) => {
                clear(key);
                write(&aside, raw).is_ok()
            }
            Err(_) => false,
        }
    }

    fn copy_marker(page_key: &str) -> String {
        format!("obplay.copy-of.{page_key}")
    }

    /// The key of the copy this tab opened of `page_key`'s session, if it did (remembered in
    /// sessionStorage, so it survives a reload of this tab only).
    pub fn copy_key(page_key: &str) -> Option<String> {
        session()?
            .get_item(&copy_marker(page_key))
            .ok()
            .flatten()
            .filter(|k| k.starts_with(page_key))
    }

    /// A new key for a copy of `page_key`'s session, remembered for this tab.
    pub fn new_copy_key(page_key: &str) -> String {
        let stamp = js_sys::Date::now() as u64;
        let salt = (js_sys::Math::random() * 1_679_616.0) as u64;
        let key = format!("{page_key}.copy.{stamp:x}{salt:x}");
        if let Some(s) = session() {
            let _ = s.set_item(&copy_marker(page_key), &key);
        }
        key
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> SessionLog {
        let mut shell = Shell::new(7);
        let _ = shell.run("SELECT 'a\nb', \"q\" FROM DUAL;\nconnect root@mysql_tenant\n");
        let _ = shell.run("SELECT 1;\n");
        let _ = shell.run("SELECT 1;\n");
        shell.cluster.advance(90_000_000);
        shell.log()
    }

    fn saved() -> Saved {
        Saved {
            log: session(),
            cleared: 2,
            ui: Ui {
                speed: 0.1,
                playing: true,
                theme: "dark".into(),
                steps_done: vec![0, 3],
            },
        }
    }

    #[test]
    fn a_save_reads_back_field_for_field() {
        let saved = saved();
        let text = saved.to_text().unwrap();
        assert!(text.starts_with("obplay-session 3\n"));
        assert_eq!(Saved::from_text(&text), Ok(saved));
    }

    #[test]
    fn the_log_head_plus_the_commands_is_the_log() {
        for options in [
            ClusterOptions::default(),
            ClusterOptions {
                macro_blocks_per_tenant: 100,
                workload_rate: 0,
            },
        ] {
            let (mut shell, _) = obsim::replay::start_with(3, options, "ready").unwrap();
            let _ = shell.run("SELECT 1;\n");
            shell.cluster.advance(5_000_000);
            let mut log = log_head(&shell);
            log.commands = shell.commands.clone();
            assert_eq!(log, shell.log());
        }
    }

    #[test]
    fn history_comes_from_the_log() {
        let h = history_of(&session());
        assert_eq!(
            h,
            vec![
                "SELECT 'a\nb', \"q\" FROM DUAL;\nconnect root@mysql_tenant".to_string(),
                "SELECT 1;".into()
            ]
        );
    }

    #[test]
    fn packing_round_trips_every_length_and_stays_in_its_range() {
        for len in 0..64usize {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 255) as u8).collect();
            let packed = pack15(&bytes);
            assert_eq!(packed.chars().count(), (len * 8).div_ceil(15));
            assert!(
                packed
                    .chars()
                    .all(|c| ('\u{100}'..='\u{80FF}').contains(&c))
            );
            assert_eq!(unpack15(&packed, len), Ok(bytes));
        }
        assert!(unpack15("\u{100}", 5).is_err(), "cut off");
        assert!(unpack15("\u{100}\u{100}x", 2).is_err(), "foreign character");
    }

    #[test]
    fn a_megabyte_statement_takes_about_half_a_million_characters() {
        let mut shell = Shell::new(1);
        let rows: Vec<String> = (0..40_000).map(|i| format!("({i}, 'row {i}')")).collect();
        let insert = format!("INSERT INTO test.t VALUES {};", rows.join(", "));
        assert!(insert.len() > 700_000);
        shell.commands.push(obsim::session_log::Command {
            at: shell.cluster.now(),
            text: insert.clone(),
            fault: None,
        });
        let saved = Saved {
            log: shell.log(),
            cleared: 0,
            ui: Ui::default(),
        };
        let text = saved.to_text().unwrap();
        let units: usize = text.chars().map(char::len_utf16).sum();
        assert!(
            units < insert.len() * 6 / 10,
            "{units} UTF-16 units for {} bytes",
            insert.len()
        );
        assert_eq!(
            Saved::from_text(&text).unwrap().log.commands[0].text,
            insert
        );
    }

    #[test]
    fn format_2_is_still_read() {
        let saved = saved();
        let text = format!(
            "obplay-session 2\nlog {}\ncleared 2\nspeed 0.1\nplaying 1\ntheme dark\nsteps 0,3\nhistory {}\n",
            share::encode(&saved.log).unwrap(),
            share::base64url(&share::pack("SELECT 1;"))
        );
        assert_eq!(Saved::from_text(&text), Ok(saved));
    }

    #[test]
    fn bad_ui_lines_fall_back_to_their_defaults() {
        let good = saved().to_text().unwrap();
        let damaged = good
            .replace("speed 0.1", "speed fast")
            .replace("theme dark", "theme blue")
            .replace("steps 0,3", "steps 0,x")
            .replace("cleared 2", "cleared -1")
            .replace("playing 1", "playing maybe");
        let read = Saved::from_text(&damaged).unwrap();
        assert_eq!(read.log, saved().log);
        assert_eq!(read.cleared, 0);
        assert_eq!(read.ui, Ui::default());
    }

    #[test]
    fn unreadable_saves_say_why() {
        let err = |t: &str| Saved::from_text(t).err().unwrap_or_default();
        assert!(err(r#"{"format":1,"log":"#).contains("older version"));
        assert!(err("obplay-session 4\n").contains("format 4"));
        assert!(err("obplay-session 3\ncleared 1\n").contains("no session log"));
        assert!(err("obplay-session 2\nlog !!!\n").contains("characters"));
        assert!(err("obplay-session 3\nlog 10 abc\n").contains("characters"));
        let good = saved().to_text().unwrap();
        let cut = &good[..good.len() - 4];
        assert!(err(cut).contains("cut off"), "{}", err(cut));
        for e in [err(cut), err("obplay-session 3\n"), err("x")] {
            assert!(e.starts_with("it"), "{e}");
        }
    }

    /// A save whose log is well-formed but outside the limits (91 days) is unreadable, with
    /// the limit as the reason.
    #[test]
    fn a_save_past_the_time_limit_is_refused_with_the_limit() {
        let mut bytes = share::encode_bytes(&session()).unwrap();
        bytes.truncate(bytes.len() - 2);
        // The log ends with end_at (zigzag varint delta) and no options: rewrite the last
        // varint as a 91-day delta.
        let mut at = bytes.len() - 1;
        while at > 0 && bytes[at - 1] & 0x80 != 0 {
            at -= 1;
        }
        bytes.truncate(at);
        let mut delta = (91 * obsim::sim::DAY) << 1;
        while delta >= 0x80 {
            bytes.push((delta as u8) | 0x80);
            delta >>= 7;
        }
        bytes.push(delta as u8);
        let crc = crc16(&bytes);
        bytes.extend_from_slice(&crc.to_le_bytes());
        let text = format!("obplay-session 3\nlog {} {}\n", bytes.len(), pack15(&bytes));
        let e = Saved::from_text(&text).unwrap_err();
        assert!(e.contains("90 days"), "{e}");
    }

    fn crc16(bytes: &[u8]) -> u16 {
        let mut crc: u16 = 0xFFFF;
        for &b in bytes {
            crc ^= u16::from(b) << 8;
            for _ in 0..8 {
                crc = if crc & 0x8000 != 0 {
                    (crc << 1) ^ 0x1021
                } else {
                    crc << 1
                };
            }
        }
        crc
    }

    #[test]
    fn storage_errors_are_sorted_by_name() {
        assert_eq!(
            StoreError::from_name("QuotaExceededError", "x"),
            StoreError::Full
        );
        assert_eq!(
            StoreError::from_name("SecurityError", "denied"),
            StoreError::Disabled
        );
        assert_eq!(
            StoreError::from_name("Error", "exceeded the quota"),
            StoreError::Full
        );
        assert!(matches!(
            StoreError::from_name("TypeError", "odd"),
            StoreError::Other(_)
        ));
    }
}
