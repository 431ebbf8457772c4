import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { PrismaClient } from '../generated/prisma/client';
import { toJson } from './outboxRow';

/**
 * Queues an outbound message outside a turn (an adapter's own answer: opt-out confirmation,
 * help, a throttling notice). The outbox sender delivers it after the conversation's earlier rows.
 */
export async function enqueueOutbound(
  prisma: PrismaClient,
  conversationId: string,
  channel: string,
  activity: Partial<Activity>,
): Promise<string> {
  const id = randomUUID();
  await prisma.message.create({
    data: {
      id,
      conversationId,
      channel,
      direction: 'out',
      text: activity.text ?? null,
      activity: toJson({ type: 'message', ...activity, id }),
      status: 'queued',
    },
  });
  return id;
}
