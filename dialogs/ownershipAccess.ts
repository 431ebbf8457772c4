import type { BotState, TurnContext } from 'botbuilder';

/**
 * Channels where the sender id proves nothing about the person: anyone can open the web chat page
 * (`webchat`, and Direct Line clients of the Azure Bot Service: `directline`). There, appointments
 * and loan requests are shown only with their reference code and the postcode or phone number they
 * were made with ({@link OwnershipAccess}). On WhatsApp and SMS the phone number identifies the
 * person, as before.
 */
export const ANONYMOUS_CHANNELS: readonly string[] = ['webchat', 'directline'];

/** True when the turn's channel does not identify the person. */
export function isAnonymousChannel(context: TurnContext): boolean {
  return ANONYMOUS_CHANNELS.includes(context.activity.channelId);
}

/** Where the bot puts its conversation state in the turn state, for {@link OwnershipAccess}. */
export const CONVERSATION_STATE_KEY = Symbol.for('digibank.conversationState');

/** Wrong reference code + postcode/phone answers in a row before a person is offered. */
export const WRONG_IN_A_ROW = 3;
/** Wrong answers in one conversation after which no code is checked any more in it (guessing). */
export const WRONG_PER_CONVERSATION = 6;

/** What one conversation may see on an anonymous channel (conversation state, JSON). */
interface AccessRecord {
  /** Bookings made or proved in this conversation. */
  bookings?: string[];
  /** Loan requests made or proved in this conversation. */
  loans?: string[];
  /** Workshop registrations made in this conversation. */
  workshops?: string[];
  /** Repair requests made in this conversation. */
  repairs?: string[];
  /** Wrong answers since the last right one. */
  inARow?: number;
  /** Wrong answers in this conversation, ever. */
  wrong?: number;
}

/** What a proof is about. */
export type OwnedKind = 'bookings' | 'loans' | 'workshops' | 'repairs';

const PROPERTY = 'OwnershipAccess';
/** Used when the bot did not register its conversation state (a dialog run on its own): this turn only. */
const TURN_ONLY = Symbol('digibank.ownershipAccess.turnOnly');

/**
 * Which appointments and loan requests this web chat conversation may show: those the person made
 * in it (they just did: no need to ask again), and those they proved with the reference code and
 * the postcode or phone number. Kept in the conversation's state, so a new page (a new
 * conversation) starts with nothing; the visitor cookie never unlocks anything. Also counts wrong
 * answers: {@link WRONG_IN_A_ROW} in a row bring the offer of a person, {@link WRONG_PER_CONVERSATION}
 * end the checking in this conversation.
 */
export class OwnershipAccess {
  /** The ids of `kind` this conversation may show. */
  static async granted(context: TurnContext, kind: OwnedKind): Promise<string[]> {
    return [...((await OwnershipAccess.read(context))[kind] ?? [])];
  }

  /** True when the turn may show it: on WhatsApp and SMS always (it is the person's), on web chat when granted. */
  static async mayShow(context: TurnContext, kind: OwnedKind, id: string): Promise<boolean> {
    return !isAnonymousChannel(context) || (await OwnershipAccess.granted(context, kind)).includes(id);
  }

  /** The person made or proved it: this conversation may show it; the wrong answers in a row start again. */
  static async grant(context: TurnContext, kind: OwnedKind, id: string): Promise<void> {
    const record = await OwnershipAccess.read(context);
    record[kind] = [...new Set([...(record[kind] ?? []), id])].slice(-20);
    record.inARow = 0;
    await OwnershipAccess.write(context, record);
  }

  /** Counts a wrong answer; returns the wrong answers in a row and in the conversation. */
  static async wrongAnswer(context: TurnContext): Promise<{ inARow: number; total: number }> {
    const record = await OwnershipAccess.read(context);
    record.inARow = (record.inARow ?? 0) + 1;
    record.wrong = (record.wrong ?? 0) + 1;
    await OwnershipAccess.write(context, record);
    return { inARow: record.inARow, total: record.wrong };
  }

  /** The wrong answers in a row start again (after the offer of a person). */
  static async resetInARow(context: TurnContext): Promise<void> {
    const record = await OwnershipAccess.read(context);
    record.inARow = 0;
    await OwnershipAccess.write(context, record);
  }

  /** True when this conversation has used up its wrong answers: no more codes are checked in it. */
  static async exhausted(context: TurnContext): Promise<boolean> {
    return ((await OwnershipAccess.read(context)).wrong ?? 0) >= WRONG_PER_CONVERSATION;
  }

  private static async read(context: TurnContext): Promise<AccessRecord> {
    const state = context.turnState.get(CONVERSATION_STATE_KEY) as BotState | undefined;
    if (!state) return { ...((context.turnState.get(TURN_ONLY) as AccessRecord | undefined) ?? {}) };
    return { ...((await state.createProperty<AccessRecord>(PROPERTY).get(context)) ?? {}) };
  }

  private static async write(context: TurnContext, record: AccessRecord): Promise<void> {
    const state = context.turnState.get(CONVERSATION_STATE_KEY) as BotState | undefined;
    if (!state) context.turnState.set(TURN_ONLY, record);
    else await state.createProperty<AccessRecord>(PROPERTY).set(context, record);
  }
}
