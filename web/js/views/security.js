// "Beveiliging": one's own two-step log-in and sessions, for every role.
// The enrolment panel is also the log-in's step when two-step log-in is
// required and not yet set up (views/login.js).  The secret and the recovery
// codes are shown once, as the server hands them out; the QR code is drawn
// here (qr.js), so the secret never leaves the browser for a picture.
import { h, replace } from '../h.js';
import { t, formatDateTime } from '../i18n.js';
import { api, enc } from '../api.js';
import { heading, para, alert, textField, submitButton, button, buttonGroup, table, announce } from '../ui.js';
import { apiErrorText } from '../forms.js';
import { qrSvg } from '../qr.js';
import { passwordSection } from './account.js';

// The six digits, or a recovery code: what the person typed, as the server takes it.
function codeField(withRecovery) {
  return textField('code', t('totp.code'), {
    required: true, autocomplete: 'one-time-code', maxlength: 64, size: 20,
    inputmode: withRecovery ? 'text' : 'numeric',
    hint: withRecovery ? t('totp.code.hint.recovery') : t('totp.code.hint'),
  });
}

// A form with one code field; `send(code)` resolves or throws an ApiError.
export function codeForm({ withRecovery, submitLabel, send }) {
  const status = h('div', { class: 'form-status' });
  const field = codeField(withRecovery);
  const submit = submitButton(submitLabel);
  const form = h('form', { class: 'utrecht-form', novalidate: true },
    status, field.el, h('div', { class: 'utrecht-button-group' }, submit));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    field.setError(null);
    const code = field.input.value.trim();
    if (!code) {
      field.setError(t('field.required'));
      field.input.focus();
      return;
    }
    submit.disabled = true;
    try {
      await send(code);
    } catch (e) {
      const msg = apiErrorText(e, t('totp.code'));
      field.setError(msg);
      replace(status, alert('error', msg));
      field.input.value = '';
      field.input.focus();
    } finally {
      submit.disabled = false;
    }
  });
  return { form, focus: () => field.input.focus() };
}

// The secret in groups of four, easier to type into an app by hand.
const grouped = (secret) => secret.replace(/(.{4})/g, '$1 ').trim();

// Set up two-step log-in in `box`: QR code and secret, a first code, then
// the recovery codes once.  onDone(answer of the confirmation) after the
// person says she has kept them.
export async function enrolPanel(box, { onDone }) {
  const begun = await api.post('/account/totp');
  const qr = qrSvg(begun.otpauth_uri, { label: t('totp.qr.label'), size: 200 });
  const { form, focus } = codeForm({
    withRecovery: false,
    submitLabel: t('totp.confirm'),
    send: async (code) => {
      // A wrong code is 401 too: it must not read as an ended session.
      const done = await api.post('/account/totp/confirm', { code }, { noSessionCheck: true });
      showCodes(box, done, onDone);
    },
  });
  replace(box,
    heading(2, t('totp.enrol.title'), { tabindex: '-1', class: 'enrol-title' }),
    h('ol', { class: 'utrecht-ordered-list' },
      h('li', { class: 'utrecht-ordered-list__item' }, t('totp.enrol.step1')),
      h('li', { class: 'utrecht-ordered-list__item' }, t('totp.enrol.step2'))),
    h('div', { class: 'totp-qr' }, qr),
    para(t('totp.enrol.secret')),
    h('p', { class: 'utrecht-paragraph totp-secret' }, h('code', { translate: 'no' }, grouped(begun.secret))),
    para(t('totp.enrol.step3')),
    form);
  focus();
}

function showCodes(box, done, onDone) {
  const ok = button(t('totp.codes.kept'), { type: 'button' }, 'primary');
  ok.addEventListener('click', () => onDone(done));
  replace(box,
    heading(2, t('totp.codes.title'), { tabindex: '-1', class: 'codes-title' }),
    alert('warning', t('totp.codes.once')),
    h('ul', { class: 'recovery-codes', 'aria-label': t('totp.codes.title') },
      done.recovery_codes.map((c) => h('li', null, h('code', { translate: 'no' }, c)))),
    buttonGroup(ok));
  box.querySelector('.codes-title').focus();
  announce(t('totp.enrolled'));
}

async function totpSection(box, ctx) {
  const st = await api.get('/account/totp');
  if (!st.available) {
    replace(box, heading(2, t('totp.title')), para(t('totp.client')));
    return;
  }
  const panel = h('div');
  const start = button(t('totp.enrol.start'), { type: 'button' }, 'primary');
  start.addEventListener('click', async () => {
    start.disabled = true;
    try {
      await enrolPanel(panel, { onDone: () => ctx.rerender() });
    } catch (e) {
      replace(panel, alert('error', apiErrorText(e)));
      start.disabled = false;
    }
  });
  replace(box,
    heading(2, t('totp.title')),
    st.enrolled
      ? para(t('totp.on', { n: st.recovery_codes_left }))
      : para(t(st.required ? 'totp.off.required' : 'totp.off')),
    st.enrolled ? para(t('totp.lost')) : buttonGroup(start),
    panel);
}

async function sessionsSection(box, ctx) {
  const { items } = await api.get('/account/sessions');
  const status = h('div', { class: 'form-status', role: 'status' });
  const end = async (fn, okText) => {
    try {
      await fn();
      announce(okText);
      ctx.rerender();
    } catch (e) {
      if (e.status !== 401) replace(status, alert('error', apiErrorText(e)));
    }
  };
  const rows = items.map((s) => [
    formatDateTime(s.created_at),
    formatDateTime(s.last_seen_at),
    s.remote_addr || '–',
    h('span', { class: 'user-agent' }, s.user_agent || '–'),
    s.current
      ? h('strong', null, t('sessions.current'))
      : button(t('sessions.end'), {
        type: 'button',
        'aria-label': t('sessions.end.label', { when: formatDateTime(s.created_at) }),
        onclick: () => end(() => api.del(`/account/sessions/${enc(s.id)}`), t('sessions.ended.one')),
      }),
  ]);
  const others = button(t('sessions.end.others'), { type: 'button' });
  others.addEventListener('click', () => end(() => api.post('/account/sessions/end', { keep_current: true }), t('sessions.ended.others')));
  const all = button(t('sessions.end.all'), { type: 'button' });
  all.addEventListener('click', async () => {
    try {
      await api.post('/account/sessions/end', { keep_current: false });
    } catch { /* the session ends either way */ }
    location.assign('/login');
  });
  replace(box,
    heading(2, t('sessions.title')),
    para(t('sessions.intro')),
    status,
    table({
      caption: t('sessions.title'),
      captionHidden: true,
      columns: ['sessions.created', 'sessions.last_seen', 'sessions.address', 'sessions.browser', 'sessions.action'].map((k) => ({ label: t(k) })),
      rows,
    }),
    buttonGroup(others, all));
}

export async function securityView(main, ctx) {
  ctx.setTitle(t('security.title'));
  const totpBox = h('section', { class: 'security-totp', 'aria-label': t('totp.title') });
  const sessionsBox = h('section', { class: 'security-sessions', 'aria-label': t('sessions.title') });
  const passwordBox = h('section', { class: 'security-password', 'aria-label': t('password.change.title') });
  passwordSection(passwordBox);
  replace(main, heading(1, t('security.title')), para(t('security.intro')), passwordBox, totpBox, sessionsBox);
  await Promise.all([totpSection(totpBox, ctx), sessionsSection(sessionsBox, ctx)]);
}
