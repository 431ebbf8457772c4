import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { PrismaClient } from '../generated/prisma/client';
import type { HandoffPort } from '../dialogs/dialogServices';
import type { HandoffService } from '../services/handoff/handoffService';

/** Caches the turn's conversation id (the relay, then the dialog, ask for it). */
const CONVERSATION_ID = Symbol('digibank.conversationId');

/**
 * {@link HandoffPort} over the {@link HandoffService}: the turn's conversation is the
 * `conversation` row of (channel, channel conversation id). The turn runner creates it on first
 * contact; other assemblies (tests on botbuilder's TestAdapter) get it created here.
 */
export function handoffPort(prisma: PrismaClient, handoffs: HandoffService): HandoffPort {
  const conversationOf = async (context: TurnContext): Promise<string> => {
    const cached = context.turnState.get(CONVERSATION_ID) as string | undefined;
    if (cached) return cached;
    const id = await conversationId(prisma, context);
    context.turnState.set(CONVERSATION_ID, id);
    return id;
  };
  return {
    request: async (context, request) => handoffs.request({ conversationId: await conversationOf(context), ...request }),
    open: (context) => handoffs.openOnChannel(context.activity.channelId, context.activity.conversation?.id ?? ''),
    status: async (context) => handoffs.waitFor(await conversationOf(context)),
    cancel: async (context) => handoffs.cancelByCitizen(await conversationOf(context)),
    requestCallback: async (context) => handoffs.requestCallback(await conversationOf(context)),
    callbackMoment: async (context, moment) => handoffs.setCallbackMoment(await conversationOf(context), moment),
    citizenWrote: async (context) => handoffs.citizenWrote(await conversationOf(context)),
  };
}

async function conversationId(prisma: PrismaClient, context: TurnContext): Promise<string> {
  const channel = context.activity.channelId;
  const channelConversationId = context.activity.conversation?.id;
  const channelUserId = context.activity.from?.id;
  if (!channel || !channelConversationId || !channelUserId) throw new Error('a handoff needs the channel, conversation and sender of the turn');
  const found = await prisma.conversation.findUnique({ where: { channel_channelConversationId: { channel, channelConversationId } }, select: { id: true } });
  if (found) return found.id;
  const person = await prisma.person.upsert({ where: { channel_channelUserId: { channel, channelUserId } }, create: { channel, channelUserId }, update: {}, select: { id: true } });
  const created = await prisma.conversation.upsert({
    where: { channel_channelConversationId: { channel, channelConversationId } },
    create: { id: randomUUID(), channel, channelConversationId, personId: person.id },
    update: {},
    select: { id: true },
  });
  return created.id;
}
