// Wire-level scenarios for recognition (DOMAIN.md R13, R17): registration
// as a victim with the registration at CoMensha checked against the consent
// records (the day before and the day of her 16th birthday), exploiter
// indicators matched across trajectories and institutions, what each role
// sees of them, and the police export with its legal ground.  Runs against
// the database named by DOORLOOP_TEST_DB_KIND (sqlite|postgres).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, api, makeStaff } from './lib/harness.mjs';

const kind = process.env.DOORLOOP_TEST_DB_KIND || 'sqlite';
let srv;
const s = {};   // sessions by user name
const ids = {}; // client ids by pseudonym
const BAKEN = 'Jeugdzorg Het Baken (demo)';
const OVERSTAP = 'Stichting De Overstap (demo)';

before(async () => {
  srv = await startServer({ db: kind });
  await srv.run(['config', 'set', 'access.partner_grace_days', '365']);
  for (const r of ['admin', 'coordinator', 'caregiver', 'partner', 'client'])
    s[r] = await login(srv, r);
  // A coordinator at Het Baken, which coordinates the figures' girls.
  const orgs = await api(srv, 'GET', '/api/v1/organisations', { token: s.admin.token });
  const baken = orgs.json.items.find((o) => o.name === BAKEN);
  const made = await makeStaff(srv, s.admin.token,
    { username: 'coordinator.baken', display_name: 'Coördinator Baken', role: 'coordinator', org_id: baken.id }, 'een-lang-wachtwoord');
  assert.equal(made.status, 201, made.text);
  s.baken = await login(srv, 'coordinator.baken', 'een-lang-wachtwoord');
  for (const who of ['coordinator', 'baken']) {
    const res = await api(srv, 'GET', '/api/v1/clients?limit=200', { token: s[who].token });
    for (const c of res.json.items) ids[c.pseudonym] = c.id;
  }
});

after(async () => { await srv?.stop(); });

const as = (who, method, path, body) => api(srv, method, path, { token: s[who].token, body });
const client = (p) => `/api/v1/clients/${ids[p]}`;
const iso = (d) => d.toISOString().slice(0, 10);
async function count(sql) { return Number((await srv.sql(sql)).trim()); }

// Her 16th birthday from her birth date (the demo never uses 29 February).
async function sixteenth(p) {
  const c = await as('coordinator', 'GET', client(p));
  const [y, m, d] = c.json.birth_date.split('-').map(Number);
  const b16 = new Date(Date.UTC(y + 16, m - 1, d));
  return { b16, eve: new Date(b16.getTime() - 86400000), before: (n) => new Date(b16.getTime() - n * 86400000) };
}

async function accessLog(p) {
  const r = await as('coordinator', 'GET', `${client(p)}/access-log?limit=200`);
  assert.equal(r.status, 200);
  return r.json.items;
}

// ---------------- registration as a victim ----------------

test('the demo: Jade registered with CoMensha on her own consent, Roos without', async () => {
  const j = await as('coordinator', 'GET', `${client('Jade')}/victim-registration`);
  assert.equal(j.status, 200, j.text);
  assert.equal(j.json.registration.status, 'confirmed');
  assert.deepEqual(j.json.registration.forms, ['sexual_nl', 'criminal']);
  assert.equal(j.json.registration.comensha.basis, 'client');
  assert.equal(j.json.registration.comensha.age_years, 17);
  const r = await as('coordinator', 'GET', `${client('Roos')}/victim-registration`);
  assert.equal(r.json.registration.comensha, null);
  assert.equal(r.json.comensha_consent_needed, 'client');
  assert.deepEqual(r.json.covering_consents, []);
  const none = await as('coordinator', 'GET', `${client('Amber')}/victim-registration`);
  assert.equal(none.status, 200);
  assert.equal(none.json.registration, null);
});

test('the coordinator registers her; once per trajectory, also when two requests race', async () => {
  const body = { status: 'possible', forms: ['sexual_online', 'criminal', 'sexual_online'], recognised_on: iso(new Date(Date.now() - 5 * 86400000)) };
  const [a, b] = await Promise.all([
    as('coordinator', 'POST', `${client('Amber')}/victim-registration`, body),
    as('coordinator', 'POST', `${client('Amber')}/victim-registration`, body),
  ]);
  const codes = [a.status, b.status].sort();
  assert.deepEqual(codes, [201, 409], `${a.text} ${b.text}`);
  const ok = a.status === 201 ? a : b;
  const no = a.status === 201 ? b : a;
  assert.equal(no.json.error.reason, 'victim.registered_already');
  assert.deepEqual(ok.json.forms, ['sexual_online', 'criminal']);
  assert.equal(ok.json.municipality.name, 'Gemeente Westerhaven (demo)', 'her client record\'s municipality by default');
  assert.equal(await count(`SELECT COUNT(*) FROM victim_registration WHERE client_id = '${ids.Amber}'`), 1);
  const log = await accessLog('Amber');
  assert.ok(log.some((x) => x.action === 'create' && x.object_type === 'victim_registration'));
});

test('registration: bad input is 400 naming the field and stores nothing; only her coordinator writes', async () => {
  const before = await count('SELECT COUNT(*) FROM victim_registration');
  const today = iso(new Date());
  const orgs = await as('admin', 'GET', '/api/v1/organisations');
  const overstap = orgs.json.items.find((o) => o.name === OVERSTAP);
  for (const [what, body, field] of [
    ['no forms', { status: 'possible', forms: [], recognised_on: today }, 'forms'],
    ['forms not an array', { status: 'possible', forms: 'criminal', recognised_on: today }, 'forms'],
    ['unknown form', { status: 'possible', forms: ['loverboy'], recognised_on: today }, 'forms'],
    ['unknown status', { status: 'maybe', forms: ['criminal'], recognised_on: today }, 'status'],
    ['future', { status: 'possible', forms: ['criminal'], recognised_on: '2999-01-01' }, 'recognised_on'],
    ['before birth', { status: 'possible', forms: ['criminal'], recognised_on: '2001-01-01' }, 'recognised_on'],
    ['not a municipality', { status: 'possible', forms: ['criminal'], recognised_on: today, municipality_id: overstap.id }, 'municipality_id'],
    ['unknown field', { status: 'possible', forms: ['criminal'], recognised_on: today, victim: true }, 'victim'],
  ]) {
    const r = await as('coordinator', 'POST', `${client('Nova')}/victim-registration`, body);
    assert.equal(r.status, 400, `${what}: ${r.text}`);
    assert.equal(r.json.error.field, field, what);
  }
  const good = { status: 'possible', forms: ['criminal'], recognised_on: today };
  const cg = await as('caregiver', 'POST', `${client('Nova')}/victim-registration`, good);
  assert.equal(cg.status, 403);
  assert.equal(cg.json.error.reason, 'victim.coordinator_writes');
  assert.equal((await as('partner', 'POST', `${client('Yara')}/victim-registration`, good)).status, 403);
  assert.equal((await as('client', 'POST', `${client('Mila')}/victim-registration`, good)).status, 403);
  assert.equal((await as('baken', 'POST', `${client('Nova')}/victim-registration`, good)).status, 404, 'another institution does not see her');
  assert.equal(await count('SELECT COUNT(*) FROM victim_registration'), before);
  // Her team and she herself read it; a partner provider does not.
  assert.equal((await as('caregiver', 'GET', `${client('Jade')}/victim-registration`)).status, 200);
  assert.equal((await as('client', 'GET', `${client('Mila')}/victim-registration`)).status, 200);
  const p = await as('partner', 'GET', `${client('Yara')}/victim-registration`);
  assert.equal(p.status, 403, p.text);
});

test('CoMensha: below 16 her parents sign, from her 16th birthday she does; checked against the consent records', async () => {
  // Lily turned 16 about two years ago.
  const { b16, eve, before: daysBefore } = await sixteenth('Lily');
  const base = `${client('Lily')}/victim-registration`;
  assert.equal((await as('coordinator', 'POST', base, { status: 'confirmed', forms: ['sexual_nl'], recognised_on: iso(daysBefore(30)) })).status, 201);
  // No registration consent at all: refused, naming consent_id and the party.
  const none = await as('coordinator', 'POST', `${base}/comensha`, { registered_on: iso(eve) });
  assert.equal(none.status, 409, none.text);
  assert.equal(none.json.error.reason, 'victim.comensha_no_consent');
  assert.equal(none.json.error.field, 'consent_id');
  assert.deepEqual(none.json.error.details, ['parents']);
  // Her parents consent at 15.
  const parents = await as('coordinator', 'POST', `${client('Lily')}/consents`, { kind: 'registration', recipient: 'CoMensha', basis: 'parents', given_on: iso(daysBefore(10)) });
  assert.equal(parents.status, 201, parents.text);
  // On her 16th birthday the parents' consent no longer covers it.
  const at16 = await as('coordinator', 'POST', `${base}/comensha`, { registered_on: iso(b16) });
  assert.equal(at16.status, 409, at16.text);
  assert.deepEqual(at16.json.error.details, ['client']);
  const named = await as('coordinator', 'POST', `${base}/comensha`, { registered_on: iso(b16), consent_id: parents.json.id });
  assert.equal(named.status, 400);
  assert.equal(named.json.error.reason, 'victim.consent_wrong_party');
  assert.equal(named.json.error.field, 'consent_id');
  // A consent that is not for a registration, and one that does not exist.
  const other = await as('coordinator', 'POST', `${client('Lily')}/consents`, { kind: 'data_sharing', recipient: 'Politie', basis: 'both', given_on: iso(daysBefore(10)) });
  const wrongKind = await as('coordinator', 'POST', `${base}/comensha`, { registered_on: iso(eve), consent_id: other.json.id });
  assert.equal(wrongKind.json.error.reason, 'victim.consent_not_registration');
  const missing = await as('coordinator', 'POST', `${base}/comensha`, { registered_on: iso(eve), consent_id: '01890000-0000-7000-8000-000000000000' });
  assert.equal(missing.status, 400);
  assert.equal(missing.json.error.field, 'consent_id');
  // The day before her 16th birthday the parents' consent covers it.
  const ok = await as('coordinator', 'POST', `${base}/comensha`, { registered_on: iso(eve) });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.comensha.basis, 'parents');
  assert.equal(ok.json.comensha.age_years, 15);
  assert.equal(ok.json.comensha.consent_id, parents.json.id);
  const twice = await as('coordinator', 'POST', `${base}/comensha`, { registered_on: iso(eve) });
  assert.equal(twice.status, 409);
  assert.equal(twice.json.error.reason, 'victim.comensha_already');
  const log = await accessLog('Lily');
  assert.ok(log.some((x) => x.action === 'register_comensha' && x.outcome === 'ok'));
});

test('CoMensha: on her 16th birthday she signs herself; her own consent the day before does not count', async () => {
  // Nova turned 16 twenty days ago.
  const { b16, eve, before: daysBefore } = await sixteenth('Nova');
  const base = `${client('Nova')}/victim-registration`;
  assert.equal((await as('coordinator', 'POST', base, { status: 'possible', forms: ['sexual_nl'], recognised_on: iso(daysBefore(40)) })).status, 201);
  // At 15 her own signature needs a stated exception to be recorded at all.
  const early = await as('coordinator', 'POST', `${client('Nova')}/consents`, { kind: 'registration', recipient: 'CoMensha', basis: 'client', given_on: iso(daysBefore(5)), exception: 'Ouders onbereikbaar; zij tekende zelf.' });
  assert.equal(early.status, 201, early.text);
  const r1 = await as('coordinator', 'POST', `${base}/comensha`, { registered_on: iso(eve), consent_id: early.json.id });
  assert.equal(r1.status, 400, r1.text);
  assert.equal(r1.json.error.reason, 'victim.consent_wrong_party');
  assert.deepEqual(r1.json.error.details, ['parents']);
  // A consent given after the day is no consent for it.
  const hers = await as('coordinator', 'POST', `${client('Nova')}/consents`, { kind: 'registration', recipient: 'CoMensha', basis: 'client', given_on: iso(b16) });
  assert.equal(hers.status, 201, hers.text);
  const late = await as('coordinator', 'POST', `${base}/comensha`, { registered_on: iso(eve), consent_id: hers.json.id });
  assert.equal(late.json.error.reason, 'victim.consent_not_yet_given');
  const ok = await as('coordinator', 'POST', `${base}/comensha`, { registered_on: iso(b16) });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.comensha.basis, 'client');
  assert.equal(ok.json.comensha.age_years, 16);
  const g = await as('coordinator', 'GET', base);
  assert.equal(g.json.registration.comensha.registered_on, iso(b16));
});

// ---------------- exploiter indicators ----------------

test('done-when: one phone number on two girls\' files at two institutions shows as linked for both coordinators, without the other girl', async () => {
  const a = await as('coordinator', 'POST', `${client('Lily')}/indicators`, { kind: 'phone', value: '06-11 22 33 44', note: 'Haalde haar op bij school' });
  assert.equal(a.status, 201, a.text);
  assert.equal(a.json.normal, '+31611223344');
  assert.equal(a.json.matches.count, 0);
  const b = await as('baken', 'POST', `${client('Cijfers-WH-11')}/indicators`, { kind: 'phone', value: '+31 (0)6 1122 3344' });
  assert.equal(b.status, 201, b.text);
  assert.equal(b.json.matches.count, 1);
  const mine = (await as('coordinator', 'GET', `${client('Lily')}/indicators`)).json.items.find((x) => x.id === a.json.id);
  assert.equal(mine.matches.count, 1);
  assert.deepEqual(mine.matches.institutions.map((x) => [x.name, x.trajectories]), [[BAKEN, 1]]);
  assert.deepEqual(mine.matches.known, []);
  const theirs = await as('baken', 'GET', `${client('Cijfers-WH-11')}/indicators/${b.json.id}`);
  assert.equal(theirs.status, 200, theirs.text);
  assert.deepEqual(theirs.json.matches.institutions.map((x) => x.name), [OVERSTAP]);
  assert.deepEqual(theirs.json.matches.known, []);
  // Neither answer holds the other girl's id, pseudonym or note.
  assert.ok(!JSON.stringify(mine).includes(ids['Cijfers-WH-11']));
  assert.ok(!theirs.text.includes(ids.Lily) && !theirs.text.includes('Lily') && !theirs.text.includes('school'));
  // Every view is audited on her file.
  const log = await accessLog('Lily');
  assert.ok(log.some((x) => x.action === 'read' && x.object_type === 'exploiter_indicator'));
  assert.ok(log.some((x) => x.action === 'create' && x.object_type === 'exploiter_indicator'));
});

test('within her own institution the coordinator sees which girl; after breaking the glass, another institution does too', async () => {
  const jade = (await as('coordinator', 'GET', `${client('Jade')}/indicators`)).json.items;
  const phone = jade.find((x) => x.kind === 'phone');
  assert.equal(phone.normal, '+31687654321');
  assert.deepEqual(phone.matches.known.map((k) => k.pseudonym), ['Roos']);
  const plate = jade.find((x) => x.kind === 'plate');
  assert.equal(plate.normal, 'GX412K');
  assert.equal(plate.matches.count, 1);
  assert.deepEqual(plate.matches.known, [], 'the girl at Het Baken stays unnamed');
  assert.equal(jade.find((x) => x.kind === 'handle').normal, 'prince.020');
  // Het Baken's coordinator breaks the glass on Jade: now her name shows.
  const wh = (await as('baken', 'GET', `${client('Cijfers-WH-12')}/indicators`)).json.items[0];
  assert.deepEqual(wh.matches.known, []);
  const g = await as('baken', 'POST', `${client('Jade')}/break-glass`, { reason: 'Politie vraagt naar hetzelfde kenteken; spoed' });
  assert.equal(g.status, 201, g.text);
  const after = (await as('baken', 'GET', `${client('Cijfers-WH-12')}/indicators`)).json.items[0];
  assert.deepEqual(after.matches.known.map((k) => k.pseudonym), ['Jade']);
  // Breaking the glass lets her read Jade's indicators, not write them.
  assert.equal((await as('baken', 'GET', `${client('Jade')}/indicators`)).status, 200);
  assert.equal((await as('baken', 'POST', `${client('Jade')}/indicators`, { kind: 'alias', value: 'Test' })).status, 403);
});

test('a caregiver, a partner provider and the girl herself see no indicators and record none', async () => {
  for (const [who, p] of [['caregiver', 'Jade'], ['partner', 'Yara'], ['client', 'Mila']]) {
    const r = await as(who, 'GET', `${client(p)}/indicators`);
    assert.equal(r.status, 403, `${who}: ${r.text}`);
    assert.equal(r.json.error.reason, 'indicator.coordinator_only');
    const w = await as(who, 'POST', `${client(p)}/indicators`, { kind: 'alias', value: 'Prince' });
    assert.equal(w.status, 403, who);
  }
  const one = (await as('coordinator', 'GET', `${client('Jade')}/indicators`)).json.items[0];
  assert.equal((await as('caregiver', 'GET', `${client('Jade')}/indicators/${one.id}`)).status, 403);
  assert.equal((await as('caregiver', 'POST', `${client('Jade')}/indicators/${one.id}/export`, { legal_basis: 'consent', reference: 'PL0900-2026' })).status, 403);
  assert.equal((await as('baken', 'GET', `${client('Roos')}/indicators`)).status, 404, 'another institution without the glass');
  const denied = (await accessLog('Jade')).filter((x) => x.object_type === 'exploiter_indicator' && x.outcome === 'denied');
  assert.ok(denied.length >= 3, 'refusals are audited');
});

test('indicators: bad input is 400 naming the field, a repeat 409, and nothing readable in the database', async () => {
  const before = await count('SELECT COUNT(*) FROM exploiter_indicator');
  for (const [what, body, field, reason] of [
    ['unknown kind', { kind: 'email', value: 'x@y.nl' }, 'kind', 'field.not_an_allowed_value'],
    ['short phone', { kind: 'phone', value: '06-123' }, 'value', 'indicator.phone_invalid'],
    ['phone without prefix', { kind: 'phone', value: '612345678' }, 'value', 'indicator.phone_invalid'],
    ['plate', { kind: 'plate', value: 'AB_12' }, 'value', 'indicator.plate_invalid'],
    ['handle', { kind: 'handle', value: 'jan b' }, 'value', 'indicator.handle_invalid'],
    ['address without postcode', { kind: 'address', value: 'Dorpsstraat 5' }, 'value', 'indicator.address_invalid'],
    ['empty', { kind: 'alias', value: '   ' }, 'value', 'field.empty'],
    ['no value', { kind: 'alias' }, 'value', 'field.required'],
  ]) {
    const r = await as('coordinator', 'POST', `${client('Isa')}/indicators`, body);
    assert.equal(r.status, 400, `${what}: ${r.text}`);
    assert.equal(r.json.error.field, field, what);
    assert.equal(r.json.error.reason, reason, what);
  }
  assert.equal(await count('SELECT COUNT(*) FROM exploiter_indicator'), before);
  const a = await as('coordinator', 'POST', `${client('Isa')}/indicators`, { kind: 'address', value: 'Havenweg 12-3, 9876 zx Westerhaven' });
  assert.equal(a.status, 201, a.text);
  assert.equal(a.json.normal, '9876ZX12-3');
  const again = await as('coordinator', 'POST', `${client('Isa')}/indicators`, { kind: 'address', value: '9876 ZX 12/3' });
  assert.equal(again.status, 409);
  assert.equal(again.json.error.reason, 'indicator.recorded_already');
  const alias = await as('coordinator', 'POST', `${client('Isa')}/indicators`, { kind: 'alias', value: 'Zoë  de Prins' });
  assert.equal(alias.json.normal, 'zoe de prins');
  const rows = await srv.sql(`SELECT value_enc || normal_enc || match_hash FROM exploiter_indicator WHERE client_id = '${ids.Isa}'`);
  assert.ok(!/9876|Havenweg|prins/i.test(rows), 'stored encrypted and hashed only');
});

test('police export: legal ground and reference required, stored and audited; the overview names no girl', async () => {
  const jade = (await as('coordinator', 'GET', `${client('Jade')}/indicators`)).json.items;
  const plate = jade.find((x) => x.kind === 'plate');
  const path = `${client('Jade')}/indicators/${plate.id}/export`;
  const before = await count('SELECT COUNT(*) FROM indicator_export');
  for (const [what, body, field] of [
    ['no legal ground', { reference: 'PL0900-2026-123' }, 'legal_basis'],
    ['unknown legal ground', { legal_basis: 'curiosity', reference: 'PL0900-2026-123' }, 'legal_basis'],
    ['no reference', { legal_basis: 'prosecutor_order' }, 'reference'],
    ['short reference', { legal_basis: 'prosecutor_order', reference: 'ab' }, 'reference'],
    ['bad format', { legal_basis: 'prosecutor_order', reference: 'PL0900-2026-123', format: 'xlsx' }, 'format'],
  ]) {
    const r = await as('coordinator', 'POST', path, body);
    assert.equal(r.status, 400, `${what}: ${r.text}`);
    assert.equal(r.json.error.field, field, what);
  }
  assert.equal(await count('SELECT COUNT(*) FROM indicator_export'), before, 'nothing stored');
  const r = await as('coordinator', 'POST', path, { legal_basis: 'prosecutor_order', reference: 'PL0900-2026-123', recipient: 'Politie, team mensenhandel', format: 'csv' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.export.legal_basis, 'prosecutor_order');
  assert.equal(r.json.overview.value, 'GX412K');
  assert.equal(r.json.overview.trajectories, 2);
  assert.deepEqual(r.json.overview.occurrences.map((o) => o.institution).sort(), [BAKEN, OVERSTAP].sort());
  const lines = r.json.csv.trim().split('\r\n');
  assert.equal(lines[0], 'indicator_kind,indicator_value,institution,recorded_on,legal_basis,reference');
  assert.equal(lines.length, 3);
  assert.match(lines[1], /^"plate","GX412K","Stichting De Overstap \(demo\)","\d{4}-\d{2}-\d{2}","prosecutor_order","PL0900-2026-123"$/);
  assert.ok(!/Jade|Cijfers|Zwarte auto/.test(r.text), 'no girl and no note in the export');
  // A phone number begins with + : made inert for spreadsheets.
  const phone = jade.find((x) => x.kind === 'phone');
  const pj = await as('coordinator', 'POST', `${client('Jade')}/indicators/${phone.id}/export`, { legal_basis: 'covenant', reference: 'ZVH-2026-7', format: 'csv' });
  assert.match(pj.json.csv.split('\r\n')[1], /^"phone","'\+31687654321",/);
  const js = await as('coordinator', 'POST', `${client('Jade')}/indicators/${phone.id}/export`, { legal_basis: 'consent', reference: 'ZVH-2026-8' });
  assert.equal(js.json.csv, null);
  assert.equal(await count('SELECT COUNT(*) FROM indicator_export'), before + 3);
  assert.ok(!(await srv.sql('SELECT reference_enc FROM indicator_export')).includes('PL0900'), 'the reference is encrypted');
  const log = await accessLog('Jade');
  const exp = log.find((x) => x.action === 'export' && x.object_type === 'exploiter_indicator');
  assert.ok(exp, 'the export is audited');
  assert.ok(log.some((x) => x.action === 'export' && x.purpose === 'police export; legal ground prosecutor_order'));
  const again = (await as('coordinator', 'GET', `${client('Jade')}/indicators/${plate.id}`)).json;
  assert.equal(again.exports, 1);
  // Another institution's coordinator cannot export Jade's indicator, even with the glass.
  assert.equal((await as('baken', 'POST', path, { legal_basis: 'consent', reference: 'XYZ-1' })).status, 403);
});

test('the CLI prints the normal form an indicator is matched by, and exit 2 for one it cannot read', async () => {
  const ok = await srv.run(['indicator', 'normalise', 'phone', '0031 (0)6 1122 3344']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(ok.stdout, '+31611223344\n');
  const addr = await srv.run(['indicator', 'normalise', 'address', 'Dorpsstraat 5 a, 1234 ab Lindeveen']);
  assert.equal(addr.stdout, '1234AB5A\n');
  const bad = await srv.run(['indicator', 'normalise', 'plate', 'AB_12']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /no normal form/);
  assert.equal(bad.stdout, '');
  assert.equal((await srv.run(['indicator', 'normalise', 'email', 'x'])).code, 2);
  assert.equal((await srv.run(['indicator'])).code, 2);
});
