import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { describeError, logger } from '../../kernel/logger';
import { isDataError, storable } from '../../kernel/storableText';
import type { SentPart } from '../../outbox/sender';
import type { InboundMessage, ReceiveResult } from '../../turns/turnRunner';
import { choiceMessage, OfferedChoice } from '../shared/numberedChoices';
import type { RateLimiter } from '../shared/rateLimiter';
import { readRawBody, RawBodyError } from '../shared/rawBody';

/** The channel id under which WhatsApp conversations are stored. */
export const WHATSAPP_CHANNEL = 'whatsapp';
/** Largest webhook body accepted (Meta's are a few kB). */
export const WHATSAPP_MAX_BODY_BYTES = 1024 * 1024;
const ROUTE = '/api/whatsapp';
/**
 * The event a message the assistant cannot read (voice, photo, file…) becomes; its turn answers
 * it kindly in the person's language (whatsAppMount.ts), in order with the other turns.
 */
export const UNSUPPORTED_MEDIA_EVENT = 'unsupportedMedia';
/** A message over the number's rate limit: kept in the transcript, not answered; the first is told "slow down". */
export const THROTTLED_EVENT = 'throttled';

/** Media the assistant cannot read: the person gets a kind answer instead of silence. */
const UNSUPPORTED = new Set(['audio', 'voice', 'image', 'document', 'sticker', 'video', 'contacts', 'unsupported', 'order']);
/** Message types that need no answer at all. */
const IGNORED = new Set(['reaction', 'system', 'ephemeral', 'request_welcome']);

/** What the channel needs from the rest of the assistant. */
export interface WhatsAppChannelDeps {
  verifyToken: string;
  appSecret: string;
  /** Stores the inbound message (deduplicated on its wamid) and schedules its turn. */
  receive(inbound: InboundMessage): Promise<ReceiveResult>;
  /** Messages per number per minute (CHAT_RATE_LIMIT_PER_MINUTE): Meta sets no such limit on what people send. */
  limiter: RateLimiter;
  /** Applies a delivery status to the outbound message with that wamid (out-of-order safe). */
  applyStatus(wamid: string, status: 'sent' | 'delivered' | 'read' | 'failed', errorCode?: string): Promise<boolean>;
  /** Records the part a status names (its callback data) as accepted with that wamid, if not yet recorded. */
  recordAccepted(wamid: string, sent: SentPart): Promise<boolean>;
}

/**
 * The `biz_opaque_callback_data` of an outbound part: its row id and part index. Meta echoes it in
 * every `statuses[]` entry of the message (string, at most 512 characters), so that a status proves
 * a send whose acceptance the sender could not record (it died first). Graph API sends take no
 * idempotency key, so this is how a part in doubt is reconciled instead of sent twice.
 * https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages (biz_opaque_callback_data)
 */
export function partCallbackData(sent: SentPart): string {
  return `outbox:${sent.messageId}:${sent.part}`;
}

/** The part named by a status's `biz_opaque_callback_data`, if it is ours. */
export function parsePartCallbackData(value: string | undefined): SentPart | undefined {
  const match = /^outbox:([\w-]{1,64}):(\d{1,4})$/.exec(value ?? '');
  return match ? { messageId: match[1], part: Number(match[2]) } : undefined;
}

// The parts of Meta's webhook payload we read; everything else is ignored.
const text = z.string().max(65_536);
const inboundMessage = z.object({
  from: z.string().regex(/^\d{5,20}$/),
  id: z.string().min(1).max(512),
  timestamp: z.string().regex(/^\d{1,12}$/).optional(),
  type: z.string().max(64),
  text: z.object({ body: text }).optional(),
  interactive: z
    .object({
      type: z.string().max(64),
      button_reply: z.object({ id: text, title: text }).optional(),
      list_reply: z.object({ id: text, title: text, description: text.optional() }).optional(),
    })
    .optional(),
  button: z.object({ text: text.optional(), payload: text.optional() }).optional(),
  location: z
    .object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180), name: text.optional(), address: text.optional() })
    .optional(),
});
const deliveryStatus = z.object({
  id: z.string().min(1).max(512),
  status: z.string().max(32),
  biz_opaque_callback_data: z.string().max(512).optional(),
  errors: z.array(z.object({ code: z.union([z.number(), z.string()]).optional() }).loose()).max(10).optional(),
});
const webhook = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z
    .array(
      z.object({
        changes: z
          .array(
            z.object({
              field: z.string().max(64).optional(),
              value: z
                .object({
                  messages: z.array(z.unknown()).max(1000).optional(),
                  statuses: z.array(z.unknown()).max(1000).optional(),
                })
                .loose(),
            }),
          )
          .max(1000),
      }),
    )
    .max(1000),
});

/**
 * The WhatsApp Cloud API webhook: Meta's verification handshake (GET) and notifications (POST).
 * The signature (`X-Hub-Signature-256`, HMAC-SHA256 of the raw body with the app secret) is checked
 * in constant time before anything is parsed or stored. Inbound messages become activities for the
 * turn runner; delivery statuses update the outbound rows. Knows nothing of dialogs.
 * Reference: https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks
 */
export class WhatsAppChannel {
  constructor(private readonly deps: WhatsAppChannelDeps) {}

  /** Mounts `GET` and `POST /api/whatsapp`. */
  register(server: Server): void {
    server.get(ROUTE, async (req: Request, res: Response) => this.verify(req, res));
    server.post(ROUTE, async (req: Request, res: Response) => this.notify(req, res));
  }

  /** `hub.mode=subscribe` with the right `hub.verify_token` → echo `hub.challenge`; else 403. */
  private verify(req: Request, res: Response): void {
    const query = new URLSearchParams(req.getQuery() ?? '');
    const token = query.get('hub.verify_token') ?? '';
    const challenge = query.get('hub.challenge') ?? '';
    if (query.get('hub.mode') !== 'subscribe' || !safeEqual(token, this.deps.verifyToken) || !/^[\w.-]{1,256}$/.test(challenge)) {
      refuse(res, 403, 'verification_refused');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(challenge);
  }

  private async notify(req: Request, res: Response): Promise<void> {
    let raw: Buffer;
    try {
      raw = await readRawBody(req, WHATSAPP_MAX_BODY_BYTES);
    } catch (error) {
      const status = error instanceof RawBodyError ? error.status : 400;
      return refuse(res, status, error instanceof RawBodyError ? error.reason : 'unreadable', { close: true });
    }
    if (!this.signatureValid(req.header('x-hub-signature-256'), raw)) return refuse(res, 401, 'bad_signature', { bytes: raw.length });
    let payload: unknown;
    try {
      payload = JSON.parse(raw.toString('utf8'));
    } catch {
      return refuse(res, 400, 'malformed_json', { bytes: raw.length });
    }
    const parsed = webhook.safeParse(payload);
    if (!parsed.success) return refuse(res, 400, 'unexpected_shape', { bytes: raw.length });
    try {
      for (const entry of parsed.data.entry) {
        for (const change of entry.changes) {
          for (const message of change.value.messages ?? []) await this.inboundOrSkip(message);
          for (const status of change.value.statuses ?? []) await this.status(status);
        }
      }
    } catch (error) {
      // Nothing is lost: Meta delivers the webhook again, and stored messages are deduplicated.
      logger.error({ route: ROUTE, err: describeError(error) }, 'whatsapp webhook could not be stored');
      res.send(503, { error: 'unavailable' });
      return;
    }
    res.send(200, { ok: true });
  }

  /** Constant-time check of `sha256=<hex>` over the raw bytes. */
  private signatureValid(header: string | undefined, raw: Buffer): boolean {
    const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header?.trim() ?? '');
    if (!match) return false;
    const expected = createHmac('sha256', this.deps.appSecret).update(raw).digest();
    return timingSafeEqual(Buffer.from(match[1], 'hex'), expected);
  }

  /**
   * Stores one message; a message whose data the database refuses (SQLSTATE class 22) would be
   * refused on every retry, so it is logged and skipped and the rest of the delivery goes on.
   */
  private async inboundOrSkip(value: unknown): Promise<void> {
    try {
      await this.inbound(value);
    } catch (error) {
      if (!isDataError(error)) throw error;
      logger.error({ route: ROUTE, err: describeError(error) }, 'whatsapp message skipped: the database refused its data');
    }
  }

  private async inbound(value: unknown): Promise<void> {
    const parsed = inboundMessage.safeParse(value);
    if (!parsed.success) {
      logger.warn({ route: ROUTE, reason: 'unexpected_message_shape' }, 'whatsapp message skipped');
      return;
    }
    const message = storable(parsed.data);
    if (IGNORED.has(message.type)) return;
    const rate = this.deps.limiter.take(message.from);
    await this.deps.receive({
      channel: WHATSAPP_CHANNEL,
      channelConversationId: message.from,
      channelUserId: message.from,
      providerMessageId: message.id,
      activity: rate.allowed ? toActivity(message) : throttled(toActivity(message), rate.firstRefusal),
    });
  }

  private async status(value: unknown): Promise<void> {
    const parsed = deliveryStatus.safeParse(value);
    if (!parsed.success) return;
    const { id, status, errors } = parsed.data;
    // Any status of a message (failed too) proves that Meta accepted it.
    const sent = parsePartCallbackData(parsed.data.biz_opaque_callback_data);
    if (sent) await this.deps.recordAccepted(id, sent);
    if (status !== 'sent' && status !== 'delivered' && status !== 'read' && status !== 'failed') return;
    const code = errors?.[0]?.code;
    await this.deps.applyStatus(id, status, code === undefined ? undefined : String(code));
  }
}

type ParsedMessage = z.infer<typeof inboundMessage>;

/**
 * A WhatsApp message as a channel-neutral activity. A tap on a reply button or list row, or on a
 * template's quick-reply button, is a choice: `text` is its display title and `value.choice` its
 * id (the id we rendered, adapters/whatsapp/whatsAppRenderer.ts), so that the dialogs match the id
 * and never run language detection on the title. Typed text has no `value`.
 */
export function toActivity(message: ParsedMessage): Partial<Activity> {
  const timestamp = message.timestamp ? new Date(Number(message.timestamp) * 1000) : new Date();
  const base = { timestamp, channelData: { whatsapp: { type: message.type } } as Record<string, unknown> };
  switch (message.type) {
    case 'text':
      return { ...base, type: 'message', text: message.text?.body ?? '' };
    case 'interactive':
    case 'button': {
      const tap = tappedChoice(message);
      if (tap) return { ...base, ...choiceMessage(tap) };
      break;
    }
    case 'location':
      if (message.location) return locationActivity(base, message.location);
      break;
    default:
      break;
  }
  // Media the assistant cannot read (and unknown types): an event that its turn answers kindly.
  return { ...base, type: 'event', name: UNSUPPORTED_MEDIA_EVENT, channelData: { ...base.channelData, unsupportedMedia: UNSUPPORTED.has(message.type) ? message.type : 'other' } };
}

/**
 * A message over the rate limit as an event the dialogs do not answer: what the person wrote is
 * kept (the transcript, a volunteer), and `value.tell` marks the one that gets "slow down".
 */
function throttled(activity: Partial<Activity>, tell: boolean): Partial<Activity> {
  return { ...activity, type: 'event', name: THROTTLED_EVENT, value: { tell } };
}

/**
 * The choice a tap selected, if the message is one. Meta's webhook carries a reply button tap as
 * `interactive: { type: 'button_reply', button_reply: { id, title } }`, a list row as
 * `interactive: { type: 'list_reply', list_reply: { id, title, description } }`, each `id` being
 * the one we sent; a template's quick-reply button comes as `type: 'button'`,
 * `button: { payload, text }`, where `payload` is the button's id and `text` its label.
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/interactive
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/button
 */
function tappedChoice(message: ParsedMessage): OfferedChoice | undefined {
  if (message.type === 'button') {
    const { payload, text: label } = message.button ?? {};
    const id = payload || label;
    return id ? { id, title: label || id } : undefined;
  }
  const reply = message.interactive?.button_reply ?? message.interactive?.list_reply;
  if (!reply || (!reply.id && !reply.title)) return undefined;
  return { id: reply.id || reply.title, title: reply.title || reply.id };
}

type ParsedLocation = NonNullable<ParsedMessage['location']>;

/** A shared location: an empty message with the coordinates (channel data and a GeoCoordinates entity). */
function locationActivity(base: { timestamp: Date; channelData: Record<string, unknown> }, location: ParsedLocation): Partial<Activity> {
  return {
    ...base,
    type: 'message',
    text: '',
    channelData: { ...base.channelData, location: { latitude: location.latitude, longitude: location.longitude, name: location.name, address: location.address } },
    entities: [{ type: 'GeoCoordinates', latitude: location.latitude, longitude: location.longitude, name: location.name ?? '' }],
  };
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A 4xx/5xx answer and one log line with the reason only (no body, no number, no text). */
function refuse(res: Response, status: number, reason: string, extra: { bytes?: number; close?: boolean } = {}): void {
  logger.warn({ route: ROUTE, status, reason, bytes: extra.bytes }, 'whatsapp webhook refused');
  if (extra.close) res.header('Connection', 'close');
  res.send(status, { error: reason });
}
