import { isLanguage } from '../../i18n/translator';
import { enqueueOutbound } from '../../outbox/enqueueOutbound';
import { type ChannelModule, languageOf, NOTHING_TO_CLOSE } from '../channelModule';
import { deliveryReports, MessagingPorts, OutboxLeaseSettings, providerTimeoutMs } from '../shared/messagingPorts';
import { WHATSAPP_CHANNEL } from '../whatsapp/whatsAppChannel';
import { SmsRecords } from './smsRecords';
import { SmsReplyJoiner } from './smsReplyJoiner';
import { SMS_CHANNEL, SMS_ROUTE, SMS_STATUS_ROUTE, SmsNotice, TwilioSmsChannel } from './twilioSmsChannel';
import { TwilioSender } from './twilioSender';

/** Twilio's configuration (README, Configuration); the signature is computed over `PUBLIC_BASE_URL`. */
export interface SmsSettings extends OutboxLeaseSettings {
  TWILIO_ACCOUNT_SID?: string;
  TWILIO_AUTH_TOKEN?: string;
  TWILIO_FROM?: string;
  PUBLIC_BASE_URL?: string;
  TWILIO_API_URL: string;
  SMS_RATE_LIMIT_PER_MINUTE: number;
  SMS_DAILY_CAP: number;
}

/**
 * SMS through Twilio (`/api/sms`): the webhook in, the Messages API out through the outbox, the
 * replies of every SMS turn joined into one message ({@link SmsReplyJoiner}). WhatsApp rows outside
 * the 24-hour window without a template go out as SMS to the same number (when WhatsApp is mounted,
 * before this channel).
 */
export const smsMount: ChannelModule<SmsSettings, MessagingPorts> = {
  name: SMS_CHANNEL,
  title: 'SMS (Twilio)',
  route: SMS_ROUTE,
  needs: ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM', 'PUBLIC_BASE_URL'],
  mount: async (server, settings, ports) => {
    const records = new SmsRecords(ports.db.prisma);
    const reports = deliveryReports(ports, SMS_CHANNEL);
    const publicBaseUrl = settings.PUBLIC_BASE_URL as string;
    ports.adapter.use(new SmsReplyJoiner(SMS_CHANNEL));
    new TwilioSmsChannel({
      authToken: settings.TWILIO_AUTH_TOKEN as string,
      publicBaseUrl,
      rateLimitPerMinute: settings.SMS_RATE_LIMIT_PER_MINUTE,
      receive: (inbound) => ports.runner.receive(inbound),
      senderState: (channelUserId) => records.senderState(channelUserId),
      setOptedOut: (channelUserId, optedOut) => records.setOptedOut(channelUserId, optedOut),
      notify: async (conversationId, channelUserId, notice: SmsNotice, keywordLanguage) => {
        const language = isLanguage(keywordLanguage) ? keywordLanguage : await languageOf(ports, SMS_CHANNEL, channelUserId);
        await enqueueOutbound(ports.db.prisma, conversationId, SMS_CHANNEL, { text: ports.i18n.t(language, `channels.sms.${notice}`), channelData: { smsControl: true, smsNotice: notice } });
        ports.outbox.wake(SMS_CHANNEL);
      },
      applyStatus: reports.applyStatus,
      recordAccepted: reports.recordAccepted,
    }).register(server);
    ports.outbox.register(
      new TwilioSender({
        apiUrl: settings.TWILIO_API_URL,
        accountSid: settings.TWILIO_ACCOUNT_SID as string,
        authToken: settings.TWILIO_AUTH_TOKEN as string,
        from: settings.TWILIO_FROM as string,
        dailyCap: settings.SMS_DAILY_CAP,
        statusCallbackUrl: `${publicBaseUrl.replace(/\/$/, '')}${SMS_STATUS_ROUTE}`,
        timeoutMs: providerTimeoutMs(settings),
        optedOut: (to) => records.optedOut(to),
        sentInLastDay: (to) => records.repliesInLastDay(to),
        limitNotice: async (message) => {
          if (!(await records.limitNoticeDue(message))) return undefined;
          const language = isLanguage(message.language) ? message.language : await languageOf(ports, SMS_CHANNEL, message.recipientId);
          return ports.i18n.t(language, 'channels.sms.dailyLimit');
        },
        recordNotice: (message, text, providerMessageId) => records.recordLimitNotice(message, text, providerMessageId),
        optedOutAtProvider: (to) => records.optedOutAtProvider(to),
      }),
    );
    ports.outbox.registerFallback(WHATSAPP_CHANNEL, SMS_CHANNEL);
    return NOTHING_TO_CLOSE;
  },
};
