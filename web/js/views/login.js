import { h, replace } from '../h.js';
import { t } from '../i18n.js';
import { api } from '../api.js';
import { heading, para, alert, textField, submitButton } from '../ui.js';

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
      ctx.onLoggedIn(session);
    } catch (e) {
      let msg;
      if (e.status === 401) msg = t('login.wrong');
      else if (e.status === 423) msg = t('login.locked');
      else if (e.status === 429) msg = t('login.ratelimited');
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
