// The server under attack (issue 14, items 3, 5, 9 and 12): hundreds of slow
// clients do not keep a normal user out; HTTPS with a real handshake, HSTS
// and the Secure cookie flag; a trusted proxy's X-Forwarded-For and
// X-Forwarded-Proto believed from it and from nobody else; the server's own
// error answers (414, 431, 413) carry the security headers; an oversized
// body sent without "Expect: 100-continue" gets its 413 instead of a reset;
// the overlap error names no placement the caller may not see.
// Runs against the database named by DOORLOOP_TEST_DB_KIND (sqlite|postgres).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { startServer, login, api } from './lib/harness.mjs';

const kind = process.env.DOORLOOP_TEST_DB_KIND || 'sqlite';
const SECURITY = ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'x-frame-options'];
let srv;

before(async () => {
  srv = await startServer({ db: kind, args: ['--per-address', '64', '--header-timeout', '6'] });
});

after(async () => { await srv?.stop(); });

// Raw bytes to the server; resolves what came back, and whether the
// connection ended in a reset.
function raw(server, bytes, { localAddress } = {}) {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve) => {
    const chunks = [];
    let reset = false;
    const sock = net.connect({ host: hostname, port: Number(port), localAddress });
    sock.on('error', (e) => { reset = e.code === 'ECONNRESET' || e.code === 'EPIPE'; });
    sock.on('data', (c) => chunks.push(c));
    sock.on('close', () => resolve({ text: Buffer.concat(chunks).toString('latin1'), reset }));
    sock.setTimeout(20000, () => sock.destroy());
    sock.write(bytes);
  });
}

const statusOf = (text) => Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
const headerOf = (text, name) => new RegExp(`^${name}: (.*)$`, 'im').exec(text)?.[1]?.trim();

test('the server\'s own error answers carry the security headers and a reason', async () => {
  const big = await raw(srv, `GET /api/v1/session HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(40000)}\r\n\r\n`);
  assert.equal(statusOf(big.text), 431, big.text.slice(0, 200));
  const long = await raw(srv, `GET /api/v1/clients?q=${'a'.repeat(20000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
  assert.equal(statusOf(long.text), 414, long.text.slice(0, 200));
  for (const [r, reason] of [[big, 'request.headers_too_large'], [long, 'request.uri_too_long']]) {
    for (const h of SECURITY) assert.ok(headerOf(r.text, h), `${h} on ${statusOf(r.text)}`);
    assert.equal(headerOf(r.text, 'cache-control'), 'no-store');
    assert.match(r.text, new RegExp(`"reason":"${reason.replace('.', '\\.')}"`));
  }
});

test('a body over its limit without Expect: 100-continue gets its 413, not a reset', async () => {
  const co = await login(srv, 'coordinator');
  const body = `{"text":"${'x'.repeat(2 * 1024 * 1024)}"}`;
  for (let i = 0; i < 3; i++) {
    const r = await raw(srv, `POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n`
      + `Authorization: Bearer ${co.token}\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
    assert.equal(statusOf(r.text), 413, `round ${i}: ${r.reset ? 'reset' : r.text.slice(0, 200)}`);
    for (const h of SECURITY) assert.ok(headerOf(r.text, h), h);
    assert.match(r.text, /"reason":"body\.too_large"/);
  }
  // A client that does wait for 100 Continue is still refused at once.
  const early = await raw(srv, `POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n`
    + `Expect: 100-continue\r\nContent-Length: ${body.length}\r\n\r\n`);
  assert.equal(statusOf(early.text), 413);
});

test('600 slow clients from one address keep out neither a coordinator from another address nor a colleague from theirs', async () => {
  const { hostname, port } = new URL(srv.url);
  const socks = [];
  let closedEarly = 0;
  const colleague = await login(srv, 'coordinator');
  for (let i = 0; i < 600; i++) {
    const s = net.connect({ host: hostname, port: Number(port), localAddress: '127.0.0.1' });
    s.on('error', () => {});
    s.on('close', () => { s.closedAt = Date.now(); });
    s.write('GET /api/v1/session HTTP/1.1\r\nHost: x\r\n');
    socks.push(s);
  }
  const started = Date.now();
  const drip = setInterval(() => {
    for (const s of socks) if (!s.destroyed && s.closedAt === undefined) s.write('X-Slow: 1\r\n');
  }, 2000);
  try {
    // A colleague on the attackers' own address (behind the same NAT), right
    // after their burst, takes the place of the oldest slow connection there
    // (conn.c, invariant 4), every time, while they still hold the rest.
    for (let i = 0; i < 5; i++) {
      const c = await api(srv, 'GET', '/api/v1/clients?limit=5', { token: colleague.token, localAddress: '127.0.0.1' });
      assert.equal(c.status, 200, `colleague's read ${i}: ${c.status} ${c.text}`);
    }
    const holding = socks.filter((s) => s.closedAt === undefined).length;
    assert.ok(holding >= 64 - 8 - 5, `the slow clients still held their places (${holding} open)`);
    await new Promise((r) => setTimeout(r, 1500));
    closedEarly = socks.filter((s) => s.closedAt !== undefined).length;
    assert.ok(closedEarly >= 600 - 64 - 8, `the per-address limit closes the rest at once (closed ${closedEarly})`);
    // A normal user from another address logs in and reads while they drip.
    const t0 = Date.now();
    const r1 = await api(srv, 'POST', '/api/v1/session', { body: { username: 'coordinator', password: 'doorloop-demo' }, localAddress: '127.0.0.2' });
    assert.equal(r1.status, 201, r1.text);
    const r2 = await api(srv, 'GET', '/api/v1/clients?limit=5', { token: r1.json.token, localAddress: '127.0.0.2' });
    assert.equal(r2.status, 200, r2.text);
    assert.ok(Date.now() - t0 < 15000, `served in ${Date.now() - t0} ms`);
    // The header deadline (6 s here) ends the drip feeders that got in.
    await new Promise((r) => setTimeout(r, 9000));
    const open = socks.filter((s) => s.closedAt === undefined).length;
    assert.equal(open, 0, `${open} slow connections still open after ${Date.now() - started} ms`);
    // ...and the address may connect again.
    const again = await api(srv, 'GET', '/api/v1/openapi.json', { localAddress: '127.0.0.1' });
    assert.equal(again.status, 200);
  } finally {
    clearInterval(drip);
    for (const s of socks) s.destroy();
  }
});

test('placement overlap: a partner learns no other provider\'s dates', async () => {
  const co = await login(srv, 'coordinator');
  const pa = await login(srv, 'partner');
  const orgs = (await api(srv, 'GET', '/api/v1/organisations', { token: co.token })).json.items;
  const mun = orgs.find((o) => o.kind === 'municipality');
  const girl = await api(srv, 'POST', '/api/v1/clients', {
    token: co.token, body: { pseudonym: `Overlap-${kind}`, name: 'Proef Persoon', birth_date: '2008-03-10', municipality_id: mun.id },
  });
  assert.equal(girl.status, 201, girl.text);
  const base = `/api/v1/clients/${girl.json.id}`;
  assert.equal((await api(srv, 'POST', `${base}/trajectory`, { token: co.token, body: { start_date: '2025-01-01' } })).status, 201);
  const theirs = await api(srv, 'POST', `${base}/phases`, {
    token: co.token, body: { form: 'open_residential', provider_id: co.user.org_id, start_date: '2025-03-07', end_date: '2025-06-23' },
  });
  assert.equal(theirs.status, 201, theirs.text);
  const hers = await api(srv, 'POST', `${base}/phases`, {
    token: co.token, body: { form: 'family_home', provider_id: pa.user.org_id, start_date: '2025-07-01' },
  });
  assert.equal(hers.status, 201, hers.text);
  const body = { form: 'family_home', provider_id: pa.user.org_id, start_date: '2025-04-01', end_date: '2025-04-02' };
  const r = await api(srv, 'POST', `${base}/phases`, { token: pa.token, body });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.reason, 'phase.overlap');
  assert.doesNotMatch(r.text, /2025-03-07|2025-06-23|\d{4}-\d{2}-\d{2}/, 'no date in the answer');
  // The coordinator, who sees every placement, is told which one.
  const c = await api(srv, 'POST', `${base}/phases`, { token: co.token, body });
  assert.equal(c.status, 400);
  assert.match(c.json.error.message, /2025-03-07/);
});

function openssl(args) {
  return new Promise((resolve, reject) => {
    execFile('openssl', args, (err, stdout, stderr) => (err ? reject(new Error(stderr)) : resolve(stdout)));
  });
}

test('HTTPS: a real handshake, HSTS and the Secure cookie; plain HTTP gets neither', async () => {
  const cert = path.join(srv.dir, 'cert.pem');
  const key = path.join(srv.dir, 'key.pem');
  await openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost']);
  const tls = await startServer({ attach: srv, tls: { cert, key, ca: readFileSync(cert) } });
  try {
    assert.match(tls.log.join('\n'), /serving https:\/\//);
    const r = await api(tls, 'POST', '/api/v1/session', { body: { username: 'coordinator', password: 'doorloop-demo' } });
    assert.equal(r.status, 201, r.text);
    assert.match([].concat(r.headers['set-cookie']).join(), /doorloop_session=[^;]+;.*HttpOnly.*; Secure/);
    assert.match(r.headers['strict-transport-security'] ?? '', /max-age=\d{7,}/);
    const nf = await api(tls, 'GET', '/api/v1/nothing');
    assert.equal(nf.status, 404);
    assert.ok(nf.headers['strict-transport-security'], 'HSTS on errors too');
    // Plain HTTP to the TLS port gets no answer in clear text.
    const plain = await raw(tls, 'GET /api/v1/openapi.json HTTP/1.1\r\nHost: x\r\n\r\n');
    assert.doesNotMatch(plain.text, /^HTTP\/1\.1 200/);
  } finally {
    await tls.stop();
  }
  const r = await api(srv, 'POST', '/api/v1/session', { body: { username: 'coordinator', password: 'doorloop-demo' } });
  assert.equal(r.status, 201);
  assert.doesNotMatch([].concat(r.headers['set-cookie']).join(), /Secure/);
  assert.equal(r.headers['strict-transport-security'], undefined);
});

test('a trusted proxy\'s X-Forwarded-For and -Proto count; anyone else\'s are ignored', async () => {
  const proxied = await startServer({ attach: srv, args: ['--trusted-proxy', '127.0.0.1'] });
  const fwd = { 'X-Forwarded-For': '203.0.113.50, 198.51.100.7', 'X-Forwarded-Proto': 'https' };
  try {
    const r = await api(proxied, 'POST', '/api/v1/session', { body: { username: 'caregiver', password: 'doorloop-demo' }, headers: fwd });
    assert.equal(r.status, 201, r.text);
    assert.match([].concat(r.headers['set-cookie']).join(), /; Secure/);
    assert.ok(r.headers['strict-transport-security']);
    // Not from the proxy's address: the headers are the client's own words.
    const d = await api(proxied, 'POST', '/api/v1/session', { body: { username: 'mentor.bram', password: 'doorloop-demo' }, headers: fwd, localAddress: '127.0.0.3' });
    assert.equal(d.status, 201, d.text);
    assert.doesNotMatch([].concat(d.headers['set-cookie']).join(), /Secure/);
    assert.equal(d.headers['strict-transport-security'], undefined);
  } finally {
    await proxied.stop();
  }
  const direct = await api(srv, 'POST', '/api/v1/session', { body: { username: 'mentor.eva', password: 'doorloop-demo' }, headers: fwd });
  assert.equal(direct.status, 201);
  assert.doesNotMatch([].concat(direct.headers['set-cookie']).join(), /Secure/);
  const addrs = async (u) => (await srv.sql(`SELECT DISTINCT remote_addr FROM audit_log WHERE username = '${u}' AND object_type = 'session'`)).trim();
  assert.equal(await addrs('caregiver'), '198.51.100.7', 'the nearest address before the proxy');
  assert.equal(await addrs('mentor.bram'), '127.0.0.3');
  assert.equal(await addrs('mentor.eva'), '127.0.0.1');
});
