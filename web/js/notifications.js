// The header's link to one's notifications with the unread count, kept up
// to date every 60 seconds and on every navigation.  The poll is a
// background request: it does not keep an idle session alive.
import { h, replace } from './h.js';
import { t } from './i18n.js';
import { api } from './api.js';

// Care staff get notifications; everyone else has none (notification.staff_only).
export const NOTICE_ROLES = ['coordinator', 'caregiver', 'partner'];
export const hasNotices = (user) => !!user && NOTICE_ROLES.includes(user.role);

const POLL_MS = 60 * 1000;
let unread = 0;
let link = null;
let timer = null;

function fill() {
  if (!link) return;
  // The name says the count in words ("Meldingen, 3 ongelezen"); the badge
  // shows it and starts with the same word.
  replace(link,
    h('span', { class: 'notice-link__text' }, t('notice.title')),
    unread > 0 ? h('span', { class: 'notice-badge', 'aria-hidden': 'true' }, String(unread)) : null);
  if (unread > 0) link.setAttribute('aria-label', t('notice.link.unread', { n: unread }));
  else link.removeAttribute('aria-label');
  link.dataset.unread = String(unread);
}

export function setUnread(n) {
  unread = Math.max(0, Number(n) || 0);
  fill();
}

// The link for the header (null for a role without notifications).
export function noticeLink(user, path) {
  if (!hasNotices(user)) { link = null; return null; }
  link = h('a', {
    href: '/notifications', 'data-link': '', class: 'notice-link', 'data-testid': 'notice-link',
    'aria-current': path === '/notifications' ? 'page' : null,
  });
  fill();
  return link;
}

export async function refreshUnread() {
  if (!link) return;
  try {
    const r = await api.get('/notifications?limit=1', { background: true });
    setUnread(r.unread);
  } catch { /* a 401 is handled by the app; otherwise keep the last count */ }
}

export function startNoticePoll() {
  stopNoticePoll();
  timer = setInterval(refreshUnread, globalThis.DOORLOOP_NOTICE_POLL_MS || POLL_MS);
}

export function stopNoticePoll() {
  if (timer) clearInterval(timer);
  timer = null;
  unread = 0;
}
