import type { Activity } from 'botbuilder';
import type { Database } from '../../db/database';
import type { OutboundMessage } from '../../outbox/sender';
import { offeredChoices } from '../shared/numberedChoices';
import { WHATSAPP_CHANNEL } from '../whatsapp/whatsAppChannel';
import { asksSomething, SMS_CHANNEL, SmsSenderState } from './twilioSmsChannel';

/** The daily limit notice: `channelData.smsNotice`. */
const LIMIT_NOTICE = 'dailyLimit';

/**
 * What the SMS channel reads and writes of the transcript and of people: opt-outs, the sender's
 * state before a message is stored, the day's count of replies per number and the limit notice.
 */
export class SmsRecords {
  constructor(private readonly prisma: Database['prisma']) {}

  /** True when the SMS person of this number (E.164) has opted out. */
  async optedOut(channelUserId: string): Promise<boolean> {
    const person = await this.prisma.person.findUnique({ where: { channel_channelUserId: { channel: SMS_CHANNEL, channelUserId } } });
    return person?.optedOutAt != null;
  }

  /** Records STOP (or START) of the SMS person of this number. */
  async setOptedOut(channelUserId: string, optedOut: boolean): Promise<void> {
    await this.prisma.person.updateMany({ where: { channel: SMS_CHANNEL, channelUserId }, data: { optedOutAt: optedOut ? new Date() : null } });
  }

  /** Twilio blocked the number (error 21610): the SMS person only; Twilio's block says nothing about WhatsApp. */
  async optedOutAtProvider(channelUserId: string): Promise<void> {
    await this.prisma.person.updateMany({ where: { channel: SMS_CHANNEL, channelUserId, optedOutAt: null }, data: { optedOutAt: new Date() } });
  }

  /** What the SMS channel needs to know of a number before its message is stored ({@link SmsSenderState}). */
  async senderState(channelUserId: string): Promise<SmsSenderState> {
    const { prisma } = this;
    const person = await prisma.person.findUnique({ where: { channel_channelUserId: { channel: SMS_CHANNEL, channelUserId } } });
    if (!person) return { optedOut: false, recentInbound: 0 };
    const optedOut = person.optedOutAt !== null;
    const conversation = await prisma.conversation.findUnique({ where: { channel_channelConversationId: { channel: SMS_CHANNEL, channelConversationId: channelUserId } } });
    if (!conversation) return { optedOut, recentInbound: 0 };
    const [recentInbound, last] = await Promise.all([
      prisma.message.count({ where: { conversationId: conversation.id, direction: 'in', createdAt: { gt: new Date(Date.now() - 60_000) } } }),
      prisma.message.findFirst({ where: { conversationId: conversation.id, direction: 'out' }, orderBy: { seq: 'desc' }, select: { activity: true } }),
    ]);
    const lastActivity = last?.activity as Partial<Activity> | null;
    return { conversationId: conversation.id, optedOut, recentInbound, openQuestion: asksSomething(lastActivity), offered: offeredChoices(lastActivity ?? undefined) };
  }

  /**
   * Replies sent to a number (E.164) in SMS in the last 24 hours, and the oldest one's time: SMS rows
   * and WhatsApp rows that went out as SMS, without the channel's own notices (`channelData.smsControl`:
   * STOP confirmation, help, the limit notice). In SQL because a JSON path filter of Prisma is NULL, not
   * false, on rows without the key (and NOT NULL drops them).
   */
  async repliesInLastDay(to: string): Promise<{ count: number; oldest?: Date }> {
    const [row] = await this.prisma.$queryRaw<{ count: number; oldest: Date | null }[]>`
      SELECT count(*)::int AS count, min(m."sentAt") AS oldest
        FROM message m JOIN conversation c ON c.id = m."conversationId" JOIN person p ON p.id = c."personId"
       WHERE m.channel = ${SMS_CHANNEL} AND m.direction = 'out' AND m."sentAt" > now() - interval '24 hours'
         AND p.channel IN (${SMS_CHANNEL}, ${WHATSAPP_CHANNEL}) AND p."channelUserId" IN (${to}, ${to.slice(1)})
         AND COALESCE(m.activity -> 'channelData' ->> 'smsControl', 'false') <> 'true'`;
    return { count: row?.count ?? 0, oldest: row?.oldest ?? undefined };
  }

  /**
   * True when the person should be told that the daily limit is reached: an SMS conversation (a
   * WhatsApp reply falling back to SMS — a volunteer writing late — waits without a notice: the person
   * is not texting us) not told so in the last 24 hours.
   */
  async limitNoticeDue(message: OutboundMessage): Promise<boolean> {
    const conversation = await this.prisma.conversation.findUnique({ where: { id: message.conversationId }, select: { channel: true } });
    if (conversation?.channel !== SMS_CHANNEL) return false;
    const since = new Date(Date.now() - 24 * 3600_000);
    const notice = { path: ['channelData', 'smsNotice'], equals: LIMIT_NOTICE };
    return (await this.prisma.message.count({ where: { conversationId: message.conversationId, direction: 'out', sentAt: { gt: since }, activity: notice } })) === 0;
  }

  /** Keeps the limit notice in the transcript, sent: a control message (not counted, asks nothing). */
  async recordLimitNotice(message: OutboundMessage, text: string, providerMessageId: string): Promise<void> {
    const now = new Date();
    await this.prisma.message.create({
      data: {
        conversationId: message.conversationId, channel: SMS_CHANNEL, direction: 'out', text, providerMessageId, status: 'sent', sentAt: now, statusAt: now,
        activity: { type: 'message', text, channelData: { smsControl: true, smsNotice: LIMIT_NOTICE } },
      },
    });
  }
}
