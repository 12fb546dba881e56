// The tabs of a client's file: one address per tab (/clients/{id}/{tab}), so a
// tab survives a reload and the back button, and the page reads only the data
// of the tab it shows.  Each tab names its sections in page order; a section
// is shown where the role and her trajectory allow it, a tab when it has one.
import { h } from './h.js';
import { t, formatNumber } from './i18n.js';
import { enc } from './api.js';

// The file's sections by key: their id in the address (the anchor that alert
// links and old links name).
export const ANCHORS = {
  figures: 'figures', alerts: 'alerts', timeline: 'timeline', 'timeline-table': 'timeline-table', plan: 'transition-plan',
  domains: 'domains', ownPlan: 'own-plan', journal: 'journal', promises: 'promises', phase: 'phases', reviews: 'reviews',
  legal_basis: 'legal-bases', court_order: 'court-orders', team: 'team', handovers: 'handovers', consents: 'consents',
  account: 'her-account', victim: 'victim-registration', indicators: 'indicators', aftercare: 'aftercare', closure: 'closure',
};

export const TABS = [
  { key: 'overview', path: '', sections: ['figures', 'alerts'] },
  { key: 'timeline', path: 'timeline', sections: ['timeline', 'phase', 'timeline-table'] },
  { key: 'transition', path: 'transition', sections: ['plan'] },
  { key: 'domains', path: 'domains', sections: ['domains', 'reviews', 'ownPlan'] },
  { key: 'journal', path: 'journal', sections: ['journal'] },
  { key: 'promises', path: 'promises', sections: ['promises'] },
  { key: 'bases', path: 'bases', sections: ['legal_basis', 'court_order'] },
  { key: 'team', path: 'team', sections: ['team', 'handovers'] },
  { key: 'consent', path: 'consent', sections: ['consents', 'account', 'victim', 'indicators'] },
  { key: 'aftercare', path: 'aftercare', sections: ['aftercare', 'closure'] },
  // Not a part of this page: the log has its own screen (views/accesslog.js).
  { key: 'access-log', path: 'access-log', sections: [], roles: ['coordinator'] },
];

export const tabByPath = (path) => TABS.find((tab) => tab.path === (path || ''));

// The tab that holds the section an old link's #anchor names.
export function tabOfAnchor(anchor) {
  const key = Object.keys(ANCHORS).find((k) => ANCHORS[k] === anchor);
  return key ? TABS.find((tab) => tab.sections.includes(key)) : null;
}

export const tabHref = (clientId, tab) => `/clients/${enc(clientId)}${tab.path ? `/${tab.path}` : ''}`;

// The href an alert's anchor leads to: the tab that holds it, the section named.
export function anchorHref(clientId, anchor) {
  const tab = anchor ? tabOfAnchor(anchor) : null;
  return `${tab ? tabHref(clientId, tab) : `/clients/${enc(clientId)}`}${anchor ? `#${anchor}` : ''}`;
}

// The bar of tabs: links, the current one marked, each with its count where
// one is known.  tabs: [{tab, count}].
export function tabBar(clientId, tabs, current, onFollow) {
  return h('nav', { class: 'file-tabs', 'aria-labelledby': 'file-tabs-title', 'data-testid': 'file-tabs' },
    h('h2', { class: 'visually-hidden', id: 'file-tabs-title' }, t('summary.index')),
    h('ul', { class: 'file-tabs__list' }, tabs.map(({ tab, count }) => {
      const here = tab.key === current.key;
      return h('li', { class: 'file-tabs__item' },
        h('a', {
          href: tabHref(clientId, tab), 'data-link': '', 'data-tab': tab.key,
          class: ['file-tabs__link', here && 'file-tabs__link--current'], 'aria-current': here ? 'page' : null,
          onclick: onFollow,
        },
        t(`tab.${tab.key}`),
        typeof count === 'number' ? [
          h('span', { class: 'file-tabs__count', 'aria-hidden': 'true', 'data-count': String(count) }, formatNumber(count)),
          h('span', { class: 'visually-hidden' }, ` (${t(`tab.count.${tab.key}`, { n: formatNumber(count) })})`)] : null));
    })));
}
