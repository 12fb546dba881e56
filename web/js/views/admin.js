import { h, replace } from '../h.js';
import { t, label } from '../i18n.js';
import { api } from '../api.js';
import { heading, table, para, button, announce, alert, textField, selectField } from '../ui.js';
import { dataForm, apiErrorText } from '../forms.js';
import { codePanel } from './account.js';

// The roles an administrator creates here: staff and organisations' accounts.
// A client's account comes from her coordinator's invitation, not from here.
const STAFF_ROLES = ['coordinator', 'caregiver', 'partner', 'municipality', 'monitor', 'reporter', 'security_officer', 'admin'];

// Admin: users (add staff, deactivate, reactivate, a new activation code
// instead of a password) and organisations.  No client data, and no
// password of anyone: a new or reset account gets a one-time code, shown
// here once (`shown`), with which its holder sets her own.
export async function adminView(main, ctx, shown) {
  ctx.setTitle(t('admin.title'));
  replace(main, heading(1, t('admin.title')), para(t('loading')));
  const [users, orgs] = await Promise.all([api.get('/users'), api.get('/organisations')]);
  if (!ctx.isCurrent()) return;
  const orgName = new Map(orgs.items.map((o) => [o.id, o.name]));
  const status = h('div', { class: 'admin-status' });
  const reload = async (msg, panel) => {
    await adminView(main, ctx, panel);
    if (msg) announce(msg);
  };

  const act = async (u, verb) => {
    try {
      await api.post(`/users/${encodeURIComponent(u.id)}/${verb}`);
      await reload(t(`admin.${verb}d`, { name: u.display_name }));
    } catch (e) {
      if (e.status === 401) return;
      const box = alert('error', apiErrorText(e));
      box.setAttribute('tabindex', '-1');
      replace(status, box);
      box.focus();
    }
  };

  const rows = users.items.map((u) => [
    // A girl's own account is listed without her username or name.
    u.username || h('span', { class: 'item-sub' }, t('admin.girl_account')),
    u.active ? u.display_name || '' : `${u.display_name || ''} ${t('user.inactive')}`,
    label('role', u.role),
    orgName.get(u.org_id) || '',
    u.active ? t('admin.status.active') : t('admin.status.inactive'),
    u.id === ctx.user.id ? '' : button(u.active ? t('admin.deactivate') : t('admin.reactivate'), {
      'aria-label': `${u.active ? t('admin.deactivate') : t('admin.reactivate')}: ${u.display_name || u.username}`,
      'data-user': u.username,
      onclick: () => act(u, u.active ? 'deactivate' : 'reactivate'),
    }),
  ]);

  const roleOptions = STAFF_ROLES.map((r) => ({ value: r, label: label('role', r) }));
  const orgOptions = orgs.items.map((o) => ({ value: o.id, label: o.name }));
  const addForm = dataForm({
    title: t('admin.add.title'),
    dataForm: 'user-add',
    fields: [
      textField('username', t('admin.col.username'), { required: true, maxlength: 64, hint: t('admin.add.username_hint') }),
      textField('display_name', t('admin.col.name'), { required: true, maxlength: 128 }),
      selectField('role', t('admin.col.role'), roleOptions, { required: true }),
      selectField('org_id', t('admin.col.org'), orgOptions),
    ],
    intro: para(t('admin.add.intro')),
    submitLabel: t('admin.add.submit'),
    send: (body) => api.post('/users', body),
    onSaved: (u) => reload(t('admin.added', { name: u.display_name }), codePanel(u, u.activation)),
  });

  const userOptions = users.items.filter((u) => u.role !== 'client').map((u) => ({ value: u.id, label: `${u.display_name || u.username} (${u.username})` }));
  const resetForm = dataForm({
    title: t('admin.reset.title'),
    dataForm: 'user-password',
    intro: para(t('admin.reset.intro')),
    fields: [
      selectField('user', t('admin.reset.user'), userOptions, { required: true }),
    ],
    submitLabel: t('admin.reset.submit'),
    send: (body) => api.post(`/users/${encodeURIComponent(body.user)}/password`, {}),
    onSaved: (u) => reload(t('admin.reset.done', { name: u.display_name }), codePanel(u, u.activation)),
  });

  // A new role: her sessions end, and client access waits for approval again.
  const roleForm = dataForm({
    title: t('admin.role.title'),
    dataForm: 'user-role',
    intro: para(t('admin.role.intro')),
    fields: [
      selectField('user', t('admin.reset.user'), userOptions.filter((o) => o.value !== ctx.user.id), { required: true }),
      selectField('role', t('admin.role.new'), roleOptions, { required: true }),
      selectField('org_id', t('admin.col.org'), orgOptions),
    ],
    submitLabel: t('admin.role.submit'),
    send: (body) => api.patch(`/users/${encodeURIComponent(body.user)}`, { role: body.role, org_id: body.org_id || null }),
    onSaved: (u) => reload(t(u.access === 'pending' ? 'admin.role.done.pending' : 'admin.role.done',
      { name: u.display_name, role: label('role', u.role) })),
  });

  replace(main,
    heading(1, t('admin.title')),
    h('section', { 'aria-labelledby': 'admin-users' },
      heading(2, t('admin.users'), { id: 'admin-users' }),
      shown || null,
      status,
      table({
        caption: `${t('admin.users')} (${users.items.length})`,
        captionHidden: true,
        className: 'admin-users',
        columns: [{ label: t('admin.col.username'), rowHeader: true }, { label: t('admin.col.name') }, { label: t('admin.col.role') }, { label: t('admin.col.org') }, { label: t('admin.col.status') }, { label: t('admin.col.action') }],
        rows,
      }),
      addForm.form,
      resetForm.form,
      roleForm.form),
    h('section', { 'aria-labelledby': 'admin-orgs' },
      heading(2, t('admin.orgs'), { id: 'admin-orgs' }),
      table({
        caption: `${t('admin.orgs')} (${orgs.items.length})`,
        captionHidden: true,
        columns: [{ label: t('admin.col.name'), rowHeader: true }, { label: t('admin.col.kind') }, { label: t('admin.col.region') }],
        rows: orgs.items.map((o) => [o.name, label('orgkind', o.kind), o.region || '']),
      })));
  if (shown) shown.focus();
}
