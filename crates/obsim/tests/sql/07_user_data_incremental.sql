-- obsim: workload=0
-- User data lives in macroblocks: with the background workload off, an incremental backup
-- after some DML copies the system tablets' blocks plus exactly the blocks the DML changed.
connect root@mysql_tenant
ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///backup/archive';
ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///backup/data';
ALTER SYSTEM ARCHIVELOG;
CREATE DATABASE shop;
USE shop;
CREATE TABLE orders (id INT PRIMARY KEY, customer VARCHAR(32) NOT NULL, amount DECIMAL(10,2), created DATETIME);
INSERT INTO orders VALUES (1, 'alice', 12.50, '2024-05-09 10:00:00'), (2, 'bob', 7.25, '2024-05-09 10:05:00'), (3, 'carol', 99.99, '2024-05-09 11:00:00');
SELECT * FROM orders;
SELECT SLEEP(8);
ALTER SYSTEM BACKUP DATABASE;
SELECT SLEEP(120);
SELECT BACKUP_SET_ID, BACKUP_TYPE, STATUS, MACRO_BLOCK_COUNT FROM oceanbase.DBA_OB_BACKUP_SET_FILES;
UPDATE orders SET amount = amount + 1 WHERE id = 2;
INSERT INTO orders (id, customer, amount) VALUES (4, 'dave', 5);
DELETE FROM orders WHERE customer LIKE 'c%';
SELECT id, customer, amount FROM orders ORDER BY id;
SELECT COUNT(*), SUM(amount), MIN(amount), MAX(amount), AVG(amount) FROM orders;
ALTER SYSTEM BACKUP INCREMENTAL DATABASE;
SELECT SLEEP(30);
SELECT BACKUP_SET_ID, BACKUP_TYPE, PREV_FULL_BACKUP_SET_ID, PREV_INC_BACKUP_SET_ID, STATUS, MACRO_BLOCK_COUNT, FINISH_MACRO_BLOCK_COUNT FROM oceanbase.DBA_OB_BACKUP_SET_FILES;
INSERT INTO orders VALUES (1, 'again', 1, NULL);
INSERT INTO orders (id) VALUES (9);
SELECT nosuch FROM orders;
DESC orders;
SHOW TABLES;
