//! SQL benchmarks (issue 4): statements of the docs' procedures, parsed and executed, and a
//! filtered query over a 100,000-row user table. See BENCHMARKS.md for goals and figures.
//!
//! `cargo-locked bench -p obsim --bench sql`; `-- --test` runs each benchmark once.

use criterion::{BatchSize, BenchmarkGroup, Criterion, criterion_group, criterion_main};
use obsim::shell::Shell;
use obsim::sql::exec::{Session, execute};
use obsim::sql::outcome::Outcome;
use obsim::{Cluster, ClusterOptions};
use std::hint::black_box;
use std::time::Duration;

const SEED: u64 = 42;

/// The docs' seed statements, each with a short benchmark name. `mutates`: the statement
/// changes the cluster or session, so every iteration gets a fresh copy of the prepared state.
/// `busy`: run it while a backup is running (CANCEL and the *_JOBS view need one).
struct Seed {
    name: &'static str,
    sql: &'static str,
    mutates: bool,
    busy: bool,
}

const SEEDS: &[Seed] = &[
    Seed {
        name: "set_encryption",
        sql: "SET ENCRYPTION ON IDENTIFIED BY 'password' ONLY",
        mutates: true,
        busy: false,
    },
    Seed {
        name: "backup_database",
        sql: "ALTER SYSTEM BACKUP DATABASE",
        mutates: true,
        busy: false,
    },
    Seed {
        name: "backup_tenant",
        sql: "ALTER SYSTEM BACKUP TENANT = mysql_tenant",
        mutates: true,
        busy: false,
    },
    Seed {
        name: "backup_incremental_database",
        sql: "ALTER SYSTEM BACKUP INCREMENTAL DATABASE",
        mutates: true,
        busy: false,
    },
    Seed {
        name: "backup_incremental_tenant",
        sql: "ALTER SYSTEM BACKUP INCREMENTAL TENANT = mysql_tenant",
        mutates: true,
        busy: false,
    },
    Seed {
        name: "cancel_backup",
        sql: "ALTER SYSTEM CANCEL BACKUP",
        mutates: true,
        busy: true,
    },
    Seed {
        name: "cancel_backup_tenant",
        sql: "ALTER SYSTEM CANCEL BACKUP TENANT = mysql_tenant",
        mutates: true,
        busy: true,
    },
    Seed {
        name: "set_data_backup_dest",
        sql: "ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///data/nfs/backup/data' TENANT = mysql_tenant",
        mutates: true,
        busy: false,
    },
    Seed {
        name: "set_ha_low_thread_score",
        sql: "ALTER SYSTEM SET ha_low_thread_score = 4 TENANT = mysql_tenant",
        mutates: true,
        busy: false,
    },
    Seed {
        name: "select_backup_jobs",
        sql: "SELECT * FROM DBA_OB_BACKUP_JOBS",
        mutates: false,
        busy: true,
    },
    Seed {
        name: "select_backup_job_history",
        sql: "SELECT * FROM DBA_OB_BACKUP_JOB_HISTORY",
        mutates: false,
        busy: true,
    },
];

/// Runs setup statements through the shell; every one must succeed.
fn run_ok(shell: &mut Shell, script: &str) {
    let entries = shell.run_to_end(script);
    for e in &entries {
        assert!(!e.is_error, "setup failed: {}{}", e.input, e.output);
    }
}

/// The docs' cluster as root@sys: archiving DOING for both user tenants (data destinations
/// elsewhere than the one the benchmarked SET DATA_BACKUP_DEST names), one finished
/// BACKUP DATABASE in history, nothing running.
fn idle_cluster() -> (Cluster, Session) {
    let mut shell = Shell::new(SEED);
    run_ok(
        &mut shell,
        "ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///data/nfs/backup/archive/mysql_tenant' TENANT = mysql_tenant;
ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///data/nfs/backup/archive/oracle_tenant' TENANT = oracle_tenant;
ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///data/nfs/backup/sets/mysql_tenant' TENANT = mysql_tenant;
ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///data/nfs/backup/sets/oracle_tenant' TENANT = oracle_tenant;
ALTER SYSTEM ARCHIVELOG;
SELECT SLEEP(10);
ALTER SYSTEM BACKUP DATABASE;
SELECT SLEEP(300);
",
    );
    let c = &shell.cluster;
    assert!(c.backup.values().all(|b| b.jobs.is_empty()));
    assert_eq!(c.backup[&1].job_history.len(), 1);
    (shell.cluster, shell.session)
}

/// The idle cluster with a second BACKUP DATABASE running (the child jobs in DOING).
fn busy_cluster(idle: &(Cluster, Session)) -> (Cluster, Session) {
    let mut shell = Shell::with_cluster(idle.0.clone());
    shell.session = idle.1.clone();
    run_ok(
        &mut shell,
        "ALTER SYSTEM BACKUP DATABASE;\nSELECT SLEEP(5);\n",
    );
    let c = &shell.cluster;
    assert!(!c.backup[&1].jobs.is_empty() && !c.backup[&1002].jobs.is_empty());
    (shell.cluster, shell.session)
}

fn must_succeed(state: &(Cluster, Session), sql: &str) {
    let (mut c, mut s) = (state.0.clone(), state.1.clone());
    let ex = execute(&mut c, &mut s, sql, false);
    if let Outcome::Error(e) = &ex.outcome {
        panic!("{sql}: {e}");
    }
}

fn configure(g: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>) {
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(200))
        .measurement_time(Duration::from_secs(1));
}

/// 4. Every seed statement through `sql::exec::execute`, parsing included.
fn parse_execute_seed_statements(cr: &mut Criterion) {
    let idle = idle_cluster();
    let busy = busy_cluster(&idle);
    let mut g = cr.benchmark_group("parse_execute_seed_statements");
    configure(&mut g);
    for seed in SEEDS {
        let state = if seed.busy { &busy } else { &idle };
        must_succeed(state, seed.sql);
        if seed.mutates {
            g.bench_function(seed.name, |b| {
                b.iter_batched(
                    || (state.0.clone(), state.1.clone()),
                    |(mut c, mut s)| {
                        let ex = execute(&mut c, &mut s, black_box(seed.sql), false);
                        (c, s, ex)
                    },
                    BatchSize::PerIteration,
                )
            });
        } else {
            let (mut c, mut s) = (state.0.clone(), state.1.clone());
            g.bench_function(seed.name, |b| {
                b.iter(|| execute(&mut c, &mut s, black_box(seed.sql), false))
            });
        }
    }
    g.finish();
}

const ROWS: usize = 100_000;
const BATCH: usize = 1_000;

/// `mysql_tenant` with `shop.orders` of 100,000 rows, inserted through the shell in batches of
/// 1,000; the session is root@mysql_tenant in `shop`. Customers start with a–h in turn, amounts
/// spread over 0.00–999.99, so the WHERE keeps about 1/16 of the rows.
fn orders_cluster() -> (Cluster, Session) {
    let mut shell = Shell::with_cluster(Cluster::with_options(
        SEED,
        ClusterOptions {
            workload_rate: 0,
            ..ClusterOptions::default()
        },
    ));
    run_ok(
        &mut shell,
        "connect root@mysql_tenant
CREATE DATABASE shop;
USE shop;
CREATE TABLE orders (id INT PRIMARY KEY, customer VARCHAR(32) NOT NULL, amount DECIMAL(10,2), created DATETIME);
",
    );
    let mut sql = String::new();
    for start in (0..ROWS).step_by(BATCH) {
        sql.clear();
        sql.push_str("INSERT INTO orders VALUES ");
        for id in start..start + BATCH {
            let letter = char::from(b'a' + (id % 8) as u8);
            let cents = (id * 7919) % 100_000;
            let minute = id % 1440;
            if id > start {
                sql.push_str(", ");
            }
            sql.push_str(&format!(
                "({id}, '{letter}{id}', {}.{:02}, '2024-05-09 {:02}:{:02}:00')",
                cents / 100,
                cents % 100,
                minute / 60,
                minute % 60
            ));
        }
        sql.push_str(";\n");
        run_ok(&mut shell, &sql);
    }
    (shell.cluster, shell.session)
}

fn row_count(state: &mut (Cluster, Session), sql: &str) -> usize {
    match execute(&mut state.0, &mut state.1, sql, false).outcome {
        Outcome::Rows { set, .. } => set.rows.len(),
        Outcome::Ok { .. } => panic!("{sql}: no rows"),
        Outcome::Error(e) => panic!("{sql}: {e}"),
    }
}

/// 5. A filtered SELECT over 100,000 rows, without and with ORDER BY ... LIMIT.
fn where_query_100k_rows(cr: &mut Criterion) {
    const WHERE: &str =
        "SELECT id, customer, amount FROM orders WHERE amount > 500 AND customer LIKE 'c%'";
    const ORDER: &str = "SELECT id, customer, amount FROM orders WHERE amount > 500 AND customer LIKE 'c%' ORDER BY amount DESC LIMIT 10";
    let mut state = orders_cluster();
    assert_eq!(
        row_count(&mut state, "SELECT * FROM orders"),
        ROWS,
        "the table holds every row"
    );
    let kept = row_count(&mut state, WHERE);
    assert!((5_000..8_000).contains(&kept), "WHERE kept {kept} rows");
    assert_eq!(row_count(&mut state, ORDER), 10);
    let (mut c, mut s) = state;
    let mut g = cr.benchmark_group("where_query_100k_rows");
    configure(&mut g);
    g.measurement_time(Duration::from_secs(3));
    g.bench_function("where", |b| {
        b.iter(|| execute(&mut c, &mut s, black_box(WHERE), false))
    });
    g.bench_function("where_order_by_limit_10", |b| {
        b.iter(|| execute(&mut c, &mut s, black_box(ORDER), false))
    });
    g.finish();
}

criterion_group!(
    benches,
    parse_execute_seed_statements,
    where_query_100k_rows
);
criterion_main!(benches);
