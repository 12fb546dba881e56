// Wire-level scenarios for the municipality figures and the national
// monitor (issue 12; DOMAIN.md R13, R14): access for every role, audit,
// a recount of the demo data, small-number suppression, the threshold
// setting, CSV equal to JSON.  Runs against the database named by
// DOORLOOP_TEST_DB_KIND (sqlite|postgres).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, api } from './lib/harness.mjs';
import { figuresCsv, parseCsv, cellText } from '../../web/js/figures-csv.js';

const kind = process.env.DOORLOOP_TEST_DB_KIND || 'sqlite';
const ROLES = ['admin', 'coordinator', 'caregiver', 'partner', 'client', 'municipality', 'monitor'];
let srv;
const s = {};

before(async () => {
  srv = await startServer({ db: kind });
  for (const r of ROLES) s[r] = await login(srv, r);
});

after(async () => { await srv?.stop(); });

const as = (role, path) => api(srv, 'GET', path, { token: s[role].token });
const rows = async (q) => (await srv.sql(q)).split('\n').filter((l) => l !== '').map((l) => l.split('|'));

test('only the municipality reads its figures and only the monitor reads the monitor', async () => {
  for (const r of ROLES) {
    const m = await as(r, '/api/v1/figures/municipality');
    const n = await as(r, '/api/v1/figures/monitor');
    assert.equal(m.status, r === 'municipality' ? 200 : 403, `${r} municipality`);
    assert.equal(n.status, r === 'monitor' ? 200 : 403, `${r} monitor`);
    if (r !== 'municipality') assert.equal(m.json.error.reason, 'figures.role_not_allowed');
  }
  // client routes stay closed to both
  const [[cid]] = await rows("SELECT id FROM client WHERE pseudonym = 'Lily'");
  for (const r of ['municipality', 'monitor']) {
    assert.ok([403, 404].includes((await as(r, '/api/v1/clients')).status));
    assert.ok([403, 404].includes((await as(r, `/api/v1/clients/${cid}/timeline`)).status));
  }
});

test('every figures request is audited, without a client id', async () => {
  const count = async (outcome) => Number((await srv.sql(
    `SELECT COUNT(*) FROM audit_log WHERE object_type IN ('figures_municipality', 'figures_monitor') AND outcome = '${outcome}' AND client_id IS NULL`)).trim());
  const ok = await count('ok'), denied = await count('denied');
  await as('municipality', '/api/v1/figures/municipality');
  await as('monitor', '/api/v1/figures/monitor');
  await as('coordinator', '/api/v1/figures/monitor');
  assert.equal(await count('ok'), ok + 2);
  assert.equal(await count('denied'), denied + 1);
});

test('the municipality sees exactly its own row of the monitor, and no girl', async () => {
  const m = (await as('municipality', '/api/v1/figures/municipality')).json;
  const n = (await as('monitor', '/api/v1/figures/monitor')).json;
  assert.equal(m.areas.length, 1);
  assert.equal(m.areas[0].name, 'Gemeente Lindeveen (demo)');
  const row = n.areas.find((a) => a.id === m.areas[0].id);
  assert.deepEqual(row, m.areas[0]);
  assert.deepEqual(n.areas.map((a) => a.kind).sort(), ['municipality', 'municipality', 'nation', 'region', 'region']);
  const text = JSON.stringify(n) + JSON.stringify(m);
  for (const [p, id] of await rows('SELECT pseudonym, id FROM client')) {
    assert.ok(!text.includes(`"${p}"`), 'no pseudonym');
    assert.ok(!text.includes(id), 'no client id');
  }
});

function b18(birth) {
  const y = Number(birth.slice(0, 4)) + 18;
  return birth.slice(5) === '02-29' ? `${y}-03-01` : `${y}${birth.slice(4)}`;
}

function ageOn(birth, d) {
  return Number(d.slice(0, 4)) - Number(birth.slice(0, 4)) - (birth.slice(5) > d.slice(5) ? 1 : 0);
}

test('figures equal a recount of the demo data; small cells are never sent', async () => {
  const m = (await as('municipality', '/api/v1/figures/municipality')).json;
  const v = m.areas[0].values;
  const asOf = m.as_of, year = m.year, k = m.min_cell;
  const traj = await rows(`SELECT t.id, c.birth_date, t.start_date, COALESCE(t.end_date, '') FROM trajectory t
    JOIN client c ON c.id = t.client_id JOIN organisation o ON o.id = c.municipality_id WHERE o.name = 'Gemeente Lindeveen (demo)'`);
  const bases = await rows("SELECT trajectory_id, kind, start_date, COALESCE(end_date, '') FROM legal_basis");
  const inForce = (st, en, d) => st <= d && (en === '' || en >= d);
  const check = (key, p, expected) => {
    const got = v[key][p];
    if (expected < k) assert.equal(got, 'suppressed', `${key}[${p}] = ${expected} must be suppressed`);
    else if (got !== 'suppressed') assert.equal(got, expected, `${key}[${p}]`);
  };
  let nq = 0;
  for (let q = 0; q < 4; q++) {
    const first = `${year}-${String(q * 3 + 1).padStart(2, '0')}-01`;
    if (first > asOf) { assert.equal(v.in_care[q], null); continue; }
    nq++;
    const ends = ['03-31', '06-30', '09-30', '12-31'];
    const d = `${year}-${ends[q]}` < asOf ? `${year}-${ends[q]}` : asOf;
    const here = traj.filter(([, , st, en]) => inForce(st, en, d));
    check('in_care', q, here.length);
    const bands = { 'age.le15': 0, 'age.16': 0, 'age.17': 0, 'age.18': 0, 'age.19_20': 0, 'age.21_22': 0, 'age.23_plus': 0 };
    for (const [, birth] of here) {
      const a = ageOn(birth, d);
      bands[a <= 15 ? 'age.le15' : a <= 18 ? `age.${a}` : a <= 20 ? 'age.19_20' : a <= 22 ? 'age.21_22' : 'age.23_plus']++;
    }
    for (const [key, n] of Object.entries(bands)) check(key, q, n);
  }
  assert.ok(nq >= 1);
  // turned 18 this year, with a gap: no basis but a Jeugdwet one in force on the birthday
  let gap = 0, noGap = 0;
  for (const [id, birth, st, en] of traj) {
    const day = b18(birth);
    if (day < `${year}-01-01` || day > asOf || !inForce(st, en, day)) continue;
    const covered = bases.some(([t, kind, bs, be]) => t === id && kind !== 'jeugdwet' && inForce(bs, be, day));
    if (covered) noGap++; else gap++;
  }
  assert.ok(gap >= k, 'the demo has enough girls who turned 18 with a gap to show the number');
  assert.equal(v['turned18.gap'][4], gap, 'the officer sees how many turned 18 with a gap this year');
  check('turned18.no_gap', 4, noGap);
  assert.equal(m.areas[0].flags.turned18_gap, true);
  // continuity: a new main caregiver after an earlier one in the same trajectory, this year
  const mains = await rows(`SELECT m.trajectory_id, m.from_date FROM team_member m WHERE m.role = 'main_caregiver'`);
  const ids = new Set(traj.map(([id]) => id));
  const changes = mains.filter(([t, from]) => ids.has(t) && from >= `${year}-01-01` && from <= asOf &&
    mains.some(([t2, f2]) => t2 === t && f2 < from)).length;
  assert.ok(changes >= k, 'the demo has enough changes of main caregiver to show the number');
  assert.equal(v.caregiver_changes[4], changes);
  // what they still need: open demand per life domain, today
  const now = v.in_care.findLastIndex((x) => x !== null);
  // signals received and matched: made in the quarter, for the municipality the reporter stated,
  // else that of the girl it is matched to (the registration it led to, else the first girl it matched)
  const munis = new Map(await rows('SELECT id, municipality_id FROM client'));
  const matched = await rows('SELECT signal_id, client_id FROM signal_client_match');
  const sigs = await rows("SELECT id, created_on, COALESCE(municipality_id, ''), COALESCE(client_id, '') FROM signal");
  const recv = [0, 0, 0, 0, 0], hit = [0, 0, 0, 0, 0];
  for (const [id, made, stated, linked] of sigs) {
    if (made < `${year}-01-01` || made > asOf) continue;
    const cid = linked || matched.filter(([sid]) => sid === id).map(([, c]) => c).sort()[0] || '';
    if ((stated || munis.get(cid)) !== m.areas[0].id) continue;
    const q = Math.floor((Number(made.slice(5, 7)) - 1) / 3);
    for (const p of [q, 4]) { recv[p]++; if (cid) hit[p]++; }
  }
  for (let p = 0; p < 5; p++) {
    if (v.signals[p] === null) continue;
    check('signals', p, recv[p]);
    check('signals.matched', p, hit[p]);
  }
  assert.ok(recv[now] >= k && hit[now] >= k, 'the demo has enough signals this quarter to show both numbers');
  assert.equal(v.signals[now], recv[now], 'the officer sees the signals received this quarter');
  assert.equal(v['signals.matched'][now], hit[now], 'and how many were matched to a girl');
  assert.ok(['demand.housing', 'demand.finances'].every((key) => v[key][now] !== null));
});

test('every published count reaches the threshold, in every area', async () => {
  const n = (await as('monitor', '/api/v1/figures/monitor')).json;
  let published = 0, suppressed = 0;
  for (const a of n.areas)
    for (const [key, vals] of Object.entries(a.values))
      vals.forEach((x, p) => {
        if (x === 'suppressed') { suppressed++; return; }
        if (x === null || key === 'turned18.gap_days') return;
        // a flag's zero is known anyway
        if (key === 'turned18.gap' && x === 0 && a.kind === 'municipality' && !a.flags.turned18_gap && p === 4) return;
        published++;
        assert.ok(x >= n.min_cell || x === 0 && key === 'turned18.gap', `${a.name} ${key}[${p}] = ${x}`);
      });
  assert.ok(published > 0 && suppressed > 0);
  const flagged = n.areas.filter((a) => a.kind === 'municipality' && a.flags.turned18_gap).map((a) => a.name);
  assert.ok(flagged.includes('Gemeente Lindeveen (demo)'));
});

test('the threshold is a bounded setting read per request', async () => {
  const bad = await srv.run(['config', 'set', 'figures.min_cell', '1']);
  assert.notEqual(bad.code, 0);
  const ok = await srv.run(['config', 'set', 'figures.min_cell', '20']);
  assert.equal(ok.code, 0, ok.stderr);
  const m = (await as('municipality', '/api/v1/figures/municipality')).json;
  assert.equal(m.min_cell, 20);
  assert.equal(m.areas[0].values['turned18.gap'][4], 'suppressed');
  assert.equal((await srv.run(['config', 'unset', 'figures.min_cell'])).code, 0);
  assert.equal((await as('municipality', '/api/v1/figures/municipality')).json.min_cell, 5);
});

test('a year out of range is refused with field and reason', async () => {
  for (const y of ['1999', 'abc', '3000', '']) {
    const r = await as('monitor', `/api/v1/figures/monitor?year=${y}`);
    assert.equal(r.status, 400, y);
    assert.equal(r.json.error.field, 'year');
    assert.equal(r.json.error.reason, 'year.out_of_range');
  }
  const last = (await as('monitor', '/api/v1/figures/monitor')).json.year - 1;
  const r = await as('monitor', `/api/v1/figures/monitor?year=${last}`);
  assert.equal(r.status, 200);
  assert.ok(r.json.areas[0].values.in_care.slice(0, 4).every((x) => x !== null), 'a past year has four quarters');
});

test('the CSV holds exactly the cells of the JSON', async () => {
  for (const [role, path] of [['municipality', '/api/v1/figures/municipality'], ['monitor', '/api/v1/figures/monitor']]) {
    const data = (await as(role, path)).json;
    const csv = parseCsv(figuresCsv(data));
    assert.deepEqual(csv[0], ['area_kind', 'area', 'region', 'figure', ...data.periods]);
    assert.equal(csv.length - 1, data.areas.length * data.figures.length);
    assert.ok(csv.some((row) => row[3] === 'signals') && csv.some((row) => row[3] === 'signals.matched'));
    let i = 1;
    for (const a of data.areas)
      for (const f of data.figures) {
        const row = csv[i++];
        assert.deepEqual(row.slice(0, 4), [a.kind, a.name, a.region ?? '', f.key]);
        assert.deepEqual(row.slice(4), a.values[f.key].map((x) => cellText(x, data.min_cell)));
        row.slice(4).forEach((t, p) => {
          const x = a.values[f.key][p];
          assert.equal(t === '' ? null : t.startsWith('<') ? 'suppressed' : Number(t), x);
        });
      }
  }
});
