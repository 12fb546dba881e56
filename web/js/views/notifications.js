// "Meldingen": what waits for me, newest first, each with a link to the
// exact place in her file.  The words come from the kind, never from the
// server: a notification holds no text about her.
import { h, replace } from '../h.js';
import { t, formatDateTime, formatNumber } from '../i18n.js';
import { api, qs, enc } from '../api.js';
import { heading, para, button, statusBadge, announce } from '../ui.js';
import { apiErrorText } from '../forms.js';
import { setUnread } from '../notifications.js';
import { anchorHref } from '../file-tabs.js';

const PAGE = 50;

// Where it is: the tab of her file that holds the section, or the access
// log for her coordinator.
export function noticeHref(n, user) {
  const base = `/clients/${enc(n.client.id)}`;
  if (n.kind === 'glass_used') return user.role === 'coordinator' ? `${base}/access-log` : base;
  return anchorHref(n.client.id, n.link);
}

export async function notificationsView(main, ctx) {
  ctx.setTitle(t('notice.title'));
  replace(main, heading(1, t('notice.title')), para(t('loading')));
  let items = [];
  let total = 0;
  let unread = 0;
  const status = h('div', { class: 'form-status', 'aria-live': 'polite' });
  const list = h('div', { 'data-testid': 'notice-list' });
  const summary = h('p', { class: 'utrecht-paragraph', 'data-testid': 'notice-summary' });
  const allBtn = button(t('notice.readall'), { 'data-action': 'read-all' });

  const markRead = async (n, { quiet } = {}) => {
    if (n.read) return;
    const r = await api.post(`/notifications/${enc(n.id)}/read`, {}, quiet ? { keepalive: true } : undefined);
    Object.assign(n, r);
    unread = Math.max(0, unread - 1);
    setUnread(unread);
  };

  const item = (n) => {
    const what = t(`notice.kind.${n.kind}`);
    const go = h('a', {
      href: noticeHref(n, ctx.user), 'data-link': '', class: 'utrecht-link utrecht-link--html-a notice-item__link',
      onclick: () => { markRead(n, { quiet: true }).catch(() => {}); },
    }, t('notice.item', { name: n.client.pseudonym || '', what }));
    const when = formatDateTime(n.created_at);
    const readBtn = n.read ? null : button([t('notice.markread'), h('span', { class: 'visually-hidden' }, ` (${n.client.pseudonym || ''}, ${when})`)], {
      'data-action': 'read',
      onclick: async () => {
        readBtn.disabled = true;
        try {
          await markRead(n);
          announce(t('notice.marked'));
          draw();
          const next = list.querySelector('[data-action="read"]') || allBtn;
          if (next && !next.hidden) next.focus(); else list.querySelector('a')?.focus();
        } catch (e) {
          readBtn.disabled = false;
          replace(status, h('p', { class: 'utrecht-paragraph', role: 'alert' }, apiErrorText(e)));
        }
      },
    });
    return h('li', { class: ['notice-item', !n.read && 'notice-item--unread'], 'data-kind': n.kind, 'data-read': n.read ? '1' : '0' },
      h('div', { class: 'notice-item__main' },
        n.read ? null : statusBadge('warning', t('notice.new')), n.read ? null : ' ',
        go,
        h('span', { class: 'notice-item__meta' }, when)),
      readBtn);
  };

  const draw = () => {
    summary.textContent = total === 0 ? t('notice.empty')
      : t('notice.summary', { total: formatNumber(total), unread: formatNumber(unread) });
    allBtn.hidden = unread === 0;
    replace(list,
      items.length ? h('ul', { class: 'notice-list', 'aria-label': t('notice.title') }, items.map(item)) : null,
      items.length < total ? h('div', { class: 'more-row' }, button(t('notice.more'), { onclick: () => load(false) })) : null);
  };

  const load = async (reset) => {
    const res = await api.get(`/notifications${qs({ limit: PAGE, offset: reset ? 0 : items.length })}`);
    if (!ctx.isCurrent()) return;
    items = reset ? res.items : items.concat(res.items);
    total = res.total;
    unread = res.unread;
    setUnread(unread);
    draw();
  };

  allBtn.addEventListener('click', async () => {
    allBtn.disabled = true;
    try {
      await api.post('/notifications/read-all', {});
      await load(true);
      announce(t('notice.allmarked'));
      list.querySelector('a')?.focus();
    } catch (e) {
      replace(status, h('p', { class: 'utrecht-paragraph', role: 'alert' }, apiErrorText(e)));
    } finally {
      allBtn.disabled = false;
    }
  });

  await load(true);
  if (!ctx.isCurrent()) return;
  replace(main,
    heading(1, t('notice.title')),
    para(t('notice.intro')),
    summary,
    h('div', { class: 'utrecht-button-group' }, allBtn),
    status,
    list);
}
