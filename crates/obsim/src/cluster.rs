//! Zones, OBServers and tenants, and the `Cluster` that owns them together with time, the
//! event queue and every tenant's storage, archive and backup state.

use crate::archive::{ArchiveEvent, ArchiveRound, TenantArchive, TickInput};
use crate::backup::TenantBackup;
use crate::calendar::time_tag;
use crate::compat::CompatMode;
use crate::error::{code, ob_message};
use crate::medium::{BackupMedium, join};
use crate::params::ParamValues;
use crate::resource::Resources;
use crate::restore::RestoreState;
use crate::session_log::ClusterOptions;
use crate::sim::{Clock, EPOCH_MICROS, EventQueue, Micros, RngStreams, SECOND, micros_of_scn};
use crate::storage::TenantStorage;
use crate::userdata::UserData;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The OceanBase version the simulator behaves as (reference §0: the 4.3.3 branch).
pub const CLUSTER_VERSION: &str = "4.3.3.0";

/// Tenant id of the sys tenant.
pub const SYS_TENANT_ID: u64 = 1;

/// What kind of tenant a row of DBA_OB_TENANTS is (column TENANT_TYPE).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TenantType {
    Sys,
    Meta,
    User,
}

impl TenantType {
    pub fn as_str(self) -> &'static str {
        match self {
            TenantType::Sys => "SYS",
            TenantType::Meta => "META",
            TenantType::User => "USER",
        }
    }
}

/// A tenant's life-cycle status (column STATUS of DBA_OB_TENANTS).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TenantStatus {
    Normal,
    Creating,
    Dropping,
    Restore,
}

impl TenantStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TenantStatus::Normal => "NORMAL",
            TenantStatus::Creating => "CREATING",
            TenantStatus::Dropping => "DROPPING",
            TenantStatus::Restore => "RESTORE",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Zone {
    pub name: String,
}

/// One OBServer process. OceanBase addresses servers by `ip:rpc_port`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Server {
    pub ip: String,
    pub rpc_port: u16,
    pub sql_port: u16,
    pub zone: String,
    pub active: bool,
}

impl Server {
    pub fn addr(&self) -> String {
        format!("{}:{}", self.ip, self.rpc_port)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tenant {
    pub id: u64,
    pub name: String,
    pub tenant_type: TenantType,
    pub mode: CompatMode,
    pub status: TenantStatus,
    /// PRIMARY, or RESTORE / STANDBY for a restored tenant (DBA_OB_TENANTS.TENANT_ROLE).
    pub role: String,
    /// Tenant data version (DBA_OB_TENANTS.COMPATIBLE, set files' TENANT_COMPATIBLE).
    pub data_version: String,
    pub create_time: Micros,
    /// A restored tenant's `primary_zone` option (DBA_OB_TENANTS.PRIMARY_ZONE); without one
    /// OceanBase spreads leaders over the zones and shows `RANDOM` (R§2.4).
    #[serde(default)]
    pub primary_zone: Option<String>,
}

impl Tenant {
    /// The meta tenant of a user tenant has id `user_id - 1` and the name `META$<user_id>`.
    fn meta_of(user_id: u64, now: Micros) -> Tenant {
        Tenant {
            id: user_id - 1,
            name: format!("META${user_id}"),
            tenant_type: TenantType::Meta,
            mode: CompatMode::MySql,
            status: TenantStatus::Normal,
            role: "PRIMARY".into(),
            data_version: CLUSTER_VERSION.into(),
            create_time: now,
            primary_zone: None,
        }
    }

    fn user(id: u64, name: &str, mode: CompatMode, now: Micros) -> Tenant {
        Tenant {
            id,
            name: name.to_string(),
            tenant_type: TenantType::User,
            mode,
            status: TenantStatus::Normal,
            role: "PRIMARY".into(),
            data_version: CLUSTER_VERSION.into(),
            create_time: now,
            primary_zone: None,
        }
    }

    pub fn is_user(&self) -> bool {
        self.tenant_type == TenantType::User
    }

    pub fn is_normal(&self) -> bool {
        self.status == TenantStatus::Normal
    }
}

/// What wakes the simulator up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Event {
    /// Once a second: the archive scheduler of every user tenant.
    ArchiveTick,
    /// One step of a backup job's state machine.
    JobStep { tenant_id: u64, job_id: u64 },
    /// One step of a restore job: the sys job (tenant 1) or the restored tenant's own.
    RestoreStep { tenant_id: u64, job_id: u64 },
    /// One step of a RECOVER TABLE (its rows in sys and the target, its import), by the sys
    /// job's id.
    RecoverTableStep { job_id: u64 },
    /// Backup cleanup: the hourly trigger and the steps of running delete jobs.
    CleanTick,
}

/// A RootService event (DBA_OB_ROOTSERVICE_EVENT_HISTORY), e.g. `backup_data` /
/// `start_backup_data` with the result of every start attempt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RsEvent {
    pub timestamp: Micros,
    pub module: String,
    pub event: String,
    pub tenant_id: u64,
    pub result: i32,
    pub info: String,
}

/// The simulated cluster: the one owner of time, randomness and every piece of state.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Cluster {
    seed: u64,
    pub version: String,
    pub clock: Clock,
    pub(crate) rng: RngStreams,
    pub(crate) events: EventQueue<Event>,
    pub zones: Vec<Zone>,
    pub servers: Vec<Server>,
    /// Ordered by tenant id, as DBA_OB_TENANTS lists them.
    pub tenants: Vec<Tenant>,
    pub params: ParamValues,
    /// Per user tenant.
    pub storage: BTreeMap<u64, TenantStorage>,
    pub archive: BTreeMap<u64, TenantArchive>,
    /// Per tenant (user tenants, and sys for CLUSTER jobs).
    pub backup: BTreeMap<u64, TenantBackup>,
    pub medium: BackupMedium,
    /// Databases, tables and rows of every tenant (the SQL layer's user data).
    pub user_data: BTreeMap<u64, UserData>,
    pub restore: RestoreState,
    /// Resource units and pools (DBA_OB_UNIT_CONFIGS, DBA_OB_RESOURCE_POOLS).
    pub resources: Resources,
    pub rs_events: Vec<RsEvent>,
    /// A cluster upgrade is under way: backups cannot start (9040 "cluster upgrading").
    pub upgrading: bool,
    /// While a session is replayed, the background workload is applied only when something
    /// reads the blocks (a backup's plan, a restore), not at every statement: replays of long
    /// sessions stay fast. Never set outside `Shell::replay`.
    #[serde(skip)]
    pub defer_workload: bool,
    /// The pending archive pass (`Event::ArchiveTick`), if any: passes run on the one-second
    /// grid, only when some tenant's archive has something due (`TenantArchive::next_due`) or a
    /// statement changed one. An event at another time is a stale one and does nothing.
    #[serde(default)]
    archive_tick_at: Option<Micros>,
    /// The pending cleaner pass (`Event::CleanTick`): on the hour while some tenant has a
    /// readable delete policy, sooner while a delete job runs (`Cluster::next_clean_due`).
    #[serde(default)]
    clean_tick_at: Option<Micros>,
}

impl Cluster {
    /// The cluster of the OceanBase backup docs: three zones with one OBServer each, the sys
    /// tenant, `mysql_tenant` (1002, MySQL mode) and `oracle_tenant` (1004, Oracle mode), each
    /// user tenant with its meta tenant.
    pub fn new(seed: u64) -> Cluster {
        Cluster::with_options(seed, ClusterOptions::default())
    }

    pub fn with_options(seed: u64, options: ClusterOptions) -> Cluster {
        let options = crate::limits::clamp_options(options);
        let clock = Clock::new();
        let now = clock.now();
        let zones: Vec<Zone> = (1..=3)
            .map(|i| Zone {
                name: format!("zone{i}"),
            })
            .collect();
        let servers: Vec<Server> = (1..=3)
            .map(|i| Server {
                ip: format!("10.0.0.{i}"),
                rpc_port: 2882,
                sql_port: 2881,
                zone: format!("zone{i}"),
                active: true,
            })
            .collect();
        let tenants = vec![
            Tenant {
                id: SYS_TENANT_ID,
                name: "sys".into(),
                tenant_type: TenantType::Sys,
                mode: CompatMode::MySql,
                status: TenantStatus::Normal,
                role: "PRIMARY".into(),
                data_version: CLUSTER_VERSION.into(),
                create_time: now,
                primary_zone: None,
            },
            Tenant::meta_of(1002, now),
            Tenant::user(1002, "mysql_tenant", CompatMode::MySql, now),
            Tenant::meta_of(1004, now),
            Tenant::user(1004, "oracle_tenant", CompatMode::Oracle, now),
        ];
        let mut rng = RngStreams::new(seed);
        let mut storage = BTreeMap::new();
        let mut archive = BTreeMap::new();
        let mut backup = BTreeMap::new();
        backup.insert(SYS_TENANT_ID, TenantBackup::default());
        for t in tenants.iter().filter(|t| t.is_user()) {
            let mut s =
                TenantStorage::generate(&mut rng, servers.len(), options.macro_blocks_per_tenant);
            s.set_workload(workload_key(seed, t.id), options.workload_rate, now);
            storage.insert(t.id, s);
            archive.insert(t.id, TenantArchive::default());
            backup.insert(t.id, TenantBackup::default());
        }
        let user_data = tenants
            .iter()
            .filter(|t| t.tenant_type != TenantType::Meta)
            .map(|t| (t.id, UserData::for_mode(t.mode)))
            .collect();
        let zone_names: Vec<String> = zones.iter().map(|z| z.name.clone()).collect();
        let users: Vec<(u64, &str)> = tenants
            .iter()
            .filter(|t| t.is_user())
            .map(|t| (t.id, t.name.as_str()))
            .collect();
        let resources = Resources::seeded(&users, &zone_names, now);
        let events = EventQueue::new();
        Cluster {
            seed,
            version: CLUSTER_VERSION.into(),
            clock,
            rng,
            events,
            zones,
            servers,
            tenants,
            params: ParamValues::default(),
            storage,
            archive,
            backup,
            medium: BackupMedium::default(),
            user_data,
            restore: RestoreState::default(),
            resources,
            rs_events: Vec::new(),
            upgrading: false,
            defer_workload: false,
            archive_tick_at: None,
            clean_tick_at: None,
        }
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    pub fn version(&self) -> &str {
        &self.version
    }

    pub fn now(&self) -> Micros {
        self.clock.now()
    }

    pub fn current_scn(&self) -> u64 {
        self.clock.current_scn()
    }

    pub fn tenant(&self, id: u64) -> Option<&Tenant> {
        self.tenants.iter().find(|t| t.id == id)
    }

    /// Tenant names are case-insensitive in OceanBase's lookups.
    pub fn tenant_by_name(&self, name: &str) -> Option<&Tenant> {
        self.tenants
            .iter()
            .find(|t| t.name.eq_ignore_ascii_case(name))
    }

    pub fn user_tenants(&self) -> impl Iterator<Item = &Tenant> {
        self.tenants.iter().filter(|t| t.is_user())
    }

    pub fn tenant_backup(&self, id: u64) -> Option<&TenantBackup> {
        self.backup.get(&id)
    }

    /// Backup bookkeeping of a tenant, created on first use.
    pub fn tenant_backup_mut(&mut self, id: u64) -> &mut TenantBackup {
        self.backup.entry(id).or_default()
    }

    // --- time ----------------------------------------------------------------------------

    /// Advances simulated time by `dt` microseconds, handling every event due on the way
    /// (less at the session's time limit).
    pub fn advance(&mut self, dt: Micros) {
        let until = self.now().saturating_add(dt);
        self.run_until(until);
    }

    /// Whether simulated time has reached the session's limit (`limits::MAX_SPAN`): it stops
    /// there.
    pub fn at_time_limit(&self) -> bool {
        self.now() >= crate::limits::horizon()
    }

    /// Runs every event due at or before `t`, jumping from event to event, then sets the
    /// clock to `t` (never past the session's time limit). The background workload needs no events: its writes are applied here, up
    /// to `t`, at once (and earlier by whatever reads the blocks in between).
    pub fn run_until(&mut self, t: Micros) {
        let t = t.min(crate::limits::horizon());
        while let Some((at, event)) = self.events.pop_due(t) {
            self.clock.set(at);
            self.handle(event);
        }
        self.clock.set(t);
        if !self.defer_workload {
            self.sync_all_storage();
        }
    }

    /// Applies every tenant's background writes up to now.
    pub fn sync_all_storage(&mut self) {
        let now = self.now();
        for s in self.storage.values_mut() {
            s.sync(now);
        }
    }

    /// Applies a tenant's background writes up to now, before something reads its blocks.
    pub(crate) fn sync_storage(&mut self, tenant_id: u64) {
        let now = self.now();
        if let Some(s) = self.storage.get_mut(&tenant_id) {
            s.sync(now);
        }
    }

    /// Sets a tenant's background workload (writes per second; 0 = off) from now on.
    pub fn set_workload_rate(&mut self, tenant_id: u64, rate: u32) {
        let (now, key) = (self.now(), workload_key(self.seed, tenant_id));
        if let Some(s) = self.storage.get_mut(&tenant_id) {
            s.set_workload(key, rate, now);
        }
    }

    /// Sets the background workload of every primary user tenant (the time bar's control) from
    /// now on; a restored tenant joins once it is primary.
    pub fn set_workload(&mut self, rate: u32) {
        let ids: Vec<u64> = self
            .tenants
            .iter()
            .filter(|t| t.is_user() && t.role == "PRIMARY")
            .map(|t| t.id)
            .collect();
        for id in ids {
            self.set_workload_rate(id, rate);
        }
    }

    /// The background workload now (writes per second per tenant): the highest rate of any
    /// user tenant, 0 when every tenant's is off.
    pub fn workload_rate(&self) -> u32 {
        self.storage
            .values()
            .map(|s| s.workload_rate)
            .max()
            .unwrap_or(0)
    }

    /// Time of the next scheduled event.
    pub fn next_event_time(&self) -> Option<Micros> {
        self.events.peek_time()
    }

    pub(crate) fn schedule(&mut self, at: Micros, event: Event) {
        self.events.schedule(at, event);
    }

    fn handle(&mut self, event: Event) {
        let now = self.now();
        match event {
            Event::ArchiveTick if self.archive_tick_at == Some(now) => {
                self.archive_tick_at = None;
                self.archive_tick();
                let due = self.archive.values().filter_map(|a| a.next_due(now)).min();
                if let Some(due) = due {
                    self.schedule_archive_tick(grid_after(now, due, SECOND));
                }
            }
            Event::CleanTick if self.clean_tick_at == Some(now) => {
                self.clean_tick_at = None;
                self.clean_tick();
                self.wake_cleaner();
            }
            Event::ArchiveTick | Event::CleanTick => {}
            Event::JobStep { tenant_id, job_id } => self.step_job(tenant_id, job_id),
            Event::RestoreStep { tenant_id, job_id } => self.step_restore(tenant_id, job_id),
            Event::RecoverTableStep { job_id } => self.step_recover_table(job_id),
        }
    }

    /// An archive pass at the next grid second: a statement or a fault changed an archive.
    pub(crate) fn wake_archive(&mut self) {
        let now = self.now();
        self.schedule_archive_tick(grid_after(now, now, SECOND));
    }

    fn schedule_archive_tick(&mut self, at: Micros) {
        if self.archive_tick_at.is_none_or(|t| at < t) {
            self.archive_tick_at = Some(at);
            self.schedule(at, Event::ArchiveTick);
        }
    }

    /// The next cleaner pass, when the cleaner has something due (`next_clean_due`); a pass
    /// already pending sooner stays.
    pub(crate) fn wake_cleaner(&mut self) {
        if let Some(at) = self.next_clean_due()
            && self.clean_tick_at.is_none_or(|t| at < t)
        {
            self.clean_tick_at = Some(at);
            self.schedule(at, Event::CleanTick);
        }
    }

    fn archive_tick(&mut self) {
        let now = self.now();
        let scn = self.current_scn();
        let ids: Vec<u64> = self.archive.keys().copied().collect();
        for id in ids {
            if self.archive.get(&id).is_none_or(TenantArchive::is_idle) {
                continue;
            }
            let log_bytes = self.storage.get(&id).map_or(0, |s| s.log_bytes(now));
            let params = &self.params;
            let checkpoint_interval = || params.get_time(id, "log_archive_checkpoint_interval");
            let Some(archive) = self.archive.get_mut(&id) else {
                continue;
            };
            let input = TickInput {
                now,
                current_scn: scn,
                log_bytes,
                checkpoint_interval: &checkpoint_interval,
            };
            let changes = archive.tick(&input, &mut self.rng);
            for change in changes {
                self.on_archive_event(id, change);
            }
        }
        // Standby tenants read what the pass archived (their log restore source).
        self.replay_standbys();
    }

    fn on_archive_event(&mut self, tenant_id: u64, change: ArchiveEvent) {
        let (event, round_id) = match change {
            ArchiveEvent::RoundOpened { round_id } => ("enable_archive", round_id),
            ArchiveEvent::RoundBegan { round_id } => {
                self.write_round_files(tenant_id, round_id, "start");
                ("round_beginning", round_id)
            }
            ArchiveEvent::RoundDoing { round_id } => ("round_doing", round_id),
            ArchiveEvent::RoundStopped { round_id } => {
                self.write_round_files(tenant_id, round_id, "end");
                ("disable_archive", round_id)
            }
            ArchiveEvent::PieceAdvanced { round_id, .. } => {
                self.write_round_files(tenant_id, round_id, "piece");
                return;
            }
        };
        self.rs_event(
            "log_archive",
            event,
            tenant_id,
            0,
            format!("round_id={round_id}"),
        );
    }

    /// Files an archive round leaves on its destination (§2.11).
    fn write_round_files(&mut self, tenant_id: u64, round_id: u64, what: &str) {
        let Some(round) = self.archive.get(&tenant_id).and_then(|a| a.round.clone()) else {
            return;
        };
        let root = round.path.clone();
        let d = round.dest_id;
        let tag = time_tag(micros_of_scn(round.checkpoint_scn.max(round.start_scn)));
        match what {
            "start" => {
                self.medium.write(
                    join(&root, &format!("rounds/round_d{d}r{round_id}_start.obarc")),
                    256,
                );
                self.write_piece_files(tenant_id, &round, round.base_piece_id, &tag);
            }
            "end" => {
                self.medium.write(
                    join(&root, &format!("rounds/round_d{d}r{round_id}_end.obarc")),
                    256,
                );
            }
            _ => self.write_piece_files(tenant_id, &round, round.used_piece_id, &tag),
        }
    }

    fn write_piece_files(&mut self, _tenant_id: u64, round: &ArchiveRound, piece: u64, tag: &str) {
        let root = &round.path;
        let name = format!("piece_d{}r{}p{}", round.dest_id, round.round_id, piece);
        self.medium
            .write(join(root, &format!("pieces/{name}_start_{tag}.obarc")), 256);
        let dir = join(root, &name);
        for f in [
            "single_piece_info.obarc",
            "tenant_archive_piece_infos.obarc",
            "file_info.obarc",
            "checkpoint/checkpoint_info.0.obarc",
        ] {
            self.medium.write(join(&dir, f), 1024);
        }
        self.medium
            .write(join(&dir, "logstream_1/log/1.obarc"), 64 << 20);
        self.medium
            .write(join(&dir, "logstream_1001/log/1.obarc"), 64 << 20);
    }

    /// An explicit write (the SQL layer's INSERT/UPDATE/DELETE) of a tenant's macroblocks.
    /// Returns the SCN of the write and the blocks it touched.
    pub fn write_blocks(&mut self, tenant_id: u64, blocks: &[u32]) -> Option<(u64, Vec<u32>)> {
        if !self.storage.contains_key(&tenant_id) {
            return None;
        }
        let scn = self.clock.next_scn();
        let storage = self.storage.get_mut(&tenant_id)?;
        Some((scn, storage.write(blocks, scn)))
    }

    pub(crate) fn rs_event(
        &mut self,
        module: &str,
        event: &str,
        tenant_id: u64,
        result: i32,
        info: String,
    ) {
        self.rs_events.push(RsEvent {
            timestamp: self.now(),
            module: module.into(),
            event: event.into(),
            tenant_id,
            result,
            info,
        });
    }

    // --- faults ---------------------------------------------------------------------------

    /// Stops or starts an OBServer (by index). Copy throughput follows the active servers.
    pub fn set_server_active(&mut self, index: usize, active: bool) -> bool {
        match self.servers.get_mut(index) {
            Some(s) => {
                s.active = active;
                let ev = if active {
                    "start_server"
                } else {
                    "stop_server"
                };
                let addr = s.addr();
                self.rs_event("server", ev, SYS_TENANT_ID, 0, addr);
                true
            }
            None => false,
        }
    }

    pub fn active_servers(&self) -> usize {
        self.servers.iter().filter(|s| s.active).count()
    }

    /// Makes a destination root unreachable (or reachable again).
    pub fn set_dest_unreachable(&mut self, root: &str, unreachable: bool) {
        let root = root.trim_end_matches('/').to_string();
        self.medium.unreachable.retain(|r| *r != root);
        if unreachable {
            self.medium.unreachable.push(root);
        }
    }

    /// Makes a destination root full (or frees it).
    pub fn set_dest_full(&mut self, root: &str, full: bool) {
        let root = root.trim_end_matches('/').to_string();
        self.medium.full.retain(|r| *r != root);
        if full {
            self.medium.full.push(root);
        }
    }

    /// Interrupts a tenant's archive round: an LS's clog was recycled before it was archived.
    pub fn interrupt_archive(&mut self, tenant_id: u64) -> bool {
        let comment = format!(
            "(SERVER)ls_id: 1001, addr: {}, module: ARCHIVE, result: {}({})",
            self.servers.first().map(Server::addr).unwrap_or_default(),
            code::OB_CLOG_RECYCLE_BEFORE_ARCHIVE,
            ob_message(code::OB_CLOG_RECYCLE_BEFORE_ARCHIVE)
        );
        let interrupted = self
            .archive
            .get_mut(&tenant_id)
            .is_some_and(|a| a.interrupt(comment));
        self.wake_archive();
        interrupted
    }

    /// Starts a cluster upgrade to `version`: backups refuse to start until `finish_upgrade`.
    pub fn begin_upgrade(&mut self) {
        self.upgrading = true;
    }

    /// Finishes an upgrade: every tenant's data version moves, so an incremental backup over a
    /// set taken before becomes FULL (§2.6).
    pub fn finish_upgrade(&mut self, version: &str) {
        self.upgrading = false;
        self.version = version.to_string();
        for t in &mut self.tenants {
            t.data_version = version.to_string();
        }
    }

    /// A stable digest of the whole state (for determinism checks, and to compare the page with
    /// `obsim replay`): FNV-1a over every field (`fingerprint`).
    pub fn state_hash(&self) -> u64 {
        crate::fingerprint::of(self)
    }

    /// Serialises the whole engine state.
    pub fn save(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Loads a state saved by `save`.
    pub fn load(json: &str) -> Result<Cluster, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }
}

/// The first point of the grid `EPOCH + k·step` (k ≥ 1) after `now` and at or after `due`.
fn grid_after(now: Micros, due: Micros, step: Micros) -> Micros {
    let t = due.max(now + 1).saturating_sub(EPOCH_MICROS);
    EPOCH_MICROS + t.div_ceil(step).max(1) * step
}

/// The key of a tenant's workload stream: its writes are drawn from it tick by tick.
fn workload_key(seed: u64, tenant_id: u64) -> u64 {
    crate::sim::mix64(seed ^ tenant_id.wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initial_cluster_has_the_docs_tenants_with_their_meta_tenants() {
        let c = Cluster::new(7);
        let ids: Vec<(u64, &str, &str, &str)> = c
            .tenants
            .iter()
            .map(|t| {
                (
                    t.id,
                    t.name.as_str(),
                    t.tenant_type.as_str(),
                    t.mode.as_str(),
                )
            })
            .collect();
        assert_eq!(
            ids,
            vec![
                (1, "sys", "SYS", "MYSQL"),
                (1001, "META$1002", "META", "MYSQL"),
                (1002, "mysql_tenant", "USER", "MYSQL"),
                (1003, "META$1004", "META", "MYSQL"),
                (1004, "oracle_tenant", "USER", "ORACLE"),
            ]
        );
        assert!(c.tenants.iter().all(|t| t.status == TenantStatus::Normal));
    }

    #[test]
    fn initial_cluster_has_three_zones_with_one_observer_each() {
        let c = Cluster::new(7);
        let zones: Vec<&str> = c.zones.iter().map(|z| z.name.as_str()).collect();
        assert_eq!(zones, ["zone1", "zone2", "zone3"]);
        for z in &c.zones {
            assert_eq!(c.servers.iter().filter(|s| s.zone == z.name).count(), 1);
        }
        assert_eq!(c.servers[0].addr(), "10.0.0.1:2882");
        assert!(c.servers.iter().all(|s| s.active));
    }

    #[test]
    fn cluster_remembers_its_seed_and_version() {
        let c = Cluster::new(12345);
        assert_eq!(c.seed(), 12345);
        assert!(c.version().starts_with("4."));
    }

    #[test]
    fn tenant_lookup_by_name_ignores_case() {
        let c = Cluster::new(1);
        assert_eq!(c.tenant_by_name("MYSQL_TENANT").map(|t| t.id), Some(1002));
        assert!(c.tenant_by_name("nosuch").is_none());
        assert_eq!(c.user_tenants().count(), 2);
    }
}
