// Quick exit for the girl's own page: one button (or Escape twice) leaves
// for a neutral site and replaces this page in the history, so "back" does
// not return to it; her session ends on the way.
import { h } from './h.js';
import { t } from './i18n.js';
import { api } from './api.js';

export const NEUTRAL_SITE = 'https://www.buienradar.nl/';
let escAt = 0;
let installed = false;

// She is logged out on the way, so the page cannot be reopened behind her.
export function leave() {
  api.del('/session', { noSessionCheck: true, keepalive: true }).catch(() => {});
  document.title = '…';
  document.body.replaceChildren();
  location.replace(NEUTRAL_SITE);
}

function onKey(ev) {
  if (ev.key !== 'Escape' || !document.querySelector('.quick-exit')) return;
  const now = Date.now();
  if (now - escAt < 1000) leave();
  escAt = now;
}

export function quickExitButton() {
  if (!installed) { document.addEventListener('keydown', onKey); installed = true; }
  return h('div', { class: 'quick-exit' },
    h('button', {
      type: 'button', class: 'utrecht-button utrecht-button--primary-action quick-exit__button', 'data-action': 'quick-exit',
      'aria-describedby': 'quick-exit-hint', onclick: leave,
    }, t('exit.button')),
    h('span', { class: 'quick-exit__hint', id: 'quick-exit-hint' }, t('exit.hint')));
}
