// The national monitor (R14; GET /figures/monitor): flags where girls turned
// 18 with a gap and where no institution is registered in the region, a
// sortable comparison of municipalities, the regions, the country per
// quarter, CSV of everything shown. No person, only counts.
import { h, replace } from '../h.js';
import { t, formatDate } from '../i18n.js';
import { api } from '../api.js';
import { heading, para, statusBadge } from '../ui.js';
import {
  GROUPS, cellNode, yearPicker, downloadButtons, groupSection, nowQuarter,
} from './municipality.js';

// Sortable: suppressed cells sort as just below the threshold, unknown last.
const sortValue = (v, k) => (typeof v === 'number' ? v : v === 'suppressed' ? k - 0.5 : -1);

function compareTable(data, areas, id, caption, withRegion) {
  const k = data.min_cell;
  const cols = [
    { key: 'name', label: t(withRegion ? 'mf.col.municipality' : 'mf.col.region'), get: (a) => a.name, text: true },
    ...(withRegion ? [{ key: 'region', label: t('mf.col.region'), get: (a) => a.region || '—', text: true }] : []),
    { key: 'in_care', label: t('mf.col.in_care'), get: (a) => a.values.in_care[nowQuarter(a)] },
    { key: 'turned18', label: t('mf.col.turned18'), get: (a) => a.values.turned18[4] },
    { key: 'gap', label: t('mf.col.gap'), get: (a) => a.values['turned18.gap'][4] },
    { key: 'gap_days', label: t('mf.col.gap_days'), get: (a) => a.values['turned18.gap_days'][4] },
    { key: 'outside', label: t('mf.col.outside'), get: (a) => a.values['placed.outside_region'][nowQuarter(a)] },
    { key: 'signals', label: t('mf.col.signals'), get: (a) => a.values.signals[4] },
    { key: 'signals_matched', label: t('mf.col.signals_matched'), get: (a) => a.values['signals.matched'][4] },
  ];
  let sortBy = withRegion ? 'gap' : 'name', desc = withRegion;
  const holder = h('div', { 'data-testid': id });
  const flagsOf = (a) => [
    a.flags && a.flags.turned18_gap ? statusBadge('danger', t('mf.flag.gap')) : null,
    a.flags && a.flags.no_institution_in_region ? statusBadge('warning', t('mf.flag.noinst')) : null];
  const draw = () => {
    const col = cols.find((c) => c.key === sortBy);
    const rows = [...areas].sort((x, y) => {
      const a = col.get(x), b = col.get(y);
      const r = col.text ? String(a).localeCompare(String(b), 'nl') : sortValue(a, k) - sortValue(b, k);
      return (desc ? -r : r) || x.name.localeCompare(y.name, 'nl');
    });
    replace(holder, h('div', {
      class: 'utrecht-table-container utrecht-table-container--overflow-inline table-scroll', tabindex: '0', role: 'region', 'aria-label': caption,
    },
    h('table', { class: 'utrecht-table utrecht-table--html-table mf-table mf-compare' },
      h('caption', { class: 'utrecht-table__caption visually-hidden' }, caption),
      h('thead', { class: 'utrecht-table__header' }, h('tr', { class: 'utrecht-table__row' },
        cols.map((c) => h('th', {
          scope: 'col', class: ['utrecht-table__header-cell', !c.text && 'utrecht-table__header-cell--numeric-column'],
          'aria-sort': c.key === sortBy ? (desc ? 'descending' : 'ascending') : null,
        }, h('button', {
          type: 'button', class: 'mf-sort', 'data-sort': c.key, 'aria-label': t('mf.sort', { col: c.label }),
          onclick: () => { if (sortBy === c.key) desc = !desc; else { sortBy = c.key; desc = !c.text; } draw(); holder.querySelector(`[data-sort="${c.key}"]`).focus(); },
        }, c.label))),
        h('th', { scope: 'col', class: 'utrecht-table__header-cell' }, t('mf.col.flags')))),
      h('tbody', { class: 'utrecht-table__body' }, rows.map((a) => h('tr', {
        class: ['utrecht-table__row', a.flags && a.flags.turned18_gap && 'row-has-alerts'], 'data-area': a.name,
      },
      cols.map((c, i) => (i === 0
        ? h('th', { scope: 'row', class: 'utrecht-table__header-cell' }, c.get(a))
        : h('td', { class: ['utrecht-table__cell', !c.text && 'utrecht-table__cell--numeric-data'] }, c.text ? c.get(a) : cellNode(c.get(a), k)))),
      h('td', { class: 'utrecht-table__cell' }, flagsOf(a))))))));
  };
  draw();
  return holder;
}

export async function monitorView(main, ctx) {
  const params = new URLSearchParams(location.search);
  const year = params.get('year');
  ctx.setTitle(t('mf.title.monitor'));
  replace(main, heading(1, t('mf.title.monitor')), para(t('loading')));
  const data = await api.get(`/figures/monitor${year ? `?year=${encodeURIComponent(year)}` : ''}`);
  if (!ctx.isCurrent()) return;
  const k = data.min_cell;
  const munis = data.areas.filter((a) => a.kind === 'municipality');
  const regions = data.areas.filter((a) => a.kind === 'region');
  const nation = data.areas.find((a) => a.kind === 'nation');
  const gapMunis = munis.filter((a) => a.flags.turned18_gap);
  const noInst = regions.filter((a) => a.flags.no_institution_in_region);
  const list = (items) => (items.length
    ? h('ul', { class: 'utrecht-unordered-list' }, items.map((a) => h('li', { class: 'utrecht-unordered-list__item' }, a.name)))
    : para(t('mf.flags.none')));
  replace(main,
    heading(1, t('mf.title.monitor')),
    para(t('mf.intro.monitor', { year: data.year, date: formatDate(data.as_of), k })),
    yearPicker({ year: data.year, max: Number(data.as_of.slice(0, 4)) }, (y) => ctx.navigate(`/organisation?year=${y}`)),
    downloadButtons(data, 'landelijke-monitor'),
    h('section', { 'aria-labelledby': 'mf-flags', 'data-testid': 'mf-flags' },
      heading(2, t('mf.flags'), { id: 'mf-flags' }),
      heading(3, t('mf.flags.gap')), list(gapMunis),
      heading(3, t('mf.flags.noinst')), list(noInst)),
    h('section', { 'aria-labelledby': 'mf-compare' },
      heading(2, t('mf.compare'), { id: 'mf-compare' }),
      para(h('span', { class: 'item-sub' }, t('mf.compare.hint'))),
      compareTable(data, munis, 'mf-compare-table', t('mf.compare'), true)),
    h('section', { 'aria-labelledby': 'mf-regions' },
      heading(2, t('mf.regions'), { id: 'mf-regions' }),
      compareTable(data, regions, 'mf-regions-table', t('mf.regions'), false)),
    h('section', { 'aria-labelledby': 'mf-trend', class: 'mf-trend' },
      heading(2, t('mf.trend'), { id: 'mf-trend' }),
      GROUPS.map((g) => groupSection(data, nation, g))));
}
