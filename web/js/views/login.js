import { h, replace } from '../h.js';
import { t } from '../i18n.js';
import { api, setCsrf } from '../api.js';
import { heading, para, alert, textField, submitButton } from '../ui.js';
import { apiErrorText } from '../forms.js';
import { codeForm, enrolPanel } from './security.js';

// Step two of a log-in: the code of the authenticator app, or a recovery code.
function codeStep(panel, ctx) {
  const { form, focus } = codeForm({
    withRecovery: true,
    submitLabel: t('login.submit'),
    send: async (code) => ctx.onLoggedIn(await api.post('/session/totp', { code }, { noSessionCheck: true })),
  });
  replace(panel,
    heading(1, t('login.totp.title'), { id: 'login-title', tabindex: '-1' }),
    para(t('login.totp.intro')),
    form);
  focus();
}

// Two-step log-in is required and not set up: that comes before anything else.
async function enrolStep(panel, ctx) {
  const box = h('div');
  replace(panel,
    heading(1, t('login.enrol.title'), { id: 'login-title', tabindex: '-1' }),
    para(t('login.enrol.intro')),
    box);
  try {
    await enrolPanel(box, { onDone: (done) => ctx.onLoggedIn(done) });
  } catch (e) {
    replace(box, alert('error', apiErrorText(e)));
  }
}

export async function loginView(main, ctx) {
  ctx.setTitle(t('login.title'));
  const status = h('div', { class: 'form-status' });
  if (ctx.flash) status.appendChild(ctx.flash);
  const user = textField('username', t('login.username'), { required: true, autocomplete: 'username' });
  const pass = textField('password', t('login.password'), { required: true, type: 'password', autocomplete: 'current-password' });
  const submit = submitButton(t('login.submit'));
  const form = h('form', { class: 'utrecht-form login-form', novalidate: true, 'aria-labelledby': 'login-title' },
    user.el, pass.el, h('div', { class: 'utrecht-button-group' }, submit));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    user.setError(null);
    pass.setError(null);
    const username = user.input.value.trim();
    const password = pass.input.value;
    if (!username || !password) {
      if (!username) user.setError(t('field.required.named', { label: t('login.username') }));
      if (!password) pass.setError(t('field.required.named', { label: t('login.password') }));
      replace(status, alert('error', t('login.required')));
      (username ? pass.input : user.input).focus();
      return;
    }
    submit.disabled = true;
    submit.setAttribute('aria-busy', 'true');
    replace(status, h('p', { class: 'utrecht-paragraph', role: 'status' }, t('login.busy')));
    try {
      const session = await api.post('/session', { username, password }, { noSessionCheck: true });
      if (session.stage === 'totp' || session.stage === 'enrol') {
        setCsrf(session.csrf_token);
        const panel = form.closest('.login-panel');
        if (session.stage === 'totp') codeStep(panel, ctx);
        else await enrolStep(panel, ctx);
        return;
      }
      ctx.onLoggedIn(session);
    } catch (e) {
      let msg;
      if (e.status === 401) msg = t('login.wrong');
      else if (e.status === 429) msg = apiErrorText(e);
      else if (e.code === 'network') msg = t('error.network');
      else msg = t('error.generic');
      replace(status, alert('error', msg));
      submit.disabled = false;
      submit.removeAttribute('aria-busy');
      pass.input.value = '';
      if (e.status === 401) pass.input.focus();
      else user.input.focus();
    }
  });
  replace(main,
    h('div', { class: 'login-panel' },
      heading(1, t('login.title'), { id: 'login-title' }),
      para(t('login.intro')),
      status,
      form));
  if (!document.activeElement || document.activeElement === document.body) user.input.focus();
}
