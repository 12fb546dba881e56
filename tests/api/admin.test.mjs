// Organisations and users: the admin's work, and who else may read what.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, api, makeStaff } from './lib/harness.mjs';

const kind = process.env.DOORLOOP_TEST_DB_KIND || 'sqlite';
let srv;
const s = {};

before(async () => {
  srv = await startServer({ db: kind });
  for (const r of ['admin', 'coordinator', 'caregiver', 'client', 'municipality'])
    s[r] = await login(srv, r);
});
after(async () => { await srv?.stop(); });

const as = (role, method, path, body) => api(srv, method, path, { token: s[role].token, body });

test('organisations: staff read them, only the admin adds one', async () => {
  const list = await as('caregiver', 'GET', '/api/v1/organisations');
  assert.equal(list.status, 200);
  assert.equal(list.json.items.length, 9);
  assert.ok(list.json.items.every((o) => o.id && o.name && o.kind));
  assert.equal((await as('client', 'GET', '/api/v1/organisations')).status, 403);

  const made = await as('admin', 'POST', '/api/v1/organisations', { name: 'Gemeente Proefdorp (demo)', kind: 'municipality', region: 'Noord' });
  assert.equal(made.status, 201, JSON.stringify(made.json));
  assert.equal((await as('admin', 'GET', '/api/v1/organisations')).json.items.length, 10);

  const refused = await as('coordinator', 'POST', '/api/v1/organisations', { name: 'Eigen clubje', kind: 'other' });
  assert.equal(refused.status, 403);
  const badKind = await as('admin', 'POST', '/api/v1/organisations', { name: 'Iets', kind: 'church' });
  assert.equal(badKind.status, 400);
  assert.equal(badKind.json.error.field, 'kind');
  const dupe = await as('admin', 'POST', '/api/v1/organisations', { name: 'Gemeente Proefdorp (demo)', kind: 'municipality' });
  assert.equal(dupe.status, 409);
  const unknown = await as('admin', 'POST', '/api/v1/organisations', { name: 'X', kind: 'other', colour: 'blue' });
  assert.equal(unknown.status, 400);
  assert.equal(unknown.json.error.field, 'colour');
  assert.equal((await as('admin', 'GET', '/api/v1/organisations')).json.items.length, 10, 'refusals stored nothing');
});

test('users: the admin lists and adds; a coordinator sees care staff; others are refused', async () => {
  const all = await as('admin', 'GET', '/api/v1/users');
  assert.equal(all.status, 200);
  const names = all.json.items.map((u) => u.username);
  for (const u of ['admin', 'coordinator', 'caregiver', 'partner', 'municipality', 'monitor', 'security']) assert.ok(names.includes(u), u);
  // A girl's account is listed, never named: the admin manages staff only.
  const hers = all.json.items.filter((u) => u.role === 'client');
  assert.ok(hers.length >= 1);
  assert.ok(hers.every((u) => u.username === null && u.display_name === null));
  assert.ok(!all.text.includes('Mila'), 'no girl is named');
  assert.ok(all.json.items.every((u) => u.password_hash === undefined), 'no hashes leave the server');

  const staff = await as('coordinator', 'GET', '/api/v1/users');
  assert.equal(staff.status, 200);
  assert.ok(staff.json.items.every((u) => ['coordinator', 'caregiver', 'partner'].includes(u.role)));
  const caregivers = await as('coordinator', 'GET', '/api/v1/users?role=caregiver');
  assert.ok(caregivers.json.items.length >= 3 && caregivers.json.items.every((u) => u.role === 'caregiver'));
  assert.equal((await as('caregiver', 'GET', '/api/v1/users')).status, 403);
  assert.equal((await as('municipality', 'GET', '/api/v1/users')).status, 403);

  const org = (await as('admin', 'GET', '/api/v1/organisations')).json.items.find((o) => o.name.startsWith('Stichting De Overstap'));
  const made = await makeStaff(srv, s.admin.token, { username: 'mentor.test', display_name: 'Test Mentor', role: 'caregiver', org_id: org.id }, 'een-lang-wachtwoord');
  assert.equal(made.status, 201, JSON.stringify(made.json));
  const session = await login(srv, 'mentor.test', 'een-lang-wachtwoord');
  assert.equal(session.user.role, 'caregiver');
  const list = await api(srv, 'GET', '/api/v1/clients', { token: session.token });
  assert.equal(list.json.items.length, 0, 'a new caregiver sees no clients until she joins a team');

  const cases = [
    [{ username: 'Bad Name', display_name: 'X', role: 'caregiver', org_id: org.id }, 400, 'username'],
    [{ username: 'shortpw', display_name: 'X', role: 'caregiver', org_id: org.id, password: 'een-lang-wachtwoord' }, 400, 'password'],
    [{ username: 'norole', display_name: 'X', role: 'wizard', org_id: org.id }, 400, 'role'],
    [{ username: 'mentor.test', display_name: 'X', role: 'caregiver', org_id: org.id }, 409, 'username'],
  ];
  for (const [body, status, field] of cases) {
    const r = await as('admin', 'POST', '/api/v1/users', body);
    assert.equal(r.status, status, JSON.stringify(body));
    assert.equal(r.json.error.field, field);
  }
  assert.equal((await as('coordinator', 'POST', '/api/v1/users', { username: 'sneaky', display_name: 'X', role: 'admin', password: 'een-lang-wachtwoord' })).status, 403);
  const after = (await as('admin', 'GET', '/api/v1/users')).json.items.map((u) => u.username);
  assert.ok(!after.includes('sneaky') && !after.includes('shortpw') && !after.includes('norole'));
});

test('a wrong password is 401; after five a delay runs for that account at that address only', async () => {
  const made = await as('admin', 'GET', '/api/v1/organisations');
  assert.equal(made.status, 200);
  for (let i = 0; i < 6; i++) {
    const r = await api(srv, 'POST', '/api/v1/session', { body: { username: 'monitor', password: 'verkeerd-wachtwoord' } });
    assert.equal(r.status, 401);
    assert.equal(r.json.error.code, 'unauthorized');
  }
  const right = await api(srv, 'POST', '/api/v1/session', { body: { username: 'monitor', password: 'doorloop-demo' } });
  assert.equal(right.status, 429, 'the guesser waits, even with the right password');
  assert.equal(right.json.error.reason, 'login.too_many_attempts');
  const colleague = await api(srv, 'POST', '/api/v1/session', { localAddress: '127.0.0.2', body: { username: 'monitor', password: 'doorloop-demo' } });
  assert.equal(colleague.status, 201, 'no lock: the owner of the account logs in elsewhere');
  const missing = await api(srv, 'POST', '/api/v1/session', { body: { username: 'admin' } });
  assert.equal(missing.status, 400);
  assert.equal(missing.json.error.field, 'password');
});
