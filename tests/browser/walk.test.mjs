// The whole walk of a new coordinator, as it goes on her first day: at a new
// institution she registers a girl who turns 18 in five months with no basis
// after it, finds her as the top row of the worklist, opens her file's
// summary, reaches the transition plan in one click and prints it (the PDF's
// own text is read back: her plan, never her journal); the caregiver she
// proposes as incoming sees it in her inbox at once; she invites the girl to
// an account of her own, and the girl reads plain words with a quick exit.
// A real server with its demo data beside the new institution, a real
// browser, and poppler's pdftotext for the printed page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  startServer, apiLogin, api, uiLogin, settled, screenshot, axeCheck, addDays, isoToNl, withBrowser,
} from './lib/browser.mjs';

let srv;
// Every screen of the walk: kept, and axe clean with its best practices too.
const screen = async (page, name) => {
  await screenshot(page, name);
  await axeCheck(page, name, { bestPractice: true });
};
const PW = 'paarse konijnen fietsen';
const GIRL_PW = 'mijn eigen lange zin';
const PHONE = { width: 390, height: 844 };
const name = `Noor-${Date.now() % 100000}`;

const as = async (who, method, p, body) => api(srv, method, p, { token: (await apiLogin(srv, who)).token, body });

// A staff account at the new institution, activated and approved: what the
// admin and the security officer did before her first day.
async function newStaff(username, displayName, role, org) {
  const made = await as('admin', 'POST', '/api/v1/users', { username, display_name: displayName, role, org_id: org });
  assert.equal(made.status, 201, made.text);
  const act = await api(srv, 'POST', '/api/v1/activate', { body: { code: made.json.activation.code, password: PW } });
  assert.equal(act.status, 201, act.text);
  const pending = (await as('security', 'GET', '/api/v1/access-grants?status=pending')).json.items.find((g) => g.user.id === made.json.id);
  assert.ok(pending, `${username} waits for approval`);
  assert.equal((await as('security', 'POST', `/api/v1/access-grants/${pending.id}/approve`)).status, 200);
  return made.json;
}

// The text of a PDF as poppler reads it.
function pdfText(pdf) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'walk-pdf-'));
  try {
    const file = path.join(dir, 'page.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

before(async () => {
  srv = await startServer({ db: 'sqlite' });
  const org = await as('admin', 'POST', '/api/v1/organisations', { name: 'Het Anker', kind: 'institution', region: 'Zeeland' });
  assert.equal(org.status, 201, org.text);
  await newStaff('coord.anker', 'Sanne de Wit', 'coordinator', org.json.id);
  await newStaff('mentor.anker', 'Yara Bakker', 'caregiver', org.json.id);
});

after(async () => { await srv?.stop(); });

test('a new coordinator registers a girl turning 18 in five months, finds her on top, prints her plan; the incoming caregiver sees it at once; the girl reads plain words', async () => {
  const today = new Date().toISOString().slice(0, 10);
  const birth = addDays(addDays(today, 150), -18 * 365 - 4);   // her 18th birthday about five months ahead
  let code;

  await withBrowser(async (page) => {
    await page.addInitScript(() => {
      globalThis.DOORLOOP_NOTICE_POLL_MS = 500;
      // What the print button asked for, instead of the print dialogue.
      window.print = () => { window.printed = document.body.classList.contains('print-plan') ? 'plan' : 'summary'; };
    });

    // Intake, in the app.
    await uiLogin(page, srv.url, 'coord.anker', PW);
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn cliënten' }).click();
    await page.getByRole('link', { name: /Nieuwe cliënte aanmelden/ }).click();
    const form = page.locator('form[data-form=intake]');
    await form.waitFor();
    await settled(page);
    await form.getByLabel('Pseudoniem').fill(name);
    await form.getByLabel('Geboortedatum').fill(isoToNl(birth));
    await form.getByLabel('Verantwoordelijke gemeente').selectOption({ index: 1 });
    await form.getByLabel('BSN').fill('111222333');
    await form.getByRole('button', { name: 'Aanmelden en traject openen' }).click();
    await page.waitForFunction((n) => document.querySelector('main h1')?.textContent === n, name);

    // The worklist: she is its top row, critical, her coming cliff among her alerts.
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Werklijst' }).click();
    const first = page.locator('table[data-testid=worklist] tbody tr').first();
    await first.waitFor();
    await settled(page);
    assert.equal(await first.getAttribute('data-client'), name, 'she is the top row');
    assert.equal(await first.getAttribute('data-severity'), 'critical');
    const rules = await page.locator(`table[data-testid=worklist] tbody tr[data-client="${name}"]`).evaluateAll((trs) => trs.map((tr) => tr.dataset.rule));
    assert.ok(rules.includes('cliff_at_18'), rules.join());
    await screen(page, 'walk-01-worklist');

    // Her file's summary: age, the countdown to 18 in words, no basis after it.
    await first.getByRole('link', { name, exact: true }).click();
    const summary = page.locator('[data-testid=client-summary]');
    await summary.waitFor();
    await settled(page);
    const sumText = await summary.innerText();
    assert.match(sumText, /17 jaar/);
    assert.match(sumText, /over [45] maanden/);
    assert.match(sumText, /Geen grondslag na 18de verjaardag/);
    await screen(page, 'walk-02-summary');

    // One click to the transition plan, and it prints.
    await page.locator('[data-testid=file-tabs]').getByRole('link', { name: /^Transitieplan/ }).click();
    await page.locator('section#transition-plan').getByText('Er is nog geen transitieplan.').waitFor();
    // Her first plan: the ten parts, and her own view of it.
    await page.getByRole('button', { name: 'Transitieplan maken' }).click();
    const mk = page.locator('form[data-form=create-plan]');
    await mk.locator('textarea[name=her_view]').fill('Ik wil na mijn 18de bij mijn mentor blijven.');
    await mk.getByRole('button', { name: 'Opslaan' }).click();
    await page.locator('section#transition-plan table.plan-table').waitFor();
    await settled(page);
    await screen(page, 'walk-03-plan');
    await page.getByRole('button', { name: 'Transitieplan afdrukken' }).click();
    assert.equal(await page.evaluate(() => window.printed), 'plan', 'the button prints the plan');
    await page.evaluate(() => document.body.classList.add('print-plan'));
    await page.emulateMedia({ media: 'print' });
    const printed = pdfText(await page.pdf({ format: 'A4' }));
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(() => document.body.classList.remove('print-plan'));
    assert.match(printed, new RegExp(name), 'her pseudonym is on the printed plan');
    assert.match(printed, /Transitieplan/);
    assert.match(printed, /bij mijn mentor blijven/, 'her own view is on it');
    assert.match(printed, /Vertrouwelijk/);
    assert.doesNotMatch(printed, /Journaal/, 'nothing from the journal');
    assert.doesNotMatch(printed, /Transitieplan afdrukken|Hoofdmenu/, 'no buttons or menus on paper');

    // She proposes the incoming caregiver, in the team tab.
    await page.locator('[data-testid=file-tabs]').getByRole('link', { name: /^Team/ }).click();
    await page.locator('section#handovers').waitFor();
    await settled(page);
    await page.getByRole('button', { name: 'Overdracht voorstellen' }).click();
    const ho = page.locator('form[data-form=propose-handover]');
    await ho.getByLabel('Nieuwe persoon (neemt over)').selectOption({ label: 'Yara Bakker (hulpverlener)' });
    await ho.getByLabel('Geplande datum van overdracht').fill(isoToNl(addDays(today, 30)));
    await ho.getByRole('button', { name: 'Opslaan' }).click();
    await page.locator('[data-testid=status-handovers] .utrecht-alert').waitFor();

    // And invites the girl to an account of her own: the code shown once.
    await page.locator('[data-testid=file-tabs]').getByRole('link', { name: /^Toestemming/ }).click();
    await page.locator('section#her-account').waitFor();
    await settled(page);
    await page.getByRole('button', { name: 'Uitnodiging maken' }).click();
    const inv = page.locator('form[data-form=invite-her]');
    await inv.getByLabel('Gebruikersnaam').fill('noor.zelf');
    await inv.getByRole('button', { name: 'Code maken' }).click();
    const panel = page.locator('[data-testid=activation-code]');
    await panel.waitFor();
    code = (await panel.locator('code').innerText()).trim();
    assert.match(code, /^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    assert.match(await panel.innerText(), /alleen nu/);
    assert.match(await panel.innerText(), /\/welkom/, 'the girl is sent to her own page');
    await screen(page, 'walk-04-invitation');
  });

  // The incoming caregiver: the handover is in her inbox at once.
  await withBrowser(async (page) => {
    await uiLogin(page, srv.url, 'mentor.anker', PW);
    await page.getByRole('link', { name: 'Meldingen, 1 ongelezen' }).click();
    await settled(page);
    const items = page.locator('[data-testid=notice-list] li');
    assert.equal(await items.count(), 1);
    assert.match(await items.first().innerText(), new RegExp(`${name}: er is een overdracht aan u voorgesteld`));
    await screen(page, 'walk-05-inbox');
  });

  // The girl: her own password, then her page in her words, with a quick exit.
  await withBrowser(async (page) => {
    await page.route('https://www.buienradar.nl/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<html lang="nl"><title>Het weer</title><p>Weer</p></html>' }));
    await page.setViewportSize(PHONE);
    await page.goto(`${srv.url}/welkom`);
    await settled(page);
    await page.getByLabel('Activeringscode').fill(code);
    await page.getByLabel('Je nieuwe wachtwoord').fill(GIRL_PW);
    await page.getByRole('button', { name: 'Activeren' }).click();
    await page.getByText('Je account is klaar').first().waitFor();
    await uiLogin(page, srv.url, 'noor.zelf', GIRL_PW);
    await page.locator('[data-action=quick-exit]').waitFor();
    await settled(page);
    const words = await page.locator('main').innerText();
    for (const jargon of [/Grondslag/i, /Warme overdracht/i, /\(tot 23\)/, /verlengde jeugdhulp/i, /cliënte?\b/i])
      assert.doesNotMatch(words, jargon, `no staff words on her page (${jargon})`);
    assert.match(words, /je/i);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `no sideways scrolling at 390 px (${overflow} px)`);
    await screenshot(page, 'walk-06-her-page-390');
    await axeCheck(page, 'her page at 390 px', { bestPractice: true });
    await page.getByRole('button', { name: 'Snel weg' }).click();
    await page.waitForURL('https://www.buienradar.nl/');
  });
});
