// The security officer's report (GET /audit/report): break-the-glass uses,
// refused acts, unusual reading and the audit chain's checks, across all
// girls, without client content (pseudonymous client ids at most).
import { h, replace } from '../h.js';
import { t, formatNumber, formatDateTime } from '../i18n.js';
import { api } from '../api.js';
import { heading, para, table } from '../ui.js';

const events = (list, captionKey) => ((list.items || []).length ? table({
  caption: t(captionKey), captionHidden: true, className: 'vf-table',
  columns: [{ label: t('ov.col.at'), rowHeader: true }, { label: t('ov.col.user') }, { label: t('ov.col.role') },
    { label: t('ov.col.act') }, { label: t('ov.col.client') }],
  rows: list.items.map((x) => ({ cells: [formatDateTime(x.at), x.username || '—', x.role || '—',
    `${x.action} ${x.object_type || ''}`, x.client_id || '—'] })),
}) : para(t('list.empty')));

export async function oversightView(main, ctx) {
  ctx.setTitle(t('ov.title'));
  replace(main, heading(1, t('ov.title')), para(t('loading')));
  const r = await api.get('/audit/report');
  if (!ctx.isCurrent()) return;
  const last = r.chain && r.chain.last_check;
  replace(main,
    heading(1, t('ov.title')),
    para(t('ov.intro', { from: r.from, to: r.to })),
    h('section', { 'aria-labelledby': 'ov-chain', 'data-testid': 'chain' },
      heading(2, t('ov.chain'), { id: 'ov-chain' }),
      para(!last ? t('ov.chain.none') : last.intact
        ? t('ov.chain.intact', { at: formatDateTime(last.at), n: formatNumber(last.entries) })
        : h('strong', {}, t('ov.chain.broken', { at: formatDateTime(last.at), reason: last.reason || '' })))),
    h('section', { 'aria-labelledby': 'ov-glass', 'data-testid': 'glass' },
      heading(2, `${t('ov.glass')} (${formatNumber(r.break_glass.total)})`, { id: 'ov-glass' }),
      events(r.break_glass, 'ov.glass')),
    h('section', { 'aria-labelledby': 'ov-refused' },
      heading(2, `${t('ov.refused')} (${formatNumber(r.refused.total)})`, { id: 'ov-refused' }),
      events(r.refused, 'ov.refused')),
    h('section', { 'aria-labelledby': 'ov-reading' },
      heading(2, t('ov.reading'), { id: 'ov-reading' }),
      para(t('ov.reading.intro', { n: r.unusual_reading.threshold_girls, m: r.unusual_reading.window_minutes })),
      (r.unusual_reading.users || []).length ? table({
        caption: t('ov.reading'), captionHidden: true, className: 'vf-table',
        columns: [{ label: t('ov.col.user'), rowHeader: true }, { label: t('ov.col.role') },
          { label: t('ov.col.girls'), numeric: true }, { label: t('ov.col.from') }, { label: t('ov.col.to') }],
        rows: r.unusual_reading.users.map((u) => ({ cells: [u.username || '—', u.role || '—', formatNumber(u.girls),
          formatDateTime(u.from), formatDateTime(u.to)] })),
      }) : para(t('list.empty'))));
}
