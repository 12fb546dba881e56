// Wire-level scenarios for her voice (DOMAIN.md R9, R10, consent): promises,
// journal, her own plan, consent, the portal (GET /api/v1/me), the promise
// figures and the coordinator's withheld list.  Runs against the database
// named by DOORLOOP_TEST_DB_KIND (sqlite|postgres).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startServer, login, api } from './lib/harness.mjs';

const kind = process.env.DOORLOOP_TEST_DB_KIND || 'sqlite';
let srv;
const s = {};   // sessions by role
const ids = {}; // demo client ids by pseudonym

before(async () => {
  srv = await startServer({ db: kind });
  // The partner's placement with Mila ended months ago; a grace period
  // keeps her relation, so the role checks below are what refuses her.
  await srv.run(['config', 'set', 'access.partner_grace_days', '365']);
  for (const r of ['admin', 'coordinator', 'caregiver', 'partner', 'client', 'municipality', 'monitor'])
    s[r] = await login(srv, r);
  const res = await api(srv, 'GET', '/api/v1/clients?limit=200', { token: s.coordinator.token });
  for (const c of res.json.items) ids[c.pseudonym] = c.id;
});

after(async () => { await srv?.stop(); });

const as = (role, method, path, body) => api(srv, method, path, { token: s[role].token, body });
const mila = () => `/api/v1/clients/${ids.Mila}`;
const ZERO = '01890000-0000-7000-8000-000000000000';
// The demo's birth dates are relative to today, so consent dates are too.
const daysAgo = (n) => new Date(Date.now() - n * 86400000).toISOString().slice(0, 10);

async function accessLog(id) {
  const r = await as('coordinator', 'GET', `/api/v1/clients/${id}/access-log?limit=200`);
  assert.equal(r.status, 200);
  return r.json.items;
}

// The rows of a table for one client, by hand: proves nothing was stored.
async function count(table, clientId) {
  return Number((await srv.sql(`SELECT COUNT(*) FROM ${table} WHERE client_id = '${clientId}'`)).trim());
}

// Bad input: each case 400 naming its field, and nothing stored.
async function badCases(role, path, table, clientId, cases) {
  const before = await count(table, clientId);
  for (const [what, body, field] of cases) {
    const r = await as(role, 'POST', path, body);
    assert.equal(r.status, 400, `${what}: ${r.text}`);
    assert.equal(r.json.error.field ?? null, field, what);
    assert.ok(r.json.error.message, what);
  }
  assert.equal(await count(table, clientId), before, `nothing stored in ${table}`);
}

// ---------------- promises ----------------

test('the demo shows promises kept, broken, overdue and changed with her agreement', async () => {
  const r = await as('caregiver', 'GET', `${mila()}/promises`);
  assert.equal(r.status, 200);
  const by = (st) => r.json.items.filter((p) => p.status === st);
  assert.ok(by('kept').length >= 1);
  assert.ok(by('broken').length >= 1);
  assert.ok(r.json.items.some((p) => p.status === 'open' && p.overdue));
  const changed = by('changed')[0];
  assert.ok(changed.replaced_by);
  const successor = r.json.items.find((p) => p.id === changed.replaced_by);
  assert.equal(successor.replaces, changed.id);
  assert.ok(successor.agreement && successor.agreed_on);
  assert.equal(successor.what, changed.what, 'the old version stays as it was');
  const hers = r.json.items.find((p) => p.her_view);
  assert.equal(hers.her_view.view, 'not_kept');
});

test('a caregiver records a promise, closes it, and it cannot be closed twice', async () => {
  const c = await as('caregiver', 'POST', `${mila()}/promises`, { what: 'Ik regel een fiets voor je.', due_date: '2027-01-15' });
  assert.equal(c.status, 201, c.text);
  assert.equal(c.json.status, 'open');
  assert.equal(c.json.promised_by.display_name, 'Demo Hulpverlener (Sanne)');
  assert.equal(c.json.what, 'Ik regel een fiets voor je.');
  const got = await as('client', 'GET', `${mila()}/promises/${c.json.id}`);
  assert.equal(got.status, 200);
  assert.equal(got.json.what, 'Ik regel een fiets voor je.');
  const close = await as('caregiver', 'POST', `${mila()}/promises/${c.json.id}/close`, { outcome: 'kept', note: 'Fiets staat klaar.' });
  assert.equal(close.status, 200, close.text);
  assert.equal(close.json.status, 'kept');
  assert.equal(close.json.closed_by.display_name, 'Demo Hulpverlener (Sanne)');
  assert.ok(close.json.closed_at);
  const again = await as('caregiver', 'POST', `${mila()}/promises/${c.json.id}/close`, { outcome: 'broken' });
  assert.equal(again.status, 409);
  assert.equal((await as('caregiver', 'GET', `${mila()}/promises/${c.json.id}`)).json.status, 'kept');
  // Made by a colleague: promised_by_id.
  const users = (await as('coordinator', 'GET', '/api/v1/users?role=caregiver')).json.items;
  const bram = users.find((u) => u.username === 'mentor.bram');
  const other = await as('coordinator', 'POST', `${mila()}/promises`, { what: 'Ik kom langs.', due_date: '2027-02-01', promised_by_id: bram.id });
  assert.equal(other.status, 201, other.text);
  assert.equal(other.json.promised_by.id, bram.id);
  assert.equal(other.json.recorded_by.display_name, 'Demo Coördinator (Anouk)');
});

test('a change needs her agreement; the old version stays and is closed as changed', async () => {
  const c = await as('caregiver', 'POST', `${mila()}/promises`, { what: 'Ik zoek een stageplek.', due_date: '2027-01-10' });
  const bad = await as('caregiver', 'POST', `${mila()}/promises/${c.json.id}/change`, { due_date: '2027-03-01', agreed_on: '2026-01-01' });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'agreement');
  const nothing = await as('caregiver', 'POST', `${mila()}/promises/${c.json.id}/change`, { agreement: 'Ze vond het goed.', agreed_on: '2026-01-01' });
  assert.equal(nothing.status, 400);
  assert.equal(nothing.json.error.field, 'what');
  const ch = await as('caregiver', 'POST', `${mila()}/promises/${c.json.id}/change`, { due_date: '2027-03-01', agreement: 'Besproken met Mila; ze vond het goed.', agreed_on: '2026-01-01' });
  assert.equal(ch.status, 201, ch.text);
  assert.equal(ch.json.replaces, c.json.id);
  assert.equal(ch.json.due_date, '2027-03-01');
  assert.equal(ch.json.what, 'Ik zoek een stageplek.');
  assert.equal(ch.json.agreement, 'Besproken met Mila; ze vond het goed.');
  const old = await as('caregiver', 'GET', `${mila()}/promises/${c.json.id}`);
  assert.equal(old.json.status, 'changed');
  assert.equal(old.json.due_date, '2027-01-10');
  assert.equal(old.json.replaced_by, ch.json.id);
  const twice = await as('caregiver', 'POST', `${mila()}/promises/${c.json.id}/change`, { due_date: '2027-04-01', agreement: 'Nog eens.', agreed_on: '2026-01-01' });
  assert.equal(twice.status, 409);
});

test('she marks a promise as not kept from her side; the staff status stays', async () => {
  const c = await as('caregiver', 'POST', `${mila()}/promises`, { what: 'Ik bel je moeder.', due_date: '2026-01-01' });
  await as('caregiver', 'POST', `${mila()}/promises/${c.json.id}/close`, { outcome: 'kept' });
  const v = await as('client', 'POST', `${mila()}/promises/${c.json.id}/her-view`, { view: 'not_kept', note: 'Ze heeft niet gebeld.' });
  assert.equal(v.status, 201, v.text);
  assert.equal(v.json.status, 'kept', 'her view never overwrites the staff status');
  assert.equal(v.json.her_view.view, 'not_kept');
  assert.equal(v.json.her_view.note, 'Ze heeft niet gebeld.');
  const v2 = await as('client', 'POST', `${mila()}/promises/${c.json.id}/her-view`, { view: 'kept' });
  assert.equal(v2.json.her_views.length, 2, 'her earlier view stays');
  assert.equal(v2.json.her_view.view, 'kept');
  const staff = await as('caregiver', 'GET', `${mila()}/promises/${c.json.id}`);
  assert.equal(staff.json.her_views[0].note, 'Ze heeft niet gebeld.');
  // Only she gives her view.
  const no = await as('caregiver', 'POST', `${mila()}/promises/${c.json.id}/her-view`, { view: 'not_kept' });
  assert.equal(no.status, 403);
  const bad = await as('client', 'POST', `${mila()}/promises/${c.json.id}/her-view`, { view: 'meh' });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'view');
});

test('promises: bad input is refused naming the field and stores nothing', async () => {
  await badCases('caregiver', `${mila()}/promises`, 'promise', ids.Mila, [
    ['missing what', { due_date: '2027-01-01' }, 'what'],
    ['empty what', { what: '   ', due_date: '2027-01-01' }, 'what'],
    ['invalid date', { what: 'x', due_date: '2027-02-30' }, 'due_date'],
    ['unknown field', { what: 'x', due_date: '2027-01-01', colour: 'red' }, 'colour'],
    ['unknown promiser', { what: 'x', due_date: '2027-01-01', promised_by_id: ZERO }, 'promised_by_id'],
    ['promiser not a caregiver', { what: 'x', due_date: '2027-01-01', promised_by_id: s.client.user.id }, 'promised_by_id'],
    ['too long', { what: 'x'.repeat(1001), due_date: '2027-01-01' }, 'what'],
  ]);
  const p = (await as('caregiver', 'GET', `${mila()}/promises`)).json.items.find((x) => x.status === 'open');
  const bad = await as('caregiver', 'POST', `${mila()}/promises/${p.id}/close`, { outcome: 'maybe' });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'outcome');
  assert.equal((await as('caregiver', 'GET', `${mila()}/promises/${p.id}`)).json.status, 'open');
  assert.equal((await as('caregiver', 'GET', `${mila()}/promises/${ZERO}`)).status, 404);
});

test('promises: roles that may not are refused, and the refusal is audited', async () => {
  const p = (await as('coordinator', 'GET', `${mila()}/promises`)).json.items[0];
  const body = { what: 'Niet toegestaan.', due_date: '2027-01-01' };
  assert.equal((await as('client', 'POST', `${mila()}/promises`, body)).status, 403);
  assert.equal((await as('partner', 'GET', `${mila()}/promises`)).status, 403);
  assert.equal((await as('client', 'POST', `${mila()}/promises/${p.id}/close`, { outcome: 'broken' })).status, 403);
  for (const r of ['municipality', 'monitor', 'admin'])
    assert.equal((await as(r, 'GET', `${mila()}/promises`)).status, 404, r);
  assert.equal((await as('caregiver', 'GET', `/api/v1/clients/${ids.Fenna}/promises`)).status, 404);
  const log = await accessLog(ids.Mila);
  const denied = log.filter((x) => x.outcome === 'denied' && x.object_type === 'promise');
  assert.ok(denied.some((x) => x.role === 'client' && x.action === 'create'));
  assert.ok(denied.some((x) => x.role === 'partner' && x.action === 'read'));
  assert.ok(denied.some((x) => x.role === 'client' && x.action === 'close'));
});

test('overdue promises are listed as overdue', async () => {
  const c = await as('caregiver', 'POST', `/api/v1/clients/${ids.Lily}/promises`, { what: 'Ik stuur je de brief.', due_date: '2020-01-01' });
  assert.equal(c.json.overdue, true);
  const list = await as('caregiver', 'GET', `/api/v1/clients/${ids.Lily}/promises`);
  assert.ok(list.json.items.find((p) => p.id === c.json.id).overdue);
});

test('an overdue promise is on the worklist', async () => {
  const w = await as('caregiver', 'GET', '/api/v1/worklist?rule=promise_overdue');
  assert.equal(w.status, 200, w.text);
  const mine = w.json.items.filter((x) => x.rule === 'promise_overdue' && JSON.stringify(x).includes(ids.Mila));
  assert.ok(mine.length >= 1);
  assert.equal(mine[0].overdue, true);
});

test('the coordinator sees the share of promises kept per caregiver, team and institution', async () => {
  const k = await as('caregiver', 'POST', `${mila()}/promises`, { what: 'Ik haal je op.', due_date: '2026-02-01' });
  await as('caregiver', 'POST', `${mila()}/promises/${k.json.id}/close`, { outcome: 'kept' });
  await as('client', 'POST', `${mila()}/promises/${k.json.id}/her-view`, { view: 'not_kept' });
  const f = await as('coordinator', 'GET', '/api/v1/figures/promises');
  assert.equal(f.status, 200, f.text);
  assert.equal(f.json.organisation.name, 'Stichting De Overstap (demo)');
  const t = f.json.institution;
  assert.ok(t.kept > 0 && t.broken > 0 && t.overdue > 0);
  assert.equal(t.share_kept, t.kept / (t.kept + t.broken + t.overdue));
  const sanne = f.json.caregivers.find((c) => c.user.display_name === 'Demo Hulpverlener (Sanne)');
  assert.ok(sanne);
  assert.ok(f.json.teams.find((x) => x.client.pseudonym === 'Mila'));
  assert.ok(f.json.teams.every((x) => typeof x.kept === 'number'));
  assert.ok(t.disputed >= 1, 'a promise kept by the staff but not in her view is counted as disputed');
  for (const r of ['caregiver', 'client', 'partner', 'municipality', 'admin'])
    assert.equal((await as(r, 'GET', '/api/v1/figures/promises')).status, 403, r);
});

// ---------------- journal ----------------

async function newEntry(text = 'Gesprek over school.', extra = {}) {
  const r = await as('caregiver', 'POST', `${mila()}/journal`, { text, ...extra });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

test('a caregiver writes an entry; she reads it by default', async () => {
  const e = await newEntry('Mila heeft haar rooster laten zien.', { entry_date: '2026-01-05' });
  assert.equal(e.version, 1);
  assert.equal(e.visible_to_client, true);
  assert.equal(e.entry_date, '2026-01-05');
  const hers = await as('client', 'GET', `${mila()}/journal/${e.id}`);
  assert.equal(hers.status, 200);
  assert.equal(hers.json.text, 'Mila heeft haar rooster laten zien.');
  assert.equal(hers.json.versions, undefined);
  assert.equal(hers.json.withheld, undefined);
  assert.equal(hers.json.visible_to_client, undefined);
  const list = await as('client', 'GET', `${mila()}/journal`);
  assert.ok(list.json.items.some((x) => x.id === e.id));
});

test('a caregiver cannot edit an entry in place: PATCH and PUT are refused and audited', async () => {
  const e = await newEntry('Origineel.');
  for (const m of ['PATCH', 'PUT']) {
    const r = await as('caregiver', m, `${mila()}/journal/${e.id}`, { text: 'Stiekem anders.' });
    assert.equal(r.status, 409, m);
    assert.match(r.json.error.message, /never changed in place/);
  }
  assert.equal((await as('coordinator', 'PATCH', `${mila()}/journal/${e.id}`, { text: 'x' })).status, 409);
  const got = await as('caregiver', 'GET', `${mila()}/journal/${e.id}`);
  assert.equal(got.json.text, 'Origineel.');
  assert.equal(got.json.versions.length, 1);
  const log = await accessLog(ids.Mila);
  assert.ok(log.some((x) => x.outcome === 'denied' && x.action === 'update' && x.object_type === 'journal_entry'));
  const other = await as('caregiver', 'DELETE', `${mila()}/journal/${e.id}`);
  assert.equal(other.status, 405);
});

test('a correction is a new version; earlier versions stay readable to the team', async () => {
  const e = await newEntry('Mila was lastig.');
  const c = await as('caregiver', 'POST', `${mila()}/journal/${e.id}/corrections`, { text: 'Mila was moe en wilde rust.', reason: 'Oordeel vervangen door beschrijving.' });
  assert.equal(c.status, 201, c.text);
  assert.equal(c.json.id, e.id);
  assert.equal(c.json.version, 2);
  assert.equal(c.json.text, 'Mila was moe en wilde rust.');
  assert.equal(c.json.versions.length, 2);
  assert.equal(c.json.versions[0].text, 'Mila was lastig.');
  assert.equal(c.json.versions[1].correction_reason, 'Oordeel vervangen door beschrijving.');
  const hers = await as('client', 'GET', `${mila()}/journal/${e.id}`);
  assert.equal(hers.json.text, 'Mila was moe en wilde rust.');
  assert.equal(hers.json.corrected, true);
  assert.ok(!JSON.stringify(hers.json).includes('lastig'), 'she sees the corrected text, not the earlier version');
  const bad = await as('caregiver', 'POST', `${mila()}/journal/${e.id}/corrections`, { text: 'Zonder reden.' });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'reason');
  assert.equal((await as('caregiver', 'GET', `${mila()}/journal/${e.id}`)).json.versions.length, 2);
  assert.equal((await as('client', 'POST', `${mila()}/journal/${e.id}/corrections`, { text: 'x', reason: 'y' })).status, 403);
});

test('her statement appears beside the entry for the caregiver, and is never changed', async () => {
  const e = await newEntry('Mila wil niet naar de groepsavond.');
  const st = await as('client', 'POST', `${mila()}/journal/${e.id}/statements`, { text: 'Ik wil wel, maar niet op vrijdag.' });
  assert.equal(st.status, 201, st.text);
  assert.equal(st.json.statements.length, 1);
  const staff = await as('caregiver', 'GET', `${mila()}/journal/${e.id}`);
  assert.equal(staff.json.statements[0].text, 'Ik wil wel, maar niet op vrijdag.');
  assert.equal(staff.json.statements[0].answers_version, 1);
  const list = await as('caregiver', 'GET', `${mila()}/journal`);
  assert.equal(list.json.items.find((x) => x.id === e.id).statements[0].text, 'Ik wil wel, maar niet op vrijdag.');
  // A correction keeps her statement beside the entry.
  await as('caregiver', 'POST', `${mila()}/journal/${e.id}/corrections`, { text: 'Mila wil niet op vrijdag naar de groepsavond.', reason: 'Haar reactie verwerkt.' });
  const after = await as('caregiver', 'GET', `${mila()}/journal/${e.id}`);
  assert.equal(after.json.statements.length, 1);
  assert.equal(after.json.statements[0].text, 'Ik wil wel, maar niet op vrijdag.');
  assert.equal(after.json.statements[0].answers_version, 1, 'it still says which version she answered');
  // Only she writes her statement; bad input stores nothing.
  assert.equal((await as('caregiver', 'POST', `${mila()}/journal/${e.id}/statements`, { text: 'Namens haar.' })).status, 403);
  await badCases('client', `${mila()}/journal/${e.id}/statements`, 'journal_statement', ids.Mila, [
    ['missing text', {}, 'text'],
    ['blank text', { text: ' ' }, 'text'],
    ['unknown field', { text: 'x', mood: 'blij' }, 'mood'],
    ['too long', { text: 'x'.repeat(4001) }, 'text'],
  ]);
  assert.equal((await as('client', 'POST', `${mila()}/journal/${ZERO}/statements`, { text: 'x' })).status, 404);
});

test('a withheld entry is absent from her views, and its withholding is audited and listed', async () => {
  const e = await newEntry('Informatie van de politie over een onderzoek.');
  const short = await as('caregiver', 'POST', `${mila()}/journal/${e.id}/withhold`, { reason: 'nee' });
  assert.equal(short.status, 400);
  assert.equal(short.json.error.field, 'reason');
  const w = await as('caregiver', 'POST', `${mila()}/journal/${e.id}/withhold`, { reason: 'Lopend onderzoek, delen schaadt haar veiligheid.' });
  assert.equal(w.status, 200, w.text);
  assert.equal(w.json.visible_to_client, false);
  assert.equal(w.json.withheld.reason, 'Lopend onderzoek, delen schaadt haar veiligheid.');
  assert.equal((await as('caregiver', 'POST', `${mila()}/journal/${e.id}/withhold`, { reason: 'Nog een keer inhouden.' })).status, 409);
  // Absent from every view of hers.
  const list = await as('client', 'GET', `${mila()}/journal`);
  assert.ok(!list.json.items.some((x) => x.id === e.id));
  assert.equal((await as('client', 'GET', `${mila()}/journal/${e.id}`)).status, 404);
  assert.equal((await as('client', 'POST', `${mila()}/journal/${e.id}/statements`, { text: 'x' })).status, 404);
  const me = await as('client', 'GET', '/api/v1/me');
  const portal = JSON.stringify(me.json);
  assert.ok(!portal.includes(e.id));
  assert.ok(!portal.includes('politie'));
  assert.ok(!portal.includes('Lopend onderzoek'));
  // Audited, and visible to the coordinator with its reason.
  const log = await accessLog(ids.Mila);
  assert.ok(log.some((x) => x.outcome === 'ok' && x.action === 'withhold' && x.object_type === 'journal_entry'));
  const wl = await as('coordinator', 'GET', '/api/v1/journal/withheld');
  assert.equal(wl.status, 200);
  const row = wl.json.items.find((x) => x.entry_id === e.id);
  assert.equal(row.reason, 'Lopend onderzoek, delen schaadt haar veiligheid.');
  assert.equal(row.client.pseudonym, 'Mila');
  assert.equal(row.withheld_by.display_name, 'Demo Hulpverlener (Sanne)');
  for (const r of ['caregiver', 'client', 'partner', 'admin'])
    assert.equal((await as(r, 'GET', '/api/v1/journal/withheld')).status, 403, r);
  // Released, it is hers to read again.
  const rel = await as('coordinator', 'POST', `${mila()}/journal/${e.id}/release`, {});
  assert.equal(rel.status, 200, rel.text);
  assert.equal(rel.json.visible_to_client, true);
  assert.equal((await as('client', 'GET', `${mila()}/journal/${e.id}`)).status, 200);
  assert.equal((await as('coordinator', 'POST', `${mila()}/journal/${e.id}/release`, {})).status, 409);
  assert.ok(!(await as('coordinator', 'GET', '/api/v1/journal/withheld')).json.items.some((x) => x.entry_id === e.id));
});

test('an entry can be withheld from the start, with its reason', async () => {
  const bad = await as('caregiver', 'POST', `${mila()}/journal`, { text: 'x', withhold_reason: 'kort' });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'withhold_reason');
  const e = await newEntry('Zorgmelding over thuis.', { withhold_reason: 'Eerst met de ouders bespreken vanwege haar veiligheid.' });
  assert.equal(e.visible_to_client, false);
  assert.equal((await as('client', 'GET', `${mila()}/journal/${e.id}`)).status, 404);
});

test('journal: bad input is refused naming the field and stores nothing; other roles are refused', async () => {
  await badCases('caregiver', `${mila()}/journal`, 'journal_entry', ids.Mila, [
    ['missing text', { entry_date: '2026-01-01' }, 'text'],
    ['invalid date', { text: 'x', entry_date: '2026-13-01' }, 'entry_date'],
    ['a day to come', { text: 'x', entry_date: '2999-01-01' }, 'entry_date'],
    ['before her birth', { text: 'x', entry_date: '1995-01-01' }, 'entry_date'],
    ['unknown field', { text: 'x', visible: false }, 'visible'],
    ['too long', { text: 'x'.repeat(10001) }, 'text'],
  ]);
  assert.equal((await as('client', 'POST', `${mila()}/journal`, { text: 'Mijn eigen verslag.' })).status, 403);
  assert.equal((await as('partner', 'GET', `${mila()}/journal`)).status, 403);
  assert.equal((await as('partner', 'POST', `${mila()}/journal`, { text: 'x' })).status, 403);
  assert.equal((await as('caregiver', 'GET', `/api/v1/clients/${ids.Fenna}/journal`)).status, 404);
  for (const r of ['municipality', 'monitor', 'admin'])
    assert.equal((await as(r, 'GET', `${mila()}/journal`)).status, 404, r);
  const e = (await as('caregiver', 'GET', `${mila()}/journal`)).json.items[0];
  assert.equal((await as('client', 'POST', `${mila()}/journal/${e.id}/withhold`, { reason: 'Ik wil dit niet zien.' })).status, 403);
  const log = await accessLog(ids.Mila);
  const denied = log.filter((x) => x.outcome === 'denied' && x.object_type === 'journal_entry');
  assert.ok(denied.some((x) => x.role === 'client' && x.action === 'create'));
  assert.ok(denied.some((x) => x.role === 'partner'));
  assert.ok(denied.some((x) => x.role === 'client' && x.action === 'withhold'));
});

// ---------------- her own plan ----------------

test('she writes her own plan per domain; versions are kept and the caregivers read it', async () => {
  const w1 = await as('client', 'POST', `${mila()}/own-plan`, { domain: 'housing', text: 'Ik wil een eigen kamer.' });
  assert.equal(w1.status, 201, w1.text);
  assert.equal(w1.json.version, 1);
  const w2 = await as('client', 'POST', `${mila()}/own-plan`, { domain: 'housing', text: 'Ik wil een eigen kamer, dicht bij mijn zus.' });
  assert.equal(w2.json.version, 2);
  const staff = await as('caregiver', 'GET', `${mila()}/own-plan`);
  assert.equal(staff.status, 200);
  const housing = staff.json.items.find((x) => x.domain === 'housing');
  assert.equal(housing.text, 'Ik wil een eigen kamer, dicht bij mijn zus.');
  assert.equal(staff.json.items[0].domain, 'general', 'the whole plan first (demo)');
  const hist = await as('coordinator', 'GET', `${mila()}/own-plan/housing`);
  assert.deepEqual(hist.json.versions.map((v) => v.text), ['Ik wil een eigen kamer, dicht bij mijn zus.', 'Ik wil een eigen kamer.']);
  const plain = await as('client', 'POST', `${mila()}/own-plan`, { text: 'Mijn plan in het algemeen.' });
  assert.equal(plain.json.domain, 'general');
  assert.equal((await as('client', 'GET', `${mila()}/own-plan/hobbies`)).status, 400);
});

test('own plan: only she writes it; bad input stores nothing', async () => {
  assert.equal((await as('caregiver', 'POST', `${mila()}/own-plan`, { text: 'Haar plan volgens mij.' })).status, 403);
  assert.equal((await as('coordinator', 'POST', `${mila()}/own-plan`, { text: 'x' })).status, 403);
  assert.equal((await as('partner', 'GET', `${mila()}/own-plan`)).status, 403);
  await badCases('client', `${mila()}/own-plan`, 'own_plan', ids.Mila, [
    ['missing text', { domain: 'work' }, 'text'],
    ['unknown domain', { domain: 'hobbies', text: 'x' }, 'domain'],
    ['unknown field', { text: 'x', title: 'y' }, 'title'],
    ['too long', { text: 'x'.repeat(4001) }, 'text'],
  ]);
  const log = await accessLog(ids.Mila);
  assert.ok(log.some((x) => x.outcome === 'denied' && x.object_type === 'own_plan' && x.role === 'caregiver'));
});

// ---------------- consent ----------------

test('consent follows the age rule unless an exception is stated', async () => {
  // Isa is 14: parents and she together.
  const isa = `/api/v1/clients/${ids.Isa}`;
  const list = await as('caregiver', 'GET', `${isa}/consents`);
  assert.equal(list.json.required_today, 'both');
  const day = daysAgo(30);
  const wrong = await as('caregiver', 'POST', `${isa}/consents`, { kind: 'parent_access', recipient: 'Vader', basis: 'client', given_on: day });
  assert.equal(wrong.status, 400);
  assert.equal(wrong.json.error.field, 'basis');
  assert.match(wrong.json.error.message, /both/);
  const ok = await as('caregiver', 'POST', `${isa}/consents`, { kind: 'parent_access', recipient: 'Vader', purpose: 'Mag het plan lezen', basis: 'both', given_on: day });
  assert.equal(ok.status, 201, ok.text);
  assert.equal(ok.json.fits_age_rule, true);
  assert.ok(ok.json.age_years >= 12 && ok.json.age_years < 16);
  const exc = await as('caregiver', 'POST', `${isa}/consents`, { kind: 'data_sharing', recipient: 'Huisarts', basis: 'client', given_on: day, exception: 'Ouders onbereikbaar; medisch noodzakelijk (WGBO).' });
  assert.equal(exc.status, 201, exc.text);
  assert.equal(exc.json.fits_age_rule, false);
  assert.equal(exc.json.required_basis, 'both');
  // Registration as a victim: below 16 her parents sign.
  const reg = await as('caregiver', 'POST', `${isa}/consents`, { kind: 'registration', recipient: 'CoMensha', basis: 'parents', given_on: day });
  assert.equal(reg.status, 201, reg.text);
  // Mila (17) decides herself; withdrawal keeps the record.
  const m = await as('caregiver', 'POST', `${mila()}/consents`, { kind: 'data_sharing', recipient: 'Woningcorporatie', basis: 'client', given_on: daysAgo(30) });
  assert.equal(m.status, 201, m.text);
  const wd = await as('caregiver', 'POST', `${mila()}/consents/${m.json.id}/withdraw`, { withdrawn_on: daysAgo(20) });
  assert.equal(wd.status, 200, wd.text);
  assert.equal(wd.json.active, false);
  assert.equal((await as('caregiver', 'POST', `${mila()}/consents/${m.json.id}/withdraw`, { withdrawn_on: daysAgo(19) })).status, 409);
  const hers = await as('client', 'GET', `${mila()}/consents`);
  assert.equal(hers.status, 200);
  assert.ok(hers.json.items.some((c) => c.id === m.json.id && c.withdrawn_on === daysAgo(20)));
});

test('consent: bad input stores nothing; she and the partner cannot record one', async () => {
  await badCases('caregiver', `/api/v1/clients/${ids.Isa}/consents`, 'consent', ids.Isa, [
    ['basis not fitting her age', { kind: 'data_sharing', recipient: 'School', basis: 'parents', given_on: daysAgo(30) }, 'basis'],
    ['unknown basis', { kind: 'data_sharing', recipient: 'School', basis: 'grandma', given_on: daysAgo(30) }, 'basis'],
    ['unknown kind', { kind: 'gossip', recipient: 'School', basis: 'both', given_on: daysAgo(30) }, 'kind'],
    ['missing recipient', { kind: 'data_sharing', basis: 'both', given_on: daysAgo(30) }, 'recipient'],
    ['a day to come', { kind: 'data_sharing', recipient: 'School', basis: 'both', given_on: '2999-01-01' }, 'given_on'],
    ['short exception', { kind: 'data_sharing', recipient: 'School', basis: 'client', given_on: daysAgo(30), exception: 'omdat' }, 'exception'],
  ]);
  const body = { kind: 'data_sharing', recipient: 'School', basis: 'client', given_on: daysAgo(30) };
  assert.equal((await as('client', 'POST', `${mila()}/consents`, body)).status, 403);
  assert.equal((await as('partner', 'POST', `${mila()}/consents`, body)).status, 403);
  assert.equal((await as('client', 'GET', `/api/v1/clients/${ids.Isa}/consents`)).status, 404);
});

// ---------------- the portal ----------------

test('her portal holds her caregivers, plans, promises, journal, what happens at 18 and who looked', async () => {
  const r = await as('client', 'GET', '/api/v1/me');
  assert.equal(r.status, 200, r.text);
  const p = r.json;
  assert.equal(p.client.pseudonym, 'Mila');
  assert.equal(p.client.bsn, undefined);
  const sanne = p.caregivers.find((c) => c.main);
  assert.equal(sanne.display_name, 'Demo Hulpverlener (Sanne)');
  assert.ok(sanne.email && sanne.phone);
  assert.ok(p.own_plan.some((x) => x.domain === 'general'));
  assert.equal(p.plan.items.length, 9, "her caregivers' plan, one row per life domain");
  assert.ok(p.plan.items.every((d) => d.domain && d.status && Array.isArray(d.goals)));
  assert.ok(p.promises.some((x) => x.status === 'kept'));
  assert.ok(p.promises.some((x) => x.status === 'broken'));
  const answered = p.journal.find((j) => j.statements.length > 0);
  assert.ok(answered, 'an entry with her statement beside it');
  assert.ok(p.journal.every((j) => j.withheld === undefined && j.versions === undefined && j.correction_reason === undefined));
  assert.equal(p.at_18.arranged, true);
  assert.match(p.at_18.message, /verlengde jeugdhulp/);
  assert.ok(p.at_18.bases_after_18.some((b) => b.kind === 'verlengde_jeugdhulp'));
  assert.ok(p.at_18.changes_at_18.length > 0);
  assert.equal(p.at_18.changes_at_18_en.length, p.at_18.changes_at_18.length, 'every sentence in English too');
  assert.match(p.at_18.changes_at_18_en[0], /adult/);
  if (p.at_18.transition_plan !== null) {
    assert.ok(p.at_18.transition_plan.items.every((i) => i.item && i.status && i.notes === undefined));
  }
  assert.ok(p.consents.length >= 2);
  assert.ok(p.access_log.total > 0);
  assert.ok(p.access_log.items.some((x) => x.user && x.action));
  // The demo's withheld entry is not there.
  assert.ok(!JSON.stringify(p).includes('sociale media'));
  const staff = await as('coordinator', 'GET', `${mila()}/journal`);
  assert.ok(staff.json.items.some((j) => j.withheld && j.text.includes('sociale media')));
  for (const r2 of ['caregiver', 'coordinator', 'partner', 'admin', 'municipality'])
    assert.equal((await as(r2, 'GET', '/api/v1/me')).status, 403, r2);
});

test("a client cannot read another client's anything", async () => {
  const lily = `/api/v1/clients/${ids.Lily}`;
  const p = (await as('caregiver', 'GET', `${lily}/promises`)).json.items[0];
  const e = (await as('caregiver', 'GET', `${lily}/journal`)).json.items[0];
  const paths = [
    ['GET', `${lily}/promises`], ['GET', `${lily}/promises/${p.id}`], ['GET', `${lily}/journal`],
    ['GET', `${lily}/journal/${e.id}`], ['GET', `${lily}/own-plan`], ['GET', `${lily}/own-plan/general`],
    ['GET', `${lily}/consents`],
    ['POST', `${lily}/promises/${p.id}/her-view`, { view: 'not_kept' }],
    ['POST', `${lily}/journal/${e.id}/statements`, { text: 'Ik ben Lily niet.' }],
    ['POST', `${lily}/own-plan`, { text: 'Niet van mij.' }],
    ['PATCH', `${lily}/journal/${e.id}`, { text: 'x' }],
  ];
  const missing = await as('client', 'GET', `/api/v1/clients/${ZERO}/journal`);
  for (const [m, path, body] of paths) {
    const r = await as('client', m, path, body);
    assert.equal(r.status, 404, `${m} ${path}`);
    assert.deepEqual(r.json, missing.json, 'hidden looks exactly like absent');
  }
  // Her own promise id under another girl's path is not found either.
  const mine = (await as('client', 'GET', `${mila()}/promises`)).json.items[0];
  assert.equal((await as('caregiver', 'GET', `${lily}/promises/${mine.id}`)).status, 404);
  const log = await accessLog(ids.Lily);
  assert.ok(log.filter((x) => x.outcome === 'denied' && x.role === 'client').length >= paths.length);
  assert.equal((await as('client', 'GET', `${lily}/promises`)).json.items, undefined);
});

test('nothing of hers is silently changed: her words stay exactly as written', async () => {
  const before = (await as('client', 'GET', '/api/v1/me')).json;
  const e = before.journal.find((j) => j.statements.length > 0);
  // Staff act on the entry and her promises...
  await as('caregiver', 'POST', `${mila()}/journal/${e.id}/corrections`, { text: e.text + ' (aangevuld)', reason: 'Aanvulling na haar reactie.' });
  await as('caregiver', 'PATCH', `${mila()}/journal/${e.id}`, { statements: [] });
  const after = (await as('caregiver', 'GET', `${mila()}/journal/${e.id}`)).json;
  assert.deepEqual(after.statements.map((x) => [x.id, x.text, x.at]), e.statements.map((x) => [x.id, x.text, x.at]));
  const plan = (await as('caregiver', 'GET', `${mila()}/own-plan`)).json.items;
  for (const x of before.own_plan) {
    const now = plan.find((y) => y.domain === x.domain);
    assert.ok(now.version >= x.version);
    if (now.version === x.version) assert.equal(now.text, x.text);
  }
  const hist = (await as('caregiver', 'GET', `${mila()}/own-plan/general`)).json.versions;
  assert.ok(hist.length >= 2, 'earlier versions of her plan stay');
  const views = before.promises.filter((p) => p.her_view);
  const nowP = (await as('caregiver', 'GET', `${mila()}/promises`)).json.items;
  for (const v of views)
    assert.deepEqual(nowP.find((p) => p.id === v.id).her_views.slice(0, v.her_views.length), v.her_views);
});

test('no free text of hers or about her is in the server log or, in the clear, in the database', async () => {
  const texts = ['Ik wil hulp bij wiskunde', 'Ik had me er echt op verheugd', 'politieonderzoek', 'Lopend politieonderzoek',
    'Ik ga met je mee naar de tandarts', 'Ik wil wel, maar niet op vrijdag', 'Woningcorporatie'];
  const log = srv.log.join('\n');
  for (const t of texts) assert.ok(!log.includes(t), `log holds ${t}`);
  if (kind === 'sqlite') {
    const file = srv.dbUrl.replace(/^sqlite:/, '');
    let bytes = fs.readFileSync(file).toString('utf8');
    if (fs.existsSync(file + '-wal')) bytes += fs.readFileSync(file + '-wal').toString('utf8');
    for (const t of texts) assert.ok(!bytes.includes(t), `database holds ${t}`);
  }
});
