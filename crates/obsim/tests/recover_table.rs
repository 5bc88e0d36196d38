//! RECOVER TABLE through the client, end to end (R§12): the three state machines in
//! OceanBase's order, the rows imported as of the restore SCN under their REMAP names, the
//! checks in OceanBase's order (a failing statement changes nothing), CANCEL at any moment
//! leaving no auxiliary tenant behind, and a session log that replays to the same state.

use obsim::shell::{Shell, transcript};
use obsim::sim::SECOND;
use obsim::userdata::UserData;
use obsim::{Cluster, CompatMode};
use std::collections::BTreeMap;

const MYSQL: u64 = 1002;
const FROM: &str = "FROM 'file:///data/nfs/backup/data,file:///data/nfs/backup/archive'";

/// Runs `text` and returns what the client printed.
fn run(shell: &mut Shell, text: &str) -> String {
    transcript(&shell.run(&format!("{text}\n")).0, CompatMode::MySql)
}

/// The last line the client printed for the statement (its error, or `Query OK`).
fn answer(shell: &mut Shell, text: &str) -> String {
    let out = run(shell, text);
    out.lines()
        .rfind(|l| l.starts_with("ERROR") || l.starts_with("Query OK"))
        .unwrap_or_default()
        .to_string()
}

/// Two tables backed up, archived, then changed after a point whose SCN is returned; a unit
/// and the unused pool `aux_pool`; the session ends connected to sys.
fn world() -> (Shell, u64) {
    let mut shell = Shell::new(7);
    run(
        &mut shell,
        "connect root@mysql_tenant
CREATE DATABASE shop;
CREATE DATABASE shop2;
CREATE TABLE shop.orders (id INT PRIMARY KEY, amount INT);
CREATE TABLE shop.items (id INT PRIMARY KEY, name VARCHAR(20));
INSERT INTO shop.orders VALUES (1, 10), (2, 20);
INSERT INTO shop.items VALUES (1, 'a');
ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///data/nfs/backup/archive';
ALTER SYSTEM ARCHIVELOG;
ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///data/nfs/backup/data';
SELECT SLEEP(10);
ALTER SYSTEM BACKUP DATABASE;
SELECT SLEEP(120);
INSERT INTO shop.orders VALUES (3, 30);
SELECT SLEEP(30);",
    );
    let until = shell.cluster.current_scn();
    run(
        &mut shell,
        "SELECT SLEEP(30);
DELETE FROM shop.orders WHERE id = 1;
INSERT INTO shop.items VALUES (2, 'b');
SELECT SLEEP(150);
connect root@sys
CREATE RESOURCE UNIT unit_aux MAX_CPU 8, MEMORY_SIZE = '16G';
CREATE RESOURCE POOL aux_pool UNIT = 'unit_aux', UNIT_NUM = 1, ZONE_LIST = ('zone1');",
    );
    (shell, until)
}

/// The statuses each row went through, sampled every half second until nothing runs.
#[derive(Default, Debug)]
struct Seen {
    sys: Vec<String>,
    target: Vec<String>,
    import: Vec<String>,
    task: Vec<String>,
}

fn push(v: &mut Vec<String>, s: &str) {
    if v.last().map(String::as_str) != Some(s) {
        v.push(s.to_string());
    }
}

fn watch(c: &mut Cluster) -> Seen {
    let mut seen = Seen::default();
    for _ in 0..1000 {
        let r = &c.restore.recover;
        for j in &r.jobs {
            let v = if j.is_sys() {
                &mut seen.sys
            } else {
                &mut seen.target
            };
            push(v, j.status.as_str());
        }
        for j in &r.import_jobs {
            push(&mut seen.import, j.status.as_str());
        }
        for t in r.tasks.iter().filter(|t| t.task_id == r.tasks[0].task_id) {
            push(&mut seen.task, t.status.as_str());
        }
        if r.jobs.is_empty() {
            return seen;
        }
        c.advance(SECOND / 2);
    }
    panic!("the recover job did not end: {seen:?}");
}

fn rows(d: &UserData, db: &str, t: &str) -> BTreeMap<Vec<u8>, Vec<obsim::value::Value>> {
    d.table(db, t).map(|t| t.rows.clone()).unwrap_or_default()
}

#[test]
fn states_follow_oceanbases_order_and_rows_come_back_as_of_the_until_scn() {
    let (mut shell, until) = world();
    let ok = answer(
        &mut shell,
        &format!(
            "ALTER SYSTEM RECOVER TABLE shop.* TO mysql_tenant {FROM} UNTIL SCN = {until} \
             WITH 'pool_list=aux_pool' REMAP TABLE shop.`*`:shop2.`*`;"
        ),
    );
    assert!(ok.starts_with("Query OK"), "{ok}");
    let aux = shell.cluster.restore.recover.jobs[0]
        .aux_tenant_name
        .clone();
    assert!(aux.starts_with("AUX_RECOVER$"), "{aux}");
    let seen = watch(&mut shell.cluster);
    assert_eq!(seen.sys, ["PREPARE", "RECOVERING"]);
    assert_eq!(
        seen.target,
        [
            "PREPARE",
            "RESTORE_AUX_TENANT",
            "ACTIVE_AUX_TENANT",
            "GEN_IMPORT_JOB",
            "IMPORTING"
        ]
    );
    assert_eq!(
        seen.import,
        [
            "INIT",
            "IMPORT_TABLE",
            "RECONSTRUCT_REF_CONSTRAINT",
            "IMPORT_FINISH"
        ]
    );
    assert_eq!(seen.task, ["INIT", "DOING", "FINISH"]);
    let c = &shell.cluster;
    let r = &c.restore.recover;
    let ended: Vec<&str> = r.job_history.iter().map(|j| j.status.as_str()).collect();
    assert_eq!(ended, ["COMPLETED", "COMPLETED"]);
    assert!(r.import_jobs.is_empty() && r.tasks.is_empty());
    assert_eq!(r.task_history.len(), 2);
    assert!(r.task_history.iter().all(|t| !t.failed));
    // The aux restore is a normal one, in the restore history; the aux tenant is gone and its
    // pool unused again.
    assert!(
        c.restore
            .history
            .iter()
            .any(|j| j.restore_tenant_name == aux && j.is_sys())
    );
    assert!(c.tenant_by_name(&aux).is_none());
    assert_eq!(c.resources.pool("aux_pool").unwrap().tenant_id, None);
    // Every table of shop, into shop2, as of the UNTIL SCN: row 3 (archive only) in, row 1
    // still there, item 2 (written later) absent.
    let data = &c.user_data[&MYSQL];
    let then = data.as_of(until, &UserData::new_mysql());
    for t in ["orders", "items"] {
        assert_eq!(rows(data, "shop2", t), rows(&then, "shop", t), "{t}");
        assert!(!rows(data, "shop2", t).is_empty());
    }
    assert_eq!(rows(data, "shop2", "orders").len(), 3);
    assert_eq!(rows(data, "shop2", "items").len(), 1);
    // The session log replays to the same state.
    let (again, _) = obsim::replay::replay(&shell.log()).expect("replays");
    let mut later = shell.cluster.clone();
    let mut replayed = again.cluster.clone();
    let t = later.now().max(replayed.now());
    later.advance(t - later.now());
    replayed.advance(t - replayed.now());
    assert_eq!(replayed.state_hash(), later.state_hash());
}

/// What a failing statement must leave alone.
fn state(c: &Cluster) -> String {
    format!(
        "{:?}{:?}{:?}{:?}",
        c.restore, c.tenants, c.resources, c.user_data
    )
}

#[test]
fn checks_come_in_oceanbases_order_and_a_failing_statement_changes_nothing() {
    let (mut shell, _) = world();
    let with = "WITH 'pool_list=aux_pool'";
    let cases: Vec<(String, &str)> = vec![
        // Resolver: partition, then a duplicate REMAP, before anything the RootService checks.
        (
            format!(
                "ALTER SYSTEM RECOVER TABLE shop.orders PARTITION (p0) TO nosuch {FROM} {with} REMAP TABLE shop.orders:a, shop.orders:b;"
            ),
            "ERROR 1235 (0A000): recover partition not supported",
        ),
        (
            format!(
                "ALTER SYSTEM RECOVER TABLE shop.orders TO nosuch {FROM} {with} REMAP TABLE shop.items:a, shop.items:b;"
            ),
            "ERROR 4179 (HY000): duplicate REMAP TABLE is not allowed",
        ),
        (
            format!(
                "ALTER SYSTEM RECOVER TABLE shop.orders TO mysql_tenant {FROM} UNTIL SCN = 1 {with};"
            ),
            "ERROR 1210 (HY000): Incorrect arguments to until scn, it should be positive integer",
        ),
        // RootService: the target tenant before the restore checks and the REMAPs.
        (
            format!(
                "ALTER SYSTEM RECOVER TABLE shop.orders TO nosuch {FROM} WITH 'pool_list=nopool' REMAP TABLE shop.items:a;"
            ),
            "ERROR 5157 (HY000): Unknown tenant 'nosuch'",
        ),
        (
            format!("ALTER SYSTEM RECOVER TABLE shop.orders TO sys {FROM} {with};"),
            "ERROR 1210 (HY000): Incorrect arguments to TENANT, it must be user tenant",
        ),
        // The aux tenant's restore checks before the REMAPs and the target's schema.
        (
            format!(
                "ALTER SYSTEM RECOVER TABLE shop.orders TO mysql_tenant {FROM} WITH 'pool_list=nopool' REMAP TABLE shop.items:a;"
            ),
            "ERROR 4650 (HY000): resource pool 'nopool' not exist",
        ),
        (
            format!(
                "ALTER SYSTEM RECOVER TABLE shop.orders TO mysql_tenant {FROM} {with} REMAP TABLE shop.items:a;"
            ),
            "ERROR 1235 (0A000): remap not exist recover table not supported",
        ),
        (
            format!(
                "ALTER SYSTEM RECOVER TABLE shop.orders TO mysql_tenant {FROM} {with} REMAP TABLE shop.orders:shop2.`*`;"
            ),
            "ERROR 1210 (HY000): Invalid argument",
        ),
        (
            format!(
                "ALTER SYSTEM RECOVER TABLE shop.* TO mysql_tenant {FROM} {with} REMAP TABLE shop.`*`:nodb.`*`;"
            ),
            "ERROR 1049 (42000): Unknown database 'nodb'",
        ),
        (
            format!("ALTER SYSTEM RECOVER TABLE shop.orders TO mysql_tenant {FROM} {with};"),
            "ERROR 1050 (42S01): Table 'shop.orders' already exists",
        ),
        (
            format!("ALTER SYSTEM RECOVER TABLE shop.orders TO mysql_tenant {with};"),
            "ERROR 1210 (HY000): Invalid argument",
        ),
    ];
    for (sql, want) in &cases {
        let before = state(&shell.cluster);
        assert_eq!(&answer(&mut shell, sql), want, "{sql}");
        assert_eq!(state(&shell.cluster), before, "{sql} changed the state");
    }
    // Upgrade mode comes first among the RootService checks.
    shell.cluster.begin_upgrade();
    assert_eq!(
        answer(
            &mut shell,
            &format!("ALTER SYSTEM RECOVER TABLE shop.orders TO nosuch {FROM} {with};")
        ),
        "ERROR 4179 (HY000): Cluster is in upgrade mode, recover table is not allowed"
    );
    shell.cluster.finish_upgrade("4.3.3.0");
    // One job per target.
    let start = format!(
        "ALTER SYSTEM RECOVER TABLE shop.orders TO mysql_tenant {FROM} {with} REMAP TABLE shop.orders:o2;"
    );
    assert!(answer(&mut shell, &start).starts_with("Query OK"));
    let before = state(&shell.cluster);
    assert_eq!(
        answer(&mut shell, &start.replace("o2", "o3")),
        "ERROR 4179 (HY000): recover table when recover table job exists is not allowed"
    );
    assert_eq!(state(&shell.cluster), before);
    // The user tenant is refused first, whatever else is wrong.
    run(&mut shell, "connect root@mysql_tenant");
    assert_eq!(
        answer(
            &mut shell,
            &format!(
                "ALTER SYSTEM RECOVER TABLE shop.orders PARTITION (p) TO nosuch {FROM} {with};"
            )
        ),
        "ERROR 4179 (HY000): user tenant initiate recover table is not allowed"
    );
    assert_eq!(
        answer(&mut shell, "ALTER SYSTEM CANCEL RECOVER TABLE nosuch;"),
        "ERROR 4179 (HY000): user tenant cancel recover table is not allowed"
    );
}

#[test]
fn cancel_at_any_moment_ends_the_job_failed_and_leaves_no_aux_tenant() {
    let (mut shell, _) = world();
    let base = shell.cluster.clone();
    let start = format!(
        "ALTER SYSTEM RECOVER TABLE shop.orders TO mysql_tenant {FROM} WITH 'pool_list=aux_pool' \
         REMAP TABLE shop.orders:orders_back;"
    );
    let mut outcomes = Vec::new();
    for after in (0..90).step_by(3) {
        shell.cluster = base.clone();
        assert!(answer(&mut shell, &start).starts_with("Query OK"));
        shell.cluster.advance(after * SECOND);
        assert!(
            answer(
                &mut shell,
                "ALTER SYSTEM CANCEL RECOVER TABLE mysql_tenant;"
            )
            .starts_with("Query OK")
        );
        watch(&mut shell.cluster);
        // Let any restore step still queued run out.
        shell.cluster.advance(60 * SECOND);
        let c = &shell.cluster;
        let r = &c.restore.recover;
        assert!(r.jobs.is_empty() && r.import_jobs.is_empty() && r.tasks.is_empty());
        assert!(
            c.tenants
                .iter()
                .all(|t| !t.name.starts_with("AUX_RECOVER$")),
            "an aux tenant is left after a cancel at {after} s"
        );
        assert!(c.restore.jobs.is_empty(), "a restore still runs");
        assert_eq!(c.resources.pool("aux_pool").unwrap().tenant_id, None);
        let status: Vec<&str> = r.job_history.iter().map(|j| j.status.as_str()).collect();
        let imported = c.user_data[&MYSQL].table("shop", "orders_back").is_some();
        // The table is there exactly when its task had finished before the cancel (ASSUME:
        // a cancel does not drop what was imported); canceled before the import ended, both
        // rows are FAILED.
        let task_done = r.task_history.iter().any(|t| !t.failed);
        assert_eq!(imported, task_done, "cancel at {after} s");
        match status.as_slice() {
            ["FAILED", "FAILED"] | ["COMPLETED", "COMPLETED"] => {}
            other => panic!("cancel at {after} s ended {other:?}"),
        }
        outcomes.push(status[0]);
    }
    assert!(outcomes.contains(&"FAILED") && outcomes.contains(&"COMPLETED"));
}

#[test]
fn a_cluster_saved_mid_recovery_loads_and_finishes_the_same() {
    let (mut shell, _) = world();
    let ok = answer(
        &mut shell,
        &format!(
            "ALTER SYSTEM RECOVER TABLE shop.orders TO mysql_tenant {FROM} \
             WITH 'pool_list=aux_pool' REMAP TABLE shop.orders:orders_back;"
        ),
    );
    assert!(ok.starts_with("Query OK"), "{ok}");
    for at in [5, 30, 57, 61] {
        let mut c = shell.cluster.clone();
        c.advance(at * SECOND);
        let mut loaded = Cluster::load(&c.save()).expect("loads");
        assert_eq!(loaded.state_hash(), c.state_hash(), "at {at} s");
        c.advance(200 * SECOND);
        loaded.advance(200 * SECOND);
        assert_eq!(
            loaded.state_hash(),
            c.state_hash(),
            "after loading at {at} s"
        );
        assert!(c.restore.recover.jobs.is_empty());
        assert!(c.user_data[&MYSQL].table("shop", "orders_back").is_some());
    }
}
