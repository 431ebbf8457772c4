import type { TurnContext } from 'botbuilder';
import { DEFAULT_LANGUAGE, isLanguage, Language, languageFromLocale } from '../../i18n/translator';
import type { OutboundMessage } from '../../outbox/sender';
import { type ChannelModule, languageOf, NOTHING_TO_CLOSE } from '../channelModule';
import { deliveryReports, MessagingPorts, OutboxLeaseSettings, providerTimeoutMs } from '../shared/messagingPorts';
import { RateLimiter } from '../shared/rateLimiter';
import { THROTTLED_EVENT, UNSUPPORTED_MEDIA_EVENT, WHATSAPP_CHANNEL, WhatsAppChannel } from './whatsAppChannel';
import { parseTemplateLanguages, WhatsAppSender } from './whatsAppSender';

/** The WhatsApp Cloud API's configuration (README, Configuration). */
export interface WhatsAppSettings extends OutboxLeaseSettings {
  CHAT_RATE_LIMIT_PER_MINUTE: number;
  WHATSAPP_VERIFY_TOKEN?: string;
  WHATSAPP_APP_SECRET?: string;
  WHATSAPP_TOKEN?: string;
  WHATSAPP_PHONE_NUMBER_ID?: string;
  WHATSAPP_API_URL: string;
  WHATSAPP_TEMPLATE_NAME?: string;
  WHATSAPP_TEMPLATE_LANGUAGES: string;
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
function stampTurnLanguage(context: TurnContext, turnLanguage: (context: TurnContext) => Language): void {
  context.onSendActivities(async (ctx, activities, next) => {
    for (const reply of activities) reply.locale ??= turnLanguage(ctx);
    return next();
  });
}

/** The text key that answers a channel event in its own turn: unreadable media, the first message over the rate limit. */
function eventAnswer(activity: TurnContext['activity']): string | undefined {
  if (activity.name === UNSUPPORTED_MEDIA_EVENT) return 'channels.unsupportedMedia';
  if (activity.name === THROTTLED_EVENT && (activity.value as { tell?: unknown } | undefined)?.tell === true) return 'channels.throttled';
  return undefined;
}

/**
 * WhatsApp (`/api/whatsapp`): Meta's webhook in, the Graph API out through the outbox. A message
 * the assistant cannot read (voice, photo…) is answered kindly in its own turn, so that the answer
 * keeps its place in the conversation.
 */
export const whatsAppMount: ChannelModule<WhatsAppSettings, MessagingPorts> = {
  name: WHATSAPP_CHANNEL,
  title: 'WhatsApp',
  route: '/api/whatsapp',
  needs: ['WHATSAPP_VERIFY_TOKEN', 'WHATSAPP_APP_SECRET', 'WHATSAPP_TOKEN', 'WHATSAPP_PHONE_NUMBER_ID'],
  mount: async (server, settings, ports) => {
    const reports = deliveryReports(ports, WHATSAPP_CHANNEL);
    new WhatsAppChannel({
      verifyToken: settings.WHATSAPP_VERIFY_TOKEN as string,
      appSecret: settings.WHATSAPP_APP_SECRET as string,
      receive: (inbound) => ports.runner.receive(inbound),
      limiter: new RateLimiter(settings.CHAT_RATE_LIMIT_PER_MINUTE),
      applyStatus: reports.applyStatus,
      recordAccepted: reports.recordAccepted,
    }).register(server);
    ports.outbox.register(
      new WhatsAppSender({
        apiUrl: settings.WHATSAPP_API_URL,
        token: settings.WHATSAPP_TOKEN as string,
        phoneNumberId: settings.WHATSAPP_PHONE_NUMBER_ID as string,
        templateName: settings.WHATSAPP_TEMPLATE_NAME,
        templateLanguages: parseTemplateLanguages(settings.WHATSAPP_TEMPLATE_LANGUAGES),
        languageOf: async (message) => writtenIn(message) ?? languageOf(ports, WHATSAPP_CHANNEL, message.recipientId),
        listButton: (language) => ports.i18n.t(isLanguage(language) ? language : DEFAULT_LANGUAGE, 'channels.listButton'),
        timeoutMs: providerTimeoutMs(settings),
      }),
    );
    ports.adapter.use(async (context: TurnContext, next: () => Promise<void>) => {
      const { activity } = context;
      if (activity.channelId === WHATSAPP_CHANNEL) stampTurnLanguage(context, ports.turnLanguage);
      const answer = activity.channelId === WHATSAPP_CHANNEL && activity.type === 'event' ? eventAnswer(activity) : undefined;
      if (answer) {
        const language = await languageOf(ports, WHATSAPP_CHANNEL, activity.from.id);
        await context.sendActivity({ type: 'message', text: ports.i18n.t(language, answer) });
      }
      await next();
    });
    return NOTHING_TO_CLOSE;
  },
};
