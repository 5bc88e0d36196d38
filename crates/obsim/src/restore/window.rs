//! The restorable window (reference R§7): which backup sets and archive pieces a restore to an
//! SCN uses, and which SCNs a restore can reach at all. Pure functions over the set rows of one
//! data destination and the pieces of one archive destination (`ArchiveRound::pieces`).
//!
//! Invariant: `choose` is the one rule that decides a target. RESTORE, SHOW RESTORE PREVIEW,
//! the standby's replay and the window call it or its parts; `window` is built from the same
//! parts, so `choose(T).is_ok()` exactly when T lies in `window().intervals` (property-tested).

use crate::archive::Piece;
use crate::backup::{BackupSet, BackupType, FileStatus, SetStatus};
use crate::error::{ObError, ObResult};
use serde::{Deserialize, Serialize};

/// What a restore to one SCN reads: the set chain (a FULL and its INCs) and the pieces that
/// carry the log from the chain's START_REPLAY_SCN to the target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub restore_scn: u64,
    pub sets: Vec<BackupSet>,
    pub pieces: Vec<Piece>,
}

impl Choice {
    /// The SCN the chain alone restores to (MIN_RESTORE_SCN of its last set).
    pub fn consistent_scn(&self) -> u64 {
        self.sets.last().map_or(0, |s| s.min_restore_scn)
    }

    /// Where log replay starts (START_REPLAY_SCN of the chain's last set).
    pub fn start_replay_scn(&self) -> u64 {
        self.sets.last().map_or(0, |s| s.start_replay_scn)
    }
}

/// A stretch of targets that all use the same chain: `[from, to]`, inclusive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub from: u64,
    pub to: u64,
    /// The chain every target in the segment uses, FULL first.
    pub set_ids: Vec<u64>,
    pub start_replay_scn: u64,
}

/// The SCNs a restore from one data destination and one archive destination can reach: a union
/// of intervals, broken wherever archiving stopped or was interrupted (R§7.1, R§7.4).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestoreWindow {
    pub tenant_id: u64,
    pub data_root: String,
    /// Empty for a window without an archive (complement log of a PLUS ARCHIVELOG set, R§3.5).
    pub archive_root: String,
    pub segments: Vec<Segment>,
    /// The segments merged where they touch, ascending: `[from, to]` inclusive.
    pub intervals: Vec<(u64, u64)>,
}

impl RestoreWindow {
    pub fn contains(&self, scn: u64) -> bool {
        self.intervals.iter().any(|&(a, b)| a <= scn && scn <= b)
    }
}

/// The sets the selection reads (`backup_set_<id>_<type>_end_success` exists): SUCCESS rows,
/// in id order.
pub fn listed(sets: &[BackupSet]) -> Vec<&BackupSet> {
    let mut out: Vec<&BackupSet> = sets
        .iter()
        .filter(|s| s.status == SetStatus::Success)
        .collect();
    crate::order::sort_by_key(&mut out, |s| s.backup_set_id);
    out
}

/// The chain for `target` (`do_get_backup_set_array_`): sets read in id order; every set read
/// must open with a given password (9047), checked before anything else, so the first set past
/// the target demands its password too; the reading stops at the first set whose
/// MIN_RESTORE_SCN is past the target; then only AVAILABLE ones count; each FULL starts the
/// chain again and an INC joins it when its FULL and its previous set are in the chain (so
/// two INCs over the same base both join, as OceanBase's map of chosen sets does). Passwords
/// `None`: not checked (the window has no session).
pub fn select_sets<'a>(
    listed: &[&'a BackupSet],
    target: u64,
    passwords: Option<&[String]>,
) -> ObResult<Vec<&'a BackupSet>> {
    let mut chain: Vec<&BackupSet> = Vec::new();
    for &s in listed {
        if let (Some(given), Some(digest)) = (passwords, &s.encryption.passwd_digest)
            && !given.contains(digest)
        {
            return Err(ObError::invalid_backup_password());
        }
        if s.min_restore_scn > target {
            break;
        }
        if s.file_status != FileStatus::Available {
            continue;
        }
        match s.backup_type {
            BackupType::Full => chain = vec![s],
            BackupType::Inc => {
                let joins = chain.first().is_some_and(|f| {
                    s.prev_full_backup_set_id == f.backup_set_id
                        && chain
                            .iter()
                            .any(|c| c.backup_set_id == s.prev_inc_backup_set_id)
                });
                if joins {
                    chain.push(s);
                }
            }
        }
    }
    Ok(chain)
}

/// The contiguous run of pieces that covers `start` (`get_piece_paths_in_range`): AVAILABLE,
/// non-empty pieces of the first piece's destination; pieces ending at or before `start` are
/// skipped; a break in continuity (a piece not starting where the previous ended) ends the run
/// if it already covers `start`, else starts it again; the run must begin at or before `start`.
pub fn piece_run(pieces: &[Piece], start: u64) -> Vec<&Piece> {
    let usable: Vec<&Piece> = pieces
        .iter()
        .filter(|p| p.file_status == FileStatus::Available && !p.is_empty())
        .collect();
    let Some(dest) = usable.first().map(|p| p.dest_id) else {
        return Vec::new();
    };
    let mut run: Vec<&Piece> = Vec::new();
    for p in usable.into_iter().filter(|p| p.dest_id == dest) {
        if p.end_scn <= start {
            continue;
        }
        if let Some(last) = run.last()
            && last.end_scn != p.start_scn
        {
            if run.first().is_some_and(|f| f.start_scn <= start) {
                break;
            }
            run.clear();
        }
        run.push(p);
    }
    if run.first().is_none_or(|f| f.start_scn > start) {
        return Vec::new();
    }
    run
}

/// The pieces a restore from `start` to `target` reads: the run's pieces up to the first that
/// begins at or after the target (plus that one when the one before ends short of the target
/// but touches it); the last must be archived up to the target, else 4018.
pub fn select_pieces(pieces: &[Piece], start: u64, target: u64) -> ObResult<Vec<&Piece>> {
    let mut out: Vec<&Piece> = Vec::new();
    for p in piece_run(pieces, start) {
        if p.start_scn >= target
            && let Some(last) = out.last()
        {
            if last.checkpoint_scn < target && last.end_scn == p.start_scn {
                out.push(p);
            }
            break;
        }
        out.push(p);
    }
    match out.last() {
        Some(last) if last.checkpoint_scn >= target => Ok(out),
        _ => Err(ObError::no_enough_log()),
    }
}

/// The one decision of a restore to `target` from these sets and pieces (`get_restore_source`):
/// 9047 from the set loop first, then 4018 when the log does not reach (too early, too late,
/// across a gap), and 4016 in the case OceanBase itself deems impossible (pieces, no set).
pub fn choose(
    sets: &[BackupSet],
    pieces: &[Piece],
    target: u64,
    passwords: Option<&[String]>,
) -> ObResult<Choice> {
    let listed = listed(sets);
    let chain = select_sets(&listed, target, passwords)?;
    let start = chain.last().map_or(0, |s| s.start_replay_scn);
    let chosen = select_pieces(pieces, start, target)?;
    if chain.is_empty() {
        return Err(ObError::internal());
    }
    Ok(Choice {
        restore_scn: target,
        sets: chain.into_iter().cloned().collect(),
        pieces: chosen.into_iter().cloned().collect(),
    })
}

/// A restore from a data destination alone (R§3.5 "complement log"): only to the MIN_RESTORE_SCN
/// of the newest SUCCESS/AVAILABLE set, and only if that set carries its own log (PLUS
/// ARCHIVELOG) and ends the chain; anything else is 4018.
pub fn choose_complement(
    sets: &[BackupSet],
    target: u64,
    passwords: Option<&[String]>,
) -> ObResult<Choice> {
    let listed = listed(sets);
    let chain = select_sets(&listed, target, passwords)?;
    let newest = newest_usable(&listed);
    match (chain.last(), newest) {
        (Some(last), Some(newest))
            if last.backup_set_id == newest.backup_set_id
                && newest.plus_archivelog
                && newest.min_restore_scn == target =>
        {
            Ok(Choice {
                restore_scn: target,
                sets: chain.into_iter().cloned().collect(),
                pieces: Vec::new(),
            })
        }
        _ => Err(ObError::no_enough_log()),
    }
}

/// The newest set a restore could end with (SUCCESS and AVAILABLE).
pub fn newest_usable<'a>(listed: &[&'a BackupSet]) -> Option<&'a BackupSet> {
    listed
        .iter()
        .copied()
        .filter(|s| s.file_status == FileStatus::Available)
        .max_by_key(|s| s.backup_set_id)
}

/// The target of a restore without UNTIL: the newest archive checkpoint at the archive roots
/// (`get_max_checkpoint_scn`), or with no archive the newest set's MIN_RESTORE_SCN.
pub fn latest_target(sets: &[BackupSet], pieces: &[Piece], with_archive: bool) -> u64 {
    if with_archive {
        pieces.iter().map(|p| p.checkpoint_scn).max().unwrap_or(0)
    } else {
        newest_usable(&listed(sets)).map_or(0, |s| s.min_restore_scn)
    }
}

/// The window of targets `choose` accepts (passwords aside), built from the same parts: the
/// chosen chain can only change where some set's MIN_RESTORE_SCN is, so each stretch between
/// two such SCNs has one chain, and its targets reach up to the checkpoint of the run of pieces
/// that covers the chain's START_REPLAY_SCN.
pub fn segments(sets: &[BackupSet], pieces: &[Piece]) -> Vec<Segment> {
    let listed = listed(sets);
    let mut bounds: Vec<u64> = listed.iter().map(|s| s.min_restore_scn).collect();
    bounds.sort_unstable();
    bounds.dedup();
    let mut out = Vec::new();
    for (i, &lo) in bounds.iter().enumerate() {
        let seg_hi = bounds.get(i + 1).map_or(u64::MAX, |b| b.saturating_sub(1));
        let Ok(chain) = select_sets(&listed, lo, None) else {
            continue;
        };
        let Some(last) = chain.last() else {
            continue;
        };
        let start = last.start_replay_scn;
        let Some(reach) = piece_run(pieces, start).last().map(|p| p.checkpoint_scn) else {
            continue;
        };
        let hi = seg_hi.min(reach);
        if hi >= lo {
            out.push(Segment {
                from: lo,
                to: hi,
                set_ids: chain.iter().map(|s| s.backup_set_id).collect(),
                start_replay_scn: start,
            });
        }
    }
    out
}

/// The single target of a complement-log restore, as a segment (R§3.5).
pub fn complement_segments(sets: &[BackupSet]) -> Vec<Segment> {
    let listed = listed(sets);
    let Some(newest) = newest_usable(&listed) else {
        return Vec::new();
    };
    let target = newest.min_restore_scn;
    match choose_complement(sets, target, None) {
        Ok(c) => vec![Segment {
            from: target,
            to: target,
            set_ids: c.sets.iter().map(|s| s.backup_set_id).collect(),
            start_replay_scn: c.start_replay_scn(),
        }],
        Err(_) => Vec::new(),
    }
}

/// Segments merged where one ends right before the next begins.
pub fn merge(segments: &[Segment]) -> Vec<(u64, u64)> {
    let mut out: Vec<(u64, u64)> = Vec::new();
    for s in segments {
        match out.last_mut() {
            Some(last) if last.1.saturating_add(1) >= s.from => last.1 = last.1.max(s.to),
            _ => out.push((s.from, s.to)),
        }
    }
    out
}

#[cfg(test)]
mod tests;
