//! The selection rules of R§7.2 on hand-built sets and pieces, and the window they make.

use super::*;
use crate::archive::PieceStatus;
use crate::backup::{CopyCounters, Encryption, passwd_digest};

fn set(id: u64, ty: BackupType, prev_full: u64, prev_inc: u64, start: u64, min: u64) -> BackupSet {
    BackupSet {
        tenant_id: 1002,
        backup_set_id: id,
        dest_id: 1002,
        incarnation: 1,
        backup_type: ty,
        prev_full_backup_set_id: prev_full,
        prev_inc_backup_set_id: prev_inc,
        start_ts: 0,
        end_ts: 0,
        status: SetStatus::Success,
        file_status: FileStatus::Available,
        plus_archivelog: false,
        start_replay_scn: start,
        min_restore_scn: min,
        copy: CopyCounters::default(),
        result: 0,
        comment: String::new(),
        encryption: Encryption::default(),
        tenant_compatible: "4.3.3.0".into(),
        backup_compatible: 4,
        path: "file:///d".into(),
        cluster_version: "4.3.3.0".into(),
        consistent_scn: min,
        snapshot_scn: start,
        copied_blocks: Vec::new(),
    }
}

fn full(id: u64, start: u64, min: u64) -> BackupSet {
    set(id, BackupType::Full, 0, 0, start, min)
}

fn inc(id: u64, prev_full: u64, prev_inc: u64, start: u64, min: u64) -> BackupSet {
    set(id, BackupType::Inc, prev_full, prev_inc, start, min)
}

fn piece(round: u64, id: u64, start: u64, end: u64, checkpoint: u64) -> Piece {
    Piece {
        dest_id: 1001,
        round_id: round,
        piece_id: id,
        start_scn: start,
        end_scn: end,
        checkpoint_scn: checkpoint,
        status: PieceStatus::Frozen,
        file_status: FileStatus::Available,
        root: "file:///a".into(),
        input_bytes: 0,
    }
}

fn ids(c: &Choice) -> (Vec<u64>, Vec<u64>) {
    (
        c.sets.iter().map(|s| s.backup_set_id).collect(),
        c.pieces.iter().map(|p| p.piece_id).collect(),
    )
}

/// R§7.1's example: round 1 to 500, a gap, round 2 from 800; full 1 restorable from 300, full
/// 3 (taken in round 2) from 900. The window is [300, 500] ∪ [900, 1500].
fn gap_history() -> (Vec<BackupSet>, Vec<Piece>) {
    let sets = vec![full(1, 250, 300), inc(2, 1, 1, 400, 450), full(3, 850, 900)];
    let pieces = vec![
        piece(1, 1, 100, 300, 300),
        piece(1, 2, 300, 500, 500),
        piece(2, 3, 800, 1000, 1000),
        piece(2, 4, 1000, 1200, 1200),
        piece(2, 5, 1200, 1400, 1400),
        piece(2, 6, 1400, 1600, 1500),
    ];
    (sets, pieces)
}

#[test]
fn the_window_is_broken_by_a_stopped_round() {
    let (sets, pieces) = gap_history();
    let segs = segments(&sets, &pieces);
    assert_eq!(merge(&segs), [(300, 500), (900, 1500)]);
    assert_eq!(segs[0].set_ids, [1]);
    assert_eq!(segs[1].set_ids, [1, 2]);
    assert_eq!(segs[2].set_ids, [3]);
    for t in [0, 299, 501, 700, 899, 1501, u64::MAX] {
        assert_eq!(
            choose(&sets, &pieces, t, None).unwrap_err().to_string(),
            "ERROR 4018 (HY000): No enough log for restore",
            "target {t}"
        );
    }
    assert_eq!(
        ids(&choose(&sets, &pieces, 300, None).unwrap()),
        (vec![1], vec![1])
    );
    assert_eq!(
        ids(&choose(&sets, &pieces, 480, None).unwrap()),
        (vec![1, 2], vec![2])
    );
    assert_eq!(
        ids(&choose(&sets, &pieces, 1300, None).unwrap()),
        (vec![3], vec![3, 4, 5])
    );
    assert_eq!(
        ids(&choose(&sets, &pieces, 1500, None).unwrap()),
        (vec![3], vec![3, 4, 5, 6])
    );
    assert_eq!(latest_target(&sets, &pieces, true), 1500);
}

#[test]
fn the_newest_full_before_a_gap_cannot_reach_the_latest_point() {
    let (mut sets, pieces) = gap_history();
    sets.pop();
    assert_eq!(merge(&segments(&sets, &pieces)), [(300, 500)]);
    assert!(choose(&sets, &pieces, latest_target(&sets, &pieces, true), None).is_err());
}

#[test]
fn unavailable_sets_are_skipped_and_orphan_incrementals_dropped() {
    let (mut sets, pieces) = gap_history();
    sets[0].file_status = FileStatus::Deleted;
    // Set 2 builds on a set that is no longer there: nothing before 900.
    assert_eq!(merge(&segments(&sets, &pieces)), [(900, 1500)]);
    let (mut sets, _) = gap_history();
    sets[1].status = SetStatus::Failed;
    let c = choose(&sets, &pieces, 480, None).unwrap();
    assert_eq!(ids(&c).0, [1]);
}

#[test]
fn a_deleted_piece_breaks_the_run() {
    let (sets, mut pieces) = gap_history();
    pieces[3].file_status = FileStatus::Deleted;
    assert_eq!(merge(&segments(&sets, &pieces)), [(300, 500), (900, 1000)]);
}

#[test]
fn every_set_read_demands_its_password_even_one_the_chain_drops() {
    let (mut sets, pieces) = gap_history();
    sets[0].encryption.passwd_digest = Some(passwd_digest("one"));
    // Target 1300 reads set 1 on the way to set 3.
    let none: Vec<String> = Vec::new();
    assert_eq!(
        choose(&sets, &pieces, 1300, Some(&none))
            .unwrap_err()
            .to_string(),
        "ERROR 9047 (HY000): invalid password for backup"
    );
    // 9047 comes before the window's 4018.
    assert_eq!(
        choose(&sets, &pieces, 700, Some(&none)).unwrap_err().errno,
        9047
    );
    // The loop checks a set's password before its MIN_RESTORE_SCN: before set 1's, set 1 is
    // still read (and ends the loop), so it still demands its password.
    assert_eq!(
        choose(&sets, &pieces, 10, Some(&none)).unwrap_err().errno,
        9047
    );
    // The same for the first set past the target when it is the encrypted one.
    let (mut later, _) = gap_history();
    later[2].encryption.passwd_digest = Some(passwd_digest("three"));
    assert_eq!(
        choose(&later, &pieces, 480, Some(&none)).unwrap_err().errno,
        9047
    );
    let three = vec![passwd_digest("three")];
    assert!(choose(&later, &pieces, 480, Some(&three)).is_ok());
    let right = vec![passwd_digest("x"), passwd_digest("one")];
    assert!(choose(&sets, &pieces, 1300, Some(&right)).is_ok());
}

#[test]
fn complement_log_reaches_only_the_newest_sets_min_restore_scn() {
    let (mut sets, _) = gap_history();
    assert!(complement_segments(&sets).is_empty());
    sets[2].plus_archivelog = true;
    assert_eq!(merge(&complement_segments(&sets)), [(900, 900)]);
    assert!(choose_complement(&sets, 900, None).is_ok());
    assert_eq!(choose_complement(&sets, 901, None).unwrap_err().errno, 4018);
    assert_eq!(latest_target(&sets, &[], false), 900);
}

#[test]
fn choose_agrees_with_the_window_on_every_boundary() {
    let (sets, pieces) = gap_history();
    let win = merge(&segments(&sets, &pieces));
    let mut points: Vec<u64> = Vec::new();
    for s in &sets {
        points.extend([
            s.min_restore_scn.saturating_sub(1),
            s.min_restore_scn,
            s.min_restore_scn + 1,
        ]);
    }
    for p in &pieces {
        for v in [p.start_scn, p.end_scn, p.checkpoint_scn] {
            points.extend([v.saturating_sub(1), v, v + 1]);
        }
    }
    for t in points {
        let inside = win.iter().any(|&(a, b)| a <= t && t <= b);
        assert_eq!(
            choose(&sets, &pieces, t, None).is_ok(),
            inside,
            "target {t}"
        );
    }
}
