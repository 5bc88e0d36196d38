-- Issue 12 item 7, the smaller differences (spec §6): DESC's Null and Default columns of the
-- system views, LOG_ARCHIVE_DEST = '' while archiving is off, ORA-00942 in an Oracle tenant,
-- and the connect banner (each `connect` prints it).
connect root@sys
-- Default NULL only for columns taken straight from the inner table; CDB_ adds TENANT_ID.
DESC DBA_OB_BACKUP_DELETE_POLICY;
DESC CDB_OB_ARCHIVELOG_SUMMARY;
DESC DBA_OB_RESTORE_HISTORY;
connect root@mysql_tenant
DESC DBA_OB_ARCHIVELOG;
DESC DBA_OB_BACKUP_DELETE_JOBS;
DESC DBA_OB_BACKUP_STORAGE_INFO;
-- An empty LOG_ARCHIVE_DEST clears the dest, unless a round is under way.
ALTER SYSTEM SET LOG_ARCHIVE_DEST = '';
ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///backup/archive';
ALTER SYSTEM ARCHIVELOG;
SELECT SLEEP(10);
ALTER SYSTEM SET LOG_ARCHIVE_DEST = '';
ALTER SYSTEM NOARCHIVELOG;
SELECT SLEEP(10);
SELECT ROUND_ID, STATUS FROM DBA_OB_ARCHIVELOG;
ALTER SYSTEM SET LOG_ARCHIVE_DEST = '  ';
ALTER SYSTEM SET LOG_ARCHIVE_DEST = '';
SELECT * FROM DBA_OB_ARCHIVE_DEST;
SELECT ROUND_ID, STATUS FROM DBA_OB_ARCHIVELOG_SUMMARY;
SELECT TENANT_NAME, LOG_MODE FROM DBA_OB_TENANTS;
-- The same path keeps its DEST_ID.
ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///backup/archive';
SELECT NAME, VALUE FROM DBA_OB_ARCHIVE_DEST;
-- Oracle tenant: a missing table or view is ORA-00942, the name as resolved (upper case).
connect SYS@oracle_tenant
SELECT * FROM nosuch;
SELECT * FROM sys.nosuch;
DESC nosuch;
SELECT * FROM CDB_OB_BACKUP_JOBS;
INSERT INTO nosuch VALUES (1);
connect root@mysql_tenant
SELECT * FROM test.nosuch;
