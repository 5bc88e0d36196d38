//! The macroblock map as the view shows it, over sessions driven by SQL.

use super::*;
use crate::session_log::{ClusterOptions, Fault};
use crate::shell::Shell;
use crate::sim::SECOND;

const T: u64 = 1002;
const BLOCKS: u32 = 2048;

fn run(sh: &mut Shell, sql: &str) -> String {
    let (entries, rest) = sh.run(sql);
    assert!(rest.is_empty(), "unterminated: {rest}");
    for e in &entries {
        assert!(!e.is_error, "{}{}", e.input, e.output);
    }
    entries.last().map(|e| e.output.clone()).unwrap_or_default()
}

/// mysql_tenant with destinations set and archiving DOING, logged on as its root.
fn ready(workload: u32) -> Shell {
    let mut sh = Shell::with_options(
        5,
        ClusterOptions {
            macro_blocks_per_tenant: BLOCKS,
            workload_rate: workload,
        },
    );
    run(
        &mut sh,
        "connect root@mysql_tenant\n\
         ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///b/archive';\n\
         ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///b/data';\n\
         ALTER SYSTEM ARCHIVELOG;\n\
         CREATE DATABASE shop;\n\
         CREATE TABLE shop.orders (id INT PRIMARY KEY, amount INT);\n\
         SELECT SLEEP(10);\n",
    );
    sh
}

fn states(sh: &Shell) -> (Vec<u8>, Counts) {
    let mut buf = vec![0xff; BLOCKS as usize];
    let counts = fill_states(&sh.cluster, T, &mut buf).unwrap();
    (buf, counts)
}

fn idle(sh: &Shell) -> bool {
    sh.cluster
        .tenant_backup(T)
        .is_some_and(|b| b.jobs.is_empty())
}

fn finish(sh: &mut Shell) {
    for _ in 0..1000 {
        if idle(sh) {
            return;
        }
        sh.cluster.advance(SECOND);
    }
    panic!("the backup did not finish");
}

fn task(sh: &Shell) -> Option<BackupTask> {
    let b = sh.cluster.tenant_backup(T)?;
    running(b).map(|(t, _)| t.clone())
}

/// Advances until the running set task has its copy plan.
fn until_planned(sh: &mut Shell) -> BackupTask {
    for _ in 0..20 {
        if let Some(t) = task(sh) {
            return t;
        }
        sh.cluster.advance(SECOND / 2);
    }
    panic!("no set task");
}

fn sys_blocks(sh: &Shell) -> u32 {
    sh.cluster.storage[&T].sys_block_range().end
}

#[test]
fn layout_groups_every_block_once_by_log_stream_and_tablet() {
    let sh = ready(0);
    let l = layout(&sh.cluster, T).unwrap();
    assert_eq!(l.block_count, BLOCKS);
    let ls: Vec<u64> = l.groups.iter().map(|g| g.ls_id).collect();
    assert_eq!(ls, [1, 1001, 1002, 1003]);
    assert!(l.groups[0].tablets.iter().all(|t| t.is_sys));
    assert!(
        l.groups[1..]
            .iter()
            .flat_map(|g| &g.tablets)
            .all(|t| !t.is_sys)
    );
    let mut seen = vec![0u8; BLOCKS as usize];
    for t in l.groups.iter().flat_map(|g| &g.tablets) {
        for b in t.first_block..t.first_block + t.block_count {
            seen[b as usize] += 1;
        }
    }
    assert!(seen.iter().all(|&n| n == 1));
    assert_eq!(
        l.groups.iter().map(LsGroup::block_count).sum::<u32>(),
        BLOCKS
    );
    assert!(
        layout(&sh.cluster, 1).is_none(),
        "sys has no macroblock map"
    );
}

#[test]
fn before_any_set_the_workload_s_blocks_are_changed_and_not_lit() {
    let mut sh = ready(20);
    sh.cluster.advance(5 * SECOND);
    let (buf, counts) = states(&sh);
    let written = sh.cluster.storage[&T].changed_since(0) as u32;
    assert!(written > 0);
    assert_eq!(counts.get(CHANGED), written);
    assert_eq!(counts.get(UNCHANGED), BLOCKS - written);
    assert_eq!(counts.lit, 0);
    let lw = &sh.cluster.storage[&T].last_write_scn;
    for (b, &s) in buf.iter().enumerate() {
        assert_eq!(s == CHANGED, lw[b] > 0, "block {b}");
    }
}

#[test]
fn dml_lights_exactly_the_blocks_it_wrote() {
    let mut sh = ready(0);
    assert_eq!(states(&sh).1.get(CHANGED), 0);
    run(
        &mut sh,
        "INSERT INTO shop.orders VALUES (1, 10), (2, 20), (3, 30), (4, 40);\n",
    );
    let (buf, counts) = states(&sh);
    let lw = &sh.cluster.storage[&T].last_write_scn;
    let written: Vec<usize> = (0..BLOCKS as usize).filter(|&b| lw[b] > 0).collect();
    assert!(!written.is_empty() && written.len() <= 4, "{written:?}");
    assert_eq!(counts.lit as usize, written.len());
    assert_eq!(counts.get(CHANGED) as usize, written.len());
    for b in written {
        assert_eq!(buf[b], CHANGED | LIT);
    }
}

fn rank(s: u8) -> u8 {
    match s & STATE_MASK {
        COPYING => 1,
        COPIED => 2,
        _ => 0,
    }
}

#[test]
fn a_full_backup_moves_every_block_to_copying_then_copied_in_order() {
    let mut sh = ready(20);
    run(&mut sh, "ALTER SYSTEM BACKUP DATABASE;\n");
    until_planned(&mut sh);
    let mut last = states(&sh).0;
    let mut seen_copying = vec![false; BLOCKS as usize];
    let mut partial = false;
    while task(&sh).is_some() {
        let t = task(&sh).unwrap();
        let (buf, counts) = states(&sh);
        assert_eq!(
            u64::from(counts.get(COPIED)),
            t.copy.finish_macro_block_count
        );
        assert_eq!(
            counts.get(COPYING) as usize,
            sh.cluster.copying_now(&t).len()
        );
        assert_eq!(counts.get(REUSED), 0, "a full set references nothing");
        partial |= counts.get(COPYING) > 0 && counts.get(COPIED) > 0;
        for (b, (&now, &before)) in buf.iter().zip(&last).enumerate() {
            assert!(rank(now) >= rank(before), "block {b} went back");
            seen_copying[b] |= now == COPYING;
        }
        // Copying follows the plan: sys tablets first, then user blocks in id order.
        let done = Cluster::copied_so_far(&t);
        assert!(done.iter().all(|&b| buf[b as usize] == COPIED));
        last = buf;
        sh.cluster.advance(SECOND);
    }
    assert!(partial, "never saw a backup half-way");
    assert!(
        seen_copying.iter().all(|&s| s),
        "every block is seen being copied"
    );
    finish(&mut sh);
    let (_, counts) = states(&sh);
    let set = latest_set(sh.cluster.tenant_backup(T).unwrap()).unwrap();
    let after = sh.cluster.storage[&T].changed_since(set.snapshot_scn) as u32;
    assert_eq!(counts.get(COPIED) + counts.get(COPYING), 0);
    assert_eq!(counts.get(CHANGED), after, "written after the snapshot");
    assert_eq!(counts.get(UNCHANGED), BLOCKS - after);
}

#[test]
fn the_next_incremental_copies_exactly_the_lit_blocks_and_references_the_rest() {
    let mut sh = ready(0);
    run(
        &mut sh,
        "INSERT INTO shop.orders VALUES (1, 10), (2, 20);\n",
    );
    run(&mut sh, "ALTER SYSTEM BACKUP DATABASE;\n");
    finish(&mut sh);
    assert_eq!(states(&sh).1.get(CHANGED), 0);
    run(
        &mut sh,
        "UPDATE shop.orders SET amount = amount + 1;\nINSERT INTO shop.orders VALUES (7, 70);\n",
    );
    let (before, counts) = states(&sh);
    let lit: Vec<usize> = (0..before.len())
        .filter(|&b| before[b] == CHANGED | LIT)
        .collect();
    assert!(!lit.is_empty());
    assert_eq!(counts.get(CHANGED) as usize, lit.len());
    let sys = sys_blocks(&sh);

    run(&mut sh, "ALTER SYSTEM BACKUP INCREMENTAL DATABASE;\n");
    let t = until_planned(&mut sh);
    let (buf, counts) = states(&sh);
    assert_eq!(t.plan.len(), sys as usize + lit.len());
    assert_eq!(counts.get(REUSED), BLOCKS - sys - lit.len() as u32);
    assert_eq!(counts.lit as usize, lit.len(), "still lit until copied");
    for &b in &lit {
        assert_eq!(buf[b], CHANGED | LIT);
    }
    while task(&sh).is_some_and(|t| t.status <= TaskStatus::BackupUserData) {
        sh.cluster.advance(SECOND);
    }
    let (buf, counts) = states(&sh);
    assert_eq!(counts.get(COPIED), sys + lit.len() as u32);
    assert_eq!(counts.lit, 0);
    for &b in &lit {
        assert_eq!(buf[b], COPIED);
    }
    finish(&mut sh);
    let out = run(
        &mut sh,
        "SELECT MACRO_BLOCK_COUNT FROM DBA_OB_BACKUP_SET_FILES WHERE BACKUP_SET_ID = 2;\n",
    );
    assert!(
        out.contains(&format!("| {:>17} |", sys as usize + lit.len())),
        "{out}"
    );
    let chain = set_chain(&sh.cluster, T);
    assert_eq!(chain[1].copied, u64::from(sys) + lit.len() as u64);
    assert_eq!(chain[1].referenced, u64::from(BLOCKS) - chain[1].copied);
}

#[test]
fn block_info_names_the_sets_that_hold_a_block() {
    let mut sh = ready(0);
    run(&mut sh, "ALTER SYSTEM BACKUP DATABASE;\n");
    finish(&mut sh);
    run(&mut sh, "INSERT INTO shop.orders VALUES (5, 50);\n");
    let (buf, _) = states(&sh);
    let lit = buf.iter().position(|&s| s == CHANGED | LIT).unwrap() as u32;
    let quiet = BLOCKS - 1;
    assert_ne!(lit, quiet);
    let info = block_info(&sh.cluster, T, lit).unwrap();
    assert_eq!(info.state, CHANGED | LIT);
    assert_eq!(
        info.tablet_id,
        sh.cluster.storage[&T].tablet_of(lit).unwrap().tablet_id
    );
    assert!(
        info.text()
            .contains("changed since the latest set, by a statement, last write SCN")
    );
    run(&mut sh, "ALTER SYSTEM BACKUP INCREMENTAL DATABASE;\n");
    until_planned(&mut sh);
    let q = block_info(&sh.cluster, T, quiet).unwrap();
    assert_eq!(q.state, REUSED);
    assert_eq!(q.sets.last().unwrap().hold, Hold::Refs(1));
    finish(&mut sh);
    run(&mut sh, "ALTER SYSTEM BACKUP INCREMENTAL DATABASE;\n");
    finish(&mut sh);
    let holds = |b| {
        block_info(&sh.cluster, T, b)
            .unwrap()
            .sets
            .iter()
            .map(|h| (h.set_id, h.full, h.hold))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        holds(lit),
        [
            (1, true, Hold::Copy),
            (2, false, Hold::Copy),
            (3, false, Hold::Ref(2))
        ]
    );
    assert_eq!(
        holds(quiet),
        [
            (1, true, Hold::Copy),
            (2, false, Hold::Ref(1)),
            (3, false, Hold::Ref(1))
        ]
    );
    let text = block_info(&sh.cluster, T, quiet).unwrap().text();
    assert!(
        text.starts_with(&format!("macroblock {quiet} · tablet ")),
        "{text}"
    );
    assert!(
        text.ends_with("in set 1 FULL (own copy), set 2 INC (reference to set 1), set 3 INC (reference to set 1)"),
        "{text}"
    );
}

#[test]
fn the_chain_marks_running_canceled_and_failed_sets() {
    let mut sh = ready(20);
    assert!(set_chain(&sh.cluster, T).is_empty());
    run(&mut sh, "ALTER SYSTEM BACKUP DATABASE;\n");
    until_planned(&mut sh);
    let chain = set_chain(&sh.cluster, T);
    assert_eq!(chain.len(), 1);
    assert_eq!(chain[0].status, ChainStatus::Running);
    assert_eq!(chain[0].planned, u64::from(BLOCKS));
    finish(&mut sh);
    run(&mut sh, "ALTER SYSTEM BACKUP INCREMENTAL DATABASE;\n");
    until_planned(&mut sh);
    run(&mut sh, "ALTER SYSTEM CANCEL BACKUP;\n");
    finish(&mut sh);
    run(&mut sh, "ALTER SYSTEM BACKUP DATABASE;\n");
    until_planned(&mut sh);
    sh.inject(Fault::DestFull {
        path: "file:///b/data".into(),
        on: true,
    });
    finish(&mut sh);
    let chain = set_chain(&sh.cluster, T);
    let summary: Vec<(u64, bool, ChainStatus, u64)> = chain
        .iter()
        .map(|s| (s.set_id, s.full, s.status, s.base))
        .collect();
    assert_eq!(
        summary,
        [
            (1, true, ChainStatus::Success, 0),
            (2, false, ChainStatus::Canceled, 1),
            (3, true, ChainStatus::Failed, 0),
        ]
    );
    assert_eq!(chain[0].copied, u64::from(BLOCKS));
    // A failed set is no base: the map still measures from set 1.
    let base = latest_set(sh.cluster.tenant_backup(T).unwrap()).unwrap();
    assert_eq!(base.backup_set_id, 1);
}

#[test]
fn short_buffers_unknown_tenants_and_blocks_are_no_error() {
    let sh = ready(0);
    let mut small = [0xffu8; 10];
    let counts = fill_states(&sh.cluster, T, &mut small).unwrap();
    assert_eq!(counts.by_state.iter().sum::<u32>(), 10);
    assert!(fill_states(&sh.cluster, 42, &mut small).is_none());
    assert!(block_info(&sh.cluster, T, BLOCKS).is_none());
    assert!(block_info(&sh.cluster, 42, 0).is_none());
    assert!(set_chain(&sh.cluster, 42).is_empty());
    assert_eq!(
        counts.text(),
        format!(
            "unchanged=10 changed=0 copying=0 copied=0 reused=0 lit=0 sys={}",
            sys_blocks(&sh)
        )
    );
}
