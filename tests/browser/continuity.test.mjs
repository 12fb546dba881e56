// The continuity engine in the web app: the worklist as start page, the
// transition plan, accepting a handover, the refused closing, and the
// institution's figures — against a real server and its demo data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, apiLogin, api, launch, uiLogin, settled, screen, screenshot, clientIds, addDays, isoToNl, SHOTS,
  withBrowser,
} from './lib/browser.mjs';
import { apiErrorOf, showsReason, reasonTextOf } from './lib/reasons.mjs';
import path from 'node:path';

// One part of the page, at its real size, beside the full-page screenshot.
const partShot = (locator, name) => locator.screenshot({ path: path.join(SHOTS, `${name}.png`) });

let srv;
let ids;
let today;
let lily18;

before(async () => {
  srv = await startServer({ db: 'sqlite' });
  ids = await clientIds(srv);
  const s = await apiLogin(srv, 'coordinator');
  const tl = await api(srv, 'GET', `/api/v1/clients/${ids.Lily}/timeline`, { token: s.token });
  today = tl.json.today;
  lily18 = tl.json.eighteenth_birthday;
});

after(async () => { await srv?.stop(); });


const rows = (page) => page.locator('table[data-testid=worklist] tbody tr[data-rule]');
// Show every alert of one girl in the grouped worklist.
const expand = async (page, client) => {
  const more = page.getByRole('button', { name: new RegExp(`^Toon nog \\d+ signalen van ${client}$`) });
  if (await more.count()) await more.click();
};
const rowsOf = async (page, client) => page.locator(`table[data-testid=worklist] tbody tr[data-client="${client}"]`)
  .evaluateAll((trs) => trs.map((tr) => tr.dataset.rule));

test('the coordinator starts on the worklist: critical alerts on top, one group per girl, filters and an as-of date', async () => {
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'coordinator');
    assert.equal(new URL(page.url()).pathname, '/worklist');
    assert.equal(await page.locator('main h1').innerText(), 'Werklijst');
    await rows(page).first().waitFor();
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    assert.equal(await nav.getByRole('link', { name: 'Werklijst' }).getAttribute('aria-current'), 'page');
    assert.equal(await nav.getByRole('link', { name: 'Mijn cliënten' }).count(), 1, 'the caseload stays in the menu');

    // A critical alert heads the list; each girl is one group, her most
    // serious alert shown and the rest folded away.
    const first = rows(page).first();
    assert.equal(await first.getAttribute('data-severity'), 'critical');
    const groups = await page.locator('table[data-testid=worklist] tbody.wl-group').evaluateAll((bs) => bs.map((b) => b.dataset.group));
    assert.equal(new Set(groups).size, groups.length, 'one group per girl');
    const visible = await page.locator('table[data-testid=worklist] tbody tr[data-rule]:visible').count();
    assert.ok(visible <= groups.length + 2, `folded: ${visible} rows shown for ${groups.length} girls`);
    const lilyRules = await rowsOf(page, 'Lily');
    for (const r of ['no_transition_plan', 'cliff_at_18', 'handover_waiting', 'review_overdue']) assert.ok(lilyRules.includes(r), `Lily has ${r}`);
    assert.equal(lilyRules[0], 'cliff_at_18', 'her cliff at 18 leads her group');
    const lilyPlan = page.locator('tr[data-client=Lily][data-rule=no_transition_plan]');
    assert.equal(await lilyPlan.isVisible(), false, 'folded at first');
    const toggle = page.getByRole('button', { name: /^Toon nog \d+ signalen van Lily$/ });
    await toggle.click();
    await lilyPlan.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-expanded')), 'true', 'focus stays on the toggle');
    assert.match(await lilyPlan.innerText(), /Te laat/);
    assert.match(await lilyPlan.innerText(), /Wordt over \d+ dagen 18 .* geen transitieplan/);
    await screen(page, 'c-01a-worklist-group-open');
    // The flat view: critical, then high, then normal; overdue first within each.
    await page.getByRole('button', { name: 'Alle signalen onder elkaar' }).click();
    assert.match(new URL(page.url()).search, /view=flat/);
    const order = await rows(page).evaluateAll((trs) => trs.map((tr) => [tr.dataset.severity, tr.dataset.overdue === 'true', tr.hidden]));
    const rank = { critical: 2, high: 1, normal: 0 };
    assert.ok(order.every((o) => !o[2]), 'nothing folded in the flat view');
    for (let i = 1; i < order.length; i++) {
      const [a, b] = [order[i - 1], order[i]];
      assert.ok(rank[a[0]] > rank[b[0]] || (a[0] === b[0] && a[1] >= b[1]), `order at ${i}`);
    }
    await page.getByRole('button', { name: 'Per cliënte' }).click();
    // Severity filter.
    await page.getByLabel('Ernst').selectOption('critical');
    await page.getByRole('button', { name: 'Toon signalen' }).click();
    await page.waitForFunction(() => [...document.querySelectorAll('table[data-testid=worklist] tbody tr[data-rule]')].every((tr) => tr.dataset.severity === 'critical'));
    assert.match(new URL(page.url()).search, /severity=critical/);
    await page.getByLabel('Ernst').selectOption('');
    // Reasons are shown with Dutch dates, not ISO.
    assert.doesNotMatch(await page.locator('table[data-testid=worklist]').innerText(), /\d{4}-\d{2}-\d{2}/);
    await screen(page, 'c-01-worklist-coordinator');

    // Filter by rule.
    await page.getByLabel('Soort signaal').selectOption('cliff_at_18');
    await page.getByRole('button', { name: 'Toon signalen' }).click();
    await page.waitForFunction(() => [...document.querySelectorAll('table[data-testid=worklist] tbody tr[data-rule]')].every((tr) => tr.dataset.rule === 'cliff_at_18'));
    assert.match(new URL(page.url()).search, /rule=cliff_at_18/);
    assert.deepEqual((await rowsOf(page, 'Lily')), ['cliff_at_18']);

    // Look ahead: ten days past her 18th birthday the cliff has become a gap.
    await page.getByLabel('Soort signaal').selectOption('');
    assert.equal(await page.getByLabel(/Peildatum/).isVisible(), false, 'the as-of date is folded away');
    await page.getByText('Vooruitkijken met een peildatum').click();
    await page.getByLabel(/Peildatum/).fill(isoToNl(addDays(lily18, 10)));
    await page.getByRole('button', { name: 'Toon signalen' }).click();
    const banner = page.locator('[data-testid=asof-banner] .utrecht-alert');
    await banner.waitFor();
    assert.match(await banner.innerText(), new RegExp(`u kijkt vooruit.*${isoToNl(addDays(lily18, 10))}`, 'is'));
    await page.waitForFunction(() => [...document.querySelectorAll('tr[data-client=Lily]')].some((tr) => tr.dataset.rule === 'gap'));
    await screen(page, 'c-02-worklist-as-of');
    await page.getByRole('button', { name: 'Terug naar vandaag' }).click();
    await page.waitForFunction(() => !document.querySelector('[data-testid=asof-banner] .utrecht-alert'));
  });
});

test('following the link, a transition plan, the Wmo decision and the accepted handover clear Lily\'s alerts', async () => {
  await withBrowser(async (page) => {
    // Her alerts arrive last after every write, as on a slow machine: the
    // fresh alerts must still be the ones shown and kept.
    await page.route('**/api/v1/clients/*/alerts', async (route) => {
      await new Promise((res) => setTimeout(res, 400));
      await route.continue();
    });
    await uiLogin(page, srv.url, 'coordinator');
    await rows(page).first().waitFor();
    await expand(page, 'Lily');
    await page.getByRole('link', { name: 'Naar het transitieplan van Lily' }).click();
    await page.locator('section#transition-plan').waitFor();
    await settled(page);
    assert.equal(new URL(page.url()).hash, '#transition-plan');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'sec-transition-plan', 'focus lands on the plan');
    // Her alerts are on the file's overview, a tab away.
    const tab = (key) => page.locator(`[data-testid=file-tabs] a[data-tab=${key}]`);
    const alerts = page.locator('[data-testid=client-alerts]');
    await tab('overview').click();
    assert.match(await alerts.innerText(), /Geen transitieplan/);
    await page.goBack();
    await page.locator('section#transition-plan table, section#transition-plan [data-action=create-plan]').first().waitFor();
    await settled(page);

    // Make the plan.
    const plan = page.locator('section#transition-plan');
    await plan.getByRole('button', { name: 'Transitieplan maken' }).click();
    const form = plan.locator('form[data-form=create-plan]');
    await form.locator('textarea[name=her_view]').fill('Ik wil een eigen kamer in de stad, dichtbij mijn opleiding.');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    const ok = plan.locator('[data-testid=status-plan] .utrecht-alert--ok');
    await ok.waitFor();
    assert.match(await ok.innerText(), /alle tien onderdelen/);
    assert.equal(await page.evaluate(() => document.activeElement.closest('[data-testid=status-plan]') !== null), true, 'focus on the confirmation');
    assert.equal(await plan.locator('table.plan-table tbody tr').count(), 10);
    assert.match(await plan.locator('[data-testid=plan-her-view]').innerText(), /eigen kamer/);

    // A decision without the request date: the API's error beside that field.
    await plan.getByRole('button', { name: /Grondslag na 18.*wijzigen/ }).click();
    const item = plan.locator('form[data-form=edit-item-legal_basis_after_18]');
    await item.locator('select[name=basis_kind]').selectOption('wmo');
    await item.locator('select[name=decision]').selectOption('granted');
    const apiErr = await apiErrorOf(page, () => item.getByRole('button', { name: 'Opslaan' }).click());
    const reqErr = item.locator('[data-field=request_date] .field-error');
    await reqErr.waitFor();
    assert.ok(showsReason(await reqErr.innerText(), apiErr), `the Dutch text of ${apiErr.reason}`);
    assert.equal(await page.evaluate(() => document.activeElement.name), 'request_date');
    await screen(page, 'c-03-plan-item-error');

    await item.locator('input[name=request_date]').fill(isoToNl(addDays(today, -30)));
    await item.locator('input[name=decision_date]').fill(isoToNl(today));
    await item.getByRole('button', { name: 'Opslaan' }).click();
    const ok2 = plan.locator('[data-testid=status-plan] .utrecht-alert--ok');
    await ok2.waitFor();
    assert.match(await ok2.innerText(), /grondslag na haar 18de/);
    assert.match(await plan.locator('[data-testid=basis-decision]').innerText(), /Wmo 2015.*toegekend/);
    await page.locator('section#transition-plan').scrollIntoViewIfNeeded();
    await screen(page, 'c-04-transition-plan');
    await partShot(plan, 'c-04b-plan-section');
    await tab('overview').click();
    await alerts.waitFor();
    // The overview reads her alerts anew after the writes (the previous
    // tab's summary may still be on screen for a moment).
    const cleared = await page.waitForFunction(() => {
      const el = document.querySelector('[data-testid=client-alerts]');
      return el && !/Geen transitieplan|Geen grondslag na 18/.test(el.innerText);
    }, null, { timeout: 15000 }).then(() => true, () => false);
    assert.ok(cleared, await alerts.innerText());

    // Sanne cannot accept Bram's handover: the button is not there for her.
    await tab('team').click();
    const handovers = page.locator('section#handovers');
    await handovers.locator('table, p').first().waitFor();
    await settled(page);
    assert.match(await handovers.innerText(), /Bram/);
    assert.equal(await handovers.getByRole('button', { name: /accepteren/ }).count(), 0);

    // Back on the worklist: the plan and the cliff are gone, the handover still waits.
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Werklijst' }).click();
    await rows(page).first().waitFor();
    let lily = await rowsOf(page, 'Lily');
    assert.ok(!lily.includes('no_transition_plan') && !lily.includes('cliff_at_18'), lily.join());
    assert.ok(lily.includes('handover_waiting'));
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForSelector('input[name=username]');

    // Bram, the incoming mentor, accepts from his worklist.
    await uiLogin(page, srv.url, 'mentor.bram');
    assert.equal(new URL(page.url()).pathname, '/worklist');
    await rows(page).first().waitFor();
    const accept = page.getByRole('button', { name: 'Overdracht voor Lily accepteren' });
    await accept.click();
    const af = page.locator('form[data-form=accept-handover]');
    await af.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.name), 'accepted_on');
    await screen(page, 'c-05-accept-handover');
    await af.getByRole('button', { name: 'Accepteren' }).click();
    const done = page.locator('[data-testid=worklist-status] .utrecht-alert--ok');
    await done.waitFor();
    assert.match(await done.innerText(), /geaccepteerd/);
    assert.equal(await page.evaluate(() => document.activeElement.closest('[data-testid=worklist-status]') !== null), true);
    assert.ok(!(await rowsOf(page, 'Lily')).includes('handover_waiting'));

    // Now on her team, Bram sees the handover on the timeline's team row.
    await page.locator('table[data-testid=worklist] tbody tr[data-client=Lily] th a').first().click();
    await page.locator('[data-testid=file-tabs] a[data-tab=timeline]').click();
    await page.locator('svg.tl-svg').waitFor();
    await settled(page);
    const mark = page.locator('svg.tl-svg .tl-item--handover');
    assert.equal(await mark.count(), 1);
    assert.match(await mark.getAttribute('aria-label'), /Overdracht.*Bram/);
    await mark.focus();
    assert.match(await page.locator('[data-testid=timeline-detail]').innerText(), /Overdracht/);
    await screen(page, 'c-06-client-after-handover');
    await partShot(page.locator('.timeline-section'), 'c-06b-timeline-handover');
    await page.locator('[data-testid=file-tabs] a[data-tab=overview]').click();
    await page.locator('.figure-tiles').waitFor();
    assert.match(await page.locator('.figure-tiles').innerText(), /Overdrachten op tijd geaccepteerd\s*0 van 1/);
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForSelector('input[name=username]');

    // And the coordinator's worklist has none of these alerts for Lily any more.
    await uiLogin(page, srv.url, 'coordinator');
    await rows(page).first().waitFor();
    lily = await rowsOf(page, 'Lily');
    for (const r of ['no_transition_plan', 'cliff_at_18', 'handover_waiting']) assert.ok(!lily.includes(r), `no ${r} for Lily (${lily.join()})`);
    await screen(page, 'c-07-worklist-after');
  });
});

test('closing a trajectory with unsettled domains is refused with the reason; the coordinator may sign off and reopen', async () => {
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'coordinator');
    await page.goto(`${srv.url}/clients/${ids.Jade}#closure`);
    await page.locator('section#closure').waitFor();
    await settled(page);
    const sec = page.locator('section#closure');
    await sec.getByRole('button', { name: 'Traject afsluiten' }).click();
    const form = sec.locator('form[data-form=close-trajectory]');
    await form.locator('input[name=end_date]').fill(isoToNl(today));
    await form.locator('textarea[name=end_reason]').fill('Zij verhuist naar familie');

    // Without error.details the refusal still reads in Dutch: the text of its reason.
    const english = 'not settled: housing; the coordinator may close with a sign_off_reason';
    await page.route('**/api/v1/clients/*/trajectory/end', (route) => route.fulfill({
      status: 409, contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'conflict', reason: 'conflict', message: english, field: null } }),
    }));
    await form.getByRole('button', { name: 'Afsluiten' }).click();
    const bare = form.locator('.form-summary .utrecht-alert');
    await bare.waitFor();
    assert.ok((await bare.innerText()).includes(reasonTextOf({ reason: 'conflict' })), 'the Dutch text of the reason');
    assert.doesNotMatch(await bare.innerText(), /not settled|housing/);
    await page.unroute('**/api/v1/clients/*/trajectory/end');

    const apiErr = await apiErrorOf(page, () => form.getByRole('button', { name: 'Afsluiten' }).click());
    for (const d of ['housing', 'finances', 'work', 'parents']) assert.ok(apiErr.details.includes(d), `the API names ${d} as data`);
    const refused = form.locator('[data-testid=close-refused]');
    await refused.waitFor();
    const text = await refused.innerText();
    assert.match(text, /kan nog niet worden afgesloten/);
    assert.ok(!text.includes(apiErr.message) && !/housing|finances/.test(text), 'no English');
    for (const d of ['Wonen', 'Financiën', 'Werk', 'Relatie met ouders']) assert.match(text, new RegExp(d));
    assert.equal(await page.evaluate(() => document.activeElement.closest('.utrecht-alert') !== null), true, 'focus on the refusal');
    await screen(page, 'c-08-close-refused');
    await partShot(sec, 'c-08b-close-refused-section');
    const s = await apiLogin(srv, 'coordinator');
    const tr = await api(srv, 'GET', `/api/v1/clients/${ids.Jade}/trajectory`, { token: s.token });
    assert.equal(tr.json.end_date, null, 'still open');

    // The coordinator signs off with an explicit reason: closed, aftercare planned.
    await form.locator('textarea[name=sign_off_reason]').fill('Volwassen, wil geen verdere hulp');
    await form.getByRole('button', { name: 'Afsluiten' }).click();
    const ok = sec.locator('[data-testid=status-closure] .utrecht-alert--ok');
    await ok.waitFor();
    assert.match(await ok.innerText(), /afgesloten/);
    const ac = page.locator('section#aftercare');
    assert.equal(await ac.locator('table.aftercare-table tbody tr').count(), 3);
    assert.match(await ac.innerText(), /Volwassen, wil geen verdere hulp/);
    await screen(page, 'c-09-closed-aftercare');

    // Reopening continues the same trajectory.
    await sec.getByRole('button', { name: 'Traject heropenen' }).click();
    const rf = sec.locator('form[data-form=reopen-trajectory]');
    await rf.locator('input[name=reopen_date]').fill(isoToNl(addDays(today, 1)));
    await rf.locator('textarea[name=reason]').fill('Zij vraagt zelf weer om hulp');
    await rf.getByRole('button', { name: 'Opslaan' }).click();
    await sec.locator('[data-testid=status-closure] .utrecht-alert--ok').waitFor();
    assert.match(await sec.innerText(), /Traject afsluiten/);
  });
});

test('reviews, life domains and aftercare on the client page', async () => {
  await withBrowser(async (page) => {
    // Since the accepted handover, Bram is Lily's main caregiver.
    await uiLogin(page, srv.url, 'mentor.bram');
    await page.goto(`${srv.url}/clients/${ids.Lily}#reviews`);
    const rev = page.locator('section#reviews');
    await rev.waitFor();
    await settled(page);
    assert.match(await rev.locator('[data-testid=next-review]').innerText(), /Te laat/);
    await rev.getByRole('button', { name: 'Evaluatie vastleggen' }).click();
    const rf = rev.locator('form[data-form=add-review]');
    await rf.getByRole('button', { name: 'Opslaan' }).click();
    await rf.locator('[data-field=held_on] .field-error').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.name), 'held_on');
    await rf.locator('input[name=held_on]').fill(isoToNl(today));
    await rf.locator('input[name=participants]').fill('Lily, mentor, gedragswetenschapper');
    await rf.locator('input[name=she_attended]').check();
    await rf.locator('textarea[name=outcome]').fill('Plaatsing passend; wonen na 18 krijgt voorrang');
    await rf.getByRole('button', { name: 'Opslaan' }).click();
    await rev.locator('[data-testid=status-reviews] .utrecht-alert--ok').waitFor();
    assert.doesNotMatch(await rev.locator('[data-testid=next-review]').innerText(), /Te laat/);
    assert.equal(await rev.locator('table.review-table tbody tr').count(), 1);

    const dom = page.locator('section#domains');
    await dom.getByRole('button', { name: 'Leefgebied Wonen wijzigen' }).click();
    const df = dom.locator('form[data-form=edit-domain-housing]');
    await df.locator('select[name=status]').selectOption('in_progress');
    await df.getByRole('button', { name: 'Opslaan' }).click();
    await dom.locator('[data-testid=status-domains] .utrecht-alert--ok').waitFor();
    await dom.getByRole('button', { name: 'Doel toevoegen bij Wonen' }).click();
    const gf = dom.locator('form[data-form=add-goal-housing]');
    await gf.locator('input[name=text]').fill('Inschrijven bij woningcorporatie');
    await gf.locator('input[name=target_date]').fill(isoToNl(addDays(today, 30)));
    await gf.getByRole('button', { name: 'Opslaan' }).click();
    await dom.locator('[data-testid=status-domains] .utrecht-alert--ok').waitFor();
    assert.match(await dom.locator('table.domain-table').innerText(), /Inschrijven bij woningcorporatie/);
    await dom.locator('summary').click();
    assert.match(await dom.locator('table.history-table').innerText(), /mee bezig/);
    await dom.scrollIntoViewIfNeeded();
    await screen(page, 'c-10-domains-reviews');
    await partShot(dom, 'c-10b-domains-section');
  });
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'coordinator');
    await page.goto(`${srv.url}/clients/${ids.Saar}#aftercare`);
    const ac = page.locator('section#aftercare');
    await ac.waitFor();
    await settled(page);
    const resolve = ac.getByRole('button', { name: /Nazorgcontact van .* vastleggen/ }).first();
    await resolve.click();
    const f = ac.locator('form[data-form=resolve-aftercare]');
    await f.locator('input[name=done_on]').fill(isoToNl(today));
    await f.locator('textarea[name=outcome]').fill('Gebeld; het gaat goed, woont zelfstandig');
    await f.getByRole('button', { name: 'Opslaan' }).click();
    await ac.locator('[data-testid=status-aftercare] .utrecht-alert--ok').waitFor();
    assert.match(await ac.innerText(), /woont zelfstandig/);
    await screen(page, 'c-11-aftercare');
  });
});

test('the institution page shows the continuity figures', async () => {
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'coordinator');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Continuïteit' }).click();
    await page.locator('[data-testid=institution-figures] .figure-tiles').waitFor();
    await settled(page);
    assert.equal(await page.locator('main h1').innerText(), 'Continuïteit in uw instelling');
    const tiles = await page.locator('.figure-tiles').innerText();
    for (const l of ['Overdrachten op tijd geaccepteerd', 'Evaluaties op tijd', 'Onderbrekingen', 'Dagen zonder hoofdbehandelaar']) assert.match(tiles, new RegExp(l));
    await screen(page, 'c-12-institution');
    await page.getByRole('link', { name: 'Toon "Derde overplaatsing binnen een jaar" in de werklijst' }).click();
    await rows(page).first().waitFor();
    assert.deepEqual([...new Set(await rows(page).evaluateAll((trs) => trs.map((tr) => tr.dataset.rule)))], ['third_transfer']);
    // Other roles do not get the page.
  });
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'caregiver');
    await page.goto(`${srv.url}/institution`);
    await page.locator('[data-testid=no-access]').waitFor();
    await screenshot(page, 'c-13-institution-caregiver');
  });
});

test('English worklist and the plan at 390px', async () => {
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'coordinator');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en' && document.querySelector('main h1').textContent === 'Worklist');
    await page.reload();
    await settled(page);
    await rows(page).first().waitFor();
    assert.match(await rows(page).first().innerText(), /Overdue/);
    await screen(page, 'c-14-worklist-english');
    await page.getByRole('button', { name: 'Nederlands', exact: false }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'nl');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${srv.url}/clients/${ids.Mila}#transition-plan`);
    await page.locator('section#transition-plan table.plan-table').waitFor();
    await settled(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `no sideways scrolling of the page at 390px (${overflow}px)`);
    await screenshot(page, 'c-15-plan-390px');
  });
});

test('the coordinator withdraws a waiting handover from the client page', async () => {
  const s = await apiLogin(srv, 'coordinator');
  const users = (await api(srv, 'GET', '/api/v1/users?role=caregiver', { token: s.token })).json.items;
  const bram = users.find((u) => u.username === 'mentor.bram');
  const made = await api(srv, 'POST', `/api/v1/clients/${ids.Roos}/handovers`, {
    token: s.token, body: { incoming_user_id: bram.id, role: 'therapist', planned_date: addDays(today, 7) },
  });
  assert.equal(made.status, 201, made.text);
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'coordinator');
    await page.goto(`${srv.url}/clients/${ids.Roos}#handovers`);
    await settled(page);
    const section = page.locator('section#handovers');
    const row = section.locator('tr', { hasText: 'Bram' });
    await row.getByRole('button', { name: /Overdracht aan .*Bram.* intrekken/ }).click();
    const form = section.locator('form[data-form=withdraw-handover]');
    await form.waitFor();
    assert.match(await form.innerText(), /verliest de toegang/);
    await form.getByRole('button', { name: 'Intrekken' }).click();
    await section.getByText('De overdracht is ingetrokken.').waitFor();
    assert.match(await section.locator('tr', { hasText: 'Bram' }).innerText(), /ingetrokken/);
    await screen(page, 'c-16-handover-withdrawn');
  });
  const after = await api(srv, 'GET', `/api/v1/clients/${ids.Roos}/handovers`, { token: s.token });
  assert.equal(after.json.items.find((h) => h.id === made.json.id).status, 'withdrawn');
});
