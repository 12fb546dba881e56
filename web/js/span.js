// A stretch of time in words, as people say it: "1 jaar en 2 maanden",
// "4 maanden", "3 weken", "5 dagen" — never a raw count of days.
import { t, formatNumber } from './i18n.js';

const word = (n, unit) => (n === 1 ? t(`span.${unit}1`) : t(`span.${unit}`, { n: formatNumber(n) }));

function parts(fromIso, toIso) {
  const [y1, m1, d1] = fromIso.split('-').map(Number);
  const [y2, m2, d2] = toIso.split('-').map(Number);
  let months = (y2 - y1) * 12 + (m2 - m1);
  if (d2 < d1) months -= 1;
  return { years: Math.floor(months / 12), months: months % 12 };
}

// fromIso <= toIso, both "YYYY-MM-DD"; days = the difference in days.
export function spanText(fromIso, toIso, days) {
  if (days < 14) return word(days, 'days');
  if (days < 92) return word(Math.floor(days / 7), 'weeks');
  const { years, months } = parts(fromIso, toIso);
  if (!years) return word(months, 'months');
  if (!months) return word(years, 'years');
  return t('span.and', { a: word(years, 'years'), b: word(months, 'months') });
}

function addDaysIso(iso, n) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

// "over 1 jaar en 2 maanden", "vandaag 18", "3 maanden geleden 18 geworden"
// from the API's eighteenth_birthday and days_until_18.
export function until18Text(eighteenth, daysUntil) {
  if (typeof daysUntil !== 'number' || !eighteenth) return '';
  if (daysUntil === 0) return t('until18.today');
  const today = addDaysIso(eighteenth, -daysUntil);
  return daysUntil > 0
    ? t('until18.in', { span: spanText(today, eighteenth, daysUntil) })
    : t('until18.ago', { span: spanText(eighteenth, today, -daysUntil) });
}
