// Group climate's shared pieces (issue 13): its text in Dutch and English,
// the four themes, scores as words, the SVG charts with a table beside
// each, and CSV files for the municipality.
import { h, s } from '../h.js';
import { getLang, formatDate, formatNumber, reasonText } from '../i18n.js';
import { table } from '../ui.js';
import { CLIMATE_NL } from '../i18n/climate-nl.js';
import { CLIMATE_EN } from '../i18n/climate-en.js';

export const THEMES = ['support', 'growth', 'repression', 'atmosphere'];

export function ct(key, params) {
  const table_ = getLang() === 'en' ? CLIMATE_EN : CLIMATE_NL;
  let text = table_[key] ?? CLIMATE_NL[key] ?? key;
  for (const [k, v] of Object.entries(params || {})) text = text.split(`{${k}}`).join(String(v));
  return text;
}

// An API error in words: by its reason key (i18n.js), never the server's English.
export { reasonText };

export const dates = (round) => ct('round.dates', { from: formatDate(round.opens_on), to: formatDate(round.closes_on) });
const fmt = (x) => (getLang() === 'en' ? x.toFixed(2) : x.toFixed(2).replace('.', ','));
export const score = (st) => (!st || st.suppressed ? ct('suppressed') : fmt(st.mean));
export const scoreFull = (st) => (!st || st.suppressed ? ct('suppressed') : `${fmt(st.mean)} (± ${fmt(st.sd)}, n = ${formatNumber ? formatNumber(st.n) : st.n})`);

// Why a block shows nothing, in words.
export function suppressedNote(block, who) {
  return h('p', { class: 'utrecht-paragraph climate-suppressed' },
    ct('suppressed.long', { n: block.respondents, who: ct(`who.${who}`), min: block.threshold }));
}

const SERIES_CLASS = ['climate-bar--girls', 'climate-bar--staff', 'climate-bar--previous'];

// Grouped bars: per theme one bar per series ({label, block}); a suppressed
// value draws no bar but the words "geen uitslag".  Beside it the same in a table.
export function themeChart(series, caption) {
  const W = 560; const H = 240; const left = 36; const bottom = 44; const top = 12;
  const plotH = H - bottom - top;
  const groupW = (W - left - 8) / THEMES.length;
  const barW = Math.min(34, (groupW - 16) / series.length);
  const y = (v) => top + plotH - ((v - 1) / 4) * plotH;
  const kids = [];
  for (let v = 1; v <= 5; v += 1) {
    kids.push(s('line', { x1: left, x2: W - 4, y1: y(v), y2: y(v), class: 'climate-grid' }));
    kids.push(s('text', { x: left - 8, y: y(v) + 4, 'text-anchor': 'end', class: 'climate-axis' }, String(v)));
  }
  THEMES.forEach((th, ti) => {
    const gx = left + ti * groupW + (groupW - barW * series.length) / 2;
    series.forEach((se, si) => {
      const st = se.block && !se.block.suppressed ? se.block.themes[th] : null;
      const x = gx + si * barW;
      if (st && !st.suppressed) {
        kids.push(s('rect', {
          x: x + 2, y: y(st.mean), width: barW - 4, height: Math.max(1, y(1) - y(st.mean)),
          class: ['climate-bar', SERIES_CLASS[si]].join(' '),
        }, s('title', null, `${ct(`theme.${th}`)}, ${se.label}: ${fmt(st.mean)}`)));
      } else {
        kids.push(s('text', { x: x + barW / 2, y: y(1) - 6, 'text-anchor': 'middle', class: 'climate-none' }, '–'));
      }
    });
    kids.push(s('text', { x: left + ti * groupW + groupW / 2, y: H - bottom + 18, 'text-anchor': 'middle', class: 'climate-axis' }, ct(`theme.${th}`)));
  });
  series.forEach((se, si) => {
    const lx = left + si * 170;
    kids.push(s('rect', { x: lx, y: H - 16, width: 12, height: 12, class: ['climate-bar', SERIES_CLASS[si]].join(' ') }));
    kids.push(s('text', { x: lx + 18, y: H - 6, class: 'climate-axis' }, se.label));
  });
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'climate-chart', role: 'img', 'aria-label': caption }, ...kids);
  const tbl = table({
    caption,
    columns: [{ label: ct('col.theme'), rowHeader: true }, ...series.map((se) => ({ label: se.label, numeric: true }))],
    rows: THEMES.map((th) => [
      th === 'repression' ? `${ct(`theme.${th}`)} (${ct('theme.repression.hint')})` : ct(`theme.${th}`),
      ...series.map((se) => scoreFull(se.block && se.block.themes[th])),
    ]),
  });
  return h('div', { class: 'climate-figure' }, h('figure', { class: 'climate-figure__chart', 'aria-hidden': 'true' }, svg), h('div', { class: 'climate-figure__table' }, tbl));
}

// Lines per theme over the rounds (girls), a table beside with staff in brackets.
export function trendChart(rounds, caption) {
  const W = 560; const H = 240; const left = 44; const right = 44; const top = 12; const bottom = 56;
  const plotH = H - top - bottom;
  const n = rounds.length;
  const x = (i) => (n <= 1 ? (left + W - right) / 2 : left + (i * (W - left - right)) / (n - 1));
  const y = (v) => top + plotH - ((v - 1) / 4) * plotH;
  const kids = [];
  for (let v = 1; v <= 5; v += 1) {
    kids.push(s('line', { x1: left, x2: W - right, y1: y(v), y2: y(v), class: 'climate-grid' }));
    kids.push(s('text', { x: left - 8, y: y(v) + 4, 'text-anchor': 'end', class: 'climate-axis' }, String(v)));
  }
  THEMES.forEach((th, ti) => {
    let d = '';
    rounds.forEach((r, i) => {
      const st = r.girls.suppressed ? null : r.girls.themes[th];
      if (!st || st.suppressed) { d += ' '; return; }
      d += `${d.trim() && !d.endsWith(' ') ? 'L' : 'M'}${x(i).toFixed(1)} ${y(st.mean).toFixed(1)}`;
      kids.push(s('circle', { cx: x(i), cy: y(st.mean), r: 4, class: `climate-line climate-line--${th}` }));
    });
    if (d.trim()) kids.push(s('path', { d: d.trim().replace(/\s+M/g, ' M'), class: `climate-line climate-line--${th}`, fill: 'none' }));
    kids.push(s('text', { x: left + ti * 130, y: H - 6, class: `climate-axis climate-legend--${th}` }, `■ ${ct(`theme.${th}`)}`));
  });
  rounds.forEach((r, i) => kids.push(s('text', { x: x(i), y: H - bottom + 18, 'text-anchor': 'middle', class: 'climate-axis' }, formatDate(r.round.opens_on))));
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'climate-chart', role: 'img', 'aria-label': caption }, ...kids);
  const tbl = table({
    caption: ct('report.trend.table'),
    columns: [{ label: ct('col.round'), rowHeader: true }, ...THEMES.map((th) => ({ label: ct(`theme.${th}`), numeric: true }))],
    rows: rounds.map((r) => [dates(r.round), ...THEMES.map((th) => `${score(r.girls.suppressed ? null : r.girls.themes[th])} (${score(r.staff.suppressed ? null : r.staff.themes[th])})`)]),
  });
  return h('div', { class: 'climate-figure' }, h('figure', { class: 'climate-figure__chart', 'aria-hidden': 'true' }, svg), h('div', { class: 'climate-figure__table' }, tbl));
}

// CSV (semicolon-separated, as Dutch spreadsheets expect), offered as a download.
export function downloadCsv(name, rows) {
  const cell = (v) => {
    const t = v === null || v === undefined ? '' : String(v);
    return /[";\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  const text = `\ufeff${rows.map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = h('a', { href: url, download: `${name}.csv`, class: 'visually-hidden' }, name);
  document.body.appendChild(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(url); a.remove(); }, 1000);
  return text;
}

// One CSV row per (group, round, audience, theme).
export function csvRows(entries) {
  const rows = [['group', 'location', 'round_opens_on', 'round_closes_on', 'audience', 'respondents', 'theme', 'n', 'mean', 'sd', 'note']];
  for (const { group, round, girls, staff } of entries) {
    for (const [aud, block] of [['girls', girls], ['staff', staff]]) {
      for (const th of THEMES) {
        const st = block.suppressed ? null : block.themes[th];
        const hidden = !st || st.suppressed;
        rows.push([group.name, group.location, round.opens_on, round.closes_on, aud, block.respondents, th,
          hidden ? '' : st.n, hidden ? '' : st.mean.toFixed(2), hidden ? '' : st.sd.toFixed(2), hidden ? ct('csv.suppressed') : '']);
      }
    }
  }
  return rows;
}
