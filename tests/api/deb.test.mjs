// The Debian package (issue 15, item 1), on the engine of the run: built by
// scripts/deb.sh from the test binary, unpacked into an empty directory, and
// started the way its systemd unit starts it: from /, with the environment
// file (its paths moved into the test's directory), `doorloop init` then
// `doorloop serve` with no --web or --vendor.  The installed binary must
// find its own files: GET / is the app, the NL Design System CSS loads, a
// demo user logs in.  The unit is checked with systemd-analyze verify.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freshDatabase, login, api, BIN, ROOT } from './lib/harness.mjs';

const kind = process.env.DOORLOOP_TEST_DB_KIND ?? 'sqlite';
let proc = null;
after(() => {
  if (proc && proc.exitCode === null) proc.kill('SIGKILL');
});

function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    execFile(cmd, args, { maxBuffer: 64 << 20, ...opts }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }));
  });
}

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

test(`the Debian package installs and serves the app [${kind}]`, { timeout: 300000 }, async () => {
  const tmp = mkdtempSync(path.join(process.env.DOORLOOP_TEST_TMP ?? os.tmpdir(), 'deb-'));
  let r = await run('sh', [path.join(ROOT, 'scripts/deb.sh'), '--bin', BIN, '--out', tmp,
    '--version', '0.0.1'], { cwd: ROOT, env: { ...process.env, DEB_COMPRESS: 'gzip' } });
  assert.equal(r.code, 0, r.stderr);
  const deb = r.stdout.trim();
  assert.ok(existsSync(deb), deb);

  // Control data: dependencies from dpkg-shlibdeps, the conffile.
  r = await run('dpkg-deb', ['-f', deb, 'Package', 'Depends']);
  assert.match(r.stdout, /Package: doorloop/);
  assert.match(r.stdout, /libsodium23/);
  assert.match(r.stdout, /libmicrohttpd/);
  const root = path.join(tmp, 'root');
  r = await run('dpkg-deb', ['-R', deb, root]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(readFileSync(path.join(root, 'DEBIAN/conffiles'), 'utf8').trim(), '/etc/doorloop/doorloop.env');
  for (const f of ['usr/bin/doorloop', 'usr/share/doorloop/web/index.html',
    'usr/share/doorloop/web/js/app.js',
    'usr/share/doorloop/vendor/@utrecht/component-library-css/dist/index.css',
    'usr/share/doorloop/vendor/@utrecht/design-tokens/dist/theme.css',
    'lib/systemd/system/doorloop.service', 'etc/doorloop/doorloop.env', 'DEBIAN/postinst'])
    assert.ok(existsSync(path.join(root, f)), `the package holds /${f}`);
  assert.equal(statSync(path.join(root, 'usr/bin/doorloop')).mode & 0o777, 0o755);

  // The unit: a dedicated user and the sandbox.
  const unit = readFileSync(path.join(root, 'lib/systemd/system/doorloop.service'), 'utf8');
  for (const line of ['User=doorloop', 'NoNewPrivileges=yes', 'ProtectSystem=strict',
    'ReadWritePaths=/var/lib/doorloop', 'PrivateTmp=yes', 'ProtectHome=yes',
    'EnvironmentFile=/etc/doorloop/doorloop.env', 'ExecStartPre=/usr/bin/doorloop init',
    'ExecStart=/usr/bin/doorloop serve'])
    assert.ok(unit.split('\n').includes(line), `the unit says ${line}`);
  assert.match(readFileSync(path.join(root, 'DEBIAN/postinst'), 'utf8'), /adduser --system/);
  r = await run('systemd-analyze', ['--version']);
  if (r.code === 0) {
    // Verified on this machine with the unpacked binary in the unit's
    // commands (it is not at /usr/bin here): no error and no warning.
    const copy = path.join(tmp, 'doorloop.service');
    writeFileSync(copy, unit.replaceAll('/usr/bin/doorloop', path.join(root, 'usr/bin/doorloop')));
    r = await run('systemd-analyze', ['verify', '--man=no', copy]);
    assert.equal(r.code, 0, `systemd-analyze verify: ${r.stderr}`);
    assert.equal(r.stderr.trim(), '', 'systemd-analyze verify warns of nothing');
  }

  // Start it as the unit does: the environment file, from /, init then serve.
  const dbUrl = kind === 'sqlite' ? `sqlite:${path.join(tmp, 'var/doorloop.db')}` : await freshDatabase(kind, tmp);
  const port = await freePort();
  const envText = readFileSync(path.join(root, 'etc/doorloop/doorloop.env'), 'utf8');
  const env = { PATH: process.env.PATH, ASAN_OPTIONS: process.env.ASAN_OPTIONS ?? '' };
  for (const line of envText.split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line);
    if (m) env[m[1]] = m[2];
  }
  assert.equal(env.DOORLOOP_DB, 'sqlite:/var/lib/doorloop/doorloop.db');
  env.DOORLOOP_DB = dbUrl;
  env.DOORLOOP_KEY_FILE = path.join(tmp, 'var/doorloop.key');
  env.DOORLOOP_LISTEN = `127.0.0.1:${port}`;
  const bin = path.join(root, 'usr/bin/doorloop');
  for (const cmd of ['init', 'demo']) {
    r = await run(bin, [cmd], { cwd: '/', env });
    assert.equal(r.code, 0, `${cmd}: ${r.stderr}`);
  }
  assert.equal(statSync(env.DOORLOOP_KEY_FILE).mode & 0o777, 0o600);
  proc = spawn(bin, ['serve'], { cwd: '/', env, stdio: 'ignore' });
  const srv = { url: `http://127.0.0.1:${port}` };
  let up = false;
  for (let i = 0; i < 400 && !up; i++) {
    try {
      up = (await api(srv, 'GET', '/api/v1/openapi.json')).status === 200;
    } catch { await new Promise((res) => setTimeout(res, 50)); }
  }
  assert.ok(up, 'the installed binary serves');
  const index = await api(srv, 'GET', '/');
  assert.equal(index.status, 200);
  assert.match(index.headers['content-type'], /text\/html/);
  assert.equal(index.text, readFileSync(path.join(ROOT, 'web/index.html'), 'utf8'));
  const css = await api(srv, 'GET', '/vendor/@utrecht/component-library-css/dist/index.css');
  assert.equal(css.status, 200);
  assert.match(css.headers['content-type'], /text\/css/);
  assert.ok(css.text.includes('.utrecht-'), 'the Utrecht CSS');
  assert.equal((await api(srv, 'GET', '/js/app.js')).status, 200);
  const s = await login(srv, 'coordinator');
  assert.equal(s.user.role, 'coordinator');
  proc.kill('SIGTERM');
  await new Promise((res) => proc.on('exit', res));
  writeFileSync(path.join(tmp, 'done'), 'ok');
});
