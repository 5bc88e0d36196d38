//! Golden transcripts: every `tests/sql/*.sql` runs through the shell (as `obsim run` does) and
//! must print exactly its `.out` file. After a deliberate change, regenerate with
//! `OBSIM_BLESS=1 cargo test -p obsim --test golden` and review the diff by eye.

use obsim::shell::{Shell, transcript};
use std::path::Path;

const SEED: u64 = 42;

#[test]
fn golden_transcripts() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sql");
    let bless = std::env::var_os("OBSIM_BLESS").is_some();
    let mut scripts: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/sql exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "sql"))
        .collect();
    scripts.sort();
    assert!(!scripts.is_empty(), "no golden scripts found");
    let mut failures = Vec::new();
    for script in &scripts {
        let sql = std::fs::read_to_string(script).expect("readable script");
        let mut shell =
            Shell::for_script(SEED, &sql).expect("the script's options are within the limits");
        let mode = shell.mode();
        let got = transcript(&shell.run_to_end(&sql), mode);
        let out = script.with_extension("out");
        if bless {
            std::fs::write(&out, &got).expect("writable .out");
            continue;
        }
        let want = std::fs::read_to_string(&out).unwrap_or_default();
        if got != want {
            let line = got
                .lines()
                .zip(want.lines())
                .position(|(a, b)| a != b)
                .map_or(0, |i| i + 1);
            failures.push(format!(
                "{} differs from its .out (first difference at line {line})",
                script.display()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\nregenerate with OBSIM_BLESS=1 if the change is intended",
        failures.join("\n")
    );
}
