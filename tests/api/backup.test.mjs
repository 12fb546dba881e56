// Backup and restore (issue 15, item 2), on the engine of the run.
//   - `doorloop backup` while eight clients write journal entries: the
//     backup restores into an empty installation, every entry acknowledged
//     before the backup began is there, every entry there is in the source
//     with the same content, and the audit chain verifies;
//   - a backup taken when the writes have stopped restores (with --force
//     over the first restore) to identical answers: every GET of the API
//     (the OpenAPI document's paths, with the ids the lists give) for every
//     demo role, compared with the source's; only the access log's entries
//     made after that backup (by the comparison itself) are left out;
//   - refused with exit 2 and a message: a wrong backup key, a damaged or
//     truncated file, a non-empty target without --force, the installation
//     key as the backup key, and an existing output file.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startServer, freshDatabase, login, api, BIN, ROOT, DEMO_USERS } from './lib/harness.mjs';
import { crawl, normalise, items, getPaths } from './lib/answers.mjs';

const WORKERS = 8;

const kind = process.env.DOORLOOP_TEST_DB_KIND ?? 'sqlite';
const started = [];
after(async () => {
  for (const s of started) await s.stop();
});

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// `doorloop serve` on an existing installation; resolves once it answers.
async function serveOn(inst) {
  const port = await freePort();
  const srv = { url: `http://127.0.0.1:${port}` };
  const p = spawn(BIN, ['serve', '--db', inst.dbUrl, '--key-file', inst.keyFile,
    '--listen', `127.0.0.1:${port}`, '--web', path.join(ROOT, 'web'),
    '--vendor', path.join(ROOT, 'node_modules')], { cwd: ROOT, stdio: 'ignore' });
  const exited = new Promise((resolve) => p.on('exit', resolve));
  srv.stop = async () => {
    if (p.exitCode === null && p.signalCode === null) p.kill('SIGTERM');
    await exited;
  };
  started.push(srv);
  for (let i = 0; i < 400; i++) {
    if (p.exitCode !== null) throw new Error(`serve exited ${p.exitCode}`);
    try {
      if ((await api(srv, 'GET', '/api/v1/openapi.json')).status === 200) return srv;
    } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('serve did not answer');
}

function cli(args, env = {}) {
  return new Promise((resolve) => {
    const p = spawn(BIN, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    p.stdout.on('data', (d) => { stdout += d; });
    p.stderr.on('data', (d) => { stderr += d; });
    p.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

// A new, initialised, empty installation (no demo data).
async function emptyInstallation() {
  const dir = mkdtempSync(path.join(process.env.DOORLOOP_TEST_TMP ?? os.tmpdir(), 'restore-'));
  const inst = { dir, dbUrl: await freshDatabase(kind, dir), keyFile: path.join(dir, 'doorloop.key') };
  const r = await cli(['init', '--db', inst.dbUrl, '--key-file', inst.keyFile]);
  assert.equal(r.code, 0, r.stderr);
  return inst;
}

test(`backup under write load, restore, identical answers [${kind}]`, { timeout: 600000 }, async () => {
  const a = await startServer({ db: kind });
  started.push(a);
  const keys = mkdtempSync(path.join(process.env.DOORLOOP_TEST_TMP ?? os.tmpdir(), 'bkey-'));
  const bkey = path.join(keys, 'backup.key');
  const other = path.join(keys, 'other.key');
  for (const k of [bkey, other])
    assert.equal((await cli(['backup-key', 'create', '--backup-key', k])).code, 0);
  const src = ['--db', a.dbUrl, '--key-file', a.keyFile];

  // The installation key is refused as the backup key, with exit 2.
  let r = await cli(['backup', ...src, '--backup-key', a.keyFile, path.join(keys, 'x.dlbk')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /key of its own/);

  // Eight writers; the backup is taken while they write.
  const coord = await login(a, 'coordinator');
  const mila = items((await api(a, 'GET', '/api/v1/clients?limit=100', { token: coord.token })).json)
    .find((c) => c.pseudonym === 'Mila').id;
  const acked = [];	// { id, text, at }
  let writing = true;
  const worker = async (w) => {
    for (let i = 0; writing; i++) {
      const text = `backup load ${w}.${i}, fictitious`;
      const res = await api(a, 'POST', `/api/v1/clients/${mila}/journal`, { token: coord.token, body: { text } });
      assert.equal(res.status, 201, res.text);
      acked.push({ id: res.json.id, text, at: Date.now() });
    }
  };
  const workers = Array.from({ length: WORKERS }, (_, w) => worker(w));
  while (acked.length < 20) await new Promise((res) => setTimeout(res, 20));
  const loaded = path.join(keys, 'loaded.dlbk');
  const t0 = Date.now();
  r = await cli(['backup', ...src, '--backup-key', bkey, loaded]);
  const t1 = Date.now();
  assert.equal(r.code, 0, r.stderr);
  while (acked.filter((x) => x.at > t1).length < 20) await new Promise((res) => setTimeout(res, 20));
  writing = false;
  await Promise.all(workers);
  const during = acked.filter((x) => x.at >= t0 && x.at <= t1).length;
  assert.ok(during > 0, 'writes were acknowledged while the backup ran');

  // An existing file is never overwritten.
  r = await cli(['backup', ...src, '--backup-key', bkey, loaded]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /exists/);

  // The backup taken under load restores into an empty installation.
  const b = await emptyInstallation();
  const dst = ['--db', b.dbUrl, '--key-file', b.keyFile];
  r = await cli(['restore', ...dst, '--backup-key', bkey, loaded]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal((await cli(['audit', 'verify', ...dst])).code, 0);
  let bsrv = await serveOn(b);
  const bcoord = await login(bsrv, 'coordinator');
  const restored = items((await api(bsrv, 'GET', `/api/v1/clients/${mila}/journal`, { token: bcoord.token })).json);
  const source = new Map(items((await api(a, 'GET', `/api/v1/clients/${mila}/journal`, { token: coord.token })).json)
    .map((e) => [e.id, e]));
  const have = new Set(restored.map((e) => e.id));
  for (const x of acked.filter((y) => y.at < t0))
    assert.ok(have.has(x.id), `entry acknowledged before the backup is restored (${x.text})`);
  for (const e of restored)
    assert.deepEqual(e, source.get(e.id), 'a restored entry equals the source');
  assert.ok(restored.length < source.size, 'writes after the backup are not in it');
  await bsrv.stop();

  // Refusals, each with exit 2 and nothing changed.
  const bytes = readFileSync(loaded);
  const damaged = Buffer.from(bytes);
  damaged[Math.floor(damaged.length / 2)] ^= 0x01;
  writeFileSync(path.join(keys, 'damaged.dlbk'), damaged);
  writeFileSync(path.join(keys, 'truncated.dlbk'), bytes.subarray(0, bytes.length - 64));
  const fresh = await emptyInstallation();
  const fr = ['--db', fresh.dbUrl, '--key-file', fresh.keyFile];
  for (const [file, key, msg] of [
    [loaded, other, /another backup key/],
    ['damaged.dlbk', bkey, /damaged/],
    ['truncated.dlbk', bkey, /truncated/],
  ]) {
    r = await cli(['restore', ...fr, '--backup-key', key, path.resolve(keys, file)]);
    assert.equal(r.code, 2, `${file}: ${r.stderr}`);
    assert.match(r.stderr, msg);
  }
  r = await cli(['restore', ...dst, '--backup-key', bkey, loaded]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /holds data .* --force/);
  assert.equal((await cli(['audit', 'verify', ...fr])).code, 0);

  // A backup with the writes stopped restores to identical answers.
  const quiet = path.join(keys, 'quiet.dlbk');
  r = await cli(['backup', ...src, '--backup-key', bkey, quiet]);
  assert.equal(r.code, 0, r.stderr);
  const cutoff = new Date().toISOString();
  r = await cli(['restore', ...dst, '--backup-key', bkey, '--force', quiet]);
  assert.equal(r.code, 0, r.stderr);
  bsrv = await serveOn(b);
  const paths = await getPaths(a);
  let compared = 0;
  for (const user of DEMO_USERS) {
    const before = normalise(await crawl(a, paths, user), cutoff);
    const afterRestore = normalise(await crawl(bsrv, paths, user), cutoff);
    assert.deepEqual(Object.keys(afterRestore).sort(), Object.keys(before).sort(), `${user}: the same paths`);
    for (const p of Object.keys(before))
      assert.deepEqual(afterRestore[p], before[p], `${user}: GET ${p}`);
    compared += Object.keys(before).length;
  }
  assert.ok(compared > 200, `compared ${compared} answers`);
  await bsrv.stop();
});
