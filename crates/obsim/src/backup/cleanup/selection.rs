//! Which backup sets and archive pieces a `DELETE OBSOLETE BACKUP` job deletes
//! (`get_delete_obsolete_backup_set_infos_`, `get_candidate_obsolete_backup_pieces`; R§14.2).
//!
//! Invariant (pure functions of the rows given): a set that ended after PARAMETER is never
//! selected; the newest successful FULL among the candidates (the clean point) and every set
//! newer than it survive; only the current destinations are looked at; pieces are selected
//! only once a clean point exists, and only those whose log the clean point no longer needs.

use crate::archive::{Piece, PieceStatus};
use crate::backup::{BackupSet, BackupType, FileStatus, SetStatus};
use crate::sim::Micros;

/// The sets to delete and the clean point, if any.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SetSelection {
    /// Set ids to delete, ascending.
    pub delete: Vec<u64>,
    /// The clean point: the newest successful FULL that ended by PARAMETER.
    pub clean_point: Option<u64>,
    /// Its START_REPLAY_SCN: archive log before it is no longer needed.
    pub clean_replay_scn: Option<u64>,
}

/// The obsolete sets among `sets` (one tenant's). Candidates: sets at `data_path` (the current
/// DATA_BACKUP_DEST; None: no candidate) with END_TIMESTAMP ≤ `parameter` that are not
/// DELETED; a DOING set has END_TIMESTAMP 0, so it is a candidate, and is kept. Walking from the
/// highest id down: DOING → keep; FAILED or DELETING → delete; before the clean point, the
/// first FULL becomes it (kept) and INCs are kept; after it, everything is deleted.
pub fn obsolete_sets(
    sets: &[BackupSet],
    data_path: Option<&str>,
    parameter: Micros,
) -> SetSelection {
    let Some(path) = data_path else {
        return SetSelection::default();
    };
    let mut cands: Vec<&BackupSet> = sets
        .iter()
        .filter(|s| s.path == path && s.end_ts <= parameter)
        .filter(|s| s.file_status != FileStatus::Deleted)
        .collect();
    crate::order::sort_by_key(&mut cands, |s| std::cmp::Reverse(s.backup_set_id));
    let mut out = SetSelection::default();
    for s in cands {
        if s.status == SetStatus::Doing {
            continue;
        }
        let delete = s.status == SetStatus::Failed
            || s.file_status == FileStatus::Deleting
            || out.clean_point.is_some();
        if delete {
            out.delete.push(s.backup_set_id);
        } else if s.backup_type == BackupType::Full {
            out.clean_point = Some(s.backup_set_id);
            out.clean_replay_scn = Some(s.start_replay_scn);
        }
    }
    crate::order::sort(&mut out.delete);
    out
}

/// The obsolete pieces among `pieces` (one tenant's, every round): those in `archive_root`
/// (the current LOG_ARCHIVE_DEST; "every valid archive dest" is that one, ASSUME) whose
/// CHECKPOINT_SCN ≤ the clean point's START_REPLAY_SCN and that are not DELETED; none without
/// a clean point. Err: a selected piece is still ACTIVE, which fails the job with −9069.
pub fn obsolete_pieces(
    pieces: &[Piece],
    archive_root: Option<&str>,
    clean_replay_scn: Option<u64>,
) -> Result<Vec<Piece>, Piece> {
    let (Some(root), Some(replay)) = (archive_root, clean_replay_scn) else {
        return Ok(Vec::new());
    };
    let selected: Vec<Piece> = pieces
        .iter()
        .filter(|p| p.root == root && p.checkpoint_scn <= replay)
        .filter(|p| p.file_status != FileStatus::Deleted)
        .cloned()
        .collect();
    match selected.iter().find(|p| p.status != PieceStatus::Frozen) {
        Some(active) => Err(active.clone()),
        None => Ok(selected),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backup::{CopyCounters, Encryption};
    use crate::sim::{HOUR, MINUTE};

    const DATA: &str = "file:///d";
    const OLD: &str = "file:///old";
    const T0: Micros = 1_715_248_200_000_000;

    /// A set that ended at `end` (0: still DOING).
    fn set(id: u64, ty: BackupType, status: SetStatus, end: Micros) -> BackupSet {
        BackupSet {
            tenant_id: 1002,
            backup_set_id: id,
            dest_id: 1002,
            incarnation: 1,
            backup_type: ty,
            prev_full_backup_set_id: 0,
            prev_inc_backup_set_id: 0,
            start_ts: end.saturating_sub(MINUTE),
            end_ts: end,
            status,
            file_status: match status {
                SetStatus::Success => FileStatus::Available,
                SetStatus::Failed => FileStatus::Incomplete,
                SetStatus::Doing => FileStatus::Copying,
            },
            plus_archivelog: false,
            start_replay_scn: end.saturating_sub(MINUTE) * 1000,
            min_restore_scn: end * 1000,
            copy: CopyCounters::default(),
            result: 0,
            comment: String::new(),
            encryption: Encryption::default(),
            tenant_compatible: String::new(),
            backup_compatible: 4,
            path: DATA.into(),
            cluster_version: String::new(),
            consistent_scn: 0,
            snapshot_scn: 0,
            copied_blocks: Vec::new(),
        }
    }

    fn full(id: u64, hours: u64) -> BackupSet {
        set(id, BackupType::Full, SetStatus::Success, T0 + hours * HOUR)
    }

    fn inc(id: u64, hours: u64) -> BackupSet {
        set(id, BackupType::Inc, SetStatus::Success, T0 + hours * HOUR)
    }

    fn select(sets: &[BackupSet], parameter_hours: u64) -> (Vec<u64>, Option<u64>) {
        let s = obsolete_sets(sets, Some(DATA), T0 + parameter_hours * HOUR);
        (s.delete, s.clean_point)
    }

    #[test]
    fn sets_inside_the_window_are_never_candidates() {
        let sets = [full(1, 1), inc(2, 2), full(3, 3)];
        // PARAMETER before every end: nothing is a candidate, even set 1 under two newer sets.
        assert_eq!(select(&sets, 0), (vec![], None));
        let mut failed = set(4, BackupType::Inc, SetStatus::Failed, T0 + 5 * HOUR);
        failed.file_status = FileStatus::Incomplete;
        let sets = [full(1, 1), failed];
        assert_eq!(select(&sets, 4), (vec![], Some(1)));
    }

    #[test]
    fn the_newest_full_older_than_the_window_and_everything_newer_survive() {
        // Sets 1–5: FULL INC FULL INC INC; the window begins between 4 and 5.
        let sets = [full(1, 1), inc(2, 2), full(3, 3), inc(4, 4), inc(5, 6)];
        assert_eq!(select(&sets, 5), (vec![1, 2], Some(3)));
        // The window ends between the FULL and its INC: the FULL is the clean point.
        assert_eq!(select(&sets, 3), (vec![1, 2], Some(3)));
        // Only INCs and an older FULL are out: the older FULL is the clean point.
        assert_eq!(select(&sets, 2), (vec![], Some(1)));
        // Every set out of the window: the newest FULL survives with its INCs.
        assert_eq!(select(&sets, 10), (vec![1, 2], Some(3)));
        // A single valid backup is never deleted.
        assert_eq!(select(&[full(1, 1)], 100), (vec![], Some(1)));
        // No FULL among the candidates: no clean point, nothing deleted but failures.
        assert_eq!(select(&[inc(2, 2)], 5), (vec![], None));
    }

    #[test]
    fn failed_and_deleting_sets_among_the_candidates_are_deleted_and_doing_kept() {
        let mut deleting = full(3, 3);
        deleting.file_status = FileStatus::Deleting;
        let sets = [
            full(1, 1),
            set(2, BackupType::Inc, SetStatus::Failed, T0 + 2 * HOUR),
            deleting,
            inc(4, 4),
            set(5, BackupType::Full, SetStatus::Doing, 0),
        ];
        // Set 5 is DOING (END 0 ≤ PARAMETER): a candidate, kept, and not a clean point.
        assert_eq!(select(&sets, 5), (vec![2, 3], Some(1)));
        let mut deleted = full(1, 1);
        deleted.file_status = FileStatus::Deleted;
        assert_eq!(select(&[deleted, full(2, 2)], 5), (vec![], Some(2)));
    }

    #[test]
    fn data_in_an_old_destination_is_never_cleaned() {
        let mut old = [full(1, 1), inc(2, 2)];
        for s in &mut old {
            s.path = OLD.into();
        }
        let sets = [old[0].clone(), old[1].clone(), full(3, 3), full(4, 4)];
        assert_eq!(select(&sets, 10), (vec![3], Some(4)));
        assert_eq!(
            obsolete_sets(&sets, None, T0 + 10 * HOUR),
            SetSelection::default()
        );
    }

    fn piece(id: u64, checkpoint: u64, status: PieceStatus) -> Piece {
        Piece {
            dest_id: 1001,
            round_id: 1,
            piece_id: id,
            start_scn: checkpoint.saturating_sub(10),
            end_scn: checkpoint,
            checkpoint_scn: checkpoint,
            status,
            file_status: FileStatus::Available,
            root: "file:///a".into(),
            input_bytes: 0,
        }
    }

    #[test]
    fn pieces_only_once_a_clean_point_exists_and_only_those_it_no_longer_needs() {
        let pieces = [
            piece(1, 100, PieceStatus::Frozen),
            piece(2, 200, PieceStatus::Frozen),
            piece(3, 300, PieceStatus::Active),
        ];
        let ids = |r: Result<Vec<Piece>, Piece>| {
            r.map(|v| v.iter().map(|p| p.piece_id).collect::<Vec<_>>())
                .map_err(|p| p.piece_id)
        };
        assert_eq!(
            ids(obsolete_pieces(&pieces, Some("file:///a"), None)),
            Ok(vec![])
        );
        assert_eq!(
            ids(obsolete_pieces(&pieces, Some("file:///a"), Some(250))),
            Ok(vec![1, 2])
        );
        assert_eq!(
            ids(obsolete_pieces(&pieces, Some("file:///b"), Some(250))),
            Ok(vec![])
        );
        assert_eq!(ids(obsolete_pieces(&pieces, None, Some(250))), Ok(vec![]));
        let mut gone = pieces.clone();
        gone[0].file_status = FileStatus::Deleted;
        assert_eq!(
            ids(obsolete_pieces(&gone, Some("file:///a"), Some(250))),
            Ok(vec![2])
        );
    }

    #[test]
    fn a_candidate_piece_that_is_not_frozen_fails_the_job() {
        let pieces = [
            piece(1, 100, PieceStatus::Frozen),
            piece(2, 200, PieceStatus::Active),
        ];
        let got = obsolete_pieces(&pieces, Some("file:///a"), Some(250)).map_err(|p| p.piece_id);
        assert_eq!(got.map(|v| v.len()), Err(2));
    }
}
