// The worklist: every continuity alert the user may see, most urgent first
// (the server's order: critical first, then overdue, then by date), grouped
// per girl by default (her most serious alert shown, the rest a click away)
// or flat (?view=flat), with filters by rule and severity and, for
// coordinators, an as-of date in a closed disclosure (?as_of=).
import { h, replace } from '../h.js';
import {
  t, label, formatDate, formatNumber, inputToIso, isoToInput,
} from '../i18n.js';
import { api, qs, enc } from '../api.js';
import {
  heading, para, alert, button, selectField, dateField, announce,
} from '../ui.js';
import { dataForm, apiErrorText } from '../forms.js';
import {
  RULES, alertHref, alertLinkText, urgencyCell, dueCell, ruleCell,
} from '../alerts.js';

const PAGE = 200;
const SEVERITIES = ['critical', 'high', 'normal'];

// The as-of control and the filter: shared with the institution page.
export function asOfBanner(asOf, key) {
  return asOf ? alert('warning', h('strong', null, t(key, { date: formatDate(asOf) }))) : null;
}

export async function worklistView(main, ctx) {
  ctx.setTitle(t('worklist.title'));
  const params = new URLSearchParams(location.search);
  const isCoordinator = ctx.user.role === 'coordinator';
  let rule = params.get('rule') || '';
  let severity = SEVERITIES.includes(params.get('severity')) ? params.get('severity') : '';
  let flat = params.get('view') === 'flat';
  const open = new Set();   // the girls whose every alert is shown
  let asOf = isCoordinator ? (params.get('as_of') || '') : '';
  let items = [];
  let res = null;

  const ruleField = selectField('rule', t('worklist.rule'), RULES.map((r) => ({ value: r, label: label('rule', r) })),
    { value: rule, emptyLabel: t('worklist.rule.all') });
  const sevField = selectField('severity', t('worklist.severity'), SEVERITIES.map((v) => ({ value: v, label: label('severity', v) })),
    { value: severity, emptyLabel: t('worklist.severity.all') });
  const asOfField = isCoordinator ? dateField('as_of', t('worklist.asof'), { value: isoToInput(asOf), hint: t('worklist.asof.hint') }) : null;
  // Looking ahead is for planning and demonstrations: closed unless in use.
  const asOfBox = asOfField ? h('details', { class: 'asof-details', open: asOf ? true : null, 'data-testid': 'asof-details' },
    h('summary', { class: 'asof-summary' }, t('worklist.asof.summary')), asOfField.el) : null;
  const filterForm = h('form', { class: 'utrecht-form filter-form', novalidate: true, 'aria-labelledby': 'wl-filter-title', 'data-testid': 'worklist-filter' },
    h('h2', { class: 'utrecht-heading-2 visually-hidden', id: 'wl-filter-title' }, t('worklist.filter')),
    h('div', { class: 'filter-grid' }, ruleField.el, sevField.el),
    asOfBox,
    h('div', { class: 'utrecht-button-group' },
      h('button', { type: 'submit', class: 'utrecht-button utrecht-button--primary-action' }, t('worklist.apply')),
      isCoordinator && asOf ? button(t('worklist.today'), { onclick: () => backToToday() }) : null));
  const banner = h('div', { class: 'asof-banner', 'data-testid': 'asof-banner' });
  const status = h('div', { class: 'section-status', 'data-testid': 'worklist-status' });
  const summary = h('p', { class: 'utrecht-paragraph worklist-summary', role: 'status' });
  const results = h('div', { class: 'worklist-results' }, h('p', { class: 'utrecht-paragraph loading', role: 'status' }, t('loading')));
  const viewSwitch = h('div', { class: 'view-switch utrecht-button-group', role: 'group', 'aria-label': t('worklist.view') });

  const updateUrl = () => history.replaceState(null, '', `/worklist${qs({
    rule: rule || null, severity: severity || null, view: flat ? 'flat' : null, as_of: asOf || null,
  })}`);

  // The severity filter works on the answer at hand; the server sorts.
  const shown = () => (severity ? items.filter((a) => a.severity === severity) : items);

  const renderSwitch = () => {
    const opt = (isFlat, text) => button(text, {
      'aria-pressed': flat === isFlat ? 'true' : 'false', class: 'small-button', 'data-view': isFlat ? 'flat' : 'grouped',
      onclick: () => { flat = isFlat; updateUrl(); renderTable(); renderSwitch(); viewSwitch.querySelector(`[data-view=${isFlat ? 'flat' : 'grouped'}]`).focus(); },
    });
    replace(viewSwitch, opt(false, t('worklist.view.grouped')), opt(true, t('worklist.view.flat')));
  };

  // Refresh the rule filter with the counts of the current answer.
  const refreshRuleOptions = () => {
    const sel = ruleField.input;
    for (const opt of sel.options) {
      if (!opt.value) continue;
      const n = res && res.by_rule ? res.by_rule[opt.value] : undefined;
      opt.textContent = typeof n === 'number' && !rule ? t('worklist.rule.option', { rule: label('rule', opt.value), n }) : label('rule', opt.value);
    }
  };

  // The one asked to take over a girl accepts her handover right here.
  const canAcceptHere = (a) => a.rule === 'handover_waiting' && a.object_id && a.actor_id === ctx.user.id;

  const acceptForm = async (a, row, trigger) => {
    trigger.setAttribute('aria-expanded', 'true');
    // Accepting before the joint meeting is allowed, but not without a word.
    const hs = await api.get(`/clients/${enc(a.client.id)}/handovers`).catch(() => null);
    const ho = hs && (hs.items || []).find((x) => x.id === a.object_id);
    const f = dateField('accepted_on', t('field.accepted_on'), { hint: t('field.accepted_on.hint') });
    const { form, focusFirst } = dataForm({
      title: t('worklist.accept.label', { name: a.client.pseudonym }),
      dataForm: 'accept-handover',
      intro: [para(t('worklist.accept.intro')), ho && !ho.meeting_date ? alert('warning', para(t('ho.accept.nomeeting'))) : null],
      fields: [f],
      submitLabel: t('ho.accept'),
      send: (body) => api.post(`/clients/${enc(a.client.id)}/handovers/${enc(a.object_id)}/accept`, body),
      onCancel: () => { form.closest('tr').remove(); trigger.setAttribute('aria-expanded', 'false'); trigger.focus(); },
      onSaved: async () => {
        await load(true);
        const msg = alert('ok', t('worklist.accepted', { name: a.client.pseudonym }));
        msg.setAttribute('tabindex', '-1');
        replace(status, msg);
        msg.focus();
        announce(t('worklist.accepted', { name: a.client.pseudonym }));
      },
    });
    const cols = row.children.length;
    const formRow = h('tr', { class: 'utrecht-table__row form-row' }, h('td', { class: 'utrecht-table__cell', colspan: cols }, h('div', { class: 'form-panel' }, form)));
    row.after(formRow);
    trigger.setAttribute('aria-expanded', 'true');
    focusFirst();
  };

  const acknowledgeGlass = async (a) => {
    try {
      await api.post(`/clients/${enc(a.client.id)}/break-glass/${enc(a.object_id)}/acknowledge`);
      await load(true);
      const msg = alert('ok', t('worklist.glass.seen.done', { name: a.client.pseudonym }));
      msg.setAttribute('tabindex', '-1');
      replace(status, msg);
      msg.focus();
      announce(t('worklist.glass.seen.done', { name: a.client.pseudonym }));
    } catch (e) {
      if (e.status === 401) return;
      const box = alert('error', apiErrorText(e));
      box.setAttribute('tabindex', '-1');
      replace(status, box);
      box.focus();
    }
  };

  const renderTable = () => {
    replace(banner, asOfBanner(res.as_of !== undefined && asOf ? res.as_of : null, 'worklist.asof.banner'));
    summary.textContent = rule
      ? t('worklist.summary.filtered', { total: formatNumber(res.total), rule: label('rule', rule) })
      : t('worklist.summary', { total: formatNumber(res.total), overdue: formatNumber(res.overdue ?? items.filter((a) => a.overdue).length) });
    if (severity) summary.textContent += ` ${t('worklist.summary.severity', { n: formatNumber(shown().length), severity: label('severity', severity) })}`;
    const girls = new Set(items.map((a) => a.client.id)).size;
    if (girls && !flat) summary.textContent += ` ${t(girls === 1 ? 'worklist.summary.girls1' : 'worklist.summary.girls', { n: formatNumber(girls) })}`;
    refreshRuleOptions();
    if (!items.length) {
      replace(results, para(rule ? t('worklist.empty.filtered') : t('worklist.empty')));
      return;
    }
    const columns = [t('worklist.col.urgency'), t('worklist.col.client'), t('worklist.col.rule'), t('worklist.col.due'), t('worklist.col.action')];
    const list = shown();
    if (!list.length) {
      replace(results, para(t('worklist.empty.filtered')));
      return;
    }
    const alertRow = (a, { lead, count, hiddenRow } = {}) => {
      let action;
      if (canAcceptHere(a)) {
        action = button(t('worklist.accept'), {
          'aria-label': t('worklist.accept.label', { name: a.client.pseudonym }), 'aria-expanded': 'false', class: 'small-button', 'data-action': 'accept-handover',
        }, 'primary');
      } else {
        action = h('a', {
          href: alertHref(a), class: 'utrecht-link utrecht-link--html-a', 'data-link': '',
          'aria-label': t('link.label', { action: alertLinkText(a), name: a.client.pseudonym }),
        }, alertLinkText(a));
        // Her coordinator marks a break-the-glass use as seen right here.
        if (isCoordinator && a.rule === 'glass_used' && a.object_id) {
          action = h('span', { class: 'wl-actions' }, action, ' ', button(t('worklist.glass.seen'), {
            class: 'small-button', 'data-action': 'acknowledge-glass',
            'aria-label': t('worklist.glass.seen.label', { name: a.client.pseudonym }),
            onclick: () => acknowledgeGlass(a),
          }));
        }
      }
      // In the grouped view only her first row names her visibly; the
      // others keep her name for screen readers.
      const nameCell = lead || flat
        ? h('a', { href: `/clients/${enc(a.client.id)}`, class: 'utrecht-link utrecht-link--html-a', 'data-link': '' }, a.client.pseudonym)
        : h('span', { class: 'visually-hidden' }, a.client.pseudonym);
      const row = h('tr', {
        class: ['utrecht-table__row', a.overdue && 'row-overdue', a.severity === 'critical' && 'row-critical', !flat && !lead && 'row-more'],
        'data-rule': a.rule, 'data-client': a.client.pseudonym, 'data-overdue': a.overdue ? 'true' : 'false', 'data-severity': a.severity,
        hidden: hiddenRow ? true : null,
      },
      h('td', { class: 'utrecht-table__cell', 'data-label': t('worklist.col.urgency') }, urgencyCell(a)),
      h('th', { scope: 'row', class: 'utrecht-table__header-cell wl-client' }, nameCell, count),
      h('td', { class: 'utrecht-table__cell', 'data-label': t('worklist.col.rule') }, ruleCell(a)),
      h('td', { class: 'utrecht-table__cell', 'data-label': t('worklist.col.due') }, dueCell(a, res.as_of)),
      h('td', { class: 'utrecht-table__cell wl-action' }, action));
      if (action.tagName === 'BUTTON') action.addEventListener('click', () => { if (action.getAttribute('aria-expanded') !== 'true') acceptForm(a, row, action); });
      return row;
    };
    let bodies;
    if (flat) {
      bodies = [h('tbody', { class: 'utrecht-table__body' }, list.map((a) => alertRow(a)))];
    } else {
      // One group per girl in the order of her most serious alert; a
      // handover waiting for this user is never folded away.
      const groups = new Map();
      for (const a of list) {
        if (!groups.has(a.client.id)) groups.set(a.client.id, []);
        groups.get(a.client.id).push(a);
      }
      bodies = [...groups.values()].map((g) => {
        const c = g[0].client;
        const gid = `wl-g-${c.id}`;
        const expanded = open.has(c.id);
        let toggle = null;
        const foldable = g.slice(1).filter((a) => !canAcceptHere(a)).length;
        if (foldable) {
          toggle = button(expanded ? t('worklist.group.less') : t('worklist.group.more', { n: foldable }), {
            class: 'small-button group-toggle', 'aria-expanded': expanded ? 'true' : 'false', 'aria-controls': gid,
            'aria-label': expanded ? t('worklist.group.less.label', { name: c.pseudonym }) : t('worklist.group.more.label', { n: foldable, name: c.pseudonym }),
            'data-action': 'group-toggle',
          });
        }
        const count = h('span', { class: 'wl-count' }, g.length === 1 ? t('worklist.group.one') : t('worklist.group.n', { n: g.length }));
        const body = h('tbody', { class: 'utrecht-table__body wl-group', id: gid, 'data-group': c.pseudonym },
          g.map((a, i) => alertRow(a, {
            lead: i === 0, count: i === 0 ? [count, toggle] : null, hiddenRow: i > 0 && !expanded && !canAcceptHere(a),
          })));
        if (toggle) {
          toggle.addEventListener('click', () => {
            if (open.has(c.id)) open.delete(c.id); else open.add(c.id);
            renderTable();
            const again = results.querySelector(`#${CSS.escape(gid)} [data-action=group-toggle]`);
            if (again) again.focus();
          });
        }
        return body;
      });
    }
    const tableEl = h('table', { class: ['utrecht-table utrecht-table--html-table worklist-table', !flat && 'worklist-table--grouped'], 'data-testid': 'worklist' },
      h('caption', { class: 'utrecht-table__caption' }, t(flat ? 'worklist.caption' : 'worklist.caption.grouped', { date: formatDate(res.as_of) })),
      h('thead', { class: 'utrecht-table__header' }, h('tr', { class: 'utrecht-table__row' },
        columns.map((c) => h('th', { scope: 'col', class: 'utrecht-table__header-cell' }, c)))),
      bodies);
    const more = items.length < res.total
      ? h('div', { class: 'more-row' },
        para(t('worklist.shown', { shown: formatNumber(items.length), total: formatNumber(res.total) })),
        button(t('worklist.more'), { onclick: () => load(false) }))
      : null;
    replace(results, viewSwitch, h('div', { class: 'utrecht-table-container table-scroll wl-scroll', tabindex: '0', role: 'region', 'aria-label': t('worklist.title') }, tableEl), more);
  };

  const load = async (reset) => {
    const offset = reset ? 0 : items.length;
    results.setAttribute('aria-busy', 'true');
    const answer = await api.get(`/worklist${qs({ rule: rule || null, as_of: asOf || null, limit: PAGE, offset })}`);
    if (!ctx.isCurrent()) return;
    res = answer;
    items = reset ? answer.items : items.concat(answer.items);
    results.removeAttribute('aria-busy');
    renderTable();
  };

  const apply = async () => {
    replace(status);
    ruleField.setError(null);
    if (asOfField) asOfField.setError(null);
    rule = ruleField.input.value;
    severity = sevField.input.value;
    if (asOfField) {
      const v = asOfField.input.value.trim();
      if (v && !inputToIso(v)) { asOfField.setError(t('field.date.invalid')); asOfField.input.focus(); return; }
      asOf = v ? inputToIso(v) : '';
    }
    updateUrl();
    try {
      await load(true);
    } catch (e) {
      if (e.status === 401) return;
      const f = e.field === 'as_of' ? asOfField : e.field === 'rule' ? ruleField : null;
      if (f === asOfField) asOfBox.open = true;
      if (f) { f.setError(apiErrorText(e)); f.input.focus(); } else replace(status, alert('error', apiErrorText(e)));
      return;
    }
    // The button "Terug naar vandaag" appears only when looking ahead.
    const group = filterForm.querySelector('.utrecht-button-group');
    const todayBtn = group.children[1];
    if (isCoordinator && asOf && !todayBtn) group.appendChild(button(t('worklist.today'), { onclick: () => backToToday() }));
    if (!asOf && todayBtn) todayBtn.remove();
    announce(summary.textContent);
  };
  renderSwitch();

  // The button goes away with the look-ahead; focus stays in the form.
  async function backToToday() {
    asOfField.input.value = '';
    await apply();
    asOfField.input.focus();
  }

  filterForm.addEventListener('submit', (ev) => { ev.preventDefault(); apply(); });

  // On a phone the filters fold away, unless one is in use, so the rows
  // come first.
  const wide = !window.matchMedia || window.matchMedia('(min-width: 40em)').matches;
  const filterBox = h('details', { class: 'filter-details', open: wide || rule || severity || asOf ? true : null },
    h('summary', { class: 'filter-details__summary' }, t('worklist.filter.summary')), filterForm);
  replace(main,
    heading(1, t('worklist.title')),
    para(t(`worklist.intro.${ctx.user.role}`)),
    filterBox,
    banner,
    status,
    summary,
    results);
  await load(true);
}
