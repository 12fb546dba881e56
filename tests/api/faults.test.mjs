// Fault injection (src/util/mem.h): the N-th allocation from a request's
// arena, or the N-th database step, fails inside a write handler; for
// N = 1, 2, ... until the request succeeds, every failure must answer a
// clean 500 JSON error and leave nothing stored.  The server runs with
// DOORLOOP_FAULTS=1; the header X-Doorloop-Fault arms one request.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, api } from './lib/harness.mjs';

const kind = process.env.DOORLOOP_TEST_DB_KIND || 'sqlite';
const MAX_N = 5000;	// a handler that never succeeds is a failure, not a hang
let srv;
const s = {};
const ids = {};

before(async () => {
  process.env.DOORLOOP_FAULTS = '1';
  srv = await startServer({ db: kind });
  for (const r of ['coordinator', 'caregiver'])
    s[r] = await login(srv, r);
  const res = await api(srv, 'GET', '/api/v1/clients?limit=200', { token: s.coordinator.token });
  for (const c of res.json.items) ids[c.pseudonym] = c.id;
});

after(async () => {
  const r = await srv?.stop();
  // Everything an abandoned handler held was released: a clean exit
  // (AddressSanitizer's leak check runs at exit in the debug build).
  assert.equal(r?.code, 0, `server exit ${JSON.stringify(r)}:\n${srv?.log.slice(-20).join('\n')}`);
});

const as = (role, method, path, body, headers) =>
  api(srv, method, path, { token: s[role].token, body, headers });

function assertInternal(r, what) {
  assert.equal(r.status, 500, `${what}: ${r.status} ${r.text}`);
  assert.match(r.headers['content-type'] ?? '', /^application\/json/, what);
  assert.equal(r.json?.error?.code, 'internal', what);
  assert.equal(r.json.error.reason, 'internal', what);
  assert.equal(typeof r.json.error.message, 'string', what);
}

// Walk N over one kind of fault until the write succeeds; `snapshot` reads
// what is stored (must not change on a failure).  Returns the N that passed.
async function walk(fault, role, path, body, snapshot) {
  const before = await snapshot();
  for (let n = 1; n <= MAX_N; n++) {
    const r = await as(role, 'POST', path, body, { 'X-Doorloop-Fault': `${fault}=${n}` });
    if (r.status === 201)
      return n;
    assertInternal(r, `${fault}=${n} on POST ${path}`);
    assert.deepEqual(await snapshot(), before, `${fault}=${n} stored something`);
  }
  assert.fail(`POST ${path} never succeeded under ${fault} faults`);
}

async function newGirl(n) {
  const munis = (await as('coordinator', 'GET', '/api/v1/organisations')).json.items;
  const mun = munis.find((o) => o.kind === 'municipality');
  const c = await as('coordinator', 'POST', '/api/v1/clients', {
    pseudonym: `Fault-${kind}-${n}`, birth_date: '2010-05-17', municipality_id: mun.id,
  });
  assert.equal(c.status, 201, c.text);
  const t = await as('coordinator', 'POST', `/api/v1/clients/${c.json.id}/trajectory`, { start_date: '2025-01-01' });
  assert.equal(t.status, 201, t.text);
  return { id: c.json.id, provider: munis.find((o) => o.name.startsWith('Stichting De Overstap')).id };
}

for (const fault of ['alloc', 'step']) {
  test(`creating a placement: every injected ${fault} failure answers 500 and stores nothing`, async () => {
    const g = await newGirl(fault);
    const base = `/api/v1/clients/${g.id}`;
    const snapshot = async () => {
      const r = await as('coordinator', 'GET', `${base}/phases`);
      assert.equal(r.status, 200, r.text);
      const rows = (await srv.sql(`SELECT COUNT(*) FROM phase p JOIN trajectory t ON t.id = p.trajectory_id WHERE t.client_id = '${g.id}'`)).trim();
      return { items: r.json.items, rows };
    };
    const n = await walk(fault, 'coordinator', `${base}/phases`,
      { form: 'open_residential', provider_id: g.provider, start_date: '2025-01-01', location: 'Woongroep 1' }, snapshot);
    assert.ok(n > 3, `the walk covered the handler (${n} points)`);
    assert.equal((await as('coordinator', 'GET', `${base}/phases`)).json.items.length, 1);
  });

  test(`writing a journal entry: every injected ${fault} failure answers 500 and stores nothing`, async () => {
    const path = `/api/v1/clients/${ids.Mila}/journal`;
    const snapshot = async () => {
      const r = await as('caregiver', 'GET', path);
      assert.equal(r.status, 200, r.text);
      const rows = (await srv.sql(`SELECT COUNT(*) FROM journal_entry WHERE client_id = '${ids.Mila}'`)).trim();
      return { items: r.json.items, rows };
    };
    const n = await walk(fault, 'caregiver', path, { text: `Gesprek (${fault}).` }, snapshot);
    assert.ok(n > 3, `the walk covered the handler (${n} points)`);
  });
}

test('without the header nothing is injected', async () => {
  const r = await as('caregiver', 'GET', `/api/v1/clients/${ids.Mila}/journal`);
  assert.equal(r.status, 200);
});
