// The page in 简体中文 (issue 15): no English sentence of ours is left anywhere outside what
// OceanBase prints, with every panel open; the language switch persists; a Chinese tour runs to
// its end; a Chinese embed runs its script; share links carry no language; English readers
// download no Chinese; a catalogue that cannot load leaves the page working in English.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, watchedPage, screenshot } from './harness.mjs';
import { run } from './console-helpers.mjs';

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

/** Words that are the same in both languages: product and OceanBase names, units, keys. */
const SAME = new Set(
  ('obplay OceanBase obclient obsim English Tablet OBServer Piece Meta redo sys root SCN LS KiB MiB GiB TiB B ' +
    'Shift Enter Tab Esc Ctrl System Change Number').split(' '),
);

/** Visible text of ours still in English: text nodes and title / aria-label / placeholder /
 *  data-label, outside what OceanBase prints (pre, code, kbd, inputs, translate="no"). */
async function english(page) {
  const texts = await page.evaluate(() => {
    const skip = 'pre,code,kbd,textarea,input,script,style,[translate=no]';
    const out = [];
    const shown = (el) => el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      const el = n.nodeType === 1 ? n : n.parentElement;
      if (!el || el.closest(skip) || !shown(el)) continue;
      if (n.nodeType === 3) out.push(n.data);
      else for (const a of ['title', 'aria-label', 'placeholder', 'data-label']) if (n.hasAttribute(a)) out.push(n.getAttribute(a));
    }
    return out;
  });
  const left = new Set();
  for (const t of texts) {
    const words = t
      .replace(/`[^`]*`/g, ' ') // commands quoted in a sentence
      .split(/[\s，。：；、（）“”？!,;()'"·…[\]<>+]+/)
      .map((w) => w.replace(/[:.?]+$/, ''))
      .filter((w) => /[a-z]{2,}/i.test(w))
      .filter((w) => !/[_@./=:\\]|^[A-Z0-9$#-]+$/.test(w) && !SAME.has(w));
    if (words.length) left.add(t.trim());
  }
  return [...left];
}

async function zhPage(query = '', options = {}) {
  const w = await watchedPage(browser, site.origin);
  if (options.viewport) await w.page.setViewportSize(options.viewport);
  await w.page.goto(site.origin + '/?lang=zh-CN' + query);
  await w.page.waitForSelector('#sql-input', { state: 'attached' });
  return w;
}

test('in Chinese no English sentence of the page is left, with every panel open', async () => {
  const { page, problems, context } = await zhPage();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  assert.equal(await page.title(), 'obplay：OceanBase 备份演练场');
  const found = new Map();
  const look = async (state) => {
    for (const t of await english(page)) found.set(t, state);
  };
  await look('first screen');
  await screenshot(page, 'zh-main');
  // A busy cluster: running jobs, then history, sets, a failure.
  await page.selectOption('#scenario-select', 'busy');
  await page.click('.scenario-picker button[type=submit]');
  await page.waitForSelector('[data-testid=running-jobs] tbody tr');
  await look('busy, jobs running');
  await page.keyboard.press('Shift+ArrowRight');
  await run(page, 'SELECT SLEEP(600);');
  await page.waitForSelector('[data-testid=job-history] tbody tr');
  await look('busy, jobs done');
  // The dialogs and sheets, one by one.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('?');
  await look('shortcut sheet');
  await screenshot(page, 'zh-help');
  await page.keyboard.press('Escape');
  await page.keyboard.press('g');
  await look('glossary');
  await page.keyboard.press('Escape');
  await page.keyboard.press('s');
  await page.waitForSelector('.share-dialog:not([hidden])');
  await look('share dialog');
  await page.keyboard.press('Escape');
  // A block's tooltip.
  const at = await page.$eval('[data-testid=block-view] canvas', (c) => {
    c.scrollIntoView({ block: 'center' });
    const r = c.getBoundingClientRect();
    return { x: r.left + 40, y: r.top + 40 };
  });
  await page.mouse.click(at.x, at.y);
  await page.waitForSelector('[data-testid=block-tip]:not([hidden])');
  const tip = await page.textContent('[data-testid=block-tip]');
  assert.match(tip, /^宏块 \d+ · Tablet \d+ · LS \d+\n/, tip);
  await look('block tooltip');
  // A tour: the replacement question, then a step (with its wait and its doc link).
  await page.keyboard.press('t');
  await look('tour list');
  await page.click('[data-testid=tour] [data-act=start0]');
  await page.waitForSelector('[data-testid=confirm-replace]:not([hidden])');
  await look('replace question');
  await page.click('[data-testid=confirm-replace] .btn.primary');
  await page.waitForSelector('[data-testid=undo-bar]:not([hidden])');
  await look('tour step 1, undo bar');
  await page.click('[data-testid=tour] [data-act=next]');
  await page.click('[data-testid=tour] [data-act=next]');
  await look('tour step 3 (waits)');
  assert.match(await page.getAttribute('[data-testid=tour-doc]', 'href'), /\/zh-CN\/600\.manage\/600\.backup-and-recovery\/300\.log-archive\//);
  await screenshot(page, 'zh-tour-step');
  assert.deepEqual([...found].map(([t, s]) => `${s}: ${t}`), []);
  assert.deepEqual(problems.consoleErrors, []);
  assert.deepEqual(problems.offOrigin, []);
  await context.close();
});

test('phone layout in Chinese: nothing runs off the screen', async () => {
  const { page, problems, context } = await zhPage('', { viewport: { width: 390, height: 844 } });
  await page.selectOption('#scenario-select', 'failure');
  await page.click('.scenario-picker button[type=submit]');
  await page.waitForSelector('[data-testid=failure]:not([hidden])');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
  // No button or label cuts its words off.
  const clipped = await page.$$eval('button, label, th, td, dt, dd, h2, h3, summary', (els) =>
    els
      .filter((e) => {
        // Visually hidden headers (phones list a table's rows as labelled blocks) do not count.
        for (let p = e; p; p = p.parentElement) if (p.getBoundingClientRect().width <= 1) return false;
        return e.checkVisibility() && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible';
      })
      .map((e) => e.textContent.trim().slice(0, 40)),
  );
  assert.deepEqual(clipped, []);
  assert.deepEqual(await english(page), []);
  await screenshot(page, 'zh-phone');
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test('the language switch persists across reloads, keeps the session, and share links carry no language', async () => {
  const { page, problems, context } = await watchedPage(browser, site.origin);
  await page.goto(site.origin + '/');
  await page.waitForSelector('#sql-input');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await run(page, 'SELECT 1 + 1;');
  await page.click('[data-set-lang=zh-CN]');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN' && document.querySelector('#sql-input'));
  await page.waitForFunction(() => document.querySelector('.console h2')?.textContent === '控制台');
  assert.match(await page.textContent('[data-testid=transcript]'), /SELECT 1 \+ 1;/, 'the session resumed');
  await page.reload();
  await page.waitForSelector('#sql-input');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN', 'the choice is remembered');
  assert.equal(await page.textContent('.console h2'), '控制台');
  // Share: the link opens in its reader's language.
  await page.goto(site.origin + '/?lang=zh-CN');
  await page.waitForSelector('#sql-input');
  await page.click('.topbar [aria-keyshortcuts=S]');
  const link = await page.inputValue('#share-link');
  assert.ok(link.includes('#s=') && !link.includes('lang='), link);
  // ?lang=en overrides the choice for this page only; the switch back to English is remembered.
  await page.goto(site.origin + '/?lang=en');
  await page.waitForSelector('#sql-input');
  assert.equal(await page.textContent('.console h2'), 'Console');
  await page.goto(site.origin + '/');
  await page.waitForSelector('#sql-input');
  assert.equal(await page.textContent('.console h2'), '控制台');
  await page.click('[data-set-lang=en]');
  await page.waitForFunction(() => document.documentElement.lang === 'en' && document.querySelector('.console h2')?.textContent === 'Console');
  await page.reload();
  await page.waitForSelector('#sql-input');
  assert.equal(await page.textContent('.console h2'), 'Console');
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test("the browser's languages choose Chinese; English readers fetch no Chinese", async () => {
  const zh = await browser.newContext({ locale: 'zh-CN' });
  const page = await zh.newPage();
  await page.goto(site.origin + '/');
  await page.waitForSelector('#sql-input');
  assert.equal(await page.textContent('.console h2'), '控制台');
  await zh.close();
  const { page: en, context } = await watchedPage(browser, site.origin);
  const fetched = [];
  en.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await en.goto(site.origin + '/');
  await en.waitForSelector('#sql-input');
  assert.deepEqual(fetched.filter((p) => p.includes('i18n/')), []);
  await context.close();
});

test('a tour runs to its end in Chinese', async () => {
  const { page, problems, context } = await zhPage();
  await page.keyboard.press('t');
  await page.click('[data-testid=tour] [data-act=start3]');
  const first = await page.textContent('[data-testid=tour-count]');
  assert.match(first, /^停止备份 · 第 1 步，共 (\d+) 步$/);
  const total = Number(first.match(/共 (\d+) 步/)[1]);
  for (let i = 1; i <= total; i++) {
    assert.match(await page.textContent('[data-testid=tour-count]'), new RegExp(`第 ${i} 步，共 ${total} 步$`));
    await page.click('[data-testid=tour] .tour-nav .primary');
    await page.waitForFunction(() => document.querySelector('[data-testid=tour-status]')?.textContent.startsWith('完成') ||
      document.querySelector('[data-testid=tour-status]')?.textContent.startsWith('经过'), null, { timeout: 60000 });
    assert.match(await page.textContent('[data-testid=tour-status]'), /完成/);
    assert.equal(await page.textContent('[data-testid=tour] [data-act=next]'), i === total ? '完成' : '下一步');
    await page.click('[data-testid=tour] [data-act=next]');
  }
  const history = await page.textContent('[data-testid=job-history]');
  assert.match(history, /CANCELED/, 'OceanBase words stay as OceanBase prints them');
  assert.match(await page.textContent('[data-testid=transcript]'), /ALTER SYSTEM CANCEL BACKUP;/);
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test('an embed with lang=zh-CN runs its script in Chinese; docs-example.zh-CN.html embeds in Chinese', async () => {
  const { page, problems, context } = await watchedPage(browser, site.origin);
  await page.goto(site.origin + '/?embed=1&lang=zh-CN&panels=console,jobs&script=SELECT%201%3B%0ASELECT%202%3B');
  await page.waitForSelector('.steps li');
  assert.equal(await page.textContent('.steps h2'), '步骤');
  assert.equal(await page.textContent('.steps li:first-child button'), '运行');
  await page.click('.steps li:first-child button');
  await page.waitForFunction(() => document.querySelector('[data-testid=transcript]')?.textContent.includes('SELECT 1;'));
  assert.equal(await page.textContent('.steps li:first-child button'), '再次运行');
  assert.deepEqual(await english(page), []);
  // The Chinese docs page: prose in Chinese, its embeds ask for Chinese.
  await page.goto(site.origin + '/docs-example.zh-CN.html');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  const srcs = await page.$$eval('.obplay-embed[data-src]', (els) => els.map((e) => e.dataset.src));
  assert.ok(srcs.length > 0 && srcs.every((s) => s.includes('lang=zh-CN')), srcs.join(' '));
  await page.click('#example-backup .embed-load');
  const frame = page.frameLocator('#example-backup iframe');
  await frame.locator('.steps li:first-child button').click();
  await frame.locator('[data-testid=transcript]').filter({ hasText: 'ALTER SYSTEM BACKUP TENANT = mysql_tenant;' }).waitFor();
  assert.equal(await frame.locator('.steps h2').textContent(), '步骤');
  assert.deepEqual(problems.consoleErrors, []);
  await context.close();
});

test('a catalogue that cannot load leaves the page in English, and says so in both languages', async () => {
  const { page, context } = await watchedPage(browser, site.origin);
  await page.route('**/i18n/zh-CN.txt', (r) => r.fulfill({ status: 404, body: 'gone' }));
  await page.goto(site.origin + '/?lang=zh-CN');
  await page.waitForSelector('#sql-input');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.ok(await page.isVisible('.lang-failed'));
  assert.match(await page.textContent('.lang-failed'), /简体中文文本未能加载.*could not be loaded/);
  assert.equal(await page.textContent('.console h2'), 'Console');
  assert.match(await run(page, 'SELECT 1;'), /1 row in set/);
  await context.close();
});
