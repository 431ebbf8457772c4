import { Prisma } from '../../generated/prisma/client';
import type { QueueItem } from '../../services/handoff/handoffService';
import { maskPersonalData } from '../../services/privacy/masking';
import { maskedNumber } from './citizenLabel';
import type { ConsoleContext } from './consoleContext';

/** Longest preview of the citizen's last message on a queue row (one line). */
const PREVIEW_CHARS = 120;

/** A queue row as the console shows it: who (masked number) and the last thing the citizen wrote (masked, one line). */
export type QueueRow = QueueItem & { maskedNumber: string | null; preview: string | null };

/** Adds the masked number and a one-line masked preview of the citizen's last message to each queue item (two queries). */
export async function queueRows(ctx: ConsoleContext, items: QueueItem[]): Promise<QueueRow[]> {
  if (!items.length) return [];
  const ids = items.map((item) => item.conversationId);
  const [conversations, lastIn] = await Promise.all([
    ctx.prisma.conversation.findMany({ where: { id: { in: ids } }, select: { id: true, channel: true, channelConversationId: true, person: { select: { channelUserId: true } } } }),
    // One row per conversation in the database (Prisma's `distinct` would read every message and drop them in the process).
    ctx.prisma.$queryRaw<{ conversationId: string; text: string | null }[]>`
      SELECT DISTINCT ON ("conversationId") "conversationId", text FROM message
       WHERE "conversationId" IN (${Prisma.join(ids)}) AND direction = 'in'
       ORDER BY "conversationId", seq DESC`,
  ]);
  const numbers = new Map(conversations.map((c) => [c.id, maskedNumber(c.channel, c.person?.channelUserId ?? c.channelConversationId)]));
  const previews = new Map(lastIn.map((m) => [m.conversationId, oneLine(maskPersonalData(m.text))]));
  return items.map((item) => ({ ...item, maskedNumber: numbers.get(item.conversationId) ?? null, preview: previews.get(item.conversationId) ?? null }));
}

function oneLine(text: string | null): string | null {
  if (!text) return null;
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > PREVIEW_CHARS ? `${line.slice(0, PREVIEW_CHARS - 1)}…` : line;
}
