//! The macroblock map of a tenant being restored (issue 14): until the end of POST_CHECK the new
//! tenant has no blocks of its own, so its grid is the source's layout, filled as the restore
//! job's byte counter grows: first the chain's FULL set (every block), then each incremental's
//! own (newer) blocks, in chain order; then the archive's log replays each write between the
//! chain's START_REPLAY_SCN and the tenant's READABLE_SCN onto the blocks already restored.
//!
//! Invariant: what is drawn follows the job's FINISH_BYTES / TOTAL_BYTES and the tenant's
//! READABLE_SCN (the numbers DBA_OB_RESTORE_PROGRESS shows) and the sets the job reads; the
//! blocks it ends with are those `Storage::rebuild` builds from the same sets and log.

use super::{AWAITING, COPYING, Counts, REPLAYED, RESTORED, STATE_MASK};
use crate::backup::BackupType;
use crate::cluster::Cluster;
use crate::restore::{RESTORE_BYTES_PER_SEC, RestoreJob, RestoreStatus};
use crate::storage::TenantStorage;

/// What a restore of `tenant_id` is reading, while its blocks are not built yet.
pub(super) struct Restoring<'a> {
    pub job: &'a RestoreJob,
    pub source: &'a TenantStorage,
}

/// The running restore of a tenant whose blocks are not built yet (its user job, or the sys
/// job before the tenant exists has no grid at all).
pub(super) fn restoring(c: &Cluster, tenant_id: u64) -> Option<Restoring<'_>> {
    if c.storage.contains_key(&tenant_id) {
        return None;
    }
    let job = c
        .restore
        .jobs
        .iter()
        .find(|j| j.tenant_id == tenant_id && !j.is_sys())?;
    let source = c.storage.get(&job.backup_tenant_id)?;
    Some(Restoring { job, source })
}

/// Where the restore stands on its plan: the blocks in the order they come back (the FULL's,
/// then each INC's own), how many are back, and how many the current second brings.
struct Plan {
    blocks: Vec<(u32, u64)>,
    done: usize,
    copying: usize,
    /// START_REPLAY_SCN of the chain's last set: the log replays from there.
    replay_from: u64,
}

fn plan(c: &Cluster, r: &Restoring<'_>) -> Plan {
    let src = r.job.backup_tenant_id;
    let mut blocks: Vec<(u32, u64)> = Vec::new();
    let mut replay_from = 0;
    for id in &r.job.set_ids {
        let Some(set) = c.backup.get(&src).and_then(|b| b.set(*id)) else {
            continue;
        };
        if set.backup_type == BackupType::Full {
            blocks.clear();
        }
        blocks.extend(set.copied_blocks.iter().map(|&b| (b, set.backup_set_id)));
        replay_from = set.start_replay_scn;
    }
    let total = r.job.total_bytes.max(1);
    let scale = |bytes: u64| {
        let n = u128::from(bytes) * blocks.len() as u128 / u128::from(total);
        usize::try_from(n).unwrap_or(usize::MAX).min(blocks.len())
    };
    let done = scale(r.job.finish_bytes);
    let copying = if r.job.status == RestoreStatus::RestoreWaitLs {
        scale(RESTORE_BYTES_PER_SEC.min(total)).max(1)
    } else {
        0
    };
    Plan {
        blocks,
        done,
        copying,
        replay_from,
    }
}

/// The states of a tenant being restored: AWAITING, COPYING (this second's share of the plan),
/// RESTORED (from a set), REPLAYED (restored, then written by the replayed log).
pub(super) fn fill(c: &Cluster, r: &Restoring<'_>, out: &mut [u8]) -> Counts {
    let n = r.source.block_count().min(out.len());
    let out = &mut out[..n];
    out.fill(AWAITING);
    let p = plan(c, r);
    let end = p.done.saturating_add(p.copying).min(p.blocks.len());
    // A block an incremental brings again is final only once that copy is done: the log
    // replays onto the chain's newest version of each block.
    let mut pending = vec![false; n];
    for (i, &(b, _)) in p.blocks.iter().enumerate() {
        let Some(o) = out.get_mut(b as usize) else {
            continue;
        };
        if i < p.done {
            *o = RESTORED;
        } else {
            if i < end {
                *o = COPYING;
            }
            if let Some(x) = pending.get_mut(b as usize) {
                *x = true;
            }
        }
    }
    let readable = c
        .restore
        .recovery(r.job.tenant_id)
        .map_or(0, |rec| rec.readable_scn)
        .min(r.job.restore_scn);
    if readable > p.replay_from {
        for w in r.source.writes_between(p.replay_from, readable) {
            let b = w.block as usize;
            if let Some(o) = out.get_mut(b)
                && *o == RESTORED
                && pending.get(b) == Some(&false)
            {
                *o = REPLAYED;
            }
        }
    }
    let mut counts = Counts {
        sys: r.source.sys_block_range().end,
        ..Counts::default()
    };
    for &o in out.iter() {
        if let Some(k) = counts.by_state.get_mut(usize::from(o & STATE_MASK)) {
            *k += 1;
        }
    }
    counts
}

/// The set a block came back from, or is coming back from this second (None while it waits).
pub(super) fn restored_from(c: &Cluster, r: &Restoring<'_>, block: u32) -> Option<u64> {
    let p = plan(c, r);
    p.blocks
        .iter()
        .take(p.done.saturating_add(p.copying))
        .rev()
        .find(|(b, _)| *b == block)
        .map(|(_, set)| *set)
}

#[cfg(test)]
mod tests;
