// What the web app must show for a server error: the text of its reason key
// in the screen's language (web/js/i18n/reasons-*.js), never the English
// message.  The expected text is looked up from the API's own answer, so a
// test keeps holding when the server names a more specific reason.
import { REASONS_NL } from '../../../web/js/i18n/reasons-nl.js';
import { REASONS_EN } from '../../../web/js/i18n/reasons-en.js';

export { REASONS_NL, REASONS_EN };

// Runs action() and returns the error body of the first API answer >= 400.
export async function apiErrorOf(page, action) {
  const [res] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname.startsWith('/api/v1/') && r.status() >= 400),
    action(),
  ]);
  return (await res.json()).error;
}

// The text of an error's reason in a language (that of its code when the
// reason has none), as the app shows it; without a {details} placeholder.
export function reasonTextOf(err, lang = 'nl') {
  const table = lang === 'en' ? REASONS_EN : REASONS_NL;
  const text = table[err.reason] ?? table[err.code];
  return text.replace(/\s*\(\{details\}\)|\{details\}/g, '');
}

// True when shown holds the reason's text (its first letter may be lowered
// behind a field label).
export function showsReason(shown, err, lang = 'nl') {
  const want = reasonTextOf(err, lang);
  return shown.includes(want) || shown.includes(want.charAt(0).toLowerCase() + want.slice(1));
}
