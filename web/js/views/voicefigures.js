// The coordinator's view of her voice: the share of promises kept (R9) per
// institution, caregiver and girl's team (GET /figures/promises), and the
// journal entries withheld from the girls (GET /journal/withheld).
import { h, replace } from '../h.js';
import {
  t, formatNumber, formatDate, formatDateTime, getLang,
} from '../i18n.js';
import { api } from '../api.js';
import { heading, para, table, statusBadge } from '../ui.js';
import { figureTile } from './institution.js';
import { anchorHref } from '../file-tabs.js';

function share(v) {
  if (v === null || v === undefined) return '—';
  return new Intl.NumberFormat(getLang() === 'en' ? 'en-GB' : 'nl-NL', { style: 'percent', maximumFractionDigits: 0 }).format(v);
}

const TALLY = ['kept', 'broken', 'overdue', 'open', 'changed', 'disputed'];
const tallyCells = (r) => [share(r.share_kept), ...TALLY.map((k) => formatNumber(r[k] ?? 0))];
const tallyColumns = () => [{ label: t('vf.col.share'), numeric: true }, ...TALLY.map((k) => ({ label: t(`vf.col.${k}`), numeric: true }))];
const low = (r) => r.share_kept !== null && r.share_kept !== undefined && r.share_kept < 0.5;

export async function voiceFiguresView(main, ctx) {
  ctx.setTitle(t('vf.title'));
  replace(main, heading(1, t('vf.title')), para(t('loading')));
  const [f, w] = await Promise.all([api.get('/figures/promises'), api.get('/journal/withheld')]);
  if (!ctx.isCurrent()) return;
  const inst = f.institution || {};
  const clientLink = (c, anchor) => h('a', { href: anchorHref(c.id, anchor), class: 'utrecht-link utrecht-link--html-a', 'data-link': '' }, c.pseudonym);
  replace(main,
    heading(1, t('vf.title')),
    para(t('vf.intro', { org: (f.organisation && f.organisation.name) || ctx.user.org_name || '—', date: formatDate(f.as_of) })),
    h('section', { 'aria-labelledby': 'vf-inst', 'data-testid': 'promise-figures' },
      heading(2, t('vf.institution'), { id: 'vf-inst' }),
      h('dl', { class: 'figure-tiles' },
        figureTile('prom.share', share(inst.share_kept), low(inst), 'share_kept'),
        figureTile('prom.kept', formatNumber(inst.kept ?? 0)),
        figureTile('prom.broken', formatNumber(inst.broken ?? 0), inst.broken > 0),
        figureTile('prom.overdue', formatNumber(inst.overdue ?? 0), inst.overdue > 0),
        figureTile('prom.open', formatNumber(inst.open ?? 0)),
        figureTile('prom.changed', formatNumber(inst.changed ?? 0)),
        figureTile('prom.disputed', formatNumber(inst.disputed ?? 0), inst.disputed > 0)),
      para(h('span', { class: 'item-sub' }, t('vf.share.explain')))),
    h('section', { 'aria-labelledby': 'vf-cg' },
      heading(2, t('vf.caregivers'), { id: 'vf-cg' }),
      (f.caregivers || []).length ? table({
        caption: t('vf.caregivers'), captionHidden: true, className: 'vf-table',
        columns: [{ label: t('vf.col.caregiver'), rowHeader: true }, ...tallyColumns()],
        rows: f.caregivers.map((r) => ({ className: low(r) ? 'row-has-alerts' : null, cells: [r.user ? r.user.display_name : '—', ...tallyCells(r)] })),
      }) : para(t('list.empty'))),
    h('section', { 'aria-labelledby': 'vf-teams' },
      heading(2, t('vf.teams'), { id: 'vf-teams' }),
      (f.teams || []).length ? table({
        caption: t('vf.teams'), captionHidden: true, className: 'vf-table',
        columns: [{ label: t('vf.col.client'), rowHeader: true }, ...tallyColumns()],
        rows: f.teams.map((r) => ({ className: low(r) ? 'row-has-alerts' : null, cells: [r.client ? clientLink(r.client, 'promises') : '—', ...tallyCells(r)] })),
      }) : para(t('list.empty'))),
    h('section', { 'aria-labelledby': 'vf-withheld', 'data-testid': 'withheld' },
      heading(2, t('vf.withheld'), { id: 'vf-withheld' }),
      para(t('vf.withheld.intro')),
      (w.items || []).length ? table({
        caption: t('vf.withheld'), captionHidden: true, className: 'vf-withheld-table',
        columns: [{ label: t('vf.col.client'), rowHeader: true }, { label: t('vf.col.entry_date') }, { label: t('vf.col.reason') },
          { label: t('vf.col.by') }],
        rows: w.items.map((it) => [clientLink(it.client, 'journal'), formatDate(it.entry_date), it.reason,
          h('span', null, it.withheld_by ? it.withheld_by.display_name : '—', h('span', { class: 'item-sub' }, ` ${formatDateTime(it.withheld_at)}`))]),
      }) : h('p', { class: 'utrecht-paragraph' }, statusBadge('success', t('vf.withheld.none')))));
}
