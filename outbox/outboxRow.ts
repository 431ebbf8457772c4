import { Prisma } from '../generated/prisma/client';

/*
 * What an outbound row carries for its delivery besides its columns: the parts already accepted
 * (their provider ids) and the part in flight, kept in the row's activity JSON.
 */

/** Statuses of rows that still wait to be sent: a later row of the conversation waits behind them. */
export const PENDING = ['queued', 'sending', 'awaiting_window'];
/** {@link PENDING} as SQL literals: the planner matches them to the pending index's predicate, which parameters would hide. */
export const PENDING_SQL = Prisma.raw(PENDING.map((status) => `'${status}'`).join(', '));

/** Key in a row's activity JSON that holds the provider ids of all its parts (a message of several parts). */
export const PART_IDS = 'providerPartIds';

/**
 * Key in a row's activity JSON: the part being sent (`part`) of how many (`of`), written before the
 * provider call. A row whose lease expired with `part` not yet recorded is in doubt.
 */
export const ATTEMPT = 'outboxAttempt';

export interface Attempt {
  part: number;
  of: number;
}

export function attemptOf(activity: Prisma.JsonValue): Attempt | undefined {
  const attempt = (activity as Record<string, unknown> | null)?.[ATTEMPT] as Partial<Attempt> | undefined;
  return typeof attempt?.part === 'number' && typeof attempt.of === 'number' ? { part: attempt.part, of: attempt.of } : undefined;
}

/** The provider ids of the parts of a row already accepted (several-part messages). */
export function partIdsOf(activity: Prisma.JsonValue): string[] {
  const ids = (activity as Record<string, unknown> | null)?.[PART_IDS];
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

/** A row's activity without the in-flight marker (with the part ids accepted since it was read). */
export function withoutAttempt(activity: Prisma.JsonValue, ids?: string[]): Prisma.InputJsonValue {
  const rest: Record<string, unknown> = { ...(activity as Record<string, unknown>) };
  delete rest[ATTEMPT];
  if (ids && (ids.length > 1 || PART_IDS in rest)) rest[PART_IDS] = ids;
  return toJson(rest);
}

export function toJson(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}
