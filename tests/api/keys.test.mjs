// Key rotation (issue 15, item 3), on the engine of the run:
//   - every GET answer of the API for every demo user is recorded; then
//     `doorloop key rotate` runs while four readers keep asking the
//     coordinator's routes: no 5xx and no answer that differs; afterwards
//     every answer is the same again and no encrypted column or keyed hash
//     names the old key;
//   - `key retire` is refused (exit 2, naming what still uses it) while an
//     unused invitation's code is hashed under the old key, which still
//     works during the rotation; refused for the current key, an unknown
//     key and no key at all; once the code is used the old key goes, and
//     the server restarted with the new key file alone answers the same;
//   - the keyed-hash lookups still find her: a BSN twice is a duplicate,
//     and a signal with her BSN or her name and birth date is matched.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { startServer, freshDatabase, login, api, BIN, ROOT, DEMO_USERS } from './lib/harness.mjs';
import { crawl, normalise, items, getPaths, allEntries } from './lib/answers.mjs';

const kind = process.env.DOORLOOP_TEST_DB_KIND ?? 'sqlite';
const started = [];
after(async () => {
  for (const s of started) await s.stop();
  for (const s of started) if (s.kind === 'sqlite') rmSync(s.dir, { recursive: true, force: true });
});

// A fictional BSN passing the eleven test, from a number.
function bsn(n) {
  for (let k = n; ; k++) {
    const d = `9997${String(k % 10000).padStart(4, '0')}`;
    const sum = [...d].reduce((a, c, i) => a + Number(c) * (9 - i), 0);
    if (sum % 11 < 10) return d + String(sum % 11);
  }
}

async function crawlAll(srv, paths, cutoff) {
  const out = {};
  for (const user of DEMO_USERS)
    out[user] = normalise(await crawl(srv, paths, user, user === 'coordinator' ? 1000 : undefined), cutoff);
  return out;
}

// The audit views page through a log every crawl adds to: once several
// crawls lie between two answers, the page shows other entries.
const AUDIT_VIEW = /\/access-log$|^\/api\/v1\/me$|^\/api\/v1\/audit\//;

function sameAnswers(got, want, what, skip = null) {
  let n = 0;
  for (const user of Object.keys(want)) {
    assert.deepEqual(Object.keys(got[user]).sort(), Object.keys(want[user]).sort(), `${what}, ${user}: the same paths`);
    for (const p of Object.keys(want[user])) {
      if (skip && skip.test(p)) continue;
      assert.deepEqual(got[user][p], want[user][p], `${what}, ${user}: GET ${p}`);
      n++;
    }
  }
  return n;
}

// The encrypted columns of the schema, from the database itself.
async function encColumns(srv) {
  const q = kind === 'sqlite'
    ? "SELECT m.name || '.' || p.name FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' AND p.name LIKE '%\\_enc' ESCAPE '\\'"
    : "SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name LIKE '%\\_enc' ESCAPE '\\'";
  return (await srv.sql(q)).trim().split('\n').filter(Boolean);
}

// Rows whose ciphertext names key `id` (its first byte, the first two
// base64url characters), in column t.c.
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
function namingKey(tc, id) {
  const [t, c] = tc.split('.');
  const second = Array.from({ length: 16 }, (_, k) => `'${B64[((id & 3) << 4) | k]}'`).join(', ');
  return `SELECT COUNT(*) FROM ${t} WHERE SUBSTR(${c}, 1, 1) = '${B64[id >> 2]}' AND SUBSTR(${c}, 2, 1) IN (${second})`;
}

test(`key rotate while serving, retire the old key, restart: the same answers [${kind}]`, { timeout: 900000 }, async () => {
  const srv = await startServer({ db: kind });
  started.push(srv);
  const count = async (q) => Number((await srv.sql(q)).trim());
  const key = ['--db', srv.dbUrl, '--key-file', srv.keyFile];
  const coord = await login(srv, 'coordinator');
  const as = (s, method, p, body) => api(srv, method, p, { token: s.token, body });

  // Before: a girl with a BSN, and an invitation for her, both hashed under key 1.
  const mun = (await as(coord, 'GET', '/api/v1/organisations')).json.items.find((o) => o.kind === 'municipality');
  const herBsn = bsn(41);
  const her = await as(coord, 'POST', '/api/v1/clients', {
    pseudonym: `Sleutel-${kind}`, name: 'Roos Sleutelaar', birth_date: '2009-08-17', municipality_id: mun.id, bsn: herBsn,
  });
  assert.equal(her.status, 201, her.text);
  const inv = await as(coord, 'POST', `/api/v1/clients/${her.json.id}/invitation`, { username: `roos.${kind}` });
  assert.equal(inv.status, 201, inv.text);
  assert.match((await srv.run(['key', 'status', ...key])).stdout, /^key 1 \(current\)/);

  // Bad input, each exit 2 and nothing changed.
  for (const args of [['retire', '1'], ['retire', '9'], ['retire', 'een'], ['retire'], ['rotate', 'extra'], ['spin']]) {
    const r = await srv.run(['key', ...args, ...key]);
    assert.equal(r.code, 2, `key ${args.join(' ')}: ${r.stderr}`);
  }
  assert.match((await srv.run(['key', 'retire', '1', ...key])).stderr, /current key/);
  assert.match((await srv.run(['key', 'retire', '9', ...key])).stderr, /no key 9/);
  assert.match((await srv.run(['key', '--help'])).stdout, /key rotate/);

  // A backup from before the rotation (it carries key 1).
  const keys = mkdtempSync(path.join(process.env.DOORLOOP_TEST_TMP ?? os.tmpdir(), 'keys-'));
  const bkey = path.join(keys, 'backup.key');
  assert.equal((await srv.run(['backup-key', 'create', '--backup-key', bkey])).code, 0);
  const early = path.join(keys, 'before.dlbk');
  let r = await srv.run(['backup', ...key, '--backup-key', bkey, early]);
  assert.equal(r.code, 0, r.stderr);

  const cutoff = new Date().toISOString();
  const paths = await getPaths(srv);
  const before = await crawlAll(srv, paths, cutoff);

  // Readers keep asking the coordinator's routes while the rotation runs.
  const mine = Object.keys(before.coordinator);
  let reading = true, reads = 0, readsDuring = 0, rotating = false;
  const bad = [];
  const rs = await login(srv, 'coordinator');	// one session, made after the cutoff
  const reader = async (w) => {
    for (let i = w; reading; i++) {
      const p = mine[i % mine.length];
      const r = await api(srv, 'GET', p, { token: rs.token });
      reads++;
      if (rotating) readsDuring++;
      if (r.status >= 500) bad.push(`${p}: ${r.status}`);
      else {
        const got = normalise({ [p]: { status: r.status, json: await allEntries(srv, rs, p, r) } }, cutoff)[p];
        try { assert.deepEqual(got, before.coordinator[p]); } catch { bad.push(`${p}: a different answer`); }
      }
    }
  };
  const readers = [0, 1, 2, 3].map((w) => reader(w * 7));
  while (reads < 20) await new Promise((r) => setTimeout(r, 20));
  rotating = true;
  const rot = await new Promise((resolve) => {
    const p = spawn(BIN, ['key', 'rotate', '--batch', '5', ...key], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    p.stdout.on('data', (d) => { stdout += d; });
    p.stderr.on('data', (d) => { stderr += d; });
    p.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
  rotating = false;
  const settled = reads;
  while (reads < settled + 20) await new Promise((r) => setTimeout(r, 20));
  reading = false;
  await Promise.all(readers);
  assert.equal(rot.code, 0, rot.stderr);
  assert.match(rot.stdout, /^key 2 is current: [1-9]\d* values re-encrypted, [1-9]\d* hashes re-keyed/);
  assert.ok(readsDuring >= 10, `${readsDuring} reads while the rotation ran`);
  assert.deepEqual(bad, [], 'no 5xx and no different answer during the rotation');

  // The key file: two keys and the audit chain's key, mode 0600.
  const text = readFileSync(srv.keyFile, 'utf8');
  assert.match(text, /^1 [0-9a-f]{64}$/m);
  assert.match(text, /^2 [0-9a-f]{64}$/m);
  assert.match(text, /^audit [0-9a-f]{64}$/m);
  assert.equal(statSync(srv.keyFile).mode & 0o777, 0o600);

  // Every answer is the same; nothing encrypted names key 1 any more.
  const afterRotate = await crawlAll(srv, paths, cutoff);
  assert.ok(sameAnswers(afterRotate, before, 'after the rotation') > 300);
  const cols = await encColumns(srv);
  assert.ok(cols.length >= 40, cols.join());
  let sealed = 0;
  const used = [];
  for (const c of cols) {
    assert.equal(await count(namingKey(c, 1)), 0, `${c} names key 1`);
    const n = await count(namingKey(c, 2));
    sealed += n;
    if (n > 0) used.push(`  ${c}: ${n}\n`);
  }
  assert.ok(sealed > 200, `${sealed} values under key 2`);
  for (const t of ['client', 'signal', 'exploiter_indicator'])
    assert.equal(await count(`SELECT COUNT(*) FROM ${t} WHERE hash_key_id <> 2`), 0, `${t} hashes re-keyed`);
  const status = (await srv.run(['key', 'status', ...key])).stdout;
  assert.match(status, /^key 2 \(current\): \d+ rows$/m);
  assert.match(status, /^key 1: 1 rows\n  activation_code\.hash_key_id: 1$/m);
  for (const line of used)
    assert.ok(status.includes(line), `status counts ${line.trim()}`);

  // The unused invitation's code is hashed under key 1: retiring waits for it.
  r = await srv.run(['key', 'retire', '1', ...key]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /still named by 1 rows \(activation_code\.hash_key_id 1\)/);
  assert.match(readFileSync(srv.keyFile, 'utf8'), /^1 /m, 'a refused retirement leaves the key file');
  // The code works under the old key, and once used retiring goes ahead.
  const act = await api(srv, 'POST', '/api/v1/activate', { body: { code: inv.json.code, password: 'mijn-sleutel-wachtwoord' } });
  assert.equal(act.status, 201, act.text);
  r = await srv.run(['key', 'retire', '1', ...key]);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(readFileSync(srv.keyFile, 'utf8'), /^1 /m);
  assert.equal(statSync(srv.keyFile).mode & 0o777, 0o600);
  assert.equal((await srv.run(['key', 'retire', '1', ...key])).code, 2, 'retired already');
  for (const [action, n] of [['key_rotate', 1], ['key_reencrypt', 1], ['key_retire', 1]])
    assert.equal(await count(`SELECT COUNT(*) FROM audit_log WHERE action = '${action}' AND object_type = 'key' AND remote_addr = 'local:cli'`), n, action);
  assert.equal((await srv.run(['audit', 'verify', ...key])).code, 0, 'the audit chain keeps its own key');

  // Backups restore after the rotation: one made now (key 2 alone), and the
  // one made before it (key 1), each into an empty installation.
  const late = path.join(keys, 'after.dlbk');
  r = await srv.run(['backup', ...key, '--backup-key', bkey, late]);
  assert.equal(r.code, 0, r.stderr);
  for (const [file, name] of [[late, 'Roos Sleutelaar'], [early, 'Roos Sleutelaar']]) {
    const dir = mkdtempSync(path.join(keys, 'restore-'));
    const inst = { kind, dbUrl: await freshDatabase(kind, dir), keyFile: path.join(dir, 'doorloop.key') };
    const dst = ['--db', inst.dbUrl, '--key-file', inst.keyFile];
    assert.equal((await srv.run(['init', ...dst])).code, 0);
    r = await srv.run(['restore', ...dst, '--backup-key', bkey, file]);
    assert.equal(r.code, 0, `${file}: ${r.stderr}`);
    assert.equal((await srv.run(['audit', 'verify', ...dst])).code, 0, `${file}: audit verify`);
    const restored = await startServer({ attach: inst });
    started.push(restored);
    const rc = await login(restored, 'coordinator');
    const one = await api(restored, 'GET', `/api/v1/clients/${her.json.id}`, { token: rc.token });
    assert.equal(one.status, 200, `${file}: ${one.text}`);
    assert.equal(one.json.name, name, `${file}: her name decrypts`);
    const mila = items((await api(restored, 'GET', '/api/v1/clients?limit=200', { token: rc.token })).json).find((c) => c.pseudonym === 'Mila');
    const tl = await api(restored, 'GET', `/api/v1/clients/${mila.id}/journal`, { token: rc.token });
    assert.equal(tl.status, 200, tl.text);
    assert.deepEqual(tl.json, (await api(srv, 'GET', `/api/v1/clients/${mila.id}/journal`, { token: coord.token })).json, `${file}: her journal`);
    await restored.stop();
  }

  // The server running on reads everything; restarted with key 2 alone, the same.
  const cutoff2 = new Date().toISOString();
  const retired = await crawlAll(srv, paths, cutoff2);
  process.env.DOORLOOP_KEEP_TMP = '1';	// the restart needs the database and key file
  try {
    assert.equal((await srv.stop()).code, 0);
  } finally {
    delete process.env.DOORLOOP_KEEP_TMP;
  }
  const again = await startServer({ attach: { kind, dbUrl: srv.dbUrl, keyFile: srv.keyFile } });
  started.push(again);
  assert.ok(sameAnswers(await crawlAll(again, paths, cutoff2), retired, 'after the restart', AUDIT_VIEW) > 300);
  // ... and the same as before the rotation, but for her new account.
  const back = (await crawlAll(again, paths, cutoff)).coordinator;
  // (Her pages and the list show her new account; the setup's own session was used since.)
  const since = (q) => q.includes(her.json.id) || q === '/api/v1/clients' || q === '/api/v1/account/sessions';
  for (const p of Object.keys(before.coordinator).filter((q) => !since(q) && !AUDIT_VIEW.test(q)))
    assert.deepEqual(back[p], before.coordinator[p], `after the restart, coordinator: GET ${p}`);

  // Keyed-hash lookups under the new key: her BSN twice is a duplicate ...
  const c2 = await login(again, 'coordinator');
  const dup = await api(again, 'POST', '/api/v1/clients', { token: c2.token, body: {
    pseudonym: `Sleutel-twee-${kind}`, name: 'Iemand Anders', birth_date: '2010-01-01', municipality_id: mun.id, bsn: herBsn } });
  assert.equal(dup.status, 409, dup.text);
  assert.equal(dup.json.error.reason, 'client.duplicate');
  assert.equal(dup.json.error.field, 'bsn');
  const other = await api(again, 'POST', '/api/v1/clients', { token: c2.token, body: {
    pseudonym: `Sleutel-drie-${kind}`, name: 'Iemand Anders', birth_date: '2010-01-01', municipality_id: mun.id, bsn: bsn(77) } });
  assert.equal(other.status, 201, other.text);
  // ... and a signal with her BSN, or her name and birth date, finds her.
  const teacher = await login(again, 'teacher');
  const matched = async () => Number((await again.sql(`SELECT COUNT(*) FROM signal_client_match WHERE client_id = '${her.json.id}'`)).trim());
  assert.equal(await matched(), 0);
  const sig = (body) => api(again, 'POST', '/api/v1/signals', { token: teacher.token, body: {
    indicators: ['truancy'], certainty: 'unsure', contact_phone: '06-1', ...body } });
  assert.equal((await sig({ bsn: bsn(91) })).status, 201);
  assert.equal(await matched(), 0, 'another BSN is not her');
  assert.equal((await sig({ bsn: herBsn })).status, 201);
  assert.equal(await matched(), 1, 'her BSN finds her');
  assert.equal((await sig({ name: 'roos sleutelaar', birth_date: '2009-08-17' })).status, 201);
  assert.equal(await matched(), 2, 'her name and birth date find her');
  assert.ok(items((await api(again, 'GET', '/api/v1/clients?limit=200', { token: c2.token })).json).some((c) => c.id === her.json.id));
});
