// Group climate in the web app (issue 13): the demo coordinator opens a
// round for a living group, makes codes (printable, with QR codes), eight
// girls and three staff answer on a phone (one by keyboard alone, one who
// stops and goes on later), and the report shows the four theme scores
// beside the staff's and the previous round's — while the small group
// shows none.  Axe on every screen, 390 px for the answer page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launch, uiLogin, settled, screen, screenshot, withBrowser,
} from './lib/browser.mjs';

let srv;
before(async () => { srv = await startServer({ db: 'sqlite' }); });
after(async () => { await srv?.stop(); });

const THEMES_NL = ['Steun', 'Groei', 'Repressie', 'Sfeer'];

async function tabTo(page, predicate, arg, max = 60) {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(predicate, arg)) return;
  }
  throw new Error('focus never reached the target');
}

async function noSideways(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no sideways scrolling at 390px (${overflow}px)`);
}

// Answer every question with the pointer (a tap on the face), then send.
async function answerByTap(page, code, pick) {
  await page.goto(`${srv.url}/q#${code}`);
  await page.getByRole('button', { name: /Begin met de vragen|Verder waar je was/ }).click();
  for (let i = 0; ; i += 1) {
    const h1 = page.locator('main h1');
    await h1.waitFor();
    if (!(await page.locator('.q-options').count())) break;
    const opts = page.locator('.q-option');
    await opts.nth(pick(i)).click();
    await page.locator('.q-saved', { hasText: 'Bewaard' }).waitFor();
    await page.getByRole('button', { name: 'Volgende' }).click();
    await page.waitForFunction((n) => !document.querySelector('.q-count') || !document.querySelector('.q-count').textContent.startsWith(`Vraag ${n} `), i + 1);
  }
  await page.locator('main h1', { hasText: 'Bijna klaar' }).waitFor();
  await page.getByRole('button', { name: 'Versturen' }).click();
  await page.locator('main h1', { hasText: 'Dank je wel!' }).waitFor();
}

test('a whole round: opening, codes, eight girls and three staff on a phone, the report', async () => {
  const codes = {};
  let reportUrl;
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'coordinator');
    await page.getByRole('link', { name: 'Leefklimaat' }).click();
    await settled(page);
    await page.locator('main h1', { hasText: 'Leefklimaat op de groepen' }).waitFor();
    // The small group shows no scores in the overview.
    const kompas = page.locator('table tr', { hasText: 'Het Kompas' });
    assert.equal(await kompas.locator('td', { hasText: 'geen uitslag' }).count(), 8);
    await screen(page, 'cl-01-overview');
    const openRound = page.locator('details', { has: page.locator('summary', { hasText: 'Ronde openen voor De Vlinder' }) });
    await openRound.locator('summary').click();
    await openRound.locator('button[type=submit]').click();
    await page.waitForURL(/\/climate\/rounds\//);
    await settled(page);
    reportUrl = page.url();
    await page.locator('main h1', { hasText: 'Leefklimaat De Vlinder' }).waitFor();
    for (const [variant, n] of [['girl_young', 4], ['girl_older', 4], ['staff', 3]]) {
      await page.locator('form[data-form=climate-codes] select[name=variant]').selectOption(variant);
      await page.locator('form[data-form=climate-codes] input[name=count]').fill(String(n));
      await page.locator('form[data-form=climate-codes] button[type=submit]').click();
      await page.locator('.climate-codes__batch').nth(Object.keys(codes).length).waitFor();
      const batch = page.locator('.climate-codes__batch').nth(Object.keys(codes).length);
      codes[variant] = (await batch.locator('.climate-card__code').allTextContents()).map((t) => t.replace(/^.*: /, '').trim());
      assert.equal(codes[variant].length, n);
      assert.equal(await batch.locator('svg.qr-code').count(), n, 'a QR code on every card');
    }
    await screen(page, 'cl-02-codes');
  });

  // The girls and staff, each on a phone of her own.
  const b = await launch();
  try {
    const page = await b.page();
    await page.setViewportSize({ width: 390, height: 844 });
    const girls = [...codes.girl_young, ...codes.girl_older];

    // The first girl by keyboard alone: type the code, answer with the arrow keys.
    await page.goto(`${srv.url}/q`);
    await page.locator('main h1', { hasText: 'Vragenlijst over je groep' }).waitFor();
    await screen(page, 'cl-03-code-390px');
    await noSideways(page);
    await tabTo(page, () => document.activeElement && document.activeElement.name === 'code');
    await page.keyboard.type(girls[0].toLowerCase());
    await page.keyboard.press('Enter');
    await page.locator('main h1', { hasText: 'Fijn dat je meedoet!' }).waitFor();
    await screen(page, 'cl-04-intro-390px');
    await tabTo(page, () => document.activeElement && /Begin met de vragen/.test(document.activeElement.textContent));
    await page.keyboard.press('Enter');
    let first = true;
    for (;;) {
      await page.locator('main h1').waitFor();
      if (!(await page.locator('.q-options').count())) break;
      const count = await page.locator('.q-count').textContent();
      await tabTo(page, () => document.activeElement && document.activeElement.type === 'radio');
      await page.keyboard.press('Space');
      await page.keyboard.press('ArrowDown');   // the next face down the list
      await page.locator('.q-saved', { hasText: 'Bewaard' }).waitFor();
      if (first) {
        await noSideways(page);
        await screen(page, 'cl-05-question-390px');
        const box = await page.locator('.q-option').first().boundingBox();
        assert.ok(box.height >= 44 && box.width >= 300, `large targets (${box.width}x${box.height})`);
        first = false;
      }
      await tabTo(page, () => document.activeElement && document.activeElement.textContent === 'Volgende');
      await page.keyboard.press('Enter');
      await page.waitForFunction((c) => !document.querySelector('.q-count') || document.querySelector('.q-count').textContent !== c, count);
    }
    await page.locator('main h1', { hasText: 'Bijna klaar' }).waitFor();
    await screen(page, 'cl-06-review-390px');
    await tabTo(page, () => document.activeElement && document.activeElement.textContent === 'Versturen');
    await page.keyboard.press('Enter');
    await page.locator('main h1', { hasText: 'Dank je wel!' }).waitFor();
    await screen(page, 'cl-07-thanks-390px');

    // The same code a second time: refused, in plain words.
    await page.goto(`${srv.url}/q#${girls[0]}`);
    await page.locator('.field-error', { hasText: 'al gebruikt' }).waitFor();
    await screen(page, 'cl-08-code-used-390px');

    // The second girl stops after three questions and goes on later with her code.
    await page.goto(`${srv.url}/q#${girls[1]}`);
    await page.getByRole('button', { name: 'Begin met de vragen' }).click();
    for (let i = 0; i < 3; i += 1) {
      await page.locator('.q-option').nth(1).click();
      await page.locator('.q-saved', { hasText: 'Bewaard' }).waitFor();
      await page.getByRole('button', { name: 'Volgende' }).click();
    }
    await page.locator('.q-count', { hasText: 'Vraag 4 van 12' }).waitFor();
    await page.getByRole('button', { name: 'Stoppen, later verder' }).click();
    await page.locator('main h1', { hasText: 'Je antwoorden zijn bewaard' }).waitFor();
    await axeCheckPage(page, 'cl-09-stopped');
    await page.goto(`${srv.url}/q`);
    await page.locator('input[name=code]').fill(girls[1]);
    await page.getByRole('button', { name: 'Beginnen' }).click();
    await page.getByRole('button', { name: 'Verder waar je was' }).click();
    await page.locator('.q-count', { hasText: 'Vraag 4 van 12' }).waitFor();
    await answerByTap(page, girls[1], (i) => i % 5);

    for (const [k, c] of girls.slice(2).entries()) await answerByTap(page, c, (i) => (i + k) % 5);
    for (const c of codes.staff) {
      await page.goto(`${srv.url}/q#${c}`);
      await page.locator('main h1', { hasText: 'Fijn dat u meedoet!' }).waitFor();
      await answerByTap(page, c, () => 1);
    }
    assert.deepEqual(b.errors, [], 'no script errors on the phone');
  } finally {
    await b.close();
  }

  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'coordinator');
    await page.goto(reportUrl);
    await settled(page);
    await page.locator('main', { hasText: '8 meisjes en 3 medewerkers' }).waitFor();
    const caption = 'Gemiddelde per thema, meisjes naast medewerkers en de vorige ronde (schaal 1–5)';
    const tbl = page.getByRole('table', { name: caption });
    const head = await tbl.locator('thead th').allTextContents();
    assert.deepEqual(head, ['Thema', 'Meisjes', 'Medewerkers', 'Meisjes, vorige ronde']);
    for (const th of THEMES_NL) {
      const cells = await tbl.locator('tr', { hasText: th }).locator('td').allTextContents();
      assert.equal(cells.length, 3);
      for (const c of cells) assert.match(c, /^\d,\d\d \(± \d,\d\d, n = \d\)$/, `${th}: ${c}`);
    }
    assert.equal(await page.locator('svg.climate-chart rect.climate-bar--girls').count(), 4 + 1);
    await screen(page, 'cl-10-report');
    // The small group: no scores at all, not even per question.
    await page.goto(`${srv.url}/climate`);
    await settled(page);
    await page.locator('table tr', { hasText: 'Het Kompas' }).getByRole('link').first().click();
    await page.locator('main h1', { hasText: 'Leefklimaat Het Kompas' }).waitFor();
    await page.locator('.climate-suppressed', { hasText: '3 meisjes antwoordden, de drempel is 5' }).first().waitFor();
    const small = page.getByRole('table', { name: caption });
    for (const th of THEMES_NL) {
      const cells = await small.locator('tr', { hasText: th }).locator('td').allTextContents();
      assert.deepEqual(cells.slice(0, 2), ['geen uitslag', 'geen uitslag'], th);
    }
    assert.equal(await page.locator('svg.climate-chart rect.climate-bar').count(), 2, 'only the legend, no bars');
    assert.equal(await page.getByRole('table', { name: /Uitslag per vraag/ }).count(), 0);
    await screen(page, 'cl-11-small-group');
  });
});

async function axeCheckPage(page, name) {
  await screenshot(page, name);
  const { axeCheck } = await import('./lib/browser.mjs');
  await axeCheck(page, name);
}
