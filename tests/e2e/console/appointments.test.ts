import { BrusselsTime } from '../../../i18n/brusselsTime';
import { translator } from '../../../i18n/translator';
import { ReferenceCode } from '../../../services/booking/referenceCode';
import { chromiumAvailable } from '../support/browser';
import { ConsoleWorld, openFromMenu, SCREENS, seriousViolations, signIn } from '../support/consoleWorld';

const VOLUNTEER = { username: 'wim', password: 'wim-volunteer-2026', displayName: 'Wim' };
const OTHER = { username: 'olga', password: 'olga-volunteer-2026', displayName: 'Olga' };
const ui = (key: string, vars?: Record<string, string | number>) => translator.t('nl', `console.ui.${key}`, vars);

const describeWithBrowser = chromiumAvailable ? describe : describe.skip;

describeWithBrowser('console › appointments in a real browser', () => {
  let world: ConsoleWorld;
  const codes = { started: ReferenceCode.generate(), later: ReferenceCode.generate() };

  beforeAll(async () => {
    world = await ConsoleWorld.start();
    const prisma = world.app.db.prisma;
    const bank = await prisma.digibank.create({ data: { name: 'Digibank Brugge' } });
    const other = await prisma.digibank.create({ data: { name: 'Digibank Gent' } });
    const location = await prisma.location.create({ data: { digibankId: bank.id, name: 'Bib Brugge', address: 'Kuipersstraat 3', postcode: '8000', municipality: 'Brugge', province: 'West-Vlaanderen', latitude: 51.2, longitude: 3.22, services: ['helpdesk'], languages: ['nl'] } });
    await world.createUser(VOLUNTEER, 'volunteer', bank.id);
    await world.createUser(OTHER, 'volunteer', other.id);
    // Arranged as the booking dialog leaves them: one appointment that started an hour ago, one in two days.
    const person = await prisma.person.create({ data: { channel: 'whatsapp', channelUserId: '32470888999', language: 'nl' } });
    const now = Date.now();
    for (const [reference, startsAt] of [[codes.started, new Date(now - 3600_000)], [codes.later, new Date(now + 2 * 86_400_000)]] as const) {
      const slot = await prisma.helpdeskSlot.create({ data: { locationId: location.id, startsAt, endsAt: new Date(startsAt.getTime() + 1800_000), capacity: 1 } });
      await prisma.booking.create({ data: { reference, personId: person.id, kind: 'helpdesk', slotId: slot.id, locationId: location.id, startsAt, endsAt: slot.endsAt, blockedUntil: slot.endsAt, topic: 'eid_itsme' } });
    }
  }, 120_000);

  afterAll(() => world?.close());

  test('a volunteer sees today\'s and the coming appointments of their place and marks one no-show; the reach report counts it', async () => {
    const page = await world.tab(SCREENS.phone);
    await signIn(page, world.app.url, VOLUNTEER);
    await openFromMenu(page, 'appointments', 'appointments-view');
    const started = page.locator(`li[data-reference="${ReferenceCode.format(codes.started)}"]`);
    await started.waitFor({ state: 'visible' });
    expect(await started.innerText()).toContain(translator.t('nl', 'topics.choices.eid_itsme'));
    const later = page.locator(`li[data-reference="${ReferenceCode.format(codes.later)}"]`);
    await later.waitFor({ state: 'visible' });
    // Only an appointment that has started can be marked.
    expect(await later.locator('button.no-show').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    await started.locator('button.no-show').click();
    await page.waitForFunction((text) => document.getElementById('status')?.textContent === text, ui('appointments.marked.no_show', { reference: ReferenceCode.format(codes.started) }));
    await page.locator(`li[data-reference="${ReferenceCode.format(codes.started)}"][data-status="no_show"]`).waitFor({ state: 'visible' });
    const booking = await world.app.db.prisma.booking.findUniqueOrThrow({ where: { reference: codes.started } });
    expect(booking.status).toBe('no_show');
    expect(await world.app.db.prisma.reachEvent.count({ where: { kind: 'appointment_no_show' } })).toBe(1);

    // Another digibank's volunteer does not see them.
    const other = await world.tab(SCREENS.desktop);
    await signIn(other, world.app.url, OTHER);
    await openFromMenu(other, 'appointments', 'appointments-view');
    await other.locator('#appointments-view .empty').waitFor({ state: 'visible' });
    expect(await other.locator('#appointments-view').innerText()).not.toContain(ReferenceCode.format(codes.started));
    expect(await seriousViolations(other)).toEqual([]);
  }, 120_000);
});
