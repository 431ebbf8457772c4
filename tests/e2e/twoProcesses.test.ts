import { translator } from '../../i18n/translator';
import { USER_PROFILE_PROPERTY } from '../../dialogs/userProfile';
import { multilingual } from '../../dialogs/prompts';
import { DirectLineConversation, fromBot, WireActivity } from '../../scripts/bench/lib/directLineClient';
import { createTestDatabase, TestDatabase } from '../support/database';
import { ServerProcess, startServerProcess } from './support/serverProcess';

/** Every wait is bounded by this (ms); no timing is asserted. */
const WAIT_MS = 30_000;

const describeWithPostgres = process.env.TEST_DATABASE_URL ? describe : describe.skip;

/** Polls (on `base`) until `count` bot messages have arrived in total; returns all bot messages. */
async function botMessages(conversation: DirectLineConversation, base: string, count: number, seen: WireActivity[]): Promise<WireActivity[]> {
  const deadline = Date.now() + WAIT_MS;
  while (seen.filter(fromBot).length < count) {
    if (Date.now() > deadline) throw new Error(`expected ${count} bot messages, got: ${JSON.stringify(seen.filter(fromBot).map((a) => a.text))}`);
    seen.push(...(await conversation.poll(base)));
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return seen.filter(fromBot);
}

describeWithPostgres('two server processes on one PostgreSQL database', () => {
  let db: TestDatabase;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    const url = (db.target as { url: string }).url;
    const env = { DATABASE_URL: url, SEED_DEMO_DATA: 'false', LOG_LEVEL: 'warn' };
    // Both start at once: migrations (advisory lock) and the shared signing key must cope.
    const started = await Promise.allSettled([startServerProcess(env), startServerProcess(env)]);
    for (const result of started) if (result.status === 'fulfilled') servers.push(result.value);
    const failed = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await db?.drop();
  }, 30_000);

  test('five messages sent alternately to A and B within a moment all take effect, in order', async () => {
    const [a, b] = servers.map((server) => server.url);
    // Warm both processes up (first turn compiles the dialogs), so that the five POSTs below
    // are not slowed by a cold turn running on the same event loop.
    await Promise.all([a, b].map(async (base) => {
      const warmUp = await DirectLineConversation.generate(base);
      await warmUp.start(base);
      await warmUp.send(base, 'English');
      await botMessages(warmUp, base, 4, []);
    }));

    const conversation = await DirectLineConversation.generate(a);
    await conversation.start(a);
    const seen: WireActivity[] = [];
    const greeting = await botMessages(conversation, b, 2, seen);
    expect(greeting.map((m) => m.text)).toEqual([multilingual(translator, 'common.welcome'), multilingual(translator, 'language.prompt')]);

    // Each POST is awaited (the message is stored) before the next; the turns run later.
    const texts = ['Français', 'taal', 'English', 'taal', 'Nederlands'];
    const ids: string[] = [];
    for (const [i, text] of texts.entries()) ids.push(await conversation.send(i % 2 === 0 ? a : b, text));

    // Once a language is chosen, the language question is asked in that language.
    const expected = [
      [translator.t('fr', 'language.confirmed'), translator.t('fr', 'menu.prompt')],
      [translator.t('fr', 'language.prompt')],
      [translator.t('en', 'language.confirmed'), translator.t('en', 'menu.prompt')],
      [translator.t('en', 'language.prompt')],
      [translator.t('nl', 'language.confirmed'), translator.t('nl', 'menu.prompt')],
    ];
    const total = 2 + expected.flat().length;
    const replies = (await botMessages(conversation, b, total, seen)).slice(2);
    expect(replies.map((m) => m.text)).toEqual(expected.flat());
    // Each reply answers its own message: the replies of message i come after those of message i-1.
    expect(replies.map((m) => m.replyToId)).toEqual(expected.flatMap((group, i) => group.map(() => ids[i])));
    // The menu buttons of the last reply are Dutch (web chat labels are numbered; `text` is the title).
    expect(replies[replies.length - 1].suggestedActions?.actions.map((action) => (action as { text?: string }).text)).toEqual(
      ['question', 'appointment', 'loan', 'person', 'language'].map((id) => translator.t('nl', `menu.choices.${id}`)),
    );

    // The whole stream reads the same from the other process.
    conversation.watermark = '';
    const all = await conversation.poll(a);
    expect(all.filter(fromBot).map((m) => m.text)).toEqual(seen.filter(fromBot).map((m) => m.text));

    // Stored state: the language is nl; every inbound message was processed exactly once.
    const person = await db.prisma.conversation.findFirstOrThrow({ where: { channelConversationId: conversation.conversationId }, include: { person: true } });
    const profile = await db.prisma.botStateItem.findUniqueOrThrow({ where: { key: `webchat/users/${person.person?.channelUserId}/` } });
    expect((profile.data as Record<string, { language?: string }>)[USER_PROFILE_PROPERTY]?.language).toBe('nl');
    const inbound = await db.prisma.message.findMany({ where: { conversationId: person.id, direction: 'in' }, orderBy: { seq: 'asc' } });
    expect(inbound.map((m) => m.status)).toEqual(inbound.map(() => 'processed'));
    expect(inbound.filter((m) => m.text !== null).map((m) => m.text)).toEqual(texts);
  }, 90_000);
});
