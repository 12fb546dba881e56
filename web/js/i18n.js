// The language core: t('key', {param}) looks a key up in the chosen
// language's table (i18n/nl.js, i18n/en.js; Dutch when a key lacks) and fills
// {param} placeholders; dates, ages and numbers are formatted per language.
// The chosen language is remembered in localStorage.
import { NL } from './i18n/nl.js';
import { EN } from './i18n/en.js';
import { REASONS_NL } from './i18n/reasons-nl.js';
import { REASONS_EN } from './i18n/reasons-en.js';
import { FIGURES_NL } from './i18n/figures-nl.js';
import { FIGURES_EN } from './i18n/figures-en.js';
import { RECOGNITION_NL } from './i18n/recognition-nl.js';
import { RECOGNITION_EN } from './i18n/recognition-en.js';
import { SIGNAL_NL } from './i18n/signal-nl.js';
import { SIGNAL_EN } from './i18n/signal-en.js';
import { STAFF_NL } from './i18n/staff-nl.js';
import { STAFF_EN } from './i18n/staff-en.js';

const STORAGE_KEY = 'doorloop.lang';

const messages = { nl: NL, en: EN };
const reasons = { nl: REASONS_NL, en: REASONS_EN };

// The municipality figures' text lives in files of their own.
Object.assign(messages.nl, FIGURES_NL);
Object.assign(messages.en, FIGURES_EN);
// So does recognition's (web/js/recognition.js).
Object.assign(messages.nl, RECOGNITION_NL);
Object.assign(messages.en, RECOGNITION_EN);
// So does the text of the signal screens (R12).
Object.assign(messages.nl, SIGNAL_NL);
Object.assign(messages.en, SIGNAL_EN);
// And that of accounts by activation code and four eyes (views/account.js).
Object.assign(messages.nl, STAFF_NL);
Object.assign(messages.en, STAFF_EN);

let lang = 'nl';
try {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'nl' || saved === 'en') lang = saved;
} catch { /* storage unavailable: keep Dutch */ }

export function getLang() { return lang; }

export function setLang(l) {
  lang = l === 'en' ? 'en' : 'nl';
  try { localStorage.setItem(STORAGE_KEY, lang); } catch { /* ignore */ }
  document.documentElement.lang = lang;
}

export function has(key) { return key in messages[lang] || key in messages.nl; }

export function t(key, params) {
  let msg = messages[lang][key] ?? messages.nl[key] ?? key;
  if (params) msg = msg.replace(/\{(\w+)\}/g, (m, p) => (p in params ? String(params[p]) : m));
  return msg;
}

// A translated label for an enumerated value, falling back to the raw value.
export function label(prefix, value) {
  if (value === null || value === undefined) return '';
  const key = `${prefix}.${value}`;
  return has(key) ? t(key) : String(value);
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// 'YYYY-MM-DD' -> {y, m, d} or null.
export function parseIso(iso) {
  if (typeof iso !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return null;
  return { y: +m[1], m: +m[2], d: +m[3] };
}

const pad = (n) => String(n).padStart(2, '0');

// Dates: dd-mm-jjjj in Dutch, "3 Mar 2024" in English.
export function formatDate(iso) {
  const p = parseIso(iso);
  if (!p) return '';
  if (lang === 'en') return `${p.d} ${MONTHS_EN[p.m - 1]} ${p.y}`;
  return `${pad(p.d)}-${pad(p.m)}-${p.y}`;
}

// Instants (UTC ISO) shown in local time.
export function formatDateTime(instant) {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return '';
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const iso = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${formatDate(iso)} ${time}`;
}

export function formatTime(instant) {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return '';
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

// Date as it is typed in a form: always dd-mm-jjjj.
export function isoToInput(iso) {
  const p = parseIso(iso);
  return p ? `${pad(p.d)}-${pad(p.m)}-${p.y}` : '';
}

// 'dd-mm-jjjj' (also d-m-jjjj, with - / or .) -> 'YYYY-MM-DD', or null when it is not a real date.
export function inputToIso(text) {
  const m = /^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\s*$/.exec(text || '');
  if (!m) return null;
  const d = +m[1]; const mo = +m[2]; const y = +m[3];
  if (mo < 1 || mo > 12 || d < 1) return null;
  const dim = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > dim) return null;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

// Ages: "16 jaar en 3 maanden".
export function formatAge(age) {
  if (!age || typeof age.years !== 'number') return '';
  const m = age.months || 0;
  if (m === 0) return t('age.years', { y: age.years });
  if (m === 1) return t('age.years.month', { y: age.years });
  return t('age.years.months', { y: age.years, m });
}

export function formatDays(n) {
  if (n === 1) return t('day1');
  return t('days', { n });
}

// Server errors, by their reason key (src/util/reasons.def; tables in
// i18n/reasons-nl.js and reasons-en.js), never by the English message.  A key
// without text in the chosen language falls back to the text of its code
// ("invalid", "conflict", ...), then to error.generic: a Dutch screen never
// shows the server's English.  A text may hold {label} (the field's label)
// and "({details})" (error.details, dates formatted; without details the
// brackets fall away).  A generic reason (a code's own key or a field.* key)
// about a named field reads "{label}: {text}".
export function reasonText({ reason, code, details } = {}, { fieldLabel } = {}) {
  const table = reasons[lang];
  const key = [reason, code].find((k) => typeof k === 'string' && Object.hasOwn(table, k));
  if (key === undefined) return t('error.generic');
  let text = table[key];
  if (text.includes('{label}')) text = text.replace(/\{label\}/g, fieldLabel || t('error.this_field'));
  else if (fieldLabel && (key === code || key.startsWith('field.'))) {
    text = `${fieldLabel}: ${/^\p{Lu}\p{Ll}/u.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text}`;
  }
  const shown = Array.isArray(details) && key === reason
    ? details.map((d) => (parseIso(d) ? formatDate(d) : String(d))).join(', ')
    : '';
  return shown ? text.replace(/\{details\}/g, shown) : text.replace(/\s*\(\{details\}\)|\{details\}/g, '');
}

export function formatNumber(n) {
  if (typeof n !== 'number') return '';
  return n.toLocaleString(lang === 'en' ? 'en-GB' : 'nl-NL');
}
