import type { Browser, BrowserContext, Page } from 'playwright-core';
import { App, startApp } from '../../../app/app';
import { loadConfig } from '../../../app/config';
import { ConsoleClient } from '../../support/consoleClient';
import { FakeProviders } from '../../support/fakeProviders';
import { signWhatsApp, whatsAppTextWebhook } from '../../support/whatsAppPayloads';
import { axeViolations } from './axe';
import { launchChromium } from './browser';

/** Every wait of the console's browser tests is bounded by this (ms); no timing is asserted. */
export const WAIT_MS = 20_000;
const SECRET = 'whatsapp-app-secret';
const PHONE_ID = '1234567890';
/** The administrator every console world starts with. */
export const ADMIN = { username: 'chief', password: 'correct horse battery' };

/** A console account to create and sign in with. */
export interface ConsoleAccount {
  username: string;
  password: string;
  displayName?: string;
}

/** The two screen sizes every console screen is checked at. */
export const SCREENS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;

let inbound = 0;

/**
 * The real server on an embedded database with WhatsApp pointed at the fake Graph API, an
 * administrator, and Debian's Chromium: what every console browser test starts from.
 */
export class ConsoleWorld {
  private constructor(readonly app: App, readonly fake: FakeProviders, readonly browser: Browser, readonly admin: ConsoleClient) {}

  /** Starts the server, the fake providers and the browser; `config` adds settings. */
  static async start(config: Record<string, string> = {}): Promise<ConsoleWorld> {
    const fake = await new FakeProviders().start();
    const app = await startApp(loadConfig({
      PORT: '0', DATA_DIR: 'memory://', SEED_DEMO_DATA: 'false', LOG_LEVEL: 'silent',
      WHATSAPP_VERIFY_TOKEN: 'verify-token-1', WHATSAPP_APP_SECRET: SECRET, WHATSAPP_TOKEN: 'graph-token-1',
      WHATSAPP_PHONE_NUMBER_ID: PHONE_ID, WHATSAPP_API_URL: fake.graphUrl,
      OUTBOX_RETRY_BASE_MS: '5', OUTBOX_RETRY_MAX_MS: '50', OUTBOX_POLL_MS: '20',
      CONSOLE_ADMIN_USERNAME: ADMIN.username, CONSOLE_ADMIN_PASSWORD: ADMIN.password,
      ...config,
    }));
    const admin = new ConsoleClient(app.url);
    expect(await admin.login(ADMIN.username, ADMIN.password)).toBe(200);
    return new ConsoleWorld(app, fake, await launchChromium(), admin);
  }

  /** Creates a console account through the API, as the administrator. */
  async createUser(account: ConsoleAccount, role: 'admin' | 'coordinator' | 'volunteer', digibankId: string | null): Promise<void> {
    const created = await this.admin.post('/console/api/users', { ...account, role, digibankId, languages: ['nl', 'fr'], uiLanguage: 'nl' });
    expect(created.status).toBe(201);
  }

  /** A citizen's WhatsApp message through the signed webhook; waits until its turn has run. */
  async citizenWrites(from: string, text: string): Promise<void> {
    const body = whatsAppTextWebhook(PHONE_ID, from, text, `wamid.world${process.pid}x${++inbound}`);
    const response = await fetch(`${this.app.url}/api/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWhatsApp(SECRET, body) }, body });
    expect(response.status).toBe(200);
    await this.app.assistant.runner.idle();
  }

  /** Every outbound WhatsApp row has been accepted by the fake Graph API. */
  async delivered(): Promise<boolean> {
    const pending = await this.app.db.prisma.message.count({ where: { channel: 'whatsapp', direction: 'out', status: { in: ['queued', 'sending'] } } });
    return pending === 0;
  }

  /** A new browser tab (its own cookies) at a screen size, in Dutch. */
  async tab(size: { width: number; height: number } = SCREENS.desktop): Promise<Page> {
    const phone = size.width < 600;
    const context: BrowserContext = await this.browser.newContext({ locale: 'nl-BE', viewport: size, isMobile: phone, hasTouch: phone, acceptDownloads: true });
    context.setDefaultTimeout(WAIT_MS);
    return context.newPage();
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.app.close();
    await this.fake.stop();
  }
}

/** Signs in on the console page as a person would; resolves when the queue shows. */
export async function signIn(page: Page, url: string, user: ConsoleAccount): Promise<void> {
  await page.goto(`${url}/console`, { waitUntil: 'load' });
  await page.fill('#username', user.username);
  await page.fill('#password', user.password);
  await page.click('#login-submit');
  await page.locator('#queue-view').waitFor({ state: 'visible' });
}

/** Opens a screen from the menu, as a person would, and waits for it. */
export async function openFromMenu(page: Page, name: string, viewId: string): Promise<void> {
  await page.click(`#nav-${name}`);
  await page.locator(`#${viewId}`).waitFor({ state: 'visible' });
}

/** The critical and serious axe-core violations of the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  return (await axeViolations(page)).filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => `${v.id}: ${v.help} (${v.targets.join(', ')})`);
}
