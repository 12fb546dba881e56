// A warning before the session runs out for lack of activity (the server
// ends it after SESSION_IDLE_SECONDS, src/auth/auth.h: 30 minutes), with a
// button to stay logged in.  Every answer from the API counts as activity.
// Tests may shorten the idle time with globalThis.DOORLOOP_IDLE_SECONDS.
import { h } from './h.js';
import { t } from './i18n.js';

const IDLE_SECONDS = 30 * 60;
const WARN_SECONDS = 2 * 60;
let timer = null;
let box = null;
let stay = null;
let running = false;

const idleMs = () => 1000 * (globalThis.DOORLOOP_IDLE_SECONDS || IDLE_SECONDS);
const warnMs = () => Math.min(1000 * WARN_SECONDS, idleMs() / 2);

function hide() {
  if (box) { box.remove(); box = null; }
}

function show() {
  hide();
  const btn = h('button', { type: 'button', class: 'utrecht-button utrecht-button--primary-action', 'data-action': 'stay-logged-in' }, t('session.stay'));
  btn.addEventListener('click', async () => {
    btn.disabled = true;
    try { await stay(); } catch { /* a 401 is handled by the app */ }
  });
  box = h('div', { class: 'session-warning', role: 'alertdialog', 'aria-labelledby': 'session-warning-text', 'data-testid': 'session-warning' },
    h('p', { class: 'utrecht-paragraph', id: 'session-warning-text' }, t('session.warning')), btn);
  document.body.appendChild(box);
  btn.focus();
}

// Activity: the idle clock starts again.
export function sessionActivity() {
  if (!running) return;
  hide();
  clearTimeout(timer);
  timer = setTimeout(show, idleMs() - warnMs());
}

// stayFn: a request that touches the session (GET /session).
export function startSessionTimer(stayFn) {
  stay = stayFn;
  running = true;
  sessionActivity();
}

export function stopSessionTimer() {
  running = false;
  clearTimeout(timer);
  hide();
}
