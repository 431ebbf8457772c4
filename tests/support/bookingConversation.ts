import { Activity, ConversationState, MemoryStorage, TestAdapter, UserState } from 'botbuilder';
import { Dialog, DialogSet, DialogState } from 'botbuilder-dialogs';
import { DigibankBot } from '../../dialogs/digibankBot';
import { Language } from '../../i18n/translator';
import { UserProfileAccessor } from '../../dialogs/userProfile';
import type { PrismaClient } from '../../generated/prisma/client';
import { BookingDialog } from '../../dialogs/booking/bookingDialog';
import { HomeVisitDialog } from '../../dialogs/booking/homeVisitDialog';
import { ManageBookingDialog } from '../../dialogs/booking/manageBookingDialog';
import { DialogServices, MessageTriage } from '../../dialogs/dialogServices';
import { acceptedPrivacy, fixedLanguage, silentTriage, testDialogServices } from './testDialogServices';
import { HandoffDialog } from '../../dialogs/handoffDialog';
import { OwnershipProofDialog } from '../../dialogs/ownershipProofDialog';
import { CONVERSATION_STATE_KEY } from '../../dialogs/ownershipAccess';
import { MainDialog } from '../../dialogs/mainDialog';
import { seedDigibanks } from '../../prisma/seed/digibanks';
import { loadTriage, strictI18n, testTriage } from './conversation';
import { createTestDatabase, TestDatabase } from './database';

/** Options of {@link createBookingConversation}. */
export interface BookingConversationOptions {
  prisma: PrismaClient;
  /** The fixed clock of the dialogs. */
  now: Date;
  language?: Language;
  /** `webchat` for the calendar file; default `test`. */
  channelId?: string;
  /** The sender (one person per id); default a fresh one. */
  userId?: string;
  /** The conversation (web chat: one per page); default one per sender. */
  conversationId?: string;
}

/** The booking dialogs alone on botbuilder's TestAdapter, with the real services on a database. */
export interface BookingConversation {
  readonly adapter: TestAdapter;
  readonly services: DialogServices;
  readonly userId: string;
  /** Starts a dialog (this turn's message is `text`) and returns the replies. */
  start(dialogId: string, options?: object, text?: string): Promise<Partial<Activity>[]>;
  /** Sends a message (or any activity) and returns the replies of that turn. */
  say(text: string | Partial<Activity>): Promise<Partial<Activity>[]>;
  /** The person row of this sender. */
  personId(): Promise<string>;
}

let users = 0;

/**
 * Drives the real booking dialogs (and the handoff dialog they may start) in a root dialog set,
 * as the main dialog hosts them, without the menu and the triage around them.
 */
export function createBookingConversation(options: BookingConversationOptions): BookingConversation {
  const language = options.language ?? 'nl';
  const services = testDialogServices(options.prisma, { i18n: strictI18n, languages: fixedLanguage(language), privacy: acceptedPrivacy, triage: silentTriage, clock: () => options.now });
  const conversationState = new ConversationState(new MemoryStorage());
  const accessor = conversationState.createProperty<DialogState>('DialogState');
  const dialogs = new DialogSet(accessor);
  const all: Dialog[] = [new BookingDialog(services), new HomeVisitDialog(services), new ManageBookingDialog(services), new HandoffDialog(services), new OwnershipProofDialog(services)];
  for (const dialog of all) dialogs.add(dialog);
  let starting: { id: string; options?: object } | undefined;
  const adapter = new TestAdapter(async (context) => {
    context.turnState.set(CONVERSATION_STATE_KEY, conversationState);
    const dc = await dialogs.createContext(context);
    if (starting) {
      const { id, options: dialogOptions } = starting;
      starting = undefined;
      await dc.cancelAllDialogs();
      await dc.beginDialog(id, dialogOptions);
    } else {
      await dc.continueDialog();
    }
    await conversationState.saveChanges(context, false);
  });
  const userId = options.userId ?? `booking-user-${process.pid}-${(users += 1)}`;
  adapter.conversation.channelId = options.channelId ?? 'test';
  adapter.conversation.user = { id: userId, name: 'person' };
  adapter.conversation.conversation = { ...adapter.conversation.conversation, id: options.conversationId ?? `conversation-${userId}`, name: userId, isGroup: false };
  const run = async (activity: Partial<Activity>): Promise<Partial<Activity>[]> => {
    await adapter.processActivity(activity);
    return adapter.activeQueue.splice(0);
  };
  const say = (text: string | Partial<Activity>) => run(typeof text === 'string' ? adapter.makeActivity(text) : { ...adapter.makeActivity(), ...text });
  return {
    adapter,
    services,
    userId,
    start: (id, dialogOptions, text = 'start') => {
      starting = { id, options: dialogOptions };
      return say(text);
    },
    say,
    personId: async () => {
      const person = await options.prisma.person.findUniqueOrThrow({ where: { channel_channelUserId: { channel: adapter.conversation.channelId, channelUserId: userId } } });
      return person.id;
    },
  };
}

/** The titles of the suggested actions of the last reply that has them. */
export function titlesOf(replies: Partial<Activity>[]): string[] {
  const withActions = replies.filter((reply) => reply.suggestedActions?.actions?.length);
  return (withActions.at(-1)?.suggestedActions?.actions ?? []).map((action) => String(action.title ?? action.value));
}

/**
 * The whole bot (main dialog, triage, menu) with the booking ports on a database: for the routes
 * into the booking dialogs. `say` returns the replies of a turn.
 */
export function createMainConversation(options: { prisma: PrismaClient; now: Date; triage: MessageTriage; userId?: string }): {
  adapter: TestAdapter;
  say(text: string): Promise<Partial<Activity>[]>;
  /** Taps a choice the bot offered (by index, or the last offer if `from` is omitted): its title as text, its value as the tap's value. */
  tap(index: number, from?: Partial<Activity>[]): Promise<Partial<Activity>[]>;
} {
  const storage = new MemoryStorage();
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const profiles = new UserProfileAccessor(userState);
  const services = testDialogServices(options.prisma, { i18n: strictI18n, languages: profiles, privacy: profiles, triage: options.triage, clock: () => options.now });
  const bot = new DigibankBot(conversationState, userState, new MainDialog(services), options.triage, services.handoffs);
  const adapter = new TestAdapter((context) => bot.run(context));
  const userId = options.userId ?? `main-user-${process.pid}-${(users += 1)}`;
  adapter.conversation.user = { id: userId, name: 'person' };
  adapter.conversation.conversation = { ...adapter.conversation.conversation, id: `conversation-${userId}`, name: userId, isGroup: false };
  let lastOffer: Partial<Activity>[] = [];
  const send = async (activity: Partial<Activity>) => {
    await adapter.processActivity(activity);
    const replies = adapter.activeQueue.splice(0);
    if (replies.some((reply) => reply.suggestedActions?.actions?.length)) lastOffer = replies;
    return replies;
  };
  return {
    adapter,
    say: (text) => send(adapter.makeActivity(text)),
    tap: (index, from = lastOffer) => {
      const action = [...from].reverse().find((reply) => reply.suggestedActions?.actions?.length)?.suggestedActions?.actions?.[index];
      if (!action) throw new Error(`no choice ${index} was offered`);
      return send({ ...adapter.makeActivity(String(action.title)), value: action.value });
    },
  };
}

/**
 * The demo digibanks (seeded at `now`) on an embedded database of the test file's own, with the
 * triage loaded: registers `beforeAll` / `afterAll` and gives the database once they ran.
 */
export function demoDigibanks(now: Date): () => TestDatabase {
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    await loadTriage();
    db = await createTestDatabase('embedded');
    await seedDigibanks(db.prisma, now);
  }, 60_000);
  afterAll(() => db?.drop());
  return () => {
    if (!db) throw new Error('the demo database is made in beforeAll');
    return db;
  };
}

/** The whole bot with the real triage and a person who chose `language` (the menu was shown). */
export async function mainConversationIn(prisma: PrismaClient, now: Date, language: Language): Promise<ReturnType<typeof createMainConversation>> {
  const chat = createMainConversation({ prisma, now, triage: testTriage() });
  await chat.say('👋');
  await chat.say(strictI18n.t(language, 'language.choices.name'));
  return chat;
}
