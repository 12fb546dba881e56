import { h, replace } from '../h.js';
import { t, label } from '../i18n.js';
import { api } from '../api.js';
import { heading, table, para } from '../ui.js';

// Admin: users and organisations (no client data).
export async function adminView(main, ctx) {
  ctx.setTitle(t('admin.title'));
  replace(main, heading(1, t('admin.title')), para(t('loading')));
  const [users, orgs] = await Promise.all([api.get('/users'), api.get('/organisations')]);
  if (!ctx.isCurrent()) return;
  const orgName = new Map(orgs.items.map((o) => [o.id, o.name]));
  replace(main,
    heading(1, t('admin.title')),
    h('section', { 'aria-labelledby': 'admin-users' },
      heading(2, t('admin.users'), { id: 'admin-users' }),
      table({
        caption: `${t('admin.users')} (${users.items.length})`,
        captionHidden: true,
        columns: [{ label: t('admin.col.username'), rowHeader: true }, { label: t('admin.col.name') }, { label: t('admin.col.role') }, { label: t('admin.col.org') }],
        rows: users.items.map((u) => [u.username, u.display_name || '', label('role', u.role), orgName.get(u.org_id) || '']),
      })),
    h('section', { 'aria-labelledby': 'admin-orgs' },
      heading(2, t('admin.orgs'), { id: 'admin-orgs' }),
      table({
        caption: `${t('admin.orgs')} (${orgs.items.length})`,
        captionHidden: true,
        columns: [{ label: t('admin.col.name'), rowHeader: true }, { label: t('admin.col.kind') }, { label: t('admin.col.region') }],
        rows: orgs.items.map((o) => [o.name, label('orgkind', o.kind), o.region || '']),
      })));
}
