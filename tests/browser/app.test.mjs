// The web app in a real browser against a real server and its demo data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, apiLogin, api, launch, uiLogin, settled, screen, screenshot, axeCheck, clientIds, addDays, isoToNl,
  withBrowser,
} from './lib/browser.mjs';
import { apiErrorOf, showsReason, REASONS_NL } from './lib/reasons.mjs';

let srv;
let ids;
let today;

before(async () => {
  srv = await startServer({ db: 'sqlite' });
  ids = await clientIds(srv);
  const s = await apiLogin(srv, 'coordinator');
  const tl = await api(srv, 'GET', `/api/v1/clients/${ids.Lily}/timeline`, { token: s.token });
  today = tl.json.today;
});

after(async () => { await srv?.stop(); });


const phaseCount = (page) => page.locator('svg.tl-svg .tl-item--phase').count();

test('log-in screen, wrong password and a clear message', async () => {
  await withBrowser(async (page) => {
    await page.goto(`${srv.url}/`);
    await page.waitForSelector('input[name=username]');
    assert.equal(new URL(page.url()).pathname, '/login');
    await screen(page, '01-login');
    await page.locator('input[name=username]').fill('caregiver');
    await page.locator('input[name=password]').fill('not-the-password');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    const alert = page.locator('.utrecht-alert--error');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Gebruikersnaam of wachtwoord klopt niet/);
    await screen(page, '02-login-wrong-password');
  });
});

test('caregiver logs in, opens a client, adds a placement and sees the timeline change', async () => {
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'caregiver');
    // Caregivers start on the worklist; "Mijn cliënten" is one click away in the menu.
    assert.equal(new URL(page.url()).pathname, '/worklist');
    await page.locator('table[data-testid=worklist]').waitFor();
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn cliënten' }).click();
    await page.locator('table[data-testid=caseload]').waitFor();
    assert.equal(new URL(page.url()).pathname, '/clients');
    const names = await page.locator('table[data-testid=caseload] tbody th a').allInnerTexts();
    assert.deepEqual([...names].sort(), ['Isa', 'Jade', 'Lily', 'Mila', 'Roos']);
    await screen(page, '03-caseload-caregiver');

    await page.getByRole('link', { name: 'Mila', exact: true }).click();
    // Her file opens on its overview; the picture and her placements are one tab away.
    await page.locator('[data-testid=client-summary]').waitFor();
    await page.locator('[data-testid=file-tabs] a[data-tab=timeline]').click();
    await page.locator('svg.tl-svg').waitFor();
    await settled(page);
    assert.equal(await page.locator('main h1').innerText(), 'Mila');
    const before = await phaseCount(page);
    await screen(page, '04-client-page');

    // End the running phase yesterday, then add the new placement from today.
    const phases = page.locator('section[data-section=phase]');
    await phases.getByRole('button', { name: /beëindigen$/ }).first().click();
    await phases.locator('input[name=end_date]').fill(isoToNl(addDays(today, -1)));
    await phases.locator('input[name=change_reason]').or(phases.locator('textarea[name=change_reason]')).fill('Overplaatsing naar gezinshuis');
    await phases.getByRole('button', { name: 'Opslaan' }).click();
    await phases.locator('[data-testid=status-phase] .utrecht-alert--ok').waitFor();

    await phases.getByRole('button', { name: 'Fase toevoegen' }).click();
    const form = phases.locator('form[data-form=add-phase]');
    await form.locator('select[name=form]').selectOption('family_home');
    const provider = await form.locator('select[name=provider_id] option').nth(1).getAttribute('value');
    await form.locator('select[name=provider_id]').selectOption(provider);
    await form.locator('input[name=location]').fill('Gezinshuis De Linde');
    await form.locator('input[name=start_date]').fill(isoToNl(today));
    await screen(page, '05-add-phase-form');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    const ok = phases.locator('[data-testid=status-phase] .utrecht-alert--ok');
    await ok.waitFor();
    assert.match(await ok.innerText(), /fase is opgeslagen/);
    assert.equal(await phaseCount(page), before + 1, 'one more phase band in the picture');
    const band = page.locator('svg.tl-svg .tl-item--phase.tl-form-family_home').last();
    assert.match(await band.getAttribute('aria-label'), /gezinshuis/);
    // Focus moved to the confirmation.
    assert.equal(await page.evaluate(() => document.activeElement.closest('[data-testid=status-phase]') !== null), true);
    await screen(page, '06-client-after-placement');
  });
});

// The caregiver's form for a new phase of Lily, with a form and a provider chosen.
async function phaseForm(page) {
  await uiLogin(page, srv.url, 'caregiver');
  await page.goto(`${srv.url}/clients/${ids.Lily}/timeline`);
  await page.locator('svg.tl-svg').waitFor();
  const phases = page.locator('section[data-section=phase]');
  await phases.getByRole('button', { name: 'Fase toevoegen' }).click();
  const form = phases.locator('form[data-form=add-phase]');
  await form.locator('select[name=form]').selectOption('ambulant');
  await form.locator('select[name=provider_id]').selectOption({ index: 1 });
  return form;
}

test('a bad date shows its error beside the field and nothing is saved', async () => {
  await withBrowser(async (page) => {
    const s = await apiLogin(srv, 'caregiver');
    const count = async () => (await api(srv, 'GET', `/api/v1/clients/${ids.Lily}/phases`, { token: s.token })).json.items.length;
    const n0 = await count();
    const form = await phaseForm(page);

    // A date that does not exist: refused before it is sent.
    await form.locator('input[name=start_date]').fill('31-02-2027');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    const startField = form.locator('[data-field=start_date]');
    const err = startField.locator('.field-error');
    await err.waitFor();
    assert.match(await err.innerText(), /bestaande datum/);
    assert.equal(await form.locator('input[name=start_date]').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement.name), 'start_date');
    await screen(page, '07-bad-date');

    // An end before the start: the API's error lands beside the end date.
    await form.locator('input[name=start_date]').fill(isoToNl(addDays(today, 30)));
    await form.locator('input[name=end_date]').fill(isoToNl(addDays(today, 10)));
    const apiErr = await apiErrorOf(page, () => form.getByRole('button', { name: 'Opslaan' }).click());
    assert.equal(apiErr.field, 'end_date');
    const endErr = form.locator('[data-field=end_date] .field-error');
    await endErr.waitFor();
    const shown = await endErr.innerText();
    assert.ok(showsReason(shown, apiErr), `the Dutch text of ${apiErr.reason}: ${shown}`);
    assert.ok(!shown.includes(apiErr.message), 'not the English message');
    assert.equal(await startField.locator('.field-error').isHidden(), true);
    await screen(page, '08-end-before-start');
    assert.equal(await count(), n0, 'nothing was saved');
  });
});

test('a caregiver typing the URL of a client outside her team sees "niet gevonden", and can break the glass', async () => {
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'caregiver');
    await page.goto(`${srv.url}/clients/${ids.Fenna}`);
    await page.locator('[data-testid=client-not-found]').waitFor();
    assert.equal(await page.locator('main h1').innerText(), 'Niet gevonden');
    assert.equal(await page.locator('svg.tl-svg').count(), 0);
    assert.equal(await page.getByText('Fenna').count(), 0, 'not even her pseudonym is shown');
    await screen(page, '09-not-found');

    await page.getByRole('button', { name: 'Noodtoegang aanvragen' }).click();
    const reason = page.locator('textarea[name=reason]');
    await reason.fill('te kort');
    await page.getByRole('button', { name: 'Noodtoegang openen' }).click();
    await page.locator('[data-field=reason] .field-error').waitFor();
    await screen(page, '10-break-glass-form');
    await reason.fill('Crisis: zij is vannacht vermist gemeld, ik heb haar plaatsingsgegevens nodig');
    await page.getByRole('button', { name: 'Noodtoegang openen' }).click();
    const banner = page.locator('[data-testid=break-glass-banner]');
    await banner.waitFor();
    assert.match(await banner.innerText(), /noodtoegang.*vastgelegd/is);
    await page.locator('[data-testid=file-tabs] a[data-tab=timeline]').click();
    await page.locator('svg.tl-svg').waitFor();
    assert.equal(await page.locator('[data-testid=break-glass-banner]').count(), 1, 'the banner stays on every tab');
    assert.equal(await page.locator('main h1').innerText(), 'Fenna');
    await screen(page, '11-break-glass-banner');
  });
});

test('a municipality user cannot reach any client page', async () => {
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'municipality');
    assert.equal(new URL(page.url()).pathname, '/organisation');
    assert.match(await page.locator('main').innerText(), /Cijfers/);
    await screen(page, '12-organisation-municipality');
    for (const path of [`/clients/${ids.Lily}`, '/clients', `/clients/${ids.Lily}/access-log`]) {
      await page.goto(`${srv.url}${path}`);
      await settled(page);
      await page.locator('[data-testid=no-access]').waitFor();
      assert.equal(await page.locator('svg.tl-svg').count(), 0);
      assert.equal(await page.getByText('Lily').count(), 0);
    }
    await screen(page, '13-no-access-municipality');
    // And the API behind it agrees.
    const s = await apiLogin(srv, 'municipality');
    assert.equal((await api(srv, 'GET', `/api/v1/clients/${ids.Lily}`, { token: s.token })).status, 404);
  });
});

test('the monitor lands on her organisation page too', async () => {
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'monitor');
    assert.equal(new URL(page.url()).pathname, '/organisation');
    await page.goto(`${srv.url}/clients/${ids.Jade}`);
    await page.locator('[data-testid=no-access]').waitFor();
    await axeCheck(page, 'no-access-monitor');
  });
});

test('adding a phase with the keyboard alone', async () => {
  // Make room: end Roos's running placement yesterday (set-up through the API).
  const s = await apiLogin(srv, 'caregiver');
  const list = await api(srv, 'GET', `/api/v1/clients/${ids.Roos}/phases`, { token: s.token });
  const open = list.json.items.find((p) => !p.end_date);
  const end = await api(srv, 'POST', `/api/v1/clients/${ids.Roos}/phases/${open.id}/end`,
    { token: s.token, body: { end_date: addDays(today, -1), change_reason: 'Afgerond' } });
  assert.equal(end.status, 200, end.text);

  await withBrowser(async (page) => {
    await page.goto(`${srv.url}/`);
    await page.waitForSelector('input[name=username]');
    const kb = page.keyboard;
    // The username field has focus on arrival.
    assert.equal(await page.evaluate(() => document.activeElement.name), 'username');
    await kb.type('caregiver');
    await kb.press('Tab');
    await kb.type('doorloop-demo');
    await kb.press('Enter');
    await page.locator('table[data-testid=worklist]').waitFor();
    await settled(page);

    const tabTo = async (predicate, max = 300, key = 'Tab') => {
      for (let i = 0; i < max; i += 1) {
        await kb.press(key);
        if (await page.evaluate(predicate)) return;
      }
      throw new Error('focus never reached the target');
    };
    // From the worklist to "Mijn cliënten" in the menu, then to Roos.
    await tabTo(() => document.activeElement.tagName === 'A' && document.activeElement.textContent === 'Mijn cliënten', 30, 'Shift+Tab');
    await kb.press('Enter');
    await page.locator('table[data-testid=caseload]').waitFor();
    await settled(page);
    await tabTo(() => document.activeElement.tagName === 'A' && document.activeElement.textContent === 'Roos');
    await kb.press('Enter');
    await page.locator('[data-testid=client-summary]').waitFor();
    await settled(page);
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1', 'focus moves to the heading');
    // On to the tab with her timeline.
    await tabTo(() => document.activeElement.dataset.tab === 'timeline', 40);
    await kb.press('Enter');
    await page.locator('svg.tl-svg').waitFor();
    await settled(page);
    const before = await phaseCount(page);

    // Timeline elements are reachable and show their details.
    await tabTo(() => document.activeElement.classList.contains('tl-item'));
    assert.notEqual(await page.locator('[data-testid=timeline-detail] .tl-detail-body').count(), 0);

    await tabTo(() => document.activeElement.dataset.action === 'add-phase');
    await kb.press('Enter');
    await page.waitForFunction(() => document.activeElement.name === 'form');
    await kb.press('ArrowDown');          // ambulant
    await kb.press('Tab');
    await kb.press('ArrowDown');          // first provider
    await kb.press('Tab');
    await kb.type('Ambulant team Noord');
    await kb.press('Tab');                 // shield location
    await kb.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.name), 'start_date');
    await kb.type(isoToNl(today));
    await kb.press('Enter');               // submits the form
    const ok = page.locator('[data-testid=status-phase] .utrecht-alert--ok');
    await ok.waitFor();
    assert.equal(await phaseCount(page), before + 1);
    assert.equal(await page.evaluate(() => document.activeElement.closest('[data-testid=status-phase]') !== null), true);
    await screenshot(page, '14-keyboard-phase-added');
  });
});

test('coordinator: caseload sorted by days until 18, urgent girls stand out, access log', async () => {
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'coordinator');
    assert.equal(new URL(page.url()).pathname, '/worklist');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn cliënten' }).click();
    await page.locator('table[data-testid=caseload]').waitFor();
    assert.equal(await page.locator('table[data-testid=caseload] tbody tr').count(), 12);
    // By urgency at first: the girls with an uncovered birthday within a year
    // on top, the time to 18 in words, never a raw count of days.
    assert.equal(await page.locator('th[aria-sort] [data-sort=urgency]').count(), 1, 'sorted by urgency by default');
    // A gap today first, then the girls about to turn 18 without a basis after it.
    const top = page.locator('table[data-testid=caseload] tbody tr').first();
    assert.match(await top.innerText(), /Gat in de grondslag|Bijna 18/);
    const until = await page.locator('table[data-testid=caseload] tbody tr td[data-days]').allInnerTexts();
    for (const u of until) assert.match(u, /^(over \d+ (jaar|maanden?|weken?|dagen?)( en \d+ maanden?)?|vandaag 18|\d+ (jaar|maanden?|weken?|dagen?)( en \d+ maanden?)? geleden 18 geworden)$/, u);
    const flags = await page.locator('table[data-testid=caseload] tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.classList.contains('row-urgent'), tr.querySelector('td .utrecht-status-badge') !== null]));
    const lastUrgent = flags.map((f) => f[0]).lastIndexOf(true);
    const firstPlain = flags.findIndex((f) => !f[1]);
    assert.ok(lastUrgent >= 0 && (firstPlain < 0 || lastUrgent < firstPlain), 'every urgent girl before those with nothing to watch');
    await screen(page, '15a-caseload-by-urgency');
    await page.getByRole('button', { name: /Tot 18 jaar/ }).click();
    await page.waitForFunction(() => document.querySelector('th[aria-sort] [data-sort=days_until_18]'));
    const first = page.locator('table[data-testid=caseload] tbody tr').first();
    assert.equal(await first.locator('th').innerText(), 'Lily');
    assert.match(await first.getAttribute('class'), /row-urgent/);
    await screen(page, '15-caseload-coordinator-by-18');

    await page.locator('#caseload-q').fill('li');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.waitForFunction(() => document.querySelectorAll('table[data-testid=caseload] tbody tr').length === 2);

    await page.getByRole('link', { name: 'Lily', exact: true }).click();
    await page.locator('[data-testid=file-tabs] a[data-tab=timeline]').click();
    await page.locator('svg.tl-svg').waitFor();
    assert.notEqual(await page.locator('svg.tl-svg .tl-item--gap').count(), 0, 'the gap from her 18th birthday is drawn');
    assert.match(await page.locator('svg.tl-svg .tl-item--gap').first().getAttribute('aria-label'), /Geen grondslag/);
    assert.notEqual(await page.locator('svg.tl-svg .tl-item--flagged').count(), 0, 'the basis past its legal end is flagged');
    await page.locator('svg.tl-svg .tl-item--gap').first().focus();
    assert.match(await page.locator('[data-testid=timeline-detail]').innerText(), /Geen grondslag/);
    await screen(page, '16-client-coordinator-gap');

    await page.locator('[data-testid=file-tabs] a[data-tab=access-log]').click();
    await page.locator('table.access-table').waitFor();
    await settled(page);
    assert.match(await page.locator('main h1').innerText(), /Wie heeft dit dossier ingezien/);
    await screen(page, '17-access-log');

    // Team form (coordinator only) opens with the list of people.
    await page.goBack();
    await page.locator('svg.tl-svg').waitFor();
    await page.locator('[data-testid=file-tabs] a[data-tab=team]').click();
    await page.locator('section[data-section=team]').getByRole('button', { name: 'Teamlid toevoegen' }).click();
    await page.locator('form[data-form=add-team] select[name=user_id] option').nth(1).waitFor({ state: 'attached' });
    await screen(page, '18-team-form');
  });
});

test('a server error on a Dutch screen reads in Dutch, by its reason: never the English message', async () => {
  await withBrowser(async (page) => {
    const form = await phaseForm(page);
    await form.locator('input[name=start_date]').fill(isoToNl(addDays(today, 30)));
    await form.locator('input[name=end_date]').fill(isoToNl(addDays(today, 10)));
    const endErr = form.locator('[data-field=end_date] .field-error');

    // The server's own answer: the Dutch text of the reason it names.
    const apiErr = await apiErrorOf(page, () => form.getByRole('button', { name: 'Opslaan' }).click());
    assert.equal(typeof apiErr.reason, 'string', 'the API names a reason');
    await endErr.waitFor();
    const shown = await endErr.innerText();
    assert.ok(showsReason(shown, apiErr), `"${shown}" is the Dutch text of ${apiErr.reason}`);
    assert.ok(!shown.includes(apiErr.message), 'not the English message');

    // A reason the tables do not know yet: the Dutch text of its code, after
    // the field's label; and with no known code either, a generic Dutch text.
    const answer = (error) => (route) => (route.request().method() !== 'POST' ? route.continue() : route.fulfill({
      status: 400, contentType: 'application/json', body: JSON.stringify({ error }),
    }));
    const english = 'the end date lies on a day the English alone can name';
    await page.route('**/api/v1/clients/*/phases', answer({
      code: 'invalid', reason: 'phase.not_yet_translated', message: english, field: 'end_date',
    }));
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await page.waitForFunction(() => !document.querySelector('form[data-form=add-phase] [data-field=end_date] .field-error').hidden);
    await page.waitForFunction((want) => document.querySelector('form[data-form=add-phase] [data-field=end_date] .field-error').textContent.includes(want),
      REASONS_NL.invalid.charAt(0).toLowerCase() + REASONS_NL.invalid.slice(1));
    assert.match(await endErr.innerText(), /^Einddatum: /, 'the field\'s label first');
    await page.unroute('**/api/v1/clients/*/phases');
    await page.route('**/api/v1/clients/*/phases', answer({ code: 'odd', reason: 'odd.reason', message: english, field: null }));
    await form.getByRole('button', { name: 'Opslaan' }).click();
    const box = form.locator('.form-summary .utrecht-alert');
    await box.waitFor();
    assert.match(await box.innerText(), /Er ging iets mis/);
    assert.doesNotMatch(await page.locator('main').innerText(), /English alone/);
    await page.unroute('**/api/v1/clients/*/phases');
    await screen(page, '08b-reason-fallback');
  });
});

test('the menu of each role and the screens it may open follow the one route table', async () => {
  const roles = {
    coordinator: ['/worklist', ['Werklijst', 'Mijn cliënten', 'Continuïteit', 'Beloftes en journaal', 'Signalen', 'Leefklimaat', 'Toegang goedkeuren']],
    caregiver: ['/worklist', ['Werklijst', 'Mijn cliënten']],
    partner: ['/clients', ['Mijn cliënten']],
    client: ['/portal', ['Mijn pagina']],
    municipality: ['/organisation', ['Mijn organisatie']],
    monitor: ['/organisation', ['Mijn organisatie']],
    admin: ['/admin', ['Beheer']],
    teacher: ['/signals', ['Signalen']],
  };
  // Who may open which screen (the rest see "Geen toegang").
  const screens = {
    '/worklist': ['coordinator', 'caregiver'],
    '/institution': ['coordinator'],
    '/promises': ['coordinator'],
    '/climate': ['coordinator'],
    '/signals': ['coordinator', 'teacher'],
    '/admin': ['admin'],
    '/portal': ['client'],
    '/organisation': Object.keys(roles),
  };
  await withBrowser(async (page) => {
    for (const [role, [home, menu]] of Object.entries(roles)) {
      await page.context().clearCookies();
      await uiLogin(page, srv.url, role);
      assert.equal(new URL(page.url()).pathname, home, `${role} starts on ${home}`);
      const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
      assert.deepEqual(await nav.getByRole('link').allInnerTexts(), menu, `the menu of ${role}`);
      assert.equal(await nav.locator('[aria-current=page]').getAttribute('href'), home);
      for (const [path, who] of Object.entries(screens)) {
        await page.goto(`${srv.url}${path}`);
        await settled(page);
        const denied = await page.locator('[data-testid=no-access]').count() === 1;
        assert.equal(denied, !who.includes(role), `${role} on ${path}`);
      }
      await page.goto(`${srv.url}/no-such-screen`);
      await settled(page);
      assert.equal(await page.locator('main h1').innerText(), 'Niet gevonden', `${role}: an unknown path`);
    }
  });
});

test('English, remembered; and a phone-sized screen', async () => {
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'coordinator');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en' && document.querySelector('main h1').textContent === 'Worklist');
    await page.reload();
    await settled(page);
    assert.equal(await page.locator('main h1').innerText(), 'Worklist');
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'My clients' }).click();
    await page.locator('table[data-testid=caseload]').waitFor();
    await settled(page);
    assert.equal(await page.locator('main h1').innerText(), 'My clients');
    await screen(page, '19-caseload-english');
    await page.goto(`${srv.url}/clients/${ids.Jade}/timeline`);
    await page.locator('svg.tl-svg').waitFor();
    assert.match(await page.locator('main').innerText(), /years and/);
    await screen(page, '20-client-english');
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `no sideways scrolling of the page at 390px (${overflow}px)`);
    await screen(page, '21-client-390px');
    await page.getByRole('button', { name: 'Nederlands', exact: false }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'nl');
  });
});

test('admin lands on users and organisations; log-out', async () => {
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'admin');
    assert.equal(new URL(page.url()).pathname, '/admin');
    await page.locator('main table').first().waitFor();
    await screen(page, '22-admin');
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForSelector('input[name=username]');
    assert.match(await page.locator('main').innerText(), /uitgelogd/);
    await page.goto(`${srv.url}/admin`);
    await page.waitForSelector('input[name=username]');
  });
});

test('an expired session sends her back to log in with a clear message', async () => {
  await withBrowser(async (page, b) => {
    await uiLogin(page, srv.url, 'caregiver');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn cliënten' }).click();
    await page.locator('table[data-testid=caseload]').waitFor();
    await b.context.clearCookies();
    await page.getByRole('link', { name: 'Lily', exact: true }).click();
    await page.waitForSelector('input[name=username]');
    assert.match(await page.locator('main').innerText(), /Uw sessie is verlopen/);
    await screen(page, '23-session-expired');
    await uiLogin(page, srv.url, 'caregiver');
  });
});

test('measure: page weight of the client page and timeline render time for the longest history', async () => {
  // The demo client with the most timeline elements.
  const s = await apiLogin(srv, 'coordinator');
  let longest = null;
  for (const [name, id] of Object.entries(ids)) {
    const r = await api(srv, 'GET', `/api/v1/clients/${id}/timeline`, { token: s.token });
    const tl = r.json;
    const n = tl.phases.length + tl.legal_bases.length + tl.court_orders.length + tl.team.length + tl.gaps.length;
    if (!longest || n > longest.n) longest = { name, id, n };
  }
  await withBrowser(async (page, b) => {
    await uiLogin(page, srv.url, 'coordinator');
    // A fresh page with an empty cache: everything the client page needs on first load.
    const fresh = await b.context.newPage();
    const cdp = await b.context.newCDPSession(fresh);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    let bytes = 0;
    let requests = 0;
    cdp.on('Network.loadingFinished', (ev) => { bytes += ev.encodedDataLength; requests += 1; });
    const t0 = Date.now();
    await fresh.goto(`${srv.url}/clients/${longest.id}/timeline`);
    await fresh.locator('svg.tl-svg .tl-item').first().waitFor();
    const toVisible = Date.now() - t0;
    await fresh.waitForLoadState('networkidle');
    const render = await fresh.evaluate(() => performance.getEntriesByName('doorloop:timeline').map((m) => m.duration));
    const nav = await fresh.evaluate(() => {
      const m = performance.getEntriesByName('doorloop:timeline')[0];
      return m ? m.startTime + m.duration : null;
    });
    const figures = {
      client: longest.name, timeline_elements: longest.n, requests, bytes_transferred: bytes,
      timeline_render_ms: render[0], navigation_to_timeline_ms: nav, wall_clock_to_visible_ms: toVisible,
    };
    const { writeFileSync, mkdirSync } = await import('node:fs');
    const dir = process.env.DOORLOOP_ARTIFACTS || 'build/test-artifacts';
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}/web-measurements.json`, `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`# web measurements ${JSON.stringify(figures)}`);
    assert.ok(render.length >= 1 && render[0] < 1000, 'the timeline renders within a second');
    await fresh.close();
  });
});
