import { h, replace } from '../h.js';
import { t, label, formatDateTime, formatNumber, has } from '../i18n.js';
import { api, qs, enc } from '../api.js';
import { heading, para, link, table, button, statusBadge } from '../ui.js';
import { TABS, tabBar } from '../file-tabs.js';

const PAGE = 50;
const nameOf = (v) => (v && typeof v === 'object' ? (v.display_name || v.name || v.username || '') : (v || ''));

export async function accessLogView(main, ctx) {
  const id = ctx.params.id;
  ctx.setTitle(t('access.title'));
  replace(main, heading(1, t('access.title')), para(t('loading')));
  let client = null;
  try {
    client = await api.get(`/clients/${enc(id)}`);
  } catch (e) {
    if (e.status === 404 || e.status === 403) {
      replace(main, heading(1, t('notfound.title')), para(t('notfound.client')));
      return;
    }
    throw e;
  }
  let items = [];
  let total = 0;
  const results = h('div');
  const actionText = (a) => (has(`action.${a}`) && a !== 'end' ? t(`action.${a}`) : a === 'end' ? t('action.end_') : a);
  const renderTable = () => {
    if (!items.length) { replace(results, para(t('access.empty'))); return; }
    replace(results,
      table({
        caption: t('access.caption', { total: formatNumber(total) }),
        className: 'access-table',
        columns: [
          { label: t('access.col.at') }, { label: t('access.col.user') }, { label: t('access.col.role') },
          { label: t('access.col.org') }, { label: t('access.col.action') }, { label: t('access.col.outcome') },
          { label: t('access.col.purpose') },
        ],
        rows: items.map((it) => ({
          className: it.break_glass ? 'row-breakglass' : null,
          cells: [
            formatDateTime(it.at), nameOf(it.user), label('role', it.role), nameOf(it.organisation),
            [actionText(it.action), it.object_type ? ` (${it.object_type})` : ''].join(''),
            it.outcome === 'denied' ? statusBadge('danger', t('access.outcome.denied')) : t('access.outcome.ok'),
            [it.break_glass ? statusBadge('warning', t('access.breakglass')) : null, it.purpose ? ` ${it.purpose}` : null],
          ],
        })),
      }),
      items.length < total ? h('div', { class: 'more-row' }, button(t('access.more'), { onclick: () => load(false) })) : null);
  };
  const load = async (reset) => {
    const res = await api.get(`/clients/${enc(id)}/access-log${qs({ limit: PAGE, offset: reset ? 0 : items.length })}`);
    if (!ctx.isCurrent()) return;
    items = reset ? res.items : items.concat(res.items);
    total = res.total ?? items.length;
    renderTable();
  };
  await load(true);
  if (!ctx.isCurrent()) return;
  replace(main,
    h('p', { class: 'utrecht-paragraph back-link' }, link(`/clients/${enc(id)}`, `← ${t('access.back')}`)),
    heading(1, `${t('access.title')}: ${client.pseudonym}`),
    // The file's tabs stay in reach: this log is one of them (coordinators only).
    tabBar(id, TABS.filter((tab) => !tab.roles || tab.roles.includes(ctx.user.role)).map((tab) => ({ tab })),
      TABS.find((tab) => tab.key === 'access-log')),
    para(t('access.intro')),
    results);
  ctx.setTitle(`${t('access.title')}: ${client.pseudonym}`);
}
