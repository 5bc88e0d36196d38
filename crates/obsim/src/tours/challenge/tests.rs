//! The challenge from its scenario: not solved at the start, nor by a restore to the latest
//! point (after the DELETE) or to a moment before the last INSERT; solved by the solution (a
//! moment between the two) once the restore has built the rows, on several seeds.

use super::*;
use crate::shell::Shell;
use crate::sim::SECOND;

fn start(seed: u64) -> Shell {
    let (sh, entries) = crate::replay::start(seed, DELETED_ORDERS.scenario).unwrap();
    assert!(
        entries.iter().all(|e| !e.is_error),
        "the setup runs cleanly"
    );
    sh
}

fn run(sh: &mut Shell, text: &str) -> String {
    sh.run_to_end(text)
        .iter()
        .map(|e| e.output.clone())
        .collect::<Vec<_>>()
        .join("")
}

fn restores_done(sh: &mut Shell) {
    for _ in 0..900 {
        if sh.cluster.restore.jobs.is_empty() {
            return;
        }
        sh.cluster.advance(SECOND);
    }
    panic!("the restore did not end");
}

#[test]
fn the_solution_solves_it_once_the_rows_are_back_and_not_before() {
    for seed in [1, 7, 42, 2024] {
        let mut sh = start(seed);
        assert!(
            !DELETED_ORDERS.solved(&sh.cluster),
            "seed {seed}: not at the start"
        );
        let out = run(&mut sh, DELETED_ORDERS.solution);
        assert!(!out.contains("ERROR"), "seed {seed}: {out}");
        assert!(
            !DELETED_ORDERS.solved(&sh.cluster),
            "seed {seed}: not while the restore runs"
        );
        restores_done(&mut sh);
        assert!(DELETED_ORDERS.solved(&sh.cluster), "seed {seed}");
        let id = sh.cluster.tenant_by_name("orders_back").unwrap().id;
        let rows = &sh.cluster.user_data[&id]
            .table("shop", "orders")
            .unwrap()
            .rows;
        assert_eq!(
            rows.len(),
            5,
            "the three backed-up rows and the two logged ones"
        );
    }
}

#[test]
fn a_restore_to_the_wrong_moment_does_not_solve_it() {
    let mut sh = start(3);
    let pool = |n: u32| {
        format!(
            "CREATE RESOURCE UNIT u{n} MAX_CPU 2, MEMORY_SIZE = '5G';\n\
             CREATE RESOURCE POOL p{n} UNIT = 'u{n}', UNIT_NUM = 1, ZONE_LIST = ('zone1', 'zone2', 'zone3');\n"
        )
    };
    let from =
        "FROM 'file:///data/backup/data/mysql_tenant,file:///data/backup/archive/mysql_tenant'";
    // The latest point once the archive has passed the DELETE: an empty table.
    run(&mut sh, "SELECT SLEEP(180);");
    let out = run(
        &mut sh,
        &format!(
            "{}ALTER SYSTEM RESTORE late {from} WITH 'pool_list=p1';",
            pool(1)
        ),
    );
    assert!(!out.contains("ERROR"), "{out}");
    restores_done(&mut sh);
    assert!(!DELETED_ORDERS.solved(&sh.cluster));
    // Before the last INSERT: three rows only.
    let out = run(
        &mut sh,
        &format!(
            "{}ALTER SYSTEM RESTORE early {from} UNTIL TIME = '2024-05-09 17:53:05' WITH 'pool_list=p2';",
            pool(2)
        ),
    );
    assert!(!out.contains("ERROR"), "{out}");
    restores_done(&mut sh);
    let id = sh.cluster.tenant_by_name("early").unwrap().id;
    assert_eq!(
        sh.cluster.user_data[&id]
            .table("shop", "orders")
            .unwrap()
            .rows
            .len(),
        3
    );
    assert!(!DELETED_ORDERS.solved(&sh.cluster));
    assert_eq!(CHALLENGES.len(), 1);
    assert_eq!(DELETED_ORDERS.hints.len(), 3);
}
