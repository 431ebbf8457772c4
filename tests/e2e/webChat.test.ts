import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startApp, App } from '../../app/app';
import { loadConfig } from '../../app/config';
import { Language, translator } from '../../i18n/translator';
import { enqueueOutbound } from '../../outbox/enqueueOutbound';
import { USER_PROFILE_PROPERTY } from '../../dialogs/userProfile';
import { chromiumAvailable, launchChromium } from './support/browser';
import { eventually } from '../support/fakeProviders';
import { axeViolations } from './support/axe';
import { choiceButton, expectInTranscript, expectSuggestedActions, normalize, numbered, suggestedActionTitles, transcriptText, WAIT_MS } from './support/webChat';
import { bookingPort } from '../../app/bookingPorts';
import { seedDigibanks } from '../../prisma/seed/digibanks';
import { ReferenceCode } from '../../services/booking/referenceCode';
import { USER_COOKIE_DAYS } from '../../adapters/webchat/webChatPage';

const MENU_ITEMS = ['question', 'appointment', 'loan', 'person', 'language'] as const;

function menuTitles(language: Language): string[] {
  return MENU_ITEMS.map((id) => translator.t(language, `menu.choices.${id}`));
}

/** The activities the page posted to Direct Line, as sent. */
type Posted = { type?: string; text?: string; value?: unknown; channelData?: { messageBack?: { displayText?: string } } };

const describeWithBrowser = chromiumAvailable ? describe : describe.skip;

describeWithBrowser('web chat in a real browser', () => {
  let app: App;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const requests: string[] = [];
  const polls: string[] = [];
  const sockets: string[] = [];
  const posted: Posted[] = [];

  beforeAll(async () => {
    app = await startApp(loadConfig({ PORT: '0', DATA_DIR: 'memory://', SEED_DEMO_DATA: 'false', LOG_LEVEL: 'silent' }));
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'nl-BE', viewport: { width: 900, height: 900 } });
    context.setDefaultTimeout(WAIT_MS);
    page = await context.newPage();
    page.on('request', (request) => {
      requests.push(request.url());
      if (request.method() === 'GET' && /\/activities(\?|$)/.test(request.url())) polls.push(request.url());
      if (request.method() === 'POST' && /\/activities$/.test(request.url())) posted.push(request.postDataJSON() as Posted);
    });
    page.on('websocket', (socket) => sockets.push(socket.url()));
  }, 60_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await app?.close();
  });

  test('greets, takes a language from a button, shows the menu, answers, and remembers the language', async () => {
    await page.goto(app.url, { waitUntil: 'load', timeout: WAIT_MS });

    // First contact: the multilingual greeting and the language question with four buttons.
    for (const language of ['nl', 'fr', 'en'] as const) {
      await expectInTranscript(page, translator.t(language, 'common.welcome'));
      await expectInTranscript(page, translator.t(language, 'language.prompt'));
    }
    const languageNames = (['nl', 'fr', 'en', 'nl-simple'] as const).map((l) => translator.t(l, 'language.choices.name'));
    await expectSuggestedActions(page, numbered(languageNames));

    // Choose French with the button: a tap is a choice (its title as text, its id as value.choice);
    // confirmation and the menu in French, with French buttons.
    const french = translator.t('fr', 'language.choices.name');
    await choiceButton(page, french).click();
    await expectInTranscript(page, translator.t('fr', 'language.confirmed'));
    const tap = posted.find((activity) => activity.type === 'message' && activity.text === french);
    expect(tap).toMatchObject({ text: french, value: { choice: expect.any(String) }, channelData: { messageBack: { displayText: french } } });
    await expectInTranscript(page, translator.t('fr', 'menu.prompt'));
    await expectSuggestedActions(page, numbered(menuTitles('fr')));
    expect(await suggestedActionTitles(page)).toEqual(numbered(menuTitles('fr')));
    await page.screenshot({ path: process.env.WEBCHAT_MENU_SCREENSHOT ?? '/tmp/webchat-menu.png', fullPage: false });

    // Type in the send box: "2" is the second menu entry (appointment), answered in French.
    const sendBox = page.locator('[data-id="webchat-sendbox-input"]');
    await sendBox.fill('2');
    await sendBox.press('Enter');
    await expectInTranscript(page, translator.t('fr', 'booking.askPlace'));

    // The language is saved for this (pseudonymous) person.
    const cookies = await context.cookies(app.url);
    const uid = cookies.find((cookie) => cookie.name === 'digibank_uid');
    const visitorId = uid?.value.split('.')[0];
    expect(visitorId).toMatch(/^web_/);
    expect(uid?.httpOnly).toBe(true);
    // botbuilder's UserState key: <channel>/users/<user id>/
    const stored = await app.db.prisma.botStateItem.findUnique({ where: { key: `webchat/users/${visitorId}/` } });
    expect((stored?.data as Record<string, { language?: string }> | undefined)?.[USER_PROFILE_PROPERTY]?.language).toBe('fr');

    await page.screenshot({ path: process.env.WEBCHAT_SCREENSHOT ?? '/tmp/webchat.png', fullPage: false });

    // Reload: a new Direct Line conversation for the same person — welcomed back in French, no language question.
    await page.reload({ waitUntil: 'load', timeout: WAIT_MS });
    await expectInTranscript(page, translator.t('fr', 'common.welcomeBack'));
    await expectInTranscript(page, translator.t('fr', 'menu.prompt'));
    await expectSuggestedActions(page, numbered(menuTitles('fr')));
    const afterReload = await transcriptText(page);
    expect(afterReload).not.toContain(normalize(translator.t('nl', 'language.prompt')));
    expect((await context.cookies(app.url)).find((cookie) => cookie.name === 'digibank_uid')?.value).toBe(uid?.value);

    await page.screenshot({ path: process.env.WEBCHAT_RELOAD_SCREENSHOT ?? '/tmp/webchat-reload.png', fullPage: false });

    // Nothing left localhost: the page, the Web Chat bundle and Direct Line all come from the server.
    const origin = new URL(app.url).origin;
    const external = requests.filter((url) => !url.startsWith(`${origin}/`) && !/^(data|blob):/.test(url));
    expect(external).toEqual([]);
    expect(requests.some((url) => url.startsWith(`${origin}/v3/directline/`))).toBe(true);
    // Replies come over Direct Line's WebSocket stream (Web Chat's default transport), not polling.
    const streamUrl = new RegExp(`^ws://${new URL(app.url).host}/v3/directline/conversations/[^/]+/stream\\?t=`);
    expect(sockets.length).toBeGreaterThanOrEqual(2);
    for (const url of sockets) expect(url).toMatch(streamUrl);
    expect(polls).toEqual([]);
  }, 120_000);

  test('a question typed before choosing a language reaches a turn; a multi-line message keeps its lines', async () => {
    const visitor = await browser.newContext({ locale: 'nl-BE', viewport: { width: 900, height: 900 } });
    visitor.setDefaultTimeout(WAIT_MS);
    try {
      const fresh = await visitor.newPage();
      await fresh.goto(app.url, { waitUntil: 'load', timeout: WAIT_MS });
      await expectInTranscript(fresh, translator.t('nl', 'language.prompt'));

      // Typed at once, before any choice: the Direct Line edge stores it after the greeting's turn
      // and runs its turn (what the dialogs answer is theirs to decide), nothing is dropped here.
      const question = 'Mijn itsme werkt niet meer op mijn nieuwe telefoon';
      const sendBox = fresh.locator('[data-id="webchat-sendbox-input"]');
      await sendBox.fill(question);
      await sendBox.press('Enter');
      await expectInTranscript(fresh, question);
      // Web Chat shows a sent message before its POST is answered: wait until it is stored and its turn has run.
      const storedAndRun = { where: { channel: 'webchat', direction: 'in', text: question, status: 'processed' } };
      await eventually(async () => (await app.db.prisma.message.count(storedAndRun)) === 1, WAIT_MS);
      const typed = await app.db.prisma.message.findFirstOrThrow(storedAndRun);
      expect((typed.activity as { value?: unknown }).value).toBeUndefined();
      const greeting = await app.db.prisma.message.findFirstOrThrow({ where: { conversationId: typed.conversationId, direction: 'out' }, orderBy: { seq: 'asc' } });
      expect(greeting.seq < typed.seq).toBe(true);
      expect(await app.db.prisma.message.count({ where: { conversationId: typed.conversationId, direction: 'out', seq: { gt: typed.seq } } })).toBeGreaterThan(0);

      // A reply on several lines (a booking summary) shows them as lines, not run together.
      const lines = ['Klopt dit?', 'Digibank Kortrijk (DEMO)', 'Bibliotheek, Kortrijk', 'maandag 7 december om 09:00'];
      await enqueueOutbound(app.db.prisma, typed.conversationId, 'webchat', { text: lines.join('\n') });
      await fresh.waitForFunction(
        (wanted) => ((document.querySelector('#webchat') as HTMLElement | null)?.innerText ?? '').includes(wanted),
        lines.join('\n'),
        { timeout: WAIT_MS },
      );
      await fresh.screenshot({ path: process.env.WEBCHAT_LINES_SCREENSHOT ?? '/tmp/webchat-lines.png', fullPage: false });
    } finally {
      await visitor.close().catch(() => undefined);
    }
  }, 120_000);

  test('a shared computer: the page says what it keeps, appointments show only with code and postcode, "forget me" starts a new visitor; no accessibility violations', async () => {
    await seedDigibanks(app.db.prisma, new Date());
    const shared = await browser.newContext({ locale: 'nl-BE', viewport: { width: 900, height: 900 } });
    shared.setDefaultTimeout(WAIT_MS);
    try {
      const page = await shared.newPage();
      await page.goto(app.url, { waitUntil: 'load', timeout: WAIT_MS });
      await expectInTranscript(page, translator.t('nl', 'language.prompt'));
      expect(await axeViolations(page)).toEqual([]);
      await expect(page.locator('footer').innerText()).resolves.toContain(translator.t('nl', 'webchat.cookieNote', { days: USER_COOKIE_DAYS }));
      const forget = page.getByRole('button', { name: translator.t('nl', 'webchat.forgetMe') });
      expect(await forget.isVisible()).toBe(true);
      const visitorCookie = async () => (await shared.cookies(app.url)).find((cookie) => cookie.name === 'digibank_uid');
      const first = await visitorCookie();
      expect(first).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false }); // plain http here: not Secure

      // Visitor A booked on this computer earlier (their person is the cookie's visitor).
      const visitorA = (first?.value ?? '').split('.')[0];
      const { booking, postcode } = await bookFor(visitorA);
      const code = ReferenceCode.format(booking.reference);
      const sendBox = page.locator('[data-id="webchat-sendbox-input"]');
      const say = async (text: string) => {
        await sendBox.fill(text);
        await sendBox.press('Enter');
      };
      await say('mijn afspraken');
      await expectInTranscript(page, translator.t('nl', 'proof.askCode.bookings'));
      expect(await transcriptText(page)).not.toContain(code);
      await say(`${code} ${postcode}`);
      await expectInTranscript(page, code);

      // "Forget me on this computer": a new visitor, a new conversation, nothing of A's on the screen.
      await Promise.all([page.waitForNavigation({ waitUntil: 'load', timeout: WAIT_MS }), forget.click()]);
      const second = await visitorCookie();
      expect(second?.value).toBeDefined();
      expect(second?.value.split('.')[0]).not.toBe(visitorA);
      await expectInTranscript(page, translator.t('nl', 'language.prompt'));
      expect(await transcriptText(page)).not.toContain(code);

      // Visitor B asks for "my appointments": the code is asked, nothing of A's is shown.
      await say('mijn afspraken');
      await expectInTranscript(page, translator.t('nl', 'proof.askCode.bookings'));
      const shown = await transcriptText(page);
      expect(shown).not.toContain(code);
      expect(shown).not.toContain(normalize(booking.location?.name ?? 'no place'));
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: process.env.WEBCHAT_FORGET_SCREENSHOT ?? '/tmp/webchat-forget.png', fullPage: false });
    } finally {
      await shared.close().catch(() => undefined);
    }
  }, 120_000);

  /** A helpdesk appointment of a web chat visitor, two days or more ahead, and its place's postcode. */
  async function bookFor(visitorId: string) {
    const person = await app.db.prisma.person.upsert({ where: { channel_channelUserId: { channel: 'webchat', channelUserId: visitorId } }, create: { channel: 'webchat', channelUserId: visitorId }, update: {} });
    const now = new Date();
    const slot = await app.db.prisma.helpdeskSlot.findFirstOrThrow({ where: { startsAt: { gt: new Date(now.getTime() + 2 * 86_400_000) }, booked: 0 }, orderBy: { startsAt: 'asc' } });
    const result = await bookingPort(app.db.prisma).bookings.book({ personId: person.id, slotId: slot.id }, now);
    if (result.kind !== 'booked') throw new Error(`could not book: ${result.kind}`);
    const booking = await app.db.prisma.booking.findUniqueOrThrow({ where: { id: result.booking.id }, include: { location: true } });
    return { booking, postcode: booking.location?.postcode ?? '' };
  }
});
