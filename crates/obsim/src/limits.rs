//! The one set of limits on a session, applied wherever a session comes from: share links, the
//! browser's save, embed parameters, scripts and logs given to the `obsim` command.
//!
//! They keep every allowed session loadable in about a second (BENCHMARKS.md has the worst
//! cases measured) and its memory small, and they are checked before anything is built, so a
//! link or save that asks for more gets a sentence saying what and how much, never a crash.
//! Simulated time itself stops at [`MAX_SPAN`] (`Cluster::run_until`), so time that `SLEEP`
//! adds inside statements can never carry a session past it either.

use crate::session_log::{ClusterOptions, SessionLog};
use crate::sim::{DAY, EPOCH_MICROS, Micros};

/// Macroblocks per user tenant.
pub const MAX_MACRO_BLOCKS: u32 = 1_000_000;
/// Background workload, writes per second per tenant.
pub const MAX_WORKLOAD_RATE: u32 = 10_000;
/// Simulated time a session covers: the clock stops there.
pub const MAX_SPAN: Micros = 90 * DAY;
/// The session's time limit in days, for messages.
pub const MAX_SPAN_DAYS: u64 = MAX_SPAN / DAY;
/// Statements (and faults) in a session.
pub const MAX_COMMANDS: usize = 100_000;
/// Bytes of statement text in a session (one bulk INSERT of about 150,000 rows).
pub const MAX_TEXT_BYTES: usize = 4 << 20;

/// The latest moment of simulated time a session can reach.
pub const fn horizon() -> Micros {
    EPOCH_MICROS + MAX_SPAN
}

/// `options` kept within the limits (callers check first and say why; this only makes sure no
/// path can build a cluster outside them).
pub fn clamp_options(options: ClusterOptions) -> ClusterOptions {
    ClusterOptions {
        macro_blocks_per_tenant: options.macro_blocks_per_tenant.clamp(1, MAX_MACRO_BLOCKS),
        workload_rate: options.workload_rate.min(MAX_WORKLOAD_RATE),
    }
}

/// Whether cluster options are within the limits; the error says which one is not.
pub fn check_options(options: &ClusterOptions) -> Result<(), String> {
    let blocks = options.macro_blocks_per_tenant;
    if !(1..=MAX_MACRO_BLOCKS).contains(&blocks) {
        return Err(format!(
            "the session asks for {blocks} macroblocks per tenant; the playground allows 1 to {MAX_MACRO_BLOCKS}"
        ));
    }
    let rate = options.workload_rate;
    if rate > MAX_WORKLOAD_RATE {
        return Err(format!(
            "the session asks for a background workload of {rate} writes a second; the playground allows 0 to {MAX_WORKLOAD_RATE}"
        ));
    }
    Ok(())
}

/// Whether a session log is within the limits (its options, its length in simulated time, its
/// number of statements and their size); the error says which one is not.
pub fn check_log(log: &SessionLog) -> Result<(), String> {
    if let Some(o) = &log.options {
        check_options(o)?;
    }
    for c in &log.commands {
        if let Some(crate::session_log::Fault::Workload { rate }) = c.fault {
            check_options(&ClusterOptions {
                workload_rate: rate,
                ..ClusterOptions::default()
            })?;
        }
    }
    let last = log.commands.iter().map(|c| c.at).max().unwrap_or(0);
    if last.max(log.end_at) > horizon() {
        return Err(format!(
            "the session covers more than {MAX_SPAN_DAYS} days of simulated time, the longest a session may run"
        ));
    }
    if log.commands.len() > MAX_COMMANDS {
        return Err(format!(
            "the session holds {} statements; a session may hold {MAX_COMMANDS}",
            log.commands.len()
        ));
    }
    let bytes: usize = log.commands.iter().map(|c| c.text.len()).sum();
    if bytes > MAX_TEXT_BYTES {
        return Err(format!(
            "the session's statements take {} MB; a session may take {} MB",
            bytes.div_ceil(1 << 20),
            MAX_TEXT_BYTES >> 20
        ));
    }
    Ok(())
}

/// Whether `more` bytes of statement text still fit in a session that holds `commands`
/// statements of `bytes` bytes (the console refuses a statement that would not).
pub fn check_addition(commands: usize, bytes: usize, more: usize) -> Result<(), String> {
    if commands >= MAX_COMMANDS {
        return Err(format!(
            "This session already holds {MAX_COMMANDS} statements, the most a session may hold. Start a new session to go on."
        ));
    }
    if bytes + more > MAX_TEXT_BYTES {
        return Err(format!(
            "This statement would take the session past {} MB of statements, the most a session may hold. Start a new session, or split the data.",
            MAX_TEXT_BYTES >> 20
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session_log::{Command, SESSION_LOG_VERSION};

    fn log(commands: Vec<Command>, end_at: Micros, options: Option<ClusterOptions>) -> SessionLog {
        SessionLog {
            version: SESSION_LOG_VERSION,
            seed: 1,
            scenario: "fresh".into(),
            commands,
            end_at,
            options,
        }
    }

    fn cmd(at: Micros, text: &str) -> Command {
        Command {
            at,
            text: text.into(),
            fault: None,
        }
    }

    #[test]
    fn options_outside_the_limits_say_which_and_how_much() {
        let ok = ClusterOptions::default();
        assert_eq!(check_options(&ok), Ok(()));
        let heavy = ClusterOptions {
            workload_rate: 4_000_000_000,
            ..ok.clone()
        };
        assert!(
            check_options(&heavy)
                .unwrap_err()
                .contains("4000000000 writes a second")
        );
        let huge = ClusterOptions {
            macro_blocks_per_tenant: 1_000_001,
            ..ok.clone()
        };
        assert!(check_options(&huge).unwrap_err().contains("1 to 1000000"));
        let none = ClusterOptions {
            macro_blocks_per_tenant: 0,
            ..ok
        };
        assert!(check_options(&none).is_err());
    }

    #[test]
    fn logs_are_checked_for_time_count_and_size() {
        let day = |d: u64| EPOCH_MICROS + d * DAY;
        assert_eq!(
            check_log(&log(vec![cmd(day(1), "SELECT 1;")], day(89), None)),
            Ok(())
        );
        assert!(
            check_log(&log(vec![], day(91), None))
                .unwrap_err()
                .contains("90 days")
        );
        assert!(check_log(&log(vec![cmd(day(95), "SELECT 1;")], day(1), None)).is_err());
        let many = vec![cmd(day(0), "SELECT 1;"); MAX_COMMANDS + 1];
        assert!(
            check_log(&log(many, day(0), None))
                .unwrap_err()
                .contains("100000")
        );
        let big = vec![cmd(day(0), &"x".repeat(MAX_TEXT_BYTES + 1))];
        assert!(
            check_log(&log(big, day(0), None))
                .unwrap_err()
                .contains("4 MB")
        );
        let heavy = ClusterOptions {
            workload_rate: MAX_WORKLOAD_RATE + 1,
            ..ClusterOptions::default()
        };
        assert!(check_log(&log(vec![], day(0), Some(heavy))).is_err());
    }

    #[test]
    fn the_console_refuses_what_would_not_fit() {
        assert_eq!(check_addition(10, 100, 100), Ok(()));
        assert!(check_addition(MAX_COMMANDS, 0, 1).is_err());
        assert!(check_addition(1, MAX_TEXT_BYTES, 1).is_err());
    }
}
