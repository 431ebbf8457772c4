import { choiceForNumber, choiceMessage, OfferedChoice } from '../shared/numberedChoices';
import type { Activity } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { describeError, logger } from '../../kernel/logger';
import { storable } from '../../kernel/storableText';
import type { SentPart } from '../../outbox/sender';
import type { InboundMessage, ReceiveResult } from '../../turns/turnRunner';
import { readRawBody, RawBodyError } from '../shared/rawBody';
import { normalizeSmsChoice, SmsKeyword, smsKeyword } from './smsKeywords';
import { validTwilioSignature } from './twilioSignature';

/** The channel id under which SMS conversations are stored. */
export const SMS_CHANNEL = 'sms';
/** Twilio's inbound SMS webhook. */
export const SMS_ROUTE = '/api/sms';
/** Twilio's status callbacks for the SMS we sent (`StatusCallback` of each message). */
export const SMS_STATUS_ROUTE = '/api/sms/status';
/** Largest webhook body read (Twilio's are a few KB). */
export const SMS_MAX_BODY_BYTES = 1024 * 1024;
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

/** Answers the channel queues itself (not through a dialog). */
export type SmsNotice = 'stopped' | 'started' | 'help' | 'throttled';

/** What the person's number looks like to the channel before the turn. */
export interface SmsSenderState {
  conversationId?: string;
  optedOut: boolean;
  /** Inbound messages of this number in the last minute (before this one). */
  recentInbound: number;
  /**
   * The assistant's last message to this number asks something ({@link asksSomething}): a word such
   * as CANCEL or STOP is then an answer for the dialogs ("cancel this step", "no more messages at
   * all?" — confirmed), not an opt-out.
   */
  openQuestion?: boolean;
  /** The choices the assistant's last message offered (its numbered lines), in order. */
  offered?: readonly OfferedChoice[];
}

/**
 * True when an outbound activity is an open question: it offers choices or expects an answer
 * (`inputHint: expectingInput`, as every prompt of the dialogs does). The channel's own notices
 * (STOP confirmation, help, limits) ask nothing.
 */
export function asksSomething(activity: Partial<Activity> | null | undefined): boolean {
  if (!activity || (activity.channelData as { smsControl?: boolean } | undefined)?.smsControl) return false;
  return (activity.suggestedActions?.actions?.length ?? 0) > 0 || activity.inputHint === 'expectingInput';
}

/**
 * Twilio's `OptOutType` field of an inbound message (STOP, START, HELP): present when the number's
 * Messaging Service has Advanced Opt-Out on, and then Twilio has already acted on the keyword (a
 * STOP number is blocked on Twilio's side: nothing can be sent to it until it sends START).
 * https://help.twilio.com/articles/31560110671259 (OptOutType) and
 * https://www.twilio.com/docs/messaging/tutorials/advanced-opt-out
 */
export type TwilioOptOutType = 'STOP' | 'START' | 'HELP';

/** The `OptOutType` of an inbound form, if it is one Twilio documents. */
export function optOutTypeOf(value: string | undefined): TwilioOptOutType | undefined {
  const type = value?.trim().toUpperCase();
  return type === 'STOP' || type === 'START' || type === 'HELP' ? type : undefined;
}

/** What the channel does with one inbound SMS. */
export type SmsAction =
  /** Twilio opted the number out (or in) itself: record it; Twilio answered the person. */
  | { kind: 'provider'; optedOut: boolean }
  /** Our opt-out or opt-in keyword outside an open question: record and confirm. */
  | { kind: 'keyword'; optedOut: boolean; language?: SmsKeyword['language'] }
  /** Kept in the transcript only: an opted-out number, a repeated STOP, Twilio's HELP. */
  | { kind: 'silent'; name: string }
  | { kind: 'throttled' }
  | { kind: 'help'; language?: SmsKeyword['language'] }
  /** A message for the dialogs. */
  | { kind: 'turn' };

/**
 * Decides what an inbound SMS is. Twilio's own opt-out (OptOutType) always counts: the number is
 * blocked at Twilio whatever we think. A STOP-class word answers an open question (the dialogs
 * treat it as "cancel this step" or ask to confirm "no more messages?"); outside one it opts out,
 * with the confirmation SMS. START opts back in; while not opted out it is ordinary text.
 */
export function decideSms(body: string, optOutType: TwilioOptOutType | undefined, state: SmsSenderState, rateLimitPerMinute: number): SmsAction {
  if (optOutType === 'STOP' || optOutType === 'START') return { kind: 'provider', optedOut: optOutType === 'STOP' };
  const keyword = smsKeyword(body);
  if (state.optedOut) {
    if (keyword?.kind === 'start') return { kind: 'keyword', optedOut: false, language: keyword.language };
    return { kind: 'silent', name: keyword?.kind === 'stop' ? 'stop' : 'optedOut' };
  }
  if (keyword?.kind === 'stop' && !state.openQuestion) return { kind: 'keyword', optedOut: true, language: keyword.language };
  if (state.recentInbound >= rateLimitPerMinute) return { kind: 'throttled' };
  // Twilio answered HELP with the service's own help text already: a second answer of ours would cost an SMS.
  if (optOutType === 'HELP') return { kind: 'silent', name: 'help' };
  if (keyword?.kind === 'help') return { kind: 'help', language: keyword.language };
  return { kind: 'turn' };
}

/** What the SMS channel needs from the rest of the assistant. */
export interface SmsChannelDeps {
  authToken: string;
  /** `PUBLIC_BASE_URL`: the URL Twilio signs is this base + the path (+ query). */
  publicBaseUrl: string;
  /** Inbound SMS per number per minute before throttling. */
  rateLimitPerMinute: number;
  receive(inbound: InboundMessage): Promise<ReceiveResult>;
  senderState(channelUserId: string): Promise<SmsSenderState>;
  setOptedOut(channelUserId: string, optedOut: boolean): Promise<void>;
  /** Queues a notice in the person's language (or the keyword's); sent even to an opted-out number when `stopped`. */
  notify(conversationId: string, channelUserId: string, notice: SmsNotice, language?: string): Promise<void>;
  /** Applies a delivery status to the outbound SMS with that MessageSid (out-of-order safe). */
  applyStatus(messageSid: string, status: 'sent' | 'delivered' | 'read' | 'failed', errorCode?: string): Promise<boolean>;
  /** Records the part a status callback names (its URL query) as accepted with that MessageSid, if not yet recorded. */
  recordAccepted(messageSid: string, sent: SentPart): Promise<boolean>;
}

/**
 * The `StatusCallback` URL of an outbound part: the status route with the row id and part index in
 * the query (`?m=<row>&p=<part>`). Twilio posts every status of the message to exactly this URL and
 * signs it with its query (https://www.twilio.com/docs/usage/security#validating-requests), so a
 * callback proves a send whose acceptance the sender could not record (it died first); Twilio's
 * Messages API takes no idempotency key.
 * https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource (StatusCallback)
 */
export function statusCallbackFor(statusUrl: string, sent: SentPart): string {
  return `${statusUrl}?${new URLSearchParams({ m: sent.messageId, p: String(sent.part) }).toString()}`;
}

/** The part a status callback's query names, if any. */
function sentPartOf(query: string): SentPart | undefined {
  const params = new URLSearchParams(query);
  const messageId = params.get('m') ?? '';
  const part = params.get('p') ?? '';
  return /^[\w-]{1,64}$/.test(messageId) && /^\d{1,4}$/.test(part) ? { messageId, part: Number(part) } : undefined;
}

/** Twilio's `MessageStatus` values as outbound row statuses; the others (queued, sending, accepted…) change nothing. */
const STATUS_OF: Record<string, 'sent' | 'delivered' | 'read' | 'failed'> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  undelivered: 'failed',
  failed: 'failed',
};

/**
 * Twilio's inbound SMS webhook (`POST /api/sms`, form-encoded) and its status callbacks
 * (`POST /api/sms/status`: MessageSid, MessageStatus, ErrorCode). The `X-Twilio-Signature` is
 * checked over `PUBLIC_BASE_URL` + path and all received fields before anything is stored.
 * Handles STOP/START/HELP keywords outside an open question (and what Twilio's `OptOutType` says it
 * did) and a per-number rate limit itself ({@link decideSms}); other messages, keywords answering
 * an open question included, become activities for the turn runner. Answers an empty TwiML `<Response/>`: replies go out through
 * the REST API (the outbox). Knows nothing of dialogs.
 */
export class TwilioSmsChannel {
  constructor(private readonly deps: SmsChannelDeps) {}

  register(server: Server): void {
    server.post(SMS_ROUTE, async (req: Request, res: Response) => this.inbound(req, res));
    server.post(SMS_STATUS_ROUTE, async (req: Request, res: Response) => this.status(req, res));
  }

  /**
   * The form fields of a request whose body and signature are good; else answers 4xx (one log line
   * with the reason only) and gives undefined.
   */
  private async signedForm(req: Request, res: Response, route: string): Promise<{ form: Map<string, string>; bytes: number } | undefined> {
    let raw: Buffer;
    try {
      raw = await readRawBody(req, SMS_MAX_BODY_BYTES);
    } catch (error) {
      refuse(res, route, error instanceof RawBodyError ? error.status : 400, error instanceof RawBodyError ? error.reason : 'unreadable', 0, true);
      return undefined;
    }
    const params = [...new URLSearchParams(raw.toString('utf8')).entries()];
    const query = req.getQuery() ? `?${req.getQuery()}` : '';
    const url = `${this.deps.publicBaseUrl.replace(/\/$/, '')}${route}${query}`;
    if (!validTwilioSignature(this.deps.authToken, req.header('x-twilio-signature'), url, params)) {
      refuse(res, route, 403, 'bad_signature', raw.length);
      return undefined;
    }
    return { form: new Map(params), bytes: raw.length };
  }

  private async inbound(req: Request, res: Response): Promise<void> {
    const signed = await this.signedForm(req, res, SMS_ROUTE);
    if (!signed) return;
    const { form, bytes } = signed;
    const from = form.get('From') ?? '';
    const sid = form.get('MessageSid') ?? form.get('SmsSid') ?? '';
    const body = form.get('Body');
    if (!/^\+?[0-9]{5,20}$/.test(from) || !SID.test(sid) || body === undefined || body.length > 10_000) {
      return refuse(res, SMS_ROUTE, 400, 'unexpected_fields', bytes);
    }
    try {
      await this.handle(from, sid, body, optOutTypeOf(form.get('OptOutType')));
    } catch (error) {
      logger.error({ route: SMS_ROUTE, err: describeError(error) }, 'sms webhook could not be stored');
      res.send(503, { error: 'unavailable' });
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
    res.end(EMPTY_TWIML);
  }

  /** A status callback: sent, delivered, undelivered/failed (with ErrorCode) update the outbound row. */
  private async status(req: Request, res: Response): Promise<void> {
    const signed = await this.signedForm(req, res, SMS_STATUS_ROUTE);
    if (!signed) return;
    const sid = signed.form.get('MessageSid') ?? signed.form.get('SmsSid') ?? '';
    const reported = signed.form.get('MessageStatus') ?? signed.form.get('SmsStatus') ?? '';
    const errorCode = signed.form.get('ErrorCode');
    if (!SID.test(sid) || !/^[a-z_-]{1,32}$/.test(reported) || (errorCode !== undefined && !/^[0-9]{0,10}$/.test(errorCode))) {
      return refuse(res, SMS_STATUS_ROUTE, 400, 'unexpected_fields', signed.bytes);
    }
    const status = STATUS_OF[reported];
    const sent = sentPartOf(req.getQuery() ?? '');
    try {
      // Any status (queued, sent, failed…) proves that Twilio accepted the message.
      if (sent) await this.deps.recordAccepted(sid, sent);
      if (status) await this.deps.applyStatus(sid, status, errorCode || undefined);
    } catch (error) {
      // Twilio retries a 5xx; the status is applied then (statuses never move back).
      logger.error({ route: SMS_STATUS_ROUTE, err: describeError(error) }, 'sms status could not be stored');
      res.send(503, { error: 'unavailable' });
      return;
    }
    res.send(204);
  }

  private async handle(from: string, sid: string, body: string, optOutType?: TwilioOptOutType): Promise<void> {
    const state = await this.deps.senderState(from);
    const action = decideSms(body, optOutType, state, this.deps.rateLimitPerMinute);
    const store = (activity: InboundMessage['activity']) =>
      this.deps.receive(storable({ channel: SMS_CHANNEL, channelConversationId: from, channelUserId: from, providerMessageId: sid, activity }));
    // Kept in the transcript as an event the dialogs do not answer.
    const event = (name: string, value: string, sms: Record<string, unknown>) => store({ type: 'event', name, value, channelData: { sms } });
    switch (action.kind) {
      case 'provider': {
        const kind = action.optedOut ? 'stop' : 'start';
        const result = await event('smsKeyword', kind, { keyword: kind, optOutType });
        // Twilio blocked (or unblocked) the number and answered it with its own configured reply.
        if (!result.duplicate && action.optedOut !== state.optedOut) await this.deps.setOptedOut(from, action.optedOut);
        return;
      }
      case 'keyword': {
        const kind = action.optedOut ? 'stop' : 'start';
        const result = await event('smsKeyword', kind, { keyword: kind });
        if (result.duplicate) return;
        await this.deps.setOptedOut(from, action.optedOut);
        await this.deps.notify(result.conversationId, from, action.optedOut ? 'stopped' : 'started', action.language);
        return;
      }
      case 'silent':
        await event('smsKeyword', action.name, { keyword: action.name, optOutType });
        return;
      case 'throttled': {
        // What the person wrote is kept (a volunteer can read it); it is not answered.
        const result = await store({ type: 'event', name: 'smsThrottled', text: body, channelData: { sms: { throttled: true } } });
        if (!result.duplicate && state.recentInbound === this.deps.rateLimitPerMinute) await this.deps.notify(result.conversationId, from, 'throttled');
        return;
      }
      case 'help': {
        const result = await event('smsKeyword', 'help', { keyword: 'help' });
        if (!result.duplicate) await this.deps.notify(result.conversationId, from, 'help', action.language);
        return;
      }
      case 'turn': {
        const text = normalizeSmsChoice(body);
        // The number of a numbered line is the choice on that line (its id), like a tap elsewhere.
        const choice = choiceForNumber(state.offered ?? [], text);
        const message = choice ? choiceMessage(choice) : { type: 'message', text };
        await store({ ...message, channelData: { sms: { original: body === text ? undefined : 'number_word' } } });
      }
    }
  }
}

/** A Twilio message id: two letters and 32 hex digits. */
const SID = /^[A-Za-z]{2}[0-9a-fA-F]{32}$/;

/** A 4xx answer and one log line with the reason only (no body, no number, no text). */
function refuse(res: Response, route: string, status: number, reason: string, bytes: number, close = false): void {
  logger.warn({ route, status, reason, bytes }, 'sms webhook refused');
  if (close) res.header('Connection', 'close');
  res.send(status, { error: reason });
}
