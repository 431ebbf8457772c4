import { translator } from '../../../i18n/translator';
import { chromiumAvailable } from '../support/browser';
import { ConsoleWorld, SCREENS, signIn } from '../support/consoleWorld';

const VOLUNTEER = { username: 'nora', password: 'nora-volunteer-2026', displayName: 'Nora' };
const ui = (key: string, vars?: Record<string, string | number>) => translator.t('nl', `console.ui.${key}`, vars);

const describeWithBrowser = chromiumAvailable ? describe : describe.skip;

/** What the page asked the browser for, recorded by stand-ins installed before the page's own script. */
type Recorded = { notifications: { title: string; body: string }[]; tones: number };

describeWithBrowser('console › telling the volunteer a citizen waits', () => {
  let world: ConsoleWorld;

  beforeAll(async () => {
    world = await ConsoleWorld.start();
    const bank = await world.app.db.prisma.digibank.create({ data: { name: 'Digibank Aalst' } });
    await world.createUser(VOLUNTEER, 'volunteer', bank.id);
  }, 120_000);

  afterAll(() => world?.close());

  test('tab title count, a browser notification once allowed (tab in the background), and the tone after the first click', async () => {
    const page = await world.tab(SCREENS.desktop);
    // The browser's notification and audio objects are outside the page: stand-ins record what the
    // console asks of them; the tab is in the background, where a notification is shown.
    await page.addInitScript(() => {
      const recorded = { notifications: [] as { title: string; body: string }[], tones: 0 };
      (window as unknown as { __recorded: typeof recorded }).__recorded = recorded;
      let permission = 'default';
      class FakeNotification {
        static get permission() {
          return permission;
        }
        static async requestPermission() {
          permission = 'granted';
          return permission;
        }
        constructor(title: string, options: { body: string }) {
          recorded.notifications.push({ title, body: options.body });
        }
      }
      class FakeAudioContext {
        state = 'running';
        currentTime = 0;
        destination = {};
        resume() {}
        createOscillator() {
          return { type: '', frequency: { value: 0 }, connect() {}, start() { recorded.tones += 1; }, stop() {} };
        }
        createGain() {
          return { gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} }, connect() {} };
        }
      }
      Object.defineProperty(window, 'Notification', { value: FakeNotification });
      Object.defineProperty(window, 'AudioContext', { value: FakeAudioContext });
      Object.defineProperty(document, 'visibilityState', { get: () => 'hidden' });
    });
    await signIn(page, world.app.url, VOLUNTEER);
    await page.click('#allow-notifications');
    await page.locator('#allow-notifications').waitFor({ state: 'detached' });

    await world.citizenWrites('32470246810', 'Hallo');
    await world.citizenWrites('32470246810', 'Nederlands');
    await world.citizenWrites('32470246810', 'Mag ik iemand spreken?');
    await page.waitForFunction((title) => document.title === `(1) ${title}`, ui('title'));
    await page.waitForFunction(() => (window as unknown as { __recorded: Recorded }).__recorded.notifications.length === 1);
    const recorded = await page.evaluate(() => (window as unknown as { __recorded: Recorded }).__recorded);
    expect(recorded.notifications).toEqual([{ title: ui('notify.title'), body: ui('notify.body', { count: 1 }) }]);
    expect(recorded.tones).toBe(1); // the login click unlocked the sound

    // Sound off: the next citizen is counted and notified, silently.
    await page.uncheck('#sound');
    for (const text of ['Hallo', 'Nederlands', 'Mag ik iemand spreken?']) await world.citizenWrites('32470135790', text);
    await page.waitForFunction(() => (window as unknown as { __recorded: Recorded }).__recorded.notifications.length === 2);
    await page.waitForFunction((title) => document.title === `(2) ${title}`, ui('title'));
    expect(await page.evaluate(() => (window as unknown as { __recorded: Recorded }).__recorded.tones)).toBe(1);
  }, 120_000);
});
