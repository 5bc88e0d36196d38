//! Cleanup statements and views as obclient prints them (R§14): the policy's stored window,
//! CANCEL DELETE BACKUP, the refused DELETE forms, and the rows an hourly job leaves.

use crate::sql::exec::tests::{MYSQL, READY, check};

/// After `READY`: two full backups (sets 1 and 2), a policy that makes set 1 obsolete, and
/// the first hourly trigger come and gone (the job is in history).
const CLEANED: &str = "ALTER SYSTEM BACKUP DATABASE;\n\
    SELECT SLEEP(600);\n\
    ALTER SYSTEM BACKUP DATABASE;\n\
    SELECT SLEEP(600);\n\
    ALTER SYSTEM ADD DELETE BACKUP POLICY 'default' RECOVERY_WINDOW '1m';\n\
    SELECT SLEEP(3600);";

#[test]
fn policy_statements() {
    check(&[
        (
            &[
                MYSQL,
                "ALTER SYSTEM ADD DELETE BACKUP POLICY 'default' REDUNDANCY 1;",
                "SELECT * FROM DBA_OB_BACKUP_DELETE_POLICY;",
            ],
            r"
+-------------+-----------------+
| POLICY_NAME | RECOVERY_WINDOW |
+-------------+-----------------+
| default     |                 |
+-------------+-----------------+
1 row in set",
        ),
        (
            &[
                MYSQL,
                "ALTER SYSTEM ADD DELETE BACKUP POLICY 'default' RECOVERY_WINDOW '7d';",
                "ALTER SYSTEM ADD DELETE BACKUP POLICY = 'default' RECOVERY_WINDOW = '24h' REDUNDANCY = 1;",
                "SELECT * FROM DBA_OB_BACKUP_DELETE_POLICY;",
            ],
            r"
+-------------+-----------------+
| POLICY_NAME | RECOVERY_WINDOW |
+-------------+-----------------+
| default     | 24h             |
+-------------+-----------------+
1 row in set",
        ),
        (
            &[MYSQL, "ALTER SYSTEM DROP DELETE BACKUP POLICY 'default';"],
            "Query OK, 0 rows affected",
        ),
        (
            &[
                MYSQL,
                "ALTER SYSTEM ADD DELETE BACKUP POLICY 'default' RECOVERY_WINDOW '' REDUNDANCY 1;",
            ],
            "ERROR 1235 (0A000): recovery window is not be time string not supported",
        ),
        (
            &[MYSQL, "ALTER SYSTEM DROP DELETE BACKUP POLICY 'other';"],
            "ERROR 1235 (0A000): The policy name is not 'default', it is not supported",
        ),
    ]);
}

#[test]
fn cancel_delete_backup_and_the_refused_delete_forms() {
    check(&[
        (
            &[MYSQL, "ALTER SYSTEM CANCEL DELETE BACKUP;"],
            "Query OK, 0 rows affected",
        ),
        (
            &["ALTER SYSTEM CANCEL DELETE BACKUP DESCRIPTION 'x';"],
            "Query OK, 0 rows affected",
        ),
        (
            &["ALTER SYSTEM CANCEL DELETE BACKUP TENANT = mysql_tenant, oracle_tenant;"],
            "Query OK, 0 rows affected",
        ),
        (
            &[MYSQL, "ALTER SYSTEM DELETE BACKUPPIECE 1;"],
            "ERROR 1235 (0A000): function is not supported",
        ),
        (
            &["ALTER SYSTEM DELETE OBSOLETE BACKUP TENANT = mysql_tenant DESCRIPTION 'x';"],
            "ERROR 1235 (0A000): function is not supported",
        ),
        (
            &["ALTER SYSTEM DELETE BACKUPSET 1 COPY 1 TENANT = nosuch;"],
            "ERROR 1235 (0A000): function is not supported",
        ),
    ]);
}

#[test]
fn an_hourly_job_and_its_tasks_in_the_views() {
    check(&[
        (
            &[
                READY,
                CLEANED,
                "SELECT JOB_ID, INCARNATION, INITIATOR_TENANT_ID, INITIATOR_JOB_ID, EXECUTOR_TENANT_ID, TYPE, JOB_LEVEL, STATUS, TASK_COUNT, SUCCESS_TASK_COUNT, RESULT, COMMENT FROM DBA_OB_BACKUP_DELETE_JOB_HISTORY;",
            ],
            r"
+--------+-------------+---------------------+------------------+--------------------+------------------------+-------------+-----------+------------+--------------------+--------+---------+
| JOB_ID | INCARNATION | INITIATOR_TENANT_ID | INITIATOR_JOB_ID | EXECUTOR_TENANT_ID | TYPE                   | JOB_LEVEL   | STATUS    | TASK_COUNT | SUCCESS_TASK_COUNT | RESULT | COMMENT |
+--------+-------------+---------------------+------------------+--------------------+------------------------+-------------+-----------+------------+--------------------+--------+---------+
|      3 |           1 |                1002 |                0 | 1002               | DELETE OBSOLETE BACKUP | USER_TENANT | COMPLETED |          1 |                  1 |      0 |         |
+--------+-------------+---------------------+------------------+--------------------+------------------------+-------------+-----------+------------+--------------------+--------+---------+
1 row in set",
        ),
        (
            &[
                READY,
                CLEANED,
                "SELECT PARAMETER, START_TIMESTAMP FROM DBA_OB_BACKUP_DELETE_JOB_HISTORY;",
            ],
            r"
+----------------------------+----------------------------+
| PARAMETER                  | START_TIMESTAMP            |
+----------------------------+----------------------------+
| 2024-05-09 18:49:00.000000 | 2024-05-09 18:50:00.000000 |
+----------------------------+----------------------------+
1 row in set",
        ),
        (
            &[
                READY,
                CLEANED,
                "SELECT TASK_ID, INCARNATION, JOB_ID, TASK_TYPE, ID, ROUND_ID, DEST_ID, STATUS, TOTAL_LS_COUNT, FINISH_LS_COUNT, RESULT, COMMENT, PATH FROM DBA_OB_BACKUP_DELETE_TASK_HISTORY;",
            ],
            r"
+---------+-------------+--------+------------+------+----------+---------+-----------+----------------+-----------------+--------+---------+--------------+
| TASK_ID | INCARNATION | JOB_ID | TASK_TYPE  | ID   | ROUND_ID | DEST_ID | STATUS    | TOTAL_LS_COUNT | FINISH_LS_COUNT | RESULT | COMMENT | PATH         |
+---------+-------------+--------+------------+------+----------+---------+-----------+----------------+-----------------+--------+---------+--------------+
|       3 |           1 |      3 | BACKUP SET |    1 |        0 |    1001 | COMPLETED |              4 |               4 |      0 |         | file:///d/my |
+---------+-------------+--------+------------+------+----------+---------+-----------+----------------+-----------------+--------+---------+--------------+
1 row in set",
        ),
        (
            &[
                READY,
                CLEANED,
                "SELECT BACKUP_SET_ID, FILE_STATUS FROM DBA_OB_BACKUP_SET_FILES;",
            ],
            r"
+---------------+-------------+
| BACKUP_SET_ID | FILE_STATUS |
+---------------+-------------+
|             1 | DELETED     |
|             2 | AVAILABLE   |
+---------------+-------------+
2 rows in set",
        ),
        (
            &[READY, CLEANED, "SELECT * FROM DBA_OB_BACKUP_DELETE_JOBS;"],
            "Empty set",
        ),
        (
            &[
                READY,
                CLEANED,
                "connect root@sys",
                "SELECT TENANT_ID, TASK_ID, JOB_ID, STATUS FROM CDB_OB_BACKUP_DELETE_TASK_HISTORY;",
            ],
            r"
+-----------+---------+--------+-----------+
| TENANT_ID | TASK_ID | JOB_ID | STATUS    |
+-----------+---------+--------+-----------+
|      1002 |       3 |      3 | COMPLETED |
+-----------+---------+--------+-----------+
1 row in set",
        ),
        (
            &[
                MYSQL,
                "ALTER SYSTEM ADD DELETE BACKUP POLICY 'default' REDUNDANCY 1;",
                "SELECT SLEEP(7200);",
                "SELECT COUNT(*) FROM DBA_OB_BACKUP_DELETE_JOB_HISTORY;",
            ],
            r"
+----------+
| COUNT(*) |
+----------+
|        0 |
+----------+
1 row in set",
        ),
    ]);
}

#[test]
fn desc_of_the_task_views() {
    check(&[(
        &["DESC CDB_OB_BACKUP_DELETE_TASKS;"],
        r"
+-----------------+---------------+------+------+---------+-------+
| Field           | Type          | Null | Key  | Default | Extra |
+-----------------+---------------+------+------+---------+-------+
| TENANT_ID       | bigint(20)    | NO   |      | NULL    |       |
| TASK_ID         | bigint(20)    | NO   |      | NULL    |       |
| INCARNATION     | bigint(20)    | NO   |      | NULL    |       |
| JOB_ID          | bigint(20)    | NO   |      | NULL    |       |
| TASK_TYPE       | varchar(64)   | NO   |      | NULL    |       |
| ID              | bigint(20)    | NO   |      | NULL    |       |
| ROUND_ID        | bigint(20)    | NO   |      | NULL    |       |
| DEST_ID         | bigint(20)    | NO   |      | NULL    |       |
| START_TIMESTAMP | timestamp(6)  | NO   |      | NULL    |       |
| END_TIMESTAMP   | timestamp(6)  | NO   |      |         |       |
| STATUS          | varchar(64)   | NO   |      | NULL    |       |
| TOTAL_LS_COUNT  | bigint(20)    | YES  |      |         |       |
| FINISH_LS_COUNT | bigint(20)    | YES  |      |         |       |
| RESULT          | bigint(20)    | YES  |      |         |       |
| COMMENT         | varchar(4096) | YES  |      |         |       |
| PATH            | varchar(1024) | NO   |      | NULL    |       |
+-----------------+---------------+------+------+---------+-------+
16 rows in set",
    )]);
}
