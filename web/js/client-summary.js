// The top of a client's file: what matters at a glance (her most serious
// alerts first, then age and the time to 18, the basis she has now and until
// when, her placement, her main caregiver and coordinator, the next
// deadlines).  The tabs below it are file-tabs.js.
import { h } from './h.js';
import { t, label, formatDate, formatAge } from './i18n.js';
import { anchorHref } from './file-tabs.js';
import { heading, dataList, link } from './ui.js';
import {
  alertHref, alertLinkText, reasonText, dueText,
} from './alerts.js';
import { until18Text } from './span.js';

const current = (items, today, from = 'start_date', to = 'end_date') => (items || [])
  .filter((x) => x[from] <= today && (!x[to] || x[to] >= today))
  .sort((a, b) => (a[from] < b[from] ? 1 : -1))[0];

function hiddenText() {
  return h('span', { class: 'hidden-for-role' }, t('summary.hidden'));
}

// page: the ClientPage (client, tl, continuity data, role).
export function clientSummary(page) {
  const c = page.client;
  const tl = page.tl;
  const today = (tl && tl.today) || new Date().toISOString().slice(0, 10);
  const traj = tl && tl.trajectory;
  const partner = tl && tl.access && tl.access.level === 'partner';
  const alerts = (page.continuity.data.alerts && page.continuity.data.alerts.items) || [];
  const asOf = (page.continuity.data.alerts && page.continuity.data.alerts.as_of) || today;

  // Her most serious alerts, as the server orders them: critical first.
  const top = alerts.slice(0, 3);
  const alertBox = top.length ? h('div', {
    class: ['summary-alerts', top[0].severity === 'critical' && 'summary-alerts--critical'], 'data-testid': 'summary-alerts',
  },
  h('p', { class: 'summary-alerts__title' }, h('strong', null,
    alerts.length === 1 ? t('summary.alerts.one') : t('summary.alerts.n', { n: alerts.length }))),
  h('ul', { class: 'summary-alerts__list' }, top.map((a) => h('li', { class: `summary-alert summary-alert--${a.severity}`, 'data-rule': a.rule },
    h('strong', null, `${label('severity', a.severity)}: ${label('rule', a.rule)}`), ' — ', reasonText(a),
    ' ', h('span', { class: 'summary-alert__due' }, `(${dueText(a, asOf)})`), ' ',
    h('a', {
      href: alertHref(a), class: 'utrecht-link utrecht-link--html-a', 'data-link': '',
      'aria-label': t('link.label', { action: alertLinkText(a), name: c.pseudonym }),
    }, alertLinkText(a))))),
  alerts.length > top.length ? h('p', { class: 'utrecht-paragraph' }, link(anchorHref(c.id, 'alerts'), t('summary.alerts.all', { n: alerts.length }))) : null)
    : null;

  const basis = current(tl && tl.legal_bases, today);
  const phase = current(tl && tl.phases, today);
  const main = current((tl && tl.team || []).filter((m) => m.role === 'main_caregiver'), today, 'from_date', 'to_date');
  // Until its end date, or else until its legal end (a Jeugdwet basis: her 18th birthday).
  const basisEnd = basis && (basis.end_date && (!basis.legal_end || basis.end_date < basis.legal_end) ? basis.end_date : basis.legal_end);
  const basisText = partner ? hiddenText() : !traj ? '—' : basis
    ? (basisEnd ? t('summary.basis.until', { kind: label('basis', basis.kind), date: formatDate(basisEnd) })
      : t('summary.basis.open', { kind: label('basis', basis.kind) }))
    : h('strong', { class: 'summary-none' }, t('summary.basis.none'));
  const phaseText = !traj ? '—' : phase
    ? [label('form', phase.form), phase.provider ? ` — ${phase.provider.name}` : '']
    : t('summary.phase.none');
  const mainText = partner ? hiddenText() : !traj ? '—' : main && main.user ? main.user.display_name : h('strong', { class: 'summary-none' }, t('summary.main.none'));
  const eighteen = c.eighteenth_birthday
    ? `${until18Text(c.eighteenth_birthday, c.days_until_18)} (${formatDate(c.eighteenth_birthday)})` : '—';
  const next = alerts.filter((a) => a.due_date && a.due_date >= asOf).slice().sort((a, b) => (a.due_date < b.due_date ? -1 : 1)).slice(0, 2)
    .map((a) => `${label('rule', a.rule)}: ${formatDate(a.due_date)}`).join('; ');

  return h('section', { class: 'client-summary', 'aria-labelledby': 'summary-title', 'data-testid': 'client-summary' },
    heading(2, t('summary.title'), { id: 'summary-title', class: 'utrecht-heading-2 visually-hidden' }),
    alertBox,
    dataList([
      [t('client.age'), formatAge(c.age)],
      [t('summary.eighteen'), eighteen],
      [t('summary.basis'), basisText],
      [t('summary.phase'), phaseText],
      [t('summary.main'), mainText],
      [t('client.coordinator'), traj && traj.coordinating_org ? traj.coordinating_org.name : '—'],
      [t('client.municipality'), c.municipality ? c.municipality.name : '—'],
      [t('client.trajectory'), traj ? (traj.end_date
        ? t('client.trajectory.closed', { start: formatDate(traj.start_date), end: formatDate(traj.end_date) })
        : t('client.trajectory.since', { date: formatDate(traj.start_date) })) : t('client.trajectory.none')],
      next ? [t('summary.next'), next] : null,
    ]));
}
