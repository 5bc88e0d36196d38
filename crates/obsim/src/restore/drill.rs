//! The restore drill's facts for a page (issue 14): one source tenant's timeline (archive rounds
//! and pieces, backup sets and their chain, the targets a restore can reach) and what a restore
//! to a picked moment would use, with its statement or the error RESTORE would print.
//!
//! Invariant: nothing here decides whether a target is restorable. The reachable intervals are
//! `Cluster::restore_window` (built from `window`'s parts) and a pick is `plan_restore`, the
//! very function ALTER SYSTEM RESTORE and SHOW RESTORE PREVIEW call, on the statement's own
//! FROM and UNTIL TIME text.

use super::window::RestoreWindow;
use super::{RestoreSource, RestoreTarget, SYS_JOB_TENANT};
use crate::archive::PieceStatus;
use crate::backup::BackupType;
use crate::calendar::format_datetime;
use crate::cluster::Cluster;
use crate::sim::{Micros, micros_of_scn, scn_of};

/// One archive round at the timeline's archive root: from START_SCN to its checkpoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelineRound {
    pub round_id: u64,
    pub dest_id: u64,
    /// DBA_OB_ARCHIVELOG's STATUS: DOING, STOP, INTERRUPTED, …
    pub state: &'static str,
    pub start_scn: u64,
    pub checkpoint_scn: u64,
}

/// One piece (DBA_OB_ARCHIVELOG_PIECE_FILES).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelinePiece {
    pub round_id: u64,
    pub piece_id: u64,
    pub start_scn: u64,
    pub end_scn: u64,
    pub checkpoint_scn: u64,
    /// ACTIVE or FROZEN.
    pub status: &'static str,
    /// AVAILABLE, DELETING, DELETED …
    pub file_status: &'static str,
    /// `<root>/piece_d<d>r<r>p<p>`, as a preview lists it.
    pub path: String,
}

/// One backup set (DBA_OB_BACKUP_SET_FILES) at the timeline's data root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelineSet {
    pub backup_set_id: u64,
    /// FULL or INC.
    pub backup_type: &'static str,
    /// SUCCESS, FAILED, RUNNING …
    pub status: &'static str,
    pub file_status: &'static str,
    pub start_replay_scn: u64,
    /// Where the set alone restores to; its END_SCN in this simulator.
    pub min_restore_scn: u64,
    /// The set an INC builds on (PREV_INC_BACKUP_SET_ID, which is the FULL for the first INC).
    pub base: Option<u64>,
    /// Whether a restore reading it needs SET DECRYPTION first.
    pub encrypted: bool,
    /// `<root>/backup_set_<id>_<full|inc>`, as a preview lists it.
    pub path: String,
}

/// A stretch where no archive covers the log: between one round's checkpoint and the next
/// round's start (archiving stopped or was interrupted, R§7.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArchiveGap {
    pub from_scn: u64,
    pub to_scn: u64,
}

/// Everything the timeline of one source tenant draws.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timeline {
    pub tenant_id: u64,
    pub tenant_name: String,
    /// The data root and archive root a restore would name in FROM (the tenant's current
    /// destinations, or where its newest set / round was written); None when it has none.
    pub data_root: Option<String>,
    pub archive_root: Option<String>,
    pub rounds: Vec<TimelineRound>,
    pub gaps: Vec<ArchiveGap>,
    pub pieces: Vec<TimelinePiece>,
    pub sets: Vec<TimelineSet>,
    /// The targets RESTORE accepts from these two roots (segments with their chains, and the
    /// merged intervals): `Cluster::restore_window`. Empty without both roots.
    pub window: RestoreWindow,
    /// The SCN of "now": the axis's right end.
    pub current_scn: u64,
    pub now: Micros,
    /// The axis's left end: the tenant's creation (the simulation's start for the seeded ones).
    pub origin_scn: u64,
}

impl Timeline {
    /// Whether RESTORE accepts this target from the timeline's roots (password checks aside).
    pub fn reachable(&self, scn: u64) -> bool {
        self.window.contains(scn)
    }
}

/// An SCN as the views' `*_SCN_DISPLAY` columns and UNTIL TIME write it: the session zone
/// (+08:00), microseconds.
pub fn scn_display(scn: u64) -> String {
    format_datetime(i64::try_from(micros_of_scn(scn)).unwrap_or(i64::MAX), true)
}

/// An SCN as an axis label: `HH:MM:SS` (+08:00).
pub fn scn_clock(scn: u64) -> String {
    let full = format_datetime(i64::try_from(micros_of_scn(scn)).unwrap_or(i64::MAX), false);
    full.get(11..).unwrap_or_default().to_string()
}

/// What RESTORE would do with a picked target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RestorePick {
    Ok(PickedRestore),
    /// The statement would fail, and create no job: the error line obclient prints
    /// (`ERROR 4018 (HY000): No enough log for restore`), and the target it was asked for.
    Err {
        target_scn: u64,
        error: String,
    },
}

/// A restore to a picked moment: what it reads and the statements that run it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PickedRestore {
    /// The SCN the statement's UNTIL TIME names (the pick to the microsecond).
    pub target_scn: u64,
    /// `YYYY-MM-DD HH:MM:SS.ffffff` (+08:00), the UNTIL TIME text.
    pub until_time: String,
    /// The chain, FULL first, as SHOW RESTORE PREVIEW lists it (set directories).
    pub set_ids: Vec<u64>,
    pub set_paths: Vec<String>,
    /// The pieces the log replay reads, as the preview lists them.
    pub piece_paths: Vec<String>,
    /// MIN_RESTORE_SCN of the chain's last set: what the sets alone restore to.
    pub consistent_scn: u64,
    /// A free name for the new tenant, and the pool its WITH clause names.
    pub tenant_name: String,
    pub pool: String,
    /// Statements to run first in sys: a unit and a pool when no pool is free.
    pub prepare: Vec<String>,
    /// Whether some set the restore reads is encrypted: `SET DECRYPTION IDENTIFIED BY '…'`
    /// (with the backup's password, which the page does not know) must run first, else 9047.
    pub needs_decryption: bool,
    /// The RESTORE statement, run as root@sys.
    pub statement: String,
}

/// The resource unit a suggested pool uses: the size of the seeded tenants' units.
const SUGGESTED_UNIT: &str = "restore_unit";

impl Cluster {
    /// The timeline of a user tenant's backups and archive, or None for an unknown tenant.
    pub fn restore_timeline(&self, tenant_id: u64) -> Option<Timeline> {
        let tenant = self.tenant(tenant_id).filter(|t| t.is_user())?;
        let (data_root, archive_root) = self.drill_roots(tenant_id);
        let rounds: Vec<TimelineRound> = self
            .archive
            .get(&tenant_id)
            .map(|a| {
                let mut all: Vec<&crate::archive::ArchiveRound> = a
                    .all_rounds()
                    .filter(|r| Some(&r.path) == archive_root.as_ref() && r.start_scn != 0)
                    .collect();
                crate::order::sort_by_key(&mut all, |r| r.round_id);
                all.into_iter()
                    .map(|r| TimelineRound {
                        round_id: r.round_id,
                        dest_id: r.dest_id,
                        state: r.state.as_str(),
                        start_scn: r.start_scn,
                        checkpoint_scn: r.checkpoint_scn,
                    })
                    .collect()
            })
            .unwrap_or_default();
        let gaps = rounds
            .windows(2)
            .filter(|w| w[1].start_scn > w[0].checkpoint_scn)
            .map(|w| ArchiveGap {
                from_scn: w[0].checkpoint_scn,
                to_scn: w[1].start_scn,
            })
            .collect();
        let roots: Vec<String> = archive_root.iter().cloned().collect();
        let pieces = self
            .pieces_at(tenant_id, &roots)
            .into_iter()
            .map(|p| TimelinePiece {
                round_id: p.round_id,
                piece_id: p.piece_id,
                start_scn: p.start_scn,
                end_scn: p.end_scn,
                checkpoint_scn: p.checkpoint_scn,
                status: match p.status {
                    PieceStatus::Active => "ACTIVE",
                    PieceStatus::Frozen => "FROZEN",
                },
                file_status: p.file_status.as_str(),
                path: p.path(),
            })
            .collect();
        let mut sets: Vec<TimelineSet> = data_root
            .as_deref()
            .map(|root| self.sets_at(tenant_id, root))
            .unwrap_or_default()
            .into_iter()
            .map(|s| TimelineSet {
                backup_set_id: s.backup_set_id,
                backup_type: match s.backup_type {
                    BackupType::Full => "FULL",
                    BackupType::Inc => "INC",
                },
                status: s.status.as_str(),
                file_status: s.file_status.as_str(),
                start_replay_scn: s.start_replay_scn,
                min_restore_scn: s.min_restore_scn,
                base: (s.backup_type == BackupType::Inc).then_some(s.prev_inc_backup_set_id),
                encrypted: s.encryption.passwd_digest.is_some(),
                path: format!("{}/{}", s.path, s.dir_name()),
            })
            .collect();
        crate::order::sort_by_key(&mut sets, |s| s.backup_set_id);
        let window = match (&data_root, &archive_root) {
            (Some(d), Some(a)) => self.restore_window(tenant_id, d, a),
            _ => RestoreWindow {
                tenant_id,
                data_root: data_root.clone().unwrap_or_default(),
                archive_root: archive_root.clone().unwrap_or_default(),
                segments: Vec::new(),
                intervals: Vec::new(),
            },
        };
        Some(Timeline {
            tenant_id,
            tenant_name: tenant.name.clone(),
            data_root,
            archive_root,
            rounds,
            gaps,
            pieces,
            sets,
            window,
            current_scn: self.current_scn(),
            now: self.now(),
            origin_scn: scn_of(tenant.create_time),
        })
    }

    /// The roots a drill restores from: the current destinations, else where the newest set
    /// and the newest round were written.
    fn drill_roots(&self, tenant_id: u64) -> (Option<String>, Option<String>) {
        let backup = self.backup.get(&tenant_id);
        let data = backup
            .and_then(|b| b.data_dest.as_ref().map(|d| d.path.clone()))
            .or_else(|| {
                backup.and_then(|b| {
                    b.sets
                        .iter()
                        .max_by_key(|s| s.backup_set_id)
                        .map(|s| s.path.clone())
                })
            });
        let archive = self.archive.get(&tenant_id).and_then(|a| {
            a.dest.as_ref().map(|d| d.path.clone()).or_else(|| {
                a.all_rounds()
                    .max_by_key(|r| r.round_id)
                    .map(|r| r.path.clone())
            })
        });
        (data, archive)
    }

    /// What `ALTER SYSTEM RESTORE … FROM '<data>,<archive>' UNTIL TIME = '<scn>'` would do for
    /// this tenant, decided by `plan_restore` on that very text (the pick is cut to the
    /// microsecond UNTIL TIME can name). None for an unknown tenant.
    pub fn pick_restore_target(&self, tenant_id: u64, scn: u64) -> Option<RestorePick> {
        let tenant = self.tenant(tenant_id).filter(|t| t.is_user())?;
        let (data, archive) = self.drill_roots(tenant_id);
        let from: Vec<String> = data.into_iter().chain(archive).collect();
        let from = from.join(",");
        let micros = micros_of_scn(scn);
        let until_time = format_datetime(i64::try_from(micros).unwrap_or(i64::MAX), true);
        let target_scn = scn_of(micros);
        let source = RestoreSource::From(from.clone());
        let until = RestoreTarget::Time(until_time.clone());
        let plan = self.plan_restore(&source, &until, None);
        let choice = match plan {
            Ok(p) => p.choice,
            Err(e) => {
                return Some(RestorePick::Err {
                    target_scn,
                    error: e.to_string(),
                });
            }
        };
        // RESTORE's own set loop with no password given: 9047 exactly when one is needed.
        let needs_decryption = self
            .plan_restore(&source, &until, Some(&[]))
            .is_err_and(|e| e.ob_code == crate::error::code::OB_BACKUP_INVALID_PASSWORD);
        let tenant_name = self.free_tenant_name(&format!("{}_restore", tenant.name));
        let (pool, prepare) = self.pool_for_restore();
        let statement = format!(
            "ALTER SYSTEM RESTORE {tenant_name} FROM '{from}' UNTIL TIME = '{until_time}' \
             WITH 'pool_list={pool}';"
        );
        Some(RestorePick::Ok(PickedRestore {
            target_scn,
            until_time,
            set_ids: choice.sets.iter().map(|s| s.backup_set_id).collect(),
            set_paths: choice
                .sets
                .iter()
                .map(|s| format!("{}/{}", s.path, s.dir_name()))
                .collect(),
            piece_paths: choice.pieces.iter().map(|p| p.path()).collect(),
            consistent_scn: choice.consistent_scn(),
            tenant_name,
            pool,
            prepare,
            needs_decryption,
            statement,
        }))
    }

    /// `base`, or `base2`, `base3` … : the first name no tenant and no running restore has.
    fn free_tenant_name(&self, base: &str) -> String {
        let taken = |name: &str| {
            self.tenant_by_name(name).is_some()
                || self.restore.jobs.iter().any(|j| {
                    j.tenant_id == SYS_JOB_TENANT
                        && j.restore_tenant_name.eq_ignore_ascii_case(name)
                })
        };
        (1..)
            .map(|n| {
                if n == 1 {
                    base.to_string()
                } else {
                    format!("{base}{n}")
                }
            })
            .find(|name| !taken(name))
            .unwrap_or_default()
    }

    /// A pool no tenant holds (the first by id), or a new one with the statements that make it:
    /// a unit the size of the seeded tenants' and a pool over every zone.
    fn pool_for_restore(&self) -> (String, Vec<String>) {
        if let Some(p) = self
            .resources
            .pools
            .iter()
            .filter(|p| p.tenant_id.is_none())
            .min_by_key(|p| p.id)
        {
            return (p.name.clone(), Vec::new());
        }
        let pool = (1..)
            .map(|n| {
                if n == 1 {
                    "restore_pool".to_string()
                } else {
                    format!("restore_pool{n}")
                }
            })
            .find(|name| self.resources.pool(name).is_none())
            .unwrap_or_default();
        let mut prepare = Vec::new();
        if self.resources.unit(SUGGESTED_UNIT).is_none() {
            prepare.push(format!(
                "CREATE RESOURCE UNIT {SUGGESTED_UNIT} MAX_CPU 2, MEMORY_SIZE = '5G';"
            ));
        }
        let zones: Vec<String> = self.zones.iter().map(|z| format!("'{}'", z.name)).collect();
        prepare.push(format!(
            "CREATE RESOURCE POOL {pool} UNIT = '{SUGGESTED_UNIT}', UNIT_NUM = 1, ZONE_LIST = ({});",
            zones.join(", ")
        ));
        (pool, prepare)
    }
}

#[cfg(test)]
mod tests;
