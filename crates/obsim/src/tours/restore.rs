//! The restore tours (issue 14): the docs' simplified experience (archive → full backup →
//! restore a new tenant → activate), preparing a unit and a pool, a restore to a moment picked on
//! the timeline, targets outside the restorable window (4018) and why, and an encrypted backup's
//! restore (9047 until SET DECRYPTION). Data, like the backup tours: steps of console text, each
//! may wait for an `Until` first.

use super::Region::*;
use super::{Step, Tour, Until, step};
use crate::sim::MINUTE;

const SIMPLE_DOC: &str = "120.extremely-simplified-experience-of-backup-and-recovery.md";
const PREPARE_DOC: &str = "600.restore-data/100.preparation-before-recovery.md";
const RESTORE_DOC: &str = "600.restore-data/200.initiate-the-tenant-restore.md";
const PROGRESS_DOC: &str = "600.restore-data/400.view-the-restore-progress.md";
const HISTORY_DOC: &str = "600.restore-data/500.view-the-restore-history.md";
const ACTIVATE_DOC: &str = "600.restore-data/600.active-standby-tenant.md";
const PARAMS_DOC: &str = "600.restore-data/800.parameters-of-the-restore.md";
const FULL_DOC: &str = "400.data-backup/200.initiate-full-data-backup.md";
const ARCHIVE_DOC: &str = "300.log-archive/300.open-the-log-archive-mode.md";

/// Both destinations of mysql_tenant, then its archive.
static DESTS: Step = step(
    "Set the destinations",
    "From sys, give mysql_tenant a log archive destination and a data backup destination, then turn on archiving.",
    None,
    "ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///backup/mysql/archive' TENANT = mysql_tenant;\n\
     ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///backup/mysql/data' TENANT = mysql_tenant;\n\
     ALTER SYSTEM ARCHIVELOG TENANT = mysql_tenant;",
    &[Console, Tenants],
    ARCHIVE_DOC,
);
static WAIT_DOING: Step = step(
    "Wait for DOING",
    "The archive round starts; a backup needs it DOING.",
    Some(Until::ArchiveDoing),
    "SELECT TENANT_ID, ROUND_ID, STATUS FROM CDB_OB_ARCHIVELOG;",
    &[Tenants, Timeline],
    ARCHIVE_DOC,
);
static BACKUP: Step = step(
    "Take a full backup",
    "A restore needs a full backup set: its MIN_RESTORE_SCN is the earliest moment it can restore to.",
    None,
    "ALTER SYSTEM BACKUP TENANT = mysql_tenant;",
    &[Jobs, Blocks],
    FULL_DOC,
);
static BACKUP_DONE: Step = step(
    "Let it finish",
    "The set appears on the timeline at its MIN_RESTORE_SCN.",
    Some(Until::BackupsDone),
    "SELECT BACKUP_SET_ID, BACKUP_TYPE, STATUS, MIN_RESTORE_SCN_DISPLAY FROM CDB_OB_BACKUP_SET_FILES;",
    &[Sets, Timeline],
    FULL_DOC,
);
static BACKUP_FROM_SYS: Step = step(
    "Take a full backup",
    "Back in sys: a restore needs a full backup set, the earliest moment it can restore to.",
    None,
    "connect root@sys\nALTER SYSTEM BACKUP TENANT = mysql_tenant;",
    &[Jobs, Blocks],
    FULL_DOC,
);
static BACKUP_DONE_SYS: Step = step(
    "Let it finish",
    "Back in sys: the set appears on the timeline at its MIN_RESTORE_SCN.",
    Some(Until::BackupsDone),
    "connect root@sys\nSELECT BACKUP_SET_ID, ENCRYPTION_MODE, STATUS FROM CDB_OB_BACKUP_SET_FILES;",
    &[Sets, Timeline],
    FULL_DOC,
);
static UNIT_POOL: Step = step(
    "Make room for the new tenant",
    "A restore creates a tenant, which needs a resource pool no tenant uses: a unit config, then a pool over the zones.",
    None,
    "CREATE RESOURCE UNIT restore_unit MAX_CPU 2, MEMORY_SIZE = '5G';\n\
     CREATE RESOURCE POOL restore_pool UNIT = 'restore_unit', UNIT_NUM = 1, ZONE_LIST = ('zone1', 'zone2', 'zone3');",
    &[Console],
    PREPARE_DOC,
);
static WINDOW_OPEN: Step = step(
    "Wait for the archive",
    "A restore needs the log from the set onwards: the shaded window opens once the archive checkpoint passes the set's MIN_RESTORE_SCN.",
    Some(Until::WindowOpen),
    "SELECT TENANT_ID, ROUND_ID, CHECKPOINT_SCN_DISPLAY FROM CDB_OB_ARCHIVELOG;",
    &[Timeline],
    PARAMS_DOC,
);
static RESTORE_DONE: Step = step(
    "Watch the restore",
    "The sys job creates the tenant; its own job restores the data, then replays the log. Finished jobs move to the history.",
    Some(Until::RestoresDone),
    "SELECT JOB_ID, RESTORE_TENANT_NAME, STATUS, FINISH_BYTES_DISPLAY FROM CDB_OB_RESTORE_HISTORY;",
    &[Restore, Blocks],
    PROGRESS_DOC,
);

pub(super) static SIMPLE: Tour = Tour {
    id: "restore-simple",
    title: "Restore: the simplified experience",
    summary: "Archive, a full backup, a new tenant restored from them, then activated.",
    workload: crate::workload::LIGHT,
    steps: &[
        &DESTS,
        &WAIT_DOING,
        &BACKUP,
        &BACKUP_DONE,
        &UNIT_POOL,
        &WINDOW_OPEN,
        &step(
            "Restore to the latest point",
            "Without UNTIL, the restore goes as far as the archive reaches. The statement returns once the new tenant exists.",
            None,
            "ALTER SYSTEM RESTORE mysql_backup FROM 'file:///backup/mysql/data,file:///backup/mysql/archive' WITH 'pool_list=restore_pool';",
            &[Restore, Tenants],
            SIMPLE_DOC,
        ),
        &RESTORE_DONE,
        &step(
            "A standby",
            "The restored tenant is NORMAL but a STANDBY: readable, not writable.",
            None,
            "SELECT TENANT_NAME, STATUS, TENANT_ROLE FROM DBA_OB_TENANTS WHERE TENANT_NAME = 'mysql_backup';",
            &[Tenants],
            ACTIVATE_DOC,
        ),
        &step(
            "Activate it",
            "ACTIVATE STANDBY stops the recovery and makes it a PRIMARY that takes writes.",
            None,
            "ALTER SYSTEM ACTIVATE STANDBY TENANT = mysql_backup;\n\
             SELECT TENANT_NAME, STATUS, TENANT_ROLE FROM DBA_OB_TENANTS WHERE TENANT_NAME = 'mysql_backup';",
            &[Tenants],
            ACTIVATE_DOC,
        ),
    ],
};

pub(super) static PREPARE_POOLS: Tour = Tour {
    id: "restore-pools",
    title: "Restore: units and pools",
    summary: "What a restore needs first: a unit config and an unused pool, granted to the new tenant.",
    workload: crate::workload::LIGHT,
    steps: &[
        &step(
            "What is there",
            "Every tenant holds a pool of units; a fresh cluster has one per tenant and none free.",
            None,
            "SELECT UNIT_CONFIG_ID, NAME, MAX_CPU, MEMORY_SIZE FROM DBA_OB_UNIT_CONFIGS;\n\
             SELECT RESOURCE_POOL_ID, NAME, TENANT_ID, UNIT_COUNT FROM DBA_OB_RESOURCE_POOLS;",
            &[Console],
            PREPARE_DOC,
        ),
        &UNIT_POOL,
        &step(
            "A free pool",
            "The new pool has no TENANT_ID yet: a restore may take it.",
            None,
            "SELECT NAME, TENANT_ID, ZONE_LIST FROM DBA_OB_RESOURCE_POOLS WHERE NAME = 'restore_pool';",
            &[Console],
            PREPARE_DOC,
        ),
        &DESTS,
        &WAIT_DOING,
        &BACKUP,
        &BACKUP_DONE,
        &WINDOW_OPEN,
        &step(
            "Restore with the pool",
            "pool_list names the pools of the new tenant; they must exist and be unused.",
            None,
            "ALTER SYSTEM RESTORE mysql_copy FROM 'file:///backup/mysql/data,file:///backup/mysql/archive' WITH 'pool_list=restore_pool';",
            &[Restore, Tenants],
            RESTORE_DOC,
        ),
        &step(
            "The pool is granted",
            "The pool now belongs to the new tenant; a second restore would need another one.",
            None,
            "SELECT NAME, TENANT_ID FROM DBA_OB_RESOURCE_POOLS WHERE NAME = 'restore_pool';",
            &[Console],
            PREPARE_DOC,
        ),
        &RESTORE_DONE,
    ],
};

/// The moments of the point-in-time tour, after the simulation's start (17:50:00).
const ROW_4_AT: u64 = 3 * MINUTE;
const MISTAKE_AT: u64 = 6 * MINUTE;
const ARCHIVED_AT: u64 = 9 * MINUTE;

pub(super) static POINT_IN_TIME: Tour = Tour {
    id: "restore-pitr",
    title: "Restore to a point in time",
    summary: "Rows, a backup, more rows, a mistaken DELETE; then a restore to the moment between them.",
    workload: crate::workload::LIGHT,
    steps: &[
        &DESTS,
        &WAIT_DOING,
        &step(
            "Some rows",
            "In mysql_tenant, a table with three orders.",
            None,
            "connect root@mysql_tenant\n\
             CREATE DATABASE shop;\n\
             CREATE TABLE shop.orders (id INT PRIMARY KEY, customer VARCHAR(40), amount DECIMAL(10,2));\n\
             INSERT INTO shop.orders VALUES (1, 'Ada', 10.00), (2, 'Grace', 20.00), (3, 'Linus', 30.00);",
            &[Console, Blocks],
            FULL_DOC,
        ),
        &BACKUP_FROM_SYS,
        &BACKUP_DONE,
        &step(
            "A fourth order at 17:53",
            "Written after the backup: only the archive log has it.",
            Some(Until::At(ROW_4_AT)),
            "connect root@mysql_tenant\n\
             INSERT INTO shop.orders VALUES (4, 'Barbara', 40.00);\n\
             SELECT NOW();",
            &[Console, Timeline],
            PARAMS_DOC,
        ),
        &step(
            "The mistake at 17:56",
            "Someone deletes two orders. The backup set cannot undo this, and it has no fourth order either.",
            Some(Until::At(MISTAKE_AT)),
            "DELETE FROM shop.orders WHERE id <= 2;\n\
             SELECT NOW();",
            &[Console, Timeline],
            PARAMS_DOC,
        ),
        &step(
            "Wait for the archive",
            "The window must reach the moment: the archive checkpoint moves every two minutes.",
            Some(Until::At(ARCHIVED_AT)),
            "connect root@sys\nSELECT TENANT_ID, CHECKPOINT_SCN_DISPLAY FROM CDB_OB_ARCHIVELOG;",
            &[Timeline],
            PARAMS_DOC,
        ),
        &UNIT_POOL,
        &step(
            "Pick 17:55 on the timeline",
            "Between the fourth order and the mistake. The set brings the first three orders, the log replays the fourth, and stops before the DELETE.",
            None,
            "ALTER SYSTEM RESTORE mysql_pitr FROM 'file:///backup/mysql/data,file:///backup/mysql/archive' UNTIL TIME = '2024-05-09 17:55:00' WITH 'pool_list=restore_pool';",
            &[Timeline, Restore],
            PARAMS_DOC,
        ),
        &RESTORE_DONE,
        &step(
            "Activate and look",
            "All four orders are back, as they were at 17:55.",
            None,
            "ALTER SYSTEM ACTIVATE STANDBY TENANT = mysql_pitr;\n\
             connect root@mysql_pitr\n\
             SELECT * FROM shop.orders;",
            &[Tenants, Console],
            ACTIVATE_DOC,
        ),
    ],
};

pub(super) static OUTSIDE: Tour = Tour {
    id: "restore-outside",
    title: "Restore: outside the window",
    summary: "Why a restore to a moment before the first set or past the archive fails with 4018.",
    workload: crate::workload::LIGHT,
    steps: &[
        &DESTS,
        &WAIT_DOING,
        &BACKUP,
        &BACKUP_DONE,
        &UNIT_POOL,
        &WINDOW_OPEN,
        &{
            let mut s = step(
                "Too early",
                "17:50:00 is before the set's MIN_RESTORE_SCN: no set can start there. RESTORE fails and creates no job.",
                None,
                "ALTER SYSTEM RESTORE r FROM 'file:///backup/mysql/data,file:///backup/mysql/archive' UNTIL TIME = '2024-05-09 17:50:00' WITH 'pool_list=restore_pool';",
                &[Timeline, Console],
                PARAMS_DOC,
            );
            s.expects_error = true;
            s
        },
        &{
            let mut s = step(
                "Too late",
                "The log is archived only up to the checkpoint: a later moment has no log to replay.",
                None,
                "ALTER SYSTEM RESTORE r FROM 'file:///backup/mysql/data,file:///backup/mysql/archive' UNTIL TIME = '2099-01-01 00:00:00' WITH 'pool_list=restore_pool';",
                &[Timeline, Console],
                PARAMS_DOC,
            );
            s.expects_error = true;
            s
        },
        &step(
            "The window",
            "MIN_RESTORE_SCN of a usable set ≤ target ≤ the archive checkpoint; a stopped or interrupted round breaks it in two.",
            None,
            "SELECT BACKUP_SET_ID, MIN_RESTORE_SCN_DISPLAY FROM CDB_OB_BACKUP_SET_FILES;\n\
             SELECT TENANT_ID, ROUND_ID, START_SCN_DISPLAY, CHECKPOINT_SCN_DISPLAY FROM CDB_OB_ARCHIVELOG;\n\
             SELECT JOB_ID FROM CDB_OB_RESTORE_PROGRESS;",
            &[Timeline, Console],
            PARAMS_DOC,
        ),
    ],
};

pub(super) static ENCRYPTED: Tour = Tour {
    id: "restore-encrypted",
    title: "Restore an encrypted backup",
    summary: "A backup with a password, a restore that fails without it (9047), then SET DECRYPTION.",
    workload: crate::workload::LIGHT,
    steps: &[
        &DESTS,
        &WAIT_DOING,
        &step(
            "Back up with a password",
            "SET ENCRYPTION in the tenant: the sets of this session get ENCRYPTION_MODE PASSWORD.",
            None,
            "connect root@mysql_tenant\n\
             SET ENCRYPTION ON IDENTIFIED BY 'secret' ONLY;\n\
             ALTER SYSTEM BACKUP DATABASE;",
            &[Jobs, Blocks],
            FULL_DOC,
        ),
        &BACKUP_DONE_SYS,
        &UNIT_POOL,
        &WINDOW_OPEN,
        &{
            let mut s = step(
                "Restore without it",
                "Every set the restore reads must open with a password given in this session.",
                None,
                "ALTER SYSTEM RESTORE mysql_enc FROM 'file:///backup/mysql/data,file:///backup/mysql/archive' WITH 'pool_list=restore_pool';",
                &[Console],
                RESTORE_DOC,
            );
            s.expects_error = true;
            s
        },
        &step(
            "Give the password",
            "SET DECRYPTION (sys only) keeps the passwords for this session, the full set's first.",
            None,
            "SET DECRYPTION IDENTIFIED BY 'secret';\n\
             ALTER SYSTEM RESTORE mysql_enc FROM 'file:///backup/mysql/data,file:///backup/mysql/archive' WITH 'pool_list=restore_pool';",
            &[Restore, Tenants],
            RESTORE_DOC,
        ),
        &RESTORE_DONE,
        &step(
            "Done",
            "The history row shows SUCCESS.",
            None,
            "SELECT RESTORE_TENANT_NAME, STATUS FROM CDB_OB_RESTORE_HISTORY;",
            &[Restore],
            HISTORY_DOC,
        ),
    ],
};

#[cfg(test)]
mod tests;
