import type { Browser, Page } from 'playwright-core';
import { App, startApp } from '../../app/app';
import { loadConfig } from '../../app/config';
import { translator } from '../../i18n/translator';
import { ConsoleClient } from '../support/consoleClient';
import { FakeProviders } from '../support/fakeProviders';
import { signWhatsApp, whatsAppTextWebhook } from '../support/whatsAppPayloads';
import { axeViolations } from './support/axe';
import { chromiumAvailable, launchChromium } from './support/browser';
import { signIn } from './support/consoleWorld';

const WAIT_MS = 20_000;
const SECRET = 'whatsapp-app-secret';
const PHONE_ID = '1234567890';
const CITIZEN = '32470777888';
const ADMIN = { username: 'chief', password: 'correct horse battery' };
const COORDINATOR = { username: 'carla', password: 'carla-coordinator-2026', displayName: 'Carla' };

let inbound = 0;
async function citizenWrites(app: App, text: string): Promise<void> {
  const body = whatsAppTextWebhook(PHONE_ID, CITIZEN, text, `wamid.privacy${++inbound}`);
  const response = await fetch(`${app.url}/api/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWhatsApp(SECRET, body) }, body });
  expect(response.status).toBe(200);
  await app.assistant.runner.idle();
}


async function downloaded(page: Page, selector: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const describeWithBrowser = chromiumAvailable ? describe : describe.skip;

describeWithBrowser('a person\'s data in the console, in a real browser (export, erasure, audit trail), checked with axe-core', () => {
  let fake: FakeProviders;
  let app: App;
  let browser: Browser;

  beforeAll(async () => {
    fake = await new FakeProviders().start();
    app = await startApp(loadConfig({
      PORT: '0', DATA_DIR: 'memory://', SEED_DEMO_DATA: 'false', LOG_LEVEL: 'silent',
      WHATSAPP_VERIFY_TOKEN: 'verify-token-1', WHATSAPP_APP_SECRET: SECRET, WHATSAPP_TOKEN: 'graph-token-1',
      WHATSAPP_PHONE_NUMBER_ID: PHONE_ID, WHATSAPP_API_URL: fake.graphUrl,
      OUTBOX_RETRY_BASE_MS: '5', OUTBOX_RETRY_MAX_MS: '50', OUTBOX_POLL_MS: '20',
      CONSOLE_ADMIN_USERNAME: ADMIN.username, CONSOLE_ADMIN_PASSWORD: ADMIN.password,
    }));
    const digibank = await app.db.prisma.digibank.create({ data: { name: 'Digibank Ieper' } });
    const admin = new ConsoleClient(app.url);
    expect(await admin.login(ADMIN.username, ADMIN.password)).toBe(200);
    expect((await admin.post('/console/api/users', { ...COORDINATOR, role: 'coordinator', digibankId: digibank.id, languages: ['nl'], uiLanguage: 'nl' })).status).toBe(201);
    await citizenWrites(app, 'Hallo');
    await citizenWrites(app, 'Nederlands');
    await citizenWrites(app, 'Ik ben Els Peeters. Mag ik iemand spreken?');
    await app.db.prisma.handoff.updateMany({ where: { status: 'waiting' }, data: { digibankId: digibank.id } });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await app?.close();
    await fake?.stop();
  });

  test('a coordinator downloads everything about the person, then erases them; the administrator reads who did what', async () => {
    const handoff = await app.db.prisma.handoff.findFirstOrThrow({ where: { status: 'waiting' }, include: { conversation: true } });
    const personId = handoff.conversation.personId as string;
    const context = await browser.newContext({ locale: 'nl-BE', viewport: { width: 1100, height: 900 }, acceptDownloads: true });
    context.setDefaultTimeout(WAIT_MS);
    const page = await context.newPage();
    await signIn(page, app.url, COORDINATOR);
    await page.locator(`#queue li[data-conversation="${handoff.conversationId}"] button.open`).click();
    await page.locator('#person-data').waitFor({ state: 'visible' });
    expect(await page.locator('#erase-person').innerText()).toBe(translator.t('nl', 'console.ui.person.erase'));
    expect(await axeViolations(page)).toEqual([]);

    // The access request: both files hold the conversation.
    const text = await downloaded(page, '#export-text');
    expect(text.split('\n')[0]).toBe(translator.t('nl', 'console.export.title'));
    expect(text).toContain('Ik ben Els Peeters');
    const json = JSON.parse(await downloaded(page, '#export-json')) as { person: { channelUserId: string } };
    expect(json.person.channelUserId).toBe(CITIZEN);

    // The erasure, after the browser's confirmation.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.click('#erase-person');
    await page.locator('#queue-view').waitFor({ state: 'visible' });
    await page.waitForFunction((told) => document.getElementById('status')?.textContent === told, translator.t('nl', 'console.ui.person.erased'));
    expect((await app.db.prisma.person.findUniqueOrThrow({ where: { id: personId } })).erasedAt).not.toBeNull();
    expect(await app.db.prisma.message.count({ where: { text: { contains: 'Els Peeters' } } })).toBe(0);
    await context.close();

    // The administrator's audit page lists the coordinator's reads and the erasure.
    const adminContext = await browser.newContext({ locale: 'nl-BE', viewport: { width: 1100, height: 900 } });
    adminContext.setDefaultTimeout(WAIT_MS);
    const adminPage = await adminContext.newPage();
    await signIn(adminPage, app.url, ADMIN);
    await adminPage.click('#open-audit');
    await adminPage.locator('#audit-rows tr').first().waitFor({ state: 'visible' });
    const rows = await adminPage.locator('#audit-rows tr').allInnerTexts();
    const t = (key: string) => translator.t('nl', `console.ui.audit.actions.${key}`);
    for (const action of ['conversation.view', 'person.export', 'person.erase']) expect(rows.some((row) => row.includes('carla') && row.includes(t(action)))).toBe(true);
    expect(rows.filter((row) => row.includes(t('person.export')))).toHaveLength(2);
    expect(await axeViolations(adminPage)).toEqual([]);
    await adminContext.close();
  }, 120_000);
});
