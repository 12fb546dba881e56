// The language core: t('key', {param}) looks a key up in the chosen
// language's table (i18n/nl.js, i18n/en.js; Dutch when a key lacks) and fills
// {param} placeholders; dates, ages and numbers are formatted per language.
// The chosen language is remembered in localStorage.
import { NL } from './i18n/nl.js';
import { EN } from './i18n/en.js';

const STORAGE_KEY = 'doorloop.lang';

const messages = { nl: NL, en: EN };

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

// The server's error messages are English; in Dutch they are translated here.
const SERVER_NL = [
  [/^the end date lies before the start date$/, 'De einddatum ligt vóór de startdatum.'],
  [/^this overlaps the placement that started on (\d{4}-\d{2}-\d{2})$/, (m) => `Dit overlapt met de plaatsing die begon op ${formatDate(m[1])}.`],
  [/^must be a date/, 'Dit is geen geldige datum.'],
  [/^is required$|^must not be null$|^must not be empty$/, 'Dit veld is verplicht.'],
  [/^must be an id$/, 'Kies een waarde uit de lijst.'],
  [/^is not one of the allowed values$/, 'Kies een waarde uit de lijst.'],
  [/^must be at most (\d+) characters$/, (m) => `Gebruik hoogstens ${m[1]} tekens.`],
  [/^state the reason in at least (\d+) characters$/, (m) => `Geef een reden van minstens ${m[1]} tekens.`],
  [/^a placement outside her region needs its safety reason$/, 'Een plaatsing buiten de eigen regio heeft een veiligheidsreden nodig.'],
  [/^this lies before her birth$/, 'Deze datum ligt vóór haar geboorte.'],
  [/^this lies before the start of the trajectory$/, 'Deze datum ligt vóór de start van het traject.'],
  [/^this runs past the end of the trajectory$/, 'Dit loopt door na het einde van het traject.'],
  [/^this placement has ended already$/, 'Deze plaatsing is al beëindigd.'],
  [/^this membership has ended already$/, 'Dit teamlidmaatschap is al beëindigd.'],
  [/^this person is already on the team in that period$/, 'Deze persoon zit in die periode al in het team.'],
  [/^end this membership and add the new person instead$/, 'Beëindig dit teamlidmaatschap en voeg de nieuwe persoon toe.'],
  [/^this organisation is not a care institution$/, 'Deze organisatie is geen zorginstelling.'],
  [/^this organisation is not a municipality$/, 'Deze organisatie is geen gemeente.'],
  [/^this organisation cannot be chosen here$/, 'Deze organisatie kan hier niet gekozen worden.'],
  [/^the trajectory is closed; reopen it first$/, 'Het traject is gesloten; heropen het eerst.'],
  [/^this client has no trajectory yet; start one first$/, 'Deze cliënte heeft nog geen traject; start er eerst een.'],
  [/^a partner provider (may change|records) only its own placements$/, 'Een partneraanbieder legt alleen de eigen plaatsingen vast.'],
  [/^must be a boolean$|^must be a string$|^must be an integer/, 'Deze waarde heeft niet de juiste vorm.'],
  [/^a decision needs the date the request was made$/, 'Een besluit vraagt om de datum waarop de aanvraag is gedaan.'],
  [/^a granted decision names the basis it grants$/, 'Kies bij een toekenning de soort grondslag die is toegekend.'],
  [/^the decision lies before the request$/, 'Het besluit ligt vóór de aanvraag.'],
  [/^there is no transition plan yet$/, 'Er is nog geen transitieplan.'],
  [/^a follow-up is recorded once it took place$/, 'Een nazorgcontact wordt vastgelegd als het heeft plaatsgevonden.'],
  [/^a review is recorded once it was held$/, 'Een evaluatie wordt vastgelegd als die is gehouden.'],
  [/^acceptance lies before the proposal$/, 'De acceptatie ligt vóór het voorstel.'],
  [/^the handover is planned before it was proposed$/, 'De overdracht is gepland vóór het voorstel.'],
  [/^the meeting lies before the proposal$/, 'Het gesprek ligt vóór het voorstel.'],
  [/^the incoming person is the outgoing one$/, 'De nieuwe persoon is dezelfde als de vorige.'],
  [/^the outgoing membership starts on or after this day$/, 'Het lidmaatschap van de vorige persoon begint op of na deze dag.'],
  [/^only the incoming (care worker|person) accepts (a|this) handover$/, 'Alleen de nieuwe persoon kan deze overdracht accepteren.'],
  [/^this user is not active care staff$/, 'Deze persoon is geen actieve hulpverlener.'],
  [/^unknown user$/, 'Deze persoon is onbekend.'],
  [/^the next review lies after this one$/, 'De volgende evaluatie moet na deze evaluatie liggen.'],
  [/^the next review/, 'De volgende evaluatie moet na deze evaluatie liggen.'],
  [/^no such placement in this trajectory$/, 'Deze plaatsing hoort niet bij dit traject.'],
  [/^give a status, her words, or both$/, 'Vul een status, haar woorden of allebei in.'],
  [/^reopening lies after the day the trajectory closed$/, 'Heropenen moet na de dag liggen waarop het traject is afgesloten.'],
  [/^this lies before the trajectory closed$/, 'Deze datum ligt vóór de afsluiting van het traject.'],
  [/^the trajectory is open$/, 'Het traject is open.'],
  [/^this (handover|follow-up) is (\w+) already$/, 'Dit is al afgehandeld.'],
  [/^your role may not do this for this client$/, 'Met uw rol kunt u dit niet doen voor deze cliënte.'],
  [/^as_of is a date/, 'Dit is geen geldige datum.'],
];

export function serverMessage(msg) {
  if (!msg) return t('error.generic');
  if (lang === 'en') return msg.charAt(0).toUpperCase() + msg.slice(1) + (/[.!?]$/.test(msg) ? '' : '.');
  for (const [re, out] of SERVER_NL) {
    const m = re.exec(msg);
    if (m) return typeof out === 'function' ? out(m) : out;
  }
  return `Deze invoer is niet geldig (${msg}).`;
}

export function formatNumber(n) {
  if (typeof n !== 'number') return '';
  return n.toLocaleString(lang === 'en' ? 'en-GB' : 'nl-NL');
}
