import { translator } from '../../../i18n/translator';
import { chromiumAvailable } from '../support/browser';
import { ADMIN, ConsoleWorld, openFromMenu, SCREENS, seriousViolations, signIn } from '../support/consoleWorld';

const COORDINATOR = { username: 'cato', password: 'cato-coordinator-2026', displayName: 'Cato' };
const CITIZEN = '32470121314';
const ui = (key: string, vars?: Record<string, string | number>) => translator.t('nl', `console.ui.${key}`, vars);

/** Every screen of the menu and the element that shows it is there. */
const MENU: [string, string][] = [
  ['queue', 'queue-view'], ['mine', 'mine-view'], ['history', 'history-view'], ['callbacks', 'callbacks-view'], ['appointments', 'appointments-view'],
  ['loans', 'loans-view'], ['devices', 'devices-view'], ['waiting', 'waiting-view'], ['donations', 'donations-view'], ['reports', 'reports-view'], ['replies', 'replies-view'],
  ['users', 'users-view'], ['account', 'account-view'],
];

const describeWithBrowser = chromiumAvailable ? describe : describe.skip;

describeWithBrowser('console › every screen at 1280×800 and on a 390 px phone, checked with axe-core', () => {
  let world: ConsoleWorld;

  beforeAll(async () => {
    world = await ConsoleWorld.start();
    const bank = await world.app.db.prisma.digibank.create({ data: { name: 'Digibank Leuven' } });
    await world.createUser(COORDINATOR, 'coordinator', bank.id);
    // A citizen who reads simplified Dutch waits for a person.
    for (const text of ['Hallo', 'Nederlands', 'eenvoudig nederlands', 'Mag ik iemand spreken? Mijn code is 4821']) await world.citizenWrites(CITIZEN, text);
  }, 120_000);

  afterAll(() => world?.close());

  test.each(Object.entries(SCREENS))('at %s size: the queue row says who and what; every screen has no critical or serious violation', async (_name, size) => {
    const page = await world.tab(size);
    const refused: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|unsafe-eval/i.test(message.text())) refused.push(message.text());
    });
    await signIn(page, world.app.url, COORDINATOR);
    const handoff = await world.app.db.prisma.handoff.findFirstOrThrow({ where: { conversation: { channelConversationId: CITIZEN } } });
    const row = page.locator(`#queue li[data-conversation="${handoff.conversationId}"]`);
    await row.waitFor({ state: 'visible' });
    const text = await row.innerText();
    expect(text).toContain(`••• ${CITIZEN.slice(-3)}`);
    expect(text).toContain(ui('languages.simple', { language: ui('languages.nl') }));
    expect(text).toContain('Mag ik iemand spreken?');
    expect(text).not.toContain('4821'); // the preview is masked
    expect(text).toContain(ui('channels.whatsapp'));
    if (handoff.topic) expect(text).not.toContain(handoff.topic);
    await page.waitForFunction(() => document.title.startsWith('(1) '));
    for (const [name, view] of MENU) {
      await openFromMenu(page, name, view);
      await page.waitForLoadState('networkidle');
      expect({ screen: name, violations: await seriousViolations(page) }).toEqual({ screen: name, violations: [] });
    }
    expect(await page.locator('#open-audit').count()).toBe(0);
    // The bundle runs under the console's strict CSP (no inline script, no eval): the browser refused nothing.
    expect(refused).toEqual([]);
    await page.context().close();
  }, 120_000);

  test('the administrator\'s audit trail screen', async () => {
    for (const size of Object.values(SCREENS)) {
      const page = await world.tab(size);
      await signIn(page, world.app.url, ADMIN);
      await page.click('#open-audit');
      await page.locator('#audit-view').waitFor({ state: 'visible' });
      await page.waitForLoadState('networkidle');
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    }
  }, 120_000);

  test('a citizen who reads simplified Dutch gets the simplified quick replies, said so above them', async () => {
    const page = await world.tab(SCREENS.phone);
    await signIn(page, world.app.url, COORDINATOR);
    const handoff = await world.app.db.prisma.handoff.findFirstOrThrow({ where: { conversation: { channelConversationId: CITIZEN } } });
    await page.locator(`#queue li[data-conversation="${handoff.conversationId}"] button.claim`).click();
    const simple = translator.t('nl-simple', 'console.quickReplies.hello');
    expect(simple).not.toBe(translator.t('nl', 'console.quickReplies.hello'));
    await page.locator('#quick-replies button', { hasText: simple }).waitFor({ state: 'visible' });
    expect(await page.locator('#quick-label').innerText()).toContain(ui('conversation.simpleWording'));
    expect(await seriousViolations(page)).toEqual([]);
  }, 120_000);
});
