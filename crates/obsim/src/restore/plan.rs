//! What a restore reads, found on the cluster: the roots of a FROM list (or the set and piece
//! directories of an ADD RESTORE SOURCE list) checked in OceanBase's order (R§3.3 step 5b,
//! R§6), the sets and pieces they hold, the target SCN, and `window::choose` on them. Also the
//! restorable windows of every tenant and destination pair, for the engine's users.
//!
//! Invariant: RESTORE, SHOW RESTORE PREVIEW and the window read sets and pieces only through
//! `sets_at` / `pieces_at`, and decide only through `window`, so they cannot disagree.

use super::window::{self, Choice, RestoreWindow};
use super::{LogRestoreSource, RestorePlan, RestoreTarget, SourceKind};
use crate::archive::Piece;
use crate::backup::{BackupSet, BackupType, FileStatus, SetStatus};
use crate::calendar::{format_datetime, parse_datetime};
use crate::cluster::Cluster;
use crate::error::{ObError, ObResult};
use crate::medium::{DestType, validate_uri};
use crate::sim::{micros_of_scn, scn_of};

/// Where a restore reads from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RestoreSource {
    /// `FROM 'uri[,uri…]'` as typed: data and archive destination roots.
    From(String),
    /// The session's ADD RESTORE SOURCE list: one set or piece directory each.
    Listed(Vec<String>),
}

impl Default for RestoreSource {
    fn default() -> Self {
        RestoreSource::From(String::new())
    }
}

impl RestoreSource {
    /// BACKUP_DEST of the restore's rows: the list as given.
    pub fn text(&self) -> String {
        match self {
            RestoreSource::From(f) => f.clone(),
            RestoreSource::Listed(paths) => paths.join(","),
        }
    }
}

/// The roots a FROM list names, checked: one tenant's data root (at most one) and archive roots.
struct Roots {
    tenant_id: u64,
    data_root: Option<String>,
    archive_roots: Vec<String>,
}

impl Cluster {
    /// The sets of `tenant_id` written to `root` (DBA_OB_BACKUP_SET_FILES rows with that PATH).
    pub fn sets_at(&self, tenant_id: u64, root: &str) -> Vec<BackupSet> {
        self.backup
            .get(&tenant_id)
            .map(|b| b.sets.iter().filter(|s| s.path == root).cloned().collect())
            .unwrap_or_default()
    }

    /// Every piece of every round of `tenant_id` at these archive roots, by (round, piece).
    pub fn pieces_at(&self, tenant_id: u64, roots: &[String]) -> Vec<Piece> {
        let mut out: Vec<Piece> = self
            .archive
            .get(&tenant_id)
            .map(|a| {
                a.all_rounds()
                    .filter(|r| roots.contains(&r.path))
                    .flat_map(|r| r.pieces())
                    .collect()
            })
            .unwrap_or_default();
        crate::order::sort_by_key(&mut out, |p| (p.round_id, p.piece_id));
        out
    }

    /// The restorable window from one data root and one archive root of a tenant.
    pub fn restore_window(
        &self,
        tenant_id: u64,
        data_root: &str,
        archive_root: &str,
    ) -> RestoreWindow {
        let sets = self.sets_at(tenant_id, data_root);
        let segments = if archive_root.is_empty() {
            window::complement_segments(&sets)
        } else {
            window::segments(
                &sets,
                &self.pieces_at(tenant_id, &[archive_root.to_string()]),
            )
        };
        RestoreWindow {
            tenant_id,
            data_root: data_root.to_string(),
            archive_root: archive_root.to_string(),
            intervals: window::merge(&segments),
            segments,
        }
    }

    /// The windows of a tenant: one per pair of a data root its sets were written to and an
    /// archive root its rounds were written to (R§7), in path order.
    pub fn restore_windows(&self, tenant_id: u64) -> Vec<RestoreWindow> {
        let mut data: Vec<String> = self
            .backup
            .get(&tenant_id)
            .map(|b| b.sets.iter().map(|s| s.path.clone()).collect())
            .unwrap_or_default();
        let mut archive: Vec<String> = self
            .archive
            .get(&tenant_id)
            .map(|a| a.all_rounds().map(|r| r.path.clone()).collect())
            .unwrap_or_default();
        crate::order::sort(&mut data);
        data.dedup();
        crate::order::sort(&mut archive);
        archive.dedup();
        let mut out = Vec::new();
        for d in &data {
            for a in &archive {
                out.push(self.restore_window(tenant_id, d, a));
            }
        }
        out
    }

    /// What a restore from `source` to `until` uses: the path checks, the target, then the
    /// window (R§3.3 5b, R§7): the errors RESTORE and SHOW RESTORE PREVIEW report in this order.
    /// `passwords` None skips the password check (the window's own callers).
    pub fn plan_restore(
        &self,
        source: &RestoreSource,
        until: &RestoreTarget,
        passwords: Option<&[String]>,
    ) -> ObResult<RestorePlan> {
        match source {
            RestoreSource::From(from) => self.plan_from(from, until, passwords),
            RestoreSource::Listed(paths) => self.plan_listed(paths, until, passwords),
        }
    }

    fn plan_from(
        &self,
        from: &str,
        until: &RestoreTarget,
        passwords: Option<&[String]>,
    ) -> ObResult<RestorePlan> {
        let roots = self.roots_of_from(from)?;
        let sets = roots
            .data_root
            .as_deref()
            .map(|r| self.sets_at(roots.tenant_id, r))
            .unwrap_or_default();
        let pieces = self.pieces_at(roots.tenant_id, &roots.archive_roots);
        let with_archive = !roots.archive_roots.is_empty();
        let target = target_scn(until, || {
            window::latest_target(&sets, &pieces, with_archive)
        })?;
        let choice = if with_archive {
            window::choose(&sets, &pieces, target, passwords)?
        } else {
            window::choose_complement(&sets, target, passwords)?
        };
        Ok(RestorePlan {
            backup_tenant_id: roots.tenant_id,
            choice,
            log_source: with_archive.then(|| LogRestoreSource {
                kind: SourceKind::Location,
                value: roots.archive_roots.join(","),
            }),
        })
    }

    /// Each FROM element trimmed, duplicates dropped, then per element: a valid URI (9026), a
    /// reachable root (9070) with a format file (9120); then at most one data root (1235) and
    /// one tenant (4179).
    fn roots_of_from(&self, from: &str) -> ObResult<Roots> {
        let mut elements: Vec<&str> = Vec::new();
        for e in from.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            if !elements.contains(&e) {
                elements.push(e);
            }
        }
        let mut found: Vec<(String, u64, DestType)> = Vec::new();
        for e in elements {
            let root = validate_uri(e).map_err(|_| ObError::invalid_backup_dest_uri(e))?;
            if self.medium.is_unreachable(&root) {
                return Err(ObError::backup_dest_not_connect());
            }
            let Some(format) = self.medium.format_of(&root) else {
                return Err(ObError::object_not_exist());
            };
            found.push((root, format.tenant_id, format.dest_type));
        }
        let data: Vec<&(String, u64, DestType)> =
            found.iter().filter(|f| f.2 == DestType::Data).collect();
        if data.len() > 1 {
            return Err(ObError::not_supported_text(
                "It is not support to restore from multiple tenant backup paths.",
            ));
        }
        let archive: Vec<&(String, u64, DestType)> =
            found.iter().filter(|f| f.2 == DestType::Archive).collect();
        let tenant_id = match (data.first(), archive.first()) {
            (Some(d), _) => d.1,
            (None, Some(a)) => a.1,
            (None, None) => return Err(ObError::invalid_argument_plain()),
        };
        if archive.iter().any(|a| a.1 != tenant_id) {
            return Err(ObError::op_not_allow(
                "restoring backup pieces of different tenants",
            ));
        }
        Ok(Roots {
            tenant_id,
            data_root: data.first().map(|d| d.0.clone()),
            archive_roots: archive.iter().map(|a| a.0.clone()).collect(),
        })
    }

    /// The ADD RESTORE SOURCE route (R§6): each path one set or piece directory; its own 9119
    /// texts instead of the FROM route's 4018 (order ASSUMEd, R being silent on it).
    fn plan_listed(
        &self,
        paths: &[String],
        until: &RestoreTarget,
        passwords: Option<&[String]>,
    ) -> ObResult<RestorePlan> {
        let mut sets: Vec<BackupSet> = Vec::new();
        let mut pieces: Vec<Piece> = Vec::new();
        let mut set_tenants: Vec<u64> = Vec::new();
        let mut piece_tenants: Vec<u64> = Vec::new();
        for p in paths.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
            let path = validate_uri(p).map_err(|_| ObError::invalid_backup_dest_uri(p))?;
            if self.medium.is_unreachable(&path) {
                return Err(ObError::backup_dest_not_connect());
            }
            if let Some((t, s)) = self.set_by_dir(&path) {
                if !sets.iter().any(|x| x.backup_set_id == s.backup_set_id) {
                    sets.push(s);
                }
                set_tenants.push(t);
            } else if let Some((t, piece)) = self.piece_by_dir(&path) {
                if !pieces.contains(&piece) {
                    pieces.push(piece);
                }
                piece_tenants.push(t);
            } else {
                return Err(ObError::object_not_exist());
            }
        }
        if set_tenants.windows(2).any(|w| w[0] != w[1]) {
            return Err(ObError::op_not_allow(
                "restoring backupsets of different tenants",
            ));
        }
        if piece_tenants.windows(2).any(|w| w[0] != w[1])
            || (!set_tenants.is_empty()
                && !piece_tenants.is_empty()
                && set_tenants.first() != piece_tenants.first())
        {
            return Err(ObError::op_not_allow(
                "restoring backup pieces of different tenants",
            ));
        }
        let Some(&tenant_id) = set_tenants.first().or(piece_tenants.first()) else {
            return Err(ObError::entry_not_exist(
                "no backup set path or log piece can be used to restore",
            ));
        };
        crate::order::sort_by_key(&mut sets, |s| s.backup_set_id);
        crate::order::sort_by_key(&mut pieces, |p| (p.round_id, p.piece_id));
        let usable: Vec<&BackupSet> = usable_sets(&sets);
        // Without UNTIL the target is the listed pieces' newest checkpoint: none, no target.
        let has_pieces = pieces
            .iter()
            .any(|p| p.file_status == FileStatus::Available && !p.is_empty());
        if *until == RestoreTarget::Latest && !has_pieces {
            return Err(ObError::restore_source_not_enough("no usable log pieces"));
        }
        let target = target_scn(until, || {
            pieces.iter().map(|p| p.checkpoint_scn).max().unwrap_or(0)
        })?;
        if usable.is_empty() {
            return Err(ObError::restore_source_not_enough(
                "no backup set is available",
            ));
        }
        let fulls: Vec<&&BackupSet> = usable
            .iter()
            .filter(|s| s.backup_type == BackupType::Full)
            .collect();
        let Some(earliest) = fulls.iter().map(|s| s.min_restore_scn).min() else {
            return Err(ObError::restore_source_not_enough(
                "no full backup set exists",
            ));
        };
        if earliest > target {
            return Err(ObError::restore_source_not_enough(&format!(
                "no full backup set can be used to restore to given time, minimum restorable time is {}",
                scn_text(earliest)
            )));
        }
        let listed = window::listed(&sets);
        let chain = window::select_sets(&listed, target, passwords)?;
        let Some(last) = chain.last() else {
            return Err(ObError::restore_source_not_enough(
                "no backup set is available",
            ));
        };
        let start = last.start_replay_scn;
        let chosen = self.listed_pieces(tenant_id, &pieces, start, target)?;
        Ok(RestorePlan {
            backup_tenant_id: tenant_id,
            choice: Choice {
                restore_scn: target,
                sets: chain.into_iter().cloned().collect(),
                pieces: chosen,
            },
            log_source: Some(LogRestoreSource {
                kind: SourceKind::RawPath,
                value: pieces.iter().map(Piece::path).collect::<Vec<_>>().join(","),
            }),
        })
    }

    /// The listed pieces a restore from `start` to `target` reads, with this route's errors.
    fn listed_pieces(
        &self,
        tenant_id: u64,
        listed: &[Piece],
        start: u64,
        target: u64,
    ) -> ObResult<Vec<Piece>> {
        let usable: Vec<&Piece> = listed
            .iter()
            .filter(|p| p.file_status == FileStatus::Available && !p.is_empty())
            .collect();
        if usable.is_empty() {
            return Err(ObError::restore_source_not_enough("no usable log pieces"));
        }
        if usable.iter().all(|p| p.end_scn <= start)
            || usable
                .iter()
                .find(|p| p.end_scn > start)
                .is_some_and(|p| p.start_scn > start)
        {
            return Err(ObError::restore_source_not_enough(
                "no enough log for retore",
            ));
        }
        if let Ok(chosen) = window::select_pieces(listed, start, target) {
            return Ok(chosen.into_iter().cloned().collect());
        }
        // Not enough: a piece the archive has but the list lacks, or the archive itself ends.
        let run = window::piece_run(listed, start);
        let reach = run.last().map_or(start, |p| p.checkpoint_scn);
        let roots: Vec<String> = listed.iter().map(|p| p.root.clone()).collect();
        let all = self.pieces_at(tenant_id, &roots);
        if window::select_pieces(&all, start, target).is_ok() {
            return Err(ObError::hash_not_exist());
        }
        Err(ObError::restore_source_not_enough(&format!(
            "no enough log, maximum restorable time is {}",
            scn_text(reach)
        )))
    }

    /// The set whose directory is `path` (`<root>/backup_set_<id>_<full|inc>`), with its tenant.
    fn set_by_dir(&self, path: &str) -> Option<(u64, BackupSet)> {
        let (root, dir) = path.rsplit_once('/')?;
        self.backup.iter().find_map(|(&t, b)| {
            b.sets
                .iter()
                .find(|s| s.path == root && s.dir_name() == dir)
                .map(|s| (t, s.clone()))
        })
    }

    /// The piece whose directory is `path` (`<root>/piece_d<d>r<r>p<p>`), with its tenant.
    pub(super) fn piece_by_dir(&self, path: &str) -> Option<(u64, Piece)> {
        let (root, dir) = path.rsplit_once('/')?;
        self.archive.iter().find_map(|(&t, a)| {
            a.all_rounds()
                .filter(|r| r.path == root)
                .flat_map(|r| r.pieces())
                .find(|p| p.dir_name() == dir)
                .map(|p| (t, p))
        })
    }
}

/// SUCCESS and AVAILABLE sets among the listed ones.
fn usable_sets(sets: &[BackupSet]) -> Vec<&BackupSet> {
    sets.iter()
        .filter(|s| s.status == SetStatus::Success && s.file_status == FileStatus::Available)
        .collect()
}

/// `UNTIL SCN` as given, `UNTIL TIME` read in the backup's zone (+08:00; malformed: 1210, R§3.5),
/// or the newest point.
fn target_scn(until: &RestoreTarget, latest: impl FnOnce() -> u64) -> ObResult<u64> {
    match until {
        RestoreTarget::Scn(n) => Ok(*n),
        RestoreTarget::Latest => Ok(latest()),
        RestoreTarget::Time(text) => parse_datetime(text)
            .and_then(|us| u64::try_from(us).ok())
            .filter(|&us| us > 0)
            .map(scn_of)
            .ok_or_else(ObError::invalid_argument_plain),
    }
}

/// An SCN in the 9119 texts: `YYYY-MM-DD HH:MM:SS.ffffff` (+08:00).
fn scn_text(scn: u64) -> String {
    format_datetime(i64::try_from(micros_of_scn(scn)).unwrap_or(i64::MAX), true)
}
