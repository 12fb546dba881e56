// Her voice in the web app: promises recorded and closed, the journal she
// answers, her own plan beside the team's, and her own page (the portal) —
// against a real server and its demo data (Mila is the demo girl `client`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  startServer, apiLogin, api, launch, uiLogin, settled, screen, screenshot, clientIds, addDays, isoToNl, SHOTS,
  withBrowser,
} from './lib/browser.mjs';

let srv;
let ids;
let today;

before(async () => {
  srv = await startServer({ db: 'sqlite' });
  ids = await clientIds(srv);
  const s = await apiLogin(srv, 'client');
  const me = await api(srv, 'GET', '/api/v1/me', { token: s.token });
  assert.equal(me.status, 200, me.text);
  assert.equal(me.json.client.id, ids.Mila, 'the demo girl is Mila');
  const c = await apiLogin(srv, 'coordinator');
  today = (await api(srv, 'GET', `/api/v1/clients/${ids.Mila}/timeline`, { token: c.token })).json.today;
});

after(async () => { await srv?.stop(); });


const partShot = (locator, name) => locator.screenshot({ path: path.join(SHOTS, `${name}.png`) });
const focusedIn = (page, sel) => page.evaluate((s) => document.activeElement.closest(s) !== null, sel);

async function tabTo(page, predicate, arg, max = 400, key = 'Tab') {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press(key);
    if (await page.evaluate(predicate, arg)) return;
  }
  throw new Error('focus never reached the target');
}

async function openMila(page) {
  await page.goto(`${srv.url}/clients/${ids.Mila}#promises`);
  await page.locator('[data-testid=promise-list]').waitFor();
  await settled(page);
}

test('the worklist\'s overdue promise lands on the promises; a caregiver records a promise and closes it', async () => {
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'caregiver');
    const link = page.locator(`table[data-testid=worklist] tr[data-rule=promise_overdue][data-client=Mila] a[href*="#promises"]`);
    await page.locator('table[data-testid=worklist]').waitFor();
    // Her other alerts are folded under her most serious one.
    const more = page.getByRole('button', { name: /^Toon nog \d+ signalen van Mila$/ });
    if (await more.count() && !(await link.first().isVisible())) await more.click();
    await link.first().click();
    await page.locator('[data-testid=promise-list]').waitFor();
    await settled(page);
    assert.equal(new URL(page.url()).hash, '#promises');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'sec-promises', 'focus on the promises heading');
    // The overdue promise is marked in words, and her side is shown beside it.
    const late = page.locator('[data-promise][data-overdue=true]');
    assert.ok(await late.count() >= 1);
    assert.match(await late.first().innerText(), /Te laat/);
    assert.match(await late.first().locator('[data-testid=her-view]').innerText(), /Ik wacht nog steeds/);

    // Required fields: the error sits beside the field.
    await page.locator('[data-action=add-promise]').click();
    const form = page.locator('form[data-form=add-promise]');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    assert.match(await form.locator('[data-field=what] .field-error').innerText(), /verplicht|Vul/i);
    assert.equal(await page.evaluate(() => document.activeElement.name), 'what');

    // The API's own error lands beside the field it names.
    const what = 'Ik regel dat je volgende week met de fiets naar je stage kunt.';
    await form.getByLabel('Wat is beloofd').fill(what);
    await form.getByLabel(/^Uiterlijk op/).fill(isoToNl(addDays(today, 7)));
    await screenshot(page, 'v-01-promise-form');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    const ok = page.locator('[data-testid=status-promises] .utrecht-alert--ok');
    await ok.waitFor();
    assert.equal(await focusedIn(page, '[data-testid=status-promises]'), true, 'focus on the confirmation');
    const card = page.locator('[data-promise]', { hasText: what });
    assert.equal(await card.getAttribute('data-status'), 'open');
    assert.match(await card.innerText(), /Demo Hulpverlener \(Sanne\)/);

    // Close it as kept.
    await card.getByRole('button', { name: `Belofte afsluiten: ${what}` }).click();
    const close = page.locator('form[data-form=close-promise]');
    await close.getByLabel('Uitkomst').selectOption('kept');
    await close.getByLabel('Toelichting').fill('Fiets is gerepareerd, samen opgehaald.');
    await close.getByRole('button', { name: 'Opslaan' }).click();
    await page.locator('[data-testid=status-promises] .utrecht-alert--ok', { hasText: 'nagekomen' }).waitFor();
    const closed = page.locator('[data-promise]', { hasText: what });
    assert.equal(await closed.getAttribute('data-status'), 'kept');
    assert.match(await closed.innerText(), /nagekomen/);
    assert.equal(await closed.getByRole('button', { name: /afsluiten/i }).count(), 0, 'a closed promise cannot be closed again');
    await screen(page, 'v-02-client-page-voice');
    await partShot(page.locator('#promises'), 'v-03-promises-section');
  });
});

test('the girl lands on her own page; it passes axe and reads plainly, in Dutch and English', async () => {
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'client');
    assert.equal(new URL(page.url()).pathname, '/portal');
    assert.equal(await page.locator('main h1').innerText(), 'Hoi Mila');
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    assert.equal(await nav.getByRole('link').count(), 1, 'one menu item: her page');
    assert.equal(await nav.getByRole('link', { name: 'Mijn pagina' }).getAttribute('aria-current'), 'page');
    const text = await page.locator('main').innerText();
    for (const part of ['Wie helpen jou?', 'Jouw eigen plan', 'Wat we je beloven', 'Wat er over jou is geschreven', 'Als je 18 wordt', 'Wie keek er in je dossier?']) {
      assert.ok(text.includes(part), `section ${part}`);
    }
    // How to reach her caregiver.
    assert.equal(await page.locator('#p-people a[href^="tel:"]').count() >= 1, true);
    // Nothing of other girls, and no staff-only fields: the withheld entry and correction reasons are absent.
    for (const other of ['Lily', 'Fenna', 'Jade', 'Roos']) assert.ok(!text.includes(other), `no ${other}`);
    assert.ok(!/politie/i.test(text), 'a withheld entry is absent');
    assert.ok(!text.includes('oordeel, geen beschrijving'), 'no correction reason');
    assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}/, 'no ISO dates');
    await screen(page, 'v-10-portal');
    await page.screenshot({ path: path.join(SHOTS, 'v-11-portal-top.png') });
    await partShot(page.locator('#p-promises'), 'v-12-portal-promises');
    await partShot(page.locator('#p-eighteen'), 'v-13-portal-18');

    // Switching to English keeps her on her page.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Hi Mila' && !document.querySelector('main[aria-busy]'));
    assert.match(await page.locator('main').innerText(), /What we promise you/);
    assert.match(await page.locator('main').innerText(), /You need your own health insurance/, 'what changes at 18, in English');
    await screen(page, 'v-14-portal-english');
    await page.locator('.lang-switch').click();
    await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Hoi Mila' && !document.querySelector('main[aria-busy]'));

    // Phone-sized: nothing sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no horizontal scroll at 390px (${overflow})`);
    await screen(page, 'v-15-portal-390px');

    // The staff's view of her file is not hers.
    await page.goto(`${srv.url}/clients/${ids.Mila}`);
    await settled(page);
    assert.equal(new URL(page.url()).pathname, '/portal');
  });
});

test('she answers an entry about her, and the caregiver sees it beside the entry', async () => {
  const statement = 'Dat klopt niet helemaal. Ik was niet moe, ik was verdrietig.';
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'client');
    const entry = page.locator('#p-journal [data-entry]', { hasText: 'wilde die dag niet praten' });
    assert.match(await entry.innerText(), /later verbeterd/);
    await entry.locator('[data-action=add-statement]').click();
    const form = entry.locator('form[data-form=statement]');
    assert.equal(await page.evaluate(() => document.activeElement.name), 'text', 'focus in the text box');
    // Empty: the error is beside the field.
    await form.getByRole('button', { name: 'Opslaan' }).click();
    assert.equal(await form.locator('[data-field=text] .field-error').isVisible(), true);
    await form.getByLabel('Wat vind jij ervan?').fill(statement);
    await partShot(entry, 'v-20-portal-statement-form');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await page.locator('[data-testid=status-journal] .utrecht-alert--ok').waitFor();
    assert.equal(await focusedIn(page, '[data-testid=status-journal]'), true);
    const after = page.locator('#p-journal [data-entry]', { hasText: 'wilde die dag niet praten' });
    assert.match(await after.innerText(), new RegExp(statement.slice(0, 30)));
    await screen(page, 'v-21-portal-after-statement');
  });
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'caregiver');
    await page.goto(`${srv.url}/clients/${ids.Mila}#journal`);
    await page.locator('[data-testid=journal-list]').waitFor();
    await settled(page);
    const entry = page.locator('#journal [data-entry]', { hasText: 'wilde die dag niet praten' });
    assert.match(await entry.locator('[data-testid=statements]').innerText(), new RegExp(statement.slice(0, 30)));
    // Earlier versions stay readable; there is no edit, only a correction.
    await entry.locator('summary').click();
    await entry.locator('.version-list li').nth(1).waitFor();
    assert.equal(await entry.getByRole('button', { name: /^Wijzigen/ }).count(), 0);
    // The withheld entry shows why, and can be shown to her again.
    const hidden = page.locator('#journal [data-entry].journal-entry--withheld');
    assert.match(await hidden.innerText(), /Lopend politieonderzoek/);
    await partShot(page.locator('#journal'), 'v-22-journal-section');

    // A correction is a new version.
    await entry.locator('[data-action=correct-entry]').click();
    const fix = page.locator('form[data-form=correct-entry]');
    await fix.getByLabel('Tekst', { exact: true }).fill('Mila wilde die dag niet praten. Ze zei later dat ze verdrietig was.');
    await fix.getByRole('button', { name: 'Opslaan' }).click();
    assert.equal(await fix.locator('[data-field=reason] .field-error').isVisible(), true, 'a correction needs its reason');
    await fix.getByLabel('Reden van de verbetering').fill('Haar reactie: ze was verdrietig, niet moe.');
    await fix.getByRole('button', { name: 'Opslaan' }).click();
    await page.locator('[data-testid=status-journal] .utrecht-alert--ok').waitFor();
    const v3 = page.locator('#journal [data-entry]', { hasText: 'verdrietig was' });
    assert.match(await v3.innerText(), /versie 3/);
    assert.match(await v3.locator('[data-testid=statements]').innerText(), new RegExp(statement.slice(0, 30)), 'her statement stays through corrections');
  });
});

test('with the keyboard alone she writes her own plan and says a promise was not kept; the caregiver sees both', async () => {
  const plan = 'Ik wil zelf leren koken. En ik wil een bijbaan in het weekend.';
  await withBrowser(async (page) => {
    await page.goto(`${srv.url}/`);
    await page.waitForSelector('input[name=username]');
    const kb = page.keyboard;
    await kb.type('client');
    await kb.press('Tab');
    await kb.type('doorloop-demo');
    await kb.press('Enter');
    await page.waitForFunction(() => location.pathname === '/portal');
    await settled(page);

    // The contents link moves focus to the section.
    await tabTo(page, () => document.activeElement.getAttribute('href') === '#p-own-plan');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none', 'focus is visible');
    await kb.press('Enter');
    await page.waitForFunction(() => document.activeElement.id === 'p-own-plan-title');

    await tabTo(page, () => document.activeElement.dataset.action === 'write-plan');
    await kb.press('Enter');
    await page.waitForFunction(() => document.activeElement.name === 'domain');
    await page.selectOption('form[data-form=own-plan] select[name=domain]', 'work');
    await kb.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.name), 'text');
    await kb.type(plan);
    await kb.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Opslaan');
    await kb.press('Enter');
    await page.locator('[data-testid=status-own-plan] .utrecht-alert--ok').waitFor();
    assert.equal(await focusedIn(page, '[data-testid=status-own-plan]'), true);
    assert.match(await page.locator('#p-own-plan [data-part=work]').innerText(), /leren koken/);

    // A promise not kept, from her side.
    await tabTo(page, () => document.activeElement.dataset.action === 'not-kept' && /DigiD/.test(document.activeElement.getAttribute('aria-label')));
    await kb.press('Enter');
    await page.waitForFunction(() => document.activeElement.name === 'note');
    await kb.type('We hebben er nog niet over gepraat.');
    await kb.press('Tab');
    await kb.press('Enter');
    await page.locator('[data-testid=status-promises] .utrecht-alert--ok').waitFor();
    const digid = page.locator('#p-promises [data-promise]', { hasText: 'DigiD' });
    assert.match(await digid.innerText(), /Jij zegt: dit is niet nagekomen/);
    await screen(page, 'v-30-portal-keyboard');
    await partShot(page.locator('#p-own-plan'), 'v-31-portal-own-plan');
  });
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'caregiver');
    await page.goto(`${srv.url}/clients/${ids.Mila}#own-plan`);
    await page.locator('[data-testid=own-plan]').waitFor();
    await settled(page);
    const work = page.locator('#own-plan .plan-pair[data-part=work]');
    assert.match(await work.locator('.plan-col--hers').innerText(), /leren koken/);
    assert.match(await work.locator('.plan-col--team').innerText(), /vraagt aandacht|mee bezig|geregeld|niet beoordeeld/);
    await partShot(page.locator('#own-plan'), 'v-32-own-plan-beside-team');
    // Her promises are on their own tab.
    await page.locator('[data-testid=file-tabs] a[data-tab=promises]').click();
    await page.locator('[data-testid=promise-list]').waitFor();
    const digid = page.locator('#promises [data-promise]', { hasText: 'DigiD' });
    assert.match(await digid.locator('[data-testid=her-view]').innerText(), /Volgens haar niet nagekomen[\s\S]*nog niet over gepraat/);
    assert.equal(await digid.getAttribute('data-status'), 'open', 'her view never changes the staff\'s status');
  });
});

test('consent: recorded with the party the age rule needs, then withdrawn', async () => {
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'coordinator');
    await page.goto(`${srv.url}/clients/${ids.Mila}#consents`);
    await page.locator('#consents [data-action=add-consent]').waitFor();
    await settled(page);
    await page.locator('[data-action=add-consent]').click();
    const form = page.locator('form[data-form=add-consent]');
    await form.getByLabel('Soort').selectOption('data_sharing');
    await form.getByLabel('Ontvanger').fill('Wijkteam Lindeveen');
    await form.getByLabel('Doel').fill('Warme overdracht van haar hulp na 18');
    await form.getByLabel('Toestemming van', { exact: true }).selectOption('parents');
    await form.getByLabel('Gegeven op').fill(isoToNl(today));
    await form.getByRole('button', { name: 'Opslaan' }).click();
    // She is 17: her parents alone do not fit the age rule; the API names the field.
    const err = form.locator('[data-field=basis] .field-error');
    await err.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.name), 'basis');
    await screenshot(page, 'v-40-consent-error');
    await form.getByLabel('Toestemming van', { exact: true }).selectOption('client');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await page.locator('[data-testid=status-consents] .utrecht-alert--ok').waitFor();
    const row = page.locator('#consents tr', { hasText: 'Wijkteam Lindeveen' });
    assert.match(await row.innerText(), /geldig/);
    await row.getByRole('button', { name: 'Toestemming voor Wijkteam Lindeveen intrekken' }).click();
    await page.locator('form[data-form=withdraw-consent]').getByLabel('Ingetrokken op').fill(isoToNl(today));
    await page.locator('form[data-form=withdraw-consent]').getByRole('button', { name: 'Opslaan' }).click();
    await page.locator('[data-testid=status-consents] .utrecht-alert--ok', { hasText: 'ingetrokken' }).waitFor();
    assert.match(await page.locator('#consents tr', { hasText: 'Wijkteam Lindeveen' }).innerText(), /ingetrokken op/);
    await partShot(page.locator('#consents'), 'v-41-consents');
  });
});

test('the coordinator sees the share of promises kept and the entries withheld from the girls', async () => {
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'coordinator');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Beloftes en journaal' }).click();
    await page.locator('[data-testid=promise-figures]').waitFor();
    await settled(page);
    assert.equal(await page.locator('main h1').innerText(), 'Beloftes en journaal');
    assert.match(await page.locator('[data-figure=share_kept]').innerText(), /%/);
    const withheld = page.locator('[data-testid=withheld]');
    assert.match(await withheld.innerText(), /Mila[\s\S]*Lopend politieonderzoek/);
    await screen(page, 'v-50-coordinator-promises-withheld');
    await withheld.getByRole('link', { name: 'Mila' }).click();
    await page.locator('[data-testid=journal-list]').waitFor();
    await settled(page);
    assert.equal(new URL(page.url()).hash, '#journal');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'sec-journal');
  });
  // Not for caregivers.
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'caregiver');
    assert.equal(await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Beloftes en journaal' }).count(), 0);
  });
});
