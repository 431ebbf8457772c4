import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { App, startApp } from '../../app/app';
import { loadConfig } from '../../app/config';
import { translator } from '../../i18n/translator';
import { enqueueOutbound } from '../../outbox/enqueueOutbound';
import { USER_COOKIE, USER_COOKIE_DAYS } from '../../adapters/webchat/webChatPage';
import { axeViolations } from './support/axe';
import { chromiumAvailable, launchChromium } from './support/browser';
import { ChatView, choiceButton, expectInTranscript, expectSuggestedActions, normalize, numbered, WAIT_MS } from './support/webChat';

const describeWithBrowser = chromiumAvailable ? describe : describe.skip;

const BRAND = {
  WEBCHAT_NAME: 'Digibank Ieper',
  WEBCHAT_COLOR: '#7a1f3d',
  WEBCHAT_BACKGROUND_COLOR: '#fff8e6',
  WEBCHAT_CONTACT_PHONE: '057 23 94 00',
  WEBCHAT_CONTACT_EMAIL: 'digibank@ieper.be',
  WEBCHAT_CONTACT_ADDRESS: 'Stadsbibliotheek, Weverijstraat 12, 8900 Ieper',
};
const LANGUAGES = ['nl', 'fr', 'en', 'nl-simple'] as const;

/**
 * A municipality's page on its own port that puts the chat (at `chatUrl()`) in an iframe: at `/` with
 * the README's iframe snippet, at `/script` with its script snippet.
 */
async function hostPage(chatUrl: () => string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const snippet =
      req.url === '/script'
        ? `<script src="${chatUrl()}/webchat/embed.js" data-title="Chat met de digibank" data-height="640px"></script>`
        : `<iframe src="${chatUrl()}/" title="Chat met de digibank" style="width: 100%; max-width: 480px; height: 640px; border: 0;"></iframe>`;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Gemeente Ieper</title></head><body><main><h1>Gemeente Ieper: hulp bij digitale vragen</h1>${snippet}</main></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Presses `key` until the focused element matches `selector` (keyboard only); fails after `max` presses. */
async function pressUntilFocused(page: Page, key: string, selector: string, max = 30): Promise<void> {
  for (let presses = 0; presses < max; presses += 1) {
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${selector} not reached with ${max} × ${key}`);
}

/** The chat's frame in an embedding page, once Web Chat has drawn its transcript. */
async function chatFrame(page: Page, chatUrl: string): Promise<Frame> {
  await page.waitForFunction((url) => Array.from(document.querySelectorAll('iframe')).some((f) => f.src.startsWith(url)), chatUrl, { timeout: WAIT_MS });
  for (const deadline = Date.now() + WAIT_MS; Date.now() < deadline; await page.waitForTimeout(100)) {
    const frame = page.frames().find((f) => f.url().startsWith(chatUrl));
    if (frame && (await frame.locator('#webchat').count())) return frame;
  }
  throw new Error('the chat frame did not load');
}

async function languageNames(): Promise<string[]> {
  return LANGUAGES.map((l) => translator.t(l, 'language.choices.name'));
}

/** The transcript's times ("Verzonden om 5 december om 14:05") are on a 24-hour clock (Web Chat's own would say "2:05 p.m."). */
async function expect24HourTimes(view: ChatView): Promise<void> {
  const times = await view.evaluate(() => Array.from(document.querySelectorAll('.webchat__activity-status')).map((e) => e.textContent ?? ''));
  expect(times.length).toBeGreaterThan(0);
  for (const time of times) {
    expect(time).toMatch(/\b([01]\d|2[0-3]):[0-5]\d(?!\d)/);
    expect(time).not.toMatch(/\b[ap]\.?\s?m\b/i);
  }
}

describeWithBrowser('the web chat page a municipality publishes (real Chromium, axe-core)', () => {
  let app: App;
  let browser: Browser;
  let allowed: { server: Server; origin: string };
  let refused: { server: Server; origin: string };
  let chatUrl: string;

  beforeAll(async () => {
    const logo = path.join(mkdtempSync(path.join(tmpdir(), 'logo-')), 'ieper.svg');
    writeFileSync(logo, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><rect width="40" height="40" fill="#7a1f3d"/></svg>');
    // The chat is on localhost, the municipality's pages on 127.0.0.1: two sites, as in real life.
    allowed = await hostPage(() => chatUrl);
    refused = await hostPage(() => chatUrl);
    app = await startApp(
      loadConfig({ PORT: '0', DATA_DIR: 'memory://', SEED_DEMO_DATA: 'false', LOG_LEVEL: 'silent', TRUST_PROXY: '1', WEBCHAT_LOGO: logo, WEBCHAT_FRAME_ANCESTORS: allowed.origin, ...BRAND }),
    );
    chatUrl = `http://localhost:${new URL(app.url).port}`;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await app?.close();
    for (const host of [allowed, refused]) await new Promise((resolve) => host?.server.close(resolve));
  });

  test('on its own: the owner\'s branding, one h1 and one main, focus in the message box, keyboard only, lines kept, 24-hour times, the privacy notice; no axe violation', async () => {
    const context = await browser.newContext({ locale: 'nl-BE', viewport: { width: 900, height: 900 } });
    context.setDefaultTimeout(WAIT_MS);
    try {
      const page = await context.newPage();
      await page.goto(`${chatUrl}/`, { waitUntil: 'load' });
      // Branding from configuration.
      expect(await page.title()).toBe(`${translator.t('nl', 'webchat.title')} · ${BRAND.WEBCHAT_NAME}`);
      expect(await page.locator('h1').allInnerTexts()).toEqual([BRAND.WEBCHAT_NAME]);
      expect(await page.locator('main, [role="main"]').count()).toBe(1);
      expect(await page.locator('#logo').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
      expect(await page.locator('link[rel="icon"]').getAttribute('href')).toBe('/webchat/logo');
      expect(await page.locator('body > header').evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(122, 31, 61)');
      expect(normalize(await page.locator('#brand-contact').innerText())).toBe(`Contact: ${BRAND.WEBCHAT_CONTACT_PHONE} · ${BRAND.WEBCHAT_CONTACT_EMAIL} · ${BRAND.WEBCHAT_CONTACT_ADDRESS}`);
      // The message box has the focus; Web Chat's own strings say "je", as the assistant does.
      await page.waitForFunction(() => document.activeElement?.getAttribute('data-id') === 'webchat-sendbox-input');
      expect(await page.locator('[data-id="webchat-sendbox-input"]').getAttribute('placeholder')).toBe(translator.t('nl', 'webchat.webChatStrings.TEXT_INPUT_PLACEHOLDER'));
      await expectInTranscript(page, translator.t('nl', 'language.prompt'));
      await expectSuggestedActions(page, numbered(await languageNames()));
      expect(await axeViolations(page)).toEqual([]);

      // Keyboard only: back from the message box to the choices, Enter takes the focused one.
      await pressUntilFocused(page, 'Shift+Tab', '.webchat__suggested-actions button');
      const focused = normalize(await page.evaluate(() => (document.activeElement as HTMLElement).innerText));
      const language = LANGUAGES[(await languageNames()).findIndex((name, index) => focused === `${index + 1}. ${name}`)];
      expect(language).toBeDefined();
      await page.keyboard.press('Enter');
      await expectInTranscript(page, translator.t(language, 'language.confirmed'));
      await pressUntilFocused(page, 'Tab', '[data-id="webchat-sendbox-input"]');
      await page.keyboard.type('2');
      await page.keyboard.press('Enter');
      await expectInTranscript(page, translator.t(language, 'booking.askPlace'));

      // A message written on several lines shows them on separate lines.
      const conversation = await app.db.prisma.message.findFirstOrThrow({ where: { channel: 'webchat', direction: 'in', text: '2' } });
      const lines = ['Klopt dit?', 'Digibank Ieper (DEMO)', 'Stadsbibliotheek, Ieper', 'maandag 7 december om 09:00'];
      await enqueueOutbound(app.db.prisma, conversation.conversationId, 'webchat', { text: lines.join('\n') });
      const bubble = page.locator('.webchat__bubble__content', { hasText: lines[0] });
      await bubble.waitFor();
      expect((await bubble.innerText()).split('\n').map((line) => line.trim()).filter(Boolean)).toEqual(lines);
      const tops = await bubble.evaluate((element, wanted) => {
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        const found: number[] = [];
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (!wanted.includes((node.textContent ?? '').trim())) continue;
          const range = document.createRange();
          range.selectNodeContents(node);
          found.push(Math.round(range.getBoundingClientRect().top));
        }
        return found;
      }, lines);
      expect(new Set(tops).size).toBe(lines.length);

      await expect24HourTimes(page);
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: process.env.WEBCHAT_BRANDED_SCREENSHOT ?? '/tmp/webchat-branded.png' });

      // Keyboard only to the privacy link: the notice of the chat's "privacy" answer, and the cookie in words.
      await pressUntilFocused(page, 'Shift+Tab', '#privacy-link', 60);
      await Promise.all([page.waitForURL(`${chatUrl}/privacy`), page.keyboard.press('Enter')]);
      expect(await page.locator('#notice').innerText()).toBe(translator.t(language, 'privacyInfo.answer', { days: 180 }));
      expect(await page.locator('#cookie').innerText()).toBe(translator.t(language, 'webchat.cookieExplained', { name: USER_COOKIE, days: USER_COOKIE_DAYS }));
      expect(await page.locator('h1').count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await context.close().catch(() => undefined);
    }
  }, 180_000);

  test('embedded in an allowed site: it chats, keeps the visitor over https (SameSite=None), leaves the host page\'s focus alone, and forgets on request; no axe violation on the host page or in the frame', async () => {
    // The page and "forget me" reach the chat as through the trusted https proxy (TRUST_PROXY=1,
    // X-Forwarded-Proto: https); Chrome takes Secure cookies from http://localhost, as from an https site.
    const context = await browser.newContext({ locale: 'fr-BE', viewport: { width: 900, height: 900 } });
    context.setDefaultTimeout(WAIT_MS);
    await context.route(
      (url) => url.origin === chatUrl && ['/', '/webchat/forget'].includes(url.pathname),
      (route) => route.continue({ headers: { ...route.request().headers(), 'x-forwarded-proto': 'https' } }),
    );
    try {
      const page = await context.newPage();
      await page.goto(`${allowed.origin}/`, { waitUntil: 'load' });
      const frame = await chatFrame(page, chatUrl);
      expect(await frame.locator('h1').innerText()).toBe(BRAND.WEBCHAT_NAME);
      await expectInTranscript(frame, translator.t('fr', 'language.prompt'));
      await frame.locator('[data-id="webchat-sendbox-input"]').waitFor();
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BODY'); // the visitor was not moved into the chat
      await choiceButton(frame, translator.t('fr', 'language.choices.name')).click();
      await expectInTranscript(frame, translator.t('fr', 'language.confirmed'));
      await expect24HourTimes(frame);
      expect(await frame.locator('[data-id="webchat-sendbox-input"]').getAttribute('placeholder')).toBe(translator.t('fr', 'webchat.webChatStrings.TEXT_INPUT_PLACEHOLDER'));
      const cookie = (await context.cookies(chatUrl)).find((c) => c.name === 'digibank_uid');
      expect(cookie).toMatchObject({ sameSite: 'None', secure: true, httpOnly: true });
      expect(await axeViolations(page)).toEqual([]);
      expect(await axeViolations(frame)).toEqual([]);

      // The municipality's page again: the same visitor, welcomed back in French inside the frame.
      await page.reload({ waitUntil: 'load' });
      const again = await chatFrame(page, chatUrl);
      await expectInTranscript(again, translator.t('fr', 'common.welcomeBack'));

      // "Forget me on this computer" inside the frame: a new anonymous visitor, asked for a language again.
      await Promise.all([again.waitForNavigation({ waitUntil: 'load' }), again.getByRole('button', { name: translator.t('fr', 'webchat.forgetMe') }).click()]);
      const forgotten = await chatFrame(page, chatUrl);
      await expectInTranscript(forgotten, translator.t('fr', 'language.prompt'));
      expect((await context.cookies(chatUrl)).find((c) => c.name === 'digibank_uid')?.value).not.toBe(cookie?.value);
      await page.screenshot({ path: process.env.WEBCHAT_EMBEDDED_SCREENSHOT ?? '/tmp/webchat-embedded.png' });
    } finally {
      await context.close().catch(() => undefined);
    }
  }, 180_000);

  test("the script snippet inserts the chat's frame where it stands, titled for screen readers; no axe violation", async () => {
    const context = await browser.newContext({ locale: 'nl-BE', viewport: { width: 900, height: 900 } });
    context.setDefaultTimeout(WAIT_MS);
    try {
      const page = await context.newPage();
      await page.goto(`${allowed.origin}/script`, { waitUntil: 'load' });
      const frame = await chatFrame(page, chatUrl);
      expect(await page.locator('main > iframe').getAttribute('title')).toBe('Chat met de digibank');
      expect(await page.locator('main > iframe').evaluate((element) => getComputedStyle(element).height)).toBe('640px');
      await expectInTranscript(frame, translator.t('nl', 'language.prompt'));
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await context.close().catch(() => undefined);
    }
  }, 60_000);

  test('a site that is not allowed cannot frame it (CSP frame-ancestors)', async () => {
    const context = await browser.newContext({ locale: 'nl-BE' });
    context.setDefaultTimeout(WAIT_MS);
    try {
      const page = await context.newPage();
      const console: string[] = [];
      const scripts: string[] = [];
      page.on('console', (message) => console.push(message.text()));
      page.on('request', (request) => {
        if (request.url().includes('/webchat/')) scripts.push(request.url());
      });
      await page.goto(`${refused.origin}/`, { waitUntil: 'load' });
      for (const deadline = Date.now() + WAIT_MS; !console.some((text) => text.includes('frame-ancestors')) && Date.now() < deadline; ) await page.waitForTimeout(100);
      expect(console.find((text) => text.includes('frame-ancestors'))).toContain(allowed.origin);
      expect(scripts).toEqual([]);
      expect(page.frames().some((frame) => frame.url().startsWith(chatUrl))).toBe(false);
    } finally {
      await context.close().catch(() => undefined);
    }
  }, 60_000);
});
