// Log-in as NIST SP 800-63B and NEN 7510 ask it: two-step log-in (TOTP,
// RFC 6238) for staff with recovery codes, a password policy, growing delays
// instead of a lock, and one's own sessions (list, end one, end all).
// The codes are computed here from the secret the server hands out, as an
// authenticator app would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { startServer, login, api, DEMO_PASSWORD } from './lib/harness.mjs';

const kind = process.env.DOORLOOP_TEST_DB_KIND || 'sqlite';
let srv;

before(async () => { srv = await startServer({ db: kind }); });
after(async () => { await srv?.stop(); });

function base32(s) {
  const al = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0; let buf = 0; const out = [];
  for (const c of s) {
    buf = (buf << 5) | al.indexOf(c);
    bits += 5;
    if (bits >= 8) { out.push((buf >>> (bits - 8)) & 0xff); bits -= 8; }
  }
  return Buffer.from(out);
}

// RFC 6238: HMAC-SHA1 over the 30-second step, dynamic truncation, 6 digits.
function totp(secret, t = Date.now() / 1000) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(Math.floor(t / 30)));
  const h = createHmac('sha1', base32(secret)).update(msg).digest();
  const o = h[h.length - 1] & 0xf;
  const n = ((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
  return String(n % 1000000).padStart(6, '0');
}

async function setting(name, value) {
  const r = await srv.run(['config', 'set', name, String(value)]);
  assert.equal(r.code, 0, r.stderr);
}

// Exactly one of racing answers succeeded; the others were refused (wrong
// or used code, or - past the free failures - the delay that follows).
function onceOnly(answers) {
  const statuses = answers.map((r) => r.status);
  assert.equal(statuses.filter((x) => x === 200).length, 1, statuses.join());
  assert.ok(statuses.every((x) => [200, 401, 429].includes(x)), statuses.join());
}

const post = (path, token, body) => api(srv, 'POST', path, { token, body });
const get = (path, token) => api(srv, 'GET', path, { token });

// Log in with the password; the session may be at any stage.
async function password(username, opts = {}) {
  const r = await api(srv, 'POST', '/api/v1/session', { body: { username, password: DEMO_PASSWORD }, ...opts });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

// Enrol `username` (whose log-in must lead to enrolment); returns the
// secret, the recovery codes and the full session's token.
async function enrol(username) {
  const step = await password(username);
  assert.equal(step.stage, 'enrol');
  const begun = await post('/api/v1/account/totp', step.token);
  assert.equal(begun.status, 201, begun.text);
  const secret = begun.json.secret;
  const done = await post('/api/v1/account/totp/confirm', step.token, { code: totp(secret) });
  assert.equal(done.status, 200, done.text);
  return { secret, codes: done.json.recovery_codes, token: done.json.token };
}

test('the demo logs in with its password alone; the policy forbids that password for anyone else', async () => {
  const s = await login(srv, 'coordinator');
  assert.ok(s.token);
  const r = await get('/api/v1/session', s.token);
  assert.equal(r.json.stage, 'full');
  const st = await get('/api/v1/account/totp', s.token);
  assert.equal(st.status, 200);
  assert.deepEqual({ ...st.json, stage: undefined }, { available: true, enrolled: false, pending: false, required: false, recovery_codes_left: 0, stage: undefined });
});

test('password policy: length, common, username, product name, each with its reason', async () => {
  const admin = await login(srv, 'admin');
  const orgs = await get('/api/v1/organisations', admin.token);
  const org = orgs.json.items.find((o) => o.kind === 'institution');
  const cases = [
    ['aaaaaaaaaa', 'password.too_short'],
    ['password12', 'password.too_short'],
    ['aaaaaaaaaaaa', 'password.common'],
    ['password1234', 'password.common'],
    ['Welkom2024!!', 'password.common'],
    ['123456789012', 'password.common'],
    [DEMO_PASSWORD, 'password.contains_product'],
    ['Mijn-Doorloop-2026', 'password.contains_product'],
    ['pw-of-jan.de.vries!', 'password.contains_username'],
  ];
  // She sets her own password with the activation code; the policy holds.
  const made = await post('/api/v1/users', admin.token, { username: 'jan.de.vries', display_name: 'Jan', role: 'caregiver', org_id: org.id });
  assert.equal(made.status, 201, made.text);
  for (const [pw, reason] of cases) {
    const r = await post('/api/v1/activate', null, { code: made.json.activation.code, password: pw });
    assert.equal(r.status, 400, pw);
    assert.equal(r.json.error.field, 'password');
    assert.equal(r.json.error.reason, reason, pw);
  }
  const ok = await post('/api/v1/activate', null, { code: made.json.activation.code, password: 'paarse konijnen fietsen' });
  assert.equal(ok.status, 201, ok.text);
});

test('throttling: 20 failures from one address block no one behind it; the guessed account waits only there', async () => {
  for (let i = 0; i < 20; i++) {
    const r = await api(srv, 'POST', '/api/v1/session', { localAddress: '127.0.0.3', body: { username: `nobody${i}`, password: 'verkeerd-wachtwoord' } });
    assert.equal(r.status, 401);
  }
  const colleague = await api(srv, 'POST', '/api/v1/session', { localAddress: '127.0.0.3', body: { username: 'municipality', password: DEMO_PASSWORD } });
  assert.equal(colleague.status, 201, 'the proxy address is not blocked');
  for (let i = 0; i < 6; i++)
    await api(srv, 'POST', '/api/v1/session', { localAddress: '127.0.0.4', body: { username: 'partner', password: 'verkeerd-wachtwoord' } });
  const guesser = await api(srv, 'POST', '/api/v1/session', { localAddress: '127.0.0.4', body: { username: 'partner', password: DEMO_PASSWORD } });
  assert.equal(guesser.status, 429);
  assert.equal(guesser.json.error.reason, 'login.too_many_attempts');
  assert.match(guesser.json.error.message, /\d+ seconds/);
  const owner = await api(srv, 'POST', '/api/v1/session', { localAddress: '127.0.0.5', body: { username: 'partner', password: DEMO_PASSWORD } });
  assert.equal(owner.status, 201, 'the owner elsewhere is not locked out');
});

test('sessions: listed with address and browser, one ended, all others ended, everywhere ended', async () => {
  const ua = (n) => ({ headers: { 'User-Agent': `agent-${n}` } });
  const a = await password('monitor', ua('A'));
  const b = await password('monitor', ua('B'));
  const c = await password('monitor', ua('C'));
  const other = await login(srv, 'caregiver');
  const list = await get('/api/v1/account/sessions', a.token);
  assert.equal(list.status, 200);
  const mine = list.json.items;
  assert.ok(mine.length >= 3);
  assert.equal(mine.filter((x) => x.current).length, 1);
  const cur = mine.find((x) => x.current);
  assert.equal(cur.user_agent, 'agent-A');
  assert.equal(cur.remote_addr, '127.0.0.1');
  assert.ok(cur.created_at && cur.last_seen_at);
  const bRow = mine.find((x) => x.user_agent === 'agent-B');
  assert.ok(bRow && !bRow.current);

  // Another user's session cannot be named, nor is it in the list.
  const theirs = (await get('/api/v1/account/sessions', other.token)).json.items.find((x) => x.current);
  assert.ok(!mine.some((x) => x.id === theirs.id));
  const foreign = await api(srv, 'DELETE', `/api/v1/account/sessions/${theirs.id}`, { token: a.token });
  assert.equal(foreign.status, 404);
  assert.equal(foreign.json.error.reason, 'session.unknown');
  assert.equal((await get('/api/v1/session', other.token)).status, 200, 'their session lives on');
  assert.equal((await api(srv, 'DELETE', '/api/v1/account/sessions/not-an-id', { token: a.token })).status, 404);

  const del = await api(srv, 'DELETE', `/api/v1/account/sessions/${bRow.id}`, { token: a.token });
  assert.equal(del.status, 204);
  assert.equal((await get('/api/v1/session', b.token)).status, 401);

  const bad = await post('/api/v1/account/sessions/end', a.token, { keep_current: 'yes' });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'keep_current');
  const others = await post('/api/v1/account/sessions/end', a.token, { keep_current: true });
  assert.equal(others.status, 200);
  assert.ok(others.json.ended >= 1);
  assert.equal(others.json.current_ended, false);
  assert.equal((await get('/api/v1/session', c.token)).status, 401);
  assert.equal((await get('/api/v1/session', a.token)).status, 200);
  const all = await post('/api/v1/account/sessions/end', a.token, { keep_current: false });
  assert.equal(all.status, 200);
  assert.match([].concat(all.headers['set-cookie'] ?? []).join(), /Max-Age=0/);
  assert.equal((await get('/api/v1/session', a.token)).status, 401);
  assert.equal((await get('/api/v1/account/sessions')).status, 401, 'no session, no list');

  // The girl's own account has the same page.
  const client = await login(srv, 'client');
  const hers = await get('/api/v1/account/sessions', client.token);
  assert.equal(hers.status, 200);
  assert.ok(hers.json.items.some((x) => x.current));
  const noTotp = await post('/api/v1/account/totp', client.token);
  assert.equal(noTotp.status, 403);
  assert.equal(noTotp.json.error.reason, 'totp.role');
  assert.equal((await srv.sql("SELECT COUNT(*) FROM audit_log WHERE action IN ('logout_others', 'logout_everywhere')")).trim(), '2');
});

test('auth.max_sessions: a new log-in ends the oldest', async () => {
  await setting('auth.max_sessions', 2);
  const first = await login(srv, 'municipality');
  await login(srv, 'municipality');
  await login(srv, 'municipality');
  assert.equal((await get('/api/v1/session', first.token)).status, 401);
  await setting('auth.max_sessions', 10);
});

test('two-step log-in required: enrolment first, then password and code; a code works once', async () => {
  await setting('auth.totp_required', 1);
  const step = await password('caregiver');
  assert.equal(step.stage, 'enrol');
  // Only enrolment: nothing else opens.
  const clients = await get('/api/v1/clients', step.token);
  assert.equal(clients.status, 403);
  assert.equal(clients.json.error.reason, 'login.enrolment_due');
  assert.equal((await get('/api/v1/account/sessions', step.token)).status, 403);
  assert.equal((await get('/api/v1/session', step.token)).json.stage, 'enrol');
  const st = await get('/api/v1/account/totp', step.token);
  assert.equal(st.json.required, true);
  assert.equal(st.json.enrolled, false);

  const early = await post('/api/v1/account/totp/confirm', step.token, { code: '123456' });
  assert.equal(early.status, 409);
  assert.equal(early.json.error.reason, 'totp.not_started');
  const begun = await post('/api/v1/account/totp', step.token);
  assert.equal(begun.status, 201);
  assert.match(begun.json.secret, /^[A-Z2-7]{32}$/);
  assert.equal(begun.json.otpauth_uri, `otpauth://totp/Doorloop:caregiver?secret=${begun.json.secret}&issuer=Doorloop&algorithm=SHA1&digits=6&period=30`);
  const stored = await srv.sql("SELECT secret_enc FROM user_totp t JOIN app_user u ON u.id = t.user_id WHERE u.username = 'caregiver'");
  assert.ok(stored.trim() && !stored.includes(begun.json.secret), 'the secret is stored encrypted');
  const secret = begun.json.secret;

  const format = await post('/api/v1/account/totp/confirm', step.token, { code: '12ab56' });
  assert.equal(format.status, 400);
  assert.equal(format.json.error.field, 'code');
  const wrong = await post('/api/v1/account/totp/confirm', step.token, { code: totp(secret, Date.now() / 1000 + 600) });
  assert.equal(wrong.status, 401);
  assert.equal(wrong.json.error.reason, 'totp.code_wrong');
  const done = await post('/api/v1/account/totp/confirm', step.token, { code: totp(secret) });
  assert.equal(done.status, 200, done.text);
  assert.equal(done.json.stage, 'full');
  assert.equal(done.json.recovery_codes.length, 10);
  assert.equal(new Set(done.json.recovery_codes).size, 10);
  assert.ok(done.json.recovery_codes.every((c) => /^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/.test(c)));
  const hashes = await srv.sql("SELECT code_hash FROM user_recovery_code r JOIN app_user u ON u.id = r.user_id WHERE u.username = 'caregiver'");
  assert.equal(hashes.trim().split('\n').length, 10);
  assert.ok(done.json.recovery_codes.every((c) => !hashes.includes(c) && !hashes.includes(c.replaceAll('-', ''))), 'only hashes stored');
  assert.equal((await get('/api/v1/session', step.token)).status, 401, 'the enrolment token is spent');
  assert.equal((await get('/api/v1/clients', done.json.token)).status, 200);
  const again = await post('/api/v1/account/totp', done.json.token);
  assert.equal(again.status, 409);
  assert.equal(again.json.error.reason, 'totp.already_enrolled');

  // Password, then code.
  const next = await password('caregiver');
  assert.equal(next.stage, 'totp');
  const blocked = await get('/api/v1/clients', next.token);
  assert.equal(blocked.status, 403);
  assert.equal(blocked.json.error.reason, 'login.second_factor_due');
  assert.equal((await post('/api/v1/account/totp', next.token)).status, 403, 'no re-enrolment with a password alone');
  const bad = await post('/api/v1/session/totp', next.token, { code: totp(secret, Date.now() / 1000 - 600) });
  assert.equal(bad.status, 401);
  assert.equal(bad.json.error.reason, 'totp.code_wrong');
  const code = totp(secret, Date.now() / 1000 + 30);   // the next step: the current one was taken by enrolment
  const ok = await post('/api/v1/session/totp', next.token, { code });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.stage, 'full');
  assert.notEqual(ok.json.token, next.token, 'a new token after the second step');
  assert.equal((await get('/api/v1/clients', ok.json.token)).status, 200);

  // The same code again, within its window, in a new log-in: refused.
  const replay = await password('caregiver');
  const reused = await post('/api/v1/session/totp', replay.token, { code });
  assert.equal(reused.status, 401);
  assert.equal(reused.json.error.reason, 'totp.code_wrong');

  // A recovery code works once, however many race with it.
  const rc = done.json.recovery_codes[0].toUpperCase();
  const pending = [];
  for (let i = 0; i < 8; i++) pending.push((await password('caregiver')).token);
  const raced = await Promise.all(pending.map((t) => post('/api/v1/session/totp', t, { code: rc })));
  onceOnly(raced);
  const st2 = await get('/api/v1/account/totp', raced.find((r) => r.status === 200).json.token);
  assert.equal(st2.json.recovery_codes_left, 9);
  const login2 = await srv.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'login_recovery_code'");
  assert.equal(login2.trim(), '1');

  // The girl's own account never asks for a second factor.
  const girl = await password('client');
  assert.equal(girl.stage, 'full');
});

test('a code that races with itself logs in once', async () => {
  const { secret } = await enrol('coordinator');
  const pending = [];
  for (let i = 0; i < 8; i++) pending.push((await password('coordinator')).token);
  const code = totp(secret, Date.now() / 1000 + 30);
  const raced = await Promise.all(pending.map((t) => post('/api/v1/session/totp', t, { code })));
  onceOnly(raced);
});

test('wrong codes are throttled per account', async () => {
  const { secret } = await enrol('admin');
  const t = (await password('admin')).token;
  const far = totp(secret, Date.now() / 1000 - 3600);
  let last;
  for (let i = 0; i < 7; i++) last = await post('/api/v1/session/totp', t, { code: far });
  assert.equal(last.status, 429);
  assert.equal(last.json.error.reason, 'totp.too_many_attempts');
});

test('doorloop user totp-reset: a lost phone; the next log-in enrols anew (audited)', async () => {
  const r = await srv.run(['user', 'totp-reset', 'caregiver']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /removed/);
  const n = await srv.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'totp_reset'");
  assert.equal(n.trim(), '1');
  assert.equal((await password('caregiver')).stage, 'enrol');
  const unknown = await srv.run(['user', 'totp-reset', 'nobody']);
  assert.equal(unknown.code, 2);
  await setting('auth.totp_required', 0);
  assert.equal((await password('caregiver')).stage, 'full', 'optional again: the password suffices');
});

// A log-in waits for Argon2id on a thread of the slow pool (server.c), with
// its connection suspended, not on the request thread that received it: with
// one request thread, a read sent while four log-ins are hashing is answered
// before any of them (each takes a whole Argon2id run of the hashing pool).
test('log-ins waiting for their hash do not hold up a read on the same request thread', async () => {
  const one = await startServer({ db: kind, args: ['--threads', '1'] });
  try {
    const { token } = await login(one, 'coordinator');
    const order = [];
    const logins = [0, 1, 2, 3].map((i) =>
      api(one, 'POST', '/api/v1/session', { body: { username: 'caregiver', password: DEMO_PASSWORD } })
        .then((r) => { order.push(`log-in ${i}: ${r.status}`); }));
    await new Promise((res) => setTimeout(res, 50));	// the log-ins are in
    const r = await api(one, 'GET', '/api/v1/session', { token });
    order.push(`read: ${r.status}`);
    await Promise.all(logins);
    assert.equal(order[0], 'read: 200', order.join(', '));
    assert.equal(order.filter((x) => x.endsWith(': 201')).length, 4, order.join(', '));
  } finally {
    await one.stop();
  }
});

// Stopping the server answers the log-ins the slow pool holds first: every
// one gets its answer and the server exits cleanly (a connection left
// suspended would keep it from stopping).
test('SIGTERM while log-ins wait for their hash: each is answered, the server exits cleanly', async () => {
  const one = await startServer({ db: kind, args: ['--threads', '1'] });
  let stopped;
  try {
    const logins = [0, 1, 2, 3].map(() =>
      api(one, 'POST', '/api/v1/session', { body: { username: 'caregiver', password: DEMO_PASSWORD } }));
    await new Promise((res) => setTimeout(res, 50));	// the log-ins are in
    stopped = one.stop();
    const statuses = (await Promise.all(logins)).map((r) => r.status);
    assert.deepEqual(statuses, [201, 201, 201, 201]);
    assert.equal((await stopped).code, 0, one.log.slice(-10).join('\n'));
  } finally {
    await (stopped ?? one.stop());
  }
});
