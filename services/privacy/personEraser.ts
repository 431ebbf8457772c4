import type { Prisma, PrismaClient } from '../../generated/prisma/client';

/** Who asked for an erasure: the person in the chat, a coordinator in the console, or the retention job. */
export type ErasureSource = 'citizen' | 'console' | 'retention';

/** What one erasure removed or anonymised (counts, for the caller's answer and the tests). */
export interface ErasureResult {
  personId: string;
  conversations: number;
  messages: number;
  stateItems: number;
  bookings: number;
  loans: number;
}

/** The prefix of an erased person's `channelUserId`: the row stays (bookings and loans point at it), anonymous. */
export const ERASED_PREFIX = 'erased:';

type Tx = Prisma.TransactionClient;

/**
 * Erases everything that identifies one person, in one transaction:
 *
 * - their conversations (matched by person and by the channel id, which on WhatsApp and SMS is the
 *   phone number) with every message of the inbox and outbox (texts, channel data, provider ids),
 *   their handoffs with the volunteers' notes and events, and the turn leases;
 * - botbuilder's state items of the person and of those conversations (`<channel>/users/<id>/`,
 *   `<channel>/conversations/<id>/`);
 * - the free text of their bookings (home-visit address notes, postcode) and loan requests (answers,
 *   reasons, return condition) and of the loan events; the rows stay, anonymous, so that slot
 *   capacity, waiting lists and counts stay right;
 * - their donation offers' descriptions (the offer is unlinked);
 * - the person row keeps its id and language but loses its channel id (`erased:<id>`) and opt-out;
 * - the same phone number on the other messaging channel (WhatsApp and SMS) is the same person,
 *   erased with them.
 *
 * Tables named `reach…` (anonymous reach counts) are never touched: past reports do not change.
 */
export class PersonEraser {
  constructor(private readonly prisma: PrismaClient) {}

  /** Erases the person now (null when unknown or already erased); `requests` of the person are marked done. */
  erase(personId: string, at: Date): Promise<ErasureResult | null> {
    return this.prisma.$transaction((tx) => PersonEraser.eraseIn(tx, personId, at));
  }

  /**
   * {@link erase} inside the caller's transaction. The same phone number on the other messaging
   * channel (WhatsApp `32470…`, SMS `+32470…`) is the same person: erased with them.
   */
  static async eraseIn(tx: Tx, personId: string, at: Date): Promise<ErasureResult | null> {
    const erased = await eraseOne(tx, personId, at);
    if (!erased) return null;
    for (const other of erased.samePhone) await eraseOne(tx, other, at);
    return erased.result;
  }
}

/** The WhatsApp and SMS forms of a phone number (Meta's wa_id has no `+`, Twilio's E.164 has). */
const PHONE_FORMS: Record<string, (digits: string) => string> = { whatsapp: (digits) => digits, sms: (digits) => `+${digits}` };

/** Erases one person row and names the other rows of the same phone number. */
async function eraseOne(tx: Tx, personId: string, at: Date): Promise<{ result: ErasureResult; samePhone: string[] } | null> {
  const [person] = await tx.$queryRaw<{ id: string; channel: string; channelUserId: string; erasedAt: Date | null }[]>`
    SELECT id, channel, "channelUserId", "erasedAt" FROM person WHERE id = ${personId} FOR UPDATE`;
  if (!person) return null;
  if (person.erasedAt) {
    await markDone(tx, personId, at);
    return null;
  }
  const conversations = await tx.$queryRaw<{ id: string; channel: string; channelConversationId: string }[]>`
    SELECT id, channel, "channelConversationId" FROM conversation
     WHERE "personId" = ${personId} OR (channel = ${person.channel} AND "channelConversationId" = ${person.channelUserId})
     FOR UPDATE`;
  const conversationIds = conversations.map((c) => c.id);
  const stateKeys = [`${person.channel}/users/${person.channelUserId}/`, ...conversations.map((c) => `${c.channel}/conversations/${c.channelConversationId}/`)];
  const stateItems = await tx.$executeRaw`DELETE FROM bot_state WHERE key = ANY (${stateKeys}::text[])`;
  await tx.$executeRaw`DELETE FROM turn_lock WHERE "conversationId" = ANY (${conversationIds}::text[])`;
  const messages = await tx.$executeRaw`DELETE FROM message WHERE "conversationId" = ANY (${conversationIds}::text[])`;
  // Handoffs, their events and notes go with the conversation (ON DELETE CASCADE); loans are unlinked.
  await tx.$executeRaw`DELETE FROM conversation WHERE id = ANY (${conversationIds}::text[])`;
  await anonymiseRecords(tx, personId);
  await tx.$executeRaw`
    UPDATE person SET "channelUserId" = ${ERASED_PREFIX} || id, "optedOutAt" = NULL, "erasedAt" = ${at} WHERE id = ${personId}`;
  await markDone(tx, personId, at);
  const [bookings, loans] = await Promise.all([tx.booking.count({ where: { personId } }), tx.loanRequest.count({ where: { personId } })]);
  return { result: { personId, conversations: conversationIds.length, messages, stateItems, bookings, loans }, samePhone: await samePhone(tx, person) };
}

/** The other not yet erased person rows of the same phone number on WhatsApp or SMS. */
async function samePhone(tx: Tx, person: { id: string; channel: string; channelUserId: string }): Promise<string[]> {
  if (!PHONE_FORMS[person.channel] || !/^\+?\d{6,15}$/.test(person.channelUserId)) return [];
  const digits = person.channelUserId.replace(/^\+/, '');
  const forms = Object.entries(PHONE_FORMS).map(([channel, form]) => ({ channel, channelUserId: form(digits) }));
  const others = await tx.person.findMany({ where: { OR: forms, erasedAt: null, id: { not: person.id } }, select: { id: true } });
  return others.map((other) => other.id);
}

/** The personal free text of the rows that stay: bookings, loans and their events, repair notes, handoffs of other conversations, donations. */
async function anonymiseRecords(tx: Tx, personId: string): Promise<void> {
  await tx.$executeRaw`UPDATE booking SET notes = NULL, postcode = NULL WHERE "personId" = ${personId}`;
  await tx.$executeRaw`
    UPDATE loan_request SET answers = '{}'::jsonb, "statusReason" = NULL, "returnCondition" = NULL, "conversationId" = NULL
     WHERE "personId" = ${personId}`;
  await tx.$executeRaw`UPDATE loan_event SET reason = NULL WHERE "loanId" IN (SELECT id FROM loan_request WHERE "personId" = ${personId})`;
  await tx.$executeRaw`UPDATE repair_request SET note = NULL WHERE "personId" = ${personId}`;
  await tx.$executeRaw`UPDATE repair_event SET note = NULL WHERE "requestId" IN (SELECT id FROM repair_request WHERE "personId" = ${personId})`;
  await tx.$executeRaw`DELETE FROM handoff_note WHERE "handoffId" IN (SELECT id FROM handoff WHERE "personId" = ${personId})`;
  await tx.$executeRaw`UPDATE handoff_event SET reason = NULL WHERE "handoffId" IN (SELECT id FROM handoff WHERE "personId" = ${personId})`;
  await tx.$executeRaw`UPDATE handoff SET summary = NULL WHERE "personId" = ${personId}`;
  await tx.$executeRaw`UPDATE device_donation SET description = NULL, "personId" = NULL WHERE "personId" = ${personId}`;
}

async function markDone(tx: Tx, personId: string, at: Date): Promise<void> {
  await tx.$executeRaw`UPDATE erasure_request SET "erasedAt" = ${at} WHERE "personId" = ${personId} AND "erasedAt" IS NULL`;
}
