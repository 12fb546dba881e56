// The web app's screens as one table: per path, the view, the roles that may
// see it, and its place in the menu.  The router (app.js) and the menu per role
// are both read from it; a path no row matches is "niet gevonden", a row one's
// role may not see is "geen toegang".
import { loginView } from './views/login.js';
import { caseloadView } from './views/caseload.js';
import { clientView } from './views/client.js';
import { accessLogView } from './views/accesslog.js';
import { organisationView } from './views/organisation.js';
import { municipalityView } from './views/municipality.js';
import { monitorView } from './views/monitor.js';
import { adminView } from './views/admin.js';
import { worklistView } from './views/worklist.js';
import { institutionView } from './views/institution.js';
import { portalView } from './views/portal.js';
import { voiceFiguresView } from './views/voicefigures.js';
import { notFoundView, noAccessView } from './views/notfound.js';
import { climateView } from './views/climate.js';
import { climateReportView } from './views/climatereport.js';
import { climateAnswerView } from './views/climateanswer.js';
import { oversightView } from './views/oversight.js';
import { securityView } from './views/security.js';
import { signalsView, signalView } from './views/signals.js';
import { intakeView } from './views/intake.js';
import { activateStaffView, activateClientView, accessGrantsView } from './views/account.js';
import { notificationsView } from './views/notifications.js';
import { NOTICE_ROLES } from './notifications.js';

export const ROLES = ['admin', 'coordinator', 'caregiver', 'partner', 'client', 'municipality', 'monitor', 'security_officer', 'reporter'];
const CARE = ['coordinator', 'caregiver'];
const CLIENT_DATA = ['coordinator', 'caregiver', 'partner', 'client'];

// Each row:
//   path     '/a/:name' (a :name is one path segment, given to the view as
//            params.name) or '/a/*' (anything below /a/)
//   view     the screen; byRole: another screen for some roles on the same path
//   roles    who may see it; public: shown only to whom is not logged in;
//            open: shown to everyone, logged in or not
//   when     a further condition on the user
//   home     roles sent to their own start page instead (her own page, not the staff's view of her file)
//   menu     the label key, when the screen is in the menu; menuRoles when
//            fewer roles find it there than may see it; under: the item is
//            current on the paths below it too
// The menu keeps the order of the rows.
export const ROUTES = [
  { path: '/login', view: loginView, public: true },
  { path: '/q', view: climateAnswerView, open: true },   // answering a questionnaire needs no account
  { path: '/activeren', view: activateStaffView, open: true },   // a staff member sets her own password ("u")
  { path: '/welkom', view: activateClientView, open: true },     // the girl activates her own account ("je")
  { path: '/worklist', view: worklistView, roles: CARE, menu: 'nav.worklist' },
  { path: '/clients', view: caseloadView, roles: [...CARE, 'partner'], home: ['client'], menu: 'nav.caseload', under: true },
  { path: '/institution', view: institutionView, roles: ['coordinator'], menu: 'nav.institution' },
  { path: '/promises', view: voiceFiguresView, roles: ['coordinator'], menu: 'nav.voice' },
  { path: '/portal', view: portalView, roles: ['client'], when: (u) => !!u.client_id, menu: 'nav.portal' },
  { path: '/organisation', view: organisationView, byRole: { municipality: municipalityView, monitor: monitorView }, roles: ROLES, menu: 'nav.organisation', menuRoles: ['municipality', 'monitor'] },
  { path: '/signals', view: signalsView, roles: ['reporter', 'coordinator'], menu: 'nav.signals', under: true },
  { path: '/signals/:id', view: signalView, roles: ['coordinator'] },
  { path: '/climate', view: climateView, roles: ['coordinator'], menu: 'nav.climate' },
  { path: '/climate/rounds/:id', view: climateReportView, roles: ['coordinator'] },
  { path: '/security', view: securityView, roles: ROLES },   // reached from the header, for every role
  { path: '/notifications', view: notificationsView, roles: NOTICE_ROLES },   // reached from the header
  { path: '/admin', view: adminView, roles: ['admin'], menu: 'nav.admin' },
  { path: '/oversight', view: oversightView, roles: ['security_officer'], menu: 'nav.oversight' },
  { path: '/access-grants', view: accessGrantsView, roles: ['security_officer', 'coordinator'], menu: 'nav.grants' },
  { path: '/clients/new', view: intakeView, roles: ['coordinator'] },
  { path: '/clients/:id', view: clientView, roles: [...CARE, 'partner'], home: ['client'] },
  { path: '/clients/:id/access-log', view: accessLogView, roles: CLIENT_DATA },
  { path: '/clients/:id/:tab', view: clientView, roles: [...CARE, 'partner'], home: ['client'] },   // a tab of the file (file-tabs.js)
  { path: '/clients/*', view: notFoundView, roles: CLIENT_DATA },
];

// '/clients/:id' -> a regular expression and the names of its parameters.
function compile(pattern) {
  const names = [];
  const src = pattern.split('/').map((seg) => {
    if (seg === '*') return '.+';
    if (seg.startsWith(':')) { names.push(seg.slice(1)); return '([^/]+)'; }
    return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }).join('/');
  return { re: new RegExp(`^${src}$`), names };
}

const COMPILED = ROUTES.map((row) => ({ row, ...compile(row.path) }));

// The first row whose path matches, with its parameters; null when none does.
export function matchRoute(path) {
  for (const { row, re, names } of COMPILED) {
    const m = re.exec(path);
    if (m) return { row, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])])) };
  }
  return null;
}

export const maySee = (row, user) => !!user && !!row.roles && row.roles.includes(user.role) && (!row.when || row.when(user));

// What the router does with a path for a user (null when logged out):
// {view, params} | {redirect: 'home'} | {redirectLogin: true}.
export function resolve(path, user) {
  const found = matchRoute(path);
  if (found && found.row.open) return { view: found.row.view, params: {} };
  if (found && found.row.public) return user ? { redirect: 'home' } : { view: found.row.view, params: {} };
  if (!user) return { redirectLogin: true };
  if (path === '/') return { redirect: 'home' };
  if (!found) return { view: notFoundView, params: {} };
  const { row, params } = found;
  if (row.home && row.home.includes(user.role)) return { redirect: 'home' };
  if (!maySee(row, user)) return { view: noAccessView, params: {} };
  return { view: (row.byRole && row.byRole[user.role]) || row.view, params };
}

// The menu of a user: [{href, label, under}] in the order of the table.
export function menuFor(user) {
  if (!user) return [];
  return ROUTES.filter((row) => row.menu && maySee(row, user) && (!row.menuRoles || row.menuRoles.includes(user.role)))
    .map((row) => ({ href: row.path, label: row.menu, under: !!row.under }));
}
