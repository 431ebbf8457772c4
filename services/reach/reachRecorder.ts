import type { Prisma, PrismaClient } from '../../generated/prisma/client';
import { BrusselsTime, LocalDate } from '../../i18n/brusselsTime';
import { describeError, logger } from '../../kernel/logger';
import { ReachKeys } from './reachKeys';

/** What a reach fact counts (services/reach/reachReport.ts reads them by kind). */
export type ReachKind =
  | 'appointment_made'
  | 'appointment_kept'
  | 'appointment_no_show'
  | 'appointment_cancelled'
  | 'home_visit'
  | 'workshop_registered'
  | 'workshop_cancelled'
  | 'workshop_attended'
  | 'repair_requested'
  | 'loan_requested'
  | 'loan_started'
  | 'loan_returned'
  | 'donation'
  | 'handoff'
  | 'handoff_claimed'
  | 'handoff_unanswered'
  | 'callback_requested'
  | 'callback_done'
  | 'topic'
  | 'location_chosen'
  | 'sms_sent'
  | 'whatsapp_template';

/** One fact as a service tells it. */
export interface ReachFact {
  kind: ReachKind;
  at: Date;
  /** The Brussels day it counts on (default: the day of `at`). */
  day?: LocalDate;
  /** The person (their row is read for the key), or the key itself. */
  personId?: string | null;
  personKey?: string | null;
  /** The digibank the fact links the person to in its period. */
  digibankId?: string | null;
  /** Makes the fact count once per kind (a booking, loan, handoff or message id). */
  ref?: string | null;
  /** Seconds waited (handoff_claimed), segments (sms_sent). */
  value?: number | null;
  /** A topic label (topic), a due date (loan_started). */
  detail?: string | null;
}

/** The Prisma client, or a transaction of it: a fact is recorded in the transaction of what it counts. */
export type ReachDb = Pick<PrismaClient, 'person' | 'reachEvent' | 'reachAlias'> | Prisma.TransactionClient;

/**
 * Writes reach facts (`reach_event`, `reach_alias`) at the moment they happen. The rows keep a keyed
 * hash of the person, never their number, and no foreign key to their rows: erasing the person or
 * purging old messages leaves the counts of past periods as they were.
 */
export class ReachRecorder {
  constructor(private readonly prisma: ReachDb, readonly keys: ReachKeys) {}

  /** Records facts (a fact already recorded under its kind and ref is left as it is), in `db` when given. */
  async record(facts: ReachFact | ReachFact[], db: ReachDb = this.prisma): Promise<void> {
    const list = Array.isArray(facts) ? facts : [facts];
    if (!list.length) return;
    const data = await Promise.all(list.map(async (fact) => ({
      day: BrusselsTime.toDbDate(fact.day ?? BrusselsTime.localDate(fact.at)),
      at: fact.at,
      kind: fact.kind,
      personKey: fact.personKey ?? (fact.personId ? await this.personKey(db, fact.personId) : null),
      digibankId: fact.digibankId ?? null,
      ref: fact.ref ?? null,
      value: fact.value ?? null,
      detail: fact.detail ?? null,
    })));
    await db.reachEvent.createMany({ data, skipDuplicates: true });
  }

  /**
   * {@link record} outside a transaction, for a fact that must never undo what it counts: a failure
   * is logged (the figure is one short) and not thrown.
   */
  async recordLater(facts: ReachFact | ReachFact[]): Promise<void> {
    await this.record(facts).catch((error) => logger.warn({ err: describeError(error) }, 'a reach fact could not be recorded'));
  }

  /**
   * A web chat visitor (or any channel's user) identified as a person known by another key (their
   * booking code, their phone number): from now on, also for the days before, they count as that person.
   */
  async identify(channel: string, channelUserId: string, personKey: string, db: ReachDb = this.prisma): Promise<void> {
    const aliasKey = this.keys.person(channel, channelUserId);
    if (aliasKey === personKey) return;
    await db.reachAlias.upsert({ where: { aliasKey }, create: { aliasKey, personKey }, update: {} });
  }

  /** The key of a person row (null when it is gone). */
  async personKey(db: ReachDb, personId: string): Promise<string | null> {
    const person = await db.person.findUnique({ where: { id: personId }, select: { channel: true, channelUserId: true } });
    return person ? this.keys.person(person.channel, person.channelUserId) : null;
  }
}
