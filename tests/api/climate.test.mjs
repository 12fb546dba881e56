// Wire-level scenarios for group climate (DOMAIN.md R15, issue 13): living
// groups, rounds and codes, answering without an account, scores with
// suppression below the threshold at every level, a code counting once
// (also when requests race), anonymity in the database, audit, CLI load.
// Runs against the database named by DOORLOOP_TEST_DB_KIND (sqlite|postgres).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, login, api } from './lib/harness.mjs';

const kind = process.env.DOORLOOP_TEST_DB_KIND || 'sqlite';
let srv;
const s = {};
const day = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
const THEMES = ['support', 'growth', 'repression', 'atmosphere'];

before(async () => {
  srv = await startServer({ db: kind });
  for (const r of ['coordinator', 'caregiver', 'admin']) s[r] = await login(srv, r);
});
after(async () => { await srv?.stop(); });

const as = (role, method, p, body) => api(srv, method, p, { token: s[role].token, body });
const pub = (p, body) => api(srv, 'POST', `/api/v1/climate/answer/${p}`, { body });
const count = async (sql) => Number((await srv.sql(sql)).trim());

async function groups() {
  const r = await as('coordinator', 'GET', '/api/v1/climate/groups');
  assert.equal(r.status, 200, r.text);
  return Object.fromEntries(r.json.items.map((g) => [g.name, g]));
}

async function newRound(groupName, opens = day(0), closes = day(14)) {
  const g = (await groups())[groupName];
  const qs = await as('coordinator', 'GET', '/api/v1/climate/questionnaires');
  assert.equal(qs.status, 200);
  const r = await as('coordinator', 'POST', `/api/v1/climate/groups/${g.id}/rounds`,
    { questionnaire_id: qs.json.items[0].id, opens_on: opens, closes_on: closes });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

async function codes(roundId, variant, n) {
  const r = await as('coordinator', 'POST', `/api/v1/climate/rounds/${roundId}/codes`, { variant, count: n });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.codes.length, n);
  for (const c of r.json.codes) assert.match(c, /^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
  return r.json.codes;
}

// Answer every question (but those in `skip`) with `pick(i)`, then finish.
async function answer(code, pick, skip = []) {
  const st = await pub('start', { code });
  assert.equal(st.status, 200, st.text);
  for (const [i, it] of st.json.items.entries()) {
    if (skip.includes(i)) continue;
    const r = await pub('save', { code, item_id: it.id, value: pick(i) });
    assert.equal(r.status, 204, r.text);
  }
  const f = await pub('finish', { code });
  assert.equal(f.status, 201, f.text);
  return st.json;
}

// Every figure in a suppressed block is {"suppressed": true} and nothing else.
function assertHidden(block, what) {
  assert.equal(block.suppressed, true, what);
  for (const t of THEMES) assert.deepEqual(block.themes[t], { suppressed: true }, `${what} ${t}`);
  for (const it of block.items ?? []) assert.deepEqual(it.score, { suppressed: true }, `${what} item ${it.position}`);
}

test('the demo: a group with a previous round and a small group that shows nothing', async () => {
  const g = await groups();
  assert.equal(g['De Vlinder'].rounds.length, 2);
  assert.equal(g['Het Kompas'].rounds.length, 1);
  assert.equal(g['Het Kompas'].rounds[0].responses_girls, 3);
  const rep = await as('coordinator', 'GET', `/api/v1/climate/rounds/${g['Het Kompas'].rounds[0].id}/report`);
  assert.equal(rep.status, 200, rep.text);
  assert.equal(rep.json.girls.respondents, 3);
  assertHidden(rep.json.girls, 'Kompas girls');
  assertHidden(rep.json.staff, 'Kompas staff (2 < 3)');
  assert.ok(!/"mean"/.test(rep.text), 'no mean anywhere in the report');
  const tr = await as('coordinator', 'GET', `/api/v1/climate/groups/${g['Het Kompas'].id}/trend`);
  assert.equal(tr.status, 200);
  assertHidden(tr.json.rounds[0].girls, 'Kompas trend');
  const ov = await as('coordinator', 'GET', '/api/v1/climate/overview');
  assert.equal(ov.status, 200);
  const k = ov.json.groups.find((x) => x.name === 'Het Kompas');
  assertHidden(k.latest.girls, 'Kompas overview');
  const v = ov.json.groups.find((x) => x.name === 'De Vlinder');
  for (const t of THEMES) assert.equal(typeof v.latest.girls.themes[t].mean, 'number');
  assert.deepEqual(ov.json.threshold, { girls: 5, staff: 3 });
});

test('a whole round: eight girls and three staff answer, the report sets girls beside staff and the previous round', async () => {
  const round = await newRound('De Vlinder');
  assert.equal(round.state, 'open');
  const young = await codes(round.id, 'girl_young', 4);
  const older = await codes(round.id, 'girl_older', 4);
  const staff = await codes(round.id, 'staff', 3);
  for (const [n, c] of [...young, ...older].entries()) {
    const q = await answer(c, (i) => 1 + ((i + n) % 5));
    assert.equal(q.audience, 'girls');
    assert.equal(q.scale.points, 5);
    assert.equal(q.scale.labels.length, 5);
    assert.ok(q.items.every((it) => it.text.nl && it.text.en && !('theme' in it) && !('reverse' in it)));
  }
  for (const c of staff) assert.equal((await answer(c, () => 4)).audience, 'staff');
  const rep = await as('coordinator', 'GET', `/api/v1/climate/rounds/${round.id}/report`);
  assert.equal(rep.status, 200, rep.text);
  assert.equal(rep.json.girls.respondents, 8);
  assert.equal(rep.json.staff.respondents, 3);
  for (const t of THEMES) {
    const gt = rep.json.girls.themes[t];
    assert.equal(gt.suppressed, false);
    assert.equal(gt.n, 8);
    assert.ok(gt.mean >= 1 && gt.mean <= 5 && gt.sd >= 0);
    // Staff answered 4 everywhere: normal items 4, reverse items scored back to 2.
    assert.equal(rep.json.staff.themes[t].suppressed, false);
    assert.ok(rep.json.staff.themes[t].mean > 2 && rep.json.staff.themes[t].mean < 4);
    assert.equal(rep.json.previous.girls.themes[t].suppressed, false);
  }
  assert.equal(rep.json.girls.items.length, 24);   // both girls' variants
  assert.equal(rep.json.staff.items.length, 12);
  const staffReverse = rep.json.staff.items.find((it) => it.reverse);
  assert.equal(staffReverse.score.mean, 2);
  assert.ok(rep.json.previous.round.opens_on < rep.json.round.opens_on);
  const tr = await as('coordinator', 'GET', `/api/v1/climate/groups/${round.group_id}/trend`);
  assert.equal(tr.json.rounds.length, 3);
  assert.equal(tr.json.rounds[2].round.id, round.id);
  // Every read and write of the coordinator is audited.
  assert.ok(await count(`SELECT COUNT(*) FROM audit_log WHERE object_type = 'climate_report' AND object_id = '${round.id}' AND outcome = 'ok'`) >= 1);
  assert.ok(await count("SELECT COUNT(*) FROM audit_log WHERE object_type = 'climate_code' AND action = 'create'") >= 3);
  assert.ok(await count("SELECT COUNT(*) FROM audit_log WHERE object_type = 'climate_round' AND action = 'create'") >= 1);
});

test('suppression: an item fewer answered than the threshold is hidden; the threshold is a setting', async () => {
  const round = await newRound('Het Kompas', day(-1), day(10));
  const cs = await codes(round.id, 'girl_young', 5);
  for (const [n, c] of cs.entries()) await answer(c, () => 3, n === 0 ? [0] : []);
  const rep = await as('coordinator', 'GET', `/api/v1/climate/rounds/${round.id}/report`);
  assert.equal(rep.json.girls.suppressed, false);
  const first = rep.json.girls.items.find((it) => it.variant === 'girl_young' && it.position === 1);
  assert.deepEqual(first.score, { suppressed: true }, 'answered by four of five');
  const second = rep.json.girls.items.find((it) => it.variant === 'girl_young' && it.position === 2);
  assert.equal(second.score.n, 5);
  const older = rep.json.girls.items.find((it) => it.variant === 'girl_older');
  assert.deepEqual(older.score, { suppressed: true }, 'nobody of 16+ answered');
  // The small demo round shows its scores once the threshold is 3, and hides them again at 5.
  const small = (await groups())['Het Kompas'].rounds[0];
  let r = await srv.run(['config', 'set', 'climate.min_respondents', '3']);
  assert.equal(r.code, 0, r.stderr);
  let rep2 = await as('coordinator', 'GET', `/api/v1/climate/rounds/${small.id}/report`);
  assert.equal(rep2.json.girls.suppressed, false);
  assert.equal(rep2.json.girls.threshold, 3);
  r = await srv.run(['config', 'set', 'climate.min_respondents', '2']);
  assert.equal(r.code, 2, 'below the lowest bound is refused');
  r = await srv.run(['config', 'unset', 'climate.min_respondents']);
  assert.equal(r.code, 0);
  rep2 = await as('coordinator', 'GET', `/api/v1/climate/rounds/${small.id}/report`);
  assertHidden(rep2.json.girls, 'back to 5');
});

test('a code counts once: a second respondent is refused and nothing is stored', async () => {
  const round = await newRound('De Vlinder', day(-2), day(5));
  const [c1] = await codes(round.id, 'girl_older', 1);
  const st = await pub('start', { code: c1.toLowerCase().replace('-', ' ') });
  assert.equal(st.status, 200, 'codes are read without regard to case, spaces or dashes');
  await answer(c1, () => 2);
  const before = {
    resp: await count('SELECT COUNT(*) FROM climate_response'),
    ans: await count('SELECT COUNT(*) FROM climate_answer'),
    draft: await count('SELECT COUNT(*) FROM climate_draft'),
  };
  for (const [p, body] of [['start', { code: c1 }], ['save', { code: c1, item_id: st.json.items[0].id, value: 5 }], ['finish', { code: c1 }]]) {
    const r = await pub(p, body);
    assert.equal(r.status, 409, `${p}: ${r.text}`);
    assert.equal(r.json.error.reason, 'climate.code_spent');
  }
  assert.equal(await count('SELECT COUNT(*) FROM climate_response'), before.resp);
  assert.equal(await count('SELECT COUNT(*) FROM climate_answer'), before.ans);
  assert.equal(await count('SELECT COUNT(*) FROM climate_draft'), before.draft);
});

test('racing submissions on one code: exactly one counts', async () => {
  const round = await newRound('De Vlinder', day(-3), day(5));
  const cs = await codes(round.id, 'staff', 3);
  for (const c of cs) {
    const st = await pub('start', { code: c });
    for (const it of st.json.items) await pub('save', { code: c, item_id: it.id, value: 3 });
    const before = await count(`SELECT COUNT(*) FROM climate_response WHERE round_id = '${round.id}'`);
    const all = await Promise.all(Array.from({ length: 8 }, (_, i) =>
      i % 2 ? pub('finish', { code: c }) : pub('save', { code: c, item_id: st.json.items[0].id, value: 1 })));
    const finished = all.filter((r, i) => i % 2 && r.status === 201).length;
    assert.equal(finished, 1, all.map((r) => r.status).join(','));
    for (const r of all) assert.ok([201, 204, 409].includes(r.status), r.text);
    assert.equal(await count(`SELECT COUNT(*) FROM climate_response WHERE round_id = '${round.id}'`), before + 1);
  }
  assert.equal(await count(`SELECT COUNT(*) FROM climate_draft d JOIN climate_code c ON c.id = d.code_id WHERE c.round_id = '${round.id}'`), 0,
    'no draft answer survives a finished code');
});

test('no respondent identity can be recovered from the database', async () => {
  const round = await newRound('Het Kompas', day(-4), day(5));
  const cs = await codes(round.id, 'girl_young', 2);
  for (const c of cs) await answer(c, () => 4);
  // Codes are stored only as a keyed hash.
  for (const c of cs) {
    const plain = c.replace('-', '');
    assert.equal(await count(`SELECT COUNT(*) FROM climate_code WHERE code_hash LIKE '%${plain}%' OR code_hash LIKE '%${c}%'`), 0);
  }
  // A response holds its round and audience only; its id carries no time (not UUIDv7).
  const cols = kind === 'sqlite'
    ? (await srv.sql("SELECT name FROM pragma_table_info('climate_response') ORDER BY cid")).trim().split('\n')
    : (await srv.sql("SELECT column_name FROM information_schema.columns WHERE table_name = 'climate_response' ORDER BY ordinal_position")).trim().split('\n');
  assert.deepEqual(cols.map((x) => x.trim()), ['id', 'round_id', 'audience']);
  const ids = (await srv.sql(`SELECT id FROM climate_response WHERE round_id = '${round.id}'`)).trim().split('\n');
  assert.equal(ids.length, 2);
  for (const id of ids) assert.equal(id.trim()[14], '4', `random id ${id}`);
  // Nothing ties a code, a user or a client to an answer.
  const codeCols = kind === 'sqlite'
    ? (await srv.sql("SELECT name FROM pragma_table_info('climate_code')")).trim().split('\n')
    : (await srv.sql("SELECT column_name FROM information_schema.columns WHERE table_name = 'climate_code'")).trim().split('\n');
  // hash_key_id names only the installation key the code's hash was made with.
  assert.deepEqual(codeCols.map((x) => x.trim()).sort(), ['code_hash', 'hash_key_id', 'id', 'round_id', 'spent', 'variant']);
  assert.equal(await count(`SELECT COUNT(*) FROM climate_draft d JOIN climate_code c ON c.id = d.code_id WHERE c.round_id = '${round.id}'`), 0);
  // Answering writes no audit entry that could time a respondent.
  assert.equal(await count("SELECT COUNT(*) FROM audit_log WHERE object_type LIKE 'climate_answer%'"), 0);
});

test('only a coordinator: others are refused and audited; another id answers 404', async () => {
  for (const role of ['caregiver', 'admin']) {
    const r = await as(role, 'GET', '/api/v1/climate/groups');
    assert.equal(r.status, 403, role);
    assert.equal(r.json.error.reason, 'climate.coordinator_only');
  }
  assert.ok(await count("SELECT COUNT(*) FROM audit_log WHERE object_type = 'climate_group' AND outcome = 'denied'") >= 2);
  const zero = '01890000-0000-7000-8000-000000000000';
  const r = await as('coordinator', 'GET', `/api/v1/climate/rounds/${zero}/report`);
  assert.equal(r.status, 404);
  const anon = await api(srv, 'GET', '/api/v1/climate/overview');
  assert.equal(anon.status, 401);
});

test('bad input: 400 with field and reason, nothing stored', async () => {
  const g = (await groups())['De Vlinder'];
  const rounds = await count('SELECT COUNT(*) FROM climate_round');
  let r = await as('coordinator', 'POST', `/api/v1/climate/groups/${g.id}/rounds`, { questionnaire_id: g.rounds[0].questionnaire_id, opens_on: day(5), closes_on: day(1) });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'closes_on');
  assert.equal(r.json.error.reason, 'closes_on.before_opens_on');
  r = await as('coordinator', 'POST', `/api/v1/climate/groups/${g.id}/rounds`, { questionnaire_id: '01890000-0000-7000-8000-000000000000', opens_on: day(0), closes_on: day(1) });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'questionnaire_id');
  assert.equal(await count('SELECT COUNT(*) FROM climate_round'), rounds);
  r = await as('coordinator', 'POST', '/api/v1/climate/groups', { name: 'De Vlinder', location: 'x' });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.reason, 'climate.group_exists');
  const round = await newRound('De Vlinder', day(-1), day(3));
  const codesBefore = await count('SELECT COUNT(*) FROM climate_code');
  r = await as('coordinator', 'POST', `/api/v1/climate/rounds/${round.id}/codes`, { variant: 'girl_young', count: 0 });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.reason, 'count.out_of_range');
  r = await as('coordinator', 'POST', `/api/v1/climate/rounds/${round.id}/codes`, { variant: 'boys', count: 2 });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'variant');
  assert.equal(await count('SELECT COUNT(*) FROM climate_code'), codesBefore);
  const [c] = await codes(round.id, 'girl_young', 1);
  const st = await pub('start', { code: c });
  const drafts = await count('SELECT COUNT(*) FROM climate_draft');
  r = await pub('save', { code: c, item_id: st.json.items[0].id, value: 9 });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.reason, 'value.off_scale');
  r = await pub('save', { code: c, item_id: round.group_id, value: 3 });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.reason, 'item_id.not_in_questionnaire');
  assert.equal(await count('SELECT COUNT(*) FROM climate_draft'), drafts);
  r = await pub('finish', { code: c });
  assert.equal(r.status, 400, 'nothing answered yet');
  assert.equal(r.json.error.reason, 'climate.nothing_answered');
  r = await pub('start', { code: 'ABCDE-FGHJ' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.reason, 'code.format');
  r = await pub('start', { code: 'ABCDE-FGHJK' });
  assert.equal(r.status, 404);
  assert.equal(r.json.error.reason, 'climate.code_unknown');
  // Save, then clear an answer, then continue later with the same code.
  await pub('save', { code: c, item_id: st.json.items[1].id, value: 4 });
  await pub('save', { code: c, item_id: st.json.items[2].id, value: 5 });
  await pub('save', { code: c, item_id: st.json.items[2].id, value: null });
  const again = await pub('start', { code: c });
  assert.deepEqual(again.json.answers, { [st.json.items[1].id]: 4 });
  // A round that has not opened or has closed takes no answers.
  const later = await newRound('Het Kompas', day(3), day(9));
  const [c2] = await codes(later.id, 'staff', 1);
  r = await pub('start', { code: c2 });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.reason, 'climate.round_not_open');
});

test('an administrator loads a questionnaire from the documented file format', async () => {
  const ex = await srv.run(['climate', 'example']);
  assert.equal(ex.code, 0);
  assert.match(ex.stdout, /^questionnaire\t/m);
  const dir = fs.mkdtempSync(path.join(srv.dir, 'q-'));
  const file = path.join(dir, 'licensed.tsv');
  fs.writeFileSync(file, ex.stdout.replace('Doorloop voorbeeld\t1', 'Gelicenseerd\t2'));
  const before = await count('SELECT COUNT(*) FROM climate_questionnaire');
  let r = await srv.run(['climate', 'load', file]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(await count('SELECT COUNT(*) FROM climate_questionnaire'), before + 1);
  r = await srv.run(['climate', 'load', file]);
  assert.equal(r.code, 2, 'the same name and version twice');
  const bad = path.join(dir, 'bad.tsv');
  fs.writeFileSync(bad, ex.stdout.replace('Doorloop voorbeeld\t1', 'Kapot\t1').replace('\tsupport\treverse\t', '\tsupport\tsideways\t'));
  r = await srv.run(['climate', 'load', bad]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /line \d+/);
  assert.equal(await count('SELECT COUNT(*) FROM climate_questionnaire'), before + 1, 'a bad file loads nothing');
  assert.ok(await count("SELECT COUNT(*) FROM audit_log WHERE object_type = 'climate_questionnaire' AND action = 'create'") >= 1);
  const qs = await as('coordinator', 'GET', '/api/v1/climate/questionnaires');
  assert.ok(qs.json.items.some((q) => q.name === 'Gelicenseerd' && q.items === 36));
});
