//! Scenarios: the states a session can start from (a fresh cluster, one ready for backup, a busy
//! one, one just after a failure).
//!
//! A scenario is a deterministic prelude run through the shell as `root@sys` on a fresh cluster
//! of the session's seed: statements (echoed into the transcript, so the user sees how the state
//! was reached), simulated time (`SELECT SLEEP(n)`, also visible) and faults (as the Faults panel
//! injects them). The prelude is not part of the session's command log: a `SessionLog` names its
//! scenario and `replay::replay` runs the prelude again before the log's own commands, so logs
//! stay small and replay identically.

use crate::session_log::Fault;
use crate::shell::{Entry, Shell};

/// One step of a prelude.
enum Step {
    /// Text typed at the console (statements and login lines, one per line).
    Sql(&'static str),
    /// The destination root fills up (the Faults panel's "Fill up").
    DestFull(&'static str),
}

/// A preset a session can start from.
pub struct Scenario {
    /// The name used in session logs, share links and the `scenario=` embed parameter.
    pub name: &'static str,
    /// A short title for pickers.
    pub title: &'static str,
    /// One or two sentences on what the prelude did and what to try next.
    pub summary: &'static str,
    steps: &'static [Step],
}

/// Both user tenants get an archive and a data destination, then archiving starts; the archive
/// rounds are DOING after the pause.
const READY: &str = "\
ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///data/backup/archive/mysql_tenant' TENANT = mysql_tenant;
ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///data/backup/archive/oracle_tenant' TENANT = oracle_tenant;
ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///data/backup/data/mysql_tenant' TENANT = mysql_tenant;
ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///data/backup/data/oracle_tenant' TENANT = oracle_tenant;
ALTER SYSTEM ARCHIVELOG;
SELECT SLEEP(10);
SELECT TENANT_ID, DEST_ID, ROUND_ID, STATUS FROM CDB_OB_ARCHIVELOG;
";

/// User data in mysql_tenant, then a full backup of every tenant that is still running.
const BUSY: &str = "\
connect root@mysql_tenant
CREATE DATABASE shop;
CREATE TABLE shop.orders (id INT PRIMARY KEY, customer VARCHAR(40), amount DECIMAL(10,2));
INSERT INTO shop.orders VALUES (1, 'Ada', 10.00), (2, 'Grace', 20.00), (3, 'Linus', 30.00);
connect root@sys
ALTER SYSTEM BACKUP DATABASE;
SELECT SLEEP(20);
SELECT TENANT_ID, JOB_ID, BACKUP_TYPE, JOB_LEVEL, STATUS FROM CDB_OB_BACKUP_JOBS ORDER BY TENANT_ID;
";

/// The mysql_tenant data destination of `READY`.
const MYSQL_DATA_DEST: &str = "file:///data/backup/data/mysql_tenant";

const FAILURE_START: &str = "\
ALTER SYSTEM BACKUP TENANT = mysql_tenant;
SELECT SLEEP(5);
";

const FAILURE_END: &str = "\
SELECT SLEEP(30);
SELECT TENANT_ID, JOB_ID, JOB_LEVEL, STATUS, RESULT, COMMENT FROM CDB_OB_BACKUP_JOB_HISTORY ORDER BY TENANT_ID;
";

/// The restore drill's challenge (issue 14): rows, a backup of mysql_tenant, two more rows
/// (only the archive log has them), and a minute later a DELETE of every row; then a minute.
const DELETED: &str = "\
connect root@mysql_tenant
CREATE DATABASE shop;
CREATE TABLE shop.orders (id INT PRIMARY KEY, customer VARCHAR(40), amount DECIMAL(10,2));
INSERT INTO shop.orders VALUES (1, 'Ada', 10.00), (2, 'Grace', 20.00), (3, 'Linus', 30.00);
connect root@sys
ALTER SYSTEM BACKUP TENANT = mysql_tenant;
SELECT SLEEP(180);
connect root@mysql_tenant
INSERT INTO shop.orders VALUES (4, 'Barbara', 40.00), (5, 'Edsger', 50.00);
SELECT NOW();
SELECT SLEEP(60);
DELETE FROM shop.orders;
SELECT NOW();
SELECT SLEEP(60);
connect root@sys
";

/// Every scenario, the default (`fresh`) first.
pub const SCENARIOS: &[Scenario] = &[
    Scenario {
        name: "fresh",
        title: "Fresh cluster",
        summary: "A new cluster: sys, mysql_tenant and oracle_tenant, no destinations, log \
                  archiving off.",
        steps: &[],
    },
    Scenario {
        name: "ready",
        title: "Ready for backup",
        summary: "Archive and data destinations are set for both user tenants and log archiving \
                  is DOING: ALTER SYSTEM BACKUP DATABASE works right away.",
        steps: &[Step::Sql(READY)],
    },
    Scenario {
        name: "busy",
        title: "Busy cluster",
        summary: "Ready for backup, with rows in shop.orders of mysql_tenant, the background \
                  workload writing, and a full backup of every tenant running: press Play to \
                  watch it.",
        steps: &[Step::Sql(READY), Step::Sql(BUSY)],
    },
    Scenario {
        name: "failure",
        title: "After a failure",
        summary: "A backup of mysql_tenant failed because its data destination filled up \
                  mid-copy (still full: see the Faults panel). Free the space and try again.",
        steps: &[
            Step::Sql(READY),
            Step::Sql(FAILURE_START),
            Step::DestFull(MYSQL_DATA_DEST),
            Step::Sql(FAILURE_END),
        ],
    },
    Scenario {
        name: "deleted",
        title: "Deleted rows",
        summary: "A minute ago someone ran DELETE FROM shop.orders in mysql_tenant. There is a \
                  full backup and the archive log: get the rows back in a restored tenant.",
        steps: &[Step::Sql(READY), Step::Sql(DELETED)],
    },
];

/// The scenario a session starts from when none is named.
pub const DEFAULT: &str = "fresh";

/// The scenario called `name` (ASCII case is ignored).
pub fn find(name: &str) -> Result<&'static Scenario, String> {
    SCENARIOS
        .iter()
        .find(|s| s.name.eq_ignore_ascii_case(name.trim()))
        .ok_or_else(|| {
            let known: Vec<&str> = SCENARIOS.iter().map(|s| s.name).collect();
            let shown: String = name.chars().take(40).collect();
            format!("unknown scenario '{shown}' (known: {})", known.join(", "))
        })
}

impl Scenario {
    /// Runs the prelude on `shell` (a fresh cluster) and returns its transcript. The prelude's
    /// own commands are then dropped from the shell's command log.
    pub(crate) fn apply(&self, shell: &mut Shell) -> Vec<Entry> {
        let mut entries = Vec::new();
        for step in self.steps {
            match step {
                Step::Sql(text) => entries.extend(shell.run(text).0),
                Step::DestFull(path) => shell.inject(Fault::DestFull {
                    path: (*path).to_string(),
                    on: true,
                }),
            }
        }
        shell.commands.clear();
        entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CompatMode;
    use crate::session_log::SessionLog;
    use crate::shell::transcript;

    fn out(entries: &[Entry]) -> String {
        transcript(entries, CompatMode::MySql)
    }

    fn no_errors(entries: &[Entry]) {
        for e in entries {
            assert!(!e.is_error, "{}{}", e.input, e.output);
        }
    }

    #[test]
    fn fresh_is_a_new_cluster_with_an_empty_transcript() {
        let (shell, entries) = crate::replay::start(7, "fresh").unwrap();
        assert!(entries.is_empty());
        assert!(shell.commands.is_empty());
        assert_eq!(
            shell.cluster.state_hash(),
            Shell::new(7).cluster.state_hash()
        );
        assert_eq!(shell.scenario(), "fresh");
    }

    #[test]
    fn ready_sets_both_destinations_and_archiving_is_doing() {
        let (mut shell, entries) = crate::replay::start(7, "ready").unwrap();
        no_errors(&entries);
        assert!(out(&entries).contains("ALTER SYSTEM ARCHIVELOG;"));
        for t in [1002, 1004] {
            assert!(shell.cluster.archive.get(&t).is_some_and(|a| a.is_doing()));
            assert!(
                shell
                    .cluster
                    .tenant_backup(t)
                    .is_some_and(|b| b.data_dest.is_some())
            );
        }
        // The log holds nothing of the prelude, and the user is root@sys.
        assert!(shell.commands.is_empty());
        assert_eq!(shell.prompt(), "obclient(root@sys)[oceanbase]> ");
        let (e, _) = shell.run("ALTER SYSTEM BACKUP DATABASE;\n");
        assert!(e[0].output.starts_with("Query OK"), "{}", e[0].output);
    }

    #[test]
    fn busy_has_user_rows_and_a_running_full_backup_of_every_tenant() {
        let (mut shell, entries) = crate::replay::start(7, "busy").unwrap();
        no_errors(&entries);
        let text = out(&entries);
        assert!(text.contains("| USER_TENANT | DOING"), "{text}");
        let (e, _) = shell.run("SELECT COUNT(*) FROM CDB_OB_BACKUP_JOBS;\n");
        assert!(e[0].output.contains("|        3 |"), "{}", e[0].output);
        let (e, _) = shell.run("connect root@mysql_tenant\nSELECT COUNT(*) FROM shop.orders;\n");
        assert!(e[1].output.contains("|        3 |"), "{}", e[1].output);
        // The running backup finishes when time passes.
        shell.cluster.advance(30 * crate::sim::MINUTE);
        let (e, _) = shell.run("SELECT STATUS FROM DBA_OB_BACKUP_JOB_HISTORY;\n");
        assert!(e[0].output.contains("COMPLETED"), "{}", e[0].output);
    }

    #[test]
    fn failure_shows_a_failed_job_and_the_destination_still_full() {
        let (mut shell, entries) = crate::replay::start(7, "failure").unwrap();
        let text = out(&entries);
        assert!(text.contains("FAILED"), "{text}");
        assert!(shell.cluster.medium.is_full(MYSQL_DATA_DEST));
        assert!(
            shell.commands.is_empty(),
            "the prelude's fault is not logged"
        );
        // Freeing the space lets a new backup of the tenant succeed.
        shell.inject(Fault::DestFull {
            path: MYSQL_DATA_DEST.into(),
            on: false,
        });
        let (e, _) = shell.run("ALTER SYSTEM BACKUP TENANT = mysql_tenant;\n");
        assert!(e[0].output.starts_with("Query OK"), "{}", e[0].output);
        shell.cluster.advance(30 * crate::sim::MINUTE);
        let (e, _) = shell.run(
            "SELECT JOB_ID, STATUS FROM CDB_OB_BACKUP_JOB_HISTORY WHERE TENANT_ID = 1002 ORDER BY JOB_ID;\n",
        );
        assert!(e[0].output.contains("FAILED"), "{}", e[0].output);
        assert!(e[0].output.contains("COMPLETED"), "{}", e[0].output);
    }

    #[test]
    fn every_scenario_replays_to_the_same_transcript_and_state() {
        for s in SCENARIOS {
            let (mut shell, mut entries) = crate::replay::start(11, s.name).unwrap();
            entries.extend(
                shell
                    .run("SELECT SLEEP(3);\nSELECT COUNT(*) FROM CDB_OB_BACKUP_JOBS;\n")
                    .0,
            );
            shell.cluster.advance(2_000_000);
            let log = shell.log();
            assert_eq!(log.scenario, s.name);
            assert_eq!(log.commands.len(), 1, "only the user's command is logged");
            let (again, replayed) = crate::replay::replay(&log).unwrap();
            assert_eq!(out(&replayed), out(&entries), "{}", s.name);
            assert_eq!(
                again.cluster.state_hash(),
                shell.cluster.state_hash(),
                "{}",
                s.name
            );
        }
    }

    #[test]
    fn scenarios_depend_on_the_seed_only() {
        let a = crate::replay::start(3, "busy").unwrap();
        let b = crate::replay::start(3, "busy").unwrap();
        assert_eq!(a.0.cluster.state_hash(), b.0.cluster.state_hash());
        assert_eq!(out(&a.1), out(&b.1));
    }

    #[test]
    fn unknown_scenarios_are_an_error_not_a_panic() {
        let e = crate::replay::start(1, "nosuch").err().unwrap();
        assert!(e.contains("unknown scenario 'nosuch'"), "{e}");
        assert!(e.contains("fresh, ready, busy, failure, deleted"), "{e}");
        let log = SessionLog {
            version: crate::session_log::SESSION_LOG_VERSION,
            seed: 1,
            scenario: "x".repeat(10_000),
            commands: Vec::new(),
            end_at: 0,
            options: None,
        };
        let e = crate::replay::replay(&log).err().unwrap();
        assert!(e.len() < 200, "the message stays short");
        assert!(find("BUSY").is_ok(), "names ignore case");
    }
}
