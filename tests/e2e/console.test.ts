import type { Browser, BrowserContext, Page } from 'playwright-core';
import { App, startApp } from '../../app/app';
import { loadConfig } from '../../app/config';
import { translator } from '../../i18n/translator';
import { ConsoleClient } from '../support/consoleClient';
import { eventually, FakeProviders, graphText } from '../support/fakeProviders';
import { signWhatsApp, whatsAppTextWebhook } from '../support/whatsAppPayloads';
import { chromiumAvailable, launchChromium } from './support/browser';
import { signIn } from './support/consoleWorld';

/** Every wait of this test is bounded by this (ms); no timing is asserted. */
const WAIT_MS = 20_000;
const SECRET = 'whatsapp-app-secret';
const PHONE_ID = '1234567890';
const CITIZEN = '32470555123';
const ADMIN = { username: 'chief', password: 'correct horse battery' };
const VOLUNTEER = { username: 'anna', password: 'anna-volunteer-2026', displayName: 'Anna' };
const COLLEAGUE = { username: 'bert', password: 'bert-volunteer-2026', displayName: 'Bert' };

let inbound = 0;
async function citizenWrites(app: App, text: string, from = CITIZEN): Promise<void> {
  const body = whatsAppTextWebhook(PHONE_ID, from, text, `wamid.console${++inbound}`);
  const response = await fetch(`${app.url}/api/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWhatsApp(SECRET, body) }, body });
  expect(response.status).toBe(200);
  await app.assistant.runner.idle();
}

/** Every outbound WhatsApp row of the citizen has been accepted by the fake Graph API. */
async function delivered(app: App): Promise<boolean> {
  const pending = await app.db.prisma.message.count({ where: { channel: 'whatsapp', direction: 'out', status: { in: ['queued', 'sending'] } } });
  return pending === 0;
}

const describeWithBrowser = chromiumAvailable ? describe : describe.skip;

describeWithBrowser('volunteer console in a real browser, citizen on WhatsApp', () => {
  let fake: FakeProviders;
  let app: App;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const requests: string[] = [];

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
    for (const volunteer of [VOLUNTEER, COLLEAGUE]) {
      const created = await admin.post('/console/api/users', { ...volunteer, role: 'volunteer', digibankId: digibank.id, languages: ['nl', 'fr'], uiLanguage: 'nl' });
      expect(created.status).toBe(201);
    }
    browser = await launchChromium();
    // A phone screen: the console must work there too.
    context = await browser.newContext({ locale: 'nl-BE', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    context.setDefaultTimeout(WAIT_MS);
    page = await context.newPage();
    page.on('request', (request) => requests.push(request.url()));
  }, 120_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await app?.close();
    await fake?.stop();
  });

  test('asks for a person; the volunteer claims, reads, replies on WhatsApp and gives the conversation back to the bot', async () => {
    // The citizen talks to the bot, then asks for a person.
    await citizenWrites(app, 'Hallo');
    await citizenWrites(app, 'Nederlands');
    await citizenWrites(app, 'Mijn pincode is 4821. Mag ik iemand spreken?');
    const handoff = await app.db.prisma.handoff.findFirst({ where: { channel: 'whatsapp', status: 'waiting' }, include: { conversation: true } });
    expect(handoff).not.toBeNull(); // the citizen's request must create a waiting handoff
    const conversationId = (handoff as NonNullable<typeof handoff>).conversationId;

    // The volunteer signs in on the console page.
    await page.goto(`${app.url}/console`, { waitUntil: 'load' });
    await page.locator('#login-view').waitFor({ state: 'visible' });
    expect(await page.locator('#login-submit').innerText()).toBe(translator.t('nl', 'console.ui.login.submit'));
    await page.fill('#username', VOLUNTEER.username);
    await page.fill('#password', VOLUNTEER.password);
    await page.click('#login-submit');

    // The waiting citizen is in the live queue, with a badge count in the title.
    const row = page.locator(`#queue li[data-conversation="${conversationId}"]`);
    await row.waitFor({ state: 'visible' });
    expect(await row.getAttribute('data-status')).toBe('waiting');
    expect(await row.innerText()).toContain(translator.t('nl', 'console.ui.channels.whatsapp'));
    await page.waitForFunction(() => document.title.startsWith('(1) '));

    // Claim it: the conversation view with the masked transcript.
    await row.locator('button.claim').click();
    await page.locator('#conversation-view').waitFor({ state: 'visible' });
    await page.waitForFunction(() => (document.getElementById('transcript')?.innerText ?? '').includes('Mag ik iemand spreken?'));
    const transcript = await page.locator('#transcript').innerText();
    expect(transcript).not.toContain('4821');
    expect(transcript).toContain('••••');
    expect((await app.db.prisma.handoff.findUniqueOrThrow({ where: { id: (handoff as NonNullable<typeof handoff>).id } })).status).toBe('with_volunteer');

    // A quick reply in the citizen's language fills the box; the volunteer adds to it and sends.
    const quick = translator.t('nl', 'console.quickReplies.hello');
    await page.locator('#quick-replies button', { hasText: quick }).click();
    expect(await page.inputValue('#reply-text')).toBe(quick);
    const reply = `${quick} Welke vraag heeft u over uw pincode?`;
    await page.fill('#reply-text', reply);
    await page.click('#send');
    await eventually(() => fake.accepted(CITIZEN).some((call) => graphText(call) === reply), WAIT_MS);
    await page.waitForFunction((text) => (document.getElementById('transcript')?.innerText ?? '').includes(text), reply);

    // While the volunteer has it, the citizen's messages reach the console, not the dialogs.
    await eventually(() => delivered(app), WAIT_MS);
    const beforeRelay = fake.accepted(CITIZEN).length;
    await citizenWrites(app, 'Ik ben mijn pincode vergeten');
    await page.waitForFunction(() => (document.getElementById('transcript')?.innerText ?? '').includes('Ik ben mijn pincode vergeten'));
    await eventually(() => delivered(app), WAIT_MS);
    expect(fake.accepted(CITIZEN).length).toBe(beforeRelay);

    await page.screenshot({ path: process.env.CONSOLE_SCREENSHOT ?? '/tmp/console.png', fullPage: true });

    // Back to the bot: the console returns to the queue; the bot answers the next message.
    await page.click('#release');
    await page.locator('#queue-view').waitFor({ state: 'visible' });
    await eventually(async () => (await app.db.prisma.handoff.findUniqueOrThrow({ where: { id: (handoff as NonNullable<typeof handoff>).id } })).status === 'returned', WAIT_MS);
    await eventually(() => delivered(app), WAIT_MS);
    const beforeBot = fake.accepted(CITIZEN).length;
    await citizenWrites(app, 'menu');
    await eventually(async () => fake.accepted(CITIZEN).length > beforeBot && (await delivered(app)), WAIT_MS);
    const botAnswer = fake.accepted(CITIZEN).slice(beforeBot).map(graphText).join('\n');
    expect(botAnswer).toContain(translator.t('nl', 'menu.prompt'));

    // Nothing left localhost: page, script, style, texts and API all come from the server.
    const origin = new URL(app.url).origin;
    expect(requests.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
  }, 120_000);

  test('two volunteers click "take" at the same moment: one gets the conversation, the other is told who did', async () => {
    const from = '32470555999';
    await citizenWrites(app, 'Hallo', from);
    await citizenWrites(app, 'Nederlands', from);
    await citizenWrites(app, 'Ik wil met een persoon praten', from);
    const handoff = await app.db.prisma.handoff.findFirstOrThrow({ where: { status: 'waiting', conversation: { channelConversationId: from } } });
    const pages = await Promise.all([VOLUNTEER, COLLEAGUE].map(async (volunteer) => {
      const own = await browser.newContext({ locale: 'nl-BE', viewport: { width: 1100, height: 800 } });
      own.setDefaultTimeout(WAIT_MS);
      const tab = await own.newPage();
      await signIn(tab, app.url, volunteer);
      await tab.locator(`#queue li[data-conversation="${handoff.conversationId}"] button.claim`).waitFor({ state: 'visible' });
      return tab;
    }));
    // Both clicks in the same instant, dispatched inside the pages: a Playwright click first waits
    // for the button to be stable, and meanwhile the first claim's queue update may have replaced it.
    const claimButton = `#queue li[data-conversation="${handoff.conversationId}"] button.claim`;
    await Promise.all(pages.map((tab) => tab.$eval(claimButton, (button) => (button as HTMLButtonElement).click())));
    await eventually(async () => (await app.db.prisma.handoff.findUniqueOrThrow({ where: { id: handoff.id } })).volunteerId !== null);
    const winner = (await app.db.prisma.handoff.findUniqueOrThrow({ where: { id: handoff.id }, include: { volunteer: true } })).volunteer;
    expect([VOLUNTEER.username, COLLEAGUE.username]).toContain(winner?.username);
    const [winnerPage, loserPage] = winner?.username === VOLUNTEER.username ? pages : [pages[1], pages[0]];
    await winnerPage.locator('#conversation-view').waitFor({ state: 'visible' });
    const told = translator.t('nl', 'console.ui.conversation.claimedBy', { name: winner?.displayName ?? '' });
    await loserPage.waitForFunction((text) => document.getElementById('status')?.textContent === text, told);
    expect(await loserPage.locator('#conversation-view').isVisible()).toBe(false);
    await Promise.all(pages.map((tab) => tab.context().close()));
  }, 120_000);
});
