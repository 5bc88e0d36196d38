//! What the dashboards show, read from the engine in one place (no Leptos here). Where a
//! dashboard shows what a view shows, the value comes from the view's own row function
//! (`sql::views::job_row` and friends), so a card and a `SELECT` never disagree.

use super::sql::Stmt;
use obsim::backup::{
    BackupJob, BackupSet, BackupTask, BackupType, FileStatus, JobLevel, SetStatus, TenantBackup,
};
use obsim::calendar::format_datetime;
use obsim::cluster::{Cluster, SYS_TENANT_ID};
use obsim::shell::Shell;
use obsim::sim::{Micros, SECOND, micros_of_scn};
use obsim::sql::views;
use obsim::storage::MACRO_BLOCK_SIZE;
use obsim::value::Value;

/// How many finished jobs the history lists.
pub const HISTORY_CAP: usize = 50;

/// One row made by a view's row function, read by column name.
struct ViewRow {
    cols: &'static [views::ColDef],
    row: Vec<Value>,
}

impl ViewRow {
    fn new(view: &str, row: Vec<Value>) -> ViewRow {
        let cols = views::resolve(view, false).map_or(&[][..], |v| v.def.columns);
        ViewRow { cols, row }
    }

    fn cell(&self, col: &str) -> &Value {
        self.cols
            .iter()
            .position(|c| c.name == col)
            .and_then(|i| self.row.get(i))
            .unwrap_or(&Value::Null)
    }

    /// As obclient prints the cell, but times to the second and NULL as empty.
    fn text(&self, col: &str) -> String {
        match self.cell(col) {
            Value::Null => String::new(),
            Value::DateTime { micros, .. } => format_datetime(*micros, false),
            v => v.render(),
        }
    }

    fn num(&self, col: &str) -> u64 {
        match self.cell(col) {
            Value::Int(v) => u64::try_from(*v).unwrap_or(0),
            Value::UInt(v) => *v,
            _ => 0,
        }
    }

    fn int(&self, col: &str) -> i64 {
        match self.cell(col) {
            Value::Int(v) => *v,
            Value::UInt(v) => i64::try_from(*v).unwrap_or(i64::MAX),
            _ => 0,
        }
    }
}

fn tenant_name(c: &Cluster, id: u64) -> String {
    c.tenant(id)
        .map_or_else(|| id.to_string(), |t| t.name.clone())
}

/// `HH:MM:SS` of a time (session zone, as the views show it).
pub fn clock(micros: Micros) -> String {
    let full = format_datetime(micros as i64, false);
    full.get(11..).unwrap_or(&full).to_string()
}

// --- tenant cards ---------------------------------------------------------------------------

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SetBrief {
    pub id: u64,
    pub status: String,
    /// END_TIMESTAMP, empty while the set is being written.
    pub end: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RoundInfo {
    pub round_id: u64,
    pub state: String,
    /// now − checkpoint time, while the round runs and has a checkpoint.
    pub lag: Option<Micros>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TenantInfo {
    pub id: u64,
    pub name: String,
    pub mode: String,
    pub status: String,
    pub log_mode: String,
    pub round: Option<RoundInfo>,
    pub data_dest: Option<String>,
    pub archive_dest: Option<String>,
    pub score: i64,
    pub latest_full: Option<SetBrief>,
    pub latest_inc: Option<SetBrief>,
    /// (latest successful set, user macroblocks written after its snapshot)
    pub changed: Option<(u64, usize)>,
    pub data_bytes: u64,
    /// The latest finished backup job of this tenant, when it failed: (job id, RESULT, COMMENT).
    pub last_failure: Option<(u64, i64, String)>,
    /// How the current session may act on this tenant.
    pub actor: obsim::sql::session::Authority,
}

impl TenantInfo {
    pub fn read(sh: &Shell, id: u64) -> Option<TenantInfo> {
        let c = &sh.cluster;
        let t = c.tenant(id)?;
        let backup = c.tenant_backup(id);
        let archive = c.archive.get(&id);
        let storage = c.storage.get(&id);
        let sets = backup.map_or(&[][..], |b| &b.sets[..]);
        let latest = |ty: BackupType| {
            let b = backup?;
            sets.iter()
                .filter(|s| s.backup_type == ty)
                .max_by_key(|s| s.backup_set_id)
                .map(|s| {
                    let row = set_view_row(s, b);
                    SetBrief {
                        id: s.backup_set_id,
                        status: row.text("STATUS"),
                        end: row.text("END_TIMESTAMP"),
                    }
                })
        };
        let base = sets
            .iter()
            .filter(|s| s.is_usable_base())
            .max_by_key(|s| s.backup_set_id);
        let round = archive.and_then(|a| a.round.as_ref()).map(|r| {
            let row = ViewRow::new("DBA_OB_ARCHIVELOG", views::archivelog_row(r, false));
            let state = row.text("STATUS");
            let checkpoint = row.num("CHECKPOINT_SCN");
            let lag = (checkpoint > 0 && state != "STOP")
                .then(|| c.now().saturating_sub(micros_of_scn(checkpoint)));
            RoundInfo {
                round_id: row.num("ROUND_ID"),
                state,
                lag,
            }
        });
        Some(TenantInfo {
            id,
            name: t.name.clone(),
            mode: t.mode.as_str().into(),
            status: t.status.as_str().into(),
            log_mode: archive
                .map_or("NOARCHIVELOG", |a| a.log_mode.as_str())
                .into(),
            round,
            data_dest: backup
                .and_then(|b| b.data_dest.as_ref())
                .map(|d| d.path.clone()),
            archive_dest: archive
                .and_then(|a| a.dest.as_ref())
                .map(|d| d.path.clone()),
            score: c.params.get_int(id, "ha_low_thread_score"),
            latest_full: latest(BackupType::Full),
            latest_inc: latest(BackupType::Inc),
            changed: base
                .zip(storage)
                .map(|(s, st)| (s.backup_set_id, st.changed_since(s.snapshot_scn))),
            data_bytes: storage.map_or(0, |s| s.data_bytes()),
            last_failure: backup
                .and_then(|b| b.job_history.iter().max_by_key(|j| (j.end_ts, j.job_id)))
                .map(|j| ViewRow::new("DBA_OB_BACKUP_JOB_HISTORY", views::job_row(j)))
                .filter(|row| row.text("STATUS") == "FAILED")
                .map(|row| (row.num("JOB_ID"), row.int("RESULT"), row.text("COMMENT"))),
            actor: sh.session.authority_over(id),
        })
    }

    pub fn stmt(&self) -> Stmt {
        Stmt {
            actor: self.actor,
            tenant: self.name.clone(),
        }
    }

    /// The SET statements that move the destinations to what the form holds (only those that
    /// change something; none when the session may not act on this tenant).
    pub fn dest_statements(&self, data: &str, archive: &str) -> Vec<String> {
        let (data, archive) = (data.trim(), archive.trim());
        let stmt = self.stmt();
        let mut out = Vec::new();
        if !data.is_empty() && self.data_dest.as_deref() != Some(data) {
            out.extend(stmt.data_dest(data));
        }
        if !archive.is_empty() && self.archive_dest.as_deref() != Some(archive) {
            out.extend(stmt.archive_dest(archive));
        }
        out
    }

    pub fn round_text(&self) -> String {
        match &self.round {
            Some(r) => format!("round {} {}", r.round_id, r.state),
            None => "no round".into(),
        }
    }
}

/// `lag 1.2 s`, `lag 2 min 05 s`.
pub fn lag_text(lag: Micros) -> String {
    if lag < 60 * SECOND {
        format!(
            "lag {} s",
            obsim::num::format_fixed(lag as f64 / SECOND as f64, 1)
        )
    } else {
        format!("lag {}", crate::format::duration_secs(lag / SECOND))
    }
}

fn set_view_row(s: &BackupSet, backup: &TenantBackup) -> ViewRow {
    let task = backup.task_of(s.backup_set_id);
    ViewRow::new("DBA_OB_BACKUP_SET_FILES", views::set_row(s, task))
}

// --- running jobs ---------------------------------------------------------------------------

/// A job by (tenant, job id).
pub type JobKey = (u64, u64);

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// The set task's phase (BACKUP_USER_DATA, ...).
    pub task_status: String,
    pub finished: u64,
    pub total: u64,
    /// DATA_PROGRESS as the task view shows it.
    pub percent: String,
    pub input_bytes: u64,
    /// Input bytes per second (`Cluster::backup_throughput`).
    pub rate: u64,
    /// Remaining input bytes / rate, in seconds.
    pub eta: Option<u64>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RunningJob {
    pub tenant_id: u64,
    pub tenant: String,
    pub job_id: u64,
    pub set_id: u64,
    pub backup_type: String,
    pub level: String,
    pub status: String,
    pub start: String,
    pub progress: Option<Progress>,
    /// The Cancel statement valid for the current session, if any.
    pub cancel: Option<String>,
}

fn is_child_of_sys(j: &BackupJob) -> bool {
    j.initiator_tenant_id == SYS_TENANT_ID && j.job_level == JobLevel::UserTenant
}

/// Running jobs not shown under a running CLUSTER job, sys first, then by tenant and job id.
pub fn top_level_jobs(c: &Cluster) -> Vec<JobKey> {
    let sys_running = |id: u64| {
        c.tenant_backup(SYS_TENANT_ID)
            .is_some_and(|b| b.job(id).is_some())
    };
    c.backup
        .iter()
        .flat_map(|(t, b)| b.jobs.iter().map(move |j| (*t, j)))
        .filter(|(_, j)| !(is_child_of_sys(j) && sys_running(j.initiator_job_id)))
        .map(|(t, j)| (t, j.job_id))
        .collect()
}

/// The tenant jobs a sys CLUSTER job started (INITIATOR_TENANT_ID = 1, INITIATOR_JOB_ID = id).
pub fn children_of(c: &Cluster, sys_job_id: u64) -> Vec<JobKey> {
    c.backup
        .iter()
        .filter(|(t, _)| **t != SYS_TENANT_ID)
        .flat_map(|(t, b)| b.jobs.iter().map(move |j| (*t, j)))
        .filter(|(_, j)| is_child_of_sys(j) && j.initiator_job_id == sys_job_id)
        .map(|(t, j)| (t, j.job_id))
        .collect()
}

fn task_progress(c: &Cluster, t: &BackupTask) -> Progress {
    let row = ViewRow::new("DBA_OB_BACKUP_TASKS", views::task_row(t));
    let finished = row.num("FINISH_MACRO_BLOCK_COUNT");
    let total = row.num("MACRO_BLOCK_COUNT");
    let rate = c.backup_throughput(t.tenant_id);
    let remaining = total.saturating_sub(finished) * MACRO_BLOCK_SIZE;
    Progress {
        task_status: row.text("STATUS"),
        finished,
        total,
        percent: row.text("DATA_PROGRESS"),
        input_bytes: row.num("INPUT_BYTES"),
        rate,
        eta: (rate > 0 && remaining > 0).then(|| remaining.div_ceil(rate)),
    }
}

/// The sum over a CLUSTER job's children (ETA: the slowest child).
fn sum_progress(parts: impl Iterator<Item = Progress>) -> Option<Progress> {
    let mut n = 0;
    let mut sum = parts.inspect(|_| n += 1).reduce(|a, b| Progress {
        task_status: String::new(),
        finished: a.finished + b.finished,
        total: a.total + b.total,
        percent: String::new(),
        input_bytes: a.input_bytes + b.input_bytes,
        rate: a.rate + b.rate,
        eta: a.eta.max(b.eta),
    })?;
    let pct = if sum.total == 0 {
        0.0
    } else {
        sum.finished as f64 * 100.0 / sum.total as f64
    };
    sum.percent = obsim::num::format_fixed(pct, 2);
    // Whole phrases (one entry each in the Chinese catalogue).
    sum.task_status = if n == 1 {
        "1 tenant job".to_string()
    } else {
        format!("{n} tenant jobs")
    };
    Some(sum)
}

pub fn running_job(sh: &Shell, (tenant_id, job_id): JobKey) -> Option<RunningJob> {
    let c = &sh.cluster;
    let b = c.tenant_backup(tenant_id)?;
    let j = b.job(job_id)?;
    let row = ViewRow::new("DBA_OB_BACKUP_JOBS", views::job_row(j));
    let cluster_job = tenant_id == SYS_TENANT_ID && j.job_level == JobLevel::Cluster;
    let progress = if cluster_job {
        sum_progress(children_of(c, job_id).into_iter().filter_map(|(t, id)| {
            let b = c.tenant_backup(t)?;
            b.tasks
                .iter()
                .find(|x| x.job_id == id)
                .map(|x| task_progress(c, x))
        }))
    } else {
        b.tasks
            .iter()
            .find(|t| t.job_id == job_id)
            .map(|t| task_progress(c, t))
    };
    let cancel = if cluster_job {
        sh.session
            .is_sys()
            .then(|| "ALTER SYSTEM CANCEL BACKUP;".to_string())
    } else {
        Stmt {
            actor: sh.session.authority_over(tenant_id),
            tenant: tenant_name(c, tenant_id),
        }
        .cancel()
    };
    Some(RunningJob {
        tenant_id,
        tenant: tenant_name(c, tenant_id),
        job_id,
        set_id: row.num("BACKUP_SET_ID"),
        backup_type: row.text("BACKUP_TYPE"),
        level: row.text("JOB_LEVEL"),
        status: row.text("STATUS"),
        start: row.text("START_TIMESTAMP"),
        progress,
        cancel,
    })
}

// --- history --------------------------------------------------------------------------------

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct HistoryRow {
    pub tenant_id: u64,
    pub tenant: String,
    pub job_id: u64,
    pub set_id: u64,
    pub backup_type: String,
    pub level: String,
    pub status: String,
    pub result: i64,
    pub comment: String,
    pub end: String,
}

/// Finished jobs of every tenant, most recent first, at most `HISTORY_CAP`.
pub fn history(c: &Cluster) -> Vec<HistoryRow> {
    let mut jobs: Vec<(u64, &BackupJob)> = c
        .backup
        .iter()
        .flat_map(|(t, b)| b.job_history.iter().map(move |j| (*t, j)))
        .collect();
    obsim::order::sort_by_key(&mut jobs, |(t, j)| {
        std::cmp::Reverse((j.end_ts, *t, j.job_id))
    });
    jobs.into_iter()
        .take(HISTORY_CAP)
        .map(|(t, j)| {
            let row = ViewRow::new("DBA_OB_BACKUP_JOB_HISTORY", views::job_row(j));
            HistoryRow {
                tenant_id: t,
                tenant: tenant_name(c, t),
                job_id: j.job_id,
                set_id: row.num("BACKUP_SET_ID"),
                backup_type: row.text("BACKUP_TYPE"),
                level: row.text("JOB_LEVEL"),
                status: row.text("STATUS"),
                result: row.int("RESULT"),
                comment: row.text("COMMENT"),
                end: row.text("END_TIMESTAMP"),
            }
        })
        .collect()
}

/// `HH:MM:SS` of a `YYYY-MM-DD HH:MM:SS` time (the date is in the cell's title).
pub fn time_of(datetime: &str) -> String {
    datetime.get(11..).unwrap_or(datetime).to_string()
}

/// The first `max` characters and `…` when the text is longer.
pub fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

// --- backup sets ----------------------------------------------------------------------------

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SetChip {
    pub id: u64,
    pub full: bool,
    pub status: String,
    pub file_status: String,
    pub output_bytes: u64,
    /// 0 while the set is being written.
    pub end_ts: Micros,
    pub end: String,
    /// The set an incremental builds on (PREV_INC_BACKUP_SET_ID).
    pub base: u64,
    pub failed: bool,
    pub deleted: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TenantSets {
    pub tenant_id: u64,
    pub tenant: String,
    /// Each chain starts with a FULL (or an orphan) followed by the incrementals on it.
    pub chains: Vec<Vec<SetChip>>,
}

impl TenantSets {
    /// Sets that ended (successfully or not), in time order: the plot's points.
    pub fn finished(&self) -> Vec<&SetChip> {
        let mut out: Vec<&SetChip> = self
            .chains
            .iter()
            .flatten()
            .filter(|s| s.end_ts > 0)
            .collect();
        obsim::order::sort_by_key(&mut out, |s| (s.end_ts, s.id));
        out
    }
}

fn chip(s: &BackupSet, backup: &TenantBackup) -> SetChip {
    let row = set_view_row(s, backup);
    SetChip {
        id: s.backup_set_id,
        full: s.backup_type == BackupType::Full,
        status: row.text("STATUS"),
        file_status: row.text("FILE_STATUS"),
        output_bytes: row.num("OUTPUT_BYTES"),
        end_ts: s.end_ts,
        end: row.text("END_TIMESTAMP"),
        base: row.num("PREV_INC_BACKUP_SET_ID"),
        failed: s.status == SetStatus::Failed,
        deleted: matches!(s.file_status, FileStatus::Deleted | FileStatus::Deleting),
    }
}

/// Every user tenant's sets as chains full → inc → inc (tenants without sets left out).
pub fn set_chains(c: &Cluster) -> Vec<TenantSets> {
    c.user_tenants()
        .filter_map(|t| {
            let b = c.tenant_backup(t.id)?;
            let chains: Vec<Vec<SetChip>> = b
                .chains()
                .into_iter()
                .map(|chain| chain.into_iter().map(|s| chip(s, b)).collect())
                .collect();
            (!chains.is_empty()).then(|| TenantSets {
                tenant_id: t.id,
                tenant: t.name.clone(),
                chains,
            })
        })
        .collect()
}
