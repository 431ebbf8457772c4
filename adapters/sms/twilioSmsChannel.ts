import type { Request, Response, Server } from 'restify';
import { logger } from '../../bot/logger';
import { describeError } from '../../bot/turnErrors';
import type { InboundMessage, ReceiveResult } from '../../bot/turnRunner';
import { readRawBody, RawBodyError } from '../shared/rawBody';
import { normalizeSmsChoice, smsKeyword } from './smsKeywords';
import { validTwilioSignature } from './twilioSignature';

/** The channel id under which SMS conversations are stored. */
export const SMS_CHANNEL = 'sms';
export const SMS_ROUTE = '/api/sms';
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
}

/**
 * Twilio's inbound SMS webhook (`POST /api/sms`, form-encoded). The `X-Twilio-Signature` is
 * checked over `PUBLIC_BASE_URL` + path and all received fields before anything is stored.
 * Handles STOP/START/HELP keywords and a per-number rate limit itself; other messages become
 * activities for the turn runner. Answers an empty TwiML `<Response/>`: replies go out through
 * the REST API (the outbox). Knows nothing of dialogs.
 */
export class TwilioSmsChannel {
  constructor(private readonly deps: SmsChannelDeps) {}

  register(server: Server): void {
    server.post(SMS_ROUTE, async (req: Request, res: Response) => this.inbound(req, res));
  }

  private async inbound(req: Request, res: Response): Promise<void> {
    let raw: Buffer;
    try {
      raw = await readRawBody(req, SMS_MAX_BODY_BYTES);
    } catch (error) {
      return refuse(res, error instanceof RawBodyError ? error.status : 400, error instanceof RawBodyError ? error.reason : 'unreadable', 0, true);
    }
    const params = [...new URLSearchParams(raw.toString('utf8')).entries()];
    const query = req.getQuery() ? `?${req.getQuery()}` : '';
    const url = `${this.deps.publicBaseUrl.replace(/\/$/, '')}${SMS_ROUTE}${query}`;
    if (!validTwilioSignature(this.deps.authToken, req.header('x-twilio-signature'), url, params)) return refuse(res, 403, 'bad_signature', raw.length);
    const form = new Map(params);
    const from = form.get('From') ?? '';
    const sid = form.get('MessageSid') ?? form.get('SmsSid') ?? '';
    const body = form.get('Body');
    if (!/^\+?[0-9]{5,20}$/.test(from) || !/^[A-Za-z]{2}[0-9a-fA-F]{32}$/.test(sid) || body === undefined || body.length > 10_000) {
      return refuse(res, 400, 'unexpected_fields', raw.length);
    }
    try {
      await this.handle(from, sid, body);
    } catch (error) {
      logger.error({ route: SMS_ROUTE, err: describeError(error) }, 'sms webhook could not be stored');
      res.send(503, { error: 'unavailable' });
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
    res.end(EMPTY_TWIML);
  }

  private async handle(from: string, sid: string, body: string): Promise<void> {
    const state = await this.deps.senderState(from);
    const keyword = smsKeyword(body);
    const store = (activity: InboundMessage['activity']) =>
      this.deps.receive({ channel: SMS_CHANNEL, channelConversationId: from, channelUserId: from, providerMessageId: sid, activity });
    if (keyword?.kind === 'stop' || keyword?.kind === 'start' || (state.optedOut && keyword === undefined)) {
      // Kept in the transcript as an event the dialogs do not answer.
      const kind = keyword?.kind ?? 'optedOut';
      const result = await store({ type: 'event', name: 'smsKeyword', value: kind, channelData: { sms: { keyword: kind } } });
      if (result.duplicate || kind === 'optedOut') return;
      if (kind === 'stop' && state.optedOut) return; // one confirmation, then nothing
      if (kind === 'start' && !state.optedOut) return;
      await this.deps.setOptedOut(from, kind === 'stop');
      await this.deps.notify(result.conversationId, from, kind === 'stop' ? 'stopped' : 'started', keyword?.language);
      return;
    }
    if (state.optedOut) return;
    if (state.recentInbound >= this.deps.rateLimitPerMinute) {
      const result = await store({ type: 'event', name: 'smsThrottled', channelData: { sms: { throttled: true } } });
      if (!result.duplicate && state.recentInbound === this.deps.rateLimitPerMinute) await this.deps.notify(result.conversationId, from, 'throttled');
      return;
    }
    if (keyword?.kind === 'help') {
      const result = await store({ type: 'event', name: 'smsKeyword', value: 'help', channelData: { sms: { keyword: 'help' } } });
      if (!result.duplicate) await this.deps.notify(result.conversationId, from, 'help', keyword.language);
      return;
    }
    await store({ type: 'message', text: normalizeSmsChoice(body), channelData: { sms: { original: body === normalizeSmsChoice(body) ? undefined : 'number_word' } } });
  }
}

/** A 4xx answer and one log line with the reason only (no body, no number, no text). */
function refuse(res: Response, status: number, reason: string, bytes: number, close = false): void {
  logger.warn({ route: SMS_ROUTE, status, reason, bytes }, 'sms webhook refused');
  if (close) res.header('Connection', 'close');
  res.send(status, { error: reason });
}
