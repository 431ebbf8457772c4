import { Prisma, type PrismaClient } from '../generated/prisma/client';
import { PENDING_SQL } from './outboxRow';

/** What the claim query returns. */
export interface ClaimedRow {
  id: string;
  seq: bigint;
  conversationId: string;
  channel: string;
  activity: Prisma.JsonValue;
  text: string | null;
  attempts: number;
  partsSent: number;
  createdAt: Date;
}

/** What to claim: rows of these channels, at most `limit`, leased for `leaseMs`; only of one conversation when given. */
export interface ClaimRequest {
  channels: string[];
  limit: number;
  leaseMs: number;
  conversationId?: string;
}

/**
 * Claims due rows: the first pending row of each conversation, when it is due, not claimed by a
 * live lease, and of a channel with a sender. One statement, so that it is atomic on PGlite too.
 * A row whose lease expired during a send (in doubt) is due only after the doubt grace period
 * (`nextAttemptAt`, set before each provider call), unless a status callback proved the part.
 */
export async function claimDue(prisma: PrismaClient, { channels, limit, leaseMs, conversationId }: ClaimRequest): Promise<ClaimedRow[]> {
  if (limit <= 0) return [];
  if (channels.length === 0) return [];
  const now = Prisma.sql`(now() AT TIME ZONE 'UTC')`;
  const window = Prisma.sql`(now() AT TIME ZONE 'UTC') - interval '24 hours'`;
  const onlyConversation = conversationId ? Prisma.sql`AND m."conversationId" = ${conversationId}` : Prisma.empty;
  return prisma.$queryRaw<ClaimedRow[]>`
    UPDATE message SET status = 'sending', "leaseUntil" = ${now} + ${`${leaseMs} milliseconds`}::interval
    WHERE id IN (
      SELECT m.id FROM message m
      JOIN conversation c ON c.id = m."conversationId"
      -- The conversation's first reply still to send (replies go out in order, one at a time): a
      -- lookup per candidate in the small pending index, whatever the statistics say (migration
      -- …_outbox_pending_index); NOT EXISTS lets the planner compare every pending row with every other.
      CROSS JOIN LATERAL (
        SELECT p.seq FROM message p
         WHERE p."conversationId" = m."conversationId" AND p.direction = 'out' AND p.status IN (${PENDING_SQL})
         ORDER BY p.seq LIMIT 1
      ) head
      WHERE m.direction = 'out'
        AND m.channel IN (${Prisma.join(channels)})
        ${onlyConversation}
        AND m.status IN (${PENDING_SQL})
        AND head.seq = m.seq
        AND (
          (m.status = 'queued' AND (m."nextAttemptAt" IS NULL OR m."nextAttemptAt" <= ${now}))
          OR (m.status = 'sending' AND m."leaseUntil" < ${now} AND (m."nextAttemptAt" IS NULL OR m."nextAttemptAt" <= ${now}))
          OR (m.status = 'awaiting_window' AND c."lastInboundAt" > ${window})
        )
      ORDER BY m.seq
      LIMIT ${limit}
      FOR UPDATE OF m SKIP LOCKED
    )
    RETURNING id, seq, "conversationId", channel, activity, text, attempts, "partsSent", "createdAt"`;
}
