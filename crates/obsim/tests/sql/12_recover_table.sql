-- Table-level restore (reference R§12): a table comes back as of an UNTIL TIME under a new
-- name, through an auxiliary tenant restored from the backup (its own unit and pool, R§12.1),
-- while the job's states show in the recover-table, import and restore views. Then the §12.4
-- errors and CANCEL RECOVER TABLE.
connect root@mysql_tenant
CREATE DATABASE shop;
CREATE TABLE shop.orders (id INT PRIMARY KEY, amount INT);
INSERT INTO shop.orders VALUES (1, 10), (2, 20);
ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///data/nfs/backup/archive';
ALTER SYSTEM ARCHIVELOG;
ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///data/nfs/backup/data';
SELECT SLEEP(10);
ALTER SYSTEM BACKUP DATABASE;
SELECT SLEEP(120);
-- Written after the backup and before the UNTIL TIME: only the archive holds it.
INSERT INTO shop.orders VALUES (3, 30);
SELECT SLEEP(60);
SELECT NOW();
SELECT SLEEP(60);
-- The mistakes to undo, after the UNTIL TIME.
DELETE FROM shop.orders WHERE id = 1;
UPDATE shop.orders SET amount = 0 WHERE id = 2;
INSERT INTO shop.orders VALUES (4, 40);
SELECT * FROM shop.orders;
SELECT SLEEP(150);
-- A user tenant can neither start nor cancel a table recovery.
ALTER SYSTEM RECOVER TABLE shop.orders TO mysql_tenant FROM 'file:///data/nfs/backup/data,file:///data/nfs/backup/archive' WITH 'pool_list=aux_pool';
ALTER SYSTEM CANCEL RECOVER TABLE mysql_tenant;
connect root@sys
-- The auxiliary tenant needs its own unit and unused pool (R§12.1 preparation).
CREATE RESOURCE UNIT unit_aux MAX_CPU 8, MEMORY_SIZE = '16G';
CREATE RESOURCE POOL aux_pool UNIT = 'unit_aux', UNIT_NUM = 1, ZONE_LIST = ('zone1');
-- The resolver's errors (R§12.4): a partition, the same table remapped twice, a remap of a
-- table not recovered.
ALTER SYSTEM RECOVER TABLE shop.orders PARTITION (p0) TO mysql_tenant FROM 'file:///data/nfs/backup/data,file:///data/nfs/backup/archive' WITH 'pool_list=aux_pool';
ALTER SYSTEM RECOVER TABLE shop.orders TO mysql_tenant FROM 'file:///data/nfs/backup/data,file:///data/nfs/backup/archive' WITH 'pool_list=aux_pool' REMAP TABLE shop.orders:o1, shop.orders:o2;
ALTER SYSTEM RECOVER TABLE shop.orders TO mysql_tenant FROM 'file:///data/nfs/backup/data,file:///data/nfs/backup/archive' WITH 'pool_list=aux_pool' REMAP TABLE shop.items:items_back;
-- The target must exist; the restore checks apply to the auxiliary tenant; the target table
-- must not exist yet.
ALTER SYSTEM RECOVER TABLE shop.orders TO TENANT = nosuch FROM 'file:///data/nfs/backup/data,file:///data/nfs/backup/archive' WITH 'pool_list=aux_pool';
ALTER SYSTEM RECOVER TABLE shop.orders TO mysql_tenant FROM 'file:///data/nfs/backup/data,file:///data/nfs/backup/archive' WITH 'pool_list=nopool';
ALTER SYSTEM RECOVER TABLE shop.orders TO mysql_tenant FROM 'file:///data/nfs/backup/data,file:///data/nfs/backup/archive' WITH 'pool_list=aux_pool';
ALTER SYSTEM RECOVER TABLE shop.orders TO mysql_tenant FROM 'file:///data/nfs/backup/data,file:///data/nfs/backup/archive' WITH 'pool_list=aux_pool' REMAP TABLE shop.orders:nodb.orders;
-- The recovery: shop.orders as of the UNTIL TIME, into shop.orders_back.
ALTER SYSTEM RECOVER TABLE shop.orders TO TENANT mysql_tenant FROM 'file:///data/nfs/backup/data,file:///data/nfs/backup/archive' UNTIL TIME = '2024-05-09 17:53:10' WITH 'pool_list=aux_pool&primary_zone=zone1' REMAP TABLE shop.orders:orders_back DESCRIPTION 'undo the mistakes';
SELECT TENANT_ID, JOB_ID, INITIATOR_TENANT_ID, INITIATOR_JOB_ID, STATUS, AUX_TENANT_NAME, TARGET_TENANT_NAME, TABLE_LIST, REMAP_TABLE_LIST, RESULT FROM CDB_OB_RECOVER_TABLE_JOBS;
-- One recovery per target at a time.
ALTER SYSTEM RECOVER TABLE shop.orders TO mysql_tenant FROM 'file:///data/nfs/backup/data,file:///data/nfs/backup/archive' WITH 'pool_list=aux_pool' REMAP TABLE shop.orders:orders_2;
SELECT SLEEP(3);
SELECT TENANT_ID, JOB_ID, INITIATOR_JOB_ID, STATUS, AUX_TENANT_NAME FROM CDB_OB_RECOVER_TABLE_JOBS;
SELECT TENANT_ID, JOB_ID, RESTORE_TENANT_NAME, STATUS FROM CDB_OB_RESTORE_PROGRESS;
-- The auxiliary tenant is a normal restore: its jobs in the restore views, its pool granted.
SELECT SLEEP(15);
SELECT TENANT_ID, JOB_ID, STATUS FROM CDB_OB_RECOVER_TABLE_JOBS;
SELECT TENANT_ID, JOB_ID, RESTORE_TENANT_NAME, STATUS FROM CDB_OB_RESTORE_PROGRESS;
SELECT TENANT_NAME, TENANT_TYPE, STATUS, TENANT_ROLE FROM DBA_OB_TENANTS;
SELECT NAME, TENANT_ID FROM DBA_OB_RESOURCE_POOLS;
SELECT SLEEP(37);
SELECT TENANT_ID, JOB_ID, STATUS FROM CDB_OB_RECOVER_TABLE_JOBS;
SELECT TENANT_ID, JOB_ID, RESTORE_TENANT_NAME, STATUS FROM CDB_OB_RESTORE_HISTORY;
SELECT TENANT_NAME, STATUS, TENANT_ROLE FROM DBA_OB_TENANTS WHERE TENANT_NAME LIKE 'AUX%';
SELECT SLEEP(2);
SELECT TENANT_ID, JOB_ID, STATUS FROM CDB_OB_RECOVER_TABLE_JOBS;
SELECT SLEEP(2);
SELECT TENANT_ID, JOB_ID, STATUS FROM CDB_OB_RECOVER_TABLE_JOBS;
SELECT TENANT_ID, JOB_ID, INITIATOR_JOB_ID, SRC_TENANT_NAME, STATUS, TABLE_LIST, REMAP_TABLE_LIST, TOTAL_TABLE_COUNT, FINISHED_TABLE_COUNT, RESULT FROM CDB_OB_IMPORT_TABLE_JOBS;
SELECT TENANT_ID, TASK_ID, JOB_ID, SRC_DATABASE, SRC_TABLE, TARGET_DATABASE, TARGET_TABLE, STATUS, RESULT FROM CDB_OB_IMPORT_TABLE_TASKS;
SELECT SLEEP(3);
SELECT TENANT_ID, JOB_ID, STATUS, FINISHED_TABLE_COUNT FROM CDB_OB_IMPORT_TABLE_JOBS;
SELECT TENANT_ID, TASK_ID, STATUS, START_TIMESTAMP, COMPLETION_TIMESTAMP, RESULT, COMMENT FROM CDB_OB_IMPORT_TABLE_TASKS;
SELECT SLEEP(2);
SELECT TENANT_ID, JOB_ID, STATUS, FINISHED_TABLE_COUNT FROM CDB_OB_IMPORT_TABLE_JOBS;
SELECT TENANT_ID, TASK_ID, STATUS, RESULT, COMMENT FROM CDB_OB_IMPORT_TABLE_TASKS;
SELECT SLEEP(2);
SELECT TENANT_ID, JOB_ID, STATUS FROM CDB_OB_RECOVER_TABLE_JOBS;
SELECT TENANT_ID, JOB_ID, STATUS, FINISHED_TABLE_COUNT FROM CDB_OB_IMPORT_TABLE_JOBS;
SELECT SLEEP(30);
SELECT * FROM CDB_OB_RECOVER_TABLE_JOBS;
SELECT * FROM CDB_OB_RECOVER_TABLE_JOB_HISTORY\G
SELECT TENANT_ID, JOB_ID, RESTORE_TENANT_NAME, STATUS FROM CDB_OB_RESTORE_HISTORY;
-- The auxiliary tenant is gone and its pool free again.
SELECT TENANT_NAME, TENANT_TYPE, STATUS, TENANT_ROLE FROM DBA_OB_TENANTS;
SELECT NAME, TENANT_ID FROM DBA_OB_RESOURCE_POOLS;
connect root@mysql_tenant
-- Rows 1 and 2 as they were, row 3 (archive only) there, row 4 (after the UNTIL TIME) absent.
SELECT * FROM shop.orders_back;
SELECT * FROM shop.orders;
SELECT * FROM DBA_OB_RECOVER_TABLE_JOB_HISTORY\G
SELECT * FROM DBA_OB_IMPORT_TABLE_JOB_HISTORY\G
SELECT * FROM DBA_OB_IMPORT_TABLE_TASK_HISTORY\G
SELECT JOB_ID, STATUS FROM DBA_OB_RECOVER_TABLE_JOBS;
connect root@sys
SELECT JOB_ID, INITIATOR_JOB_ID, STATUS FROM DBA_OB_RECOVER_TABLE_JOB_HISTORY;
-- Now the target table exists.
ALTER SYSTEM RECOVER TABLE shop.orders TO mysql_tenant FROM 'file:///data/nfs/backup/data,file:///data/nfs/backup/archive' WITH 'pool_list=aux_pool' REMAP TABLE shop.orders:orders_back;
-- A whole database into another one, then canceled while the auxiliary tenant restores.
connect root@mysql_tenant
CREATE DATABASE shop2;
connect root@sys
ALTER SYSTEM RECOVER TABLE shop.* TO mysql_tenant FROM 'file:///data/nfs/backup/data,file:///data/nfs/backup/archive' WITH 'pool_list=aux_pool' REMAP TABLE shop.`*`:shop2.`*`;
SELECT TENANT_ID, JOB_ID, STATUS, DB_LIST, REMAP_DB_LIST FROM CDB_OB_RECOVER_TABLE_JOBS;
SELECT SLEEP(5);
SELECT TENANT_ID, JOB_ID, STATUS FROM CDB_OB_RECOVER_TABLE_JOBS;
ALTER SYSTEM CANCEL RECOVER TABLE mysql_tenant;
SELECT TENANT_ID, JOB_ID, STATUS FROM CDB_OB_RECOVER_TABLE_JOBS;
SELECT SLEEP(5);
SELECT TENANT_ID, JOB_ID, STATUS, RESULT, COMMENT FROM CDB_OB_RECOVER_TABLE_JOB_HISTORY;
SELECT TENANT_ID, JOB_ID, RESTORE_TENANT_NAME, STATUS, COMMENT FROM CDB_OB_RESTORE_HISTORY;
SELECT TENANT_NAME, STATUS FROM DBA_OB_TENANTS;
SELECT NAME, TENANT_ID FROM DBA_OB_RESOURCE_POOLS;
ALTER SYSTEM CANCEL RECOVER TABLE mysql_tenant;
ALTER SYSTEM CANCEL RECOVER TABLE nosuch;
-- A standby tenant cannot be the target.
CREATE RESOURCE POOL restore_pool UNIT = 'unit_aux', UNIT_NUM = 1, ZONE_LIST = ('zone2');
ALTER SYSTEM RESTORE mysql_r FROM 'file:///data/nfs/backup/data,file:///data/nfs/backup/archive' WITH 'pool_list=restore_pool&primary_zone=zone2';
SELECT SLEEP(60);
SELECT TENANT_NAME, STATUS, TENANT_ROLE FROM DBA_OB_TENANTS WHERE TENANT_NAME = 'mysql_r';
ALTER SYSTEM RECOVER TABLE shop.orders TO mysql_r FROM 'file:///data/nfs/backup/data,file:///data/nfs/backup/archive' WITH 'pool_list=aux_pool' REMAP TABLE shop.orders:orders_back;
DESC DBA_OB_RECOVER_TABLE_JOBS;
DESC CDB_OB_RECOVER_TABLE_JOB_HISTORY;
DESC DBA_OB_IMPORT_TABLE_JOBS;
DESC DBA_OB_IMPORT_TABLE_JOB_HISTORY;
DESC DBA_OB_IMPORT_TABLE_TASKS;
DESC CDB_OB_IMPORT_TABLE_TASK_HISTORY;
