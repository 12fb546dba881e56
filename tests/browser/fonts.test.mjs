// The browser tests render with the same fonts on every machine: Chromium
// sees only fonts-dejavu-core (lib/fonts.conf), whatever else is installed,
// so a layout that passes here passes on a brand-new Debian 12 too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, withBrowser, renderedFonts, TEST_FONT } from './lib/browser.mjs';

let srv;
before(async () => { srv = await startServer({ db: 'sqlite' }); });
after(async () => { await srv?.stop(); });

test('every text on the log-in page is drawn with the test font, bold and plain', async () => {
  await withBrowser(async (page) => {
    await page.goto(`${srv.url}/login`);
    await page.locator('main h1').waitFor();
    // The page asks for "Noto Sans Variable", Arial, sans-serif; none of the named ones is visible to Chromium.
    const family = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    assert.match(family, /Arial/);
    for (const sel of ['main h1', 'label', 'button[type=submit]']) {
      assert.deepEqual(await renderedFonts(page, sel), [TEST_FONT], `${sel} is drawn with ${TEST_FONT}`);
    }
    // A font outside fonts-dejavu-core stays out even where the machine has it (fonts-dejavu-extra here).
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.id = 'font-probe';
      p.style.fontFamily = '"DejaVu Sans Condensed", "Liberation Sans", sans-serif';
      p.textContent = 'Doorloop 0123456789';
      document.body.append(p);
    });
    assert.deepEqual(await renderedFonts(page, '#font-probe'), [TEST_FONT]);
  });
});
