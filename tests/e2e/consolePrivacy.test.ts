import type { Page } from 'playwright-core';
import { translator } from '../../i18n/translator';
import { axeViolations } from './support/axe';
import { chromiumAvailable } from './support/browser';
import { ADMIN, ConsoleWorld, signIn } from './support/consoleWorld';

const CITIZEN = '32470777888';
const COORDINATOR = { username: 'carla', password: 'carla-coordinator-2026', displayName: 'Carla' };

async function downloaded(page: Page, selector: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const describeWithBrowser = chromiumAvailable ? describe : describe.skip;

describeWithBrowser('a person\'s data in the console, in a real browser (export, erasure, audit trail), checked with axe-core', () => {
  let world: ConsoleWorld;

  beforeAll(async () => {
    world = await ConsoleWorld.start();
    const digibank = await world.app.db.prisma.digibank.create({ data: { name: 'Digibank Ieper' } });
    await world.createUser(COORDINATOR, 'coordinator', digibank.id);
    for (const text of ['Hallo', 'Nederlands', 'Ik ben Els Peeters. Mag ik iemand spreken?']) await world.citizenWrites(CITIZEN, text);
    await world.app.db.prisma.handoff.updateMany({ where: { status: 'waiting' }, data: { digibankId: digibank.id } });
  }, 120_000);

  afterAll(() => world?.close());

  test('a coordinator downloads everything about the person, then erases them; the administrator reads who did what', async () => {
    const handoff = await world.app.db.prisma.handoff.findFirstOrThrow({ where: { status: 'waiting' }, include: { conversation: true } });
    const personId = handoff.conversation.personId as string;
    const page = await world.tab({ width: 1100, height: 900 });
    await signIn(page, world.app.url, COORDINATOR);
    await page.locator(`#queue li[data-conversation="${handoff.conversationId}"] button.open`).click();
    await page.locator('#person-data').waitFor({ state: 'visible' });
    expect(await page.locator('#erase-person').innerText()).toBe(translator.t('nl', 'console.ui.person.erase'));
    expect(await axeViolations(page)).toEqual([]);

    // The access request: both files hold the conversation.
    const text = await downloaded(page, '#export-text');
    expect(text.split('\n')[0]).toBe(translator.t('nl', 'console.export.title'));
    expect(text).toContain('Ik ben Els Peeters');
    const json = JSON.parse(await downloaded(page, '#export-json')) as { person: { channelUserId: string } };
    expect(json.person.channelUserId).toBe(CITIZEN);

    // The erasure, after the browser's confirmation.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.click('#erase-person');
    await page.locator('#queue-view').waitFor({ state: 'visible' });
    await page.waitForFunction((told) => document.getElementById('status')?.textContent === told, translator.t('nl', 'console.ui.person.erased'));
    expect((await world.app.db.prisma.person.findUniqueOrThrow({ where: { id: personId } })).erasedAt).not.toBeNull();
    expect(await world.app.db.prisma.message.count({ where: { text: { contains: 'Els Peeters' } } })).toBe(0);
    await page.context().close();

    // The administrator's audit page lists the coordinator's reads and the erasure.
    const adminPage = await world.tab({ width: 1100, height: 900 });
    await signIn(adminPage, world.app.url, ADMIN);
    await adminPage.click('#open-audit');
    await adminPage.locator('#audit-rows tr').first().waitFor({ state: 'visible' });
    const rows = await adminPage.locator('#audit-rows tr').allInnerTexts();
    const t = (key: string) => translator.t('nl', `console.ui.audit.actions.${key}`);
    for (const action of ['conversation.view', 'person.export', 'person.erase']) expect(rows.some((row) => row.includes('carla') && row.includes(t(action)))).toBe(true);
    expect(rows.filter((row) => row.includes(t('person.export')))).toHaveLength(2);
    expect(await axeViolations(adminPage)).toEqual([]);
    await adminPage.context().close();
  }, 120_000);
});
