import { randomUUID } from 'node:crypto';
import type { Activity, Middleware, TurnContext } from 'botbuilder';
import { Prisma, type PrismaClient } from '../generated/prisma/client';

/**
 * Transcript middleware for turns that do not go through the {@link TurnRunner} (the Bot
 * Framework channel): stores the inbound activity (deduplicated on the channel's activity id —
 * a repeated delivery skips the turn) and every reply the turn sends.
 */
export class TranscriptRecorder implements Middleware {
  constructor(private readonly prisma: PrismaClient) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    const conversationId = await this.conversation(activity);
    const stored = await this.store(conversationId, activity, 'in', activity.id);
    if (!stored) return;
    context.onSendActivities(async (_ctx, activities, sendNext) => {
      const responses = await sendNext();
      for (const reply of activities) await this.store(conversationId, reply, 'out');
      return responses;
    });
    await next();
  }

  private async conversation(activity: Activity): Promise<string> {
    const channel = activity.channelId;
    const row = await this.prisma.conversation.upsert({
      where: { channel_channelConversationId: { channel, channelConversationId: activity.conversation.id } },
      create: { channel, channelConversationId: activity.conversation.id },
      update: {},
      select: { id: true },
    });
    return row.id;
  }

  private async store(conversationId: string, activity: Partial<Activity>, direction: 'in' | 'out', providerMessageId?: string): Promise<boolean> {
    const created = await this.prisma.message.createMany({
      data: [{
        id: randomUUID(),
        conversationId,
        channel: activity.channelId ?? 'unknown',
        direction,
        text: activity.text ?? null,
        activity: JSON.parse(JSON.stringify(activity)) as Prisma.InputJsonValue,
        providerMessageId: providerMessageId ?? null,
        status: direction === 'in' ? 'processed' : 'sent',
      }],
      skipDuplicates: true,
    });
    return created.count === 1;
  }
}
