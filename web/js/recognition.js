// Recognition on the client page (DOMAIN.md R13, R17): her registration as a
// victim with the registration at CoMensha, and the exploiter indicators with
// the line that says in how many other trajectories each appears.  One
// self-contained module: the page gives it a place (build) and asks it to
// draw (renderAll); it reads and saves its own data and redraws only itself.
// Indicators are the coordinators' alone (the API refuses every other role);
// another girl is named only when the coordinator may open her file.
import { h, replace } from './h.js';
import { t, label, formatDate, formatDateTime, formatNumber } from './i18n.js';
import { api, enc } from './api.js';
import {
  para, alert, link, statusBadge, textField, dateField, textareaField, selectField, checkboxField, dataList,
} from './ui.js';
import { dataForm } from './forms.js';
import { FilePart } from './file-part.js';

const FORMS = ['sexual_nl', 'sexual_cross_border', 'sexual_online', 'criminal', 'labour', 'other'];
const STATUSES = ['possible', 'confirmed'];
const KINDS = ['phone', 'plate', 'handle', 'alias', 'address'];
const BASES = ['prosecutor_order', 'conflict_of_duties', 'consent', 'covenant'];
const opts = (values, prefix) => values.map((v) => ({ value: v, label: label(prefix, v) }));
const orNull = (p) => p.catch((e) => { if ([403, 404, 409].includes(e.status)) return null; throw e; });

export const RECOGNITION_ANCHORS = { victim: 'victim-registration', indicators: 'indicators' };

export class Recognition extends FilePart {
  constructor(page) {
    super(page, ['coordinator', 'caregiver'].includes(page.role));
    this.coordinator = this.role === 'coordinator';
  }

  // Indicators are the coordinators' alone.
  get canWrite() { return this.coordinator && !this.breakGlass; }

  async load(keys = Object.keys(this.sections)) {
    if (!this.enabled) { this.data = {}; return; }
    const [victim, indicators] = await Promise.all([
      keys.includes('victim') ? orNull(api.get(`${this.base}/victim-registration`)) : null,
      keys.includes('indicators') && this.coordinator ? orNull(api.get(`${this.base}/indicators`)) : null,
    ]);
    this.data = { victim, indicators };
  }

  get anchors() { return RECOGNITION_ANCHORS; }
  get kind() { return 'recognition-section'; }
  offers(keys) { return super.offers(keys).filter((k) => k !== 'indicators' || this.coordinator); }

  renderAll() {
    if (this.sections.victim) this.renderVictim();
    if (this.sections.indicators) this.renderIndicators();
  }

  // A save here changes only this part: read and draw it again.
  async refresh() {
    await this.load();
    this.renderAll();
  }

  // ---- registration as a victim (R13) -------------------------------------
  renderVictim() {
    const d = this.data.victim || {};
    const reg = d.registration;
    const add = this.canWrite && !reg ? this.trigger(t('vic.add'), 'victim', { 'data-action': 'add-victim' }, 'primary') : null;
    const com = this.canWrite && reg && !reg.comensha ? this.trigger(t('vic.comensha.add'), 'victim', { 'data-action': 'add-comensha' }) : null;
    const { body } = this.shell('victim', 'vic.title', 'vic.intro', add, com);
    if (add) {
      const muni = (this.page.client && this.page.client.municipality) || null;
      add.addEventListener('click', () => this.openForm('victim', (onCancel) => {
        const boxes = FORMS.map((f) => checkboxField(`form_${f}`, label('vicform', f)));
        const built = dataForm({
          title: t('vic.add'),
          dataForm: 'add-victim',
          intro: muni ? para(t('vic.municipality.default', { name: muni.name })) : null,
          fields: [
            selectField('status', t('field.vic.status'), opts(STATUSES, 'vicstatus'), { required: true }),
            dateField('recognised_on', t('field.vic.recognised_on'), { required: true }),
            ...boxes,
          ],
          send: (b) => api.post(`${this.base}/victim-registration`, {
            status: b.status, recognised_on: b.recognised_on, forms: FORMS.filter((f) => b[`form_${f}`]),
          }),
          onCancel,
          onSaved: () => this.saved('victim', t('vic.saved')),
        });
        // The forms of exploitation as one group of check boxes.
        built.form.querySelector('.form-grid').appendChild(h('fieldset', { class: 'utrecht-form-fieldset checkbox-group', 'data-field': 'forms' },
          h('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-label' }, t('field.vic.forms')),
          boxes.map((b) => b.el)));
        return built;
      }, add));
    }
    if (com) {
      const covering = d.covering_consents || [];
      com.addEventListener('click', () => this.openForm('victim', (onCancel) => dataForm({
        title: t('vic.comensha.add'),
        dataForm: 'add-comensha',
        intro: para(t('vic.comensha.rule', { who: label('vicparty', d.comensha_consent_needed) })),
        fields: [
          dateField('registered_on', t('field.vic.registered_on'), { required: true }),
          selectField('consent_id', t('field.vic.consent'), covering.map((c) => ({
            value: c.id, label: t('vic.consent.option', { who: label('consbasis', c.basis), date: formatDate(c.given_on) }),
          })), { hint: t('field.vic.consent.hint'), emptyLabel: t('vic.consent.auto') }),
        ],
        send: (b) => api.post(`${this.base}/victim-registration/comensha`, b),
        onCancel,
        onSaved: () => this.saved('victim', t('vic.comensha.saved')),
      }), com));
    }
    if (!reg) { replace(body, para(t('vic.none'))); return; }
    const comensha = reg.comensha
      ? h('span', null, statusBadge('success', t('vic.comensha.done', { date: formatDate(reg.comensha.registered_on) })), ' ',
        h('span', { class: 'item-sub' }, t('vic.comensha.basis', { who: label('consbasis', reg.comensha.basis), age: formatNumber(reg.comensha.age_years) })))
      : statusBadge('warning', t('vic.comensha.not'));
    replace(body, h('div', { 'data-testid': 'victim-registration' }, dataList([
      [t('vic.status'), label('vicstatus', reg.status)],
      [t('vic.forms'), reg.forms.map((f) => label('vicform', f)).join(', ')],
      [t('vic.recognised_on'), formatDate(reg.recognised_on)],
      [t('vic.municipality'), reg.municipality ? reg.municipality.name : '—'],
      [t('vic.comensha'), comensha],
    ])));
  }

  // ---- exploiter indicators (R17) -------------------------------------------
  renderIndicators() {
    const add = this.canWrite ? this.trigger(t('ind.add'), 'indicators', { 'data-action': 'add-indicator' }, 'primary') : null;
    const { body } = this.shell('indicators', 'ind.title', 'ind.intro', add);
    if (add) {
      add.addEventListener('click', () => this.openForm('indicators', (onCancel) => dataForm({
        title: t('ind.add'),
        dataForm: 'add-indicator',
        fields: [
          selectField('kind', t('field.ind.kind'), opts(KINDS, 'indkind'), { required: true }),
          textField('value', t('field.ind.value'), { required: true, maxlength: 200, hint: t('field.ind.value.hint') }),
          textareaField('note', t('field.ind.note'), { maxlength: 1000, hint: t('field.ind.note.hint') }),
        ],
        send: (b) => api.post(`${this.base}/indicators`, b),
        onCancel,
        onSaved: (r) => this.saved('indicators', t('ind.saved'), r && r.matches && r.matches.count ? h('strong', null, ` ${this.matchText(r.matches)}`) : null),
      }), add));
    }
    const items = (this.data.indicators && this.data.indicators.items) || [];
    replace(body, items.length
      ? h('ul', { class: 'voice-list indicator-list', 'data-testid': 'indicator-list' }, items.map((it) => this.indicatorItem(it)))
      : para(t('ind.empty')));
  }

  matchText(m) {
    const names = m.institutions.map((i) => i.name).join(', ');
    return m.count === 1 ? t('ind.match.one', { names }) : t('ind.match.many', { n: formatNumber(m.count), names });
  }

  indicatorItem(it) {
    const m = it.matches || { count: 0, institutions: [], known: [] };
    const matchLine = m.count
      ? h('div', { class: 'indicator-match', 'data-testid': 'indicator-match' },
        alert('warning', h('strong', null, this.matchText(m)),
          m.known.length ? h('span', null, ' ', t('ind.match.known'), ' ',
            m.known.map((k, i) => [i ? ', ' : '', link(`/clients/${enc(k.client_id)}#indicators`, k.pseudonym)])) : null,
          m.known.length < m.count ? h('span', null, ' ', t('ind.match.unnamed')) : null))
      : para(h('span', { class: 'item-sub' }, t('ind.match.none')));
    const exp = this.canWrite ? this.trigger(t('ind.export'), 'indicators', { class: 'small-button', 'aria-label': t('ind.export.label', { what: it.normal }), 'data-action': 'export-indicator' }) : null;
    if (exp) {
      exp.addEventListener('click', () => this.openForm('indicators', (onCancel) => dataForm({
        title: t('ind.export.title', { what: it.normal }),
        dataForm: 'export-indicator',
        intro: para(t('ind.export.intro')),
        fields: [
          selectField('legal_basis', t('field.exp.legal_basis'), opts(BASES, 'expbasis'), { required: true }),
          textField('reference', t('field.exp.reference'), { required: true, maxlength: 100, hint: t('field.exp.reference.hint') }),
          textField('recipient', t('field.exp.recipient'), { maxlength: 200 }),
          selectField('format', t('field.exp.format'), [{ value: 'csv', label: 'CSV' }, { value: 'json', label: 'JSON' }], { value: 'csv', required: true }),
        ],
        submitLabel: t('ind.export.submit'),
        send: (b) => api.post(`${this.base}/indicators/${enc(it.id)}/export`, b),
        onCancel,
        onSaved: (r, b) => { this.download(r, b.format, it); return this.saved('indicators', t('ind.exported', { ref: b.reference })); },
      }), exp));
    }
    return h('li', { class: 'voice-card indicator-card', 'data-indicator': it.id, 'data-kind': it.kind, 'data-matches': String(m.count) },
      h('div', { class: 'voice-card__main' },
        h('div', { class: 'voice-card__head' },
          h('p', { class: 'utrecht-paragraph voice-card__what' }, h('span', { class: 'indicator-kind' }, `${label('indkind', it.kind)}: `), h('strong', null, it.value)),
          m.count ? statusBadge('warning', `⚠ ${t('ind.linked')}`) : null),
        h('dl', { class: 'voice-facts' }, [
          [t('ind.normal'), h('code', null, it.normal)],
          it.note ? [t('field.ind.note'), it.note] : null,
          [t('ind.recorded'), t('ind.recorded.by', { at: formatDateTime(it.recorded_at), who: it.recorded_by ? it.recorded_by.display_name : '' })],
          it.exports ? [t('ind.exports'), t('ind.exports.text', { n: formatNumber(it.exports), at: formatDateTime(it.last_export_at) })] : null,
        ].filter(Boolean).map(([k, v]) => h('div', null, h('dt', null, k), h('dd', null, v)))),
        matchLine,
        exp ? h('div', { class: 'row-actions' }, exp) : null));
  }

  // The export as a file for the police: CSV as the server made it, or the JSON overview.
  download(r, format, it) {
    if (!r) return;
    const text = format === 'csv' ? r.csv : JSON.stringify({ export: r.export, overview: r.overview }, null, 2);
    const blob = new Blob([text], { type: format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json' });
    const a = h('a', { href: URL.createObjectURL(blob), download: `kenmerk-${it.kind}-${r.export.id}.${format}`, hidden: true });
    document.body.appendChild(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }
}
