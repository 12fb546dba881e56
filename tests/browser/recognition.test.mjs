// Recognition in the web app (DOMAIN.md R13, R17): the coordinator reads
// Jade's exploiter indicators with their match lines (Roos by name in her
// own institution, the girl at Het Baken unnamed), records one, is told in
// Dutch when it cannot be read, and makes an overview for the police with
// its legal ground; the registration as a victim and the refused CoMensha
// registration without consent; a caregiver sees the registration but no
// indicators.  Axe on every screen, and 390 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, uiLogin, settled, screen, clientIds, withBrowser,
} from './lib/browser.mjs';

let srv;
let ids;

before(async () => {
  srv = await startServer({ db: 'sqlite' });
  ids = await clientIds(srv);
});

after(async () => { await srv?.stop(); });

async function openFile(page, who, anchor) {
  await page.goto(`${srv.url}/clients/${ids[who]}#${anchor}`);
  await page.locator(`#${anchor} h2`).waitFor();
  await settled(page);
}

test('the coordinator sees the match lines, records an indicator and makes an overview for the police', async () => {
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'coordinator');
    await openFile(page, 'Jade', 'indicators');
    const list = page.locator('[data-testid=indicator-list]');
    await list.waitFor();
    const phone = list.locator('li[data-kind=phone]');
    assert.match(await phone.locator('[data-testid=indicator-match]').innerText(), /Komt voor in 1 ander traject: Stichting De Overstap \(demo\)\.\s+Bij u bekend:\s+Roos/);
    assert.equal(await phone.locator('a', { hasText: 'Roos' }).getAttribute('href'), `/clients/${ids.Roos}#indicators`);
    const plate = list.locator('li[data-kind=plate]');
    const plateLine = await plate.locator('[data-testid=indicator-match]').innerText();
    assert.match(plateLine, /Komt voor in 1 ander traject: Jeugdzorg Het Baken \(demo\)\./);
    assert.match(plateLine, /alleen met noodtoegang/);
    assert.doesNotMatch(plateLine, /Cijfers/);
    assert.match(await plate.innerText(), /GX412K/);
    await screen(page, 'recognition-01-indicators');

    // A phone number that cannot be read: the reason in Dutch beside the field.
    await page.locator('[data-action=add-indicator]').click();
    const form = page.locator('form[data-form=add-indicator]');
    await form.locator('select[name=kind]').selectOption('phone');
    await form.locator('input[name=value]').fill('06-123');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await form.locator('[data-field=value] .field-error:not([hidden])').waitFor();
    assert.match(await form.locator('[data-field=value] .field-error').innerText(), /Geen herkenbaar telefoonnummer/);
    await screen(page, 'recognition-02-indicator-error');
    await form.locator('input[name=value]').fill('06 99 88 77 66');
    await form.locator('textarea[name=note]').fill('Stond in haar telefoon');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await page.locator('[data-testid=status-indicators] .utrecht-alert--ok').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.closest('[data-testid=status-indicators]') !== null), true, 'focus on the confirmation');
    const added = list.locator('li[data-kind=phone]', { hasText: '+31699887766' });
    assert.match(await added.innerText(), /Komt in geen ander traject voor/);

    // The overview for the police: the legal ground and reference are required.
    await plate.locator('[data-action=export-indicator]').click();
    const exp = page.locator('form[data-form=export-indicator]');
    await exp.getByRole('button', { name: 'Overzicht maken' }).click();
    await exp.locator('[data-field=legal_basis] .field-error:not([hidden])').waitFor();
    assert.equal(await exp.locator('.field-error:not([hidden])').count(), 2);
    await exp.locator('select[name=legal_basis]').selectOption('prosecutor_order');
    await exp.locator('input[name=reference]').fill('PL0900-2026-77');
    await screen(page, 'recognition-03-export-form');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      exp.getByRole('button', { name: 'Overzicht maken' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^kenmerk-plate-.*\.csv$/);
    await page.locator('[data-testid=status-indicators] .utrecht-alert--ok').waitFor();
    assert.match(await page.locator('[data-testid=status-indicators]').innerText(), /PL0900-2026-77/);
    assert.match(await list.locator('li[data-kind=plate]').innerText(), /Aan politie verstrekt\s+1 keer/);

    // 390 px: nothing scrolls sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('#indicators').scrollIntoViewIfNeeded();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `no sideways scrolling at 390px (${overflow}px)`);
    await screen(page, 'recognition-04-indicators-390px');
  });
});

test('the registration as a victim, and CoMensha refused without consent; a caregiver sees no indicators', async () => {
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'coordinator');
    await openFile(page, 'Jade', 'victim-registration');
    const reg = page.locator('[data-testid=victim-registration]');
    await reg.waitFor();
    assert.match(await reg.innerText(), /slachtoffer \(vastgesteld\)/);
    assert.match(await reg.innerText(), /seksuele uitbuiting in Nederland, criminele uitbuiting/);
    assert.match(await reg.innerText(), /aangemeld op/);
    await openFile(page, 'Roos', 'victim-registration');
    await page.locator('[data-action=add-comensha]').click();
    const form = page.locator('form[data-form=add-comensha]');
    assert.match(await form.innerText(), /vanaf 16 tekent zij zelf/);
    const today = new Date();
    const nl = `${String(today.getDate()).padStart(2, '0')}-${String(today.getMonth() + 1).padStart(2, '0')}-${today.getFullYear()}`;
    await form.locator('input[name=registered_on]').fill(nl);
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await form.locator('[data-field=consent_id] .field-error:not([hidden])').waitFor();
    assert.match(await form.locator('[data-field=consent_id] .field-error').innerText(), /geen geldige toestemming/);
    await screen(page, 'recognition-05-comensha-refused');
    // Amber is not registered yet: the form with the forms of exploitation.
    await openFile(page, 'Amber', 'victim-registration');
    await page.locator('[data-action=add-victim]').click();
    const add = page.locator('form[data-form=add-victim]');
    await add.locator('select[name=status]').selectOption('possible');
    await add.locator('input[name=recognised_on]').fill(nl);
    await add.getByLabel('online seksuele uitbuiting').check();
    await screen(page, 'recognition-06-victim-form');
    await add.getByRole('button', { name: 'Opslaan' }).click();
    await page.locator('[data-testid=victim-registration]').waitFor();
    assert.match(await page.locator('[data-testid=victim-registration]').innerText(), /online seksuele uitbuiting/);
  });
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'caregiver');
    await openFile(page, 'Jade', 'victim-registration');
    assert.equal(await page.locator('#indicators').count(), 0, 'no indicator section for a caregiver');
    assert.equal(await page.locator('[data-action=add-comensha], [data-action=add-victim]').count(), 0);
    await screen(page, 'recognition-07-caregiver');
  });
});
