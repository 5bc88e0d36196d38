//! The executor, table-driven in the style of rust-analyzer's `check(input, expect)`: each case
//! is a script (login lines and statements, as typed at the console) run in a fresh shell on a
//! fresh cluster, and the exact text obclient prints for its last statement, OceanBase's error
//! lines included. Timings are left out: they come from the cost model, not the executor. The
//! golden transcripts (`tests/sql`) cover whole sessions; these cases pin each statement family
//! and its main errors one by one.

use crate::shell::Shell;

/// The seed of every case's cluster.
const SEED: u64 = 7;

/// Logs on to the MySQL-mode user tenant.
pub(super) const MYSQL: &str = "connect root@mysql_tenant";

/// Logs on to the Oracle-mode user tenant.
const ORACLE: &str = "connect SYS@oracle_tenant";

/// mysql_tenant with both destinations set and its archive round DOING: a backup can start.
pub(super) const READY: &str = "connect root@mysql_tenant\n\
    ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///d/my';\n\
    ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///a/my';\n\
    ALTER SYSTEM ARCHIVELOG;\n\
    SELECT SLEEP(10);";

/// After `READY`: a full backup that runs to its end (at 17:51:49), then back to sys.
const BACKED_UP: &str = "ALTER SYSTEM BACKUP DATABASE;\n\
    SELECT SLEEP(600);\n\
    connect root@sys";

/// mysql_tenant with `test.t`: a primary key, a default, three rows.
const T: &str = "connect root@mysql_tenant\n\
    CREATE TABLE test.t (id INT PRIMARY KEY, name VARCHAR(10) DEFAULT 'x', n INT);\n\
    INSERT INTO test.t VALUES (1, 'a', 10), (2, 'b', 20), (3, 'c', 30);";

/// Runs each case's parts (joined by newlines) in a fresh shell logged on as root@sys, and
/// compares what the last statement printed with the expectation (a leading newline, which only
/// lines up multi-line tables, is ignored). Every differing case is reported, not just the first.
pub(super) fn check(cases: &[(&[&str], &str)]) {
    let mut failures = Vec::new();
    for (parts, want) in cases {
        let script = parts.join("\n");
        let got = last_output(&script);
        let want = want.strip_prefix('\n').unwrap_or(want);
        if got != want {
            failures.push(format!("{script}\n--- want:\n{want}\n--- got:\n{got}\n"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// What the last statement of `script` printed, without timings and the trailing blank line.
fn last_output(script: &str) -> String {
    let mut shell = Shell::new(SEED);
    let entries = shell.run_to_end(script);
    let output = entries.last().map_or("", |e| e.output.as_str());
    let lines: Vec<&str> = output.lines().map(without_timing).collect();
    lines.join("\n").trim_end().to_string()
}

/// `Query OK, 0 rows affected (0.004 sec)` → `Query OK, 0 rows affected`.
fn without_timing(line: &str) -> &str {
    match line.rfind(" (") {
        Some(i) if line.ends_with(" sec)") => &line[..i],
        _ => line,
    }
}

/// SET ENCRYPTION / DECRYPTION, USE, and a statement the parser rejects.
#[test]
fn session_statements() {
    check(&[
        (
            &["SET ENCRYPTION ON IDENTIFIED BY 'pw' ONLY;"],
            "Query OK, 0 rows affected",
        ),
        (
            &[
                READY,
                "SET ENCRYPTION ON IDENTIFIED BY 'pw' ONLY;",
                "ALTER SYSTEM BACKUP DATABASE;",
                "SELECT ENCRYPTION_MODE, PASSWD FROM DBA_OB_BACKUP_JOBS;",
            ],
            r"
+-----------------+-------------------------------------------+
| ENCRYPTION_MODE | PASSWD                                    |
+-----------------+-------------------------------------------+
| PASSWORD        | *d821809f681a40a6e379b50d0463efae20bdd122 |
+-----------------+-------------------------------------------+
1 row in set",
        ),
        (
            &["SET DECRYPTION IDENTIFIED BY 'a', 'b';"],
            "Query OK, 0 rows affected",
        ),
        (
            &[MYSQL, "SET DECRYPTION IDENTIFIED BY 'x';"],
            "ERROR 1235 (0A000): non-sys tenant set decryption is not supported",
        ),
        (
            &[MYSQL, "USE nosuch;"],
            "ERROR 1049 (42000): Unknown database 'nosuch'",
        ),
        (
            &[MYSQL, "USE test;", "SELECT DATABASE();"],
            r"
+------------+
| DATABASE() |
+------------+
| test       |
+------------+
1 row in set",
        ),
        (
            &["SELEC 1;"],
            "ERROR 1064 (42000): You have an error in your SQL syntax; check the manual that corresponds to your OceanBase version for the right syntax to use near 'SELEC 1' at line 1",
        ),
    ]);
}

/// ALTER SYSTEM BACKUP, from a user tenant and from sys.
#[test]
fn backup() {
    check(&[
        (
            &[MYSQL, "ALTER SYSTEM BACKUP DATABASE;"],
            "ERROR 9040 (HY000): backup can not start",
        ),
        (
            &[
                MYSQL,
                "ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///d/my';",
                "ALTER SYSTEM BACKUP DATABASE;",
            ],
            "ERROR 9040 (HY000): backup can not start, because log archive status is not doing.",
        ),
        (
            &[MYSQL, "ALTER SYSTEM BACKUP TENANT = mysql_tenant;"],
            "ERROR 1235 (0A000): user tenant cannot specify tenant names not supported",
        ),
        (
            &[MYSQL, "ALTER SYSTEM BACKUP;"],
            "ERROR 1235 (0A000): user tenant cannot specify tenant names not supported",
        ),
        (
            &[
                READY,
                "ALTER SYSTEM BACKUP DATABASE;",
                "SELECT JOB_ID, BACKUP_TYPE, JOB_LEVEL, STATUS FROM DBA_OB_BACKUP_JOBS;",
            ],
            r"
+--------+-------------+-------------+--------+
| JOB_ID | BACKUP_TYPE | JOB_LEVEL   | STATUS |
+--------+-------------+-------------+--------+
|      1 | FULL        | USER_TENANT | INIT   |
+--------+-------------+-------------+--------+
1 row in set",
        ),
        (
            &[
                READY,
                "ALTER SYSTEM BACKUP DATABASE;",
                "ALTER SYSTEM BACKUP INCREMENTAL DATABASE;",
            ],
            "ERROR 9036 (HY000): Backup is in progress",
        ),
        (
            &["ALTER SYSTEM BACKUP;"],
            "ERROR 1235 (0A000): No tenant name specified not supported",
        ),
        (
            &["ALTER SYSTEM BACKUP TENANT = nosuch;"],
            "ERROR 5160 (HY000): invalid tenant name specified in connection string",
        ),
        (
            &["ALTER SYSTEM BACKUP TENANT = sys;"],
            "ERROR 4016 (HY000): Internal error",
        ),
        (
            &["ALTER SYSTEM BACKUP DATABASE TO 'file:///x';"],
            "ERROR 1235 (0A000): backup do not support using specify path not supported",
        ),
        (
            &["ALTER SYSTEM BACKUP DATABASE;"],
            "ERROR 9040 (HY000): backup can not start, because no tenant meets the backup condition, ￼please check the tenant status, log archive status, backup data dest, and backup status for each tenant",
        ),
        (
            &["ALTER SYSTEM BACKUP KEY TO 'file:///k';"],
            "ERROR 1064 (42000): Parse error",
        ),
    ]);
}

/// ALTER SYSTEM CANCEL BACKUP.
#[test]
fn cancel_backup() {
    check(&[
        (
            &[MYSQL, "ALTER SYSTEM CANCEL BACKUP TENANT = mysql_tenant;"],
            "ERROR 1235 (0A000): Not supported feature or function",
        ),
        (
            &[MYSQL, "ALTER SYSTEM CANCEL BACKUP;"],
            "Query OK, 0 rows affected",
        ),
        (
            &["ALTER SYSTEM CANCEL BACKUP TENANT = nosuch;"],
            "ERROR 5160 (HY000): invalid tenant name specified in connection string",
        ),
        (
            &[
                READY,
                "ALTER SYSTEM BACKUP DATABASE;",
                "ALTER SYSTEM CANCEL BACKUP;",
                "SELECT SLEEP(5);",
                "SELECT JOB_ID, STATUS, RESULT FROM DBA_OB_BACKUP_JOB_HISTORY;",
            ],
            r"
+--------+----------+--------+
| JOB_ID | STATUS   | RESULT |
+--------+----------+--------+
|      1 | CANCELED |  -4072 |
+--------+----------+--------+
1 row in set",
        ),
    ]);
}

/// ALTER SYSTEM ARCHIVELOG / NOARCHIVELOG.
#[test]
fn archive_log() {
    check(&[
        (
            &[MYSQL, "ALTER SYSTEM ARCHIVELOG TENANT = mysql_tenant;"],
            "ERROR 1227 (42501): Access denied",
        ),
        (
            &[
                MYSQL,
                "ALTER SYSTEM ARCHIVELOG;",
                "ALTER SYSTEM ARCHIVELOG;",
            ],
            "ERROR 9091 (HY000): Already in ARCHIVELOG mode",
        ),
        (
            &[MYSQL, "ALTER SYSTEM NOARCHIVELOG;"],
            "ERROR 9092 (HY000): Already in NOARCHIVELOG mode",
        ),
        (
            &["ALTER SYSTEM ARCHIVELOG TENANT = all_user;"],
            "ERROR 1235 (0A000): use all_user/all_meta in 'ALTER SYSTEM ARCHIVELOG' syntax is not supported",
        ),
        (
            &["ALTER SYSTEM ARCHIVELOG TENANT = all, mysql_tenant;"],
            "ERROR 1235 (0A000): all/all_user/all_meta in combination with other names is not supported",
        ),
        (
            &["ALTER SYSTEM ARCHIVELOG TENANT = mysql_tenant, mysql_tenant;"],
            "ERROR 1235 (0A000): duplicate tenant mysql_tenant is not supported",
        ),
        (
            &["ALTER SYSTEM ARCHIVELOG TENANT = nosuch;"],
            "ERROR 5160 (HY000): invalid tenant name specified in connection string",
        ),
        (
            &["ALTER SYSTEM NOARCHIVELOG TENANT = mysql_tenant;"],
            "ERROR 9092 (HY000): Already in NOARCHIVELOG mode",
        ),
        (
            &[
                "ALTER SYSTEM ARCHIVELOG;",
                "SELECT TENANT_NAME, LOG_MODE FROM DBA_OB_TENANTS WHERE TENANT_TYPE = 'USER';",
            ],
            r"
+---------------+------------+
| TENANT_NAME   | LOG_MODE   |
+---------------+------------+
| mysql_tenant  | ARCHIVELOG |
| oracle_tenant | ARCHIVELOG |
+---------------+------------+
2 rows in set",
        ),
    ]);
}

/// `LOG_ARCHIVE_DEST = ''` (spec §6.2): clears the dest while no round is under way, refused
/// while one is; blanks are not empty; targeted like any other dest item.
#[test]
fn empty_log_archive_dest() {
    const DEST: &str = "ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///a/my';";
    const CLEAR: &str = "ALTER SYSTEM SET LOG_ARCHIVE_DEST = '';";
    check(&[
        // No dest yet: nothing to delete, still OK.
        (&[MYSQL, CLEAR], "Query OK, 0 rows affected"),
        (
            &[MYSQL, DEST, CLEAR, "SELECT * FROM DBA_OB_ARCHIVE_DEST;"],
            "Empty set",
        ),
        // LOG_MODE ARCHIVELOG without a round (the dest was cleared first): accepted, and
        // no round opens.
        (
            &[
                MYSQL,
                DEST,
                CLEAR,
                "ALTER SYSTEM ARCHIVELOG;",
                "SELECT SLEEP(10);",
                "SELECT * FROM DBA_OB_ARCHIVELOG;",
            ],
            "Empty set",
        ),
        (
            &[READY, CLEAR],
            "ERROR 1235 (0A000): change archive dest when archive is running is not supported",
        ),
        // A round that is being stopped is still under way.
        (
            &[READY, "ALTER SYSTEM NOARCHIVELOG;", CLEAR],
            "ERROR 1235 (0A000): change archive dest when archive is running is not supported",
        ),
        // Once it is STOP the dest can go; the round stays in the views.
        (
            &[
                READY,
                "ALTER SYSTEM NOARCHIVELOG;",
                "SELECT SLEEP(10);",
                CLEAR,
                "SELECT ROUND_ID, STATUS FROM DBA_OB_ARCHIVELOG;",
            ],
            r"
+----------+--------+
| ROUND_ID | STATUS |
+----------+--------+
|        1 | STOP   |
+----------+--------+
1 row in set",
        ),
        // The path keeps its DEST_ID (data dest 1001, archive 1002 in READY).
        (
            &[
                READY,
                "ALTER SYSTEM NOARCHIVELOG;",
                "SELECT SLEEP(10);",
                CLEAR,
                DEST,
                "SELECT VALUE FROM DBA_OB_ARCHIVE_DEST WHERE NAME = 'dest_id';",
            ],
            r"
+-------+
| VALUE |
+-------+
| 1002  |
+-------+
1 row in set",
        ),
        (
            &[MYSQL, "ALTER SYSTEM SET LOG_ARCHIVE_DEST = ' ';"],
            "ERROR 1235 (0A000): set archive dest without location is not supported",
        ),
        (
            &[CLEAR],
            "ERROR 1235 (0A000): Not supported feature or function",
        ),
        (
            &[
                "ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///a/my' TENANT = mysql_tenant;",
                "ALTER SYSTEM SET LOG_ARCHIVE_DEST = '' TENANT = mysql_tenant;",
                "SELECT COUNT(*) FROM CDB_OB_ARCHIVE_DEST;",
            ],
            r"
+----------+
| COUNT(*) |
+----------+
|        0 |
+----------+
1 row in set",
        ),
        (
            &[
                MYSQL,
                "ALTER SYSTEM SET LOG_ARCHIVE_DEST = '' TENANT = mysql_tenant;",
            ],
            "ERROR 1227 (42501): Access denied",
        ),
    ]);
}

/// ALTER SYSTEM SET: parameters and destinations; all of a statement or none of it.
#[test]
fn set_parameters() {
    check(&[
        (
            &[MYSQL, "ALTER SYSTEM SET ha_low_thread_score = 101;"],
            "ERROR 4147 (HY000): Invalid config",
        ),
        (
            &[MYSQL, "ALTER SYSTEM SET no_such_parameter = 1;"],
            "ERROR 5099 (42000): System config unknown",
        ),
        (
            &[MYSQL, "ALTER SYSTEM SET _backup_idle_time = '1m';"],
            "ERROR 5099 (42000): System config unknown",
        ),
        (
            &[
                MYSQL,
                "ALTER SYSTEM SET ha_low_thread_score = 5 TENANT = mysql_tenant;",
            ],
            "ERROR 1227 (42501): Access denied",
        ),
        (
            &[
                MYSQL,
                "ALTER SYSTEM SET DATA_BACKUP_DEST = 'nfs://data/backup';",
            ],
            "ERROR 9026 (HY000): backup destination is not valid",
        ),
        (
            &[
                MYSQL,
                "ALTER SYSTEM SET ha_low_thread_score = 5;",
                "SELECT DISTINCT NAME, VALUE FROM GV$OB_PARAMETERS WHERE NAME = 'ha_low_thread_score';",
            ],
            r"
+---------------------+-------+
| NAME                | VALUE |
+---------------------+-------+
| ha_low_thread_score | 5     |
+---------------------+-------+
1 row in set",
        ),
        (
            &[
                "ALTER SYSTEM SET ha_low_thread_score = 7 TENANT = all_user;",
                "SELECT DISTINCT TENANT_ID, VALUE FROM GV$OB_PARAMETERS WHERE NAME = 'ha_low_thread_score' ORDER BY TENANT_ID;",
            ],
            r"
+-----------+-------+
| TENANT_ID | VALUE |
+-----------+-------+
|         1 | 0     |
|      1002 | 7     |
|      1004 | 7     |
+-----------+-------+
3 rows in set",
        ),
        (
            &[
                "ALTER SYSTEM SET ha_low_thread_score = 5, ha_low_thread_score = 101 TENANT = mysql_tenant;",
            ],
            "ERROR 4147 (HY000): Invalid config",
        ),
        (
            &[
                "ALTER SYSTEM SET ha_low_thread_score = 5, ha_low_thread_score = 101 TENANT = mysql_tenant;",
                "SELECT DISTINCT VALUE FROM GV$OB_PARAMETERS WHERE NAME = 'ha_low_thread_score' AND TENANT_ID = 1002;",
            ],
            r"
+-------+
| VALUE |
+-------+
| 0     |
+-------+
1 row in set",
        ),
        (
            &[
                "ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///same' TENANT = mysql_tenant, LOG_ARCHIVE_DEST = 'LOCATION=file:///same' TENANT = mysql_tenant;",
            ],
            "ERROR 9081 (HY000): format file does not match, try to set a new directory.",
        ),
        (
            &[
                "ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///same' TENANT = mysql_tenant, LOG_ARCHIVE_DEST = 'LOCATION=file:///same' TENANT = mysql_tenant;",
                "SELECT * FROM CDB_OB_BACKUP_PARAMETER;",
            ],
            "Empty set",
        ),
        (
            &["ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///d'; "],
            "ERROR 1235 (0A000): Not supported feature or function",
        ),
        (
            &["ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///d' TENANT = all_user;"],
            "ERROR 5160 (HY000): invalid tenant name specified in connection string",
        ),
        (
            &[
                "ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///d' TENANT = mysql_tenant, ha_low_thread_score = 1;",
            ],
            "ERROR 1235 (0A000): backup configuration items cannot be set together with non data backup configuration items not supported",
        ),
        (
            &["ALTER SYSTEM SET archive_lag_target = '60s' TENANT = all;"],
            "ERROR 1235 (0A000): use all/all_meta in 'ALTER SYSTEM SET ARCHIVE_LAG_TARGET' syntax is not supported",
        ),
        (
            &["ALTER SYSTEM SET ha_low_thread_score = 5 TENANT = nosuch;"],
            "ERROR 5160 (HY000): invalid tenant name specified in connection string",
        ),
    ]);
}

/// SHOW PARAMETERS.
#[test]
fn show_parameters() {
    check(&[
        (&[MYSQL, "SHOW PARAMETERS LIKE 'no_such%';"], "Empty set"),
        (
            &[
                MYSQL,
                "SHOW PARAMETERS LIKE 'ha_low%' TENANT = mysql_tenant;",
            ],
            "ERROR 1227 (42501): Access denied",
        ),
        (
            &["SHOW PARAMETERS LIKE 'ha_low%' TENANT = nosuch;"],
            "ERROR 5160 (HY000): invalid tenant name specified in connection string",
        ),
    ]);
}

/// The delete policy, CANCEL DELETE BACKUP and the refused DELETE BACKUP forms.
#[test]
fn delete_policy() {
    check(&[
        (
            &[
                MYSQL,
                "ALTER SYSTEM ADD DELETE BACKUP POLICY 'default' RECOVERY_WINDOW '7d';",
                "SELECT * FROM DBA_OB_BACKUP_DELETE_POLICY;",
            ],
            r"
+-------------+-----------------+
| POLICY_NAME | RECOVERY_WINDOW |
+-------------+-----------------+
| default     | 7d              |
+-------------+-----------------+
1 row in set",
        ),
        (
            &[
                MYSQL,
                "ALTER SYSTEM ADD DELETE BACKUP POLICY 'p1' RECOVERY_WINDOW '7d';",
            ],
            "ERROR 1235 (0A000): The policy name is not 'default', it is not supported",
        ),
        (
            &[MYSQL, "ALTER SYSTEM ADD DELETE BACKUP POLICY 'default';"],
            "ERROR 1235 (0A000): Neither recovery_window nor redundancy is set not supported",
        ),
        (
            &[
                MYSQL,
                "ALTER SYSTEM ADD DELETE BACKUP POLICY 'default' RECOVERY_WINDOW '7';",
            ],
            "ERROR 1235 (0A000): recovery window is not be time string not supported",
        ),
        (
            &[
                MYSQL,
                "ALTER SYSTEM ADD DELETE BACKUP POLICY 'default' REDUNDANCY 2;",
            ],
            "ERROR 1235 (0A000): Redundancy not equal to 1 is not supported",
        ),
        (
            &[
                MYSQL,
                "ALTER SYSTEM ADD DELETE BACKUP POLICY 'default' RECOVERY_WINDOW '1d' TENANT = mysql_tenant;",
            ],
            "ERROR 1235 (0A000): user tenant cannot specify tenant names not supported",
        ),
        (
            &["ALTER SYSTEM ADD DELETE BACKUP POLICY 'default' RECOVERY_WINDOW '1d';"],
            "ERROR 1235 (0A000): Too little tenant names specified, only one tenant name can be specified not supported",
        ),
        (
            &[
                "ALTER SYSTEM ADD DELETE BACKUP POLICY 'default' RECOVERY_WINDOW '1d' TENANT = mysql_tenant, oracle_tenant;",
            ],
            "ERROR 1235 (0A000): Too many tenant names specified, only one tenant name can be specified not supported",
        ),
        (
            &[
                "ALTER SYSTEM ADD DELETE BACKUP POLICY 'default' RECOVERY_WINDOW '1d' TENANT = mysql_tenant;",
                "SELECT * FROM CDB_OB_BACKUP_DELETE_POLICY;",
            ],
            r"
+-----------+-------------+-----------------+
| TENANT_ID | POLICY_NAME | RECOVERY_WINDOW |
+-----------+-------------+-----------------+
|      1002 | default     | 1d              |
+-----------+-------------+-----------------+
1 row in set",
        ),
        (
            &[
                "ALTER SYSTEM ADD DELETE BACKUP POLICY 'default' RECOVERY_WINDOW '1d' TENANT = mysql_tenant;",
                "ALTER SYSTEM DROP DELETE BACKUP POLICY 'default' TENANT = mysql_tenant;",
                "SELECT * FROM CDB_OB_BACKUP_DELETE_POLICY;",
            ],
            "Empty set",
        ),
        (
            &[
                MYSQL,
                "ALTER SYSTEM CANCEL DELETE BACKUP TENANT = mysql_tenant;",
            ],
            "ERROR 1235 (0A000): user tenant cannot specify tenant names not supported",
        ),
        (
            &["ALTER SYSTEM CANCEL DELETE BACKUP TENANT = nosuch;"],
            "ERROR 5160 (HY000): invalid tenant name specified in connection string",
        ),
        (
            &["ALTER SYSTEM DELETE BACKUPSET 1;"],
            "ERROR 1235 (0A000): function is not supported",
        ),
    ]);
}

/// RESTORE, its PREVIEW, CANCEL RESTORE and ACTIVATE STANDBY.
#[test]
fn restore() {
    check(&[
        (
            &[
                MYSQL,
                "ALTER SYSTEM RESTORE r1 FROM 'file:///a' WITH 'pool_list=p1';",
            ],
            "ERROR 1227 (42501): Access denied",
        ),
        (
            &[MYSQL, "ALTER SYSTEM CANCEL RESTORE r1;"],
            "ERROR 1227 (42501): Access denied",
        ),
        (
            &[MYSQL, "ALTER SYSTEM ACTIVATE STANDBY TENANT = r1;"],
            "ERROR 1227 (42501): Access denied",
        ),
        (
            &["ALTER SYSTEM RESTORE all_user FROM 'file:///a' WITH 'pool_list=p';"],
            r#"ERROR 1235 (0A000): since 4.2.1, using "all_user" (case insensitive) as a tenant name is not supported"#,
        ),
        (
            &["ALTER SYSTEM RESTORE `all` FROM 'file:///a' WITH 'pool_list=p';"],
            r#"ERROR 1235 (0A000): since 4.2.1, using "all" (case insensitive) as a tenant name is not supported"#,
        ),
        (
            &["ALTER SYSTEM RESTORE t$1 FROM 'file:///a' WITH 'pool_list=p';"],
            "ERROR 1235 (0A000): since 4.2.1, manually creating a tenant name containing '$' is not supported",
        ),
        (
            &["ALTER SYSTEM RESTORE r1 FROM 'file:///a' UNTIL SCN = 0 WITH 'pool_list=p';"],
            "ERROR 1210 (HY000): Incorrect arguments to until scn, it should be positive integer",
        ),
        (
            &[
                "ALTER SYSTEM RESTORE r1 FROM 'file:///a' UNTIL TIME = 'yesterday' WITH 'pool_list=p';",
            ],
            "ERROR 1210 (HY000): Incorrect arguments to until time",
        ),
        (
            &["ALTER SYSTEM RESTORE FROM 'file:///a' PREVIEW;"],
            "ERROR 4179 (HY000): restore preview must have a scn or timestamp, otherwise not allowed",
        ),
        (
            &["ALTER SYSTEM RESTORE r1 UNTIL SCN = 5 WITH 'pool_list=p';"],
            "ERROR 4018 (HY000): no backup set path or log piece can be used to restore",
        ),
        (
            &["ALTER SYSTEM RESTORE mysql_tenant FROM 'file:///a' WITH 'pool_list=p';"],
            "ERROR 4179 (HY000): restore tenant with existed tenant name is not allowed",
        ),
        (
            &["ALTER SYSTEM RESTORE r1 FROM 'file:///nothing/here' WITH 'pool_list=p';"],
            "ERROR 4018 (HY000): no backup set path or log piece can be used to restore",
        ),
        (
            &[
                READY,
                BACKED_UP,
                "ALTER SYSTEM RESTORE FROM 'file:///d/my,file:///a/my' UNTIL TIME = '2024-05-09 18:00:00' PREVIEW;",
            ],
            r"
+------------------+-----------+--------------------------------+-------------+
| BACKUP_TYPE      | BACKUP_ID | PREVIEW_PATH                   | FILE_STATUS |
+------------------+-----------+--------------------------------+-------------+
| BACKUP_SET       |         1 | file:///d/my/backup_set_1_full | AVAILABLE   |
| ARCHIVELOG_PIECE |         1 | file:///a/my/piece_d1002r1p1   | AVAILABLE   |
+------------------+-----------+--------------------------------+-------------+
2 rows in set",
        ),
        (
            &[
                READY,
                BACKED_UP,
                "ALTER SYSTEM RESTORE r1 FROM 'file:///d/my,file:///a/my' UNTIL TIME = '2024-05-09 18:00:00' WITH 'pool_list=p1';",
                "SELECT RESTORE_TENANT_NAME, STATUS FROM DBA_OB_RESTORE_PROGRESS;",
            ],
            r"
+---------------------+---------------+
| RESTORE_TENANT_NAME | STATUS        |
+---------------------+---------------+
| r1                  | CREATE_TENANT |
+---------------------+---------------+
1 row in set",
        ),
        (
            &[
                READY,
                BACKED_UP,
                "ALTER SYSTEM RESTORE r1 FROM 'file:///d/my,file:///a/my' UNTIL TIME = '2024-05-09 18:00:00' WITH 'pool_list=p1';",
                "ALTER SYSTEM CANCEL RESTORE r1;",
                "SELECT RESTORE_TENANT_NAME, STATUS FROM DBA_OB_RESTORE_HISTORY;",
            ],
            r"
+---------------------+--------+
| RESTORE_TENANT_NAME | STATUS |
+---------------------+--------+
| r1                  | FAIL   |
+---------------------+--------+
1 row in set",
        ),
        (
            &["ALTER SYSTEM CANCEL RESTORE nosuch;"],
            "ERROR 5157 (HY000): Unknown tenant 'nosuch'",
        ),
        (
            &["ALTER SYSTEM CANCEL RESTORE mysql_tenant;"],
            "ERROR 4179 (HY000): Cancel tenant not in restore is not allowed",
        ),
        (
            &["ALTER SYSTEM ACTIVATE STANDBY TENANT = mysql_tenant;"],
            "ERROR 4179 (HY000): activate a tenant that is not standby is not allowed",
        ),
    ]);
}

/// SHOW TENANTS / DATABASES / TABLES / CREATE TABLE.
#[test]
fn show() {
    check(&[
        (
            &["SHOW TENANTS;"],
            r"
+---------------+
| Tenant_name   |
+---------------+
| sys           |
| META$1002     |
| mysql_tenant  |
| META$1004     |
| oracle_tenant |
+---------------+
5 rows in set",
        ),
        (
            &[MYSQL, "SHOW TENANTS;"],
            r"
+--------------+
| Tenant_name  |
+--------------+
| mysql_tenant |
+--------------+
1 row in set",
        ),
        (
            &[MYSQL, "CREATE DATABASE shop;", "SHOW DATABASES;"],
            r"
+--------------------+
| Database           |
+--------------------+
| information_schema |
| mysql              |
| oceanbase          |
| shop               |
| test               |
+--------------------+
5 rows in set",
        ),
        (
            &[MYSQL, "SHOW TABLES FROM nosuch;"],
            "ERROR 1049 (42000): Unknown database 'nosuch'",
        ),
        (
            &[T, "SHOW TABLES FROM test;"],
            r"
+----------------+
| Tables_in_test |
+----------------+
| t              |
+----------------+
1 row in set",
        ),
        (
            &[
                MYSQL,
                "CREATE DATABASE shop;",
                "USE shop;",
                "DROP DATABASE shop;",
                "SHOW TABLES;",
            ],
            "ERROR 1046 (3D000): No database selected",
        ),
        (
            &[T, "SHOW CREATE TABLE test.t;"],
            r"
+-------+-----------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------+
| Table | Create Table                                                                                                                                                                                                                                                                                  |
+-------+-----------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------+
| t     | CREATE TABLE `t` (
  `id` int(11) NOT NULL,
  `name` varchar(10) DEFAULT 'x',
  `n` int(11),
  PRIMARY KEY (`id`)
) DEFAULT CHARSET = utf8mb4 ROW_FORMAT = DYNAMIC COMPRESSION = 'zstd_1.3.8' REPLICA_NUM = 3 BLOCK_SIZE = 16384 USE_BLOOM_FILTER = FALSE TABLET_SIZE = 134217728 PCTFREE = 0 |
+-------+-----------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------+
1 row in set",
        ),
        (
            &[MYSQL, "SHOW CREATE TABLE test.nosuch;"],
            "ERROR 1146 (42S02): Table 'test.nosuch' doesn't exist",
        ),
    ]);
}

/// DESC of views and of user tables.
#[test]
fn describe() {
    check(&[
        (
            &[MYSQL, "DESC DBA_OB_BACKUP_DELETE_POLICY;"],
            r"
+-----------------+--------------+------+------+---------+-------+
| Field           | Type         | Null | Key  | Default | Extra |
+-----------------+--------------+------+------+---------+-------+
| POLICY_NAME     | varchar(256) | NO   |      | NULL    |       |
| RECOVERY_WINDOW | varchar(64)  | NO   |      | NULL    |       |
+-----------------+--------------+------+------+---------+-------+
2 rows in set",
        ),
        (
            &[MYSQL, "DESC CDB_OB_BACKUP_DELETE_POLICY;"],
            "ERROR 1146 (42S02): Table 'oceanbase.CDB_OB_BACKUP_DELETE_POLICY' doesn't exist",
        ),
        (
            &["DESC CDB_OB_BACKUP_DELETE_POLICY;"],
            r"
+-----------------+--------------+------+------+---------+-------+
| Field           | Type         | Null | Key  | Default | Extra |
+-----------------+--------------+------+------+---------+-------+
| TENANT_ID       | bigint(20)   | NO   |      | NULL    |       |
| POLICY_NAME     | varchar(256) | NO   |      | NULL    |       |
| RECOVERY_WINDOW | varchar(64)  | NO   |      | NULL    |       |
+-----------------+--------------+------+------+---------+-------+
3 rows in set",
        ),
        (
            &[T, "DESC test.t;"],
            r"
+-------+-------------+------+------+---------+-------+
| Field | Type        | Null | Key  | Default | Extra |
+-------+-------------+------+------+---------+-------+
| id    | int(11)     | NO   | PRI  | NULL    |       |
| name  | varchar(10) | YES  |      | x       |       |
| n     | int(11)     | YES  |      | NULL    |       |
+-------+-------------+------+------+---------+-------+
3 rows in set",
        ),
        (
            &[MYSQL, "DESC test.nosuch;"],
            "ERROR 1146 (42S02): Table 'test.nosuch' doesn't exist",
        ),
        // Default NULL only for a column taken straight from the inner table (spec §6.1).
        (
            &[MYSQL, "DESC DBA_OB_ARCHIVE_DEST;"],
            r"
+---------+---------------+------+------+---------+-------+
| Field   | Type          | Null | Key  | Default | Extra |
+---------+---------------+------+------+---------+-------+
| DEST_NO | bigint(20)    | NO   |      | NULL    |       |
| NAME    | varchar(1024) | NO   |      | NULL    |       |
| VALUE   | varchar(4096) | NO   |      | NULL    |       |
+---------+---------------+------+------+---------+-------+
3 rows in set",
        ),
        (
            &[MYSQL, "DESC GV$OB_PARAMETERS;"],
            r"
+---------------+----------------+------+------+---------+-------+
| Field         | Type           | Null | Key  | Default | Extra |
+---------------+----------------+------+------+---------+-------+
| SVR_IP        | varchar(46)    | NO   |      | NULL    |       |
| SVR_PORT      | bigint(20)     | NO   |      | NULL    |       |
| ZONE          | varchar(128)   | NO   |      | NULL    |       |
| SCOPE         | varchar(64)    | NO   |      | NULL    |       |
| TENANT_ID     | bigint(20)     | YES  |      | NULL    |       |
| NAME          | varchar(128)   | NO   |      | NULL    |       |
| DATA_TYPE     | varchar(128)   | YES  |      | NULL    |       |
| VALUE         | varchar(65536) | NO   |      | NULL    |       |
| INFO          | varchar(4096)  | NO   |      | NULL    |       |
| SECTION       | varchar(128)   | NO   |      | NULL    |       |
| EDIT_LEVEL    | varchar(128)   | NO   |      | NULL    |       |
| DEFAULT_VALUE | varchar(65536) | NO   |      | NULL    |       |
| ISDEFAULT     | varchar(3)     | NO   |      |         |       |
+---------------+----------------+------+------+---------+-------+
13 rows in set",
        ),
        // A CDB_ twin's TENANT_ID: NULL when the view has any NULL column, else empty.
        (
            &["DESC CDB_OB_BACKUP_PARAMETER;"],
            r"
+-----------+---------------+------+------+---------+-------+
| Field     | Type          | Null | Key  | Default | Extra |
+-----------+---------------+------+------+---------+-------+
| TENANT_ID | bigint(20)    | NO   |      | NULL    |       |
| NAME      | varchar(1024) | NO   |      | NULL    |       |
| VALUE     | longtext      | NO   |      | NULL    |       |
+-----------+---------------+------+------+---------+-------+
3 rows in set",
        ),
    ]);
}

/// CREATE / DROP DATABASE, CREATE / DROP / TRUNCATE TABLE.
#[test]
fn ddl() {
    check(&[
        (
            &[MYSQL, "CREATE DATABASE shop;"],
            "Query OK, 1 row affected",
        ),
        (
            &[MYSQL, "CREATE DATABASE test;"],
            "ERROR 1007 (HY000): Can't create database 'test'; database exists",
        ),
        (
            &[MYSQL, "CREATE DATABASE IF NOT EXISTS test;"],
            "Query OK, 0 rows affected",
        ),
        (
            &[MYSQL, "DROP DATABASE nosuch;"],
            "ERROR 1008 (HY000): Can't drop database 'nosuch'; database doesn't exist",
        ),
        (
            &[MYSQL, "DROP DATABASE IF EXISTS nosuch;"],
            "Query OK, 0 rows affected",
        ),
        (
            &[MYSQL, "DROP DATABASE oceanbase;"],
            "ERROR 1044 (42000): Access denied for user 'root'@'%' to database 'oceanbase'",
        ),
        (
            &[
                MYSQL,
                "CREATE DATABASE shop;",
                "USE shop;",
                "CREATE TABLE a (x INT);",
                "CREATE TABLE b (x INT);",
                "DROP DATABASE shop;",
            ],
            "Query OK, 2 rows affected",
        ),
        (
            &[
                MYSQL,
                "CREATE DATABASE shop;",
                "USE shop;",
                "DROP DATABASE shop;",
                "SELECT * FROM a;",
            ],
            "ERROR 1046 (3D000): No database selected",
        ),
        (
            &[MYSQL, "CREATE TABLE nosuch.t (a INT);"],
            "ERROR 1049 (42000): Unknown database 'nosuch'",
        ),
        (
            &[T, "CREATE TABLE test.t (a INT);"],
            "ERROR 1050 (42S01): Table 't' already exists",
        ),
        (
            &[T, "CREATE TABLE IF NOT EXISTS test.t (a INT);"],
            "Query OK, 0 rows affected",
        ),
        (
            &[MYSQL, "CREATE TABLE test.u (a INT, A INT);"],
            "ERROR 1060 (42S21): Duplicate column name 'A'",
        ),
        (
            &[MYSQL, "CREATE TABLE test.u (a DECIMAL(66, 2));"],
            "ERROR 1426 (42000): Too big precision 66 specified for column 'a'. Maximum is 65.",
        ),
        (
            &[MYSQL, "CREATE TABLE test.u (a INT DEFAULT 'abc');"],
            "ERROR 1067 (42000): Invalid default value for 'a'",
        ),
        (
            &[MYSQL, "CREATE TABLE test.u (a INT, PRIMARY KEY (b));"],
            "ERROR 1072 (42000): Key column 'b' doesn't exist in table",
        ),
        (
            &[MYSQL, "DROP TABLE test.nosuch;"],
            "ERROR 1051 (42S02): Unknown table 'test.nosuch'",
        ),
        (
            &[MYSQL, "DROP TABLE IF EXISTS test.nosuch;"],
            "Query OK, 0 rows affected",
        ),
        (
            &[T, "DROP TABLE test.t;", "SHOW TABLES FROM test;"],
            "Empty set",
        ),
        (
            &[T, "TRUNCATE TABLE test.t;", "SELECT COUNT(*) FROM test.t;"],
            r"
+----------+
| COUNT(*) |
+----------+
|        0 |
+----------+
1 row in set",
        ),
        (
            &[MYSQL, "TRUNCATE TABLE test.nosuch;"],
            "ERROR 1146 (42S02): Table 'test.nosuch' doesn't exist",
        ),
    ]);
}

/// INSERT, UPDATE and DELETE.
#[test]
fn dml() {
    check(&[
        (
            &[
                T,
                "INSERT INTO test.t (id) VALUES (4);",
                "SELECT * FROM test.t WHERE id = 4;",
            ],
            r"
+------+------+------+
| id   | name | n    |
+------+------+------+
|    4 | x    | NULL |
+------+------+------+
1 row in set",
        ),
        (
            &[T, "INSERT INTO test.t VALUES (1, 'z', 0);"],
            "ERROR 1062 (23000): Duplicate entry '1' for key 'PRIMARY'",
        ),
        (
            &[T, "INSERT INTO test.t VALUES (4, 'd', 40), (4, 'e', 50);"],
            "ERROR 1062 (23000): Duplicate entry '4' for key 'PRIMARY'",
        ),
        (
            &[T, "INSERT INTO test.t VALUES (4, 'd');"],
            "ERROR 1136 (21S01): Column count doesn't match value count at row 1",
        ),
        (
            &[T, "INSERT INTO test.t (id, nosuch) VALUES (4, 1);"],
            "ERROR 1054 (42S22): Unknown column 'nosuch' in 'field list'",
        ),
        (
            &[
                T,
                "INSERT INTO test.t (id, name) VALUES (4, 'abcdefghijk');",
            ],
            "ERROR 1406 (22001): Data too long for column 'name' at row 1",
        ),
        (
            &[T, "INSERT INTO test.t (name) VALUES ('x');"],
            "ERROR 1048 (23000): Column 'id' cannot be null",
        ),
        (
            &[
                MYSQL,
                "INSERT INTO oceanbase.DBA_OB_BACKUP_JOBS VALUES (1);",
            ],
            "ERROR 1288 (HY000): The target table DBA_OB_BACKUP_JOBS of the DML is not updatable",
        ),
        (
            &[MYSQL, "INSERT INTO test.nosuch VALUES (1);"],
            "ERROR 1146 (42S02): Table 'test.nosuch' doesn't exist",
        ),
        (
            &[
                MYSQL,
                "CREATE TABLE test.k (a INT);",
                "INSERT INTO test.k VALUES (1), (1);",
                "INSERT INTO test.k VALUES (1);",
                "UPDATE test.k SET a = 2 WHERE a = 1;",
                "SELECT COUNT(*), SUM(a) FROM test.k;",
            ],
            r"
+----------+--------+
| COUNT(*) | SUM(a) |
+----------+--------+
|        3 |      6 |
+----------+--------+
1 row in set",
        ),
        (
            &[T, "UPDATE test.t SET n = n + 1 WHERE id >= 2;"],
            "Query OK, 2 rows affected",
        ),
        (
            &[T, "UPDATE test.t SET n = 10 WHERE id = 1;"],
            "Query OK, 0 rows affected",
        ),
        (
            &[T, "UPDATE test.t SET id = 2 WHERE id = 1;"],
            "ERROR 1062 (23000): Duplicate entry '2' for key 'PRIMARY'",
        ),
        (
            &[T, "UPDATE test.t SET nosuch = 1;"],
            "ERROR 1054 (42S22): Unknown column 'nosuch' in 'field list'",
        ),
        (
            &[
                T,
                "UPDATE test.t SET id = id + 10;",
                "SELECT id FROM test.t;",
            ],
            r"
+------+
| id   |
+------+
|   11 |
|   12 |
|   13 |
+------+
3 rows in set",
        ),
        (
            &[T, "DELETE FROM test.t WHERE n > 15;"],
            "Query OK, 2 rows affected",
        ),
        (
            &[
                T,
                "DELETE FROM test.t WHERE n > 15;",
                "SELECT * FROM test.t;",
            ],
            r"
+------+------+------+
| id   | name | n    |
+------+------+------+
|    1 | a    |   10 |
+------+------+------+
1 row in set",
        ),
        (
            &[T, "DELETE FROM test.t WHERE nosuch = 1;"],
            "ERROR 1054 (42S22): Unknown column 'nosuch' in 'where clause'",
        ),
        (
            &[MYSQL, "DELETE FROM oceanbase.DBA_OB_BACKUP_JOBS;"],
            "ERROR 1288 (HY000): The target table DBA_OB_BACKUP_JOBS of the DML is not updatable",
        ),
    ]);
}

/// SELECT from views and user tables.
#[test]
fn select() {
    check(&[
        (
            &[MYSQL, "SELECT * FROM test.nosuch;"],
            "ERROR 1146 (42S02): Table 'test.nosuch' doesn't exist",
        ),
        (&[MYSQL, "SELECT * FROM DBA_OB_BACKUP_JOBS;"], "Empty set"),
        (
            &[MYSQL, "SELECT * FROM CDB_OB_BACKUP_JOBS;"],
            "ERROR 1146 (42S02): Table 'oceanbase.CDB_OB_BACKUP_JOBS' doesn't exist",
        ),
        (
            &[MYSQL, "SELECT COUNT(*) FROM DBA_OB_RESTORE_PROGRESS;"],
            "ERROR 1146 (42S02): Table 'oceanbase.DBA_OB_RESTORE_PROGRESS' doesn't exist",
        ),
        (
            &["SELECT COUNT(*) FROM CDB_OB_RESTORE_PROGRESS;"],
            r"
+----------+
| COUNT(*) |
+----------+
|        0 |
+----------+
1 row in set",
        ),
        (
            &[
                T,
                "SELECT name, n FROM test.t WHERE n > 15 ORDER BY n DESC;",
            ],
            r"
+------+------+
| name | n    |
+------+------+
| c    |   30 |
| b    |   20 |
+------+------+
2 rows in set",
        ),
        (
            &["SELECT SLEEP(2), 1 + 1;"],
            r"
+----------+-------+
| SLEEP(2) | 1 + 1 |
+----------+-------+
|        0 |     2 |
+----------+-------+
1 row in set",
        ),
    ]);
}

/// An Oracle-mode tenant: names fold to upper case, errors print as ORA- lines, view timestamps lose their fraction.
#[test]
fn oracle_mode() {
    check(&[
        (
            &[ORACLE, "SELECT USER(), DATABASE();"],
            r"
+-------------------+------------+
| USER()            | DATABASE() |
+-------------------+------------+
| SYS@oracle_tenant | SYS        |
+-------------------+------------+
1 row in set",
        ),
        (
            &[
                ORACLE,
                "CREATE TABLE t (a INT, b VARCHAR(5));",
                "INSERT INTO t VALUES (1, 'x');",
                "SELECT * FROM SYS.T;",
            ],
            r"
+------+------+
| A    | B    |
+------+------+
|    1 | x    |
+------+------+
1 row in set",
        ),
        (
            &[ORACLE, "CREATE TABLE t (a INT);", "CREATE TABLE T (b INT);"],
            "ORA-00600: internal error code, arguments: -1050, Table 'T' already exists",
        ),
        (
            &[ORACLE, "ALTER SYSTEM ARCHIVELOG TENANT = oracle_tenant;"],
            "ORA-01031: insufficient privileges",
        ),
        // A missing table or view is ORA-00942, named as resolved: unquoted names in upper
        // case, the current schema when none is given (spec §6.3).
        (
            &[ORACLE, "SELECT * FROM nosuch;"],
            "ORA-00942: table or view 'SYS.NOSUCH' does not exist",
        ),
        (
            &[ORACLE, "SELECT a FROM Sys.NoSuch WHERE a = 1;"],
            "ORA-00942: table or view 'SYS.NOSUCH' does not exist",
        ),
        (
            &[ORACLE, "DESC nosuch;"],
            "ORA-00942: table or view 'SYS.NOSUCH' does not exist",
        ),
        (
            &[ORACLE, "SELECT * FROM CDB_OB_BACKUP_JOBS;"],
            "ORA-00942: table or view 'SYS.CDB_OB_BACKUP_JOBS' does not exist",
        ),
        (
            &[ORACLE, "SELECT * FROM dba_ob_restore_progress;"],
            "ORA-00942: table or view 'SYS.DBA_OB_RESTORE_PROGRESS' does not exist",
        ),
        (
            &[ORACLE, "UPDATE nosuch SET a = 1;"],
            "ORA-00942: table or view 'SYS.NOSUCH' does not exist",
        ),
        (
            &[ORACLE, "TRUNCATE TABLE nosuch;"],
            "ORA-00942: table or view 'SYS.NOSUCH' does not exist",
        ),
        // MySQL mode keeps the name as typed.
        (
            &[MYSQL, "SELECT * FROM test.NoSuch;"],
            "ERROR 1146 (42S02): Table 'test.NoSuch' doesn't exist",
        ),
        (
            &[ORACLE, "ALTER SYSTEM SET ha_low_thread_score = 101;"],
            "ORA-00600: internal error code, arguments: -4147, Invalid config",
        ),
        (
            &[ORACLE, "SELEC 1;"],
            "ORA-00900: You have an error in your SQL syntax; check the manual that corresponds to your OceanBase version for the right syntax to use near 'SELEC 1' at line 1",
        ),
        (
            &[
                ORACLE,
                "ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///a/ora';",
                "ALTER SYSTEM ARCHIVELOG;",
                "SELECT SLEEP(10);",
                "SELECT ROUND_ID, STATUS, START_SCN_DISPLAY FROM DBA_OB_ARCHIVELOG;",
            ],
            r"
+----------+--------+---------------------+
| ROUND_ID | STATUS | START_SCN_DISPLAY   |
+----------+--------+---------------------+
|        1 | DOING  | 2024-05-09 17:50:03 |
+----------+--------+---------------------+
1 row in set",
        ),
    ]);
}
