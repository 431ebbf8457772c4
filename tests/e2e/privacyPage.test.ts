import type { Browser } from 'playwright-core';
import { App, startApp } from '../../app/app';
import { loadConfig } from '../../app/config';
import { translator } from '../../i18n/translator';
import { axeViolations } from './support/axe';
import { chromiumAvailable, launchChromium } from './support/browser';

const describeWithBrowser = chromiumAvailable ? describe : describe.skip;

describeWithBrowser('the web chat page links to the privacy notice (real browser, axe-core)', () => {
  let app: App;
  let browser: Browser;

  beforeAll(async () => {
    app = await startApp(loadConfig({ PORT: '0', DATA_DIR: 'memory://', SEED_DEMO_DATA: 'false', LOG_LEVEL: 'silent', RETENTION_DAYS: '90', PRIVACY_CONTACT: 'privacy@digibank-ieper.be' }));
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await app?.close();
  });

  test.each([
    ['nl-BE', 'nl'],
    ['fr-BE', 'fr'],
  ] as const)('in %s: the header link opens what is kept, for how long (RETENTION_DAYS) and whom to ask (PRIVACY_CONTACT)', async (locale, language) => {
    const context = await browser.newContext({ locale, extraHTTPHeaders: { 'Accept-Language': locale } });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    await page.goto(`${app.url}/`, { waitUntil: 'load' });
    const link = page.locator('#privacy-link');
    expect(await link.innerText()).toBe(translator.t(language, 'webchat.privacy'));
    await link.click();
    await page.waitForURL(`${app.url}/privacy`);
    expect(await page.locator('#notice').innerText()).toBe(translator.t(language, 'privacyInfo.answer', { days: 90 }));
    expect(await page.locator('#contact').innerText()).toBe(translator.t(language, 'privacyInfo.contact', { contact: 'privacy@digibank-ieper.be' }));
    expect(await page.getAttribute('html', 'lang')).toBe(language);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  }, 60_000);
});
