// The procedures of the seed docs, walked through the UI as a DBA would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, watchedPage, screenshot } from './harness.mjs';
import { run, setSpeed, playUntil } from './console-helpers.mjs';

let site;
let browser;
before(async () => {
  site = await serveDist();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

async function freshPage() {
  const w = await watchedPage(browser, site.origin);
  await w.page.goto(site.origin + '/');
  await w.page.waitForSelector('#sql-input');
  return w;
}

async function prepareBothTenants(page) {
  for (const [t, short] of [['mysql_tenant', 'mysql'], ['oracle_tenant', 'oracle']]) {
    assert.match(await run(page, `ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///backup/${short}/archive' TENANT = ${t};`), /^Query OK/);
    assert.match(await run(page, `ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///backup/${short}/data' TENANT = ${t};`), /^Query OK/);
  }
  assert.match(await run(page, 'ALTER SYSTEM ARCHIVELOG;'), /^Query OK/);
  await run(page, 'SELECT SLEEP(10);');
  const arch = await run(page, 'SELECT TENANT_ID, STATUS FROM CDB_OB_ARCHIVELOG;');
  assert.match(arch, /1002 \| DOING/);
  assert.match(arch, /1004 \| DOING/);
}

test('full backup from sys: both tenants complete, in the job dashboard and the history view', async () => {
  const { page, problems, context } = await freshPage();
  await prepareBothTenants(page);
  assert.match(await run(page, 'ALTER SYSTEM BACKUP DATABASE;'), /^Query OK/);
  await run(page, 'SELECT SLEEP(5);');
  const jobs = await run(page, 'SELECT TENANT_ID, JOB_LEVEL, STATUS FROM CDB_OB_BACKUP_JOBS ORDER BY TENANT_ID;');
  assert.match(jobs, /\|\s+1 \| CLUSTER\s+\| DOING/);
  assert.match(jobs, /1002 \| USER_TENANT \| DOING/);
  await screenshot(page, 'procedures-full-running');
  await setSpeed(page, 75); // 100x
  const history = await playUntil(page, 'SELECT TENANT_ID, STATUS, RESULT FROM CDB_OB_BACKUP_JOB_HISTORY ORDER BY TENANT_ID;',
    (out) => (out.match(/COMPLETED/g) ?? []).length === 3);
  assert.match(history, /1004 \| COMPLETED \|\s+0/);
  const side = await page.textContent('.col-side');
  assert.match(side, /COMPLETED/);
  await screenshot(page, 'procedures-full-completed');
  assert.deepEqual(problems.consoleErrors, []);
  assert.deepEqual(problems.offOrigin, []);
  await context.close();
});

test('incremental after DML counts only the changed macroblocks; cancel gives CANCELED', async () => {
  const { page, problems, context } = await freshPage();
  await run(page, 'connect root@mysql_tenant');
  await run(page, "ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///b/archive';");
  await run(page, "ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///b/data';");
  await run(page, 'ALTER SYSTEM ARCHIVELOG;');
  await run(page, 'CREATE DATABASE shop;');
  await run(page, 'CREATE TABLE shop.orders (id INT PRIMARY KEY, amount DECIMAL(10,2));');
  await run(page, 'INSERT INTO shop.orders VALUES (1, 10.00), (2, 20.00), (3, 30.00);');
  await run(page, 'SELECT SLEEP(10);');
  await run(page, 'ALTER SYSTEM BACKUP DATABASE;');
  await run(page, 'SELECT SLEEP(150);');
  const full = await run(page, 'SELECT BACKUP_SET_ID, BACKUP_TYPE, STATUS, MACRO_BLOCK_COUNT FROM DBA_OB_BACKUP_SET_FILES;');
  assert.match(full, /1 \| FULL\s+\| SUCCESS \|\s+4096/);
  assert.match(await run(page, 'UPDATE shop.orders SET amount = amount * 2 WHERE id = 2;'), /1 row affected/);
  await run(page, 'ALTER SYSTEM BACKUP INCREMENTAL DATABASE;');
  await run(page, 'SELECT SLEEP(60);');
  const inc = await run(page, 'SELECT BACKUP_SET_ID, BACKUP_TYPE, PREV_FULL_BACKUP_SET_ID, STATUS, MACRO_BLOCK_COUNT FROM DBA_OB_BACKUP_SET_FILES WHERE BACKUP_SET_ID = 2;');
  const m = inc.match(/2 \| INC\s+\|\s+1 \| SUCCESS \|\s+(\d+)/);
  assert.ok(m, inc);
  // 64 system-tablet blocks are always copied; the rest are the blocks changed since set 1.
  assert.ok(Number(m[1]) < 4096 / 4, `incremental copied ${m[1]} blocks`);
  await run(page, 'ALTER SYSTEM BACKUP DATABASE;');
  await run(page, 'SELECT SLEEP(5);');
  assert.match(await run(page, 'ALTER SYSTEM CANCEL BACKUP;'), /^Query OK/);
  await run(page, 'SELECT SLEEP(3);');
  const canceled = await run(page, 'SELECT JOB_ID, STATUS, RESULT FROM DBA_OB_BACKUP_JOB_HISTORY ORDER BY JOB_ID DESC LIMIT 1;');
  assert.match(canceled, /3 \| CANCELED \|\s+-4072/);
  await screenshot(page, 'procedures-incremental-cancel');
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test('reloading mid-job finds everything where it was', async () => {
  const { page, problems, context } = await freshPage();
  await prepareBothTenants(page);
  await run(page, 'ALTER SYSTEM BACKUP DATABASE;');
  await run(page, 'SELECT SLEEP(20);');
  const query = 'SELECT TENANT_ID, JOB_ID, STATUS, RESULT FROM CDB_OB_BACKUP_JOBS ORDER BY TENANT_ID;';
  const beforeJobs = await run(page, query);
  const clock = await page.textContent('[data-testid=sim-clock]');
  const entries = await page.$$eval('[data-testid=transcript] .entry', (e) => e.length);
  await page.reload();
  await page.waitForSelector('#sql-input');
  assert.equal(await page.textContent('[data-testid=sim-clock]'), clock);
  assert.equal(await page.$$eval('[data-testid=transcript] .entry', (e) => e.length), entries);
  const afterJobs = await run(page, query);
  assert.equal(afterJobs.replace(/\(\d+\.\d+ sec\)/, ''), beforeJobs.replace(/\(\d+\.\d+ sec\)/, ''));
  await screenshot(page, 'procedures-after-reload');
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});
