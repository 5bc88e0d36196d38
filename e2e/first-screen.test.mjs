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

test('release build shows the engine cluster: header and tenant list', async () => {
  const { page, problems, context } = await watchedPage(browser, site.origin);
  await page.goto(site.origin + '/');
  await page.waitForSelector('[data-testid=tenant-list] tbody tr');

  const rows = await page.$$eval('[data-testid=tenant-list] tbody tr', (trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())),
  );
  assert.deepEqual(
    rows.map((r) => [r[0], r[1], r[3]]),
    [
      ['1', 'sys', 'MYSQL'],
      ['1001', 'META$1002', 'MYSQL'],
      ['1002', 'mysql_tenant', 'MYSQL'],
      ['1003', 'META$1004', 'MYSQL'],
      ['1004', 'oracle_tenant', 'ORACLE'],
    ],
  );
  assert.match(await page.textContent('[data-testid=cluster-version]'), /^OceanBase 4\.\d+\.\d+\.\d+$/);
  assert.match(await page.textContent('[data-testid=seed]'), /^seed \d+$/);

  await screenshot(page, 'first-screen');
  assert.deepEqual(problems.consoleErrors, [], 'console errors');
  assert.deepEqual(problems.offOrigin, [], 'requests to another origin');
  await context.close();
});
