//! Property tests of the engine: random schedules of operations over a small cluster (both user
//! tenants with an archive dest, a data dest and ARCHIVELOG on), checking what must hold
//! whatever happens: incrementals hold exactly the changed macroblocks, a restore reproduces
//! the source as of its SCN, the restorable window holds exactly the targets a restore accepts
//! (any moment inside restores, the moment past it is 4018), ids only grow, every job ends, and
//! the whole state is a function of the seed and the schedule (also across a save/load, and
//! through the shell's session log).
//!
//! Errors from starting things are expected and ignored: the properties are about the states
//! that result. Each test runs a moderate number of cases; for a deeper search run
//!
//! ```text
//! PROPTEST_CASES=500 cargo test -p obsim --test properties --release
//! ```
//!
//! A failing case is shrunk to a minimal schedule, printed as `Config` + `Vec<Op>`.

use obsim::backup::scheduler::BackupRequest;
use obsim::backup::{BackupSet, BackupType, Encryption, FileStatus, JobLevel, SetStatus};
use obsim::resource::{MILLI, PoolSpec, UnitSpec};
use obsim::restore::{RestoreRequest, RestoreSource, RestoreTarget};
use obsim::shell::{Entry, Shell, transcript};
use obsim::sim::{HOUR, MINUTE, SECOND};
use obsim::sql::exec::{self, Session};
use obsim::storage::TenantStorage;
use obsim::userdata::UserData;
use obsim::value::Value;
use obsim::{Cluster, ClusterOptions, CompatMode};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use std::collections::BTreeMap;

const SYS: u64 = 1;
const MYSQL: u64 = 1002;
const ORACLE: u64 = 1004;
const USERS: [u64; 2] = [MYSQL, ORACLE];

fn short_name(tenant: u64) -> &'static str {
    if tenant == MYSQL { "mysql" } else { "oracle" }
}

fn data_root(tenant: u64) -> String {
    format!("file:///backup/{}/data", short_name(tenant))
}

fn archive_root(tenant: u64) -> String {
    format!("file:///backup/{}/archive", short_name(tenant))
}

// --- schedules ------------------------------------------------------------------------------

/// The cluster a schedule runs on.
#[derive(Clone, Debug)]
struct Config {
    seed: u64,
    macro_blocks: u32,
    workload_rate: u32,
    /// `log_archive_checkpoint_interval` of both tenants.
    checkpoint_interval: &'static str,
}

/// One thing a schedule does.
#[derive(Clone, Debug)]
enum Op {
    /// Let simulated time run.
    Advance {
        secs: u64,
    },
    /// `Cluster::write_blocks` of some blocks (taken modulo the tenant's block count).
    Write {
        tenant: u64,
        picks: Vec<u16>,
    },
    /// A DML statement of the SQL layer (rows live in macroblocks).
    Dml {
        tenant: u64,
        kind: u8,
        id: u8,
        amount: u16,
    },
    TenantBackup {
        tenant: u64,
        inc: bool,
        plus_archivelog: bool,
    },
    SysBackup {
        tenants: Option<Vec<u64>>,
        inc: bool,
    },
    Cancel {
        tenants: Vec<u64>,
    },
    Server {
        index: usize,
        active: bool,
    },
    DestUnreachable {
        tenant: u64,
        archive: bool,
        on: bool,
    },
    DestFull {
        tenant: u64,
        archive: bool,
        on: bool,
    },
    InterruptArchive {
        tenant: u64,
    },
    ArchiveMode {
        tenant: u64,
        on: bool,
    },
    /// A restore of `tenant`'s backups; `until` is per mille of the way from the oldest
    /// restorable SCN to the archive checkpoint (None: no UNTIL, the newest point).
    Restore {
        tenant: u64,
        until: Option<u16>,
    },
    /// Cancels the oldest running restore.
    CancelRestore,
    ThreadScore {
        tenant: u64,
        score: u8,
    },
}

fn config() -> impl Strategy<Value = Config> {
    (
        any::<u64>(),
        256u32..=2048,
        0u32..=40,
        prop::sample::select(vec!["5s", "30s", "120s"]),
    )
        .prop_map(
            |(seed, macro_blocks, workload_rate, checkpoint_interval)| Config {
                seed,
                macro_blocks,
                workload_rate,
                checkpoint_interval,
            },
        )
}

fn user_tenant() -> impl Strategy<Value = u64> {
    prop::sample::select(USERS.to_vec())
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        7 => (1u64..=240).prop_map(|secs| Op::Advance { secs }),
        3 => (user_tenant(), prop::collection::vec(any::<u16>(), 1..=8))
            .prop_map(|(tenant, picks)| Op::Write { tenant, picks }),
        3 => (user_tenant(), 0u8..5, 1u8..=12, 1u16..=500)
            .prop_map(|(tenant, kind, id, amount)| Op::Dml { tenant, kind, id, amount }),
        5 => (user_tenant(), prop::bool::weighted(0.65), prop::bool::weighted(0.2)).prop_map(
            |(tenant, inc, plus_archivelog)| Op::TenantBackup { tenant, inc, plus_archivelog }
        ),
        2 => (
            prop_oneof![
                Just(None),
                Just(Some(vec![MYSQL])),
                Just(Some(vec![ORACLE])),
                Just(Some(vec![MYSQL, ORACLE])),
            ],
            any::<bool>()
        )
            .prop_map(|(tenants, inc)| Op::SysBackup { tenants, inc }),
        1 => prop::sample::subsequence(vec![SYS, MYSQL, ORACLE], 1..=3)
            .prop_map(|tenants| Op::Cancel { tenants }),
        1 => (0usize..3, any::<bool>()).prop_map(|(index, active)| Op::Server { index, active }),
        1 => (user_tenant(), any::<bool>(), any::<bool>())
            .prop_map(|(tenant, archive, on)| Op::DestUnreachable { tenant, archive, on }),
        1 => (user_tenant(), any::<bool>(), any::<bool>())
            .prop_map(|(tenant, archive, on)| Op::DestFull { tenant, archive, on }),
        1 => user_tenant().prop_map(|tenant| Op::InterruptArchive { tenant }),
        1 => (user_tenant(), prop::bool::weighted(0.6))
            .prop_map(|(tenant, on)| Op::ArchiveMode { tenant, on }),
        3 => (user_tenant(), prop::option::weighted(0.8, 0u16..=1000))
            .prop_map(|(tenant, until)| Op::Restore { tenant, until }),
        1 => Just(Op::CancelRestore),
        1 => (user_tenant(), 0u8..=8).prop_map(|(tenant, score)| Op::ThreadScore { tenant, score }),
    ]
}

const MAX_OPS: usize = 25;

fn schedule() -> impl Strategy<Value = (Config, Vec<Op>)> {
    (config(), prop::collection::vec(op(), 1..=MAX_OPS))
}

// --- the world a schedule runs in -------------------------------------------------------------

/// Rows of every table, by (database, table), in primary-key order.
type Rows = BTreeMap<(String, String), BTreeMap<Vec<u8>, Vec<Value>>>;

fn rows_of(d: &UserData) -> Rows {
    let mut out = Rows::new();
    for (db_name, db) in &d.databases {
        for (t_name, t) in &db.tables {
            out.insert((db_name.clone(), t_name.clone()), t.rows.clone());
        }
    }
    out
}

/// A cluster plus what the harness keeps on the side: one SQL session per user tenant and a
/// shadow of each source tenant's rows after every commit (the oracle for restores).
struct World {
    c: Cluster,
    sessions: BTreeMap<u64, Session>,
    /// Per tenant: (SCN of a commit, all rows right after it), oldest first.
    shadow: BTreeMap<u64, Vec<(u64, Rows)>>,
    /// Last ids handed out so far, to check they never go back.
    high_water: BTreeMap<u64, [u64; 3]>,
    restore_high_water: u64,
}

fn table_name(tenant: u64) -> &'static str {
    if tenant == MYSQL {
        "shop.orders"
    } else {
        "orders"
    }
}

fn dml_text(tenant: u64, kind: u8, id: u8, amount: u16) -> String {
    let t = table_name(tenant);
    match kind {
        0 => format!("INSERT INTO {t} VALUES ({id}, 'c{id}', {amount}.50)"),
        1 => format!("UPDATE {t} SET amount = amount + {amount} WHERE id = {id}"),
        2 => format!("DELETE FROM {t} WHERE id = {id}"),
        3 => format!("DELETE FROM {t} WHERE id > {id}"),
        _ => format!("UPDATE {t} SET customer = 'x{amount}' WHERE id < {id}"),
    }
}

impl World {
    /// Both user tenants prepared: archive dest, data dest, ARCHIVELOG, ~20 s, and a table.
    fn new(cfg: &Config) -> World {
        let mut c = Cluster::with_options(
            cfg.seed,
            ClusterOptions {
                macro_blocks_per_tenant: cfg.macro_blocks,
                workload_rate: cfg.workload_rate,
            },
        );
        for t in USERS {
            c.set_log_archive_dest(t, &format!("LOCATION={}", archive_root(t)))
                .expect("archive dest");
            c.set_data_backup_dest(t, &data_root(t)).expect("data dest");
            c.set_archive_mode(t, true).expect("archivelog");
            c.params.set(
                t,
                "log_archive_checkpoint_interval",
                cfg.checkpoint_interval.into(),
            );
        }
        let mut sessions = BTreeMap::new();
        let mut shadow = BTreeMap::new();
        for t in USERS {
            let tenant = c.tenant(t).expect("user tenant").clone();
            let user = if tenant.mode == CompatMode::MySql {
                "root"
            } else {
                "SYS"
            };
            sessions.insert(t, Session::new(user, &tenant, 100 + t));
            shadow.insert(t, vec![(0, rows_of(&UserData::for_mode(tenant.mode)))]);
        }
        let mut w = World {
            c,
            sessions,
            shadow,
            high_water: BTreeMap::new(),
            restore_high_water: 0,
        };
        let unit = UnitSpec {
            max_cpu: Some(2 * MILLI),
            memory_size: Some(8 << 30),
            ..UnitSpec::default()
        };
        w.c.resources
            .create_unit("restore_unit", &unit, false, 0)
            .expect("unit");
        w.c.advance(20 * SECOND);
        w.sql(MYSQL, "CREATE DATABASE shop");
        w.sql(
            MYSQL,
            "CREATE TABLE shop.orders (id INT PRIMARY KEY, customer VARCHAR(32), amount DECIMAL(10,2))",
        );
        w.sql(
            ORACLE,
            "CREATE TABLE orders (id NUMBER(10) PRIMARY KEY, customer VARCHAR2(32), amount NUMBER(10,2))",
        );
        for t in USERS {
            assert!(w.c.archive[&t].is_doing(), "archive of {t} is DOING");
            assert!(
                !w.c.user_data[&t].log.is_empty(),
                "the table of {t} was created"
            );
        }
        w
    }

    /// Runs one statement in a tenant's session and records the rows if it committed.
    fn sql(&mut self, tenant: u64, text: &str) {
        let before = self.c.user_data[&tenant].log.len();
        let session = self.sessions.get_mut(&tenant).expect("session");
        exec::execute(&mut self.c, session, text, false);
        let d = &self.c.user_data[&tenant];
        if d.log.len() > before {
            let scn = d.log.last().map_or(0, |(scn, _)| *scn);
            let rows = rows_of(d);
            self.shadow.entry(tenant).or_default().push((scn, rows));
        }
    }

    /// The source rows as of `scn`, from the shadow.
    fn shadow_rows_as_of(&self, tenant: u64, scn: u64) -> Rows {
        self.shadow[&tenant]
            .iter()
            .take_while(|(at, _)| *at <= scn)
            .last()
            .map(|(_, rows)| rows.clone())
            .unwrap_or_default()
    }

    /// Replaces the cluster by its own save/load round trip, which must change nothing.
    fn reload(&mut self) -> Result<(), TestCaseError> {
        let json = self.c.save();
        if let Err(e) = serde_json::to_string(&self.c) {
            return Err(TestCaseError::fail(format!(
                "the cluster does not serialise ({e}): save() gave {} bytes",
                json.len()
            )));
        }
        let loaded = Cluster::load(&json)
            .map_err(|e| TestCaseError::fail(format!("load(save()) failed: {e}")))?;
        prop_assert_eq!(loaded.state_hash(), self.c.state_hash());
        prop_assert!(
            format!("{loaded:?}") == format!("{:?}", self.c),
            "load(save()) differs from the state saved"
        );
        self.c = loaded;
        Ok(())
    }

    fn apply(&mut self, op: &Op) {
        let c = &mut self.c;
        match op {
            Op::Advance { secs } => c.advance(secs * SECOND),
            Op::Write { tenant, picks } => {
                let n = c.storage[tenant].block_count() as u32;
                let blocks: Vec<u32> = picks.iter().map(|&p| u32::from(p) % n).collect();
                c.write_blocks(*tenant, &blocks);
            }
            Op::Dml {
                tenant,
                kind,
                id,
                amount,
            } => {
                let text = dml_text(*tenant, *kind, *id, *amount);
                self.sql(*tenant, &text);
            }
            Op::TenantBackup {
                tenant,
                inc,
                plus_archivelog,
            } => {
                let _ = c.start_tenant_backup(*tenant, &request(*inc, *plus_archivelog));
            }
            Op::SysBackup { tenants, inc } => {
                let _ = c.start_sys_backup(tenants.as_deref(), &request(*inc, false));
            }
            Op::Cancel { tenants } => c.cancel_backup(tenants),
            Op::Server { index, active } => {
                c.set_server_active(*index, *active);
            }
            Op::DestUnreachable {
                tenant,
                archive,
                on,
            } => c.set_dest_unreachable(&root(*tenant, *archive), *on),
            Op::DestFull {
                tenant,
                archive,
                on,
            } => c.set_dest_full(&root(*tenant, *archive), *on),
            Op::InterruptArchive { tenant } => {
                c.interrupt_archive(*tenant);
            }
            Op::ArchiveMode { tenant, on } => {
                let _ = c.set_archive_mode(*tenant, *on);
            }
            Op::Restore { tenant, until } => {
                let until = until.map_or(RestoreTarget::Latest, |f| {
                    RestoreTarget::Scn(restore_target(c, *tenant, f))
                });
                let _ = restore(c, *tenant, until);
            }
            Op::CancelRestore => {
                if let Some(name) = c
                    .restore
                    .jobs
                    .iter()
                    .find(|j| j.restore_tenant_id != 0)
                    .map(|j| j.restore_tenant_name.clone())
                {
                    let _ = c.cancel_restore(&name);
                }
            }
            Op::ThreadScore { tenant, score } => {
                c.params
                    .set(*tenant, "ha_low_thread_score", score.to_string());
            }
        }
    }

    /// Clears every fault, then lets time run (at most two hours) until nothing is running.
    fn drain(&mut self) {
        let c = &mut self.c;
        for i in 0..c.servers.len() {
            if !c.servers[i].active {
                c.set_server_active(i, true);
            }
        }
        for t in USERS {
            for archive in [false, true] {
                c.set_dest_unreachable(&root(t, archive), false);
                c.set_dest_full(&root(t, archive), false);
            }
        }
        let deadline = c.now() + 2 * HOUR;
        while c.now() < deadline
            && (c.backup.values().any(|b| !b.jobs.is_empty()) || !c.restore.jobs.is_empty())
        {
            c.advance(MINUTE);
        }
    }
}

/// A restore of `tenant`'s backups (both of its roots) into a fresh pool: the whole statement,
/// waiting for the tenant as RESTORE does. Returns the job id, or the statement's error.
fn restore(
    c: &mut Cluster,
    tenant: u64,
    until: RestoreTarget,
) -> Result<u64, obsim::error::ObError> {
    let n = c.restore.last_job_id + 1;
    let pool = format!("pool{n}");
    let zones: Vec<String> = c.zones.iter().map(|z| z.name.clone()).collect();
    let spec = PoolSpec {
        unit: Some("restore_unit".into()),
        ..PoolSpec::default()
    };
    let _ = c
        .resources
        .create_pool(&pool, &spec, true, &zones, 1, c.now());
    let req = RestoreRequest {
        tenant_name: format!("r{n}"),
        source: RestoreSource::From(format!("{},{}", data_root(tenant), archive_root(tenant))),
        until,
        options: format!("pool_list={pool}"),
        ..RestoreRequest::default()
    };
    c.restore_tenant(&req).0
}

fn root(tenant: u64, archive: bool) -> String {
    if archive {
        archive_root(tenant)
    } else {
        data_root(tenant)
    }
}

fn request(inc: bool, plus_archivelog: bool) -> BackupRequest {
    BackupRequest {
        backup_type: if inc {
            BackupType::Inc
        } else {
            BackupType::Full
        },
        plus_archivelog,
        description: String::new(),
        encryption: Encryption::default(),
    }
}

/// An SCN `per_mille` of the way from the oldest usable set's MIN_RESTORE_SCN to the newest
/// archive checkpoint of `tenant`.
fn restore_target(c: &Cluster, tenant: u64, per_mille: u16) -> u64 {
    let hi = c.archive[&tenant]
        .all_rounds()
        .map(|r| r.checkpoint_scn)
        .max()
        .unwrap_or(0);
    let lo = c.backup[&tenant]
        .sets
        .iter()
        .filter(|s| s.is_usable_base())
        .map(|s| s.min_restore_scn)
        .min()
        .unwrap_or(hi)
        .min(hi);
    lo + (hi - lo) / 1000 * u64::from(per_mille)
}

fn run(cfg: &Config, ops: &[Op]) -> World {
    let mut w = World::new(cfg);
    for op in ops {
        w.apply(op);
    }
    w
}

// --- the checks ---------------------------------------------------------------------------------

/// Property 1: a SUCCESS FULL holds every block; a SUCCESS INC holds the system tablets' blocks
/// plus exactly the user blocks written after its base's snapshot and at or before its own.
fn check_sets_hold_changed_blocks(c: &Cluster) -> Result<(), TestCaseError> {
    for t in USERS {
        let storage = &c.storage[&t];
        let sets = &c.backup[&t].sets;
        for set in sets.iter().filter(|s| s.status == SetStatus::Success) {
            let expected: Vec<u32> = match set.backup_type {
                BackupType::Full => (0..storage.block_count() as u32).collect(),
                BackupType::Inc => {
                    let base = sets
                        .iter()
                        .find(|s| s.backup_set_id == set.prev_inc_backup_set_id);
                    let Some(base) = base else {
                        return Err(TestCaseError::fail(format!(
                            "tenant {t}: INC set {} has no base set {}",
                            set.backup_set_id, set.prev_inc_backup_set_id
                        )));
                    };
                    prop_assert_eq!(
                        base.status,
                        SetStatus::Success,
                        "tenant {}: base {} of INC set {}",
                        t,
                        base.backup_set_id,
                        set.backup_set_id
                    );
                    prop_assert!(
                        base.snapshot_scn < set.snapshot_scn,
                        "tenant {t}: base {} is not older than INC set {}",
                        base.backup_set_id,
                        set.backup_set_id
                    );
                    // Down the PREV_INC chain, a FULL: the one PREV_FULL names.
                    let mut cur = base;
                    while cur.backup_type == BackupType::Inc {
                        let prev = sets
                            .iter()
                            .find(|s| s.backup_set_id == cur.prev_inc_backup_set_id);
                        let Some(prev) = prev.filter(|p| p.backup_set_id < cur.backup_set_id)
                        else {
                            return Err(TestCaseError::fail(format!(
                                "tenant {t}: INC set {} has no older base {}",
                                cur.backup_set_id, cur.prev_inc_backup_set_id
                            )));
                        };
                        cur = prev;
                    }
                    prop_assert_eq!(
                        set.prev_full_backup_set_id,
                        cur.backup_set_id,
                        "tenant {}: PREV_FULL of INC set {}",
                        t,
                        set.backup_set_id
                    );
                    changed_blocks(storage, base.snapshot_scn, set.snapshot_scn)
                }
            };
            prop_assert!(
                set.copied_blocks == expected,
                "tenant {t}: {} set {} (base {}) holds {} blocks, expected {}; \
                 missing {:?}, extra {:?}",
                set.backup_type.as_str(),
                set.backup_set_id,
                set.prev_inc_backup_set_id,
                set.copied_blocks.len(),
                expected.len(),
                first_few(expected.iter().filter(|b| !set.copied_blocks.contains(b))),
                first_few(set.copied_blocks.iter().filter(|b| !expected.contains(b))),
            );
            prop_assert_eq!(set.copy.macro_block_count, expected.len() as u64);
            prop_assert_eq!(set.copy.finish_macro_block_count, expected.len() as u64);
        }
    }
    Ok(())
}

fn first_few<'a>(it: impl Iterator<Item = &'a u32>) -> Vec<u32> {
    it.take(8).copied().collect()
}

/// System blocks ∪ user blocks with a write in `(base, snapshot]`, from the write log.
fn changed_blocks(storage: &TenantStorage, base: u64, snapshot: u64) -> Vec<u32> {
    let sys = storage.sys_block_range();
    let mut blocks: Vec<u32> = sys.clone().collect();
    blocks.extend(
        storage
            .writes_between(base, snapshot)
            .iter()
            .filter(|w| !sys.contains(&w.block))
            .map(|w| w.block),
    );
    blocks.sort_unstable();
    blocks.dedup();
    blocks
}

/// Property 2: every successful restore reproduced the source as of its SCN: blocks, rows, and
/// the set chain plus archived log it used really hold that state.
fn check_restores(w: &World) -> Result<(), TestCaseError> {
    let c = &w.c;
    for job in c
        .restore
        .history
        .iter()
        .filter(|j| j.succeeded && !j.is_sys())
    {
        let s = job.restore_scn;
        let src = job.backup_tenant_id;
        let Some(tenant) = c.tenant_by_name(&job.restore_tenant_name) else {
            return Err(TestCaseError::fail(format!(
                "restored tenant {} is gone",
                job.restore_tenant_name
            )));
        };
        let source = &c.storage[&src];
        let want = source.blocks_as_of(s);
        prop_assert!(
            c.storage[&tenant.id].last_write_scn == want,
            "restore {} of {src} to {s}: blocks differ from the source as of that SCN",
            job.job_id
        );
        prop_assert_eq!(
            rows_of(&c.user_data[&tenant.id]),
            w.shadow_rows_as_of(src, s),
            "restore {} of {} to {}: rows differ from the source's as of that SCN",
            job.job_id,
            src,
            s
        );
        // The chain it names: a FULL then INCs, each over the FULL and a set before it in the
        // chain (OceanBase keeps every INC whose bases it holds, so two INCs may share a base).
        let sets: Vec<&BackupSet> = job
            .backup_set_list
            .split(',')
            .filter_map(|p| {
                let dir = p.rsplit('/').next()?;
                let id: u64 = dir
                    .strip_prefix("backup_set_")?
                    .split('_')
                    .next()?
                    .parse()
                    .ok()?;
                c.backup[&src].set(id)
            })
            .collect();
        prop_assert_eq!(
            sets.len(),
            job.backup_set_list.split(',').count(),
            "restore {}: set list {}",
            job.job_id,
            &job.backup_set_list
        );
        let (Some(first), Some(last)) = (sets.first(), sets.last()) else {
            return Err(TestCaseError::fail("restore with no set"));
        };
        prop_assert_eq!(first.backup_type, BackupType::Full);
        for (i, inc) in sets.iter().enumerate().skip(1) {
            prop_assert_eq!(inc.backup_type, BackupType::Inc);
            prop_assert_eq!(inc.prev_full_backup_set_id, first.backup_set_id);
            prop_assert!(
                sets[..i]
                    .iter()
                    .any(|s| s.backup_set_id == inc.prev_inc_backup_set_id),
                "restore {}: set {} is over {}, not in the chain before it",
                job.job_id,
                inc.backup_set_id,
                inc.prev_inc_backup_set_id
            );
        }
        prop_assert!(sets.iter().all(|s| s.is_usable_base()));
        prop_assert!(
            last.min_restore_scn <= s,
            "restore {} to {s} before its last set's MIN_RESTORE_SCN {}",
            job.job_id,
            last.min_restore_scn
        );
        prop_assert!(
            c.archive[&src].covers(last.start_replay_scn, s),
            "restore {}: no archive round covers {}..={s}",
            job.job_id,
            last.start_replay_scn
        );
        // Rebuild from what the sets hold plus the log from the last snapshot.
        let mut state = vec![0u64; source.block_count()];
        for set in &sets {
            let at = source.blocks_as_of(set.snapshot_scn);
            for &b in &set.copied_blocks {
                state[b as usize] = at[b as usize];
            }
        }
        for wr in source.writes_between(last.snapshot_scn, s) {
            state[wr.block as usize] = wr.scn;
        }
        let wrong: Vec<usize> = (0..state.len()).filter(|&b| state[b] != want[b]).collect();
        prop_assert!(
            wrong.is_empty(),
            "restore {} to {s}: chain {} + log does not rebuild blocks {:?}",
            job.job_id,
            &job.backup_set_list,
            &wrong[..wrong.len().min(8)]
        );
    }
    Ok(())
}

/// Property 3: per tenant, job, set and task ids are unique and follow start order; restore
/// job ids too; and no "last id" ever goes back.
fn check_ids(w: &mut World) -> Result<(), TestCaseError> {
    let c = &w.c;
    for (&t, b) in &c.backup {
        let mut jobs: Vec<_> = b.jobs.iter().chain(&b.job_history).collect();
        jobs.sort_by_key(|j| j.job_id);
        for pair in jobs.windows(2) {
            prop_assert!(
                pair[0].job_id < pair[1].job_id,
                "tenant {t}: job id {} twice",
                pair[0].job_id
            );
            prop_assert!(
                pair[0].start_ts <= pair[1].start_ts,
                "tenant {t}: job {} started after job {}",
                pair[0].job_id,
                pair[1].job_id
            );
        }
        prop_assert!(
            jobs.iter()
                .all(|j| j.job_id >= 1 && j.job_id <= b.last_job_id)
        );
        let set_ids: Vec<u64> = jobs
            .iter()
            .filter(|j| j.job_level == JobLevel::UserTenant)
            .map(|j| j.backup_set_id)
            .collect();
        prop_assert!(
            set_ids.windows(2).all(|p| p[0] < p[1]),
            "tenant {t}: backup_set_ids {set_ids:?} do not grow with job ids"
        );
        prop_assert!(
            set_ids.iter().all(|&s| s >= 1 && s <= b.last_backup_set_id),
            "tenant {t}: backup_set_ids {set_ids:?} beyond {}",
            b.last_backup_set_id
        );
        let mut sets: Vec<u64> = b.sets.iter().map(|s| s.backup_set_id).collect();
        sets.sort_unstable();
        prop_assert!(
            sets.windows(2).all(|p| p[0] < p[1]),
            "tenant {t}: set id twice"
        );
        prop_assert!(
            sets.iter().all(|s| set_ids.contains(s)),
            "tenant {t}: a set no job started: {sets:?} vs {set_ids:?}"
        );
        let mut tasks: Vec<_> = b.tasks.iter().chain(&b.task_history).collect();
        tasks.sort_by_key(|k| k.task_id);
        for pair in tasks.windows(2) {
            prop_assert!(
                pair[0].task_id < pair[1].task_id,
                "tenant {t}: task id {} twice",
                pair[0].task_id
            );
            prop_assert!(pair[0].start_ts <= pair[1].start_ts);
        }
        prop_assert!(
            tasks
                .iter()
                .all(|k| k.task_id >= 1 && k.task_id <= b.last_task_id)
        );
        let now = [b.last_job_id, b.last_task_id, b.last_backup_set_id];
        let before = w.high_water.get(&t).copied().unwrap_or_default();
        prop_assert!(
            now.iter().zip(before).all(|(n, b)| *n >= b),
            "tenant {t}: last ids went back from {before:?} to {now:?}"
        );
    }
    // The sys job and the user job of a restore share its id: count the sys jobs.
    let mut restores: Vec<_> = c
        .restore
        .jobs
        .iter()
        .chain(&c.restore.history)
        .filter(|j| j.is_sys())
        .collect();
    restores.sort_by_key(|j| j.job_id);
    for pair in restores.windows(2) {
        prop_assert!(
            pair[0].job_id < pair[1].job_id,
            "restore job {} twice",
            pair[0].job_id
        );
        prop_assert!(pair[0].start_ts <= pair[1].start_ts);
    }
    prop_assert!(
        restores
            .iter()
            .all(|j| j.job_id >= 1 && j.job_id <= c.restore.last_job_id)
    );
    prop_assert!(c.restore.last_job_id >= w.restore_high_water);
    let marks: Vec<(u64, [u64; 3])> = c
        .backup
        .iter()
        .map(|(&t, b)| (t, [b.last_job_id, b.last_task_id, b.last_backup_set_id]))
        .collect();
    w.high_water.extend(marks);
    w.restore_high_water = c.restore.last_job_id;
    Ok(())
}

/// Property 4 (after `drain`): nothing left running; every job id handed out is in history
/// exactly once, finished; every set and task ended.
fn check_all_ended(c: &Cluster) -> Result<(), TestCaseError> {
    for (&t, b) in &c.backup {
        prop_assert!(
            b.jobs.is_empty(),
            "tenant {t}: jobs still running after 2 h: {:?}",
            b.jobs
                .iter()
                .map(|j| (j.job_id, j.status))
                .collect::<Vec<_>>()
        );
        prop_assert!(b.tasks.is_empty(), "tenant {t}: tasks still running");
        let mut ids: Vec<u64> = b.job_history.iter().map(|j| j.job_id).collect();
        ids.sort_unstable();
        prop_assert_eq!(
            ids,
            (1..=b.last_job_id).collect::<Vec<_>>(),
            "tenant {}: job history ids",
            t
        );
        for j in &b.job_history {
            prop_assert!(
                j.status.is_finished() && j.end_ts >= j.start_ts,
                "tenant {t}: job {} in history as {}",
                j.job_id,
                j.status.as_str()
            );
        }
        let mut task_ids: Vec<u64> = b.task_history.iter().map(|k| k.task_id).collect();
        task_ids.sort_unstable();
        prop_assert_eq!(task_ids, (1..=b.last_task_id).collect::<Vec<_>>());
        for s in &b.sets {
            prop_assert!(
                matches!(
                    (s.status, s.file_status),
                    (SetStatus::Success, FileStatus::Available)
                        | (SetStatus::Failed, FileStatus::Incomplete)
                ),
                "tenant {t}: set {} ended {}/{}",
                s.backup_set_id,
                s.status.as_str(),
                s.file_status.as_str()
            );
        }
    }
    prop_assert!(
        c.restore.jobs.is_empty(),
        "restores still running after 2 h"
    );
    let mut ids: Vec<u64> = c
        .restore
        .history
        .iter()
        .filter(|j| j.is_sys())
        .map(|j| j.job_id)
        .collect();
    ids.sort_unstable();
    prop_assert_eq!(ids, (1..=c.restore.last_job_id).collect::<Vec<_>>());
    // A user job that ended is in history as long as its tenant exists, and agrees with its
    // sys job.
    for u in c.restore.history.iter().filter(|j| !j.is_sys()) {
        prop_assert!(
            c.tenant(u.tenant_id).is_some(),
            "user row of a dropped tenant"
        );
        let sys = c
            .restore
            .history
            .iter()
            .find(|j| j.is_sys() && j.job_id == u.job_id);
        prop_assert!(
            sys.is_some_and(|s| s.succeeded == u.succeeded),
            "restore {}: sys and user rows disagree",
            u.job_id
        );
    }
    Ok(())
}

/// Property 7: the restorable window is exactly the set of targets a restore accepts. For every
/// window of a user tenant (its data root × its archive root) and every SCN where the answer
/// could change (each segment's ends, each set's MIN_RESTORE_SCN, each piece's SCNs, ± 1), the
/// plan succeeds iff the window holds the SCN, with the chain of the segment that holds it, and
/// fails otherwise with OceanBase's 4018.
fn check_window_decides(c: &Cluster) -> Result<(), TestCaseError> {
    for tenant in USERS {
        for win in c.restore_windows(tenant) {
            let source = RestoreSource::From(format!("{},{}", win.data_root, win.archive_root));
            let mut probes: Vec<u64> = vec![0, 1, c.current_scn(), u64::MAX];
            for seg in &win.segments {
                probes.extend([seg.from, seg.to]);
            }
            for set in c.sets_at(tenant, &win.data_root) {
                probes.extend([set.min_restore_scn, set.start_replay_scn]);
            }
            for p in c.pieces_at(tenant, std::slice::from_ref(&win.archive_root)) {
                probes.extend([p.start_scn, p.end_scn, p.checkpoint_scn]);
            }
            let around: Vec<u64> = probes
                .iter()
                .flat_map(|&p| [p.saturating_sub(1), p, p.saturating_add(1)])
                .collect();
            for target in around {
                let plan = c.plan_restore(&source, &RestoreTarget::Scn(target), None);
                let inside = win.contains(target);
                match plan {
                    Ok(plan) => {
                        prop_assert!(
                            inside,
                            "{target} is planned but outside {:?}",
                            win.intervals
                        );
                        let seg = win
                            .segments
                            .iter()
                            .find(|s| s.from <= target && target <= s.to);
                        let chain: Vec<u64> =
                            plan.choice.sets.iter().map(|s| s.backup_set_id).collect();
                        prop_assert_eq!(
                            Some(&chain),
                            seg.map(|s| &s.set_ids),
                            "{}: the plan's chain is not its segment's",
                            target
                        );
                    }
                    Err(e) => {
                        prop_assert!(
                            !inside,
                            "{target} is in {:?} but refused: {e}",
                            win.intervals
                        );
                        prop_assert_eq!(
                            e.to_string(),
                            "ERROR 4018 (HY000): No enough log for restore"
                        );
                    }
                }
            }
        }
    }
    Ok(())
}

/// A target inside a user tenant's window at its own roots (`pick` chooses the interval and
/// the point in it), if the window is not empty.
fn target_inside(c: &Cluster, pick: &prop::sample::Index) -> Option<(u64, u64)> {
    let mut spans: Vec<(u64, u64, u64)> = Vec::new();
    for tenant in USERS {
        let win = c.restore_window(tenant, &data_root(tenant), &archive_root(tenant));
        spans.extend(win.intervals.iter().map(|&(a, b)| (tenant, a, b)));
    }
    if spans.is_empty() {
        return None;
    }
    let (tenant, a, b) = spans[pick.index(spans.len())];
    let width = b - a;
    // Spread over the interval: its ends and points between them.
    let at = match pick.index(4) {
        0 => a,
        1 => b,
        _ => a + (u128::from(width) * (pick.index(1000) as u128) / 1000) as u64,
    };
    Some((tenant, at))
}

// --- the properties -------------------------------------------------------------------------------

fn cases() -> ProptestConfig {
    // PROPTEST_CASES overrides the default (an explicit `cases` would hide it).
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(24);
    ProptestConfig {
        cases,
        max_shrink_iters: 512,
        // This file is the only one the tests own: no proptest-regressions/ beside it.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(cases())]

    /// 1. A SUCCESS incremental holds exactly the blocks changed since its base; a FULL all.
    #[test]
    fn incremental_sets_hold_exactly_the_blocks_changed_since_their_base(
        (cfg, ops) in schedule()
    ) {
        let mut w = World::new(&cfg);
        for op in &ops {
            w.apply(op);
            check_sets_hold_changed_blocks(&w.c)?;
        }
        w.drain();
        check_sets_hold_changed_blocks(&w.c)?;
    }

    /// 2. A successful restore to `until_scn = s` reproduces the source tenant as of `s`.
    #[test]
    fn restore_reproduces_the_source_tenant_as_of_its_scn((cfg, ops) in schedule()) {
        let mut w = run(&cfg, &ops);
        w.drain();
        check_restores(&w)?;
    }

    /// 3. Job, set, task and restore job ids are unique, follow start order, never go back.
    #[test]
    fn ids_only_grow((cfg, ops) in schedule()) {
        let mut w = World::new(&cfg);
        check_ids(&mut w)?;
        for op in &ops {
            w.apply(op);
            check_ids(&mut w)?;
        }
        w.drain();
        check_ids(&mut w)?;
    }

    /// 4. With faults cleared and time enough, every started job ends in history, once.
    #[test]
    fn every_started_job_ends_in_history((cfg, ops) in schedule()) {
        let mut w = run(&cfg, &ops);
        w.drain();
        check_all_ended(&w.c)?;
    }

    /// 5. The same seed and schedule give the same state.
    #[test]
    fn same_seed_and_schedule_give_the_same_state_hash((cfg, ops) in schedule()) {
        let a = run(&cfg, &ops);
        let b = run(&cfg, &ops);
        prop_assert_eq!(a.c.state_hash(), b.c.state_hash());
        // The hash is only as good as the serialisation under it; compare everything too.
        prop_assert!(format!("{:?}", a.c) == format!("{:?}", b.c), "states differ");
    }

    /// 7. The window decides: a target is planned exactly when the window holds it (spec §4.3).
    #[test]
    fn the_window_holds_exactly_the_targets_a_restore_accepts((cfg, ops) in schedule()) {
        let mut w = run(&cfg, &ops);
        w.drain();
        check_window_decides(&w.c)?;
    }

    /// 8. A restore to any moment inside the window succeeds and gives back the source's
    /// blocks and rows as of that moment; the moment just past the window's end fails with
    /// OceanBase's 4018 and changes nothing.
    #[test]
    fn a_restore_inside_the_window_succeeds_and_one_outside_fails_with_4018(
        (cfg, ops) in schedule(),
        pick in any::<prop::sample::Index>()
    ) {
        let mut w = run(&cfg, &ops);
        w.drain();
        if let Some((tenant, at)) = target_inside(&w.c, &pick) {
            let job = restore(&mut w.c, tenant, RestoreTarget::Scn(at));
            prop_assert!(job.is_ok(), "restore of {} to {} in its window: {:?}", tenant, at, job);
            w.drain();
            let id = job.unwrap_or_default();
            let user = w.c.restore.history.iter().find(|j| !j.is_sys() && j.job_id == id);
            prop_assert!(
                user.is_some_and(|j| j.succeeded && j.restore_scn == at),
                "restore {} to {} did not succeed: {:?}",
                id,
                at,
                user
            );
            check_restores(&w)?;
            let win = w.c.restore_window(tenant, &data_root(tenant), &archive_root(tenant));
            let past = win.intervals.iter().map(|&(_, b)| b).max().unwrap_or(0) + 1;
            let last_job = w.c.restore.last_job_id;
            let e = restore(&mut w.c, tenant, RestoreTarget::Scn(past));
            prop_assert_eq!(
                e.map_err(|e| e.to_string()),
                Err("ERROR 4018 (HY000): No enough log for restore".to_string())
            );
            // The refused statement made no job.
            prop_assert!(w.c.restore.jobs.is_empty() && w.c.restore.last_job_id == last_job);
        }
    }

    /// 6. A save/load anywhere in the schedule changes nothing.
    #[test]
    fn save_and_load_mid_run_changes_nothing(
        (cfg, ops) in schedule(),
        at in any::<prop::sample::Index>()
    ) {
        let plain = run(&cfg, &ops);
        let at = at.index(ops.len() + 1);
        let mut w = World::new(&cfg);
        for (i, op) in ops.iter().enumerate() {
            if i == at {
                w.reload()?;
            }
            w.apply(op);
        }
        if at == ops.len() {
            w.reload()?;
        }
        prop_assert_eq!(w.c.state_hash(), plain.c.state_hash());
        prop_assert!(format!("{:?}", w.c) == format!("{:?}", plain.c), "states differ");
    }
}

// --- the SQL level ------------------------------------------------------------------------------

/// What a person types, in every tenant's dialect; some fail where they are typed.
const STATEMENTS: &[&str] = &[
    "connect root@sys",
    "connect root@mysql_tenant",
    "connect SYS@oracle_tenant",
    "obclient -h127.0.0.1 -P2881 -uroot@mysql_tenant -p -A",
    "ALTER SYSTEM BACKUP DATABASE;",
    "ALTER SYSTEM BACKUP INCREMENTAL DATABASE;",
    "ALTER SYSTEM BACKUP TENANT = mysql_tenant;",
    "ALTER SYSTEM BACKUP INCREMENTAL TENANT = oracle_tenant;",
    "ALTER SYSTEM BACKUP PLUS ARCHIVELOG TENANT = mysql_tenant;",
    "ALTER SYSTEM BACKUP PLUS ARCHIVELOG;",
    "ALTER SYSTEM CANCEL BACKUP;",
    "ALTER SYSTEM CANCEL BACKUP TENANT = mysql_tenant;",
    "ALTER SYSTEM ARCHIVELOG;",
    "ALTER SYSTEM NOARCHIVELOG;",
    "ALTER SYSTEM ARCHIVELOG TENANT = oracle_tenant;",
    "ALTER SYSTEM SET ha_low_thread_score = 8;",
    "ALTER SYSTEM SET ha_low_thread_score = 5 TENANT = mysql_tenant;",
    "ALTER SYSTEM SET ha_low_thread_score = 101;",
    "ALTER SYSTEM SET log_archive_checkpoint_interval = '10s';",
    "ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///backup/elsewhere';",
    "SET ENCRYPTION ON IDENTIFIED BY 'secret' ONLY;",
    "SET DECRYPTION IDENTIFIED BY 'secret';",
    "SELECT SLEEP(5);",
    "SELECT SLEEP(40);",
    "SELECT * FROM DBA_OB_BACKUP_JOBS;",
    "SELECT TENANT_ID, JOB_ID, JOB_LEVEL, STATUS FROM CDB_OB_BACKUP_JOBS ORDER BY TENANT_ID;",
    "SELECT JOB_ID, BACKUP_SET_ID, STATUS, RESULT FROM DBA_OB_BACKUP_JOB_HISTORY;",
    "SELECT TENANT_ID, BACKUP_SET_ID, BACKUP_TYPE, STATUS, FILE_STATUS, MACRO_BLOCK_COUNT FROM CDB_OB_BACKUP_SET_FILES;",
    "SELECT * FROM DBA_OB_BACKUP_TASKS\\G",
    "SELECT TENANT_ID, ROUND_ID, STATUS, CHECKPOINT_SCN FROM CDB_OB_ARCHIVELOG;",
    "SELECT COUNT(*) FROM DBA_OB_ROOTSERVICE_EVENT_HISTORY;",
    "SHOW PARAMETERS LIKE 'ha_low_thread_score';",
    "CREATE DATABASE IF NOT EXISTS shop;",
    "CREATE TABLE shop.t (id INT PRIMARY KEY, v VARCHAR(20));",
    "INSERT INTO shop.t VALUES (1, 'a'), (2, 'b');",
    "UPDATE shop.t SET v = 'z' WHERE id = 1;",
    "DELETE FROM shop.t WHERE id = 2;",
    "SELECT * FROM shop.t;",
    "ALTER SYSTEM RESTORE r1 FROM 'file:///backup/mysql/data,file:///backup/mysql/archive' WITH 'pool_list=p1';",
    "ALTER SYSTEM CANCEL RESTORE r1;",
    "CREATE RESOURCE UNIT IF NOT EXISTS u MAX_CPU 2, MEMORY_SIZE '5G';",
    "CREATE RESOURCE POOL IF NOT EXISTS p1 UNIT = 'u', ZONE_LIST = ('zone1');",
    "ALTER RESOURCE POOL p1 ZONE_LIST = ('zone1', 'zone2');",
    "ALTER SYSTEM RESTORE FROM 'file:///backup/mysql/data,file:///backup/mysql/archive' UNTIL SCN = 1715248500000000000 PREVIEW;",
    "SHOW RESTORE PREVIEW;",
    "ALTER SYSTEM ADD RESTORE SOURCE 'file:///backup/mysql/data/backup_set_1_full,file:///backup/mysql/archive/piece_d1001r1p1';",
    "ALTER SYSTEM RESTORE r2 WITH 'pool_list=p1';",
    "ALTER SYSTEM RECOVER STANDBY TENANT = r1 UNTIL UNLIMITED;",
    "ALTER SYSTEM ACTIVATE STANDBY TENANT = r1;",
    "ALTER SYSTEM SET LOG_RESTORE_SOURCE = 'LOCATION=file:///backup/mysql/archive' TENANT = r1;",
    "ALTER SYSTEM RECOVER TABLE shop.t TO mysql_tenant FROM 'file:///backup/mysql/data,file:///backup/mysql/archive' WITH 'pool_list=p1' REMAP TABLE shop.t:t_back;",
    "ALTER SYSTEM CANCEL RECOVER TABLE mysql_tenant;",
    "SELECT TENANT_ID, JOB_ID, STATUS, RESULT FROM CDB_OB_RECOVER_TABLE_JOBS;",
    "SELECT * FROM shop.t_back;",
    "ALTER SYSTEM BACKUP DATABSE;",
];

/// Every session starts with the destinations set and archiving on.
const PRELUDE: &[&str] = &[
    "ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///backup/mysql/archive' TENANT = mysql_tenant;",
    "ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///backup/oracle/archive' TENANT = oracle_tenant;",
    "ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///backup/mysql/data' TENANT = mysql_tenant;",
    "ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///backup/oracle/data' TENANT = oracle_tenant;",
    "ALTER SYSTEM ARCHIVELOG;",
    "SELECT SLEEP(15);",
];

#[derive(Clone, Debug)]
enum Step {
    /// One of `STATEMENTS`.
    Type(usize),
    /// The play loop lets time run between statements.
    Wait { secs: u64 },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0..STATEMENTS.len()).prop_map(Step::Type),
        1 => (1u64..=120).prop_map(|secs| Step::Wait { secs }),
    ]
}

proptest! {
    #![proptest_config(cases())]

    /// The SQL level: replaying a shell's session log gives the same transcript and state.
    #[test]
    fn shell_replay_gives_the_same_transcript_and_state(
        seed in any::<u64>(),
        steps in prop::collection::vec(step(), 1..=MAX_OPS)
    ) {
        let mut shell = Shell::new(seed);
        let mut typed: Vec<Entry> = Vec::new();
        for text in PRELUDE {
            typed.extend(shell.run(&format!("{text}\n")).0);
        }
        for s in &steps {
            match s {
                Step::Type(i) => typed.extend(shell.run(&format!("{}\n", STATEMENTS[*i])).0),
                Step::Wait { secs } => shell.cluster.advance(secs * SECOND),
            }
        }
        let (again, replayed) = obsim::replay::replay(&shell.log()).map_err(TestCaseError::fail)?;
        prop_assert_eq!(
            transcript(&replayed, CompatMode::MySql),
            transcript(&typed, CompatMode::MySql)
        );
        prop_assert_eq!(again.cluster.state_hash(), shell.cluster.state_hash());
        prop_assert!(
            format!("{:?}", again.cluster) == format!("{:?}", shell.cluster),
            "replayed state differs"
        );
        prop_assert_eq!(again.prompt(), shell.prompt());
    }
}

// --- the properties are not vacuous ---------------------------------------------------------

/// A fixed schedule that does reach what the properties talk about: a SUCCESS incremental
/// over a base, and a successful restore to an SCN between backups, each checked.
#[test]
fn a_fixed_schedule_reaches_incrementals_and_restores() {
    let cfg = Config {
        seed: 3,
        macro_blocks: 512,
        workload_rate: 20,
        checkpoint_interval: "5s",
    };
    let ops = [
        Op::TenantBackup {
            tenant: MYSQL,
            inc: false,
            plus_archivelog: false,
        },
        Op::Dml {
            tenant: MYSQL,
            kind: 0,
            id: 1,
            amount: 10,
        },
        Op::Advance { secs: 90 },
        Op::Dml {
            tenant: MYSQL,
            kind: 0,
            id: 2,
            amount: 20,
        },
        Op::Write {
            tenant: MYSQL,
            picks: vec![3, 300, 301],
        },
        Op::TenantBackup {
            tenant: MYSQL,
            inc: true,
            plus_archivelog: false,
        },
        Op::Dml {
            tenant: MYSQL,
            kind: 1,
            id: 2,
            amount: 5,
        },
        Op::Advance { secs: 90 },
        Op::Restore {
            tenant: MYSQL,
            until: Some(700),
        },
        Op::Advance { secs: 120 },
    ];
    let mut w = run(&cfg, &ops);
    w.drain();
    let sets = &w.c.backup[&MYSQL].sets;
    assert!(
        sets.iter()
            .any(|s| s.backup_type == BackupType::Inc && s.status == SetStatus::Success),
        "an incremental succeeded: {sets:?}"
    );
    let restored =
        w.c.restore
            .history
            .iter()
            .filter(|j| j.succeeded && !j.is_sys())
            .count();
    assert_eq!(restored, 1, "the restore succeeded");
    check_sets_hold_changed_blocks(&w.c).unwrap();
    check_restores(&w).unwrap();
    check_ids(&mut w).unwrap();
    check_all_ended(&w.c).unwrap();
}
