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

/// A unit and an unused pool `p1` (sys tenant).
const POOL: &str = "CREATE RESOURCE UNIT u MAX_CPU 2, MEMORY_SIZE '5G';\n\
    CREATE RESOURCE POOL p1 UNIT = 'u', UNIT_NUM = 1, ZONE_LIST = ('zone1' 'zone2', 'zone3');";

/// RESTORE in OceanBase's check order, its PREVIEW, SHOW RESTORE PREVIEW, ADD / CLEAR RESTORE
/// SOURCE, CANCEL RESTORE, RECOVER STANDBY and ACTIVATE STANDBY.
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
            "ERROR 1210 (HY000): Incorrect arguments to tenant name, please don't specify tenant name",
        ),
        (
            &[MYSQL, "ALTER SYSTEM ACTIVATE STANDBY;"],
            "Query OK, 0 rows affected",
        ),
        (
            &[MYSQL, "ALTER SYSTEM RECOVER STANDBY UNTIL UNLIMITED;"],
            "ERROR 4179 (HY000): tenant role is not STANDBY, recover is not allowed",
        ),
        (
            &["ALTER SYSTEM RECOVER STANDBY UNTIL UNLIMITED;"],
            "ERROR 1210 (HY000): Incorrect arguments to tenant name, should specify tenant name",
        ),
        (
            &["ALTER SYSTEM RECOVER STANDBY TENANT = sys UNTIL UNLIMITED;"],
            "ERROR 1210 (HY000): Incorrect arguments to tenant name, only support operating user tenant",
        ),
        (
            &["ALTER SYSTEM RECOVER STANDBY TENANT = nosuch UNTIL UNLIMITED;"],
            "ERROR 5160 (HY000): invalid tenant name specified in connection string",
        ),
        (
            &["ALTER SYSTEM RECOVER STANDBY TENANT = mysql_tenant;"],
            "ERROR 1210 (HY000): Incorrect arguments to restore until, should specify restore until point",
        ),
        (
            &["ALTER SYSTEM RECOVER STANDBY TENANT = mysql_tenant UNTIL SCN = 1;"],
            "ERROR 1210 (HY000): Incorrect arguments to until scn, it should be positive integer",
        ),
        (
            &["ALTER SYSTEM RECOVER STANDBY TENANT = mysql_tenant UNTIL TIME = 'soon';"],
            "ERROR 1525 (HY000): Incorrect TIMESTAMP value: 'soon'",
        ),
        (
            &["ALTER SYSTEM ACTIVATE STANDBY TENANT = mysql_tenant;"],
            "Query OK, 0 rows affected",
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
            &["ALTER SYSTEM RESTORE r1 FROM 'file:///a' UNTIL SCN = 1 WITH 'pool_list=p';"],
            "ERROR 1210 (HY000): Incorrect arguments to until scn, it should be positive integer",
        ),
        (
            &[
                "ALTER SYSTEM RESTORE r1 FROM 'file:///a' UNTIL TIME = 'yesterday' WITH 'pool_list=p';",
            ],
            "ERROR 9120 (HY000): cannot find object on object storage",
        ),
        (
            &["ALTER SYSTEM RESTORE r1 UNTIL SCN = 5 WITH 'pool_list=p';"],
            "ERROR 1210 (HY000): Invalid argument",
        ),
        (
            &["ALTER SYSTEM RESTORE r1 FROM 'file:///a' WITH '';"],
            "ERROR 1210 (HY000): Invalid argument",
        ),
        (
            &["ALTER SYSTEM RESTORE mysql_tenant FROM 'file:///a' WITH 'pool_list=p';"],
            "ERROR 9120 (HY000): cannot find object on object storage",
        ),
        (
            &["ALTER SYSTEM RESTORE r1 FROM 'oss://b' WITH 'pool_list=p';"],
            "ERROR 9026 (HY000): oss://b is not a valid uri",
        ),
        (
            &[
                READY,
                BACKED_UP,
                "ALTER SYSTEM RESTORE mysql_tenant FROM 'file:///d/my,file:///a/my' WITH 'pool_list=p';",
            ],
            "ERROR 4179 (HY000): restore tenant with existed tenant name is not allowed",
        ),
        (
            &[
                READY,
                BACKED_UP,
                "ALTER SYSTEM RESTORE r1 FROM 'file:///d/my,file:///a/my' WITH 'pool_list=nopool';",
            ],
            "ERROR 4650 (HY000): resource pool 'nopool' not exist",
        ),
        (
            &[
                READY,
                BACKED_UP,
                "ALTER SYSTEM RESTORE r1 FROM 'file:///d/my,file:///a/my,file:///d/my' WITH 'pool_list=mysql_tenant_pool';",
            ],
            "ERROR 9099 (HY000): r1 restore failed, ROOTSERVICE : OB_RESOURCE_POOL_ALREADY_GRANTED(-4626) on 10.0.0.1:2882 with traceid YB420A000001-000618027C84EAB4-0-0",
        ),
        (
            &["ALTER SYSTEM RESTORE FROM 'file:///a' PREVIEW;"],
            "ERROR 4179 (HY000): restore preview must have a scn or timestamp, otherwise not allowed",
        ),
        (
            &[MYSQL, "ALTER SYSTEM RESTORE FROM 'file:///a' PREVIEW;"],
            "ERROR 4179 (HY000): restore preview must have a scn or timestamp, otherwise not allowed",
        ),
        (
            &[
                MYSQL,
                "ALTER SYSTEM RESTORE FROM 'file:///a' UNTIL SCN = 5 PREVIEW;",
            ],
            "ERROR 1227 (42501): Access denied",
        ),
        (
            &[MYSQL, "SHOW RESTORE PREVIEW;"],
            "ERROR 4179 (HY000): Operation not allowed now",
        ),
        (
            &["SHOW RESTORE PREVIEW;"],
            "ERROR 1235 (0A000): show restore preview before ALTER SYSTEM RESTORE PREVIEW is not supported",
        ),
        (
            &[
                "ALTER SYSTEM RESTORE FROM 'file:///nothing' UNTIL SCN = 5 PREVIEW;",
                "SHOW RESTORE PREVIEW;",
            ],
            "ERROR 9120 (HY000): cannot find object on object storage",
        ),
        (
            &[
                READY,
                BACKED_UP,
                "ALTER SYSTEM RESTORE FROM 'file:///d/my,file:///a/my' UNTIL TIME = '2024-05-09 17:52:00' PREVIEW;",
                "SHOW RESTORE PREVIEW;",
            ],
            r"
+--------------+-----------+--------------------------------+------------------------------------------------------------------------------+
| backup_type  | backup_id | backup_dest                    | description                                                                  |
+--------------+-----------+--------------------------------+------------------------------------------------------------------------------+
| BACKUP_SET   |         1 | file:///d/my/backup_set_1_full |                                                                              |
| BACKUP_PIECE |         1 | file:///a/my/piece_d1002r1p1   | start_scn_display: 20240509T175003, checkpoint_scn_display: 20240509T180004. |
+--------------+-----------+--------------------------------+------------------------------------------------------------------------------+
2 rows in set",
        ),
        (
            &[
                READY,
                BACKED_UP,
                "ALTER SYSTEM RESTORE FROM 'file:///d/my,file:///a/my' UNTIL TIME = '2024-05-09 17:52:00' PREVIEW;",
                "SHOW RESTORE PREVIEW;",
                "SHOW RESTORE PREVIEW;",
            ],
            "ERROR 1235 (0A000): show restore preview before ALTER SYSTEM RESTORE PREVIEW is not supported",
        ),
        (
            &[
                MYSQL,
                "ALTER SYSTEM ADD RESTORE SOURCE 'file:///d/my/backup_set_1_full';",
            ],
            "ERROR 1235 (0A000): non-sys tenant set add restore source is not supported",
        ),
        (
            &[MYSQL, "ALTER SYSTEM CLEAR RESTORE SOURCE;"],
            "ERROR 1227 (42501): Access denied",
        ),
        (
            &[
                "ALTER SYSTEM ADD RESTORE SOURCE 'file:///d/my/backup_set_1_full';",
                "ALTER SYSTEM RESTORE r1 FROM 'file:///d/my' WITH 'pool_list=p1';",
            ],
            "ERROR 1235 (0A000): have backup_dest and restore_source at the same time not supported",
        ),
        (
            &[
                "ALTER SYSTEM ADD RESTORE SOURCE 'file:///d/my/backup_set_1_full';",
                "ALTER SYSTEM RESTORE r1 WITH 'pool_list=p1';",
            ],
            "ERROR 9120 (HY000): cannot find object on object storage",
        ),
        (
            &[
                "ALTER SYSTEM ADD RESTORE SOURCE 'file:///d/my/backup_set_1_full';",
                "ALTER SYSTEM RESTORE r1 WITH 'pool_list=p1';",
                "ALTER SYSTEM RESTORE r1 WITH 'pool_list=p1';",
            ],
            "ERROR 1210 (HY000): Invalid argument",
        ),
        (
            &[
                READY,
                BACKED_UP,
                POOL,
                "ALTER SYSTEM ADD RESTORE SOURCE 'file:///d/my/backup_set_1_full';",
                "ALTER SYSTEM RESTORE r1 WITH 'pool_list=p1';",
            ],
            "ERROR 9119 (HY000): no usable log pieces",
        ),
        (
            &[
                READY,
                BACKED_UP,
                POOL,
                "ALTER SYSTEM RESTORE r1 FROM 'file:///d/my,file:///a/my' WITH 'pool_list=p1';",
                "SELECT TENANT_ID, JOB_ID, RESTORE_TENANT_NAME, STATUS FROM CDB_OB_RESTORE_PROGRESS;",
            ],
            r"
+-----------+--------+---------------------+----------------------------+
| TENANT_ID | JOB_ID | RESTORE_TENANT_NAME | STATUS                     |
+-----------+--------+---------------------+----------------------------+
|         1 |      1 | r1                  | WAIT_TENANT_RESTORE_FINISH |
|      1006 |      1 | r1                  | RESTORING                  |
+-----------+--------+---------------------+----------------------------+
2 rows in set",
        ),
        (
            &[
                READY,
                BACKED_UP,
                POOL,
                "ALTER SYSTEM RESTORE r1 FROM 'file:///d/my,file:///a/my' WITH 'pool_list=p1';",
                "ALTER SYSTEM ACTIVATE STANDBY TENANT r1;",
            ],
            "ERROR 4179 (HY000): tenant status is not normal, failover to primary is not allowed",
        ),
        (
            &[
                READY,
                BACKED_UP,
                POOL,
                "ALTER SYSTEM RESTORE r1 FROM 'file:///d/my,file:///a/my' WITH 'pool_list=p1';",
                "ALTER SYSTEM CANCEL RESTORE r1;",
                "SELECT SLEEP(5);",
                "SELECT TENANT_ID, RESTORE_TENANT_NAME, STATUS FROM CDB_OB_RESTORE_HISTORY;",
            ],
            r"
+-----------+---------------------+--------+
| TENANT_ID | RESTORE_TENANT_NAME | STATUS |
+-----------+---------------------+--------+
|         1 | r1                  | FAIL   |
+-----------+---------------------+--------+
1 row in set",
        ),
        (
            &[
                READY,
                BACKED_UP,
                POOL,
                "ALTER SYSTEM RESTORE r1 FROM 'file:///d/my,file:///a/my' WITH 'pool_list=p1';",
                "connect root@r1",
                "CREATE DATABASE x;",
            ],
            "ERROR 4688 (HY000): standby tenant is read only",
        ),
        (
            &["ALTER SYSTEM CANCEL RESTORE nosuch;"],
            "ERROR 5157 (HY000): Unknown tenant 'nosuch'",
        ),
        (
            &["ALTER SYSTEM CANCEL RESTORE mysql_tenant;"],
            "ERROR 4179 (HY000): Cancel tenant not in restore is not allowed",
        ),
    ]);
}

/// RESTORE's option string, paths, window, encryption and complement-log rules, and what a
/// finished restore allows (quick restore, RECOVER STANDBY targets).
#[test]
fn restore_rules() {
    let from = "FROM 'file:///d/my,file:///a/my'";
    let restore = |tail: &str| format!("ALTER SYSTEM RESTORE r1 {from} {tail};");
    check(&[
        (
            &[
                READY,
                BACKED_UP,
                POOL,
                &restore("WITH 'pool_list=p1&concurrency=101'"),
            ],
            "ERROR 1210 (HY000): Incorrect arguments to restore concurrency",
        ),
        (
            &[
                READY,
                BACKED_UP,
                POOL,
                &restore("WITH 'pool_list=p1& locality=F@zone1'"),
            ],
            "ERROR 1210 (HY000): Invalid argument",
        ),
        (
            &[
                READY,
                BACKED_UP,
                POOL,
                &restore("WITH 'pool_list=p1&method=fast'"),
            ],
            "ERROR 1210 (HY000): Invalid argument",
        ),
        (
            &[READY, BACKED_UP, POOL, &restore("WITH 'locality=F@zone1'")],
            "ERROR 1210 (HY000): Invalid argument",
        ),
        (
            &[
                READY,
                BACKED_UP,
                POOL,
                &restore("WITH 'pool_list=p1&locality=F@zone9'"),
            ],
            "ERROR 1210 (HY000): Incorrect arguments to locality",
        ),
        (
            &[
                READY,
                BACKED_UP,
                POOL,
                &restore("WITH 'pool_list=p1&locality=F@zone1,C@zone2'"),
            ],
            "ERROR 1235 (0A000): restore tenant with COLUMNSTORE replica in locality is not supported",
        ),
        (
            &[
                READY,
                BACKED_UP,
                POOL,
                &restore("WITH 'pool_list=p1&primary_zone=zone9'"),
            ],
            "ERROR 9099 (HY000): r1 restore failed, ROOTSERVICE : OB_PRIMARY_ZONE_NOT_IN_ZONE_LIST(-4643) on 10.0.0.1:2882 with traceid YB420A000001-000618027C85A308-0-0",
        ),
        (
            &[
                READY,
                "connect SYS@oracle_tenant",
                "ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///d/or';",
                "connect root@sys",
                "ALTER SYSTEM RESTORE r1 FROM 'file:///d/my,file:///d/or' WITH 'pool_list=p1';",
            ],
            "ERROR 1235 (0A000): It is not support to restore from multiple tenant backup paths. not supported",
        ),
        (
            &[
                READY,
                "connect SYS@oracle_tenant",
                "ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///a/or';",
                "connect root@sys",
                "ALTER SYSTEM RESTORE r1 FROM 'file:///d/my,file:///a/or' WITH 'pool_list=p1';",
            ],
            "ERROR 4179 (HY000): restoring backup pieces of different tenants not allowed",
        ),
        (
            &[
                READY,
                BACKED_UP,
                POOL,
                &restore("UNTIL TIME = '2024-05-09 17:51:00' WITH 'pool_list=p1'"),
            ],
            "ERROR 4018 (HY000): No enough log for restore",
        ),
        (
            &[
                READY,
                BACKED_UP,
                POOL,
                &restore("UNTIL TIME = '2024-05-09 24:00:00' WITH 'pool_list=p1'"),
            ],
            "ERROR 1210 (HY000): Invalid argument",
        ),
        (
            &[
                READY,
                BACKED_UP,
                POOL,
                &restore("UNTIL SCN = 4611686018427387903 WITH 'pool_list=p1'"),
            ],
            "ERROR 4018 (HY000): No enough log for restore",
        ),
        // Encrypted: SET DECRYPTION opens it, a completed SHOW RESTORE PREVIEW forgets it.
        (
            &[
                READY,
                "SET ENCRYPTION ON IDENTIFIED BY 'pw' ONLY;",
                BACKED_UP,
                POOL,
                &restore("WITH 'pool_list=p1'"),
            ],
            "ERROR 9047 (HY000): invalid password for backup",
        ),
        (
            &[
                READY,
                "SET ENCRYPTION ON IDENTIFIED BY 'pw' ONLY;",
                BACKED_UP,
                POOL,
                "SET DECRYPTION IDENTIFIED BY 'other', 'pw';",
                &format!("ALTER SYSTEM RESTORE {from} UNTIL TIME = '2024-05-09 17:55:00' PREVIEW;"),
                "SHOW RESTORE PREVIEW;",
                &restore("WITH 'pool_list=p1'"),
            ],
            "ERROR 9047 (HY000): invalid password for backup",
        ),
        (
            &[
                READY,
                "SET ENCRYPTION ON IDENTIFIED BY 'pw' ONLY;",
                BACKED_UP,
                POOL,
                "SET DECRYPTION IDENTIFIED BY 'pw';",
                &restore("WITH 'pool_list=p1'"),
                &restore("WITH 'pool_list=p1'"),
            ],
            "ERROR 4179 (HY000): restore tenant with existed tenant name is not allowed",
        ),
        // A data root alone: only a PLUS ARCHIVELOG set's own log, to its MIN_RESTORE_SCN.
        (
            &[
                READY,
                BACKED_UP,
                POOL,
                "ALTER SYSTEM RESTORE r1 FROM 'file:///d/my' WITH 'pool_list=p1';",
            ],
            "ERROR 4018 (HY000): No enough log for restore",
        ),
        (
            &[
                READY,
                "ALTER SYSTEM BACKUP DATABASE PLUS ARCHIVELOG;",
                "SELECT SLEEP(600);",
                "connect root@sys",
                POOL,
                "ALTER SYSTEM RESTORE r1 FROM 'file:///d/my' WITH 'pool_list=p1';",
                "SELECT BACKUP_SET_LIST, BACKUP_PIECE_LIST, RESTORE_SCN_DISPLAY FROM DBA_OB_RESTORE_PROGRESS;",
            ],
            r"
+--------------------------------+-------------------+----------------------------+
| BACKUP_SET_LIST                | BACKUP_PIECE_LIST | RESTORE_SCN_DISPLAY        |
+--------------------------------+-------------------+----------------------------+
| file:///d/my/backup_set_1_full |                   | 2024-05-09 17:51:45.507733 |
+--------------------------------+-------------------+----------------------------+
1 row in set",
        ),
        // ADD RESTORE SOURCE's own texts (R§6).
        (
            &[
                READY,
                BACKED_UP,
                POOL,
                "ALTER SYSTEM ADD RESTORE SOURCE 'file:///d/my/backup_set_1_full,file:///a/my/piece_d1002r1p1';",
                "ALTER SYSTEM RESTORE r1 UNTIL TIME = '2024-05-09 17:50:00' WITH 'pool_list=p1';",
            ],
            "ERROR 9119 (HY000): no full backup set can be used to restore to given time, minimum restorable time is 2024-05-09 17:51:45.507733",
        ),
        (
            &[
                READY,
                BACKED_UP,
                POOL,
                "ALTER SYSTEM ADD RESTORE SOURCE 'file:///d/my/backup_set_1_full,file:///a/my/piece_d1002r1p1';",
                "ALTER SYSTEM RESTORE r1 UNTIL TIME = '2099-01-01 00:00:00' WITH 'pool_list=p1';",
            ],
            "ERROR 9119 (HY000): no enough log, maximum restorable time is 2024-05-09 18:00:04.432838",
        ),
        (
            &[
                READY,
                BACKED_UP,
                POOL,
                "ALTER SYSTEM ADD RESTORE SOURCE 'file:///a/my/piece_d1002r1p1';",
                "ALTER SYSTEM RESTORE r1 WITH 'pool_list=p1';",
            ],
            "ERROR 9119 (HY000): no backup set is available",
        ),
        (
            &[
                READY,
                BACKED_UP,
                POOL,
                "ALTER SYSTEM ADD RESTORE SOURCE 'file:///d/my/backup_set_9_full';",
                "ALTER SYSTEM RESTORE r1 WITH 'pool_list=p1';",
            ],
            "ERROR 9120 (HY000): cannot find object on object storage",
        ),
        // After the restore: a quick restore stays REMOTE and cannot be activated; RECOVER
        // STANDBY cannot go back before SYNC_SCN.
        (
            &[
                READY,
                BACKED_UP,
                POOL,
                &restore("WITH 'pool_list=p1&method=quick'"),
                "SELECT SLEEP(120);",
                "ALTER SYSTEM ACTIVATE STANDBY TENANT r1;",
            ],
            "ERROR 4179 (HY000): Tenant restore data mode is remote. Operation is not allowed",
        ),
        (
            &[
                READY,
                BACKED_UP,
                POOL,
                &restore("WITH 'pool_list=p1'"),
                "SELECT SLEEP(120);",
                "ALTER SYSTEM RECOVER STANDBY TENANT = r1 UNTIL SCN = 100;",
            ],
            "ERROR 4179 (HY000): recover before tenant sync_scn sync_scn is not allowed",
        ),
        (
            &[
                READY,
                BACKED_UP,
                POOL,
                &restore("WITH 'pool_list=p1'"),
                "SELECT SLEEP(120);",
                "ALTER SYSTEM RECOVER STANDBY TENANT = r1 UNTIL TIME = '2099-01-01 00:00:00';",
                "ALTER SYSTEM ACTIVATE STANDBY TENANT r1 VERIFY;",
                "SELECT TENANT_ROLE, RECOVERY_UNTIL_SCN FROM DBA_OB_TENANTS WHERE TENANT_NAME = 'r1';",
            ],
            r"
+-------------+---------------------+
| TENANT_ROLE | RECOVERY_UNTIL_SCN  |
+-------------+---------------------+
| STANDBY     | 4070880000000000000 |
+-------------+---------------------+
1 row in set",
        ),
        (
            &[
                READY,
                BACKED_UP,
                POOL,
                &restore("WITH 'pool_list=p1'"),
                "SELECT SLEEP(120);",
                "connect root@r1",
                "SELECT JOB_ID, RESTORE_TENANT_NAME, STATUS FROM DBA_OB_RESTORE_HISTORY;",
            ],
            r"
+--------+---------------------+---------+
| JOB_ID | RESTORE_TENANT_NAME | STATUS  |
+--------+---------------------+---------+
|      1 | r1                  | SUCCESS |
+--------+---------------------+---------+
1 row in set",
        ),
        (
            &[
                READY,
                BACKED_UP,
                POOL,
                &restore("WITH 'pool_list=p1'"),
                "connect root@mysql_tenant",
                "SELECT * FROM DBA_OB_RESTORE_PROGRESS;",
            ],
            "Empty set",
        ),
    ]);
}

/// CREATE / DROP RESOURCE UNIT and POOL, and their views.
#[test]
fn resource_units_and_pools() {
    check(&[
        (
            &[MYSQL, "CREATE RESOURCE UNIT u MAX_CPU 1, MEMORY_SIZE '5G';"],
            "ERROR 1227 (42501): Access denied",
        ),
        (
            &[MYSQL, "CREATE RESOURCE UNIT u MAX_CPU 1, MEMORY_SIZE 0;"],
            "ERROR 1210 (HY000): Incorrect arguments to MEMORY_SIZE, value should be positive",
        ),
        (
            &["CREATE RESOURCE UNIT u MEMORY_SIZE '5G';"],
            "ERROR 1210 (HY000): Miss argument for MAX_CPU",
        ),
        (
            &["CREATE RESOURCE UNIT u MAX_CPU 1;"],
            "ERROR 1210 (HY000): Miss argument for MEMORY_SIZE",
        ),
        (
            &["CREATE RESOURCE UNIT u MAX_CPU 0.9, MEMORY_SIZE '5G';"],
            "ERROR 4659 (HY000): invalid MAX_CPU value, min value is 1",
        ),
        (
            &["CREATE RESOURCE UNIT u MAX_CPU 1, MIN_CPU 2, MEMORY_SIZE '5G';"],
            "ERROR 1210 (HY000): Incorrect arguments to MIN_CPU, MIN_CPU is greater than MAX_CPU",
        ),
        (
            &["CREATE RESOURCE UNIT u MAX_CPU 1, MEMORY_SIZE '999M';"],
            "ERROR 4659 (HY000): invalid MEMORY_SIZE value, min value is 1073741824",
        ),
        (
            &["CREATE RESOURCE UNIT u MAX_CPU 1, MEMORY_SIZE '1024';"],
            "ERROR 1064 (42000): Parse error",
        ),
        (
            &["CREATE RESOURCE UNIT u MAX_CPU 1, MEMORY_SIZE '2G', LOG_DISK_SIZE '1G';"],
            "ERROR 4659 (HY000): invalid LOG_DISK_SIZE value, min value is 2147483648",
        ),
        (
            &["CREATE RESOURCE UNIT u MAX_CPU 1, MEMORY_SIZE '2G', MIN_IOPS=1023;"],
            "ERROR 4659 (HY000): invalid MIN_IOPS value, min value is 1024",
        ),
        (
            &["CREATE RESOURCE UNIT u MAX_CPU 1, MEMORY_SIZE '2G', DATA_DISK_SIZE '10G';"],
            "ERROR 1235 (0A000): DATA_DISK_SIZE in shared-nothing mode not supported",
        ),
        (
            &["CREATE RESOURCE UNIT u MAX_CPU 1, MIN_MEMORY='1G';"],
            "ERROR 1064 (42000): You have an error in your SQL syntax; check the manual that corresponds to your OceanBase version for the right syntax to use near 'MIN_MEMORY='1G'' at line 1",
        ),
        (
            &[
                "CREATE RESOURCE UNIT u MAX_CPU 1, MEMORY_SIZE '2G';",
                "CREATE RESOURCE UNIT u MAX_CPU 1, MEMORY_SIZE '2G';",
            ],
            "ERROR 4649 (HY000): resource unit 'u' already exist",
        ),
        (
            &[
                "CREATE RESOURCE UNIT u MAX_CPU 1, MEMORY_SIZE '2G';",
                "CREATE RESOURCE UNIT IF NOT EXISTS u MAX_CPU 1, MEMORY_SIZE '2G';",
            ],
            "Query OK, 0 rows affected",
        ),
        (
            &["CREATE RESOURCE POOL p UNIT = 'u', UNIT_NUM = 0;"],
            "ERROR 1210 (HY000): Incorrect arguments to unit_num, can't be zero",
        ),
        (
            &[MYSQL, "CREATE RESOURCE POOL p UNIT = 'u', UNIT_NUM = 0;"],
            "ERROR 1210 (HY000): Incorrect arguments to unit_num, can't be zero",
        ),
        (
            &["CREATE RESOURCE POOL p UNIT = 'u', REPLICA_TYPE = 'READONLY';"],
            "ERROR 1235 (0A000): replica_type of resource pool other than FULL replica not supported",
        ),
        (
            &["CREATE RESOURCE POOL p UNIT = 'nou';"],
            "ERROR 4648 (HY000): resource unit 'nou' not exist",
        ),
        (
            &[POOL, "CREATE RESOURCE POOL p1 UNIT = 'u';"],
            "ERROR 4651 (HY000): resource pool 'p1' exist",
        ),
        (
            &[
                POOL,
                "CREATE RESOURCE POOL p2 UNIT = 'u', ZONE_LIST = ('z1');",
            ],
            "ERROR 4530 (HY000): Zone info 'z1' not exist",
        ),
        (
            &[
                POOL,
                "CREATE RESOURCE POOL p2 UNIT = 'u', ZONE_LIST = ('zone1', 'zone1');",
            ],
            "ERROR 4641 (HY000): Duplicated zone 'zone1' in zone list ('zone1','zone1')",
        ),
        (
            &[
                "CREATE RESOURCE UNIT s MAX_CPU 1, MEMORY_SIZE '2G';",
                "CREATE RESOURCE POOL p2 UNIT = 's';",
            ],
            "ERROR 1235 (0A000): unit MEMORY_SIZE less than __min_full_resource_pool_memory not supported",
        ),
        (
            &[POOL, "CREATE RESOURCE POOL p2 UNIT = 'u', UNIT_NUM = 2;"],
            "ERROR 4656 (HY000): resource pool unit num is bigger than zone server count",
        ),
        (
            &[POOL, "DROP RESOURCE UNIT u;"],
            "ERROR 4634 (HY000): resource unit 'u' is referenced by some resource pool",
        ),
        (
            &["DROP RESOURCE POOL mysql_tenant_pool;"],
            "ERROR 4626 (HY000): resource pool 'mysql_tenant_pool' has already been granted to a tenant",
        ),
        (
            &["DROP RESOURCE POOL nosuch;"],
            "ERROR 4650 (HY000): resource pool 'nosuch' not exist",
        ),
        (
            &["DROP RESOURCE UNIT nosuch;"],
            "ERROR 4648 (HY000): resource unit 'nosuch' not exist",
        ),
        (
            &["DROP RESOURCE POOL IF EXISTS nosuch;"],
            "Query OK, 0 rows affected",
        ),
        (
            &[
                "CREATE RESOURCE UNIT unit_backup MAX_CPU 8, MEMORY_SIZE = '16G', MAX_IOPS 10240, MIN_IOPS=10240;",
                "SELECT UNIT_CONFIG_ID, NAME, MAX_CPU, MIN_CPU, MEMORY_SIZE, LOG_DISK_SIZE, DATA_DISK_SIZE, MAX_IOPS, MIN_IOPS FROM DBA_OB_UNIT_CONFIGS WHERE NAME = 'unit_backup';",
            ],
            r"
+----------------+-------------+---------+---------+-------------+---------------+----------------+----------+----------+
| UNIT_CONFIG_ID | NAME        | MAX_CPU | MIN_CPU | MEMORY_SIZE | LOG_DISK_SIZE | DATA_DISK_SIZE | MAX_IOPS | MIN_IOPS |
+----------------+-------------+---------+---------+-------------+---------------+----------------+----------+----------+
|           1003 | unit_backup |       8 |       8 | 17179869184 |   51539607552 |           NULL |    10240 |    10240 |
+----------------+-------------+---------+---------+-------------+---------------+----------------+----------+----------+
1 row in set",
        ),
        (
            &[
                POOL,
                "SELECT RESOURCE_POOL_ID, NAME, TENANT_ID, UNIT_COUNT, UNIT_CONFIG_ID, ZONE_LIST, REPLICA_TYPE FROM DBA_OB_RESOURCE_POOLS;",
            ],
            r"
+------------------+--------------------+-----------+------------+----------------+-------------------+--------------+
| RESOURCE_POOL_ID | NAME               | TENANT_ID | UNIT_COUNT | UNIT_CONFIG_ID | ZONE_LIST         | REPLICA_TYPE |
+------------------+--------------------+-----------+------------+----------------+-------------------+--------------+
|                1 | sys_pool           |         1 |          1 |              1 | zone1;zone2;zone3 | FULL         |
|             1001 | mysql_tenant_pool  |      1002 |          1 |           1001 | zone1;zone2;zone3 | FULL         |
|             1002 | oracle_tenant_pool |      1004 |          1 |           1002 | zone1;zone2;zone3 | FULL         |
|             1003 | p1                 |      NULL |          1 |           1003 | zone1;zone2;zone3 | FULL         |
+------------------+--------------------+-----------+------------+----------------+-------------------+--------------+
4 rows in set",
        ),
        (
            &[MYSQL, "ALTER RESOURCE UNIT u MAX_CPU 2;"],
            "ERROR 1227 (42501): Access denied",
        ),
        (
            &[MYSQL, "ALTER RESOURCE POOL p UNIT_NUM 0;"],
            "ERROR 1210 (HY000): Incorrect arguments to unit_num, can't be zero",
        ),
        (
            &["ALTER RESOURCE UNIT nosuch MAX_CPU 2;"],
            "ERROR 4648 (HY000): resource unit 'nosuch' not exist",
        ),
        (
            &[POOL, "ALTER RESOURCE UNIT u MIN_CPU 4;"],
            "ERROR 1210 (HY000): Incorrect arguments to MIN_CPU, MIN_CPU is greater than MAX_CPU",
        ),
        (
            &[POOL, "ALTER RESOURCE UNIT u MEMORY_SIZE '4G';"],
            "ERROR 1235 (0A000): unit MEMORY_SIZE less than __min_full_resource_pool_memory not supported",
        ),
        (
            &[
                POOL,
                "ALTER RESOURCE UNIT u MAX_CPU 4, MEMORY_SIZE '8G';",
                "ALTER RESOURCE UNIT u;",
                "SELECT NAME, MAX_CPU, MIN_CPU, MEMORY_SIZE, LOG_DISK_SIZE FROM DBA_OB_UNIT_CONFIGS WHERE NAME = 'u';",
            ],
            r"
+------+---------+---------+-------------+---------------+
| NAME | MAX_CPU | MIN_CPU | MEMORY_SIZE | LOG_DISK_SIZE |
+------+---------+---------+-------------+---------------+
| u    |       4 |       2 |  8589934592 |   16106127360 |
+------+---------+---------+-------------+---------------+
1 row in set",
        ),
        (
            &["ALTER RESOURCE POOL nosuch UNIT_NUM 1;"],
            "ERROR 4650 (HY000): resource pool 'nosuch' not exist",
        ),
        (
            &[POOL, "ALTER RESOURCE POOL p1 UNIT 'u', UNIT_NUM 1;"],
            "ERROR 1235 (0A000): alter unit_num, resource_unit, zone_list in one cmd not supported",
        ),
        (
            &[POOL, "ALTER RESOURCE POOL p1 UNIT 'nou';"],
            "ERROR 4648 (HY000): resource unit 'nou' not exist",
        ),
        (
            &[POOL, "ALTER RESOURCE POOL p1 UNIT_NUM 2;"],
            "ERROR 4656 (HY000): resource pool unit num is bigger than zone server count",
        ),
        (
            &[POOL, "ALTER RESOURCE POOL p1 ZONE_LIST ('zone1', 'zone9');"],
            "ERROR 4530 (HY000): Zone info 'zone9' not exist",
        ),
        (
            &[
                POOL,
                "CREATE RESOURCE UNIT u2 MAX_CPU 1, MEMORY_SIZE '6G';",
                "ALTER RESOURCE POOL p1 UNIT = 'u2';",
                "ALTER RESOURCE POOL p1 ZONE_LIST = ('zone2');",
                "SELECT NAME, UNIT_CONFIG_ID, ZONE_LIST FROM DBA_OB_RESOURCE_POOLS WHERE NAME = 'p1';",
            ],
            r"
+------+----------------+-----------+
| NAME | UNIT_CONFIG_ID | ZONE_LIST |
+------+----------------+-----------+
| p1   |           1004 | zone2     |
+------+----------------+-----------+
1 row in set",
        ),
    ]);
}

/// SHOW TENANTS / DATABASES / TABLES / CREATE TABLE.
/// ALTER SYSTEM SET LOG_RESTORE_SOURCE: a backup configuration item (one tenant, not mixed with
/// parameters), its value rules, and the views.
#[test]
fn log_restore_source() {
    check(&[
        (
            &["ALTER SYSTEM SET LOG_RESTORE_SOURCE = 'LOCATION=file:///a/my';"],
            "ERROR 1235 (0A000): Not supported feature or function",
        ),
        (
            &[
                MYSQL,
                "ALTER SYSTEM SET LOG_RESTORE_SOURCE = 'LOCATION=file:///a/my' TENANT = mysql_tenant;",
            ],
            "ERROR 1227 (42501): Access denied",
        ),
        (
            &["ALTER SYSTEM SET LOG_RESTORE_SOURCE = 'LOCATION=file:///a/my' TENANT = nosuch;"],
            "ERROR 5160 (HY000): invalid tenant name specified in connection string",
        ),
        (
            &[
                "ALTER SYSTEM SET LOG_RESTORE_SOURCE = 'LOCATION=file:///a/my' TENANT = mysql_tenant, ha_low_thread_score = 3;",
            ],
            "ERROR 1235 (0A000): backup configuration items cannot be set together with non data backup configuration items not supported",
        ),
        (
            &["ALTER SYSTEM SET LOG_RESTORE_SOURCE = 'LOCATION=oss://b' TENANT = mysql_tenant;"],
            "ERROR 1210 (HY000): Incorrect arguments to log_restore_source",
        ),
        (
            &["ALTER SYSTEM SET LOG_RESTORE_SOURCE = 'PLACE=file:///a' TENANT = mysql_tenant;"],
            "ERROR 1210 (HY000): Incorrect arguments to log_restore_source",
        ),
        (
            &["ALTER SYSTEM SET LOG_RESTORE_SOURCE = 5 TENANT = mysql_tenant;"],
            "ERROR 1210 (HY000): Incorrect arguments to log_restore_source",
        ),
        (
            &[
                "ALTER SYSTEM SET LOG_RESTORE_SOURCE = 'SERVICE=10.0.0.1:2881 USER=rep@mysql_tenant PASSWORD=x' TENANT = mysql_tenant;",
            ],
            "ERROR 4179 (HY000): set tenant itself as log restore source is not allowed",
        ),
        (
            &[
                "ALTER SYSTEM SET LOG_RESTORE_SOURCE = 'SERVICE=10.0.0.1:2881 USER=rep@oracle_tenant PASSWORD=x' TENANT = mysql_tenant;",
                "ALTER SYSTEM SET LOG_RESTORE_SOURCE = 'LOCATION=file:///a/or' TENANT = oracle_tenant;",
                "SELECT * FROM CDB_OB_LOG_RESTORE_SOURCE;",
            ],
            r"
+-----------+------+----------+---------------------------------------------------------+---------------------+
| TENANT_ID | ID   | TYPE     | VALUE                                                   | RECOVERY_UNTIL_SCN  |
+-----------+------+----------+---------------------------------------------------------+---------------------+
|      1002 |    1 | SERVICE  | SERVICE=10.0.0.1:2881 USER=rep@oracle_tenant PASSWORD=x | 4611686018427387903 |
|      1004 |    1 | LOCATION | file:///a/or                                            | 4611686018427387903 |
+-----------+------+----------+---------------------------------------------------------+---------------------+
2 rows in set",
        ),
        (
            &[
                MYSQL,
                "ALTER SYSTEM SET LOG_RESTORE_SOURCE = 'LOCATION=file:///a/x';",
                "ALTER SYSTEM SET LOG_RESTORE_SOURCE = '';",
                "SELECT * FROM DBA_OB_LOG_RESTORE_SOURCE;",
            ],
            "Empty set",
        ),
        (
            &[
                MYSQL,
                "ALTER SYSTEM SET LOG_RESTORE_SOURCE = 'LOCATION=file:///a/x';",
                "SELECT TENANT_ID, TYPE, VALUE FROM DBA_OB_LOG_RESTORE_SOURCE;",
            ],
            r"
+-----------+----------+-------------+
| TENANT_ID | TYPE     | VALUE       |
+-----------+----------+-------------+
|      1002 | LOCATION | file:///a/x |
+-----------+----------+-------------+
1 row in set",
        ),
        (
            &[MYSQL, "SELECT * FROM CDB_OB_LOG_RESTORE_SOURCE;"],
            "ERROR 1146 (42S02): Table 'oceanbase.CDB_OB_LOG_RESTORE_SOURCE' doesn't exist",
        ),
    ]);
}

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
            "Query OK, 2 rows affected\nRows matched: 2  Changed: 2  Warnings: 0",
        ),
        (
            &[T, "UPDATE test.t SET n = 10 WHERE id = 1;"],
            "Query OK, 0 rows affected\nRows matched: 1  Changed: 0  Warnings: 0",
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
            &[MYSQL, "SELECT COUNT(*) FROM DBA_OB_UNIT_CONFIGS;"],
            "ERROR 1146 (42S02): Table 'oceanbase.DBA_OB_UNIT_CONFIGS' doesn't exist",
        ),
        (
            &[MYSQL, "SELECT * FROM DBA_OB_RESTORE_PROGRESS;"],
            "Empty set",
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
            &[ORACLE, "SELECT * FROM dba_ob_unit_configs;"],
            "ORA-00942: table or view 'SYS.DBA_OB_UNIT_CONFIGS' does not exist",
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
