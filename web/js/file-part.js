// One part of a client's file (continuity.js, voice.js, recognition.js): the
// sections it draws on the chosen tab, each with a head, a status line, a form
// panel and a body.  A part reads only the data of the sections the tab shows
// (load(keys) in the part), opens one form at a time in a section's panel and,
// after a save, reads again and puts the confirmation in focus.
import { h, replace } from './h.js';
import { t } from './i18n.js';
import { enc } from './api.js';
import {
  heading, para, alert, button, announce,
} from './ui.js';

export class FilePart {
  constructor(page, enabled) {
    this.page = page;
    this.id = page.id;
    this.role = page.role;
    this.user = page.ctx.user;
    this.enabled = enabled;
    this.data = {};
    this.sections = {};
  }

  get base() { return `/clients/${enc(this.id)}`; }

  // Writing follows the API: a break-the-glass reader reads, never writes.
  get breakGlass() { return !!(this.page.tl && this.page.tl.access && this.page.tl.access.break_glass); }

  // The section `key` (anchor: its id in the address), made when the chosen tab shows it.
  section(key, anchor, kind) {
    const sec = h('section', {
      class: ['entity-section', kind], id: anchor, 'aria-labelledby': `sec-${anchor}`, 'data-section': key,
    }, para(t('loading')));
    this.sections[key] = sec;
    return sec;
  }

  // The sections of `keys` this part shows to this reader (anchors: key -> id).
  offers(keys) { return this.enabled ? keys.filter((k) => this.anchors[k]) : []; }

  // The part's sections on the chosen tab, in the tab's order.
  build(keys) { return this.offers(keys).map((k) => this.section(k, this.anchors[k], this.kind)); }

  // Head, intro, status line, form panel and body of one section.
  shell(key, titleKey, introKey, ...actions) {
    const sec = this.sections[key];
    const status = h('div', { class: 'section-status', 'data-testid': `status-${key}` });
    const panel = h('div', { class: 'form-panel', id: `panel-${key}` });
    const body = h('div', { class: 'section-body' });
    replace(sec,
      h('div', { class: 'section-head' }, heading(2, t(titleKey), { id: `sec-${sec.id}` }), h('div', { class: 'section-actions' }, ...actions)),
      introKey ? para(t(introKey)) : null, status, panel, body);
    return { sec, status, panel, body };
  }

  // A button that opens a form in the panel of section `key` (null: the attrs name it).
  trigger(text, key, attrs = {}, variant = 'secondary') {
    return button(text, { 'aria-expanded': 'false', ...(key ? { 'aria-controls': `panel-${key}` } : {}), ...attrs }, variant);
  }

  // Open a form in the section's panel; the trigger says it is open.
  openForm(key, build, trigger) {
    const sec = this.sections[key];
    const panel = sec.querySelector('.form-panel');
    for (const b of sec.querySelectorAll('[aria-expanded="true"]')) b.setAttribute('aria-expanded', 'false');
    if (trigger) trigger.setAttribute('aria-expanded', 'true');
    replace(sec.querySelector('.section-status'));
    const onCancel = () => { replace(panel); if (trigger) { trigger.setAttribute('aria-expanded', 'false'); trigger.focus(); } };
    const { form, focusFirst } = build(onCancel);
    replace(panel, form);
    form.scrollIntoView({ block: 'nearest' });
    focusFirst();
  }

  // What a save changes: by default the whole file (an overdue promise is also an alert).
  async refresh() { await this.page.refreshAll(); }

  // After a save: fresh data, the confirmation in the section, focus on it.
  async saved(key, msg, extra) {
    await this.refresh();
    const sec = this.sections[key];
    if (!sec) return;
    const box = alert('ok', msg, extra || null);
    box.setAttribute('tabindex', '-1');
    replace(sec.querySelector('.section-status'), box);
    box.focus();
    announce(msg);
  }
}
