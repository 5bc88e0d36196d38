//! Parsing and validating backup and archive destinations (reference §1.6.1).

use crate::archive::{ArchiveDest, DestState};
use crate::error::{ObError, ObResult};
use crate::sim::{DAY, HOUR, MINUTE, Micros, SECOND};

const SCHEMES: [&str; 4] = ["file://", "oss://", "cos://", "s3://"];

/// Validates a DATA_BACKUP_DEST / archive LOCATION URI and returns its root path as the views
/// show it: trailing `/` trimmed, object-storage credentials removed.
pub fn validate_uri(uri: &str) -> ObResult<String> {
    if uri.contains("encrypt_key=") {
        return Err(ObError::ob(
            -9026,
            "backup destination contains encrypt_key, which is not a valid uri",
        ));
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

/// Parses a duration such as `1d`, `24h`, `30m`, `3600s`, `500ms` (a bare number is seconds).
pub fn parse_duration(text: &str) -> Option<Micros> {
    let t = text.trim().to_ascii_lowercase();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: u64 = num.parse().ok()?;
    let unit_micros = match unit {
        "" | "s" => SECOND,
        "us" => 1,
        "ms" => 1000,
        "m" => MINUTE,
        "h" => HOUR,
        "d" => DAY,
        _ => return None,
    };
    n.checked_mul(unit_micros)
}

/// Parses `LOCATION=... [BINDING=...] [PIECE_SWITCH_INTERVAL=...]` into an archive dest
/// (dest_id is filled in by the caller).
pub fn parse_log_archive_dest(value: &str) -> ObResult<ArchiveDest> {
    let mut location = None;
    let mut binding = "OPTIONAL".to_string();
    let mut interval_text = "1d".to_string();
    for item in value.split_whitespace() {
        let Some((key, val)) = item.split_once('=') else {
            return Err(ObError::invalid_argument_plain());
        };
        match key.to_ascii_lowercase().as_str() {
            "location" => location = Some(val.to_string()),
            "binding" => {
                let b = val.to_ascii_uppercase();
                if b != "OPTIONAL" && b != "MANDATORY" {
                    return Err(ObError::invalid_argument_plain());
                }
                binding = b;
            }
            "piece_switch_interval" => interval_text = val.to_string(),
            _ => return Err(ObError::invalid_argument_plain()),
        }
    }
    let Some(location) = location else {
        return Err(ObError::not_supported_text(
            "set archive dest without location is",
        ));
    };
    let path = validate_uri(&location)?;
    let interval = parse_duration(&interval_text).filter(|i| (DAY..=7 * DAY).contains(i));
    let Some(interval) = interval else {
        return Err(ObError::not_supported_text(
            "invalid piece_switch_interval out of range [1d,7d] is",
        ));
    };
    Ok(ArchiveDest {
        path,
        dest_id: 0,
        binding,
        piece_switch_interval: interval,
        piece_switch_interval_text: interval_text,
        state: DestState::Enable,
    })
}

#[cfg(test)]
mod tests {
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

    #[test]
    fn log_archive_dest_defaults_and_errors() {
        let d = parse_log_archive_dest("LOCATION=file:///data/nfs/backup/archive").unwrap();
        assert_eq!(
            (d.binding.as_str(), d.piece_switch_interval),
            ("OPTIONAL", DAY)
        );
        let d =
            parse_log_archive_dest("location=file:///a BINDING=mandatory PIECE_SWITCH_INTERVAL=2d")
                .unwrap();
        assert_eq!(
            (d.binding.as_str(), d.piece_switch_interval),
            ("MANDATORY", 2 * DAY)
        );
        assert_eq!(
            parse_log_archive_dest("BINDING=OPTIONAL")
                .unwrap_err()
                .to_string(),
            "ERROR 1235 (0A000): set archive dest without location is not supported"
        );
        assert_eq!(
            parse_log_archive_dest("LOCATION=file:///a PIECE_SWITCH_INTERVAL=8d")
                .unwrap_err()
                .to_string(),
            "ERROR 1235 (0A000): invalid piece_switch_interval out of range [1d,7d] is not supported"
        );
        assert_eq!(
            parse_log_archive_dest("LOCATION=file:///a BINDING=x")
                .unwrap_err()
                .errno,
            1210
        );
    }

    #[test]
    fn durations_parse_with_units() {
        assert_eq!(parse_duration("1d"), Some(DAY));
        assert_eq!(parse_duration("24h"), Some(DAY));
        assert_eq!(parse_duration("120s"), Some(120 * SECOND));
        assert_eq!(parse_duration("120"), Some(120 * SECOND));
        assert_eq!(parse_duration("5x"), None);
        assert_eq!(parse_duration("99999999999999999999d"), None);
    }
}
