// The client's file in tabs: the summary on top, one address per tab with its
// count, deep links that survive a reload and the back button, only the
// chosen tab's data read, usable with the keyboard, no sideways scrolling at
// 390 px, and axe (best-practice rules included) clean on every tab — against
// a real server, its demo data and a real browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, apiLogin, api, uiLogin, settled, screenshot, axeCheck, clientIds, withBrowser,
} from './lib/browser.mjs';

let srv;
let ids;
let expected;   // what the tabs must count, from the API
let topSeverity;   // her most serious alert's, as the API orders them

const PHONE = { width: 390, height: 844 };
const noSideways = async (page, where) => {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `no sideways scrolling at 390px on ${where} (${overflow}px)`);
};

// Per tab: a section it must show (coordinator, Mila) and none of another tab's.
const CONTENT = {
  overview: ['#figures', '#alerts'],
  timeline: ['#timeline', '#phases', '#timeline-table'],
  transition: ['#transition-plan'],
  domains: ['#domains', '#reviews', '#own-plan'],
  journal: ['#journal'],
  promises: ['#promises'],
  bases: ['#legal-bases', '#court-orders'],
  team: ['#team', '#handovers'],
  consent: ['#consents', '#victim-registration', '#indicators'],
  aftercare: ['#aftercare', '#closure'],
};
const ALL = Object.values(CONTENT).flat();

before(async () => {
  srv = await startServer({ db: 'sqlite' });
  ids = await clientIds(srv);
  const s = await apiLogin(srv, 'coordinator');
  const get = async (p) => (await api(srv, 'GET', `/api/v1/clients/${ids.Mila}/${p}`, { token: s.token })).json;
  const tl = await get('timeline');
  const alerts = (await get('alerts')).items;
  topSeverity = alerts[0].severity;
  expected = {
    overview: alerts.length,
    journal: (await get('journal')).items.length,
    promises: (await get('promises')).items.filter((p) => p.status === 'open').length,
    team: tl.team.filter((m) => m.from_date <= tl.today && (!m.to_date || m.to_date >= tl.today)).length,
  };
  assert.ok(expected.journal > 0 && expected.promises > 0 && expected.overview > 0, 'the demo gives Mila entries, open promises and alerts');
});

after(async () => { await srv?.stop(); });

// The tab shown, once its sections are drawn.
async function shownTab(page) {
  await page.waitForFunction(() => {
    const p = document.querySelector('#file-panel');
    return p && !p.hasAttribute('aria-busy') && !document.querySelector('main[aria-busy]');
  });
  return page.locator('#file-panel').getAttribute('data-tab');
}

async function checkTab(page, key) {
  assert.equal(await shownTab(page), key);
  const current = page.locator('[data-testid=file-tabs] a[aria-current=page]');
  assert.equal(await current.getAttribute('data-tab'), key, `${key} is marked current`);
  for (const sel of CONTENT[key]) assert.equal(await page.locator(`#file-panel > ${sel}`).count(), 1, `${key} shows ${sel}`);
  for (const sel of ALL.filter((x) => !CONTENT[key].includes(x))) assert.equal(await page.locator(sel).count(), 0, `${key} leaves out ${sel}`);
  for (const sel of CONTENT[key]) {
    assert.doesNotMatch(await page.locator(sel).innerText(), /Bezig met laden/, `${sel} is drawn`);
  }
  assert.equal(await page.locator('[data-testid=client-summary]').count(), 1, 'the summary stays on top');
}

test('every tab of the file shows its own sections and its count, axe clean at 1280 and 390 px', async () => {
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'coordinator');
    await page.goto(`${srv.url}/clients/${ids.Mila}`);
    await checkTab(page, 'overview');
    const tabs = page.locator('[data-testid=file-tabs] a');
    const keys = await tabs.evaluateAll((as) => as.map((a) => a.dataset.tab));
    assert.deepEqual(keys, [...Object.keys(CONTENT), 'access-log']);
    // The counts, once the journal and promises have been counted.
    await page.locator('[data-testid=file-tabs] a[data-tab=journal] [data-count]').waitFor();
    for (const [key, n] of Object.entries(expected)) {
      const count = page.locator(`[data-testid=file-tabs] a[data-tab=${key}] .file-tabs__count`);
      assert.equal(await count.getAttribute('data-count'), String(n), `count on ${key}`);
      assert.match(await page.locator(`[data-testid=file-tabs] a[data-tab=${key}]`).textContent(), new RegExp(`\\(${n} `), `the count is read out on ${key}`);
    }
    // The most serious alert is the first thing in the summary.
    const first = page.locator('[data-testid=summary-alerts] li').first();
    assert.equal(await first.getAttribute('class'), `summary-alert summary-alert--${topSeverity}`);
    for (const key of Object.keys(CONTENT)) {
      await tabs.locator(`xpath=self::*[@data-tab="${key}"]`).click();
      await checkTab(page, key);
      assert.equal(new URL(page.url()).pathname, `/clients/${ids.Mila}${key === 'overview' ? '' : `/${key}`}`);
      await screenshot(page, `ct-${key}-1280`);
      await axeCheck(page, `tab ${key}`, { bestPractice: true });
    }
    await page.setViewportSize(PHONE);
    for (const key of Object.keys(CONTENT)) {
      await page.goto(`${srv.url}/clients/${ids.Mila}${key === 'overview' ? '' : `/${key}`}`);
      await checkTab(page, key);
      await settled(page);
      await noSideways(page, key);
      await screenshot(page, `ct-${key}-390`);
      await axeCheck(page, `tab ${key} at 390`, { bestPractice: true });
    }
    // The access log is a tab too: its own screen.
    await page.goto(`${srv.url}/clients/${ids.Mila}/journal`);
    await shownTab(page);
    await page.locator('[data-testid=file-tabs] a[data-tab=access-log]').click();
    await page.waitForFunction(() => location.pathname.endsWith('/access-log'));
    await settled(page);
    assert.match(await page.locator('h1').innerText(), /Wie heeft dit dossier ingezien/);
    // Its tab bar leads back into the file.
    assert.equal(await page.locator('[data-testid=file-tabs] a[aria-current=page]').getAttribute('data-tab'), 'access-log');
    await page.locator('[data-testid=file-tabs] a[data-tab=journal]').click();
    await page.waitForFunction(() => location.pathname.endsWith('/journal'));
    await shownTab(page);
  });
});

test('a tab is an address: it survives a reload and the back button, old #links find their tab', async () => {
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'caregiver');
    await page.goto(`${srv.url}/clients/${ids.Mila}/promises`);
    await checkTab(page, 'promises');
    await page.reload();
    await checkTab(page, 'promises');
    await page.locator('[data-testid=file-tabs] a[data-tab=journal]').click();
    await checkTab(page, 'journal');
    await page.locator('[data-testid=file-tabs] a[data-tab=team]').click();
    await checkTab(page, 'team');
    await page.goBack();
    await checkTab(page, 'journal');
    assert.equal(new URL(page.url()).pathname, `/clients/${ids.Mila}/journal`);
    await page.goBack();
    await checkTab(page, 'promises');
    await page.goForward();
    await checkTab(page, 'journal');
    // A link from before the tabs (an alert, a bookmark): the tab that holds the part, focus on it.
    await page.goto(`${srv.url}/clients/${ids.Mila}#handovers`);
    await checkTab(page, 'team');
    assert.equal(new URL(page.url()).pathname, `/clients/${ids.Mila}/team`);
    assert.equal(new URL(page.url()).hash, '#handovers');
    await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'sec-handovers');
    // A tab that does not exist.
    await page.goto(`${srv.url}/clients/${ids.Mila}/nonsense`);
    await settled(page);
    assert.match(await page.locator('h1').innerText(), /Niet gevonden/);
  });
});

test('only the chosen tab is read; following a tab keeps the top and reads no more than that tab', async () => {
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'coordinator');
    const seen = [];
    page.on('request', (r) => { const u = new URL(r.url()); if (u.pathname.startsWith('/api/')) seen.push(u.pathname.replace(`/api/v1/clients/${ids.Mila}`, '~')); });
    await page.goto(`${srv.url}/clients/${ids.Mila}/timeline`);
    await checkTab(page, 'timeline');
    await page.locator('[data-testid=file-tabs] a[data-tab=journal] [data-count]').waitFor();
    for (const p of ['~/transition-plan', '~/handovers', '~/consents', '~/domains', '~/reviews', '~/aftercare', '~/victim-registration', '~/indicators', '~/own-plan']) {
      assert.ok(!seen.includes(p), `the timeline tab does not read ${p}: ${seen.join(' ')}`);
    }
    const cold = seen.filter((p) => p.startsWith('~')).length;
    assert.ok(cold <= 5, `a cold open reads at most 5 parts of her file (${cold}: ${seen.join(' ')})`);
    seen.length = 0;
    await page.locator('[data-testid=file-tabs] a[data-tab=transition]').click();
    await checkTab(page, 'transition');
    assert.deepEqual(seen.filter((p) => p.startsWith('~')), ['~/transition-plan'], `following a tab reads only that tab's data (${seen.join(' ')})`);
    console.log(`# requests for her file: cold open of a tab ${cold}, a tab followed ${seen.filter((p) => p.startsWith('~')).length}`);
  });
});

test('the tabs work with the keyboard alone; focus stays on the tab followed', async () => {
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'coordinator');
    await page.goto(`${srv.url}/clients/${ids.Mila}`);
    await checkTab(page, 'overview');
    await page.locator('[data-testid=file-tabs] a[data-tab=journal]').focus();
    await page.keyboard.press('Enter');
    await checkTab(page, 'journal');
    await page.waitForFunction(() => document.activeElement && document.activeElement.dataset.tab === 'journal');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.tab), 'promises');
    await page.keyboard.press('Enter');
    await checkTab(page, 'promises');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.tab), 'promises');
    assert.match(await page.title(), /^Mila: Afspraken/);
  });
});

test('a partner sees the tabs her role has, and "Niet zichtbaar voor uw rol" where data is hidden', async () => {
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'partner');
    await page.locator('table[data-testid=caseload] tbody th a').first().click();
    await shownTab(page);
    const keys = await page.locator('[data-testid=file-tabs] a').evaluateAll((as) => as.map((a) => a.dataset.tab));
    assert.deepEqual(keys, ['overview', 'timeline', 'bases', 'team']);
    await page.locator('[data-testid=file-tabs] a[data-tab=team]').click();
    assert.equal(await shownTab(page), 'team');
    assert.match(await page.locator('section#team').innerText(), /Niet zichtbaar voor uw rol/);
    await screenshot(page, 'ct-partner-team');
    await axeCheck(page, 'partner team tab', { bestPractice: true });
    await page.setViewportSize(PHONE);
    await page.locator('[data-testid=file-tabs] a[data-tab=bases]').click();
    assert.equal(await shownTab(page), 'bases');
    await noSideways(page, 'partner bases');
    await axeCheck(page, 'partner bases tab at 390', { bestPractice: true });
  });
});
