//! The restore jobs end to end on a small cluster: the statement's checks in order, the two
//! jobs' states, the tenant's states, the data rebuilt, cancel, recover and activate.

use super::*;
use crate::backup::scheduler::BackupRequest;
use crate::backup::{BackupType, Encryption, passwd_digest};
use crate::resource::{MILLI, PoolSpec, UnitSpec};
use crate::restore::{RecoverUntil, RestoreSource, RestoreTarget};
use crate::session_log::ClusterOptions;
use crate::sim::MINUTE;

const MYSQL: u64 = 1002;
const DATA: &str = "file:///backup/data";
const ARCH: &str = "file:///backup/archive";

fn full(encryption: Encryption) -> BackupRequest {
    BackupRequest {
        backup_type: BackupType::Full,
        plus_archivelog: false,
        description: String::new(),
        encryption,
    }
}

fn idle(c: &mut Cluster) {
    for _ in 0..3000 {
        if c.backup[&MYSQL].jobs.is_empty() && c.restore.jobs.is_empty() {
            return;
        }
        c.advance(SECOND);
    }
    panic!("did not finish");
}

/// A 16 GiB unit and the pools `p1`, `p2` over all zones.
fn pools(c: &mut Cluster) {
    let spec = UnitSpec {
        max_cpu: Some(2 * MILLI),
        memory_size: Some(16 << 30),
        ..UnitSpec::default()
    };
    c.resources.create_unit("u", &spec, false, 0).unwrap();
    let zones: Vec<String> = c.zones.iter().map(|z| z.name.clone()).collect();
    for p in ["p1", "p2"] {
        let pool = PoolSpec {
            unit: Some("u".into()),
            ..PoolSpec::default()
        };
        c.resources
            .create_pool(p, &pool, false, &zones, 1, 0)
            .unwrap();
    }
}

/// Archive DOING, a full backup, then more writes, then an incremental.
fn backed_up(encryption: Encryption) -> Cluster {
    let mut c = Cluster::with_options(
        5,
        ClusterOptions {
            macro_blocks_per_tenant: 1024,
            workload_rate: 30,
        },
    );
    pools(&mut c);
    c.set_log_archive_dest(MYSQL, &format!("LOCATION={ARCH}"))
        .unwrap();
    c.set_data_backup_dest(MYSQL, DATA).unwrap();
    c.set_archive_mode(MYSQL, true).unwrap();
    c.params
        .set(MYSQL, "log_archive_checkpoint_interval", "5s".into());
    c.advance(20 * SECOND);
    c.start_tenant_backup(MYSQL, &full(encryption.clone()))
        .unwrap();
    idle(&mut c);
    c.advance(MINUTE);
    c.start_tenant_backup(
        MYSQL,
        &BackupRequest {
            backup_type: BackupType::Inc,
            ..full(encryption)
        },
    )
    .unwrap();
    idle(&mut c);
    c.advance(MINUTE);
    c
}

fn request(name: &str, until: RestoreTarget) -> RestoreRequest {
    RestoreRequest {
        tenant_name: name.into(),
        source: RestoreSource::From(format!("{DATA},{ARCH}")),
        until,
        options: "pool_list=p1".into(),
        ..RestoreRequest::default()
    }
}

fn err(c: &mut Cluster, r: &RestoreRequest) -> String {
    c.start_restore(r).unwrap_err().to_string()
}

#[test]
fn a_restore_goes_through_both_jobs_states_and_rebuilds_the_source_as_of_its_scn() {
    let mut c = backed_up(Encryption::default());
    let inc = c.backup[&MYSQL].set(2).unwrap().clone();
    let target = inc.min_restore_scn + 20 * SECOND * 1000;
    let plan = c
        .plan_restore(
            &RestoreSource::From(format!("{DATA},{ARCH}")),
            &RestoreTarget::Scn(target),
            None,
        )
        .unwrap();
    let ids: Vec<u64> = plan.choice.sets.iter().map(|s| s.backup_set_id).collect();
    assert_eq!(ids, [1, 2]);
    assert_eq!(
        plan.choice.pieces[0].path(),
        format!("{ARCH}/piece_d1001r1p1")
    );
    let (result, waited) = c.restore_tenant(&request("mysql_r", RestoreTarget::Scn(target)));
    let job_id = result.unwrap();
    assert!((8 * SECOND..=16 * SECOND).contains(&waited), "{waited}");
    let t = c.tenant_by_name("mysql_r").unwrap().clone();
    assert_eq!(
        (t.id, t.status, t.role.as_str()),
        (1006, TenantStatus::Restore, "RESTORE")
    );
    assert_eq!(c.tenant(1005).unwrap().status, TenantStatus::Normal);
    assert_eq!(c.resources.pool("p1").unwrap().tenant_id, Some(1006));
    // Both jobs, one id; the states in order.
    let mut sys_seen = Vec::new();
    let mut user_seen = Vec::new();
    for _ in 0..600 {
        for j in &c.restore.jobs {
            let seen = if j.is_sys() {
                &mut sys_seen
            } else {
                &mut user_seen
            };
            if seen.last() != Some(&j.status) {
                seen.push(j.status);
            }
        }
        if c.restore.jobs.is_empty() {
            break;
        }
        c.advance(SECOND / 2);
    }
    use RestoreStatus::*;
    assert_eq!(
        sys_seen,
        [WaitTenantRestoreFinish, RestoreSuccess],
        "the sys job"
    );
    assert_eq!(
        user_seen,
        [
            RestorePre,
            RestoreCreateInitLs,
            WaitRestoreToConsistentScn,
            RestoreWaitLs,
            PostCheck,
            Upgrade,
            RestoreSuccess
        ],
        "the user job"
    );
    let h: Vec<(u64, u64, bool)> = c
        .restore
        .history
        .iter()
        .map(|j| (j.tenant_id, j.job_id, j.succeeded))
        .collect();
    assert_eq!(h, [(1006, job_id, true), (1, job_id, true)]);
    assert_eq!(
        c.restore.history[1].backup_set_list,
        format!("{DATA}/backup_set_1_full,{DATA}/backup_set_2_inc")
    );
    let t = c.tenant_by_name("mysql_r").unwrap();
    assert_eq!(
        (t.status, t.role.as_str()),
        (TenantStatus::Normal, "STANDBY")
    );
    assert_eq!(
        c.storage[&1006].last_write_scn,
        c.storage[&MYSQL].blocks_as_of(target)
    );
    assert_ne!(
        c.storage[&1006].last_write_scn, c.storage[&MYSQL].last_write_scn,
        "later writes are not restored"
    );
    assert!(c.is_read_only(1006));
    // The standby follows the archive once told to, up to where it is told.
    let before = c.restore.recovery(1006).unwrap().readable_scn;
    c.advance(MINUTE);
    assert_eq!(c.restore.recovery(1006).unwrap().readable_scn, before);
    c.recover_standby(1006, RecoverUntil::Unlimited).unwrap();
    c.advance(MINUTE);
    let after = c.restore.recovery(1006).unwrap().readable_scn;
    assert!(after > before + 30 * SECOND * 1000, "{before} -> {after}");
    assert_eq!(
        c.storage[&1006].last_write_scn,
        c.storage[&MYSQL].blocks_as_of(after)
    );
    assert_eq!(
        c.recover_standby(1006, RecoverUntil::Scn(before))
            .unwrap_err()
            .to_string(),
        "ERROR 4179 (HY000): recover before tenant sync_scn sync_scn is not allowed"
    );
    let took = c.activate_standby(1006, false).unwrap();
    assert!((SECOND..=2 * SECOND).contains(&took));
    assert_eq!(c.tenant(1006).unwrap().role, "PRIMARY");
    assert!(!c.is_read_only(1006));
    assert_eq!(
        c.recover_standby(1006, RecoverUntil::Unlimited)
            .unwrap_err()
            .to_string(),
        "ERROR 4179 (HY000): tenant role is not STANDBY, recover is not allowed"
    );
}

#[test]
fn a_restore_without_until_goes_to_the_newest_archived_point() {
    let mut c = backed_up(Encryption::default());
    let plan = c
        .plan_restore(
            &RestoreSource::From(format!("{DATA},{ARCH}")),
            &RestoreTarget::Latest,
            None,
        )
        .unwrap();
    assert_eq!(
        plan.choice.restore_scn,
        c.archive[&MYSQL].round.as_ref().unwrap().checkpoint_scn
    );
    c.restore_tenant(&request("r2", RestoreTarget::Latest))
        .0
        .unwrap();
    idle(&mut c);
    assert!(c.restore.history.iter().all(|j| j.succeeded));
}

#[test]
fn the_checks_come_in_oceanbases_order() {
    let mut c = backed_up(Encryption::default());
    // A bad path is reported before an existing name (R§3.3).
    let mut r = request("mysql_tenant", RestoreTarget::Latest);
    r.source = RestoreSource::From("nfs://x".into());
    assert_eq!(
        err(&mut c, &r),
        "ERROR 9026 (HY000): nfs://x is not a valid uri"
    );
    r.source = RestoreSource::From("file:///nothing/here".into());
    assert_eq!(
        err(&mut c, &r),
        "ERROR 9120 (HY000): cannot find object on object storage"
    );
    assert_eq!(
        err(&mut c, &request("mysql_tenant", RestoreTarget::Latest)),
        "ERROR 4179 (HY000): restore tenant with existed tenant name is not allowed"
    );
    let before_full = c.backup[&MYSQL].set(1).unwrap().min_restore_scn - 1;
    assert_eq!(
        err(&mut c, &request("r", RestoreTarget::Scn(before_full))),
        "ERROR 4018 (HY000): No enough log for restore"
    );
    let beyond = c.current_scn() + 3_600 * SECOND * 1000;
    assert_eq!(
        err(&mut c, &request("r", RestoreTarget::Scn(beyond))),
        "ERROR 4018 (HY000): No enough log for restore"
    );
    // Only a data root, and no set with its own log: no complement log either.
    let mut r = request("r", RestoreTarget::Latest);
    r.source = RestoreSource::From(DATA.into());
    assert_eq!(
        err(&mut c, &r),
        "ERROR 4018 (HY000): No enough log for restore"
    );
    let mut r = request("r", RestoreTarget::Time("yesterday".into()));
    assert_eq!(err(&mut c, &r), "ERROR 1210 (HY000): Invalid argument");
    r.until = RestoreTarget::Latest;
    r.options = "primary_zone=zone1".into();
    assert_eq!(err(&mut c, &r), "ERROR 1210 (HY000): Invalid argument");
    r.options = "pool_list=p1&concurrency=101".into();
    assert_eq!(
        err(&mut c, &r),
        "ERROR 1210 (HY000): Incorrect arguments to restore concurrency"
    );
    r.options = "pool_list=nopool".into();
    assert_eq!(
        err(&mut c, &r),
        "ERROR 4650 (HY000): resource pool 'nopool' not exist"
    );
    r.options = "pool_list=p1&locality=F@z1".into();
    assert_eq!(
        err(&mut c, &r),
        "ERROR 1210 (HY000): Incorrect arguments to locality"
    );
    r.options = "pool_list=p1&locality=C@zone1".into();
    assert_eq!(
        err(&mut c, &r),
        "ERROR 1235 (0A000): restore tenant with COLUMNSTORE replica in locality is not supported"
    );
    c.upgrading = true;
    assert_eq!(
        err(&mut c, &request("r", RestoreTarget::Latest)),
        "ERROR 4179 (HY000): in upgrade mode not allowed"
    );
    c.upgrading = false;
    assert!(c.restore.jobs.is_empty() && c.restore.last_job_id == 0);
    c.start_restore(&request("r", RestoreTarget::Latest))
        .unwrap();
    let mut again = request("R", RestoreTarget::Latest);
    again.options = "pool_list=p2".into();
    assert_eq!(
        err(&mut c, &again),
        "ERROR 9014 (HY000): Another restore is in progress"
    );
}

#[test]
fn a_pool_granted_meanwhile_fails_the_blocked_statement_with_9099() {
    let mut c = backed_up(Encryption::default());
    c.restore_tenant(&request("r1", RestoreTarget::Latest))
        .0
        .unwrap();
    let (result, waited) = c.restore_tenant(&request("r2", RestoreTarget::Latest));
    let e = result.unwrap_err();
    assert_eq!(e.errno, 9099);
    assert!(
        e.message
            .starts_with("r2 restore failed, ROOTSERVICE : OB_RESOURCE_POOL_ALREADY_GRANTED(-4626) on 10.0.0.1:2882 with traceid YB420A000001-"),
        "{}",
        e.message
    );
    assert!(waited > 8 * SECOND);
    assert!(c.tenant_by_name("r2").is_none());
    let sys: Vec<&RestoreJob> = c
        .restore
        .history
        .iter()
        .filter(|j| j.restore_tenant_name == "r2")
        .collect();
    assert_eq!(sys.len(), 1, "only the sys row");
    assert_eq!((sys[0].tenant_id, sys[0].result), (1, -4626));
}

#[test]
fn every_set_read_needs_its_password() {
    let mut c = backed_up(Encryption {
        passwd_digest: Some(passwd_digest("secret")),
    });
    assert_eq!(
        c.start_restore(&request("r", RestoreTarget::Latest))
            .unwrap_err()
            .errno,
        9047
    );
    let mut r = request("r", RestoreTarget::Latest);
    r.decryption_digests = vec![passwd_digest("wrong"), passwd_digest("secret")];
    assert!(c.start_restore(&r).is_ok());
}

#[test]
fn cancel_drops_a_tenant_in_restore_and_the_sys_job_fails_with_5157() {
    let mut c = backed_up(Encryption::default());
    assert_eq!(
        c.cancel_restore("nosuch").unwrap_err().to_string(),
        "ERROR 5157 (HY000): Unknown tenant 'nosuch'"
    );
    assert_eq!(
        c.cancel_restore("mysql_tenant").unwrap_err().to_string(),
        "ERROR 4179 (HY000): Cancel tenant not in restore is not allowed"
    );
    c.restore_tenant(&request("r", RestoreTarget::Latest))
        .0
        .unwrap();
    c.cancel_restore("r").unwrap();
    assert!(c.tenant_by_name("r").is_none() && c.tenant(1005).is_none());
    assert_eq!(c.resources.pool("p1").unwrap().tenant_id, None);
    idle(&mut c);
    assert_eq!(
        c.restore.history.len(),
        1,
        "the user job went with its tenant"
    );
    let h = &c.restore.history[0];
    assert_eq!((h.tenant_id, h.succeeded, h.result), (1, false, -5157));
    assert!(
        h.comment
            .starts_with("ROOTSERVICE : OB_TENANT_NOT_EXIST(-5157)")
    );
    c.advance(MINUTE);
    assert!(c.tenant_by_name("r").is_none());
    // A new restore takes a new tenant id.
    c.restore_tenant(&request("r", RestoreTarget::Latest))
        .0
        .unwrap();
    assert_eq!(c.tenant_by_name("r").unwrap().id, 1008);
}

#[test]
fn an_unreachable_destination_fails_the_user_job_and_leaves_the_tenant_in_restore() {
    let mut c = backed_up(Encryption::default());
    c.restore_tenant(&request("r", RestoreTarget::Latest))
        .0
        .unwrap();
    c.set_dest_unreachable(DATA, true);
    idle(&mut c);
    let t = c.tenant_by_name("r").unwrap();
    assert_eq!(t.status, TenantStatus::Restore);
    assert!(c.restore.history.iter().all(|j| !j.succeeded));
    let user = c.restore.history.iter().find(|j| !j.is_sys()).unwrap();
    assert!(user.comment.contains("module: RESTORE_DATA, result: -9070"));
    assert_eq!(
        c.restore
            .history
            .iter()
            .find(|j| j.is_sys())
            .unwrap()
            .result,
        -4000
    );
    c.cancel_restore("r").unwrap();
}

#[test]
fn a_set_the_cleanup_starts_deleting_fails_the_restore_that_reads_it() {
    let mut c = backed_up(Encryption::default());
    c.restore_tenant(&request("r", RestoreTarget::Latest))
        .0
        .unwrap();
    // The cleanup marks the FULL DELETING while the data is still being copied.
    if let Some(s) = c
        .backup
        .get_mut(&MYSQL)
        .and_then(|b| b.sets.iter_mut().find(|s| s.backup_set_id == 1))
    {
        s.file_status = FileStatus::Deleting;
    }
    idle(&mut c);
    let user = c.restore.history.iter().find(|j| !j.is_sys()).unwrap();
    assert!(!user.succeeded);
    assert_eq!(
        user.comment,
        "physical restore run concurrently with backup data clean, please check backup and archive jobs;"
    );
    let sys = c.restore.history.iter().find(|j| j.is_sys()).unwrap();
    assert_eq!(
        (sys.succeeded, sys.comment.as_str()),
        (false, user.comment.as_str())
    );
    assert_eq!(c.tenant_by_name("r").unwrap().status, TenantStatus::Restore);
}

#[test]
fn the_sys_job_belongs_to_the_sys_tenant() {
    assert_eq!(crate::restore::SYS_JOB_TENANT, SYS_TENANT_ID);
}

#[test]
fn options_parse_as_the_reference_says() {
    let o = parse_options("POOL_LIST=a,b&Locality=F@zone1&primary_zone=zone1&method=quick&x=y")
        .unwrap();
    assert_eq!(o.pools, ["a", "b"]);
    assert_eq!(o.method, RestoreMethod::Quick);
    for bad in [
        "",
        "pool_list=a b",
        "pool_list",
        "pool_list=a&method=slow",
        "locality=F@z1",
    ] {
        assert_eq!(parse_options(bad).unwrap_err().errno, 1210, "{bad}");
    }
}
