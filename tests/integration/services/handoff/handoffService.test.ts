import { openDatabase } from '../../../../db/database';
import { translator } from '../../../../i18n/translator';
import { Actor, HandoffError, HandoffService, HandoffStatus, TRANSITIONS } from '../../../../services/handoff/handoffService';
import { DutyHours } from '../../../../services/handoff/dutyHours';
import { ReferenceCode } from '../../../../services/booking/referenceCode';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../../support/database';
import { bookAt, createActor, createCitizen, createDigibank, createService, outboundTexts } from './handoffFixtures';

// Monday 23 November 2026, 15:00 in Brussels.
const MONDAY_AFTERNOON = new Date('2026-11-23T14:00:00Z');
const OPEN_MONDAY = [{ weekday: 1, opensAt: '09:00', closesAt: '17:00' }];
const t = (key: string, vars?: Record<string, string | number>) => translator.t('nl', key, vars);

type Action = 'claim' | 'release' | 'close' | 'cancel' | 'send';
/** What each action does from each status: 'ok', or the error code / false it gets. */
type Row = readonly [HandoffStatus, Action, 'ok' | HandoffError['code'] | 'refused', HandoffStatus];
const MACHINE: readonly Row[] = [
  ['waiting', 'claim', 'ok', 'with_volunteer'],
  ['waiting', 'release', 'not_open', 'waiting'],
  ['waiting', 'close', 'ok', 'closed'],
  ['waiting', 'cancel', 'ok', 'cancelled'],
  ['waiting', 'send', 'not_open', 'waiting'],
  ['with_volunteer', 'claim', 'refused', 'with_volunteer'],
  ['with_volunteer', 'release', 'ok', 'returned'],
  ['with_volunteer', 'close', 'ok', 'closed'],
  ['with_volunteer', 'cancel', 'refused', 'with_volunteer'],
  ['with_volunteer', 'send', 'ok', 'with_volunteer'],
  ...(['returned', 'closed', 'cancelled'] as const).flatMap((status) => [
    [status, 'claim', 'refused', status] as const,
    [status, 'release', 'not_open', status] as const,
    [status, 'close', 'not_open', status] as const,
    [status, 'cancel', 'refused', status] as const,
    [status, 'send', 'not_open', status] as const,
  ]),
];

describe.each(databaseKinds)('HandoffService on %s', (kind) => {
  let db: TestDatabase;
  let now: Date;
  let service: HandoffService;
  let digibankId: string;
  let locationId: string;
  let an: Actor;
  let bert: Actor;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    ({ digibankId, locationId } = await createDigibank(db.prisma, OPEN_MONDAY));
    an = await createActor(db.prisma, 'An Peeters', digibankId);
    bert = await createActor(db.prisma, 'Bert', digibankId);
  });
  afterAll(() => db.drop());
  beforeEach(async () => {
    await db.prisma.handoff.deleteMany();
    now = MONDAY_AFTERNOON;
    service = createService(db.prisma, { clock: () => now, watchIntervalMs: 50 });
  });
  afterEach(() => service.stop());

  /** A conversation whose handoff is in `status` (An claims, releases or closes it). */
  async function handoffIn(status: HandoffStatus): Promise<string> {
    const { conversationId } = await createCitizen(db.prisma);
    await service.request({ conversationId, reason: 'asked' });
    if (status === 'with_volunteer' || status === 'returned') expect((await service.claim(conversationId, an)).ok).toBe(true);
    if (status === 'returned') await service.release(conversationId, an);
    if (status === 'closed') await service.close(conversationId, an);
    if (status === 'cancelled') expect(await service.cancelByCitizen(conversationId)).toBe(true);
    return conversationId;
  }

  async function act(action: Action, conversationId: string): Promise<'ok' | HandoffError['code'] | 'refused'> {
    try {
      switch (action) {
        case 'claim':
          return (await service.claim(conversationId, bert)).ok ? 'ok' : 'refused';
        case 'release':
          await service.release(conversationId, an);
          return 'ok';
        case 'close':
          await service.close(conversationId, an);
          return 'ok';
        case 'cancel':
          return (await service.cancelByCitizen(conversationId)) ? 'ok' : 'refused';
        case 'send':
          await service.sendMessage(conversationId, an, 'Hallo, ik help je.');
          return 'ok';
      }
    } catch (error) {
      if (error instanceof HandoffError) return error.code;
      throw error;
    }
  }

  test.each(MACHINE)('from %s, %s gives %s and leaves it %s', async (from, action, outcome, after) => {
    const conversationId = await handoffIn(from);
    const eventsBefore = await db.prisma.handoffEvent.count({ where: { handoff: { conversationId } } });
    expect(await act(action, conversationId)).toBe(outcome);
    const detail = await service.get(conversationId);
    expect(detail?.status).toBe(after);
    const events = await db.prisma.handoffEvent.findMany({ where: { handoff: { conversationId } }, orderBy: { at: 'asc' } });
    expect(events).toHaveLength(eventsBefore + (from !== after ? 1 : 0));
    if (from !== after) expect(events.at(-1)).toMatchObject({ fromStatus: from, toStatus: after });
    for (const event of events) if (event.fromStatus) expect(TRANSITIONS[event.fromStatus as HandoffStatus]).toContain(event.toStatus);
  });

  test('a person\'s digibank is that of their newest booking, loan request or donation; none: unknown', async () => {
    const duty = new DutyHours(db.prisma);
    const other = await createDigibank(db.prisma, OPEN_MONDAY);
    const { personId } = await createCitizen(db.prisma);
    expect(await duty.digibankOf(personId)).toBeNull();
    await bookAt(db.prisma, personId, locationId, new Date('2026-11-23T09:00:00Z'));
    expect(await duty.digibankOf(personId)).toBe(digibankId);
    await db.prisma.loanRequest.create({ data: { reference: ReferenceCode.generate(), personId, digibankId: other.digibankId, deviceKind: 'laptop', purpose: 'school' } });
    expect(await duty.digibankOf(personId)).toBe(other.digibankId);
    await db.prisma.deviceDonation.create({ data: { personId, digibankId, deviceKind: 'laptop' } });
    expect(await duty.digibankOf(personId)).toBe(digibankId);
  });

  test('a request opens one waiting handoff, records who and why, and is idempotent', async () => {
    const { conversationId } = await createCitizen(db.prisma);
    const first = await service.request({ conversationId, reason: 'not_understood', topic: 'tax', language: 'nl', summary: { tried: ['menu'] } });
    expect(first).toMatchObject({ position: 1, onDuty: true, created: true, estimatedMinutes: 5 });
    const again = await Promise.all([1, 2, 3, 4].map(() => service.request({ conversationId, reason: 'asked' })));
    expect(new Set(again.map((ticket) => ticket.handoffId))).toEqual(new Set([first.handoffId]));
    expect(again.every((ticket) => !ticket.created)).toBe(true);
    expect(await db.prisma.handoff.count({ where: { conversationId } })).toBe(1);
    const events = await db.prisma.handoffEvent.findMany({ where: { handoffId: first.handoffId } });
    expect(events).toEqual([expect.objectContaining({ fromStatus: null, toStatus: 'waiting', actor: 'citizen', reason: 'not_understood', at: MONDAY_AFTERNOON })]);
    expect(await service.get(conversationId)).toMatchObject({ status: 'waiting', topic: 'tax', reason: 'not_understood', channel: 'whatsapp', summary: { tried: ['menu'] } });
    expect(await service.openFor(conversationId)).toEqual({ handoffId: first.handoffId, status: 'waiting', volunteerName: null });
  });

  test('10 volunteers claim at once: exactly one gets it, the others are told who', async () => {
    const { conversationId } = await createCitizen(db.prisma);
    await service.request({ conversationId, reason: 'asked' });
    const volunteers = await Promise.all(Array.from({ length: 10 }, (_, i) => createActor(db.prisma, `Vrijwilliger${i} X`, digibankId)));
    const results = await Promise.all(volunteers.map((volunteer) => service.claim(conversationId, volunteer)));
    const winners = results.filter((result) => result.ok);
    expect(winners).toHaveLength(1);
    const winner = winners[0].ok ? winners[0].handoff.volunteer : null;
    for (const result of results.filter((r) => !r.ok)) expect(result).toEqual({ ok: false, claimedBy: winner, status: 'with_volunteer' });
    expect(await db.prisma.handoffEvent.count({ where: { handoff: { conversationId }, toStatus: 'with_volunteer' } })).toBe(1);
    expect(await outboundTexts(db.prisma, conversationId)).toEqual([t('handoff.notify.claimed', { name: (winner?.name ?? '').split(' ')[0] })]);
  });

  test('the citizen hears the volunteer: first name on claim, answers as written, back to the bot', async () => {
    const { conversationId } = await createCitizen(db.prisma);
    await service.request({ conversationId, reason: 'asked' });
    const claim = await service.claim(conversationId, an);
    expect(claim).toMatchObject({ ok: true, handoff: { status: 'with_volunteer', volunteer: { id: an.id, name: 'An Peeters' }, waitingSeconds: 0 } });
    expect(await service.openFor(conversationId)).toMatchObject({ status: 'with_volunteer', volunteerName: 'An' });
    expect(await service.claim(conversationId, an)).toMatchObject({ ok: true }); // a double click
    await expect(service.sendMessage(conversationId, bert, 'mag ik?')).rejects.toMatchObject({ code: 'not_yours' });
    await expect(service.release(conversationId, bert)).rejects.toMatchObject({ code: 'not_yours' });
    const { messageId } = await service.sendMessage(conversationId, an, 'Dag! Waarmee kan ik helpen?');
    expect(await db.prisma.message.findUniqueOrThrow({ where: { id: messageId } })).toMatchObject({ direction: 'out', status: 'queued', channel: 'whatsapp' });
    await service.release(conversationId, an);
    expect(await outboundTexts(db.prisma, conversationId)).toEqual([t('handoff.notify.claimed', { name: 'An' }), 'Dag! Waarmee kan ik helpen?', t('handoff.notify.released')]);
    expect(await service.openFor(conversationId)).toBeNull();
    expect(await service.get(conversationId)).toMatchObject({ status: 'returned', endedAt: MONDAY_AFTERNOON });
  });

  test('volunteers of another digibank may not claim; an administrator may act on any', async () => {
    const other = await createDigibank(db.prisma, OPEN_MONDAY);
    const stranger = await createActor(db.prisma, 'Chris', other.digibankId);
    const admin = await createActor(db.prisma, 'Admin', null);
    const { personId, conversationId } = await createCitizen(db.prisma);
    await bookAt(db.prisma, personId, locationId, new Date('2026-11-20T09:00:00Z'));
    await service.request({ conversationId, reason: 'asked' });
    expect((await service.get(conversationId))?.digibankId).toBe(digibankId);
    await expect(service.claim(conversationId, stranger)).rejects.toMatchObject({ code: 'forbidden' });
    expect(await service.queue({ digibankId: other.digibankId })).toEqual([]);
    expect((await service.queue({ digibankId })).map((item) => item.conversationId)).toEqual([conversationId]);
    expect((await service.claim(conversationId, an)).ok).toBe(true);
    await service.close(conversationId, admin);
    expect((await service.get(conversationId))?.status).toBe('closed');
  });

  test('the line: urgent first, then oldest; position and queue agree', async () => {
    const first = await createCitizen(db.prisma);
    const second = await createCitizen(db.prisma);
    const urgent = await createCitizen(db.prisma);
    expect((await service.request({ conversationId: first.conversationId, reason: 'asked' })).position).toBe(1);
    now = new Date(MONDAY_AFTERNOON.getTime() + 60_000);
    expect((await service.request({ conversationId: second.conversationId, reason: 'asked' })).position).toBe(2);
    now = new Date(MONDAY_AFTERNOON.getTime() + 120_000);
    expect((await service.request({ conversationId: urgent.conversationId, reason: 'urgent' })).position).toBe(1);
    expect((await service.waitFor(first.conversationId))?.position).toBe(2);
    expect((await service.waitFor(second.conversationId))?.position).toBe(3);
    const queue = await service.queue({ digibankId: null });
    expect(queue.map((item) => item.conversationId)).toEqual([urgent.conversationId, first.conversationId, second.conversationId]);
    expect(queue.map((item) => item.waitingSeconds)).toEqual([0, 120, 60]);
    // Asking again, now urgently, moves a citizen ahead (among the urgent, the oldest first).
    await service.request({ conversationId: second.conversationId, reason: 'asked', urgent: true });
    expect((await service.waitFor(second.conversationId))?.position).toBe(1);
    expect((await service.waitFor(urgent.conversationId))?.position).toBe(2);
  });

  test('the estimate follows recent claims (median wait × place in line)', async () => {
    for (const minutes of [2, 4, 30]) {
      const { conversationId } = await createCitizen(db.prisma);
      now = new Date(MONDAY_AFTERNOON.getTime() - minutes * 60_000);
      await service.request({ conversationId, reason: 'asked' });
      now = MONDAY_AFTERNOON;
      await service.claim(conversationId, an);
    }
    const a = await createCitizen(db.prisma);
    const b = await createCitizen(db.prisma);
    expect((await service.request({ conversationId: a.conversationId, reason: 'asked' })).estimatedMinutes).toBe(4);
    now = new Date(MONDAY_AFTERNOON.getTime() + 1000);
    expect((await service.request({ conversationId: b.conversationId, reason: 'asked' })).estimatedMinutes).toBe(8);
  });

  test('nobody on duty: no estimate, the offer is recorded at once; unknown digibank → any open location', async () => {
    const { personId, conversationId } = await createCitizen(db.prisma);
    await bookAt(db.prisma, personId, locationId, new Date('2026-11-20T09:30:00Z'));
    now = new Date('2026-11-23T19:00:00Z'); // 20:00 in Brussels
    expect(await service.request({ conversationId, reason: 'asked' })).toMatchObject({ onDuty: false, estimatedMinutes: null, position: 1 });
    expect((await service.get(conversationId))?.alternativeOfferedAt).toEqual(now);
    expect((await service.queue({ digibankId })).map((item) => item.conversationId)).toEqual([conversationId]);
    // Sunday: nobody anywhere; Monday afternoon: a location is open.
    const unknown = await createCitizen(db.prisma);
    now = new Date('2026-11-22T10:00:00Z');
    expect((await service.request({ conversationId: unknown.conversationId, reason: 'asked' })).onDuty).toBe(false);
    now = MONDAY_AFTERNOON;
    expect((await service.waitFor(unknown.conversationId))?.onDuty).toBe(true);
  });

  test('a closure day of the digibank is not on duty', async () => {
    const { personId, conversationId } = await createCitizen(db.prisma);
    await bookAt(db.prisma, personId, locationId, new Date('2026-11-20T10:00:00Z'));
    now = new Date('2026-12-28T14:00:00Z'); // a Monday, but …
    await db.prisma.closure.create({ data: { digibankId, startsOn: new Date('2026-12-28'), endsOn: new Date('2026-12-28'), reason: 'test' } });
    try {
      expect((await service.request({ conversationId, reason: 'asked' })).onDuty).toBe(false);
    } finally {
      await db.prisma.closure.deleteMany();
    }
  });

  test('the claim timeout offers a slot or a call-back once per handoff, and the handoff stays in the queue', async () => {
    const sms = await createCitizen(db.prisma, 'sms');
    const web = await createCitizen(db.prisma, 'webchat');
    const fresh = await createCitizen(db.prisma);
    await service.request({ conversationId: sms.conversationId, reason: 'asked' });
    await service.request({ conversationId: web.conversationId, reason: 'asked' });
    now = new Date(MONDAY_AFTERNOON.getTime() + 9 * 60_000);
    await service.request({ conversationId: fresh.conversationId, reason: 'asked' });
    now = new Date(MONDAY_AFTERNOON.getTime() + 10 * 60_000);
    const sweeps = await Promise.all([service.offerAlternativesToOverdue(), service.offerAlternativesToOverdue()]);
    expect(sweeps[0] + sweeps[1]).toBe(2);
    expect(await service.offerAlternativesToOverdue()).toBe(0);
    const smsOffer = await db.prisma.message.findMany({ where: { conversationId: sms.conversationId, direction: 'out' } });
    expect(smsOffer.map((row) => row.text)).toEqual([t('handoff.timeout')]);
    const titles = (row: (typeof smsOffer)[number]) => (row.activity as { suggestedActions?: { actions: { title: string }[] } }).suggestedActions?.actions.map((a) => a.title);
    expect(titles(smsOffer[0])).toEqual(['handoff.choices.book', 'handoff.choices.callback', 'handoff.choices.keepWaiting'].map((key) => t(key)));
    const webOffer = await db.prisma.message.findMany({ where: { conversationId: web.conversationId, direction: 'out' } });
    expect(titles(webOffer[0])).toEqual(['handoff.choices.book', 'handoff.choices.keepWaiting'].map((key) => t(key)));
    expect(await outboundTexts(db.prisma, fresh.conversationId)).toEqual([]);
    expect((await service.queue({ digibankId: null })).map((item) => item.status)).toEqual(['waiting', 'waiting', 'waiting']);
    expect(await service.requestCallback(sms.conversationId)).toBe(true);
    expect((await service.get(sms.conversationId))?.callbackRequested).toBe(true);
  });

  test('a volunteer takes over a bot conversation of their digibank; a second one is told who has it', async () => {
    const { conversationId, personId } = await createCitizen(db.prisma);
    await expect(service.takeOver(conversationId, an)).rejects.toMatchObject({ code: 'forbidden' }); // no known digibank yet: administrators only
    await bookAt(db.prisma, personId, locationId, new Date('2026-11-20T11:00:00Z'));
    const taken = await service.takeOver(conversationId, an);
    expect(taken).toMatchObject({ ok: true, handoff: { status: 'with_volunteer', reason: 'volunteer' } });
    expect(await service.takeOver(conversationId, bert)).toEqual({ ok: false, claimedBy: { id: an.id, name: 'An Peeters' }, status: 'with_volunteer' });
    const events = await db.prisma.handoffEvent.findMany({ where: { handoff: { conversationId } } });
    expect(events).toEqual([expect.objectContaining({ fromStatus: null, toStatus: 'with_volunteer', actor: an.id })]);
  });

  test('a volunteer without a display name is "a volunteer" to the citizen, on claim and on transfer: never the login name', async () => {
    const login = await db.prisma.consoleUser.create({ data: { username: `jdevos-${process.pid}`, passwordHash: 'x', role: 'volunteer', digibankId: an.digibankId } });
    const nameless = { id: login.id, name: login.username, digibankId: an.digibankId };
    const claimed = (await createCitizen(db.prisma)).conversationId;
    await service.request({ conversationId: claimed, reason: 'asked' });
    expect((await service.claim(claimed, nameless)).ok).toBe(true);
    expect(await service.openFor(claimed)).toMatchObject({ status: 'with_volunteer', volunteerName: null });
    const transferred = (await createCitizen(db.prisma)).conversationId;
    await service.request({ conversationId: transferred, reason: 'asked' });
    await service.claim(transferred, an);
    await service.transfer(transferred, an, login.id);
    for (const conversationId of [claimed, transferred]) {
      const texts = await outboundTexts(db.prisma, conversationId);
      expect(texts.at(-1)).toBe(t('handoff.notify.claimedAnonymous'));
      expect(texts.join(' ')).not.toContain(login.username);
    }
  });

  test('transfer to a colleague, and private notes', async () => {
    const { conversationId } = await createCitizen(db.prisma);
    await service.request({ conversationId, reason: 'asked' });
    await service.claim(conversationId, an);
    await expect(service.transfer(conversationId, an, '00000000-0000-0000-0000-000000000000')).rejects.toMatchObject({ code: 'not_found' });
    await service.transfer(conversationId, an, bert.id);
    expect((await service.get(conversationId))?.volunteer).toEqual({ id: bert.id, name: 'Bert' });
    await expect(service.sendMessage(conversationId, an, 'nog iets')).rejects.toMatchObject({ code: 'not_yours' });
    const events = await db.prisma.handoffEvent.findMany({ where: { handoff: { conversationId } }, orderBy: { at: 'asc' } });
    expect(events.at(-1)).toMatchObject({ fromStatus: 'with_volunteer', toStatus: 'with_volunteer', actor: an.id });
    expect((await outboundTexts(db.prisma, conversationId)).at(-1)).toBe(t('handoff.notify.claimed', { name: 'Bert' }));
    await service.addNote(conversationId, bert, 'Belt morgen terug.');
    expect(await db.prisma.handoffNote.findMany({ where: { handoff: { conversationId } } })).toEqual([expect.objectContaining({ authorId: bert.id, text: 'Belt morgen terug.' })]);
    await expect(service.addNote('no-such-conversation', bert, 'x')).rejects.toMatchObject({ code: 'not_found' });
    await service.addNote(conversationId, bert, 'Rekening BE68 5390 0754 7034, rijksregister 85073003328, belt op 0470 12 34 56');
    const masked = await db.prisma.handoffNote.findFirstOrThrow({ where: { handoff: { conversationId }, text: { startsWith: 'Rekening' } } });
    expect(masked.text).toBe('Rekening BE•• •••• •••• ••34, rijksregister •••••••••••, belt op 0470 12 34 56');
  });

  test('watch() fires for a change made here', async () => {
    const { conversationId } = await createCitizen(db.prisma);
    const fired = jest.fn();
    const unwatch = service.watch(fired);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await service.request({ conversationId, reason: 'asked' });
    await waitFor(() => fired.mock.calls.length > 0);
    unwatch();
  });

  if (kind === 'postgres') {
    test('watch() fires for a change made by another process (a second client on the same database)', async () => {
      const other = await openDatabase(db.target);
      try {
        const elsewhere = new HandoffService(other.prisma, { notify: async () => 'x', languageOf: async () => 'nl' }, { clock: () => now });
        const { conversationId } = await createCitizen(db.prisma);
        const fired = jest.fn();
        const unwatch = service.watch(fired);
        await new Promise((resolve) => setTimeout(resolve, 150));
        expect(fired).not.toHaveBeenCalled();
        await elsewhere.request({ conversationId, reason: 'asked' });
        await waitFor(() => fired.mock.calls.length > 0);
        const calls = fired.mock.calls.length;
        await elsewhere.claim(conversationId, an);
        await waitFor(() => fired.mock.calls.length > calls);
        unwatch();
      } finally {
        await other.close();
      }
    });
  }
});

async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
