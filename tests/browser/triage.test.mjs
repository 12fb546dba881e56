// A coordinator's and a caregiver's day as they really go: the worklist that
// triages (also at 390 px), the client file's summary and index, intake of a
// new girl in one form, a handover that shows at once, and a pause before
// risky acts — against a real server, its demo data and a real browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, apiLogin, api, uiLogin, settled, screen, clientIds, addDays, isoToNl, withBrowser,
} from './lib/browser.mjs';

let srv;
let ids;
let today;
let users;

before(async () => {
  srv = await startServer({ db: 'sqlite' });
  ids = await clientIds(srv);
  const s = await apiLogin(srv, 'coordinator');
  today = (await api(srv, 'GET', `/api/v1/clients/${ids.Lily}/timeline`, { token: s.token })).json.today;
  users = Object.fromEntries((await api(srv, 'GET', '/api/v1/users', { token: s.token })).json.items.map((u) => [u.username, u.id]));
});

after(async () => { await srv?.stop(); });

const PHONE = { width: 390, height: 844 };
const noSideways = async (page) => {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `no sideways scrolling at 390px (${overflow}px)`);
};

test('at 390 px the worklist shows its rows on the first screen, critical first, the as-of date folded away', async () => {
  await withBrowser(async (page) => {
    await page.setViewportSize(PHONE);
    await uiLogin(page, srv.url, 'coordinator');
    const first = page.locator('table[data-testid=worklist] tbody tr[data-rule]').first();
    await first.waitFor();
    assert.equal(await first.getAttribute('data-severity'), 'critical');
    await settled(page);
    await screen(page, 't-01-worklist-390');
    const box = await first.boundingBox();
    assert.ok(box && box.y + 40 < PHONE.height, `the first row starts on the first screen (y=${box && box.y})`);
    assert.equal(await page.getByLabel(/Peildatum/).isVisible(), false);
    await noSideways(page);
    // Mijn cliënten at 390 px: by urgency, in words.
    await page.goto(`${srv.url}/clients`);
    await page.locator('table[data-testid=caseload]').waitFor();
    await settled(page);
    assert.doesNotMatch(await page.locator('table[data-testid=caseload] tbody').innerText(), /\b\d\.\d{3}\b/, 'no raw day counts');
    await noSideways(page);
    await screen(page, 't-02-caseload-390');
  });
});

test('the client file opens with a summary (her cliff first) and tabs to reach each part', async () => {
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'coordinator');
    await page.goto(`${srv.url}/clients/${ids.Lily}`);
    const summary = page.locator('[data-testid=client-summary]');
    await summary.locator('[data-testid=summary-alerts]').waitFor();
    await settled(page);
    const firstAlert = summary.locator('[data-testid=summary-alerts] li').first();
    assert.equal(await firstAlert.getAttribute('data-rule'), 'cliff_at_18', 'her cliff at 18 comes first');
    assert.match(await firstAlert.innerText(), /kritiek: Geen grondslag na 18de verjaardag/);
    const text = await summary.innerText();
    for (const k of ['18de verjaardag', 'Grondslag nu', 'Plaatsing nu', 'Vaste hulpverlener', 'Coördinerende instelling']) assert.match(text, new RegExp(k));
    assert.match(text, /over \d+ (maanden|weken|dagen)|over 1 (maand|week)/, 'the time to 18 in words');
    // The summary sits above the fold; the tabs list the parts of the file.
    const idx = page.getByRole('navigation', { name: 'In dit dossier' });
    const links = await idx.getByRole('link').allInnerTexts();
    for (const s of ['Transitieplan', 'Journaal', 'Grondslagen', 'Team']) assert.ok(links.some((l) => l.includes(s)), `the tabs have ${s}: ${links.join(', ')}`);
    await screen(page, 't-03-client-summary');
    // One click to the transition plan; focus stays on its tab, the plan below it.
    await idx.getByRole('link', { name: /^Transitieplan/ }).click();
    await page.locator('section#transition-plan h2').waitFor();
    await page.waitForFunction(() => document.activeElement && document.activeElement.dataset.tab === 'transition');
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-current')), 'page');
    assert.equal(new URL(page.url()).pathname, `/clients/${ids.Lily}/transition`);
    // At 390 px: the summary and index fit the width.
    await page.setViewportSize(PHONE);
    await page.goto(`${srv.url}/clients/${ids.Lily}`);
    await summary.waitFor();
    await settled(page);
    await noSideways(page);
    await screen(page, 't-04-client-summary-390');
  });
});

test('a partner reads "Niet zichtbaar voor uw rol" where data is hidden from her', async () => {
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'partner');
    await page.locator('table[data-testid=caseload] tbody th a').first().click();
    await page.locator('[data-testid=file-tabs] a[data-tab=bases]').click();
    const bases = page.locator('section[data-section=legal_basis]');
    await bases.locator('h2').waitFor();
    await settled(page);
    assert.match(await bases.innerText(), /Niet zichtbaar voor uw rol/);
    assert.doesNotMatch(await bases.innerText(), /Nog niets vastgelegd/);
    assert.match(await page.locator('[data-testid=client-summary]').innerText(), /Grondslag nu\s*Niet zichtbaar voor uw rol/);
    await screen(page, 't-05-partner-hidden');
  });
});

test('intake: a coordinator registers a girl and opens her trajectory in one form; errors name their field', async () => {
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'coordinator');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn cliënten' }).click();
    await page.getByRole('link', { name: /Nieuwe cliënte aanmelden/ }).click();
    const form = page.locator('form[data-form=intake]');
    await form.waitFor();
    await settled(page);
    // Nothing filled in: every error names its field, the summary links to it.
    await form.getByRole('button', { name: 'Aanmelden en traject openen' }).click();
    const sum = form.locator('.form-summary .utrecht-alert--error');
    await sum.waitFor();
    assert.match(await sum.innerText(), /Pseudoniem: Pseudoniem is verplicht\./);
    assert.match(await sum.innerText(), /Geboortedatum: Geboortedatum is verplicht\./);
    assert.match(await form.locator('[data-field=municipality_id] .field-error').innerText(), /Verantwoordelijke gemeente is verplicht/);
    await screen(page, 't-06-intake-errors');
    await sum.getByRole('link', { name: /Geboortedatum/ }).click();
    assert.equal(await page.evaluate(() => document.activeElement.name), 'birth_date', 'the link puts the cursor in the field');

    // A BSN that fails the eleven test: the server's reason, in Dutch, beside the field; nothing saved.
    const birth = addDays(addDays(today, 150), -18 * 365 - 4);
    const name = `Intake-${Date.now() % 100000}`;
    await form.getByLabel('Pseudoniem').fill(name);
    await form.getByLabel('Geboortedatum').fill(isoToNl(birth));
    await form.getByLabel('Verantwoordelijke gemeente').selectOption({ index: 1 });
    await form.getByLabel('BSN').fill('123456789');
    await form.getByRole('button', { name: 'Aanmelden en traject openen' }).click();
    const bsnErr = form.locator('[data-field=bsn] .field-error');
    await bsnErr.waitFor();
    assert.match(await bsnErr.innerText(), /elfproef/);
    assert.equal(await page.evaluate(() => document.activeElement.name), 'bsn');
    const s = await apiLogin(srv, 'coordinator');
    const none = await api(srv, 'GET', `/api/v1/clients?q=${name}`, { token: s.token });
    assert.equal(none.json.total, 0, 'nothing saved');

    // Valid: her file opens, with the trajectory and the coming cliff on top.
    await form.getByLabel('BSN').fill('111222333');
    await form.getByRole('button', { name: 'Aanmelden en traject openen' }).click();
    await page.waitForFunction((n) => document.querySelector('main h1') && document.querySelector('main h1').textContent === n, name);
    await page.locator('[data-testid=summary-alerts]').waitFor();
    await settled(page);
    const summary = await page.locator('[data-testid=client-summary]').innerText();
    assert.match(summary, /Geen grondslag na 18de verjaardag/);
    assert.match(summary, /Grondslag nu\s*Geen grondslag/);
    assert.match(summary, /sinds/);
    await screen(page, 't-07-intake-done');

    // The same BSN again is refused beside the BSN field.
    await page.goto(`${srv.url}/clients/new`);
    await form.waitFor();
    await form.getByLabel('Pseudoniem').fill(`${name}-b`);
    await form.getByLabel('Geboortedatum').fill(isoToNl(birth));
    await form.getByLabel('Verantwoordelijke gemeente').selectOption({ index: 1 });
    await form.getByLabel('BSN').fill('111222333');
    await form.getByRole('button', { name: 'Aanmelden en traject openen' }).click();
    await bsnErr.waitFor();
    assert.match(await bsnErr.innerText(), /al een cliënt/);

    // She is on the worklist among the critical alerts.
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Werklijst' }).click();
    const row = page.locator(`table[data-testid=worklist] tbody tr[data-client="${name}"]`).first();
    await row.waitFor();
    assert.equal(await row.getAttribute('data-severity'), 'critical');
    // Without any basis she has a gap today as well as the coming cliff.
    assert.ok(['gap', 'cliff_at_18'].includes(await row.getAttribute('data-rule')));
    const hers = await page.locator(`table[data-testid=worklist] tbody tr[data-client="${name}"]`).evaluateAll((trs) => trs.map((tr) => tr.dataset.rule));
    assert.ok(hers.includes('cliff_at_18'), hers.join());
  });
});

test('a handover proposed to a caregiver is on her worklist at once, and accepting before the meeting warns', async () => {
  const s = await apiLogin(srv, 'coordinator');
  const made = await api(srv, 'POST', `/api/v1/clients/${ids.Roos}/handovers`, {
    token: s.token, body: { incoming_user_id: users['mentor.bram'], role: 'therapist', planned_date: addDays(today, 7) },
  });
  assert.equal(made.status, 201, made.text);
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'mentor.bram');
    const accept = page.getByRole('button', { name: 'Overdracht voor Roos accepteren' });
    await accept.waitFor();
    const row = page.locator('table[data-testid=worklist] tr[data-client=Roos][data-rule=handover_waiting]');
    assert.equal(await row.getAttribute('data-overdue'), 'false', 'not late: it was proposed today');
    await accept.click();
    const form = page.locator('form[data-form=accept-handover]');
    await form.waitFor();
    assert.match(await form.innerText(), /overdrachtsgesprek heeft nog niet plaatsgevonden/);
    await screen(page, 't-08-accept-before-meeting');
    await form.getByRole('button', { name: 'Annuleren' }).click();
  });
  await api(srv, 'POST', `/api/v1/clients/${ids.Roos}/handovers/${made.json.id}/withdraw`, { token: s.token, body: {} });
});

test('releasing a withheld journal entry asks for confirmation first', async () => {
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'coordinator');
    await page.goto(`${srv.url}/clients/${ids.Mila}#journal`);
    await page.locator('[data-testid=journal-list]').waitFor();
    await settled(page);
    const hidden = page.locator('#journal [data-entry].journal-entry--withheld').first();
    const entryId = await hidden.getAttribute('data-entry');
    await hidden.locator('[data-action=release-entry]').click();
    const form = page.locator('form[data-form=release-entry]');
    await form.waitFor();
    assert.match(await form.innerText(), /Lopend politieonderzoek/);
    assert.match(await form.innerText(), /kan zij het weer lezen/);
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Ja, vrijgeven');
    await screen(page, 't-09-release-confirm');
    // Cancel: still withheld.
    await form.getByRole('button', { name: 'Annuleren' }).click();
    assert.equal(await page.locator(`#journal [data-entry="${entryId}"].journal-entry--withheld`).count(), 1);
    // Confirmed: released.
    await page.locator(`#journal [data-entry="${entryId}"] [data-action=release-entry]`).click();
    await form.getByRole('button', { name: 'Ja, vrijgeven' }).click();
    await page.locator('[data-testid=status-journal] .utrecht-alert--ok').waitFor();
    assert.equal(await page.locator(`#journal [data-entry="${entryId}"].journal-entry--withheld`).count(), 0);
  });
});

test('typed text survives another form opening in its place; a warning comes before the session ends', async () => {
  await withBrowser(async (page) => {
    // A short idle time for the test: the warning comes halfway.
    await page.addInitScript(() => { globalThis.DOORLOOP_IDLE_SECONDS = 10; });
    await uiLogin(page, srv.url, 'caregiver');
    await page.goto(`${srv.url}/clients/${ids.Mila}#journal`);
    await page.locator('[data-testid=journal-list]').waitFor();
    await settled(page);
    const journal = page.locator('section#journal');
    await journal.locator('[data-action=add-entry]').click();
    const add = journal.locator('form[data-form=add-entry]');
    await add.locator('textarea[name=text]').fill('Half geschreven verslag van het gesprek');
    // Another form in the same section takes the panel...
    await journal.locator('[data-action=correct-entry]').first().click();
    await journal.locator('form[data-form=correct-entry]').waitFor();
    assert.equal(await add.count(), 0);
    // ...and coming back, the text is still there, with a word that it is not saved.
    await journal.locator('[data-action=add-entry]').click();
    assert.equal(await add.locator('textarea[name=text]').inputValue(), 'Half geschreven verslag van het gesprek');
    assert.match(await add.innerText(), /nog niet opgeslagen/);

    const warning = page.locator('[data-testid=session-warning]');
    await warning.waitFor({ timeout: 15000 });
    assert.match(await warning.innerText(), /uitgelogd/);
    assert.equal(await page.evaluate(() => document.activeElement.dataset.action), 'stay-logged-in');
    await screen(page, 't-10-session-warning');
    await warning.getByRole('button', { name: 'Ingelogd blijven' }).click();
    await warning.waitFor({ state: 'detached' });
    // Saved, the draft is gone: the form opens empty next time.
    await add.getByRole('button', { name: 'Opslaan' }).click();
    await page.locator('[data-testid=status-journal] .utrecht-alert--ok').waitFor();
    await journal.locator('[data-action=add-entry]').click();
    assert.equal(await add.locator('textarea[name=text]').inputValue(), '');
  });
});

test('printing gives her summary or the transition plan, never the journal', async () => {
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'coordinator');
    const pages = (pdf) => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
    // Her summary prints from every tab, the tab's own parts never with it.
    for (const [tab, sels] of [['journal', ['#journal', '.journal-entry--withheld']], ['timeline', ['.timeline-table-section', '#timeline']],
      ['promises', ['#promises']]]) {
      await page.emulateMedia({ media: 'screen' });
      await page.goto(`${srv.url}/clients/${ids.Mila}/${tab}`);
      await page.locator(sels[0]).first().waitFor();
      await settled(page);
      assert.equal(await page.locator('[data-action=print-summary]').count(), 1);
      assert.equal(await page.locator('[data-action=print-plan]').count(), 0, 'the plan prints from its own tab');
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('[data-testid=client-summary]').isVisible(), true);
      for (const sel of sels) assert.equal(await page.locator(sel).first().isVisible(), false, `${sel} is not printed with the summary`);
      await page.evaluate(() => document.body.classList.add('print-plan'));
      for (const sel of sels) assert.equal(await page.locator(sel).first().isVisible(), false, `${sel} is not printed with the plan`);
      await page.evaluate(() => document.body.classList.remove('print-plan'));
    }
    const summaryPdf = await page.pdf({ format: 'A4' });
    await page.emulateMedia({ media: 'screen' });
    await page.goto(`${srv.url}/clients/${ids.Mila}/transition`);
    await page.locator('section#transition-plan table.plan-table').waitFor();
    await settled(page);
    assert.equal(await page.locator('[data-action=print-summary]').count(), 1);
    assert.equal(await page.locator('[data-action=print-plan]').count(), 1);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('#transition-plan').isVisible(), false, 'not printed with the summary');
    // The transition plan on its own.
    await page.evaluate(() => document.body.classList.add('print-plan'));
    assert.equal(await page.locator('#transition-plan').isVisible(), true);
    assert.equal(await page.locator('#journal').isVisible(), false, 'never the journal');
    assert.equal(await page.locator('.journal-entry--withheld').first().isVisible(), false);
    const planPdf = await page.pdf({ format: 'A4' });
    await page.evaluate(() => document.body.classList.remove('print-plan'));
    assert.ok(pages(summaryPdf) <= 2, `the summary fits on two pages (${pages(summaryPdf)})`);
    assert.ok(pages(planPdf) >= 1 && pages(planPdf) <= 4, `the plan prints on a few pages (${pages(planPdf)})`);
    console.log(`# print pages (A4): summary ${pages(summaryPdf)}, transition plan ${pages(planPdf)}`);
  });
});

test('her page has a quick exit: a button or Escape twice leaves for a neutral site, replaces the history entry and logs her out', async () => {
  await withBrowser(async (page) => {
    // The neutral site, answered locally: the test machine has no internet.
    await page.route('https://www.buienradar.nl/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<html lang="nl"><title>Het weer</title><p>Weer</p></html>' }));
    await uiLogin(page, srv.url, 'client');
    await page.locator('[data-action=quick-exit]').waitFor();
    await settled(page);
    await page.setViewportSize(PHONE);
    await noSideways(page);
    await screen(page, 't-11-portal-quick-exit-390');
    const before = await page.evaluate(() => history.length);
    await page.getByRole('button', { name: 'Snel weg' }).click();
    await page.waitForURL('https://www.buienradar.nl/');
    assert.equal(await page.evaluate(() => history.length), before, 'the page was replaced, not added to');
    // Her session is over: opening Doorloop again asks to log in.
    await page.goto(`${srv.url}/portal`);
    await page.waitForSelector('input[name=username]');
    // Escape twice does the same.
    await uiLogin(page, srv.url, 'client');
    await page.locator('[data-action=quick-exit]').waitFor();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.waitForURL('https://www.buienradar.nl/');
  });
});
