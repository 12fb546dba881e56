// harness.mjs - start a real `doorloop serve` on a fresh database and talk
// to it over HTTP.  Node 20, built-in modules only.
//
//   const server = await startServer({ db: 'sqlite' | 'postgres' });
//       fresh database (init + demo), server on a free 127.0.0.1 port;
//       returns { url, dbUrl, keyFile, dir, kind, log, proc, stop(), run(args), sql(statement) }
//       log:  the server's stderr, one string per line (JSON request lines
//             and the start-up line), for assertions
//       stop(): SIGTERM, wait for the exit; resolves { code, signal }
//       run(args): the CLI against the same database and key;
//             resolves { code, stdout, stderr }
//       sql(statement): run SQL on the database by hand (sqlite3 or psql
//             CLI, for tests that tamper with rows); resolves its stdout
//             (rows one per line, columns separated by "|"); rejects on error
//   const other = await startServer({ attach: server });
//       a second `doorloop serve` process on the same database and key (no
//       init, no demo): for races between processes, as in a deployment of
//       several servers on one PostgreSQL database
//   opts.args: extra `serve` arguments; opts.env: extra environment;
//   opts.tls: { cert, key, ca } PEM paths and text: serve over HTTPS
//       (--tls-cert/--tls-key added), and api() checks the certificate
//       against ca (a real handshake)
//   api options also: localAddress (the client's source address, e.g.
//       127.0.0.2, for per-address limits)
//   const dbUrl = await freshDatabase(kind, dir);  // an empty database URL (not initialised)
//   const s = await login(server, 'coordinator');       // password doorloop-demo
//       { token, csrf, cookie ('doorloop_session=...'), setCookie, user }
//   const r = await api(server, 'GET', '/api/v1/clients', { token });
//       options: token (Bearer), cookie, csrf (X-CSRF-Token), body (JSON),
//       rawBody (string or Buffer, sent as is), chunked (send rawBody with
//       Transfer-Encoding: chunked), headers (extra; a null value removes
//       a default header)
//       resolves { status, json (null unless the body is JSON), text, bytes
//       (the body as a Buffer), headers }
//
// Environment (set by scripts/test.sh): DOORLOOP_BIN, DOORLOOP_ROOT,
// DOORLOOP_TEST_DB_KIND, DOORLOOP_TEST_TMP, DOORLOOP_TEST_PG_URL, and
// DOORLOOP_ARTIFACTS (server logs are copied there).
import { spawn, execFile } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEMO_PASSWORD = 'doorloop-demo';
export const DEMO_USERS = ['admin', 'coordinator', 'caregiver', 'partner',
  'client', 'municipality', 'monitor', 'security'];

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = process.env.DOORLOOP_ROOT ?? path.resolve(here, '../../..');
export const BIN = process.env.DOORLOOP_BIN ?? path.join(ROOT, 'build/debug/doorloop');
const START_TIMEOUT_MS = 20000;
const STOP_TIMEOUT_MS = 15000;

let serial = 0;
const running = new Set();
process.on('exit', () => {
  for (const p of running) p.kill('SIGKILL');
});

function execCli(args, env) {
  return new Promise((resolve) => {
    execFile(BIN, args, { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      });
  });
}

function runSql(kind, dbUrl, statement) {
  const [cmd, args] = kind === 'sqlite'
    ? ['sqlite3', ['-batch', '-bail', dbUrl.replace(/^sqlite:/, ''), statement]]
    : ['psql', ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-d', dbUrl, '-c', statement]];
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { cwd: ROOT }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd}: ${stderr || err.message}`));
      else resolve(stdout);
    });
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export async function freshDatabase(kind, dir) {
  if (kind === 'sqlite')
    return `sqlite:${path.join(dir, 'doorloop.db')}`;
  if (kind !== 'postgres')
    throw new Error(`unknown database kind ${kind}`);
  const pgUrl = process.env.DOORLOOP_TEST_PG_URL;
  const tmp = process.env.DOORLOOP_TEST_TMP;
  if (!pgUrl || !tmp)
    throw new Error('postgres tests need DOORLOOP_TEST_PG_URL and DOORLOOP_TEST_TMP (run scripts/test.sh)');
  const name = `t_api_${process.pid}_${++serial}_${Date.now().toString(36)}`.replace(/[^a-z0-9_]/g, '_');
  const r = await new Promise((resolve) => {
    execFile('sh', ['scripts/pg-cluster.sh', 'createdb', path.join(tmp, 'pg'), name],
      { cwd: ROOT }, (err, stdout, stderr) => resolve({ err, stderr }));
  });
  if (r.err)
    throw new Error(`createdb ${name} failed: ${r.stderr}`);
  // Same replacement as scripts/test.sh: the last path segment is the name.
  return pgUrl.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
}

export async function startServer(opts = {}) {
  const kind = opts.attach?.kind ?? opts.db ?? process.env.DOORLOOP_TEST_DB_KIND ?? 'sqlite';
  const tmpRoot = process.env.DOORLOOP_TEST_TMP ?? os.tmpdir();
  mkdirSync(tmpRoot, { recursive: true });
  const dir = mkdtempSync(path.join(tmpRoot, 'api-'));
  const dbUrl = opts.attach?.dbUrl ?? opts.dbUrl ?? await freshDatabase(kind, dir);
  const keyFile = opts.attach?.keyFile ?? path.join(dir, 'doorloop.key');
  const env = { ...process.env, DOORLOOP_DB: dbUrl, DOORLOOP_KEY_FILE: keyFile, ...(opts.env ?? {}) };
  delete env.DOORLOOP_LISTEN;

  for (const cmd of opts.attach ? [] : ['init', 'demo']) {
    const r = await execCli([cmd, '--db', dbUrl, '--key-file', keyFile], env);
    if (r.code !== 0)
      throw new Error(`doorloop ${cmd} exited ${r.code}: ${r.stderr}`);
  }

  const port = await freePort();
  const url = `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const args = ['serve', '--db', dbUrl, '--key-file', keyFile,
    '--listen', `127.0.0.1:${port}`, '--web', path.join(ROOT, 'web'),
    '--vendor', path.join(ROOT, 'node_modules'),
    ...(opts.tls ? ['--tls-cert', opts.tls.cert, '--tls-key', opts.tls.key] : []),
    ...(opts.args ?? [])];
  const proc = spawn(BIN, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  running.add(proc);
  const log = [];
  const artifact = process.env.DOORLOOP_ARTIFACTS
    ? path.join(process.env.DOORLOOP_ARTIFACTS, `server-${kind}-${path.basename(dir)}.log`)
    : null;
  let partial = '';
  proc.stderr.setEncoding('utf8');
  proc.stderr.on('data', (chunk) => {
    if (artifact) {
      try { appendFileSync(artifact, chunk); } catch { /* artefacts are best effort */ }
    }
    partial += chunk;
    const lines = partial.split('\n');
    partial = lines.pop();
    log.push(...lines);
  });
  let exited = null;
  const exit = new Promise((resolve) => {
    proc.on('exit', (code, signal) => {
      running.delete(proc);
      if (partial) log.push(partial);
      partial = '';
      exited = { code, signal };
      resolve(exited);
    });
  });

  const server = {
    url, dbUrl, keyFile, dir, kind, log, proc, ca: opts.tls?.ca,
    run: (cliArgs) => execCli(cliArgs, env),
    sql: (statement) => runSql(kind, dbUrl, statement),
    async stop() {
      if (exited) return exited;
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), STOP_TIMEOUT_MS);
      const r = await exit;
      clearTimeout(timer);
      if (r.code === 0 && kind === 'sqlite' && !process.env.DOORLOOP_KEEP_TMP)
        rmSync(dir, { recursive: true, force: true });
      return r;
    },
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (exited)
      throw new Error(`doorloop serve exited (${exited.code ?? exited.signal}) before answering:\n${log.join('\n')}`);
    try {
      const r = await api(server, 'GET', '/api/v1/openapi.json');
      if (r.status === 200) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`doorloop serve did not answer within ${START_TIMEOUT_MS} ms:\n${log.join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return server;
}

export async function login(server, username, password = DEMO_PASSWORD) {
  const r = await api(server, 'POST', '/api/v1/session', { body: { username, password } });
  if (r.status !== 201)
    throw new Error(`login ${username}: ${r.status} ${r.text}`);
  const setCookie = [].concat(r.headers['set-cookie'] ?? []).join('\n');
  const m = /doorloop_session=([^;\s]+)/.exec(setCookie);
  return {
    token: r.json.token,
    csrf: r.json.csrf_token,
    cookie: m ? `doorloop_session=${m[1]}` : null,
    setCookie,
    user: r.json.user,
  };
}

export function api(server, method, urlPath, opts = {}) {
  const headers = { Accept: 'application/json' };
  let payload = null;
  if (opts.body !== undefined) {
    payload = Buffer.from(JSON.stringify(opts.body));
    headers['Content-Type'] = 'application/json';
  } else if (opts.rawBody !== undefined) {
    payload = Buffer.isBuffer(opts.rawBody) ? opts.rawBody : Buffer.from(opts.rawBody);
    headers['Content-Type'] = 'application/json';
  }
  if (payload && !opts.chunked) headers['Content-Length'] = String(payload.length);
  // A large body waits for "100 Continue", as real clients do: a server
  // that refuses it (413, 401) answers first and the body is never sent.
  const expectContinue = payload && !opts.chunked && payload.length > 64 * 1024;
  if (expectContinue) headers.Expect = '100-continue';
  if (opts.chunked) headers['Transfer-Encoding'] = 'chunked';
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  if (opts.cookie) headers.Cookie = opts.cookie;
  if (opts.csrf) headers['X-CSRF-Token'] = opts.csrf;
  for (const [k, v] of Object.entries(opts.headers ?? {})) {
    for (const h of Object.keys(headers))
      if (h.toLowerCase() === k.toLowerCase()) delete headers[h];
    if (v !== null && v !== undefined) headers[k] = v;
  }

  return new Promise((resolve, reject) => {
    let answered = false;
    // The path is sent exactly as given (no URL normalisation), so tests
    // can send "..", "%2e%2e" and the like.
    const base = new URL(server.url);
    const tls = base.protocol === 'https:';
    const req = (tls ? https : http).request({
      host: base.hostname, port: base.port, path: urlPath, method, headers, agent: false,
      localAddress: opts.localAddress,
      ...(tls ? { ca: server.ca } : {}),
    },
      (res) => {
        answered = true;
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const bytes = Buffer.concat(chunks);
          const text = bytes.toString('utf8');
          let json = null;
          if (/^application\/json/.test(res.headers['content-type'] ?? '') && text) {
            try { json = JSON.parse(text); } catch { json = null; }
          }
          resolve({ status: res.statusCode, json, text, bytes, headers: res.headers });
        });
      });
    // The server may answer (413, 401) and close before the body is sent:
    // an error after the answer is expected then, and one just before it
    // (EPIPE while the answer is in flight) gets a moment for the answer.
    req.on('error', (err) => {
      if (!answered) setTimeout(() => { if (!answered) reject(err); }, 500);
    });
    if (expectContinue) {
      req.on('continue', () => req.end(payload));
      req.on('response', () => { if (!req.writableEnded) req.end(); });
    } else if (payload && opts.chunked) {
      const piece = 64 * 1024;
      for (let i = 0; i < payload.length; i += piece)
        req.write(payload.subarray(i, i + piece));
      req.end();
    } else {
      req.end(payload ?? undefined);
    }
  });
}

// A staff account as the administrator makes it (without a password), its
// holder's activation with her own password, and - for a role that reads
// client data - the demo security officer's approval.  The admin's answer.
export async function makeStaff(server, adminToken, body, password) {
  const made = await api(server, 'POST', '/api/v1/users', { token: adminToken, body });
  if (made.status !== 201)
    return made;
  const act = await api(server, 'POST', '/api/v1/activate', { body: { code: made.json.activation.code, password } });
  if (act.status !== 201)
    throw new Error(`activate ${body.username}: ${act.status} ${act.text}`);
  if (made.json.access === 'pending') {
    const so = await login(server, 'security');
    const list = await api(server, 'GET', '/api/v1/access-grants?status=pending', { token: so.token });
    const g = list.json.items.find((x) => x.user.id === made.json.id);
    const r = await api(server, 'POST', `/api/v1/access-grants/${g.id}/approve`, { token: so.token });
    if (r.status !== 200)
      throw new Error(`approve ${body.username}: ${r.status} ${r.text}`);
  }
  return made;
}
