// Answering a group-climate questionnaire without an account (issue 13),
// made for a girl of 13 with a mild intellectual disability on a phone:
// one question per screen, a scale of faces with words, large targets,
// plain Dutch ("je") or English, every answer saved at once, stop and go on
// later with the same code, a thank-you at the end.  The code arrives typed
// or from the QR code's address (/q#CODE); it is kept in memory only, never
// in the browser's storage (a phone may be shared).
import { h, s, replace } from '../h.js';
import { getLang } from '../i18n.js';
import { api } from '../api.js';
import { heading, para, alert, button, textField, announce } from '../ui.js';
import { ct } from './climate-common.js';

const ERRORS = {
  'climate.code_unknown': 'a.err.code_unknown',
  'climate.code_spent': 'a.err.code_spent',
  'code.format': 'a.err.code_format',
  'climate.round_not_open': 'a.err.round_not_open',
  'climate.round_closed': 'a.err.round_closed',
  'climate.nothing_answered': 'a.err.nothing_answered',
};
const errText = (e) => ct(e && e.code === 'network' ? 'a.err.network' : ERRORS[e && e.reason] || 'a.err.generic');

// A face from sad (value 1) to happy (value = points); decorative.
function face(value, points) {
  const c = points > 1 ? ((value - 1) / (points - 1)) * 2 - 1 : 0;
  const mouthY = 27 - 2 * c;
  return s('svg', { viewBox: '0 0 40 40', class: `q-face q-face--${value}`, 'aria-hidden': 'true', focusable: 'false' },
    s('circle', { cx: 20, cy: 20, r: 18, class: 'q-face__head' }),
    s('circle', { cx: 14, cy: 16, r: 2.4, class: 'q-face__eye' }),
    s('circle', { cx: 26, cy: 16, r: 2.4, class: 'q-face__eye' }),
    s('path', { d: `M12 ${mouthY} Q20 ${mouthY + 9 * c} 28 ${mouthY}`, class: 'q-face__mouth', fill: 'none' }));
}

class Answering {
  constructor(main, ctx) {
    this.main = main;
    this.ctx = ctx;
    this.code = '';
    this.q = null;
    this.answers = {};
    this.i = 0;
  }

  lang() { return getLang() === 'en' ? 'en' : 'nl'; }

  focusTop() {
    const h1 = this.main.querySelector('h1');
    if (h1) { h1.setAttribute('tabindex', '-1'); h1.focus(); }
  }

  show(...children) {
    replace(this.main, h('div', { class: 'q-page' }, ...children));
    this.focusTop();
  }

  codeScreen(error) {
    this.redraw = () => this.codeScreen(error);
    const field = textField('code', ct('a.code.label'), {
      value: this.code, required: true, maxlength: 16, autocomplete: 'off', hint: ct('a.code.hint'),
    });
    field.input.setAttribute('autocapitalize', 'characters');
    field.input.setAttribute('spellcheck', 'false');
    field.input.classList.add('q-code-input');
    if (error) field.setError(error);
    const form = h('form', { class: 'q-form', novalidate: true, 'data-form': 'climate-code' },
      field.el,
      h('div', { class: 'q-actions' }, h('button', { type: 'submit', class: 'utrecht-button utrecht-button--primary-action q-button' }, ct('a.code.start'))));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const code = field.input.value.trim();
      if (!code) { field.setError(ct('a.code.empty')); field.input.focus(); return; }
      this.start(code);
    });
    this.show(heading(1, ct('a.title')), para(ct('a.code.intro')), form);
    if (error) field.input.focus();
  }

  async start(code) {
    this.code = code;
    try {
      this.q = await api.post('/climate/answer/start', { code }, { noSessionCheck: true });
    } catch (e) {
      this.codeScreen(errText(e));
      return;
    }
    this.answers = { ...this.q.answers };
    const firstOpen = this.q.items.findIndex((it) => !(it.id in this.answers));
    this.i = firstOpen === -1 ? 0 : firstOpen;
    this.intro();
  }

  intro() {
    this.redraw = () => this.intro();
    const staff = this.q.audience === 'staff';
    const started = Object.keys(this.answers).length > 0;
    this.show(
      heading(1, ct(staff ? 'a.hello.staff' : 'a.hello')),
      para(ct(staff ? 'a.explain.staff' : 'a.explain', { n: this.q.items.length, group: this.q.group_name })),
      staff ? null : h('div', { class: 'q-example', 'aria-hidden': 'true' },
        [1, this.q.scale.points].map((v) => face(v, this.q.scale.points))),
      para(ct('a.explain.later')),
      h('div', { class: 'q-actions' },
        button(ct(started ? 'a.continue' : 'a.begin'), { class: 'q-button', onclick: () => this.question() }, 'primary')));
  }

  question() {
    this.redraw = () => this.question();
    const it = this.q.items[this.i];
    const n = this.q.items.length;
    const pts = this.q.scale.points;
    const name = `q-${it.id}`;
    const status = h('p', { class: 'q-saved', role: 'status' });
    const options = [];
    for (let v = pts; v >= 1; v -= 1) {
      const lab = this.q.scale.labels.find((l) => l.value === v) || { nl: String(v), en: String(v) };
      const input = h('input', {
        type: 'radio', name, value: String(v), id: `${name}-${v}`, class: 'q-radio', checked: this.answers[it.id] === v,
        onchange: () => this.save(it.id, v, status),
      });
      options.push(h('label', { class: 'q-option', for: `${name}-${v}` }, input,
        h('span', { class: 'q-option__box' }, face(v, pts), h('span', { class: 'q-option__text' }, lab[this.lang()] || lab.nl))));
    }
    const qid = `${name}-text`;
    const progress = h('div', { class: 'q-progress', 'aria-hidden': 'true' },
      h('div', { class: `q-progress__bar q-progress__bar--${Math.round(((this.i + 1) / n) * 20) * 5}` }));
    const form = h('form', { class: 'q-form', novalidate: true, 'data-form': 'climate-question' },
      h('fieldset', { class: 'q-fieldset', 'aria-labelledby': qid },
        h('div', { class: 'q-options' }, options)),
      status,
      h('div', { class: 'q-actions q-actions--nav' },
        this.i > 0 ? button(ct('a.prev'), { class: 'q-button', onclick: () => { this.i -= 1; this.question(); } }) : null,
        h('button', { type: 'submit', class: 'utrecht-button utrecht-button--primary-action q-button q-next' }, ct('a.next'))),
      h('div', { class: 'q-actions q-actions--more' },
        button(ct('a.skip'), { class: 'q-button q-button--subtle', onclick: () => this.next() }, 'subtle'),
        button(ct('a.stop'), { class: 'q-button q-button--subtle', onclick: () => this.stopped() }, 'subtle')));
    form.addEventListener('submit', (ev) => { ev.preventDefault(); this.next(); });
    this.show(
      h('p', { class: 'q-count' }, ct('a.progress', { i: this.i + 1, n })),
      progress,
      h('h1', { class: 'utrecht-heading-1 q-text', id: qid }, it.text[this.lang()] || it.text.nl),
      form);
  }

  next() {
    if (this.i + 1 < this.q.items.length) {
      this.i += 1;
      this.question();
    } else {
      this.review();
    }
  }

  async save(itemId, value, status) {
    this.answers[itemId] = value;
    try {
      await api.post('/climate/answer/save', { code: this.code, item_id: itemId, value }, { noSessionCheck: true });
      replace(status, ct('a.saved'));
    } catch (e) {
      delete this.answers[itemId];
      replace(status, alert('error', errText(e)));
    }
  }

  stopped() {
    this.redraw = () => this.stopped();
    this.show(
      heading(1, ct('a.stopped.title')),
      para(ct('a.stopped.text', { code: this.code.toUpperCase() })),
      h('div', { class: 'q-actions' }, button(ct('a.stopped.again'), { class: 'q-button', onclick: () => this.question() })));
  }

  review(error) {
    this.redraw = () => this.review(error);
    const done = this.q.items.filter((it) => it.id in this.answers).length;
    this.show(
      heading(1, ct('a.review.title')),
      error ? alert('error', error) : null,
      para(ct('a.review.text', { done, n: this.q.items.length })),
      h('div', { class: 'q-actions' },
        button(ct('a.send'), { class: 'q-button', 'data-action': 'send', onclick: () => this.finish() }, 'primary'),
        button(ct('a.review.back'), { class: 'q-button', onclick: () => { this.i = 0; this.question(); } })));
  }

  async finish() {
    try {
      await api.post('/climate/answer/finish', { code: this.code }, { noSessionCheck: true });
    } catch (e) {
      this.review(errText(e));
      return;
    }
    this.code = '';
    this.q = null;
    this.answers = {};
    live = null;
    announce(ct('a.thanks.title'));
    this.show(
      h('div', { class: 'q-thanks' },
        s('svg', { viewBox: '0 0 40 40', class: 'q-face q-face--thanks', 'aria-hidden': 'true' },
          s('circle', { cx: 20, cy: 20, r: 18, class: 'q-face__head' }),
          s('circle', { cx: 14, cy: 16, r: 2.4, class: 'q-face__eye' }),
          s('circle', { cx: 26, cy: 16, r: 2.4, class: 'q-face__eye' }),
          s('path', { d: 'M11 24 Q20 34 29 24', class: 'q-face__mouth', fill: 'none' })),
        heading(1, ct('a.thanks.title')),
        para(ct('a.thanks.text'))));
  }
}

// The one answering in progress: a change of language redraws its screen
// instead of starting over.
let live = null;

export async function climateAnswerView(main, ctx) {
  ctx.setTitle(ct('a.title'));
  if (live && live.q && !location.hash) {
    live.main = main;
    live.redraw();
    return;
  }
  const a = new Answering(main, ctx);
  live = a;
  const fromQr = location.hash ? decodeURIComponent(location.hash.slice(1)) : '';
  if (fromQr) {
    history.replaceState(null, '', '/q');   // the code leaves the address bar
    await a.start(fromQr);
  } else {
    a.codeScreen();
  }
}
