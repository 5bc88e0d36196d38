//! The native `obsim` command: the same client loop as the web console.
//!
//! ```text
//! obsim run FILE [--seed N] [--scenario NAME]   run a SQL script (FILE `-` = stdin), print
//!                                               the transcript (the scenario's prelude first)
//! obsim replay LINK [--state-hash]              replay a shared session (a share link, its
//!                                               `#s=` fragment or payload, or a file holding
//!                                               one; `-` = stdin), print its transcript, and
//!                                               the engine's state hash last
//! obsim [--seed N] [--scenario NAME]            interactive prompt
//! ```
//! Exit status: 0 (even when statements fail), 2 on a usage error or a session that cannot be
//! replayed (outside the limits, damaged).

use obsim::hints::Hint;
use obsim::shell::{Shell, transcript};
use std::io::{BufRead, Read, Write};

const USAGE: &str = "usage: obsim run FILE [--seed N] [--scenario NAME]\n       obsim replay LINK [--state-hash]\n       obsim [--seed N] [--scenario NAME]\n\
                     scenarios: fresh (default), ready, busy, failure\n";
const DEFAULT_SEED: u64 = 42;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match parse_args(&args) {
        Ok(Cmd::Run {
            file,
            seed,
            scenario,
        }) => std::process::exit(run_file(&file, seed, &scenario)),
        Ok(Cmd::Replay { link, state_hash }) => std::process::exit(replay(&link, state_hash)),
        Ok(Cmd::Interactive { seed, scenario }) => interactive(seed, &scenario),
        Err(msg) => {
            eprint!("obsim: {msg}\n{USAGE}");
            std::process::exit(2);
        }
    }
}

enum Cmd {
    Run {
        file: String,
        seed: u64,
        scenario: String,
    },
    Replay {
        link: String,
        state_hash: bool,
    },
    Interactive {
        seed: u64,
        scenario: String,
    },
}

fn parse_args(args: &[String]) -> Result<Cmd, String> {
    let mut seed = DEFAULT_SEED;
    let mut scenario = obsim::scenario::DEFAULT.to_string();
    let mut positional = Vec::new();
    let mut state_hash = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--seed" => {
                let v = it.next().ok_or("--seed needs a value")?;
                seed = v.parse().map_err(|_| format!("invalid seed '{v}'"))?;
            }
            "--scenario" => {
                let v = it.next().ok_or("--scenario needs a value")?;
                scenario = obsim::scenario::find(v)?.name.to_string();
            }
            "--state-hash" => state_hash = true,
            "-h" | "--help" => return Err("help".into()),
            s if s.starts_with("--") => return Err(format!("unknown option '{s}'")),
            s => positional.push(s.to_string()),
        }
    }
    match positional.as_slice() {
        [] => Ok(Cmd::Interactive { seed, scenario }),
        [cmd, file] if cmd == "run" => Ok(Cmd::Run {
            file: file.clone(),
            seed,
            scenario,
        }),
        [cmd] if cmd == "run" => Err("run needs a FILE".into()),
        [cmd, link] if cmd == "replay" => Ok(Cmd::Replay {
            link: link.clone(),
            state_hash,
        }),
        [cmd] if cmd == "replay" => Err("replay needs a LINK".into()),
        _ => Err(format!("unexpected arguments: {}", positional.join(" "))),
    }
}

fn read_input(file: &str) -> Result<String, String> {
    let mut text = String::new();
    let read = if file == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(file).map(|t| text = t)
    };
    read.map(|()| text)
        .map_err(|e| format!("cannot read {file}: {e}"))
}

fn run_file(file: &str, seed: u64, scenario: &str) -> i32 {
    let text = match read_input(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("obsim: {e}");
            return 2;
        }
    };
    let mut shell = match Shell::for_script(seed, &text) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("obsim: the script cannot run: {e}");
            return 2;
        }
    };
    let mode = shell.mode();
    let mut entries = match obsim::replay::start_scenario(&mut shell, scenario) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("obsim: {e}");
            return 2;
        }
    };
    entries.extend(shell.run_to_end(&text));
    // Each entry carries the prompt it was typed at, so mode changes after `connect` render right.
    let out = transcript(&entries, mode);
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(out.as_bytes());
    0
}

/// `obsim replay`: the same session a share link opens in the browser, replayed natively.
fn replay(link: &str, state_hash: bool) -> i32 {
    // A link, a fragment or a bare payload; or a file (or stdin) holding one.
    let looks_like_link = link.contains("#s=") || link.starts_with("s=");
    let text = if looks_like_link || std::path::Path::new(link).is_file() || link == "-" {
        if looks_like_link {
            link.to_string()
        } else {
            match read_input(link) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("obsim: {e}");
                    return 2;
                }
            }
        }
    } else {
        link.to_string()
    };
    let text = text.trim();
    let payload = text.rsplit_once("#s=").map_or(text, |(_, p)| p);
    let payload = payload.strip_prefix("s=").unwrap_or(payload);
    let payload = payload.split('&').next().unwrap_or_default();
    let result = obsim::share::decode(payload).and_then(|log| obsim::replay::replay(&log));
    let (shell, entries) = match result {
        Ok(r) => r,
        Err(e) => {
            eprintln!("obsim: this session cannot be replayed: {e}");
            return 2;
        }
    };
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(transcript(&entries, shell.mode()).as_bytes());
    if state_hash {
        let _ = writeln!(stdout, "state_hash: {:016x}", shell.cluster.state_hash());
    }
    0
}

fn interactive(seed: u64, scenario: &str) {
    let (mut shell, prelude) = match obsim::replay::start(seed, scenario) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("obsim: {e}");
            std::process::exit(2);
        }
    };
    print!(
        "{}",
        obsim::obclient::welcome_banner(
            shell.session.connection_id,
            &obsim::obclient::server_version_comment(shell.cluster.version())
        )
    );
    print!("{}", transcript(&prelude, shell.mode()));
    let stdin = std::io::stdin();
    let mut buffer = String::new();
    loop {
        let prompt = if buffer.is_empty() {
            shell.prompt()
        } else {
            obsim::obclient::continuation_prompt(&buffer, shell.mode()).to_string()
        };
        print!("{prompt}");
        let _ = std::io::stdout().flush();
        let mut line = String::new();
        match stdin.lock().read_line(&mut line) {
            Ok(0) | Err(_) => {
                println!("Bye");
                return;
            }
            Ok(_) => {}
        }
        buffer.push_str(&line);
        let (entries, rest) = shell.run(&buffer);
        for e in &entries {
            print!("{}", e.output);
            match &e.hint {
                // obclient ends here (the page, which cannot, says so instead).
                Some(Hint::CannotExit) => return,
                Some(h) => eprintln!("-- {}", hint_text(h)),
                None => {}
            }
        }
        buffer = if rest.is_empty() {
            String::new()
        } else {
            format!("{rest}\n")
        };
    }
}

/// A hint in words, printed to stderr under the output (never part of the transcript).
fn hint_text(h: &Hint) -> String {
    match h {
        Hint::ArchivePending { tenants } => format!(
            "obsim: the archive of {} is not DOING yet; let simulated time pass (SELECT SLEEP(5);) and try again",
            tenants.join(", ")
        ),
        Hint::ArchiveOff { tenants } => format!(
            "obsim: log archiving is off for {}; run ALTER SYSTEM ARCHIVELOG first",
            tenants.join(", ")
        ),
        Hint::AcceptedForm { statement } => {
            format!("obsim: OceanBase accepts this clause order: {statement}")
        }
        Hint::CannotExit => "Bye".into(),
    }
}
