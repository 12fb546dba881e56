// Accounts their holders activate, and four eyes on client access:
//   - the public activation page, for a staff member ("u") and for the
//     girl's own invitation ("je"): the one-time code and a password of her
//     own choice (POST /api/v1/activate);
//   - the approvers' screen (security officer, coordinator): requests for
//     client access, approved or refused by a second person;
//   - one's own password change (a section of the "Beveiliging" page).
// Server messages are never shown: errors are translated by reason key.
import { h, replace } from '../h.js';
import { t, label, formatDateTime } from '../i18n.js';
import { api, enc } from '../api.js';
import { heading, para, alert, textField, button, table, announce } from '../ui.js';
import { dataForm, apiErrorText } from '../forms.js';

// The activation page; `who` is 'staff' (u) or 'client' (je).
function activation(who) {
  return async (main, ctx) => {
    const k = (key) => t(`activate.${who}.${key}`);
    ctx.setTitle(k('title'));
    const done = h('div', { class: 'activate-done' });
    const { form, focusFirst } = dataForm({
      title: k('form'),
      dataForm: 'activate',
      fields: [
        textField('code', t('activate.code'), { required: true, maxlength: 64, size: 24, autocomplete: 'one-time-code', hint: t('activate.code.hint') }),
        textField('password', k('password'), { required: true, type: 'password', autocomplete: 'new-password', hint: k('password.hint') }),
      ],
      submitLabel: k('submit'),
      send: (body) => api.post('/activate', body, { noSessionCheck: true }),
      onSaved: (res) => {
        const box = alert('ok', h('span', null, k('done').replace('{username}', res.username), ' ',
          h('a', { href: '/login', class: 'utrecht-link utrecht-link--html-a', 'data-link': '' }, t('activate.to_login'))));
        box.setAttribute('tabindex', '-1');
        form.hidden = true;
        replace(done, box);
        box.focus();
        announce(k('done').replace('{username}', res.username));
      },
    });
    replace(main,
      h('div', { class: 'login-panel activate-panel' },
        heading(1, k('title')),
        para(k('intro')),
        done,
        form));
    focusFirst();
  };
}

export const activateStaffView = activation('staff');
export const activateClientView = activation('client');

// The approvers' screen: pending requests with approve and refuse, and the
// decisions of the last 30 days.
export async function accessGrantsView(main, ctx) {
  ctx.setTitle(t('grants.title'));
  replace(main, heading(1, t('grants.title')), para(t('loading')));
  const res = await api.get('/access-grants?status=all');
  if (!ctx.isCurrent()) return;
  const status = h('div', { class: 'section-status', role: 'status' });
  const decide = async (g, verb) => {
    try {
      await api.post(`/access-grants/${enc(g.id)}/${verb}`);
      await accessGrantsView(main, ctx);
      const msg = alert('ok', t(`grants.${verb}d`, { name: g.user.display_name }));
      msg.setAttribute('tabindex', '-1');
      main.querySelector('.section-status').replaceChildren(msg);
      msg.focus();
      announce(t(`grants.${verb}d`, { name: g.user.display_name }));
    } catch (e) {
      if (e.status === 401) return;
      const box = alert('error', apiErrorText(e));
      box.setAttribute('tabindex', '-1');
      replace(status, box);
      box.focus();
    }
  };
  const pending = res.items.filter((g) => g.status === 'pending');
  const decided = res.items.filter((g) => g.status !== 'pending');
  const who = (g) => `${g.user.display_name} (${g.user.username})`;
  const mine = (g) => g.requested_by.id === ctx.user.id || g.user.id === ctx.user.id;
  const pendingRows = pending.map((g) => [
    who(g),
    label('role', g.role),
    g.org_name || '',
    label('grants.cause', g.cause),
    g.requested_by.display_name,
    formatDateTime(g.requested_at),
    !res.may_decide || mine(g) ? t('grants.not_yours')
      : h('span', { class: 'utrecht-button-group' },
        button(t('grants.approve'), { class: 'small-button', 'data-action': 'approve', 'aria-label': t('grants.approve.label', { name: who(g) }), onclick: () => decide(g, 'approve') }, 'primary'),
        button(t('grants.refuse'), { class: 'small-button', 'data-action': 'refuse', 'aria-label': t('grants.refuse.label', { name: who(g) }), onclick: () => decide(g, 'refuse') })),
  ]);
  const decidedRows = decided.map((g) => [
    who(g), label('role', g.role), g.org_name || '', label('grants.status', g.status),
    g.requested_by.display_name, g.decided_by ? g.decided_by.display_name : '', formatDateTime(g.decided_at),
  ]);
  replace(main,
    heading(1, t('grants.title')),
    para(t('grants.intro')),
    status,
    h('section', { 'aria-labelledby': 'grants-pending' },
      heading(2, t('grants.pending'), { id: 'grants-pending' }),
      pending.length ? table({
        caption: t('grants.pending'), captionHidden: true, className: 'grants-pending',
        columns: ['grants.col.user', 'grants.col.role', 'grants.col.org', 'grants.col.cause', 'grants.col.requested_by', 'grants.col.requested_at', 'grants.col.action']
          .map((c, i) => ({ label: t(c), rowHeader: i === 0 })),
        rows: pendingRows,
      }) : para(t('grants.none'))),
    h('section', { 'aria-labelledby': 'grants-decided' },
      heading(2, t('grants.decided'), { id: 'grants-decided' }),
      decided.length ? table({
        caption: t('grants.decided'), captionHidden: true,
        columns: ['grants.col.user', 'grants.col.role', 'grants.col.org', 'grants.col.status', 'grants.col.requested_by', 'grants.col.decided_by', 'grants.col.decided_at']
          .map((c, i) => ({ label: t(c), rowHeader: i === 0 })),
        rows: decidedRows,
      }) : para(t('grants.decided.none'))));
}

// One's own password: the current one, then a new one; other sessions end.
export function passwordSection(box) {
  const status = h('div', { class: 'form-status' });
  const { form } = dataForm({
    title: t('password.change.title'),
    dataForm: 'password-change',
    intro: para(t('password.change.intro')),
    fields: [
      textField('current_password', t('password.current'), { required: true, type: 'password', autocomplete: 'current-password' }),
      textField('password', t('password.new'), { required: true, type: 'password', autocomplete: 'new-password', hint: t('password.new.hint') }),
    ],
    submitLabel: t('password.change.submit'),
    send: (body) => api.post('/account/password', body),
    onSaved: () => {
      for (const input of form.querySelectorAll('input')) input.value = '';
      const msg = alert('ok', t('password.changed'));
      msg.setAttribute('tabindex', '-1');
      replace(status, msg);
      msg.focus();
      announce(t('password.changed'));
    },
  });
  replace(box, status, form);
}

// The activation code as the admin sees it, once, with what to do with it.
// page: where its holder activates it (/activeren for staff, /welkom for a girl).
export function codePanel(u, activation, page = '/activeren') {
  const panel = h('div', { class: 'activation-code', 'data-testid': 'activation-code', tabindex: '-1' },
    heading(3, t('admin.code.title', { name: u.display_name })),
    h('p', { class: 'utrecht-paragraph activation-code__code' }, h('code', { translate: 'no' }, activation.code)),
    alert('warning', para(t('admin.code.once'))),
    para(t('admin.code.explain', { name: u.display_name, url: `${location.origin}${page}`, date: formatDateTime(activation.expires_at) })),
    u.access === 'pending' ? para(t('admin.code.pending', { name: u.display_name })) : null);
  return panel;
}
