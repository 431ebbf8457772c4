import type { PrismaClient } from '../../db/database';

/**
 * Inserts an outbound row as a sender killed mid-send leaves it: part 0 of 1 in flight and not
 * recorded, lease expired, the doubt grace period still running (so it is not sent again yet).
 */
export function insertRowInDoubt(prisma: PrismaClient, conversationId: string, channel: string) {
  return prisma.message.create({
    data: {
      conversationId, channel, direction: 'out', text: 'in doubt', status: 'sending',
      activity: { type: 'message', text: 'in doubt', outboxAttempt: { part: 0, of: 1 } },
      leaseUntil: new Date(Date.now() - 1000), nextAttemptAt: new Date(Date.now() + 3600_000),
    },
  });
}
