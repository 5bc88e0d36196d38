// Helpers to drive the obplay console like a user: type, press Enter, read the transcript.
export async function run(page, sql) {
  const before = await page.$$eval('[data-testid=transcript] .entry', (e) => e.length);
  await page.fill('#sql-input', sql);
  await page.press('#sql-input', 'Enter');
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid=transcript] .entry').length > n,
    before,
  );
  return page.$eval('[data-testid=transcript] .entry:last-child .out', (e) => e.textContent);
}

export async function setSpeed(page, sliderPos) {
  await page.$eval(
    'input[type=range]',
    (el, v) => {
      el.value = String(v);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    },
    sliderPos,
  );
}

/** The time bar's Play/Pause button says `label` after a click if it does not already. A new
 *  session plays from the start, so tests that step time by hand pause first. */
async function playState(page, label) {
  const button = page.locator('.timebar .btn.primary');
  if ((await button.textContent()).trim() !== label) await button.click();
  await page.waitForFunction((l) => document.querySelector('.timebar .btn.primary')?.textContent.trim() === l, label);
}
export const pause = (page) => playState(page, 'Play');
export const play = (page) => playState(page, 'Pause');

/** Plays simulated time until `predicate(transcriptOfQuery)` holds for `query`, bounded. */
export async function playUntil(page, query, predicate, { realMs = 20000 } = {}) {
  const deadline = Date.now() + realMs;
  for (;;) {
    const out = await run(page, query);
    if (predicate(out)) return out;
    if (Date.now() > deadline) throw new Error(`timed out waiting; last output:\n${out}`);
    await play(page);
    await page.waitForTimeout(700);
    await pause(page);
  }
}

/** Writes localStorage entries from a page of the same origin without the app (the app, which
 *  saves when it is left, would write over them), then opens the page's address again. */
export async function plant(page, entries) {
  const url = new URL(page.url());
  await page.goto(new URL('docs-example.html', url).href);
  await page.evaluate((e) => {
    for (const [k, v] of e) localStorage.setItem(k, v);
  }, entries);
  await page.goto(url.href);
}
