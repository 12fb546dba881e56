// Reason keys of the API layer (src/util/reasons.def, api section): every
// key has a Dutch and an English line, and the wire carries them - generic
// field errors with the field beside a generic key, refusals of the access
// gate with theirs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, login, api, ROOT } from './lib/harness.mjs';

const kind = process.env.DOORLOOP_TEST_DB_KIND || 'sqlite';
let srv;
const s = {};
const ids = {};

before(async () => {
  srv = await startServer({ db: kind });
  for (const r of ['coordinator', 'caregiver', 'partner', 'client', 'admin'])
    s[r] = await login(srv, r);
  const res = await api(srv, 'GET', '/api/v1/clients?limit=200', { token: s.coordinator.token });
  for (const c of res.json.items) ids[c.pseudonym] = c.id;
});

after(async () => { await srv?.stop(); });

const as = (role, method, p, body) => api(srv, method, p, { token: s[role].token, body });

function apiKeys() {
  const def = fs.readFileSync(path.join(ROOT, 'src/util/reasons.def'), 'utf8');
  const section = def.slice(def.indexOf('/* ---- api ---- */'));
  return [...section.matchAll(/REASON\(R_\w+,\s*"([^"]+)"\)/g)].map((m) => m[1]);
}

test('every reason key of the API layer has a Dutch and an English text', () => {
  const keys = apiKeys();
  assert.ok(keys.length > 50, `api keys found: ${keys.length}`);
  for (const lang of ['nl', 'en']) {
    const table = fs.readFileSync(path.join(ROOT, `web/js/i18n/reasons-${lang}.js`), 'utf8');
    for (const k of keys)
      assert.ok(table.includes(`'${k}':`), `${k} lacks in reasons-${lang}.js`);
  }
  for (const k of keys)
    assert.match(k, /^[a-z0-9_]+\.[a-z0-9_]+$/, `key shape: ${k}`);
});

test('field errors carry a generic key and the field beside it', async () => {
  const base = `/api/v1/clients/${ids.Mila}`;
  const cases = [
    [{}, 'text', 'field.required'],
    [{ text: 'x', bogus: 1 }, 'bogus', 'field.not_allowed'],
    [{ text: 'x', entry_date: '2025-02-30' }, 'entry_date', 'field.not_a_date'],
    [{ text: 'x'.repeat(20000) }, 'text', 'field.too_long'],
    [{ text: 7 }, 'text', 'field.not_a_string'],
  ];
  for (const [body, field, reason] of cases) {
    const r = await as('caregiver', 'POST', `${base}/journal`, body);
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, field);
    assert.equal(r.json.error.reason, reason, JSON.stringify(body).slice(0, 60));
  }
});

test('the gate answers its refusals with their keys', async () => {
  const mila = `/api/v1/clients/${ids.Mila}`;
  const ZERO = '01890000-0000-7000-8000-000000000000';
  const cases = [
    ['caregiver', 'GET', `/api/v1/clients/${ZERO}`, 404, 'client.not_found'],
    ['client', 'POST', `${mila}/promises`, 403, 'access.team_or_coordinator_only', { what: 'x', due_date: '2030-01-01' }],
    ['caregiver', 'POST', `${mila}/own-plan`, 403, 'access.herself_only', { text: 'Mijn plan.' }],
    ['admin', 'GET', '/api/v1/worklist', 403, 'worklist.staff_only'],
    ['caregiver', 'GET', '/api/v1/me', 403, 'portal.herself_only'],
    ['caregiver', 'GET', '/api/v1/figures/institution', 403, 'figures.coordinator_only'],
  ];
  for (const [role, method, p, status, reason, body] of cases) {
    const r = await as(role, method, p, body);
    assert.equal(r.status, status, `${method} ${p}: ${r.text}`);
    assert.equal(r.json.error.reason, reason, `${role} ${method} ${p}`);
  }
});
