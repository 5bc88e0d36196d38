-- Restore's edges (reference R§4, R§6, R§7, R§11, R§17): PREVIEW and SHOW RESTORE PREVIEW, a
-- window broken by a stopped archive round (4018 inside the gap and after it), CANCEL RESTORE,
-- ADD / CLEAR RESTORE SOURCE, and what a user tenant may not do.
connect root@mysql_tenant
ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///data/nfs/backup/archive';
ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///data/nfs/backup/data';
ALTER SYSTEM ARCHIVELOG;
SELECT SLEEP(10);
ALTER SYSTEM BACKUP DATABASE;
SELECT SLEEP(300);
-- Archiving stops and starts again: round 2 begins where round 1 did not end.
ALTER SYSTEM NOARCHIVELOG;
SELECT SLEEP(300);
ALTER SYSTEM ARCHIVELOG;
SELECT SLEEP(300);
SELECT BACKUP_SET_ID, BACKUP_TYPE, STATUS, START_REPLAY_SCN, MIN_RESTORE_SCN FROM DBA_OB_BACKUP_SET_FILES;
SELECT ROUND_ID, STATUS, START_SCN_DISPLAY, CHECKPOINT_SCN_DISPLAY FROM DBA_OB_ARCHIVELOG_SUMMARY;
SELECT ROUND_ID, PIECE_ID, STATUS, FILE_STATUS, START_SCN_DISPLAY, CHECKPOINT_SCN_DISPLAY FROM DBA_OB_ARCHIVELOG_PIECE_FILES;
connect root@sys
-- R§17: PREVIEW needs a target; SHOW RESTORE PREVIEW does the work and reports its errors.
ALTER SYSTEM RESTORE FROM 'file:///data/nfs/backup/data,file:///data/nfs/backup/archive' PREVIEW;
SHOW RESTORE PREVIEW;
ALTER SYSTEM RESTORE FROM 'file:///data/nfs/backup/data,file:///data/nfs/backup/archive' UNTIL TIME = '2099-01-01 00:00:00' PREVIEW;
SHOW RESTORE PREVIEW;
ALTER SYSTEM RESTORE FROM 'file:///data/nfs/backup/data,file:///data/nfs/backup/archive' UNTIL TIME = '2024-05-09 17:53:00' PREVIEW;
SHOW RESTORE PREVIEW;
SHOW RESTORE PREVIEW;
ALTER SYSTEM RESTORE FROM 'oss://bucket/data' UNTIL SCN = 1715248000000000000 PREVIEW;
SHOW RESTORE PREVIEW;
CREATE RESOURCE UNIT restore_unit MAX_CPU 2, MEMORY_SIZE = '5G';
CREATE RESOURCE POOL restore_pool UNIT = 'restore_unit', UNIT_NUM = 1, ZONE_LIST = ('zone1', 'zone2', 'zone3');
-- Inside the gap, and "the latest point" with only a full taken before the gap: 4018.
ALTER SYSTEM RESTORE r FROM 'file:///data/nfs/backup/data,file:///data/nfs/backup/archive' UNTIL TIME = '2024-05-09 17:58:00' WITH 'pool_list=restore_pool';
ALTER SYSTEM RESTORE r FROM 'file:///data/nfs/backup/data,file:///data/nfs/backup/archive' WITH 'pool_list=restore_pool';
-- Before the first full's MIN_RESTORE_SCN: 4018 too.
ALTER SYSTEM RESTORE r FROM 'file:///data/nfs/backup/data,file:///data/nfs/backup/archive' UNTIL TIME = '2024-05-09 17:50:00' WITH 'pool_list=restore_pool';
-- A full taken in round 2 opens round 2 to restores.
connect root@mysql_tenant
ALTER SYSTEM BACKUP DATABASE;
SELECT SLEEP(300);
connect root@sys
ALTER SYSTEM RESTORE r FROM 'file:///data/nfs/backup/data,file:///data/nfs/backup/archive' WITH 'pool_list=restore_pool';
ALTER SYSTEM RESTORE r FROM 'file:///data/nfs/backup/data,file:///data/nfs/backup/archive' WITH 'pool_list=restore_pool';
-- CANCEL RESTORE drops the tenant in restore; the sys job then fails with -5157.
ALTER SYSTEM CANCEL RESTORE r;
SELECT SLEEP(5);
SELECT TENANT_ID, JOB_ID, RESTORE_TENANT_NAME, STATUS, COMMENT FROM CDB_OB_RESTORE_HISTORY;
SELECT NAME, TENANT_ID FROM DBA_OB_RESOURCE_POOLS WHERE NAME = 'restore_pool';
SELECT TENANT_NAME FROM DBA_OB_TENANTS;
-- ADD RESTORE SOURCE: single set and piece directories, used by the next RESTORE, gone after it.
ALTER SYSTEM ADD RESTORE SOURCE 'file:///data/nfs/backup/data/backup_set_2_full';
ALTER SYSTEM RESTORE r FROM 'file:///data/nfs/backup/data' WITH 'pool_list=restore_pool';
ALTER SYSTEM RESTORE r WITH 'pool_list=restore_pool';
ALTER SYSTEM RESTORE r WITH 'pool_list=restore_pool';
ALTER SYSTEM ADD RESTORE SOURCE 'file:///data/nfs/backup/data/backup_set_2_full';
ALTER SYSTEM CLEAR RESTORE SOURCE;
ALTER SYSTEM RESTORE r WITH 'pool_list=restore_pool';
ALTER SYSTEM ADD RESTORE SOURCE 'file:///data/nfs/backup/data/backup_set_2_full';
ALTER SYSTEM ADD RESTORE SOURCE 'file:///data/nfs/backup/archive/piece_d1001r2p2';
ALTER SYSTEM RESTORE r WITH 'pool_list=restore_pool';
SELECT TENANT_ID, JOB_ID, STATUS, BACKUP_DEST, BACKUP_SET_LIST, BACKUP_PIECE_LIST FROM CDB_OB_RESTORE_PROGRESS;
SELECT SLEEP(60);
SELECT * FROM CDB_OB_LOG_RESTORE_SOURCE;
SELECT TENANT_ID, JOB_ID, RESTORE_TENANT_NAME, STATUS FROM CDB_OB_RESTORE_HISTORY;
-- What a user tenant may not do, each refused at its own step.
connect root@mysql_tenant
ALTER SYSTEM RESTORE FROM 'file:///data/nfs/backup/data' PREVIEW;
ALTER SYSTEM RESTORE FROM 'file:///data/nfs/backup/data' UNTIL SCN = 5 PREVIEW;
SHOW RESTORE PREVIEW;
ALTER SYSTEM ADD RESTORE SOURCE 'file:///data/nfs/backup/data/backup_set_2_full';
ALTER SYSTEM CLEAR RESTORE SOURCE;
SET DECRYPTION IDENTIFIED BY 'x';
ALTER SYSTEM RESTORE r2 FROM 'file:///data/nfs/backup/data' UNTIL SCN = 1 WITH 'pool_list=p';
ALTER SYSTEM RESTORE r2 FROM 'file:///data/nfs/backup/data' WITH 'pool_list=p';
ALTER SYSTEM CANCEL RESTORE r;
CREATE RESOURCE UNIT u MAX_CPU 1, MEMORY_SIZE '5G';
SELECT * FROM DBA_OB_RESTORE_HISTORY;
