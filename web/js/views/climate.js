// The coordinator's group climate (issue 13): the institution overview with
// its CSV, her living groups with their rounds, a form to add a group and
// one to open a round.  The result of a round and its codes are on
// /climate/rounds/{id} (climatereport.js).
import { h, replace } from '../h.js';
import { api, enc } from '../api.js';
import {
  heading, para, link, table, textField, dateField, selectField, statusBadge, announce, button,
} from '../ui.js';
import { dataForm } from '../forms.js';
import {
  ct, THEMES, reasonText, dates, score, csvRows, downloadCsv,
} from './climate-common.js';

const todayIso = () => new Date().toISOString().slice(0, 10);
const plusDays = (n) => new Date(Date.now() + n * 86400000).toISOString().slice(0, 10);
const toInput = (iso) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;

export async function climateView(main, ctx) {
  ctx.setTitle(ct('title'));
  replace(main, para('…'));
  const [overview, groups, qs] = await Promise.all([
    api.get('/climate/overview'), api.get('/climate/groups'), api.get('/climate/questionnaires'),
  ]);
  if (!ctx.isCurrent()) return;
  const flash = ctx.flash;

  const overviewRows = overview.groups.map((g) => {
    const l = g.latest;
    if (!l) return [g.name, ct('overview.none'), ...THEMES.map(() => '—'), ...THEMES.map(() => '—')];
    return [
      link(`/climate/rounds/${enc(l.round.id)}`, g.name),
      `${dates(l.round)} (${l.girls.respondents}/${l.staff.respondents})`,
      ...THEMES.map((th) => score(l.girls.suppressed ? null : l.girls.themes[th])),
      ...THEMES.map((th) => score(l.staff.suppressed ? null : l.staff.themes[th])),
    ];
  });
  const csvButton = button(ct('overview.csv'), {
    onclick: () => downloadCsv(`${ct('csv.filename')}-${overview.as_of}`,
      csvRows(overview.groups.filter((g) => g.latest).map((g) => ({ group: g, ...g.latest })))),
    'data-action': 'overview-csv',
  });

  const groupSections = groups.items.map((g) => {
    const rounds = g.rounds.slice().reverse();
    const roundForm = dataForm({
      title: ct('round.open', { name: g.name }),
      dataForm: 'climate-round',
      fields: [
        selectField('questionnaire_id', ct('round.questionnaire'),
          qs.items.map((q) => ({ value: q.id, label: `${q.name} (${q.version})` })),
          { required: true, value: qs.items.length ? qs.items[0].id : '' }),
        dateField('opens_on', ct('round.opens_on'), { required: true, value: toInput(todayIso()) }),
        dateField('closes_on', ct('round.closes_on'), { required: true, value: toInput(plusDays(14)) }),
      ],
      submitLabel: ct('round.submit'),
      errorText: reasonText,
      send: (body) => api.post(`/climate/groups/${enc(g.id)}/rounds`, body),
      onSaved: (r) => {
        announce(ct('round.opened'));
        ctx.navigate(`/climate/rounds/${enc(r.id)}`);
      },
    });
    return h('section', { class: 'climate-group', 'aria-labelledby': `g-${g.id}` },
      heading(3, g.name, { id: `g-${g.id}` }),
      para(ct('group.location', { location: g.location })),
      rounds.length ? table({
        caption: ct('group.rounds', { name: g.name }),
        columns: [{ label: ct('col.round'), rowHeader: true }, { label: ct('col.state') },
          { label: ct('col.codes'), numeric: true }, { label: ct('col.responses'), numeric: true }, { label: '' }],
        rows: rounds.map((r) => [
          dates(r), statusBadge(r.state === 'open' ? 'ok' : 'neutral', ct(`state.${r.state}`)),
          `${r.codes_used}/${r.codes_issued}`, `${r.responses_girls} / ${r.responses_staff}`,
          link(`/climate/rounds/${enc(r.id)}`, ct('round.report'), { 'aria-label': `${ct('round.report')}: ${g.name}, ${dates(r)}` }),
        ]),
      }) : para(ct('group.norounds')),
      h('details', { class: 'climate-details' },
        h('summary', null, ct('round.open', { name: g.name })), roundForm.form));
  });

  const groupForm = dataForm({
    title: ct('group.add'),
    dataForm: 'climate-group',
    fields: [
      textField('name', ct('group.name'), { required: true, maxlength: 120 }),
      textField('location', ct('group.loc'), { required: true, maxlength: 120 }),
    ],
    submitLabel: ct('group.add'),
    errorText: reasonText,
    send: (body) => api.post('/climate/groups', body),
    onSaved: (g) => {
      ctx.flash = null;
      announce(ct('group.added', { name: g.name }));
      ctx.rerender();
    },
  });

  replace(main,
    h('div', { class: 'climate' },
      heading(1, ct('title')),
      flash,
      para(ct('intro', { girls: overview.threshold.girls, staff: overview.threshold.staff })),
      h('section', { 'aria-labelledby': 'climate-overview' },
        heading(2, ct('overview.title'), { id: 'climate-overview' }),
        table({
          caption: ct('overview.caption'),
          columns: [{ label: ct('col.group'), rowHeader: true }, { label: ct('col.round') },
            ...THEMES.map((th) => ({ label: `${ct('audience.girls')}: ${ct(`theme.${th}`)}`, numeric: true })),
            ...THEMES.map((th) => ({ label: `${ct('audience.staff')}: ${ct(`theme.${th}`)}`, numeric: true }))],
          rows: overviewRows,
        }),
        h('div', { class: 'section-actions' }, csvButton)),
      h('section', { 'aria-labelledby': 'climate-groups' },
        heading(2, ct('groups.title'), { id: 'climate-groups' }),
        groups.items.length ? groupSections : para(ct('groups.none')),
        h('details', { class: 'climate-details' }, h('summary', null, ct('group.add')), groupForm.form))));
}

