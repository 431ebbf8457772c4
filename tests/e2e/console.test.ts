import type { BrowserContext, Page } from 'playwright-core';
import { translator } from '../../i18n/translator';
import { eventually, graphText } from '../support/fakeProviders';
import { chromiumAvailable } from './support/browser';
import { ConsoleWorld, signIn, WAIT_MS } from './support/consoleWorld';

const CITIZEN = '32470555123';
const VOLUNTEER = { username: 'anna', password: 'anna-volunteer-2026', displayName: 'Anna' };
const COLLEAGUE = { username: 'bert', password: 'bert-volunteer-2026', displayName: 'Bert' };

const describeWithBrowser = chromiumAvailable ? describe : describe.skip;

describeWithBrowser('volunteer console in a real browser, citizen on WhatsApp', () => {
  let world: ConsoleWorld;
  let context: BrowserContext;
  let page: Page;
  const requests: string[] = [];
  const citizenWrites = (text: string, from = CITIZEN) => world.citizenWrites(from, text);
  const delivered = () => world.delivered();

  beforeAll(async () => {
    world = await ConsoleWorld.start();
    const digibank = await world.app.db.prisma.digibank.create({ data: { name: 'Digibank Ieper' } });
    for (const volunteer of [VOLUNTEER, COLLEAGUE]) await world.createUser(volunteer, 'volunteer', digibank.id);
    // A phone screen: the console must work there too.
    page = await world.tab({ width: 390, height: 844 });
    context = page.context();
    page.on('request', (request) => requests.push(request.url()));
  }, 120_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await world?.close();
  });

  test('asks for a person; the volunteer claims, reads, replies on WhatsApp and gives the conversation back to the bot', async () => {
    // The citizen talks to the bot, then asks for a person.
    await citizenWrites('Hallo');
    await citizenWrites('Nederlands');
    await citizenWrites('Mijn pincode is 4821. Mag ik iemand spreken?');
    const handoff = await world.app.db.prisma.handoff.findFirst({ where: { channel: 'whatsapp', status: 'waiting' }, include: { conversation: true } });
    expect(handoff).not.toBeNull(); // the citizen's request must create a waiting handoff
    const conversationId = (handoff as NonNullable<typeof handoff>).conversationId;

    // The volunteer signs in on the console page.
    await page.goto(`${world.app.url}/console`, { waitUntil: 'load' });
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
    expect((await world.app.db.prisma.handoff.findUniqueOrThrow({ where: { id: (handoff as NonNullable<typeof handoff>).id } })).status).toBe('with_volunteer');

    // A quick reply in the citizen's language fills the box; the volunteer adds to it and sends.
    const quick = translator.t('nl', 'console.quickReplies.hello');
    await page.locator('#quick-replies button', { hasText: quick }).click();
    expect(await page.inputValue('#reply-text')).toBe(quick);
    const reply = `${quick} Welke vraag heeft u over uw pincode?`;
    await page.fill('#reply-text', reply);
    await page.click('#send');
    await eventually(() => world.fake.accepted(CITIZEN).some((call) => graphText(call) === reply), WAIT_MS);
    await page.waitForFunction((text) => (document.getElementById('transcript')?.innerText ?? '').includes(text), reply);

    // While the volunteer has it, the citizen's messages reach the console, not the dialogs.
    await eventually(() => delivered(), WAIT_MS);
    const beforeRelay = world.fake.accepted(CITIZEN).length;
    await citizenWrites('Ik ben mijn pincode vergeten');
    await page.waitForFunction(() => (document.getElementById('transcript')?.innerText ?? '').includes('Ik ben mijn pincode vergeten'));
    await eventually(() => delivered(), WAIT_MS);
    expect(world.fake.accepted(CITIZEN).length).toBe(beforeRelay);

    await page.screenshot({ path: process.env.CONSOLE_SCREENSHOT ?? '/tmp/console.png', fullPage: true });

    // Back to the bot: the console returns to the queue; the bot answers the next message.
    await page.click('#release');
    await page.locator('#queue-view').waitFor({ state: 'visible' });
    await eventually(async () => (await world.app.db.prisma.handoff.findUniqueOrThrow({ where: { id: (handoff as NonNullable<typeof handoff>).id } })).status === 'returned', WAIT_MS);
    await eventually(() => delivered(), WAIT_MS);
    const beforeBot = world.fake.accepted(CITIZEN).length;
    await citizenWrites('menu');
    await eventually(async () => world.fake.accepted(CITIZEN).length > beforeBot && (await delivered()), WAIT_MS);
    const botAnswer = world.fake.accepted(CITIZEN).slice(beforeBot).map(graphText).join('\n');
    expect(botAnswer).toContain(translator.t('nl', 'menu.prompt'));

    // Nothing left localhost: page, script, style, texts and API all come from the server.
    const origin = new URL(world.app.url).origin;
    expect(requests.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
  }, 120_000);

  test('two volunteers click "take" at the same moment: one gets the conversation, the other is told who did', async () => {
    const from = '32470555999';
    await citizenWrites('Hallo', from);
    await citizenWrites('Nederlands', from);
    await citizenWrites('Ik wil met een persoon praten', from);
    const handoff = await world.app.db.prisma.handoff.findFirstOrThrow({ where: { status: 'waiting', conversation: { channelConversationId: from } } });
    const pages = await Promise.all([VOLUNTEER, COLLEAGUE].map(async (volunteer) => {
      const tab = await world.tab({ width: 1100, height: 800 });
      await signIn(tab, world.app.url, volunteer);
      await tab.locator(`#queue li[data-conversation="${handoff.conversationId}"] button.claim`).waitFor({ state: 'visible' });
      return tab;
    }));
    // Both clicks in the same instant, dispatched inside the pages: a Playwright click first waits
    // for the button to be stable, and meanwhile the first claim's queue update may have replaced it.
    const claimButton = `#queue li[data-conversation="${handoff.conversationId}"] button.claim`;
    await Promise.all(pages.map((tab) => tab.$eval(claimButton, (button) => (button as HTMLButtonElement).click())));
    await eventually(async () => (await world.app.db.prisma.handoff.findUniqueOrThrow({ where: { id: handoff.id } })).volunteerId !== null);
    const winner = (await world.app.db.prisma.handoff.findUniqueOrThrow({ where: { id: handoff.id }, include: { volunteer: true } })).volunteer;
    expect([VOLUNTEER.username, COLLEAGUE.username]).toContain(winner?.username);
    const [winnerPage, loserPage] = winner?.username === VOLUNTEER.username ? pages : [pages[1], pages[0]];
    await winnerPage.locator('#conversation-view').waitFor({ state: 'visible' });
    const told = translator.t('nl', 'console.ui.conversation.claimedBy', { name: winner?.displayName ?? '' });
    await loserPage.waitForFunction((text) => document.getElementById('status')?.textContent === text, told);
    expect(await loserPage.locator('#conversation-view').isVisible()).toBe(false);
    await Promise.all(pages.map((tab) => tab.context().close()));
  }, 120_000);
});
