//! Cleanup on a whole cluster (R§14.2): the hourly trigger, the job and task machines, FILE_STATUS
//! of sets and pieces, the medium, cancel, and that the cleaner is scheduled only when due.

use super::*;
use crate::backup::scheduler::BackupRequest;
use crate::backup::{BackupType, Encryption, FileStatus};
use crate::cluster::Cluster;
use crate::session_log::ClusterOptions;
use crate::sim::{DAY, MINUTE};

const MYSQL: u64 = 1002;
const DATA: &str = "file:///backup/mysql/data";
const ARCHIVE: &str = "file:///backup/mysql/archive";

/// mysql_tenant with both destinations and its archive round DOING (20 s after the epoch).
fn ready() -> Cluster {
    let mut c = Cluster::with_options(
        7,
        ClusterOptions {
            macro_blocks_per_tenant: 1024,
            workload_rate: 20,
        },
    );
    c.set_log_archive_dest(MYSQL, &format!("LOCATION={ARCHIVE}"))
        .unwrap();
    c.set_data_backup_dest(MYSQL, DATA).unwrap();
    c.set_archive_mode(MYSQL, true).unwrap();
    c.advance(20 * SECOND);
    assert!(c.archive[&MYSQL].is_doing());
    c
}

/// A backup of mysql_tenant, run to its end.
fn backup(c: &mut Cluster, backup_type: BackupType) {
    let req = BackupRequest {
        backup_type,
        plus_archivelog: false,
        description: String::new(),
        encryption: Encryption::default(),
    };
    c.start_tenant_backup(MYSQL, &req).unwrap();
    for _ in 0..2000 {
        if c.tenant_backup(MYSQL).is_some_and(|b| b.jobs.is_empty()) {
            return;
        }
        c.advance(SECOND);
    }
    panic!("the backup did not end");
}

fn set_status(c: &Cluster, id: u64) -> FileStatus {
    c.tenant_backup(MYSQL).unwrap().set(id).unwrap().file_status
}

fn set_statuses(c: &Cluster) -> Vec<(u64, &'static str)> {
    let b = c.tenant_backup(MYSQL).unwrap();
    b.sets
        .iter()
        .map(|s| (s.backup_set_id, s.file_status.as_str()))
        .collect()
}

/// Advances to `secs` seconds after the next trigger.
fn to_next_hour(c: &mut Cluster, secs: u64) {
    let at = next_trigger_after(c.now());
    c.run_until(at + secs * SECOND);
}

fn policy(recovery_window: &str) -> DeletePolicy {
    DeletePolicy {
        name: "default".into(),
        recovery_window: recovery_window.into(),
    }
}

fn history(c: &Cluster) -> &[DeleteJob] {
    &c.tenant_backup(MYSQL).unwrap().delete_job_history
}

#[test]
fn recovery_windows_parse_as_time_strings_and_redundancy_alone_never_acts() {
    assert_eq!(recovery_window_micros("7d"), Some(7 * crate::sim::DAY));
    assert_eq!(recovery_window_micros("30m"), Some(30 * MINUTE));
    assert_eq!(recovery_window_micros("7"), None);
    assert_eq!(recovery_window_micros(""), None);
    let mut c = ready();
    c.set_delete_policy(MYSQL, policy(""));
    assert_eq!(c.next_clean_due(), None);
    backup(&mut c, BackupType::Full);
    backup(&mut c, BackupType::Full);
    c.advance(3 * HOUR);
    assert!(history(&c).is_empty());
    assert_eq!(set_statuses(&c), [(1, "AVAILABLE"), (2, "AVAILABLE")]);
}

#[test]
fn the_trigger_runs_on_the_hour_and_starts_a_job_even_when_nothing_is_due() {
    let mut c = Cluster::new(3);
    c.set_delete_policy(MYSQL, policy("7d"));
    // Nothing else is going on: the next event is the trigger, an hour after the epoch.
    assert_eq!(c.next_event_time(), Some(EPOCH_MICROS + HOUR));
    c.run_until(EPOCH_MICROS + HOUR);
    let b = c.tenant_backup(MYSQL).unwrap();
    let job = &b.delete_jobs[0];
    assert_eq!(
        (job.job_id, job.status, job.start_ts, job.parameter),
        (
            1,
            JobStatus::Init,
            EPOCH_MICROS + HOUR,
            EPOCH_MICROS + HOUR - 7 * DAY
        )
    );
    assert!(c.tenant_backup(1004).unwrap().delete_jobs.is_empty());
    c.advance(10 * SECOND);
    let b = c.tenant_backup(MYSQL).unwrap();
    assert!(b.delete_jobs.is_empty());
    let job = &b.delete_job_history[0];
    assert_eq!(
        (
            job.status,
            job.task_count,
            job.success_task_count,
            job.result
        ),
        (JobStatus::Completed, 0, 0, 0)
    );
    assert!(job.end_ts > job.start_ts);
    // Idle again until the next hour.
    assert_eq!(c.next_event_time(), Some(EPOCH_MICROS + 2 * HOUR));
    c.run_until(EPOCH_MICROS + 2 * HOUR + 10 * SECOND);
    let ids: Vec<u64> = history(&c).iter().map(|j| j.job_id).collect();
    assert_eq!(ids, [1, 2]);
}

#[test]
fn an_obsolete_chain_goes_deleting_then_deleted_and_its_files_go() {
    let mut c = ready();
    backup(&mut c, BackupType::Full); // set 1
    backup(&mut c, BackupType::Inc); // set 2
    backup(&mut c, BackupType::Full); // set 3: the clean point
    c.set_delete_policy(MYSQL, policy("1m"));
    let set1_dir = format!("{DATA}/backup_set_1_full");
    assert!(!c.medium.walk(&set1_dir).is_empty());
    to_next_hour(&mut c, 0);
    // Second by second: set 1 is AVAILABLE, then DELETING for at least a second, then DELETED.
    let mut seen = vec![set_status(&c, 1)];
    for _ in 0..30 {
        c.advance(SECOND);
        let s = set_status(&c, 1);
        if seen.last() != Some(&s) {
            seen.push(s);
        }
        if s == FileStatus::Deleting {
            assert!(!c.medium.walk(&set1_dir).is_empty(), "files go at the end");
            let b = c.tenant_backup(MYSQL).unwrap();
            assert_eq!(b.delete_jobs[0].status, JobStatus::Doing);
        }
    }
    assert_eq!(
        seen,
        [
            FileStatus::Available,
            FileStatus::Deleting,
            FileStatus::Deleted
        ]
    );
    assert_eq!(
        set_statuses(&c),
        [(1, "DELETED"), (2, "DELETED"), (3, "AVAILABLE")]
    );
    assert!(c.medium.walk(&set1_dir).is_empty());
    assert!(
        c.medium
            .walk(&format!("{DATA}/backup_set_2_inc"))
            .is_empty()
    );
    assert!(
        !c.medium
            .walk(&format!("{DATA}/backup_set_3_full"))
            .is_empty()
    );
    let b = c.tenant_backup(MYSQL).unwrap();
    // Job and task ids continue the backup sequences (three backup jobs and set tasks).
    let job = &b.delete_job_history[0];
    assert_eq!(
        (
            job.job_id,
            job.status,
            job.task_count,
            job.success_task_count
        ),
        (4, JobStatus::Completed, 2, 2)
    );
    let tasks: Vec<(u64, &str, u64, u64, JobStatus, u64, &str)> = b
        .delete_task_history
        .iter()
        .map(|t| {
            let ls = t.finish_ls_count;
            (
                t.task_id,
                t.task_type.as_str(),
                t.id,
                t.round_id,
                t.status,
                ls,
                t.path.as_str(),
            )
        })
        .collect();
    assert_eq!(
        tasks,
        [
            (4, "BACKUP SET", 1, 0, JobStatus::Completed, 4, DATA),
            (5, "BACKUP SET", 2, 0, JobStatus::Completed, 4, DATA),
        ]
    );
}

#[test]
fn sets_in_the_window_and_in_an_old_destination_stay() {
    let mut c = ready();
    backup(&mut c, BackupType::Full); // set 1, old destination
    c.set_data_backup_dest(MYSQL, "file:///backup/mysql/data2")
        .unwrap();
    backup(&mut c, BackupType::Full); // set 2
    backup(&mut c, BackupType::Full); // set 3
    c.set_delete_policy(MYSQL, policy("1d"));
    to_next_hour(&mut c, 30);
    // Everything is inside a day: a job ran and deleted nothing.
    assert_eq!(history(&c)[0].task_count, 0);
    c.set_delete_policy(MYSQL, policy("1m"));
    to_next_hour(&mut c, 30);
    assert_eq!(history(&c)[1].task_count, 1);
    assert_eq!(
        set_statuses(&c),
        [(1, "AVAILABLE"), (2, "DELETED"), (3, "AVAILABLE")]
    );
}

/// Round 1 stopped (its piece FROZEN), round 2 running, a full in each: the full of round 2 is
/// the clean point, so round 1's piece and the full before it go.
#[test]
fn pieces_go_once_the_clean_point_no_longer_needs_their_log() {
    let mut c = ready();
    backup(&mut c, BackupType::Full); // set 1
    c.set_archive_mode(MYSQL, false).unwrap();
    c.advance(MINUTE);
    c.set_archive_mode(MYSQL, true).unwrap();
    c.advance(MINUTE);
    assert!(c.archive[&MYSQL].is_doing());
    backup(&mut c, BackupType::Full); // set 2
    let piece1 = format!("{ARCHIVE}/piece_d1001r1p1");
    assert!(!c.medium.walk(&piece1).is_empty());
    c.set_delete_policy(MYSQL, policy("1m"));
    to_next_hour(&mut c, 30);
    let b = c.tenant_backup(MYSQL).unwrap();
    let kinds: Vec<(&str, u64, u64)> = b
        .delete_task_history
        .iter()
        .map(|t| (t.task_type.as_str(), t.id, t.round_id))
        .collect();
    assert_eq!(kinds, [("BACKUP SET", 1, 0), ("BACKUP PIECE", 1, 1)]);
    let pieces: Vec<(u64, u64, FileStatus)> = c.archive[&MYSQL]
        .all_rounds()
        .flat_map(|r| r.pieces())
        .map(|p| (p.round_id, p.piece_id, p.file_status))
        .collect();
    assert_eq!(
        pieces,
        [(1, 1, FileStatus::Deleted), (2, 2, FileStatus::Available)]
    );
    assert!(c.medium.walk(&piece1).is_empty());
    let markers: Vec<String> = c
        .medium
        .list(&format!("{ARCHIVE}/pieces"))
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert!(markers.iter().all(|n| !n.starts_with("piece_d1001r1p1_")));
    assert!(markers.iter().any(|n| n.starts_with("piece_d1001r2p2_")));
    assert!(
        !c.medium
            .walk(&format!("{ARCHIVE}/piece_d1001r2p2"))
            .is_empty()
    );
}

/// The round is interrupted after the newest full began and before the checkpoint passed it:
/// the piece that log is in is a candidate but still ACTIVE, so the job fails with −9069.
#[test]
fn an_active_candidate_piece_fails_the_job_with_9069() {
    let mut c = ready();
    // Start the backup just after a checkpoint advance; it ends before the next one.
    let next = c.archive[&MYSQL].next_checkpoint_at;
    c.run_until(next + SECOND);
    backup(&mut c, BackupType::Full);
    assert!(c.interrupt_archive(MYSQL));
    let round = c.archive[&MYSQL].round.clone().unwrap();
    let set = c.tenant_backup(MYSQL).unwrap().set(1).unwrap().clone();
    assert!(round.checkpoint_scn <= set.start_replay_scn, "test setup");
    c.set_delete_policy(MYSQL, policy("1m"));
    to_next_hour(&mut c, 30);
    let job = &history(&c)[0];
    assert_eq!(
        (job.status, job.result, job.task_count),
        (JobStatus::Failed, -9069, 0)
    );
    assert!(
        job.comment.starts_with(
            "(ROOTSERVICE)addr: 10.0.0.1:2882, result: -9069(deleting backup piece is not allowed), trace_id: YB420A000001-"
        ),
        "{}",
        job.comment
    );
    assert_eq!(set_status(&c, 1), FileStatus::Available);
}

#[test]
fn cancel_stops_the_job_and_the_next_job_takes_what_was_deleting() {
    let mut c = ready();
    backup(&mut c, BackupType::Full); // set 1
    backup(&mut c, BackupType::Full); // set 2
    c.set_delete_policy(MYSQL, policy("1m"));
    to_next_hour(&mut c, 0);
    for _ in 0..40 {
        if set_status(&c, 1) == FileStatus::Deleting {
            break;
        }
        c.advance(SECOND / 4);
    }
    c.cancel_delete_backup(&[MYSQL]);
    let b = c.tenant_backup(MYSQL).unwrap();
    assert_eq!(b.delete_jobs[0].status, JobStatus::Canceling);
    c.advance(SECOND);
    let b = c.tenant_backup(MYSQL).unwrap();
    let job = &b.delete_jobs[0];
    assert_eq!((job.status, job.result), (JobStatus::Canceled, -4072));
    assert_eq!(b.delete_tasks[0].status, JobStatus::Canceled);
    c.advance(SECOND);
    assert_eq!(history(&c).len(), 1);
    // Dropping the policy after the next job starts does not stop it either.
    assert_eq!(set_status(&c, 1), FileStatus::Deleting);
    to_next_hour(&mut c, 0);
    c.drop_delete_policy(MYSQL);
    c.advance(30 * SECOND);
    assert_eq!(set_statuses(&c), [(1, "DELETED"), (2, "AVAILABLE")]);
    assert_eq!(history(&c)[1].status, JobStatus::Completed);
    assert_eq!(c.next_clean_due(), None);
}

/// The cleaner is event-driven: stepping the clock a second at a time and jumping the same
/// stretch at once end in the same state.
#[test]
fn ticking_every_second_gives_the_same_state_as_jumping() {
    let setup = || {
        let mut c = ready();
        backup(&mut c, BackupType::Full);
        backup(&mut c, BackupType::Inc);
        backup(&mut c, BackupType::Full);
        c.set_delete_policy(MYSQL, policy("30m"));
        c.set_delete_policy(1004, policy("1h"));
        c
    };
    let mut jumping = setup();
    let mut ticking = setup();
    let end = jumping.now() + 3 * HOUR;
    jumping.run_until(end);
    while ticking.now() < end {
        ticking.advance(SECOND);
    }
    assert_eq!(history(&jumping).len(), 3);
    assert_eq!(
        set_statuses(&jumping),
        [(1, "DELETED"), (2, "DELETED"), (3, "AVAILABLE")]
    );
    assert_eq!(ticking.state_hash(), jumping.state_hash());
}
