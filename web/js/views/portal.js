// Her own page (role client): everything from GET /me, in plain words, one
// thing per section.  She can write her own plan, answer an entry about her
// and say that a promise was not kept.  Nothing here is a staff-only field.
import { h, replace } from '../h.js';
import { t, label, getLang, formatNumber } from '../i18n.js';
import { api, enc } from '../api.js';
import {
  heading, para, alert, button, statusBadge, textareaField, selectField, announce,
} from '../ui.js';
import { dataForm } from '../forms.js';
import { OWN_PLAN_PARTS, herWords } from '../voice.js';
import { quickExitButton } from '../quick-exit.js';

// Dates as people say them: "27 april 2027".
function day(iso) {
  if (!iso) return '';
  const d = new Date(`${String(iso).slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat(getLang() === 'en' ? 'en-GB' : 'nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}
function when(instant) {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat(getLang() === 'en' ? 'en-GB' : 'nl-NL', {
    day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam',
  }).format(d);
}
const nameOf = (u) => (u ? (typeof u === 'object' ? (u.display_name || u.name || '') : String(u)) : '');
const SECTIONS = ['people', 'own-plan', 'plan', 'promises', 'journal', 'eighteen', 'consent', 'log'];

export async function portalView(main, ctx) {
  ctx.setTitle(t('portal.title'));
  replace(main, para(t('loading')));
  const me = await api.get('/me');
  if (!ctx.isCurrent()) return;
  // The team's life-domain plan: from /me once it is given there, else read beside it.
  let domains = null;
  if (!me.plan && me.client) {
    domains = await api.get(`/clients/${enc(me.client.id)}/domains`).catch(() => null);
    if (!ctx.isCurrent()) return;
  }
  const portal = new Portal(main, ctx, me, domains);
  portal.render();
}

class Portal {
  constructor(main, ctx, me, domains) {
    this.main = main;
    this.ctx = ctx;
    this.me = me;
    this.domains = domains;
    this.sections = {};
  }

  firstName() {
    const c = this.me.client || {};
    const n = (c.name || '').trim().split(/\s+/)[0];
    return n || c.pseudonym || '';
  }

  render() {
    this.ctx.setTitle(t('portal.title'));
    const toc = h('nav', { class: 'portal-toc', 'aria-labelledby': 'portal-toc-title' },
      h('h2', { class: 'utrecht-heading-2 visually-hidden', id: 'portal-toc-title' }, t('portal.toc')),
      h('ul', { class: 'portal-toc__list' }, SECTIONS.map((s) => h('li', null,
        h('a', { href: `#p-${s}`, class: 'portal-toc__link', 'data-link': '' },
          h('span', { class: `portal-icon portal-icon--${s}`, 'aria-hidden': 'true' }), t(`portal.${s}.title`))))));
    for (const s of SECTIONS) {
      this.sections[s] = h('section', { class: 'portal-card', id: `p-${s}`, 'aria-labelledby': `p-${s}-title`, 'data-section': s });
    }
    replace(this.main,
      quickExitButton(),
      h('div', { class: 'portal' },
        h('div', { class: 'portal-hello' },
          heading(1, t('portal.hello', { name: this.firstName() })),
          para(t('portal.intro1')), para(t('portal.intro2')),
          // Her copy of everything kept about her (AVG art. 15).
          para(h('a', {
            class: 'utrecht-link portal-export', 'data-testid': 'export-pdf', download: 'dossier.pdf',
            href: `/api/v1/clients/${enc(this.me.client.id)}/export?format=pdf`,
          }, t('portal.export.pdf')), ' ', h('a', {
            class: 'utrecht-link', 'data-testid': 'export-json', download: 'dossier.json',
            href: `/api/v1/clients/${enc(this.me.client.id)}/export?format=json`,
          }, t('portal.export.json')))),
        toc,
        SECTIONS.map((s) => this.sections[s])));
    this.renderAll();
  }

  renderAll() {
    this.renderPeople();
    this.renderOwnPlan();
    this.renderPlan();
    this.renderPromises();
    this.renderJournal();
    this.renderEighteen();
    this.renderConsent();
    this.renderLog();
  }

  shell(key, ...content) {
    const status = h('div', { class: 'section-status', 'data-testid': `status-${key}` });
    replace(this.sections[key],
      h('h2', { class: 'utrecht-heading-2 portal-card__title', id: `p-${key}-title` },
        h('span', { class: `portal-icon portal-icon--${key}`, 'aria-hidden': 'true' }), t(`portal.${key}.title`)),
      status, ...content);
    return status;
  }

  async reload(key, msg) {
    this.me = await api.get('/me');
    if (!this.ctx.isCurrent()) return;
    this.renderAll();
    const status = this.sections[key].querySelector('.section-status');
    const box = alert('ok', msg);
    box.setAttribute('tabindex', '-1');
    replace(status, box);
    box.focus();
    announce(msg);
  }

  // A small form in the place she asked for it; Cancel gives focus back.
  openIn(panel, trigger, build) {
    for (const b of this.main.querySelectorAll('[aria-expanded="true"]')) {
      b.setAttribute('aria-expanded', 'false');
    }
    for (const p of this.main.querySelectorAll('.portal-panel')) if (p !== panel) replace(p);
    trigger.setAttribute('aria-expanded', 'true');
    const onCancel = () => { replace(panel); trigger.setAttribute('aria-expanded', 'false'); trigger.focus(); };
    const { form, focusFirst } = build(onCancel);
    replace(panel, form);
    focusFirst();
  }

  // ---- who helps her --------------------------------------------------------
  renderPeople() {
    const people = this.me.caregivers || [];
    this.shell('people',
      para(t('portal.people.intro')),
      people.length ? h('ul', { class: 'portal-people' }, people.map((p) => h('li', { class: 'portal-person' },
        h('p', { class: 'portal-person__name' }, p.display_name),
        h('p', { class: 'utrecht-paragraph portal-person__role' },
          p.main ? t('portal.people.main') : label('portalrole', p.team_role || p.role)),
        p.since ? h('p', { class: 'utrecht-paragraph portal-soft' }, t('portal.people.since', { date: day(p.since) })) : null,
        h('ul', { class: 'portal-contact' },
          p.phone ? h('li', null, h('a', { href: `tel:${p.phone.replace(/[^\d+]/g, '')}`, class: 'utrecht-link portal-contact__link' },
            h('span', { class: 'portal-contact__kind' }, `${t('portal.people.phone')}: `), p.phone)) : null,
          p.email ? h('li', null, h('a', { href: `mailto:${p.email}`, class: 'utrecht-link portal-contact__link' },
            h('span', { class: 'portal-contact__kind' }, `${t('portal.people.email')}: `), p.email)) : null)))) : para(t('portal.people.none')),
      para(t('portal.people.help')));
  }

  // ---- her own plan ---------------------------------------------------------
  renderOwnPlan() {
    const mine = new Map((this.me.own_plan || []).map((p) => [p.domain, p]));
    const panel = h('div', { class: 'portal-panel', id: 'own-plan-panel' });
    const write = button(t('portal.own.write'), { class: 'portal-button', 'aria-controls': 'own-plan-panel', 'aria-expanded': 'false', 'data-action': 'write-plan' }, 'primary');
    const openWrite = (trigger, part) => this.openIn(panel, trigger, (onCancel) => {
      const partField = selectField('domain', t('portal.own.part'), OWN_PLAN_PARTS.map((k) => ({ value: k, label: label('ownpart', k) })),
        { value: part || 'general', required: true, hint: t('portal.own.part.hint') });
      const textF = textareaField('text', t('portal.own.text'), { value: (mine.get(part || 'general') || {}).text || '', required: true, maxlength: 4000, hint: t('portal.own.text.hint') });
      textF.input.rows = 6;
      partField.input.addEventListener('change', () => { textF.input.value = (mine.get(partField.input.value) || {}).text || ''; });
      const f = dataForm({
        title: t('portal.own.form'),
        dataForm: 'own-plan',
        fields: [partField, textF],
        submitLabel: t('portal.save'),
        send: (b) => api.post(`/clients/${enc(this.me.client.id)}/own-plan`, b),
        onCancel,
        onSaved: () => this.reload('own-plan', t('portal.own.saved')),
      });
      return part ? { form: f.form, focusFirst: () => textF.input.focus() } : f;
    });
    write.addEventListener('click', () => openWrite(write));
    const parts = OWN_PLAN_PARTS.filter((k) => mine.has(k));
    this.shell('own-plan',
      para(t('portal.own.intro')),
      parts.length ? h('ul', { class: 'portal-list' }, parts.map((k) => {
        const p = mine.get(k);
        const change = button(t('portal.own.change'), {
          class: 'portal-button portal-button--soft', 'aria-label': t('portal.own.change.label', { part: label('ownpart', k) }),
          'aria-controls': 'own-plan-panel', 'aria-expanded': 'false',
        });
        change.addEventListener('click', () => openWrite(change, k));
        return h('li', { class: 'portal-item', 'data-part': k },
          h('h3', { class: 'utrecht-heading-3' }, label('ownpart', k)),
          herWords(p.text),
          h('p', { class: 'utrecht-paragraph portal-soft' }, t('portal.own.meta', { date: when(p.written_at) })),
          change);
      })) : para(t('portal.own.none')),
      h('div', { class: 'portal-actions' }, write),
      panel,
      para(h('span', { class: 'portal-soft' }, t('portal.own.kept'))));
  }

  // ---- the team's plan --------------------------------------------------------
  renderPlan() {
    const items = ((this.me.plan && this.me.plan.items) || (this.domains && this.domains.items) || [])
      .filter((d) => (d.goals || []).length || d.her_words || d.status);
    const status = { settled: 'portal.plan.settled', in_progress: 'portal.plan.busy', needs_work: 'portal.plan.needs', not_assessed: 'portal.plan.notyet' };
    this.shell('plan',
      para(t('portal.plan.intro')),
      items.length ? h('ul', { class: 'portal-list portal-list--grid' }, items.map((d) => h('li', { class: 'portal-item', 'data-domain': d.domain },
        h('h3', { class: 'utrecht-heading-3' }, label('ownpart', d.domain)),
        d.status ? h('p', { class: 'utrecht-paragraph' }, h('span', { class: `portal-dot portal-dot--${d.status}`, 'aria-hidden': 'true' }), t(status[d.status] || 'portal.plan.notyet')) : null,
        (d.goals || []).length ? [h('p', { class: 'utrecht-paragraph portal-soft' }, t('portal.plan.goals')),
          h('ul', { class: 'portal-goals' }, d.goals.map((g) => h('li', null, g.text,
            g.status === 'achieved' ? h('span', { class: 'portal-soft' }, ` — ${t('portal.plan.achieved')}`) : null)))] : null,
        d.her_words ? [h('p', { class: 'utrecht-paragraph portal-soft' }, t('portal.plan.herwords')), herWords(d.her_words)] : null))) : para(t('portal.plan.none')));
  }

  // ---- promises -------------------------------------------------------------
  renderPromises() {
    const items = (this.me.promises || []).filter((p) => p.status !== 'changed');
    const rank = (p) => (p.status === 'open' ? (p.overdue ? 0 : 1) : 2);
    items.sort((a, b) => rank(a) - rank(b) || (a.due_date < b.due_date ? -1 : 1));
    this.shell('promises',
      para(t('portal.prom.intro')),
      items.length ? h('ul', { class: 'portal-list' }, items.map((p) => this.promiseItem(p))) : para(t('portal.prom.none')));
  }

  promiseState(p) {
    if (p.status === 'open' && p.overdue) return statusBadge('danger', `⚠ ${t('portal.prom.late')}`);
    if (p.status === 'open') return statusBadge('warning', t('portal.prom.open'));
    if (p.status === 'kept') return statusBadge('success', `✓ ${t('portal.prom.kept')}`);
    return statusBadge('danger', `✗ ${t('portal.prom.broken')}`);
  }

  promiseItem(p) {
    const panel = h('div', { class: 'portal-panel', id: `prom-panel-${p.id}` });
    const mine = p.her_view;
    let action = null;
    if (!mine || mine.view !== 'not_kept') {
      action = button(t('portal.prom.notkept'), {
        class: 'portal-button portal-button--soft', 'aria-controls': panel.id, 'aria-expanded': 'false',
        'aria-label': t('portal.prom.notkept.label', { what: p.what }), 'data-action': 'not-kept',
      });
      action.addEventListener('click', () => this.openIn(panel, action, (onCancel) => dataForm({
        title: t('portal.prom.notkept.title'),
        dataForm: 'her-view',
        intro: para(t('portal.prom.notkept.intro')),
        fields: [textareaField('note', t('portal.prom.note'), { maxlength: 1000, hint: t('portal.optional') })],
        submitLabel: t('portal.prom.notkept.send'),
        send: (b) => api.post(`/clients/${enc(this.me.client.id)}/promises/${enc(p.id)}/her-view`, { view: 'not_kept', ...(b.note ? { note: b.note } : {}) }),
        onCancel,
        onSaved: () => this.reload('promises', t('portal.prom.saved')),
      })));
    }
    return h('li', { class: ['portal-item', 'portal-promise', p.status === 'open' && p.overdue && 'portal-promise--late'], 'data-promise': p.id },
      h('p', { class: 'portal-promise__who' }, t('portal.prom.who', { name: nameOf(p.promised_by) })),
      h('p', { class: 'portal-promise__what' }, p.what),
      h('p', { class: 'utrecht-paragraph' }, t('portal.prom.when', { date: day(p.due_date) })),
      h('p', { class: 'utrecht-paragraph portal-promise__state' }, this.promiseState(p)),
      p.replaces && p.agreement ? h('p', { class: 'utrecht-paragraph portal-soft' }, t('portal.prom.changed', { date: day(p.agreed_on) })) : null,
      p.close_note ? h('p', { class: 'utrecht-paragraph portal-soft' }, t('portal.prom.closenote', { note: p.close_note })) : null,
      mine ? h('div', { class: 'portal-mine' },
        h('p', { class: 'utrecht-paragraph' }, h('strong', null, mine.view === 'not_kept' ? t('portal.prom.you.notkept') : t('portal.prom.you.kept'))),
        mine.note ? herWords(mine.note) : null) : null,
      action, panel);
  }

  // ---- journal --------------------------------------------------------------
  renderJournal() {
    const items = this.me.journal || [];
    this.shell('journal',
      para(t('portal.jr.intro')),
      items.length ? h('ul', { class: 'portal-list' }, items.map((e) => this.entryItem(e))) : para(t('portal.jr.none')));
  }

  entryItem(e) {
    const panel = h('div', { class: 'portal-panel', id: `jr-panel-${e.id}` });
    const answer = button(t('portal.jr.answer'), {
      class: 'portal-button portal-button--soft', 'aria-controls': panel.id, 'aria-expanded': 'false',
      'aria-label': t('portal.jr.answer.label', { date: day(e.entry_date) }), 'data-action': 'add-statement',
    });
    answer.addEventListener('click', () => this.openIn(panel, answer, (onCancel) => {
      const f = textareaField('text', t('portal.jr.text'), { required: true, maxlength: 4000, hint: t('portal.jr.text.hint') });
      f.input.rows = 5;
      return dataForm({
        title: t('portal.jr.form'),
        dataForm: 'statement',
        fields: [f],
        submitLabel: t('portal.save'),
        send: (b) => api.post(`/clients/${enc(this.me.client.id)}/journal/${enc(e.id)}/statements`, b),
        onCancel,
        onSaved: () => this.reload('journal', t('portal.jr.saved')),
      });
    }));
    const st = e.statements || [];
    return h('li', { class: 'portal-item portal-entry', 'data-entry': e.id },
      h('h3', { class: 'utrecht-heading-3' }, day(e.entry_date)),
      h('p', { class: 'utrecht-paragraph portal-soft' }, t('portal.jr.by', { name: nameOf(e.author) })),
      h('p', { class: 'portal-entry__text' }, e.text),
      e.corrected ? h('p', { class: 'utrecht-paragraph portal-soft' }, t('portal.jr.corrected')) : null,
      st.length ? h('div', { class: 'portal-mine' },
        h('p', { class: 'utrecht-paragraph' }, h('strong', null, t('portal.jr.yours'))),
        st.map((s) => [herWords(s.text), h('p', { class: 'utrecht-paragraph portal-soft' }, when(s.at))])) : null,
      answer, panel);
  }

  // ---- turning 18 -----------------------------------------------------------
  renderEighteen() {
    const a = this.me.at_18 || {};
    const nl = getLang() === 'nl';
    // The server says what changes in both languages; older answers had Dutch only.
    const changes = nl ? a.changes_at_18 : (a.changes_at_18_en || a.changes_at_18);
    const dutchOnly = !nl && !a.changes_at_18_en;
    const srv = (text) => h('li', { lang: dutchOnly ? 'nl' : null }, text);
    const items = (a.transition_plan && a.transition_plan.items) || [];
    const done = { done: 'portal.18.done', in_progress: 'portal.18.busy', open: 'portal.18.open', not_needed: 'portal.18.notneeded' };
    let when18;
    if (a.turned_18) when18 = t('portal.18.turned', { date: day(a.eighteenth_birthday) });
    else if (typeof a.days_until_18 === 'number') when18 = t('portal.18.in', { n: formatNumber(a.days_until_18), date: day(a.eighteenth_birthday) });
    this.shell('eighteen',
      when18 ? h('p', { class: 'portal-big' }, when18) : null,
      a.arranged != null ? alert(a.arranged ? 'ok' : 'warning',
        h('p', { class: 'utrecht-paragraph' }, h('strong', null, t(a.arranged ? 'portal.18.arranged' : 'portal.18.notarranged'))),
        (a.bases_after_18 || []).length ? h('ul', null, a.bases_after_18.map((b) => h('li', null, label('basis', b.kind),
          b.start_date ? ` — ${t('portal.18.from', { date: day(b.start_date) })}` : ''))) : null,
        a.arranged ? null : para(t('portal.18.ask'))) : null,
      (changes || []).length ? [heading(3, t('portal.18.changes')),
        dutchOnly ? para(h('span', { class: 'portal-soft' }, t('portal.18.dutch'))) : null,
        h('ul', { class: 'portal-bullets' }, changes.map(srv))] : null,
      items.length ? [heading(3, t('portal.18.plan')),
        h('ul', { class: 'portal-checks' }, items.map((it) => h('li', { class: `portal-check portal-check--${it.status}` },
          h('span', { class: 'portal-check__mark', 'aria-hidden': 'true' }, it.status === 'done' ? '✓' : it.status === 'in_progress' ? '…' : '○'),
          h('span', { class: 'portal-check__what' }, label('portal.item', it.item)),
          h('span', { class: 'portal-check__state' }, t(done[it.status] || 'portal.18.open')))))] : null,
      a.transition_plan && a.transition_plan.her_view ? [para(t('portal.18.youwrote')), herWords(a.transition_plan.her_view)] : null);
  }

  // ---- consent --------------------------------------------------------------
  renderConsent() {
    const items = this.me.consents || [];
    this.shell('consent',
      para(t('portal.cons.intro')),
      items.length ? h('ul', { class: 'portal-list' }, items.map((c) => h('li', { class: 'portal-item' },
        h('p', { class: 'portal-promise__what' }, t(`portal.cons.kind.${c.kind}`, { who: c.recipient })),
        c.purpose ? h('p', { class: 'utrecht-paragraph' }, t('portal.cons.purpose', { purpose: c.purpose })) : null,
        h('p', { class: 'utrecht-paragraph' }, t(`portal.cons.basis.${c.basis}`, { date: day(c.given_on) })),
        c.active ? statusBadge('success', t('portal.cons.active')) : statusBadge('neutral', t('portal.cons.stopped', { date: day(c.withdrawn_on) }))))) : para(t('portal.cons.none')),
      para(t('portal.cons.stop')));
  }

  // ---- who looked at her file ------------------------------------------------
  renderLog() {
    const log = this.me.access_log || {};
    const items = log.items || [];
    const line = (it) => {
      const self = it.role === 'client';
      const who = self ? t('portal.log.you') : `${nameOf(it.user)} (${label('role', it.role)}${it.organisation ? `, ${nameOf(it.organisation)}` : ''})`;
      const what = it.outcome === 'denied' ? t('portal.log.denied')
        : t(`portal.log.${['read', 'create', 'update', 'break_glass'].includes(it.action) ? it.action : 'other'}`);
      return h('li', { class: ['portal-log__item', it.break_glass && 'portal-log__item--glass'] },
        h('span', { class: 'portal-log__when' }, when(it.at)),
        h('span', { class: 'portal-log__what' }, `${who} ${what}`),
        it.break_glass ? h('span', { class: 'portal-log__glass' }, `⚠ ${t('portal.log.glass')}`) : null);
    };
    const SHOW = 10;
    const list = h('ul', { class: 'portal-log', 'data-testid': 'portal-log' }, items.slice(0, SHOW).map(line));
    let more = null;
    if (items.length > SHOW) {
      more = button(t('portal.log.more', { n: formatNumber(items.length - SHOW) }), { class: 'portal-button portal-button--soft' });
      more.addEventListener('click', () => {
        const first = items.length > SHOW ? SHOW : 0;
        replace(list, items.map(line));
        more.remove();
        const next = list.children[first];
        if (next) { next.setAttribute('tabindex', '-1'); next.focus(); }
      });
    }
    this.shell('log',
      para(t('portal.log.intro')),
      items.length ? list : para(t('portal.log.none')),
      more,
      log.total > items.length ? para(h('span', { class: 'portal-soft' }, t('portal.log.total', { n: formatNumber(log.total) }))) : null,
      para(t('portal.log.why')));
  }
}
