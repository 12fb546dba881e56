// QR code (ISO/IEC 18004) for short texts, drawn as SVG: byte mode, error
// correction level M, versions 1 to 10 (up to 213 bytes), the mask with the
// lowest penalty.  Written for Doorloop's printable climate codes; no data
// leaves the browser.
import { s } from './h.js';

// ---- Galois field GF(256), polynomial x^8 + x^4 + x^3 + x^2 + 1 ----
const EXP = new Uint8Array(512);
const LOG = new Uint8Array(256);
(() => {
  let x = 1;
  for (let i = 0; i < 255; i += 1) {
    EXP[i] = x;
    LOG[x] = i;
    x <<= 1;
    if (x & 0x100) x ^= 0x11d;
  }
  for (let i = 255; i < 512; i += 1) EXP[i] = EXP[i - 255];
})();
const mul = (a, b) => (a === 0 || b === 0 ? 0 : EXP[LOG[a] + LOG[b]]);

// Generator polynomial of degree n (coefficients, highest first, leading 1 left out).
function generator(n) {
  let g = [1];
  for (let i = 0; i < n; i += 1) {
    const next = new Array(g.length + 1).fill(0);
    for (let j = 0; j < g.length; j += 1) {
      next[j] ^= g[j];
      next[j + 1] ^= mul(g[j], EXP[i]);
    }
    g = next;
  }
  return g.slice(1);
}

// The n error-correction codewords of `data`: the remainder of data * x^n / g.
function ecc(data, n) {
  const g = generator(n);
  const rem = new Array(n).fill(0);
  for (const b of data) {
    const f = b ^ rem.shift();
    rem.push(0);
    for (let i = 0; i < n; i += 1) rem[i] ^= mul(g[i], f);
  }
  return rem;
}

// Level M per version 1..10: error-correction codewords per block, blocks.
const M_ECC = [0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26];
const M_BLOCKS = [0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5];
const MAX_VERSION = 10;

function alignmentPositions(v) {
  if (v === 1) return [];
  const size = 17 + 4 * v;
  const n = Math.floor(v / 7) + 2;
  const step = Math.ceil((size - 13) / (2 * n - 2)) * 2;
  const pos = [6];
  for (let p = size - 7; pos.length < n; p -= step) pos.splice(1, 0, p);
  return pos;
}

// Modules available for data and error correction, in codewords.
function totalCodewords(v) {
  let bits = (16 * v + 128) * v + 64;
  if (v >= 2) {
    const n = Math.floor(v / 7) + 2;
    bits -= (25 * n - 10) * n - 55;
    if (v >= 7) bits -= 36;
  }
  return Math.floor(bits / 8);
}

const dataCodewords = (v) => totalCodewords(v) - M_ECC[v] * M_BLOCKS[v];

// ---- the bit stream ----
function encodeData(bytes, v) {
  const bits = [];
  const put = (val, len) => { for (let i = len - 1; i >= 0; i -= 1) bits.push((val >>> i) & 1); };
  put(0b0100, 4);
  put(bytes.length, v < 10 ? 8 : 16);
  for (const b of bytes) put(b, 8);
  const cap = dataCodewords(v) * 8;
  put(0, Math.min(4, cap - bits.length));
  while (bits.length % 8) bits.push(0);
  const out = [];
  for (let i = 0; i < bits.length; i += 8) out.push(bits.slice(i, i + 8).reduce((a, b) => (a << 1) | b, 0));
  for (let pad = 0xec; out.length < dataCodewords(v); pad ^= 0xec ^ 0x11) out.push(pad);
  return out;
}

// Split into blocks, add error correction, interleave.
function codewords(data, v) {
  const total = totalCodewords(v);
  const nb = M_BLOCKS[v];
  const ne = M_ECC[v];
  const shortLen = Math.floor(total / nb);
  const numShort = nb - (total % nb);
  const blocks = [];
  for (let i = 0, k = 0; i < nb; i += 1) {
    const len = shortLen - ne + (i < numShort ? 0 : 1);
    const d = data.slice(k, k + len);
    k += len;
    blocks.push({ d, e: ecc(d, ne) });
  }
  const out = [];
  for (let i = 0; i <= shortLen - ne; i += 1) for (const b of blocks) if (i < b.d.length) out.push(b.d[i]);
  for (let i = 0; i < ne; i += 1) for (const b of blocks) out.push(b.e[i]);
  return out;
}

// ---- the matrix ----
function bch(value, poly, polyDeg) {
  let r = value << polyDeg;
  for (let i = 31 - Math.clz32(r); i >= polyDeg; i -= 1) if ((r >>> i) & 1) r ^= poly << (i - polyDeg);
  return (value << polyDeg) | r;
}

const MASKS = [
  (r, c) => (r + c) % 2 === 0,
  (r) => r % 2 === 0,
  (r, c) => c % 3 === 0,
  (r, c) => (r + c) % 3 === 0,
  (r, c) => (Math.floor(r / 2) + Math.floor(c / 3)) % 2 === 0,
  (r, c) => ((r * c) % 2) + ((r * c) % 3) === 0,
  (r, c) => (((r * c) % 2) + ((r * c) % 3)) % 2 === 0,
  (r, c) => (((r + c) % 2) + ((r * c) % 3)) % 2 === 0,
];

class Matrix {
  constructor(v) {
    this.v = v;
    this.size = 17 + 4 * v;
    this.dark = Array.from({ length: this.size }, () => new Array(this.size).fill(false));
    this.fixed = Array.from({ length: this.size }, () => new Array(this.size).fill(false));
  }

  set(r, c, on) {
    this.dark[r][c] = on;
    this.fixed[r][c] = true;
  }

  functionPatterns() {
    const n = this.size;
    for (let i = 0; i < n; i += 1) {
      this.set(6, i, i % 2 === 0);
      this.set(i, 6, i % 2 === 0);
    }
    for (const [r0, c0] of [[0, 0], [0, n - 7], [n - 7, 0]]) {
      for (let dr = -1; dr <= 7; dr += 1) {
        for (let dc = -1; dc <= 7; dc += 1) {
          const r = r0 + dr;
          const c = c0 + dc;
          if (r < 0 || c < 0 || r >= n || c >= n) continue;
          const ring = Math.max(Math.abs(dr - 3), Math.abs(dc - 3));
          this.set(r, c, ring !== 2 && ring !== 4);
        }
      }
    }
    const al = alignmentPositions(this.v);
    for (const r of al) {
      for (const c of al) {
        if ((r === 6 && c === 6) || (r === 6 && c === n - 7) || (r === n - 7 && c === 6)) continue;
        for (let dr = -2; dr <= 2; dr += 1) {
          for (let dc = -2; dc <= 2; dc += 1) this.set(r + dr, c + dc, Math.max(Math.abs(dr), Math.abs(dc)) !== 1);
        }
      }
    }
    this.formatBits(0);   // reserve; drawn for real after masking
    if (this.v >= 7) {
      const bits = bch(this.v, 0x1f25, 12);
      for (let i = 0; i < 18; i += 1) {
        const on = ((bits >>> i) & 1) === 1;
        const a = n - 11 + (i % 3);
        const b = Math.floor(i / 3);
        this.set(a, b, on);
        this.set(b, a, on);
      }
    }
  }

  // Level M is 00; the 15 bits are masked with 101010000010010.
  formatBits(mask) {
    const n = this.size;
    const bits = bch(mask, 0x537, 10) ^ 0x5412;
    const bit = (i) => ((bits >>> i) & 1) === 1;
    for (let i = 0; i <= 5; i += 1) this.set(i, 8, bit(i));
    this.set(7, 8, bit(6));
    this.set(8, 8, bit(7));
    this.set(8, 7, bit(8));
    for (let i = 9; i < 15; i += 1) this.set(8, 14 - i, bit(i));
    for (let i = 0; i < 8; i += 1) this.set(8, n - 1 - i, bit(i));
    for (let i = 8; i < 15; i += 1) this.set(n - 15 + i, 8, bit(i));
    this.set(n - 8, 8, true);   // the dark module
  }

  place(words) {
    const n = this.size;
    let k = 0;
    const total = words.length * 8;
    for (let right = n - 1; right >= 1; right -= 2) {
      if (right === 6) right = 5;
      const upward = ((right + 1) & 2) === 0;
      for (let step = 0; step < n; step += 1) {
        const r = upward ? n - 1 - step : step;
        for (let j = 0; j < 2; j += 1) {
          const c = right - j;
          if (this.fixed[r][c]) continue;
          if (k < total) this.dark[r][c] = ((words[k >>> 3] >>> (7 - (k & 7))) & 1) === 1;
          k += 1;
        }
      }
    }
  }

  applyMask(m) {
    const f = MASKS[m];
    for (let r = 0; r < this.size; r += 1) {
      for (let c = 0; c < this.size; c += 1) if (!this.fixed[r][c] && f(r, c)) this.dark[r][c] = !this.dark[r][c];
    }
  }

  penalty() {
    const n = this.size;
    const d = this.dark;
    let p = 0;
    const line = (get) => {
      let run = 1;
      let score = 0;
      const cells = [];
      for (let i = 0; i < n; i += 1) cells.push(get(i));
      for (let i = 1; i <= n; i += 1) {
        if (i < n && cells[i] === cells[i - 1]) { run += 1; continue; }
        if (run >= 5) score += run - 2;
        run = 1;
      }
      // Finder-like 1:1:3:1:1 with four light modules on one side.
      const str = cells.map((x) => (x ? '1' : '0')).join('');
      for (const pat of ['10111010000', '00001011101']) {
        for (let i = str.indexOf(pat); i !== -1; i = str.indexOf(pat, i + 1)) score += 40;
      }
      return score;
    };
    for (let i = 0; i < n; i += 1) {
      p += line((j) => d[i][j]);
      p += line((j) => d[j][i]);
    }
    let darkCount = 0;
    for (let r = 0; r < n; r += 1) {
      for (let c = 0; c < n; c += 1) {
        if (d[r][c]) darkCount += 1;
        if (r < n - 1 && c < n - 1 && d[r][c] === d[r][c + 1] && d[r][c] === d[r + 1][c] && d[r][c] === d[r + 1][c + 1]) p += 3;
      }
    }
    p += Math.floor(Math.abs(darkCount * 20 - n * n * 10) / (n * n)) * 10;
    return p;
  }
}

// The module matrix (rows of booleans, true = dark) for `text` (UTF-8).
export function qrMatrix(text) {
  const bytes = Array.from(new TextEncoder().encode(text));
  let v = 1;
  while (v <= MAX_VERSION && 4 + (v < 10 ? 8 : 16) + bytes.length * 8 > dataCodewords(v) * 8) v += 1;
  if (v > MAX_VERSION) throw new RangeError('text too long for a QR code here');
  const words = codewords(encodeData(bytes, v), v);
  let best = null;
  for (let m = 0; m < 8; m += 1) {
    const mx = new Matrix(v);
    mx.functionPatterns();
    mx.place(words);
    mx.applyMask(m);
    mx.formatBits(m);
    const p = mx.penalty();
    if (!best || p < best.p) best = { p, mx };
  }
  return best.mx.dark;
}

// An SVG picture of the code with a quiet zone of four modules; `label`
// names it for assistive technology.
export function qrSvg(text, { label, size = 160 } = {}) {
  const m = qrMatrix(text);
  const n = m.length + 8;
  let path = '';
  m.forEach((row, r) => row.forEach((on, c) => { if (on) path += `M${c + 4} ${r + 4}h1v1h-1z`; }));
  return s('svg', {
    xmlns: 'http://www.w3.org/2000/svg', viewBox: `0 0 ${n} ${n}`, width: size, height: size,
    role: 'img', 'aria-label': label || text, class: 'qr-code', 'shape-rendering': 'crispEdges',
  },
  s('rect', { width: n, height: n, fill: '#fff' }),
  s('path', { d: path, fill: '#000' }));
}
