// Every reason key the server can give has a Dutch and an English text, no
// table holds a key the server no longer declares, and the web app never
// translates a server error by its English message.  Reads the source only:
// no server is started.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REASONS_NL } from '../../web/js/i18n/reasons-nl.js';
import { REASONS_EN } from '../../web/js/i18n/reasons-en.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (rel) => readFileSync(path.join(ROOT, rel), 'utf8');

// The keys the API answers when no reason was named: the code's own name
// (src/util/err.c err_code_name), and "internal" for every 5xx but 503.
const GENERIC = ['invalid', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'too_large', 'rate_limited',
  'locked', 'unavailable', 'internal'];

// REASON(R_X, "key") lines of src/util/reasons.def (not the example in its comment).
function declared() {
  const out = [];
  for (const line of read('src/util/reasons.def').split('\n')) {
    const m = /^\s*REASON\(\s*(R_\w+)\s*,\s*"([^"]*)"\s*\)/.exec(line);
    if (m) out.push({ id: m[1], key: m[2] });
  }
  return out;
}

const KEY = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;

test('reasons.def declares each identifier and each key once, in the agreed form', () => {
  const reasons = declared();
  const ids = reasons.map((r) => r.id);
  const keys = reasons.map((r) => r.key);
  assert.deepEqual(ids.filter((x, i) => ids.indexOf(x) !== i), [], 'identifiers declared twice');
  assert.deepEqual(keys.filter((x, i) => keys.indexOf(x) !== i), [], 'keys declared twice');
  for (const k of keys) {
    assert.match(k, KEY, `${k}: lower case, words joined by _ and parts by .`);
    assert.ok(!GENERIC.includes(k), `${k} is a generic code key; use R_NONE`);
  }
});

const all = () => [...GENERIC, ...declared().map((r) => r.key)];

for (const [lang, table, file] of [['nl', REASONS_NL, 'reasons-nl.js'], ['en', REASONS_EN, 'reasons-en.js']]) {
  test(`${file} has a text for every reason key, and no stale key`, () => {
    const keys = all();
    const missing = keys.filter((k) => !Object.hasOwn(table, k));
    const stale = Object.keys(table).filter((k) => !keys.includes(k));
    assert.deepEqual(missing, [], `keys without a ${lang} text`);
    assert.deepEqual(stale, [], `keys in ${file} that src/util/reasons.def does not declare`);
    for (const [k, v] of Object.entries(table)) {
      assert.equal(typeof v, 'string', k);
      assert.ok(v.trim().length > 0, `${k}: empty text`);
    }
  });

  test(`${file} holds each key on one line of its own, once (it merges as a union)`, () => {
    const seen = new Map();
    for (const line of read(`web/js/i18n/${file}`).split('\n')) {
      const m = /^\s*'([^']+)'\s*:/.exec(line);
      if (!m) continue;
      assert.match(line, /,\s*$/, `${m[1]}: every entry ends in a comma`);
      seen.set(m[1], (seen.get(m[1]) || 0) + 1);
    }
    assert.deepEqual([...seen].filter(([, n]) => n > 1).map(([k]) => k), [], 'keys written twice');
    assert.deepEqual([...seen.keys()].sort(), Object.keys(table).sort(), 'every key on a line of its own');
  });
}

test('no Dutch reason text is the English one', () => {
  const same = Object.keys(REASONS_NL).filter((k) => REASONS_NL[k] === REASONS_EN[k]);
  assert.deepEqual(same, [], 'untranslated Dutch texts');
});

// web/js/**/*.js apart from the text tables under web/js/i18n/.
function webCode(dir = 'web/js') {
  const out = [];
  for (const ent of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${ent.name}`;
    if (ent.isDirectory()) { if (rel !== 'web/js/i18n') out.push(...webCode(rel)); } else if (ent.name.endsWith('.js')) out.push(rel);
  }
  return out;
}

// The arguments of a C call, split at its top-level commas.
function args(text) {
  const out = [];
  let depth = 0; let cur = ''; let str = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (str) { cur += c; if (c === '\\') cur += text[++i]; else if (c === '"') str = false; continue; }
    if (c === '"') str = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) { out.push(cur.trim()); cur = ''; continue; }
    cur += c;
  }
  out.push(cur.trim());
  return out;
}

// The English messages the server writes (the format strings of err_set and
// err_setr under src/), as the fixed runs of words between printf conversions.
function serverMessages(dir = 'src', out = new Set()) {
  for (const ent of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${ent.name}`;
    if (ent.isDirectory()) { serverMessages(rel, out); continue; }
    if (!ent.name.endsWith('.c')) continue;
    for (const call of read(rel).matchAll(/\berr_set(r?)\s*\(([^;]*?)\);/gs)) {
      const fmtArg = args(call[2])[call[1] ? 4 : 3] || '';
      const fmt = [...fmtArg.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]).join('');
      for (const run of fmt.split(/%[-+ #0-9.]*[a-z]+/)) if (run.trim().length >= 12) out.add(run.trim());
    }
  }
  return out;
}

test('the server\'s messages are found (the scan below can fail)', () => {
  const msgs = serverMessages();
  assert.ok(msgs.size > 50, `only ${msgs.size} messages found`);
  assert.ok(msgs.has('the birth date lies in the future'), 'a known message is among them');
});

test('no file under web/js translates a server error by its English message', () => {
  const msgs = [...serverMessages()];
  for (const rel of webCode()) {
    const src = read(rel);
    for (const name of ['serverMessage', 'SERVER_NL', 'unsettledFrom']) {
      assert.ok(!src.includes(name), `${rel} still has ${name}`);
    }
    // The English message is set aside in api.js (as Error.message, for the
    // console); no other file reads it.
    const reads = src.split('\n').filter((l) => /\.message\b/.test(l) && !/^\s*\/\//.test(l));
    if (rel === 'web/js/api.js') assert.ok(reads.every((l) => /super\(err\.message/.test(l)), `${rel}: ${reads.join(' | ')}`);
    else assert.deepEqual(reads, [], `${rel} reads an error's message`);
    const code = src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '$1');
    for (const m of msgs) assert.ok(!code.includes(m), `${rel} holds the server's words "${m}"`);
  }
});
