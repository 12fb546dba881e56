// Notifications in the browser: the header's "Meldingen" link with its
// unread count (its accessible name says it), kept up to date by the poll
// without a navigation, the inbox at 390 px by keyboard alone, marking read,
// the link to the exact place in her file, and no link for the girl herself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import {
  startServer, apiLogin, api, uiLogin, settled, screenshot, clientIds, withBrowser,
} from './lib/browser.mjs';

let srv;
let ids;
let users;
let coord;

before(async () => {
  srv = await startServer({ db: 'sqlite' });
  ids = await clientIds(srv);
  coord = await apiLogin(srv, 'coordinator');
  users = Object.fromEntries((await api(srv, 'GET', '/api/v1/users', { token: coord.token })).json.items.map((u) => [u.username, u.id]));
});

after(async () => { await srv?.stop(); });

const PHONE = { width: 390, height: 844 };
const today = () => new Date().toISOString().slice(0, 10);

async function propose(pseudonym, username) {
  const r = await api(srv, 'POST', `/api/v1/clients/${ids[pseudonym]}/handovers`, {
    token: coord.token, body: { incoming_user_id: users[username], planned_date: today() },
  });
  assert.equal(r.status, 201, r.text);
  return r.json.id;
}

// WCAG 2.1 A/AA and axe's best practices: zero violations.
async function axeAll(page, name) {
  const res = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  assert.deepEqual(res.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`), [], `axe on ${name}`);
}

test('the incoming caregiver sees the handover in her header at once, opens the inbox by keyboard and follows the link', async () => {
  await propose('Mila', 'mentor.bram');
  await withBrowser(async (page) => {
    await page.addInitScript(() => { globalThis.DOORLOOP_NOTICE_POLL_MS = 500; });
    await page.setViewportSize(PHONE);
    await uiLogin(page, srv.url, 'mentor.bram');
    const bell = page.getByRole('link', { name: 'Meldingen, 1 ongelezen' });
    await bell.waitFor();
    assert.equal(await page.locator('[data-testid=notice-link] .notice-badge').innerText(), '1');
    await axeAll(page, 'worklist with the unread count');

    // A second one arrives while she looks: the poll shows it, no navigation.
    const second = await propose('Lily', 'mentor.bram');
    await page.getByRole('link', { name: 'Meldingen, 2 ongelezen' }).waitFor({ timeout: 10000 });

    // By keyboard: focus the link, Enter.
    await page.getByRole('link', { name: 'Meldingen, 2 ongelezen' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/notifications$/);
    await settled(page);
    assert.equal(await page.locator('main h1').innerText(), 'Meldingen');
    const items = page.locator('[data-testid=notice-list] li');
    assert.equal(await items.count(), 2);
    assert.match(await items.nth(0).innerText(), /Lily: er is een overdracht aan u voorgesteld/);
    assert.match(await items.nth(1).innerText(), /Mila: er is een overdracht aan u voorgesteld/);
    assert.match(await page.locator('[data-testid=notice-summary]').innerText(), /2 meldingen, waarvan 2 ongelezen/);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `no sideways scrolling at 390 px (${overflow} px)`);
    await screenshot(page, 'n-01-inbox-390');
    await axeAll(page, 'inbox at 390 px');

    // Mark the newest read with the keyboard alone.
    const markBtn = items.nth(0).getByRole('button', { name: /^Markeer als gelezen/ });
    await markBtn.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'Meldingen, 1 ongelezen' }).waitFor();
    assert.equal(await items.nth(0).getAttribute('data-read'), '1');
    const stored = await api(srv, 'GET', '/api/v1/notifications', { token: (await apiLogin(srv, 'mentor.bram')).token });
    assert.equal(stored.json.items.find((n) => n.object_id === second).read, true);

    // The other one's link goes to the exact place and counts as read.
    const go = items.nth(1).getByRole('link', { name: /Mila: er is een overdracht/ });
    assert.equal(await go.getAttribute('href'), `/clients/${ids.Mila}/team#handovers`);
    await go.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/clients/${ids.Mila}/team#handovers$`));
    await settled(page);
    await page.getByRole('link', { name: 'Meldingen', exact: true }).waitFor({ timeout: 10000 });
    assert.equal(await page.locator('[data-testid=notice-link] .notice-badge').count(), 0);
  });
});

test('mark all read, and in English', async () => {
  await propose('Mila', 'mentor.bram');
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'mentor.bram');
    await page.getByRole('link', { name: 'Meldingen, 1 ongelezen' }).click();
    await settled(page);
    await page.getByRole('button', { name: 'Alles als gelezen markeren' }).click();
    await page.getByRole('link', { name: 'Meldingen', exact: true }).waitFor();
    assert.match(await page.locator('[data-testid=notice-summary]').innerText(), /waarvan 0 ongelezen/);
    assert.equal(await page.locator('[data-testid=notice-list] li[data-read="0"]').count(), 0);
    await page.locator('.lang-switch').click();
    await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    assert.match(await page.locator('[data-testid=notice-list]').innerText(), /a handover to you was proposed/);
    await axeAll(page, 'inbox in English');
  });
});

test('the girl herself has no notifications: no link, and the inbox is not hers', async () => {
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'client');
    assert.equal(await page.locator('[data-testid=notice-link]').count(), 0);
    await page.goto(`${srv.url}/notifications`);
    await settled(page);
    assert.notEqual(await page.locator('main h1').innerText(), 'Meldingen');
  });
});
