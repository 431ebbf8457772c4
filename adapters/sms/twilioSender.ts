import { SMS_LIMITS } from '../channelLimits';
import { DeferError, HoldError, OutboundMessage, PermanentError, PreparedMessage, RetryableError, Sender } from '../../outbox/sender';
import { describeError, logger } from '../../kernel/logger';
import { networkError, retryAfter } from '../whatsapp/whatsAppSender';
import { smsSegments, splitSms } from './gsm7';
import { smsBody, toGsm7Text } from './smsText';
import { SMS_CHANNEL, statusCallbackFor } from './twilioSmsChannel';

/** Settings of the Twilio REST sender. */
export interface TwilioSenderOptions {
  apiUrl: string;
  accountSid: string;
  authToken: string;
  from: string;
  /** Replies (outbound SMS messages, however many segments each) per number per 24 hours. */
  dailyCap: number;
  /**
   * Replies sent to this number (E.164) in the last 24 hours — not the channel's own notices (STOP
   * confirmation, help, the limit notice) — and the oldest one's time.
   */
  sentInLastDay(to: string): Promise<{ count: number; oldest?: Date }>;
  /**
   * The notice that the daily limit is reached, in the person's language, when this number was not
   * told yet in the last 24 hours; undefined when it was.
   */
  limitNotice?(message: OutboundMessage): Promise<string | undefined>;
  /** Keeps the limit notice in the transcript, sent (it went out outside the outbox: the row it precedes waits). */
  recordNotice?(message: OutboundMessage, text: string, providerMessageId: string): Promise<void>;
  /** Twilio refused the number because the person opted out on Twilio's side (error 21610): record it. */
  optedOutAtProvider?(to: string): Promise<void>;
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

/**
 * Twilio's error for a number that opted out on Twilio's side ("Attempt to send to unsubscribed
 * recipient"): Twilio's default opt-out handling blocks a number that texted STOP, CANCEL, END,
 * QUIT… even when our webhook took the word as an answer. https://www.twilio.com/docs/api/errors/21610
 */
export const TWILIO_UNSUBSCRIBED = '21610';

/**
 * The SMS messages of an activity: the text with its choices as numbered lines, in GSM-7 wherever
 * a plain spelling exists (emoji dropped, ç → c, « » → "), split at paragraph or sentence
 * boundaries when longer than {@link SMS_LIMITS.maxSegmentsPerMessage} segments.
 */
export function renderSms(message: { activity: OutboundMessage['activity'] }): string[] {
  return splitSms(toGsm7Text(smsBody(message.activity)), SMS_LIMITS.maxSegmentsPerMessage);
}


/** True for the channel's own messages (STOP confirmation, help, the limit notice): sent to an opted-out number, not counted. */
function isControl(message: OutboundMessage): boolean {
  return Boolean((message.activity.channelData as { smsControl?: boolean } | undefined)?.smsControl);
}

/**
 * Delivers outbound rows through Twilio's Messages API: SMS rows, and WhatsApp rows that cannot go
 * out on WhatsApp (the outbox's fallback; same number). Sends only to numbers that wrote first,
 * never to an opted-out number (except the opt-out confirmation), and at most `dailyCap` replies per
 * number per day (more wait, and the person is told once). Stores segments and encoding of every
 * SMS; asks Twilio for status callbacks when a URL is configured.
 */
export class TwilioSender implements Sender<string> {
  readonly channel = SMS_CHANNEL;

  constructor(private readonly options: TwilioSenderOptions) {}

  async prepare(message: OutboundMessage): Promise<PreparedMessage<string>> {
    const to = toE164(message.recipientId);
    if (!to) throw new PermanentError('no phone number', 'invalid_number');
    if (!message.lastInboundAt) throw new PermanentError('the number never wrote first', 'not_opted_in');
    const control = isControl(message);
    if (!control && (message.optedOutAt || (await this.options.optedOut(to)))) throw new HoldError('suppressed', 'opted_out');
    if (message.partsSent === 0 && !control) await this.checkDailyLimit(message, to);
    const parts = renderSms(message).filter((part) => part.length > 0);
    const infos = parts.map(smsSegments);
    return {
      parts,
      sms: { segments: infos.reduce((sum, info) => sum + info.segments, 0), encoding: infos.some((info) => info.encoding === 'UCS-2') ? 'UCS-2' : 'GSM-7' },
    };
  }

  /**
   * Over the daily limit the reply waits until the oldest reply of the last 24 hours is a day old;
   * the person is told once, in their language, that we answer again then — never silence without a word.
   */
  private async checkDailyLimit(message: OutboundMessage, to: string): Promise<void> {
    const { count, oldest } = await this.options.sentInLastDay(to);
    if (count < this.options.dailyCap) return;
    await this.tellLimit(message).catch((error: unknown) => {
      // The reply waits all the same; the next reply over the limit tries to tell again.
      logger.warn({ messageId: message.id, err: describeError(error) }, 'sms daily limit notice not sent');
    });
    throw new DeferError('daily_cap', new Date((oldest?.getTime() ?? Date.now()) + 24 * 3600_000));
  }

  /** Sends the limit notice (outside the outbox: the row it is about waits) when the person was not told yet. */
  private async tellLimit(message: OutboundMessage): Promise<void> {
    const notice = await this.options.limitNotice?.(message);
    if (!notice) return;
    const [body] = renderSms({ activity: { text: notice } });
    const { providerMessageId } = await this.post(message, body);
    await this.options.recordNotice?.(message, body, providerMessageId);
  }

  async send(message: OutboundMessage, body: string, index: number): Promise<{ providerMessageId: string }> {
    try {
      return await this.post(message, body, index);
    } catch (error) {
      if (!(error instanceof PermanentError) || error.code !== TWILIO_UNSUBSCRIBED) throw error;
      // Twilio opted the number out itself (a STOP-class word while its default handling is on): so do we.
      const to = toE164(message.recipientId);
      if (to) await this.options.optedOutAtProvider?.(to);
      throw new HoldError('suppressed', 'opted_out_at_twilio');
    }
  }

  /** One Messages API request; `index`: the row's part, named in the status callback URL (none for a notice). */
  private async post(message: OutboundMessage, body: string, index?: number): Promise<{ providerMessageId: string }> {
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
          ...(this.options.statusCallbackUrl && index !== undefined ? { StatusCallback: statusCallbackFor(this.options.statusCallbackUrl, { messageId: message.id, part: index }) } : {}),
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
