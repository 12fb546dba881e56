// Rules that hold once (issue 14, item 1): 20 requests released at once,
// spread over two `doorloop serve` processes on one database (as in a
// deployment of several servers on one PostgreSQL database, where the
// process's own write mutex does not help), leave exactly one success; the
// others get 409 (or 400 for an overlap) with the rule's reason key, and the
// database holds exactly one result.  Also: the schema itself refuses what
// the rules forbid when the application is bypassed (migration 013).
// Runs against the database named by DOORLOOP_TEST_DB_KIND (sqlite|postgres).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, api } from './lib/harness.mjs';

const kind = process.env.DOORLOOP_TEST_DB_KIND || 'sqlite';
const N = 20;
let srvA;
let srvB;
const s = {};
const ids = {};
const users = {};
let seq = 0;
let orgId;
let munId;

before(async () => {
  srvA = await startServer({ db: kind, args: ['--threads', '8'] });
  srvB = await startServer({ attach: srvA, args: ['--threads', '8'] });
  for (const r of ['coordinator', 'caregiver', 'mentor.bram'])
    s[r] = await login(srvA, r);
  const res = await api(srvA, 'GET', '/api/v1/clients?limit=200', { token: s.coordinator.token });
  for (const c of res.json.items) ids[c.pseudonym] = c.id;
  const us = await api(srvA, 'GET', '/api/v1/users', { token: s.coordinator.token });
  for (const u of us.json.items) users[u.username] = u.id;
  orgId = s.coordinator.user.org_id;
  const orgs = (await api(srvA, 'GET', '/api/v1/organisations', { token: s.coordinator.token })).json.items;
  munId = orgs.find((o) => o.kind === 'municipality').id;
});

after(async () => {
  await srvB?.stop();
  await srvA?.stop();
});

const as = (role, method, path, body) => api(srvA, method, path, { token: s[role].token, body });

// calls: [role, method, path, body]; all sent at once, alternating servers.
async function burst(calls) {
  return Promise.all(calls.map(([role, method, path, body], i) =>
    api(i % 2 ? srvB : srvA, method, path, { token: s[role].token, body })));
}

function tally(rs) {
  const t = {};
  for (const r of rs) t[r.status] = (t[r.status] ?? 0) + 1;
  return t;
}

// Exactly one success; every other answer a refusal with one of `reasons`.
function exactlyOne(rs, okStatus, reasons, what) {
  const t = tally(rs);
  assert.equal(rs.filter((r) => r.status === okStatus).length, 1, `${what}: ${JSON.stringify(t)}`);
  for (const r of rs.filter((x) => x.status !== okStatus)) {
    assert.ok([400, 409].includes(r.status), `${what}: ${r.status} ${r.text}`);
    assert.ok(reasons.includes(r.json?.error?.reason), `${what}: reason ${r.json?.error?.reason}`);
  }
}

const count = async (q) => Number((await srvA.sql(q)).trim());

async function newGirl(start = '2025-01-01') {
  const c = await as('coordinator', 'POST', '/api/v1/clients', {
    pseudonym: `Race-${kind}-${++seq}`, name: 'Proef Persoon', birth_date: '2008-03-10', municipality_id: munId,
  });
  assert.equal(c.status, 201, JSON.stringify(c.json));
  if (start) {
    const t = await as('coordinator', 'POST', `/api/v1/clients/${c.json.id}/trajectory`, { start_date: start });
    assert.equal(t.status, 201, JSON.stringify(t.json));
  }
  return c.json.id;
}

test('R1: one open trajectory, also when 20 open it at once', async () => {
  const id = await newGirl(null);
  const rs = await burst(Array.from({ length: N }, () =>
    ['coordinator', 'POST', `/api/v1/clients/${id}/trajectory`, { start_date: '2025-02-01', coordinating_org_id: orgId }]));
  exactlyOne(rs, 201, ['trajectory.open_exists'], 'open trajectory');
  assert.equal(await count(`SELECT COUNT(*) FROM trajectory WHERE client_id = '${id}' AND end_date IS NULL`), 1);
});

test('R5: a handover accepted 20 times at once moves responsibility once', async () => {
  const id = await newGirl();
  const base = `/api/v1/clients/${id}`;
  const m = await as('coordinator', 'POST', `${base}/team`, { user_id: users.caregiver, role: 'main_caregiver', from_date: '2025-01-01' });
  assert.equal(m.status, 201, m.text);
  const h = await as('coordinator', 'POST', `${base}/handovers`, {
    incoming_user_id: users['mentor.bram'], planned_date: '2025-03-10', proposed_on: '2025-03-01',
  });
  assert.equal(h.status, 201, h.text);
  const rs = await burst(Array.from({ length: N }, () =>
    ['mentor.bram', 'POST', `${base}/handovers/${h.json.id}/accept`, { accepted_on: '2025-03-05' }]));
  exactlyOne(rs, 200, ['handover.not_proposed'], 'accept');
  const traj = `(SELECT id FROM trajectory WHERE client_id = '${id}')`;
  assert.equal(await count(`SELECT COUNT(*) FROM team_member WHERE trajectory_id = ${traj} AND user_id = '${users['mentor.bram']}'`), 1,
    'one new membership');
  assert.equal(await count(`SELECT COUNT(*) FROM team_member WHERE trajectory_id = ${traj} AND role = 'main_caregiver' AND to_date IS NULL`), 1,
    'one current main caregiver');
  assert.equal(await count(`SELECT COUNT(*) FROM audit_log WHERE action = 'accept' AND object_type = 'handover' AND object_id = '${h.json.id}' AND outcome = 'ok'`), 1,
    'one audited acceptance');
});

test('R5: accept racing withdraw: one outcome', async () => {
  const id = await newGirl();
  const base = `/api/v1/clients/${id}`;
  const h = await as('coordinator', 'POST', `${base}/handovers`, {
    incoming_user_id: users.caregiver, planned_date: '2025-03-10', proposed_on: '2025-03-01',
  });
  assert.equal(h.status, 201, h.text);
  const rs = await burst(Array.from({ length: N }, (_, i) => (i % 4 < 2
    ? ['caregiver', 'POST', `${base}/handovers/${h.json.id}/accept`, { accepted_on: '2025-03-05' }]
    : ['coordinator', 'POST', `${base}/handovers/${h.json.id}/withdraw`, {}])));
  exactlyOne(rs, 200, ['handover.not_proposed', 'handover.not_found'], 'accept/withdraw');
  const status = (await srvA.sql(`SELECT status FROM handover WHERE id = '${h.json.id}'`)).trim();
  const members = await count(`SELECT COUNT(*) FROM team_member WHERE user_id = '${users.caregiver}' AND trajectory_id = (SELECT id FROM trajectory WHERE client_id = '${id}')`);
  assert.equal(members, status === 'accepted' ? 1 : 0, `status ${status}, memberships ${members}`);
});

test('placements: 20 overlapping placements at once, one stored', async () => {
  const id = await newGirl();
  const rs = await burst(Array.from({ length: N }, (_, i) =>
    ['coordinator', 'POST', `/api/v1/clients/${id}/phases`,
      { form: 'ambulant', provider_id: orgId, start_date: `2025-02-${String(2 + i).padStart(2, '0')}` }]));
  exactlyOne(rs, 201, ['phase.overlap'], 'placements');
  assert.equal(await count(`SELECT COUNT(*) FROM phase WHERE trajectory_id = (SELECT id FROM trajectory WHERE client_id = '${id}')`), 1);
});

test('transition plan and exit gate: opened once, closed once', async () => {
  const id = await newGirl();
  const base = `/api/v1/clients/${id}`;
  let rs = await burst(Array.from({ length: N }, () => ['coordinator', 'POST', `${base}/transition-plan`, {}]));
  exactlyOne(rs, 201, ['transition_plan.exists'], 'plan');
  rs = await burst(Array.from({ length: N }, () => ['coordinator', 'POST', `${base}/trajectory/end`,
    { end_date: '2025-10-01', end_reason: 'Verhuisd', sign_off_reason: 'Verhuisd naar een andere regio' }]));
  exactlyOne(rs, 200, ['trajectory.already_closed', 'trajectory.closed'], 'close');
  assert.equal(await count(`SELECT COUNT(*) FROM trajectory_closure WHERE trajectory_id = (SELECT id FROM trajectory WHERE client_id = '${id}')`), 1);
  assert.equal(await count(`SELECT COUNT(*) FROM aftercare WHERE trajectory_id = (SELECT id FROM trajectory WHERE client_id = '${id}')`), 3,
    'one set of follow-ups');
});

test('aftercare: a follow-up resolved 20 times at once is resolved once', async () => {
  const id = await newGirl();
  const base = `/api/v1/clients/${id}`;
  const closed = await as('coordinator', 'POST', `${base}/trajectory/end`,
    { end_date: '2025-06-01', end_reason: 'Verhuisd', sign_off_reason: 'Verhuisd naar een andere regio' });
  assert.equal(closed.status, 200, closed.text);
  const first = (await as('coordinator', 'GET', `${base}/aftercare`)).json.items.find((a) => a.status === 'planned');
  assert.ok(first, 'a planned follow-up');
  const rs = await burst(Array.from({ length: N }, (_, i) => ['coordinator', 'POST', `${base}/aftercare/${first.id}/resolve`,
    { done_on: '2025-09-01', needs_help: false, outcome: `Gaat goed ${i}` }]));
  exactlyOne(rs, 200, ['aftercare.already_resolved'], 'resolve');
  assert.equal(await count(`SELECT COUNT(*) FROM audit_log WHERE action = 'update' AND object_type = 'aftercare' AND object_id = '${first.id}' AND outcome = 'ok'`), 1);
});

test('the schema refuses a second current main caregiver and overlapping placements by itself', async () => {
  const id = await newGirl();
  const traj = (await srvA.sql(`SELECT id FROM trajectory WHERE client_id = '${id}'`)).trim();
  const now = '2025-01-01T00:00:00Z';
  const member = (n, user) => `INSERT INTO team_member (id, trajectory_id, user_id, role, from_date, created_at, updated_at) VALUES ('race-m${n}-${traj}', '${traj}', '${user}', 'main_caregiver', '2025-01-01', '${now}', '${now}')`;
  await srvA.sql(member(1, users.caregiver));
  await assert.rejects(srvA.sql(member(2, users['mentor.bram'])), /team_one_main_caregiver|team_member\.trajectory_id/);
  const phase = (n, start, end) => `INSERT INTO phase (id, trajectory_id, form, provider_org, start_date, end_date, created_at, updated_at) VALUES ('race-p${n}-${traj}', '${traj}', 'ambulant', '${orgId}', '${start}', ${end ? `'${end}'` : 'NULL'}, '${now}', '${now}')`;
  await srvA.sql(phase(1, '2025-01-01', '2025-03-31'));
  await srvA.sql(phase(2, '2025-04-01', null));
  await assert.rejects(srvA.sql(phase(3, '2025-03-31', '2025-04-01')), /phase_no_overlap/);
  await assert.rejects(srvA.sql(`UPDATE phase SET end_date = '2025-04-01' WHERE id = 'race-p1-${traj}'`), /phase_no_overlap/);
  assert.equal(await count(`SELECT COUNT(*) FROM phase WHERE trajectory_id = '${traj}'`), 2);
  // Through the API the refusal carries the rule's reason key.
  const r = await as('coordinator', 'POST', `/api/v1/clients/${id}/team`, { user_id: users['mentor.eva'], role: 'main_caregiver', from_date: '2025-02-01' });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.reason, 'team_member.one_main_caregiver');
});
