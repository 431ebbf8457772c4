import { BrusselsTime } from '../../../i18n/brusselsTime';
import { translator } from '../../../i18n/translator';
import { ReferenceCode } from '../../../services/booking/referenceCode';
import { eventually, graphText } from '../../support/fakeProviders';
import { chromiumAvailable } from '../support/browser';
import { ConsoleWorld, openFromMenu, SCREENS, seriousViolations, signIn, WAIT_MS } from '../support/consoleWorld';

const CITIZEN = '32470666777';
const VOLUNTEER = { username: 'vera', password: 'vera-volunteer-2026', displayName: 'Vera Claes' };
const ui = (key: string, vars?: Record<string, string | number>) => translator.t('nl', `console.ui.${key}`, vars);

const describeWithBrowser = chromiumAvailable ? describe : describe.skip;

describeWithBrowser('console › booking for a citizen, then history and search in a real browser', () => {
  let world: ConsoleWorld;

  beforeAll(async () => {
    world = await ConsoleWorld.start();
    const prisma = world.app.db.prisma;
    const bank = await prisma.digibank.create({ data: { name: 'Digibank Westhoek' } });
    const day = BrusselsTime.addDays(BrusselsTime.localDate(new Date()), 3);
    for (const [name, municipality, postcode] of [['Bib Ieper', 'Ieper', '8900'], ['OCMW Poperinge', 'Poperinge', '8970']]) {
      const location = await prisma.location.create({ data: { digibankId: bank.id, name, address: 'Markt 1', postcode, municipality, province: 'West-Vlaanderen', latitude: 50.85, longitude: 2.88, services: ['helpdesk'], languages: ['nl'] } });
      await prisma.helpdeskSlot.create({ data: { locationId: location.id, startsAt: BrusselsTime.toInstant(day, '10:00'), endsAt: BrusselsTime.toInstant(day, '10:30'), capacity: 1 } });
    }
    await world.createUser(VOLUNTEER, 'volunteer', bank.id);
    for (const text of ['Hallo', 'Nederlands', 'Mag ik iemand spreken? Ik geraak niet in itsme']) await world.citizenWrites(CITIZEN, text);
  }, 120_000);

  afterAll(() => world?.close());

  test('the volunteer books in the right town after a confirmation, closes the conversation, and finds it again by the code', async () => {
    const page = await world.tab(SCREENS.desktop);
    page.on('dialog', (dialog) => void dialog.accept());
    await signIn(page, world.app.url, VOLUNTEER);
    const conversation = await world.app.db.prisma.conversation.findFirstOrThrow({ where: { channelConversationId: CITIZEN } });
    await page.locator(`#queue li[data-conversation="${conversation.id}"] button.claim`).click();
    await page.locator('#conversation-view').waitFor({ state: 'visible' });
    await page.locator('#reply-text').waitFor({ state: 'visible' });

    // Book: filter on Poperinge, choose the moment, read the confirmation, confirm.
    await page.click('#book');
    const poperinge = await world.app.db.prisma.location.findFirstOrThrow({ where: { municipality: 'Poperinge' } });
    await page.selectOption('#booking-place', poperinge.id);
    await page.locator('#slots button', { hasText: 'OCMW Poperinge' }).waitFor({ state: 'visible' });
    await page.locator('#slots button', { hasText: 'Bib Ieper' }).waitFor({ state: 'detached' });
    await page.locator('#slots button').first().click();
    expect(await page.locator('#booking-confirm-text').innerText()).toContain('Poperinge');
    expect(await seriousViolations(page)).toEqual([]);
    await page.click('#booking-confirm');
    await eventually(async () => (await world.app.db.prisma.booking.count({ where: { person: { channelUserId: CITIZEN } } })) === 1, WAIT_MS);
    const booking = await world.app.db.prisma.booking.findFirstOrThrow({ where: { person: { channelUserId: CITIZEN } } });
    const reference = ReferenceCode.format(booking.reference);
    await page.waitForFunction((text) => document.getElementById('status')?.textContent === text, ui('conversation.booked', { reference }));
    expect(booking.locationId).toBe(poperinge.id);
    await eventually(() => world.fake.accepted(CITIZEN).some((call) => graphText(call).includes(reference)), WAIT_MS);

    // Close: feedback, back to the queue.
    await page.click('#close');
    await page.locator('#queue-view').waitFor({ state: 'visible' });
    await page.waitForFunction((text) => document.getElementById('status')?.textContent === text, ui('conversation.done.close'));

    // Later: found again by the code as the citizen reads it aloud (lower case, no dash).
    await openFromMenu(page, 'history', 'history-view');
    await page.fill('#history-q', booking.reference.toLowerCase());
    await page.click('#history-search');
    const found = page.locator('#history-results li').first();
    await found.waitFor({ state: 'visible' });
    expect(await found.innerText()).toContain(reference);
    expect(await seriousViolations(page)).toEqual([]);
    await found.locator('a').click();
    await page.locator('#person-view').waitFor({ state: 'visible' });
    expect(await page.locator('#person-appointments').innerText()).toContain(reference);
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator(`#person-conversations li[data-conversation="${conversation.id}"] a`).click();
    await page.locator('#transcript').waitFor({ state: 'visible' });
    await page.waitForFunction(() => (document.getElementById('transcript')?.innerText ?? '').includes('Ik geraak niet in itsme'));
    expect(await page.locator('#handoff-state').innerText()).toBe(ui('conversation.statusEnded'));

    // And by the last digits of the number, on a phone.
    const phone = await world.tab(SCREENS.phone);
    await signIn(phone, world.app.url, VOLUNTEER);
    await openFromMenu(phone, 'history', 'history-view');
    await phone.fill('#history-q', CITIZEN.slice(-4));
    await phone.click('#history-search');
    await phone.locator('#history-results li').first().waitFor({ state: 'visible' });
    expect(await phone.locator('#history-results li').first().innerText()).toContain(`••• ${CITIZEN.slice(-3)}`);
    expect(await seriousViolations(phone)).toEqual([]);
  }, 120_000);
});
