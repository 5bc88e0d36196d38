// Native = browser: sessions built in the page (seed procedures, a restore, a fault run from the
// Faults panel) are replayed natively by `obsim replay LINK --state-hash`; the transcript (the
// page's "Download .txt", the same text as "Copy transcript") and the state fingerprint shown
// in the Share dialog must be equal byte for byte.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serveDist, launch, watchedPage } from './harness.mjs';
import { run, setSpeed, play, pause } from './console-helpers.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
let site;
let browser;
before(async () => {
  // Build once (minutes when cold); each replay below is then a quick `cargo run`.
  execFileSync('cargo', ['build', '-q', '-p', 'obsim', '--release'], { cwd: root, stdio: 'inherit' });
  site = await serveDist();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

function replayNatively(link) {
  return execFileSync('cargo', ['run', '-q', '-p', 'obsim', '--release', '--', 'replay', link, '--state-hash'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
}

/** The page's transcript (Download .txt), its state fingerprint and share link. */
async function pageSession(page) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("Download .txt")')]);
  const transcript = fs.readFileSync(await dl.path(), 'utf8');
  await page.click('header button:has-text("Share")');
  await page.waitForFunction(() => document.querySelector('#share-link').value.includes('#s='));
  const link = await page.inputValue('#share-link');
  const hash = await page.textContent('[data-testid=state-hash]');
  await page.click('.share-dialog button:has-text("Close")');
  return { transcript, hash, link };
}

async function assertSame(page) {
  const mine = await pageSession(page);
  assert.match(mine.hash, /^[0-9a-f]{16}$/);
  const native = replayNatively(mine.link);
  const lines = native.split('\n');
  assert.equal(lines.at(-1), '');
  const hashLine = lines.at(-2);
  const nativeTranscript = lines.slice(0, -2).join('\n') + '\n';
  assert.equal(nativeTranscript, mine.transcript, 'transcripts equal byte for byte');
  assert.equal(hashLine, `state_hash: ${mine.hash}`);
  return mine;
}

async function fresh(address = '/') {
  const w = await watchedPage(browser, site.origin);
  await w.page.goto(site.origin + address);
  await w.page.waitForSelector('#sql-input');
  return w;
}

function sqlOf(file) {
  return fs
    .readFileSync(path.join(root, 'crates/obsim/tests/sql', file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('--'));
}

test('the seed procedures typed in the page replay natively to the same transcript and fingerprint', async () => {
  for (const file of ['01_full_backup_from_sys.sql', '03_incremental_backup.sql', '07_user_data_incremental.sql']) {
    // A script's `-- obsim: workload=0` is the `workload=0` parameter in the page.
    const text = fs.readFileSync(path.join(root, 'crates/obsim/tests/sql', file), 'utf8');
    const w = await fresh(text.includes('workload=0') ? '/?workload=0' : '/');
    for (const line of sqlOf(file)) await run(w.page, line);
    const { transcript } = await assertSame(w.page);
    assert.ok(transcript.split('\n').length > 20, file);
    assert.deepEqual(w.problems.consoleErrors, []);
    await w.context.close();
  }
});

test('a restore (archive, full backup, RESTORE ... UNTIL, ACTIVATE) replays natively the same', async () => {
  const w = await fresh();
  const { page } = w;
  for (const sql of [
    "ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///backup/archive' TENANT = mysql_tenant;",
    "ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///backup/data' TENANT = mysql_tenant;",
    "ALTER SYSTEM SET log_archive_checkpoint_interval = '5s' TENANT = mysql_tenant;",
    'ALTER SYSTEM ARCHIVELOG TENANT = mysql_tenant;',
    'SELECT SLEEP(20);',
    'ALTER SYSTEM BACKUP TENANT = mysql_tenant;',
    'SELECT SLEEP(240);',
    'SELECT SLEEP(60);',
    // The documented preparation: a unit and a pool for the new tenant.
    "CREATE RESOURCE UNIT restore_unit MAX_CPU 2, MEMORY_SIZE '8G';",
    "CREATE RESOURCE POOL restore_pool UNIT = 'restore_unit', UNIT_NUM = 1, ZONE_LIST = ('zone1');",
  ]) {
    await run(page, sql);
  }
  assert.match(
    await run(page, "ALTER SYSTEM RESTORE mysql_r FROM 'file:///backup/data,file:///backup/archive' UNTIL TIME = '2024-05-09 17:54:30' WITH 'pool_list=restore_pool';"),
    /^Query OK/,
  );
  await run(page, 'SELECT SLEEP(120);');
  assert.match(await run(page, 'SELECT RESTORE_TENANT_NAME, STATUS FROM CDB_OB_RESTORE_HISTORY;'), /mysql_r\s+\| SUCCESS/);
  assert.match(await run(page, 'ALTER SYSTEM ACTIVATE STANDBY TENANT = mysql_r;'), /^Query OK/);
  assert.match(await run(page, 'SELECT TENANT_NAME, TENANT_ROLE FROM DBA_OB_TENANTS;'), /mysql_r\s+\| PRIMARY/);
  await assertSame(page);
  assert.deepEqual(w.problems.consoleErrors, []);
  await w.context.close();
});

test('a fault run from the Faults panel, with real-time play, replays natively the same', async () => {
  const w = await fresh();
  const { page } = w;
  await page.selectOption('#scenario-select', 'ready');
  await page.click('.scenario-picker button[type=submit]');
  await page.waitForFunction(() => document.querySelector('[data-testid=transcript]').textContent.includes('CDB_OB_ARCHIVELOG'));
  await run(page, 'ALTER SYSTEM BACKUP DATABASE;');
  await setSpeed(page, 75); // 100x
  await play(page);
  await page.waitForTimeout(600);
  await pause(page);
  await page.click('button:has-text("Stop 10.0.0.3")');
  await page.click('.faults button:has-text("Fill up")');
  await play(page);
  await page.waitForTimeout(800);
  await pause(page);
  await page.click('.faults button:has-text("Free space")');
  await page.click('button:has-text("Start 10.0.0.3")');
  await page.click('.faults button:has-text("Interrupt archiving")');
  await page.click('button:has-text("Step +1 s")');
  await run(page, 'SELECT TENANT_ID, JOB_ID, STATUS, RESULT FROM CDB_OB_BACKUP_JOB_HISTORY;');
  await run(page, 'SELECT TENANT_ID, STATUS FROM CDB_OB_ARCHIVELOG;');
  await assertSame(page);
  assert.deepEqual(w.problems.consoleErrors, []);
  await w.context.close();
});
