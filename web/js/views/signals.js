// Early signals (R12).  A reporter (teacher, police officer, GP, ...) gets the
// signal form, made for a phone, and her own signals with their match notices
// (POST/GET /signals).  A coordinator gets the signals referred to her
// institution and the notices about girls in her trajectories (GET /signals),
// and one signal with her identity, the screening and the intake
// (GET /signals/{id}, POST .../screening, .../intake).
import { h, replace, nextId } from '../h.js';
import { t, formatDate, isoToInput } from '../i18n.js';
import { api, enc } from '../api.js';
import {
  heading, para, alert, table, statusBadge, textField, dateField, textareaField, selectField, checkboxField, link, dataList,
} from '../ui.js';
import { dataForm } from '../forms.js';

// The checklist in the order of src/core/signal.c.
export const INDICATORS = ['older_partner', 'gifts_money', 'several_phones', 'truancy', 'missing', 'sti_pregnancy',
  'new_friends', 'picked_up', 'drugs_alcohol', 'sexualised_online', 'self_harm', 'injuries', 'controlled',
  'hotels_addresses', 'withdrawn', 'debts', 'other'];
const CERTAINTY = ['unsure', 'likely', 'sure'];
const OUTCOMES = ['confirmed', 'suspected', 'not_found'];
const today = () => new Date().toISOString().slice(0, 10);

// A message for the next rendering of these screens (after a save).
let pending = null;
const takePending = () => { const m = pending; pending = null; return m; };

// The checklist as one field of a dataForm: a fieldset of checkboxes, each
// with its short explanation; its value is sent as an array by send().
function indicatorsField() {
  const legendId = nextId('ind-legend');
  const hintId = `${legendId}-hint`;
  const errId = `${legendId}-error`;
  const err = h('div', { class: 'utrecht-form-field-error-message field-error', id: errId, hidden: true });
  const boxes = INDICATORS.map((code) => {
    const id = nextId(`ind-${code}`);
    const explId = `${id}-hint`;
    const box = h('input', {
      id, type: 'checkbox', name: 'indicator', value: code, class: 'utrecht-checkbox utrecht-checkbox--html-input', 'aria-describedby': explId,
    });
    return {
      box,
      el: h('div', { class: 'signal-indicator' },
        h('div', { class: 'checkbox-row' }, box, h('label', { for: id, class: 'utrecht-form-label utrecht-form-label--checkbox' }, t(`sig.ind.${code}`))),
        h('div', { class: 'utrecht-form-field-description', id: explId }, t(`sig.ind.${code}.hint`))),
    };
  });
  const el = h('fieldset', {
    class: 'utrecht-form-fieldset signal-checklist', 'aria-describedby': hintId, 'data-field': 'indicators',
  },
  h('legend', { class: 'utrecht-form-fieldset__legend', id: legendId }, t('sig.what')),
  h('div', { class: 'utrecht-form-field-description', id: hintId }, t('sig.what.hint')),
  err,
  h('div', { class: 'signal-indicators' }, boxes.map((b) => b.el)));
  const setError = (msg) => {
    err.hidden = !msg;
    replace(err, msg || '');
    el.setAttribute('aria-describedby', msg ? `${errId} ${hintId}` : hintId);
    el.classList.toggle('utrecht-form-fieldset--invalid', !!msg);
  };
  return {
    el, input: boxes[0].box, setError, name: 'indicators', label: t('sig.what'),
    value: () => boxes.filter((b) => b.box.checked).map((b) => b.box.value),
  };
}

const wide = (f) => { f.el.classList.add('form-grid__wide'); return f; };

function signalForm(ctx, institutions, municipalities, onSaved) {
  const ind = indicatorsField();
  const fields = [
    textField('bsn', t('sig.field.bsn'), { inputmode: 'numeric', maxlength: 9, size: 9, hint: t('sig.who.hint') }),
    textField('name', t('sig.field.name'), { maxlength: 200, autocomplete: 'off' }),
    dateField('birth_date', t('sig.field.birth_date')),
    selectField('municipality_id', t('sig.field.municipality_id'), municipalities.map((o) => ({ value: o.id, label: o.name })),
      { hint: t('sig.field.municipality_id.hint'), emptyLabel: t('sig.field.municipality_id.none') }),
    wide(ind),
    selectField('certainty', t('sig.field.certainty'), CERTAINTY.map((c) => ({ value: c, label: t(`sig.certainty.${c}`) })), { required: true }),
    wide(textareaField('note', t('sig.field.note'), { maxlength: 2000, hint: t('sig.field.note.hint') })),
    textField('contact_phone', t('sig.field.contact_phone'), {
      required: true, type: 'tel', autocomplete: 'tel', maxlength: 100, value: ctx.user.phone || '',
    }),
    textField('contact_email', t('sig.field.contact_email'), { type: 'email', autocomplete: 'email', maxlength: 100, value: ctx.user.email || '' }),
    selectField('referred_org_id', t('sig.field.referred_org_id'), institutions.map((o) => ({ value: o.id, label: o.name })),
      { hint: t('sig.field.referred_org_id.hint'), emptyLabel: t('sig.field.referred_org_id.none') }),
  ];
  return dataForm({
    title: t('sig.new'),
    dataForm: 'signal',
    fields,
    submitLabel: t('sig.submit'),
    send: (body) => api.post('/signals', { ...body, indicators: ind.value() }),
    onSaved,
  });
}

function matchNotice(m) {
  return h('div', { class: 'signal-match', 'data-testid': 'match-notice' },
    alert('warning',
      h('strong', null, t('sig.match.title')),
      para(t('sig.match.body', { name: m.reporter_name, org: m.organisation, date: formatDate((m.since || '').slice(0, 10)) })),
      m.phone ? para(t('sig.match.phone'), h('a', { href: `tel:${m.phone.replace(/[^0-9+]/g, '')}`, class: 'utrecht-link' }, m.phone)) : null,
      m.email ? para(t('sig.match.email'), h('a', { href: `mailto:${m.email}`, class: 'utrecht-link' }, m.email)) : null));
}

function signalCard(s) {
  const headId = nextId('sig');
  return h('article', { class: 'signal-card', 'aria-labelledby': headId, 'data-testid': 'signal' },
    heading(3, t('sig.made', { date: formatDate(s.created_on) }), { id: headId }),
    h('ul', { class: 'signal-tags' }, s.indicators.map((c) => h('li', null, t(`sig.ind.${c}`)))),
    dataList([
      [t('sig.field.certainty'), t(`sig.certainty.${s.certainty}`)],
      [t('sig.field.referred_org_id'), s.referred_to ? s.referred_to.name : t('sig.notreferred')],
      ...(s.screening ? [[t('sig.screening.label'), t(`sig.outcome.${s.screening}`)]] : []),
      ...(s.note ? [[t('sig.field.note'), s.note]] : []),
    ]),
    s.client_id ? para(statusBadge('success', t('sig.registered'))) : null,
    s.matches.map(matchNotice));
}

async function reporterView(main, ctx) {
  const r = await api.get('/signals');
  if (!ctx.isCurrent()) return;
  const flash = takePending();
  const { form } = signalForm(ctx, r.institutions || [], r.municipalities || [], (saved) => {
    pending = saved.matches.length ? 'sig.saved.match' : 'sig.saved';
    ctx.rerender();
  });
  replace(main,
    heading(1, t('sig.title')),
    flash ? alert('success', t(flash)) : null,
    para(t('sig.intro')),
    h('section', { class: 'signal-new', 'aria-label': t('sig.new') }, form),
    h('section', { 'aria-labelledby': 'sig-mine', 'data-testid': 'my-signals' },
      heading(2, t('sig.mine'), { id: 'sig-mine' }),
      r.items.length ? r.items.map(signalCard) : para(t('sig.none'))));
}

async function coordinatorList(main, ctx) {
  const r = await api.get('/signals');
  if (!ctx.isCurrent()) return;
  replace(main,
    heading(1, t('sig.title')),
    h('section', { 'aria-labelledby': 'sig-in', 'data-testid': 'incoming-signals' },
      heading(2, t('sig.incoming'), { id: 'sig-in' }),
      para(t('sig.incoming.intro')),
      r.items.length ? table({
        caption: t('sig.incoming'), captionHidden: true, className: 'signal-table',
        columns: [{ label: t('sig.col.date'), rowHeader: true }, { label: t('sig.col.reporter') }, { label: t('sig.col.signs'), numeric: true },
          { label: t('sig.col.certainty') }, { label: t('sig.col.screening') }, { label: '' }],
        rows: r.items.map((s) => [formatDate(s.created_on), `${s.reporter.name} (${s.reporter.organisation.name})`,
          String(s.indicators.length), t(`sig.certainty.${s.certainty}`),
          s.client_id ? t('sig.registered') : (s.screening ? t(`sig.outcome.${s.screening}`) : '—'),
          link(`/signals/${enc(s.id)}`, t('sig.open'), { 'data-link': '', 'aria-label': `${t('sig.open')}: ${formatDate(s.created_on)}, ${s.reporter.name}` })]),
      }) : para(t('sig.incoming.none'))),
    h('section', { 'aria-labelledby': 'sig-notes', 'data-testid': 'signal-notices' },
      heading(2, t('sig.notices'), { id: 'sig-notes' }),
      para(t('sig.notices.intro')),
      r.notices.length ? table({
        caption: t('sig.notices'), captionHidden: true, className: 'signal-table',
        columns: [{ label: t('sig.col.client'), rowHeader: true }, { label: t('sig.col.date') }, { label: t('sig.col.reporter') }, { label: t('sig.col.contact') }],
        rows: r.notices.map((n) => [link(`/clients/${enc(n.client.id)}`, n.client.name, { 'data-link': '' }),
          formatDate((n.since || '').slice(0, 10)), `${n.reporter_name} (${n.organisation})`,
          h('span', null, n.phone || '', n.email ? h('span', { class: 'item-sub' }, ` ${n.email}`) : null)]),
      }) : para(t('sig.notices.none'))));
}

export async function signalsView(main, ctx) {
  ctx.setTitle(t('sig.title'));
  replace(main, heading(1, t('sig.title')), para(t('loading')));
  if (ctx.user.role === 'reporter') return reporterView(main, ctx);
  return coordinatorList(main, ctx);
}

// One referred signal for its coordinator: who she is, the screening, the intake.
export async function signalView(main, ctx) {
  ctx.setTitle(t('sig.title'));
  replace(main, heading(1, t('sig.title')), para(t('loading')));
  const id = ctx.params.id;
  const [s, orgs] = await Promise.all([api.get(`/signals/${enc(id)}`),
    ctx.user.role === 'coordinator' ? api.get('/organisations') : Promise.resolve({ items: [] })]);
  if (!ctx.isCurrent()) return;
  const flash = takePending();
  const who = s.identity || {};
  const screen = dataForm({
    title: t('sig.screen'),
    dataForm: 'screening',
    fields: [selectField('outcome', t('sig.field.outcome'), OUTCOMES.map((o) => ({ value: o, label: t(`sig.outcome.${o}`) })),
      { required: true, value: s.screening || '' })],
    submitLabel: t('sig.screen.submit'),
    send: (body) => api.post(`/signals/${enc(id)}/screening`, body),
    onSaved: () => ctx.rerender(),
  });
  const munis = orgs.items.filter((o) => o.kind === 'municipality').map((o) => ({ value: o.id, label: o.name }));
  const intakeFields = [
    textField('pseudonym', t('sig.field.pseudonym'), { required: true, maxlength: 64 }),
    selectField('municipality_id', t('sig.field.municipality_id'), munis, { required: true }),
    dateField('start_date', t('sig.field.start_date'), { required: true, value: isoToInput(today()) }),
    checkboxField('shielded', t('sig.field.shielded')),
  ];
  if (!who.birth_date) intakeFields.splice(1, 0, dateField('birth_date', t('sig.field.birth_date'), { required: true }));
  const intake = dataForm({
    title: t('sig.intake'),
    dataForm: 'intake',
    intro: para(t('sig.intake.intro')),
    fields: intakeFields,
    submitLabel: t('sig.intake.submit'),
    send: (body) => api.post(`/signals/${enc(id)}/intake`, body),
    onSaved: (r) => ctx.navigate(`/clients/${enc(r.client.id)}`),
  });
  replace(main,
    heading(1, t('sig.detail', { date: formatDate(s.created_on) })),
    flash ? alert('success', t(flash)) : null,
    para(link('/signals', t('sig.back'), { 'data-link': '' })),
    who && s.identity ? h('section', { 'aria-labelledby': 'sig-who', 'data-testid': 'signal-identity' },
      heading(2, t('sig.identity'), { id: 'sig-who' }),
      dataList([[t('sig.field.name'), who.name || '—'], [t('sig.field.bsn'), who.bsn || '—'],
        [t('sig.field.birth_date'), who.birth_date ? formatDate(who.birth_date) : '—']])) : null,
    signalCard({ ...s, matches: [] }),
    dataList([[t('sig.col.reporter'), `${s.reporter.name} (${s.reporter.organisation.name})`],
      [t('sig.field.contact_phone'), s.contact.phone || '—'], [t('sig.field.contact_email'), s.contact.email || '—']]),
    s.client_id ? para(link(`/clients/${enc(s.client_id)}`, t('sig.registered'), { 'data-link': '' })) : screen.form,
    !s.client_id && s.screening === 'confirmed' ? intake.form : null);
}
