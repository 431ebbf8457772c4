import { Assistant, createAssistant } from '../../../app/assistant';
import { HandoffScheduler } from '../../../services/handoff/handoffScheduler';
import { translator } from '../../../i18n/translator';
import { Triage } from '../../../triage/triage';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../support/database';
import { createActor, createDigibank } from '../services/handoff/handoffFixtures';

/**
 * The relay through the whole assistant (inbox, turn runner, transcript, outbox): while a
 * volunteer has the conversation, the citizen's messages are kept in the transcript and the bot
 * sends nothing; the volunteer's words and the "back to the assistant" notice go out on the
 * citizen's channel; then the bot answers again.
 */
/** Trained once for both databases. */
let trained: Promise<Triage> | undefined;

describe.each(databaseKinds)('the handoff relay in the assistant on %s', (kind) => {
  let db: TestDatabase;
  let assistant: Assistant;
  let triage: Triage;
  let digibankId: string;
  beforeAll(async () => {
    [db, triage] = await Promise.all([createTestDatabase(kind), (trained ??= Triage.load())]);
    assistant = createAssistant(db, { maxMessageLength: 4000, triage, handoffClaimTimeoutMinutes: 1 });
    // Every day, all day: someone is on duty whatever the clock says.
    ({ digibankId } = await createDigibank(db.prisma, [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opensAt: '00:00', closesAt: '23:59' }))));
  }, 180_000); // the triage trains first: slow on a busy machine
  afterAll(async () => {
    assistant.handoffs.stop();
    await assistant.runner.stop();
    await db.drop();
  });

  async function send(user: string, text: string): Promise<string> {
    const { conversationId } = await assistant.runner.receive({ channel: 'sms', channelConversationId: user, channelUserId: user, activity: { type: 'message', text } });
    await assistant.runner.idle();
    return conversationId;
  }
  const outbound = async (conversationId: string) =>
    (await db.prisma.message.findMany({ where: { conversationId, direction: 'out' }, orderBy: { seq: 'asc' } })).map((row) => row.text);

  test('waiting, with a volunteer (bot silent, messages kept), given back (bot answers)', async () => {
    const user = `+3247${kind === 'postgres' ? 1 : 2}000001`;
    await send(user, 'hallo');
    await send(user, 'Nederlands');
    const conversationId = await send(user, 'mag ik iemand spreken');
    expect((await outbound(conversationId)).at(-1)).toBe(translator.t('nl', 'handoff.waiting', { position: 1, minutes: 5 }));
    const volunteer = await createActor(db.prisma, 'An Peeters', digibankId);
    const before = (await outbound(conversationId)).length;
    expect((await assistant.handoffs.claim(conversationId, volunteer)).ok).toBe(true);
    await send(user, 'mijn itsme werkt niet');
    await send(user, 'laat maar');
    expect(await outbound(conversationId)).toHaveLength(before + 1); // only "An is now with you"
    const inbound = await db.prisma.message.findMany({ where: { conversationId, direction: 'in' }, orderBy: { seq: 'asc' } });
    expect(inbound.slice(-2).map((row) => [row.text, row.status])).toEqual([
      ['mijn itsme werkt niet', 'processed'],
      ['laat maar', 'processed'],
    ]);
    await assistant.handoffs.sendMessage(conversationId, volunteer, 'Dag, ik bel je zo.');
    await assistant.handoffs.release(conversationId, volunteer);
    await send(user, 'bedankt');
    const texts = await outbound(conversationId);
    expect(texts.slice(before)).toEqual([
      translator.t('nl', 'handoff.notify.claimed', { name: 'An' }),
      'Dag, ik bel je zo.',
      translator.t('nl', 'handoff.notify.released'),
      ...texts.slice(before + 3),
    ]);
    expect(texts.length).toBeGreaterThan(before + 3); // the bot answered "bedankt"
    expect((await assistant.handoffs.get(conversationId))?.status).toBe('returned');
  });

  test('the scheduler offers a slot or a call-back once to whoever waited past the timeout', async () => {
    const user = `+3247${kind === 'postgres' ? 1 : 2}000002`;
    await send(user, 'hallo');
    await send(user, 'Nederlands');
    const conversationId = await send(user, 'mag ik iemand spreken');
    await db.prisma.handoff.updateMany({ where: { conversationId }, data: { requestedAt: new Date(Date.now() - 2 * 60_000) } });
    const scheduler = new HandoffScheduler(assistant.handoffs, 20);
    scheduler.start();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await scheduler.stop();
    const offers = (await outbound(conversationId)).filter((text) => text === translator.t('nl', 'handoff.timeout'));
    expect(offers).toHaveLength(1);
  });
});
