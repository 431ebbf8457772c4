import { LoanReminderScheduler } from '../../../../services/loans/loanReminderScheduler';
import type { LoanPort } from '../../../../dialogs/dialogServices';
import { ReferenceCode } from '../../../../services/booking/referenceCode';
import { strictI18n as i18n } from '../../../support/conversation';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../../support/database';
import { createCitizen, createDevice, createLendingDigibank, outboxTexts, testLoanPort } from './loanFixtures';

const DAY = 86_400_000;
// Monday 23 November 2026, 19:00 in Brussels (after the reminder hour).
const START = new Date('2026-11-23T18:00:00Z');

describe.each(databaseKinds)('loan due-date reminders on %s', (kind) => {
  let db: TestDatabase;
  let port: LoanPort;
  let now = START;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    port = testLoanPort(db.prisma, () => now);
  }, 60_000);
  afterAll(() => db.drop());

  test('once per due date, over concurrent sweeps; an extension gets its own reminder; none before the hour', async () => {
    const { digibankId, locationId } = await createLendingDigibank(db.prisma);
    await createDevice(db.prisma, digibankId, locationId);
    const citizen = await createCitizen(db.prisma, 'fr');
    const requested = await port.loans.request({ ...citizen, digibankId, locationId, deviceKind: 'laptop', purpose: 'job_search', answers: {} });
    if (requested.kind !== 'created') throw new Error('expected a new request');
    const { loan } = requested;
    now = START;
    await port.loans.approve(loan.id, 'c');
    await port.loans.pickUp(loan.id, 'c'); // due in 90 days
    const sent = () => outboxTexts(db.prisma, citizen.conversationId);
    const before = (await sent()).length;
    const schedulers = [0, 1, 2].map(() => new LoanReminderScheduler(port.loans, { daysBefore: 3, hour: 18, clock: () => now }));

    now = new Date(START.getTime() + 80 * DAY);
    expect(await schedulers[0].tick()).toBe(0); // not yet within 3 days
    now = new Date(START.getTime() + 88 * DAY - 10 * 3600_000); // 09:00 Brussels: before the hour
    expect(await schedulers[0].tick()).toBe(0);
    now = new Date(START.getTime() + 88 * DAY);
    expect((await Promise.all(schedulers.map((scheduler) => scheduler.tick()))).reduce((a, b) => a + b)).toBe(1);
    expect(await schedulers[1].tick()).toBe(0);
    const dueAt = new Date(START.getTime() + 90 * DAY);
    expect((await sent()).slice(before)).toEqual([
      i18n.t('fr', 'loan.notify.dueSoon', { reference: ReferenceCode.format(loan.reference), date: port.formats.date('fr', dueAt), place: (await db.prisma.location.findUniqueOrThrow({ where: { id: locationId } })).name }),
    ]);
    const reminder = await db.prisma.message.findFirstOrThrow({ where: { conversationId: citizen.conversationId, direction: 'out' }, orderBy: { seq: 'desc' } });
    expect((reminder.activity as { suggestedActions?: { actions: { title: string }[] } }).suggestedActions?.actions.map((action) => action.title)).toEqual([
      i18n.t('fr', 'loan.choices.extend'),
      i18n.t('fr', 'loan.choices.returnInfo'),
    ]);

    await port.loans.extend(loan.id, 'c', 30);
    expect(await schedulers[2].tick()).toBe(0);
    now = new Date(START.getTime() + 118 * DAY);
    expect(await schedulers[2].tick()).toBe(1);
    expect(await schedulers[0].tick()).toBe(0);
  });
});
