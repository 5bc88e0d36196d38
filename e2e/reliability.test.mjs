// "Never crash, never lose work": saves that cannot fail silently, one owner per session,
// limits in the page, panic inputs. Screenshots of every banner and notice at 1280x800 and
// 390x844 go to e2e/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, watchedPage, artifactsDir } from './harness.mjs';
import { run, setSpeed, plant, pause } from './console-helpers.mjs';
import { logBytes, base64url, save3 } from './session-bytes.mjs';

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

function clean(problems) {
  assert.deepEqual(problems.consoleErrors, [], 'console errors');
  assert.deepEqual(problems.offOrigin, [], 'requests to another origin');
}

/** Screenshots of what the user sees at the desktop and the phone size, scrolled to `selector`
 *  (the banner or notice under test). */
async function shots(page, name, selector) {
  const size = page.viewportSize();
  for (const [w, h] of [[1280, 800], [390, 844]]) {
    await page.setViewportSize({ width: w, height: h });
    await page.locator(selector).first().scrollIntoViewIfNeeded();
    fs.mkdirSync(artifactsDir, { recursive: true });
    await page.screenshot({ path: path.join(artifactsDir, `${name}-${w}.png`) });
  }
  await page.setViewportSize(size);
}

async function open(w, url = site.origin + '/') {
  await w.page.goto(url);
  await w.page.waitForSelector('#sql-input');
  return w;
}

const transcript = (page) => page.textContent('[data-testid=transcript]');
const isShown = (page, sel) => page.isVisible(sel);
/** Waits until the debounced save has been written (the save text mentions nothing typed, so
 *  wait for the key to change). */
async function saved(page, key = 'obplay.session') {
  const before = await page.evaluate((k) => localStorage.getItem(k), key);
  await page.waitForFunction(([k, b]) => localStorage.getItem(k) !== b, [key, before]).catch(() => {});
}

async function download(page, selector) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: dl.suggestedFilename(), text: fs.readFileSync(await dl.path(), 'utf8') };
}

test('a bulk INSERT of 60,000 rows (2 MB) is there after a reload', async () => {
  const w = await open(await watchedPage(browser, site.origin));
  const { page } = w;
  await run(page, 'connect root@mysql_tenant');
  await run(page, 'CREATE TABLE test.bulk (id INT PRIMARY KEY, note VARCHAR(40));');
  const rows = Array.from({ length: 60000 }, (_, i) => `(${i}, 'row number ${i} of the bulk load')`);
  const insert = `INSERT INTO test.bulk VALUES ${rows.join(', ')};`;
  assert.ok(insert.length > 2_000_000, `${insert.length} bytes`);
  assert.match(await run(page, insert), /60000 rows affected/);
  await page.waitForFunction(() => (localStorage.getItem('obplay.session') ?? '').length > 500_000);
  const size = await page.evaluate(() => localStorage.getItem('obplay.session').length);
  assert.ok(size < insert.length * 0.6, `the save takes ${size} characters for ${insert.length} bytes`);
  await page.reload();
  await page.waitForSelector('#sql-input');
  assert.match(await run(page, 'SELECT COUNT(*), MAX(id) FROM test.bulk;'), /\|\s+60000 \|\s+59999 \|/);
  assert.equal(await isShown(page, '[data-testid=save-failed]'), false);
  clean(w.problems);
  await w.context.close();
});

test('a full storage: the banner says why and what to do, a download keeps the session, saving resumes', async () => {
  const w = await watchedPage(browser, site.origin);
  await w.context.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      if (window.__storageFull && this === window.localStorage) {
        throw new DOMException('Setting the value exceeded the quota.', 'QuotaExceededError');
      }
      return setItem.call(this, k, v);
    };
  });
  const { page } = await open(w);
  await page.evaluate(() => (window.__storageFull = true));
  await run(page, "SELECT 'typed while the storage is full' AS t;");
  await page.waitForSelector('[data-testid=save-failed]');
  const banner = await page.textContent('[data-testid=save-failed]');
  assert.match(banner, /Saving failed: the browser's storage for this site is full\./);
  assert.match(banner, /still here in this tab/);
  assert.match(banner, /free space/i);
  await shots(page, 'save-failed-full', '[data-testid=save-failed]');
  // The download is the share link of the whole session.
  const file = await download(page, '[data-testid=save-failed] button:has-text("Download session")');
  assert.equal(file.name, 'obplay-session.txt');
  assert.ok(file.text.startsWith(site.origin + '/#s='), file.text.slice(0, 80));
  // Nothing typed is lost: once the storage has room again, the next change saves everything
  // and the banner goes.
  await page.evaluate(() => (window.__storageFull = false));
  await run(page, "SELECT 'after the storage had room' AS t;");
  await page.waitForSelector('[data-testid=save-failed]', { state: 'hidden' });
  await page.reload();
  await page.waitForSelector('#sql-input');
  const t = await transcript(page);
  assert.match(t, /typed while the storage is full/);
  assert.match(t, /after the storage had room/);
  // Opening the downloaded link elsewhere replays the same session.
  const other = await watchedPage(browser, site.origin);
  await other.page.goto(file.text.trim());
  await other.page.waitForSelector('#sql-input');
  assert.match(await transcript(other.page), /typed while the storage is full/);
  clean(w.problems);
  clean(other.problems);
  await other.context.close();
  await w.context.close();
});

test('storage switched off: the page works and says that nothing can be saved', async () => {
  const w = await watchedPage(browser, site.origin);
  await w.context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('Access is denied for this document.', 'SecurityError');
      },
    });
  });
  const { page } = await open(w);
  await page.waitForSelector('[data-testid=save-failed]');
  assert.match(await page.textContent('[data-testid=save-failed]'), /does not let the page store anything/);
  assert.match(await run(page, 'SELECT 1;'), /1 row in set/);
  await shots(page, 'save-failed-disabled', '[data-testid=save-failed]');
  clean(w.problems);
  await w.context.close();
});

test('an unreadable save is kept aside and offered; the new session saves what is typed at once', async () => {
  const w = await open(await watchedPage(browser, site.origin));
  const { page } = w;
  const bad = '{"format":1,"log":';
  await plant(page, [['obplay.session', bad]]);
  await page.waitForSelector('[data-testid=unreadable-save]');
  const text = await page.textContent('[data-testid=unreadable-save]');
  assert.match(text, /Your saved session cannot be restored: it was saved by an older version of obplay\./);
  assert.match(text, /obplay\.session\.unreadable/);
  assert.equal(await page.evaluate(() => localStorage.getItem('obplay.session.unreadable')), bad);
  await shots(page, 'unreadable-save', '[data-testid=unreadable-save]');
  const file = await download(page, 'button:has-text("Download the old save")');
  assert.equal(file.text, bad);
  // Typed while the banner shows: saved.
  await run(page, "SELECT 'kept across the reload' AS t;");
  await saved(page);
  await page.reload();
  await page.waitForSelector('#sql-input');
  assert.match(await transcript(page), /kept across the reload/);
  assert.equal(await isShown(page, '[data-testid=unreadable-save]'), false, 'the save is readable now');
  assert.equal(await page.evaluate(() => localStorage.getItem('obplay.session.unreadable')), bad, 'still kept');
  clean(w.problems);
  await w.context.close();
});

test('a save past the 90-day limit loads as "cannot be restored", with its copy kept, and no crash loop', async () => {
  const w = await open(await watchedPage(browser, site.origin));
  const { page } = w;
  const long = save3(logBytes({ days: 91 }));
  await plant(page, [['obplay.session', long]]);
  await page.waitForSelector('[data-testid=unreadable-save]');
  assert.match(
    await page.textContent('[data-testid=unreadable-save]'),
    /cannot be restored: the session covers more than 90 days of simulated time, the longest a session may run\./,
  );
  assert.equal(await page.evaluate(() => localStorage.getItem('obplay.session.unreadable')), long);
  assert.match(await run(page, 'SELECT 1;'), /1 row in set/);
  // The page replaced the save with the new session: the next load is normal.
  await page.reload();
  await page.waitForSelector('#sql-input');
  assert.equal(await isShown(page, '[data-testid=unreadable-save]'), false);
  clean(w.problems);
  await w.context.close();
});

test('a reload resumes exactly where the user was (saved when the page is left)', async () => {
  const w = await open(await watchedPage(browser, site.origin));
  const { page } = w;
  await run(page, 'SELECT 1;');
  await saved(page);
  for (let i = 0; i < 3; i++) await page.click('button:has-text("Step +1 s")');
  const clock = await page.textContent('[data-testid=sim-clock]');
  await page.reload();
  await page.waitForSelector('#sql-input');
  assert.equal(await page.textContent('[data-testid=sim-clock]'), clock);
  clean(w.problems);
  await w.context.close();
});

test('a second tab is told the session is open elsewhere; "Open a copy" keeps its own session across reloads', async () => {
  const a = await open(await watchedPage(browser, site.origin));
  await run(a.page, "SELECT 'first tab' AS t;");
  await saved(a.page);
  const b = await a.context.newPage();
  await b.goto(site.origin + '/');
  await b.waitForSelector('[data-testid=owner-banner]', { state: 'visible' });
  assert.match(await b.textContent('[data-testid=owner-banner]'), /open in another tab or window/);
  assert.ok(await b.evaluate(() => document.querySelector('#sql-input').closest('[inert]') !== null), 'inert');
  await shots(b, 'owner-elsewhere', '[data-testid=owner-banner]');
  await b.click('button:has-text("Open a copy")');
  await b.waitForSelector('[data-testid=owner-banner]', { state: 'hidden' });
  await run(b, "SELECT 'the copy' AS t;");
  await b.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('obplay.session.copy.')));
  await b.reload();
  await b.waitForSelector('#sql-input');
  await b.waitForTimeout(2000); // longer than a claim waits
  assert.equal(await b.isVisible('[data-testid=owner-banner]'), false, 'the copy is this tab’s own');
  const bt = await transcript(b);
  assert.match(bt, /first tab/);
  assert.match(bt, /the copy/);
  // The first tab still owns and saves its session; the copy did not touch it.
  await run(a.page, "SELECT 'first tab again' AS t;");
  await saved(a.page);
  await a.page.reload();
  await a.page.waitForSelector('#sql-input');
  await a.page.waitForTimeout(2000);
  assert.equal(await a.page.isVisible('[data-testid=owner-banner]'), false);
  assert.doesNotMatch(await transcript(a.page), /the copy/);
  clean(a.problems);
  await a.context.close();
});

test('"Take over" continues from what the other tab saved; that tab stops saving and says so', async () => {
  const a = await open(await watchedPage(browser, site.origin));
  const c = await a.context.newPage();
  await c.goto(site.origin + '/');
  await c.waitForSelector('[data-testid=owner-banner]', { state: 'visible' });
  await run(a.page, "SELECT 'typed in A after C opened' AS t;");
  await saved(a.page);
  await c.click('button:has-text("Take over")');
  await c.waitForSelector('[data-testid=owner-banner]', { state: 'hidden' });
  assert.match(await transcript(c), /typed in A after C opened/);
  await a.page.waitForSelector('[data-testid=owner-banner]', { state: 'visible' });
  assert.match(await a.page.textContent('[data-testid=owner-banner]'), /Another tab took this session over\. This tab has stopped saving/);
  await shots(a.page, 'owner-stolen', '[data-testid=owner-banner]');
  await run(c, "SELECT 'typed in C' AS t;");
  await saved(c);
  // A background tab never overwrites: A leaving (pagehide) writes nothing.
  await a.page.close({ runBeforeUnload: true });
  await c.reload();
  await c.waitForSelector('#sql-input');
  assert.match(await transcript(c), /typed in C/);
  clean(a.problems);
  await a.context.close();
});

test('a share link outside the limits (4,000,000,000 writes a second) gives a notice, and the page works', async () => {
  const payload = base64url(logBytes({ options: { blocks: 4096, workload: 4_000_000_000 } }));
  assert.ok(payload.length <= 31, payload);
  const w = await watchedPage(browser, site.origin);
  await w.page.goto(`${site.origin}/#s=${payload}`);
  await w.page.waitForSelector('#sql-input');
  assert.match(
    await w.page.textContent('.notices'),
    /This share link cannot be opened: the session asks for a background workload of 4000000000 writes a second; the playground allows 0 to 10000\./,
  );
  assert.match(await run(w.page, 'SELECT 1;'), /1 row in set/);
  await shots(w.page, 'link-outside-limits', '.notices');
  clean(w.problems);
  await w.context.close();
});

test('the console refuses a statement past the session limit: a notice, the statement stays, nothing runs', async () => {
  const w = await open(await watchedPage(browser, site.origin));
  const { page } = w;
  const huge = `SELECT '${'x'.repeat(4 * 1024 * 1024 + 1)}';`;
  await page.fill('#sql-input', huge);
  await page.press('#sql-input', 'Enter');
  await page.waitForSelector('[data-testid=console-refused]');
  assert.match(await page.textContent('[data-testid=console-refused]'), /would take the session past 4 MB of statements/);
  assert.equal(await page.$$eval('[data-testid=transcript] .entry', (e) => e.length), 0);
  assert.equal(await page.$eval('#sql-input', (t) => t.value.length), huge.length);
  await shots(page, 'console-refused', '[data-testid=console-refused]');
  clean(w.problems);
  await w.context.close();
});

test('playing stops at day 90 with a notice saying how to go on', async () => {
  const w = await open(await watchedPage(browser, site.origin));
  const { page } = w;
  // Paused first: at 1x from the start, the last 10 s before day 90 could run out before Play.
  await pause(page);
  await run(page, 'SELECT SLEEP(86400);\n'.repeat(89) + 'SELECT SLEEP(86390);');
  await setSpeed(page, 100); // 1000x
  // One click: at 1000x the last 10 s pass at once, so the button may never be seen saying Pause.
  await page.click('.timebar .btn.primary');
  await page.waitForSelector('[data-testid=time-limit]', { state: 'visible' });
  await page.waitForFunction(() => document.querySelector('.timebar .btn.primary').textContent === 'Play');
  assert.ok(await page.isDisabled('.timebar .btn.primary'), 'Play is disabled');
  assert.match(await page.textContent('[data-testid=time-limit]'), /Simulated time stops at day 90.*start a new session/);
  assert.match(await page.textContent('[data-testid=sim-clock]'), /^2024-08-07 17:50:00/);
  await shots(page, 'time-limit', '[data-testid=time-limit]');
  // A new session goes on.
  await page.fill('input[aria-label="New seed"]', '7');
  await page.click('button:has-text("New run")');
  // The session has statements: the page asks before replacing it.
  await page.click('[data-testid=confirm-replace] button:text-is("Replace")');
  await page.waitForSelector('[data-testid=time-limit]', { state: 'hidden' });
  clean(w.problems);
  await w.context.close();
});

test('inputs that once panicked: SELECT 1;é typed, and after a pasted login line; the page keeps working', async () => {
  const w = await open(await watchedPage(browser, site.origin));
  const { page } = w;
  await page.fill('#sql-input', 'SELECT 1;é');
  await page.press('#sql-input', 'Enter');
  await page.fill('#sql-input', 'obclient -h127.0.0.1 -P2881 -uroot@mysql_tenant -p\nSELECT 1;é');
  await page.press('#sql-input', 'Enter');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=transcript] .entry').length === 2);
  assert.equal((await page.$eval('#sql-input', (t) => t.value)).trim(), 'é', 'the unfinished rest stays');
  assert.match(await page.textContent('.input-row .prompt'), /root@mysql_tenant/);
  assert.match(await run(page, 'SELECT 2;'), /1 row in set/);
  await page.reload();
  await page.waitForSelector('#sql-input');
  assert.equal(await page.$$eval('[data-testid=transcript] .entry', (e) => e.length), 3);
  clean(w.problems);
  await w.context.close();
});
