// Her voice on the client page (DOMAIN.md R9, R10, consent): promises made to
// her, the journal with its versions and her statements beside each entry,
// her own plan beside the team's plan, whose consent a sharing rests on, and
// her own account (her coordinator's invitation: a one-time code, shown once).
// Nothing of hers is edited in place: corrections and changes are new records.
import { h, replace } from './h.js';
import {
  t, label, formatDate, formatDateTime, formatNumber, isoToInput,
} from './i18n.js';
import { api, enc } from './api.js';
import {
  para, alert, table, statusBadge, textField, dateField, textareaField, selectField,
} from './ui.js';
import { dataForm, apiErrorText } from './forms.js';
import { FilePart } from './file-part.js';
import { codePanel } from './views/account.js';

export const OWN_PLAN_PARTS = ['general', 'safety', 'trauma_health', 'housing', 'finances', 'education', 'work',
  'leisure', 'parents', 'network'];
const CONSENT_KINDS = ['parent_access', 'data_sharing', 'registration'];
const CONSENT_BASES = ['client', 'parents', 'both'];
const DOMAIN_BADGE = { settled: 'success', in_progress: 'warning', needs_work: 'danger', not_assessed: 'neutral' };

const orNull = (p) => p.catch((e) => { if (e.status === 404 || e.status === 403) return null; throw e; });
const nameOf = (u) => (u ? (u.display_name || u.name || '') : '');
const opts = (values, prefix) => values.map((v) => ({ value: v, label: label(prefix, v) }));

// Her words, marked as hers wherever they are shown.
export function herWords(text, attrs = {}) {
  return h('blockquote', { class: 'her-words', ...attrs }, h('p', { class: 'utrecht-paragraph' }, text));
}

// A promise's state in words and a mark, never by colour alone.
export function promiseBadge(p) {
  if (p.status === 'open' && p.overdue) return statusBadge('danger', `⚠ ${t('prom.overdue')}`);
  const kind = { kept: 'success', broken: 'danger', changed: 'neutral', open: 'warning' }[p.status] || 'neutral';
  return statusBadge(kind, label('promstatus', p.status));
}

const PATHS = { promises: 'promises', journal: 'journal', ownPlan: 'own-plan', consents: 'consents', domains: 'domains' };
const LOADS = { promises: ['promises'], journal: ['journal'], ownPlan: ['ownPlan', 'domains'], consents: ['consents'] };
export const VOICE_ANCHORS = {
  promises: 'promises', journal: 'journal', ownPlan: 'own-plan', consents: 'consents', account: 'her-account',
};

export class Voice extends FilePart {
  constructor(page) {
    super(page, ['coordinator', 'caregiver'].includes(page.role));
  }

  // keys: the sections the chosen tab shows.
  async load(keys = Object.keys(this.sections)) {
    if (!this.enabled) { this.data = {}; return; }
    const want = [...new Set(keys.flatMap((k) => LOADS[k] || []))];
    const got = await Promise.all(want.map((d) => orNull(api.get(`${this.base}/${PATHS[d]}`))));
    this.data = Object.fromEntries(want.map((d, i) => [d, got[i]]));
  }

  // Write access follows what the API answered: a break-the-glass reader gets the lists but not the forms.
  get canWrite() { return this.enabled && !this.breakGlass; }

  get anchors() { return VOICE_ANCHORS; }
  get kind() { return 'voice-section'; }

  // Her own account is her coordinator's to offer (the API's invitation).
  offers(keys) { return super.offers(keys).filter((k) => k !== 'account' || this.role === 'coordinator'); }

  renderAll() {
    const draw = {
      promises: () => this.renderPromises(), journal: () => this.renderJournal(), ownPlan: () => this.renderOwnPlan(), consents: () => this.renderConsents(),
      account: () => this.renderAccount(),
    };
    for (const k of Object.keys(this.sections)) draw[k]();
  }

  // ---- promises (R9) ------------------------------------------------------
  renderPromises() {
    const base = `/clients/${enc(this.id)}/promises`;
    const add = this.canWrite ? this.trigger(t('prom.add'), 'promises', { 'data-action': 'add-promise' }, 'primary') : null;
    const { body } = this.shell('promises', 'prom.title', 'prom.intro', add);
    if (add) {
      add.addEventListener('click', () => this.openForm('promises', (onCancel) => dataForm({
        title: t('prom.add'),
        dataForm: 'add-promise',
        fields: [
          textareaField('what', t('field.prom.what'), { required: true, maxlength: 1000, hint: t('field.prom.what.hint') }),
          dateField('due_date', t('field.prom.due_date'), { required: true }),
          selectField('promised_by_id', t('field.prom.promised_by'), this.page.peopleOptions(), { value: this.user.id, required: true }),
        ],
        send: (b) => api.post(base, b),
        onCancel,
        onSaved: () => this.saved('promises', t('prom.saved')),
      }), add));
    }
    const items = ((this.data.promises && this.data.promises.items) || []).slice();
    const rank = (p) => (p.status === 'open' ? (p.overdue ? 0 : 1) : 2);
    items.sort((a, b) => rank(a) - rank(b) || (a.due_date < b.due_date ? -1 : a.due_date > b.due_date ? 1 : 0));
    const overdue = items.filter((p) => p.status === 'open' && p.overdue).length;
    replace(body,
      overdue ? alert('warning', t('prom.overdue.summary', { n: formatNumber(overdue) })) : null,
      items.length ? h('ul', { class: 'voice-list', 'data-testid': 'promise-list' }, items.map((p) => this.promiseItem(p, base))) : para(t('prom.empty')));
  }

  promiseItem(p, base) {
    const facts = [
      [t('prom.by'), nameOf(p.promised_by)],
      [t('prom.due'), formatDate(p.due_date)],
      p.closed_at ? [t('prom.closed'), `${formatDate(p.closed_at.slice(0, 10))}${p.closed_by ? `, ${nameOf(p.closed_by)}` : ''}`] : null,
      p.close_note ? [t('prom.note'), p.close_note] : null,
      p.agreement ? [t('prom.agreement'), `${p.agreement}${p.agreed_on ? ` (${formatDate(p.agreed_on)})` : ''}`] : null,
      p.replaces ? [t('prom.replaces'), t('prom.replaces.text')] : null,
      p.replaced_by ? [t('prom.replaced_by'), t('prom.replaced_by.text')] : null,
    ].filter(Boolean);
    const views = p.her_views || [];
    const actions = [];
    if (this.canWrite && p.status === 'open') {
      const close = this.trigger(t('prom.close'), 'promises', { class: 'small-button', 'aria-label': t('prom.close.label', { what: p.what }), 'data-action': 'close-promise' });
      close.addEventListener('click', () => this.openForm('promises', (onCancel) => dataForm({
        title: t('prom.close.title'),
        dataForm: 'close-promise',
        intro: herWords(p.what, { class: 'her-words form-quote' }),
        fields: [
          selectField('outcome', t('field.prom.outcome'), opts(['kept', 'broken'], 'promstatus'), { required: true }),
          textareaField('note', t('field.prom.note'), { maxlength: 1000 }),
        ],
        send: (b) => api.post(`${base}/${enc(p.id)}/close`, b),
        onCancel,
        onSaved: (r, b) => this.saved('promises', t(b.outcome === 'kept' ? 'prom.closed.kept' : 'prom.closed.broken')),
      }), close));
      const change = this.trigger(t('prom.change'), 'promises', { class: 'small-button', 'aria-label': t('prom.change.label', { what: p.what }) });
      change.addEventListener('click', () => this.openForm('promises', (onCancel) => dataForm({
        title: t('prom.change.title'),
        dataForm: 'change-promise',
        intro: para(t('prom.change.intro')),
        fields: [
          textareaField('what', t('field.prom.what'), { value: p.what, maxlength: 1000 }),
          dateField('due_date', t('field.prom.due_date'), { value: isoToInput(p.due_date) }),
          textareaField('agreement', t('field.prom.agreement'), { required: true, maxlength: 1000, hint: t('field.prom.agreement.hint') }),
          dateField('agreed_on', t('field.prom.agreed_on'), { required: true }),
        ],
        send: (b) => {
          const body = { agreement: b.agreement, agreed_on: b.agreed_on };
          if (b.what && b.what !== p.what) body.what = b.what;
          if (b.due_date && b.due_date !== p.due_date) body.due_date = b.due_date;
          return api.post(`${base}/${enc(p.id)}/change`, body);
        },
        onCancel,
        onSaved: () => this.saved('promises', t('prom.changed')),
      }), change));
      actions.push(close, change);
    }
    return h('li', { class: ['voice-card', p.status === 'open' && p.overdue && 'voice-card--overdue'], 'data-promise': p.id, 'data-status': p.status, 'data-overdue': String(!!p.overdue) },
      h('div', { class: 'voice-card__main' },
        h('div', { class: 'voice-card__head' }, h('p', { class: 'utrecht-paragraph voice-card__what' }, p.what), promiseBadge(p)),
        h('dl', { class: 'voice-facts' }, facts.map(([k, v]) => h('div', null, h('dt', null, k), h('dd', null, v)))),
        actions.length ? h('div', { class: 'row-actions' }, ...actions) : null),
      h('div', { class: 'voice-card__hers', 'data-testid': 'her-view' },
        h('h3', { class: 'utrecht-heading-3 her-title' }, t('prom.her')),
        views.length
          ? views.slice().reverse().map((v) => h('div', { class: 'her-view' },
            h('p', { class: 'utrecht-paragraph her-view__label' }, label('herview', v.view), h('span', { class: 'item-sub' }, ` — ${formatDateTime(v.at)}`)),
            v.note ? herWords(v.note) : null))
          : para(h('span', { class: 'item-sub' }, t('prom.her.none')))));
  }

  // ---- journal (R10) ------------------------------------------------------
  renderJournal() {
    const base = `/clients/${enc(this.id)}/journal`;
    const add = this.canWrite ? this.trigger(t('jr.add'), 'journal', { 'data-action': 'add-entry' }, 'primary') : null;
    const { body } = this.shell('journal', 'jr.title', 'jr.intro', add);
    if (add) {
      add.addEventListener('click', () => this.openForm('journal', (onCancel) => dataForm({
        title: t('jr.add'),
        dataForm: 'add-entry',
        fields: [
          textareaField('text', t('field.jr.text'), { required: true, maxlength: 10000, hint: t('field.jr.text.hint') }),
          dateField('entry_date', t('field.jr.entry_date'), { hint: t('field.jr.entry_date.hint') }),
          textareaField('withhold_reason', t('field.jr.withhold_reason'), { maxlength: 1000, hint: t('field.jr.withhold_reason.hint') }),
        ],
        send: (b) => api.post(base, b),
        onCancel,
        onSaved: () => this.saved('journal', t('jr.saved')),
      }), add));
    }
    const items = (this.data.journal && this.data.journal.items) || [];
    replace(body, items.length
      ? h('ul', { class: 'voice-list', 'data-testid': 'journal-list' }, items.map((e) => this.journalItem(e, base)))
      : para(t('jr.empty')));
  }

  journalItem(e, base) {
    const actions = [];
    if (this.canWrite) {
      const fix = this.trigger(t('jr.correct'), 'journal', { class: 'small-button', 'aria-label': t('jr.correct.label', { date: formatDate(e.entry_date) }), 'data-action': 'correct-entry' });
      fix.addEventListener('click', () => this.openForm('journal', (onCancel) => dataForm({
        title: t('jr.correct.title', { date: formatDate(e.entry_date) }),
        dataForm: 'correct-entry',
        intro: para(t('jr.correct.intro')),
        fields: [
          textareaField('text', t('field.jr.text'), { value: e.text, required: true, maxlength: 10000 }),
          textareaField('reason', t('field.jr.reason'), { required: true, maxlength: 1000 }),
          dateField('entry_date', t('field.jr.entry_date'), { value: isoToInput(e.entry_date) }),
        ],
        send: (b) => {
          const body = { text: b.text, reason: b.reason };
          if (b.entry_date && b.entry_date !== e.entry_date) body.entry_date = b.entry_date;
          return api.post(`${base}/${enc(e.id)}/corrections`, body);
        },
        onCancel,
        onSaved: () => this.saved('journal', t('jr.corrected')),
      }), fix));
      actions.push(fix);
      if (e.withheld) {
        // Releasing lets her read it again: a pause to confirm first.
        const rel = this.trigger(t('jr.release'), 'journal', { class: 'small-button', 'aria-label': t('jr.release.label', { date: formatDate(e.entry_date) }), 'data-action': 'release-entry' });
        rel.addEventListener('click', () => this.openForm('journal', (onCancel) => {
          const built = dataForm({
            title: t('jr.release.title', { date: formatDate(e.entry_date) }),
            dataForm: 'release-entry',
            intro: alert('warning', para(t('jr.release.confirm', { reason: e.withheld.reason || '—' }))),
            fields: [],
            submitLabel: t('jr.release.yes'),
            send: () => api.post(`${base}/${enc(e.id)}/release`),
            onCancel,
            onSaved: () => this.saved('journal', t('jr.released')),
          });
          return { form: built.form, focusFirst: () => built.form.querySelector('button[type=submit]').focus() };
        }, rel));
        actions.push(rel);
      } else {
        const wh = this.trigger(t('jr.withhold'), 'journal', { class: 'small-button', 'aria-label': t('jr.withhold.label', { date: formatDate(e.entry_date) }), 'data-action': 'withhold-entry' });
        wh.addEventListener('click', () => this.openForm('journal', (onCancel) => dataForm({
          title: t('jr.withhold.title', { date: formatDate(e.entry_date) }),
          dataForm: 'withhold-entry',
          intro: para(t('jr.withhold.intro')),
          fields: [textareaField('reason', t('field.jr.withhold_reason'), { required: true, maxlength: 1000, hint: t('field.jr.withhold_reason.hint') })],
          send: (b) => api.post(`${base}/${enc(e.id)}/withhold`, b),
          onCancel,
          onSaved: () => this.saved('journal', t('jr.withheld')),
        }), wh));
        actions.push(wh);
      }
    }
    const versions = e.versions_count > 1 ? this.versionsDetails(e, base) : null;
    const statements = e.statements || [];
    return h('li', { class: ['voice-card', 'journal-entry', e.withheld && 'journal-entry--withheld'], 'data-entry': e.id },
      h('div', { class: 'voice-card__main' },
        h('div', { class: 'voice-card__head' },
          h('h3', { class: 'utrecht-heading-3 entry-date' }, formatDate(e.entry_date)),
          e.corrected ? statusBadge('neutral', t('jr.version', { n: formatNumber(e.version) })) : null,
          e.withheld ? statusBadge('warning', t('jr.hidden')) : null),
        h('p', { class: 'utrecht-paragraph item-sub' }, t('jr.meta', { author: nameOf(e.author), at: formatDateTime(e.created_at) })),
        h('p', { class: 'utrecht-paragraph entry-text' }, e.text),
        e.corrected ? h('p', { class: 'utrecht-paragraph item-sub' }, t('jr.corrected.meta', { who: nameOf(e.corrected_by), at: formatDateTime(e.corrected_at), reason: e.correction_reason || '—' })) : null,
        e.withheld ? h('div', { class: 'withheld-note' },
          h('p', { class: 'utrecht-paragraph' }, h('strong', null, `${t('jr.hidden.reason')}: `), e.withheld.reason),
          h('p', { class: 'utrecht-paragraph item-sub' }, t('jr.hidden.meta', { who: nameOf(e.withheld.by), at: formatDateTime(e.withheld.at) }))) : null,
        versions,
        actions.length ? h('div', { class: 'row-actions' }, ...actions) : null),
      h('div', { class: 'voice-card__hers', 'data-testid': 'statements' },
        h('h4', { class: 'utrecht-heading-4 her-title' }, t('jr.her')),
        statements.length
          ? statements.map((s) => h('div', { class: 'her-view' },
            herWords(s.text),
            h('p', { class: 'utrecht-paragraph item-sub' }, t('jr.her.meta', { at: formatDateTime(s.at), v: formatNumber(s.answers_version) }))))
          : para(h('span', { class: 'item-sub' }, t('jr.her.none')))));
  }

  // Earlier versions, read when opened.
  versionsDetails(e, base) {
    const list = h('div', { class: 'versions' }, para(t('loading')));
    const det = h('details', { class: 'versions-details' },
      h('summary', null, t('jr.versions', { n: formatNumber(e.versions_count) })), list);
    let loaded = false;
    det.addEventListener('toggle', async () => {
      if (!det.open || loaded) return;
      loaded = true;
      try {
        const full = await api.get(`${base}/${enc(e.id)}`);
        const vs = (full.versions || []).slice().sort((a, b) => b.version - a.version);
        replace(list, h('ol', { class: 'version-list', reversed: true }, vs.map((v) => h('li', { class: 'version' },
          h('p', { class: 'utrecht-paragraph item-sub' }, t('jr.version.meta', {
            n: formatNumber(v.version), date: formatDate(v.entry_date), author: nameOf(v.author), at: formatDateTime(v.created_at),
          })),
          h('p', { class: 'utrecht-paragraph' }, v.text),
          v.correction_reason ? h('p', { class: 'utrecht-paragraph item-sub' }, `${t('field.jr.reason')}: ${v.correction_reason}`) : null))));
      } catch (err) {
        loaded = false;
        if (err.status !== 401) replace(list, alert('error', t('error.generic')));
      }
    });
    return det;
  }

  failed(key, err) {
    const sec = this.sections[key];
    const box = alert('error', apiErrorText(err));
    box.setAttribute('tabindex', '-1');
    replace(sec.querySelector('.section-status'), box);
    box.focus();
  }

  // ---- her own plan beside the team's plan --------------------------------
  renderOwnPlan() {
    const { body } = this.shell('ownPlan', 'own.title', 'own.intro');
    const hers = new Map(((this.data.ownPlan && this.data.ownPlan.items) || []).map((p) => [p.domain, p]));
    const team = new Map(((this.data.domains && this.data.domains.items) || []).map((d) => [d.domain, d]));
    const parts = OWN_PLAN_PARTS.filter((k) => hers.has(k) || team.has(k));
    if (!parts.length) { replace(body, para(t('own.empty'))); return; }
    const base = `/clients/${enc(this.id)}/own-plan`;
    replace(body, h('div', { class: 'plan-pairs', 'data-testid': 'own-plan' },
      h('div', { class: 'plan-pair plan-pair--head', 'aria-hidden': 'true' },
        h('span', null, t('own.col.part')), h('span', null, t('own.col.team')), h('span', null, t('own.col.hers'))),
      parts.map((k) => {
        const d = team.get(k);
        const p = hers.get(k);
        const name = k === 'general' ? label('ownpart', k) : label('domain', k);
        const teamCol = d ? h('div', { class: 'plan-col plan-col--team' },
          h('span', { class: 'plan-col__label' }, t('own.col.team')),
          statusBadge(DOMAIN_BADGE[d.status] || 'neutral', label('domstatus', d.status)),
          (d.goals || []).length ? h('ul', { class: 'goal-list' }, d.goals.map((g) => h('li', null, g.text, ' ', h('span', { class: 'item-sub' }, `(${label('goalstatus', g.status)})`)))) : null,
          d.her_words ? h('p', { class: 'utrecht-paragraph item-sub' }, t('own.team.herwords'), ' ', h('q', { class: 'her-inline' }, d.her_words)) : null)
          : h('div', { class: 'plan-col plan-col--team' }, h('span', { class: 'plan-col__label' }, t('own.col.team')), h('span', { class: 'item-sub' }, '—'));
        const herCol = h('div', { class: 'plan-col plan-col--hers', 'data-part': k },
          h('span', { class: 'plan-col__label' }, t('own.col.hers')),
          p ? [herWords(p.text),
            h('p', { class: 'utrecht-paragraph item-sub' }, t('own.meta', { n: formatNumber(p.version), at: formatDateTime(p.written_at) })),
            p.version > 1 ? this.ownHistory(k, base) : null]
            : h('span', { class: 'item-sub' }, t('own.none')));
        return h('section', { class: 'plan-pair', 'aria-label': name, 'data-part': k },
          h('h3', { class: 'utrecht-heading-3 plan-part' }, name), teamCol, herCol);
      })));
  }

  ownHistory(domain, base) {
    const list = h('div', { class: 'versions' }, para(t('loading')));
    const det = h('details', { class: 'versions-details' }, h('summary', null, t('own.history')), list);
    let loaded = false;
    det.addEventListener('toggle', async () => {
      if (!det.open || loaded) return;
      loaded = true;
      try {
        const r = await api.get(`${base}/${enc(domain)}`);
        replace(list, h('ol', { class: 'version-list' }, (r.versions || []).map((v) => h('li', { class: 'version' },
          h('p', { class: 'utrecht-paragraph item-sub' }, t('own.meta', { n: formatNumber(v.version), at: formatDateTime(v.written_at) })),
          h('p', { class: 'utrecht-paragraph' }, v.text)))));
      } catch (err) {
        loaded = false;
        if (err.status !== 401) replace(list, alert('error', t('error.generic')));
      }
    });
    return det;
  }

  // ---- consent ------------------------------------------------------------
  renderConsents() {
    const base = `/clients/${enc(this.id)}/consents`;
    const c = this.data.consents || {};
    const add = this.canWrite ? this.trigger(t('cons.add'), 'consents', { 'data-action': 'add-consent' }, 'primary') : null;
    const { body } = this.shell('consents', 'cons.title', 'cons.intro', add);
    const required = c.required_today;
    if (add) {
      add.addEventListener('click', () => this.openForm('consents', (onCancel) => dataForm({
        title: t('cons.add'),
        dataForm: 'add-consent',
        intro: required ? para(t('cons.required', { basis: label('consbasis', required) })) : null,
        fields: [
          selectField('kind', t('field.cons.kind'), opts(CONSENT_KINDS, 'conskind'), { required: true }),
          textField('recipient', t('field.cons.recipient'), { required: true, maxlength: 200 }),
          textareaField('purpose', t('field.cons.purpose'), { required: true, maxlength: 1000 }),
          selectField('basis', t('field.cons.basis'), opts(CONSENT_BASES, 'consbasis'), { value: required || '', required: true, hint: t('field.cons.basis.hint') }),
          dateField('given_on', t('field.cons.given_on'), { required: true }),
          textareaField('exception', t('field.cons.exception'), { maxlength: 1000, hint: t('field.cons.exception.hint') }),
        ],
        send: (b) => api.post(base, b),
        onCancel,
        onSaved: () => this.saved('consents', t('cons.saved')),
      }), add));
    }
    const items = c.items || [];
    replace(body,
      required ? para(t('cons.required', { basis: label('consbasis', required) })) : null,
      items.length ? table({
        caption: t('cons.title'),
        captionHidden: true,
        className: 'consent-table',
        columns: [
          { label: t('cons.col.kind'), rowHeader: true }, { label: t('cons.col.recipient') }, { label: t('cons.col.purpose') },
          { label: t('cons.col.basis') }, { label: t('cons.col.given') }, { label: t('cons.col.status') },
          ...(this.canWrite ? [{ label: t('col.actions') }] : []),
        ],
        rows: items.map((it) => {
          const cells = [
            label('conskind', it.kind), it.recipient, it.purpose,
            h('div', null, label('consbasis', it.basis),
              it.fits_age_rule ? null : h('div', null, statusBadge('warning', `⚠ ${t('cons.notfit', { basis: label('consbasis', it.required_basis) })}`)),
              it.exception ? h('div', { class: 'item-sub' }, `${t('field.cons.exception')}: ${it.exception}`) : null),
            formatDate(it.given_on),
            it.active ? statusBadge('success', t('cons.active')) : statusBadge('neutral', t('cons.withdrawn', { date: formatDate(it.withdrawn_on) })),
          ];
          if (this.canWrite) {
            let wd = null;
            if (it.active) {
              wd = this.trigger(t('cons.withdraw'), 'consents', { class: 'small-button', 'aria-label': t('cons.withdraw.label', { recipient: it.recipient }) });
              wd.addEventListener('click', () => this.openForm('consents', (onCancel) => dataForm({
                title: t('cons.withdraw.title', { recipient: it.recipient }),
                dataForm: 'withdraw-consent',
                fields: [dateField('withdrawn_on', t('field.cons.withdrawn_on'), { required: true })],
                send: (b) => api.post(`${base}/${enc(it.id)}/withdraw`, b),
                onCancel,
                onSaved: () => this.saved('consents', t('cons.withdrawn.saved')),
              }), wd));
            }
            cells.push(wd || '—');
          }
          return { cells, className: it.active ? null : 'row-inactive' };
        }),
      }) : para(t('cons.empty')));
  }

  // ---- her own account ----------------------------------------------------
  // The invitation gives a one-time code, shown here once; she chooses her
  // password herself on /activeren.  Whether she has an account already is
  // the server's answer (invitation.account_exists), in words beside the form.
  renderAccount() {
    const add = this.canWrite ? this.trigger(t('acct.invite'), 'account', { 'data-action': 'invite-her' }, 'primary') : null;
    const { status } = this.shell('account', 'acct.title', 'acct.intro', add);
    if (!add) return;
    add.addEventListener('click', () => this.openForm('account', (onCancel) => dataForm({
      title: t('acct.invite.title'),
      dataForm: 'invite-her',
      intro: para(t('acct.invite.intro')),
      fields: [
        textField('username', t('acct.username'), { required: true, maxlength: 64, autocomplete: 'off', hint: t('acct.username.hint') }),
      ],
      submitLabel: t('acct.invite.submit'),
      send: (b) => api.post(`${this.base}/invitation`, b),
      onCancel,
      onSaved: (inv) => {
        const name = (this.page.client && this.page.client.pseudonym) || inv.username;
        const panel = codePanel({ display_name: name }, inv, '/welkom');
        const box = alert('ok', t('acct.invited', { username: inv.username }), panel);
        box.setAttribute('tabindex', '-1');
        replace(this.sections.account.querySelector('.form-panel'));
        add.setAttribute('aria-expanded', 'false');
        replace(status, box);
        box.focus();
      },
    }), add));
  }
}
