import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, watchedPage, screenshot } from './harness.mjs';

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

test('a saved session that cannot be read shows a message and a reset button', async () => {
  const { page, problems, context } = await watchedPage(browser, site.origin);
  await page.goto(site.origin + '/');
  await page.evaluate(() => localStorage.setItem('obplay.session', '{"format":1,"log":'));
  await page.reload();
  await page.waitForSelector('[role=alert]');
  assert.match(await page.textContent('[role=alert]'), /could not be restored/);
  await page.click('text=Start a fresh session');
  assert.equal(await page.$('[role=alert]'), null);
  await page.waitForSelector('#sql-input');
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});
