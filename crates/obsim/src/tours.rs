//! Guided tours: the procedures of the backup docs (initiate a full backup from sys and from a
//! user tenant, with and without PLUS ARCHIVELOG and a password; initiate an incremental backup
//! including the automatic INC→FULL conversion; cancel a backup) as steps a page walks through.
//!
//! Tours are data. A step runs text in the console (statements or a login line) and may first let
//! simulated time pass until a condition holds ([`Until`], checked once per simulated second, so a
//! tour ends in the same state whatever the real-time pacing). `points_at` names the UI regions
//! that show what the step changed; the page marks them with `data-tour="<name>"`.

use crate::backup::{JobLevel, JobStatus};
use crate::cluster::Cluster;
use crate::sim::{Micros, SECOND};

/// A region of the page a step points at (its `data-tour` attribute).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Region {
    Console,
    Tenants,
    Jobs,
    History,
    Sets,
    Blocks,
    /// The restore drill's timeline of a tenant's rounds, pieces, sets and window.
    Timeline,
    /// The restore panel: a restore job's progress and the new tenant's stage.
    Restore,
}

impl Region {
    pub fn as_str(self) -> &'static str {
        match self {
            Region::Console => "console",
            Region::Tenants => "tenants",
            Region::Jobs => "jobs",
            Region::History => "history",
            Region::Sets => "sets",
            Region::Blocks => "blocks",
            Region::Timeline => "timeline",
            Region::Restore => "restore",
        }
    }
}

/// A condition a step waits for before it runs its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Until {
    /// Every tenant in ARCHIVELOG mode has its archive round DOING.
    ArchiveDoing,
    /// Every running tenant backup job is copying macroblocks (its set task has copied some).
    Copying,
    /// No backup job is running in any tenant.
    BackupsDone,
    /// The simulated clock has reached this many µs after the simulation's start (a tour that
    /// names a moment, as a UNTIL TIME does, waits for it).
    At(Micros),
    /// Every user tenant with a successful backup set can be restored to some point: its
    /// archive checkpoint has passed the set's MIN_RESTORE_SCN (the window is open).
    WindowOpen,
    /// No restore job is running.
    RestoresDone,
}

impl Until {
    /// What the page says it waits for.
    pub fn describe(self) -> &'static str {
        match self {
            Until::ArchiveDoing => "the archive rounds are DOING",
            Until::Copying => "the jobs are copying macroblocks",
            Until::BackupsDone => "no backup job is running",
            Until::At(_) => "the clock reaches the step's moment",
            Until::WindowOpen => "the archive log has passed the newest backup set",
            Until::RestoresDone => "no restore job is running",
        }
    }

    /// Simulated seconds per real second a page plays while it waits: fast while nothing is
    /// there to watch (an archive round starting), slow enough to see blocks travel while a
    /// backup copies.
    pub fn pace(self) -> u64 {
        match self {
            Until::ArchiveDoing | Until::At(_) | Until::WindowOpen => 60,
            Until::Copying | Until::BackupsDone | Until::RestoresDone => 15,
        }
    }

    pub fn holds(self, c: &Cluster) -> bool {
        match self {
            Until::ArchiveDoing => c
                .archive
                .values()
                .filter(|a| a.log_mode == crate::archive::LogMode::ArchiveLog)
                .all(|a| a.is_doing()),
            Until::Copying => {
                let mut user_jobs = 0;
                for b in c.backup.values() {
                    for j in &b.jobs {
                        match j.job_level {
                            JobLevel::Cluster if j.status != JobStatus::Doing => return false,
                            JobLevel::Cluster => {}
                            JobLevel::UserTenant => {
                                user_jobs += 1;
                                let copying = b.tasks.iter().any(|t| {
                                    t.job_id == j.job_id && t.copy.finish_macro_block_count > 0
                                });
                                if !copying {
                                    return false;
                                }
                            }
                        }
                    }
                }
                user_jobs > 0
            }
            Until::BackupsDone => c.backup.values().all(|b| b.jobs.is_empty()),
            Until::At(offset) => c.now() >= crate::sim::EPOCH_MICROS + offset,
            Until::WindowOpen => c.user_tenants().all(|t| {
                let has_set = c.tenant_backup(t.id).is_some_and(|b| {
                    b.sets
                        .iter()
                        .any(|s| s.status == crate::backup::SetStatus::Success)
                });
                !has_set
                    || c.restore_windows(t.id)
                        .iter()
                        .any(|w| !w.intervals.is_empty())
            }),
            Until::RestoresDone => c.restore.jobs.is_empty(),
        }
    }
}

/// Lets simulated time pass one second at a time, at most `budget`, until `until` holds.
/// Returns whether it holds; the caller calls again to wait longer (the page does, once per
/// animation tick, so the user sees the dashboards move).
pub fn play_until(cluster: &mut Cluster, until: Until, budget: Micros) -> bool {
    let mut spent = 0;
    loop {
        if until.holds(cluster) {
            return true;
        }
        if spent >= budget {
            return false;
        }
        cluster.advance(SECOND);
        spent += SECOND;
    }
}

/// How much simulated time a step may wait before the page gives up (a tour never needs this
/// much; the user may have changed the cluster in between).
pub const WAIT_LIMIT: Micros = 2 * crate::sim::HOUR;

pub struct Step {
    pub title: &'static str,
    /// One or two sentences.
    pub text: &'static str,
    /// Waited for before `run`.
    pub until: Option<Until>,
    /// Typed into the console and run (empty: nothing to run).
    pub run: &'static str,
    pub points_at: &'static [Region],
    /// The doc page of this step, under `600.manage/600.backup-and-recovery/` of the OceanBase
    /// docs (the same numbered path in the `en-US` and `zh-CN` trees).
    pub doc: &'static str,
    /// The step shows an error on purpose (a restore outside the window, a missing password).
    pub expects_error: bool,
}

pub struct Tour {
    pub id: &'static str,
    pub title: &'static str,
    pub summary: &'static str,
    /// The background workload the tour's session runs with (writes per second per tenant).
    pub workload: u32,
    pub steps: &'static [&'static Step],
}

impl Tour {
    /// The options of the fresh cluster a tour starts from.
    pub fn options(&self) -> crate::session_log::ClusterOptions {
        crate::session_log::ClusterOptions {
            workload_rate: self.workload,
            ..Default::default()
        }
    }
}

use Region::*;

const fn step(
    title: &'static str,
    text: &'static str,
    until: Option<Until>,
    run: &'static str,
    points_at: &'static [Region],
    doc: &'static str,
) -> Step {
    Step {
        title,
        text,
        until,
        run,
        points_at,
        doc,
        expects_error: false,
    }
}

const PREPARE: &str = "400.data-backup/100.preparation-before-data-backup.md";
const ARCHIVE_ON: &str = "300.log-archive/300.open-the-log-archive-mode.md";
const ARCHIVE_PROGRESS: &str = "300.log-archive/600.view-log-archive-progress.md";
const FULL: &str = "400.data-backup/200.initiate-full-data-backup.md";
const INCREMENTAL_DOC: &str = "400.data-backup/300.initiate-incremental-data-backup.md";
const STOP: &str = "400.data-backup/400.stop-data-backup.md";
const PROGRESS: &str = "400.data-backup/500.view-data-backup-progress.md";
const HISTORY: &str = "400.data-backup/600.view-data-backup-history.md";

static SYS_DESTS: Step = step(
    "Set the destinations",
    "From sys, give each user tenant a log archive destination and a data backup destination.",
    None,
    "ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///backup/mysql/archive' TENANT = mysql_tenant;\n\
     ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///backup/mysql/data' TENANT = mysql_tenant;\n\
     ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///backup/oracle/archive' TENANT = oracle_tenant;\n\
     ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///backup/oracle/data' TENANT = oracle_tenant;",
    &[Console, Tenants],
    PREPARE,
);
static SYS_ARCHIVELOG: Step = step(
    "Turn on log archiving",
    "A data backup needs ARCHIVELOG mode. From sys without a tenant list, it switches every user tenant.",
    None,
    "ALTER SYSTEM ARCHIVELOG;",
    &[Tenants],
    ARCHIVE_ON,
);
static SYS_WAIT_ARCHIVE: Step = step(
    "Wait for DOING",
    "A backup can start only while the tenant's archive STATUS is DOING. Time passes until it is.",
    Some(Until::ArchiveDoing),
    "SELECT TENANT_ID, STATUS FROM CDB_OB_ARCHIVELOG;",
    &[Tenants, Console],
    ARCHIVE_PROGRESS,
);
static SYS_BACKUP_ALL: Step = step(
    "Back up every tenant",
    "From sys, BACKUP DATABASE starts a CLUSTER job, which starts a USER_TENANT job in each tenant.",
    None,
    "ALTER SYSTEM BACKUP DATABASE;",
    &[Jobs],
    FULL,
);
static SYS_WATCH: Step = step(
    "Watch the jobs",
    "Each tenant job copies its macroblocks into a new backup set at its destination.",
    Some(Until::Copying),
    "SELECT TENANT_ID, JOB_ID, JOB_LEVEL, STATUS FROM CDB_OB_BACKUP_JOBS;",
    &[Jobs, Blocks],
    PROGRESS,
);
static PASSWORD: Step = step(
    "Set a backup password",
    "The next sets of this session get ENCRYPTION_MODE PASSWORD: restoring them will need it. Reconnecting forgets it.",
    None,
    "SET ENCRYPTION ON IDENTIFIED BY 'obplay' ONLY;",
    &[Console],
    FULL,
);
static LOGIN: Step = step(
    "Log on to the tenant",
    "A tenant administrator can back up their own tenant without touching others.",
    None,
    "connect root@mysql_tenant",
    &[Console],
    FULL,
);
static USER_DESTS: Step = step(
    "Set the destinations",
    "In a user tenant, ALTER SYSTEM SET acts on the tenant itself.",
    None,
    "ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///backup/mysql/archive';\n\
     ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///backup/mysql/data';",
    &[Console, Tenants],
    PREPARE,
);
static USER_ARCHIVELOG: Step = step(
    "Turn on log archiving",
    "A data backup needs ARCHIVELOG mode; here it switches only this tenant.",
    None,
    "ALTER SYSTEM ARCHIVELOG;",
    &[Tenants],
    ARCHIVE_ON,
);
static USER_WAIT_ARCHIVE: Step = step(
    "Wait for DOING",
    "A backup can start only while the archive STATUS is DOING. Time passes until it is.",
    Some(Until::ArchiveDoing),
    "SELECT STATUS FROM DBA_OB_ARCHIVELOG;",
    &[Tenants, Console],
    ARCHIVE_PROGRESS,
);
static USER_BACKUP: Step = step(
    "Back up the tenant",
    "In a user tenant, BACKUP DATABASE backs up the current tenant.",
    None,
    "ALTER SYSTEM BACKUP DATABASE;",
    &[Jobs, Blocks],
    FULL,
);

static FULL_SYS: Tour = Tour {
    id: "full-sys",
    title: "Full backup from sys",
    summary: "Back up every tenant, then one tenant with a password and its archive log.",
    workload: crate::workload::LIGHT,
    steps: &[
        &SYS_DESTS,
        &SYS_ARCHIVELOG,
        &SYS_WAIT_ARCHIVE,
        &step(
            "Raise the concurrency",
            "Optional: ha_low_thread_score weighs the threads backups use (0 to 100, default 0). TENANT = all_user sets it in every user tenant.",
            None,
            "ALTER SYSTEM SET ha_low_thread_score = 10 TENANT = all_user;",
            &[Console],
            FULL,
        ),
        &SYS_BACKUP_ALL,
        &SYS_WATCH,
        &step(
            "Let it finish",
            "Finished jobs move to the history view; the CLUSTER job completes once its tenant jobs have.",
            Some(Until::BackupsDone),
            "SELECT TENANT_ID, JOB_ID, JOB_LEVEL, STATUS, RESULT FROM CDB_OB_BACKUP_JOB_HISTORY;",
            &[History, Sets, Blocks],
            HISTORY,
        ),
        &PASSWORD,
        &step(
            "Back up one tenant",
            "TENANT = limits the backup to mysql_tenant. PLUS ARCHIVELOG also copies the archive log the set needs into the set.",
            None,
            "ALTER SYSTEM BACKUP TENANT = mysql_tenant PLUS ARCHIVELOG;",
            &[Jobs, Blocks],
            FULL,
        ),
        &step(
            "Let it finish",
            "The set waits for the archive checkpoint to pass its END_SCN, copies that log, and completes.",
            Some(Until::BackupsDone),
            "SELECT BACKUP_SET_ID, BACKUP_TYPE, PLUS_ARCHIVELOG, ENCRYPTION_MODE, STATUS FROM CDB_OB_BACKUP_SET_FILES WHERE TENANT_ID = 1002;",
            &[Sets, History],
            HISTORY,
        ),
    ],
};

static FULL_USER: Tour = Tour {
    id: "full-user",
    title: "Full backup from a user tenant",
    summary: "Back up mysql_tenant from inside, then again with a password and its archive log.",
    workload: crate::workload::LIGHT,
    steps: &[
        &LOGIN,
        &USER_DESTS,
        &USER_ARCHIVELOG,
        &USER_WAIT_ARCHIVE,
        &USER_BACKUP,
        &step(
            "Let it finish",
            "The job moves to the history view: PLUS_ARCHIVELOG OFF, ENCRYPTION_MODE NONE.",
            Some(Until::BackupsDone),
            "SELECT JOB_ID, BACKUP_SET_ID, PLUS_ARCHIVELOG, ENCRYPTION_MODE, STATUS FROM DBA_OB_BACKUP_JOB_HISTORY;",
            &[History, Sets],
            HISTORY,
        ),
        &PASSWORD,
        &step(
            "Back up with the archive log",
            "PLUS ARCHIVELOG also copies the archive log between the set's start and end into the set.",
            None,
            "ALTER SYSTEM BACKUP DATABASE PLUS ARCHIVELOG;",
            &[Jobs, Blocks],
            FULL,
        ),
        &step(
            "Let it finish",
            "The set waits for the archive checkpoint to pass its END_SCN, copies that log, and completes.",
            Some(Until::BackupsDone),
            "SELECT BACKUP_SET_ID, BACKUP_TYPE, PLUS_ARCHIVELOG, ENCRYPTION_MODE, STATUS FROM DBA_OB_BACKUP_SET_FILES;",
            &[Sets, History],
            HISTORY,
        ),
    ],
};

static INCREMENTAL: Tour = Tour {
    id: "incremental",
    title: "Incremental backup",
    summary: "An INC without a full set becomes FULL; the next INC copies only changed macroblocks.",
    workload: crate::workload::OFF,
    steps: &[
        &LOGIN,
        &USER_DESTS,
        &USER_ARCHIVELOG,
        &USER_WAIT_ARCHIVE,
        &step(
            "Ask for an incremental",
            "An incremental needs a successful full set at this destination. There is none, so the request becomes FULL.",
            None,
            "ALTER SYSTEM BACKUP INCREMENTAL DATABASE;",
            &[Jobs],
            INCREMENTAL_DOC,
        ),
        &step(
            "See the conversion",
            "The job says BACKUP_TYPE FULL: its set will be the base of the next incremental.",
            None,
            "SELECT JOB_ID, BACKUP_SET_ID, BACKUP_TYPE, STATUS FROM DBA_OB_BACKUP_JOBS;",
            &[Jobs, Blocks],
            PROGRESS,
        ),
        &step(
            "Let it finish",
            "Set 1 holds a copy of every macroblock of the tenant.",
            Some(Until::BackupsDone),
            "SELECT BACKUP_SET_ID, BACKUP_TYPE, MACRO_BLOCK_COUNT, STATUS FROM DBA_OB_BACKUP_SET_FILES;",
            &[Sets, Blocks],
            HISTORY,
        ),
        &step(
            "Change some data",
            "Writes change macroblocks; the next incremental copies those written since set 1.",
            None,
            "CREATE TABLE test.orders (id INT PRIMARY KEY, amount INT);\n\
             INSERT INTO test.orders VALUES (1, 10), (2, 20), (3, 30);",
            &[Blocks, Console],
            INCREMENTAL_DOC,
        ),
        &step(
            "Back up incrementally",
            "Now a full set exists, so the job stays INC, with set 1 as its base.",
            None,
            "ALTER SYSTEM BACKUP INCREMENTAL DATABASE;",
            &[Jobs, Blocks],
            INCREMENTAL_DOC,
        ),
        &step(
            "Let it finish",
            "Set 2 is INC on base 1. It copied only the changed macroblocks and the system tablets'.",
            Some(Until::BackupsDone),
            "SELECT BACKUP_SET_ID, BACKUP_TYPE, PREV_FULL_BACKUP_SET_ID, MACRO_BLOCK_COUNT, STATUS FROM DBA_OB_BACKUP_SET_FILES;",
            &[Sets, Blocks],
            HISTORY,
        ),
    ],
};

static CANCEL: Tour = Tour {
    id: "cancel",
    title: "Cancel a backup",
    summary: "Start a backup of every tenant from sys and cancel it while it copies.",
    workload: crate::workload::BUSY,
    steps: &[
        &SYS_DESTS,
        &SYS_ARCHIVELOG,
        &SYS_WAIT_ARCHIVE,
        &SYS_BACKUP_ALL,
        &SYS_WATCH,
        &step(
            "Cancel it",
            "From sys, CANCEL BACKUP cancels the running backups of every tenant. TENANT = name would cancel one tenant's.",
            None,
            "ALTER SYSTEM CANCEL BACKUP;",
            &[Jobs],
            STOP,
        ),
        &step(
            "Let it stop",
            "The jobs pass through CANCELING and end CANCELED with RESULT -4072.",
            Some(Until::BackupsDone),
            "SELECT TENANT_ID, JOB_ID, JOB_LEVEL, STATUS, RESULT FROM CDB_OB_BACKUP_JOB_HISTORY;",
            &[History],
            STOP,
        ),
        &step(
            "What is left",
            "The sets end FAILED and INCOMPLETE: they cannot be restored, and cleanup may delete them.",
            None,
            "SELECT TENANT_ID, BACKUP_SET_ID, STATUS, FILE_STATUS FROM CDB_OB_BACKUP_SET_FILES;",
            &[Sets, Blocks],
            STOP,
        ),
    ],
};

/// Every tour, in the order the page lists them.
pub static TOURS: [&Tour; 9] = [
    &FULL_SYS,
    &FULL_USER,
    &INCREMENTAL,
    &CANCEL,
    &restore::SIMPLE,
    &restore::PREPARE_POOLS,
    &restore::POINT_IN_TIME,
    &restore::OUTSIDE,
    &restore::ENCRYPTED,
];

pub mod challenge;
mod restore;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backup::{BackupType, FileStatus, SetStatus};
    use crate::obclient::is_complete_in;
    use crate::shell::{Entry, Shell, is_login_line};

    /// Walks a tour as the page does; fails on any step that errors or waits in vain.
    pub(super) fn walk(tour: &Tour, seed: u64) -> (Shell, Vec<Entry>) {
        let mut sh = Shell::with_options(seed, tour.options());
        let mut all = Vec::new();
        for (i, s) in tour.steps.iter().enumerate() {
            if let Some(u) = s.until {
                assert!(
                    play_until(&mut sh.cluster, u, WAIT_LIMIT),
                    "{} step {}: {u:?} never held (seed {seed})",
                    tour.id,
                    i + 1
                );
            }
            let (entries, rest) = sh.run(&format!("{}\n", s.run));
            assert!(
                rest.is_empty(),
                "{} step {}: incomplete text",
                tour.id,
                i + 1
            );
            for e in &entries {
                assert!(
                    !e.is_error || s.expects_error,
                    "{} step {} (seed {seed}): {}\n{}",
                    tour.id,
                    i + 1,
                    e.input,
                    e.output
                );
            }
            all.extend(entries);
        }
        (sh, all)
    }

    fn last_output(entries: &[Entry]) -> &str {
        entries.last().map_or("", |e| e.output.as_str())
    }

    pub(super) const SEEDS: [u64; 4] = [42, 1, 7, 2024];

    #[test]
    fn full_backup_from_sys_completes_both_backups() {
        for seed in SEEDS {
            let (sh, entries) = walk(&FULL_SYS, seed);
            let sys = &sh.cluster.backup[&1];
            assert!(sys.jobs.is_empty());
            assert_eq!(sys.job_history.len(), 2);
            assert!(
                sys.job_history
                    .iter()
                    .all(|j| j.status == JobStatus::Completed && j.result == 0)
            );
            let mysql = &sh.cluster.backup[&1002];
            assert_eq!(mysql.sets.len(), 2);
            let second = &mysql.sets[1];
            assert!(second.plus_archivelog);
            assert_eq!(second.encryption.mode(), "PASSWORD");
            assert_eq!(second.status, SetStatus::Success);
            let oracle = &sh.cluster.backup[&1004];
            assert_eq!(
                oracle.sets.len(),
                1,
                "the second backup names mysql_tenant only"
            );
            assert_eq!(oracle.sets[0].status, SetStatus::Success);
            let out = last_output(&entries);
            assert!(
                out.contains(
                    "|             2 | FULL        | ON              | PASSWORD        | SUCCESS |"
                ),
                "{out}"
            );
        }
    }

    #[test]
    fn full_backup_from_a_user_tenant_completes_plain_then_encrypted() {
        for seed in SEEDS {
            let (sh, entries) = walk(&FULL_USER, seed);
            let mysql = &sh.cluster.backup[&1002];
            assert!(mysql.jobs.is_empty());
            assert_eq!(mysql.job_history.len(), 2);
            assert!(
                mysql.job_history.iter().all(
                    |j| j.status == JobStatus::Completed && j.job_level == JobLevel::UserTenant
                )
            );
            let [first, second] = mysql.sets.as_slice() else {
                panic!("two sets expected, got {}", mysql.sets.len());
            };
            assert!(!first.plus_archivelog && first.encryption.mode() == "NONE");
            assert!(second.plus_archivelog && second.encryption.mode() == "PASSWORD");
            assert!(
                mysql
                    .sets
                    .iter()
                    .all(|s| s.status == SetStatus::Success
                        && s.file_status == FileStatus::Available)
            );
            assert!(
                sh.cluster
                    .backup
                    .get(&1004)
                    .is_none_or(|b| b.sets.is_empty()),
                "oracle_tenant untouched"
            );
            let out = last_output(&entries);
            assert!(
                out.contains("| ON              | PASSWORD        | SUCCESS |"),
                "{out}"
            );
        }
    }

    #[test]
    fn incremental_tour_converts_the_first_inc_to_full_then_copies_fewer_blocks() {
        for seed in SEEDS {
            let (sh, entries) = walk(&INCREMENTAL, seed);
            let mysql = &sh.cluster.backup[&1002];
            let [full, inc] = mysql.sets.as_slice() else {
                panic!("two sets expected, got {}", mysql.sets.len());
            };
            assert_eq!(full.backup_type, BackupType::Full, "INC became FULL");
            assert_eq!(mysql.job_history[0].backup_type, BackupType::Full);
            assert_eq!(inc.backup_type, BackupType::Inc);
            assert_eq!(inc.prev_full_backup_set_id, full.backup_set_id);
            assert_eq!(inc.status, SetStatus::Success);
            assert!(inc.copy.macro_block_count * 4 < full.copy.macro_block_count);
            // What the "See the conversion" step printed.
            let conversion = entries
                .iter()
                .find(|e| {
                    e.input
                        .starts_with("SELECT JOB_ID, BACKUP_SET_ID, BACKUP_TYPE")
                })
                .map(|e| e.output.as_str())
                .unwrap_or("");
            assert!(conversion.contains("| FULL        |"), "{conversion}");
            let out = last_output(&entries);
            assert!(
                out.contains("|             2 | INC         |                       1 |"),
                "{out}"
            );
        }
    }

    #[test]
    fn cancel_tour_ends_every_job_canceled_with_4072() {
        for seed in SEEDS {
            let (sh, entries) = walk(&CANCEL, seed);
            let mut jobs = 0;
            for b in sh.cluster.backup.values() {
                assert!(b.jobs.is_empty());
                for j in &b.job_history {
                    jobs += 1;
                    assert_eq!((j.status, j.result), (JobStatus::Canceled, -4072));
                }
                for s in &b.sets {
                    assert_eq!(
                        (s.status, s.file_status),
                        (SetStatus::Failed, FileStatus::Incomplete)
                    );
                }
            }
            assert_eq!(jobs, 3, "the CLUSTER job and two tenant jobs");
            let history = entries
                .iter()
                .rev()
                .nth(1)
                .map(|e| e.output.as_str())
                .unwrap_or("");
            assert_eq!(
                history.matches("| CANCELED |  -4072 |").count(),
                3,
                "{history}"
            );
        }
    }

    #[test]
    fn steps_are_short_complete_and_distinctly_named() {
        let mut ids = Vec::new();
        for t in TOURS {
            assert!(!ids.contains(&t.id));
            ids.push(t.id);
            for s in t.steps {
                let sentences = s.text.matches(". ").count() + 1;
                assert!(sentences <= 2 && s.text.ends_with('.'), "{}", s.text);
                assert!(s.text.len() <= 140, "{}", s.text);
                assert!(!s.points_at.is_empty());
                assert!(
                    [
                        "300.log-archive/",
                        "400.data-backup/",
                        "600.restore-data/",
                        "120."
                    ]
                    .iter()
                    .any(|dir| s.doc.starts_with(dir)),
                    "{}",
                    s.doc
                );
                let run = s.run.trim();
                assert!(
                    is_login_line(run) || is_complete_in(run, crate::CompatMode::MySql),
                    "{run}"
                );
            }
        }
    }

    #[test]
    fn waiting_stops_at_the_first_second_the_condition_holds() {
        let mut sh = Shell::new(42);
        assert!(
            play_until(&mut sh.cluster, Until::BackupsDone, 0),
            "nothing runs yet"
        );
        let t0 = sh.cluster.now();
        assert!(!play_until(&mut sh.cluster, Until::Copying, 3 * SECOND));
        assert_eq!(
            sh.cluster.now(),
            t0 + 3 * SECOND,
            "budget spent, no job to copy"
        );
    }
}
