//! After the restore (R§10): the restored tenant's data (built from the chain and the log, then
//! replayed forward), RECOVER STANDBY, ACTIVATE STANDBY and LOG_RESTORE_SOURCE.
//!
//! Invariant: a restored tenant's blocks and rows are always the backup tenant's as of its
//! READABLE_SCN, built from the sets it restored and the log after them, never copied from the
//! live tenant; READABLE_SCN only grows, never past RECOVERY_UNTIL_SCN nor past what its log
//! restore source holds without a gap (`window::piece_run`).

use super::{
    DataMode, LogRestoreSource, MAX_RECOVERY_SCN, RestoreJob, SourceKind, TenantRecovery, window,
};
use crate::cluster::{Cluster, TenantStatus};
use crate::compat::CompatMode;
use crate::error::{ObError, ObResult};
use crate::medium::validate_uri;
use crate::sim::{Micros, SECOND, Stream};
use crate::userdata::UserData;

/// How far `ALTER SYSTEM RECOVER STANDBY` lets the tenant go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecoverUntil {
    Scn(u64),
    Unlimited,
    /// `CANCEL`: stop where the replay stands.
    Cancel,
}

impl Cluster {
    /// The end of POST_CHECK: the tenant's blocks from the chain's sets (each set's blocks as
    /// of its snapshot) and the log after the last one up to the restore SCN, and its rows
    /// replayed from the log up to that SCN.
    pub(super) fn build_restored_data(&mut self, job: &RestoreJob) {
        let (src, id, scn) = (job.backup_tenant_id, job.tenant_id, job.restore_scn);
        self.sync_storage(src);
        let sets: Vec<(u64, Vec<u32>)> = job
            .set_ids
            .iter()
            .filter_map(|sid| self.backup.get(&src).and_then(|b| b.set(*sid)))
            .map(|s| (s.snapshot_scn, s.copied_blocks.clone()))
            .collect();
        let now = self.now();
        if let Some(storage) = self.storage.get(&src) {
            let refs: Vec<(u64, &[u32])> = sets.iter().map(|(a, b)| (*a, b.as_slice())).collect();
            let blocks = storage.rebuild(&refs, scn);
            let restored = storage.restored_copy(blocks, scn, now);
            self.storage.insert(id, restored);
        }
        self.replay_rows(src, id, scn);
        if let Some(r) = self.restore.recovery_mut(id) {
            r.data_built = true;
        }
    }

    /// The tenant's rows as of `scn`: the built-in schemas, then the backup tenant's logged
    /// changes up to `scn` (the archived log; the sets hold the same rows at their snapshots).
    fn replay_rows(&mut self, src: u64, id: u64, scn: u64) {
        let mode = self.tenant(id).map_or(CompatMode::MySql, |t| t.mode);
        if let Some(data) = self.user_data.get(&src) {
            let rows = data.as_of(scn, &UserData::for_mode(mode));
            self.user_data.insert(id, rows);
        }
    }

    /// Replays the backup tenant's log on a standby from its READABLE_SCN to `to`.
    fn replay_to(&mut self, id: u64, to: u64) {
        let Some(rec) = self.restore.recovery(id).cloned() else {
            return;
        };
        let (src, from) = (rec.backup_tenant_id, rec.readable_scn);
        if to <= from {
            return;
        }
        self.sync_storage(src);
        let now = self.now();
        if let (Some(s), Some(mine)) = (self.storage.get(&src), self.storage.get(&id)) {
            let mut blocks = mine.last_write_scn.clone();
            for w in s.writes_between(from, to) {
                if let Some(b) = blocks.get_mut(w.block as usize) {
                    *b = w.scn;
                }
            }
            let mut next = s.restored_copy(blocks, to, now);
            next.inherited_log_bytes = mine.inherited_log_bytes;
            self.storage.insert(id, next);
        }
        self.replay_rows(src, id, to);
        if let Some(r) = self.restore.recovery_mut(id) {
            r.readable_scn = to;
        }
    }

    /// How far a standby's log restore source holds log without a gap from its READABLE_SCN.
    fn log_reach(&self, rec: &TenantRecovery) -> u64 {
        let from = rec.readable_scn;
        let Some(source) = &rec.source else {
            return from;
        };
        let pieces = match source.kind {
            SourceKind::Location => {
                let roots: Vec<String> = source.value.split(',').map(str::to_string).collect();
                self.pieces_at(rec.backup_tenant_id, &roots)
            }
            SourceKind::RawPath => source
                .value
                .split(',')
                .filter_map(|p| self.piece_by_dir(p).map(|(_, piece)| piece))
                .collect(),
            // The named primary's own log, when it is the tenant the backup came from.
            SourceKind::Service => {
                let live = service_tenant(&source.value)
                    .and_then(|name| self.tenant_by_name(name))
                    .is_some_and(|t| t.id == rec.backup_tenant_id);
                return if live { self.current_scn() } else { from };
            }
        };
        window::piece_run(&pieces, from)
            .last()
            .map_or(from, |p| p.checkpoint_scn.max(from))
    }

    /// An archive pass's end: every standby replays what its source now holds, up to its
    /// RECOVERY_UNTIL_SCN (R§10.1, R§10.3).
    pub(crate) fn replay_standbys(&mut self) {
        let ids: Vec<u64> = self
            .restore
            .recovering
            .iter()
            .filter(|r| r.data_built)
            .map(|r| r.tenant_id)
            .collect();
        for id in ids {
            if self.tenant(id).is_none_or(|t| t.role != "STANDBY") {
                continue;
            }
            let Some(rec) = self.restore.recovery(id).cloned() else {
                continue;
            };
            let to = self.log_reach(&rec).min(rec.recovery_until_scn);
            self.replay_to(id, to);
        }
    }

    /// `ALTER SYSTEM RECOVER STANDBY … UNTIL … | CANCEL` after the resolver (R§10.1; service
    /// checks in the ASSUMEd order status, role, target).
    pub fn recover_standby(&mut self, tenant_id: u64, until: RecoverUntil) -> ObResult<()> {
        let Some(t) = self.tenant(tenant_id) else {
            return Err(ObError::invalid_tenant_name());
        };
        if t.status != TenantStatus::Normal {
            return Err(ObError::op_not_allow(
                "tenant status is not normal, recover is",
            ));
        }
        let standby = t.role == "STANDBY";
        let Some(rec) = self.restore.recovery(tenant_id).filter(|_| standby) else {
            return Err(ObError::op_not_allow(
                "tenant role is not STANDBY, recover is",
            ));
        };
        let sync = rec.readable_scn;
        let target = match until {
            RecoverUntil::Scn(n) => n,
            RecoverUntil::Unlimited => MAX_RECOVERY_SCN,
            RecoverUntil::Cancel => sync,
        };
        if target < sync {
            return Err(ObError::op_not_allow(
                "recover before tenant sync_scn sync_scn is",
            ));
        }
        if let Some(r) = self.restore.recovery_mut(tenant_id) {
            r.recovery_until_scn = target;
        }
        self.replay_standbys();
        Ok(())
    }

    /// `ALTER SYSTEM ACTIVATE STANDBY [TENANT name] [VERIFY]` after the resolver (R§10.2):
    /// recovery stops where it is, and after a moment (the role transition) the tenant is a
    /// writable PRIMARY. Returns the simulated time it took.
    pub fn activate_standby(&mut self, tenant_id: u64, verify: bool) -> ObResult<Micros> {
        let Some(t) = self.tenant(tenant_id) else {
            return Err(ObError::invalid_tenant_name());
        };
        if t.role == "PRIMARY" && t.is_normal() {
            return Ok(0);
        }
        if !t.is_normal() {
            return Err(ObError::op_not_allow(
                "tenant status is not normal, failover to primary is",
            ));
        }
        let rec = self.restore.recovery(tenant_id);
        if rec.is_some_and(|r| r.data_mode == DataMode::Remote) {
            return Err(ObError::op_not_allow(
                "Tenant restore data mode is remote. Operation is",
            ));
        }
        if verify {
            return Ok(0);
        }
        if let Some(r) = self.restore.recovery_mut(tenant_id) {
            r.recovery_until_scn = r.readable_scn;
        }
        let took = self.rng.range(Stream::Durations, SECOND, 2 * SECOND);
        self.advance(took);
        if let Some(t) = self.tenants.iter_mut().find(|t| t.id == tenant_id) {
            t.role = "PRIMARY".into();
        }
        if let Some(r) = self.restore.recovery_mut(tenant_id) {
            r.recovery_until_scn = MAX_RECOVERY_SCN;
        }
        self.rs_event(
            "standby",
            "failover_to_primary",
            tenant_id,
            0,
            String::new(),
        );
        Ok(took)
    }

    /// `ALTER SYSTEM SET LOG_RESTORE_SOURCE = '…'` for one tenant (R§10.3): `''` removes it,
    /// `LOCATION=<archive root>` or `SERVICE=ip:port USER=user@tenant PASSWORD=pwd` replaces it.
    pub fn set_log_restore_source(&mut self, tenant_id: u64, value: &str) -> ObResult<()> {
        let source = if value.is_empty() {
            None
        } else {
            Some(self.parse_log_restore_source(tenant_id, value)?)
        };
        match self.restore.recovery_mut(tenant_id) {
            Some(r) => r.source = source,
            None => {
                if source.is_some() {
                    self.restore.recovering.push(TenantRecovery {
                        tenant_id,
                        backup_tenant_id: 0,
                        readable_scn: 0,
                        recovery_until_scn: MAX_RECOVERY_SCN,
                        data_mode: DataMode::Normal,
                        source,
                        data_built: false,
                    });
                }
            }
        }
        self.replay_standbys();
        Ok(())
    }

    fn parse_log_restore_source(&self, tenant_id: u64, value: &str) -> ObResult<LogRestoreSource> {
        let bad = || ObError::invalid_argument("log_restore_source");
        let mut items = value.split_whitespace();
        let first = items.next().ok_or_else(bad)?;
        let (key, val) = first.split_once('=').ok_or_else(bad)?;
        match key.to_ascii_uppercase().as_str() {
            "LOCATION" => {
                if items.next().is_some() {
                    return Err(bad());
                }
                let root = validate_uri(val).map_err(|_| bad())?;
                Ok(LogRestoreSource {
                    kind: SourceKind::Location,
                    value: root,
                })
            }
            "SERVICE" => {
                let addresses_ok = !val.is_empty()
                    && val.split(';').all(|a| {
                        a.rsplit_once(':')
                            .is_some_and(|(_, p)| p.parse::<u16>().is_ok())
                    });
                if !addresses_ok || service_tenant(value).is_none() {
                    return Err(bad());
                }
                let own = self.tenant(tenant_id).map(|t| t.name.as_str());
                if service_tenant(value)
                    .zip(own)
                    .is_some_and(|(named, own)| named.eq_ignore_ascii_case(own))
                {
                    return Err(ObError::op_not_allow(
                        "set tenant itself as log restore source is",
                    ));
                }
                Ok(LogRestoreSource {
                    kind: SourceKind::Service,
                    value: value.to_string(),
                })
            }
            _ => Err(bad()),
        }
    }

    /// Whether DML and DDL are refused in a tenant: anything but a PRIMARY is read only
    /// (4688, [ext] ob_errno.def).
    pub fn is_read_only(&self, tenant_id: u64) -> bool {
        self.tenant(tenant_id)
            .is_some_and(|t| t.is_user() && t.role != "PRIMARY")
    }
}

/// The tenant named by `USER=user@tenant` in a SERVICE source.
fn service_tenant(value: &str) -> Option<&str> {
    value
        .split_whitespace()
        .find_map(|item| {
            let (k, v) = item.split_once('=')?;
            k.eq_ignore_ascii_case("USER").then_some(v)
        })
        .and_then(|user| user.split_once('@'))
        .map(|(_, tenant)| tenant.split('#').next().unwrap_or(tenant))
}
