// The API's answers, crawled and normalised for comparison: every GET of
// the OpenAPI document's paths for one user, with the ids the lists give,
// and what the comparison itself changes left out.  Used by the backup and
// the key rotation tests.
import { login, api } from './harness.mjs';

export const CLIENTS_PER_ROLE = 4;	// clients crawled per role
const ITEMS_PER_LIST = 3;	// sub-items crawled per list

export const items = (j) => (Array.isArray(j) ? j : Array.isArray(j?.items) ? j.items : []);

// Every GET answer of the API for one role: path -> { status, json }.
export async function crawl(srv, paths, username, clientsPerRole = CLIENTS_PER_ROLE) {
  const s = await login(srv, username);
  const out = {};
  const get = async (p) => {
    const r = await api(srv, 'GET', p, { token: s.token });
    out[p] = { status: r.status, json: await allEntries(srv, s, p, r) };
    return r;
  };
  const plain = paths.filter((p) => !p.includes('{'));
  for (const p of plain) await get(p);
  const clients = items(out['/api/v1/clients']?.json).map((c) => c.id).filter(Boolean);
  const me = out['/api/v1/me']?.json?.client?.id;
  if (me) clients.push(me);
  const ids = [...new Set(clients)].sort().slice(0, clientsPerRole);
  for (const id of ids) {
    for (const p of paths.filter((q) => /^\/api\/v1\/clients\/\{id\}[^{]*$/.test(q)))
      await get(p.replace('{id}', id));
    // /clients/{id}/xs/{x}: the ids the list /clients/{id}/xs gives.
    for (const p of paths.filter((q) => /^\/api\/v1\/clients\/\{id\}\/[a-z-]+\/\{[a-z]+\}$/.test(q))) {
      const list = p.replace('{id}', id).replace(/\/\{[a-z]+\}$/, '');
      const sub = items(out[list]?.json).map((x) => x.id ?? x.domain).filter(Boolean).slice(0, ITEMS_PER_LIST);
      for (const x of sub) await get(p.replace('{id}', id).replace(/\{[a-z]+\}$/, x));
    }
  }
  const groups = items(out['/api/v1/climate/groups']?.json);
  for (const g of groups.slice(0, ITEMS_PER_LIST)) {
    await get(`/api/v1/climate/groups/${g.id}/trend`);
    for (const round of (g.rounds ?? []).slice(0, ITEMS_PER_LIST))
      await get(`/api/v1/climate/rounds/${round.id}/report`);
  }
  return out;
}

// An audit list (the access log, her portal's "who read my file") grows with
// the reads of the comparison itself, newest first: its entries from before
// the cutoff may be pushed off the first page.  Read the remaining pages
// too (each read adds an entry at the top and so shifts the next page by
// one: an entry seen twice is kept once).
export async function allEntries(srv, s, p, r) {
  const json = r.json;
  if (r.status !== 200 || !json || !Array.isArray(json.items) || json.items.length === 0 ||
      !json.items.every(isAudit) || !(json.total > json.items.length))
    return json;
  const seen = new Set(json.items.map((x) => JSON.stringify(x)));
  const all = [...json.items];
  for (let offset = json.items.length; offset < json.total + 50;) {
    const q = await api(srv, 'GET', `${p}${p.includes('?') ? '&' : '?'}limit=200&offset=${offset}`, { token: s.token });
    const page = q.status === 200 ? items(q.json) : [];
    if (page.length === 0) break;
    for (const x of page) {
      const k = JSON.stringify(x);
      if (!seen.has(k)) { seen.add(k); all.push(x); }
    }
    offset += page.length;
  }
  return { ...json, items: all };
}

// Leave out what the comparison itself changes: audit entries shown to a
// reader (the access log, her portal's "who read my file") made after the
// cutoff, i.e. the crawl's own reads, with their total; and the crawl's own
// session (its CSRF token and expiry, and its row in one's list of sessions);
// and the moment a generated document was made.
const isAudit = (x) => x && typeof x === 'object' && 'at' in x && 'outcome' in x;
function strip(json, cutoff) {
  if (Array.isArray(json)) {
    const audit = json.length > 0 && json.every(isAudit);
    return (audit ? json.filter((e) => e.at < cutoff) : json).map((x) => strip(x, cutoff));
  }
  if (!json || typeof json !== 'object') return json;
  const out = {};
  let audited = false;
  for (const [k, v] of Object.entries(json)) {
    if (Array.isArray(v) && v.length > 0 && v.every(isAudit)) audited = true;
    out[k] = strip(v, cutoff);
  }
  if (audited) delete out.total;
  return out;
}

export function normalise(answers, cutoff) {
  const out = {};
  for (const [p, a] of Object.entries(answers)) {
    let json = strip(a.json, cutoff);
    if (p === '/api/v1/session' && json) {
      json = { ...json };
      delete json.csrf_token;
      delete json.expires_at;
    }
    // A generated document (her export, a transfer) says when it was made.
    if (json && typeof json === 'object' && 'generated_at' in json) {
      json = { ...json };
      delete json.generated_at;
    }
    // Each server checks the audit chain when it starts, and the crawl's own
    // refused reads are reported: those are the comparison's, not the backup's.
    if (p.startsWith('/api/v1/audit/report') && json && json.chain) {
      const checks = json.chain.checks.filter((x) => x.at < cutoff);
      const before = (ev) => ({ items: ev.items.filter((x) => x.at < cutoff) });
      json = { ...json, chain: { checks, last_check: checks[0] ?? null },
        refused: before(json.refused), break_glass: before(json.break_glass) };
    }
    if (p === '/api/v1/account/sessions' && json)
      json = { ...json, items: json.items.filter((x) => x.created_at < cutoff) };
    out[p] = { status: a.status, json };
  }
  return out;
}

// The GET paths of the OpenAPI document, under /api/v1.
export async function getPaths(srv) {
  return Object.entries((await api(srv, 'GET', '/api/v1/openapi.json')).json.paths)
    .filter(([p, ops]) => ops.get && p !== '/api/v1/openapi.json')
    .map(([p]) => (p.startsWith('/api/v1') ? p : `/api/v1${p}`));
}
