//! The virtual backup medium: destination URIs (checked as OceanBase checks them, §1.6.1) and
//! the files a backup or archive destination holds (§2.11), so a user can list what a real NFS or
//! object-storage destination would contain.

use crate::error::{ObError, ObResult};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a `format.obbak` / `format.obarc` says about its destination.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormatFile {
    pub tenant_id: u64,
    pub dest_type: DestType,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DestType {
    Data,
    Archive,
}

/// The state of a backup set's or an archive piece's files on its destination (FILE_STATUS of
/// DBA_OB_BACKUP_SET_FILES and DBA_OB_ARCHIVELOG_PIECE_FILES; the same strings for both).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileStatus {
    Available,
    Copying,
    Incomplete,
    Deleting,
    Expired,
    Broken,
    Deleted,
}

impl FileStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            FileStatus::Available => "AVAILABLE",
            FileStatus::Copying => "COPYING",
            FileStatus::Incomplete => "INCOMPLETE",
            FileStatus::Deleting => "DELETING",
            FileStatus::Expired => "EXPIRED",
            FileStatus::Broken => "BROKEN",
            FileStatus::Deleted => "DELETED",
        }
    }
}

/// Files by full path (`file:///data/nfs/backup/data/format.obbak`), with their sizes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupMedium {
    files: BTreeMap<String, u64>,
    formats: BTreeMap<String, FormatFile>,
    /// Destination roots that a fault made unreachable or full.
    pub unreachable: Vec<String>,
    pub full: Vec<String>,
}

/// Joins a root and a relative path with exactly one `/`.
pub fn join(root: &str, rel: &str) -> String {
    format!(
        "{}/{}",
        root.trim_end_matches('/'),
        rel.trim_start_matches('/')
    )
}

impl BackupMedium {
    pub fn write(&mut self, path: String, size: u64) {
        self.files.insert(path, size);
    }

    /// Removes one file (nothing if it is not there).
    pub fn remove(&mut self, path: &str) {
        self.files.remove(path);
    }

    pub fn remove_prefix(&mut self, prefix: &str) {
        let dir = format!("{}/", prefix.trim_end_matches('/'));
        self.files.retain(|p, _| !p.starts_with(&dir));
    }

    pub fn format_of(&self, root: &str) -> Option<&FormatFile> {
        self.formats.get(root.trim_end_matches('/'))
    }

    pub fn write_format(&mut self, root: &str, format: FormatFile) {
        let root = root.trim_end_matches('/').to_string();
        let file = match format.dest_type {
            DestType::Data => "format.obbak",
            DestType::Archive => "format.obarc",
        };
        self.write(join(&root, file), 512);
        self.formats.insert(root, format);
    }

    /// Whether anything lives under `dir`.
    pub fn is_empty_dir(&self, dir: &str) -> bool {
        let prefix = format!("{}/", dir.trim_end_matches('/'));
        self.files
            .range(prefix.clone()..)
            .next()
            .is_none_or(|(p, _)| !p.starts_with(&prefix))
    }

    /// The immediate children of `dir`: files with sizes, sub-directories with `None`.
    pub fn list(&self, dir: &str) -> Vec<(String, Option<u64>)> {
        let prefix = format!("{}/", dir.trim_end_matches('/'));
        let mut out: Vec<(String, Option<u64>)> = Vec::new();
        for (path, &size) in self.files.range(prefix.clone()..) {
            let Some(rest) = path.strip_prefix(&prefix) else {
                break;
            };
            match rest.split_once('/') {
                Some((sub, _)) => {
                    if out.last().is_none_or(|(n, s)| n != sub || s.is_some()) {
                        out.push((sub.to_string(), None));
                    }
                }
                None => out.push((rest.to_string(), Some(size))),
            }
        }
        out
    }

    /// Every file under `dir`, recursively, with its size.
    pub fn walk(&self, dir: &str) -> Vec<(String, u64)> {
        let prefix = format!("{}/", dir.trim_end_matches('/'));
        self.files
            .range(prefix.clone()..)
            .take_while(|(p, _)| p.starts_with(&prefix))
            .map(|(p, &s)| (p.clone(), s))
            .collect()
    }

    /// Which configured root (if any) contains `path`.
    fn root_matches(roots: &[String], path: &str) -> bool {
        roots
            .iter()
            .any(|r| path == r || path.starts_with(&format!("{}/", r.trim_end_matches('/'))))
    }

    pub fn is_unreachable(&self, path: &str) -> bool {
        Self::root_matches(&self.unreachable, path)
    }

    pub fn is_full(&self, path: &str) -> bool {
        Self::root_matches(&self.full, path)
    }
}

const SCHEMES: [&str; 4] = ["file://", "oss://", "cos://", "s3://"];

/// Validates a DATA_BACKUP_DEST / archive LOCATION URI and returns its root path as the views
/// show it: trailing `/` trimmed, object-storage credentials removed.
pub fn validate_uri(uri: &str) -> ObResult<String> {
    if uri.contains("encrypt_key=") {
        return Err(ObError::backup_dest_has_encrypt_key());
    }
    let Some(scheme) = SCHEMES.iter().find(|s| uri.starts_with(**s)) else {
        return Err(ObError::invalid_backup_dest());
    };
    let rest = &uri[scheme.len()..];
    if *scheme == "file://" {
        // A local/NFS path: absolute, no query string, not just "/".
        let path = rest.trim_end_matches('/');
        if !rest.starts_with('/')
            || path.is_empty()
            || rest.contains('?')
            || rest.contains(char::is_whitespace)
        {
            return Err(ObError::invalid_backup_dest());
        }
        return Ok(format!("file://{path}"));
    }
    // Object storage: bucket/path?host=...[&access_id=...&access_key=...]
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let path = path.trim_end_matches('/');
    let host = query
        .split('&')
        .find_map(|kv| kv.strip_prefix("host="))
        .filter(|h| !h.is_empty());
    match host {
        Some(host) if !path.is_empty() && !path.starts_with('/') => {
            Ok(format!("{scheme}{path}?host={host}"))
        }
        _ => Err(ObError::invalid_backup_dest()),
    }
}

#[cfg(test)]
mod uri_tests {
    use super::*;

    #[test]
    fn file_uris_are_accepted_and_trailing_slash_trimmed() {
        assert_eq!(
            validate_uri("file:///backup_dir/").unwrap(),
            "file:///backup_dir"
        );
        assert_eq!(
            validate_uri("file:///data/nfs/backup/data").unwrap(),
            "file:///data/nfs/backup/data"
        );
    }

    #[test]
    fn invalid_uris_give_9026() {
        for bad in [
            "nfs://x",
            "/data/backup",
            "",
            "file://",
            "file:///",
            "file:///backup_dir/?&delete_mode=tagging",
            "oss://bucket/dir",
        ] {
            let e = validate_uri(bad).unwrap_err();
            assert_eq!(
                e.to_string(),
                "ERROR 9026 (HY000): backup destination is not valid",
                "{bad}"
            );
        }
        assert_eq!(
            validate_uri("file:///d?encrypt_key=x").unwrap_err().message,
            "backup destination contains encrypt_key, which is not a valid uri"
        );
    }

    #[test]
    fn object_storage_path_hides_credentials() {
        assert_eq!(
            validate_uri("oss://bucket/dir?host=oss.example.com&access_id=a&access_key=k").unwrap(),
            "oss://bucket/dir?host=oss.example.com"
        );
        assert!(validate_uri("cos://b/d?host=h").is_ok());
        assert!(validate_uri("s3://b/d?host=h").is_ok());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_shows_files_and_subdirectories_once() {
        let mut m = BackupMedium::default();
        m.write_format(
            "file:///d",
            FormatFile {
                tenant_id: 1002,
                dest_type: DestType::Data,
            },
        );
        m.write("file:///d/backup_set_1_full/a.obbak".into(), 10);
        m.write("file:///d/backup_set_1_full/b.obbak".into(), 20);
        m.write("file:///d/backup_sets/x.obbak".into(), 0);
        let l = m.list("file:///d/");
        assert_eq!(
            l,
            vec![
                ("backup_set_1_full".to_string(), None),
                ("backup_sets".to_string(), None),
                ("format.obbak".to_string(), Some(512)),
            ]
        );
        assert!(!m.is_empty_dir("file:///d"));
        assert!(m.is_empty_dir("file:///e"));
        assert!(m.is_empty_dir("file:///d/backup"));
        assert_eq!(m.walk("file:///d/backup_set_1_full").len(), 2);
    }

    #[test]
    fn faults_apply_to_everything_under_a_root() {
        let m = BackupMedium {
            unreachable: vec!["file:///d".into()],
            ..BackupMedium::default()
        };
        assert!(m.is_unreachable("file:///d/backup_set_1_full"));
        assert!(!m.is_unreachable("file:///dd"));
    }
}
