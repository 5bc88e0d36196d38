//! The macroblock map of a tenant (issue 6): its layout grouped by log stream and tablet, the
//! state of every block relative to the backup sets, which sets hold a block, and the tenant's
//! chain of sets. The web app's macroblock view draws exactly this and computes no state itself.
//!
//! `fill_states` writes one byte per block into a caller-provided buffer in two linear passes
//! (over the blocks, then over the running set's copy plan): no allocation, so a tenant of
//! 100,000 blocks can be mapped every frame.

use crate::backup::{BackupSet, BackupTask, BackupType, FileStatus, SetStatus, TaskStatus};
use crate::backup::{TenantBackup, scheduler::STEP};
use crate::cluster::Cluster;
use crate::error::code;
use crate::sim::SECOND;
use crate::storage::MACRO_BLOCK_SIZE;

/// Not written since the latest successful set (or, before any set, since the simulation began).
pub const UNCHANGED: u8 = 0;
/// Written after the latest successful set's snapshot: the next incremental copies it.
pub const CHANGED: u8 = 1;
/// The running set's current copy step is copying it.
pub const COPYING: u8 = 2;
/// Copied into the running set.
pub const COPIED: u8 = 3;
/// The running incremental does not copy it: it references the copy in its base chain.
pub const REUSED: u8 = 4;
/// A tenant being restored: not back yet.
pub const AWAITING: u8 = 5;
/// A tenant being restored: back from a set of the chain.
pub const RESTORED: u8 = 6;
/// A tenant being restored: back from a set, then changed by the archive log's replay.
pub const REPLAYED: u8 = 7;
/// Number of states; a state byte's low bits (`STATE_MASK`) hold one of them.
pub const STATE_COUNT: usize = 8;
pub const STATE_MASK: u8 = 0x07;
/// Flag on a CHANGED block whose last write came from a statement (DML typed in the console),
/// not from the background workload.
pub const LIT: u8 = 0x08;
/// Names of the states, as the view's test hooks use them.
pub const STATE_NAMES: [&str; STATE_COUNT] = [
    "unchanged",
    "changed",
    "copying",
    "copied",
    "reused",
    "awaiting",
    "restored",
    "replayed",
];
/// The states in words, as the view's legend and tooltip show them.
pub const STATE_TEXT: [&str; STATE_COUNT] = [
    "unchanged since the latest set",
    "changed since the latest set",
    "being copied",
    "copied into the running set",
    "reused by reference from the base set",
    "not restored yet",
    "restored from a backup set",
    "restored, then replayed from the archive log",
];

/// A tablet's contiguous block range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TabletSpan {
    pub tablet_id: u64,
    pub first_block: u32,
    pub block_count: u32,
    pub is_sys: bool,
}

/// The tablets of one log stream, in block order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LsGroup {
    pub ls_id: u64,
    pub tablets: Vec<TabletSpan>,
}

impl LsGroup {
    pub fn block_count(&self) -> u32 {
        self.tablets.iter().map(|t| t.block_count).sum()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    pub block_count: u32,
    /// Log streams that hold tablets, in log stream order (LS 1, 1001, 1002, ...).
    pub groups: Vec<LsGroup>,
}

/// Blocks per state, and how many CHANGED blocks are LIT; `sys` blocks are always copied.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub by_state: [u32; STATE_COUNT],
    pub lit: u32,
    pub sys: u32,
}

impl Counts {
    pub fn get(&self, state: u8) -> u32 {
        self.by_state
            .get(usize::from(state & STATE_MASK))
            .copied()
            .unwrap_or(0)
    }

    /// `unchanged=… changed=… copying=… copied=… reused=… lit=… sys=…` (and `awaiting=…
    /// restored=… replayed=…` after `reused` for a tenant being restored)
    pub fn text(&self) -> String {
        let mut out = String::new();
        // The restore's states only while a tenant is being restored: the text of every
        // other map stays as it was.
        let restoring = self.by_state[usize::from(AWAITING)..]
            .iter()
            .any(|&n| n > 0);
        for (i, (name, n)) in STATE_NAMES.iter().zip(self.by_state).enumerate() {
            if restoring || i < usize::from(AWAITING) {
                out.push_str(&format!("{name}={n} "));
            }
        }
        out.push_str(&format!("lit={} sys={}", self.lit, self.sys));
        out
    }
}

/// The layout of a tenant's blocks: log streams → tablets → block ranges (a tenant being
/// restored: its source's, which it will have).
pub fn layout(c: &Cluster, tenant_id: u64) -> Option<Layout> {
    let s = match restoring::restoring(c, tenant_id) {
        Some(r) => r.source,
        None => c.storage.get(&tenant_id)?,
    };
    let groups = s
        .log_streams
        .iter()
        .map(|ls| LsGroup {
            ls_id: ls.ls_id,
            tablets: s
                .tablets
                .iter()
                .filter(|t| t.ls_id == ls.ls_id)
                .map(|t| TabletSpan {
                    tablet_id: t.tablet_id,
                    first_block: t.first_block,
                    block_count: t.block_count,
                    is_sys: t.is_sys,
                })
                .collect(),
        })
        .filter(|g: &LsGroup| !g.tablets.is_empty())
        .collect();
    Some(Layout {
        block_count: u32::try_from(s.block_count()).unwrap_or(u32::MAX),
        groups,
    })
}

/// The set whose snapshot "changed" is measured from: the newest usable set at the tenant's
/// data destination (the base the next incremental would use), else the newest usable set.
pub fn latest_set(b: &TenantBackup) -> Option<&BackupSet> {
    b.data_dest
        .as_ref()
        .and_then(|d| b.latest_usable_set(&d.path))
        .or_else(|| {
            b.sets
                .iter()
                .filter(|s| s.is_usable_base())
                .max_by_key(|s| s.backup_set_id)
        })
}

/// The tenant's running set task that has a copy plan, with its set (the newest one when a
/// tenant runs two jobs, one of its own and one started by sys).
pub fn running(b: &TenantBackup) -> Option<(&BackupTask, &BackupSet)> {
    b.tasks
        .iter()
        .filter(|t| t.status < TaskStatus::Completed && !t.plan.is_empty())
        .max_by_key(|t| t.task_id)
        .and_then(|t| b.set(t.backup_set_id).map(|s| (t, s)))
}

impl Cluster {
    /// The blocks a running set task's current step is copying: what its throughput covers in
    /// one step from where it stands (empty outside BACKUP_USER_DATA, or while no server runs).
    pub fn copying_now<'a>(&self, task: &'a BackupTask) -> &'a [u32] {
        if task.status != TaskStatus::BackupUserData {
            return &[];
        }
        let done = Cluster::copied_so_far(task).len();
        let budget = task
            .carry_bytes
            .saturating_add(self.backup_throughput(task.tenant_id).saturating_mul(STEP) / SECOND);
        let n = usize::try_from(budget / MACRO_BLOCK_SIZE).unwrap_or(usize::MAX);
        let end = done.saturating_add(n).min(task.plan.len());
        task.plan.get(done..end).unwrap_or(&[])
    }
}

/// Writes the state of each of the tenant's blocks into `out` (block id = index; blocks beyond
/// `out.len()` are left out) and returns the counts. None for a tenant without storage.
pub fn fill_states(c: &Cluster, tenant_id: u64, out: &mut [u8]) -> Option<Counts> {
    if let Some(r) = restoring::restoring(c, tenant_id) {
        return Some(restoring::fill(c, &r, out));
    }
    let storage = c.storage.get(&tenant_id)?;
    let n = storage.block_count().min(out.len());
    let (out, lw) = (out.get_mut(..n)?, storage.last_write_scn.get(..n)?);
    let backup = c.tenant_backup(tenant_id);
    // A restored tenant without sets of its own: changed since the point it was restored to.
    let restored_at = || {
        c.restore
            .recovery(tenant_id)
            .filter(|r| r.data_built)
            .and_then(|_| c.restore_job_of(tenant_id))
            .and_then(|job| c.restore.sys_job(job))
            .map_or(0, |j| j.restore_scn)
    };
    let base_scn = backup
        .and_then(latest_set)
        .map_or_else(restored_at, |s| s.snapshot_scn);
    // Statements log their changes with the SCN of their block writes, in SCN order.
    let dml = c.user_data.get(&tenant_id).map_or(&[][..], |d| &d.log[..]);
    let changed = |scn: u64| {
        let lit = dml.binary_search_by_key(&scn, |(s, _)| *s).is_ok();
        CHANGED | if lit { LIT } else { 0 }
    };
    let run = backup.and_then(running);
    let inc_running = run.is_some_and(|(_, s)| s.backup_type == BackupType::Inc);
    let rest = if inc_running { REUSED } else { UNCHANGED };
    for (o, &w) in out.iter_mut().zip(lw) {
        *o = if w > base_scn { changed(w) } else { rest };
    }
    if let Some((task, _)) = run {
        let done = Cluster::copied_so_far(task).len();
        let copying_end = done + c.copying_now(task).len();
        for (i, &b) in task.plan.iter().enumerate() {
            let (Some(o), Some(&w)) = (out.get_mut(b as usize), lw.get(b as usize)) else {
                continue;
            };
            *o = if i < done {
                COPIED
            } else if i < copying_end {
                COPYING
            } else if w > base_scn {
                changed(w)
            } else {
                UNCHANGED
            };
        }
    }
    let mut counts = Counts {
        sys: storage.sys_block_range().end,
        ..Counts::default()
    };
    for &o in out.iter() {
        if let Some(k) = counts.by_state.get_mut(usize::from(o & STATE_MASK)) {
            *k += 1;
        }
        counts.lit += u32::from(o & LIT != 0);
    }
    Some(counts)
}

/// How one set holds a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hold {
    /// A finished set with its own copy.
    Copy,
    /// A finished incremental that references the copy in this set of its chain.
    Ref(u64),
    /// The running set has copied it.
    Copied,
    /// The running set's current step is copying it.
    Copying,
    /// The running set will copy it.
    Queued,
    /// The running incremental references it from this set.
    Refs(u64),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetHold {
    pub set_id: u64,
    pub full: bool,
    pub hold: Hold,
}

/// What hovering a block shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockInfo {
    pub block: u32,
    pub tablet_id: u64,
    pub ls_id: u64,
    pub last_write_scn: u64,
    pub state: u8,
    /// Successful sets and the running one, by set id (failed sets hold nothing); for a tenant
    /// being restored, the set of the chain the block comes (came) back from.
    pub sets: Vec<SetHold>,
    /// Whether the block belongs to a tenant being restored.
    pub restoring: bool,
}

/// The set of `set`'s chain (itself, then its bases) that holds its own copy of `block`.
fn holder(b: &TenantBackup, set: &BackupSet, block: u32) -> Option<u64> {
    let mut s = set;
    for _ in 0..=b.sets.len() {
        if s.backup_type == BackupType::Full || s.copied_blocks.binary_search(&block).is_ok() {
            return Some(s.backup_set_id);
        }
        s = b.set(s.prev_inc_backup_set_id)?;
    }
    None
}

pub fn block_info(c: &Cluster, tenant_id: u64, block: u32) -> Option<BlockInfo> {
    if let Some(r) = restoring::restoring(c, tenant_id) {
        let tablet = r.source.tablet_of(block)?;
        let mut upto = vec![AWAITING; r.source.block_count()];
        restoring::fill(c, &r, &mut upto);
        let from = restoring::restored_from(c, &r, block);
        let full = |id: u64| {
            c.backup
                .get(&r.job.backup_tenant_id)
                .and_then(|b| b.set(id))
                .is_some_and(|s| s.backup_type == BackupType::Full)
        };
        return Some(BlockInfo {
            block,
            tablet_id: tablet.tablet_id,
            ls_id: tablet.ls_id,
            last_write_scn: 0,
            state: upto.get(block as usize).copied().unwrap_or(AWAITING),
            sets: from
                .map(|id| SetHold {
                    set_id: id,
                    full: full(id),
                    hold: Hold::Copy,
                })
                .into_iter()
                .collect(),
            restoring: true,
        });
    }
    let storage = c.storage.get(&tenant_id)?;
    let last_write_scn = *storage.last_write_scn.get(block as usize)?;
    let tablet = storage.tablet_of(block)?;
    // The block's state, computed as for the whole map (a hover is rare: one buffer is fine).
    let mut upto = vec![UNCHANGED; block as usize + 1];
    fill_states(c, tenant_id, &mut upto);
    let state = upto.last().copied().unwrap_or(UNCHANGED);
    let mut sets = Vec::new();
    if let Some(b) = c.tenant_backup(tenant_id) {
        let run = running(b);
        // Sets are kept in id order (ids only grow, §2.9).
        for s in &b.sets {
            let full = s.backup_type == BackupType::Full;
            let hold = match run {
                Some((task, rs)) if rs.backup_set_id == s.backup_set_id => {
                    let done = Cluster::copied_so_far(task).len();
                    let copying = c.copying_now(task).len();
                    match task.plan.iter().position(|&x| x == block) {
                        Some(i) if i < done => Hold::Copied,
                        Some(i) if i < done + copying => Hold::Copying,
                        Some(_) => Hold::Queued,
                        None => match b.set(s.prev_inc_backup_set_id) {
                            Some(base) => Hold::Refs(holder(b, base, block).unwrap_or(0)),
                            None => continue,
                        },
                    }
                }
                _ if !s.is_usable_base() => continue,
                _ if full || s.copied_blocks.binary_search(&block).is_ok() => Hold::Copy,
                _ => Hold::Ref(holder(b, s, block).unwrap_or(0)),
            };
            sets.push(SetHold {
                set_id: s.backup_set_id,
                full,
                hold,
            });
        }
    }
    Some(BlockInfo {
        block,
        tablet_id: tablet.tablet_id,
        ls_id: tablet.ls_id,
        last_write_scn,
        state,
        sets,
        restoring: false,
    })
}

impl BlockInfo {
    /// Three lines: the block, its last write, the sets that hold it.
    pub fn text(&self) -> String {
        let state = STATE_TEXT
            .get(usize::from(self.state & STATE_MASK))
            .copied()
            .unwrap_or("");
        let by = if self.state & LIT != 0 {
            ", by a statement"
        } else {
            ""
        };
        let write = if self.last_write_scn == 0 {
            "not written since the simulation began".to_string()
        } else {
            format!("last write SCN {}", self.last_write_scn)
        };
        if self.restoring {
            let from = match self.sets.first() {
                Some(h) => format!(
                    "from set {} {}",
                    h.set_id,
                    if h.full { "FULL" } else { "INC" }
                ),
                None => "from no set yet".to_string(),
            };
            return format!(
                "macroblock {} · tablet {} · LS {}\n{state}\n{from}",
                self.block, self.tablet_id, self.ls_id
            );
        }
        let sets: Vec<String> = self
            .sets
            .iter()
            .map(|h| {
                let kind = if h.full { "FULL" } else { "INC" };
                let how = match h.hold {
                    Hold::Copy => "own copy".to_string(),
                    Hold::Ref(x) => format!("reference to set {x}"),
                    Hold::Copied => "running, copied".to_string(),
                    Hold::Copying => "running, being copied".to_string(),
                    Hold::Queued => "running, to be copied".to_string(),
                    Hold::Refs(x) => format!("running, reference to set {x}"),
                };
                format!("set {} {kind} ({how})", h.set_id)
            })
            .collect();
        let sets = if sets.is_empty() {
            "in no backup set".to_string()
        } else {
            format!("in {}", sets.join(", "))
        };
        format!(
            "macroblock {} · tablet {} · LS {}\n{state}{by}, {write}\n{sets}",
            self.block, self.tablet_id, self.ls_id
        )
    }
}

/// How a set of the chain ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChainStatus {
    Running,
    Success,
    Failed,
    Canceled,
}

impl ChainStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ChainStatus::Running => "RUNNING",
            ChainStatus::Success => "SUCCESS",
            ChainStatus::Failed => "FAILED",
            ChainStatus::Canceled => "CANCELED",
        }
    }
}

/// One set of a tenant's chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChainSet {
    pub set_id: u64,
    pub full: bool,
    pub status: ChainStatus,
    /// PREV_INC_BACKUP_SET_ID (0 for a full set).
    pub base: u64,
    /// Blocks with their own copy in the set (so far, while it runs).
    pub copied: u64,
    /// Blocks the set copies (MACRO_BLOCK_COUNT).
    pub planned: u64,
    /// Blocks a successful incremental references from its base chain.
    pub referenced: u64,
    pub deleted: bool,
}

/// The tenant's sets in id order: full, inc, inc ..., with the running one last.
pub fn set_chain(c: &Cluster, tenant_id: u64) -> Vec<ChainSet> {
    let Some(b) = c.tenant_backup(tenant_id) else {
        return Vec::new();
    };
    let total = c.storage.get(&tenant_id).map_or(0, |s| s.block_count()) as u64;
    // Sets are kept in id order (ids only grow, §2.9).
    b.sets
        .iter()
        .map(|s| {
            let task = b.task_of(s.backup_set_id);
            let status = match s.status {
                SetStatus::Doing => ChainStatus::Running,
                SetStatus::Success => ChainStatus::Success,
                SetStatus::Failed if s.result == code::OB_CANCELED => ChainStatus::Canceled,
                SetStatus::Failed => ChainStatus::Failed,
            };
            let (copied, planned) = match (status, task) {
                (ChainStatus::Running, Some(t)) => {
                    (t.copy.finish_macro_block_count, t.copy.macro_block_count)
                }
                (ChainStatus::Success, _) => {
                    (s.copied_blocks.len() as u64, s.copy.macro_block_count)
                }
                _ => (s.copy.finish_macro_block_count, s.copy.macro_block_count),
            };
            let full = s.backup_type == BackupType::Full;
            ChainSet {
                set_id: s.backup_set_id,
                full,
                status,
                base: s.prev_inc_backup_set_id,
                copied,
                planned,
                referenced: if status == ChainStatus::Success && !full {
                    total.saturating_sub(copied)
                } else {
                    0
                },
                deleted: matches!(s.file_status, FileStatus::Deleted | FileStatus::Deleting),
            }
        })
        .collect()
}

mod restoring;

#[cfg(test)]
mod tests;
