//! What the restore drill shows, read from the engine in one place (no Leptos here): a source
//! tenant's restorable window (`Cluster::restore_timeline`: rounds, gaps, pieces, sets, the
//! intervals RESTORE accepts), what a restore to a picked moment would use
//! (`Cluster::pick_restore_target`, decided by the function RESTORE itself calls), the restore
//! jobs' progress (`Cluster::restore_progress`) and a tenant's stage (`Cluster::tenant_stage`).
//!
//! Nothing here decides whether a target is reachable, what a restore uses or what a tenant
//! may do: the engine's answers are shown as they are. Only the axis (how much to show) is ours.

use obsim::calendar::format_datetime;
use obsim::cluster::Cluster;
use obsim::restore::drill::RestorePick;
use obsim::restore::stage::{RestoreProgress, TenantStage};
use obsim::shell::Shell;
use obsim::sim::{SECOND, micros_of_scn, scn_of};

/// An archive round's stretch of log: `[start, end]` (end: its checkpoint).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RoundBar {
    pub round_id: u64,
    pub start: u64,
    pub end: u64,
    /// DOING, STOP, INTERRUPTED… as DBA_OB_ARCHIVELOG shows it.
    pub state: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PieceBar {
    pub round_id: u64,
    pub piece_id: u64,
    pub start: u64,
    /// CHECKPOINT_SCN: how far the piece holds log.
    pub checkpoint: u64,
    /// ACTIVE / FROZEN.
    pub status: String,
    pub available: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SetMark {
    pub id: u64,
    pub full: bool,
    /// MIN_RESTORE_SCN: the earliest moment this set (with its chain) restores to.
    pub min_restore: u64,
    /// The set an incremental builds on (0 for a full).
    pub base: u64,
    /// SUCCESS and AVAILABLE (others are drawn hollow).
    pub usable: bool,
    pub encrypted: bool,
}

/// One source tenant's timeline, from the roots a restore would name (R§7).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Timeline {
    pub tenant_id: u64,
    pub tenant: String,
    pub data_root: String,
    pub archive_root: String,
    /// The axis: from the earliest thing drawn to now.
    pub from: u64,
    pub to: u64,
    pub now: u64,
    pub rounds: Vec<RoundBar>,
    /// Where no archive covers the log (between rounds).
    pub gaps: Vec<(u64, u64)>,
    pub pieces: Vec<PieceBar>,
    pub sets: Vec<SetMark>,
    /// The SCNs a restore can reach, `[a, b]` inclusive (the engine's window).
    pub intervals: Vec<(u64, u64)>,
}

/// `YYYY-MM-DD HH:MM:SS` of an SCN, in the session zone (how `UNTIL TIME` is written).
pub fn scn_time(scn: u64) -> String {
    format_datetime(micros_of_scn(scn) as i64, false)
}

impl Timeline {
    /// The engine's timeline of `tenant_id`; None while the tenant has neither a backup set
    /// nor an archive round to draw.
    pub fn read(c: &Cluster, tenant_id: u64) -> Option<Timeline> {
        let t = c.restore_timeline(tenant_id)?;
        if t.sets.is_empty() && t.rounds.is_empty() {
            return None;
        }
        let now = t.current_scn;
        let rounds: Vec<RoundBar> = t
            .rounds
            .iter()
            .map(|r| RoundBar {
                round_id: r.round_id,
                start: r.start_scn,
                end: r.checkpoint_scn.max(r.start_scn),
                state: r.state.into(),
            })
            .collect();
        let pieces = t
            .pieces
            .iter()
            .map(|p| PieceBar {
                round_id: p.round_id,
                piece_id: p.piece_id,
                start: p.start_scn,
                checkpoint: p.checkpoint_scn.max(p.start_scn),
                status: p.status.into(),
                available: p.file_status == "AVAILABLE",
            })
            .collect();
        let sets: Vec<SetMark> = t
            .sets
            .iter()
            .filter(|s| s.status == "SUCCESS")
            .map(|s| SetMark {
                id: s.backup_set_id,
                full: s.backup_type == "FULL",
                min_restore: s.min_restore_scn,
                base: s.base.unwrap_or(0),
                usable: s.file_status == "AVAILABLE",
                encrypted: s.encrypted,
            })
            .collect();
        let intervals = t.window.intervals.clone();
        // The axis shows what there is to see (not the whole life of the tenant): from the
        // first round, set or interval to now, with a little room at both ends.
        let firsts = rounds
            .iter()
            .map(|r| r.start)
            .chain(sets.iter().map(|s| s.min_restore))
            .chain(intervals.iter().map(|i| i.0));
        let from = firsts
            .min()
            .unwrap_or(now)
            .min(now)
            .max(t.origin_scn.min(now));
        let span = now.saturating_sub(from).max(scn_of(60 * SECOND));
        let pad = span / 40;
        Some(Timeline {
            tenant_id,
            tenant: t.tenant_name.clone(),
            data_root: t.data_root.clone().unwrap_or_default(),
            archive_root: t.archive_root.clone().unwrap_or_default(),
            from: from.saturating_sub(pad),
            to: now + pad,
            now,
            rounds,
            gaps: t.gaps.iter().map(|g| (g.from_scn, g.to_scn)).collect(),
            pieces,
            sets,
            intervals,
        })
    }

    /// The SCN at `x` of a `width` wide axis.
    pub fn scn_at(&self, x: f64, width: f64) -> u64 {
        let f = (x / width).clamp(0.0, 1.0);
        self.from + ((self.to - self.from) as f64 * f) as u64
    }

    /// Where an SCN lies on a `width` wide axis.
    pub fn x_of(&self, scn: u64, width: f64) -> f64 {
        let span = self.to.saturating_sub(self.from).max(1) as f64;
        (scn.saturating_sub(self.from) as f64 / span * width).clamp(0.0, width)
    }

    /// The `FROM '…'` of a restore reading this timeline's roots.
    pub fn from_text(&self) -> String {
        if self.archive_root.is_empty() {
            self.data_root.clone()
        } else {
            format!("{},{}", self.data_root, self.archive_root)
        }
    }
}

/// What a restore to the picked moment would do, as the engine decides it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pick {
    pub tenant_id: u64,
    pub scn: u64,
    pub time: String,
    /// Ok: the sets and pieces the restore reads, and the statements to type; Err: the error
    /// RESTORE would print for this target (no job is created).
    pub outcome: Result<PickPlan, String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PickPlan {
    /// Set directories, FULL first, as SHOW RESTORE PREVIEW lists them.
    pub sets: Vec<String>,
    /// Piece directories, in order.
    pub pieces: Vec<String>,
    /// Everything to type, one statement a line (a login line and a pool first when needed).
    pub statements: Vec<String>,
    pub new_tenant: String,
    /// Some set is encrypted: SET DECRYPTION with the backup's password must run first.
    pub needs_decryption: bool,
}

impl Pick {
    /// Asks the engine what a restore of `tenant_id` to `scn` would use; the session in `sh`
    /// decides whether a `connect root@sys` line goes first (RESTORE runs in sys).
    pub fn at(sh: &Shell, tenant_id: u64, scn: u64) -> Option<Pick> {
        let pick = sh.cluster.pick_restore_target(tenant_id, scn)?;
        Some(match pick {
            RestorePick::Err { target_scn, error } => Pick {
                tenant_id,
                scn: target_scn,
                time: scn_time_frac(target_scn),
                outcome: Err(error),
            },
            RestorePick::Ok(p) => {
                let mut statements = Vec::new();
                if !sh.session.is_sys() {
                    statements.push("connect root@sys".to_string());
                }
                statements.extend(p.prepare.iter().cloned());
                statements.push(p.statement.clone());
                Pick {
                    tenant_id,
                    scn: p.target_scn,
                    time: p.until_time.clone(),
                    outcome: Ok(PickPlan {
                        sets: p.set_paths.clone(),
                        pieces: p.piece_paths.clone(),
                        statements,
                        new_tenant: p.tenant_name.clone(),
                        needs_decryption: p.needs_decryption,
                    }),
                }
            }
        })
    }
}

/// `YYYY-MM-DD HH:MM:SS.ffffff` of an SCN (the UNTIL TIME text).
pub fn scn_time_frac(scn: u64) -> String {
    obsim::restore::drill::scn_display(scn)
}

// --- restore jobs and stages ----------------------------------------------------------------

/// Every restore job's progress, newest first.
pub fn restore_jobs(c: &Cluster) -> Vec<RestoreProgress> {
    let mut out: Vec<RestoreProgress> = c
        .restore_job_ids()
        .into_iter()
        .filter_map(|id| c.restore_progress(id))
        .collect();
    out.reverse();
    out
}

/// A tenant's stage (status, role, what the card may offer), as the engine says.
pub fn stage(c: &Cluster, tenant_id: u64) -> Option<TenantStage> {
    c.tenant_stage(tenant_id)
}

/// Micros → `HH:MM:SS` (used by the hover labels).
pub fn clock_of(scn: u64) -> String {
    let full = scn_time(scn);
    full.get(11..).unwrap_or(&full).to_string()
}
