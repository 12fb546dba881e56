// Notifications (issue 10): each of the four acts that cause one writes
// exactly the right rows in its own transaction (and none for anybody
// else), the inbox API (list, one read, all read) with its bad input and
// refusals, a girl out of sight hidden, the disputed-promise alert on the
// worklist appearing and going away, and no background poll keeping an idle
// session alive.  Runs against the database named by DOORLOOP_TEST_DB_KIND.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, api } from './lib/harness.mjs';

const kind = process.env.DOORLOOP_TEST_DB_KIND || 'sqlite';
let srv;
const s = {};     // sessions by username
const ids = {};   // client ids by pseudonym
const users = {}; // user rows by username

before(async () => {
  srv = await startServer({ db: kind });
  for (const u of ['admin', 'coordinator', 'caregiver', 'partner', 'client', 'municipality', 'mentor.bram', 'mentor.eva'])
    s[u] = await login(srv, u);
  const cl = await api(srv, 'GET', '/api/v1/clients?limit=200', { token: s.coordinator.token });
  for (const c of cl.json.items) ids[c.pseudonym] = c.id;
  const us = await api(srv, 'GET', '/api/v1/users?limit=200', { token: s.admin.token });
  for (const u of us.json.items) users[u.username] = u;
});

after(async () => { await srv?.stop(); });

const as = (who, method, path, body, opts = {}) => api(srv, method, path, { token: s[who].token, body, ...opts });
const ZERO = '01890000-0000-7000-8000-000000000000';
const today = () => new Date().toISOString().slice(0, 10);

// Every notification row written for one object: "user|kind|client" sorted.
async function rowsFor(objectId) {
  const out = await srv.sql(`SELECT user_id, kind, client_id FROM notification WHERE object_id = '${objectId}' ORDER BY user_id`);
  return out.trim() ? out.trim().split('\n').sort() : [];
}
const total = async () => Number((await srv.sql('SELECT COUNT(*) FROM notification')).trim());
const row = (user, k, client) => `${users[user].id}|${k}|${client}`;

// Her coordinators (active coordinators of her coordinating institution)
// and her current main caregivers, read through the API.
async function careOf(pseudonym) {
  const t = await as('coordinator', 'GET', `/api/v1/clients/${ids[pseudonym]}/trajectory`);
  assert.equal(t.status, 200, t.text);
  const org = t.json.coordinating_org.id;
  const team = await as('coordinator', 'GET', `/api/v1/clients/${ids[pseudonym]}/team`);
  assert.equal(team.status, 200, team.text);
  const day = today();
  const mains = team.json.items.filter((m) => m.role === 'main_caregiver' && m.from_date <= day && (!m.to_date || m.to_date >= day))
    .map((m) => m.user.id);
  const coords = Object.values(users).filter((u) => u.role === 'coordinator' && u.org_id === org && u.active !== false).map((u) => u.id);
  return [...new Set([...coords, ...mains])];
}

test('a handover proposed to her notifies the incoming person at once, and nobody else', async () => {
  const base = `/api/v1/clients/${ids.Mila}`;
  const n0 = await total();
  const p = await as('coordinator', 'POST', `${base}/handovers`, { incoming_user_id: users['mentor.bram'].id, planned_date: today() });
  assert.equal(p.status, 201, p.text);
  assert.deepEqual(await rowsFor(p.json.id), [row('mentor.bram', 'handover_proposed', ids.Mila)]);
  assert.equal(await total(), n0 + 1, 'one row in all');
  const inbox = await as('mentor.bram', 'GET', '/api/v1/notifications');
  assert.equal(inbox.status, 200, inbox.text);
  const first = inbox.json.items[0];
  assert.equal(first.kind, 'handover_proposed');
  assert.equal(first.object_id, p.json.id);
  assert.equal(first.client.id, ids.Mila);
  assert.equal(first.link, 'handovers');
  assert.equal(first.read, false);
  assert.equal(first.read_at, null);
  assert.ok(inbox.json.unread >= 1);
  // The caregiver proposed nothing to herself: nothing of this in her inbox.
  const other = await as('caregiver', 'GET', '/api/v1/notifications?limit=200');
  assert.ok(!other.json.items.some((x) => x.object_id === p.json.id));
  // Withdrawn: she may no longer see Mila, so the notification is gone for her.
  assert.equal((await as('coordinator', 'POST', `${base}/handovers/${p.json.id}/withdraw`, {})).status, 200);
  const after1 = await as('mentor.bram', 'GET', '/api/v1/notifications?limit=200');
  assert.ok(!after1.json.items.some((x) => x.object_id === p.json.id), 'a girl out of sight is not shown');
  assert.equal(after1.json.unread, inbox.json.unread - 1, 'nor counted');
  const r = await as('mentor.bram', 'POST', `/api/v1/notifications/${first.id}/read`, {});
  assert.equal(r.status, 404);
  assert.equal(r.json.error.reason, 'notification.not_found');
});

test('a handover to another organisation notifies only once her coordinator approved it', async () => {
  const base = `/api/v1/clients/${ids.Mila}`;
  const p = await as('caregiver', 'POST', `${base}/handovers`, { incoming_user_id: users['mentor.eva'].id, planned_date: today() });
  assert.equal(p.status, 201, p.text);
  assert.equal(p.json.approval, 'pending');
  assert.deepEqual(await rowsFor(p.json.id), [], 'nothing while she has no access');
  const ok = await as('coordinator', 'POST', `${base}/handovers/${p.json.id}/approval`, { decision: 'approve' });
  assert.equal(ok.status, 200, ok.text);
  assert.deepEqual(await rowsFor(p.json.id), [row('mentor.eva', 'handover_proposed', ids.Mila)]);
  const inbox = await as('mentor.eva', 'GET', '/api/v1/notifications');
  assert.ok(inbox.json.items.some((x) => x.object_id === p.json.id));
  assert.equal((await as('coordinator', 'POST', `${base}/handovers/${p.json.id}/withdraw`, {})).status, 200);
});

test('her statement on a journal entry notifies her coordinators and main caregiver, not herself', async () => {
  const base = `/api/v1/clients/${ids.Mila}`;
  const j = await as('client', 'GET', `${base}/journal`);
  assert.equal(j.status, 200, j.text);
  const entry = j.json.items[0];
  const n0 = await total();
  const text = 'Dit wil ik er zelf over zeggen: het ging anders.';
  const st = await as('client', 'POST', `${base}/journal/${entry.id}/statements`, { text });
  assert.equal(st.status, 201, st.text);
  const want = await careOf('Mila');
  assert.ok(want.includes(users.coordinator.id) && want.includes(users.caregiver.id), 'the demo: Anouk and Sanne');
  const rows = await rowsFor(entry.id);
  assert.deepEqual(rows, want.map((u) => `${u}|journal_statement|${ids.Mila}`).sort());
  assert.equal(await total(), n0 + want.length);
  assert.ok(!rows.some((r) => r.startsWith(s.client.user.id)));
  // Nothing of what she wrote is in a notification.
  const dump = await srv.sql(`SELECT * FROM notification WHERE object_id = '${entry.id}'`);
  assert.ok(!dump.includes('anders'));
  const inbox = await as('caregiver', 'GET', '/api/v1/notifications');
  const n = inbox.json.items.find((x) => x.object_id === entry.id);
  assert.equal(n.kind, 'journal_statement');
  assert.equal(n.link, 'journal');
  assert.ok(!JSON.stringify(inbox.json).includes('anders'), 'the answer holds no text of hers');
});

test('her "not kept" notifies her coordinators and main caregiver and raises a disputed promise until it is settled', async () => {
  const base = `/api/v1/clients/${ids.Mila}`;
  const mk = async (what) => {
    const c = await as('caregiver', 'POST', `${base}/promises`, { what, due_date: '2099-01-15' });
    assert.equal(c.status, 201, c.text);
    return c.json.id;
  };
  const disputed = async (pid) => {
    const w = await as('coordinator', 'GET', '/api/v1/worklist?rule=promise_disputed&limit=200');
    assert.equal(w.status, 200, w.text);
    return w.json.items.filter((x) => x.object_id === pid);
  };
  const p1 = await mk('Ik neem je mee naar de bibliotheek.');
  // Her "kept" is no news for anybody and raises nothing.
  assert.equal((await as('client', 'POST', `${base}/promises/${p1}/her-view`, { view: 'kept' })).status, 201);
  assert.deepEqual(await rowsFor(p1), []);
  assert.equal((await disputed(p1)).length, 0);
  const v = await as('client', 'POST', `${base}/promises/${p1}/her-view`, { view: 'not_kept', note: 'We zijn nooit gegaan.' });
  assert.equal(v.status, 201, v.text);
  const want = await careOf('Mila');
  assert.deepEqual(await rowsFor(p1), want.map((u) => `${u}|promise_disputed|${ids.Mila}`).sort());
  const al = await disputed(p1);
  assert.equal(al.length, 1);
  assert.equal(al[0].severity, 'high');
  assert.equal(al[0].link, 'promises');
  assert.equal(al[0].client.id, ids.Mila);
  assert.equal(al[0].due_date, today());
  assert.ok(!JSON.stringify(al[0]).includes('bibliotheek') && !JSON.stringify(al[0]).includes('nooit'));
  const mine = await as('caregiver', 'GET', '/api/v1/worklist?rule=promise_disputed&limit=200');
  assert.equal(mine.json.items.filter((x) => x.object_id === p1).length, 1, 'her main caregiver sees it too');
  const one = await as('coordinator', 'GET', `${base}/alerts`);
  assert.ok(one.json.items.some((x) => x.rule === 'promise_disputed' && x.object_id === p1));
  // Settled by the staff: closed (kept or broken) or changed with her.
  assert.equal((await as('caregiver', 'POST', `${base}/promises/${p1}/close`, { outcome: 'broken' })).status, 200);
  assert.equal((await disputed(p1)).length, 0, 'closing settles it');
  // Or by her own later word.
  const p2 = await mk('Ik regel een afspraak bij de tandarts.');
  await as('client', 'POST', `${base}/promises/${p2}/her-view`, { view: 'not_kept' });
  assert.equal((await disputed(p2)).length, 1);
  await as('client', 'POST', `${base}/promises/${p2}/her-view`, { view: 'kept' });
  assert.equal((await disputed(p2)).length, 0, 'she says kept after all');
  assert.equal((await rowsFor(p2)).length, want.length, 'only her "not kept" notified');
  const p3 = await mk('Ik zoek een stageplek met je.');
  await as('client', 'POST', `${base}/promises/${p3}/her-view`, { view: 'not_kept' });
  const ch = await as('caregiver', 'POST', `${base}/promises/${p3}/change`, { due_date: '2099-03-01', agreement: 'Samen besproken, later.', agreed_on: today() });
  assert.equal(ch.status, 201, ch.text);
  assert.equal((await disputed(p3)).length, 0, 'a change with her agreement settles it');
});

test('break the glass notifies her coordinators and main caregiver, never the one who broke it', async () => {
  const n0 = await total();
  const g = await as('caregiver', 'POST', `/api/v1/clients/${ids.Amber}/break-glass`, { reason: 'Zij belt in crisis en haar eigen team is niet bereikbaar vannacht' });
  assert.equal(g.status, 201, g.text);
  const out = await srv.sql(`SELECT id FROM glass_access WHERE client_id = '${ids.Amber}' ORDER BY started_at DESC LIMIT 1`);
  const gid = out.trim();
  const want = (await careOf('Amber')).filter((u) => u !== users.caregiver.id);
  assert.ok(want.includes(users.coordinator.id));
  assert.deepEqual(await rowsFor(gid), want.map((u) => `${u}|glass_used|${ids.Amber}`).sort());
  assert.equal(await total(), n0 + want.length);
  const inbox = await as('coordinator', 'GET', '/api/v1/notifications');
  const n = inbox.json.items.find((x) => x.object_id === gid);
  assert.equal(n.kind, 'glass_used');
  assert.equal(n.link, 'access-log');
  assert.ok(!JSON.stringify(inbox.json).includes('crisis'), 'the reason is not in it');
});

test('the inbox: newest first, paged, one read and all read, with their audit', async () => {
  const all = await as('coordinator', 'GET', '/api/v1/notifications?limit=200');
  assert.equal(all.status, 200);
  const items = all.json.items;
  assert.ok(items.length >= 3, JSON.stringify(all.json));
  assert.equal(all.json.total, items.length);
  assert.equal(all.json.unread, items.filter((x) => !x.read).length);
  for (let i = 1; i < items.length; i++) assert.ok(items[i - 1].created_at >= items[i].created_at, 'newest first');
  const page = await as('coordinator', 'GET', '/api/v1/notifications?limit=1&offset=1');
  assert.equal(page.json.items.length, 1);
  assert.equal(page.json.items[0].id, items[1].id);
  assert.equal(page.json.total, all.json.total);

  const auditBefore = Number((await srv.sql(`SELECT COUNT(*) FROM audit_log WHERE object_type = 'notification' AND action = 'update' AND outcome = 'ok'`)).trim());
  const one = await as('coordinator', 'POST', `/api/v1/notifications/${items[0].id}/read`, {});
  assert.equal(one.status, 200, one.text);
  assert.equal(one.json.read, true);
  assert.ok(one.json.read_at);
  const again = await as('coordinator', 'POST', `/api/v1/notifications/${items[0].id}/read`, {});
  assert.equal(again.status, 200);
  assert.equal(again.json.read_at, one.json.read_at, 'read once');
  const audited = await srv.sql(`SELECT client_id, object_id FROM audit_log WHERE object_type = 'notification' AND action = 'update' AND outcome = 'ok' ORDER BY seq DESC LIMIT 1`);
  assert.equal(audited.trim(), `${items[0].client.id}|${items[0].id}`);
  assert.equal(Number((await srv.sql(`SELECT COUNT(*) FROM audit_log WHERE object_type = 'notification' AND action = 'update' AND outcome = 'ok'`)).trim()), auditBefore + 2);
  const now = await as('coordinator', 'GET', '/api/v1/notifications?limit=1');
  assert.equal(now.json.unread, all.json.unread - 1);
  // The list is audited once per girl on the page.
  const listed = await srv.sql(`SELECT COUNT(*) FROM audit_log WHERE object_type = 'notification' AND action = 'list' AND client_id = '${now.json.items[0].client.id}'`);
  assert.ok(Number(listed.trim()) >= 1);

  const ra = await as('coordinator', 'POST', '/api/v1/notifications/read-all', {});
  assert.equal(ra.status, 200, ra.text);
  assert.equal(ra.json.marked, all.json.unread - 1);
  const done = await as('coordinator', 'GET', '/api/v1/notifications?limit=200');
  assert.equal(done.json.unread, 0);
  assert.ok(done.json.items.every((x) => x.read));
  assert.equal((await as('coordinator', 'POST', '/api/v1/notifications/read-all', {})).json.marked, 0);
});

test('bad input and another user\'s notification are refused with their field and reason', async () => {
  const mine = (await as('coordinator', 'GET', '/api/v1/notifications?limit=1')).json.items[0];
  for (const [path, what] of [[`/api/v1/notifications/${ZERO}/read`, 'unknown'], ['/api/v1/notifications/not-an-id/read', 'malformed'],
    [`/api/v1/notifications/${mine.id}/read`, 'another user\'s']]) {
    const r = await as('caregiver', 'POST', path, {});
    assert.equal(r.status, 404, `${what}: ${r.text}`);
    assert.equal(r.json.error.reason, 'notification.not_found', what);
  }
  const denied = await srv.sql(`SELECT COUNT(*) FROM audit_log WHERE object_type = 'notification' AND outcome = 'denied' AND user_id = '${users.caregiver.id}'`);
  assert.ok(Number(denied.trim()) >= 3, 'each refusal audited');
  const field = await as('coordinator', 'POST', `/api/v1/notifications/${mine.id}/read`, { read: true });
  assert.equal(field.status, 400);
  assert.equal(field.json.error.field, 'read');
  const notObject = await as('coordinator', 'POST', '/api/v1/notifications/read-all', [1]);
  assert.equal(notObject.status, 400);
  assert.ok(notObject.json.error.reason);
  for (const q of ['limit=0', 'limit=abc', 'offset=-1']) {
    const r = await as('coordinator', 'GET', `/api/v1/notifications?${q}`);
    assert.equal(r.status, 400, q);
    assert.ok(['limit', 'offset'].includes(r.json.error.field), q);
  }
});

test('roles without notifications are refused, audited; she herself gets none', async () => {
  for (const who of ['client', 'admin', 'municipality']) {
    for (const [m, p] of [['GET', '/api/v1/notifications'], ['POST', '/api/v1/notifications/read-all'], ['POST', `/api/v1/notifications/${ZERO}/read`]]) {
      const r = await as(who, m, p, m === 'POST' ? {} : undefined);
      assert.equal(r.status, 403, `${who} ${m} ${p}: ${r.text}`);
      assert.equal(r.json.error.reason, 'notification.staff_only');
    }
  }
  const denied = await srv.sql(`SELECT COUNT(*) FROM audit_log WHERE object_type = 'notification' AND outcome = 'denied' AND user_id = '${s.client.user.id}'`);
  assert.equal(Number(denied.trim()), 3);
  assert.equal(Number((await srv.sql(`SELECT COUNT(*) FROM notification WHERE user_id = '${s.client.user.id}'`)).trim()), 0);
  const partner = await as('partner', 'GET', '/api/v1/notifications');
  assert.equal(partner.status, 200, 'a partner may be the incoming person of a handover');
});

test('the background poll keeps no idle session alive', async () => {
  // Pull the idle expiry two minutes back (past the touch granularity).
  const back = new Date(Date.now() + 28 * 60 * 1000).toISOString();
  await srv.sql(`UPDATE session SET idle_expires_at = '${back}' WHERE user_id = '${users['mentor.eva'].id}'`);
  const r = await as('mentor.eva', 'GET', '/api/v1/notifications?limit=1', undefined, { headers: { 'X-Doorloop-Background': '1' } });
  assert.equal(r.status, 200, r.text);
  const still = (await srv.sql(`SELECT idle_expires_at FROM session WHERE user_id = '${users['mentor.eva'].id}'`)).trim();
  assert.equal(still, back, 'not slid by the poll');
  await as('mentor.eva', 'GET', '/api/v1/notifications?limit=1');
  const slid = (await srv.sql(`SELECT idle_expires_at FROM session WHERE user_id = '${users['mentor.eva'].id}'`)).trim();
  assert.ok(slid > back, 'an ordinary request slides it');
});
