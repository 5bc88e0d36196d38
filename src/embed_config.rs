//! The URL parameters of an embed (an obplay page inside a documentation page's iframe), parsed
//! from already-decoded key/value pairs so it is tested natively:
//!
//! | parameter | meaning |
//! |---|---|
//! | `embed=1` | no page chrome: no header, faults panel or help sheet; a compact time bar |
//! | `panels=console,jobs,blocks,tenants` | which panels show (default: all) |
//! | `scenario=NAME` | start from a scenario (`obsim::scenario`) |
//! | `seed=N` | start from this seed |
//! | `script=SQL` | statements shown as steps with a Run button each |
//! | `autoplay=1` | run the script's steps one after another on load |
//! | `theme=light\|dark\|auto` | colour theme |
//! | `readonly=1` | no typing in the console; dashboard actions disabled; steps still run |
//! | `id=NAME` | tells apart two embeds with the same parameters on one page |
//! | `blocks=N` | macroblocks per tenant (1–1,000,000; default 4,096): a small grid reads well |
//! | `workload=off\|light\|busy\|N` | background writes per second per tenant (off = 0, light = 1, the default, busy = 20) |
//! | `tenants=a,b` | whose tenant cards and macroblock grids show (default: every user tenant) |
//! | `controls=0` | no time bar (time still plays) |
//!
//! A page with any of these parameters keeps its session under its own storage key, derived
//! from the parameters (all but `theme` and `autoplay`), never under the full app's key.

use obsim::ClusterOptions;
use obsim::limits;
use obsim::shell::script_steps;

/// Where the full app (no parameters) keeps its session in localStorage.
pub const APP_KEY: &str = "obplay.session";

/// Which panels an embed shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Panels {
    pub console: bool,
    pub jobs: bool,
    pub blocks: bool,
    pub tenants: bool,
}

impl Panels {
    pub const ALL: Panels = Panels {
        console: true,
        jobs: true,
        blocks: true,
        tenants: true,
    };
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmbedConfig {
    pub embed: bool,
    pub panels: Panels,
    pub scenario: Option<String>,
    pub seed: Option<u64>,
    /// The script split into steps (one statement or login line each).
    pub script: Vec<String>,
    pub autoplay: bool,
    /// "light", "dark" or "auto".
    pub theme: Option<String>,
    pub readonly: bool,
    /// Cluster options (`blocks=`, `workload=`); defaults where absent.
    pub options: ClusterOptions,
    /// Tenants whose cards and grids show (None: all).
    pub tenants: Option<Vec<String>>,
    /// The time bar shows (`controls=0` hides it).
    pub controls: bool,
    /// Parameters that set up the session, in a canonical order (for the storage key).
    identity: String,
    /// What could not be understood, as sentences for a notice.
    pub problems: Vec<String>,
}

/// Every parameter this page reads.
pub const KEYS: [&str; 13] = [
    "embed", "panels", "scenario", "seed", "script", "autoplay", "theme", "readonly", "id",
    "blocks", "workload", "tenants", "controls",
];

fn flag(v: &str) -> bool {
    matches!(v.trim(), "1" | "true" | "yes" | "on" | "")
}

impl EmbedConfig {
    /// Reads the parameters; unknown keys are ignored (they may belong to the host), bad values
    /// of known keys are reported in `problems` and otherwise ignored.
    pub fn from_pairs<K: AsRef<str>, V: AsRef<str>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> EmbedConfig {
        let mut c = EmbedConfig {
            embed: false,
            panels: Panels::ALL,
            scenario: None,
            seed: None,
            script: Vec::new(),
            autoplay: false,
            theme: None,
            readonly: false,
            options: ClusterOptions::default(),
            tenants: None,
            controls: true,
            identity: String::new(),
            problems: Vec::new(),
        };
        // The values that set the session up, by position in KEYS (canonical order).
        let mut ident: [Option<String>; KEYS.len()] = Default::default();
        for (k, v) in pairs {
            let (k, v) = (k.as_ref(), v.as_ref());
            let Some(slot) = KEYS
                .iter()
                .position(|x| *x == k)
                .and_then(|i| ident.get_mut(i))
            else {
                continue;
            };
            if !matches!(k, "theme" | "autoplay" | "tenants" | "controls") {
                *slot = Some(v.to_string());
            }
            match k {
                "embed" => c.embed = flag(v),
                "readonly" => c.readonly = flag(v),
                "autoplay" => c.autoplay = flag(v),
                "scenario" => c.scenario = Some(v.trim().to_string()),
                "seed" => match v.trim().parse() {
                    Ok(s) => c.seed = Some(s),
                    Err(_) => c.problems.push(format!(
                        "seed={} is not a number from 0 to 2^64-1.",
                        clip(v)
                    )),
                },
                "script" => c.script = script_steps(v),
                "controls" => c.controls = !matches!(v.trim(), "0" | "false" | "no" | "off"),
                "tenants" => {
                    let names: Vec<String> = v
                        .split(',')
                        .map(|n| n.trim().to_string())
                        .filter(|n| !n.is_empty())
                        .collect();
                    c.tenants = (!names.is_empty()).then_some(names);
                }
                "blocks" | "workload" => match if k == "workload" {
                    obsim::workload::Level::parse(v).map(|l| l.rate()).ok_or(())
                } else {
                    v.trim().parse::<u32>().map_err(|_| ())
                } {
                    Err(_) if k == "workload" => c.problems.push(format!(
                        "workload={} is not off, light, busy or a number.",
                        clip(v)
                    )),
                    Err(_) => c.problems.push(format!("{k}={} is not a number.", clip(v))),
                    Ok(n) => {
                        let mut options = c.options.clone();
                        if k == "blocks" {
                            options.macro_blocks_per_tenant = n;
                        } else {
                            options.workload_rate = n;
                        }
                        match limits::check_options(&options) {
                            Ok(()) => c.options = options,
                            Err(why) => c.problems.push(format!("{k}={}: {why}.", clip(v))),
                        }
                    }
                },
                "theme" => match v.trim() {
                    "light" | "dark" | "auto" => c.theme = Some(v.trim().to_string()),
                    _ => c
                        .problems
                        .push(format!("theme={} is not light, dark or auto.", clip(v))),
                },
                "panels" => {
                    let mut p = Panels {
                        console: false,
                        jobs: false,
                        blocks: false,
                        tenants: false,
                    };
                    for name in v.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                        match name {
                            "console" => p.console = true,
                            "jobs" => p.jobs = true,
                            "blocks" => p.blocks = true,
                            "tenants" => p.tenants = true,
                            _ => c.problems.push(format!(
                                "panels: {} is not one of console, jobs, blocks, tenants.",
                                clip(name)
                            )),
                        }
                    }
                    c.panels = p;
                }
                _ => {} // id: identity only
            }
        }
        for (k, v) in KEYS.iter().zip(&ident) {
            if let Some(v) = v {
                c.identity.push_str(&format!("{k}={v}\n"));
            }
        }
        c
    }

    /// Whether the page was opened with any embed parameter.
    pub fn any(&self) -> bool {
        !self.identity.is_empty()
            || self.theme.is_some()
            || self.autoplay
            || self.tenants.is_some()
            || !self.controls
    }

    /// The localStorage key of this page's session: the full app's key without parameters,
    /// else one derived from the parameters that set the session up.
    pub fn storage_key(&self) -> String {
        if !self.any() {
            return APP_KEY.to_string();
        }
        format!("obplay.embed.{:016x}", fnv1a(self.identity.as_bytes()))
    }
}

fn clip(v: &str) -> String {
    v.chars().take(40).collect()
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    #[test]
    fn cluster_options_come_from_blocks_and_workload() {
        let c = EmbedConfig::from_pairs([("blocks", "100000"), ("workload", "0")]);
        assert_eq!(c.options.macro_blocks_per_tenant, 100_000);
        assert_eq!(c.options.workload_rate, 0);
        assert!(c.problems.is_empty());
        assert_ne!(c.storage_key(), APP_KEY);
        let bad = EmbedConfig::from_pairs([("blocks", "0"), ("workload", "lots")]);
        assert_eq!(bad.options, ClusterOptions::default());
        assert_eq!(bad.problems.len(), 2, "{:?}", bad.problems);
    }

    use super::*;

    fn parse(q: &[(&str, &str)]) -> EmbedConfig {
        EmbedConfig::from_pairs(q.iter().copied())
    }

    #[test]
    fn workload_names_tenants_and_controls_are_read() {
        let c = parse(&[
            ("workload", "busy"),
            ("tenants", "mysql_tenant, "),
            ("controls", "0"),
        ]);
        assert_eq!(c.options.workload_rate, obsim::workload::BUSY);
        assert_eq!(c.tenants, Some(vec!["mysql_tenant".to_string()]));
        assert!(!c.controls);
        assert!(c.problems.is_empty(), "{:?}", c.problems);
        assert_eq!(parse(&[("workload", "off")]).options.workload_rate, 0);
        assert_eq!(parse(&[("workload", "lots")]).problems.len(), 1);
        assert!(parse(&[]).controls);
    }

    #[test]
    fn no_parameters_is_the_full_app() {
        let c = parse(&[("utm_source", "x")]);
        assert!(!c.any());
        assert!(!c.embed && !c.readonly && !c.autoplay);
        assert_eq!(c.panels, Panels::ALL);
        assert_eq!(c.storage_key(), "obplay.session");
    }

    #[test]
    fn every_parameter_is_read() {
        let c = parse(&[
            ("embed", "1"),
            ("panels", "console, jobs"),
            ("scenario", "ready"),
            ("seed", "7"),
            ("script", "ALTER SYSTEM BACKUP DATABASE;\nSELECT SLEEP(5);"),
            ("autoplay", "1"),
            ("theme", "dark"),
            ("readonly", "1"),
        ]);
        assert!(c.embed && c.readonly && c.autoplay);
        assert_eq!(
            c.panels,
            Panels {
                console: true,
                jobs: true,
                blocks: false,
                tenants: false
            }
        );
        assert_eq!(c.scenario.as_deref(), Some("ready"));
        assert_eq!(c.seed, Some(7));
        assert_eq!(
            c.script,
            ["ALTER SYSTEM BACKUP DATABASE;", "SELECT SLEEP(5);"]
        );
        assert_eq!(c.theme.as_deref(), Some("dark"));
        assert!(c.problems.is_empty());
    }

    #[test]
    fn storage_keys_differ_per_embed_and_ignore_theme_and_order() {
        let a = parse(&[("embed", "1"), ("scenario", "ready")]);
        let b = parse(&[("embed", "1"), ("scenario", "busy")]);
        let a2 = parse(&[("scenario", "ready"), ("theme", "dark"), ("embed", "1")]);
        let a_id = parse(&[("embed", "1"), ("scenario", "ready"), ("id", "second")]);
        assert!(a.storage_key().starts_with("obplay.embed."));
        assert_ne!(a.storage_key(), b.storage_key());
        assert_eq!(a.storage_key(), a2.storage_key());
        assert_ne!(a.storage_key(), a_id.storage_key());
        assert_ne!(a.storage_key(), "obplay.session");
        assert_ne!(
            parse(&[("theme", "dark")]).storage_key(),
            "obplay.session",
            "any parameter keeps the app's save apart"
        );
    }

    #[test]
    fn bad_values_are_reported_and_ignored() {
        let c = parse(&[
            ("seed", "abc"),
            ("theme", "blue"),
            ("panels", "console,charts"),
        ]);
        assert_eq!(c.seed, None);
        assert_eq!(c.theme, None);
        assert!(c.panels.console && !c.panels.jobs);
        assert_eq!(c.problems.len(), 3, "{:?}", c.problems);
        assert!(c.problems[2].contains("charts"));
    }
}
