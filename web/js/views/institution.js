// The coordinator's page: continuity figures of her institution
// (GET /figures/institution), with the same as-of date as the worklist.
import { h, replace } from '../h.js';
import {
  t, label, formatNumber, inputToIso, isoToInput,
} from '../i18n.js';
import { api, qs } from '../api.js';
import {
  heading, para, table, dateField,
} from '../ui.js';
import { apiErrorText } from '../forms.js';
import { RULES } from '../alerts.js';
import { asOfBanner } from './worklist.js';

export function figureTile(key, value, alertOn, testid) {
  return h('div', { class: ['figure-tile', alertOn && 'figure-tile--alert'], 'data-figure': testid || key },
    h('dt', { class: 'figure-label' }, t(`fig.${key}`)),
    h('dd', { class: 'figure-value' }, value));
}

export const ofText = (n, total) => t('fig.of', { n: formatNumber(n ?? 0), total: formatNumber(total ?? 0) });

export async function institutionView(main, ctx) {
  ctx.setTitle(t('inst.title'));
  const params = new URLSearchParams(location.search);
  let asOf = params.get('as_of') || '';
  const asOfField = dateField('as_of', t('worklist.asof'), { value: isoToInput(asOf), hint: t('worklist.asof.hint') });
  const form = h('form', { class: 'utrecht-form filter-form', novalidate: true, 'aria-labelledby': 'inst-filter-title' },
    h('h2', { class: 'utrecht-heading-2 visually-hidden', id: 'inst-filter-title' }, t('worklist.filter')),
    h('div', { class: 'filter-grid' }, asOfField.el),
    h('div', { class: 'utrecht-button-group' },
      h('button', { type: 'submit', class: 'utrecht-button utrecht-button--primary-action' }, t('worklist.apply'))));
  const banner = h('div');
  const body = h('div', { 'data-testid': 'institution-figures' });

  const render = (f) => {
    replace(banner, asOf ? asOfBanner(f.as_of, 'inst.asof.banner') : null);
    const rows = RULES.filter((r) => f.alerts_by_rule && r in f.alerts_by_rule).map((r) => {
      const n = f.alerts_by_rule[r];
      const href = `/worklist${qs({ rule: r, as_of: asOf || null })}`;
      return {
        className: n > 0 ? 'row-has-alerts' : null,
        cells: [label('rule', r), formatNumber(n),
          n > 0 ? h('a', { href, class: 'utrecht-link utrecht-link--html-a', 'data-link': '', 'aria-label': t('inst.show.label', { rule: label('rule', r) }) }, t('inst.show')) : '—'],
      };
    });
    replace(body,
      h('section', { 'aria-labelledby': 'inst-fig-title' },
        heading(2, t('inst.figures'), { id: 'inst-fig-title' }),
        h('dl', { class: 'figure-tiles' },
          figureTile('trajectories', formatNumber(f.trajectories)),
          figureTile('open_trajectories', formatNumber(f.open_trajectories)),
          figureTile('transfers', formatNumber(f.transfers)),
          figureTile('distinct_main_caregivers', formatNumber(f.distinct_main_caregivers)),
          figureTile('days_without_basis', formatNumber(f.days_without_basis), f.days_without_basis > 0),
          figureTile('days_without_main_caregiver', formatNumber(f.days_without_main_caregiver), f.days_without_main_caregiver > 0),
          figureTile('gap_at_18', formatNumber(f.gap_at_18), f.gap_at_18 > 0),
          figureTile('handovers_in_time', ofText(f.handovers_accepted_in_time, f.handovers), f.handovers > f.handovers_accepted_in_time),
          figureTile('handovers_accepted', ofText(f.handovers_accepted, f.handovers)),
          figureTile('reviews_on_time', ofText(f.reviews_on_time, f.reviews_held), f.reviews_held > f.reviews_on_time),
          figureTile('interruptions', formatNumber(f.interruptions)),
          figureTile('interruption_days', formatNumber(f.interruption_days)))),
      h('section', { 'aria-labelledby': 'inst-alerts-title' },
        heading(2, t('inst.alerts'), { id: 'inst-alerts-title' }),
        table({
          caption: t('inst.alerts.caption'),
          captionHidden: true,
          className: 'inst-alerts-table',
          columns: [{ label: t('inst.col.rule'), rowHeader: true }, { label: t('inst.col.count'), numeric: true }, { label: t('inst.col.link') }],
          rows,
        })));
  };

  const load = async () => {
    const f = await api.get(`/figures/institution${qs({ as_of: asOf || null })}`);
    if (!ctx.isCurrent()) return;
    render(f);
  };

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    asOfField.setError(null);
    const v = asOfField.input.value.trim();
    if (v && !inputToIso(v)) { asOfField.setError(t('field.date.invalid')); asOfField.input.focus(); return; }
    asOf = v ? inputToIso(v) : '';
    history.replaceState(null, '', `/institution${qs({ as_of: asOf || null })}`);
    try { await load(); } catch (e) {
      if (e.status === 401) return;
      asOfField.setError(apiErrorText(e));
      asOfField.input.focus();
    }
  });

  replace(main,
    heading(1, t('inst.title')),
    para(t('inst.intro', { org: ctx.user.org_name || '—' })),
    form, banner, body);
  await load();
}
