//! What the restore drill shows, read from the engine in one place (no Leptos here): a source
//! tenant's restorable window (rounds, pieces, sets, the reachable intervals of
//! `Cluster::restore_windows`), what a restore to a picked moment would use (decided by
//! `Cluster::plan_restore`, the function RESTORE itself calls), and the restore jobs with the
//! restored tenants' stage (read through the views' own row functions).
//!
//! Nothing here decides whether a target is reachable or what a restore uses: a pick is handed
//! to the engine, and its answer (a plan, or the error RESTORE would print) is shown as is.

use obsim::backup::{BackupType, FileStatus, SetStatus};
use obsim::calendar::format_datetime;
use obsim::cluster::{Cluster, SYS_TENANT_ID};
use obsim::restore::{RestoreSource, RestoreTarget};
use obsim::shell::Shell;
use obsim::sim::{Micros, SECOND, micros_of_scn, scn_of};
use obsim::sql::views;
use obsim::value::Value;

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
    pub usable: bool,
}

/// One source tenant's timeline, from one data root and one archive root (R§7).
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
    /// The timeline of `tenant_id`'s current destinations (or, without them, the last window
    /// the engine lists); None while the tenant has neither a set nor an archive round.
    pub fn read(c: &Cluster, tenant_id: u64) -> Option<Timeline> {
        let t = c.tenant(tenant_id)?;
        let windows = c.restore_windows(tenant_id);
        let data_dest = c
            .tenant_backup(tenant_id)
            .and_then(|b| b.data_dest.as_ref())
            .map(|d| d.path.clone());
        let archive_dest = c
            .archive
            .get(&tenant_id)
            .and_then(|a| a.dest.as_ref())
            .map(|d| d.path.clone());
        let window = windows
            .iter()
            .find(|w| {
                Some(&w.data_root) == data_dest.as_ref()
                    && Some(&w.archive_root) == archive_dest.as_ref()
            })
            .or(windows.last())?;
        let now = c.current_scn();
        let archive = c.archive.get(&tenant_id);
        let rounds: Vec<RoundBar> = archive
            .map(|a| {
                a.all_rounds()
                    .filter(|r| r.path == window.archive_root)
                    .map(|r| RoundBar {
                        round_id: r.round_id,
                        start: r.start_scn,
                        end: r.checkpoint_scn.max(r.start_scn),
                        state: r.state.as_str().into(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let pieces: Vec<PieceBar> = c
            .pieces_at(tenant_id, std::slice::from_ref(&window.archive_root))
            .into_iter()
            .map(|p| PieceBar {
                round_id: p.round_id,
                piece_id: p.piece_id,
                start: p.start_scn,
                checkpoint: p.checkpoint_scn.max(p.start_scn),
                status: p.status.as_str().into(),
                available: p.file_status == FileStatus::Available,
            })
            .collect();
        let sets: Vec<SetMark> = c
            .sets_at(tenant_id, &window.data_root)
            .into_iter()
            .filter(|s| s.status == SetStatus::Success)
            .map(|s| SetMark {
                id: s.backup_set_id,
                full: s.backup_type == BackupType::Full,
                min_restore: s.min_restore_scn,
                base: if s.backup_type == BackupType::Full {
                    0
                } else {
                    s.prev_inc_backup_set_id
                },
                usable: s.file_status == FileStatus::Available,
            })
            .collect();
        let firsts = rounds
            .iter()
            .map(|r| r.start)
            .chain(sets.iter().map(|s| s.min_restore))
            .chain(window.intervals.iter().map(|i| i.0));
        let from = firsts.min().unwrap_or(now).min(now);
        // A little room on both sides so a point at an edge can be seen and picked.
        let span = now.saturating_sub(from).max(scn_of(60 * SECOND));
        let pad = span / 40;
        Some(Timeline {
            tenant_id,
            tenant: t.name.clone(),
            data_root: window.data_root.clone(),
            archive_root: window.archive_root.clone(),
            from: from.saturating_sub(pad),
            to: now + pad,
            now,
            rounds,
            pieces,
            sets,
            intervals: window.intervals.clone(),
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

/// A moment picked on the timeline, rounded down to the second (`UNTIL TIME` takes seconds
/// here, so the statement and the preview name the same SCN).
pub fn pick_scn(scn: u64) -> u64 {
    scn_of(micros_of_scn(scn) / SECOND * SECOND)
}

/// The first whole second at or after `scn`: a set's MIN_RESTORE_SCN picked as `UNTIL TIME`
/// (rounding down would name a moment before the set is consistent).
pub fn second_at_or_after(scn: u64) -> u64 {
    let us = micros_of_scn(scn);
    let up = us.div_ceil(SECOND) * SECOND;
    let s = scn_of(up);
    if s < scn { scn_of(up + SECOND) } else { s }
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
    /// `backup_set_<id>_<full|inc>`, FULL first.
    pub sets: Vec<String>,
    /// `piece_d<d>r<r>p<p>`, in order.
    pub pieces: Vec<String>,
    /// Everything to type, one statement a line (a login line and a pool first when needed).
    pub statements: Vec<String>,
    pub new_tenant: String,
}

impl Pick {
    /// Asks the engine what a restore of `tl`'s tenant to `scn` would use, from the session in
    /// `sh` (which decides whether a `connect root@sys` line is needed first).
    pub fn at(sh: &Shell, tl: &Timeline, scn: u64) -> Pick {
        let c = &sh.cluster;
        let scn = pick_scn(scn);
        let time = scn_time(scn);
        let source = RestoreSource::From(tl.from_text());
        let outcome = match c.plan_restore(&source, &RestoreTarget::Time(time.clone()), None) {
            Err(e) => Err(e.to_string()),
            Ok(plan) => {
                let new_tenant = new_tenant_name(c, &tl.tenant);
                let mut statements = Vec::new();
                if !sh.session.is_sys() {
                    statements.push("connect root@sys".to_string());
                }
                let pool = match free_pool(c) {
                    Some(p) => p,
                    None => {
                        let (unit, pool) =
                            (format!("{new_tenant}_unit"), format!("{new_tenant}_pool"));
                        statements.push(format!(
                            "CREATE RESOURCE UNIT {unit} MAX_CPU 2, MEMORY_SIZE = '5G';"
                        ));
                        statements.push(format!(
                            "CREATE RESOURCE POOL {pool} UNIT = '{unit}', UNIT_NUM = 1, ZONE_LIST = ('{}');",
                            first_zone(c)
                        ));
                        pool
                    }
                };
                statements.push(format!(
                    "ALTER SYSTEM RESTORE {new_tenant} FROM '{}' UNTIL TIME = '{time}' WITH 'pool_list={pool}';",
                    tl.from_text()
                ));
                Ok(PickPlan {
                    sets: plan.choice.sets.iter().map(|s| s.dir_name()).collect(),
                    pieces: plan.choice.pieces.iter().map(|p| p.dir_name()).collect(),
                    statements,
                    new_tenant,
                })
            }
        };
        Pick {
            tenant_id: tl.tenant_id,
            scn,
            time,
            outcome,
        }
    }
}

/// `<source>_r`, or `_r2`, `_r3`… when that tenant exists.
fn new_tenant_name(c: &Cluster, source: &str) -> String {
    (1..)
        .map(|n| {
            if n == 1 {
                format!("{source}_r")
            } else {
                format!("{source}_r{n}")
            }
        })
        .find(|name| c.tenants.iter().all(|t| &t.name != name))
        .unwrap_or_default()
}

/// A resource pool no tenant holds (RESTORE's pool_list needs one).
fn free_pool(c: &Cluster) -> Option<String> {
    c.resources
        .pools
        .iter()
        .find(|p| p.tenant_id.is_none())
        .map(|p| p.name.clone())
}

fn first_zone(c: &Cluster) -> String {
    c.zones
        .first()
        .map_or_else(|| "zone1".to_string(), |z| z.name.clone())
}

// --- restore jobs -----------------------------------------------------------------------------

/// A restore job as DBA_OB_RESTORE_PROGRESS (running) or DBA_OB_RESTORE_HISTORY (finished)
/// shows it from the restored tenant, with the LS counts of the job row.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct RestoreRow {
    pub job_id: u64,
    pub tenant: String,
    pub tenant_id: u64,
    pub source: String,
    /// STATUS in OceanBase's words (RESTORING, SUCCESS…), from the view.
    pub status: String,
    /// The job's own phase (`__all_restore_job`): RESTORE_PRE, PHYSICAL_RESTORE_WAIT_…
    pub phase: String,
    pub running: bool,
    pub restore_time: String,
    pub ls: (u64, u64),
    pub tablets: (u64, u64),
    pub bytes: (u64, u64),
    /// RECOVER_PROGRESS, RESTORE_PROGRESS as the view prints them (running only).
    pub recover_progress: String,
    pub restore_progress: String,
    pub sets: String,
    pub pieces: String,
    pub comment: String,
}

fn view_cell(view: &str, row: &[Value], col: &str) -> String {
    views::resolve(view, false)
        .and_then(|v| v.def.columns.iter().position(|c| c.name == col))
        .and_then(|i| row.get(i))
        .map(|v| match v {
            Value::Null => String::new(),
            Value::DateTime { micros, .. } => format_datetime(*micros, false),
            v => v.render(),
        })
        .unwrap_or_default()
}

/// Every restore, newest first: the user job's rows (one per restored tenant), running or not.
pub fn restore_rows(c: &Cluster) -> Vec<RestoreRow> {
    let mut out = Vec::new();
    for (running, jobs, view) in [
        (true, &c.restore.jobs, "DBA_OB_RESTORE_PROGRESS"),
        (false, &c.restore.history, "DBA_OB_RESTORE_HISTORY"),
    ] {
        for j in jobs.iter().filter(|j| !j.is_sys()) {
            let rows = views::resolve(view, false)
                .map(|v| v.rows(c, j.tenant_id))
                .unwrap_or_default();
            let jid = j.job_id.to_string();
            let Some(row) = rows.iter().find(|r| view_cell(view, r, "JOB_ID") == jid) else {
                continue;
            };
            let cell = |col: &str| view_cell(view, row, col);
            out.push(RestoreRow {
                job_id: j.job_id,
                tenant: j.restore_tenant_name.clone(),
                tenant_id: j.tenant_id,
                source: j.backup_tenant_name.clone(),
                status: cell("STATUS"),
                phase: j.status.as_str().into(),
                running,
                restore_time: cell("RESTORE_SCN_DISPLAY"),
                ls: (j.finish_ls_count, j.ls_count),
                tablets: (j.finish_tablet_count, j.tablet_count),
                bytes: (j.finish_bytes, j.total_bytes),
                recover_progress: cell("RECOVER_PROGRESS"),
                restore_progress: cell("RESTORE_PROGRESS"),
                sets: cell("BACKUP_SET_LIST"),
                pieces: cell("BACKUP_PIECE_LIST"),
                comment: cell("COMMENT"),
            });
        }
    }
    // Sys jobs still creating their tenant have no user job yet: shown from the sys row.
    for j in c.restore.jobs.iter().filter(|j| j.is_sys()) {
        if out.iter().any(|r| r.job_id == j.job_id) {
            continue;
        }
        out.push(RestoreRow {
            job_id: j.job_id,
            tenant: j.restore_tenant_name.clone(),
            tenant_id: j.restore_tenant_id,
            source: j.backup_tenant_name.clone(),
            status: j.status.dba_str().into(),
            phase: j.status.as_str().into(),
            running: true,
            restore_time: scn_time(j.restore_scn),
            ..RestoreRow::default()
        });
    }
    obsim::order::sort_by_key(&mut out, |r| std::cmp::Reverse(r.job_id));
    out
}

/// A tenant's STATUS and TENANT_ROLE as DBA_OB_TENANTS shows them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stage {
    pub status: String,
    pub role: String,
    /// Restored (has a recovery state): shows the Activate action while a STANDBY.
    pub restored: bool,
}

impl Stage {
    pub fn read(c: &Cluster, tenant_id: u64) -> Stage {
        let view = "DBA_OB_TENANTS";
        let row = views::resolve(view, true)
            .map(|v| v.rows(c, SYS_TENANT_ID))
            .unwrap_or_default()
            .into_iter()
            .find(|r| view_cell(view, r, "TENANT_ID") == tenant_id.to_string())
            .unwrap_or_default();
        Stage {
            status: view_cell(view, &row, "STATUS"),
            role: view_cell(view, &row, "TENANT_ROLE"),
            restored: c.restore.recovery(tenant_id).is_some(),
        }
    }

    /// Backups and archive settings are a PRIMARY's in NORMAL status (a restoring tenant or a
    /// standby refuses them: ASSUME until the engine's `tenant_stage` lands, see drill-api.md).
    pub fn may_back_up(&self) -> bool {
        self.role == "PRIMARY" && self.status == "NORMAL"
    }

    pub fn may_activate(&self) -> bool {
        self.restored && self.role == "STANDBY" && self.status == "NORMAL"
    }
}

/// Micros → `HH:MM:SS` (used by the hover labels).
pub fn clock_of(scn: u64) -> String {
    let full = scn_time(scn);
    full.get(11..).unwrap_or(&full).to_string()
}

/// Seconds between two SCNs, for labels.
pub fn secs_between(a: u64, b: u64) -> Micros {
    micros_of_scn(b.saturating_sub(a)) / SECOND
}
