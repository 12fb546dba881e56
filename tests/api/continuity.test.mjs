// Wire-level scenarios for the continuity engine (issue 4): the worklist
// and its alerts, the transition plan, warm handovers, life domains, the
// exit gate with aftercare and reopening, reviews and continuity figures.
// Every endpoint: the happy path, bad input (400 naming the field, nothing
// stored) and a role that may not (403/404, audited).  Runs against the
// database named by DOORLOOP_TEST_DB_KIND (sqlite|postgres).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, api } from './lib/harness.mjs';

const kind = process.env.DOORLOOP_TEST_DB_KIND || 'sqlite';
let srv;
const s = {};
const ids = {};
const users = {};
let seq = 0;

before(async () => {
  srv = await startServer({ db: kind });
  for (const r of ['coordinator', 'caregiver', 'partner', 'client', 'municipality', 'admin', 'mentor.bram'])
    s[r] = await login(srv, r);
  const res = await api(srv, 'GET', '/api/v1/clients?limit=200', { token: s.coordinator.token });
  for (const c of res.json.items) ids[c.pseudonym] = c.id;
  const us = await api(srv, 'GET', '/api/v1/users', { token: s.coordinator.token });
  for (const u of us.json.items) users[u.username] = u.id;
});

after(async () => { await srv?.stop(); });

const as = (role, method, path, body) => api(srv, method, path, { token: s[role].token, body });
const worklist = async (role, q = '') => (await as(role, 'GET', `/api/v1/worklist?limit=200${q}`)).json;
const rulesOf = (wl, pseudonym) => wl.items.filter((a) => a.client.pseudonym === pseudonym).map((a) => a.rule);
const denied = async (action) => (await srv.sql(`SELECT COUNT(*) FROM audit_log WHERE outcome = 'denied' AND action = '${action}'`)).trim();

async function newGirl(birth = '2008-03-10') {
  const orgs = (await as('coordinator', 'GET', '/api/v1/organisations')).json.items;
  const mun = orgs.find((o) => o.kind === 'municipality');
  const c = await as('coordinator', 'POST', '/api/v1/clients', {
    pseudonym: `Cont-${kind}-${++seq}`, name: 'Proef Persoon', birth_date: birth, municipality_id: mun.id,
  });
  assert.equal(c.status, 201, JSON.stringify(c.json));
  const t = await as('coordinator', 'POST', `/api/v1/clients/${c.json.id}/trajectory`, { start_date: '2025-01-01' });
  assert.equal(t.status, 201, JSON.stringify(t.json));
  return `/api/v1/clients/${c.json.id}`;
}

test('the coordinator\'s worklist shows every alert, Lily\'s cliff on top', async () => {
  const wl = await worklist('coordinator');
  const plan = wl.items.find((a) => a.client.pseudonym === 'Lily' && a.rule === 'no_transition_plan');
  assert.ok(plan, 'Lily has no transition plan');
  assert.equal(plan.overdue, true);
  assert.equal(plan.link, 'transition-plan');
  assert.equal(plan.href, `/api/v1/clients/${ids.Lily}/transition-plan`);
  assert.match(plan.reason.nl, /transitieplan/);
  assert.match(plan.reason.en, /transition plan/);
  // Her cliff at 18 is critical: it comes before her overdue plan.
  const lily = wl.items.filter((a) => a.client.pseudonym === 'Lily').map((a) => a.rule);
  assert.ok(lily.indexOf('cliff_at_18') < lily.indexOf('no_transition_plan'), lily.join());
  const rules = ['no_transition_plan', 'plan_item_overdue', 'cliff_at_18', 'successor_missing', 'gap', 'secure_without_order',
    'order_ending', 'review_overdue', 'no_main_caregiver', 'handover_waiting', 'third_transfer', 'domain_not_assessed', 'aftercare_due'];
  for (const rule of rules) assert.ok(wl.by_rule[rule] >= 1, `${rule} appears in the demo`);
  assert.ok(rulesOf(wl, 'Lily').includes('cliff_at_18'));
  // Most urgent first: critical, then high, then normal; within a severity
  // overdue first, then by due date.
  const rank = { critical: 2, high: 1, normal: 0 };
  for (let i = 1; i < wl.items.length; i++) {
    const [a, b] = [wl.items[i - 1], wl.items[i]];
    assert.ok(rank[a.severity] > rank[b.severity] || (a.severity === b.severity
      && (a.overdue > b.overdue || (a.overdue === b.overdue && a.due_date <= b.due_date))), `order at ${i}`);
  }
  assert.equal(wl.items[0].severity, 'critical', 'a critical alert heads the worklist');
  assert.equal(wl.items.some((a) => 'name' in a.client), false, 'no names on the worklist');
  const only = await worklist('coordinator', '&rule=gap');
  assert.deepEqual([...new Set(only.items.map((a) => a.rule))], ['gap']);
});

test('moving as_of forward takes Lily past her birthday into the gap', async () => {
  const t = (await as('coordinator', 'GET', `/api/v1/clients/${ids.Lily}/timeline`)).json;
  const day = new Date(t.eighteenth_birthday);
  const before = new Date(day.getTime() - 20 * 86400000).toISOString().slice(0, 10);
  const after = new Date(day.getTime() + 86400000).toISOString().slice(0, 10);
  const a = await worklist('coordinator', `&as_of=${before}`);
  assert.ok(rulesOf(a, 'Lily').includes('successor_missing'), 'the Jeugdwet ends with nothing after it');
  assert.ok(rulesOf(a, 'Lily').includes('cliff_at_18'));
  const b = await worklist('coordinator', `&as_of=${after}`);
  assert.ok(rulesOf(b, 'Lily').includes('gap'));
  assert.ok(!rulesOf(b, 'Lily').includes('cliff_at_18'));
});

test('worklist: bad input and roles without one', async () => {
  const bad = await as('coordinator', 'GET', '/api/v1/worklist?as_of=2026-02-30');
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'as_of');
  const badRule = await as('coordinator', 'GET', '/api/v1/worklist?rule=nonsense');
  assert.equal(badRule.json.error.field, 'rule');
  const before = Number(await denied('list'));
  for (const r of ['partner', 'client', 'municipality', 'admin'])
    assert.equal((await as(r, 'GET', '/api/v1/worklist')).status, 403, r);
  assert.equal(Number(await denied('list')), before + 4, 'every refusal is audited');
  const mine = await worklist('caregiver');
  const girls = new Set(mine.items.map((a) => a.client.pseudonym));
  assert.ok(girls.has('Lily') && !girls.has('Amber') && !girls.has('Saar'));
});

test('Lily: a plan, the Wmo decision and the accepted handover clear her alerts', async () => {
  const base = `/api/v1/clients/${ids.Lily}`;
  assert.equal((await as('coordinator', 'GET', `${base}/transition-plan`)).status, 404);
  assert.equal((await as('partner', 'GET', `/api/v1/clients/${ids.Yara}/transition-plan`)).status, 403);
  const badPlan = await as('coordinator', 'POST', `${base}/transition-plan`, { opened_on: '1999-01-01' });
  assert.equal(badPlan.status, 400);
  assert.equal(badPlan.json.error.field, 'opened_on');
  assert.equal((await as('coordinator', 'GET', `${base}/transition-plan`)).status, 404, 'nothing stored');
  const plan = await as('caregiver', 'POST', `${base}/transition-plan`, { her_view: 'Ik wil een eigen kamer.' });
  assert.equal(plan.status, 201, JSON.stringify(plan.json));
  assert.equal(plan.json.items.length, 10);
  assert.equal(plan.json.her_view, 'Ik wil een eigen kamer.');
  assert.equal((await as('coordinator', 'POST', `${base}/transition-plan`, {})).status, 409);
  let wl = await worklist('coordinator');
  assert.ok(!rulesOf(wl, 'Lily').includes('no_transition_plan'));

  const item = `${base}/transition-plan/items/legal_basis_after_18`;
  const noReq = await as('coordinator', 'PATCH', item, { decision: 'granted', basis_kind: 'wmo' });
  assert.equal(noReq.json.error.field, 'request_date');
  const badKind = await as('coordinator', 'PATCH', item, { basis_kind: 'jeugdwet' });
  assert.equal(badKind.json.error.field, 'basis_kind');
  const onHousing = await as('coordinator', 'PATCH', `${base}/transition-plan/items/housing`, { decision: 'pending' });
  assert.equal(onHousing.json.error.field, 'decision');
  assert.equal((await as('coordinator', 'PATCH', `${base}/transition-plan/items/pony`, { status: 'done' })).status, 404);
  const badStatus = await as('coordinator', 'PATCH', `${base}/transition-plan/items/housing`, { status: 'finished', notes: 'x' });
  assert.equal(badStatus.json.error.field, 'status');
  const housing = (await as('coordinator', 'GET', `${base}/transition-plan`)).json.items.find((i) => i.item === 'housing');
  assert.equal(housing.notes, null, 'nothing stored');
  const ok = await as('coordinator', 'PATCH', item, {
    basis_kind: 'wmo', request_date: '2026-01-05', decision: 'granted', decision_date: '2026-02-01', owner_user_id: users.caregiver, notes: 'Wmo beschikking binnen',
  });
  assert.equal(ok.status, 200, JSON.stringify(ok.json));
  assert.equal(ok.json.status, 'done');
  assert.ok(ok.json.legal_basis_id);
  assert.equal(ok.json.owner.id, users.caregiver);
  wl = await worklist('coordinator');
  assert.ok(!rulesOf(wl, 'Lily').includes('cliff_at_18'), 'the basis after 18 is there');

  const hs = (await as('coordinator', 'GET', `${base}/handovers`)).json.items;
  const h = hs.find((x) => x.status === 'proposed');
  assert.equal(h.incoming.id, users['mentor.bram']);
  const meetBad = await as('caregiver', 'POST', `${base}/handovers/${h.id}/meeting`, { meeting_date: '2026-01-01' });
  assert.equal(meetBad.json.error.field, 'with_her');
  const meet = await as('caregiver', 'POST', `${base}/handovers/${h.id}/meeting`, { meeting_date: h.proposed_on, with_her: true, notes: 'Kennismaking met Bram' });
  assert.equal(meet.status, 200);
  assert.equal(meet.json.meeting_with_her, true);
  const n = Number(await denied('accept'));
  assert.equal((await as('caregiver', 'POST', `${base}/handovers/${h.id}/accept`, {})).status, 403, 'the outgoing one cannot accept');
  assert.equal((await as('partner', 'POST', `${base}/handovers/${h.id}/accept`, {})).status, 404);
  assert.equal(Number(await denied('accept')), n + 2);
  // Warm: the incoming person reads her file and finds her in his list before he accepts.
  assert.equal((await as('mentor.bram', 'GET', base)).status, 200);
  assert.equal((await as('mentor.bram', 'GET', `${base}/handovers`)).status, 200);
  const his = await as('mentor.bram', 'GET', '/api/v1/clients?limit=200');
  assert.ok(his.json.items.some((c) => c.pseudonym === 'Lily'));
  const badDay = await as('mentor.bram', 'POST', `${base}/handovers/${h.id}/accept`, { accepted_on: '2020-01-01' });
  assert.equal(badDay.json.error.field, 'accepted_on');
  const acc = await as('mentor.bram', 'POST', `${base}/handovers/${h.id}/accept`, {});
  assert.equal(acc.status, 200, JSON.stringify(acc.json));
  assert.equal(acc.json.status, 'accepted');
  const t = (await as('coordinator', 'GET', `${base}/timeline`)).json;
  const mains = t.team.filter((m) => m.role === 'main_caregiver' && m.to_date === null);
  assert.deepEqual(mains.map((m) => m.user.id), [users['mentor.bram']], 'responsibility moved on acceptance');
  assert.equal(t.handovers.length, 1);
  assert.equal(t.figures.handovers_accepted, 1);
  wl = await worklist('coordinator');
  assert.ok(!rulesOf(wl, 'Lily').includes('handover_waiting'));
  assert.equal((await as('mentor.bram', 'POST', `${base}/handovers/${h.id}/accept`, {})).status, 409);
});

test('she writes her own view of her plan, and nothing else of it', async () => {
  const base = `/api/v1/clients/${ids.Mila}`;
  const mine = await as('client', 'PATCH', `${base}/transition-plan`, { her_view: 'Ik wil zelf mijn DigiD regelen.' });
  assert.equal(mine.status, 200, JSON.stringify(mine.json));
  assert.equal(mine.json.her_view, 'Ik wil zelf mijn DigiD regelen.');
  assert.equal((await as('client', 'PATCH', `${base}/transition-plan`, { opened_on: '2026-01-01' })).status, 403);
  assert.equal((await as('client', 'PATCH', `${base}/transition-plan/items/housing`, { status: 'done' })).status, 403);
  const item = mine.json.items.find((i) => i.item === 'bank_account_digid');
  assert.equal(item.overdue, true);
});

test('handovers: propose, bad input, roles', async () => {
  const base = await newGirl();
  const missing = await as('coordinator', 'POST', `${base}/handovers`, { incoming_user_id: users.caregiver });
  assert.equal(missing.json.error.field, 'planned_date');
  const unknown = await as('coordinator', 'POST', `${base}/handovers`, { incoming_user_id: users.admin, planned_date: '2026-01-10' });
  assert.equal(unknown.json.error.field, 'incoming_user_id');
  assert.equal((await as('coordinator', 'GET', `${base}/handovers`)).json.items.length, 0, 'nothing stored');
  const p = await as('coordinator', 'POST', `${base}/handovers`, { incoming_user_id: users.caregiver, planned_date: '2026-01-10', proposed_on: '2026-01-01' });
  assert.equal(p.status, 201, JSON.stringify(p.json));
  assert.equal(p.json.outgoing, null);
  assert.equal(p.json.role, 'main_caregiver');
  assert.equal((await as('municipality', 'GET', `${base}/handovers`)).status, 404);
  const acc = await as('caregiver', 'POST', `${base}/handovers/${p.json.id}/accept`, { accepted_on: '2026-01-20' });
  assert.equal(acc.status, 200, JSON.stringify(acc.json));
  const t = (await as('coordinator', 'GET', `${base}/timeline`)).json;
  assert.equal(t.figures.handovers_accepted_in_time, 0, 'nineteen days is late');
});

test('a handover proposed today is on the incoming caregiver\'s worklist at once, not yet late', async () => {
  const base = await newGirl();
  const clientId = base.split('/').pop();
  const today = (await as('coordinator', 'GET', `${base}/timeline`)).json.today;
  const before = await worklist('caregiver');
  assert.ok(!before.items.some((a) => a.client.id === clientId), 'not hers before the proposal');
  const p = await as('coordinator', 'POST', `${base}/handovers`, { incoming_user_id: users.caregiver, planned_date: today });
  assert.equal(p.status, 201, JSON.stringify(p.json));
  const wl = await worklist('caregiver');
  const item = wl.items.find((a) => a.client.id === clientId && a.rule === 'handover_waiting');
  assert.ok(item, 'the proposal shows at once');
  assert.equal(item.overdue, false);
  assert.equal(item.actor_id, users.caregiver);
  assert.match(item.reason.nl, /wacht op acceptatie \(uiterlijk/);
  // Withdrawn, it is gone again.
  assert.equal((await as('coordinator', 'POST', `${base}/handovers/${p.json.id}/withdraw`, {})).status, 200);
  assert.ok(!(await worklist('caregiver')).items.some((a) => a.client.id === clientId && a.rule === 'handover_waiting'));
});

test('life domains: status, her words, goals, history, roles', async () => {
  const base = await newGirl();
  const d = await as('coordinator', 'GET', `${base}/domains`);
  assert.equal(d.json.items.length, 9);
  assert.ok(d.json.items.every((x) => x.status === 'not_assessed'));
  const other = await as('caregiver', 'PATCH', `${base}/domains/housing`, { status: 'settled' });
  assert.equal(other.status, 404, 'not on her team');
  const bad2 = await as('coordinator', 'PATCH', `${base}/domains/housing`, { status: 'fine' });
  assert.equal(bad2.json.error.field, 'status');
  assert.equal((await as('coordinator', 'GET', `${base}/domain-history`)).json.items.length, 0, 'nothing stored');
  assert.equal((await as('coordinator', 'PATCH', `${base}/domains/astrology`, { status: 'settled' })).status, 404);
  const ok = await as('coordinator', 'PATCH', `${base}/domains/housing`, { status: 'in_progress', her_words: 'Een kamer bij mijn tante' });
  assert.equal(ok.status, 200);
  const housing = ok.json.items.find((x) => x.domain === 'housing');
  assert.equal(housing.her_words, 'Een kamer bij mijn tante');
  assert.equal(housing.exit_required, true);
  const noText = await as('coordinator', 'POST', `${base}/domains/housing/goals`, { target_date: '2026-06-01' });
  assert.equal(noText.json.error.field, 'text');
  const g = await as('coordinator', 'POST', `${base}/domains/housing/goals`, { text: 'Kamer gevonden', owner_user_id: users.caregiver, target_date: '2026-06-01' });
  assert.equal(g.status, 201);
  const gp = await as('coordinator', 'PATCH', `${base}/goals/${g.json.id}`, { status: 'achieved' });
  assert.equal(gp.json.status, 'achieved');
  assert.equal((await as('coordinator', 'PATCH', `${base}/goals/${g.json.id}`, { status: 'maybe' })).json.error.field, 'status');
  const h = await as('coordinator', 'GET', `${base}/domain-history`);
  assert.deepEqual(h.json.items.map((x) => x.field).sort(), ['goal', 'goal', 'her_words', 'status']);
  assert.ok(h.json.items.every((x) => x.changed_by && x.changed_at));
  assert.equal((await as('partner', 'GET', `/api/v1/clients/${ids.Yara}/domains`)).status, 403);
});

test('exit gate, aftercare and reopening; the interruption counts', async () => {
  const base = await newGirl();
  for (const dom of ['housing', 'finances', 'education', 'work', 'leisure'])
    assert.equal((await as('coordinator', 'PATCH', `${base}/domains/${dom}`, { status: 'settled' })).status, 200);
  const refused = await as('coordinator', 'POST', `${base}/trajectory/end`, { end_date: '2025-10-01', end_reason: 'Doelen bereikt' });
  assert.equal(refused.status, 409);
  assert.match(refused.json.error.message, /parents/);
  assert.doesNotMatch(refused.json.error.message, /housing/);
  assert.deepEqual(refused.json.error.details, ['parents'], 'the unsettled domains, machine-readable');
  assert.equal((await as('coordinator', 'GET', `${base}/trajectory`)).json.open, true, 'nothing stored');
  await as('coordinator', 'PATCH', `${base}/domains/parents`, { status: 'settled' });
  const closed = await as('coordinator', 'POST', `${base}/trajectory/end`, { end_date: '2025-10-01', end_reason: 'Doelen bereikt' });
  assert.equal(closed.status, 200, JSON.stringify(closed.json));
  const ac = await as('coordinator', 'GET', `${base}/aftercare`);
  assert.deepEqual(ac.json.items.map((x) => x.due_date), ['2026-01-01', '2026-04-01', '2026-10-01']);
  assert.equal(ac.json.closures[0].end_reason, 'Doelen bereikt');
  const wl = await worklist('coordinator', '&as_of=2026-01-02&rule=aftercare_due');
  assert.ok(wl.items.some((a) => a.href === `${base}/aftercare`), 'she stays visible');
  const first = ac.json.items[0].id;
  const bad = await as('coordinator', 'POST', `${base}/aftercare/${first}/resolve`, { done_on: '2026-01-02', outcome: 'Gaat goed' });
  assert.equal(bad.json.error.field, 'needs_help');
  assert.equal((await as('caregiver', 'POST', `${base}/aftercare/${first}/resolve`, { done_on: '2026-01-02', needs_help: false, outcome: 'x' })).status, 404);
  const done = await as('coordinator', 'POST', `${base}/aftercare/${first}/resolve`, { done_on: '2026-01-02', needs_help: false, outcome: 'Gaat goed, werkt' });
  assert.equal(done.status, 200);
  assert.equal(done.json.status, 'done');
  const early = await as('coordinator', 'POST', `${base}/trajectory/reopen`, { reopen_date: '2025-09-01', reason: 'Terugval' });
  assert.equal(early.json.error.field, 'reopen_date');
  assert.equal((await as('caregiver', 'POST', `${base}/trajectory/reopen`, { reopen_date: '2026-02-01', reason: 'Terugval' })).status, 404);
  const re = await as('coordinator', 'POST', `${base}/trajectory/reopen`, { reopen_date: '2025-11-01', reason: 'Terugval: vraagt weer hulp' });
  assert.equal(re.status, 200, JSON.stringify(re.json));
  assert.equal(re.json.open, true);
  assert.equal((await as('coordinator', 'POST', `${base}/trajectory/reopen`, { reopen_date: '2025-12-01', reason: 'nogmaals' })).status, 409);
  const t = (await as('coordinator', 'GET', `${base}/timeline`)).json;
  assert.equal(t.figures.interruptions, 1);
  assert.equal(t.figures.interruption_days, 30);
  const after = (await as('coordinator', 'GET', `${base}/aftercare`)).json.items.map((x) => x.status);
  assert.deepEqual(after, ['done', 'cancelled', 'cancelled']);
});

test('reviews: record, next due date, bad input, roles', async () => {
  const base = `/api/v1/clients/${ids.Roos}`;
  const none = await as('caregiver', 'POST', `${base}/reviews`, { held_on: '2026-01-01', she_attended: true });
  assert.equal(none.json.error.field, 'participants');
  const future = await as('caregiver', 'POST', `${base}/reviews`, { held_on: '2100-01-01', participants: 'mentor', she_attended: true });
  assert.equal(future.json.error.field, 'held_on');
  assert.equal((await as('caregiver', 'GET', `${base}/reviews`)).json.items.length, 0, 'nothing stored');
  const today = (await as('caregiver', 'GET', `${base}/timeline`)).json.today;
  const ok = await as('caregiver', 'POST', `${base}/reviews`, { held_on: today, participants: 'Mentor, Roos, moeder', she_attended: true, outcome: 'Doorgaan', next_date: '2100-01-01' });
  assert.equal(ok.status, 201, JSON.stringify(ok.json));
  assert.ok(ok.json.phase_id);
  const list = await as('caregiver', 'GET', `${base}/reviews`);
  assert.equal(list.json.next_due, '2100-01-01');
  assert.equal(list.json.overdue, false);
  assert.equal((await as('partner', 'GET', `/api/v1/clients/${ids.Yara}/reviews`)).status, 403);
  const t = (await as('caregiver', 'GET', `${base}/timeline`)).json;
  assert.equal(t.figures.reviews_held, 1);
  assert.equal(t.next_review, '2100-01-01');
});

test('one client\'s alerts and the institution\'s figures', async () => {
  const a = await as('coordinator', 'GET', `/api/v1/clients/${ids.Isa}/alerts`);
  assert.equal(a.status, 200);
  assert.deepEqual(a.json.items.map((x) => x.rule).sort(), ['domain_not_assessed', 'gap', 'successor_missing']);
  assert.equal((await as('municipality', 'GET', `/api/v1/clients/${ids.Isa}/alerts`)).status, 404);
  assert.equal((await as('coordinator', 'GET', `/api/v1/clients/${ids.Isa}/alerts?as_of=soon`)).json.error.field, 'as_of');
  const f = await as('coordinator', 'GET', '/api/v1/figures/institution');
  assert.equal(f.status, 200);
  assert.ok(f.json.open_trajectories >= 11);
  assert.ok(f.json.transfers >= 4);
  assert.ok(f.json.gap_at_18 >= 1);
  assert.equal(f.json.alerts_by_rule.third_transfer, 1);
  assert.equal((await as('caregiver', 'GET', '/api/v1/figures/institution')).status, 403);
  assert.equal((await as('coordinator', 'GET', '/api/v1/figures/institution?as_of=x')).json.error.field, 'as_of');
});

test('thresholds are the installation\'s: config set moves the alerts, config refuses bad values', async () => {
  const before = await worklist('coordinator');
  assert.ok(rulesOf(before, 'Jade').includes('third_transfer'));
  // Jade's four transfers fall within 12 months; a limit of 5 quiets the alert.
  const set = await srv.run(['config', 'set', 'transfers_max', '5']);
  assert.equal(set.code, 0, set.stderr);
  assert.ok(!rulesOf(await worklist('coordinator'), 'Jade').includes('third_transfer'));
  const list = await srv.run(['config', 'list']);
  assert.match(list.stdout, /threshold\.transfers_max\s+5\s+3/);
  for (const bad of [['set', 'transfers_max', '1'], ['set', 'transfers_max', 'veel'], ['set', 'colour', '3'], ['set', 'transfers_max']]) {
    const r = await srv.run(['config', ...bad]);
    assert.equal(r.code, 2, bad.join(' '));
  }
  assert.match((await srv.run(['config', 'list'])).stdout, /threshold\.transfers_max\s+5/, 'refusals stored nothing');
  const unset = await srv.run(['config', 'unset', 'transfers_max']);
  assert.equal(unset.code, 0);
  assert.ok(rulesOf(await worklist('coordinator'), 'Jade').includes('third_transfer'));
});

test('the coordinator withdraws a waiting handover, and its incoming person loses the file', async () => {
  const base = await newGirl();
  const p = await as('coordinator', 'POST', `${base}/handovers`, { incoming_user_id: users.caregiver, planned_date: '2026-01-10', proposed_on: '2026-01-01' });
  assert.equal(p.status, 201, JSON.stringify(p.json));
  assert.equal((await as('caregiver', 'GET', base)).status, 200, 'the proposal lets her read the file');
  const n = Number(await denied('withdraw'));
  assert.equal((await as('caregiver', 'POST', `${base}/handovers/${p.json.id}/withdraw`, {})).status, 403, 'not hers to withdraw');
  assert.equal((await as('municipality', 'POST', `${base}/handovers/${p.json.id}/withdraw`, {})).status, 404);
  assert.equal(Number(await denied('withdraw')), n + 2, 'both refusals audited');
  const bad = await as('coordinator', 'POST', `${base}/handovers/${p.json.id}/withdraw`, { reason: 'x' });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'reason');
  const w = await as('coordinator', 'POST', `${base}/handovers/${p.json.id}/withdraw`, {});
  assert.equal(w.status, 200, JSON.stringify(w.json));
  assert.equal(w.json.status, 'withdrawn');
  assert.equal((await as('caregiver', 'GET', base)).status, 404, 'the access the proposal gave is gone');
  assert.equal((await as('coordinator', 'POST', `${base}/handovers/${p.json.id}/withdraw`, {})).status, 409);
  assert.equal((await as('caregiver', 'POST', `${base}/handovers/${p.json.id}/accept`, {})).status, 409, 'she learns it was withdrawn');
  const list = await as('coordinator', 'GET', `${base}/handovers`);
  assert.equal(list.json.items.find((h) => h.id === p.json.id).status, 'withdrawn', 'the record stays');
});
