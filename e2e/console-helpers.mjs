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

/** Plays simulated time until `predicate(transcriptOfQuery)` holds for `query`, bounded. */
export async function playUntil(page, query, predicate, { realMs = 20000 } = {}) {
  const deadline = Date.now() + realMs;
  for (;;) {
    const out = await run(page, query);
    if (predicate(out)) return out;
    if (Date.now() > deadline) throw new Error(`timed out waiting; last output:\n${out}`);
    await page.click('button:has-text("Play")');
    await page.waitForTimeout(700);
    await page.click('button:has-text("Pause")');
  }
}
