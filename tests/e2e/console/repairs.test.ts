import type { Page } from 'playwright-core';
import { translator } from '../../../i18n/translator';
import { ReferenceCode } from '../../../services/booking/referenceCode';
import { eventually, graphText } from '../../support/fakeProviders';
import { chromiumAvailable } from '../support/browser';
import { ConsoleWorld, openFromMenu, seriousViolations, signIn, WAIT_MS } from '../support/consoleWorld';

const CITIZEN = '32470111333';
const VOLUNTEER = { username: 'vera', password: 'vera-volunteer-2026', displayName: 'Vera' };
const ui = (key: string, vars?: Record<string, string | number>) => translator.t('nl', `console.ui.${key}`, vars);

const describeWithBrowser = chromiumAvailable ? describe : describe.skip;

describeWithBrowser('console › repairs in a real browser', () => {
  let world: ConsoleWorld;
  let page: Page;

  beforeAll(async () => {
    world = await ConsoleWorld.start();
    const prisma = world.app.db.prisma;
    const bank = await prisma.digibank.create({ data: { name: 'Digibank Kortrijk' } });
    const location = await prisma.location.create({ data: { digibankId: bank.id, name: 'Bib Kortrijk', address: 'Leiestraat 1', postcode: '8500', municipality: 'Kortrijk', province: 'West-Vlaanderen', latitude: 50.83, longitude: 3.26, services: ['helpdesk', 'repair'], languages: ['nl'] } });
    const startsAt = new Date(Date.now() + 7 * 86_400_000);
    await prisma.repairMoment.create({ data: { locationId: location.id, startsAt, endsAt: new Date(startsAt.getTime() + 7_200_000), capacity: 4 } });
    await world.createUser(VOLUNTEER, 'volunteer', bank.id);
    page = await world.tab();
  }, 120_000);

  afterAll(() => world?.close());

  test('a citizen books a broken laptop on WhatsApp; a volunteer marks it ready with a note in the browser and the citizen is told', async () => {
    for (const text of ['Hallo', 'Nederlands', 'mijn laptop start niet meer', '2', 'nee', '8500', '1']) await world.citizenWrites(CITIZEN, text);
    const request = await world.app.db.prisma.repairRequest.findFirstOrThrow({ where: { person: { channelUserId: CITIZEN } } });
    const reference = ReferenceCode.format(request.reference);

    await signIn(page, world.app.url, VOLUNTEER);
    await openFromMenu(page, 'repairs', 'repairs-view');
    const row = page.locator(`#repairs li[data-reference="${reference}"]`);
    await row.waitFor({ state: 'visible' });
    expect(await row.innerText()).toContain(ui('repairs.problems.wont_start'));
    expect(await row.innerText()).not.toContain(CITIZEN);
    expect(await seriousViolations(page)).toEqual([]);

    const before = world.fake.accepted(CITIZEN).length;
    await row.locator('input').fill('Nieuwe oplader nodig');
    await row.locator('button[data-next="ready"]').click();
    await page.waitForFunction((text) => document.getElementById('status')?.textContent === text, ui('repairs.toldCitizen', { reference, status: ui('repairs.statuses.ready') }));
    await page.locator(`#repairs li[data-reference="${reference}"][data-status="ready"]`).waitFor({ state: 'visible' });
    expect(await seriousViolations(page)).toEqual([]);

    // The citizen hears it on WhatsApp, from the fake Graph API's side, with the volunteer's note.
    const start = translator.t('nl', 'repair.notify.readyWithNote', { reference, place: '§', address: '§', note: '§' }).split('§')[0];
    await eventually(() => world.fake.accepted(CITIZEN).slice(before).some((call) => graphText(call).startsWith(start) && graphText(call).includes('Nieuwe oplader nodig')), WAIT_MS);
    expect((await world.app.db.prisma.repairRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe('ready');
  }, 120_000);
});
