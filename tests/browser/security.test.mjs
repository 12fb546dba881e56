// "Beveiliging" in the web app: two-step log-in set up with the QR code and
// its key, the log-in's second step, enrolment when it is required, and
// one's own sessions - by mouse and keyboard, at 390 px, with axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { startServer, apiLogin, uiLogin, settled, screen, withBrowser, DEMO_PASSWORD } from './lib/browser.mjs';

let srv;
before(async () => { srv = await startServer({ db: 'sqlite' }); });
after(async () => { await srv?.stop(); });

function totp(secret, t = Date.now() / 1000) {
  const al = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0; let buf = 0; const key = [];
  for (const c of secret.replace(/\s/g, '')) {
    buf = (buf << 5) | al.indexOf(c);
    bits += 5;
    if (bits >= 8) { key.push((buf >>> (bits - 8)) & 0xff); bits -= 8; }
  }
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(Math.floor(t / 30)));
  const h = createHmac('sha1', Buffer.from(key)).update(msg).digest();
  const o = h[h.length - 1] & 0xf;
  return String((((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3]) % 1000000).padStart(6, '0');
}

// On an enrolment panel: read the key, type the code, keep the codes.
async function completeEnrolment(page, shot) {
  await page.locator('.totp-qr svg').waitFor();
  const secret = await page.locator('.totp-secret code').innerText();
  assert.match(secret.replace(/\s/g, ''), /^[A-Z2-7]{32}$/);
  if (shot) await screen(page, `${shot}-qr`);
  await page.getByLabel('Code', { exact: true }).fill('000000');
  await page.getByRole('button', { name: 'Bevestigen' }).click();
  await page.locator('.field-error:not([hidden])').waitFor();
  assert.match(await page.locator('.field-error:not([hidden])').innerText(), /klopt niet/);
  await page.getByLabel('Code', { exact: true }).fill(totp(secret));
  await page.getByRole('button', { name: 'Bevestigen' }).click();
  await page.locator('.recovery-codes').waitFor();
  assert.equal(await page.locator('.recovery-codes li').count(), 10);
  if (shot) await screen(page, `${shot}-codes`);
  return secret;
}

test('a coordinator sets up two-step log-in on Beveiliging; the next log-in asks for the code', async () => {
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'coordinator');
    await page.getByRole('link', { name: 'Beveiliging' }).click();
    await page.getByRole('heading', { name: 'Mijn sessies' }).waitFor();
    await settled(page);
    assert.equal(await page.getByText('Deze sessie').count(), 1);
    await screen(page, 'security-01-page');
    await page.getByRole('button', { name: 'Instellen' }).click();
    const secret = await completeEnrolment(page, 'security-02');
    await page.getByRole('button', { name: 'Ik heb de codes bewaard' }).click();
    await page.getByText(/Herstelcodes over: 10/).waitFor();

    // Log out, log in: password, then code (by keyboard).
    await page.getByRole('button', { name: 'Uitloggen', exact: true }).click();
    await page.locator('input[name=username]').waitFor();
    await page.locator('input[name=username]').fill('coordinator');
    await page.locator('input[name=password]').fill(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Inloggen: stap 2' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.name), 'code', 'focus on the code field');
    await screen(page, 'security-03-code-step');
    await page.keyboard.type(totp(secret, Date.now() / 1000 + 30));
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.pathname !== '/login' && document.querySelector('main h1') && !document.querySelector('main[aria-busy]'));
  });
});

test('required and not set up: the log-in leads to enrolment first (390 px)', async () => {
  const r = await srv.run(['config', 'set', 'auth.totp_required', '1']);
  assert.equal(r.code, 0, r.stderr);
  try {
    await withBrowser(async (page) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${srv.url}/login`);
      await page.locator('input[name=username]').fill('caregiver');
      await page.locator('input[name=password]').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Inloggen' }).click();
      await page.getByRole('heading', { name: 'Stel inloggen in twee stappen in' }).waitFor();
      await completeEnrolment(page, 'security-04-enrol-390');
      await page.getByRole('button', { name: 'Ik heb de codes bewaard' }).click();
      await page.waitForFunction(() => location.pathname !== '/login' && document.querySelector('main h1') && !document.querySelector('main[aria-busy]'));
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `no sideways scrolling at 390 px (${overflow})`);
    });
  } finally {
    await srv.run(['config', 'set', 'auth.totp_required', '0']);
  }
});

test('the girl sees her own sessions and ends the others', async () => {
  await apiLogin(srv, 'client');   // her session on another device
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'client');
    await page.goto(`${srv.url}/security`);
    await page.getByRole('heading', { name: 'Mijn sessies' }).waitFor();
    await settled(page);
    assert.ok(await page.getByRole('button', { name: /^Sessie van .* beëindigen$/ }).count() >= 1);
    assert.equal(await page.getByRole('button', { name: 'Instellen' }).count(), 0, 'no two-step log-in for her account');
    await screen(page, 'security-05-client');
    await page.getByRole('button', { name: 'Overal elders uitloggen' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.security-sessions tbody tr').length === 1);
  });
});
