// Shared building blocks in NL Design System (Utrecht) classes.
import { h, nextId, replace } from './h.js';
import { t } from './i18n.js';

export function heading(level, text, attrs = {}) {
  return h(`h${level}`, { class: `utrecht-heading-${level}`, ...attrs }, text);
}

export function para(...children) {
  return h('p', { class: 'utrecht-paragraph' }, ...children);
}

export function link(href, text, attrs = {}) {
  return h('a', { href, class: 'utrecht-link utrecht-link--html-a', 'data-link': '', ...attrs }, text);
}

export function button(text, attrs = {}, variant = 'secondary') {
  const { class: extra, ...rest } = attrs;
  return h('button', {
    type: 'button',
    class: ['utrecht-button', `utrecht-button--${variant}-action`, extra],
    ...rest,
  }, text);
}

export function submitButton(text, attrs = {}) {
  return h('button', { type: 'submit', class: 'utrecht-button utrecht-button--primary-action utrecht-button--submit', ...attrs }, text);
}

export function buttonGroup(...buttons) {
  return h('div', { class: 'utrecht-button-group' }, ...buttons);
}

// kind: error | warning | info | ok.  Errors are announced (role=alert).
export function alert(kind, ...content) {
  const role = kind === 'error' ? 'alert' : 'status';
  return h('div', { class: `utrecht-alert utrecht-alert--${kind}`, role },
    h('div', { class: 'utrecht-alert__content' },
      h('div', { class: 'utrecht-alert__message' }, ...content)));
}

export function statusBadge(kind, text) {
  return h('span', { class: `utrecht-status-badge utrecht-status-badge--${kind}` }, text);
}

export function dataList(pairs) {
  return h('dl', { class: 'utrecht-data-list utrecht-data-list--rows dl-compact' },
    pairs.filter(Boolean).map(([k, v]) => h('div', { class: 'utrecht-data-list__item' },
      h('dt', { class: 'utrecht-data-list__item-key' }, k),
      h('dd', { class: 'utrecht-data-list__item-value utrecht-data-list__item-value--html-dd' }, v))));
}

// A table: columns [{label, numeric}] and rows of cell contents.
export function table({ caption, columns, rows, className, captionHidden }) {
  // The container scrolls sideways on small screens, so it is focusable and named
  // ("Tabel: …", never the same name as the section around it).
  return h('div', {
    class: 'utrecht-table-container utrecht-table-container--overflow-inline table-scroll',
    tabindex: '0', role: 'region', 'aria-label': caption ? t('table.region', { caption }) : null,
  },
    h('table', { class: ['utrecht-table', 'utrecht-table--html-table', className] },
      caption ? h('caption', { class: ['utrecht-table__caption', captionHidden && 'visually-hidden'] }, caption) : null,
      h('thead', { class: 'utrecht-table__header' },
        h('tr', { class: 'utrecht-table__row' },
          columns.map((c) => h('th', {
            scope: 'col',
            class: ['utrecht-table__header-cell', c.numeric && 'utrecht-table__header-cell--numeric-column'],
            'aria-sort': c.sort || null,
          }, c.label)))),
      h('tbody', { class: 'utrecht-table__body' },
        rows.map((r) => {
          const cells = Array.isArray(r) ? r : r.cells;
          return h('tr', { class: ['utrecht-table__row', r.className] },
            cells.map((c, i) => (i === 0 && columns[0].rowHeader
              ? h('th', { scope: 'row', class: 'utrecht-table__header-cell' }, c)
              : h('td', { class: ['utrecht-table__cell', columns[i] && columns[i].numeric && 'utrecht-table__cell--numeric-data'] }, c))));
        }))));
}

// Form fields.  Every field: label, optional hint, an error slot beside it.
// Returns {el, input, setError(msg)}.
function fieldShell(kind, name, labelText, control, hint, extraClass) {
  const id = control.id;
  const hintId = hint ? `${id}-hint` : null;
  const errId = `${id}-error`;
  const err = h('div', { class: 'utrecht-form-field-error-message field-error', id: errId, hidden: true });
  const describedBy = [hintId].filter(Boolean).join(' ');
  if (describedBy) control.setAttribute('aria-describedby', describedBy);
  const labelEl = h('label', { class: ['utrecht-form-label', kind === 'checkbox' && 'utrecht-form-label--checkbox'], for: id }, labelText);
  const hintEl = hint ? h('div', { class: 'utrecht-form-field-description', id: hintId }, hint) : null;
  const el = kind === 'checkbox'
    ? h('div', { class: ['utrecht-form-field', 'utrecht-form-field--checkbox', extraClass], dataset: { field: name } },
      h('div', { class: 'utrecht-form-field__input checkbox-row' }, control, labelEl), hintEl, err)
    : h('div', { class: ['utrecht-form-field', `utrecht-form-field--${kind}`, extraClass], dataset: { field: name } },
      h('div', { class: 'utrecht-form-field__label' }, labelEl), hintEl, err,
      h('div', { class: 'utrecht-form-field__input' }, control));
  const setError = (msg) => {
    if (msg) {
      replace(err, msg);
      err.hidden = false;
      el.classList.add('utrecht-form-field--invalid');
      control.setAttribute('aria-invalid', 'true');
      control.setAttribute('aria-describedby', [errId, hintId].filter(Boolean).join(' '));
      control.classList.add(`${control.classList[0]}--invalid`);
    } else {
      err.hidden = true;
      replace(err);
      el.classList.remove('utrecht-form-field--invalid');
      control.removeAttribute('aria-invalid');
      if (describedBy) control.setAttribute('aria-describedby', describedBy);
      else control.removeAttribute('aria-describedby');
      control.classList.remove(`${control.classList[0]}--invalid`);
    }
  };
  return { el, input: control, setError, name, label: labelEl.textContent };
}

export function textField(name, labelText, { value = '', hint, required, type = 'text', autocomplete, maxlength, inputmode, size } = {}) {
  const input = h('input', {
    id: nextId(`f-${name}`), name, type, class: 'utrecht-textbox utrecht-textbox--html-input',
    value, required: required || null, 'aria-required': required ? 'true' : null,
    autocomplete: autocomplete || 'off', maxlength, inputmode, size,
  });
  return fieldShell('text', name, labelText, input, hint);
}

export function dateField(name, labelText, { value = '', hint, required } = {}) {
  const f = textField(name, labelText, {
    value, required, inputmode: 'numeric', maxlength: 10, size: 10,
    hint: hint ? `${hint} ${t('field.date.hint')}` : t('field.date.hint'),
  });
  f.input.classList.add('date-input');
  f.input.setAttribute('placeholder', 'dd-mm-jjjj');
  f.isDate = true;
  return f;
}

export function textareaField(name, labelText, { value = '', hint, required, maxlength } = {}) {
  const input = h('textarea', {
    id: nextId(`f-${name}`), name, class: 'utrecht-textarea utrecht-textarea--html-textarea', rows: 3,
    required: required || null, 'aria-required': required ? 'true' : null, maxlength,
  });
  input.value = value;
  return fieldShell('textarea', name, labelText, input, hint);
}

// options: [{value, label}]
export function selectField(name, labelText, options, { value = '', hint, required, emptyLabel } = {}) {
  const input = h('select', {
    id: nextId(`f-${name}`), name, class: 'utrecht-select utrecht-select--html-select',
    required: required || null, 'aria-required': required ? 'true' : null,
  },
  h('option', { value: '' }, emptyLabel || t('field.choose')),
  options.map((o) => h('option', { value: o.value, selected: String(o.value) === String(value) }, o.label)));
  return fieldShell('select', name, labelText, input, hint);
}

export function checkboxField(name, labelText, { checked, hint } = {}) {
  const input = h('input', {
    id: nextId(`f-${name}`), name, type: 'checkbox', class: 'utrecht-checkbox utrecht-checkbox--html-input', checked,
  });
  return fieldShell('checkbox', name, labelText, input, hint);
}

// Announce a message politely to screen readers (and visibly, if a target is given).
export function announce(msg) {
  const region = document.getElementById('announcer');
  if (!region) return;
  region.textContent = '';
  setTimeout(() => { region.textContent = msg; }, 30);
}
