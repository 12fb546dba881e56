// Early signals in the web app (R12, issue 11): a teacher records a signal on
// a phone (390 px) with the keyboard alone; a police officer signals the same
// girl and sees the match notice with the teacher's contact (never her text);
// the teacher sees it too; the coordinator opens the referred signal, records
// the outcome and registers her without typing her again.  Axe on every screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, uiLogin, settled, screen, withBrowser,
} from './lib/browser.mjs';

let srv;
before(async () => { srv = await startServer({ db: 'sqlite' }); });
after(async () => { await srv?.stop(); });

const TEACHER_NOTE = 'Stapt na school in een zwarte auto bij het hek';

async function noSideways(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no sideways scrolling at 390px (${overflow}px)`);
}

// Tab until the focused element satisfies predicate(arg).
async function tabTo(page, predicate, arg, max = 80) {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(predicate, arg)) return;
  }
  throw new Error(`focus never reached ${arg}`);
}
const focusedName = (name) => document.activeElement && document.activeElement.getAttribute('name') === name;
const focusedValue = (v) => document.activeElement && document.activeElement.value === v;

test('a teacher records a signal on a phone with the keyboard, a police officer gets the match notice', async () => {
  await withBrowser(async (page) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await uiLogin(page, srv.url, 'teacher');
    await settled(page);
    assert.equal(new URL(page.url()).pathname, '/signals', 'a reporter starts on her signals');
    await page.locator('main h1', { hasText: 'Signalen' }).waitFor();
    // The demo's match about Jasmijn is on her list already.
    assert.ok(await page.getByTestId('match-notice').count() >= 1);
    await noSideways(page);
    await screen(page, 'sig-01-form-390px');

    // The form by keyboard alone.
    await page.locator('input[name=name]').focus();
    await page.keyboard.type('Mira Sterk');
    await tabTo(page, focusedName, 'birth_date');
    await page.keyboard.type('03-04-2011');
    await tabTo(page, focusedValue, 'older_partner');
    await page.keyboard.press('Space');
    await tabTo(page, focusedValue, 'picked_up');
    await page.keyboard.press('Space');
    await tabTo(page, focusedName, 'certainty');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, focusedName, 'note');
    await page.keyboard.type(TEACHER_NOTE);
    await tabTo(page, focusedName, 'contact_phone');
    await page.keyboard.type('06-11112222');
    await tabTo(page, focusedName, 'referred_org_id');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, (t) => document.activeElement && document.activeElement.textContent === t, 'Signaal vastleggen');
    await page.keyboard.press('Enter');
    await page.locator('.utrecht-alert', { hasText: 'Uw signaal is vastgelegd.' }).waitFor();
    const cards = page.getByTestId('signal');
    assert.ok(await cards.first().textContent().then((x) => x.includes(TEACHER_NOTE)));
    assert.ok((await cards.first().textContent()).includes('Oudere "vriend"'));
    await noSideways(page);
    await screen(page, 'sig-02-saved-390px');

    // An error by reason beside its field: no identity.
    await page.locator('input[value=truancy]').check();
    await page.locator('select[name=certainty]').selectOption('unsure');
    await page.locator('input[name=contact_phone]').fill('06-11112222');
    await page.getByRole('button', { name: 'Signaal vastleggen' }).click();
    await page.locator('.field-error', { hasText: 'Vul haar BSN in, of haar naam en geboortedatum.' }).waitFor();
    await screen(page, 'sig-03-error-390px');
  });

  // The police officer signals the same girl (name written differently).
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'police');
    await page.locator('input[name=bsn]').fill('999801107');
    await page.locator('input[name=name]').fill('mira  STERK');
    await page.locator('input[name=birth_date]').fill('03-04-2011');
    await page.locator('input[value=missing]').check();
    await page.locator('select[name=certainty]').selectOption('likely');
    await page.locator('input[name=contact_phone]').fill('06-33334444');
    await page.getByRole('button', { name: 'Signaal vastleggen' }).click();
    await page.locator('.utrecht-alert', { hasText: 'Uw signaal is vastgelegd. Een andere professional' }).waitFor();
    const first = page.getByTestId('signal').first();
    const notice = first.getByTestId('match-notice');
    await notice.waitFor();
    const text = await notice.textContent();
    assert.match(text, /Demo Docent \(Lisa de Groot\)/);
    assert.match(text, /Daltoncollege Rivierstad/);
    assert.match(text, /06-11112222/);
    assert.ok(!(await page.locator('main').textContent()).includes(TEACHER_NOTE), 'never the other reporter\'s text');
    assert.equal(await notice.locator('a[href^="tel:"]').count(), 1);
    await screen(page, 'sig-04-match-notice');
  });

  // The teacher is told as well.
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'teacher');
    const mine = page.getByTestId('signal').filter({ hasText: TEACHER_NOTE });
    await mine.getByTestId('match-notice').waitFor();
    assert.match(await mine.getByTestId('match-notice').textContent(), /Demo Wijkagent \(Karim Benali\).*06-33334444/s);
  });
});

test('the coordinator screens a referred signal and registers her from it', async () => {
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'coordinator');
    await page.getByRole('link', { name: 'Signalen' }).click();
    await settled(page);
    await page.getByTestId('incoming-signals').waitFor();
    await page.getByTestId('signal-notices').locator('text=Amber').first().waitFor();
    await screen(page, 'sig-05-incoming');
    // The demo's teacher signal about Jasmijn, referred to De Overstap.
    await page.getByTestId('incoming-signals').getByRole('link', { name: /Demo Docent/ }).first().click();
    await settled(page);
    await page.getByTestId('signal-identity').locator('text=Jasmijn de Vries').waitFor();
    await screen(page, 'sig-06-signal');
    await page.locator('select[name=outcome]').selectOption('confirmed');
    await page.getByRole('button', { name: 'Uitkomst vastleggen' }).click();
    await page.locator('form[data-form=intake]').waitFor();
    await page.locator('input[name=pseudonym]').fill('Jasmijn-S');
    await page.locator('select[name=municipality_id]').selectOption({ label: 'Gemeente Lindeveen (demo)' });
    await screen(page, 'sig-07-intake');
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.waitForFunction(() => /^\/clients\//.test(location.pathname));
    await settled(page);
    assert.match(await page.locator('main').textContent(), /Jasmijn-S/);
  });
});
