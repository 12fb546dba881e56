// The admin's users page (issue 15): add a staff member, deactivate her
// (her open session ends at once), reactivate, reset a password — with the
// pointer and at 390 px, axe on every state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, apiLogin, api, uiLogin, screen, axeCheck, withBrowser,
} from './lib/browser.mjs';

let srv;
before(async () => { srv = await startServer({ db: 'sqlite' }); });
after(async () => { await srv?.stop(); });

test('admin: add a staff member, deactivate (her session ends), reactivate, reset the password', async () => {
  await withBrowser(async (page) => {
    await page.setViewportSize({ width: 390, height: 900 });
    await uiLogin(page, srv.url, 'admin');
    await page.locator('table.admin-users').waitFor();
    await screen(page, 'life-01-admin-users');

    // Bad input lands beside its field.
    const add = page.locator('form[data-form=user-add]');
    await add.locator('input[name=username]').fill('Niet Goed');
    await add.locator('input[name=display_name]').fill('Sanne Proef');
    await add.locator('select[name=role]').selectOption('caregiver');
    await add.getByRole('button', { name: 'Toevoegen' }).click();
    await add.locator('.field-error:not([hidden])').first().waitFor();
    await screen(page, 'life-02-add-error');

    await add.locator('input[name=username]').fill('sanne.proef');
    const org = await add.locator('select[name=org_id] option').nth(1).getAttribute('value');
    await add.locator('select[name=org_id]').selectOption(org);
    await add.getByRole('button', { name: 'Toevoegen' }).click();
    await page.locator('table.admin-users th', { hasText: 'sanne.proef' }).waitFor();
    // She sets her own password with the code the admin saw once.
    const code = (await page.locator('[data-testid=activation-code] code').innerText()).trim();
    assert.equal((await api(srv, 'POST', '/api/v1/activate', { body: { code, password: 'een-lang-wachtwoord' } })).status, 201);

    // Her session, opened elsewhere, ends the moment she is deactivated.
    const hers = await apiLogin(srv, 'sanne.proef', 'een-lang-wachtwoord');
    assert.equal((await api(srv, 'GET', '/api/v1/session', { token: hers.token })).status, 200);
    await page.locator('button[data-user="sanne.proef"]').click();
    await page.locator('table.admin-users tr', { hasText: 'sanne.proef' }).getByText('gedeactiveerd').waitFor();
    assert.match(await page.locator('table.admin-users tr', { hasText: 'sanne.proef' }).innerText(), /\(inactief\)/);
    assert.equal((await api(srv, 'GET', '/api/v1/session', { token: hers.token })).status, 401);
    await screen(page, 'life-03-deactivated');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `no sideways scrolling at 390px (${overflow}px)`);

    await page.locator('button[data-user="sanne.proef"]').click();
    await page.locator('table.admin-users tr', { hasText: 'sanne.proef' }).getByText('actief', { exact: true }).waitFor();

    const reset = page.locator('form[data-form=user-password]');
    const id = (await api(srv, 'GET', '/api/v1/users', { token: (await apiLogin(srv, 'admin')).token })).json.items.find((u) => u.username === 'sanne.proef').id;
    assert.equal(await reset.locator('input[name=password]').count(), 0, 'the admin sets no password');
    await reset.locator('select[name=user]').selectOption(id);
    await reset.getByRole('button', { name: 'Nieuwe code maken' }).click();
    // The page shows a new code, once; with it she sets her own password.
    await page.locator('[data-testid=activation-code]', { hasText: 'Sanne Proef' }).waitFor();
    const code2 = (await page.locator('[data-testid=activation-code] code').innerText()).trim();
    assert.notEqual(code2, code);
    assert.equal((await api(srv, 'POST', '/api/v1/activate', { body: { code: code2, password: 'een-nieuw-wachtwoord' } })).status, 201);
    const again = await apiLogin(srv, 'sanne.proef', 'een-nieuw-wachtwoord');
    assert.ok(again.token);
    await screen(page, 'life-04-after-reset');

    // Caregiver to coordinator: she is logged out and her access waits for a second person.
    const role = page.locator('form[data-form=user-role]');
    assert.equal(await role.locator(`select[name=user] option[value="${(await apiLogin(srv, 'admin')).user.id}"]`).count(), 0, 'not her own role');
    await role.locator('select[name=user]').selectOption(id);
    await role.locator('select[name=role]').selectOption('coordinator');
    await role.getByRole('button', { name: 'Rol wijzigen' }).click();
    await role.locator('.field-error:not([hidden])').first().waitFor();
    assert.match(await role.locator('[data-field=org_id] .field-error').innerText(), /organisatie/i, 'a coordinator needs an organisation');
    await role.locator('select[name=org_id]').selectOption(org);
    await role.getByRole('button', { name: 'Rol wijzigen' }).click();
    await page.getByText('Sanne Proef is nu coördinator en is overal uitgelogd. De toegang tot cliëntgegevens wacht').first().waitFor();
    assert.match(await page.locator('table.admin-users tr', { hasText: 'sanne.proef' }).innerText(), /coördinator/);
    assert.equal((await api(srv, 'GET', '/api/v1/session', { token: again.token })).status, 401, 'her session ended');
    await screen(page, 'life-05-role-changed');
    await axeCheck(page, 'the admin page with its role form', { bestPractice: true });
  });
});

test('her portal offers her file as a PDF and as JSON', async () => {
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'client');
    const link = page.locator('[data-testid=export-pdf]');
    await link.waitFor();
    const href = await link.getAttribute('href');
    const got = await page.evaluate(async (u) => {
      const r = await fetch(u, { credentials: 'same-origin' });
      const b = new Uint8Array(await r.arrayBuffer());
      return { status: r.status, type: r.headers.get('content-type'), head: String.fromCharCode(...b.slice(0, 8)) };
    }, href);
    assert.deepEqual(got, { status: 200, type: 'application/pdf', head: '%PDF-1.4' });
    const json = await page.evaluate(async (u) => (await fetch(u, { credentials: 'same-origin' })).json(),
      await page.locator('[data-testid=export-json]').getAttribute('href'));
    assert.equal(json.format, 'doorloop.file.v1');
    await screen(page, 'life-05-portal-export');
  });
});
