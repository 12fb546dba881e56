// Shared helpers for the browser tests: Debian's chromium driven by
// playwright-core, a real `doorloop serve` from the API harness, axe-core
// checks and screenshots kept as artefacts. Chromium sees only the fonts of
// fonts-dejavu-core (lib/fonts.conf), so pages lay out alike on every machine.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { startServer, login as apiLogin, api, DEMO_PASSWORD } from '../../api/lib/harness.mjs';

export { startServer, apiLogin, api, DEMO_PASSWORD };

const CHROMIUM = process.env.DOORLOOP_CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ARTIFACTS = process.env.DOORLOOP_ARTIFACTS || path.resolve('build/test-artifacts');
export const SHOTS = path.join(ARTIFACTS, 'screenshots');
export const FONTS_CONF = fileURLToPath(new URL('fonts.conf', import.meta.url));
export const TEST_FONT = 'DejaVu Sans';

// The font files fonts.conf lets Chromium use; without them every page would
// silently fall back to whatever the machine has.
function checkFonts() {
  const dir = '/usr/share/fonts/truetype/dejavu';
  const missing = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].filter((f) => !existsSync(path.join(dir, f)));
  if (missing.length) {
    throw new Error(`${missing.join(', ')} missing in ${dir}: install fonts-dejavu-core (sh scripts/setup.sh test)`);
  }
}

// A browser with its own fresh profile directory.
export async function launch() {
  const tmpRoot = process.env.DOORLOOP_TEST_TMP || os.tmpdir();
  mkdirSync(tmpRoot, { recursive: true });
  checkFonts();
  const profile = mkdtempSync(path.join(tmpRoot, 'chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 900 },
    locale: 'nl-NL', timezoneId: 'Europe/Amsterdam',
    env: { ...process.env, FONTCONFIG_FILE: FONTS_CONF },
  });
  const errors = [];
  context.on('page', (p) => watch(p, errors));
  for (const p of context.pages()) watch(p, errors);
  return {
    context,
    errors,
    async page() {
      const p = context.pages()[0] || await context.newPage();
      return p;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

function watch(page, errors) {
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // 401 from GET /session before log-in, and the 400/403/404/409 answers the tests provoke, are expected.
    if (m.type() === 'error' && !/status of (401|403|404|400|409)/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
}

// Log in through the form; waits until the landing page has its heading.
export async function uiLogin(page, url, username, password = DEMO_PASSWORD) {
  await page.goto(`${url}/login`);
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.getByRole('button', { name: /^(Inloggen|Log in)$/ }).click();
  await page.waitForFunction(() => location.pathname !== '/login' && document.querySelector('main h1') && !document.querySelector('main[aria-busy]'));
}

export async function settled(page) {
  await page.waitForFunction(() => document.querySelector('main h1') && !document.querySelector('main[aria-busy]'));
}

// axe-core with WCAG 2.1 A and AA (and, asked, its best-practice rules): zero violations allowed.
export async function axeCheck(page, name, { bestPractice = false } = {}) {
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', ...(bestPractice ? ['best-practice'] : [])];
  const res = await new AxeBuilder({ page }).withTags(tags).analyze();
  const summary = res.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  assert.deepEqual(summary, [], `axe violations on ${name}`);
}

// The font files Chromium really drew an element's text with (DevTools
// protocol), e.g. ['DejaVu Sans'].
export async function renderedFonts(page, selector) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    assert.ok(nodeId, `no element ${selector}`);
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    return fonts.map((f) => f.familyName);
  } finally {
    await cdp.detach();
  }
}

export async function screenshot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

// Both in one go: every screen is checked and kept.
export async function screen(page, name) {
  await screenshot(page, name);
  await axeCheck(page, name);
}

// Demo client ids by pseudonym (as the coordinator sees them).
export async function clientIds(server) {
  const s = await apiLogin(server, 'coordinator');
  const r = await api(server, 'GET', '/api/v1/clients?limit=200', { token: s.token });
  return Object.fromEntries(r.json.items.map((c) => [c.pseudonym, c.id]));
}

export function addDays(iso, n) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function isoToNl(iso) {
  const [y, m, d] = iso.split('-');
  return `${d}-${m}-${y}`;
}

// Run fn(page, browser) in a fresh browser and fail the test on any
// script error the page logged; the browser is closed either way.
export async function withBrowser(fn) {
  const b = await launch();
  try {
    const page = await b.page();
    await fn(page, b);
    assert.deepEqual(b.errors, [], 'no script errors in the page');
  } finally {
    await b.close();
  }
}
