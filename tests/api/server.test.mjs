// server.test.mjs - the HTTP machinery at the wire: sessions, limits,
// errors, headers and the request log (src/api/server.c).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import zlib from 'node:zlib';
import path from 'node:path';

import { ROOT, api, login, startServer } from './lib/harness.mjs';

const MIB = 1024 * 1024;
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

let server;
const requestIds = [];

before(async () => {
  server = await startServer();
});

after(async () => {
  if (server) await server.stop();
});

// Every call goes through here so the log test can find each request.
async function call(method, urlPath, opts) {
  const r = await api(server, method, urlPath, opts);
  if (r.headers['x-request-id']) requestIds.push(r.headers['x-request-id']);
  return r;
}

function assertError(r, status, code) {
  assert.equal(r.status, status, r.text);
  assert.match(r.headers['content-type'] ?? '', /^application\/json/);
  assert.ok(r.json && r.json.error, `error body expected: ${r.text}`);
  assert.equal(r.json.error.code, code);
  assert.equal(typeof r.json.error.message, 'string');
  assert.ok('field' in r.json.error);
}

function assertSecurityHeaders(r) {
  assert.equal(r.headers['content-security-policy'], CSP);
  assert.equal(r.headers['x-content-type-options'], 'nosniff');
  assert.equal(r.headers['referrer-policy'], 'no-referrer');
  assert.equal(r.headers['x-frame-options'], 'DENY');
}

test('a client route without a session is 401', async () => {
  const r = await call('GET', '/api/v1/clients');
  assertError(r, 401, 'unauthorized');
  assert.equal(r.json.error.field, null);
});

test('an unknown or garbage token is 401', async () => {
  assertError(await call('GET', '/api/v1/clients', { token: 'x'.repeat(43) }), 401, 'unauthorized');
  assertError(await call('GET', '/api/v1/clients', { cookie: 'doorloop_session=nope' }), 401, 'unauthorized');
});

test('log-in returns a token and an HttpOnly, SameSite=Strict cookie', async () => {
  const s = await login(server, 'coordinator');
  assert.equal(typeof s.token, 'string');
  assert.ok(s.token.length >= 40);
  assert.equal(typeof s.csrf, 'string');
  assert.equal(s.user.username, 'coordinator');
  assert.match(s.setCookie, /doorloop_session=/);
  assert.match(s.setCookie, /HttpOnly/i);
  assert.match(s.setCookie, /SameSite=Strict/i);
  assert.match(s.setCookie, /Path=\//);
});

test('a bearer token opens a session', async () => {
  const s = await login(server, 'caregiver');
  const r = await call('GET', '/api/v1/session', { token: s.token });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.user.username, 'caregiver');
  const c = await call('GET', '/api/v1/clients', { token: s.token });
  assert.equal(c.status, 200, c.text);
});

test('a cookie session opens a session for reads without a CSRF token', async () => {
  const s = await login(server, 'coordinator');
  const r = await call('GET', '/api/v1/session', { cookie: s.cookie });
  assert.equal(r.status, 200, r.text);
});

test('a body over 1 MiB with Content-Length is 413', async () => {
  const big = '"' + 'a'.repeat(MIB + 10) + '"';
  const r = await call('POST', '/api/v1/session', { rawBody: `{"username":${big}}` });
  assertError(r, 413, 'too_large');
});

test('a chunked body over 1 MiB is 413', async () => {
  const big = '"' + 'a'.repeat(MIB + 10) + '"';
  const r = await call('POST', '/api/v1/session', { rawBody: `{"username":${big}}`, chunked: true });
  assertError(r, 413, 'too_large');
});

test('a chunked body under the limit is read', async () => {
  const r = await call('POST', '/api/v1/session', {
    rawBody: JSON.stringify({ username: 'coordinator', password: 'doorloop-demo' }), chunked: true,
  });
  assert.equal(r.status, 201, r.text);
});

test('malformed JSON is 400 invalid with field null', async () => {
  const r = await call('POST', '/api/v1/session', { rawBody: '{"username": "admin", ' });
  assertError(r, 400, 'invalid');
  assert.equal(r.json.error.field, null);
});

test('duplicate members are 400', async () => {
  const r = await call('POST', '/api/v1/session', {
    rawBody: '{"username": "admin", "username": "coordinator", "password": "doorloop-demo"}',
  });
  assertError(r, 400, 'invalid');
});

test('JSON nested deeper than 16 levels is 400', async () => {
  const deep = '{"username":' + '['.repeat(16) + ']'.repeat(16) + '}';	// 17 levels
  const r = await call('POST', '/api/v1/session', { rawBody: deep });
  assertError(r, 400, 'invalid');
  assert.equal(r.json.error.field, null);
  assert.match(r.json.error.message, /deep/);
});

test('a body that is not declared as JSON is 400', async () => {
  const r = await call('POST', '/api/v1/session', {
    rawBody: 'username=admin&password=x',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  assertError(r, 400, 'invalid');
});

test('an unknown path under /api/ is a JSON 404', async () => {
  assertError(await call('GET', '/api/v1/no-such-thing'), 404, 'not_found');
  assertError(await call('GET', '/api/v1/clients/'), 404, 'not_found');
  assertError(await call('GET', '/api/'), 404, 'not_found');
});

test('a known path with the wrong method is 405 with Allow', async () => {
  const r = await call('PUT', '/api/v1/session');
  assert.equal(r.status, 405, r.text);
  assert.ok(r.json && r.json.error);
  const allow = (r.headers.allow ?? '').split(/,\s*/);
  for (const m of ['GET', 'POST', 'DELETE'])
    assert.ok(allow.includes(m), `Allow: ${r.headers.allow}`);
});

test('API responses carry the security headers and Cache-Control: no-store', async () => {
  const s = await login(server, 'coordinator');
  for (const r of [
    await call('GET', '/api/v1/openapi.json'),
    await call('GET', '/api/v1/clients'),
    await call('GET', '/api/v1/clients', { token: s.token }),
    await call('GET', '/api/v1/nope'),
  ]) {
    assertSecurityHeaders(r);
    assert.equal(r.headers['cache-control'], 'no-store');
    assert.match(r.headers['content-type'] ?? '', /^application\/json/);
  }
});

test('"/" carries the security headers', async () => {
  const r = await call('GET', '/');
  assertSecurityHeaders(r);
  if (existsSync(path.join(ROOT, 'web', 'index.html'))) {
    assert.equal(r.status, 200);
    assert.match(r.headers['content-type'] ?? '', /^text\/html/);
    // History routing: a path without a dot is the app too.
    const deep = await call('GET', '/clients/some-id');
    assert.equal(deep.status, 200);
    assert.equal(deep.text, r.text);
  }
});

test('static files outside the web root are not served', async () => {
  // A path without a dot is the app's index.html (history routing), so
  // "not served" means: 404, or the app instead of the file.
  const app = await call('GET', '/');
  for (const p of ['/../docs/API.md', '/%2e%2e/docs/API.md', '/..%2fdocs/API.md',
    '/web/../../docs/API.md', '/.git/HEAD', '/.git/config', '/vendor/jansson/package.json',
    '/vendor/@utrecht/../../package.json', '/vendor/@utrecht/component-library-css/../../jansson.css',
    '/vendor/@utrecht/design-tokens', '/vendor/%40utrecht%2fdesign-tokens/../../../Makefile.css']) {
    const r = await call('GET', p);
    assertSecurityHeaders(r);
    if (r.status === 200)
      assert.equal(r.text, app.text, `${p} served something other than the app`);
    else
      assert.equal(r.status, 404, p);
  }
});

test('allow-listed vendor packages are served', async (t) => {
  const rel = '@utrecht/component-library-css/package.json';
  if (!existsSync(path.join(ROOT, 'node_modules', rel))) {
    t.skip('node_modules not installed');
    return;
  }
  const r = await call('GET', `/vendor/${rel}`);
  assert.equal(r.status, 200);
  assert.match(r.headers['content-type'] ?? '', /^application\/json/);
  assert.equal(r.headers['cache-control'], 'no-cache');
  assertSecurityHeaders(r);
});

// Raw GET: status, headers and the undecoded bytes.
function rawGet(urlPath, headers) {
  return new Promise((resolve, reject) => {
    http.get(new URL(urlPath, server.url), { headers, agent: false }, (res) => {
      if (res.headers['x-request-id']) requestIds.push(res.headers['x-request-id']);
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

test('text files go out gzip-compressed to clients that accept it, and plain to others', async (t) => {
  const rel = '@utrecht/component-library-css/dist/index.css';
  if (!existsSync(path.join(ROOT, 'node_modules', rel))) {
    t.skip('node_modules not installed');
    return;
  }
  const file = readFileSync(path.join(ROOT, 'node_modules', rel));
  for (let i = 0; i < 2; i++) {   // the second answer comes from the cache
    const gz = await rawGet(`/vendor/${rel}`, { 'Accept-Encoding': 'gzip, deflate, br' });
    assert.equal(gz.status, 200);
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gz.headers.vary, 'Accept-Encoding');
    assert.ok(gz.body.length < file.length / 4, `${gz.body.length} of ${file.length} bytes`);
    assert.ok(zlib.gunzipSync(gz.body).equals(file), 'decompresses to the file itself');
  }
  for (const enc of [undefined, 'identity', 'gzip;q=0']) {
    const plain = await rawGet(`/vendor/${rel}`, enc ? { 'Accept-Encoding': enc } : {});
    assert.equal(plain.headers['content-encoding'], undefined, String(enc));
    assert.ok(plain.body.equals(file), String(enc));
  }
  const app = await rawGet('/js/app.js', { 'Accept-Encoding': 'gzip' });
  assert.match(zlib.gunzipSync(app.body).toString(), /^\/\/ Doorloop web app/);
  assertSecurityHeaders(app);
});

test('other methods on static paths are 405', async () => {
  const r = await call('POST', '/index.html', { body: {} });
  assert.equal(r.status, 405);
  assertSecurityHeaders(r);
});

test('a cookie session without X-CSRF-Token cannot change anything (403)', async () => {
  const s = await login(server, 'coordinator');
  const r = await call('DELETE', '/api/v1/session', { cookie: s.cookie });
  assertError(r, 403, 'forbidden');
  const wrong = await call('DELETE', '/api/v1/session', { cookie: s.cookie, csrf: 'x'.repeat(43) });
  assertError(wrong, 403, 'forbidden');
  // The session survived, and with the token the change goes through.
  assert.equal((await call('GET', '/api/v1/session', { cookie: s.cookie })).status, 200);
  const ok = await call('DELETE', '/api/v1/session', { cookie: s.cookie, csrf: s.csrf });
  assert.equal(ok.status, 204, ok.text);
});

test('the CSRF comparison (constant time) still refuses every token but the right one', async () => {
  const s = await login(server, 'coordinator');
  const last = s.csrf.slice(-1) === 'A' ? 'B' : 'A';
  const wrongs = [
    s.csrf.slice(0, -1) + last,		// same length, last character differs
    last + s.csrf.slice(1),		// same length, first character differs
    s.csrf.slice(0, -1),		// a prefix
    s.csrf + 'A',			// longer
    '',
  ];
  for (const csrf of wrongs) {
    const r = await call('POST', '/api/v1/clients', { cookie: s.cookie, csrf, body: {} });
    assertError(r, 403, 'forbidden');
    assert.equal(r.json.error.reason, 'session.csrf_wrong');
  }
  const ok = await call('GET', '/api/v1/session', { cookie: s.cookie });
  assert.equal(ok.status, 200);
});

test('a bearer session needs no CSRF token', async () => {
  const s = await login(server, 'coordinator');
  const r = await call('DELETE', '/api/v1/session', { token: s.token });
  assert.equal(r.status, 204, r.text);
});

test('log-out ends the session', async () => {
  const s = await login(server, 'caregiver');
  assert.equal((await call('GET', '/api/v1/session', { token: s.token })).status, 200);
  assert.equal((await call('DELETE', '/api/v1/session', { token: s.token })).status, 204);
  assertError(await call('GET', '/api/v1/session', { token: s.token }), 401, 'unauthorized');
  assertError(await call('GET', '/api/v1/clients', { cookie: s.cookie }), 401, 'unauthorized');
});

test('the OpenAPI document is served without a session', async () => {
  const r = await call('GET', '/api/v1/openapi.json');
  assert.equal(r.status, 200);
  assert.equal(r.json.openapi, '3.0.3');
  assert.ok(r.json.paths['/api/v1/clients']);
});

test('one JSON log line per request, without secrets or names', async () => {
  await call('GET', '/api/v1/openapi.json');
  // Lines are written when a request completes; give the last one a moment.
  await new Promise((r) => setTimeout(r, 200));
  const lines = server.log.filter((l) => l.startsWith('{'));
  const entries = lines.map((l) => JSON.parse(l));
  const requests = entries.filter((e) => 'request_id' in e);
  for (const e of requests) {
    for (const k of ['ts', 'level', 'request_id', 'method', 'route', 'status', 'duration_ms', 'user_id'])
      assert.ok(k in e, `log line lacks ${k}: ${JSON.stringify(e)}`);
    assert.equal(typeof e.duration_ms, 'number');
  }
  const seen = new Set(requests.map((e) => e.request_id));
  for (const id of requestIds)
    assert.ok(seen.has(id), `no log line for request ${id}`);
  for (const l of server.log) {
    assert.ok(!l.includes('doorloop-demo'), `password in log: ${l}`);
    assert.ok(!/name/i.test(l), `a name in the log: ${l}`);
    assert.ok(!l.includes('?'), `a query string in the log: ${l}`);
  }
  // Routes are logged as patterns, never raw paths.
  assert.ok(!lines.some((l) => l.includes('/clients/some-id')));
});

test('the server stops cleanly on SIGTERM', async () => {
  const r = await server.stop();
  assert.equal(r.code, 0, server.log.slice(-20).join('\n'));
});
