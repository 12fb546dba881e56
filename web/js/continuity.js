// The continuity parts of the client page (DOMAIN.md R3–R8, R11): her alerts,
// the transition plan, warm handovers, life domains, reviews, aftercare and
// closing or reopening the trajectory.  Every form goes through dataForm, so
// errors land beside the field the API names and focus moves to the result.
import { h, replace } from './h.js';
import {
  t, label, formatDate, formatDateTime, isoToInput,
} from './i18n.js';
import { api, enc } from './api.js';
import {
  heading, para, alert, dataList, table, statusBadge, textField, dateField, textareaField, selectField, checkboxField,
} from './ui.js';
import { dataForm, apiErrorText } from './forms.js';
import { FilePart } from './file-part.js';
import {
  alertHref, alertLinkText, urgencyCell, dueCell, ruleCell,
} from './alerts.js';

const ITEMS = ['legal_basis_after_18', 'housing', 'income', 'health_insurance', 'bank_account_digid', 'debts',
  'education', 'safety_plan', 'support_network', 'warm_handover'];
const ITEM_STATUS = ['open', 'in_progress', 'done', 'not_needed'];
const DECISIONS = ['pending', 'granted', 'refused'];
const BASES_AFTER_18 = ['verlengde_jeugdhulp', 'wmo', 'wlz', 'zvw_ggz', 'criminal', 'other'];
const TEAM_ROLES = ['main_caregiver', 'caregiver', 'therapist', 'guardian', 'other'];
export const DOMAINS = ['safety', 'trauma_health', 'housing', 'finances', 'education', 'work', 'leisure', 'parents', 'network'];
const DOM_STATUS = ['not_assessed', 'needs_work', 'in_progress', 'settled'];
const GOAL_STATUS = ['open', 'achieved', 'dropped'];

const opts = (values, prefix) => values.map((v) => ({ value: v, label: label(prefix, v) }));
const orNull = (p) => p.catch((e) => { if (e.status === 404 || e.status === 403) return null; throw e; });
const nameOf = (p) => (p ? (p.name || p.display_name || '') : '');
const badgeKind = { settled: 'success', in_progress: 'warning', needs_work: 'danger', not_assessed: 'neutral' };

// What each section reads (alerts are read always: the summary shows them).
const LOADS = {
  plan: ['plan'], handovers: ['handovers'], domains: ['domains', 'history'], reviews: ['reviews'], aftercare: ['aftercare'],
};
const PATHS = {
  alerts: 'alerts', plan: 'transition-plan', handovers: 'handovers', domains: 'domains', reviews: 'reviews', aftercare: 'aftercare', history: 'domain-history',
};
export const CONTINUITY_ANCHORS = {
  alerts: 'alerts', plan: 'transition-plan', handovers: 'handovers', domains: 'domains', reviews: 'reviews', aftercare: 'aftercare', closure: 'closure',
};

export class Continuity extends FilePart {
  constructor(page) {
    super(page, ['coordinator', 'caregiver'].includes(page.role));
  }

  get ready() { return this.enabled && !!(this.page.tl && this.page.tl.trajectory); }

  // keys: the sections the chosen tab shows (the alerts are read by loadAlerts).
  async load(keys = Object.keys(this.sections)) {
    if (!this.ready) { this.data = {}; return; }
    const want = [...new Set(keys.flatMap((k) => LOADS[k] || []))];
    const got = await Promise.all(want.map((d) => orNull(api.get(`${this.base}/${PATHS[d]}`))));
    this.data = { alerts: this.data.alerts, ...Object.fromEntries(want.map((d, i) => [d, got[i]])) };
  }

  get open() { const tr = this.page.tl && this.page.tl.trajectory; return !!(tr && !tr.end_date); }
  get canWrite() { return this.enabled && this.open; }

  get anchors() { return CONTINUITY_ANCHORS; }
  get kind() { return 'continuity-section'; }
  offers(keys) { return this.ready ? super.offers(keys) : []; }

  async loadAlerts() {
    if (!this.ready) { this.data = {}; return; }
    // Read first, then store: load() may put a new this.data in place while
    // the alerts are on their way, and they belong in that one.
    const alerts = await orNull(api.get(`${this.base}/alerts`));
    this.data.alerts = alerts;
  }

  renderAll() {
    const draw = {
      alerts: () => this.renderAlerts(), plan: () => this.renderPlan(), handovers: () => this.renderHandovers(),
      domains: () => this.renderDomains(), reviews: () => this.renderReviews(), aftercare: () => this.renderAftercare(),
      closure: () => this.renderClosure(),
    };
    for (const k of Object.keys(this.sections)) draw[k]();
  }

  people() { return this.page.peopleOptions(); }

  // ---- alerts -------------------------------------------------------------
  renderAlerts() {
    const sec = this.sections.alerts;
    const a = this.data.alerts;
    const items = (a && a.items) || [];
    replace(sec,
      heading(2, t('alerts.title'), { id: 'sec-alerts' }),
      items.length ? para(t('alerts.intro')) : para(t('alerts.none')),
      items.length ? h('ul', { class: 'alert-list', 'data-testid': 'client-alerts' }, items.map((al) => h('li', {
        class: ['alert-item', al.overdue && 'alert-item--overdue'], 'data-rule': al.rule,
      },
      urgencyCell(al), ruleCell(al), dueCell(al, a.as_of),
      h('a', { href: alertHref(al), class: 'utrecht-link utrecht-link--html-a', 'data-link': '' }, alertLinkText(al))))) : null);
  }

  // ---- transition plan ----------------------------------------------------
  renderPlan() {
    const plan = this.data.plan;
    const base = `/clients/${enc(this.id)}/transition-plan`;
    if (!plan) {
      const create = this.canWrite ? this.trigger(t('plan.create'), null, { 'data-action': 'create-plan', 'aria-controls': 'panel-plan' }, 'primary') : null;
      const { body } = this.shell('plan', 'plan.title', null, create);
      replace(body, para(t('plan.none')));
      if (create) {
        create.addEventListener('click', () => this.openForm('plan', (onCancel) => dataForm({
          title: t('plan.create.title'),
          dataForm: 'create-plan',
          fields: [
            dateField('opened_on', t('plan.opened_on'), { hint: t('plan.opened_on.hint') }),
            textareaField('her_view', t('plan.her_view'), { hint: t('plan.her_view.hint'), maxlength: 4000 }),
          ],
          send: (b) => api.post(base, b),
          onCancel,
          onSaved: () => this.saved('plan', t('plan.created')),
        }), create));
      }
      return;
    }
    const viewBtn = this.canWrite ? this.trigger(t('plan.her_view.edit'), null, { 'aria-controls': 'panel-plan', 'data-action': 'edit-her-view' }) : null;
    const { body } = this.shell('plan', 'plan.title', null, viewBtn);
    if (viewBtn) {
      viewBtn.addEventListener('click', () => this.openForm('plan', (onCancel) => dataForm({
        title: t('plan.her_view.edit'),
        dataForm: 'edit-her-view',
        fields: [textareaField('her_view', t('plan.her_view'), { value: plan.her_view || '', hint: t('plan.her_view.hint'), maxlength: 4000 })],
        changedOnly: true,
        original: (n) => plan[n],
        send: (b) => (Object.keys(b).length ? api.patch(base, b) : plan),
        onCancel,
        onSaved: () => this.saved('plan', t('plan.saved')),
      }), viewBtn));
    }
    const byItem = new Map((plan.items || []).map((it) => [it.item, it]));
    const rows = ITEMS.filter((k) => byItem.has(k)).map((k) => {
      const it = byItem.get(k);
      const what = [h('span', { class: 'item-name' }, label('item', k))];
      if (k === 'legal_basis_after_18') {
        what.push(h('span', { class: 'item-sub', 'data-testid': 'basis-decision' }, [
          it.basis_kind ? `${t('plan.basis.kind')}: ${label('basis', it.basis_kind)}` : null,
          it.request_date ? `${t('plan.basis.request')}: ${formatDate(it.request_date)}` : null,
          `${t('plan.basis.decision')}: ${it.decision ? label('decision', it.decision) : t('decision.pending')}${it.decision_date ? ` (${formatDate(it.decision_date)})` : ''}`,
        ].filter(Boolean).join(' · ')));
      }
      const statusCell = h('div', { class: 'urgency' },
        it.overdue ? statusBadge('danger', `⚠ ${t('worklist.overdue')}`) : null,
        statusBadge(it.status === 'done' ? 'success' : it.status === 'not_needed' ? 'neutral' : it.status === 'in_progress' ? 'warning' : 'neutral', label('itemstatus', it.status)));
      const cells = [what, it.owner ? nameOf(it.owner) : t('plan.nobody'), it.due_date ? formatDate(it.due_date) : '—', statusCell, it.notes || ''];
      if (this.canWrite) {
        const b = this.trigger(t('plan.item.edit.short'), null, {
          'aria-label': t('plan.item.edit', { item: label('item', k) }), class: 'small-button', 'aria-controls': 'panel-plan', 'data-item': k,
        });
        b.addEventListener('click', () => this.openForm('plan', (onCancel) => this.itemForm(it, onCancel), b));
        cells.push(b);
      }
      return { cells, className: it.overdue ? 'row-overdue' : null };
    });
    replace(body,
      dataList([
        [t('plan.opened_on'), formatDate(plan.opened_on)],
        [t('plan.eighteen'), formatDate(plan.eighteenth_birthday)],
        [t('plan.required_from'), formatDate(plan.required_from)],
        [t('plan.open_items'), String(plan.open_items ?? '')],
      ]),
      h('div', { class: 'her-words', 'data-testid': 'plan-her-view' },
        h('p', { class: 'utrecht-paragraph her-words-label' }, t('plan.her_view')),
        plan.her_view ? h('blockquote', { class: 'her-quote' }, h('p', { class: 'utrecht-paragraph' }, plan.her_view)) : para(t('plan.her_view.none'))),
      heading(3, t('plan.items')),
      table({
        caption: t('plan.caption'),
        captionHidden: true,
        className: 'plan-table',
        columns: [
          { label: t('plan.col.item'), rowHeader: true }, { label: t('plan.col.owner') }, { label: t('plan.col.due') },
          { label: t('plan.col.status') }, { label: t('plan.col.notes') }, ...(this.canWrite ? [{ label: t('col.actions') }] : []),
        ],
        rows,
      }));
  }

  itemForm(it, onCancel) {
    const isBasis = it.item === 'legal_basis_after_18';
    const fields = [
      selectField('owner_user_id', t('field.owner_user_id'), this.people(), { value: it.owner && it.owner.id, emptyLabel: t('field.none') }),
      dateField('due_date', t('field.due_date'), { value: isoToInput(it.due_date) }),
      selectField('status', t('field.status'), opts(ITEM_STATUS, 'itemstatus'), { value: it.status, required: true }),
      textareaField('notes', t('field.notes'), { value: it.notes || '', maxlength: 4000 }),
    ];
    if (isBasis) {
      fields.push(
        selectField('basis_kind', t('plan.basis.kind'), opts(BASES_AFTER_18, 'basis'), { value: it.basis_kind }),
        dateField('request_date', t('plan.basis.request'), { value: isoToInput(it.request_date) }),
        selectField('decision', t('plan.basis.decision'), opts(DECISIONS, 'decision'), { value: it.decision, emptyLabel: t('field.none') }),
        dateField('decision_date', t('plan.basis.decision_date'), { value: isoToInput(it.decision_date) }),
        dateField('basis_start', t('plan.basis.start'), { hint: t('plan.basis.start.hint') }),
      );
    }
    const original = (n) => {
      if (n === 'owner_user_id') return it.owner ? it.owner.id : null;
      if (n === 'basis_start') return null;
      return it[n] ?? null;
    };
    return dataForm({
      title: t('plan.item.edit', { item: label('item', it.item) }),
      dataForm: `edit-item-${it.item}`,
      fields,
      changedOnly: true,
      original,
      send: (b) => (Object.keys(b).length ? api.patch(`/clients/${enc(this.id)}/transition-plan/items/${enc(it.item)}`, b) : it),
      onCancel,
      onSaved: (res, b) => this.saved('plan', isBasis && b.decision === 'granted'
        ? t('plan.item.saved.basis') : t('plan.item.saved', { item: label('item', it.item) })),
    });
  }

  // ---- handovers ----------------------------------------------------------
  renderHandovers() {
    const list = ((this.data.handovers && this.data.handovers.items) || []).slice()
      .sort((a, b) => ((a.proposed_on || '') < (b.proposed_on || '') ? 1 : -1));
    const propose = this.canWrite ? this.trigger(t('ho.propose'), null, { 'aria-controls': 'panel-handovers', 'data-action': 'propose-handover' }, 'primary') : null;
    const { body } = this.shell('handovers', 'ho.title', null, propose);
    const base = `/clients/${enc(this.id)}/handovers`;
    if (propose) {
      propose.addEventListener('click', () => this.openForm('handovers', (onCancel) => dataForm({
        title: t('ho.propose.title'),
        dataForm: 'propose-handover',
        fields: [
          selectField('outgoing_user_id', t('field.outgoing_user_id'), this.people(), { hint: t('field.outgoing_user_id.hint'), emptyLabel: t('field.none') }),
          selectField('incoming_user_id', t('field.incoming_user_id'), this.people(), { required: true }),
          selectField('role', t('field.role'), opts(TEAM_ROLES, 'teamrole'), { value: 'main_caregiver', required: true }),
          dateField('planned_date', t('field.planned_date'), { required: true }),
          dateField('proposed_on', t('field.proposed_on'), { hint: t('field.proposed_on.hint') }),
        ],
        send: (b) => api.post(base, b),
        onCancel,
        onSaved: () => this.saved('handovers', t('ho.saved')),
      }), propose));
    }
    if (!list.length) { replace(body, para(t('ho.none'))); return; }
    const rows = list.map((ho) => {
      const meeting = ho.meeting_date
        ? t(ho.meeting_with_her ? 'ho.meeting.with' : 'ho.meeting.without', { date: formatDate(ho.meeting_date) })
        : t('ho.meeting.none');
      const st = h('div', { class: 'urgency' },
        statusBadge(ho.status === 'accepted' ? 'success' : ho.status === 'proposed' ? 'warning' : 'neutral', label('hostatus', ho.status)),
        h('span', { class: 'item-sub' }, ho.status === 'accepted' && ho.accepted_on ? t('ho.accepted_on', { date: formatDate(ho.accepted_on) }) : t('ho.proposed_on', { date: formatDate(ho.proposed_on) })));
      const actions = [];
      if (ho.status === 'proposed' && this.open) {
        if (this.canWrite) {
          const mb = this.trigger(t('ho.meeting'), null, { 'aria-label': t('ho.meeting.label', { name: nameOf(ho.incoming) }), class: 'small-button', 'aria-controls': 'panel-handovers' });
          mb.addEventListener('click', () => this.openForm('handovers', (onCancel) => dataForm({
            title: t('ho.meeting.title'),
            dataForm: 'handover-meeting',
            fields: [
              dateField('meeting_date', t('field.meeting_date'), { value: isoToInput(ho.meeting_date), required: true }),
              checkboxField('with_her', t('field.with_her'), { checked: !!ho.meeting_with_her }),
              textareaField('notes', t('field.notes'), { value: ho.meeting_notes || '', maxlength: 4000 }),
            ],
            send: (b) => api.post(`${base}/${enc(ho.id)}/meeting`, b),
            onCancel,
            onSaved: () => this.saved('handovers', t('ho.meeting.saved')),
          }), mb));
          actions.push(mb);
        }
        // Accepting is offered only to the incoming person.
        if (ho.incoming && ho.incoming.id === this.user.id) {
          const ab = this.trigger(t('ho.accept'), null, {
            'aria-label': t('ho.accept.label', { from: nameOf(ho.outgoing) || '—' }), class: 'small-button', 'aria-controls': 'panel-handovers', 'data-action': 'accept-handover',
          }, 'primary');
          ab.addEventListener('click', () => this.openForm('handovers', (onCancel) => dataForm({
            title: t('ho.accept.title'),
            dataForm: 'accept-handover',
            intro: [para(t('ho.accept.intro')), ho.meeting_date ? null : alert('warning', para(t('ho.accept.nomeeting')))],
            fields: [dateField('accepted_on', t('field.accepted_on'), { hint: t('field.accepted_on.hint') })],
            submitLabel: t('ho.accept'),
            send: (b) => api.post(`${base}/${enc(ho.id)}/accept`, b),
            onCancel,
            onSaved: () => this.saved('handovers', t('ho.accepted')),
          }), ab));
          actions.push(ab);
        }
        // A handover that will not happen is withdrawn by the coordinator.
        if (this.role === 'coordinator') {
          const wb = this.trigger(t('ho.withdraw'), null, {
            'aria-label': t('ho.withdraw.label', { name: nameOf(ho.incoming) }), class: 'small-button', 'aria-controls': 'panel-handovers', 'data-action': 'withdraw-handover',
          });
          wb.addEventListener('click', () => this.openForm('handovers', (onCancel) => dataForm({
            title: t('ho.withdraw.title'),
            dataForm: 'withdraw-handover',
            intro: para(t('ho.withdraw.intro', { name: nameOf(ho.incoming) })),
            fields: [],
            submitLabel: t('ho.withdraw'),
            send: () => api.post(`${base}/${enc(ho.id)}/withdraw`, {}),
            onCancel,
            onSaved: () => this.saved('handovers', t('ho.withdrawn')),
          }), wb));
          actions.push(wb);
        }
      }
      const cells = [label('teamrole', ho.role), nameOf(ho.outgoing) || '—', nameOf(ho.incoming), formatDate(ho.planned_date), meeting, st];
      cells.push(h('div', { class: 'row-actions' }, actions));
      return { cells, className: ho.status === 'proposed' ? 'row-pending' : null };
    });
    replace(body, table({
      caption: t('ho.caption'),
      captionHidden: true,
      className: 'handover-table',
      columns: [
        { label: t('ho.col.role'), rowHeader: true }, { label: t('ho.col.outgoing') }, { label: t('ho.col.incoming') },
        { label: t('ho.col.planned') }, { label: t('ho.col.meeting') }, { label: t('ho.col.status') }, { label: t('col.actions') },
      ],
      rows,
    }));
  }

  // ---- life domains -------------------------------------------------------
  renderDomains() {
    const { body } = this.shell('domains', 'dom.title', null);
    const items = (this.data.domains && this.data.domains.items) || [];
    const byDomain = new Map(items.map((d) => [d.domain, d]));
    const base = `/clients/${enc(this.id)}`;
    const rows = DOMAINS.filter((k) => byDomain.has(k)).map((k) => {
      const d = byDomain.get(k);
      const name = label('domain', k);
      const goals = (d.goals || []).length ? h('ul', { class: 'goal-list' }, d.goals.map((g) => {
        const meta = t('dom.goal.meta', { owner: nameOf(g.owner) || t('plan.nobody'), date: g.target_date ? formatDate(g.target_date) : t('dom.goal.nodate') });
        let edit = null;
        if (this.canWrite) {
          edit = this.trigger(t('dom.goal.edit'), null, { 'aria-label': t('dom.goal.edit.label', { goal: g.text }), class: 'small-button utrecht-button--subtle', 'aria-controls': 'panel-domains' });
          edit.addEventListener('click', () => this.openForm('domains', (onCancel) => dataForm({
            title: t('dom.goal.edit.title'),
            dataForm: 'edit-goal',
            fields: [
              textField('text', t('field.text'), { value: g.text, required: true, maxlength: 1000 }),
              selectField('owner_user_id', t('field.owner_user_id'), this.people(), { value: g.owner && g.owner.id, emptyLabel: t('field.none') }),
              dateField('target_date', t('field.target_date'), { value: isoToInput(g.target_date) }),
              selectField('status', t('field.status'), opts(GOAL_STATUS, 'goalstatus'), { value: g.status, required: true }),
            ],
            changedOnly: true,
            original: (n) => (n === 'owner_user_id' ? (g.owner ? g.owner.id : null) : g[n] ?? null),
            send: (b) => (Object.keys(b).length ? api.patch(`${base}/goals/${enc(g.id)}`, b) : g),
            onCancel,
            onSaved: () => this.saved('domains', t('dom.goal.saved')),
          }), edit));
        }
        return h('li', { class: 'goal' },
          h('span', { class: 'goal-text' }, g.text), ' ',
          statusBadge(g.status === 'achieved' ? 'success' : 'neutral', label('goalstatus', g.status)),
          h('span', { class: 'item-sub' }, meta), edit);
      })) : '—';
      const cells = [
        h('div', null, h('span', { class: 'item-name' }, name), d.exit_required ? h('span', { class: 'item-sub exit-mark' }, `★ ${t('dom.exit')}`) : null),
        statusBadge(badgeKind[d.status] || 'neutral', label('domstatus', d.status)),
        d.her_words ? h('q', { class: 'her-inline' }, d.her_words) : '—',
        goals,
        d.updated_at ? h('span', { class: 'item-sub' }, `${d.updated_by || ''} ${formatDateTime(d.updated_at)}`.trim()) : '—',
      ];
      if (this.canWrite) {
        const eb = this.trigger(t('dom.edit'), null, { 'aria-label': t('dom.edit.label', { domain: name }), class: 'small-button', 'aria-controls': 'panel-domains', 'data-domain': k });
        eb.addEventListener('click', () => this.openForm('domains', (onCancel) => dataForm({
          title: t('dom.edit.title', { domain: name }),
          dataForm: `edit-domain-${k}`,
          fields: [
            selectField('status', t('field.status'), opts(DOM_STATUS, 'domstatus'), { value: d.status, required: true }),
            textareaField('her_words', t('field.her_words'), { value: d.her_words || '', maxlength: 4000 }),
          ],
          changedOnly: true,
          original: (n) => d[n] ?? null,
          send: (b) => (Object.keys(b).length ? api.patch(`${base}/domains/${enc(k)}`, b) : d),
          onCancel,
          onSaved: () => this.saved('domains', t('dom.saved', { domain: name })),
        }), eb));
        const gb = this.trigger(t('dom.goal.add'), null, { 'aria-label': t('dom.goal.add.label', { domain: name }), class: 'small-button', 'aria-controls': 'panel-domains' });
        gb.addEventListener('click', () => this.openForm('domains', (onCancel) => dataForm({
          title: t('dom.goal.add.title', { domain: name }),
          dataForm: `add-goal-${k}`,
          fields: [
            textField('text', t('field.text'), { required: true, maxlength: 1000 }),
            selectField('owner_user_id', t('field.owner_user_id'), this.people(), { emptyLabel: t('field.none') }),
            dateField('target_date', t('field.target_date')),
          ],
          send: (b) => api.post(`${base}/domains/${enc(k)}/goals`, b),
          onCancel,
          onSaved: () => this.saved('domains', t('dom.goal.saved')),
        }), gb));
        cells.push(h('div', { class: 'row-actions' }, eb, gb));
      }
      return { cells, className: d.exit_required && d.status !== 'settled' ? 'row-exit-open' : null };
    });
    const hist = (this.data.history && this.data.history.items) || [];
    const details = h('details', { class: 'history' },
      h('summary', { class: 'history-summary' }, `${t('dom.history')} (${hist.length})`),
      hist.length ? table({
        caption: t('dom.history.caption'),
        captionHidden: true,
        className: 'history-table',
        columns: [{ label: t('dom.history.col.at') }, { label: t('dom.history.col.by') }, { label: t('dom.history.col.domain') },
          { label: t('dom.history.col.field') }, { label: t('dom.history.col.value') }],
        rows: hist.map((c) => [formatDateTime(c.changed_at), c.changed_by || '', label('domain', c.domain), label('domfield', c.field),
          c.field === 'status' ? label('domstatus', c.value) : (c.value ?? '')]),
      }) : para(t('dom.history.none')));
    replace(body,
      para(t('dom.intro')),
      table({
        caption: t('dom.caption'),
        captionHidden: true,
        className: 'domain-table',
        columns: [
          { label: t('dom.col.domain'), rowHeader: true }, { label: t('dom.col.status') }, { label: t('dom.col.words') },
          { label: t('dom.col.goals') }, { label: t('dom.col.changed') }, ...(this.canWrite ? [{ label: t('col.actions') }] : []),
        ],
        rows,
      }),
      details);
  }

  // ---- reviews ------------------------------------------------------------
  renderReviews() {
    const r = this.data.reviews || { items: [] };
    const add = this.canWrite ? this.trigger(t('rev.add'), null, { 'aria-controls': 'panel-reviews', 'data-action': 'add-review' }, 'primary') : null;
    const { body } = this.shell('reviews', 'rev.title', null, add);
    if (add) {
      add.addEventListener('click', () => this.openForm('reviews', (onCancel) => dataForm({
        title: t('rev.add.title'),
        dataForm: 'add-review',
        fields: [
          dateField('held_on', t('field.held_on'), { required: true }),
          textField('participants', t('field.participants'), { required: true, maxlength: 1000 }),
          checkboxField('she_attended', t('field.she_attended')),
          textareaField('outcome', t('field.outcome'), { maxlength: 4000 }),
          dateField('next_date', t('field.next_date'), { hint: t('field.next_date.hint') }),
        ],
        send: (b) => api.post(`/clients/${enc(this.id)}/reviews`, b),
        onCancel,
        onSaved: () => this.saved('reviews', t('rev.saved')),
      }), add));
    }
    const items = (r.items || []).slice().sort((a, b) => (a.held_on < b.held_on ? 1 : -1));
    replace(body,
      dataList([[t('rev.next'), h('span', { 'data-testid': 'next-review' },
        r.next_due ? formatDate(r.next_due) : t('rev.next.none'), ' ',
        r.overdue ? statusBadge('danger', `⚠ ${t('worklist.overdue')}`) : null)]]),
      items.length ? table({
        caption: t('rev.caption'),
        captionHidden: true,
        className: 'review-table',
        columns: [{ label: t('rev.col.held'), rowHeader: true }, { label: t('rev.col.participants') }, { label: t('rev.col.attended') },
          { label: t('rev.col.outcome') }, { label: t('rev.col.next') }],
        rows: items.map((v) => [formatDate(v.held_on), v.participants || '', t(v.she_attended ? 'yes' : 'no'), v.outcome || '', v.next_date ? formatDate(v.next_date) : '—']),
      }) : para(t('rev.none')));
  }

  // ---- aftercare ----------------------------------------------------------
  renderAftercare() {
    const { body } = this.shell('aftercare', 'ac.title', null);
    const ac = this.data.aftercare || { items: [], closures: [] };
    const items = ac.items || [];
    const closures = ac.closures || [];
    const parts = [];
    if (closures.length) {
      parts.push(heading(3, t('ac.closures')), h('ul', { class: 'closure-list' }, closures.map((c) => h('li', null,
        h('p', { class: 'utrecht-paragraph' }, t('ac.closure', { date: formatDate(c.closed_on), reason: c.end_reason || '—' })),
        c.unsettled ? h('p', { class: 'utrecht-paragraph item-sub' }, t('ac.closure.unsettled', {
          domains: (Array.isArray(c.unsettled) ? c.unsettled : String(c.unsettled).split(',')).map((d) => label('domain', String(d).trim())).join(', '),
        })) : null,
        c.sign_off_reason ? h('p', { class: 'utrecht-paragraph item-sub' }, t('ac.closure.signoff', { by: nameOf(c.signed_off_by) || c.signed_off_by || '—', reason: c.sign_off_reason })) : null,
        c.reopened_on ? h('p', { class: 'utrecht-paragraph item-sub' }, t('ac.closure.reopened', { date: formatDate(c.reopened_on), reason: c.reopen_reason || '—' })) : null))));
    }
    if (!items.length) parts.push(para(t('ac.none')));
    else {
      const canResolve = this.enabled;
      parts.push(table({
        caption: t('ac.caption'),
        captionHidden: true,
        className: 'aftercare-table',
        columns: [{ label: t('ac.col.due'), rowHeader: true }, { label: t('ac.col.months') }, { label: t('ac.col.status') },
          { label: t('ac.col.outcome') }, ...(canResolve ? [{ label: t('col.actions') }] : [])],
        rows: items.map((it) => {
          const due = it.status === 'planned' && (this.data.alerts && (this.data.alerts.items || []).some((a) => a.rule === 'aftercare_due' && a.object_id === it.id));
          const cells = [formatDate(it.due_date), t('ac.months', { n: it.months_after }),
            h('div', { class: 'urgency' }, statusBadge(it.status === 'done' ? 'success' : 'neutral', label('acstatus', it.status)),
              due ? statusBadge('warning', t('rule.aftercare_due')) : null),
            it.status === 'done' ? [it.done_on ? `${formatDate(it.done_on)}: ` : '', it.needs_help ? t('ac.needs_help') : t('ac.no_help'), it.outcome ? ` — ${it.outcome}` : ''].join('') : ''];
          if (canResolve) {
            let b = null;
            if (it.status === 'planned') {
              b = this.trigger(t('ac.resolve'), null, { 'aria-label': t('ac.resolve.label', { date: formatDate(it.due_date) }), class: 'small-button', 'aria-controls': 'panel-aftercare' });
              b.addEventListener('click', () => this.openForm('aftercare', (onCancel) => dataForm({
                title: t('ac.resolve.title'),
                dataForm: 'resolve-aftercare',
                fields: [
                  dateField('done_on', t('field.done_on'), { required: true }),
                  checkboxField('needs_help', t('field.needs_help')),
                  textareaField('outcome', t('field.outcome'), { required: true, maxlength: 4000 }),
                ],
                send: (body2) => api.post(`/clients/${enc(this.id)}/aftercare/${enc(it.id)}/resolve`, body2),
                onCancel,
                onSaved: () => this.saved('aftercare', t('ac.saved')),
              }), b));
            }
            cells.push(b || '');
          }
          return { cells, className: due ? 'row-pending' : null };
        }),
      }));
    }
    replace(body, ...parts);
  }

  // ---- closing and reopening ----------------------------------------------
  renderClosure() {
    const tr = this.page.tl.trajectory;
    const isCoordinator = this.role === 'coordinator';
    const base = `/clients/${enc(this.id)}/trajectory`;
    if (this.open) {
      const closeBtn = this.trigger(t('close.open'), null, { 'aria-controls': 'panel-closure', 'data-action': 'close-trajectory' });
      const { body } = this.shell('closure', 'close.title', null, closeBtn);
      replace(body, para(t('close.intro')));
      closeBtn.addEventListener('click', () => this.openForm('closure', (onCancel) => {
        const fields = [
          dateField('end_date', t('field.end_date.close'), { required: true }),
          textareaField('end_reason', t('field.end_reason'), { required: true, maxlength: 1000 }),
        ];
        if (isCoordinator) fields.push(textareaField('sign_off_reason', t('field.sign_off_reason'), { hint: t('field.sign_off_reason.hint'), maxlength: 1000 }));
        return dataForm({
          title: t('close.form.title'),
          dataForm: 'close-trajectory',
          fields,
          submitLabel: t('close.submit'),
          send: (b) => api.post(`${base}/end`, b),
          onCancel,
          onSaved: () => this.saved('closure', t('close.done')),
          errorText: (e) => this.closeErrorText(e, isCoordinator),
        });
      }, closeBtn));
      return;
    }
    const reopenBtn = isCoordinator ? this.trigger(t('close.reopen'), null, { 'aria-controls': 'panel-closure', 'data-action': 'reopen-trajectory' }) : null;
    const { body } = this.shell('closure', 'close.title', null, reopenBtn);
    replace(body, para(t('close.closed', { date: formatDate(tr.end_date) })));
    if (reopenBtn) {
      reopenBtn.addEventListener('click', () => this.openForm('closure', (onCancel) => dataForm({
        title: t('close.reopen.title'),
        dataForm: 'reopen-trajectory',
        intro: para(t('close.reopen.intro')),
        fields: [
          dateField('reopen_date', t('field.reopen_date'), { required: true }),
          textareaField('reason', t('field.reason'), { required: true, maxlength: 1000 }),
        ],
        send: (b) => api.post(`${base}/reopen`, b),
        onCancel,
        onSaved: () => this.saved('closure', t('close.reopened')),
      }), reopenBtn));
    }
  }

  // A refused closing names the unsettled domains in error.details: shown as
  // a list that links to them.  Without them, the text of the error's reason.
  closeErrorText(e, isCoordinator) {
    const domains = e.status === 409 && e.details ? e.details.filter((d) => DOMAINS.includes(d)) : [];
    if (!domains.length) return apiErrorText(e);
    return h('div', { 'data-testid': 'close-refused' },
      h('p', { class: 'utrecht-paragraph' }, h('strong', null, t('close.refused'))),
      h('ul', { class: 'unsettled-list' }, domains.map((d) => h('li', { 'data-domain': d },
        h('a', { href: '#domains', class: 'utrecht-link utrecht-link--html-a', 'data-link': '' }, label('domain', d))))),
      h('p', { class: 'utrecht-paragraph' }, t(isCoordinator ? 'close.refused.signoff' : 'close.refused.ask')));
  }
}
