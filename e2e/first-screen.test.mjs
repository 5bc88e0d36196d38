import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, watchedPage, screenshot } from './harness.mjs';
import { plant } from './console-helpers.mjs';

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

test('release build shows the engine cluster: header, tenants, console ready', async () => {
  const { page, problems, context } = await watchedPage(browser, site.origin);
  await page.goto(site.origin + '/');
  await page.waitForSelector('#sql-input');
  assert.match(await page.textContent('[data-testid=cluster-version]'), /^OceanBase 4\.\d+\.\d+\.\d+$/);
  assert.match(await page.textContent('[data-testid=seed]'), /^seed \d+$/);
  const side = await page.textContent('.col-side');
  for (const name of ['mysql_tenant', 'oracle_tenant']) assert.ok(side.includes(name), `${name} shown`);
  assert.match(side, /MYSQL/);
  assert.match(side, /ORACLE/);
  await screenshot(page, 'first-screen');
  assert.deepEqual(problems.consoleErrors, [], 'console errors');
  assert.deepEqual(problems.offOrigin, [], 'requests to another origin');
  await context.close();
});

test('a saved session that cannot be read shows a message; Dismiss hides it and the page works', async () => {
  const { page, problems, context } = await watchedPage(browser, site.origin);
  await page.goto(site.origin + '/');
  await plant(page, [['obplay.session', '{"format":1,"log":']]);
  await page.waitForSelector('[data-testid=unreadable-save]');
  assert.match(await page.textContent('[data-testid=unreadable-save]'), /cannot be restored/);
  await page.click('[data-testid=unreadable-save] button:has-text("Dismiss")');
  await page.waitForSelector('[data-testid=unreadable-save]', { state: 'hidden' });
  await page.waitForSelector('#sql-input');
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test('keyboard only: reach a tenant card by its number and back it up; 360 px wide still fits', async () => {
  const { page, problems, context } = await watchedPage(browser, site.origin);
  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto(site.origin + '/');
  await page.waitForSelector('#sql-input');
  // Nothing overflows sideways at 360 px: the console and dashboards wrap.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('2');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.tenant), 'oracle_tenant');
  await page.keyboard.press('f');
  // The card's F typed the statement into the console, which ran it as root@sys.
  await page.waitForFunction(() => document.querySelector('[data-testid=transcript]')?.textContent
    .includes('ALTER SYSTEM BACKUP TENANT = oracle_tenant;'));
  const transcript = await page.textContent('[data-testid=transcript]');
  assert.match(transcript, /ERROR 9\d{3}|Query OK/);
  await page.keyboard.press('j');
  assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('dash-jobs')));
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'sql-input');
  await screenshot(page, 'keyboard-360px');
  assert.deepEqual(problems.consoleErrors, [], 'console errors');
  await context.close();
});
