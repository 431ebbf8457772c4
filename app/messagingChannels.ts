import type { Activity, TurnContext } from 'botbuilder';
import type { Server } from 'restify';
import { asksSomething, SMS_CHANNEL, SMS_STATUS_ROUTE, SmsNotice, SmsSenderState, TwilioSmsChannel } from '../adapters/sms/twilioSmsChannel';
import { SmsReplyJoiner } from '../adapters/sms/smsReplyJoiner';
import { offeredChoices } from '../adapters/shared/numberedChoices';
import { TwilioSender } from '../adapters/sms/twilioSender';
import { UNSUPPORTED_MEDIA_EVENT, WHATSAPP_CHANNEL, WhatsAppChannel } from '../adapters/whatsapp/whatsAppChannel';
import { parseTemplateLanguages, WhatsAppSender } from '../adapters/whatsapp/whatsAppSender';
import type { Assistant } from './assistant';
import type { Config } from './config';
import type { Database } from '../db/database';
import { DEFAULT_LANGUAGE, isLanguage, Language, languageFromLocale } from '../i18n/translator';
import { logger } from '../kernel/logger';
import { languageOf as turnLanguage } from '../dialogs/userProfile';
import { applyDeliveryStatus, recordAcceptedPart } from '../outbox/deliveryStatus';
import { enqueueOutbound } from '../outbox/enqueueOutbound';
import { OutboxSender } from '../outbox/outboxSender';
import { OutboundMessage, SentPart } from '../outbox/sender';

/** The messaging channels this server mounted and the outbox sender that delivers their replies. */
export interface MessagingChannels {
  readonly outbox: OutboxSender;
  readonly mounted: string[];
  stop(): Promise<void>;
}

/** True when every variable of the WhatsApp channel is set. */
export function whatsAppConfigured(config: Config): boolean {
  return Boolean(config.WHATSAPP_VERIFY_TOKEN && config.WHATSAPP_APP_SECRET && config.WHATSAPP_TOKEN && config.WHATSAPP_PHONE_NUMBER_ID);
}

/** True when every variable of the SMS channel is set (the signature needs PUBLIC_BASE_URL). */
export function smsConfigured(config: Config): boolean {
  return Boolean(config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN && config.TWILIO_FROM && config.PUBLIC_BASE_URL);
}

/**
 * The language a reply was written in: the `locale` its turn stamped on it
 * ({@link stampTurnLanguage}) or a notification set, else the row's saved language. The list
 * button and the template must speak the language of the text they carry, also when that language
 * was guessed from the person's first message and not (yet) chosen.
 */
function writtenIn(message: OutboundMessage): Language | undefined {
  const fromLocale = languageFromLocale(message.activity.locale);
  return fromLocale ?? (isLanguage(message.language) ? message.language : undefined);
}

/**
 * Stamps the language of the turn (the chosen one, or the one detected this turn) as `locale` on
 * every reply of the turn that has none. WhatsApp messages carry no locale, so without this a reply
 * would only know the person's *chosen* language, and a French or English person whose language
 * was guessed would get the Dutch list button "Kies".
 */
function stampTurnLanguage(context: TurnContext): void {
  context.onSendActivities(async (ctx, activities, next) => {
    for (const reply of activities) reply.locale ??= turnLanguage(ctx);
    return next();
  });
}

/**
 * Mounts WhatsApp (`/api/whatsapp`) and SMS (`/api/sms`) when their variables are set, registers
 * their senders with the outbox sender and starts it; it stops when the server closes. Says at
 * start-up which channels are on and, for a channel left off, which variables are missing.
 */
export function mountMessagingChannels(server: Server, config: Config, db: Database, assistant: Assistant): MessagingChannels {
  const prisma = db.prisma;
  const leaseMs = config.OUTBOX_LEASE_SECONDS * 1000;
  const outbox = new OutboxSender(prisma, {
    retryBaseMs: config.OUTBOX_RETRY_BASE_MS,
    retryMaxMs: config.OUTBOX_RETRY_MAX_MS,
    pollMs: config.OUTBOX_POLL_MS,
    leaseMs,
    doubtMs: config.OUTBOX_DOUBT_SECONDS * 1000,
  });
  /** A status proving a part in doubt: the row goes on at once (its next part, or marked sent). */
  const recordAccepted = async (channel: string, providerMessageId: string, sent: SentPart) => {
    const recorded = await recordAcceptedPart(prisma, channel, sent, providerMessageId);
    if (recorded) outbox.wake(channel);
    return recorded;
  };
  // A provider request ends well within the lease, so that no other process takes the row over meanwhile.
  const timeoutMs = Math.min(15_000, leaseMs / 2);
  const mounted: string[] = [];

  /** The person's saved language (user state), else the default. */
  const languageOf = async (channel: string, channelUserId: string): Promise<Language> => {
    const saved = await assistant.savedLanguage(channel, channelUserId).catch(() => undefined);
    return saved ?? (isLanguage(config.DEFAULT_LANGUAGE) ? config.DEFAULT_LANGUAGE : DEFAULT_LANGUAGE);
  };

  if (whatsAppConfigured(config)) {
    new WhatsAppChannel({
      verifyToken: config.WHATSAPP_VERIFY_TOKEN as string,
      appSecret: config.WHATSAPP_APP_SECRET as string,
      receive: (inbound) => assistant.runner.receive(inbound),
      applyStatus: (wamid, status, errorCode) => applyDeliveryStatus(prisma, WHATSAPP_CHANNEL, wamid, status, errorCode),
      recordAccepted: (wamid, sent) => recordAccepted(WHATSAPP_CHANNEL, wamid, sent),
    }).register(server);
    outbox.register(
      new WhatsAppSender({
        apiUrl: config.WHATSAPP_API_URL,
        token: config.WHATSAPP_TOKEN as string,
        phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID as string,
        templateName: config.WHATSAPP_TEMPLATE_NAME,
        templateLanguages: parseTemplateLanguages(config.WHATSAPP_TEMPLATE_LANGUAGES),
        languageOf: async (message) => writtenIn(message) ?? languageOf(WHATSAPP_CHANNEL, message.recipientId),
        listButton: (language) => assistant.i18n.t(isLanguage(language) ? language : DEFAULT_LANGUAGE, 'channels.listButton'),
        timeoutMs,
      }),
    );
    // In the turn of the media message itself, so that the answer keeps its place in the conversation.
    assistant.adapter.use(async (context: TurnContext, next: () => Promise<void>) => {
      const { activity } = context;
      if (activity.channelId === WHATSAPP_CHANNEL) stampTurnLanguage(context);
      if (activity.channelId === WHATSAPP_CHANNEL && activity.type === 'event' && activity.name === UNSUPPORTED_MEDIA_EVENT) {
        const language = await languageOf(WHATSAPP_CHANNEL, activity.from.id);
        await context.sendActivity({ type: 'message', text: assistant.i18n.t(language, 'channels.unsupportedMedia') });
      }
      await next();
    });
    mounted.push(WHATSAPP_CHANNEL);
  } else {
    logger.info({ channel: WHATSAPP_CHANNEL, needs: ['WHATSAPP_VERIFY_TOKEN', 'WHATSAPP_APP_SECRET', 'WHATSAPP_TOKEN', 'WHATSAPP_PHONE_NUMBER_ID'] }, 'channel off: variables not set');
  }

  if (smsConfigured(config)) {
    mountSms(server, config, db, assistant, outbox, { languageOf, recordAccepted, timeoutMs });
    mounted.push(SMS_CHANNEL);
  } else {
    logger.info({ channel: SMS_CHANNEL, needs: ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM', 'PUBLIC_BASE_URL'] }, 'channel off: variables not set');
  }

  // WhatsApp rows outside the 24-hour window without a template go out as SMS to the same number.
  outbox.registerFallback(WHATSAPP_CHANNEL, SMS_CHANNEL);
  if (mounted.length) {
    logger.info({ channels: mounted }, 'messaging channels mounted');
    assistant.runner.onOutbound((channel) => outbox.wake(channel));
    outbox.start();
  }
  const stop = () => outbox.stop();
  server.once('close', () => void stop());
  return { outbox, mounted, stop };
}

/** What the SMS wiring shares with the rest of {@link mountMessagingChannels}. */
interface SmsWiring {
  languageOf(channel: string, channelUserId: string): Promise<Language>;
  recordAccepted(channel: string, providerMessageId: string, sent: SentPart): Promise<boolean>;
  timeoutMs: number;
}

/**
 * Replies sent to a number (E.164) in SMS in the last 24 hours, and the oldest one's time: SMS rows
 * and WhatsApp rows that went out as SMS, without the channel's own notices (`channelData.smsControl`:
 * STOP confirmation, help, the limit notice). In SQL because a JSON path filter of Prisma is NULL, not
 * false, on rows without the key (and NOT NULL drops them).
 */
async function repliesInLastDay(prisma: Database['prisma'], to: string): Promise<{ count: number; oldest?: Date }> {
  const [row] = await prisma.$queryRaw<{ count: number; oldest: Date | null }[]>`
    SELECT count(*)::int AS count, min(m."sentAt") AS oldest
      FROM message m JOIN conversation c ON c.id = m."conversationId" JOIN person p ON p.id = c."personId"
     WHERE m.channel = ${SMS_CHANNEL} AND m.direction = 'out' AND m."sentAt" > now() - interval '24 hours'
       AND p.channel IN (${SMS_CHANNEL}, ${WHATSAPP_CHANNEL}) AND p."channelUserId" IN (${to}, ${to.slice(1)})
       AND COALESCE(m.activity -> 'channelData' ->> 'smsControl', 'false') <> 'true'`;
  return { count: row?.count ?? 0, oldest: row?.oldest ?? undefined };
}
/** What the SMS channel needs to know of a number before its message is stored ({@link SmsSenderState}). */
async function senderStateOf(prisma: Database['prisma'], channelUserId: string): Promise<SmsSenderState> {
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

/** The daily limit notice: `channelData.smsNotice`. */
const LIMIT_NOTICE = 'dailyLimit';

/**
 * True when the person should be told that the daily limit is reached: an SMS conversation (a
 * WhatsApp reply falling back to SMS — a volunteer writing late — waits without a notice: the person
 * is not texting us) not told so in the last 24 hours.
 */
async function limitNoticeDue(prisma: Database['prisma'], message: OutboundMessage): Promise<boolean> {
  const conversation = await prisma.conversation.findUnique({ where: { id: message.conversationId }, select: { channel: true } });
  if (conversation?.channel !== SMS_CHANNEL) return false;
  const since = new Date(Date.now() - 24 * 3600_000);
  const notice = { path: ['channelData', 'smsNotice'], equals: LIMIT_NOTICE };
  return (await prisma.message.count({ where: { conversationId: message.conversationId, direction: 'out', sentAt: { gt: since }, activity: notice } })) === 0;
}

/** Keeps the limit notice in the transcript, sent: a control message (not counted, asks nothing). */
async function recordLimitNotice(prisma: Database['prisma'], message: OutboundMessage, text: string, providerMessageId: string): Promise<void> {
  const now = new Date();
  await prisma.message.create({
    data: {
      conversationId: message.conversationId, channel: SMS_CHANNEL, direction: 'out', text, providerMessageId, status: 'sent', sentAt: now, statusAt: now,
      activity: { type: 'message', text, channelData: { smsControl: true, smsNotice: LIMIT_NOTICE } },
    },
  });
}

/**
 * Mounts the SMS channel (`/api/sms`), registers its sender with the outbox, and joins the replies of
 * every SMS turn into one message ({@link SmsReplyJoiner}).
 */
function mountSms(server: Server, config: Config, db: Database, assistant: Assistant, outbox: OutboxSender, wiring: SmsWiring): void {
  const prisma = db.prisma;
  const personOf = (channelUserId: string) => prisma.person.findUnique({ where: { channel_channelUserId: { channel: SMS_CHANNEL, channelUserId } } });
  const setOptedOut = async (channelUserId: string, optedOut: boolean) => {
    await prisma.person.updateMany({ where: { channel: SMS_CHANNEL, channelUserId }, data: { optedOutAt: optedOut ? new Date() : null } });
  };
  const languageOf = (channelUserId: string) => wiring.languageOf(SMS_CHANNEL, channelUserId);
  assistant.adapter.use(new SmsReplyJoiner(SMS_CHANNEL));
  new TwilioSmsChannel({
    authToken: config.TWILIO_AUTH_TOKEN as string,
    publicBaseUrl: config.PUBLIC_BASE_URL as string,
    rateLimitPerMinute: config.SMS_RATE_LIMIT_PER_MINUTE,
    receive: (inbound) => assistant.runner.receive(inbound),
    senderState: (channelUserId) => senderStateOf(prisma, channelUserId),
    setOptedOut,
    notify: async (conversationId, channelUserId, notice: SmsNotice, keywordLanguage) => {
      const language = isLanguage(keywordLanguage) ? keywordLanguage : await languageOf(channelUserId);
      await enqueueOutbound(prisma, conversationId, SMS_CHANNEL, { text: assistant.i18n.t(language, `channels.sms.${notice}`), channelData: { smsControl: true, smsNotice: notice } });
      outbox.wake(SMS_CHANNEL);
    },
    applyStatus: (sid, status, errorCode) => applyDeliveryStatus(prisma, SMS_CHANNEL, sid, status, errorCode),
    recordAccepted: (sid, sent) => wiring.recordAccepted(SMS_CHANNEL, sid, sent),
  }).register(server);
  outbox.register(
    new TwilioSender({
      apiUrl: config.TWILIO_API_URL,
      accountSid: config.TWILIO_ACCOUNT_SID as string,
      authToken: config.TWILIO_AUTH_TOKEN as string,
      from: config.TWILIO_FROM as string,
      dailyCap: config.SMS_DAILY_CAP,
      statusCallbackUrl: `${(config.PUBLIC_BASE_URL as string).replace(/\/$/, '')}${SMS_STATUS_ROUTE}`,
      timeoutMs: wiring.timeoutMs,
      optedOut: async (to) => (await personOf(to))?.optedOutAt != null,
      sentInLastDay: (to) => repliesInLastDay(prisma, to),
      limitNotice: async (message) => {
        if (!(await limitNoticeDue(prisma, message))) return undefined;
        const language = isLanguage(message.language) ? message.language : await languageOf(message.recipientId);
        return assistant.i18n.t(language, 'channels.sms.dailyLimit');
      },
      recordNotice: (message, text, providerMessageId) => recordLimitNotice(prisma, message, text, providerMessageId),
      optedOutAtProvider: async (to) => {
        // Only the SMS person: Twilio's block says nothing about WhatsApp (a fallback SMS may hit it).
        await prisma.person.updateMany({ where: { channel: SMS_CHANNEL, channelUserId: to, optedOutAt: null }, data: { optedOutAt: new Date() } });
      },
    }),
  );
}
