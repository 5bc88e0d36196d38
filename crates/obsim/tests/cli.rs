//! The `obsim` command as a user runs it: inputs that once crashed it, limits it must refuse
//! with a sentence (exit 2), and long sessions it must replay.

use obsim::session_log::{Command, SESSION_LOG_VERSION, SessionLog};
use obsim::sim::{DAY, EPOCH_MICROS};
use std::io::Write;
use std::process::{Command as Process, Stdio};

/// Runs `obsim` with `args`, `stdin` as its input; returns (exit code, stdout, stderr).
fn obsim(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Process::new(env!("CARGO_BIN_EXE_obsim"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("obsim starts");
    if let Some(mut input) = child.stdin.take() {
        input.write_all(stdin.as_bytes()).expect("stdin");
    }
    let out = child.wait_with_output().expect("obsim ends");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn text_after_a_statement_never_crashes_the_command() {
    for input in [
        "SELECT 1;é\n",
        "obclient -h127.0.0.1 -P2881 -uroot@mysql_tenant -p\nSELECT 1;中文\n",
        "SELECT 'é';\u{feff}SELECT 2;\n",
    ] {
        let (code, out, err) = obsim(&["run", "-"], input);
        assert_eq!(code, 0, "{input:?}: {err}");
        assert!(out.contains("1 row in set"), "{input:?}: {out}");
    }
}

#[test]
fn options_beyond_the_limits_are_refused_with_a_sentence() {
    let (code, out, err) = obsim(&["run", "-"], "-- obsim: workload=4000000000\nSELECT 1;\n");
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("4000000000 writes a second") && err.contains("0 to 10000"),
        "{err}"
    );
    let (code, _, err) = obsim(&["run", "-"], "-- obsim: blocks=2000000\nSELECT 1;\n");
    assert_eq!(code, 2);
    assert!(err.contains("1 to 1000000"), "{err}");
}

fn link(days: u64, sleeps: u64) -> String {
    let log = SessionLog {
        version: SESSION_LOG_VERSION,
        seed: 42,
        scenario: "ready".into(),
        commands: (0..sleeps)
            .map(|i| Command {
                at: EPOCH_MICROS + i,
                text: "SELECT SLEEP(86400);".into(),
                fault: None,
            })
            .collect(),
        end_at: EPOCH_MICROS + days * DAY,
        options: None,
    };
    format!(
        "https://example.org/obplay/#s={}",
        obsim::share::encode(&log).expect("within the limits")
    )
}

#[test]
fn long_sessions_replay_and_too_long_ones_are_refused() {
    // 45 simulated days, most of them slept inside statements stamped at the start.
    let (code, out, err) = obsim(&["replay", &link(45, 44), "--state-hash"], "");
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.matches("SELECT SLEEP(86400);").count(), 44);
    assert!(
        out.lines()
            .last()
            .unwrap_or_default()
            .starts_with("state_hash: ")
    );
    // SLEEP cannot carry a session past the time limit: the 100th day's sleeps take no time.
    let (code, out, _) = obsim(&["replay", &link(1, 100)], "");
    assert_eq!(code, 0);
    assert!(out.matches("(1 day").count() <= 90, "{out}");
    // A damaged link says so.
    let (code, _, err) = obsim(&["replay", "#s=AQEqBWZyZXNo"], "");
    assert_eq!(code, 2);
    assert!(err.contains("cannot be replayed"), "{err}");
}
