import { ReferenceCode } from '../../../../services/booking/referenceCode';
import { LoanError } from '../../../../services/loans/loanError';
import type { LoanPort } from '../../../../dialogs/dialogServices';
import { Language } from '../../../../i18n/translator';
import { strictI18n as i18n } from '../../../support/conversation';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../../support/database';
import { createCitizen, createDevice, createLendingDigibank, outboxTexts, testLoanPort } from './loanFixtures';

const NOW = new Date('2026-11-23T09:00:00Z');
const DAY = 86_400_000;

describe.each(databaseKinds)('loan service on %s', (kind) => {
  let db: TestDatabase;
  let port: LoanPort;
  let now = NOW;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    port = testLoanPort(db.prisma, () => now);
  }, 60_000);
  afterAll(() => db.drop());
  beforeEach(() => {
    now = NOW;
  });

  async function requestFor(digibankId: string, locationId: string, language: Language = 'nl') {
    const citizen = await createCitizen(db.prisma, language);
    const result = await port.loans.request({ ...citizen, digibankId, locationId, deviceKind: 'laptop', purpose: 'school', answers: { student: 'yes' }, language });
    if (result.kind !== 'created') throw new Error('expected a new request');
    return { ...citizen, loan: result.loan };
  }

  test('the life cycle: request, approve (device free: ready), pick up, extend, return; every change is an event', async () => {
    const { digibankId, locationId } = await createLendingDigibank(db.prisma);
    const deviceId = await createDevice(db.prisma, digibankId, locationId);
    const { loan, conversationId, personId } = await requestFor(digibankId, locationId);
    expect(loan.status).toBe('requested');
    expect(ReferenceCode.isValid(loan.reference)).toBe(true);

    const ready = await port.loans.approve(loan.id, 'coordinator-1');
    expect(ready).toMatchObject({ status: 'ready', deviceId, decidedBy: 'coordinator-1', waitlistedAt: null });
    expect((await db.prisma.device.findUniqueOrThrow({ where: { id: deviceId } })).status).toBe('reserved');

    const lent = await port.loans.pickUp(loan.id, 'coordinator-1');
    expect(lent.status).toBe('on_loan');
    expect(lent.dueAt?.getTime()).toBe(NOW.getTime() + 90 * DAY);
    expect((await db.prisma.device.findUniqueOrThrow({ where: { id: deviceId } })).status).toBe('on_loan');

    expect(await port.loans.requestExtension(personId, loan.id)).toBe('requested');
    expect(await port.loans.requestExtension(personId, loan.id)).toBe('already_requested');
    const extended = await port.loans.extend(loan.id, 'coordinator-1', 30);
    expect(extended).toMatchObject({ extensions: 1, extensionRequestedAt: null });
    expect(extended.dueAt?.getTime()).toBe(NOW.getTime() + 120 * DAY);

    const back = await port.loans.markReturned(loan.id, 'volunteer-2', { condition: 'scherm gekrast', needsRepair: true });
    expect(back).toMatchObject({ status: 'returned', returnCondition: 'scherm gekrast' });
    expect((await db.prisma.device.findUniqueOrThrow({ where: { id: deviceId } })).status).toBe('in_repair');
    await expect(port.loans.markReturned(loan.id, 'volunteer-2', {})).rejects.toMatchObject({ code: 'conflict' });

    const events = (await port.loans.get(loan.id))?.events ?? [];
    expect(events.map((event) => [event.fromStatus, event.toStatus, event.actor])).toEqual([
      [null, 'requested', 'citizen'],
      ['requested', 'approved', 'coordinator-1'],
      ['approved', 'ready', 'system'],
      ['ready', 'on_loan', 'coordinator-1'],
      ['on_loan', 'on_loan', 'citizen'],
      ['on_loan', 'on_loan', 'coordinator-1'],
      ['on_loan', 'returned', 'volunteer-2'],
    ]);
    const texts = await outboxTexts(db.prisma, conversationId);
    expect(texts).toHaveLength(4); // ready, picked up, extended, returned
    expect(texts[0]).toContain(ReferenceCode.format(loan.reference));
    expect(texts[0]).toContain('ma 09:00-12:00; wo 09:00-12:00');
  });

  test('a second request of the same kind while one is open returns the open one', async () => {
    const { digibankId, locationId } = await createLendingDigibank(db.prisma);
    const { loan, personId, conversationId } = await requestFor(digibankId, locationId);
    const again = await port.loans.request({ personId, conversationId, digibankId, locationId, deviceKind: 'laptop', purpose: 'other', answers: {} });
    expect(again).toMatchObject({ kind: 'existing', loan: { id: loan.id } });
    expect(await db.prisma.loanRequest.count({ where: { personId } })).toBe(1);
  });

  test.each([
    ['nl', 'Geen bewijs van inkomen ontvangen'],
    ['fr', 'Pas de preuve de revenus reçue'],
    ['en', 'No proof of income received'],
    ['nl-simple', 'We kregen geen bewijs'],
  ] as [Language, string][])('a rejection tells the person why, in their language (%s)', async (language, reason) => {
    const { digibankId, locationId } = await createLendingDigibank(db.prisma);
    const { loan, conversationId } = await requestFor(digibankId, locationId, language);
    await port.loans.reject(loan.id, 'coordinator-1', reason);
    const [row] = await db.prisma.message.findMany({ where: { conversationId, direction: 'out' } });
    expect(row.text).toBe(i18n.t(language, 'loan.notify.rejected', { reference: ReferenceCode.format(loan.reference), reason }));
    expect(row.channel).toBe('whatsapp');
    await expect(port.loans.approve(loan.id, 'coordinator-2')).rejects.toBeInstanceOf(LoanError);
    await expect(port.loans.reject(loan.id, 'coordinator-1', '  ')).rejects.toMatchObject({ code: 'invalid' });
  });

  test('approved without a free device: waiting list first come first served; a returned device makes the next one ready and tells them once', async () => {
    const { digibankId, locationId } = await createLendingDigibank(db.prisma);
    const deviceId = await createDevice(db.prisma, digibankId, locationId);
    const first = await requestFor(digibankId, locationId);
    const second = await requestFor(digibankId, locationId);
    const third = await requestFor(digibankId, locationId);
    await port.loans.approve(first.loan.id, 'c');
    now = new Date(NOW.getTime() + 1000);
    expect((await port.loans.approve(second.loan.id, 'c')).status).toBe('approved');
    now = new Date(NOW.getTime() + 2000);
    await port.loans.approve(third.loan.id, 'c');
    expect((await port.loans.waitingList.list(digibankId)).map((entry) => [entry.loanId, entry.position])).toEqual([
      [second.loan.id, 1],
      [third.loan.id, 2],
    ]);
    expect(await outboxTexts(db.prisma, third.conversationId)).toEqual([
      i18n.t('nl', 'loan.notify.approvedWaiting', { reference: ReferenceCode.format(third.loan.reference), position: 2 }),
    ]);

    await port.loans.pickUp(first.loan.id, 'c');
    await port.loans.markReturned(first.loan.id, 'c', { condition: 'ok' });
    await expect(port.loans.markReturned(first.loan.id, 'c', { condition: 'ok' })).rejects.toMatchObject({ code: 'conflict' });
    // Concurrent sweeps for the same kind: still one ready request, one message.
    await Promise.all(Array.from({ length: 10 }, () => port.loans.deviceAvailable(digibankId, 'laptop')));

    expect(await db.prisma.loanRequest.findUniqueOrThrow({ where: { id: second.loan.id } })).toMatchObject({ status: 'ready', deviceId, waitlistedAt: null });
    expect((await db.prisma.loanRequest.findUniqueOrThrow({ where: { id: third.loan.id } })).status).toBe('approved');
    const place = await db.prisma.location.findUniqueOrThrow({ where: { id: locationId } });
    expect(await outboxTexts(db.prisma, second.conversationId)).toEqual([
      i18n.t('nl', 'loan.notify.approvedWaiting', { reference: ReferenceCode.format(second.loan.reference), position: 1 }),
      i18n.t('nl', 'loan.notify.ready', { reference: ReferenceCode.format(second.loan.reference), place: place.name, address: 'Teststraat 1, 8500 Kortrijk', hours: 'ma 09:00-12:00; wo 09:00-12:00' }),
    ]);
    expect((await port.loans.waitingList.list(digibankId)).map((entry) => [entry.loanId, entry.position])).toEqual([[third.loan.id, 1]]);
  });

  test('a new device in the inventory goes to the first waiting person', async () => {
    const { digibankId, locationId } = await createLendingDigibank(db.prisma);
    const waiting = await requestFor(digibankId, locationId);
    await port.loans.approve(waiting.loan.id, 'c');
    const device = await port.devices.create({ digibankId, kind: 'laptop', assetTag: 'NEW-1', locationId, accessories: ['lader'] });
    expect(device.status).toBe('reserved');
    expect((await db.prisma.loanRequest.findUniqueOrThrow({ where: { id: waiting.loan.id } })).deviceId).toBe(device.id);
  });

  test('50 simultaneous reservations of the last available laptop: exactly one succeeds', async () => {
    const { digibankId, locationId } = await createLendingDigibank(db.prisma);
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      const { loan } = await requestFor(digibankId, locationId);
      await port.loans.approve(loan.id, 'c');
      ids.push(loan.id);
    }
    const deviceId = await createDevice(db.prisma, digibankId, locationId);
    const results = await Promise.allSettled(ids.map((id, i) => port.loans.reserve(id, 'c', i % 2 === 0 ? deviceId : undefined)));
    const won = results.filter((result) => result.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const result of results) if (result.status === 'rejected') expect(['conflict', 'no_device']).toContain((result.reason as LoanError).code);
    expect(await db.prisma.loanRequest.count({ where: { deviceId, status: 'ready' } })).toBe(1);
    expect((await db.prisma.device.findUniqueOrThrow({ where: { id: deviceId } })).status).toBe('reserved');
  }, 120_000);

  test('the partial unique index refuses a second active loan of one device even past the service', async () => {
    const { digibankId, locationId } = await createLendingDigibank(db.prisma);
    const deviceId = await createDevice(db.prisma, digibankId, locationId);
    const a = await requestFor(digibankId, locationId);
    const b = await requestFor(digibankId, locationId);
    await db.prisma.loanRequest.update({ where: { id: a.loan.id }, data: { status: 'ready', deviceId } });
    await expect(db.prisma.loanRequest.update({ where: { id: b.loan.id }, data: { status: 'on_loan', deviceId } })).rejects.toThrow();
  });

  test('the usual decision time is the median of the digibank\'s past decisions, else the default', async () => {
    const { digibankId, locationId } = await createLendingDigibank(db.prisma);
    expect(await port.loans.decisionTime(digibankId)).toEqual({ days: 7, basis: 'default' });
    for (const days of [1, 2, 3, 10]) {
      const { loan } = await requestFor(digibankId, locationId);
      await db.prisma.loanRequest.update({ where: { id: loan.id }, data: { decidedAt: new Date(loan.createdAt.getTime() + days * DAY), status: 'rejected' } });
    }
    expect(await port.loans.decisionTime(digibankId)).toEqual({ days: 3, basis: 'history' });
  });

  test('cancelling a ready request frees its device for the next waiting person', async () => {
    const { digibankId, locationId } = await createLendingDigibank(db.prisma);
    await createDevice(db.prisma, digibankId, locationId);
    const first = await requestFor(digibankId, locationId);
    const second = await requestFor(digibankId, locationId);
    await port.loans.approve(first.loan.id, 'c');
    await port.loans.approve(second.loan.id, 'c');
    await port.loans.cancel(first.loan.id, 'c', 'Niet afgehaald');
    expect((await db.prisma.loanRequest.findUniqueOrThrow({ where: { id: second.loan.id } })).status).toBe('ready');
    expect(await outboxTexts(db.prisma, first.conversationId)).toContain(
      i18n.t('nl', 'loan.notify.cancelled', { reference: ReferenceCode.format(first.loan.reference), reason: 'Niet afgehaald' }),
    );
  });
});
