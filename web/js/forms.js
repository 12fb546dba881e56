// Forms for phases, legal bases, court orders and team members: client-side
// checks for required fields and dates, the API's errors beside the field
// the error names (error.field).
import { h, replace, nextId } from './h.js';
import { t, has, label, inputToIso, isoToInput, reasonText } from './i18n.js';
import { api, enc } from './api.js';
import {
  heading, alert, textField, dateField, textareaField, selectField, checkboxField, submitButton, button,
} from './ui.js';

const FORMS = ['ambulant', 'family_home', 'open_residential', 'secure_residential'];
const BASES = ['jeugdwet', 'verlengde_jeugdhulp', 'wmo', 'wlz', 'zvw_ggz', 'criminal', 'other'];
const ORDERS = ['machtiging', 'spoedmachtiging', 'voorwaardelijke_machtiging', 'ots', 'voogdij'];
const TEAM_ROLES = ['main_caregiver', 'caregiver', 'therapist', 'guardian', 'other'];

export const ENTITIES = {
  phase: { path: 'phases', endField: 'end_date' },
  legal_basis: { path: 'legal-bases', endField: 'end_date' },
  court_order: { path: 'court-orders', endField: 'end_date' },
  team: { path: 'team', endField: 'to_date' },
};

// The text shown for an API error, in the screen's language, by its reason
// key; the field's label comes from the form, else from field.<name>.
export function apiErrorText(e, fieldLabel) {
  if (e.code === 'network') return t('error.network');
  const named = e.field && has(`field.${e.field}`) ? t(`field.${e.field}`) : null;
  return reasonText(e, { fieldLabel: fieldLabel || named });
}

// The error summary above a form: one link per field in error, naming it;
// following a link puts the cursor in that field.
export function errorSummary(errors) {
  return alert('error',
    h('p', { class: 'utrecht-paragraph error-summary__title' }, h('strong', null, errors.length === 1 ? t('error.summary.one') : t('error.summary.n', { n: errors.length }))),
    h('ul', { class: 'error-summary__list' }, errors.map(([f, msg]) => h('li', null,
      h('a', {
        href: `#${f.input.id}`, class: 'utrecht-link utrecht-link--html-a',
        onclick: (ev) => { ev.preventDefault(); f.input.focus(); },
      }, `${f.label}: ${msg}`)))));
}

// "Naam is verplicht." rather than "Dit veld is verplicht.".
export const requiredText = (f) => (f.label ? t('field.required.named', { label: f.label }) : t('field.required'));

// Drafts: what was typed in a form that was left unsaved (another form
// opened in its place, or the session ran out), per page, form and title.
// Held in memory only, never in the browser's storage: it is about her.
const drafts = new Map();
const draftKey = (name, title) => `${location.pathname}|${name}|${title}`;
export const draftCount = () => drafts.size;
export const clearDrafts = () => drafts.clear();

const opts = (values, prefix) => values.map((v) => ({ value: v, label: label(prefix, v) }));

// Field definitions per entity and mode (add | edit | end).
function fieldsFor(type, mode, item, refs) {
  const v = item || {};
  if (mode === 'end') {
    const endField = ENTITIES[type].endField;
    const f = [dateField(endField, t(`field.${endField}`), { required: true })];
    if (type === 'phase') f.push(textareaField('change_reason', t('field.change_reason'), { maxlength: 1000 }));
    return f;
  }
  if (type === 'phase') {
    return [
      selectField('form', t('field.form'), opts(FORMS, 'form'), { value: v.form, required: true }),
      selectField('provider_id', t('field.provider_id'), refs.providers, { value: v.provider && v.provider.id, required: true }),
      textField('location', t('field.location'), { value: v.location || '', hint: t('field.location.hint'), maxlength: 200 }),
      checkboxField('location_shielded', t('field.location_shielded'), { checked: !!v.location_shielded }),
      dateField('start_date', t('field.start_date'), { value: isoToInput(v.start_date), required: true }),
      dateField('end_date', t('field.end_date'), { value: isoToInput(v.end_date), hint: t('field.end_date.hint') }),
      textareaField('change_reason', t('field.change_reason'), { value: v.change_reason || '', maxlength: 1000 }),
      checkboxField('out_of_region', t('field.out_of_region'), { checked: !!v.out_of_region }),
      textareaField('safety_reason', t('field.safety_reason'), { value: v.safety_reason || '', hint: t('field.safety_reason.hint'), maxlength: 1000 }),
    ];
  }
  if (type === 'legal_basis') {
    return [
      selectField('kind', t('field.kind'), opts(BASES, 'basis'), { value: v.kind, required: true }),
      selectField('paying_municipality_id', t('field.paying_municipality_id'), refs.municipalities,
        { value: v.paying_municipality && v.paying_municipality.id, emptyLabel: t('field.none') }),
      dateField('start_date', t('field.start_date'), { value: isoToInput(v.start_date), required: true }),
      dateField('end_date', t('field.end_date'), { value: isoToInput(v.end_date) }),
    ];
  }
  if (type === 'court_order') {
    return [
      selectField('kind', t('field.kind'), opts(ORDERS, 'order'), { value: v.kind, required: true }),
      dateField('start_date', t('field.start_date'), { value: isoToInput(v.start_date), required: true }),
      dateField('end_date', t('field.end_date'), { value: isoToInput(v.end_date) }),
    ];
  }
  // team
  return [
    selectField('user_id', t('field.user_id'), refs.users, { value: v.user && v.user.id, required: true }),
    selectField('role', t('field.role'), opts(TEAM_ROLES, 'teamrole'), { value: v.role, required: true }),
    dateField('from_date', t('field.from_date'), { value: isoToInput(v.from_date), required: true }),
    dateField('to_date', t('field.to_date'), { value: isoToInput(v.to_date) }),
  ];
}

function originalValue(type, name, item) {
  if (!item) return undefined;
  if (name === 'provider_id') return item.provider ? item.provider.id : null;
  if (name === 'paying_municipality_id') return item.paying_municipality ? item.paying_municipality.id : null;
  if (name === 'user_id') return item.user ? item.user.id : null;
  const v = item[name];
  return v === undefined ? null : v;
}

// A form of fields with the one error convention: required fields and dates
// are checked here, the API's error lands beside the field it names
// (error.field), or above the form.  send(body) talks to the API;
// onSaved(result) runs after it accepted.  changedOnly: send only fields whose
// value differs from original(name).
export function dataForm({
  title, dataForm: name, fields, send, onSaved, onCancel, submitLabel, changedOnly = false, original = () => undefined,
  errorText = apiErrorText, intro,
}) {
  const byName = new Map(fields.map((f) => [f.name, f]));
  const summary = h('div', { class: 'form-summary' });
  const submit = submitButton(submitLabel || t('action.save'));
  const titleId = nextId('form-title');
  const form = h('form', {
    class: 'utrecht-form entity-form', novalidate: true, 'aria-labelledby': titleId, 'data-form': name,
  },
  heading(3, title, { id: titleId }),
  intro || null,
  summary,
  h('div', { class: 'form-grid' }, fields.map((f) => f.el)),
  h('div', { class: 'utrecht-button-group form-actions' }, submit,
    onCancel ? button(t('action.cancel'), { onclick: () => { drafts.delete(draftKey(name, title)); onCancel(); } }, 'secondary') : null));

  const clearErrors = () => {
    for (const f of fields) f.setError(null);
    replace(summary);
  };

  // Bring back an unsaved draft of this form, and keep the draft current.
  const key = draftKey(name, title);
  const kept = drafts.get(key);
  if (kept) {
    for (const f of fields) {
      if (!(f.name in kept)) continue;
      if (f.input.type === 'checkbox') f.input.checked = kept[f.name];
      else f.input.value = kept[f.name];
    }
    summary.appendChild(alert('info', t('draft.restored')));
  }
  form.addEventListener('input', () => {
    const v = {};
    for (const f of fields) if (f.input.type !== 'password') v[f.name] = f.input.type === 'checkbox' ? f.input.checked : f.input.value;
    drafts.set(key, v);
  });

  const collect = () => {
    const body = {};
    const errors = [];
    for (const f of fields) {
      let value;
      if (f.input.type === 'checkbox') value = f.input.checked;
      else value = f.input.value.trim();
      if (f.isDate) {
        if (value === '') value = null;
        else {
          const iso = inputToIso(value);
          if (!iso) { errors.push([f, t('field.date.invalid')]); continue; }
          value = iso;
        }
      } else if (value === '' && f.input.type !== 'checkbox') value = null;
      if (f.input.required && (value === null || value === '')) { errors.push([f, requiredText(f)]); continue; }
      if (changedOnly) {
        const orig = original(f.name);
        if (value === orig || (value === null && orig == null) || (value === false && !orig)) continue;
        body[f.name] = value;
      } else if (value !== null) {
        body[f.name] = value;
      }
    }
    return { body, errors };
  };

  // Show an error beside its field (or above the form) and move focus there.
  const showError = (e) => {
    const f = e.field && byName.get(e.field);
    const msg = errorText(e, f ? f.label : undefined);
    if (f) {
      f.setError(msg);
      replace(summary, errorSummary([[f, msg]]));
      f.input.focus();
    } else {
      const box = alert('error', msg);
      box.setAttribute('tabindex', '-1');
      replace(summary, box);
      box.focus();
    }
  };

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors();
    const { body, errors } = collect();
    if (errors.length) {
      for (const [f, msg] of errors) f.setError(msg);
      replace(summary, errorSummary(errors));
      errors[0][0].input.focus();
      return;
    }
    submit.disabled = true;
    submit.setAttribute('aria-busy', 'true');
    try {
      const result = await send(body);
      drafts.delete(key);
      await onSaved(result, body);
    } catch (e) {
      submit.disabled = false;
      submit.removeAttribute('aria-busy');
      if (e.status === 401) return;
      showError(e);
    }
  });

  return { form, focusFirst: () => fields[0] && fields[0].input.focus(), showError, summary };
}

// Build a form.  onSaved(result) runs after the API accepted it.
export function entityForm({ clientId, type, mode, item, refs, onSaved, onCancel }) {
  const fields = fieldsFor(type, mode, item, refs);
  const cfg = ENTITIES[type];
  const base = `/clients/${enc(clientId)}/${cfg.path}`;
  return dataForm({
    title: t(`${mode}.${type}`),
    dataForm: `${mode}-${type}`,
    fields,
    changedOnly: mode === 'edit',
    original: (name) => originalValue(type, name, item),
    onCancel,
    onSaved: (result) => onSaved(result, mode),
    send: async (body) => {
      if (mode === 'add') return api.post(base, body);
      if (mode === 'edit') return Object.keys(body).length ? api.patch(`${base}/${enc(item.id)}`, body) : item;
      return api.post(`${base}/${enc(item.id)}/end`, body);
    },
  });
}
