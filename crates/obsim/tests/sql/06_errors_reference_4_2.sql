-- Every error of reference §4.2, in the order of its table.
connect root@mysql_tenant
-- DATA_BACKUP_DEST not set
ALTER SYSTEM BACKUP DATABASE;
ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///data/nfs/backup/data/mysql_tenant';
-- archive not DOING (never enabled)
ALTER SYSTEM BACKUP DATABASE;
-- ARCHIVELOG without LOG_ARCHIVE_DEST: no error, LOG_MODE flips, no round opens
ALTER SYSTEM ARCHIVELOG;
SELECT SLEEP(5);
SELECT * FROM DBA_OB_ARCHIVELOG;
SELECT TENANT_NAME, LOG_MODE FROM DBA_OB_TENANTS;
ALTER SYSTEM ARCHIVELOG;
ALTER SYSTEM NOARCHIVELOG;
ALTER SYSTEM NOARCHIVELOG;
-- user tenant naming tenants
ALTER SYSTEM BACKUP TENANT = mysql_tenant;
ALTER SYSTEM BACKUP;
ALTER SYSTEM CANCEL BACKUP TENANT = mysql_tenant;
ALTER SYSTEM ARCHIVELOG TENANT = mysql_tenant;
ALTER SYSTEM SET ha_low_thread_score = 5 TENANT = mysql_tenant;
ALTER SYSTEM RESTORE r1 FROM 'file:///a' WITH 'pool_list=p1';
ALTER SYSTEM CANCEL RESTORE r1;
SET DECRYPTION IDENTIFIED BY 'x';
-- parameters
ALTER SYSTEM SET ha_low_thread_score = 101;
ALTER SYSTEM SET ha_low_thread_score = -1;
ALTER SYSTEM SET ha_low_thread_score = 5;
ALTER SYSTEM SET no_such_parameter = 1;
ALTER SYSTEM SET _backup_idle_time = '1m';
-- destinations
ALTER SYSTEM SET DATA_BACKUP_DEST = 'nfs://data/backup';
ALTER SYSTEM SET DATA_BACKUP_DEST = '/data/backup';
ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///d?encrypt_key=abc';
ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///data/nfs/backup/archive/mysql_tenant';
ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'BINDING=OPTIONAL';
ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///x PIECE_SWITCH_INTERVAL=8d';
ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///data/nfs/backup/archive/mysql_tenant';
ALTER SYSTEM ARCHIVELOG;
SELECT SLEEP(10);
ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///elsewhere';
ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///data/nfs/backup/archive/mysql_tenant/pieces';
ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///data/nfs/backup/archive/mysql_tenant';
-- a job in progress
ALTER SYSTEM BACKUP DATABASE;
ALTER SYSTEM BACKUP DATABASE;
ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///data/nfs/backup/other';
-- the archive stops while the backup runs: the job fails with -9029
ALTER SYSTEM NOARCHIVELOG;
SELECT SLEEP(10);
SELECT JOB_ID, STATUS, RESULT, COMMENT FROM DBA_OB_BACKUP_JOB_HISTORY;
connect root@sys
ALTER SYSTEM BACKUP TENANT = oracle_tenant;
ALTER SYSTEM BACKUP DATABASE;
ALTER SYSTEM BACKUP TENANT = nosuch;
ALTER SYSTEM BACKUP TENANT = sys;
ALTER SYSTEM BACKUP TENANT = all;
ALTER SYSTEM BACKUP;
ALTER SYSTEM BACKUP DATABASE TO 'file:///x';
ALTER SYSTEM CANCEL BACKUP TENANT = nosuch;
ALTER SYSTEM ARCHIVELOG TENANT = nosuch;
ALTER SYSTEM ARCHIVELOG TENANT = all_user;
ALTER SYSTEM ARCHIVELOG TENANT = all, mysql_tenant;
ALTER SYSTEM ARCHIVELOG TENANT = mysql_tenant, mysql_tenant;
ALTER SYSTEM SET ha_low_thread_score = 5 TENANT = nosuch;
ALTER SYSTEM SET ha_low_thread_score = 101 TENANT = all_user;
ALTER SYSTEM SET ha_low_thread_score = 5 TENANT = all_user;
ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///data/x';
ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///data/x' TENANT = all_user;
ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///data/x', ha_low_thread_score = 1;
ALTER SYSTEM SET archive_lag_target = '60s' TENANT = all;
ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///data/o' TENANT = oracle_tenant;
ALTER SYSTEM ARCHIVELOG TENANT = oracle_tenant;
SELECT SLEEP(10);
ALTER SYSTEM BACKUP TENANT = oracle_tenant;
ALTER SYSTEM CANCEL RESTORE nosuch;
ALTER SYSTEM CANCEL RESTORE mysql_tenant;
ALTER SYSTEM RESTORE all_user FROM 'file:///a' WITH 'pool_list=p';
ALTER SYSTEM RESTORE `all` FROM 'file:///a' WITH 'pool_list=p';
ALTER SYSTEM RESTORE t$1 FROM 'file:///a' WITH 'pool_list=p';
ALTER SYSTEM RESTORE r1 FROM 'file:///a' UNTIL SCN = 0 WITH 'pool_list=p';
ALTER SYSTEM RESTORE FROM 'file:///a' PREVIEW;
ALTER SYSTEM RESTORE mysql_tenant FROM 'file:///a' WITH 'pool_list=p';
-- syntax errors
ALTER SYSTEM BACKUP DATABASE INCREMENTAL;
ALTER SYSTEM BACKUP PLUS ARCHIVELOG DATABASE;
ALTER SYSTEM SET ha_low_thread_score 5;
ALTER SYSTEM SET x = 1 TENANT = a, b;
ALTER SYSTEM RESTORE r1 FROM 'file:///a' UNTIL TIME '2024-05-09 18:00:00' WITH 'pool_list=p';
ALTER SYSTEM RESTORE all FROM 'file:///log,file:///data' UNTIL TIME='2023-11-11 15:04:23.825558' with 'pool_list=pool_1&primary_zone=z1';
SELECT * FROM
  DBA_OB_BACKUP_JOBS WHERE;
-- MySQL's exponent literals: a DOUBLE, and out of range a parse-time error.
SELECT 1e3, 1.5E-2, .5e1, -2e2;
SELECT SLEEP(1e0);
SELECT 1e400;
