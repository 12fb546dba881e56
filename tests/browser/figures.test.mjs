// The municipality's figures and the national monitor in the web app
// (issue 12): the officer sees how many of her girls turned 18 with a gap
// this year and what they still need, nothing that singles a girl out; the
// monitor flags the municipalities; both download what they see; axe finds
// nothing on either page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, apiLogin, api, uiLogin, settled, screen, withBrowser,
} from './lib/browser.mjs';

let srv;
let mun;
let mon;

before(async () => {
  srv = await startServer({ db: 'sqlite' });
  mun = (await api(srv, 'GET', '/api/v1/figures/municipality', { token: (await apiLogin(srv, 'municipality')).token })).json;
  mon = (await api(srv, 'GET', '/api/v1/figures/monitor', { token: (await apiLogin(srv, 'monitor')).token })).json;
});

after(async () => { await srv?.stop(); });

async function download(page) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=csv]').click()]);
  const chunks = [];
  for await (const c of await dl.createReadStream()) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
}

test('the municipality officer sees her girls who turned 18 with a gap, and what they still need', async () => {
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'municipality');
    assert.equal(new URL(page.url()).pathname, '/organisation');
    await page.locator('[data-testid=mf-headline]').waitFor();
    const gap = mun.areas[0].values['turned18.gap'][4];
    assert.equal(typeof gap, 'number');
    assert.equal((await page.locator('[data-figure=turned18_gap] .figure-value').innerText()).trim(), String(gap));
    // what they still need: the open demand per life domain, chart and table
    const demand = page.locator('[data-group=demand]');
    assert.equal(await demand.locator('svg.mf-chart').count(), 1);
    assert.equal(await demand.locator('table').count(), 1);
    assert.match(await demand.innerText(), /Wonen/);
    // small cells read "< 5", never a number below it
    const text = await page.locator('main').innerText();
    assert.match(text, /< 5/);
    for (const td of await page.locator('table.mf-table td').allInnerTexts()) {
      const n = Number(td.replace(/\./g, ''));
      if (td.trim() !== '' && !Number.isNaN(n)) assert.ok(n >= 5 || n === 0, `cell ${td}`);
    }
    // no girl: no demo pseudonym appears
    for (const p of ['Lily', 'Mila', 'Jade', 'Cijfers-LV-01']) assert.ok(!text.includes(p), p);
    // a definition is one click away
    const def = page.locator('[data-group=turned18] details');
    await def.locator('summary').click();
    assert.match(await def.innerText(), /verjaardag/);
    // signals received and matched: chart, table and definition, the quarter's numbers as the API sends them
    const sig = page.locator('[data-group=signals]');
    assert.equal(await sig.locator('svg.mf-chart').count(), 1);
    assert.equal(await sig.locator('table').count(), 1);
    const now = mun.areas[0].values.in_care.findLastIndex((x) => x !== null);
    const recv = mun.areas[0].values.signals[now], hit = mun.areas[0].values['signals.matched'][now];
    assert.ok(typeof recv === 'number' && typeof hit === 'number', 'the demo shows this quarter\'s signals');
    const rowOf = (label) => sig.locator('tbody tr', { has: page.locator('th', { hasText: label }) });
    assert.equal((await rowOf('Signalen ontvangen').locator('td').nth(now).innerText()).trim(), String(recv));
    assert.equal((await rowOf('gekoppeld aan een meisje').locator('td').nth(now).innerText()).trim(), String(hit));
    await sig.locator('details summary').click();
    assert.match(await sig.locator('details').innerText(), /gemeente waar zij woont/);
    await screen(page, 'figures-municipality');
    const csv = await download(page);
    assert.match(csv, /^area_kind,area,region,figure,Q1,Q2,Q3,Q4,year\r\n/);
    assert.match(csv, new RegExp(`municipality,Gemeente Lindeveen \\(demo\\),Midden,turned18\\.gap,[^\\r]*,${gap}\\r\\n`));
    // another year, by keyboard
    await page.locator('#mf-year').selectOption(String(mun.year - 1));
    await page.getByRole('button', { name: 'Toon' }).press('Enter');
    await page.waitForFunction((y) => location.search === `?year=${y}`, mun.year - 1);
    await settled(page);
    assert.match(await page.locator('main').innerText(), new RegExp(String(mun.year - 1)));
  });
});

test('the monitor flags the municipalities, compares them sortably and downloads it', async () => {
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'monitor');
    await page.locator('[data-testid=mf-flags]').waitFor();
    const flagged = mon.areas.filter((a) => a.kind === 'municipality' && a.flags.turned18_gap).map((a) => a.name);
    assert.ok(flagged.includes('Gemeente Lindeveen (demo)'));
    const flags = await page.locator('[data-testid=mf-flags]').innerText();
    for (const name of flagged) assert.ok(flags.includes(name), name);
    const table = page.locator('[data-testid=mf-compare-table]');
    assert.equal(await table.locator('tbody tr').count(), mon.areas.filter((a) => a.kind === 'municipality').length);
    await table.locator('[data-sort=name]').click();
    const names = await table.locator('tbody th').allInnerTexts();
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'nl')));
    assert.equal(await table.locator('th[aria-sort=ascending]').count(), 1);
    await table.locator('[data-sort=name]').click();
    assert.equal(await table.locator('th[aria-sort=descending]').count(), 1);
    // signals received and matched per municipality, this year, sortable
    const lv = mon.areas.find((a) => a.name === 'Gemeente Lindeveen (demo)');
    await table.locator('[data-sort=signals]').click();
    assert.equal(await table.locator('th[aria-sort=descending] [data-sort=signals]').count(), 1);
    const cells = await table.locator('tr[data-area="Gemeente Lindeveen (demo)"] td').allInnerTexts();
    const heads = await table.locator('thead th').allInnerTexts();
    const col = (label) => heads.findIndex((x) => x.trim() === label) - 1;
    assert.equal(cells[col('Signalen ontvangen')].trim(), String(lv.values.signals[4]));
    assert.equal(cells[col('Signalen gekoppeld')].trim(), String(lv.values['signals.matched'][4]));
    // and per region and for the country, by quarter
    assert.equal(await page.locator('[data-testid=mf-regions-table] [data-sort=signals_matched]').count(), 1);
    assert.equal(await page.locator('.mf-trend [data-group=signals] table').count(), 1);
    await screen(page, 'figures-monitor');
    const csv = await download(page);
    assert.equal(csv.split('\r\n').length - 2, mon.areas.length * mon.figures.length);
  });
});
