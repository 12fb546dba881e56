// Doorloop web app: shell, session and history routing.
import { h, replace, clear } from './h.js';
import { t, getLang, setLang } from './i18n.js';
import { api, setCsrf, setUnauthorizedHandler } from './api.js';
import { alert } from './ui.js';
import { resolve, menuFor } from './routes.js';
import { startSessionTimer, stopSessionTimer } from './session-timer.js';
import { clearDrafts } from './forms.js';
import { noticeLink, refreshUnread, startNoticePoll, stopNoticePoll } from './notifications.js';

const state = {
  user: null,
  flash: null,        // {kind, text} shown once on the next screen
  returnTo: null,
  renderId: 0,
  first: true,
};

const main = () => document.getElementById('main');

export function homePath(user) {
  if (!user) return '/login';
  switch (user.role) {
    case 'admin': return '/admin';
    case 'security_officer': return '/oversight';
    case 'municipality':
    case 'monitor': return '/organisation';
    case 'client': return user.client_id ? '/portal' : '/organisation';
    case 'coordinator':
    case 'caregiver': return '/worklist';
    case 'reporter': return '/signals';
    default: return '/clients';
  }
}

export function navigate(path, { replace: rep = false } = {}) {
  if (rep) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  render();
}

function setTitle(text) {
  document.title = `${text} — ${t('app.name')}`;
}

// After a navigation: move focus to the part the address names (#id), or
// else to the page's main heading.
function focusHeading() {
  const hash = location.hash ? decodeURIComponent(location.hash.slice(1)) : '';
  const target = hash && document.getElementById(hash);
  if (target && main().contains(target)) {
    const head = target.matches('h1, h2, h3') ? target : target.querySelector('h2, h3') || target;
    head.setAttribute('tabindex', '-1');
    head.focus({ preventScroll: true });
    target.scrollIntoView({ block: 'start' });
    return;
  }
  const h1 = main().querySelector('h1');
  if (h1) {
    h1.setAttribute('tabindex', '-1');
    h1.focus({ preventScroll: false });
  }
}

function renderHeader() {
  const header = document.getElementById('header');
  const user = state.user;
  const navItems = menuFor(user);
  const path = location.pathname;
  const langBtn = h('button', {
    type: 'button', class: 'utrecht-button utrecht-button--subtle lang-switch',
    lang: getLang() === 'nl' ? 'en' : 'nl', 'aria-label': t('lang.switch.label'),
    onclick: () => { setLang(getLang() === 'nl' ? 'en' : 'nl'); renderHeader(); renderFooter(); render({ keepFocus: true }); document.querySelector('.lang-switch').focus(); },
  }, t('lang.switch'));
  replace(header,
    h('div', { class: 'utrecht-page-header__content header-bar' },
      h('a', { href: user ? homePath(user) : '/login', class: 'brand', 'data-link': '' },
        h('span', { class: 'brand-mark', 'aria-hidden': 'true' }),
        h('span', { class: 'brand-text' }, h('span', { class: 'brand-name' }, t('app.name')), h('span', { class: 'brand-tagline' }, t('app.tagline')))),
      h('div', { class: 'header-tools' },
        user ? h('span', { class: 'user-info' }, user.org_name
          ? t('loggedin.as', { name: user.display_name || user.username, role: t(`role.${user.role}`), org: user.org_name })
          : t('loggedin.as.noorg', { name: user.display_name || user.username, role: t(`role.${user.role}`) })) : null,
        noticeLink(user, path),
        user ? h('a', { href: '/security', 'data-link': '', class: 'utrecht-link utrecht-link--html-a security-link', 'aria-current': path === '/security' ? 'page' : null }, t('nav.security')) : null,
        langBtn,
        user ? h('button', { type: 'button', class: 'utrecht-button utrecht-button--secondary-action logout', onclick: logout }, t('logout')) : null)),
    navItems.length ? h('nav', { class: 'utrecht-nav-bar main-nav', 'aria-label': t('nav.label') },
      h('ul', { class: 'main-nav__list' }, navItems.map(({ href, label, under }) => {
        const current = path === href || (under && path.startsWith(`${href}/`));
        return h('li', null, h('a', { href, 'data-link': '', class: ['main-nav__link', current && 'main-nav__link--current'], 'aria-current': current ? 'page' : null }, t(label)));
      }))) : null);
  const skip = document.getElementById('skip-link');
  if (skip) skip.textContent = t('skip.main');
}

function renderFooter() {
  replace(document.getElementById('footer'),
    h('div', { class: 'utrecht-page-footer__content' }, h('p', { class: 'utrecht-paragraph' }, t('footer.text'))));
}

async function logout() {
  try { await api.del('/session', { noSessionCheck: true }); } catch { /* already gone */ }
  stopSessionTimer();
  stopNoticePoll();
  clearDrafts();
  state.user = null;
  setCsrf(null);
  state.flash = { kind: 'info', text: t('login.loggedout') };
  renderHeader();
  navigate('/login');
}

function sessionExpired() {
  if (!state.user) return;
  stopSessionTimer();
  stopNoticePoll();
  state.draftsOf = state.user.id;   // kept for her, dropped for anyone else
  state.user = null;
  setCsrf(null);
  state.returnTo = location.pathname;
  state.flash = { kind: 'warning', text: t('login.expired') };
  renderHeader();
  navigate('/login', { replace: true });
}

const keepSession = () => api.get('/session');

export function onLoggedIn(session) {
  state.user = session.user;
  if (state.draftsOf !== session.user.id) clearDrafts();
  state.draftsOf = null;
  startSessionTimer(keepSession);
  startNoticePoll();
  setCsrf(session.csrf_token);
  renderHeader();
  const target = state.returnTo && state.returnTo !== '/login' ? state.returnTo : homePath(state.user);
  state.returnTo = null;
  navigate(target, { replace: true });
}

function takeFlash() {
  const f = state.flash;
  state.flash = null;
  return f ? alert(f.kind, f.text) : null;
}

// What a path shows this user: the route table (routes.js) decides.
function route(path) {
  const r = resolve(path, state.user);
  return r.redirect === 'home' ? { redirect: homePath(state.user) } : r;
}

export async function render({ keepFocus = false } = {}) {
  const path = location.pathname.replace(/\/+$/, '') || '/';
  const r = route(path);
  if (r.redirect) { history.replaceState(null, '', r.redirect); return render({ keepFocus }); }
  if (r.redirectLogin) {
    state.returnTo = path;
    history.replaceState(null, '', '/login');
    return render({ keepFocus });
  }
  renderHeader();
  refreshUnread();   // on every navigation, besides the poll
  const id = ++state.renderId;
  const container = main();
  const flash = takeFlash();
  clear(container);
  container.setAttribute('aria-busy', 'true');
  const ctx = {
    user: state.user,
    params: r.params || {},
    flash,
    navigate,
    setTitle,
    focusHeading,
    isCurrent: () => id === state.renderId,
    onLoggedIn,
    rerender: () => render({ keepFocus: true }),
    focusDone: false,   // set by a view that has put focus where it belongs (a tab followed)
  };
  try {
    await r.view(container, ctx);
  } catch (e) {
    if (id !== state.renderId) return;
    if (e && e.status === 401) return;
    replace(container, alert('error', t(e && e.code === 'network' ? 'error.network' : 'error.generic')));
  }
  if (id !== state.renderId) return;
  container.removeAttribute('aria-busy');
  if ((!state.first || location.hash) && !keepFocus && !ctx.focusDone) focusHeading();
  state.first = false;
}

function interceptLinks(ev) {
  if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
  const a = ev.target.closest && ev.target.closest('a[data-link]');
  if (!a) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin) return;
  ev.preventDefault();
  if (url.pathname === location.pathname && url.search === location.search && url.hash) {
    // Same page, another part: move there without reloading.
    history.pushState(null, '', url.pathname + url.search + url.hash);
    focusHeading();
    return;
  }
  if (url.pathname === location.pathname && !url.hash) { render(); return; }
  navigate(url.pathname + url.search + url.hash);
}

async function boot() {
  setLang(getLang());
  setUnauthorizedHandler(sessionExpired);
  document.addEventListener('click', interceptLinks);
  window.addEventListener('popstate', () => render());
  renderFooter();
  try {
    const session = await api.get('/session', { noSessionCheck: true });
    if (session.stage && session.stage !== 'full') {
      // A log-in left half-way (password only): start it again.
      setCsrf(session.csrf_token);
      await api.del('/session', { noSessionCheck: true });
      setCsrf(null);
      throw Object.assign(new Error('half a log-in'), { status: 401 });
    }
    state.user = session.user;
    setCsrf(session.csrf_token);
    if (state.user) { startSessionTimer(keepSession); startNoticePoll(); }
  } catch (e) {
    state.user = null;
    if (e.status !== 401 && e.code === 'network') state.flash = { kind: 'error', text: t('error.network') };
  }
  await render();
}

boot();
