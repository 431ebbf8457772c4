import { Activity, ActivityTypes, CardAction, ConversationState, MemoryStorage, TestAdapter, UserState } from 'botbuilder';
import { createTranslator, Language, Translator } from '../../i18n/translator';
import { DigibankBot } from '../../dialogs/digibankBot';
import { CONFIDENCE_THRESHOLD, Triage } from '../../triage/triage';
import { UserProfile, UserProfileAccessor, USER_PROFILE_PROPERTY } from '../../dialogs/userProfile';
import { HandoffPort, MessageTriage, PrivacyNotice } from '../../dialogs/dialogServices';
import { MainDialog } from '../../dialogs/mainDialog';
import type { PrismaClient } from '../../generated/prisma/client';
import { createTestDatabase, TestDatabase } from './database';
import { testDialogServices } from './testDialogServices';

/** A strict translator: a missing key throws, so the turn (and the test) fails. */
export const strictI18n: Translator = createTranslator({ strict: true });

let trained: Promise<MessageTriage> | undefined;
let loadedTriage: MessageTriage | undefined;

/**
 * The real triage, trained once per test file (about 3 s): call `beforeAll(loadTriage, 60_000)`
 * before {@link createConversation}.
 */
export function loadTriage(): Promise<MessageTriage> {
  trained ??= Triage.load().then((triage) => {
    loadedTriage = { confidenceThreshold: CONFIDENCE_THRESHOLD, classify: (text, options) => triage.classify(text, options) };
    return loadedTriage;
  });
  return trained;
}

/** The triage loaded by {@link loadTriage}. */
export function testTriage(): MessageTriage {
  if (!loadedTriage) throw new Error('call beforeAll(loadTriage) first');
  return loadedTriage;
}

let database: TestDatabase | undefined;

/**
 * Registers what {@link createConversation} needs in a test file: the real triage and an empty
 * embedded test database (of this file's own) for the dialogs' ports, made in `beforeAll`.
 */
export function useConversations(): void {
  beforeAll(async () => {
    [database] = await Promise.all([createTestDatabase('embedded'), loadTriage()]);
  }, 120_000);
  afterAll(() => database?.drop());
}

/** The database of {@link useConversations}. */
export function conversationDatabase(): PrismaClient {
  if (!database) throw new Error('call useConversations() in the test file first');
  return database.prisma;
}

/** The bot on botbuilder's TestAdapter and MemoryStorage; `say` returns what the bot sent back. */
export interface TestConversation {
  readonly adapter: TestAdapter;
  readonly storage: MemoryStorage;
  readonly i18n: Translator;
  /** The stored profile of the person (after the last turn). */
  profile(): Promise<UserProfile>;
  /** Sends a message (or any activity) and returns the replies of that turn. */
  say(text: string | Partial<Activity>): Promise<Partial<Activity>[]>;
  /** A conversationUpdate adding the user. */
  join(): Promise<Partial<Activity>[]>;
}

/** Options of {@link createConversation}. */
export interface ConversationOptions {
  /** Channel locale of the user's activities (TestAdapter default: `en-us`). */
  locale?: string;
  maxMessageLength?: number;
  storage?: MemoryStorage;
  /** Another conversation of the same person (same user id). */
  conversationId?: string;
  /** Default: the real triage ({@link loadTriage}). */
  triage?: MessageTriage;
  /** The database of the dialogs' ports; default the one of {@link useConversations}. */
  prisma?: PrismaClient;
  /** Handing the conversation to a person; default the real port on the database. */
  handoffs?: HandoffPort;
  /** The dialogs' clock; default the system clock. */
  clock?: () => Date;
  /** What the privacy notice says (RETENTION_DAYS, PRIVACY_CONTACT); default the dialog's own default. */
  privacyNotice?: PrivacyNotice;
}

/** Builds bot, dialogs and adapter as the composition root will. */
export function createConversation(options: ConversationOptions = {}): TestConversation {
  const storage = options.storage ?? new MemoryStorage();
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const profiles = new UserProfileAccessor(userState);
  const triage = options.triage ?? testTriage();
  const services = testDialogServices(options.prisma ?? conversationDatabase(), {
    i18n: strictI18n,
    languages: profiles,
    privacy: { optOut: (context) => profiles.optOut(context), requestErasure: (context) => profiles.requestErasure(context), notice: options.privacyNotice },
    triage,
    maxMessageLength: options.maxMessageLength ?? 4000,
    ...(options.handoffs ? { handoffs: options.handoffs } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const bot = new DigibankBot(conversationState, userState, new MainDialog(services), triage, services.handoffs);
  const adapter = new TestAdapter((context) => bot.run(context));
  adapter.locale = options.locale ?? 'en-us';
  if (options.conversationId) adapter.conversation.conversation = { ...adapter.conversation.conversation, id: options.conversationId, name: options.conversationId };
  const run = async (activity: Partial<Activity>): Promise<Partial<Activity>[]> => {
    await adapter.processActivity(activity);
    return adapter.activeQueue.splice(0);
  };
  return {
    adapter,
    storage,
    i18n: strictI18n,
    profile: async () => {
      const channelId = adapter.conversation.channelId;
      const userId = adapter.conversation.user?.id ?? '';
      const key = `${channelId}/users/${userId}/`;
      const items = await storage.read([key]);
      return ((items[key] as Record<string, unknown> | undefined)?.[USER_PROFILE_PROPERTY] ?? {}) as UserProfile;
    },
    say: (text) => run(typeof text === 'string' ? adapter.makeActivity(text) : { ...adapter.makeActivity(), ...text }),
    join: () =>
      run({
        ...adapter.makeActivity(),
        type: ActivityTypes.ConversationUpdate,
        text: undefined,
        membersAdded: adapter.conversation.user ? [adapter.conversation.user] : [],
      }),
  };
}

/** The texts of the replies. */
export function texts(replies: Partial<Activity>[]): string[] {
  return replies.map((reply) => reply.text ?? '');
}

/** The suggested actions of the last reply that has them. */
export function actionsOf(replies: Partial<Activity>[]): CardAction[] {
  const withActions = replies.filter((reply) => reply.suggestedActions?.actions?.length);
  return withActions.at(-1)?.suggestedActions?.actions ?? [];
}

/** The menu titles of a language, in order. */
export function menuTitles(i18n: Translator, language: Language): string[] {
  return ['question', 'appointment', 'loan', 'person', 'language'].map((id) => i18n.t(language, `menu.choices.${id}`));
}

/**
 * The first answer to a request for a person: the place in the line, with or without an estimate
 * (whether someone is on duty depends on the clock and the digibanks of the test's database).
 */
export function inLine(i18n: Translator, language: Language): RegExp {
  const pattern = (key: string) =>
    i18n
      .t(language, key, { position: 9999, minutes: 8888 })
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace('9999', '\\d+')
      .replace('8888', '\\d+');
  return new RegExp(`^(?:${pattern('handoff.waiting')}|${pattern('handoff.nobodyOnDuty')})$`);
}

/** Starts a conversation where the person already chose a language (the menu was shown). */
export async function conversationIn(language: Language, options: ConversationOptions = {}): Promise<TestConversation> {
  const conversation = createConversation(options);
  await conversation.say('👋');
  const title = conversation.i18n.t(language, 'language.choices.name');
  await conversation.say(title);
  return conversation;
}
