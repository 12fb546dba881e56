// One round's result (issue 13): codes for girls and staff, printable with
// a QR code each; the four theme scores of the girls beside the staff's and
// the previous round's, as an SVG chart with a table beside it; the score
// per question; the trend over the group's rounds; CSV.  Nothing below the
// threshold is shown: the server sends {"suppressed": true} and no figure.
import { h, replace } from '../h.js';
import { getLang } from '../i18n.js';
import { api, enc } from '../api.js';
import {
  heading, para, alert, link, table, selectField, textField, announce, button,
} from '../ui.js';
import { dataForm } from '../forms.js';
import { qrSvg } from '../qr.js';
import {
  ct, reasonText, dates, scoreFull, suppressedNote, themeChart, trendChart, csvRows, downloadCsv,
} from './climate-common.js';

const VARIANTS = ['girl_young', 'girl_older', 'staff'];

function itemsTable(block, who) {
  if (block.suppressed) return suppressedNote(block, who);
  return table({
    caption: ct('report.items', { who: ct(`audience.${who}`) }),
    columns: [{ label: ct('col.item'), rowHeader: true }, { label: ct('col.theme') }, { label: ct('col.mean'), numeric: true }],
    rows: block.items.map((it) => [
      `${it.text[getLang() === 'en' ? 'en' : 'nl']}${it.reverse ? ` ${ct('report.reverse')}` : ''}`,
      ct(`theme.${it.theme}`), scoreFull(it.score),
    ]),
  });
}

function codeCards(codes, variant) {
  const url = `${location.origin}/q`;
  return h('ul', { class: 'climate-cards' }, codes.map((code) => h('li', { class: 'climate-card' },
    h('p', { class: 'climate-card__title' }, ct('codes.card.title')),
    h('p', { class: 'climate-card__who' }, ct(`variant.${variant}`)),
    qrSvg(`${url}#${code}`, { label: ct('codes.qr', { code }), size: 132 }),
    h('p', { class: 'climate-card__code' }, h('span', { class: 'visually-hidden' }, `${ct('codes.card.code')}: `), code),
    h('p', { class: 'climate-card__how' }, ct('codes.card.how', { url })))));
}

export async function climateReportView(main, ctx) {
  const id = ctx.params.id;
  ctx.setTitle(ct('title'));
  replace(main, para('…'));
  const rep = await api.get(`/climate/rounds/${enc(id)}/report`);
  if (!ctx.isCurrent()) return;
  const trend = await api.get(`/climate/groups/${enc(rep.round.group_id)}/trend`);
  if (!ctx.isCurrent()) return;
  const r = rep.round;
  ctx.setTitle(ct('report.title', { group: r.group_name }));

  const codesOut = h('div', { class: 'climate-codes', 'data-codes': '' });
  const codesForm = r.state === 'closed' ? null : dataForm({
    title: ct('codes.make'),
    dataForm: 'climate-codes',
    fields: [
      selectField('variant', ct('codes.variant'), VARIANTS.map((v) => ({ value: v, label: ct(`variant.${v}`) })), { required: true }),
      textField('count', ct('codes.count'), { required: true, inputmode: 'numeric', maxlength: 2, size: 3, value: '8' }),
    ],
    submitLabel: ct('codes.make'),
    errorText: reasonText,
    send: (body) => api.post(`/climate/rounds/${enc(id)}/codes`, { variant: body.variant, count: Number(body.count) }),
    onSaved: (res) => {
      const msg = ct('codes.made', { n: res.codes.length });
      codesOut.appendChild(h('div', { class: 'climate-codes__batch' },
        alert('ok', msg),
        codeCards(res.codes, res.variant)));
      announce(msg);
      printBtn.hidden = false;
      // The form stays for the next batch (for staff, say).
      const submit = codesForm.form.querySelector('button[type=submit]');
      submit.disabled = false;
      submit.removeAttribute('aria-busy');
    },
  });
  const printBtn = button(ct('codes.print'), { onclick: () => window.print(), hidden: true, class: 'climate-print' });

  const prev = rep.previous;
  const series = [
    { label: ct('audience.girls'), block: rep.girls },
    { label: ct('audience.staff'), block: rep.staff },
  ];
  if (prev) series.push({ label: ct('audience.previous'), block: prev.girls });

  const csvBtn = button(ct('report.csv'), {
    onclick: () => downloadCsv(`${ct('csv.filename')}-${r.group_name}-${r.opens_on}`,
      csvRows([{ group: { name: r.group_name, location: '' }, round: r, girls: rep.girls, staff: rep.staff }])),
  });

  replace(main, h('div', { class: 'climate climate-report' },
    h('p', { class: 'climate-back' }, link('/climate', ct('report.back'))),
    heading(1, ct('report.title', { group: r.group_name })),
    para(ct('report.round', { dates: dates(r), state: ct(`state.${r.state}`) })),
    para(ct('report.respondents', { girls: rep.girls.respondents, staff: rep.staff.respondents })),
    h('section', { 'aria-labelledby': 'climate-scores', class: 'climate-scores' },
      heading(2, ct('report.scores'), { id: 'climate-scores' }),
      rep.girls.suppressed ? suppressedNote(rep.girls, 'girls') : null,
      rep.staff.suppressed ? suppressedNote(rep.staff, 'staff') : null,
      themeChart(series, ct('report.chart')),
      para(prev ? ct('report.previous', { dates: dates(prev.round) }) : ct('report.noprevious')),
      h('div', { class: 'section-actions' }, csvBtn)),
    h('section', { 'aria-labelledby': 'climate-items' },
      heading(2, ct('report.items', { who: '' }).replace(/:\s*$/, ''), { id: 'climate-items' }),
      itemsTable(rep.girls, 'girls'),
      itemsTable(rep.staff, 'staff')),
    h('section', { 'aria-labelledby': 'climate-trend' },
      heading(2, ct('report.trend'), { id: 'climate-trend' }),
      trendChart(trend.rounds, ct('report.trend.chart'))),
    h('section', { 'aria-labelledby': 'climate-codes', class: 'climate-codes-section' },
      heading(2, ct('codes.title'), { id: 'climate-codes' }),
      r.state === 'closed' ? para(ct('codes.closed')) : [para(ct('codes.intro')), codesForm.form],
      codesOut,
      printBtn)));
}
