// Accounts by activation code in the web app: the admin sees a new
// colleague's code once, the colleague activates her account on the public
// page ("u"), the girl on hers ("je"), the security officer approves the
// access, everyone changes her own password on "Beveiliging", and her
// coordinator marks a break-the-glass use as seen - with axe on each screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, apiLogin, api, uiLogin, settled, screen, withBrowser, clientIds } from './lib/browser.mjs';

let srv;
let ids;
before(async () => {
  srv = await startServer({ db: 'sqlite' });
  ids = await clientIds(srv);
});
after(async () => { await srv?.stop(); });

const PW = 'paarse konijnen fietsen';

test('a new coordinator: code shown once, activated on the public page, no clients until the security officer approves', async () => {
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'admin');
    await page.locator('table.admin-users').waitFor();
    const add = page.locator('form[data-form=user-add]');
    assert.equal(await add.locator('input[name=password]').count(), 0, 'the admin chooses no password');
    await add.locator('input[name=username]').fill('nieuwe.coordinator');
    await add.locator('input[name=display_name]').fill('Nieuwe Coördinator');
    await add.locator('select[name=role]').selectOption('coordinator');
    const org = (await apiLogin(srv, 'coordinator')).user.org_id;
    await add.locator('select[name=org_id]').selectOption(org);
    await add.getByRole('button', { name: 'Toevoegen' }).click();
    const panel = page.locator('[data-testid=activation-code]');
    await panel.waitFor();
    const code = (await panel.locator('code').innerText()).trim();
    assert.match(code, /^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    assert.match(await panel.innerText(), /alleen nu/);
    assert.match(await panel.innerText(), /tweede persoon/);
    await screen(page, 'staff-01-code-shown');

    // The colleague, not logged in, on the public page.
    await page.context().clearCookies();
    await page.goto(`${srv.url}/activeren`);
    await settled(page);
    assert.match(await page.locator('main').innerText(), /kies[t]? zelf een wachtwoord/i);
    await page.getByLabel('Activeringscode').fill(code);
    await page.getByLabel('Nieuw wachtwoord').fill('kort');
    await page.getByRole('button', { name: 'Account activeren' }).click();
    const err = page.locator('.field-error:not([hidden])').first();
    await err.waitFor();
    assert.match(await err.getAttribute('id'), /password/);
    assert.match(await err.innerText(), /12/);
    await screen(page, 'staff-02-activate-error');
    await page.getByLabel('Nieuw wachtwoord').fill(PW);
    await page.getByRole('button', { name: 'Account activeren' }).click();
    await page.getByText('Uw account is actief').first().waitFor();
    await screen(page, 'staff-03-activated');
    // Used once: a second try is refused beside the code.
    await page.goto(`${srv.url}/activeren`);
    await settled(page);
    await page.getByLabel('Activeringscode').fill(code);
    await page.getByLabel('Nieuw wachtwoord').fill('een ander lang wachtwoord');
    await page.getByRole('button', { name: 'Account activeren' }).click();
    await page.getByText('is al gebruikt of is verlopen').first().waitFor();

    // Logged in she sees no girl yet.
    await uiLogin(page, srv.url, 'nieuwe.coordinator', PW);
    await page.goto(`${srv.url}/clients`);
    await settled(page);
    const mine = await apiLogin(srv, 'nieuwe.coordinator', PW);
    assert.equal((await api(srv, 'GET', '/api/v1/clients', { token: mine.token })).json.items.length, 0);
    assert.equal(await page.locator('a[href^="/clients/"]:not([href="/clients/new"])').count(), 0, 'no girl is linked');

    // The security officer approves on her screen.
    await page.context().clearCookies();
    await uiLogin(page, srv.url, 'security');
    await page.getByRole('link', { name: 'Toegang goedkeuren' }).click();
    await page.getByRole('heading', { name: 'Wachten op goedkeuring' }).waitFor();
    await screen(page, 'staff-04-grants');
    await page.getByRole('button', { name: 'Toegang goedkeuren voor Nieuwe Coördinator (nieuwe.coordinator)' }).click();
    await page.getByText('De toegang van Nieuwe Coördinator is goedgekeurd.').first().waitFor();
    await screen(page, 'staff-05-approved');
    assert.ok((await api(srv, 'GET', '/api/v1/clients', { token: mine.token })).json.items.length > 0, 'approved: she sees her institution\'s girls');
  });
});

test('the girl activates her own account on her page, addressed with "je"', async () => {
  const coord = await apiLogin(srv, 'coordinator');
  const inv = await api(srv, 'POST', `/api/v1/clients/${ids.Lily}/invitation`, { token: coord.token, body: { username: 'lily.zelf' } });
  assert.equal(inv.status, 201, inv.text);
  await withBrowser(async (page) => {
    await page.goto(`${srv.url}/welkom`);
    await settled(page);
    const text = await page.locator('main').innerText();
    assert.match(text, /Je coördinator heeft je/);
    assert.doesNotMatch(text, /\bu\b|\buw\b/i, 'she is addressed with "je"');
    await page.getByLabel('Activeringscode').fill(inv.json.code);
    await page.getByLabel('Je nieuwe wachtwoord').fill(PW);
    await page.getByRole('button', { name: 'Activeren' }).click();
    await page.getByText('Je account is klaar').first().waitFor();
    await screen(page, 'staff-06-girl-activated');
  });
  assert.ok((await apiLogin(srv, 'lily.zelf', PW)).token);
});

test('everyone changes her own password on Beveiliging with the current one; her other sessions end', async () => {
  const other = await apiLogin(srv, 'mentor.bram');
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'mentor.bram');
    await page.getByRole('link', { name: 'Beveiliging' }).click();
    const form = page.locator('form[data-form=password-change]');
    await form.waitFor();
    await form.getByLabel('Huidig wachtwoord').fill('niet het goede wachtwoord');
    await form.getByLabel('Nieuw wachtwoord').fill(PW);
    await form.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    const err = form.locator('.field-error:not([hidden])').first();
    await err.waitFor();
    assert.match(await err.getAttribute('id'), /current_password/);
    assert.match(await err.innerText(), /huidige wachtwoord klopt niet/);
    await screen(page, 'staff-07-password-wrong');
    await form.getByLabel('Huidig wachtwoord').fill('doorloop-demo');
    await form.getByLabel('Nieuw wachtwoord').fill(PW);
    await form.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    await page.getByText('Uw wachtwoord is gewijzigd.').first().waitFor();
    await screen(page, 'staff-08-password-changed');
    // This page stays logged in; the other session ended.
    await page.reload();
    await settled(page);
    assert.equal(new URL(page.url()).pathname, '/security');
  });
  assert.equal((await api(srv, 'GET', '/api/v1/session', { token: other.token })).status, 401);
  assert.ok((await apiLogin(srv, 'mentor.bram', PW)).token);
});

test('her coordinator marks a break-the-glass use as seen on the worklist', async () => {
  const cg = await apiLogin(srv, 'caregiver');
  const list = await api(srv, 'GET', '/api/v1/clients?limit=200', { token: cg.token });
  const seen = new Set(list.json.items.map((c) => c.id));
  const target = Object.entries(ids).find(([, id]) => !seen.has(id));
  assert.ok(target, 'a girl outside the caregiver\'s team');
  const glass = await api(srv, 'POST', `/api/v1/clients/${target[1]}/break-glass`, { token: cg.token, body: { reason: 'Crisis in de nacht, mentor niet bereikbaar' } });
  assert.equal(glass.status, 201, glass.text);
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'coordinator');
    await page.goto(`${srv.url}/worklist?rule=glass_used&view=flat`);
    await settled(page);
    const btn = page.getByRole('button', { name: `Noodtoegang bij ${target[0]} gezien` });
    await btn.first().waitFor();
    await screen(page, 'staff-09-glass-alert');
    const before = await btn.count();
    await btn.first().click();
    await page.getByText(`De noodtoegang bij ${target[0]} is als gezien gemarkeerd.`).first().waitFor();
    assert.equal(await page.getByRole('button', { name: `Noodtoegang bij ${target[0]} gezien` }).count(), before - 1);
    await screen(page, 'staff-10-glass-seen');
  });
});
