import { BrusselsTime } from '../../../../i18n/brusselsTime';
import { ReachKeys } from '../../../../services/reach/reachKeys';
import { ReachFact, ReachRecorder } from '../../../../services/reach/reachRecorder';
import { ReachReportService } from '../../../../services/reach/reachReport';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../../support/database';

const PRICES = { smsSegmentEur: 0.1, whatsappTemplateEur: 0.5 };
const at = (day: string) => BrusselsTime.toInstant(day, '12:00');

describe.each(databaseKinds)('reach report over recorded facts (%s)', (kind) => {
  let db: TestDatabase;
  let recorder: ReachRecorder;
  let report: ReachReportService;
  const keys = new ReachKeys('integration-test-reach-key');
  const bank: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };
  const x = keys.person('whatsapp', '32470000001');
  const y = keys.person('sms', '+32470000002');
  const browser = { channel: 'webchat', id: 'web_browser_of_y' };
  const w = keys.person(browser.channel, browser.id);
  const u = keys.person('webchat', 'web_unlinked');
  const z = keys.person('whatsapp', '32470000003');
  const q = keys.person('sms', '+32470000004');

  async function digibank(name: string, municipality: string, province: string): Promise<string> {
    const created = await db.prisma.digibank.create({ data: { name } });
    await db.prisma.location.create({ data: { digibankId: created.id, name, address: 'Straat 1', postcode: '9000', municipality, province, latitude: 51, longitude: 3.7 } });
    return created.id;
  }

  async function activity(day: string, person: string, conversation: string, channel: string, language: string | null, messages: number): Promise<void> {
    await db.prisma.reachActivity.create({ data: { day: BrusselsTime.toDbDate(day), conversationKey: keys.conversation(conversation), personKey: person, channel, language, messagesIn: messages / 2, messagesOut: messages / 2 } });
  }

  const fact = (kind: ReachFact['kind'], day: string, personKey: string | null, digibankId: string | null, extra: Partial<ReachFact> = {}): ReachFact =>
    ({ kind, at: at(day), personKey, digibankId, ref: `${kind}-${day}-${personKey}-${extra.ref ?? ''}`, ...extra });

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    recorder = new ReachRecorder(db.prisma, keys);
    report = new ReachReportService(db.prisma, PRICES);
    bank.a = await digibank('A', 'Gent', 'Oost-Vlaanderen');
    bank.b = await digibank('B', 'Gent', 'Oost-Vlaanderen');
    bank.c = await digibank('C', 'Leuven', 'Vlaams-Brabant');
    await activity('2026-03-02', x, 'x-wa', 'whatsapp', 'nl', 4);
    await activity('2026-03-03', x, 'x-teams', 'msteams', null, 2);
    await activity('2026-04-01', x, 'x-wa', 'whatsapp', 'nl', 6); // after the period
    await activity('2026-03-04', w, 'w-web', 'webchat', 'fr', 2);
    await activity('2026-03-10', y, 'y-sms', 'sms', 'nl-simple', 2);
    await activity('2026-03-11', u, 'u-web', 'webchat', 'en', 2);
    await recorder.record([
      fact('appointment_made', '2026-03-02', x, bank.a),
      fact('loan_requested', '2026-03-05', x, bank.b),
      fact('whatsapp_template', '2026-03-02', x, null, { value: 1 }),
      fact('topic', '2026-03-02', x, null, { detail: 'tax' }),
      fact('topic', '2026-03-10', y, null, { detail: 'tax' }),
      fact('topic', '2026-03-10', y, null, { detail: 'banking', ref: 'second' }),
      fact('handoff', '2026-03-10', y, bank.c),
      fact('handoff_claimed', '2026-03-10', y, bank.c, { value: 30 }),
      fact('callback_requested', '2026-03-10', y, bank.c),
      fact('callback_done', '2026-03-12', y, bank.c),
      fact('sms_sent', '2026-03-10', y, null, { value: 3 }),
      fact('sms_sent', '2026-03-10', q, null, { value: 2 }),
      fact('appointment_cancelled', '2026-03-06', z, bank.c),
      fact('handoff', '2026-03-11', u, null),
      fact('handoff_unanswered', '2026-03-11', u, null),
      fact('loan_started', '2026-02-20', x, bank.b, { detail: '2026-03-15', ref: 'late' }),
      fact('loan_started', '2026-02-20', x, bank.b, { detail: '2026-04-15', ref: 'not yet due' }),
      { kind: 'loan_started', at: at('2026-02-01'), personKey: x, digibankId: bank.b, ref: 'back', detail: '2026-03-01' },
      { kind: 'loan_returned', at: at('2026-03-20'), personKey: x, digibankId: bank.b, ref: 'back' },
    ]);
    // The same fact twice counts once.
    await recorder.record(fact('appointment_made', '2026-03-02', x, bank.a));
    // The web chat visitor W proves to be Y: W's day counts as Y's.
    await recorder.identify(browser.channel, browser.id, y);
  }, 120_000);

  afterAll(async () => {
    await db?.drop();
  });

  test('totals count each person once, whatever their channels, languages and digibanks', async () => {
    const { totals } = await report.report({ from: '2026-03-01', to: '2026-03-31' });
    expect(totals).toMatchObject({
      uniquePeople: 4, // x, y (with w), z, u; q only received an SMS
      conversations: 5,
      messages: 12,
      byChannel: { whatsapp: 1, sms: 1, webchat: 2, other: 1 },
      messagesByChannel: { whatsapp: 4, sms: 2, webchat: 4, other: 2 },
      byLanguage: { nl: 1, fr: 1, en: 1, 'nl-simple': 1, unknown: 1 },
      topics: { tax: 2, banking: 1 },
      appointments: { made: 1, kept: 0, noShow: 0, cancelled: 1 },
      loans: { requested: 1, started: 0, returned: 1, overdue: 1 },
      handoffs: { count: 2, medianWaitSeconds: 30, p90WaitSeconds: 30, unanswered: 1 },
      callbacks: { requested: 1, done: 1 },
      smsSegments: 5,
      whatsappTemplates: 1,
      costEur: 1,
    });
  });

  test('a person linked to two digibanks counts for both, once in their municipality; costs follow their person', async () => {
    const result = await report.report({ from: '2026-03-01', to: '2026-03-31' });
    const byName = Object.fromEntries(result.digibanks.map((d) => [d.name, d]));
    expect(byName.A).toMatchObject({ uniquePeople: 1, conversations: 2, appointments: { made: 1 }, whatsappTemplates: 1, costEur: 0.5, topics: { tax: 1 } });
    expect(byName.B).toMatchObject({ uniquePeople: 1, loans: { requested: 1, returned: 1, overdue: 1 }, whatsappTemplates: 1 });
    expect(byName.C).toMatchObject({ uniquePeople: 2, byChannel: { whatsapp: 0, sms: 1, webchat: 1, other: 0 }, handoffs: { count: 1, medianWaitSeconds: 30 }, smsSegments: 3, costEur: 0.3, topics: { tax: 1, banking: 1 } });
    expect(result.unlinked).toMatchObject({ uniquePeople: 1, byChannel: { webchat: 1 }, handoffs: { count: 1, unanswered: 1, medianWaitSeconds: null }, smsSegments: 2 });
    expect(result.municipalities.find((m) => m.municipality === 'Gent')).toMatchObject({ province: 'Oost-Vlaanderen', uniquePeople: 1, appointments: { made: 1 }, loans: { requested: 1 } });
    expect(result.provinces.map((p) => [p.province, p.uniquePeople])).toEqual([['Oost-Vlaanderen', 1], ['Vlaams-Brabant', 2]]);
    // x's returned loan (03-20) is a fact that names them: reached that week too.
    expect(result.weeks).toEqual([{ week: '2026-03-02', uniquePeople: 3 }, { week: '2026-03-09', uniquePeople: 2 }, { week: '2026-03-16', uniquePeople: 1 }]);
  });

  test('one digibank: its people only, and its figures as the totals', async () => {
    const result = await report.report({ from: '2026-03-01', to: '2026-03-31', digibankId: bank.c });
    expect(result.digibanks.map((d) => d.name)).toEqual(['C']);
    expect(result.totals).toMatchObject({ uniquePeople: 2, smsSegments: 3, handoffs: { count: 1 } });
    expect(result.unlinked.uniquePeople).toBe(0);
    expect(result.weeks).toEqual([{ week: '2026-03-02', uniquePeople: 2 }, { week: '2026-03-09', uniquePeople: 1 }]);
  });

  test('a period without anyone: zeros, not empty cells', async () => {
    const { totals, unlinked } = await report.report({ from: '2025-01-01', to: '2025-01-31' });
    for (const figures of [totals, unlinked]) {
      expect(figures).toMatchObject({ uniquePeople: 0, conversations: 0, messages: 0, byChannel: { whatsapp: 0, sms: 0, webchat: 0, other: 0 }, messagesByChannel: { whatsapp: 0 }, smsSegments: 0, costEur: 0 });
      expect(figures.byLanguage).toEqual({});
    }
  });

  test('a loan is overdue only at the end of a period after its due day', async () => {
    expect((await report.report({ from: '2026-03-01', to: '2026-03-15' })).totals.loans.overdue).toBe(1); // "back" (due 03-01) not returned yet
    expect((await report.report({ from: '2026-03-01', to: '2026-03-10' })).totals.loans.overdue).toBe(1);
    expect((await report.report({ from: '2026-02-01', to: '2026-02-28' })).totals.loans).toMatchObject({ started: 3, overdue: 0 });
  });
});
