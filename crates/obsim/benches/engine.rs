//! Engine benchmarks (issue 3): the simulator's performance targets. See BENCHMARKS.md for the
//! goals, the figures on the reference machine and what the misses come from.
//!
//! `cargo-locked bench -p obsim --bench engine`; `-- --test` runs each benchmark once.

use criterion::{BatchSize, Criterion, SamplingMode, criterion_group, criterion_main};
use obsim::backup::scheduler::BackupRequest;
use obsim::backup::{BackupType, Encryption};
use obsim::resource::{MILLI, PoolSpec, UnitSpec};
use obsim::restore::{RestoreRequest, RestoreSource};
use obsim::sim::{HOUR, MINUTE, SECOND};
use obsim::{Cluster, ClusterOptions};
use std::hint::black_box;
use std::time::Duration;

const SEED: u64 = 42;
const MYSQL: u64 = 1002;
const ORACLE: u64 = 1004;
const BIG: u32 = 1_000_000;

fn request(backup_type: BackupType) -> BackupRequest {
    BackupRequest {
        backup_type,
        plus_archivelog: false,
        description: String::new(),
        encryption: Encryption::default(),
    }
}

/// Log archive and data destination set, archiving DOING (as `backup/scheduler/tests.rs`).
fn archive_ready(c: &mut Cluster, tenants: &[(u64, &str)]) {
    for &(t, name) in tenants {
        c.set_log_archive_dest(t, &format!("LOCATION=file:///backup/{name}/archive"))
            .expect("log archive dest");
        c.set_data_backup_dest(t, &format!("file:///backup/{name}/data"))
            .expect("data backup dest");
        c.set_archive_mode(t, true).expect("archivelog");
    }
    c.advance(20 * SECOND);
    for &(t, _) in tenants {
        assert!(c.archive[&t].is_doing(), "archive of {t} is not DOING");
    }
}

fn has_jobs(c: &Cluster, tenant: u64) -> bool {
    c.tenant_backup(tenant).is_some_and(|b| !b.jobs.is_empty())
}

/// Runs event by event until the tenant has no running job (its job is in history).
fn run_until_idle(c: &mut Cluster, tenant: u64) {
    while has_jobs(c, tenant) {
        let Some(t) = c.next_event_time() else {
            panic!("a job of {tenant} is running but nothing is scheduled");
        };
        c.run_until(t);
    }
}

/// A 1M-block `mysql_tenant` (workload off) with archiving DOING, no backup yet.
fn big_cluster() -> Cluster {
    let mut c = Cluster::with_options(
        SEED,
        ClusterOptions {
            macro_blocks_per_tenant: BIG,
            workload_rate: 0,
        },
    );
    archive_ready(&mut c, &[(MYSQL, "mysql")]);
    c
}

/// 1. A full backup of 1M macroblocks, from `start_tenant_backup` until the job is in history,
///    at the default `ha_low_thread_score` (2 threads × 48 MiB/s: ≈5.8 simulated hours).
fn full_backup_1m_blocks(cr: &mut Criterion) {
    let prepared = big_cluster();
    let mut g = cr.benchmark_group("engine");
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(1))
        .measurement_time(Duration::from_secs(5));
    g.bench_function("full_backup_1m_blocks", |b| {
        b.iter_batched(
            || prepared.clone(),
            |mut c| {
                c.start_tenant_backup(MYSQL, &request(BackupType::Full))
                    .expect("backup starts");
                run_until_idle(&mut c, MYSQL);
                c
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();
    let mut check = prepared;
    check
        .start_tenant_backup(MYSQL, &request(BackupType::Full))
        .expect("backup starts");
    run_until_idle(&mut check, MYSQL);
    let set = &check.backup[&MYSQL].sets[0];
    assert_eq!(set.copy.macro_block_count, u64::from(BIG));
    assert_eq!(set.copy.finish_macro_block_count, u64::from(BIG));
}

/// 2. Planning an incremental over a finished full set after 1 % of the user blocks changed.
///    `Cluster::create_set_task` is private, so this measures its planning scan
///    (`TenantStorage::user_blocks_changed_between` over 1M blocks) and, separately, the
///    public path that runs it: `start_tenant_backup(INC)` until the set task exists.
fn incremental_planning_1pct(cr: &mut Criterion) {
    let mut c = big_cluster();
    // Only to make the setup's full backup quicker: 100 threads, capped at the destination's
    // 2 GiB/s. The measured planning does not depend on it.
    c.params.set(MYSQL, "ha_low_thread_score", "100".into());
    c.start_tenant_backup(MYSQL, &request(BackupType::Full))
        .expect("full starts");
    run_until_idle(&mut c, MYSQL);
    let base = c.backup[&MYSQL].sets[0].snapshot_scn;
    c.advance(MINUTE);
    let storage = &c.storage[&MYSQL];
    let sys_end = storage.sys_block_range().end;
    let user = storage.block_count() as u32 - sys_end;
    // 1 % of the user blocks, spread pseudo-randomly (xorshift), in writes of 100 blocks.
    let target = (user / 100) as usize;
    let mut picked = std::collections::BTreeSet::new();
    let mut x: u32 = 0x9E37_79B9;
    while picked.len() < target {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        picked.insert(sys_end + x % user);
    }
    let picked: Vec<u32> = picked.into_iter().collect();
    for chunk in picked.chunks(100) {
        c.write_blocks(MYSQL, chunk).expect("tenant has storage");
        c.advance(SECOND / 100);
    }
    c.advance(SECOND);
    let snapshot = c.current_scn();
    let storage = &c.storage[&MYSQL];
    assert_eq!(
        storage.user_blocks_changed_between(base, snapshot).len(),
        target
    );

    let mut g = cr.benchmark_group("engine");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    g.bench_function("incremental_planning_1pct", |b| {
        b.iter(|| storage.user_blocks_changed_between(black_box(base), black_box(snapshot)))
    });
    // The public path through `create_set_task`: the INC job's first step plans the set.
    // Also counts start_tenant_backup and the archive ticks of the 0.5-2 s before that step.
    g.bench_function("incremental_planning_1pct_via_scheduler", |b| {
        b.iter_batched(
            || c.clone(),
            |mut c| {
                c.start_tenant_backup(MYSQL, &request(BackupType::Inc))
                    .expect("inc starts");
                while c.backup[&MYSQL].tasks.is_empty() {
                    let t = c.next_event_time().expect("the job step is scheduled");
                    c.run_until(t);
                }
                c
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();
    let mut check = c.clone();
    check
        .start_tenant_backup(MYSQL, &request(BackupType::Inc))
        .expect("inc starts");
    while check.backup[&MYSQL].tasks.is_empty() {
        let t = check.next_event_time().expect("scheduled");
        check.run_until(t);
    }
    let task = &check.backup[&MYSQL].tasks[0];
    assert_eq!(
        task.copy.macro_block_count,
        u64::from(sys_end) + target as u64,
        "an incremental copies the sys blocks plus the changed user blocks"
    );
}

/// 3. An hour of a cluster with three busy user tenants (the docs' two plus `mysql_r`, restored
///    from `mysql_tenant` and activated), 50 writes/s each, two full backups running.
fn one_hour_three_busy_tenants(cr: &mut Criterion) {
    const RATE: u32 = 50;
    let mut c = Cluster::with_options(
        SEED,
        ClusterOptions {
            workload_rate: RATE,
            ..ClusterOptions::default()
        },
    );
    archive_ready(&mut c, &[(MYSQL, "mysql"), (ORACLE, "oracle")]);
    c.start_tenant_backup(MYSQL, &request(BackupType::Full))
        .expect("full starts");
    run_until_idle(&mut c, MYSQL);
    c.advance(5 * MINUTE); // the archive checkpoint passes the set's END_SCN
    let unit = UnitSpec {
        max_cpu: Some(2 * MILLI),
        memory_size: Some(5 << 30),
        ..UnitSpec::default()
    };
    c.resources.create_unit("u", &unit, false, 0).expect("unit");
    let zones: Vec<String> = c.zones.iter().map(|z| z.name.clone()).collect();
    let pool = PoolSpec {
        unit: Some("u".into()),
        ..PoolSpec::default()
    };
    c.resources
        .create_pool("restore_pool", &pool, false, &zones, 1, 0)
        .expect("pool");
    c.restore_tenant(&RestoreRequest {
        tenant_name: "mysql_r".into(),
        source: RestoreSource::From(
            "file:///backup/mysql/data,file:///backup/mysql/archive".into(),
        ),
        options: "pool_list=restore_pool".into(),
        ..RestoreRequest::default()
    })
    .0
    .expect("restore starts");
    while !c.restore.jobs.is_empty() {
        c.advance(SECOND);
    }
    assert!(c.restore.history.last().is_some_and(|j| j.succeeded));
    let restored = c.tenant_by_name("mysql_r").expect("restored tenant").id;
    c.activate_standby(restored, false).expect("activate");
    // A restored tenant starts with no background writes; make it as busy as the others.
    c.set_workload_rate(restored, RATE);
    let busy: Vec<u64> = c
        .user_tenants()
        .filter(|t| t.is_normal() && t.role == "PRIMARY")
        .map(|t| t.id)
        .collect();
    assert_eq!(busy, [MYSQL, ORACLE, restored]);
    c.start_tenant_backup(MYSQL, &request(BackupType::Inc))
        .expect("inc starts");
    c.start_tenant_backup(ORACLE, &request(BackupType::Full))
        .expect("full starts");
    c.advance(5 * SECOND);
    assert!(has_jobs(&c, MYSQL) && has_jobs(&c, ORACLE));
    let written = |c: &Cluster| -> usize {
        busy.iter()
            .map(|t| c.storage[t].writes_between(0, u64::MAX).len())
            .sum()
    };
    let writes_before = written(&c);

    let mut g = cr.benchmark_group("engine");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    g.bench_function("one_hour_three_busy_tenants", |b| {
        b.iter_batched(
            || c.clone(),
            |mut c| {
                c.advance(HOUR);
                c
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();
    let mut check = c;
    check.advance(HOUR);
    let writes_after = written(&check);
    let per_second = (writes_after - writes_before) as f64 / 3600.0;
    assert!(
        per_second > 2.5 * f64::from(RATE),
        "three tenants wrote {per_second:.0} blocks/s"
    );
    assert!(!has_jobs(&check, MYSQL) && !has_jobs(&check, ORACLE));
}

criterion_group!(
    benches,
    full_backup_1m_blocks,
    incremental_planning_1pct,
    one_hour_three_busy_tenants
);
criterion_main!(benches);
