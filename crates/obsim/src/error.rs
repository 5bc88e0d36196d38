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
    pub const OB_BACKUP_DELETE_BACKUP_PIECE_NOT_ALLOWED: i32 = -9069;
    pub const OB_LOG_ARCHIVE_INTERRUPTED: i32 = -9027;
    pub const OB_LOG_ARCHIVE_NOT_RUNNING: i32 = -9029;
    pub const OB_BACKUP_DEST_NOT_CONNECT: i32 = -9070;
    pub const OB_BACKUP_DEVICE_OUT_OF_SPACE: i32 = -9082;
    pub const OB_CLOG_RECYCLE_BEFORE_ARCHIVE: i32 = -9087;
    pub const OB_ERROR: i32 = -4000;
    pub const OB_RESOURCE_POOL_ALREADY_GRANTED: i32 = -4626;
    pub const OB_PRIMARY_ZONE_NOT_IN_ZONE_LIST: i32 = -4643;
    pub const OB_TENANT_NOT_EXIST: i32 = -5157;
    pub const OB_RESTORE_TENANT_FAILED: i32 = -9099;
    pub const OB_BACKUP_INVALID_PASSWORD: i32 = -9047;
}

/// The name of an OB code (ob_errno.def), as RootService writes it in a restore job's COMMENT:
/// `ROOTSERVICE : OB_RESOURCE_POOL_ALREADY_GRANTED(-4626) on <addr> with traceid <trace>`.
pub fn ob_error_name(ob_code: i32) -> &'static str {
    match ob_code {
        -4000 => "OB_ERROR",
        -4018 => "OB_ENTRY_NOT_EXIST",
        -4072 => "OB_CANCELED",
        -4626 => "OB_RESOURCE_POOL_ALREADY_GRANTED",
        -4643 => "OB_PRIMARY_ZONE_NOT_IN_ZONE_LIST",
        -4733 => "OB_ZONE_RESOURCE_NOT_ENOUGH",
        -5157 => "OB_TENANT_NOT_EXIST",
        -9070 => "OB_BACKUP_DEST_NOT_CONNECT",
        -9094 => "OB_LS_RESTORE_FAILED",
        _ => "OB_ERR_UNEXPECTED",
    }
}

/// The plain message of an OB code (ob_errno.def), used in COMMENT texts like
/// `result: -9029(log archive is not running)`.
pub fn ob_message(ob_code: i32) -> &'static str {
    match ob_code {
        -4000 => "Common error",
        -4002 => "Invalid argument",
        -4007 => "Not supported feature or function",
        -4016 => "Internal error",
        -4018 => "Entry not exist",
        -4072 => "Operation canceled",
        -4143 => "Version not match",
        -4626 => "resource pool has already been granted to a tenant",
        -4643 => "primary zone not in zone list",
        -4733 => "zone resource is not enough to hold new units",
        -5157 => "Unknown tenant",
        -9027 => "ob log archive interrupted",
        -9029 => "log archive is not running",
        -9036 => "Backup is in progress",
        -9040 => "backup can not start",
        -9047 => "invalid password for backup",
        -9069 => "deleting backup piece is not allowed",
        -9070 => "can not connect to backup destination",
        -9082 => "backup device out of space",
        -9087 => "observer clog is recycled before archive",
        -9094 => "Restore log stream failed",
        _ => "Internal error",
    }
}

/// Every error the engine raises has one named constructor here, grouped by concern, so each
/// errno, SQLSTATE and wording is spelled in exactly one place. The texts are OceanBase's (or
/// MySQL's, for the MySQL-mode user-data statements) byte for byte: the golden transcripts
/// compare them.
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
    fn ob(ob_code: i32, message: impl Into<String>) -> ObError {
        ObError::new(ob_code, ob_code.unsigned_abs(), "HY000", message)
    }

    /// A MySQL error of the user-data statements and queries: MySQL's number and SQLSTATE, and
    /// −errno as the internal code (no view shows it for these statements).
    fn mysql(errno: u32, sqlstate: &'static str, message: impl Into<String>) -> ObError {
        ObError::new(-(errno as i32), errno, sqlstate, message)
    }

    // --- parsing and statements in general ------------------------------------------------

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

    /// 4179 raised without user text: `Operation not allowed now`.
    pub fn op_not_allow_now() -> ObError {
        ObError::new(-4179, 4179, "HY000", "Operation not allowed now")
    }

    pub fn entry_not_exist(what: &str) -> ObError {
        ObError::new(-4018, 4018, "HY000", what.to_string())
    }

    /// 1210 `Miss argument for <what>` (OB_MISS_ARGUMENT, −4277).
    pub fn miss_argument(what: &str) -> ObError {
        ObError::new(-4277, 1210, "HY000", format!("Miss argument for {what}"))
    }

    /// 1525 `Incorrect <kind> value: '<value>'` (OB_ERR_WRONG_VALUE, −5241).
    pub fn wrong_value(kind: &str, value: &str) -> ObError {
        ObError::new(
            -5241,
            1525,
            "HY000",
            format!("Incorrect {kind} value: '{value}'"),
        )
    }

    /// 4012 `Timeout`: a statement's own time limit ran out.
    pub fn timeout() -> ObError {
        ObError::ob(-4012, "Timeout")
    }

    pub fn config_unknown() -> ObError {
        ObError::new(-5099, 5099, "42000", "System config unknown")
    }

    // --- login ----------------------------------------------------------------------------

    pub fn invalid_tenant_name() -> ObError {
        ObError::ob(-5160, "invalid tenant name specified in connection string")
    }

    pub fn unknown_tenant(name: &str) -> ObError {
        ObError::new(-5157, 5157, "HY000", format!("Unknown tenant '{name}'"))
    }

    /// 1045: a user the tenant does not have (the client's address is masked, as in the
    /// reference transcripts).
    pub fn access_denied_for_user(user: &str) -> ObError {
        ObError::mysql(
            1045,
            "28000",
            format!("Access denied for user '{user}'@'xxx.xxx.xxx.xxx' (using password: NO)"),
        )
    }

    // --- backup destinations --------------------------------------------------------------

    pub fn invalid_backup_dest() -> ObError {
        ObError::ob(-9026, "backup destination is not valid")
    }

    pub fn invalid_backup_dest_uri(uri: &str) -> ObError {
        ObError::ob(-9026, format!("{uri} is not a valid uri"))
    }

    /// 9026 for a URI carrying `encrypt_key=`, which a destination may not hold.
    pub fn backup_dest_has_encrypt_key() -> ObError {
        ObError::ob(
            -9026,
            "backup destination contains encrypt_key, which is not a valid uri",
        )
    }

    /// 9070: the destination cannot be reached (at SET time and at each backup step).
    pub fn backup_dest_not_connect() -> ObError {
        ObError::ob(
            code::OB_BACKUP_DEST_NOT_CONNECT,
            ob_message(code::OB_BACKUP_DEST_NOT_CONNECT),
        )
    }

    /// 9080: a non-empty directory without a format file.
    pub fn format_file_not_exist() -> ObError {
        ObError::ob(
            -9080,
            "format file does not exist, try to set a new directory.",
        )
    }

    /// 9081: a format file of another tenant or destination type.
    pub fn format_file_not_match() -> ObError {
        ObError::ob(
            -9081,
            "format file does not match, try to set a new directory.",
        )
    }

    // --- archive log ----------------------------------------------------------------------

    pub fn already_archivelog() -> ObError {
        ObError::ob(-9091, "Already in ARCHIVELOG mode")
    }

    pub fn already_noarchivelog() -> ObError {
        ObError::ob(-9092, "Already in NOARCHIVELOG mode")
    }

    pub fn cannot_start_log_archive() -> ObError {
        ObError::ob(-9023, "cannot start log archive backup")
    }

    pub fn log_archive_interrupted() -> ObError {
        ObError::ob(
            code::OB_LOG_ARCHIVE_INTERRUPTED,
            ob_message(code::OB_LOG_ARCHIVE_INTERRUPTED),
        )
    }

    pub fn log_archive_not_running() -> ObError {
        ObError::ob(
            code::OB_LOG_ARCHIVE_NOT_RUNNING,
            ob_message(code::OB_LOG_ARCHIVE_NOT_RUNNING),
        )
    }

    // --- backup and restore ---------------------------------------------------------------

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

    pub fn restore_in_progress() -> ObError {
        ObError::ob(-9014, "Another restore is in progress")
    }

    pub fn invalid_backup_password() -> ObError {
        ObError::ob(
            code::OB_BACKUP_INVALID_PASSWORD,
            "invalid password for backup",
        )
    }

    pub fn restore_source_not_enough(what: &str) -> ObError {
        ObError::ob(-9119, what.to_string())
    }

    /// 4018 as a restore outside its window says it (R§7.3): too early, too late, a gap.
    pub fn no_enough_log() -> ObError {
        ObError::entry_not_exist("No enough log for restore")
    }

    /// 9120: a restore path with no format file (R§3.3, "unverified for NFS").
    pub fn object_not_exist() -> ObError {
        ObError::ob(-9120, "cannot find object on object storage")
    }

    /// 9099 `<tenant> restore failed, <comment>`: the blocked RESTORE statement's answer when
    /// its job fails while creating the tenant (R§3.4).
    pub fn restore_tenant_failed(tenant: &str, comment: &str) -> ObError {
        ObError::ob(
            code::OB_RESTORE_TENANT_FAILED,
            format!("{tenant} restore failed, {comment}"),
        )
    }

    /// 4201 `hash map/set entry not exist` (a listed restore source missing a needed piece).
    pub fn hash_not_exist() -> ObError {
        ObError::ob(-4201, "hash map/set entry not exist")
    }

    /// 4688: DML or DDL in a tenant that is not PRIMARY (ob_errno.def OB_STANDBY_READ_ONLY).
    pub fn standby_read_only() -> ObError {
        ObError::ob(-4688, "standby tenant is read only")
    }

    // --- resource units and pools (R§2.2) -------------------------------------------------

    /// 4659 `invalid <what> value, min value is <min>`.
    pub fn unit_value_below_limit(what: &str, min: u64) -> ObError {
        ObError::ob(-4659, format!("invalid {what} value, min value is {min}"))
    }

    pub fn resource_unit_exist(unit: &str) -> ObError {
        ObError::ob(-4649, format!("resource unit '{unit}' already exist"))
    }

    pub fn resource_unit_not_exist(unit: &str) -> ObError {
        ObError::ob(-4648, format!("resource unit '{unit}' not exist"))
    }

    /// 4634: DROP RESOURCE UNIT of a unit a pool uses.
    pub fn resource_unit_is_referenced(unit: &str) -> ObError {
        ObError::ob(
            -4634,
            format!("resource unit '{unit}' is referenced by some resource pool"),
        )
    }

    pub fn resource_pool_exist(pool: &str) -> ObError {
        ObError::ob(-4651, format!("resource pool '{pool}' exist"))
    }

    pub fn resource_pool_not_exist(pool: &str) -> ObError {
        ObError::ob(-4650, format!("resource pool '{pool}' not exist"))
    }

    pub fn resource_pool_already_granted(pool: &str) -> ObError {
        ObError::ob(
            code::OB_RESOURCE_POOL_ALREADY_GRANTED,
            format!("resource pool '{pool}' has already been granted to a tenant"),
        )
    }

    /// 4656: more units per zone than the zone has servers.
    pub fn pool_unit_num_too_big() -> ObError {
        ObError::ob(
            -4656,
            "resource pool unit num is bigger than zone server count",
        )
    }

    pub fn zone_info_not_exist(zone: &str) -> ObError {
        ObError::ob(-4530, format!("Zone info '{zone}' not exist"))
    }

    /// 4641 `Duplicated zone '<z>' in zone list <list>`.
    pub fn zone_duplicated(zone: &str, list: &str) -> ObError {
        ObError::ob(
            -4641,
            format!("Duplicated zone '{zone}' in zone list {list}"),
        )
    }

    // --- user databases and tables (MySQL's errors) ---------------------------------------

    /// 1046: a statement names a table without a database and none is selected.
    pub fn no_database_selected() -> ObError {
        ObError::mysql(1046, "3D000", "No database selected")
    }

    /// 1049: `USE`, `SHOW TABLES` or `CREATE TABLE` in a database that does not exist.
    pub fn unknown_database(db: &str) -> ObError {
        ObError::mysql(1049, "42000", format!("Unknown database '{db}'"))
    }

    /// 1007: `CREATE DATABASE` without `IF NOT EXISTS` of one that exists.
    pub fn database_exists(db: &str) -> ObError {
        ObError::mysql(
            1007,
            "HY000",
            format!("Can't create database '{db}'; database exists"),
        )
    }

    /// 1008: `DROP DATABASE` without `IF EXISTS` of one that does not exist.
    pub fn drop_unknown_database(db: &str) -> ObError {
        ObError::mysql(
            1008,
            "HY000",
            format!("Can't drop database '{db}'; database doesn't exist"),
        )
    }

    /// 1044: dropping a built-in database (the user is always `root` in the simulator).
    pub fn access_denied_to_database(db: &str) -> ObError {
        ObError::mysql(
            1044,
            "42000",
            format!("Access denied for user 'root'@'%' to database '{db}'"),
        )
    }

    /// 1146: a table (or, in the system schema, a view) that does not exist. OceanBase raises
    /// OB_TABLE_NOT_EXIST (−5019), which MySQL mode sends as ER_NO_SUCH_TABLE.
    pub fn table_not_exist(schema: &str, table: &str) -> ObError {
        ObError::new(
            -5019,
            1146,
            "42S02",
            format!("Table '{schema}.{table}' doesn't exist"),
        )
    }

    /// The same error in an Oracle-mode tenant: OB_TABLE_NOT_EXIST has an Oracle text of its
    /// own (`DEFINE_ORACLE_ERROR_EXT(..., 942, "table or view does not exist", "table or view
    /// '%s.%s' does not exist")` in ob_errno.def), which the server sends as is, so obclient
    /// prints `ORA-00942: ...` rather than wrapping the MySQL text in ORA-00600. Names are
    /// passed as the resolver folded them (upper case when unquoted).
    pub fn table_not_exist_oracle(schema: &str, table: &str) -> ObError {
        ObError::new(
            -5019,
            1146,
            "42S02",
            format!("ORA-00942: table or view '{schema}.{table}' does not exist"),
        )
    }

    /// 1050: `CREATE TABLE` without `IF NOT EXISTS` of one that exists.
    pub fn table_exists(table: &str) -> ObError {
        ObError::mysql(1050, "42S01", format!("Table '{table}' already exists"))
    }

    /// 1051: `DROP TABLE` without `IF EXISTS` of one that does not exist.
    pub fn unknown_table(db: &str, table: &str) -> ObError {
        ObError::mysql(1051, "42S02", format!("Unknown table '{db}.{table}'"))
    }

    /// 1060: `CREATE TABLE` naming a column twice.
    pub fn duplicate_column(col: &str) -> ObError {
        ObError::mysql(1060, "42S21", format!("Duplicate column name '{col}'"))
    }

    /// 1426 for a DECIMAL(p, s) column OceanBase cannot store (p 1..=65, s ≤ 30, s ≤ p).
    pub fn decimal_precision_too_big(precision: u8, col: &str) -> ObError {
        ObError::mysql(
            1426,
            "42000",
            format!("Too big precision {precision} specified for column '{col}'. Maximum is 65."),
        )
    }

    /// 1067: a column DEFAULT that the column's type does not accept.
    pub fn invalid_default(col: &str) -> ObError {
        ObError::mysql(1067, "42000", format!("Invalid default value for '{col}'"))
    }

    /// 1072: a PRIMARY KEY naming a column the table does not have.
    pub fn key_column_not_exist(col: &str) -> ObError {
        ObError::mysql(
            1072,
            "42000",
            format!("Key column '{col}' doesn't exist in table"),
        )
    }

    /// 1288: INSERT/UPDATE/DELETE on a system view.
    pub fn table_not_updatable(table: &str) -> ObError {
        ObError::mysql(
            1288,
            "HY000",
            format!("The target table {table} of the DML is not updatable"),
        )
    }

    // --- values and columns (MySQL's errors) ----------------------------------------------

    /// 1054: a column name that resolves to nothing; `place` is where MySQL says it looked
    /// (`field list`, `where clause`, `group statement`, `having clause`, `order clause`).
    pub fn unknown_column(col: &str, place: &str) -> ObError {
        ObError::mysql(
            1054,
            "42S22",
            format!("Unknown column '{col}' in '{place}'"),
        )
    }

    /// 1136: an INSERT row with another number of values than target columns (`row` from 1).
    pub fn column_count_mismatch(row: usize) -> ObError {
        ObError::mysql(
            1136,
            "21S01",
            format!("Column count doesn't match value count at row {row}"),
        )
    }

    /// 1048: NULL into a NOT NULL column.
    pub fn column_cannot_be_null(col: &str) -> ObError {
        ObError::mysql(1048, "23000", format!("Column '{col}' cannot be null"))
    }

    /// 1264: a number that the column's type cannot hold (`row` from 1).
    pub fn out_of_range_for_column(col: &str, row: usize) -> ObError {
        ObError::mysql(
            1264,
            "22003",
            format!("Out of range value for column '{col}' at row {row}"),
        )
    }

    /// 1366: a value that does not convert to the column's type; `type_word` is MySQL's
    /// (`integer`, `decimal`, `string`, `datetime`) and `value` the value as it was written.
    pub fn incorrect_value(type_word: &str, value: &str, col: &str, row: usize) -> ObError {
        ObError::mysql(
            1366,
            "HY000",
            format!("Incorrect {type_word} value: '{value}' for column '{col}' at row {row}"),
        )
    }

    /// 1406: a string longer than its VARCHAR column (`row` from 1).
    pub fn data_too_long(col: &str, row: usize) -> ObError {
        ObError::mysql(
            1406,
            "22001",
            format!("Data too long for column '{col}' at row {row}"),
        )
    }

    /// 1062: a primary key that exists (or that the same statement writes twice); `key` is
    /// the key's values as MySQL prints them (`1-a`).
    pub fn duplicate_entry(key: &str) -> ObError {
        ObError::mysql(
            1062,
            "23000",
            format!("Duplicate entry '{key}' for key 'PRIMARY'"),
        )
    }

    /// 1690: an arithmetic result or literal outside its type (`BIGINT value is out of range
    /// in '<expression>'`).
    pub fn value_out_of_range(type_name: &str, text: &str) -> ObError {
        ObError::mysql(
            1690,
            "22003",
            format!("{type_name} value is out of range in '{text}'"),
        )
    }

    // --- queries (MySQL's errors; function names printed in lower case, as MySQL does) -----

    /// 1111: an aggregate outside the select list, HAVING and ORDER BY, or nested in another.
    pub fn invalid_group_function() -> ObError {
        ObError::mysql(1111, "HY000", "Invalid use of group function")
    }

    /// 1305: a function the evaluator does not know.
    pub fn unknown_function(name: &str) -> ObError {
        ObError::mysql(
            1305,
            "42000",
            format!("FUNCTION {} does not exist", name.to_ascii_lowercase()),
        )
    }

    /// 1582: a known function called with the wrong number of arguments.
    pub fn wrong_param_count(name: &str) -> ObError {
        ObError::mysql(
            1582,
            "42000",
            format!(
                "Incorrect parameter count in the call to native function '{}'",
                name.to_ascii_lowercase()
            ),
        )
    }

    /// 1056: GROUP BY a select-list position or alias that names an aggregate.
    pub fn cant_group_on(name: &str) -> ObError {
        ObError::mysql(1056, "42000", format!("Can't group on '{name}'"))
    }

    /// 1096: `SELECT *` without FROM.
    pub fn no_tables_used() -> ObError {
        ObError::mysql(1096, "HY000", "No tables used")
    }

    /// 1426 for a fractional-seconds precision over 6 (`NOW(7)`); `precision` as written.
    pub fn time_precision_too_big(precision: &str, name: &str) -> ObError {
        ObError::mysql(
            1426,
            "42000",
            format!(
                "Too-big precision {precision} specified for '{}'. Maximum is 6.",
                name.to_ascii_lowercase()
            ),
        )
    }

    /// Hand-built ASTs are not depth-limited by the parser; OceanBase answers an expression too
    /// deep for its stack with OB_SIZE_OVERFLOW.
    pub fn size_overflow() -> ObError {
        ObError::ob(-4019, "Size overflow")
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

    #[test]
    fn mysql_errors_keep_mysqls_number_sqlstate_and_text() {
        let cases = [
            (
                ObError::no_database_selected(),
                "ERROR 1046 (3D000): No database selected",
            ),
            (
                ObError::unknown_column("c", "where clause"),
                "ERROR 1054 (42S22): Unknown column 'c' in 'where clause'",
            ),
            (
                ObError::duplicate_entry("1-a"),
                "ERROR 1062 (23000): Duplicate entry '1-a' for key 'PRIMARY'",
            ),
            (
                ObError::incorrect_value("integer", "x", "c", 2),
                "ERROR 1366 (HY000): Incorrect integer value: 'x' for column 'c' at row 2",
            ),
            (
                ObError::unknown_function("NOW2"),
                "ERROR 1305 (42000): FUNCTION now2 does not exist",
            ),
        ];
        for (err, text) in cases {
            assert_eq!(err.to_string(), text);
            // The internal code of a MySQL error is its number, negated.
            assert_eq!(err.ob_code, -(err.errno as i32));
        }
    }

    #[test]
    fn a_missing_table_is_ob_table_not_exist_with_its_mysql_and_oracle_texts() {
        let mysql = ObError::table_not_exist("db1", "t");
        assert_eq!(
            mysql.to_string(),
            "ERROR 1146 (42S02): Table 'db1.t' doesn't exist"
        );
        let oracle = ObError::table_not_exist_oracle("SYS", "T");
        assert_eq!(
            oracle.message,
            "ORA-00942: table or view 'SYS.T' does not exist"
        );
        assert_eq!((mysql.ob_code, oracle.ob_code), (-5019, -5019));
    }

    #[test]
    fn ob_errors_of_the_backup_checks_use_the_messages_of_their_codes() {
        for (err, ob_code) in [
            (
                ObError::log_archive_not_running(),
                code::OB_LOG_ARCHIVE_NOT_RUNNING,
            ),
            (
                ObError::log_archive_interrupted(),
                code::OB_LOG_ARCHIVE_INTERRUPTED,
            ),
            (
                ObError::backup_dest_not_connect(),
                code::OB_BACKUP_DEST_NOT_CONNECT,
            ),
        ] {
            assert_eq!(err.ob_code, ob_code);
            assert_eq!(err.errno, ob_code.unsigned_abs());
            assert_eq!(err.message, ob_message(ob_code));
        }
        assert_eq!(
            ObError::backup_dest_not_connect().to_string(),
            "ERROR 9070 (HY000): can not connect to backup destination"
        );
    }
}
