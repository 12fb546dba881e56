// Oversight of access: break the glass under oversight, handovers across
// organisations, her own account by invitation, the security officer's
// report, and an audit log that logs every girl seen and every refusal.
// Runs against the database named by DOORLOOP_TEST_DB_KIND (sqlite|postgres).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, api, makeStaff } from './lib/harness.mjs';

const kind = process.env.DOORLOOP_TEST_DB_KIND || 'sqlite';
let srv;
const s = {};   // sessions by username
const ids = {}; // demo client ids by pseudonym
const users = {}; // demo user ids by username

before(async () => {
  srv = await startServer({ db: kind });
  for (const u of ['admin', 'coordinator', 'caregiver', 'partner', 'client', 'security', 'mentor.eva'])
    s[u] = await login(srv, u);
  const res = await api(srv, 'GET', '/api/v1/clients?limit=200', { token: s.coordinator.token });
  for (const c of res.json.items) ids[c.pseudonym] = c.id;
  for (const u of (await api(srv, 'GET', '/api/v1/users', { token: s.admin.token })).json.items)
    if (u.username) users[u.username] = u.id;
});

after(async () => { await srv?.stop(); });

const as = (who, method, path, body) => api(srv, method, path, { token: s[who].token, body });
const count = async (where) => Number((await srv.sql(`SELECT COUNT(*) FROM audit_log WHERE ${where}`)).trim());

test('break the glass: a reason of real words, institution staff only, one renewal until her coordinator acknowledges', async () => {
  const url = `/api/v1/clients/${ids.Amber}/break-glass`;
  for (const reason of ['aaaaaaaaaaaaaaaaaaaaaaaa', 'aa aa aa aa aa aa aa aa', 'crisis nu!', 'x'.repeat(30)]) {
    const r = await as('caregiver', 'POST', url, { reason });
    assert.equal(r.status, 400, reason);
    assert.equal(r.json.error.reason, 'break_glass.reason_words');
    assert.equal(r.json.error.field, 'reason');
  }
  assert.equal((await as('caregiver', 'GET', `/api/v1/clients/${ids.Amber}`)).status, 404, 'nothing was opened');

  // Staff of an organisation that gives no specialised care may not.
  const org = await as('admin', 'POST', '/api/v1/organisations', { name: 'Buurthuis Test (demo)', kind: 'other' });
  assert.equal(org.status, 201);
  const made = await makeStaff(srv, s.admin.token, { username: 'buurt.werker', display_name: 'Buurtwerker', role: 'caregiver', org_id: org.json.id }, 'een-lang-wachtwoord');
  assert.equal(made.status, 201);
  s['buurt.werker'] = await login(srv, 'buurt.werker', 'een-lang-wachtwoord');
  const deniedBefore = await count(`outcome = 'denied' AND username = 'buurt.werker' AND action = 'break_glass'`);
  const other = await as('buurt.werker', 'POST', url, { reason: 'Crisis in de nacht, mentor niet bereikbaar' });
  assert.equal(other.status, 403);
  assert.equal(other.json.error.reason, 'break_glass.institution_only');
  assert.equal(await count(`outcome = 'denied' AND username = 'buurt.werker' AND action = 'break_glass'`), deniedBefore + 1, 'the refusal is audited');

  const reason = 'Crisis in de nacht, mentor niet bereikbaar';
  const first = await as('caregiver', 'POST', url, { reason });
  assert.equal(first.status, 201, JSON.stringify(first.json));
  const renewal = await as('caregiver', 'POST', url, { reason: 'Nog steeds crisis, overdracht aan nachtdienst loopt' });
  assert.equal(renewal.status, 201);
  const third = await as('caregiver', 'POST', url, { reason });
  assert.equal(third.status, 409);
  assert.equal(third.json.error.reason, 'break_glass.renewal_limit');

  // Every use is an alert on her coordinator's worklist; she acknowledges.
  const wl = await as('coordinator', 'GET', '/api/v1/worklist?rule=glass_used&limit=200');
  assert.equal(wl.status, 200);
  const mine = wl.json.items.filter((x) => x.href.includes(ids.Amber));
  assert.equal(mine.length, 2);
  assert.ok(mine.every((x) => x.object_id && x.link === 'access-log'));
  const ack = `/api/v1/clients/${ids.Amber}/break-glass/${mine[0].object_id}/acknowledge`;
  assert.equal((await as('caregiver', 'POST', ack, {})).status, 403, 'not the caregiver');
  const done = await as('coordinator', 'POST', ack, {});
  assert.equal(done.status, 200);
  const again = await as('coordinator', 'POST', ack, {});
  assert.equal(again.status, 409);
  assert.equal(again.json.error.reason, 'break_glass.already_acknowledged');
  const unknown = await as('coordinator', 'POST', `/api/v1/clients/${ids.Amber}/break-glass/01890a5d-ac96-774b-bcce-b302099a8057/acknowledge`, {});
  assert.equal(unknown.status, 404);
  const after1 = await as('coordinator', 'GET', '/api/v1/worklist?rule=glass_used&limit=200');
  assert.equal(after1.json.items.filter((x) => x.href.includes(ids.Amber)).length, 1);
  assert.equal((await as('caregiver', 'POST', url, { reason })).status, 201, 'one acknowledged: one renewal again');
});

test('a handover to another organisation gives no access before her coordinator approves', async () => {
  const base = `/api/v1/clients/${ids.Lily}`;
  const eva = users['mentor.eva'];
  assert.ok(eva);
  const made = await as('caregiver', 'POST', `${base}/handovers`, { incoming_user_id: eva, planned_date: '2027-01-30', role: 'caregiver' });
  assert.equal(made.status, 201, JSON.stringify(made.json));
  assert.equal(made.json.approval, 'pending');
  const hid = made.json.id;
  // The incoming person of another organisation sees nothing yet.
  assert.equal((await as('mentor.eva', 'GET', base)).status, 404);
  assert.equal((await as('mentor.eva', 'GET', `${base}/timeline`)).status, 404);
  assert.equal((await as('mentor.eva', 'POST', `${base}/handovers/${hid}/accept`, {})).status, 404);
  const list = await as('mentor.eva', 'GET', '/api/v1/clients?limit=200');
  assert.ok(!list.json.items.some((c) => c.id === ids.Lily));
  // Her coordinator sees it waiting, and decides.
  const wl = await as('coordinator', 'GET', '/api/v1/worklist?rule=handover_approval&limit=200');
  assert.ok(wl.json.items.some((x) => x.object_id === hid));
  assert.equal((await as('caregiver', 'POST', `${base}/handovers/${hid}/approval`, { decision: 'approve' })).status, 403);
  const bad = await as('coordinator', 'POST', `${base}/handovers/${hid}/approval`, { decision: 'maybe' });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'decision');
  const ok = await as('coordinator', 'POST', `${base}/handovers/${hid}/approval`, { decision: 'approve' });
  assert.equal(ok.status, 200);
  assert.equal(ok.json.approval, 'approved');
  assert.equal((await as('coordinator', 'POST', `${base}/handovers/${hid}/approval`, { decision: 'refuse' })).status, 409);
  assert.equal((await as('mentor.eva', 'GET', base)).status, 200, 'approved: she may read and meet the girl');
  const wl2 = await as('coordinator', 'GET', '/api/v1/worklist?rule=handover_approval&limit=200');
  assert.ok(!wl2.json.items.some((x) => x.object_id === hid));

  // A refusal withdraws it; a coordinator's own proposal needs no approval.
  const two = await as('caregiver', 'POST', `/api/v1/clients/${ids.Roos}/handovers`, { incoming_user_id: eva, planned_date: '2027-01-30', role: 'therapist' });
  assert.equal(two.status, 201, JSON.stringify(two.json));
  assert.equal(two.json.approval, 'pending');
  const no = await as('coordinator', 'POST', `/api/v1/clients/${ids.Roos}/handovers/${two.json.id}/approval`, { decision: 'refuse' });
  assert.equal(no.status, 200);
  assert.equal(no.json.status, 'withdrawn');
  const late = await as('mentor.eva', 'POST', `/api/v1/clients/${ids.Roos}/handovers/${two.json.id}/accept`, {});
  assert.ok([403, 404].includes(late.status), 'a refused handover cannot be accepted');
  const own = await as('coordinator', 'POST', `/api/v1/clients/${ids.Roos}/handovers`, { incoming_user_id: eva, planned_date: '2027-02-28', role: 'therapist' });
  assert.equal(own.status, 201, JSON.stringify(own.json));
  assert.equal(own.json.approval, 'approved');
  // Within her own institution nothing changes.
  const inside = await as('caregiver', 'POST', `/api/v1/clients/${ids.Isa}/handovers`, { incoming_user_id: users['mentor.bram'], planned_date: '2027-01-30', role: 'therapist' });
  assert.equal(inside.status, 201);
  assert.equal(inside.json.approval, null);
});

test('her own account is an invitation she activates with her own password; the admin makes none', async () => {
  const byAdmin = await as('admin', 'POST', '/api/v1/users', { username: 'lily.twin', display_name: 'x', role: 'client', client_id: ids.Lily, password: 'admin-chosen-pw' });
  assert.equal(byAdmin.status, 403);
  assert.equal(byAdmin.json.error.reason, 'user.client_by_invitation');
  const cli = await srv.run(['user', 'add', '--username', 'lily.cli', '--display-name', 'x', '--role', 'client', '--client', ids.Lily, '--password-stdin']);
  assert.equal(cli.code, 2);
  assert.match(cli.stderr, /invitation/);
  const admins = await as('admin', 'GET', '/api/v1/users');
  assert.ok(admins.json.items.filter((u) => u.role === 'client').every((u) => u.username === null && u.display_name === null));

  const url = `/api/v1/clients/${ids.Lily}/invitation`;
  assert.equal((await as('caregiver', 'POST', url, { username: 'lily.eigen' })).status, 403);
  assert.equal((await as('admin', 'POST', url, { username: 'lily.eigen' })).status, 404);
  const badName = await as('coordinator', 'POST', url, { username: 'Lily Eigen' });
  assert.equal(badName.status, 400);
  assert.equal(badName.json.error.field, 'username');
  assert.equal((await as('coordinator', 'POST', url, { username: 'coordinator' })).status, 409);
  assert.equal((await as('coordinator', 'POST', `/api/v1/clients/${ids.Mila}/invitation`, { username: 'mila.twee' })).json.error.reason, 'invitation.account_exists');
  const inv = await as('coordinator', 'POST', url, { username: 'lily.eigen' });
  assert.equal(inv.status, 201, JSON.stringify(inv.json));
  assert.match(inv.json.code, /^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
  assert.ok(inv.json.expires_at);
  const stored = await srv.sql(`SELECT code_hash FROM activation_code WHERE id = '${inv.json.id}'`);
  assert.ok(!stored.includes(inv.json.code.replace(/-/g, '')), 'only a hash of the code is stored');

  const wrong = await api(srv, 'POST', '/api/v1/activate', { body: { code: 'AAAA-BBBB-CCCC-DDDD', password: 'mijn-eigen-wachtwoord' } });
  assert.equal(wrong.status, 409);
  assert.equal(wrong.json.error.reason, 'invitation.invalid');
  assert.equal((await api(srv, 'POST', '/api/v1/activate', { body: { code: inv.json.code } })).status, 400);
  // Racing activations: exactly one account.
  const racers = await Promise.all([0, 1, 2, 3, 4].map(() => api(srv, 'POST', '/api/v1/activate', { body: { code: inv.json.code.toLowerCase(), password: 'mijn-eigen-wachtwoord' } })));
  assert.equal(racers.filter((r) => r.status === 201).length, 1, racers.map((r) => r.status).join());
  assert.ok(racers.every((r) => r.status === 201 || r.status === 409));
  const her = await login(srv, 'lily.eigen', 'mijn-eigen-wachtwoord');
  assert.equal(her.user.role, 'client');
  const me = await api(srv, 'GET', '/api/v1/me', { token: her.token });
  assert.equal(me.status, 200);
  assert.equal(Number((await srv.sql(`SELECT COUNT(*) FROM app_user WHERE client_id = '${ids.Lily}'`)).trim()), 1);
});

test('every girl shown in a list is logged as seen, and every refusal is logged', async () => {
  const before = await count(`username = 'coordinator' AND action = 'list' AND object_type = 'client' AND client_id IS NOT NULL`);
  const page = await as('coordinator', 'GET', '/api/v1/clients?limit=5&offset=2');
  assert.equal(page.json.items.length, 5);
  const shown = page.json.items.map((c) => c.id);
  const rows = (await srv.sql(`SELECT client_id FROM audit_log WHERE username = 'coordinator' AND action = 'list' AND object_type = 'client' AND client_id IS NOT NULL ORDER BY seq DESC LIMIT 5`)).trim().split('\n');
  assert.equal(await count(`username = 'coordinator' AND action = 'list' AND object_type = 'client' AND client_id IS NOT NULL`), before + 5);
  assert.deepEqual(rows.sort(), shown.sort());
  const wl = await as('coordinator', 'GET', '/api/v1/worklist?limit=10');
  const girls = new Set(wl.json.items.map((x) => x.href.split('/')[4]));
  const wlRows = (await srv.sql(`SELECT DISTINCT client_id FROM audit_log WHERE username = 'coordinator' AND object_type = 'worklist' AND client_id IS NOT NULL AND seq > (SELECT MAX(seq) - ${girls.size} FROM audit_log)`)).trim().split('\n');
  assert.deepEqual(wlRows.sort(), [...girls].sort());
  const withheld = await as('coordinator', 'GET', '/api/v1/journal/withheld');
  assert.equal(withheld.status, 200);

  // Her own id in the URL, another girl's object id: 404, and a denied row naming it.
  const other = '01890a5d-ac96-774b-bcce-b302099a8057';
  const denied = `outcome = 'denied' AND object_id = '${other}' AND username = 'caregiver' AND client_id = '${ids.Lily}'`;
  const d0 = await count(denied);
  for (const path of ['promises', 'journal', 'phases', 'legal-bases', 'court-orders', 'team']) {
    const r = await as('caregiver', 'GET', `/api/v1/clients/${ids.Lily}/${path}/${other}`);
    assert.equal(r.status, 404, path);
  }
  assert.equal(await count(denied), d0 + 6);
});

test('the security officer reads oversight without client content; nobody else does', async () => {
  assert.equal((await as('coordinator', 'GET', '/api/v1/audit/report')).status, 403);
  assert.equal((await as('admin', 'GET', '/api/v1/audit/report')).status, 403);
  const bad = await as('security', 'GET', '/api/v1/audit/report?from=2026-13-01');
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'from');
  assert.equal((await as('security', 'GET', '/api/v1/audit/report?from=2026-02-01&to=2026-01-01')).status, 400);
  // One user opening many files in a short time: lower the threshold.
  const set = await srv.run(['config', 'set', 'audit.unusual_reads', '4']);
  assert.equal(set.code, 0, set.stderr);
  for (const p of ['Lily', 'Roos', 'Isa', 'Jade', 'Mila']) await as('caregiver', 'GET', `/api/v1/clients/${ids[p]}/timeline`);
  const r = await as('security', 'GET', '/api/v1/audit/report');
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.ok(r.json.break_glass.total >= 3);
  assert.ok(r.json.break_glass.items.every((x) => x.client_id && x.username));
  assert.ok(r.json.refused.total >= 6);
  assert.ok(r.json.refused.items.some((x) => x.username === 'buurt.werker'));
  const reader = r.json.unusual_reading.users.find((u) => u.username === 'caregiver');
  assert.ok(reader, JSON.stringify(r.json.unusual_reading));
  assert.ok(reader.girls >= 4);
  assert.equal(r.json.unusual_reading.threshold_girls, 4);
  assert.ok(r.json.chain.last_check, 'serve checked the chain on start');
  assert.equal(r.json.chain.last_check.intact, true);
  for (const secret of ['Lily', 'Voorbeeld', 'Crisis in de nacht', 'Mila'])
    assert.ok(!r.text.includes(secret), `the report holds ${secret}`);
  assert.ok(!/9999\d{5}/.test(r.text), 'no BSN');
  assert.ok(await count(`username = 'security' AND object_type = 'audit_report' AND outcome = 'ok'`) >= 1, 'reading it is audited');

  const out = await srv.run(['audit', 'report', '--from', '2020-01-01', '--to', '2030-01-01']);
  assert.equal(out.code, 2, 'more than a year');
  const cli = await srv.run(['audit', 'report']);
  assert.equal(cli.code, 0, cli.stderr);
  assert.ok(JSON.parse(cli.stdout).break_glass.total >= 3);
  assert.equal((await srv.run(['audit', 'report', '--from', 'gisteren'])).code, 2);
});

test('the audit log refuses edits, and a cut or wiped log fails audit verify', async () => {
  await assert.rejects(srv.sql('DELETE FROM audit_log'), /append-only/);
  await assert.rejects(srv.sql('UPDATE audit_log SET user_id = NULL'), /append-only/);
  await assert.rejects(srv.sql('UPDATE audit_head SET seq = 1'), /moves|forward|back/);
  const ok = await srv.run(['audit', 'verify']);
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /intact: \d+ entries, [1-9]\d* checkpoints/);
  // Someone with the owner's rights drops the guards, cuts the tail and rewinds the head.
  if (kind === 'sqlite') {
    await srv.sql('DROP TRIGGER audit_log_no_delete');
    await srv.sql('DROP TRIGGER audit_head_no_rewind');
  } else {
    await srv.sql('DROP TRIGGER audit_log_no_update ON audit_log');
    await srv.sql('DROP TRIGGER audit_head_no_rewind ON audit_head');
  }
  const n = Number((await srv.sql('SELECT MAX(seq) FROM audit_log')).trim());
  await srv.sql(`DELETE FROM audit_log WHERE seq > ${n - 10}`);
  await srv.sql(`UPDATE audit_head SET seq = ${n - 10}, hash = (SELECT hash FROM audit_log WHERE seq = ${n - 10})`);
  const cut = await srv.run(['audit', 'verify']);
  assert.equal(cut.code, 1, cut.stdout);
  assert.match(cut.stdout, /cut or wiped/);
  await srv.sql('DELETE FROM audit_log');
  await srv.sql(`UPDATE audit_head SET seq = 0, hash = ''`);
  const wiped = await srv.run(['audit', 'verify']);
  assert.equal(wiped.code, 1, wiped.stdout);
  assert.match(wiped.stdout, /cut or wiped/);
});
