//! One error type for the engine and the SQL layer, carrying exactly what obclient prints:
//! the client error number, the SQLSTATE and the message (reference §4).

use serde::{Deserialize, Serialize};

/// An OceanBase error as the client sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObError {
    /// Internal OceanBase code (negative), as the `RESULT` columns of the views show it.
    pub ob_code: i32,
    /// The number obclient prints after `ERROR`.
    pub errno: u32,
    pub sqlstate: &'static str,
    pub message: String,
}

impl std::fmt::Display for ObError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "ERROR {} ({}): {}",
            self.errno, self.sqlstate, self.message
        )
    }
}

impl std::error::Error for ObError {}

pub type ObResult<T> = Result<T, ObError>;

/// OB codes used as RESULT values and in COMMENT texts.
pub mod code {
    pub const OB_CANCELED: i32 = -4072;
    pub const OB_ERR_UNEXPECTED: i32 = -4016;
    pub const OB_LOG_ARCHIVE_INTERRUPTED: i32 = -9027;
    pub const OB_LOG_ARCHIVE_NOT_RUNNING: i32 = -9029;
    pub const OB_BACKUP_DEST_NOT_CONNECT: i32 = -9070;
    pub const OB_BACKUP_DEVICE_OUT_OF_SPACE: i32 = -9082;
    pub const OB_CLOG_RECYCLE_BEFORE_ARCHIVE: i32 = -9087;
}

/// The plain message of an OB code (ob_errno.def), used in COMMENT texts like
/// `result: -9029(log archive is not running)`.
pub fn ob_message(ob_code: i32) -> &'static str {
    match ob_code {
        -4002 => "Invalid argument",
        -4007 => "Not supported feature or function",
        -4016 => "Internal error",
        -4072 => "Operation canceled",
        -4143 => "Version not match",
        -9027 => "ob log archive interrupted",
        -9029 => "log archive is not running",
        -9036 => "Backup is in progress",
        -9040 => "backup can not start",
        -9047 => "invalid password for backup",
        -9070 => "can not connect to backup destination",
        -9082 => "backup device out of space",
        -9087 => "observer clog is recycled before archive",
        _ => "Internal error",
    }
}

impl ObError {
    fn new(
        ob_code: i32,
        errno: u32,
        sqlstate: &'static str,
        message: impl Into<String>,
    ) -> ObError {
        ObError {
            ob_code,
            errno,
            sqlstate,
            message: message.into(),
        }
    }

    /// An OB-specific error whose client number is abs(ob_code) (mysql errno −1 in ob_errno.def).
    pub fn ob(ob_code: i32, message: impl Into<String>) -> ObError {
        ObError::new(ob_code, ob_code.unsigned_abs(), "HY000", message)
    }

    /// 1064: `near '<text>' at line <n>`; `near` is already cut to 80 bytes by the parser.
    pub fn parse(near: &str, line: usize) -> ObError {
        ObError::new(
            -5001,
            1064,
            "42000",
            format!(
                "You have an error in your SQL syntax; check the manual that corresponds to your OceanBase version for the right syntax to use near '{near}' at line {line}"
            ),
        )
    }

    /// A DOUBLE literal out of range: `ERROR 1367 (22007): Illegal double '1e400' value found
    /// during parsing` (MySQL's ER_ILLEGAL_VALUE_FOR_TYPE, which OceanBase's MySQL mode keeps).
    /// The internal code is a parse failure's; no view shows it for a query.
    pub fn illegal_double(text: &str) -> ObError {
        ObError::new(
            -5001,
            1367,
            "22007",
            format!("Illegal double '{text}' value found during parsing"),
        )
    }

    /// 1064 raised without user text (`ERROR 1064 (42000): Parse error`).
    pub fn parse_plain() -> ObError {
        ObError::new(-5001, 1064, "42000", "Parse error")
    }

    /// 1235 with the plain message `Not supported feature or function`.
    pub fn not_supported() -> ObError {
        ObError::new(-4007, 1235, "0A000", "Not supported feature or function")
    }

    /// 1235 with user text: `<what> not supported`.
    pub fn not_supported_text(what: &str) -> ObError {
        ObError::new(-4007, 1235, "0A000", format!("{what} not supported"))
    }

    /// 1227 (42501) `Access denied` as the resolver and privilege checks raise it.
    pub fn access_denied() -> ObError {
        ObError::new(-5036, 1227, "42501", "Access denied")
    }

    /// 1210 `Incorrect arguments to <what>`.
    pub fn invalid_argument(what: &str) -> ObError {
        ObError::new(
            -4002,
            1210,
            "HY000",
            format!("Incorrect arguments to {what}"),
        )
    }

    pub fn invalid_argument_plain() -> ObError {
        ObError::new(-4002, 1210, "HY000", "Invalid argument")
    }

    pub fn internal() -> ObError {
        ObError::new(-4016, 4016, "HY000", "Internal error")
    }

    pub fn invalid_config() -> ObError {
        ObError::new(-4147, 4147, "HY000", "Invalid config")
    }

    /// 4179 `<what> not allowed`.
    pub fn op_not_allow(what: &str) -> ObError {
        ObError::new(-4179, 4179, "HY000", format!("{what} not allowed"))
    }

    pub fn entry_not_exist(what: &str) -> ObError {
        ObError::new(-4018, 4018, "HY000", what.to_string())
    }

    pub fn config_unknown() -> ObError {
        ObError::new(-5099, 5099, "42000", "System config unknown")
    }

    pub fn invalid_tenant_name() -> ObError {
        ObError::ob(-5160, "invalid tenant name specified in connection string")
    }

    pub fn unknown_tenant(name: &str) -> ObError {
        ObError::new(-5157, 5157, "HY000", format!("Unknown tenant '{name}'"))
    }

    /// 9040 without a reason (raised without user text).
    pub fn backup_can_not_start() -> ObError {
        ObError::ob(-9040, "backup can not start")
    }

    /// 9040 with user text `backup can not start, because <why>`.
    pub fn backup_can_not_start_because(why: &str) -> ObError {
        ObError::ob(-9040, format!("backup can not start, because {why}"))
    }

    pub fn backup_in_progress() -> ObError {
        ObError::ob(-9036, "Backup is in progress")
    }

    pub fn invalid_backup_dest() -> ObError {
        ObError::ob(-9026, "backup destination is not valid")
    }

    pub fn invalid_backup_dest_uri(uri: &str) -> ObError {
        ObError::ob(-9026, format!("{uri} is not a valid uri"))
    }

    pub fn already_archivelog() -> ObError {
        ObError::ob(-9091, "Already in ARCHIVELOG mode")
    }

    pub fn already_noarchivelog() -> ObError {
        ObError::ob(-9092, "Already in NOARCHIVELOG mode")
    }

    pub fn cannot_start_log_archive() -> ObError {
        ObError::ob(-9023, "cannot start log archive backup")
    }

    pub fn restore_in_progress() -> ObError {
        ObError::ob(-9014, "Another restore is in progress")
    }

    pub fn invalid_backup_password() -> ObError {
        ObError::ob(-9047, "invalid password for backup")
    }

    pub fn restore_source_not_enough(what: &str) -> ObError {
        ObError::ob(-9119, what.to_string())
    }

    /// MySQL-style table/database errors used by the user-data statements.
    pub fn mysql(errno: u32, sqlstate: &'static str, message: impl Into<String>) -> ObError {
        ObError::new(-(errno as i32), errno, sqlstate, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ob_specific_errors_print_their_absolute_code_with_hy000() {
        assert_eq!(
            ObError::backup_in_progress().to_string(),
            "ERROR 9036 (HY000): Backup is in progress"
        );
        assert_eq!(
            ObError::backup_can_not_start_because("log archive status is not doing.").to_string(),
            "ERROR 9040 (HY000): backup can not start, because log archive status is not doing."
        );
    }

    #[test]
    fn mapped_errors_use_the_mysql_number_and_sqlstate() {
        assert_eq!(
            ObError::not_supported_text("user tenant cannot specify tenant names").to_string(),
            "ERROR 1235 (0A000): user tenant cannot specify tenant names not supported"
        );
        assert_eq!(
            ObError::access_denied().to_string(),
            "ERROR 1227 (42501): Access denied"
        );
        assert_eq!(
            ObError::config_unknown().to_string(),
            "ERROR 5099 (42000): System config unknown"
        );
    }
}
