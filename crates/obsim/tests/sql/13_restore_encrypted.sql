-- Restore of encrypted backups (R§5): a full backup encrypted with one password, an
-- incremental with another; RESTORE without passwords, with a wrong one, with only the full's,
-- then with both (full first) — the first three are 9047 and create no job.
connect root@mysql_tenant
CREATE DATABASE shop;
CREATE TABLE shop.orders (id INT PRIMARY KEY, amount INT);
INSERT INTO shop.orders VALUES (1, 10), (2, 20);
ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///data/nfs/backup/archive';
ALTER SYSTEM ARCHIVELOG;
ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///data/nfs/backup/data';
SELECT SLEEP(10);
SET ENCRYPTION ON IDENTIFIED BY 'full_pwd' ONLY;
ALTER SYSTEM BACKUP DATABASE;
SELECT SLEEP(120);
INSERT INTO shop.orders VALUES (3, 30);
SET ENCRYPTION ON IDENTIFIED BY 'inc_pwd' ONLY;
ALTER SYSTEM BACKUP INCREMENTAL DATABASE;
SELECT SLEEP(120);
SELECT BACKUP_SET_ID, BACKUP_TYPE, STATUS, RESULT, ENCRYPTION_MODE, PASSWD FROM DBA_OB_BACKUP_SET_FILES;
INSERT INTO shop.orders VALUES (4, 40);
SELECT SLEEP(150);
connect root@sys
CREATE RESOURCE UNIT unit_r MAX_CPU 2, MEMORY_SIZE = '8G';
CREATE RESOURCE POOL pool_r UNIT = 'unit_r', UNIT_NUM = 1, ZONE_LIST = ('zone1');
ALTER SYSTEM RESTORE shop_r FROM 'file:///data/nfs/backup/data,file:///data/nfs/backup/archive' WITH 'pool_list=pool_r';
SET DECRYPTION IDENTIFIED BY 'wrong_pwd';
ALTER SYSTEM RESTORE shop_r FROM 'file:///data/nfs/backup/data,file:///data/nfs/backup/archive' WITH 'pool_list=pool_r';
SET DECRYPTION IDENTIFIED BY 'full_pwd';
ALTER SYSTEM RESTORE shop_r FROM 'file:///data/nfs/backup/data,file:///data/nfs/backup/archive' WITH 'pool_list=pool_r';
SELECT COUNT(*) FROM CDB_OB_RESTORE_PROGRESS;
SET DECRYPTION IDENTIFIED BY 'full_pwd', 'inc_pwd';
ALTER SYSTEM RESTORE shop_r FROM 'file:///data/nfs/backup/data,file:///data/nfs/backup/archive' WITH 'pool_list=pool_r';
SELECT SLEEP(600);
SELECT TENANT_ID, RESTORE_TENANT_NAME, STATUS, BACKUP_SET_LIST FROM CDB_OB_RESTORE_HISTORY;
ALTER SYSTEM ACTIVATE STANDBY TENANT shop_r;
connect root@shop_r
SELECT * FROM shop.orders ORDER BY id;
