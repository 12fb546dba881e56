import { h, replace } from '../h.js';
import {
  t, label, formatDate, formatDays, formatNumber, formatTime,
} from '../i18n.js';
import { api, enc, writeCount } from '../api.js';
import {
  heading, para, alert, table, button, link, statusBadge, textareaField, submitButton, announce,
} from '../ui.js';
import { renderTimeline, timelineTable } from '../timeline.js';
import { entityForm, ENTITIES, apiErrorText } from '../forms.js';
import { Continuity } from '../continuity.js';
import { Voice } from '../voice.js';
import { Recognition } from '../recognition.js';
import { figureTile, ofText } from './institution.js';
import { clientSummary } from '../client-summary.js';
import {
  TABS, ANCHORS, tabByPath, tabOfAnchor, tabHref, tabBar,
} from '../file-tabs.js';
import { notFoundView } from './notfound.js';

const EDIT_ROLES = ['coordinator', 'caregiver', 'partner'];
const breakGlassUntil = new Map();   // client id -> expires_at, from POST break-glass

function periodCell(start, end) {
  return end ? t('period', { from: formatDate(start), to: formatDate(end) }) : t('period.open', { from: formatDate(start) });
}

// The file's summary and timeline as last shown, kept for a switch between
// its tabs so the top of the page stays put; any other visit, and any after
// a write, reads them anew.
let shown = null;      // {id, client, tl, alerts, counts}
let switching = null;  // {id, at}: a tab of this file is being followed
function followTab() {
  const file = document.querySelector('#main [data-client-file]');
  switching = file ? { id: file.dataset.clientFile, at: Date.now() } : null;
}
window.addEventListener('popstate', followTab);   // before the router's: the page is still there

export async function clientView(main, ctx) {
  const id = ctx.params.id;
  let tab = tabByPath(ctx.params.tab);
  // An old link to a part of the file (#journal): the tab that holds it.
  const anchor = location.hash ? decodeURIComponent(location.hash.slice(1)) : '';
  if (!ctx.params.tab && anchor && tabOfAnchor(anchor)) {
    tab = tabOfAnchor(anchor);
    history.replaceState(null, '', `${tabHref(id, tab)}#${encodeURIComponent(anchor)}`);
  }
  if (!tab || tab.key === 'access-log') { notFoundView(main, ctx); return; }
  const warm = switching && switching.id === id && Date.now() - switching.at < 10000 && shown && shown.id === id
    && shown.writes === writeCount() ? shown : null;
  switching = null;
  let client = warm && warm.client;
  if (!client) {
    ctx.setTitle(t('loading'));
    replace(main, para(t('loading')));
    try {
      client = await api.get(`/clients/${enc(id)}`);
    } catch (e) {
      if (e.status === 404 || e.status === 403) { if (ctx.isCurrent()) notFound(main, ctx, id); return; }
      throw e;
    }
    if (!ctx.isCurrent()) return;
  }
  const page = new ClientPage(main, ctx, client, tab, warm);
  await page.load();
}

// "Niet gevonden" plus, for caregivers and coordinators, break the glass.
function notFound(main, ctx, id) {
  ctx.setTitle(t('notfound.title'));
  const canBreak = ['caregiver', 'coordinator'].includes(ctx.user.role);
  const children = [
    h('div', { 'data-testid': 'client-not-found' }, heading(1, t('notfound.title')), para(t('notfound.client'))),
  ];
  if (canBreak) {
    const panel = h('div', { id: 'bg-panel', class: 'bg-panel', hidden: true });
    const openBtn = button(t('bg.open'), { 'aria-expanded': 'false', 'aria-controls': 'bg-panel' });
    const reason = textareaField('reason', t('bg.reason'), { hint: t('bg.reason.hint'), required: true, maxlength: 500 });
    const status = h('div');
    const submit = submitButton(t('bg.submit'));
    const form = h('form', { class: 'utrecht-form', novalidate: true },
      status, reason.el,
      h('div', { class: 'utrecht-button-group' }, submit,
        button(t('bg.cancel'), { onclick: () => { panel.hidden = true; openBtn.setAttribute('aria-expanded', 'false'); openBtn.focus(); } })));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      reason.setError(null);
      replace(status);
      const text = reason.input.value.trim();
      if (text.length < 10 || text.length > 500) {
        reason.setError(text.length < 10 ? t('bg.reason.short') : t('bg.reason.long'));
        reason.input.focus();
        return;
      }
      submit.disabled = true;
      try {
        const res = await api.post(`/clients/${enc(id)}/break-glass`, { reason: text });
        breakGlassUntil.set(id, res && res.expires_at);
        ctx.rerender();
      } catch (e) {
        submit.disabled = false;
        if (e.status === 401) return;
        if (e.field === 'reason') { reason.setError(apiErrorText(e)); reason.input.focus(); } else replace(status, alert('error', apiErrorText(e)));
      }
    });
    panel.appendChild(form);
    openBtn.addEventListener('click', () => {
      const open = panel.hidden;
      panel.hidden = !open;
      openBtn.setAttribute('aria-expanded', String(open));
      if (open) reason.input.focus();
    });
    children.push(h('section', { class: 'bg-section', 'aria-labelledby': 'bg-title' },
      heading(2, t('bg.title'), { id: 'bg-title' }), para(t('bg.intro')), openBtn, panel));
  }
  children.push(para(link('/clients', t('client.back'))));
  replace(main, ...children);
}

class ClientPage {
  constructor(main, ctx, client, tab, warm) {
    this.main = main;
    this.ctx = ctx;
    this.client = client;
    this.id = client.id;
    this.tab = tab;
    this.warm = warm;
    this.tl = null;
    this.refs = null;
    this.role = ctx.user.role;
    this.counts = (warm && warm.counts) || {};
    this.continuity = new Continuity(this);
    this.voice = new Voice(this);
    this.recognition = new Recognition(this);
    this.parts = [this.continuity, this.voice, this.recognition];
  }

  // First the top (summary and tabs, from the last view of this file when
  // switching tabs), then only the chosen tab's data, each section saying
  // that it loads until it is drawn.
  async load() {
    if (this.warm) {
      this.tl = this.warm.tl;
      this.continuity.data = { alerts: this.warm.alerts };
    } else {
      try {
        this.tl = await api.get(`/clients/${enc(this.id)}/timeline`);
      } catch (e) {
        if (e.status !== 404) throw e;
        this.tl = null;
      }
      await this.continuity.loadAlerts();
      if (!this.ctx.isCurrent()) return;
    }
    this.keep();
    this.render();
    const keys = this.keys(this.tab);
    const needRefs = keys.some((k) => ['plan', 'handovers', 'domains', 'promises'].includes(k));
    await Promise.all([...this.parts.map((p) => p.load(keys)), needRefs && this.continuity.enabled ? this.loadRefs() : null]);
    if (!this.ctx.isCurrent()) return;
    this.renderData();
    this.main.querySelector('.file-panel').removeAttribute('aria-busy');
    if (this.warm) {
      // A tab followed: focus stays on it, as in a row of tabs.
      const cur = this.main.querySelector('.file-tabs__link[aria-current=page]');
      if (cur && !location.hash) { cur.focus(); this.ctx.focusDone = true; }
    }
    this.loadCounts();
  }

  keep() {
    shown = { id: this.id, client: this.client, tl: this.tl, alerts: this.continuity.data.alerts, counts: this.counts, writes: writeCount() };
  }

  // The sections of a tab this reader sees.
  keys(tab) {
    const tl = this.tl;
    const can = {
      figures: !!(tl && tl.figures), timeline: true, 'timeline-table': true,
      phase: true, legal_basis: true, court_order: true, team: true,
    };
    for (const part of this.parts) for (const k of part.offers(Object.keys(ANCHORS))) can[k] = true;
    return tab.sections.filter((k) => can[k]);
  }

  // Counts on the tabs: what the top already knows, and the journal and open
  // promises read once per visit to the file (not again when a tab is followed).
  tabCounts() {
    const alerts = this.continuity.data.alerts;
    const tl = this.tl;
    const today = (tl && tl.today) || '';
    const partner = tl && tl.access && tl.access.level === 'partner';
    return {
      overview: alerts && alerts.items ? alerts.items.length : undefined,
      team: tl && !partner ? (tl.team || []).filter((m) => m.from_date <= today && (!m.to_date || m.to_date >= today)).length : undefined,
      journal: this.counts.journal,
      promises: this.counts.promises,
    };
  }

  async loadCounts() {
    if (!this.voice.enabled) return;
    const d = this.voice.data;
    const fresh = {};
    if (d.journal) fresh.journal = (d.journal.items || []).length;
    if (d.promises) fresh.promises = (d.promises.items || []).filter((p) => p.status === 'open').length;
    const want = ['journal', 'promises'].filter((k) => !(k in fresh) && !(k in this.counts));
    const got = await Promise.all(want.map((k) => api.get(`/clients/${enc(this.id)}/${k}`).catch(() => null)));
    want.forEach((k, i) => {
      if (!got[i]) return;
      fresh[k] = k === 'journal' ? (got[i].items || []).length : (got[i].items || []).filter((p) => p.status === 'open').length;
    });
    if (!this.ctx.isCurrent()) return;
    const changed = Object.keys(fresh).some((k) => fresh[k] !== this.counts[k]);
    Object.assign(this.counts, fresh);
    this.keep();
    if (changed) this.renderTabs();
  }

  // After a change: the top and the tab's sections read and drawn again.
  async refreshAll() {
    await this.reload();
    const keys = this.keys(this.tab);
    await Promise.all([this.continuity.loadAlerts(), ...this.parts.map((p) => p.load(keys))]);
    this.keep();
    this.renderHeaderData();
    this.renderData();
    this.loadCounts();
  }

  // People to choose as owner, incoming or outgoing person: the coordinator's
  // list of care staff, her team, and the user herself.
  peopleOptions() {
    const seen = new Map();
    for (const o of (this.refs && this.refs.users) || []) seen.set(o.value, o);
    for (const m of (this.tl && this.tl.team) || []) {
      if (m.user && !seen.has(m.user.id)) seen.set(m.user.id, { value: m.user.id, label: `${m.user.display_name} (${label('role', m.user.role)})` });
    }
    const u = this.ctx.user;
    if (!seen.has(u.id)) seen.set(u.id, { value: u.id, label: `${u.display_name || u.username} (${label('role', u.role)})` });
    return [...seen.values()].sort((a, b) => a.label.localeCompare(b.label, 'nl'));
  }

  async reload() {
    const [client, tl] = await Promise.all([
      api.get(`/clients/${enc(this.id)}`),
      api.get(`/clients/${enc(this.id)}/timeline`).catch((e) => { if (e.status === 404) return null; throw e; }),
    ]);
    this.client = client;
    this.tl = tl;
  }

  async loadRefs() {
    if (this.refs) return this.refs;
    const orgsP = api.get('/organisations').catch(() => ({ items: [] }));
    const usersP = this.role === 'coordinator' ? api.get('/users').catch(() => ({ items: [] })) : Promise.resolve({ items: [] });
    const [orgs, users] = await Promise.all([orgsP, usersP]);
    const byName = (a, b) => a.label.localeCompare(b.label, 'nl');
    this.refs = {
      providers: orgs.items.filter((o) => o.kind !== 'municipality').map((o) => ({ value: o.id, label: o.name })).sort(byName),
      municipalities: orgs.items.filter((o) => o.kind === 'municipality').map((o) => ({ value: o.id, label: o.name })).sort(byName),
      users: users.items.filter((u) => !['admin', 'client', 'municipality', 'monitor'].includes(u.role))
        .map((u) => ({ value: u.id, label: `${u.display_name || u.username} (${label('role', u.role)})` })).sort(byName),
    };
    return this.refs;
  }

  canEdit(type) {
    if (!EDIT_ROLES.includes(this.role)) return false;
    if (type === 'team') return this.role === 'coordinator';
    if (this.role === 'partner') return type === 'phase';
    return true;
  }

  render() {
    const c = this.client;
    const tl = this.tl;
    this.ctx.setTitle(this.tab.key === 'overview' ? c.pseudonym : `${c.pseudonym}: ${t(`tab.${this.tab.key}`)}`);
    const bgUntil = (tl && tl.access && tl.access.break_glass && tl.access.expires_at) || breakGlassUntil.get(this.id);
    const banner = (tl && tl.access && tl.access.break_glass) || breakGlassUntil.has(this.id)
      ? h('div', { class: 'bg-banner', 'data-testid': 'break-glass-banner' },
        alert('warning', h('strong', null, `${t('bg.banner.title')}: `), t('bg.banner', { time: bgUntil ? formatTime(bgUntil) : '—' })))
      : null;

    this.headerData = h('div', { class: 'client-data' });
    this.tabsBox = h('div', { class: 'file-tabs-box' });
    const tools = this.printTools();
    const header = h('div', { class: 'client-header', 'data-client-file': this.id },
      this.role !== 'client' ? h('p', { class: 'utrecht-paragraph back-link' }, link('/clients', `← ${t('client.back')}`)) : null,
      banner,
      h('div', { class: 'client-title' },
        heading(1, c.pseudonym),
        c.shielded ? statusBadge('neutral', t('client.shielded')) : null),
      this.headerData,
      tools,
      tools ? h('p', { class: 'utrecht-paragraph print-note' }, t('print.note', { date: formatDate(new Date().toISOString().slice(0, 10)) })) : null,
      this.tabsBox);
    this.renderHeaderData();
    this.renderTabs();
    this.buildBody(header);
  }

  renderTabs() {
    const counts = this.tabCounts();
    const tabs = TABS.filter((tab) => (tab.roles ? tab.roles.includes(this.role) : tab.key === 'overview' || this.keys(tab).length))
      .map((tab) => ({ tab, count: counts[tab.key] }));
    // Drawn again with new counts, the tab that had focus keeps it.
    const had = this.tabsBox.contains(document.activeElement) && document.activeElement.dataset.tab;
    replace(this.tabsBox, tabBar(this.id, tabs, this.tab, followTab));
    if (had) { const a = this.tabsBox.querySelector(`[data-tab="${had}"]`); if (a) a.focus(); }
  }

  // Printing gives the summary, or the transition plan: never the whole
  // file, never the journal (app.css, @media print; body.print-plan).
  printTools() {
    if (!['coordinator', 'caregiver', 'partner'].includes(this.role)) return null;
    const go = (plan) => {
      document.body.classList.toggle('print-plan', plan);
      window.print();
      document.body.classList.remove('print-plan');
    };
    const hasPlan = this.tab.key === 'transition' && this.keys(this.tab).includes('plan');
    return h('div', { class: 'print-tools utrecht-button-group', role: 'group', 'aria-label': t('print.group') },
      button(t('print.summary'), { class: 'small-button', 'data-action': 'print-summary', onclick: () => go(false) }),
      hasPlan ? button(t('print.plan'), { class: 'small-button', 'data-action': 'print-plan', onclick: () => go(true) }) : null);
  }

  // The summary at the top: her most serious alerts, the basis she has now,
  // her placement and main caregiver (client-summary.js).
  renderHeaderData() {
    replace(this.headerData, clientSummary(this));
  }

  buildBody(header) {
    const keys = this.keys(this.tab);
    const has = (k) => keys.includes(k);
    const loading = () => para(t('loading'));
    this.figures = has('figures') ? h('section', { class: 'figures', id: 'figures', 'aria-labelledby': 'fig-title' }, loading()) : null;
    this.timelineSection = has('timeline') ? h('section', { class: 'timeline-section', id: 'timeline', 'aria-labelledby': 'tl-title' }, loading()) : null;
    this.tableSection = has('timeline-table') ? h('section', { class: 'timeline-table-section', id: 'timeline-table', 'aria-labelledby': 'tl-table-title' }, loading()) : null;
    this.sections = {};
    for (const part of this.parts) part.sections = {};
    const built = {};
    for (const part of this.parts) for (const sec of part.build(keys)) built[sec.dataset.section] = sec;
    const own = { figures: this.figures, timeline: this.timelineSection, 'timeline-table': this.tableSection };
    for (const type of ['phase', 'legal_basis', 'court_order', 'team']) {
      if (!has(type)) continue;
      this.sections[type] = h('section', { class: 'entity-section', id: ANCHORS[type], 'aria-labelledby': `sec-${type}`, 'data-section': type }, loading());
      own[type] = this.sections[type];
    }
    const panel = h('div', {
      class: ['file-panel', `file-panel--${this.tab.key}`], id: 'file-panel', 'data-tab': this.tab.key, 'aria-busy': 'true',
    }, keys.map((k) => own[k] || built[k]));
    if (!keys.length) panel.appendChild(para(t(this.tab.key === 'overview' ? 'tab.overview.empty' : 'tab.empty')));
    replace(this.main, header, panel);
  }

  renderData() {
    if (this.figures) this.renderFigures();
    if (this.timelineSection) this.renderTimeline();
    for (const type of Object.keys(this.sections)) this.renderSection(type);
    for (const part of this.parts) part.renderAll();
  }

  renderFigures() {
    const f = this.tl && this.tl.figures;
    if (!f) { replace(this.figures); return; }
    const tile = (key, value, alertOn) => h('div', { class: ['figure-tile', alertOn && 'figure-tile--alert'] },
      h('dt', { class: 'figure-label' }, t(`fig.${key}`)),
      h('dd', { class: 'figure-value' }, value));
    const gap18 = f.gap_at_18;
    const gap18Text = typeof gap18 === 'boolean' ? t(gap18 ? 'yes' : 'no')
      : typeof gap18 === 'number' ? formatDays(gap18) : (gap18 == null ? '—' : String(gap18));
    replace(this.figures,
      heading(2, t('client.figures'), { id: 'fig-title', class: 'utrecht-heading-2 visually-hidden' }),
      h('dl', { class: 'figure-tiles' },
        tile('transfers', formatNumber(f.transfers)),
        tile('distinct_main_caregivers', formatNumber(f.distinct_main_caregivers)),
        tile('days_without_basis', formatNumber(f.days_without_basis), f.days_without_basis > 0),
        tile('days_without_main_caregiver', formatNumber(f.days_without_main_caregiver), f.days_without_main_caregiver > 0),
        tile('gap_at_18', gap18Text, !!gap18),
        typeof f.handovers === 'number'
          ? figureTile('handovers_in_time', ofText(f.handovers_accepted_in_time, f.handovers), f.handovers_accepted > f.handovers_accepted_in_time) : null,
        typeof f.reviews_held === 'number'
          ? figureTile('reviews_on_time', ofText(f.reviews_on_time, f.reviews_held), f.reviews_held > f.reviews_on_time) : null,
        typeof f.interruptions === 'number'
          ? figureTile('interruptions', f.interruptions ? t('fig.interruptions.value', { n: formatNumber(f.interruptions), days: formatDays(f.interruption_days || 0) }) : formatNumber(0)) : null));
  }

  renderTimeline() {
    const tl = this.tl;
    if (!tl) {
      replace(this.timelineSection, heading(2, t('timeline.title'), { id: 'tl-title' }), para(t('client.trajectory.none')));
      replace(this.tableSection);
      return;
    }
    performance.mark('doorloop:timeline-start');
    const { svg, legend, detail, count, canExpand } = renderTimeline(tl, this.client.pseudonym, { full: this.fullRange });
    const scroller = h('div', { class: 'tl-scroll', tabindex: '0', role: 'region', 'aria-label': t('timeline.svg.label', { name: this.client.pseudonym }) }, svg);
    const rangeBtn = (canExpand || this.fullRange) ? button(t('timeline.full'), {
      'aria-pressed': this.fullRange ? 'true' : 'false', class: 'range-toggle',
      onclick: () => { this.fullRange = !this.fullRange; this.renderTimeline(); const b = this.timelineSection.querySelector('.range-toggle'); if (b) b.focus(); },
    }) : null;
    replace(this.timelineSection,
      h('div', { class: 'section-head' }, heading(2, t('timeline.title'), { id: 'tl-title' }), rangeBtn),
      para(count ? t('timeline.intro') : t('timeline.empty')),
      h('figure', { class: 'tl-figure' }, scroller),
      h('div', { class: 'tl-below' },
        h('div', { class: 'tl-detail-wrap' }, heading(3, t('timeline.details')), detail),
        legend));
    const rows = timelineTable(tl);
    replace(this.tableSection,
      heading(2, t('timeline.table'), { id: 'tl-table-title' }),
      table({
        caption: t('timeline.table.caption'),
        captionHidden: true,
        className: 'timeline-table',
        columns: [
          { label: t('timeline.col.type') }, { label: t('timeline.col.what') }, { label: t('timeline.col.from') },
          { label: t('timeline.col.to') }, { label: t('timeline.col.age') }, { label: t('timeline.col.notes') },
        ],
        rows,
      }));
    performance.mark('doorloop:timeline-end');
    performance.measure('doorloop:timeline', 'doorloop:timeline-start', 'doorloop:timeline-end');
  }

  // A partner's view leaves out bases, orders and the team: say so, rather
  // than "nothing recorded", which would read as "no legal basis".
  hiddenForRole(type) {
    return this.tl && this.tl.access && this.tl.access.level === 'partner' && type !== 'phase';
  }

  itemsOf(type) {
    const tl = this.tl || {};
    return { phase: tl.phases, legal_basis: tl.legal_bases, court_order: tl.court_orders, team: tl.team }[type] || [];
  }

  describeItem(type, it) {
    if (type === 'phase') return `${label('form', it.form)} ${formatDate(it.start_date)}`;
    if (type === 'legal_basis') return `${label('basis', it.kind)} ${formatDate(it.start_date)}`;
    if (type === 'court_order') return `${label('order', it.kind)} ${formatDate(it.start_date)}`;
    return `${it.user ? it.user.display_name : ''} ${label('teamrole', it.role)}`;
  }

  rowsFor(type, items) {
    if (type === 'phase') {
      return {
        columns: [t('col.kind'), t('col.provider'), t('col.location'), t('col.period')],
        cells: (p) => [label('form', p.form), p.provider ? p.provider.name : '',
          p.location ? `${p.location}${p.location_shielded ? ` (${t('field.shielded')})` : ''}` : (p.location_shielded ? t('field.shielded') : '—'),
          periodCell(p.start_date, p.end_date)],
      };
    }
    if (type === 'legal_basis') {
      return {
        columns: [t('col.kind'), t('col.paying'), t('col.period'), t('col.legal_end')],
        cells: (b) => [label('basis', b.kind), b.paying_municipality ? b.paying_municipality.name : '—', periodCell(b.start_date, b.end_date), b.legal_end ? formatDate(b.legal_end) : '—'],
      };
    }
    if (type === 'court_order') {
      return {
        columns: [t('col.kind'), t('col.period'), t('col.legal_end')],
        cells: (o) => [label('order', o.kind), periodCell(o.start_date, o.end_date), o.legal_end ? formatDate(o.legal_end) : '—'],
      };
    }
    return {
      columns: [t('col.person'), t('col.role'), t('col.period')],
      cells: (m) => [m.user ? `${m.user.display_name}${m.user.active === false ? ` ${t('user.inactive')}` : ''}` : '', label('teamrole', m.role), periodCell(m.from_date, m.to_date)],
    };
  }

  renderSection(type, statusMsg) {
    const sec = this.sections[type];
    const titleKey = { phase: 'section.phases', legal_basis: 'section.bases', court_order: 'section.orders', team: 'section.team' }[type];
    const items = this.itemsOf(type).slice().sort((a, b) => ((a.start_date || a.from_date) < (b.start_date || b.from_date) ? 1 : -1));
    const editable = this.canEdit(type) && this.tl && this.tl.trajectory;
    const panel = h('div', { class: 'form-panel', id: `panel-${type}` });
    const status = h('div', { class: 'section-status', 'data-testid': `status-${type}` });
    const addBtn = editable ? button(t(`add.${type}`), { 'aria-controls': `panel-${type}`, 'aria-expanded': 'false', 'data-action': `add-${type}`, class: 'add-button' }, 'primary') : null;
    const def = this.rowsFor(type, items);
    const openForm = async (mode, item, trigger) => {
      const refs = await this.loadRefs();
      for (const b of sec.querySelectorAll('[aria-expanded="true"]')) b.setAttribute('aria-expanded', 'false');
      if (trigger) trigger.setAttribute('aria-expanded', 'true');
      replace(status);
      const { form, focusFirst } = entityForm({
        clientId: this.id, type, mode, item, refs,
        onCancel: () => { replace(panel); if (trigger) { trigger.setAttribute('aria-expanded', 'false'); trigger.focus(); } },
        onSaved: async () => {
          await this.reload();
          await Promise.all([this.continuity.loadAlerts(), this.continuity.load(this.keys(this.tab))]);
          this.keep();
          this.renderHeaderData();
          this.renderTabs();
          if (this.figures) this.renderFigures();
          if (this.timelineSection) this.renderTimeline();
          this.continuity.renderAll();
          for (const other of Object.keys(this.sections)) if (other !== type) this.renderSection(other);
          this.renderSection(type, mode === 'end' ? t('saved.ended') : t(`saved.${type}`));
        },
      });
      replace(panel, form);
      focusFirst();
    };
    if (addBtn) addBtn.addEventListener('click', () => openForm('add', null, addBtn));
    const tableEl = items.length ? table({
      caption: t(titleKey),
      captionHidden: true,
      columns: [...def.columns.map((l, i) => ({ label: l, rowHeader: i === 0 })), ...(editable ? [{ label: t('col.actions') }] : [])],
      rows: items.map((it) => {
        const cells = def.cells(it);
        if (editable) {
          const what = this.describeItem(type, it);
          const edit = button(t('action.edit'), { 'aria-label': t('action.edit.label', { what }), class: 'utrecht-button--subtle small-button', 'aria-controls': `panel-${type}`, 'aria-expanded': 'false' }, 'secondary');
          edit.addEventListener('click', () => openForm('edit', it, edit));
          const ended = !!it[ENTITIES[type].endField];
          const end = ended ? null : button(t('action.end'), { 'aria-label': t('action.end.label', { what }), class: 'small-button', 'aria-controls': `panel-${type}`, 'aria-expanded': 'false' }, 'secondary');
          if (end) end.addEventListener('click', () => openForm('end', it, end));
          cells.push(h('div', { class: 'row-actions' }, edit, end));
        }
        return cells;
      }),
    }) : para(this.hiddenForRole(type) ? t('summary.hidden') : t('list.empty'));
    replace(sec,
      h('div', { class: 'section-head' }, heading(2, t(titleKey), { id: `sec-${type}` }), addBtn),
      status, panel, tableEl);
    if (statusMsg) {
      const msg = alert('ok', statusMsg);
      msg.setAttribute('tabindex', '-1');
      replace(status, msg);
      msg.focus();
      announce(statusMsg);
    }
  }
}
