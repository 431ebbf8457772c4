import { SMS_LIMITS } from '../channelLimits';
import { renderNumberedChoices } from '../shared/numberedChoices';
import {
  DeferError,
  HoldError,
  OutboundMessage,
  PermanentError,
  PreparedMessage,
  RetryableError,
  Sender,
} from '../../bot/outboxSender';
import { networkError, retryAfter } from '../whatsapp/whatsAppSender';
import { smsSegments, splitSms } from './gsm7';
import { SMS_CHANNEL, statusCallbackFor } from './twilioSmsChannel';

/** Settings of the Twilio REST sender. */
export interface TwilioSenderOptions {
  apiUrl: string;
  accountSid: string;
  authToken: string;
  from: string;
  /** Outbound SMS per number per 24 hours. */
  dailyCap: number;
  /** SMS sent to this number (E.164) in the last 24 hours, and the oldest one's time. */
  sentInLastDay(to: string): Promise<{ count: number; oldest?: Date }>;
  /** True when this number (E.164) opted out of SMS (STOP). */
  optedOut(to: string): Promise<boolean>;
  /** Twilio posts the message's statuses here (`PUBLIC_BASE_URL` + `/api/sms/status`). */
  statusCallbackUrl?: string;
  /** Request timeout (default 15 s; shorter than the outbox lease). */
  timeoutMs?: number;
}

/** Twilio error codes that are worth retrying although they come with a 4xx status. */
const RETRYABLE_CODES = new Set(['20429', '14107', '30001', '20500', '20503']);

/**
 * A channel user id as an E.164 number: SMS ids already are ("+32470…"); WhatsApp ids are the same
 * number without the "+" ("32470…"). Undefined when it is no phone number.
 */
export function toE164(channelUserId: string): string | undefined {
  const digits = channelUserId.startsWith('+') ? channelUserId.slice(1) : channelUserId;
  return /^[1-9][0-9]{6,14}$/.test(digits) ? `+${digits}` : undefined;
}

/** The SMS text of an activity: the text with its choices as numbered lines. */
export function renderSms(message: { activity: OutboundMessage['activity'] }): string[] {
  return splitSms(renderNumberedChoices(message.activity), SMS_LIMITS.maxSegmentsPerMessage);
}

/**
 * Delivers outbound rows through Twilio's Messages API: SMS rows, and WhatsApp rows that cannot go
 * out on WhatsApp (the outbox's fallback; same number). Sends only to numbers that wrote first,
 * never to an opted-out number (except the opt-out confirmation), and at most `dailyCap` SMS per
 * number per day (more wait). Stores segments and encoding of every SMS; asks Twilio for status
 * callbacks when a URL is configured.
 */
export class TwilioSender implements Sender<string> {
  readonly channel = SMS_CHANNEL;

  constructor(private readonly options: TwilioSenderOptions) {}

  async prepare(message: OutboundMessage): Promise<PreparedMessage<string>> {
    const to = toE164(message.recipientId);
    if (!to) throw new PermanentError('no phone number', 'invalid_number');
    if (!message.lastInboundAt) throw new PermanentError('the number never wrote first', 'not_opted_in');
    const control = Boolean((message.activity.channelData as { smsControl?: boolean } | undefined)?.smsControl);
    if (!control && (message.optedOutAt || (await this.options.optedOut(to)))) throw new HoldError('suppressed', 'opted_out');
    if (message.partsSent === 0 && !control) {
      const { count, oldest } = await this.options.sentInLastDay(to);
      if (count >= this.options.dailyCap) throw new DeferError('daily_cap', new Date((oldest?.getTime() ?? Date.now()) + 24 * 3600_000));
    }
    const parts = renderSms(message).filter((part) => part.length > 0);
    const infos = parts.map(smsSegments);
    return {
      parts,
      sms: { segments: infos.reduce((sum, info) => sum + info.segments, 0), encoding: infos.some((info) => info.encoding === 'UCS-2') ? 'UCS-2' : 'GSM-7' },
    };
  }

  async send(message: OutboundMessage, body: string, index: number): Promise<{ providerMessageId: string }> {
    const { apiUrl, accountSid, authToken, from } = this.options;
    let response: Response;
    try {
      response = await fetch(`${apiUrl.replace(/\/$/, '')}/2010-04-01/Accounts/${accountSid}/Messages.json`, {
        method: 'POST',
        headers: {
          Authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`,
          'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
        },
        body: new URLSearchParams({
          To: toE164(message.recipientId) ?? message.recipientId,
          From: from,
          Body: body,
          ...(this.options.statusCallbackUrl ? { StatusCallback: statusCallbackFor(this.options.statusCallbackUrl, { messageId: message.id, part: index }) } : {}),
        }).toString(),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw networkError(error);
    }
    const answer = (await response.json().catch(() => undefined)) as { sid?: string; code?: number } | undefined;
    if (response.ok) {
      if (!answer?.sid) throw new RetryableError('no sid in the answer', 'no_sid');
      return { providerMessageId: answer.sid };
    }
    const code = answer?.code !== undefined ? String(answer.code) : `http_${response.status}`;
    if (response.status === 429 || response.status >= 500 || RETRYABLE_CODES.has(code)) {
      throw new RetryableError(`HTTP ${response.status}`, code, retryAfter(response.headers.get('retry-after')));
    }
    throw new PermanentError(`HTTP ${response.status}`, code);
  }
}
