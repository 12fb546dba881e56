// A file's life (issue 15): users deactivated and reactivated, her request
// for destruction, legal holds, destruction by the retention term (purge,
// and the daily run inside serve), her export as JSON and PDF, a transfer
// export, and the settings the domain calls configurable.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { startServer, login, api, BIN, makeStaff } from './lib/harness.mjs';

const kind = process.env.DOORLOOP_TEST_DB_KIND || 'sqlite';
let srv;
const s = {};
let seq = 0;

before(async () => {
  srv = await startServer({ db: kind });
  for (const r of ['admin', 'coordinator', 'caregiver', 'client'])
    s[r] = await login(srv, r);
});
after(async () => { await srv?.stop(); });

const as = (role, method, path, body) => api(srv, method, path, { token: s[role].token, body });
const count = async (sql) => Number((await srv.sql(sql)).trim());

// A girl with a trajectory from `start`, closed on `ended` (if given).
async function girl({ birth = '1990-05-10', start = '1996-01-01', ended = null, order = false } = {}) {
  const orgs = (await as('coordinator', 'GET', '/api/v1/organisations')).json.items;
  const mun = orgs.find((o) => o.kind === 'municipality');
  const c = await as('coordinator', 'POST', '/api/v1/clients', {
    pseudonym: `Life-${kind}-${++seq}`, name: 'Proef Persoon', birth_date: birth, municipality_id: mun.id,
  });
  assert.equal(c.status, 201, JSON.stringify(c.json));
  const base = `/api/v1/clients/${c.json.id}`;
  const t = await as('coordinator', 'POST', `${base}/trajectory`, { start_date: start });
  assert.equal(t.status, 201, JSON.stringify(t.json));
  if (order) {
    const o = await as('coordinator', 'POST', `${base}/court-orders`, { kind: 'ots', start_date: '1996-02-01', end_date: '1997-02-01' });
    assert.equal(o.status, 201, JSON.stringify(o.json));
  }
  if (ended) {
    const end = await as('coordinator', 'POST', `${base}/trajectory/end`, { end_date: ended, end_reason: 'Hulp afgerond', sign_off_reason: 'Ze is volwassen en wil geen hulp meer' });
    assert.equal(end.status, 200, JSON.stringify(end.json));
  }
  return { id: c.json.id, base };
}

const purge = (asof, ...more) => srv.run(['purge', '--as-of', asof, ...more]);
const exists = async (id) => (await count(`SELECT COUNT(*) FROM client WHERE id = '${id}'`)) === 1;

test('user lifecycle: deactivation ends the sessions at once, reactivation lets her back in', async () => {
  const orgs = (await as('admin', 'GET', '/api/v1/organisations')).json.items;
  const org = orgs.find((o) => o.kind === 'institution');
  const made = await makeStaff(srv, s.admin.token, { username: `life.${kind}`, display_name: 'Lotte Levensloop', role: 'caregiver', org_id: org.id }, 'een-lang-wachtwoord');
  assert.equal(made.status, 201, JSON.stringify(made.json));
  const id = made.json.id;
  const hers = await login(srv, `life.${kind}`, 'een-lang-wachtwoord');
  assert.equal((await api(srv, 'GET', '/api/v1/session', { token: hers.token })).status, 200);

  // Only the admin; not herself; an unknown id is 404.
  assert.equal((await as('coordinator', 'POST', `/api/v1/users/${id}/deactivate`)).status, 403);
  assert.ok(await count(`SELECT COUNT(*) FROM audit_log WHERE action = 'deactivate' AND outcome = 'denied'`) >= 1);
  const self = await as('admin', 'POST', `/api/v1/users/${s.admin.user.id}/deactivate`);
  assert.equal(self.status, 409);
  assert.equal(self.json.error.reason, 'user.not_yourself');
  assert.equal((await as('admin', 'POST', '/api/v1/users/not-an-id/deactivate')).status, 404);
  assert.equal((await as('admin', 'POST', '/api/v1/users/01a235bd-0000-7000-8000-000000000000/deactivate')).status, 404);

  const off = await as('admin', 'POST', `/api/v1/users/${id}/deactivate`);
  assert.equal(off.status, 200, JSON.stringify(off.json));
  assert.equal(off.json.active, false);
  assert.equal((await api(srv, 'GET', '/api/v1/session', { token: hers.token })).status, 401, 'her session ended at once');
  assert.equal(await count(`SELECT COUNT(*) FROM session WHERE user_id = '${id}'`), 0);
  await assert.rejects(login(srv, `life.${kind}`, 'een-lang-wachtwoord'));
  const again = await as('admin', 'POST', `/api/v1/users/${id}/deactivate`);
  assert.equal(again.status, 409);
  assert.equal(again.json.error.reason, 'user.already_inactive');
  const listed = (await as('admin', 'GET', '/api/v1/users')).json.items.find((u) => u.id === id);
  assert.equal(listed.active, false);
  assert.equal(listed.display_name, 'Lotte Levensloop', 'the name stays');
  assert.equal(await count(`SELECT COUNT(*) FROM audit_log WHERE action = 'deactivate' AND object_id = '${id}' AND outcome = 'ok'`), 1);
  assert.notEqual((await srv.sql(`SELECT deactivated_at FROM app_user WHERE id = '${id}'`)).trim(), '');

  const on = await as('admin', 'POST', `/api/v1/users/${id}/reactivate`);
  assert.equal(on.status, 200);
  assert.equal(on.json.active, true);
  const back = await login(srv, `life.${kind}`, 'een-lang-wachtwoord');
  assert.ok(back.token);

  // A password reset by the admin ends her sessions too, and answers a
  // new activation code with which she sets her own.
  const short = await as('admin', 'POST', `/api/v1/users/${id}/password`, { password: 'kort' });
  assert.equal(short.status, 400);
  const reset = await as('admin', 'POST', `/api/v1/users/${id}/password`, {});
  assert.equal(reset.status, 200, JSON.stringify(reset.json));
  assert.equal((await api(srv, 'GET', '/api/v1/session', { token: back.token })).status, 401);
  assert.equal((await api(srv, 'POST', '/api/v1/activate', { body: { code: reset.json.activation.code, password: 'een-nieuw-wachtwoord' } })).status, 201);
  assert.ok((await login(srv, `life.${kind}`, 'een-nieuw-wachtwoord')).token);

  // The CLI does the same, audited from the access point local:cli.
  let r = await srv.run(['user', 'deactivate', '--username', `life.${kind}`]);
  assert.equal(r.code, 0, r.stderr);
  await assert.rejects(login(srv, `life.${kind}`, 'een-nieuw-wachtwoord'));
  assert.equal((await srv.run(['user', 'deactivate', '--username', `life.${kind}`])).code, 2);
  assert.equal((await srv.run(['user', 'deactivate', '--username', 'nobody.here'])).code, 2);
  r = await srv.run(['user', 'reactivate', '--username', `life.${kind}`]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(await count(`SELECT COUNT(*) FROM audit_log WHERE object_id = '${id}' AND remote_addr = 'local:cli'`), 2);

  // A deactivated caregiver's name stays on the teams she was on, marked inactive.
  const theirs = (await as('caregiver', 'GET', '/api/v1/clients')).json.items[0].id;
  const cg = s.caregiver.user.id;
  assert.equal((await as('admin', 'POST', `/api/v1/users/${cg}/deactivate`)).status, 200);
  const team = (await as('coordinator', 'GET', `/api/v1/clients/${theirs}/team`)).json.items;
  const member = team.find((m) => m.user.id === cg);
  assert.equal(member.user.active, false);
  assert.ok(member.user.display_name.length > 0);
  assert.equal((await as('admin', 'POST', `/api/v1/users/${cg}/reactivate`)).status, 200);
  s.caregiver = await login(srv, 'caregiver');
  assert.equal((await as('coordinator', 'GET', `/api/v1/clients/${theirs}/team`)).json.items.find((m) => m.user.id === cg).user.active, true);
});

test('retention: a file goes 20 years after care ended, not a day before; audited without content', async () => {
  const g = await girl({ ended: '2005-06-15' });
  let r = await purge('2025-06-14', '--dry-run');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /retention: 0 due/);
  r = await purge('2025-06-14');
  assert.match(r.stdout, /retention: 0 destroyed/);
  assert.ok(await exists(g.id));

  r = await purge('2025-06-15', '--dry-run');
  assert.match(r.stdout, /retention: 1 due/);
  assert.ok(await exists(g.id), 'a dry run destroys nothing');
  r = await purge('2025-06-15');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /retention: 1 destroyed/);
  assert.equal(await exists(g.id), false);
  for (const t of ['trajectory', 'glass_access', 'journal_entry', 'promise'])
    assert.equal(await count(`SELECT COUNT(*) FROM ${t} WHERE client_id = '${g.id}'`), 0, t);
  assert.equal((await as('coordinator', 'GET', g.base)).status, 404);
  const row = (await srv.sql(`SELECT action, object_type, purpose, remote_addr FROM audit_log WHERE client_id = '${g.id}' AND action = 'destroy'`)).trim();
  assert.equal(row, 'destroy|client|retention|local:purge');
  assert.ok(await count(`SELECT COUNT(*) FROM audit_log WHERE client_id = '${g.id}'`) > 1, 'the audit log itself stays');
  assert.equal((await srv.run(['audit', 'verify'])).code, 0);
  assert.equal((await purge('2025-13-01')).code, 2);
});

test('retention: a girl registered without a trajectory goes 20 years after her registration', async () => {
  const orgs = (await as('coordinator', 'GET', '/api/v1/organisations')).json.items;
  const mun = orgs.find((o) => o.kind === 'municipality');
  const c = await as('coordinator', 'POST', '/api/v1/clients', {
    pseudonym: `Life-${kind}-${++seq}`, name: 'Nooit Begonnen', birth_date: '1990-05-10', municipality_id: mun.id,
  });
  assert.equal(c.status, 201, JSON.stringify(c.json));
  const id = c.json.id;
  // Registered on 2004-09-20; she never had a trajectory.
  await srv.sql(`UPDATE client SET created_at = '2004-09-20T10:00:00.000Z' WHERE id = '${id}'`);
  let r = await purge('2024-09-19', '--dry-run');
  assert.match(r.stdout, /retention: 0 due/);
  assert.match((await purge('2024-09-19')).stdout, /retention: 0 destroyed/);
  assert.ok(await exists(id), 'not a day before the term');
  r = await purge('2024-09-20', '--dry-run');
  assert.match(r.stdout, /retention: 1 due/);
  assert.match((await purge('2024-09-20')).stdout, /retention: 1 destroyed/);
  assert.equal(await exists(id), false);
  assert.equal(await count(`SELECT COUNT(*) FROM audit_log WHERE client_id = '${id}' AND action = 'destroy' AND purpose = 'retention'`), 1);
});

test('retention is a setting (never under 20 years); a court order\'s file follows its own longer term', async () => {
  assert.equal((await srv.run(['config', 'set', 'retention.years', '19'])).code, 2);
  assert.equal((await srv.run(['config', 'set', 'retention.court_order_years', '25'])).code, 0);
  try {
    const plain = await girl({ ended: '2004-03-01' });
    const ordered = await girl({ ended: '2004-03-01', order: true });
    assert.match((await purge('2024-03-01')).stdout, /retention: 1 destroyed/);
    assert.equal(await exists(plain.id), false);
    assert.ok(await exists(ordered.id));
    assert.match((await purge('2029-02-28')).stdout, /retention: 0 destroyed/);
    assert.ok(await exists(ordered.id));
    assert.match((await purge('2029-03-01')).stdout, /retention: 1 destroyed/);
    assert.equal(await exists(ordered.id), false);
  } finally {
    await srv.run(['config', 'unset', 'retention.court_order_years']);
  }
  assert.equal(await count("SELECT COUNT(*) FROM audit_log WHERE action = 'config_set' AND object_id = 'retention.court_order_years' AND purpose = '25'"), 1);
});

test('a legal hold stops destruction until it is lifted; coordinator or admin, with a reason', async () => {
  const g = await girl({ ended: '2003-01-10' });
  assert.equal((await as('caregiver', 'POST', `${g.base}/legal-holds`, { reason: 'Lopend strafrechtelijk onderzoek' })).status, 403);
  const short = await as('coordinator', 'POST', `${g.base}/legal-holds`, { reason: 'kort' });
  assert.equal(short.status, 400);
  assert.equal(short.json.error.field, 'reason');
  const set = await as('coordinator', 'POST', `${g.base}/legal-holds`, { reason: 'Lopend strafrechtelijk onderzoek' });
  assert.equal(set.status, 201, JSON.stringify(set.json));
  assert.equal(set.json.active, true);
  const twice = await as('admin', 'POST', `${g.base}/legal-holds`, { reason: 'Nog een keer vastzetten' });
  assert.equal(twice.status, 409);
  assert.equal(twice.json.error.reason, 'legal_hold.already_active');
  assert.equal((await srv.sql(`SELECT reason_enc FROM legal_hold WHERE client_id = '${g.id}'`)).includes('onderzoek'), false, 'the reason is encrypted');

  assert.match((await purge('2030-01-01')).stdout, /retention: 0 destroyed/);
  assert.ok(await exists(g.id));

  const lift = await as('admin', 'POST', `${g.base}/legal-holds/lift`, { reason: 'Onderzoek is afgesloten' });
  assert.equal(lift.status, 200, JSON.stringify(lift.json));
  assert.equal(lift.json.active, false);
  assert.equal((await as('admin', 'POST', `${g.base}/legal-holds/lift`, { reason: 'Onderzoek is afgesloten' })).json.error.reason, 'legal_hold.none_active');
  const list = await as('coordinator', 'GET', `${g.base}/legal-holds`);
  assert.equal(list.json.items[0].reason, 'Lopend strafrechtelijk onderzoek');
  assert.match((await purge('2030-01-01')).stdout, /retention: 1 destroyed/);
  assert.equal(await exists(g.id), false);
});

test('her written request: who may ask by age, a refusal with its ground, carried out within three months', async () => {
  // Born 2000-05-10: 12 on 2012-05-10.
  const g = await girl({ birth: '2000-05-10', start: '2010-01-01', ended: '2020-01-01' });
  const url = `${g.base}/destruction-requests`;
  assert.equal((await as('caregiver', 'POST', url, { request_date: '2024-01-10', requested_by: 'herself' })).status, 404, 'not hers to see');
  const own = `/api/v1/clients/${s.client.user.client_id}/destruction-requests`;
  assert.equal((await as('client', 'POST', own, { request_date: '2024-01-10', requested_by: 'herself' })).status, 403, 'her coordinator records it');
  let r = await as('coordinator', 'POST', url, { request_date: '2012-05-09', requested_by: 'herself' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.reason, 'requested_by.wrong_for_age');
  r = await as('coordinator', 'POST', url, { request_date: '2012-05-10', requested_by: 'parents' });
  assert.equal(r.json.error.reason, 'requested_by.wrong_for_age');
  assert.equal((await as('coordinator', 'POST', url, { request_date: '2099-01-01', requested_by: 'herself' })).status, 400);
  assert.equal((await as('coordinator', 'POST', url, { request_date: '2024-01-10', requested_by: 'friend' })).json.error.field, 'requested_by');

  const made = await as('coordinator', 'POST', url, { request_date: '2024-01-10', requested_by: 'herself' });
  assert.equal(made.status, 201, JSON.stringify(made.json));
  assert.equal(made.json.due_date, '2024-04-10');
  assert.equal(made.json.status, 'pending');
  assert.equal((await as('coordinator', 'POST', url, { request_date: '2024-01-11', requested_by: 'herself' })).json.error.reason, 'destruction_request.already_open');

  const dec = `${url}/${made.json.id}/decision`;
  r = await as('coordinator', 'POST', dec, { decision: 'refused' });
  assert.equal(r.json.error.reason, 'refusal_ground.required');
  r = await as('coordinator', 'POST', dec, { decision: 'refused', ground: 'legal_rule', reason: 'kort' });
  assert.equal(r.json.error.field, 'reason');
  r = await as('coordinator', 'POST', dec, { decision: 'refused', ground: 'interest_of_another', reason: 'Haar zusje heeft deze gegevens nodig in haar eigen zaak' });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal(r.json.status, 'refused');
  assert.equal(r.json.refusal_ground, 'interest_of_another');
  assert.equal((await as('coordinator', 'POST', dec, { decision: 'granted' })).json.error.reason, 'destruction_request.not_pending');
  assert.match((await purge('2024-06-01')).stdout, /requests: 0 destroyed/);
  assert.ok(await exists(g.id), 'a refused request keeps the file');

  // Undecided on its due date: carried out then, not a day before.
  const second = await as('coordinator', 'POST', url, { request_date: '2024-07-31', requested_by: 'herself' });
  assert.equal(second.json.due_date, '2024-10-31');
  const mine = await as('client', 'GET', `/api/v1/clients/${s.client.user.client_id}/destruction-requests`);
  assert.equal(mine.status, 200);
  assert.equal((await as('client', 'GET', `${url}`)).status, 404, 'not hers');
  assert.match((await purge('2024-10-30')).stdout, /requests: 0 destroyed/);
  assert.ok(await exists(g.id));
  assert.match((await purge('2024-10-31')).stdout, /requests: 1 destroyed/);
  assert.equal(await exists(g.id), false);
  assert.equal((await srv.sql(`SELECT status FROM destruction_request WHERE id = '${second.json.id}'`)).trim(), 'carried_out');
  assert.equal((await srv.sql(`SELECT purpose FROM audit_log WHERE client_id = '${g.id}' AND action = 'destroy'`)).trim(), 'request');

  // A grant is refused while her trajectory is open; granted after closing, purge carries it out at once.
  const open = await girl({ birth: '2015-01-01', start: '2025-06-01' });
  const p = await as('coordinator', 'POST', `${open.base}/destruction-requests`, { request_date: '2026-01-05', requested_by: 'parents' });
  assert.equal(p.status, 201, JSON.stringify(p.json));
  const g1 = await as('coordinator', 'POST', `${open.base}/destruction-requests/${p.json.id}/decision`, { decision: 'granted' });
  assert.equal(g1.status, 409);
  assert.equal(g1.json.error.reason, 'destruction_request.care_open');
  assert.match((await purge('2027-01-01')).stdout, /requests: 0 destroyed/, 'never while her trajectory is open');
  await as('coordinator', 'POST', `${open.base}/trajectory/end`, { end_date: '2026-02-01', end_reason: 'Op haar verzoek', sign_off_reason: 'Ouders willen geen verdere hulp' });
  assert.equal((await as('coordinator', 'POST', `${open.base}/destruction-requests/${p.json.id}/decision`, { decision: 'granted' })).status, 200);
  assert.match((await purge('2026-02-02')).stdout, /requests: 1 destroyed/);
  assert.equal(await exists(open.id), false);
});

// The parts of a PDF a reader needs, checked by hand: header, objects at
// the offsets the xref names, stream lengths, the page tree, and the text.
function parsePdf(buf) {
  const s = buf.toString('latin1');
  assert.ok(s.startsWith('%PDF-1.4\n'), 'header');
  assert.ok(s.trimEnd().endsWith('%%EOF'), 'trailer end');
  const startxref = Number(/startxref\n(\d+)\n%%EOF\s*$/.exec(s)[1]);
  assert.equal(s.slice(startxref, startxref + 4), 'xref');
  const [, first, n] = /^xref\n(\d+) (\d+)\n/.exec(s.slice(startxref));
  assert.equal(Number(first), 0);
  const entries = s.slice(startxref).split('\n').slice(2, 2 + Number(n));
  entries.slice(1).forEach((line, i) => {
    const off = Number(line.slice(0, 10));
    assert.equal(s.slice(off, off + `${i + 1} 0 obj`.length), `${i + 1} 0 obj`, `object ${i + 1} at its offset`);
  });
  const texts = [];
  const re = /<< \/Length (\d+) >>\nstream\n/g;
  let m;
  while ((m = re.exec(s)) !== null) {
    const start = m.index + m[0].length;
    const body = s.slice(start, start + Number(m[1]));
    assert.equal(s.slice(start + Number(m[1]), start + Number(m[1]) + 10), '\nendstream', 'stream length');
    for (const t of body.matchAll(/\(((?:\\.|[^\\)])*)\) Tj/g)) texts.push(t[1].replace(/\\(.)/g, '$1'));
  }
  const pages = Number(/\/Type \/Pages \/Count (\d+)/.exec(s)[1]);
  assert.equal((s.match(/\/Type \/Page /g) || []).length, pages);
  return { pages, text: texts.join('\n') };
}

test('her file: JSON bundle and PDF for her and her coordinator, audited; a transfer export for the coordinator', async () => {
  const mine = s.client.user.client_id;
  const url = `/api/v1/clients/${mine}/export`;
  const j = await as('client', 'GET', url);
  assert.equal(j.status, 200, JSON.stringify(j.json));
  assert.equal(j.json.format, 'doorloop.file.v1');
  assert.equal(j.json.client.id, mine);
  for (const k of ['trajectory', 'phases', 'legal_bases', 'court_orders', 'team', 'promises', 'journal', 'own_plan', 'consents', 'access_log', 'destruction_requests'])
    assert.ok(k in j.json, k);
  assert.ok(j.json.journal.length > 0, 'her journal is in it');
  const me = (await as('client', 'GET', '/api/v1/me')).json;
  assert.deepEqual(j.json.journal.map((x) => x.id).sort(), me.journal.map((x) => x.id).sort(), 'exactly what her portal shows of the journal');
  assert.equal(j.json.client.bsn, undefined);

  const p = await api(srv, 'GET', `${url}?format=pdf`, { token: s.client.token });
  assert.equal(p.status, 200);
  assert.equal(p.headers['content-type'], 'application/pdf');
  assert.match(p.headers['content-disposition'], /attachment/);
  const pdf = parsePdf(p.bytes);
  assert.ok(pdf.pages >= 1);
  assert.match(pdf.text, new RegExp(`Dossier van ${j.json.client.pseudonym}`));
  const words = j.json.journal[0].text.split(' ').slice(0, 3).join(' ');
  assert.ok(words.length > 3 && pdf.text.includes(words), 'the journal text is in the PDF');

  assert.equal((await as('coordinator', 'GET', url)).status, 200);
  assert.equal((await as('caregiver', 'GET', url)).status, 403);
  const bad = await as('client', 'GET', `${url}?format=docx`);
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.reason, 'format.unknown');
  assert.ok(await count(`SELECT COUNT(*) FROM audit_log WHERE client_id = '${mine}' AND action = 'export' AND object_type = 'client' AND outcome = 'ok'`) >= 3);

  const cli = await srv.run(['export', mine, '--format', 'json']);
  assert.equal(cli.code, 0, cli.stderr);
  const fromCli = JSON.parse(cli.stdout);
  assert.deepEqual(fromCli.journal.map((x) => x.id).sort(), j.json.journal.map((x) => x.id).sort());
  assert.equal((await srv.run(['export', 'nobody', '--format', 'json'])).code, 2);
  assert.equal((await srv.run(['export', mine, '--format', 'xml'])).code, 2);

  const tr = await as('coordinator', 'GET', `/api/v1/clients/${mine}/transfer`);
  assert.equal(tr.status, 200, JSON.stringify(tr.json));
  assert.equal(tr.json.format, 'doorloop.transfer.v1');
  assert.equal(tr.json.trajectory.client_id, mine);
  assert.ok(Array.isArray(tr.json.phases) && Array.isArray(tr.json.legal_bases));
  assert.ok(Array.isArray(tr.json.life_domains.items) && tr.json.life_domains.items.length > 0);
  assert.equal(tr.json.journal, undefined, 'her journal goes to her, not to the next provider');
  assert.equal((await as('client', 'GET', `/api/v1/clients/${mine}/transfer`)).status, 403);
  assert.equal((await as('caregiver', 'GET', `/api/v1/clients/${mine}/transfer`)).status, 403);
});

test('settings: the 29-February birthday and break-the-glass minutes are read by every request', async () => {
  const leap = await girl({ birth: '2008-02-29', start: '2020-01-01' });
  const before = (await as('coordinator', 'GET', leap.base)).json;
  assert.equal(before.eighteenth_birthday, '2026-03-01');
  assert.equal((await srv.run(['config', 'set', 'date.leap_feb28', '2'])).code, 2);
  assert.equal((await srv.run(['config', 'set', 'date.leap_feb28', '1'])).code, 0);
  try {
    assert.equal((await as('coordinator', 'GET', leap.base)).json.eighteenth_birthday, '2026-02-28', 'no restart needed');
  } finally {
    await srv.run(['config', 'unset', 'date.leap_feb28']);
  }
  assert.equal((await as('coordinator', 'GET', leap.base)).json.eighteenth_birthday, '2026-03-01');

  assert.equal((await srv.run(['config', 'set', 'glass.minutes', '4'])).code, 2);
  assert.equal((await srv.run(['config', 'set', 'glass.minutes', '15'])).code, 0);
  try {
    const g = await as('caregiver', 'POST', `${leap.base}/break-glass`, { reason: 'Nachtdienst: crisis, mentor onbereikbaar' });
    assert.equal(g.status, 201, JSON.stringify(g.json));
    assert.equal(g.json.minutes, 15);
  } finally {
    await srv.run(['config', 'unset', 'glass.minutes']);
  }
  const list = (await srv.run(['config', 'list'])).stdout;
  for (const name of ['retention.years', 'retention.court_order_years', 'retention.request_months', 'date.leap_feb28', 'glass.minutes'])
    assert.match(list, new RegExp(name.replace('.', '\\.')));
  assert.ok(await count("SELECT COUNT(*) FROM audit_log WHERE action IN ('config_set', 'config_unset') AND object_id = 'glass.minutes'") >= 2);
});

test('the daily run inside serve destroys what is due when it starts', async () => {
  const g = await girl({ ended: '2001-01-01' });
  // A second server on the same database on a later day: the daily run
  // goes once at its start.
  const port = 20000 + Math.floor(Math.random() * 20000);
  const proc = spawn(BIN, ['serve', '--db', srv.dbUrl, '--key-file', srv.keyFile, '--listen', `127.0.0.1:${port}`], { env: { ...process.env, DOORLOOP_TODAY: '2021-01-02' }, stdio: 'ignore' });
  try {
    let gone = false;
    for (let i = 0; i < 100 && !gone; i++) {
      await new Promise((r) => setTimeout(r, 100));
      gone = !(await exists(g.id));
    }
    assert.ok(gone, 'destroyed by the daily run');
    assert.equal((await srv.sql(`SELECT remote_addr FROM audit_log WHERE client_id = '${g.id}' AND action = 'destroy'`)).trim(), 'local:purge');
  } finally {
    proc.kill('SIGTERM');
  }
});
