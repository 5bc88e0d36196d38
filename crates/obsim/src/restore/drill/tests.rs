//! The drill's facts from known engine states: a window broken by a stopped archive round, a
//! full + incremental chain, picks inside and outside the window answered as RESTORE answers
//! them, a tenant's stage through a restore and its activation, and the restore's progress.

use super::*;
use crate::shell::Shell;
use crate::sim::SECOND;

const MYSQL: u64 = 1002;
const FROM: &str = "file:///d/data,file:///d/archive";

const SETUP: &str = "\
ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///d/archive' TENANT = mysql_tenant;
ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///d/data' TENANT = mysql_tenant;
ALTER SYSTEM ARCHIVELOG TENANT = mysql_tenant;
SELECT SLEEP(10);
ALTER SYSTEM BACKUP TENANT = mysql_tenant;
SELECT SLEEP(300);
";

fn run(sh: &mut Shell, text: &str) -> String {
    sh.run_to_end(text)
        .iter()
        .map(|e| e.output.clone())
        .collect::<Vec<_>>()
        .join("")
}

/// A full backup, then archiving stopped for five minutes and started again.
fn with_gap() -> Shell {
    let mut sh = Shell::new(7);
    run(&mut sh, SETUP);
    run(
        &mut sh,
        "ALTER SYSTEM NOARCHIVELOG TENANT = mysql_tenant;\nSELECT SLEEP(300);\n\
         ALTER SYSTEM ARCHIVELOG TENANT = mysql_tenant;\nSELECT SLEEP(300);\n",
    );
    sh
}

/// A full backup, two minutes of writes, an incremental, two more minutes.
fn with_chain() -> Shell {
    let mut sh = Shell::new(8);
    run(&mut sh, SETUP);
    run(
        &mut sh,
        "ALTER SYSTEM BACKUP INCREMENTAL TENANT = mysql_tenant;\nSELECT SLEEP(300);\n",
    );
    sh
}

fn pick(sh: &Shell, scn: u64) -> RestorePick {
    sh.cluster.pick_restore_target(MYSQL, scn).unwrap()
}

#[test]
fn a_stopped_round_leaves_a_gap_the_window_does_not_cross() {
    let sh = with_gap();
    let t = sh.cluster.restore_timeline(MYSQL).unwrap();
    assert_eq!(t.tenant_name, "mysql_tenant");
    assert_eq!(t.data_root.as_deref(), Some("file:///d/data"));
    assert_eq!(t.archive_root.as_deref(), Some("file:///d/archive"));
    let states: Vec<&str> = t.rounds.iter().map(|r| r.state).collect();
    assert_eq!(states, ["STOP", "DOING"]);
    assert_eq!(
        t.gaps,
        [ArchiveGap {
            from_scn: t.rounds[0].checkpoint_scn,
            to_scn: t.rounds[1].start_scn
        }]
    );
    assert!(t.gaps[0].to_scn - t.gaps[0].from_scn >= 290 * SECOND * 1000);
    assert_eq!(t.sets.len(), 1);
    let full = &t.sets[0];
    assert_eq!(
        (full.backup_type, full.status, full.base),
        ("FULL", "SUCCESS", None)
    );
    assert_eq!(full.path, "file:///d/data/backup_set_1_full");
    // One interval: from the full's MIN_RESTORE_SCN to where round 1 stopped.
    assert_eq!(
        t.window.intervals,
        [(full.min_restore_scn, t.rounds[0].checkpoint_scn)]
    );
    assert!(
        t.pieces
            .iter()
            .all(|p| p.path.starts_with("file:///d/archive/piece_d1001r"))
    );
    assert!(t.origin_scn < full.min_restore_scn && full.min_restore_scn < t.current_scn);
    assert_eq!(
        t.window,
        sh.cluster
            .restore_window(MYSQL, "file:///d/data", "file:///d/archive")
    );
}

#[test]
fn a_pick_answers_what_restore_answers_inside_and_outside_the_window() {
    let mut sh = with_gap();
    let t = sh.cluster.restore_timeline(MYSQL).unwrap();
    let (lo, hi) = t.window.intervals[0];
    // Every 7 s across the whole axis: the pick is OK exactly where the window says so, and
    // SHOW RESTORE PREVIEW (the same plan) agrees.
    let mut scn = t.origin_scn;
    let (mut inside, mut outside) = (0, 0);
    while scn < t.current_scn {
        let p = pick(&sh, scn);
        let target = scn / 1000 * 1000;
        match &p {
            RestorePick::Ok(ok) => {
                inside += 1;
                assert!(t.reachable(target), "{scn}");
                assert_eq!(ok.target_scn, target);
                assert_eq!(ok.set_ids, [1]);
            }
            RestorePick::Err { error, target_scn } => {
                outside += 1;
                assert!(!t.reachable(target), "{scn}");
                assert_eq!(*target_scn, target);
                assert_eq!(error, "ERROR 4018 (HY000): No enough log for restore");
            }
        }
        scn += 7 * SECOND * 1000;
    }
    assert!(inside > 10 && outside > 10);
    // Inside: the statement runs as it is and its job restores to the picked SCN.
    let RestorePick::Ok(ok) = pick(&sh, (lo + hi) / 2) else {
        panic!("inside the window");
    };
    assert_eq!(ok.tenant_name, "mysql_tenant_restore");
    assert_eq!(ok.pool, "restore_pool");
    assert_eq!(ok.set_paths, ["file:///d/data/backup_set_1_full"]);
    assert_eq!(ok.piece_paths[0], "file:///d/archive/piece_d1001r1p1");
    assert!(!ok.needs_decryption);
    assert_eq!(
        ok.statement,
        format!(
            "ALTER SYSTEM RESTORE mysql_tenant_restore FROM '{FROM}' UNTIL TIME = '{}' \
             WITH 'pool_list=restore_pool';",
            ok.until_time
        )
    );
    assert_eq!(ok.until_time, scn_display(ok.target_scn));
    // In the gap: the error, and the statement prints it and creates no job.
    let gap = t.gaps[0];
    let RestorePick::Err { error, .. } = pick(&sh, (gap.from_scn + gap.to_scn) / 2) else {
        panic!("inside the gap");
    };
    let out = run(&mut sh, &ok.prepare.join("\n"));
    assert!(!out.contains("ERROR"), "{out}");
    let bad = ok.statement.replace(
        &ok.until_time,
        &scn_display((gap.from_scn + gap.to_scn) / 2),
    );
    assert_eq!(run(&mut sh, &bad).trim(), error);
    assert!(sh.cluster.restore_job_ids().is_empty());
    let out = run(&mut sh, &ok.statement);
    assert!(out.starts_with("Query OK"), "{out}");
    let job = sh.cluster.restore_job_ids()[0];
    let progress = sh.cluster.restore_progress(job).unwrap();
    assert_eq!(progress.restore_scn, ok.target_scn);
    assert_eq!(progress.backup_set_list, ok.set_paths.join(","));
    assert_eq!(progress.backup_piece_list, ok.piece_paths.join(","));
    // The next pick suggests another name and, the pool now taken, a new pool.
    let RestorePick::Ok(next) = pick(&sh, (lo + hi) / 2) else {
        panic!("inside the window");
    };
    assert_eq!(next.tenant_name, "mysql_tenant_restore2");
    assert_eq!(next.pool, "restore_pool2");
    assert_eq!(next.prepare.len(), 1, "the unit exists: only the pool");
}

#[test]
fn a_chain_shows_its_base_and_the_pick_reads_the_incremental_only_after_it() {
    let sh = with_chain();
    let t = sh.cluster.restore_timeline(MYSQL).unwrap();
    let kinds: Vec<(u64, &str, Option<u64>)> = t
        .sets
        .iter()
        .map(|s| (s.backup_set_id, s.backup_type, s.base))
        .collect();
    assert_eq!(kinds, [(1, "FULL", None), (2, "INC", Some(1))]);
    let (full, inc) = (&t.sets[0], &t.sets[1]);
    assert!(full.min_restore_scn < inc.start_replay_scn);
    let chains: Vec<Vec<u64>> = t
        .window
        .segments
        .iter()
        .map(|s| s.set_ids.clone())
        .collect();
    assert_eq!(chains, [vec![1], vec![1, 2]]);
    assert_eq!(t.window.intervals.len(), 1, "one archive round: no gap");
    let ids = |scn: u64| match pick(&sh, scn) {
        RestorePick::Ok(ok) => ok.set_ids,
        RestorePick::Err { error, .. } => panic!("{error}"),
    };
    assert_eq!(ids(inc.min_restore_scn - 1000), [1]);
    assert_eq!(ids(inc.min_restore_scn + 1000), [1, 2]);
    assert!(matches!(
        pick(&sh, full.min_restore_scn - 1000),
        RestorePick::Err { .. }
    ));
    assert!(
        sh.cluster.restore_timeline(1).is_none(),
        "sys has no timeline"
    );
    assert!(sh.cluster.pick_restore_target(4242, 1).is_none());
}

#[test]
fn an_encrypted_chain_asks_for_set_decryption_first() {
    let mut sh = Shell::new(9);
    run(
        &mut sh,
        &SETUP.replace(
            "ALTER SYSTEM BACKUP TENANT = mysql_tenant;",
            "connect root@mysql_tenant\nSET ENCRYPTION ON IDENTIFIED BY 'secret' ONLY;\n\
         ALTER SYSTEM BACKUP DATABASE;\nconnect root@sys",
        ),
    );
    let t = sh.cluster.restore_timeline(MYSQL).unwrap();
    assert!(t.sets[0].encrypted);
    let RestorePick::Ok(ok) = pick(&sh, t.window.intervals[0].1) else {
        panic!("inside the window");
    };
    assert!(ok.needs_decryption);
    run(&mut sh, &ok.prepare.join("\n"));
    assert_eq!(
        run(&mut sh, &ok.statement).trim(),
        "ERROR 9047 (HY000): invalid password for backup"
    );
    let out = run(
        &mut sh,
        &format!("SET DECRYPTION IDENTIFIED BY 'secret';\n{}", ok.statement),
    );
    assert!(
        out.contains("Query OK, 0 rows affected") && !out.contains("ERROR"),
        "{out}"
    );
}

#[test]
fn a_tenant_stage_follows_the_restore_and_the_activation() {
    let mut sh = with_chain();
    let src = sh.cluster.tenant_stage(MYSQL).unwrap();
    assert_eq!((src.status, src.role.as_str()), ("NORMAL", "PRIMARY"));
    let a = src.actions;
    assert!(a.backup && a.archive && a.write && !a.activate && !a.recover && !a.cancel_restore);
    assert_eq!((src.restore_status, src.restored_from), (None, None));
    let t = sh.cluster.restore_timeline(MYSQL).unwrap();
    let RestorePick::Ok(ok) = pick(&sh, t.window.intervals[0].1 - 30 * SECOND * 1000) else {
        panic!("inside the window");
    };
    run(
        &mut sh,
        &format!("{}\n{}", ok.prepare.join("\n"), ok.statement),
    );
    let id = sh.cluster.tenant_by_name(&ok.tenant_name).unwrap().id;
    let job = sh.cluster.restore_job_of(id).unwrap();
    let st = sh.cluster.tenant_stage(id).unwrap();
    assert_eq!((st.status, st.role.as_str()), ("RESTORE", "RESTORE"));
    assert_eq!(st.restored_from, Some(MYSQL));
    assert!(st.restore_status.is_some());
    let a = st.actions;
    assert!(a.cancel_restore && !a.backup && !a.archive && !a.write && !a.activate && !a.recover);
    // The restore runs: its stage only moves forward, its bytes only grow.
    let (mut stage, mut bytes, mut seen) = (0, 0, Vec::new());
    for _ in 0..600 {
        let p = sh.cluster.restore_progress(job).unwrap();
        assert!(
            p.stage.unwrap() >= stage && p.finish_bytes >= bytes,
            "{p:?}"
        );
        (stage, bytes) = (p.stage.unwrap(), p.finish_bytes);
        if seen.last() != Some(&p.state) {
            seen.push(p.state);
        }
        if p.finished {
            break;
        }
        sh.cluster.advance(SECOND);
    }
    let p = sh.cluster.restore_progress(job).unwrap();
    assert!(p.finished && p.succeeded, "{p:?}");
    assert_eq!((p.status, p.stage), ("SUCCESS", Some(7)));
    assert_eq!(p.finish_bytes, p.total_bytes);
    assert_eq!(p.finish_ls_count, p.ls_count);
    assert_eq!(p.recover_scn, Some(ok.target_scn));
    assert!(
        seen.contains(&"RESTORE_WAIT_LS") && seen.contains(&"POST_CHECK"),
        "{seen:?}"
    );
    let st = sh.cluster.tenant_stage(id).unwrap();
    assert_eq!(
        (st.status, st.role.as_str(), st.restore_status),
        ("NORMAL", "STANDBY", None)
    );
    assert_eq!(st.readable_scn, Some(ok.target_scn));
    let a = st.actions;
    assert!(a.activate && a.recover && !a.write && !a.cancel_restore);
    // The card's Activate is the console's: it runs, and the tenant becomes a writable primary.
    let out = run(
        &mut sh,
        &format!("ALTER SYSTEM ACTIVATE STANDBY TENANT = {};", ok.tenant_name),
    );
    assert!(out.starts_with("Query OK"), "{out}");
    let st = sh.cluster.tenant_stage(id).unwrap();
    assert_eq!((st.status, st.role.as_str()), ("NORMAL", "PRIMARY"));
    let a = st.actions;
    assert!(a.write && a.backup && !a.activate && !a.recover && !a.cancel_restore);
    assert!(sh.cluster.restore_progress(job + 1).is_none());
}
