// Intake: a coordinator registers a girl and opens her trajectory in one form
// (POST /clients, then POST /clients/{id}/trajectory).  Every error lands
// beside the field it names.  The client is created only after the form's own
// checks pass; should opening the trajectory then fail, a second try opens
// only the trajectory, for the client already made.
import { h, replace } from '../h.js';
import { t, isoToInput } from '../i18n.js';
import { api, enc } from '../api.js';
import {
  heading, para, link, textField, dateField, selectField, checkboxField,
} from '../ui.js';
import { dataForm } from '../forms.js';

const CLIENT_FIELDS = ['pseudonym', 'name', 'bsn', 'birth_date', 'municipality_id', 'shielded'];

export async function intakeView(main, ctx) {
  ctx.setTitle(t('intake.title'));
  replace(main, heading(1, t('intake.title')), h('p', { class: 'utrecht-paragraph loading', role: 'status' }, t('loading')));
  const orgs = await api.get('/organisations').catch(() => ({ items: [] }));
  if (!ctx.isCurrent()) return;
  const municipalities = orgs.items.filter((o) => o.kind === 'municipality')
    .map((o) => ({ value: o.id, label: o.name })).sort((a, b) => a.label.localeCompare(b.label, 'nl'));
  const today = new Date().toISOString().slice(0, 10);
  const fields = [
    textField('pseudonym', t('intake.pseudonym'), { required: true, hint: t('intake.pseudonym.hint'), maxlength: 64 }),
    textField('name', t('intake.name'), { hint: t('intake.name.hint'), maxlength: 200 }),
    textField('bsn', t('intake.bsn'), { hint: t('intake.bsn.hint'), inputmode: 'numeric', maxlength: 9, size: 10 }),
    dateField('birth_date', t('intake.birth_date'), { required: true }),
    selectField('municipality_id', t('intake.municipality'), municipalities, { required: true, hint: t('intake.municipality.hint') }),
    checkboxField('shielded', t('intake.shielded'), { hint: t('intake.shielded.hint') }),
    dateField('start_date', t('intake.start_date'), { required: true, value: isoToInput(today), hint: t('intake.start_date.hint') }),
  ];
  let created = null;   // the client, once made
  const { form } = dataForm({
    title: t('intake.form'),
    dataForm: 'intake',
    fields,
    submitLabel: t('intake.submit'),
    send: async (body) => {
      if (!created) {
        const c = {};
        for (const k of CLIENT_FIELDS) if (k in body) c[k] = body[k];
        created = await api.post('/clients', c);
      }
      await api.post(`/clients/${enc(created.id)}/trajectory`, { start_date: body.start_date });
      return created;
    },
    onSaved: (c) => ctx.navigate(`/clients/${enc(c.id)}`),
    onCancel: () => ctx.navigate('/clients'),
  });
  replace(main,
    h('p', { class: 'utrecht-paragraph back-link' }, link('/clients', `← ${t('client.back')}`)),
    heading(1, t('intake.title')),
    para(t('intake.intro')),
    h('div', { class: 'form-panel intake-panel' }, form));
}
