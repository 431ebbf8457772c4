import type { Page } from 'playwright-core';
import { translator } from '../../../i18n/translator';
import { eventually, graphText } from '../../support/fakeProviders';
import { chromiumAvailable } from '../support/browser';
import { ConsoleWorld, openFromMenu, seriousViolations, signIn, WAIT_MS } from '../support/consoleWorld';

const FIRST = '32470444001';
const SECOND = '32470444002';
const COORDINATOR = { username: 'wendy', password: 'wendy-coordinator-2026', displayName: 'Wendy' };
const VOLUNTEER = { username: 'victor', password: 'victor-volunteer-2026', displayName: 'Victor' };
const TITLE = 'Smartphone voor senioren';
const ui = (key: string, vars?: Record<string, string | number>) => translator.t('nl', `console.ui.${key}`, vars);
/** The fixed start of a message whose variables are unknown to the test. */
const opening = (key: string) => translator.t('nl', key, { title: '§', date: '§', time: '§', reference: '§' }).split('§')[0];

/** A day a week from now, Brussels time, as the date field wants it. */
function nextWeek(): string {
  return new Date(Date.now() + 7 * 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Europe/Brussels' });
}

const describeWithBrowser = chromiumAvailable ? describe : describe.skip;

describeWithBrowser('console › workshops in a real browser', () => {
  let world: ConsoleWorld;
  let page: Page;

  beforeAll(async () => {
    world = await ConsoleWorld.start();
    const prisma = world.app.db.prisma;
    const bank = await prisma.digibank.create({ data: { name: 'Digibank Kortrijk' } });
    await prisma.location.create({ data: { digibankId: bank.id, name: 'Bib Kortrijk', address: 'Leiestraat 1', postcode: '8500', municipality: 'Kortrijk', province: 'West-Vlaanderen', latitude: 50.83, longitude: 3.26, services: ['helpdesk', 'training'], languages: ['nl'] } });
    await world.createUser(COORDINATOR, 'coordinator', bank.id);
    await world.createUser(VOLUNTEER, 'volunteer', bank.id);
    page = await world.tab();
  }, 120_000);

  afterAll(() => world?.close());

  /** A citizen asks for a course on WhatsApp, says where, picks the first and signs up: all typed. */
  async function signUp(from: string): Promise<void> {
    for (const text of ['Hallo', 'Nederlands', 'zijn er lessen voor senioren', '8500', '1', '1']) await world.citizenWrites(from, text);
  }

  test('a coordinator plans a series in the browser; citizens sign up on WhatsApp; more seats and a cancelled workshop reach them', async () => {
    await signIn(page, world.app.url, COORDINATOR);
    await openFromMenu(page, 'workshops', 'workshops-view');
    expect(await seriousViolations(page)).toEqual([]);
    await page.fill('#workshop-title-nl', TITLE);
    await page.fill('#workshop-seats', '1');
    await page.fill('#workshop-date', nextWeek());
    await page.fill('#workshop-time', '14:00');
    await page.fill('#workshop-weeks', '3');
    await page.click('#workshop-create');
    await page.locator('#workshop-view').waitFor({ state: 'visible' });
    const workshop = await world.app.db.prisma.workshop.findFirstOrThrow({ where: { title: { path: ['nl'], equals: TITLE } }, include: { sessions: true } });
    expect([workshop.seats, workshop.sessions.length, workshop.topic]).toEqual([1, 3, 'smartphone_basics']);
    expect(await seriousViolations(page)).toEqual([]);

    await signUp(FIRST);
    await signUp(SECOND);
    const statuses = await world.app.db.prisma.workshopRegistration.findMany({ where: { workshopId: workshop.id }, orderBy: { createdAt: 'asc' }, select: { status: true } });
    expect(statuses.map((r) => r.status)).toEqual(['registered', 'waiting']);

    await page.reload();
    await page.locator('#workshop-people tbody tr').nth(1).waitFor({ state: 'visible' });
    expect(await page.locator('#workshop-people tbody tr').allInnerTexts()).toEqual([
      expect.stringContaining(ui('workshops.registrationStatuses.registered')),
      expect.stringContaining(ui('workshops.registrationStatuses.waiting')),
    ]);
    expect(await seriousViolations(page)).toEqual([]);

    // One more seat: the person waiting gets it and is told on WhatsApp.
    await page.fill('#workshop-seats-edit', '2');
    await page.click('#workshop-seats-save');
    await page.waitForFunction((text) => document.getElementById('status')?.textContent === text, ui('workshops.seatsSaved', { seats: 2 }));
    await eventually(() => world.fake.accepted(SECOND).some((call) => graphText(call).startsWith(opening('workshops.notify.seatFreed')) && graphText(call).includes(TITLE)), WAIT_MS);

    // The teacher is ill: the workshop is cancelled, after a second question, and both are told.
    await page.click('#workshop-cancel');
    expect(await page.locator('#workshop-cancel-question').innerText()).toBe(ui('workshops.cancelQuestion', { count: 2 }));
    expect(await seriousViolations(page)).toEqual([]);
    await page.click('#workshop-cancel-yes');
    await page.waitForFunction((text) => document.getElementById('status')?.textContent === text, ui('workshops.cancelled', { count: 2 }));
    await page.waitForFunction((text) => document.getElementById('workshop-status')?.textContent === text, ui('workshops.statuses.cancelled'));
    for (const citizen of [FIRST, SECOND]) {
      await eventually(() => world.fake.accepted(citizen).some((call) => graphText(call).startsWith(opening('workshops.notify.workshopCancelled')) && graphText(call).includes(TITLE)), WAIT_MS);
    }
    expect(await page.locator('#workshop-cancel').count()).toBe(0);
  }, 180_000);

  test('a volunteer reads the workshops and the list of people, but plans nothing', async () => {
    const volunteerPage = await world.tab();
    await signIn(volunteerPage, world.app.url, VOLUNTEER);
    await openFromMenu(volunteerPage, 'workshops', 'workshops-view');
    await volunteerPage.locator('#workshops li').first().waitFor({ state: 'visible' });
    expect(await volunteerPage.locator('#workshop-new').count()).toBe(0);
    await volunteerPage.locator('#workshops li a').first().click();
    await volunteerPage.locator('#workshop-view').waitFor({ state: 'visible' });
    expect(await volunteerPage.locator('#workshop-seats-edit').count()).toBe(0);
    expect(await seriousViolations(volunteerPage)).toEqual([]);
  }, 120_000);
});
