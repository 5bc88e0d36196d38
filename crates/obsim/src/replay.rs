//! Sessions started and rebuilt: a scenario's prelude on a fresh cluster, then (for a replay)
//! the log's commands at their times. Above both `shell` and `scenario`, so neither needs the
//! other: the shell runs text, a scenario is data that runs through a shell, and this module
//! puts them together.

use crate::scenario;
use crate::session_log::{ClusterOptions, SESSION_LOG_VERSION, SessionLog, reads_version};
use crate::shell::{Entry, Shell};

/// A fresh cluster of `seed` with the scenario's prelude run, and the prelude's transcript. An
/// unknown scenario is an error.
pub fn start(seed: u64, scenario: &str) -> Result<(Shell, Vec<Entry>), String> {
    start_with(seed, ClusterOptions::default(), scenario)
}

/// [`start`] on a cluster built with `options` (recorded in the log).
pub fn start_with(
    seed: u64,
    options: ClusterOptions,
    scenario: &str,
) -> Result<(Shell, Vec<Entry>), String> {
    let mut shell = Shell::with_options(seed, options);
    let entries = start_scenario(&mut shell, scenario)?;
    Ok((shell, entries))
}

/// Runs a scenario's prelude on `shell`, which must be new (nothing run yet), and returns the
/// prelude's transcript.
pub fn start_scenario(shell: &mut Shell, name: &str) -> Result<Vec<Entry>, String> {
    let preset = scenario::find(name)?;
    if !shell.is_new() {
        return Err("a scenario can only start a new session".into());
    }
    let entries = preset.apply(shell);
    shell.set_scenario(preset.name);
    shell.set_prelude_len(entries.len());
    Ok(entries)
}

/// Rebuilds a shell from its log: same transcript (the scenario's prelude first), same state.
/// A log outside the limits, of another version or of an unknown scenario is an error.
pub fn replay(log: &SessionLog) -> Result<(Shell, Vec<Entry>), String> {
    crate::limits::check_log(log)?;
    if !reads_version(log.version) {
        return Err(format!(
            "session log version {} (this version reads 1 to {SESSION_LOG_VERSION})",
            log.version
        ));
    }
    let options = log.cluster_options();
    let (mut shell, mut entries) = start_with(log.seed, options, &log.scenario)?;
    // The workload is applied when something reads the blocks, not at every command.
    shell.cluster.defer_workload = true;
    for c in &log.commands {
        shell.cluster.run_until(c.at);
        match &c.fault {
            Some(f) => shell.apply_fault(f),
            None => entries.extend(shell.run(&c.text).0),
        }
    }
    shell.cluster.run_until(log.end_at);
    shell.cluster.defer_workload = false;
    shell.cluster.sync_all_storage();
    Ok((shell, entries))
}
