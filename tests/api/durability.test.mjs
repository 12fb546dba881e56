// Durability of answers (issue 9, item 2): a mixed load of reads, refused
// reads and journal writes runs against a real `doorloop serve`, which is
// killed with SIGKILL in the middle of it, five times, and restarted on the
// same database.  After each restart:
//   - every request that was answered (2xx, or the 404 of a refusal) has
//     its audit entry, found by the X-Request-Id the client received;
//   - `doorloop audit verify` exits 0;
//   - every journal entry whose creation was acknowledged (201) is there.
// Nothing here is timed: the load runs until the kill, whatever the speed.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { startServer, login, api, BIN, ROOT } from './lib/harness.mjs';

const KILLS = 5;
const WORKERS = 8;
const NOBODY = '01890000-0000-7000-8000-000000000000';	// well-formed, no such client

let srv;
let proc = null;

after(async () => {
  if (proc && proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  if (srv) await srv.stop();
});

// A second server on the same database and port; resolves once it answers.
async function restart() {
  const port = new URL(srv.url).port;
  const args = ['serve', '--db', srv.dbUrl, '--key-file', srv.keyFile,
    '--listen', `127.0.0.1:${port}`, '--web', path.join(ROOT, 'web'),
    '--vendor', path.join(ROOT, 'node_modules')];
  const env = { ...process.env, DOORLOOP_DB: srv.dbUrl, DOORLOOP_KEY_FILE: srv.keyFile };
  delete env.DOORLOOP_LISTEN;
  const p = spawn(BIN, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'ignore'] });
  for (let i = 0; i < 400; i++) {
    if (p.exitCode !== null) throw new Error(`doorloop serve exited ${p.exitCode} on restart`);
    try {
      const r = await api(srv, 'GET', '/api/v1/openapi.json');
      if (r.status === 200) return p;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  p.kill('SIGKILL');
  throw new Error('doorloop serve did not answer after a restart');
}

function killed(p) {
  return new Promise((resolve) => {
    if (p.exitCode !== null || p.signalCode !== null) resolve();
    else p.once('exit', () => resolve());
  });
}

// Run the mixed load until the server dies; returns what was answered.
async function load(session, clientId, victim) {
  const answered = [];	// request ids of answered requests
  const written = [];	// ids of acknowledged journal entries
  let alive = true;
  let sent = 0;
  const killAfter = 60 + Math.floor(Math.random() * 60);
  const worker = async (w) => {
    for (let i = 0; alive; i++) {
      const kind = (w + i) % 4;
      let r;
      try {
        if (kind === 0 || kind === 1)
          r = await api(srv, 'GET', `/api/v1/clients/${clientId}/timeline`, { token: session.token });
        else if (kind === 2)
          r = await api(srv, 'GET', `/api/v1/clients/${NOBODY}/timeline`, { token: session.token });
        else
          r = await api(srv, 'POST', `/api/v1/clients/${clientId}/journal`, {
            token: session.token, body: { text: `durability ${w}.${i}, fictitious` },
          });
      } catch {
        alive = false;	// the server is gone: nothing more is answered
        return;
      }
      const rid = r.headers['x-request-id'];
      if (r.status === 200 || r.status === 201 || (kind === 2 && r.status === 404)) {
        assert.ok(rid, 'every answer carries its request id');
        answered.push(rid);
      } else {
        assert.fail(`unexpected ${r.status} ${r.text}`);
      }
      if (kind === 3 && r.status === 201) written.push(r.json.id);
      if (++sent === killAfter) victim.kill('SIGKILL');
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
  await killed(victim);
  return { answered, written };
}

test('kill -9 under a mixed load: every answered request audited, every acknowledged write kept, chain intact', { timeout: 600000 }, async () => {
  srv = await startServer();
  const coord = await login(srv, 'coordinator');
  const list = await api(srv, 'GET', '/api/v1/clients', { token: coord.token });
  assert.equal(list.status, 200);
  const items = list.json.items ?? list.json.clients ?? list.json;
  const clientId = items[0].id;
  assert.ok(clientId);

  proc = srv.proc;
  let answeredTotal = 0;
  for (let round = 1; round <= KILLS; round++) {
    const { answered, written } = await load(coord, clientId, proc);
    assert.ok(answered.length > 0, `round ${round}: something was answered before the kill`);
    proc = await restart();

    const logged = new Set((await srv.sql('SELECT request_id FROM audit_log WHERE request_id IS NOT NULL'))
      .split('\n').map((s) => s.trim()).filter(Boolean));
    const missing = answered.filter((rid) => !logged.has(rid));
    assert.deepEqual(missing, [], `round ${round}: answered requests without an audit entry`);

    const verify = await srv.run(['audit', 'verify']);
    assert.equal(verify.code, 0, `round ${round}: audit verify: ${verify.stdout}${verify.stderr}`);

    if (written.length > 0) {
      const ids = written.map((id) => `'${id.replace(/[^0-9a-f-]/g, '')}'`).join(',');
      const found = Number((await srv.sql(`SELECT COUNT(*) FROM journal_entry WHERE id IN (${ids})`)).trim());
      assert.equal(found, written.length, `round ${round}: acknowledged journal entries lost`);
    }
    answeredTotal += answered.length;
  }
  assert.ok(answeredTotal >= KILLS);
  proc.kill('SIGTERM');
  await killed(proc);
});
