import { Prisma, type PrismaClient } from '../generated/prisma/client';
import { logger } from '../kernel/logger';
import { ATTEMPT, PART_IDS, PENDING } from './outboxRow';
import type { SentPart } from './sender';

/**
 * Provider delivery statuses in the order they happen; a status never moves back. A row still being
 * sent (parts recorded, not all accepted) takes no status: the sender owns it until it is `sent`.
 */
const STATUS_RANK: Record<string, number> = { sent: 1, delivered: 2, read: 3, failed: 4 };

/**
 * Applies a provider status (sent, delivered, read, failed) to the outbound row with that provider
 * id — the id of its last part, or of any part of a message sent in several — out-of-order safe: a
 * row never goes back (read stays read when a late "delivered" arrives). Returns false when no row
 * matched or the status was older.
 */
export async function applyDeliveryStatus(
  prisma: PrismaClient,
  channel: string,
  providerMessageId: string,
  status: 'sent' | 'delivered' | 'read' | 'failed',
  errorCode?: string,
): Promise<boolean> {
  const lower = Object.entries(STATUS_RANK).filter(([, rank]) => rank < STATUS_RANK[status]).map(([name]) => name);
  if (lower.length === 0) return false; // "sent": the sender recorded it already
  const data = { status, statusAt: new Date(), ...(status === 'failed' ? { errorCode: errorCode ?? 'unknown', error: 'ProviderFailed' } : {}) };
  const updated = await prisma.message.updateMany({ where: { channel, providerMessageId, direction: 'out', status: { in: lower } }, data });
  if (updated.count > 0) return true;
  if ((await prisma.message.count({ where: { channel, providerMessageId } })) > 0) return false;
  // An earlier part of a message sent in several: its id is in the row's activity (recent rows only).
  const [row] = await prisma.$queryRaw<{ id: string }[]>`
    SELECT id FROM message
    WHERE channel = ${channel} AND direction = 'out' AND status IN (${Prisma.join(lower)})
      AND "sentAt" > now() - interval '30 days'
      AND activity -> ${PART_IDS} @> jsonb_build_array(${providerMessageId}::text)
    LIMIT 1`;
  if (!row) return false;
  return (await prisma.message.updateMany({ where: { id: row.id, status: { in: lower } }, data })).count > 0;
}

/**
 * Records a part as accepted by the provider on a status callback that names it (a {@link SentPart}
 * the sender gave the provider), when the row has not recorded it yet: its sender died (or timed
 * out) between the provider's acceptance and the record. The row is then not sent again; the
 * outbox sender continues after the part (or marks the row sent when it was the last). A late or
 * repeated callback, or one about a part already recorded, changes nothing. Returns true when the
 * part was recorded now.
 */
export async function recordAcceptedPart(prisma: PrismaClient, channel: string, sent: SentPart, providerMessageId: string): Promise<boolean> {
  const severalParts = Prisma.sql`(${sent.part} > 0 OR COALESCE((activity -> ${ATTEMPT} ->> 'of')::int, 1) > 1)`;
  const recorded = await prisma.$executeRaw`
    UPDATE message SET
      "partsSent" = ${sent.part + 1},
      "providerMessageId" = ${providerMessageId},
      "nextAttemptAt" = NULL,
      activity = CASE WHEN ${severalParts}
        THEN jsonb_set(activity, ${`{${PART_IDS}}`}::text[], COALESCE(activity -> ${PART_IDS}, '[]'::jsonb) || jsonb_build_array(${providerMessageId}::text))
        ELSE activity END
    WHERE id = ${sent.messageId} AND channel = ${channel} AND direction = 'out' AND "partsSent" = ${sent.part}
      AND status IN (${Prisma.join(PENDING)})`;
  if (recorded > 0) logger.info({ messageId: sent.messageId, channel, part: sent.part }, 'outbound part recorded from a provider status');
  return recorded > 0;
}
