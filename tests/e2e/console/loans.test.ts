import type { Page } from 'playwright-core';
import { translator } from '../../../i18n/translator';
import { ReferenceCode } from '../../../services/booking/referenceCode';
import { eventually, graphText } from '../../support/fakeProviders';
import { chromiumAvailable } from '../support/browser';
import { ConsoleWorld, openFromMenu, seriousViolations, signIn, WAIT_MS } from '../support/consoleWorld';

const CITIZEN = '32470111222';
const COORDINATOR = { username: 'carla', password: 'carla-coordinator-2026', displayName: 'Carla' };
const ui = (key: string, vars?: Record<string, string | number>) => translator.t('nl', `console.ui.${key}`, vars);

const describeWithBrowser = chromiumAvailable ? describe : describe.skip;

describeWithBrowser('console › loans, waiting list and devices in a real browser', () => {
  let world: ConsoleWorld;
  let page: Page;

  beforeAll(async () => {
    world = await ConsoleWorld.start();
    const prisma = world.app.db.prisma;
    const bank = await prisma.digibank.create({ data: { name: 'Digibank Kortrijk' } });
    await prisma.location.create({ data: { digibankId: bank.id, name: 'Bib Kortrijk', address: 'Leiestraat 1', postcode: '8500', municipality: 'Kortrijk', province: 'West-Vlaanderen', latitude: 50.83, longitude: 3.26, services: ['helpdesk', 'device_loan'], languages: ['nl'] } });
    await world.createUser(COORDINATOR, 'coordinator', bank.id);
    page = await world.tab();
  }, 120_000);

  afterAll(() => world?.close());

  test('a citizen asks for a laptop on WhatsApp; the coordinator approves it in the browser and the citizen is told', async () => {
    for (const text of ['Hallo', 'Nederlands', 'Ik wil een laptop lenen', '1', 'School', '8500', '1', '1']) await world.citizenWrites(CITIZEN, text);
    const loan = await world.app.db.prisma.loanRequest.findFirstOrThrow({ where: { person: { channelUserId: CITIZEN } } });
    const reference = ReferenceCode.format(loan.reference);

    await signIn(page, world.app.url, COORDINATOR);
    await openFromMenu(page, 'loans', 'loans-view');
    const row = page.locator(`#loans li[data-reference="${reference}"]`);
    await row.waitFor({ state: 'visible' });
    expect(await row.innerText()).toContain(ui('loans.kinds.laptop'));
    expect(await seriousViolations(page)).toEqual([]);

    await row.locator('a').click();
    await page.locator('#loan-view').waitFor({ state: 'visible' });
    expect(await page.locator('#loan-status').innerText()).toBe(ui('loans.statuses.requested'));
    expect(await seriousViolations(page)).toEqual([]);
    const before = world.fake.accepted(CITIZEN).length;
    await page.click('#loan-approve');
    await page.waitForFunction((text) => document.getElementById('status')?.textContent === text, ui('loans.done.approve', { reference }));
    expect(await page.locator('#loan-status').innerText()).toBe(ui('loans.statuses.approved'));

    // The citizen hears it on WhatsApp, from the fake Graph API's side.
    const told = translator.t('nl', 'loan.notify.approvedWaiting', { reference, position: 1 });
    await eventually(() => world.fake.accepted(CITIZEN).slice(before).some((call) => graphText(call) === told), WAIT_MS);

    // The request is first on the waiting list.
    await openFromMenu(page, 'waiting', 'waiting-view');
    await page.locator('#waiting-table tbody tr').first().waitFor({ state: 'visible' });
    expect(await page.locator('#waiting-table tbody tr').first().innerText()).toContain('1');
    expect(await seriousViolations(page)).toEqual([]);
  }, 120_000);

  test('the coordinator adds a laptop to the inventory and the waiting request gets it; the citizen is told; picked up and returned at the desk', async () => {
    await openFromMenu(page, 'devices', 'devices-view');
    await page.click('#device-add');
    await page.selectOption('#device-kind', 'laptop');
    await page.fill('#device-tag', 'KOR-LAP-01');
    await page.fill('#device-accessories', 'lader, hoes');
    expect(await seriousViolations(page)).toEqual([]);
    await page.click('#device-save');
    await page.locator('#devices-table tbody tr', { hasText: 'KOR-LAP-01' }).waitFor({ state: 'visible' });
    const device = await world.app.db.prisma.device.findFirstOrThrow({ where: { assetTag: 'KOR-LAP-01' } });
    expect(device.accessories).toEqual(['lader', 'hoes']);

    // The waiting list is served first come, first served: the new laptop goes to the approved request.
    const loan = await world.app.db.prisma.loanRequest.findFirstOrThrow({ where: { person: { channelUserId: CITIZEN } } });
    expect(loan).toMatchObject({ status: 'ready', deviceId: device.id });
    await eventually(() => world.fake.accepted(CITIZEN).some((call) => graphText(call).includes(ReferenceCode.format(loan.reference)) && graphText(call) !== translator.t('nl', 'loan.notify.approvedWaiting', { reference: ReferenceCode.format(loan.reference), position: 1 })), WAIT_MS);

    // A second laptop is added and sent to repair from its edit form.
    await page.goto(`${world.app.url}/console#/devices`);
    await page.click('#device-add');
    await page.fill('#device-tag', 'KOR-LAP-02');
    await page.click('#device-save');
    const second = page.locator('#devices-table tbody tr', { hasText: 'KOR-LAP-02' });
    await second.waitFor({ state: 'visible' });
    await second.locator('button', { hasText: ui('common.edit') }).click();
    await page.selectOption('#device-status', 'in_repair');
    await page.click('#device-save');
    await page.locator('#devices-table tbody tr', { hasText: 'KOR-LAP-02' }).filter({ hasText: ui('devices.statuses.in_repair') }).waitFor({ state: 'visible' });

    // Desk work: picked up, then returned with its condition.
    await page.goto(`${world.app.url}/console#/loan/${loan.id}`);
    await page.click('#loan-pickup');
    await page.waitForFunction((text) => document.getElementById('loan-status')?.textContent === text, ui('loans.statuses.on_loan'));
    await page.fill('#return-condition', 'kras op het deksel');
    await page.click('#loan-return');
    await page.waitForFunction((text) => document.getElementById('loan-status')?.textContent === text, ui('loans.statuses.returned'));
    expect((await world.app.db.prisma.loanRequest.findUniqueOrThrow({ where: { id: loan.id } })).returnCondition).toBe('kras op het deksel');
  }, 120_000);

  test('a citizen offers a laptop on WhatsApp; the coordinator marks it received', async () => {
    const donor = '32470555666';
    for (const text of ['Hallo', 'Nederlands', 'Ik wil mijn oude laptop schenken', '1', '8500', '1']) await world.citizenWrites(donor, text);
    const donation = await world.app.db.prisma.deviceDonation.findFirstOrThrow({ where: { person: { channelUserId: donor } } });
    await openFromMenu(page, 'donations', 'donations-view');
    const row = page.locator(`#donations li[data-donation="${donation.id}"]`);
    await row.waitFor({ state: 'visible' });
    expect(await row.innerText()).toContain(ui('donations.statuses.offered'));
    expect(await seriousViolations(page)).toEqual([]);
    await row.locator('button', { hasText: ui('donations.receive') }).click();
    await page.waitForFunction((text) => document.getElementById('status')?.textContent === text, ui('donations.marked.received'));
    expect((await world.app.db.prisma.deviceDonation.findUniqueOrThrow({ where: { id: donation.id } })).status).toBe('received');
  }, 120_000);

  test('a second request is rejected with a reason the citizen reads', async () => {
    const other = '32470777000';
    for (const text of ['Hallo', 'Nederlands', 'Ik wil een tablet lenen', '2', 'School', '8500', '1', '1']) await world.citizenWrites(other, text);
    const loan = await world.app.db.prisma.loanRequest.findFirstOrThrow({ where: { person: { channelUserId: other } } });
    await page.goto(`${world.app.url}/console#/loan/${loan.id}`);
    await page.locator('#loan-reject-reason').waitFor({ state: 'visible' });
    const before = world.fake.accepted(other).length;
    await page.fill('#loan-reject-reason', 'We lenen geen tablets uit.');
    await page.click('#loan-reject');
    await page.waitForFunction((text) => document.getElementById('loan-status')?.textContent?.startsWith(text) ?? false, ui('loans.statuses.rejected'));
    const told = translator.t('nl', 'loan.notify.rejected', { reference: ReferenceCode.format(loan.reference), reason: 'We lenen geen tablets uit.' });
    await eventually(() => world.fake.accepted(other).slice(before).some((call) => graphText(call) === told), WAIT_MS);
  }, 120_000);
});
