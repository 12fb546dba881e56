// The one way the app talks to the server: /api/v1 only, JSON in and out,
// the CSRF token on every state-changing request.
import { sessionActivity } from './session-timer.js';
const BASE = '/api/v1';

let csrfToken = null;
let onUnauthorized = null;

export class ApiError extends Error {
  constructor(status, body) {
    const err = (body && body.error) || {};
    super(err.message || `HTTP ${status}`);
    this.status = status;
    this.code = err.code || null;
    this.field = err.field || null;
    // The stable key of what went wrong (src/util/reasons.def) and its data;
    // the screen translates by the key, never by the English message.
    this.reason = err.reason || null;
    this.details = Array.isArray(err.details) ? err.details : null;
  }
}

export function setCsrf(token) { csrfToken = token || null; }
// Called when a request made inside a session answers 401 (session expired).
export function setUnauthorizedHandler(fn) { onUnauthorized = fn; }

// How many writes this page has made: a view that keeps what it read may
// keep it only while this has not moved.
let writes = 0;
export const writeCount = () => writes;

export async function request(method, path, body, opts = {}) {
  const headers = { Accept: 'application/json' };
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (opts.keepalive) init.keepalive = true;   // outlives leaving the page
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  // A request the app makes by itself (a poll): no sign anybody is there,
  // so it keeps the session's idle clock running, here and on the server.
  if (opts.background) headers['X-Doorloop-Background'] = '1';
  let res;
  try {
    res = await fetch(BASE + path, init);
  } catch (e) {
    const err = new ApiError(0, null);
    err.code = 'network';
    throw err;
  }
  if (method !== 'GET' && method !== 'HEAD') writes++;
  let data = null;
  if (res.status !== 204) {
    const text = await res.text();
    if (text) {
      try { data = JSON.parse(text); } catch { data = null; }
    }
  }
  if (res.ok && !opts.background) sessionActivity();
  if (!res.ok) {
    const err = new ApiError(res.status, data);
    if (res.status === 401 && !opts.noSessionCheck && onUnauthorized) onUnauthorized(err);
    throw err;
  }
  return data;
}

export const api = {
  get: (p, o) => request('GET', p, undefined, o),
  post: (p, b, o) => request('POST', p, b === undefined ? {} : b, o),
  patch: (p, b, o) => request('PATCH', p, b, o),
  del: (p, o) => request('DELETE', p, undefined, o),
};

export function qs(params) {
  const parts = [];
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

export const enc = encodeURIComponent;
