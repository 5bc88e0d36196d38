//! The backup rules of reference §2, one test per rule.

use super::*;
use crate::archive::RoundState;
use crate::backup::{BackupJob, FileStatus, JobLevel, SetStatus, TaskStatus, passwd_digest};
use crate::cluster::Cluster;
use crate::session_log::ClusterOptions;
use crate::sim::MINUTE;

const MYSQL: u64 = 1002;
const ORACLE: u64 = 1004;

fn small_cluster() -> Cluster {
    Cluster::with_options(
        7,
        ClusterOptions {
            macro_blocks_per_tenant: 1024,
            workload_rate: 20,
        },
    )
}

/// Destinations set and archiving DOING for both user tenants.
fn ready_cluster() -> Cluster {
    let mut c = small_cluster();
    for (t, name) in [(MYSQL, "mysql"), (ORACLE, "oracle")] {
        c.set_log_archive_dest(t, &format!("LOCATION=file:///backup/{name}/archive"))
            .unwrap();
        c.set_data_backup_dest(t, &format!("file:///backup/{name}/data"))
            .unwrap();
        c.set_archive_mode(t, true).unwrap();
    }
    c.advance(20 * SECOND);
    assert!(c.archive[&MYSQL].is_doing() && c.archive[&ORACLE].is_doing());
    c
}

fn full() -> BackupRequest {
    BackupRequest {
        backup_type: BackupType::Full,
        plus_archivelog: false,
        description: String::new(),
        encryption: Encryption::default(),
    }
}

fn inc() -> BackupRequest {
    BackupRequest {
        backup_type: BackupType::Inc,
        ..full()
    }
}

/// Runs until the tenant has no job left (bounded).
fn run_until_idle(c: &mut Cluster, tenant: u64) {
    for _ in 0..2000 {
        if c.tenant_backup(tenant).is_some_and(|b| b.jobs.is_empty()) {
            return;
        }
        c.advance(SECOND);
    }
    panic!("jobs of {tenant} did not finish");
}

fn last_history(c: &Cluster, tenant: u64) -> BackupJob {
    c.tenant_backup(tenant)
        .unwrap()
        .job_history
        .last()
        .unwrap()
        .clone()
}

#[test]
fn user_backup_without_data_dest_is_9040_without_reason() {
    let mut c = small_cluster();
    let e = c.start_tenant_backup(MYSQL, &full()).unwrap_err();
    assert_eq!(e.to_string(), "ERROR 9040 (HY000): backup can not start");
}

#[test]
fn user_backup_while_archive_not_doing_is_9040_because_not_doing() {
    let mut c = small_cluster();
    c.set_data_backup_dest(MYSQL, "file:///d").unwrap();
    let e = c.start_tenant_backup(MYSQL, &full()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "ERROR 9040 (HY000): backup can not start, because log archive status is not doing."
    );
}

#[test]
fn second_backup_from_the_same_initiator_is_9036() {
    let mut c = ready_cluster();
    c.start_tenant_backup(MYSQL, &full()).unwrap();
    assert_eq!(
        c.start_tenant_backup(MYSQL, &full()).unwrap_err().errno,
        9036
    );
}

#[test]
fn cluster_upgrading_blocks_a_backup() {
    let mut c = ready_cluster();
    c.begin_upgrade();
    assert_eq!(
        c.start_tenant_backup(MYSQL, &full()).unwrap_err().message,
        "backup can not start, because cluster upgrading"
    );
}

#[test]
fn full_backup_walks_the_task_phases_and_ends_completed_in_history() {
    let mut c = ready_cluster();
    let job_id = c.start_tenant_backup(MYSQL, &full()).unwrap();
    let job = c.tenant_backup(MYSQL).unwrap().job(job_id).unwrap().clone();
    assert_eq!(
        (job.status, job.backup_set_id, job.job_level),
        (JobStatus::Init, 1, JobLevel::UserTenant)
    );
    assert_eq!((job.initiator_tenant_id, job.initiator_job_id), (MYSQL, 0));
    let mut phases = Vec::new();
    for _ in 0..600 {
        c.advance(SECOND / 2);
        let b = c.tenant_backup(MYSQL).unwrap();
        if let Some(t) = b.tasks.first()
            && phases.last() != Some(&t.status)
        {
            phases.push(t.status);
        }
        if b.jobs.is_empty() {
            break;
        }
    }
    assert_eq!(
        phases,
        [
            TaskStatus::Init,
            TaskStatus::BackupSysMeta,
            TaskStatus::BackupUserMeta,
            TaskStatus::BackupMetaFinish,
            TaskStatus::BackupUserData,
            TaskStatus::BackupFuseTabletMeta,
            TaskStatus::BeforeBackupLog,
            TaskStatus::BackupLog,
        ]
    );
    let b = c.tenant_backup(MYSQL).unwrap();
    assert!(b.jobs.is_empty() && b.tasks.is_empty());
    let h = last_history(&c, MYSQL);
    assert_eq!((h.status, h.result), (JobStatus::Completed, 0));
    assert!(h.end_ts > h.start_ts);
    let task = b.task_history.last().unwrap();
    assert_eq!(task.status, TaskStatus::Completed);
    assert_eq!(
        task.copy.finish_macro_block_count,
        task.copy.macro_block_count
    );
    assert_eq!(
        task.copy.macro_block_count,
        c.storage[&MYSQL].block_count() as u64
    );
    assert!(task.end_scn > task.start_scn && task.copy.output_bytes < task.copy.input_bytes);
    let set = b.set(1).unwrap();
    assert_eq!(
        (set.status, set.file_status),
        (SetStatus::Success, FileStatus::Available)
    );
    assert_eq!(
        (set.prev_full_backup_set_id, set.prev_inc_backup_set_id),
        (0, 0)
    );
    assert_eq!(set.min_restore_scn, task.end_scn);
}

#[test]
fn incremental_with_no_full_becomes_full() {
    let mut c = ready_cluster();
    c.start_tenant_backup(MYSQL, &inc()).unwrap();
    let job = c.tenant_backup(MYSQL).unwrap().jobs[0].clone();
    assert_eq!(job.backup_type, BackupType::Full);
    run_until_idle(&mut c, MYSQL);
    let set = c.tenant_backup(MYSQL).unwrap().set(1).unwrap();
    assert_eq!(set.backup_type, BackupType::Full);
    assert!(
        c.medium
            .list("file:///backup/mysql/data")
            .iter()
            .any(|(n, _)| n == "backup_set_1_full")
    );
}

#[test]
fn incremental_after_a_full_taken_before_an_upgrade_becomes_full() {
    let mut c = ready_cluster();
    c.start_tenant_backup(MYSQL, &full()).unwrap();
    run_until_idle(&mut c, MYSQL);
    c.begin_upgrade();
    c.finish_upgrade("4.3.4.0");
    c.start_tenant_backup(MYSQL, &inc()).unwrap();
    assert_eq!(
        c.tenant_backup(MYSQL).unwrap().jobs[0].backup_type,
        BackupType::Full
    );
}

#[test]
fn incremental_copies_exactly_the_blocks_changed_since_its_base() {
    let mut c = ready_cluster();
    c.start_tenant_backup(MYSQL, &full()).unwrap();
    run_until_idle(&mut c, MYSQL);
    c.advance(30 * SECOND);
    c.start_tenant_backup(MYSQL, &inc()).unwrap();
    c.advance(3 * SECOND); // task created: snapshot taken
    let b = c.tenant_backup(MYSQL).unwrap();
    let base = b.set(1).unwrap().snapshot_scn;
    let snap = b.set(2).unwrap().snapshot_scn;
    let s = &c.storage[&MYSQL];
    let sys: Vec<u32> = s.sys_block_range().collect();
    let mut expected = sys.clone();
    // Changed in (base, snap] per the write log.
    let mut changed: Vec<u32> = s
        .writes_between(base, snap)
        .iter()
        .map(|w| w.block)
        .collect();
    changed.sort_unstable();
    changed.dedup();
    changed.retain(|b| !sys.contains(b));
    expected.extend(&changed);
    assert!(!changed.is_empty(), "the workload changed something");
    assert!(changed.len() < s.block_count() / 2);
    assert_eq!(b.tasks[0].plan, expected);
    run_until_idle(&mut c, MYSQL);
    let set = c.tenant_backup(MYSQL).unwrap().set(2).unwrap().clone();
    assert_eq!(
        (
            set.backup_type,
            set.prev_full_backup_set_id,
            set.prev_inc_backup_set_id
        ),
        (BackupType::Inc, 1, 1)
    );
    assert_eq!(set.copy.macro_block_count, expected.len() as u64);
    // A second incremental chains on the first.
    c.advance(10 * SECOND);
    c.start_tenant_backup(MYSQL, &inc()).unwrap();
    run_until_idle(&mut c, MYSQL);
    let set3 = c.tenant_backup(MYSQL).unwrap().set(3).unwrap();
    assert_eq!(
        (set3.prev_full_backup_set_id, set3.prev_inc_backup_set_id),
        (1, 2)
    );
}

#[test]
fn explicit_writes_are_carried_by_the_next_incremental() {
    let mut c = Cluster::with_options(
        3,
        ClusterOptions {
            macro_blocks_per_tenant: 1024,
            workload_rate: 0,
        },
    );
    c.set_log_archive_dest(MYSQL, "LOCATION=file:///a").unwrap();
    c.set_data_backup_dest(MYSQL, "file:///d").unwrap();
    c.set_archive_mode(MYSQL, true).unwrap();
    c.advance(20 * SECOND);
    c.start_tenant_backup(MYSQL, &full()).unwrap();
    run_until_idle(&mut c, MYSQL);
    let (_, touched) = c.write_blocks(MYSQL, &[500, 501, 900]).unwrap();
    assert_eq!(touched, [500, 501, 900]);
    c.start_tenant_backup(MYSQL, &inc()).unwrap();
    run_until_idle(&mut c, MYSQL);
    let set = c.tenant_backup(MYSQL).unwrap().set(2).unwrap();
    let sys = c.storage[&MYSQL].sys_block_range().len();
    assert_eq!(set.copied_blocks.len(), sys + 3);
    assert!(set.copied_blocks.ends_with(&[500, 501, 900]));
}

#[test]
fn cancel_moves_a_running_job_to_canceled_with_result_4072() {
    let mut c = ready_cluster();
    c.start_tenant_backup(MYSQL, &full()).unwrap();
    c.advance(8 * SECOND);
    c.cancel_backup(&[MYSQL]);
    assert_eq!(
        c.tenant_backup(MYSQL).unwrap().jobs[0].status,
        JobStatus::Canceling
    );
    run_until_idle(&mut c, MYSQL);
    let h = last_history(&c, MYSQL);
    assert_eq!((h.status, h.result), (JobStatus::Canceled, -4072));
    let b = c.tenant_backup(MYSQL).unwrap();
    assert_eq!(b.task_history.last().unwrap().status, TaskStatus::Canceled);
    let set = b.set(1).unwrap();
    assert_eq!(
        (set.status, set.file_status),
        (SetStatus::Failed, FileStatus::Incomplete)
    );
    // Nothing running: still fine.
    c.cancel_backup(&[MYSQL]);
}

#[test]
fn incremental_after_a_canceled_one_bases_on_the_last_successful_set() {
    let mut c = ready_cluster();
    c.start_tenant_backup(MYSQL, &full()).unwrap();
    run_until_idle(&mut c, MYSQL);
    c.start_tenant_backup(MYSQL, &inc()).unwrap();
    c.cancel_backup(&[MYSQL]);
    run_until_idle(&mut c, MYSQL);
    c.start_tenant_backup(MYSQL, &inc()).unwrap();
    run_until_idle(&mut c, MYSQL);
    let set = c.tenant_backup(MYSQL).unwrap().set(3).unwrap();
    assert_eq!(
        (
            set.backup_type,
            set.prev_full_backup_set_id,
            set.prev_inc_backup_set_id
        ),
        (BackupType::Inc, 1, 1)
    );
}

#[test]
fn set_ids_are_consumed_by_failed_jobs_and_counters_are_per_tenant() {
    let mut c = ready_cluster();
    c.start_tenant_backup(MYSQL, &full()).unwrap();
    c.cancel_backup(&[MYSQL]);
    run_until_idle(&mut c, MYSQL);
    c.start_tenant_backup(MYSQL, &full()).unwrap();
    assert_eq!(c.tenant_backup(MYSQL).unwrap().jobs[0].backup_set_id, 2);
    c.start_tenant_backup(ORACLE, &full()).unwrap();
    let o = &c.tenant_backup(ORACLE).unwrap().jobs[0];
    assert_eq!((o.job_id, o.backup_set_id), (1, 1));
}

#[test]
fn sys_backup_database_makes_a_cluster_job_with_one_child_per_tenant() {
    let mut c = ready_cluster();
    let sys_job = c.start_sys_backup(None, &full()).unwrap();
    let j = c
        .tenant_backup(SYS_TENANT_ID)
        .unwrap()
        .job(sys_job)
        .unwrap()
        .clone();
    assert_eq!(
        (
            j.backup_set_id,
            j.job_level,
            j.initiator_tenant_id,
            j.initiator_job_id
        ),
        (0, JobLevel::Cluster, 1, sys_job)
    );
    assert_eq!(j.executor_text(), "1002,1004");
    assert!(j.path.is_empty());
    c.advance(3 * SECOND);
    for t in [MYSQL, ORACLE] {
        let child = &c.tenant_backup(t).unwrap().jobs[0];
        assert_eq!(
            (
                child.initiator_tenant_id,
                child.initiator_job_id,
                child.job_level
            ),
            (1, sys_job, JobLevel::UserTenant)
        );
        assert_eq!(child.executor_text(), t.to_string());
    }
    assert_eq!(
        c.tenant_backup(SYS_TENANT_ID)
            .unwrap()
            .job(sys_job)
            .unwrap()
            .status,
        JobStatus::Doing
    );
    // A self-started job may coexist with the sys-started one (duplicates are per initiator).
    c.start_tenant_backup(MYSQL, &full()).unwrap();
    assert_eq!(
        c.start_sys_backup(Some(&[MYSQL]), &full())
            .unwrap_err()
            .errno,
        9036
    );
    run_until_idle(&mut c, SYS_TENANT_ID);
    let h = last_history(&c, SYS_TENANT_ID);
    assert_eq!((h.status, h.result), (JobStatus::Completed, 0));
    run_until_idle(&mut c, MYSQL);
    assert!(
        c.tenant_backup(MYSQL)
            .unwrap()
            .job_history
            .iter()
            .all(|j| j.status == JobStatus::Completed)
    );
}

#[test]
fn sys_backup_with_no_eligible_tenant_is_9040_no_tenant_meets_the_condition() {
    let mut c = small_cluster();
    let e = c.start_sys_backup(None, &full()).unwrap_err();
    assert_eq!(
        e.message,
        "backup can not start, because no tenant meets the backup condition, \u{FFFC}please check the tenant status, log archive status, backup data dest, and backup status for each tenant"
    );
}

#[test]
fn sys_backup_of_a_listed_tenant_without_dest_is_9040_dest_not_set() {
    let mut c = small_cluster();
    c.set_log_archive_dest(MYSQL, "LOCATION=file:///a").unwrap();
    c.set_archive_mode(MYSQL, true).unwrap();
    c.advance(20 * SECOND);
    assert_eq!(
        c.start_sys_backup(Some(&[MYSQL]), &full())
            .unwrap_err()
            .message,
        "backup can not start, because backup dest is not set."
    );
    assert_eq!(
        c.start_sys_backup(Some(&[ORACLE]), &full())
            .unwrap_err()
            .message,
        "backup can not start, because log archive status is not doing."
    );
}

#[test]
fn sys_job_without_list_includes_a_tenant_without_dest_whose_child_cannot_start() {
    let mut c = small_cluster();
    for t in [MYSQL, ORACLE] {
        c.set_log_archive_dest(t, &format!("LOCATION=file:///a{t}"))
            .unwrap();
        c.set_archive_mode(t, true).unwrap();
    }
    c.set_data_backup_dest(MYSQL, "file:///d").unwrap();
    c.advance(20 * SECOND);
    let id = c.start_sys_backup(None, &full()).unwrap();
    assert_eq!(
        c.tenant_backup(SYS_TENANT_ID)
            .unwrap()
            .job(id)
            .unwrap()
            .executor_text(),
        "1002,1004"
    );
    run_until_idle(&mut c, SYS_TENANT_ID);
    assert!(c.tenant_backup(ORACLE).unwrap().job_history.is_empty());
    assert_eq!(last_history(&c, SYS_TENANT_ID).status, JobStatus::Completed);
    assert!(
        c.rs_events
            .iter()
            .any(|e| e.event == "handle_user_tenant_backup_failed" && e.tenant_id == ORACLE)
    );
}

#[test]
fn canceling_one_child_from_sys_makes_the_cluster_job_fail_with_4072() {
    let mut c = ready_cluster();
    let id = c.start_sys_backup(None, &full()).unwrap();
    c.advance(4 * SECOND);
    c.cancel_backup(&[ORACLE]);
    run_until_idle(&mut c, SYS_TENANT_ID);
    let h = last_history(&c, SYS_TENANT_ID);
    assert_eq!(
        (h.job_id, h.status, h.result),
        (id, JobStatus::Failed, -4072)
    );
    assert_eq!(last_history(&c, MYSQL).status, JobStatus::Completed);
}

#[test]
fn canceling_everything_from_sys_cancels_the_cluster_job() {
    let mut c = ready_cluster();
    c.start_sys_backup(None, &full()).unwrap();
    c.advance(4 * SECOND);
    c.cancel_backup(&[SYS_TENANT_ID, MYSQL, ORACLE]);
    run_until_idle(&mut c, SYS_TENANT_ID);
    let h = last_history(&c, SYS_TENANT_ID);
    assert_eq!((h.status, h.result), (JobStatus::Canceled, -4072));
    for t in [MYSQL, ORACLE] {
        run_until_idle(&mut c, t);
        assert_eq!(last_history(&c, t).status, JobStatus::Canceled);
    }
}

#[test]
fn noarchivelog_fails_a_running_backup_with_9029() {
    let mut c = ready_cluster();
    c.start_tenant_backup(MYSQL, &full()).unwrap();
    c.advance(6 * SECOND);
    c.set_archive_mode(MYSQL, false).unwrap();
    run_until_idle(&mut c, MYSQL);
    let h = last_history(&c, MYSQL);
    assert_eq!((h.status, h.result), (JobStatus::Failed, -9029));
    assert!(h.comment.starts_with(
        "(ROOTSERVICE)addr: 10.0.0.1:2882, result: -9029(log archive is not running), trace_id: "
    ));
    let set = c.tenant_backup(MYSQL).unwrap().set(1).unwrap();
    assert_eq!(
        (set.status, set.file_status, set.result),
        (SetStatus::Failed, FileStatus::Incomplete, -9029)
    );
}

#[test]
fn interrupted_archive_fails_a_running_backup_with_9027() {
    let mut c = ready_cluster();
    c.start_tenant_backup(MYSQL, &full()).unwrap();
    c.advance(6 * SECOND);
    assert!(c.interrupt_archive(MYSQL));
    assert_eq!(
        c.archive[&MYSQL].round_state(),
        Some(RoundState::Interrupted)
    );
    run_until_idle(&mut c, MYSQL);
    assert_eq!(last_history(&c, MYSQL).result, -9027);
}

#[test]
fn unreachable_or_full_destination_fails_the_backup() {
    let mut c = ready_cluster();
    c.start_tenant_backup(MYSQL, &full()).unwrap();
    c.advance(6 * SECOND);
    c.set_dest_unreachable("file:///backup/mysql/data", true);
    run_until_idle(&mut c, MYSQL);
    let h = last_history(&c, MYSQL);
    assert_eq!(h.result, -9070);
    assert!(
        h.comment
            .contains("module: BACKUP_DATA, result: -9070(can not connect to backup destination)")
    );
    c.set_dest_unreachable("file:///backup/mysql/data", false);
    c.set_dest_full("file:///backup/mysql/data", true);
    c.start_tenant_backup(MYSQL, &full()).unwrap();
    run_until_idle(&mut c, MYSQL);
    assert_eq!(last_history(&c, MYSQL).result, -9082);
}

#[test]
fn raising_ha_low_thread_score_shortens_a_backup() {
    let elapsed = |score: &str| {
        let mut c = ready_cluster();
        c.params.set(MYSQL, "ha_low_thread_score", score.into());
        c.start_tenant_backup(MYSQL, &full()).unwrap();
        run_until_idle(&mut c, MYSQL);
        let h = last_history(&c, MYSQL);
        h.end_ts - h.start_ts
    };
    let default = elapsed("0");
    let fast = elapsed("20");
    assert!(
        fast * 2 < default,
        "score 20 took {fast} µs vs default {default} µs"
    );
}

#[test]
fn a_stopped_observer_slows_copying() {
    let mut c = ready_cluster();
    let all = c.backup_throughput(MYSQL);
    c.set_server_active(1, false);
    assert_eq!(c.backup_throughput(MYSQL), all * 2 / 3);
}

#[test]
fn setting_data_backup_dest_while_a_job_exists_is_9036() {
    let mut c = ready_cluster();
    c.start_tenant_backup(MYSQL, &full()).unwrap();
    assert_eq!(
        c.set_data_backup_dest(MYSQL, "file:///other")
            .unwrap_err()
            .errno,
        9036
    );
}

#[test]
fn a_destination_of_another_kind_or_tenant_is_9081_and_a_foreign_directory_9080() {
    let mut c = ready_cluster();
    let e = c
        .set_data_backup_dest(MYSQL, "file:///backup/mysql/archive")
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "ERROR 9081 (HY000): format file does not match, try to set a new directory."
    );
    assert_eq!(
        c.set_data_backup_dest(ORACLE, "file:///backup/mysql/data")
            .unwrap_err()
            .errno,
        9081
    );
    c.medium.write("file:///junk/readme.txt".into(), 1);
    assert_eq!(
        c.set_data_backup_dest(MYSQL, "file:///junk")
            .unwrap_err()
            .errno,
        9080
    );
}

#[test]
fn dest_ids_follow_the_order_destinations_were_set() {
    let c = ready_cluster();
    assert_eq!(c.archive[&MYSQL].dest.as_ref().unwrap().dest_id, 1001);
    assert_eq!(
        c.tenant_backup(MYSQL)
            .unwrap()
            .data_dest
            .as_ref()
            .unwrap()
            .dest_id,
        1002
    );
}

#[test]
fn plus_archivelog_waits_for_the_archive_checkpoint_and_copies_log() {
    let mut c = ready_cluster();
    c.params
        .set(MYSQL, "log_archive_checkpoint_interval", "30s".into());
    let req = BackupRequest {
        plus_archivelog: true,
        ..full()
    };
    c.start_tenant_backup(MYSQL, &req).unwrap();
    run_until_idle(&mut c, MYSQL);
    let b = c.tenant_backup(MYSQL).unwrap();
    let task = b.task_history.last().unwrap();
    assert_eq!(b.job_history.last().unwrap().status, JobStatus::Completed);
    assert!(task.log_file_count >= 1 && task.finish_log_file_count == task.log_file_count);
    assert!(c.archive[&MYSQL].round.as_ref().unwrap().checkpoint_scn >= task.end_scn);
    assert!(b.set(1).unwrap().plus_archivelog);
    assert!(
        !c.medium
            .walk("file:///backup/mysql/data/backup_set_1_full/complement_log")
            .is_empty()
    );
}

#[test]
fn session_encryption_sets_password_mode_and_digest_on_job_task_and_set() {
    let mut c = ready_cluster();
    let req = BackupRequest {
        encryption: Encryption {
            passwd_digest: Some(passwd_digest("123456")),
        },
        ..full()
    };
    c.start_tenant_backup(MYSQL, &req).unwrap();
    run_until_idle(&mut c, MYSQL);
    let b = c.tenant_backup(MYSQL).unwrap();
    for enc in [
        &b.job_history[0].encryption,
        &b.task_history[0].encryption,
        &b.sets[0].encryption,
    ] {
        assert_eq!(
            (enc.mode(), enc.passwd()),
            ("PASSWORD", "*6bb4837eb74329105ee4568dda7dc67ed2ca2ad9")
        );
    }
}

#[test]
fn a_completed_set_leaves_the_documented_layout_on_the_medium() {
    let mut c = ready_cluster();
    c.start_tenant_backup(MYSQL, &full()).unwrap();
    run_until_idle(&mut c, MYSQL);
    let root = "file:///backup/mysql/data";
    let top: Vec<String> = c.medium.list(root).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        top,
        [
            "backup_set_1_full",
            "backup_sets",
            "check_file",
            "format.obbak"
        ]
    );
    let placeholders: Vec<String> = c
        .medium
        .list(&format!("{root}/backup_sets"))
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(placeholders.len(), 2);
    assert_eq!(
        placeholders[0],
        "backup_set_1_full_end_success_".to_string() + &placeholders[0][30..]
    );
    assert_eq!(placeholders[1], "backup_set_1_full_start.obbak");
    let set_dir: Vec<String> = c
        .medium
        .list(&format!("{root}/backup_set_1_full"))
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    for expected in [
        "infos",
        "logstream_1",
        "logstream_1001",
        "single_backup_set_info.obbak",
        "tenant_backup_set_infos.obbak",
    ] {
        assert!(
            set_dir.iter().any(|n| n == expected),
            "{expected} in {set_dir:?}"
        );
    }
    let archive_top: Vec<String> = c
        .medium
        .list("file:///backup/mysql/archive")
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert!(
        archive_top.contains(&"piece_d1001r1p1".to_string())
            && archive_top.contains(&"rounds".to_string())
    );
}

#[test]
fn same_seed_and_schedule_give_the_same_state_and_save_load_continues_identically() {
    let run = |save_midway: bool| {
        let mut c = ready_cluster();
        c.start_sys_backup(None, &full()).unwrap();
        c.advance(10 * SECOND);
        if save_midway {
            c = Cluster::load(&c.save()).unwrap();
        }
        c.advance(MINUTE);
        c.start_tenant_backup(MYSQL, &inc()).unwrap_or_default();
        c.advance(5 * MINUTE);
        c.state_hash()
    };
    assert_eq!(run(false), run(false));
    assert_eq!(run(false), run(true));
    assert_ne!(ready_cluster().state_hash(), small_cluster().state_hash());
}
