// Continuity alerts as the API gives them (GET /worklist, /clients/{id}/alerts):
// their rule in words, the reason in the chosen language, how urgent, and
// where on the client page each is resolved.
import { h } from './h.js';
import {
  t, label, has, getLang, formatDate, formatNumber,
} from './i18n.js';
import { anchorHref } from './file-tabs.js';
import { statusBadge } from './ui.js';
import { isoToMs } from './timeline.js';

export const RULES = ['no_transition_plan', 'plan_item_overdue', 'cliff_at_18', 'successor_missing', 'gap',
  'secure_without_order', 'order_ending', 'review_overdue', 'no_main_caregiver', 'handover_waiting',
  'third_transfer', 'domain_not_assessed', 'aftercare_due', 'promise_overdue',
  'glass_used', 'handover_approval', 'promise_disputed'];

// The alert's link target, as the id of the part of the client page where it is resolved.
export function alertAnchor(a) {
  if (a.link) return a.link;
  const m = /\/clients\/[^/]+\/([^/?#]+)/.exec(a.href || '');
  return m ? m[1] : '';
}

// The tab of her file that holds that part, the part named (file-tabs.js).
export function alertHref(a) {
  return anchorHref(a.client.id, alertAnchor(a));
}

export function alertLinkText(a) {
  const key = `link.${alertAnchor(a)}`;
  return has(key) ? t(key) : t('link.other');
}

// The plain-language reason, its ISO dates written as the reader writes them.
export function reasonText(a) {
  const r = a.reason || {};
  const text = (typeof r === 'object' ? (r[getLang()] || r.nl || r.en) : null)
    || a[`reason_${getLang()}`] || a.reason_nl || a.reason_en || label('rule', a.rule);
  return String(text).replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (m, iso) => formatDate(iso) || iso);
}

export function daysBetween(fromIso, toIso) {
  return Math.round((isoToMs(toIso) - isoToMs(fromIso)) / 86400000);
}

// "12 dagen te laat" / "over 30 dagen" relative to the as-of day.
export function dueText(a, asOf) {
  const d = daysBetween(asOf, a.due_date);
  if (a.overdue || d < 0) {
    const late = Math.max(0, -d);
    if (late === 0) return t('worklist.due.today');
    return late === 1 ? t('worklist.overdue.day') : t('worklist.overdue.days', { n: formatNumber(late) });
  }
  if (d === 0) return t('worklist.due.today');
  if (d === 1) return t('worklist.due.in1');
  return t('worklist.due.in', { n: formatNumber(d) });
}

// Overdue is said in words and a mark, never by colour alone.
export function urgencyCell(a) {
  return h('div', { class: 'urgency' },
    a.overdue ? statusBadge('danger', `⚠ ${t('worklist.overdue')}`) : null,
    statusBadge(a.severity === 'critical' ? 'danger' : a.severity === 'high' ? 'warning' : 'neutral', label('severity', a.severity)));
}

export function dueCell(a, asOf) {
  return h('div', { class: ['due', a.overdue && 'due--overdue'] },
    h('span', { class: 'due-date' }, formatDate(a.due_date)),
    h('span', { class: 'due-rel' }, dueText(a, asOf)));
}

export function ruleCell(a) {
  return h('div', { class: 'alert-rule' },
    h('strong', { class: 'alert-rule-name' }, label('rule', a.rule)),
    h('span', { class: 'alert-reason' }, reasonText(a)));
}
