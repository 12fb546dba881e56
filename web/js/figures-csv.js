// figures-csv.js - the CSV download of a figures answer
// (GET /api/v1/figures/municipality or /monitor): one row per area and
// figure, one column per period, exactly the cells of the JSON. A suppressed
// cell is "< min_cell", a figure that does not apply is empty. Pure: also
// imported by the API tests to prove CSV and JSON equal.

function field(v) {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function cellText(v, minCell) {
  if (v === null || v === undefined) return '';
  if (v === 'suppressed') return `< ${minCell}`;
  return String(v);
}

export function figuresCsv(data) {
  const lines = [['area_kind', 'area', 'region', 'figure', ...data.periods].map(field).join(',')];
  for (const a of data.areas) {
    for (const f of data.figures) {
      const vals = a.values[f.key] ?? [];
      lines.push([a.kind, a.name, a.region ?? '', f.key, ...vals.map((v) => cellText(v, data.min_cell))]
        .map(field).join(','));
    }
  }
  return lines.join('\r\n') + '\r\n';
}

// Parse what figuresCsv wrote (quoted fields, CRLF), for the tests.
export function parseCsv(text) {
  const rows = [];
  let row = [], cur = '', q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') { cur += '"'; i++; }
      else if (c === '"') q = false;
      else cur += c;
    } else if (c === '"') q = true;
    else if (c === ',') { row.push(cur); cur = ''; }
    else if (c === '\r') { /* CRLF */ }
    else if (c === '\n') { row.push(cur); rows.push(row); row = []; cur = ''; }
    else cur += c;
  }
  return rows;
}
