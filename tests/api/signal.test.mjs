// Wire-level scenarios for early signals (DOMAIN.md R12, issue 11): a
// reporter's signal form, matching on keyed hashes (BSN by one reporter,
// name + birth date by another), match notices that name the other
// reporter and never her content, the coordinator's incoming signals,
// screening and the intake that registers her without typing her again,
// access refused for every other relation, and no readable identity in the
// database, its WAL or the server log.
// Runs against the database named by DOORLOOP_TEST_DB_KIND (sqlite|postgres).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { startServer, login, api } from './lib/harness.mjs';

const kind = process.env.DOORLOOP_TEST_DB_KIND || 'sqlite';
let srv;
const s = {};
const day = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
const ROLES = ['teacher', 'police', 'gp', 'coordinator', 'caregiver', 'partner', 'client', 'municipality', 'monitor', 'admin'];

before(async () => {
  srv = await startServer({ db: kind });
  for (const r of ROLES) s[r] = await login(srv, r);
});
after(async () => { await srv?.stop(); });

const as = (role, method, p, body) => api(srv, method, p, { token: s[role].token, body });
const count = async (q) => Number((await srv.sql(q)).trim());

// A fictional BSN passing the eleven test (prefix 9999), from a number.
function bsn(n) {
  for (let k = n; ; k++) {
    const d = `9998${String(k % 10000).padStart(4, '0')}`;
    const sum = [...d].reduce((a, c, i) => a + Number(c) * (9 - i), 0);
    if (sum % 11 < 10) return d + String(sum % 11);
  }
}

async function institutions() {
  const r = await as('teacher', 'GET', '/api/v1/signals');
  assert.equal(r.status, 200, r.text);
  return Object.fromEntries(r.json.institutions.map((o) => [o.name, o.id]));
}

async function signal(role, body, status = 201) {
  const r = await as(role, 'POST', '/api/v1/signals', {
    indicators: ['older_partner'], certainty: 'likely', contact_phone: `06-5550${role.length}`, ...body,
  });
  assert.equal(r.status, status, r.text);
  return r.json;
}

test('the demo: the teacher and the police officer are matched about Jasmijn, the lone signal is not', async () => {
  const t = await as('teacher', 'GET', '/api/v1/signals');
  assert.equal(t.status, 200, t.text);
  const withMatch = t.json.items.filter((x) => x.matches.length > 0);
  assert.equal(withMatch.length, 1);
  assert.equal(withMatch[0].matches[0].organisation, 'Politie Basisteam Rivierland (demo)');
  assert.equal(withMatch[0].matches[0].phone, '06-12345002');
  assert.ok(t.json.items.some((x) => x.matches.length === 0), 'a signal without a match');
  const p = await as('police', 'GET', '/api/v1/signals');
  assert.equal(p.json.items[0].matches[0].reporter_name, 'Demo Docent (Lisa de Groot)');
  // The GP's signal led to Amber's registration and trajectory.
  const g = await as('gp', 'GET', '/api/v1/signals');
  assert.equal(g.json.items.length, 1);
  assert.equal(g.json.items[0].screening, 'confirmed');
  assert.ok(g.json.items[0].client_id);
  const c = await as('coordinator', 'GET', `/api/v1/clients/${g.json.items[0].client_id}`);
  assert.equal(c.json.pseudonym, 'Amber');
});

test('done when: teacher and police officer signal the same girl; each learns only who the other is; the coordinator registers her', async () => {
  const inst = await institutions();
  const overstap = inst['Stichting De Overstap (demo)'];
  assert.ok(overstap);
  const id = bsn(11);
  const TEACHER_TEXT = 'Zit in de pauze steeds in een auto bij het hek';
  const POLICE_TEXT = 'Aangetroffen in een vakantiepark met een 31-jarige man';
  // The teacher knows her name and birth date, not her BSN.
  const a = await signal('teacher', {
    name: 'Noëlle van den Berg', birth_date: '2011-03-14', indicators: ['picked_up', 'truancy', 'gifts_money'],
    note: TEACHER_TEXT, referred_org_id: overstap, contact_email: 'l.degroot@daltoncollege.example',
  });
  assert.equal(a.matches.length, 0, 'no one else yet');
  assert.equal(a.identity, undefined, 'a reporter is never sent an identity back');
  // The police officer knows her BSN, and writes her name differently.
  const b = await signal('police', {
    bsn: id, name: 'noelle van-den-berg', birth_date: '2011-03-14', indicators: ['missing', 'hotels_addresses'],
    certainty: 'sure', note: POLICE_TEXT,
  });
  assert.equal(b.matches.length, 1, JSON.stringify(b));
  assert.deepEqual(Object.keys(b.matches[0]).sort(), ['email', 'organisation', 'phone', 'reporter_name', 'since']);
  assert.equal(b.matches[0].reporter_name, 'Demo Docent (Lisa de Groot)');
  assert.equal(b.matches[0].organisation, 'Daltoncollege Rivierstad (demo)');
  assert.equal(b.matches[0].email, 'l.degroot@daltoncollege.example');
  // The teacher is told too, with the police officer's contact.
  const ta = (await as('teacher', 'GET', `/api/v1/signals/${a.id}`)).json;
  assert.equal(ta.matches.length, 1);
  assert.equal(ta.matches[0].reporter_name, 'Demo Wijkagent (Karim Benali)');
  assert.equal(ta.matches[0].phone, '06-5550' + 'police'.length);
  // Neither sees the other's text or checklist, over every route.
  const tList = JSON.stringify((await as('teacher', 'GET', '/api/v1/signals')).json);
  const pList = JSON.stringify((await as('police', 'GET', '/api/v1/signals')).json);
  assert.ok(!tList.includes(POLICE_TEXT) && !tList.includes('hotels_addresses') && !tList.includes(id));
  assert.ok(!pList.includes(TEACHER_TEXT) && !pList.includes('picked_up'));
  assert.equal((await as('police', 'GET', `/api/v1/signals/${a.id}`)).status, 404);
  assert.equal((await as('teacher', 'GET', `/api/v1/signals/${b.id}`)).status, 404);
  assert.equal((await as('teacher', 'POST', `/api/v1/signals/${b.id}/referral`, { org_id: overstap })).status, 404);

  // The coordinator of De Overstap sees the referred signal, with her identity on the signal itself.
  const inc = await as('coordinator', 'GET', '/api/v1/signals');
  assert.equal(inc.status, 200, inc.text);
  assert.ok(inc.json.items.some((x) => x.id === a.id));
  assert.ok(!inc.json.items.some((x) => x.id === b.id), 'the police signal was not referred');
  const one = await as('coordinator', 'GET', `/api/v1/signals/${a.id}`);
  assert.equal(one.status, 200, one.text);
  assert.equal(one.json.identity.name, 'Noëlle van den Berg');
  assert.equal(one.json.identity.birth_date, '2011-03-14');
  assert.equal(one.json.note, TEACHER_TEXT);
  assert.equal((await as('coordinator', 'GET', `/api/v1/signals/${b.id}`)).status, 404);

  // Intake before screening is refused; then screened as confirmed.
  const muni = (await as('admin', 'GET', '/api/v1/organisations')).json.items.find((o) => o.kind === 'municipality').id;
  const intake = { pseudonym: 'Noor-S', municipality_id: muni, start_date: day(0) };
  let r = await as('coordinator', 'POST', `/api/v1/signals/${a.id}/intake`, intake);
  assert.equal(r.status, 409);
  assert.equal(r.json.error.reason, 'signal.not_confirmed');
  r = await as('coordinator', 'POST', `/api/v1/signals/${a.id}/screening`, { outcome: 'maybe' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'outcome');
  r = await as('coordinator', 'POST', `/api/v1/signals/${a.id}/screening`, { outcome: 'confirmed' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.screening, 'confirmed');
  r = await as('coordinator', 'POST', `/api/v1/signals/${a.id}/intake`, intake);
  assert.equal(r.status, 201, r.text);
  const clientId = r.json.client.id;
  assert.equal(r.json.client.name, 'Noëlle van den Berg');
  assert.equal(r.json.client.birth_date, '2011-03-14');
  assert.equal(r.json.trajectory.start_date, day(0));
  const traj = await as('coordinator', 'GET', `/api/v1/clients/${clientId}/trajectory`);
  assert.equal(traj.status, 200, traj.text);
  assert.equal(traj.json.coordinating_org.name, 'Stichting De Overstap (demo)');
  assert.equal(traj.json.open, true);
  // Once: a second intake of the same signal is refused and wrote nothing.
  r = await as('coordinator', 'POST', `/api/v1/signals/${a.id}/intake`, { ...intake, pseudonym: 'Noor-T' });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.reason, 'signal.registered_already');
  assert.equal(await count("SELECT COUNT(*) FROM client WHERE pseudonym = 'Noor-T'"), 0);
  // The intake is audited with her client id.
  assert.equal(await count(`SELECT COUNT(*) FROM audit_log WHERE action = 'intake' AND object_type = 'signal' AND object_id = '${a.id}' AND client_id = '${clientId}'`), 1);

  // Now she is registered (with BSN and name hash): a GP signal by BSN only
  // reaches her coordinator as a notice, and matches both earlier signals.
  const c = await signal('gp', { bsn: id, indicators: ['sti_pregnancy'] });
  assert.equal(c.matches.length, 2);
  const notes = (await as('coordinator', 'GET', '/api/v1/signals')).json.notices;
  const mine = notes.filter((n) => n.client && n.client.id === clientId);
  assert.ok(mine.some((n) => n.signal_id === c.id && n.organisation === 'Huisartsenpraktijk De Brug (demo)'));
  assert.ok(!JSON.stringify(notes).includes('sti_pregnancy'), 'a notice carries no content');
});

test('BSN by one reporter and name + birth date by another match once both are known for her, and only then', async () => {
  const id = bsn(222);
  const a = await signal('teacher', { bsn: id });
  const b = await signal('police', { name: 'Sanne Jansen', birth_date: '2010-07-01' });
  assert.equal(b.matches.length, 0, 'nothing links the BSN to this name yet');
  // A third reporter knows both: all three are now one young person.
  const c = await signal('gp', { bsn: id, name: 'SANNE  JANSEN', birth_date: '2010-07-01' });
  assert.equal(c.matches.length, 2, JSON.stringify(c.matches));
  // Later signals by one of the two find both through her.
  const d = await signal('police', { bsn: id });
  assert.equal(d.matches.length, 2, 'teacher and GP, not the police officer herself');
  // Same organisation never matches (colleagues talk anyway); a different birth date never matches.
  const e = await signal('teacher', { name: 'Sanne Jansen', birth_date: '2010-07-02' });
  assert.equal(e.matches.length, 0);
  const ta = (await as('teacher', 'GET', `/api/v1/signals/${a.id}`)).json;
  assert.deepEqual(ta.matches.map((m) => m.organisation).sort(),
    ['Huisartsenpraktijk De Brug (demo)', 'Politie Basisteam Rivierland (demo)', 'Politie Basisteam Rivierland (demo)']);
});

test('bad input names the field; nothing is stored', async () => {
  const before = await count('SELECT COUNT(*) FROM signal');
  const cases = [
    [{ indicators: [] }, 'indicators', 'signal.indicators_required'],
    [{ indicators: ['older_partner', 'astrology'] }, 'indicators', 'signal.indicator_unknown'],
    [{ indicators: 'older_partner' }, 'indicators', 'signal.indicators_required'],
    [{ name: 'Alleen Naam' }, 'birth_date', 'signal.identity_required'],
    [{}, 'name', 'signal.identity_required'],
    [{ bsn: '123456789' }, 'bsn', 'bsn.invalid'],
    [{ bsn: bsn(3), certainty: 'very' }, 'certainty', null],
    [{ bsn: bsn(3), contact_phone: null }, 'contact_phone', null],
    [{ bsn: bsn(3), birth_date: day(3) }, 'birth_date', 'birth_date.in_future'],
    [{ bsn: bsn(3), colour: 'red' }, 'colour', null],
    [{ bsn: bsn(3), referred_org_id: '01900000-0000-7000-8000-000000000000' }, 'referred_org_id', null],
  ];
  for (const [body, field, reason] of cases) {
    const r = await as('teacher', 'POST', '/api/v1/signals', { indicators: ['truancy'], certainty: 'unsure', contact_phone: '06-1', ...body });
    assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
    assert.equal(r.json.error.field, field, JSON.stringify(body));
    if (reason) assert.equal(r.json.error.reason, reason, JSON.stringify(body));
  }
  // Referring to a school (not an institution) is refused.
  const school = (await as('admin', 'GET', '/api/v1/organisations')).json.items.find((o) => o.kind === 'school').id;
  const r = await as('teacher', 'POST', '/api/v1/signals', { indicators: ['truancy'], certainty: 'unsure', contact_phone: '06-1', bsn: bsn(4), referred_org_id: school });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.reason, 'organisation.not_institution');
  assert.equal(await count('SELECT COUNT(*) FROM signal'), before);
});

test('the municipality where she lives: chosen from the municipalities, checked, kept on the signal', async () => {
  const list = (await as('teacher', 'GET', '/api/v1/signals')).json;
  const munis = Object.fromEntries(list.municipalities.map((o) => [o.name, o.id]));
  assert.deepEqual(Object.keys(munis).sort(), ['Gemeente Lindeveen (demo)', 'Gemeente Westerhaven (demo)']);
  const lv = munis['Gemeente Lindeveen (demo)'];
  const x = await signal('teacher', { bsn: bsn(700), municipality_id: lv });
  assert.equal(x.municipality_id, lv);
  assert.equal((await srv.sql(`SELECT municipality_id FROM signal WHERE id = '${x.id}'`)).trim(), lv);
  // optional: without it the signal is kept without one
  const y = await signal('teacher', { bsn: bsn(701) });
  assert.equal(y.municipality_id, null);
  const before = await count('SELECT COUNT(*) FROM signal');
  const school = (await as('admin', 'GET', '/api/v1/organisations')).json.items.find((o) => o.kind === 'school').id;
  for (const [id, reason] of [[school, 'org_id.not_municipality'], ['01900000-0000-7000-8000-000000000000', null], ['nope', null]]) {
    const r = await as('teacher', 'POST', '/api/v1/signals', { indicators: ['truancy'], certainty: 'unsure', contact_phone: '06-1', bsn: bsn(702), municipality_id: id });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'municipality_id');
    if (reason) assert.equal(r.json.error.reason, reason);
  }
  assert.equal(await count('SELECT COUNT(*) FROM signal'), before);
});

test('every other role is refused, audited, and learns nothing', async () => {
  const sig = (await as('teacher', 'GET', '/api/v1/signals')).json.items[0];
  const deniedBefore = await count("SELECT COUNT(*) FROM audit_log WHERE object_type = 'signal' AND outcome = 'denied'");
  for (const role of ['caregiver', 'partner', 'client', 'municipality', 'monitor', 'admin']) {
    const l = await as(role, 'GET', '/api/v1/signals');
    assert.equal(l.status, 403, `${role} list`);
    assert.equal(l.json.error.reason, 'signal.role');
    const c = await as(role, 'POST', '/api/v1/signals', { indicators: ['truancy'], certainty: 'unsure', contact_phone: '1', bsn: bsn(5) });
    assert.equal(c.status, 403, `${role} create`);
    assert.equal(c.json.error.reason, 'signal.reporter_only');
    const g = await as(role, 'GET', `/api/v1/signals/${sig.id}`);
    assert.equal(g.status, 403, `${role} read`);
  }
  // A coordinator records no signal; a reporter screens none and registers no one.
  assert.equal((await as('coordinator', 'POST', '/api/v1/signals', { indicators: ['truancy'], certainty: 'unsure', contact_phone: '1', bsn: bsn(5) })).status, 403);
  assert.equal((await as('teacher', 'POST', `/api/v1/signals/${sig.id}/screening`, { outcome: 'confirmed' })).status, 403);
  assert.equal((await as('teacher', 'POST', `/api/v1/signals/${sig.id}/intake`, { pseudonym: 'X', municipality_id: sig.id, start_date: day(0) })).status, 403);
  // A reporter has no client records.
  assert.equal((await as('teacher', 'GET', '/api/v1/clients')).status, 403);
  // An unknown id and a malformed one answer like a foreign one.
  assert.equal((await as('teacher', 'GET', '/api/v1/signals/01900000-0000-7000-8000-000000000000')).status, 404);
  assert.equal((await as('teacher', 'GET', '/api/v1/signals/nope')).status, 404);
  const deniedAfter = await count("SELECT COUNT(*) FROM audit_log WHERE object_type = 'signal' AND outcome = 'denied'");
  assert.ok(deniedAfter >= deniedBefore + 6 * 3 + 3, `${deniedAfter - deniedBefore} refusals audited`);
});

test('referral: by its reporter, once, to an institution', async () => {
  const inst = await institutions();
  const x = await signal('police', { bsn: bsn(600) });
  let r = await as('police', 'POST', `/api/v1/signals/${x.id}/referral`, { org_id: inst['Jeugdzorg Het Baken (demo)'] });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.referred_to.name, 'Jeugdzorg Het Baken (demo)');
  r = await as('police', 'POST', `/api/v1/signals/${x.id}/referral`, { org_id: inst['Stichting De Overstap (demo)'] });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.reason, 'signal.referred_already');
  // De Overstap's coordinator does not see a signal referred to Het Baken.
  assert.equal((await as('coordinator', 'GET', `/api/v1/signals/${x.id}`)).status, 404);
});

test('no readable identity or text of a signal in the database, its WAL, a dump or the server log', async () => {
  const NAME = 'Zoë Krijgsman-Uitbuitingstest';
  const NOTE = 'Vrije tekst die nergens leesbaar mag staan';
  const id = bsn(777);
  await signal('teacher', { name: NAME, bsn: id, birth_date: '2012-02-29', note: NOTE });
  const needles = [NAME, 'Krijgsman', id, '2012-02-29', NOTE, 'nergens leesbaar'];
  let bytes;
  if (kind === 'sqlite') {
    const file = srv.dbUrl.replace(/^sqlite:/, '');
    bytes = fs.readFileSync(file).toString('latin1');
    if (fs.existsSync(file + '-wal')) bytes += fs.readFileSync(file + '-wal').toString('latin1');
    bytes = Buffer.from(bytes, 'latin1').toString('utf8') + bytes;
  } else {
    bytes = execFileSync('pg_dump', ['--data-only', '-d', srv.dbUrl], { maxBuffer: 256 * 1024 * 1024 }).toString('utf8');
  }
  assert.ok(bytes.length > 10000, 'read the database');
  assert.ok(bytes.includes('older_partner'), 'the dump is readable where it may be');
  for (const n of needles) assert.ok(!bytes.includes(n), `database holds ${n}`);
  const log = srv.log.join('\n');
  for (const n of needles) assert.ok(!log.includes(n), `log holds ${n}`);
});

test('doorloop purge: a signal that led to nothing is gone after two years, the one that led to care stays', async () => {
  const registered = await count('SELECT COUNT(*) FROM signal WHERE client_id IS NOT NULL');
  const all = await count('SELECT COUNT(*) FROM signal');
  assert.ok(registered >= 1 && all > registered, `${all} signals, ${registered} registered`);
  // A day before two years from now nothing made today may go yet.
  const early = await srv.run(['purge', '--as-of', day(365 * 2 - 2)]);
  assert.equal(early.code, 0, early.stderr);
  assert.ok((await count(`SELECT COUNT(*) FROM signal WHERE created_on >= '${day(-1)}'`)) > 0, 'this week\'s signals are kept');
  // A dry run counts exactly the signals that would go, and destroys none.
  const left = await count('SELECT COUNT(*) FROM signal');
  const dry = await srv.run(['purge', '--as-of', day(365 * 2 + 2), '--dry-run']);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, new RegExp(`signals: ${left - registered} due`));
  assert.equal(await count('SELECT COUNT(*) FROM signal'), left, 'a dry run destroys no signal');
  const late = await srv.run(['purge', '--as-of', day(365 * 2 + 2)]);
  assert.match(late.stdout, new RegExp(`signals: ${left - registered} destroyed`));
  assert.equal(late.code, 0, late.stderr);
  assert.equal(await count('SELECT COUNT(*) FROM signal'), registered, 'only the registered signals are left');
  assert.equal(await count('SELECT COUNT(*) FROM signal_match'), 0, 'no match notice outlives its signals');
  // Each destruction left an audit entry without content; her reporter sees nothing left.
  assert.ok(await count("SELECT COUNT(*) FROM audit_log WHERE action = 'destroy' AND object_type = 'signal'") >= all - registered);
  const t = await as('teacher', 'GET', '/api/v1/signals');
  assert.ok(t.json.items.every((x) => x.client_id), 'the teacher keeps only what led to a registration');
  const g = await as('gp', 'GET', '/api/v1/signals');
  assert.equal(g.json.items.length, 1, 'the GP\'s signal led to Amber\'s registration and stays');
});
