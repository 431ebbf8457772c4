import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { App, startApp } from '../../app/app';
import { loadConfig } from '../../app/config';
import { BrusselsTime } from '../../i18n/brusselsTime';
import type { ReachReport } from '../../services/reach/reachReport';
import { ConsoleClient } from '../support/consoleClient';
import { FakeProviders } from '../support/fakeProviders';
import { signWhatsApp, whatsAppTextWebhook } from '../support/whatsAppPayloads';
import { chromiumAvailable, launchChromium } from './support/browser';

const WAIT_MS = 20_000;
const SECRET = 'whatsapp-app-secret';
const PHONE_ID = '1234567890';
const ADMIN = { username: 'chief', password: 'correct horse battery staple' };
const COORDINATOR = { username: 'gent', password: 'gent-coordinator-2026' };
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let inbound = 0;
async function citizenWrites(app: App, from: string, text: string): Promise<void> {
  const body = whatsAppTextWebhook(PHONE_ID, from, text, `wamid.reports${++inbound}`);
  const response = await fetch(`${app.url}/api/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWhatsApp(SECRET, body) }, body });
  expect(response.status).toBe(200);
  await app.assistant.runner.idle();
}

/** The accessibility violations axe-core finds on the page (WCAG 2.1 A and AA). */
async function violations(page: Page): Promise<{ id: string; nodes: unknown[] }[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, nodes: v.nodes }));
  });
}

const describeWithBrowser = chromiumAvailable ? describe : describe.skip;

describeWithBrowser('Console › Reports in a real browser on a phone', () => {
  let fake: FakeProviders;
  let app: App;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let gent: string;
  const requests: string[] = [];
  const today = BrusselsTime.localDate(new Date());

  beforeAll(async () => {
    fake = await new FakeProviders().start();
    app = await startApp(loadConfig({
      PORT: '0', DATA_DIR: 'memory://', SEED_DEMO_DATA: 'true', LOG_LEVEL: 'silent',
      WHATSAPP_VERIFY_TOKEN: 'verify-token-1', WHATSAPP_APP_SECRET: SECRET, WHATSAPP_TOKEN: 'graph-token-1',
      WHATSAPP_PHONE_NUMBER_ID: PHONE_ID, WHATSAPP_API_URL: fake.graphUrl,
      OUTBOX_RETRY_BASE_MS: '5', OUTBOX_RETRY_MAX_MS: '50', OUTBOX_POLL_MS: '20',
      CONSOLE_ADMIN_USERNAME: ADMIN.username, CONSOLE_ADMIN_PASSWORD: ADMIN.password,
    }));
    gent = (await app.db.prisma.digibank.findFirstOrThrow({ where: { name: 'Digibank Gent (DEMO)' } })).id;
    const admin = new ConsoleClient(app.url);
    expect(await admin.login(ADMIN.username, ADMIN.password)).toBe(200);
    expect((await admin.post('/console/api/users', { ...COORDINATOR, role: 'coordinator', digibankId: gent, languages: ['nl'], uiLanguage: 'nl' })).status).toBe(201);
    // Two people write; one is booked at Gent (by an administrator: a person of no digibank yet is theirs to open).
    for (const [from, text] of [['32470100200', 'Hallo'], ['32470100200', 'Nederlands'], ['32470300400', 'Hoe doe ik mijn belastingaangifte op Tax-on-web?']]) await citizenWrites(app, from, text);
    const coordinator = new ConsoleClient(app.url);
    expect(await coordinator.login(COORDINATOR.username, COORDINATOR.password)).toBe(200);
    const conversation = await app.db.prisma.conversation.findFirstOrThrow({ where: { channel: 'whatsapp', channelConversationId: '32470100200' } });
    const slots = await admin.get(`/console/api/conversations/${conversation.id}/slots`);
    const slot = (slots.body.locations as { name: string; slots: { slotId: string }[] }[]).find((location) => /Gent/.test(location.name))?.slots[0];
    expect((await admin.post(`/console/api/conversations/${conversation.id}/book`, { slotId: slot?.slotId })).status).toBe(201);
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'nl-BE', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    context.setDefaultTimeout(WAIT_MS);
    page = await context.newPage();
    page.on('request', (request) => requests.push(request.url()));
  }, 180_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await app?.close();
    await fake?.stop();
  });

  async function logIn(username: string, password: string): Promise<void> {
    await page.goto(`${app.url}/console`);
    await page.fill('#username', username);
    await page.fill('#password', password);
    await page.click('#login-submit');
    await page.waitForSelector('#nav-reports', { state: 'visible' });
  }

  test('a coordinator opens Reports from the console and sees their digibank as charts with tables, accessible, on a phone', async () => {
    await logIn(COORDINATOR.username, COORDINATOR.password);
    await page.click('#nav-reports');
    await page.waitForSelector('#summary-table tbody tr');
    const expected = (await (await page.request.get(`${app.url}/console/api/reports/reach?from=${today.slice(0, 4)}-01-01&to=${today}`)).json()) as ReachReport;
    expect(expected.digibanks.map((d) => d.digibankId)).toEqual([gent]);
    // The summary table: a row per figure, the totals' column holds the JSON's figures.
    const summary = await page.$$eval('#summary-table tbody tr', (rows) => rows.map((row) => [row.querySelector('th')?.textContent, row.querySelector('td')?.textContent]));
    expect(summary[0]).toEqual(['Unieke mensen', String(expected.totals.uniquePeople)]);
    expect(expected.totals.uniquePeople).toBe(1);
    expect(summary[3]).toEqual(['Afspraken gemaakt', String(expected.totals.appointments.made)]);
    expect(expected.totals.appointments.made).toBe(1);
    // Each chart is drawn and has its table with the same figures.
    for (const id of ['weeks', 'channels', 'topics', 'tiers']) {
      const size = await page.$eval(`#${id}-chart`, (canvas) => ({ width: (canvas as HTMLCanvasElement).width, label: canvas.getAttribute('aria-label') }));
      expect(size.width).toBeGreaterThan(0);
      expect(size.label).toBeTruthy();
      expect(await page.$eval(`#${id}-table caption`, (caption) => caption.textContent)).toMatch(/^Tabel bij de grafiek/);
    }
    const channels = await page.$$eval('#channels-table tbody tr', (rows) => rows.map((row) => [row.querySelector('th')?.textContent, row.querySelector('td')?.textContent]));
    expect(channels[0]).toEqual(['WhatsApp', String(expected.totals.byChannel.whatsapp)]);
    const tiers = await page.$$eval('#tiers-table tbody tr', (rows) => rows.map((row) => Array.from(row.children, (cell) => cell.textContent)));
    expect(tiers).toEqual([['Digibank Gent (DEMO)', '1', 'schijf 1 bereikt, nog 1.000 tot 1.001']]);
    // Downloads point at the API for the period shown.
    expect(await page.$eval('#download-xlsx', (a) => a.getAttribute('href'))).toContain('format=xlsx');
    // Readable on a 390 px screen: nothing wider than the viewport but the tables' own scroll areas.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await violations(page)).toEqual([]);
    // Nothing but this server was asked for anything (Chart.js comes from it too).
    expect(requests.filter((url) => !url.startsWith(app.url) && !url.startsWith('data:'))).toEqual([]);
    expect(requests).toContain(`${app.url}/console/chart.umd.js`);
  });

  test('an administrator sees every digibank, those not linked, and can choose one', async () => {
    await page.goto(`${app.url}/console`);
    await page.click('#logout');
    await logIn(ADMIN.username, ADMIN.password);
    await page.goto(`${app.url}/console/reports`);
    await page.waitForSelector('#summary-table tbody tr');
    const names = await page.$$eval('#summary-table thead th', (cells) => cells.map((cell) => cell.textContent));
    expect(names.slice(1)).toEqual(['Totaal', 'Digibank Gent (DEMO)', 'Niet gekoppeld aan een digibank']);
    await page.selectOption('#digibank', gent);
    await page.click('#report-form button[type=submit]');
    await page.waitForFunction(() => document.querySelectorAll('#summary-table thead th').length === 3);
    expect(await violations(page)).toEqual([]);
  });
});
