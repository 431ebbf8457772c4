import { translator } from '../../../i18n/translator';
import { eventually, graphText } from '../../support/fakeProviders';
import { chromiumAvailable } from '../support/browser';
import { ADMIN, ConsoleWorld, openFromMenu, SCREENS, seriousViolations, signIn, WAIT_MS } from '../support/consoleWorld';

const COORDINATOR = { username: 'coco', password: 'coco-coordinator-2026', displayName: 'Coco' };
const VOLUNTEER = { username: 'an.p', password: 'an-volunteer-2026-x', displayName: 'An Peeters' };
const CITIZEN = '32470999000';
const ui = (key: string, vars?: Record<string, string | number>) => translator.t('nl', `console.ui.${key}`, vars);

const describeWithBrowser = chromiumAvailable ? describe : describe.skip;

describeWithBrowser('console › users, my account and canned replies in a real browser', () => {
  let world: ConsoleWorld;
  let digibankId: string;

  beforeAll(async () => {
    world = await ConsoleWorld.start();
    digibankId = (await world.app.db.prisma.digibank.create({ data: { name: 'Digibank Mechelen' } })).id;
  }, 120_000);

  afterAll(() => world?.close());

  test('the administrator changes their own password, then creates a coordinator who creates a volunteer', async () => {
    const page = await world.tab(SCREENS.desktop);
    await signIn(page, world.app.url, ADMIN);
    await openFromMenu(page, 'account', 'account-view');
    expect(await seriousViolations(page)).toEqual([]);
    const newPassword = 'a much longer admin sentence';
    await page.fill('#current-password', ADMIN.password);
    await page.fill('#new-password', newPassword);
    await page.click('#password-change');
    await page.waitForFunction((text) => document.getElementById('status')?.textContent === text, ui('account.passwordChanged'));

    await openFromMenu(page, 'users', 'users-view');
    await page.fill('#new-display-name', COORDINATOR.displayName);
    await page.fill('#new-username', COORDINATOR.username);
    await page.fill('#new-password', COORDINATOR.password);
    await page.selectOption('#new-role', 'coordinator');
    await page.selectOption('#new-digibank', digibankId);
    expect(await seriousViolations(page)).toEqual([]);
    await page.click('#user-create');
    await page.locator(`#users li[data-user="${COORDINATOR.username}"]`).waitFor({ state: 'visible' });
    await page.click('#logout');
    await page.locator('#login-view').waitFor({ state: 'visible' });
    await signIn(page, world.app.url, { username: ADMIN.username, password: newPassword });

    // The coordinator, on a phone: their menu has users but no audit trail; creates a volunteer.
    const coco = await world.tab(SCREENS.phone);
    await signIn(coco, world.app.url, COORDINATOR);
    expect(await coco.locator('#nav-users').count()).toBe(1);
    expect(await coco.locator('#open-audit').count()).toBe(0);
    await openFromMenu(coco, 'users', 'users-view');
    await coco.fill('#new-display-name', VOLUNTEER.displayName);
    await coco.fill('#new-username', VOLUNTEER.username);
    await coco.fill('#new-password', 'first-password-2026');
    await coco.click('#user-create');
    const row = coco.locator(`#users li[data-user="${VOLUNTEER.username}"]`);
    await row.waitFor({ state: 'visible' });
    // Reset the volunteer's password.
    await row.locator('input[type="password"]').fill(VOLUNTEER.password);
    await row.locator('button.reset-password').click();
    await coco.waitForFunction((text) => document.getElementById('status')?.textContent === text, ui('users.passwordReset', { name: VOLUNTEER.displayName }));
    expect(await seriousViolations(coco)).toEqual([]);

    // Canned replies of the digibank in Dutch.
    await openFromMenu(coco, 'replies', 'replies-view');
    await coco.fill('#replies-text', 'Goeiedag, ik ben van de digibank.\nNeem je identiteitskaart mee.');
    await coco.click('#replies-save');
    await coco.waitForFunction((text) => document.getElementById('status')?.textContent === text, ui('replies.saved'));
    expect(await seriousViolations(coco)).toEqual([]);
  }, 120_000);

  test('the volunteer has no users screen; the citizen sees the display name, never the login name; the canned replies are offered', async () => {
    for (const text of ['Hallo', 'Nederlands', 'Mag ik iemand spreken?']) await world.citizenWrites(CITIZEN, text);
    const page = await world.tab(SCREENS.phone);
    await signIn(page, world.app.url, VOLUNTEER);
    expect(await page.locator('#nav-users').count()).toBe(0);
    expect(await page.locator('#nav-replies').count()).toBe(0);
    const conversation = await world.app.db.prisma.conversation.findFirstOrThrow({ where: { channelConversationId: CITIZEN } });
    const before = world.fake.accepted(CITIZEN).length;
    await page.locator(`#queue li[data-conversation="${conversation.id}"] button.claim`).click();
    await page.locator('#reply-text').waitFor({ state: 'visible' });
    await page.locator('#quick-replies button', { hasText: 'Neem je identiteitskaart mee.' }).waitFor({ state: 'visible' });
    const claimed = translator.t('nl', 'handoff.notify.claimed', { name: 'An' });
    await eventually(() => world.fake.accepted(CITIZEN).slice(before).some((call) => graphText(call) === claimed), WAIT_MS);
    expect(world.fake.accepted(CITIZEN).map(graphText).join('\n')).not.toContain(VOLUNTEER.username);

    // Ctrl+Enter sends; the transcript names the volunteer.
    await page.fill('#reply-text', 'Ik kijk even mee.');
    await page.press('#reply-text', 'Control+Enter');
    await eventually(() => world.fake.accepted(CITIZEN).some((call) => graphText(call) === 'Ik kijk even mee.'), WAIT_MS);
    await page.waitForFunction((name) => (document.getElementById('transcript')?.innerText ?? '').includes(name), VOLUNTEER.displayName);
    expect(await seriousViolations(page)).toEqual([]);
    // The transcript stays at the newest message, and a keyboard user can reach it.
    await page.waitForFunction(() => {
      const list = document.getElementById('transcript');
      return Boolean(list) && list!.scrollHeight - list!.scrollTop - list!.clientHeight < 40;
    });
    expect(await page.locator('#transcript').getAttribute('tabindex')).toBe('0');

    // My conversations lists it.
    await openFromMenu(page, 'mine', 'mine-view');
    await page.locator(`#mine-view li[data-conversation="${conversation.id}"]`).waitFor({ state: 'visible' });
    expect(await seriousViolations(page)).toEqual([]);
  }, 120_000);

  test('the coordinator deactivates the volunteer: their sessions end and they cannot sign in', async () => {
    const coco = await world.tab(SCREENS.desktop);
    await signIn(coco, world.app.url, COORDINATOR);
    await openFromMenu(coco, 'users', 'users-view');
    const row = coco.locator(`#users li[data-user="${VOLUNTEER.username}"]`);
    await row.locator('button.deactivate').click();
    await coco.waitForFunction((text) => document.getElementById('status')?.textContent === text, ui('users.deactivated'));
    await coco.locator(`#users li[data-user="${VOLUNTEER.username}"].inactive`).waitFor({ state: 'visible' });
    expect((await world.app.db.prisma.consoleUser.findUniqueOrThrow({ where: { username: VOLUNTEER.username } })).active).toBe(false);
    expect(await world.app.db.prisma.consoleSession.count({ where: { user: { username: VOLUNTEER.username } } })).toBe(0);

    // On the login page, in French this time: the language switch is there before signing in.
    const page = await world.tab(SCREENS.phone);
    await page.goto(`${world.app.url}/console`);
    await page.selectOption('#ui-language', 'fr');
    await page.waitForFunction((text) => document.getElementById('login-submit')?.textContent === text, translator.t('fr', 'console.ui.login.submit'));
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await page.fill('#username', VOLUNTEER.username);
    await page.fill('#password', VOLUNTEER.password);
    await page.click('#login-submit');
    await page.waitForFunction((text) => document.getElementById('login-error')?.textContent === text, translator.t('fr', 'console.ui.login.invalid'));
    expect(await seriousViolations(page)).toEqual([]);
  }, 120_000);
});
