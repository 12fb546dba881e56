// The trajectory timeline as an SVG picture, plus the same content as a
// plain table.  Built only with createElementNS/textContent.
import { h, s, replace } from './h.js';
import { t, label, formatDate, formatAge, formatDays, parseIso } from './i18n.js';
import { dataList } from './ui.js';

const DAY = 86400000;
const W = 1120;          // viewBox width
const LEFT = 118;        // lane-label column
const RIGHT = 16;
const AXIS_Y = 40;

export function isoToMs(iso) {
  const p = parseIso(iso);
  return p ? Date.UTC(p.y, p.m - 1, p.d) : null;
}
export function msToIso(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}
export function daysInclusive(startIso, endIso) {
  return Math.round((isoToMs(endIso) - isoToMs(startIso)) / DAY) + 1;
}

// Rows for overlapping intervals: greedy first fit.
function stack(items) {
  const rowEnds = [];
  for (const it of items) {
    let r = rowEnds.findIndex((end) => end <= it.s);
    if (r < 0) { r = rowEnds.length; rowEnds.push(0); }
    rowEnds[r] = it.e;
    it.row = r;
  }
  return Math.max(1, rowEnds.length);
}

function truncate(text, px, charPx = 6.6) {
  const max = Math.floor(px / charPx);
  if (max < 3) return '';
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1)}…`;
}

function periodText(start, end) {
  return end ? t('period', { from: formatDate(start), to: formatDate(end) })
    : `${t('period.open', { from: formatDate(start) })} (${t('timeline.ongoing')})`;
}

function flagText(flag) {
  return flag.recorded_end
    ? t('timeline.flag.detail', { recorded: formatDate(flag.recorded_end), legal: formatDate(flag.legal_end) })
    : t('timeline.flag.detail.open', { legal: formatDate(flag.legal_end) });
}

// Normalise the timeline answer into a list of drawable/tabulable entries.
export function entries(tl) {
  const flagsBy = new Map();
  for (const f of tl.flags || []) flagsBy.set(`${f.object_type}:${f.object_id}`, f);
  const list = [];
  for (const p of tl.phases || []) {
    const notes = [];
    if (p.location) notes.push(`${t('col.location')}: ${p.location}${p.location_shielded ? ` (${t('field.shielded')})` : ''}`);
    else if (p.location_shielded || p.location_hidden) notes.push(`${t('col.location')}: ${t('field.shielded')}`);
    if (p.out_of_region) notes.push(`${t('field.out_of_region')}${p.safety_reason ? `: ${p.safety_reason}` : ''}`);
    if (p.change_reason) notes.push(`${t('field.change_reason')}: ${p.change_reason}`);
    list.push({
      type: 'phase', id: p.id, cls: `form-${p.form}`, start: p.start_date, end: p.end_date,
      title: label('form', p.form), sub: p.provider ? p.provider.name : '', age: p.age_at_start, notes, raw: p,
    });
  }
  for (const b of tl.legal_bases || []) {
    const flag = flagsBy.get(`legal_basis:${b.id}`);
    const notes = [];
    if (b.paying_municipality) notes.push(`${t('col.paying')}: ${b.paying_municipality.name}`);
    if (b.legal_end) notes.push(`${t('col.legal_end')}: ${formatDate(b.legal_end)}`);
    if (flag) notes.push(flagText(flag));
    list.push({
      type: 'legal_basis', id: b.id, cls: 'basis', start: b.start_date, end: b.end_date, title: label('basis', b.kind),
      sub: b.paying_municipality ? b.paying_municipality.name : '', age: b.age_at_start, notes, flag, raw: b,
    });
  }
  for (const o of tl.court_orders || []) {
    const flag = flagsBy.get(`court_order:${o.id}`);
    const notes = [];
    if (o.legal_end) notes.push(`${t('col.legal_end')}: ${formatDate(o.legal_end)}`);
    if (flag) notes.push(flagText(flag));
    list.push({
      type: 'court_order', id: o.id, cls: 'order', start: o.start_date, end: o.end_date, title: label('order', o.kind),
      sub: '', age: o.age_at_start, notes, flag, raw: o,
    });
  }
  for (const m of tl.team || []) {
    list.push({
      type: 'team', id: m.id, cls: m.role === 'main_caregiver' ? 'team-main' : 'team', start: m.from_date, end: m.to_date,
      title: m.user ? `${m.user.display_name}${m.user.active === false ? ` ${t('user.inactive')}` : ''}` : '', sub: label('teamrole', m.role), age: m.age_at_start, notes: [], raw: m,
    });
  }
  for (const ho of tl.handovers || []) {
    if (ho.status === 'withdrawn') continue;
    const day = ho.accepted_on || ho.planned_date;
    if (!day) continue;
    const notes = [`${t('ho.col.role')}: ${label('teamrole', ho.role)}`, t('ho.proposed_on', { date: formatDate(ho.proposed_on) })];
    if (ho.meeting_date) notes.push(`${t('ho.col.meeting')}: ${t(ho.meeting_with_her ? 'ho.meeting.with' : 'ho.meeting.without', { date: formatDate(ho.meeting_date) })}`);
    list.push({
      type: 'handover', id: ho.id, cls: ho.status === 'accepted' ? 'handover' : 'handover-proposed', start: day, end: day,
      title: t('timeline.handover', { from: (ho.outgoing && ho.outgoing.name) || '—', to: (ho.incoming && ho.incoming.name) || '—' }),
      sub: ho.status === 'accepted' ? label('hostatus', ho.status) : t('timeline.handover.planned'), age: null, notes, raw: ho,
    });
  }
  for (const g of tl.gaps || []) {
    const days = typeof g.days === 'number' && g.days > 0 ? g.days : (g.end ? daysInclusive(g.start, g.end) : null);
    list.push({
      type: 'gap', id: `gap-${g.start}`, cls: 'gap', start: g.start, end: g.end, title: t('timeline.gap'),
      sub: days ? formatDays(days) : t('timeline.gap.open'), age: g.age_at_start, notes: [], raw: g,
    });
  }
  list.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  return list;
}

function describe(e) {
  const parts = [`${t(`type.${e.type}`)}: ${e.title}`];
  if (e.sub) parts.push(e.sub);
  parts.push(e.type === 'handover' ? formatDate(e.start) : periodText(e.start, e.end));
  if (e.age) parts.push(t('timeline.age', { age: formatAge(e.age) }));
  for (const n of e.notes) parts.push(n);
  if (e.flag) parts.push(t('timeline.flag'));
  return parts.join('. ');
}

function detailContent(e) {
  const pairs = [
    [t('timeline.col.type'), t(`type.${e.type}`)],
    [t('timeline.col.what'), e.sub ? `${e.title} — ${e.sub}` : e.title],
    [t('timeline.col.from'), formatDate(e.start)],
    [t('timeline.col.to'), e.end ? formatDate(e.end) : t('timeline.ongoing')],
    e.age ? [t('timeline.col.age'), formatAge(e.age)] : null,
    e.notes.length ? [t('timeline.col.notes'), e.notes.join('; ')] : null,
  ];
  return h('div', { class: ['tl-detail-body', (e.type === 'gap' || e.flag) && 'tl-detail-body--alert'] },
    h('p', { class: 'utrecht-paragraph tl-detail-title' }, `${t(`type.${e.type}`)}: ${e.title}`),
    dataList(pairs));
}

// Build the picture.  Returns {svg, legend, detail}.
export function renderTimeline(tl, clientName, { full = false } = {}) {
  const today = tl.today;
  const all = entries(tl);
  const todayMs = isoToMs(today);
  const b18 = isoToMs(tl.eighteenth_birthday);
  const b23 = isoToMs(tl.twenty_third_birthday);

  // Domain: from the earliest start to past the 23rd birthday and today.
  let d0 = Math.min(...all.map((e) => isoToMs(e.start)).filter((v) => v !== null),
    tl.trajectory && tl.trajectory.start_date ? isoToMs(tl.trajectory.start_date) : Infinity, todayMs - 365 * DAY);
  // Compact view: up to a year past today or her 18th birthday; the 23rd birthday
  // is drawn when it lies near enough, or in the full view.
  let d1 = Math.max(todayMs, b18 || 0, ...all.map((e) => (e.end ? isoToMs(e.end) + DAY : todayMs))) + 365 * DAY;
  if (b23 && (full || b23 < d1 + 2 * 365 * DAY)) d1 = Math.max(d1, b23);
  const b23Outside = b23 && b23 > d1;
  const y0 = new Date(d0).getUTCFullYear();
  d0 = Date.UTC(y0, new Date(d0).getUTCMonth() < 2 ? 0 : new Date(d0).getUTCMonth() - 1, 1);
  d1 = d1 + 60 * DAY;
  const plotW = W - LEFT - RIGHT;
  const x = (ms) => LEFT + ((ms - d0) / (d1 - d0)) * plotW;
  const pxPerDay = plotW / ((d1 - d0) / DAY);

  // Item geometry in days.
  for (const e of all) {
    e.s = isoToMs(e.start);
    e.e = e.end ? isoToMs(e.end) + DAY : Math.max(todayMs + DAY, e.s + DAY);
    // Open-ended gaps, and open-ended items recorded past their legal end, run on indefinitely.
    if (!e.end && (e.type === 'gap' || (e.flag && e.flag.legal_end))) e.e = d1 - 20 * DAY;
    // Open-ended items that start after today (a basis from her 18th birthday) are drawn ahead too.
    if (!e.end && e.type !== 'handover' && e.s > todayMs) e.e = d1 - 20 * DAY;
  }
  const phases = all.filter((e) => e.type === 'phase');
  const bases = all.filter((e) => e.type === 'legal_basis');
  const orders = all.filter((e) => e.type === 'court_order');
  const team = all.filter((e) => e.type === 'team');
  const gaps = all.filter((e) => e.type === 'gap');
  const handovers = all.filter((e) => e.type === 'handover');

  const lanes = [];
  let y = AXIS_Y + 14;
  const addLane = (key, items, rowH, gap = 4) => {
    const rows = stack(items);
    const height = rows * rowH + (rows - 1) * gap;
    lanes.push({ key, items, rowH, gap, y, height });
    y += height + 18;
  };
  addLane('phases', phases, 38);
  addLane('bases', bases, 26);
  addLane('orders', orders, 22);
  addLane('team', team, 18, 3);
  const lanesBottom = y - 10;
  const markerLabelY = lanesBottom + 16;
  const H = markerLabelY + 32;

  const svg = s('svg', {
    class: 'tl-svg', viewBox: `0 0 ${W} ${H}`, role: 'group',
    'aria-label': t('timeline.svg.label', { name: clientName }), focusable: 'false',
    'data-testid': 'timeline-svg',
  });
  svg.appendChild(s('title', null, t('timeline.svg.label', { name: clientName })));

  // Patterns: hatched red for gaps, striped for "past legal end".
  const defs = s('defs', null,
    s('pattern', { id: 'tl-hatch-gap', patternUnits: 'userSpaceOnUse', width: 8, height: 8, patternTransform: 'rotate(45)' },
      s('rect', { width: 8, height: 8, class: 'tl-gap-bg' }),
      s('rect', { width: 3.5, height: 8, class: 'tl-gap-stripe' })),
    s('pattern', { id: 'tl-hatch-flag', patternUnits: 'userSpaceOnUse', width: 6, height: 6, patternTransform: 'rotate(-45)' },
      s('rect', { width: 6, height: 6, class: 'tl-flag-bg' }),
      s('rect', { width: 2.5, height: 6, class: 'tl-flag-stripe' })));
  svg.appendChild(defs);

  // Future area and lane backgrounds.
  const bg = s('g', { class: 'tl-bg', 'aria-hidden': 'true' });
  for (const lane of lanes) {
    bg.appendChild(s('rect', { x: LEFT, y: lane.y - 5, width: plotW, height: lane.height + 10, class: 'tl-lane-bg' }));
    bg.appendChild(s('text', { x: 8, y: lane.y + Math.min(lane.height, lane.rowH) / 2 + 4, class: 'tl-lane-label' }, t(`timeline.lane.${lane.key}`)));
  }
  const tx = x(todayMs);
  if (tx < W - RIGHT) bg.appendChild(s('rect', { x: tx, y: AXIS_Y, width: W - RIGHT - tx, height: lanesBottom - AXIS_Y, class: 'tl-future' }));
  svg.appendChild(bg);

  // Axis: years, and months when there is room.
  const axis = s('g', { class: 'tl-axis', 'aria-hidden': 'true' });
  axis.appendChild(s('line', { x1: LEFT, x2: W - RIGHT, y1: AXIS_Y, y2: AXIS_Y, class: 'tl-axis-line' }));
  const monthPx = pxPerDay * 30.4;
  const startY = new Date(d0).getUTCFullYear();
  const endY = new Date(d1).getUTCFullYear();
  const yearStep = monthPx * 12 < 38 ? 2 : 1;
  for (let yr = startY; yr <= endY; yr += 1) {
    for (let mo = 0; mo < 12; mo += 1) {
      const ms = Date.UTC(yr, mo, 1);
      if (ms < d0 || ms > d1) continue;
      const xx = x(ms);
      if (mo === 0) {
        axis.appendChild(s('line', { x1: xx, x2: xx, y1: AXIS_Y - 8, y2: lanesBottom, class: 'tl-grid-year' }));
        if ((yr - startY) % yearStep === 0 && xx + 34 < W - RIGHT) axis.appendChild(s('text', { x: xx + 3, y: AXIS_Y - 12, class: 'tl-year' }, String(yr)));
      } else if (monthPx >= 7) {
        axis.appendChild(s('line', { x1: xx, x2: xx, y1: AXIS_Y - 3, y2: AXIS_Y, class: 'tl-tick-month' }));
        if (monthPx >= 34 && mo % 3 === 0) axis.appendChild(s('text', { x: xx + 2, y: AXIS_Y - 3, class: 'tl-month' }, String(mo + 1).padStart(2, '0')));
      }
    }
  }
  svg.appendChild(axis);

  const detail = h('div', { class: 'tl-detail', id: 'tl-detail', 'data-testid': 'timeline-detail' },
    h('p', { class: 'utrecht-paragraph tl-detail-empty' }, t('timeline.details.empty')));
  const show = (e, g) => {
    replace(detail, detailContent(e));
    for (const el of svg.querySelectorAll('.tl-item--selected')) el.classList.remove('tl-item--selected');
    g.classList.add('tl-item--selected');
  };

  const itemsG = s('g', { class: 'tl-items' });
  const focusable = (e, ...children) => {
    const g = s('g', {
      class: `tl-item tl-item--${e.type} tl-${e.cls}${e.flag ? ' tl-item--flagged' : ''}`,
      tabindex: '0', role: 'button', 'aria-label': describe(e),
      'data-type': e.type, 'data-id': e.id,
    }, ...children);
    g.addEventListener('focus', () => show(e, g));
    g.addEventListener('click', () => { show(e, g); g.focus(); });
    g.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); show(e, g); }
    });
    return g;
  };

  for (const lane of lanes) {
    for (const e of lane.items) {
      const x1 = x(e.s);
      const w = Math.max(4, x(e.e) - x1);
      const yy = lane.y + e.row * (lane.rowH + lane.gap);
      const shape = s('rect', { x: x1, y: yy, width: w, height: lane.rowH, rx: 3, class: 'tl-shape' });
      const children = [shape];
      if (e.flag && e.flag.legal_end && isoToMs(e.flag.legal_end) + DAY < e.e) {
        const fx = x(isoToMs(e.flag.legal_end) + DAY);
        const fw = Math.max(4, x(e.e) - fx);
        children.push(s('rect', { x: fx, y: yy, width: fw, height: lane.rowH, class: 'tl-flag-area' }));
        children.push(s('circle', { cx: fx, cy: yy, r: 7, class: 'tl-flag-dot' }));
        children.push(s('text', { x: fx, y: yy + 4, class: 'tl-flag-mark', 'text-anchor': 'middle' }, '!'));
      }
      if (!e.end && !(e.flag && e.flag.legal_end)) {
        const ex = x(e.e);
        children.push(s('path', { d: `M${ex} ${yy} l7 ${lane.rowH / 2} l-7 ${lane.rowH / 2} z`, class: 'tl-ongoing' }));
      }
      const textW = (e.flag && e.flag.legal_end ? x(isoToMs(e.flag.legal_end)) - x1 : w) - 8;
      const txt = lane.key === 'phases'
        ? truncate(e.sub ? `${e.title} · ${e.sub}` : e.title, textW, 6.4)
        : truncate(lane.key === 'team' ? `${e.title} (${e.sub})` : e.title, textW, lane.key === 'team' ? 5.6 : 6.2);
      if (txt) children.push(s('text', { x: x1 + 5, y: yy + lane.rowH / 2 + 4, class: 'tl-label' }, txt));
      itemsG.appendChild(focusable(e, ...children));
    }
  }
  // Gaps: red hatched over the legal-basis lane, with a red strip on the axis.
  const basesLane = lanes.find((l) => l.key === 'bases');
  for (const e of gaps) {
    if (e.s >= d1) continue;   // beyond the picture (compact view): the table still lists it
    const x1 = x(e.s);
    const w = Math.max(6, x(e.e) - x1);
    const gy = basesLane.y - 5;
    const gh = basesLane.height + 10;
    const children = [
      s('rect', { x: x1, y: AXIS_Y + 2, width: w, height: lanesBottom - AXIS_Y - 2, class: 'tl-gap-column' }),
      s('rect', { x: x1, y: gy, width: w, height: gh, class: 'tl-gap-shape tl-shape' }),
    ];
    const full = t('timeline.gap');
    const lw = full.length * 6.9 + 8;
    if (w >= lw + 4) {
      children.push(s('rect', { x: x1 + 2, y: gy + gh / 2 - 9, width: lw, height: 18, class: 'tl-gap-label-bg' }));
      children.push(s('text', { x: x1 + 6, y: gy + gh / 2 + 4, class: 'tl-gap-label' }, full));
    } else {
      // Too narrow: the label sits in the gutter above the lane, pointing at the gap.
      const lx = Math.min(x1, W - RIGHT - lw);
      children.push(s('rect', { x: lx, y: gy - 16, width: lw, height: 16, class: 'tl-gap-label-bg' }));
      children.push(s('text', { x: lx + 4, y: gy - 4, class: 'tl-gap-label' }, full));
    }
    itemsG.appendChild(focusable(e, ...children));
  }
  // Handovers: a diamond on the team row (filled once accepted, open while waiting).
  const teamLane = lanes.find((l) => l.key === 'team');
  for (const e of handovers) {
    if (e.s < d0 || e.s >= d1) continue;
    const hx = x(e.s);
    const top = teamLane.y - 9;
    const bottom = teamLane.y + teamLane.height + 5;
    itemsG.appendChild(focusable(e,
      s('line', { x1: hx, x2: hx, y1: top, y2: bottom, class: 'tl-handover-line' }),
      s('path', { d: `M${hx} ${top - 7} l7 7 l-7 7 l-7 -7 z`, class: 'tl-handover-mark tl-shape' })));
  }
  svg.appendChild(itemsG);

  // Vertical lines: 18th and 23rd birthday, today.
  const markers = [
    { key: 'b18', ms: b18, iso: tl.eighteenth_birthday, cls: 'tl-marker-18', text: t('timeline.b18') },
    { key: 'b23', ms: b23, iso: tl.twenty_third_birthday, cls: 'tl-marker-23', text: t('timeline.b23') },
    { key: 'today', ms: todayMs, iso: today, cls: 'tl-marker-today', text: t('timeline.today') },
  ].filter((m) => m.ms !== null && m.ms >= d0 && m.ms <= d1);
  if (b23Outside) {
    // Beyond the picture: an arrow at the right edge says when she turns 23.
    const lbl = `${t('timeline.b23')} ${formatDate(tl.twenty_third_birthday)} →`;
    const lw = lbl.length * 6.4;
    const e = { type: 'marker', id: 'b23', title: t('timeline.b23'), sub: '', start: tl.twenty_third_birthday, end: tl.twenty_third_birthday, notes: [], age: null };
    const g = focusable(e,
      s('rect', { x: W - RIGHT - lw - 6, y: markerLabelY - 11, width: lw + 6, height: 15, rx: 2, class: 'tl-marker-label-bg' }),
      s('text', { x: W - RIGHT - 3, y: markerLabelY, 'text-anchor': 'end', class: 'tl-marker-label tl-marker-23' }, lbl));
    g.setAttribute('aria-label', `${t('timeline.b23')}: ${formatDate(tl.twenty_third_birthday)}`);
    svg.appendChild(g);
  }
  markers.sort((a, b) => a.ms - b.ms);
  let lastLabelEnd = -Infinity;
  let level = 0;
  for (const m of markers) {
    const mx = x(m.ms);
    const lbl = `${m.text} ${formatDate(m.iso)}`;
    const lw = lbl.length * 6.4;
    level = mx - lw / 2 < lastLabelEnd + 6 ? level + 1 : 0;
    lastLabelEnd = mx + lw / 2;
    const ly = markerLabelY + level * 15;
    const cx = Math.min(Math.max(mx, LEFT + lw / 2 + 4), W - RIGHT - lw / 2 - 4);
    const e = {
      type: 'marker', id: m.key, title: m.text, sub: '', start: m.iso, end: m.iso, notes: [], age: null,
    };
    const g = focusable(e,
      s('line', { x1: mx, x2: mx, y1: AXIS_Y - 6, y2: ly - 11, class: `tl-marker-line ${m.cls}` }),
      s('rect', { x: cx - lw / 2 - 3, y: ly - 11, width: lw + 6, height: 15, rx: 2, class: 'tl-marker-label-bg' }),
      s('text', { x: cx, y: ly, 'text-anchor': 'middle', class: `tl-marker-label ${m.cls}` }, lbl));
    g.setAttribute('aria-label', `${m.text}: ${formatDate(m.iso)}`);
    svg.appendChild(g);
  }

  const legend = h('div', { class: 'tl-legend' },
    h('h3', { class: 'utrecht-heading-3 tl-legend-title' }, t('timeline.legend')),
    h('ul', { class: 'tl-legend-list' },
      ['ambulant', 'family_home', 'open_residential', 'secure_residential'].map((f) => h('li', null,
        h('span', { class: `tl-swatch tl-swatch--form-${f}`, 'aria-hidden': 'true' }), label('form', f))),
      h('li', null, h('span', { class: 'tl-swatch tl-swatch--basis', 'aria-hidden': 'true' }), t('type.legal_basis')),
      h('li', null, h('span', { class: 'tl-swatch tl-swatch--order', 'aria-hidden': 'true' }), t('type.court_order')),
      h('li', null, h('span', { class: 'tl-swatch tl-swatch--team', 'aria-hidden': 'true' }), t('type.team')),
      handovers.length ? h('li', null, h('span', { class: 'tl-swatch tl-swatch--handover', 'aria-hidden': 'true' }), t('type.handover')) : null,
      h('li', null, h('span', { class: 'tl-swatch tl-swatch--gap', 'aria-hidden': 'true' }), t('timeline.gap')),
      h('li', null, h('span', { class: 'tl-swatch tl-swatch--flag', 'aria-hidden': 'true' }), t('timeline.flag')),
      h('li', null, h('span', { class: 'tl-swatch tl-swatch--line18', 'aria-hidden': 'true' }), `${t('timeline.b18')} / ${t('timeline.b23')}`),
      h('li', null, h('span', { class: 'tl-swatch tl-swatch--today', 'aria-hidden': 'true' }), t('timeline.today'))));

  return { svg, legend, detail, count: all.length, canExpand: !!b23Outside };
}

// The same content as a plain table (screen readers, printing).
export function timelineTable(tl) {
  const rows = entries(tl).map((e) => ({
    key: e.start,
    className: (e.type === 'gap' || e.flag) ? 'tl-row-alert' : null,
    cells: [
      t(`type.${e.type}`),
      e.sub ? `${e.title} — ${e.sub}` : e.title,
      formatDate(e.start),
      e.type === 'handover' ? '' : (e.end ? formatDate(e.end) : t('timeline.ongoing')),
      e.age ? formatAge(e.age) : '',
      [e.flag ? t('timeline.flag') : null, ...e.notes].filter(Boolean).join('; '),
    ],
  }));
  for (const [key, iso] of [['b18', tl.eighteenth_birthday], ['b23', tl.twenty_third_birthday], ['today', tl.today]]) {
    if (iso) rows.push({ key: iso, className: 'tl-row-marker', cells: [t('type.marker'), t(`timeline.${key}`), formatDate(iso), '', '', ''] });
  }
  rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return rows;
}
