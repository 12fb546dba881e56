// The municipality's figures for its own girls (R13; GET /figures/municipality):
// a year's quarters per group of figures, each as an SVG chart with the same
// numbers in a table beside it, a definition one click away, CSV of exactly
// what is shown. Suppressed cells arrive as "suppressed" and read "< 5".
import { h, s, replace } from '../h.js';
import { t, formatNumber, formatDate } from '../i18n.js';
import { api } from '../api.js';
import { heading, para, table, button } from '../ui.js';
import { figuresCsv, cellText } from '../figures-csv.js';

export const GROUPS = ['in_care', 'age', 'form', 'basis', 'placed', 'demand', 'turned18', 'continuity', 'left_care', 'aftercare', 'signals'];

export const cell = (v, k) => cellText(v, k) || t('mf.na');

// A readable cell: the number, or "< 5" with words for screen readers.
export function cellNode(v, k) {
  if (v === 'suppressed') {
    return h('span', { class: 'mf-suppressed' },
      h('span', { 'aria-hidden': 'true' }, `< ${k}`), h('span', { class: 'visually-hidden' }, t('mf.suppressed.sr', { k })));
  }
  if (v === null || v === undefined) return t('mf.na');
  return formatNumber(v);
}

export function yearPicker(current, onPick) {
  const years = [];
  for (let y = current.max; y >= current.max - 9 && y >= 2000; y--) years.push(y);
  const id = 'mf-year';
  const sel = h('select', { id, name: 'year', class: 'utrecht-select utrecht-select--html-select' },
    years.map((y) => h('option', { value: String(y), selected: y === current.year }, String(y))));
  return h('form', {
    class: 'mf-toolbar', onsubmit: (ev) => { ev.preventDefault(); onPick(Number(sel.value)); },
  },
  h('label', { class: 'utrecht-form-label', for: id }, t('mf.year')), sel,
  button(t('mf.show'), { type: 'submit' }));
}

export function downloadButtons(data, name) {
  return h('div', { class: 'mf-actions' },
    button(t('mf.csv'), {
      'data-testid': 'csv',
      onclick: () => {
        const blob = new Blob([figuresCsv(data)], { type: 'text/csv;charset=utf-8' });
        const a = h('a', { href: URL.createObjectURL(blob), download: `${name}-${data.year}.csv` });
        document.body.appendChild(a);
        a.click();
        a.remove();
      },
    }),
    button(t('mf.print'), { onclick: () => window.print() }));
}

export function definition(group) {
  return h('details', { class: 'mf-definition' },
    h('summary', null, t('mf.definition')),
    h('p', { class: 'utrecht-paragraph' }, t(`mf.def.${group === 'in_care' ? 'in_care' : group}`)));
}

// Horizontal bars: one per label, suppressed bars hatched and labelled.
export function barChart(title, items, k) {
  const rowH = 30, labelW = 210, barW = 300, w = labelW + barW + 70;
  const max = Math.max(1, ...items.map((it) => (typeof it.v === 'number' ? it.v : 0)));
  const hgt = items.length * rowH + 8;
  return s('svg', {
    class: 'mf-chart', viewBox: `0 0 ${w} ${hgt}`, width: '100%', role: 'img', 'aria-label': title, focusable: 'false',
  },
  items.map((it, i) => {
    const y = i * rowH + 4;
    const num = typeof it.v === 'number';
    const len = num ? Math.max(1, (it.v / max) * barW) : (k / max) * barW;
    return s('g', { class: ['mf-bar', !num && 'mf-bar--suppressed'] },
      s('text', { x: labelW - 8, y: y + rowH / 2 + 5, 'text-anchor': 'end', class: 'mf-bar-label' }, it.label),
      it.v === null ? null : s('rect', { x: labelW, y: y + 4, width: Math.min(barW, len), height: rowH - 10, rx: 2 }),
      s('text', { x: labelW + (it.v === null ? 0 : Math.min(barW, len)) + 6, y: y + rowH / 2 + 5, class: 'mf-bar-value' }, cell(it.v, k)));
  }));
}

// One group of figures: definition, chart of the latest period, table of all periods.
export function groupSection(data, area, group) {
  const k = data.min_cell;
  const keys = data.figures.filter((f) => f.group === group || (group === 'demand' && f.group === 'demand'));
  if (!keys.length) return null;
  const periods = data.periods;
  const vals = (key) => area.values[key] || [];
  // the period the chart shows: the year for flows, the latest quarter otherwise
  const latest = (key) => {
    const v = vals(key);
    if (keys[0].kind === 'flow') return 4;
    for (let p = 3; p >= 0; p--) if (v[p] !== null && v[p] !== undefined) return p;
    return 0;
  };
  const p = latest(keys[0].key);
  const id = `mf-${group}`;
  const title = t(`mf.g.${group}`);
  return h('section', { class: 'mf-group', 'aria-labelledby': id, 'data-group': group },
    heading(2, title, { id }),
    definition(group),
    h('div', { class: 'mf-pair' },
      h('figure', { class: 'mf-figure' },
        barChart(t('mf.chart.of', { title, period: t(`mf.period.${periods[p]}`) }),
          keys.map((f) => ({ label: t(`mf.k.${f.key}`), v: vals(f.key)[p] })), k),
        h('figcaption', { class: 'item-sub' }, t('mf.chart.of', { title, period: t(`mf.period.${periods[p]}`) }))),
      table({
        caption: title, captionHidden: true, className: 'mf-table',
        columns: [{ label: t('mf.col.figure'), rowHeader: true }, ...periods.map((q) => ({ label: t(`mf.period.${q}`), numeric: true }))],
        rows: keys.map((f) => [t(`mf.k.${f.key}`), ...periods.map((q, i) => cellNode(vals(f.key)[i], k))]),
      })));
}

export function tile(key, value, k, alertOn, testid) {
  return h('div', { class: ['figure-tile', alertOn && 'figure-tile--alert'], 'data-figure': testid || key },
    h('dt', { class: 'figure-label' }, t(`mf.tile.${key}`)),
    h('dd', { class: 'figure-value' }, cellNode(value, k)));
}

export const nowQuarter = (a) => {
  const v = a.values.in_care || [];
  for (let p = 3; p >= 0; p--) if (v[p] !== null && v[p] !== undefined) return p;
  return 0;
};

export async function municipalityView(main, ctx) {
  const params = new URLSearchParams(location.search);
  const year = params.get('year');
  ctx.setTitle(t('mf.title.municipality', { org: ctx.user.org_name || '' }));
  replace(main, heading(1, t('mf.title.municipality', { org: ctx.user.org_name || '' })), para(t('loading')));
  const data = await api.get(`/figures/municipality${year ? `?year=${encodeURIComponent(year)}` : ''}`);
  if (!ctx.isCurrent()) return;
  const area = data.areas[0];
  const k = data.min_cell;
  const v = (key, p) => (area.values[key] || [])[p];
  const thisYear = Number(data.as_of.slice(0, 4));
  replace(main,
    heading(1, t('mf.title.municipality', { org: area.name })),
    para(t('mf.intro.municipality', { org: area.name, year: data.year, date: formatDate(data.as_of), k })),
    yearPicker({ year: data.year, max: thisYear }, (y) => ctx.navigate(`/organisation?year=${y}`)),
    downloadButtons(data, 'cijfers-gemeente'),
    h('section', { 'aria-labelledby': 'mf-headline', 'data-testid': 'mf-headline' },
      heading(2, t('mf.headline'), { id: 'mf-headline' }),
      h('dl', { class: 'figure-tiles mf-tiles' },
        tile('turned18_gap', v('turned18.gap', 4), k, area.flags.turned18_gap, 'turned18_gap'),
        tile('turned18_no_gap', v('turned18.no_gap', 4), k),
        tile('gap_days', v('turned18.gap_days', 4), k),
        tile('in_care', v('in_care', nowQuarter(area)), k))),
    GROUPS.map((g) => groupSection(data, area, g)));
}
