import { h, replace } from '../h.js';
import { t, formatAge, formatNumber } from '../i18n.js';
import { api, qs, enc } from '../api.js';
import { heading, para, alert, statusBadge, button, link } from '../ui.js';
import { until18Text } from '../span.js';

// Urgency first by default: a gap today, then a coming cliff at 18 (server order).
const SORTS = ['urgency', 'pseudonym', 'days_until_18', 'gap_days', 'transfers'];
const PAGE = 100;

// Sort order the server applies per key (soonest 18th birthday first; most gap days and transfers first).
const DIRECTION = { urgency: 'ascending', pseudonym: 'ascending', days_until_18: 'ascending', gap_days: 'descending', transfers: 'descending' };

const hasGap = (c) => c.gap_days > 0 || c.gap_at_18 === true;
const soon18 = (c) => typeof c.days_until_18 === 'number' && c.days_until_18 >= 0 && c.days_until_18 <= 365;

// About to turn 18 (within a year) with a gap: now, or from her 18th birthday on.
export function isUrgent(c) {
  return soon18(c) && hasGap(c);
}


export async function caseloadView(main, ctx) {
  ctx.setTitle(t('caseload.title'));
  const params = new URLSearchParams(location.search);
  let q = params.get('q') || '';
  let sort = SORTS.includes(params.get('sort')) ? params.get('sort') : 'urgency';
  let items = [];
  let total = 0;

  const intro = t(`caseload.intro.${ctx.user.role}`);
  const searchInput = h('input', {
    id: 'caseload-q', name: 'q', type: 'search', class: 'utrecht-textbox utrecht-textbox--html-input search-input',
    value: q, autocomplete: 'off',
  });
  const searchForm = h('form', { class: 'search-form', role: 'search', 'aria-label': t('caseload.search') },
    h('div', { class: 'utrecht-form-field utrecht-form-field--text' },
      h('div', { class: 'utrecht-form-field__label' }, h('label', { class: 'utrecht-form-label', for: 'caseload-q' }, t('caseload.search'))),
      h('div', { class: 'utrecht-form-field__input search-row' }, searchInput,
        h('button', { type: 'submit', class: 'utrecht-button utrecht-button--secondary-action' }, t('caseload.search.button')))));
  const summary = h('div', { class: 'caseload-summary' });
  const results = h('div', { class: 'caseload-results' });
  const status = h('p', { class: 'utrecht-paragraph visually-hidden', role: 'status' });

  const updateUrl = () => {
    const query = qs({ q: q || null, sort: sort === 'urgency' ? null : sort });
    history.replaceState(null, '', `/clients${query}`);
  };

  const sortHeader = (key, text, numeric) => {
    const active = sort === key;
    return {
      label: h('button', {
        type: 'button', class: ['utrecht-table__header-cell-button', 'sort-button', active && 'sort-button--active'],
        onclick: () => { sort = key; updateUrl(); load(true, key); },
        'data-sort': key,
      }, text, h('span', { class: 'sort-icon', 'aria-hidden': 'true' }, active ? (DIRECTION[key] === 'ascending' ? ' ▲' : ' ▼') : ' ↕')),
      sort: active ? DIRECTION[key] : null,
      numeric,
    };
  };

  const renderTable = (focusSortKey) => {
    if (!items.length) {
      replace(results, para(q ? t('caseload.empty.search', { q }) : t('caseload.empty')));
      replace(summary);
      return;
    }
    const urgent = items.filter(isUrgent);
    replace(summary, urgent.length
      ? alert('warning', h('strong', null, urgent.length === 1 ? t('caseload.summary.urgent1') : t('caseload.summary.urgentN', { n: formatNumber(urgent.length) })))
      : null);
    const columns = [
      sortHeader('urgency', t('caseload.col.urgency')),
      sortHeader('pseudonym', t('caseload.col.pseudonym')),
      { label: t('caseload.col.age') },
      sortHeader('days_until_18', t('caseload.col.until18')),
      { label: t('caseload.col.municipality') },
      sortHeader('gap_days', t('caseload.col.gap'), true),
      sortHeader('transfers', t('caseload.col.transfers'), true),
    ];
    const tableEl = h('table', { class: 'utrecht-table utrecht-table--html-table caseload-table', 'data-testid': 'caseload' },
      h('caption', { class: 'utrecht-table__caption' }, t('caseload.caption', { total: formatNumber(total), sort: t(`caseload.sort.${sort}`) })),
      h('thead', { class: 'utrecht-table__header' }, h('tr', { class: 'utrecht-table__row' },
        columns.map((c) => h('th', {
          scope: 'col', class: ['utrecht-table__header-cell', c.numeric && 'utrecht-table__header-cell--numeric-column'], 'aria-sort': c.sort,
        }, c.label)))),
      h('tbody', { class: 'utrecht-table__body' }, items.map((c) => {
        const urgentRow = isUrgent(c);
        const badges = [];
        if (urgentRow) badges.push(statusBadge('danger', t('caseload.urgent')));
        else if (soon18(c)) badges.push(statusBadge('warning', t('caseload.soon18')));
        else if (c.gap_days > 0) badges.push(statusBadge('warning', t('caseload.gap')));
        else if (c.gap_at_18) badges.push(statusBadge('warning', t('caseload.gap18')));
        return h('tr', { class: ['utrecht-table__row', urgentRow && 'row-urgent'], 'data-client-id': c.id, 'data-client': c.pseudonym },
          h('td', { class: 'utrecht-table__cell' }, badges),
          h('th', { scope: 'row', class: 'utrecht-table__header-cell' },
            h('a', { href: `/clients/${enc(c.id)}`, class: 'utrecht-link utrecht-link--html-a', 'data-link': '' }, c.pseudonym)),
          h('td', { class: 'utrecht-table__cell' }, formatAge(c.age)),
          h('td', { class: 'utrecht-table__cell', 'data-days': String(c.days_until_18) }, until18Text(c.eighteenth_birthday, c.days_until_18)),
          h('td', { class: 'utrecht-table__cell' }, c.municipality ? c.municipality.name : ''),
          h('td', { class: ['utrecht-table__cell', 'utrecht-table__cell--numeric-data', c.gap_days > 0 && 'cell-gap'] }, formatNumber(c.gap_days)),
          h('td', { class: 'utrecht-table__cell utrecht-table__cell--numeric-data' }, formatNumber(c.transfers)));
      })));
    const more = items.length < total
      ? h('div', { class: 'more-row' },
        para(t('caseload.shown', { shown: formatNumber(items.length), total: formatNumber(total) })),
        button(t('caseload.more'), { onclick: () => load(false) }))
      : null;
    replace(results, h('div', { class: 'utrecht-table-container table-scroll', tabindex: '0', role: 'region', 'aria-label': t('caseload.title') }, tableEl), more);
    if (focusSortKey) {
      const b = results.querySelector(`[data-sort="${focusSortKey}"]`);
      if (b) b.focus();
    }
  };

  const load = async (reset, focusSortKey) => {
    const offset = reset ? 0 : items.length;
    results.setAttribute('aria-busy', 'true');
    const res = await api.get(`/clients${qs({ q: q || null, sort, limit: PAGE, offset })}`);
    if (!ctx.isCurrent()) return;
    items = reset ? res.items : items.concat(res.items);
    total = res.total ?? items.length;
    results.removeAttribute('aria-busy');
    renderTable(focusSortKey);
    status.textContent = t('caseload.caption', { total: formatNumber(total), sort: t(`caseload.sort.${sort}`) });
  };

  searchForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    q = searchInput.value.trim();
    updateUrl();
    load(true);
  });

  replace(main,
    heading(1, t('caseload.title')),
    para(intro),
    ctx.user.role === 'coordinator'
      ? h('p', { class: 'utrecht-paragraph' }, link('/clients/new', `+ ${t('intake.title')}`, { class: 'utrecht-link utrecht-link--html-a intake-link', 'data-testid': 'intake-link' })) : null,
    searchForm,
    summary,
    status,
    results);
  await load(true);
}
