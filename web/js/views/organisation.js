import { h, replace } from '../h.js';
import { t } from '../i18n.js';
import { heading, para, alert } from '../ui.js';

// Municipality and monitor users: their organisation, no client data.
export async function organisationView(main, ctx) {
  ctx.setTitle(t('org.title'));
  const u = ctx.user;
  replace(main,
    heading(1, t('org.title')),
    para(t('org.intro', { org: u.org_name || '—' })),
    h('section', { 'aria-labelledby': 'org-figures' },
      heading(2, t('org.figures'), { id: 'org-figures' }),
      alert('info', t('org.figures.soon'))));
}
