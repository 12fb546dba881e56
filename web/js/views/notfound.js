import { h, replace } from '../h.js';
import { t } from '../i18n.js';
import { heading, para, link } from '../ui.js';
import { homePath } from '../app.js';

export async function notFoundView(main, ctx) {
  ctx.setTitle(t('notfound.title'));
  replace(main, heading(1, t('notfound.title')), para(t('notfound.page')), para(link(homePath(ctx.user), t('notfound.home'))));
}

// Roles without client data (municipality, monitor, admin) asking for a client page.
export async function noAccessView(main, ctx) {
  ctx.setTitle(t('noaccess.title'));
  replace(main,
    h('div', { 'data-testid': 'no-access' },
      heading(1, t('noaccess.title')), para(t('noaccess.text')), para(link(homePath(ctx.user), t('notfound.home')))));
}
