import type { Page } from 'playwright-core';
import { translator } from '../../../i18n/translator';
import { eventually, graphText } from '../../support/fakeProviders';
import { chromiumAvailable } from '../support/browser';
import { ConsoleWorld, openFromMenu, SCREENS, seriousViolations, signIn, WAIT_MS } from '../support/consoleWorld';

const KNOWN = '32470222333';
const UNKNOWN = '32470444555';
const KORTRIJK = { username: 'kim', password: 'kim-volunteer-2026', displayName: 'Kim' };
const IEPER = { username: 'ivo', password: 'ivo-volunteer-2026', displayName: 'Ivo' };
/** How each citizen answers "when shall we call you?". */
const MOMENT_ANSWER: Record<string, string> = { [KNOWN]: '1', [UNKNOWN]: 'avond' };
const ui = (key: string, vars?: Record<string, string | number>) => translator.t('nl', `console.ui.${key}`, vars);

const describeWithBrowser = chromiumAvailable ? describe : describe.skip;

describeWithBrowser('console › call-backs in a real browser', () => {
  let world: ConsoleWorld;

  beforeAll(async () => {
    world = await ConsoleWorld.start();
    const prisma = world.app.db.prisma;
    const kortrijk = await prisma.digibank.create({ data: { name: 'Digibank Kortrijk' } });
    const ieper = await prisma.digibank.create({ data: { name: 'Digibank Ieper' } });
    await prisma.location.create({ data: { digibankId: kortrijk.id, name: 'Bib Kortrijk', address: 'Leiestraat 1', postcode: '8500', municipality: 'Kortrijk', province: 'West-Vlaanderen', latitude: 50.83, longitude: 3.26, services: ['helpdesk', 'device_loan'], languages: ['nl'] } });
    await world.createUser(KORTRIJK, 'volunteer', kortrijk.id);
    await world.createUser(IEPER, 'volunteer', ieper.id);
    // A citizen known to Kortrijk (they asked for a loan there) and one of no known digibank both ask to be called back.
    for (const text of ['Hallo', 'Nederlands', 'Ik wil een laptop lenen', '1', 'School', '8500', '1', '1']) await world.citizenWrites(KNOWN, text);
    for (const from of [KNOWN, UNKNOWN]) {
      if (from === UNKNOWN) for (const text of ['Hallo', 'Nederlands']) await world.citizenWrites(from, text);
      await world.citizenWrites(from, 'Mag ik iemand spreken?');
      const before = world.fake.accepted(from).length;
      await world.citizenWrites(from, translator.t('nl', 'handoff.choices.callback'));
      await eventually(() => world.fake.accepted(from).slice(before).some((call) => graphText(call).includes(translator.t('nl', 'handoff.callbackMoment.question'))), WAIT_MS);
      // The preferred moment: the known citizen taps 1 (morning), the other writes "avond".
      await world.citizenWrites(from, MOMENT_ANSWER[from]);
      await eventually(() => world.fake.accepted(from).slice(before).some((call) => graphText(call) === translator.t('nl', 'handoff.callbackConfirmed')), WAIT_MS);
    }
  }, 120_000);

  afterAll(() => world?.close());

  async function callbacksOf(page: Page): Promise<string[]> {
    await openFromMenu(page, 'callbacks', 'callbacks-view');
    await page.locator('#callbacks li').first().waitFor({ state: 'visible' });
    return page.locator('#callbacks li').allInnerTexts();
  }

  test('the volunteer of the citizen\'s digibank sees the number (and the view is audited); another digibank does not', async () => {
    const kim = await world.tab(SCREENS.phone);
    await signIn(kim, world.app.url, KORTRIJK);
    const rows = await callbacksOf(kim);
    expect(rows.some((row) => row.includes(`+${KNOWN}`))).toBe(true);
    // The citizen of no known digibank is listed for every digibank, never with the number.
    expect(rows.some((row) => row.includes(`+${UNKNOWN}`))).toBe(false);
    expect(rows.some((row) => row.includes(`••• ${UNKNOWN.slice(-3)}`))).toBe(true);
    // The moment each citizen prefers, in words.
    expect(rows.find((row) => row.includes(`+${KNOWN}`))).toContain(ui('callbacks.moments.morning'));
    expect(rows.find((row) => row.includes(`••• ${UNKNOWN.slice(-3)}`))).toContain(ui('callbacks.moments.evening'));
    expect(await seriousViolations(kim)).toEqual([]);
    const person = await world.app.db.prisma.person.findFirstOrThrow({ where: { channelUserId: KNOWN } });
    expect(await world.app.db.prisma.auditEvent.count({ where: { action: 'callback.view', subjectId: person.id, actorName: KORTRIJK.username } })).toBe(1);

    const ivo = await world.tab(SCREENS.desktop);
    await signIn(ivo, world.app.url, IEPER);
    const theirs = await callbacksOf(ivo);
    expect(theirs.join('\n')).not.toContain(KNOWN.slice(-3));
    expect(theirs.join('\n')).not.toContain(`+${UNKNOWN}`);
    expect(await seriousViolations(ivo)).toEqual([]);

    // Kim calls: done. The handoff is closed and the row says so.
    const handoff = await world.app.db.prisma.handoff.findFirstOrThrow({ where: { personId: person.id, callbackRequested: true } });
    await kim.locator(`#callbacks li[data-handoff="${handoff.id}"] button.callback-done`).click();
    await kim.waitForFunction((text) => document.getElementById('status')?.textContent === text, ui('callbacks.marked.done'));
    const after = await world.app.db.prisma.handoff.findUniqueOrThrow({ where: { id: handoff.id } });
    expect(after).toMatchObject({ callbackOutcome: 'done', status: 'closed' });
    await kim.locator(`#callbacks li[data-handoff="${handoff.id}"] button.callback-done`).waitFor({ state: 'detached' });
  }, 120_000);
});
