import { randomBytes } from 'node:crypto';
import type { Next, Request, RequestHandler, Response, Server } from 'restify';
import { z } from 'zod';
import type { Activity } from 'botbuilder';
import type { TurnRunner } from '../../turns/turnRunner';
import { describeError, logger } from '../../kernel/logger';
import { storable } from '../../kernel/storableText';
import { clientAddress } from '../shared/clientAddress';
import type { RateLimiter } from '../shared/rateLimiter';
import type { TranscriptService } from '../../services/transcriptService';
import { DirectLineTokens, TokenClaims, TOKEN_LIFETIME_SECONDS } from './directLineTokens';
import type { OutageBuffer } from './outageBuffer';
import type { ActivityReader } from './activityReader';
import type { DirectLineStreams } from './directLineStream';
import { readJsonBody, RawBodyError } from '../shared/rawBody';

/** The channel id under which web chat conversations are stored. */
export const WEBCHAT_CHANNEL = 'webchat';

const BASE = '/v3/directline';
const MAX_BODY_BYTES = 256 * 1024;

const postedActivity = z.object({
  type: z.enum(['message', 'event', 'typing'], { message: 'type must be message, event or typing' }),
  text: z.string().max(100_000).optional(),
  value: z.unknown().optional(),
  name: z.string().max(200).optional(),
  locale: z.string().max(35).optional(),
  channelData: z.record(z.string(), z.unknown()).optional(),
  from: z.object({ id: z.string().max(200).optional(), name: z.string().max(200).optional() }).optional(),
});

/** Seconds a client is asked to wait when the outage buffer is full. */
const OUTAGE_RETRY_AFTER_SECONDS = 30;

/** Dependencies of the Direct Line channel. */
export interface DirectLineDeps {
  runner: Pick<TurnRunner, 'receive'>;
  transcripts: TranscriptService;
  tokens: DirectLineTokens;
  /** Keeps messages and apologises while the database is down. */
  outage: OutageBuffer;
  /** Reads activities after a watermark (polls). */
  reader: ActivityReader;
  /** The WebSocket streams, whose URL the conversation endpoints hand out. */
  streams: DirectLineStreams;
  /** When set, `tokens/generate` and direct use need this secret (like Azure's Direct Line). */
  secret?: string;
  /** Messages per conversation, and new tokens per client address (behind `trustedProxyHops` proxies). */
  limits: { messages: RateLimiter; tokens: RateLimiter; trustedProxyHops: number };
}

/**
 * A self-hosted, Direct Line 3.0-compatible channel for Bot Framework Web Chat: token, conversation
 * and activity endpoints, with polling on a watermark (the transcript's sequence number) or a
 * WebSocket stream (`DirectLineStreams`). It turns posted activities into inbound messages and
 * stored replies back into activities; it knows nothing of dialogs. API reference:
 * https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-direct-line-3-0-api-reference
 */
export class DirectLineAdapter {
  constructor(private readonly deps: DirectLineDeps) {}

  /** Mounts the `/v3/directline/*` routes. */
  register(server: Server): void {
    const json = jsonBody(MAX_BODY_BYTES);
    server.post(`${BASE}/tokens/generate`, json, this.handle((req, res) => this.generateToken(req, res)));
    server.post(`${BASE}/tokens/refresh`, this.handle((req, res) => this.refreshToken(req, res)));
    server.post(`${BASE}/conversations`, json, this.handle((req, res) => this.startConversation(req, res)));
    server.get(`${BASE}/conversations/:id`, this.handle((req, res) => this.reconnect(req, res)));
    server.post(`${BASE}/conversations/:id/activities`, json, this.handle((req, res) => this.postActivity(req, res)));
    server.get(`${BASE}/conversations/:id/activities`, this.handle((req, res) => this.getActivities(req, res)));
    server.post(`${BASE}/conversations/:id/upload`, this.handle(async (_req, res) => fail(res, 400, 'BadArgument', 'Uploads are not supported.')));
    this.deps.streams.attach(server.server);
  }

  /** Starts a conversation for a web visitor: a new conversation id and a token bound to it. */
  issueToken(userId: string): { conversationId: string; token: string; expires_in: number } {
    const conversationId = `dl-${randomBytes(12).toString('base64url')}`;
    return { conversationId, token: this.deps.tokens.issue(userId, conversationId), expires_in: TOKEN_LIFETIME_SECONDS };
  }

  private handle(route: (req: Request, res: Response) => Promise<void>) {
    return async (req: Request, res: Response) => {
      try {
        await route(req, res);
      } catch (error) {
        logger.error({ route: req.getRoute()?.path, err: describeError(error) }, 'direct line request failed');
        fail(res, 503, 'ServiceUnavailable', 'The assistant is temporarily unavailable. Please try again.');
      }
    };
  }

  /**
   * A token for a new conversation of a new, server-issued user: a `user.id` in the body is
   * ignored (Direct Line lets a caller choose it; here the person is keyed on it, so a chosen id
   * would let anyone speak as anyone). The token is signed and carries the id.
   */
  private async generateToken(req: Request, res: Response): Promise<void> {
    if (this.deps.secret && bearer(req) !== this.deps.secret) return fail(res, 403, 'Forbidden', 'A valid Direct Line secret is required.');
    if (!this.allowed(res, this.deps.limits.tokens, clientAddress(req, this.deps.limits.trustedProxyHops) ?? 'unknown')) return;
    res.send(200, this.issueToken(`dl_${randomBytes(16).toString('base64url')}`));
  }

  private async refreshToken(req: Request, res: Response): Promise<void> {
    const claims = this.claims(req);
    if (!claims) return fail(res, 403, 'Forbidden', 'The token is missing, invalid or expired.');
    res.send(200, { conversationId: claims.conversationId, token: this.deps.tokens.issue(claims.userId, claims.conversationId), expires_in: TOKEN_LIFETIME_SECONDS });
  }

  private async startConversation(req: Request, res: Response): Promise<void> {
    const claims = this.claims(req) ?? this.secretClaims(req);
    if (!claims) return fail(res, 403, 'Forbidden', 'The token is missing, invalid or expired.');
    const existing = await this.deps.transcripts.findConversation(WEBCHAT_CHANNEL, claims.conversationId);
    if (!existing) {
      const locale = typeof req.body?.locale === 'string' ? req.body.locale : undefined;
      await this.deps.runner.receive({
        channel: WEBCHAT_CHANNEL,
        channelConversationId: claims.conversationId,
        channelUserId: claims.userId,
        providerMessageId: `${claims.conversationId}|start`,
        activity: { type: 'conversationUpdate', locale, membersAdded: [{ id: claims.userId, name: '' }] },
      });
    }
    res.send(existing ? 200 : 201, this.conversationResponse(req, claims));
  }

  private async reconnect(req: Request, res: Response): Promise<void> {
    const { claims } = (await this.conversationClaims(req, res)) ?? {};
    if (!claims) return;
    const watermark = String(req.query?.watermark ?? '');
    res.send(200, this.conversationResponse(req, claims, /^\d{1,18}$/.test(watermark) ? watermark : undefined));
  }

  /** A conversation as Direct Line describes it: a fresh token and the stream to read it from. */
  private conversationResponse(req: Request, claims: TokenClaims, watermark?: string) {
    const token = this.deps.tokens.issue(claims.userId, claims.conversationId);
    const streamUrl = this.deps.streams.streamUrl(req, claims.conversationId, token, watermark);
    return { conversationId: claims.conversationId, token, expires_in: TOKEN_LIFETIME_SECONDS, streamUrl };
  }

  private async postActivity(req: Request, res: Response): Promise<void> {
    const claims = this.tokenClaims(req, res);
    if (!claims) return;
    const parsed = postedActivity.safeParse(req.body);
    if (!parsed.success) return fail(res, 400, 'BadArgument', parsed.error.issues[0].message);
    if (parsed.data.type === 'typing') return void res.send(200, { id: '' });
    if (!this.allowed(res, this.deps.limits.messages, claims.conversationId)) return;
    const { from: _ignored, ...activity } = parsed.data;
    const inbound = storable({ channel: WEBCHAT_CHANNEL, channelConversationId: claims.conversationId, channelUserId: claims.userId, activity: activity as Partial<Activity> });
    try {
      if (!(await this.deps.transcripts.findConversation(WEBCHAT_CHANNEL, claims.conversationId))) return fail(res, 404, 'BadArgument', 'Conversation not found.');
      const result = await this.deps.runner.receive(inbound);
      res.send(200, { id: result.messageId });
    } catch (error) {
      // The database is down: keep the message, apologise now, answer when it is back.
      logger.error({ err: describeError(error) }, 'web chat message kept in memory: database unavailable');
      const id = this.deps.outage.keep(inbound);
      if (id) return void res.send(200, { id });
      res.header('Retry-After', String(OUTAGE_RETRY_AFTER_SECONDS));
      fail(res, 503, 'ServiceUnavailable', 'The assistant cannot take messages right now; try again shortly.');
    }
  }

  /**
   * Counts one request against a limit; over it, 429 with `Retry-After` (Web Chat then shows the
   * message as not sent, with "retry"), and nothing is stored.
   */
  private allowed(res: Response, limiter: RateLimiter, key: string): boolean {
    const rate = limiter.take(key);
    if (rate.allowed) return true;
    res.header('Retry-After', String(rate.retryAfterSeconds));
    fail(res, 429, 'Throttled', 'Too many requests; try again later.');
    return false;
  }

  private async getActivities(req: Request, res: Response): Promise<void> {
    const claims = this.tokenClaims(req, res);
    if (!claims) return;
    const watermarkText = String(req.query?.watermark ?? '');
    if (watermarkText && !/^\d{1,18}$/.test(watermarkText)) return fail(res, 400, 'BadArgument', 'watermark must be a number.');
    const after = watermarkText ? BigInt(watermarkText) : 0n;
    let conversationId: string | undefined;
    try {
      conversationId = await this.deps.transcripts.findConversation(WEBCHAT_CHANNEL, claims.conversationId);
      if (!conversationId) return fail(res, 404, 'BadArgument', 'Conversation not found.');
    } catch (error) {
      // The database is down: nothing to read but the apologies kept in memory.
      logger.warn({ err: describeError(error) }, 'web chat poll without database');
      return void res.send(200, { activities: this.deps.outage.take(claims.conversationId), watermark: String(after) });
    }
    const { activities, watermark } = await this.deps.reader.after(conversationId, claims.conversationId, after);
    res.send(200, { activities, watermark: String(watermark) });
  }

  /** The token's claims when it is valid for the conversation of the path; else answers 403. */
  private tokenClaims(req: Request, res: Response): TokenClaims | undefined {
    const claims = this.claims(req) ?? this.secretClaims(req, req.params.id);
    if (!claims) return void fail(res, 403, 'Forbidden', 'The token is missing, invalid or expired.');
    if (claims.conversationId !== req.params.id) return void fail(res, 403, 'Forbidden', 'The token is not valid for this conversation.');
    return claims;
  }

  /**
   * The claims of a request on `/conversations/:id` and the conversation's internal id, after
   * checking the token, the id and that the conversation exists.
   */
  private async conversationClaims(req: Request, res: Response): Promise<{ claims: TokenClaims; conversationId: string } | undefined> {
    const claims = this.tokenClaims(req, res);
    if (!claims) return;
    const conversationId = await this.deps.transcripts.findConversation(WEBCHAT_CHANNEL, claims.conversationId);
    if (!conversationId) return void fail(res, 404, 'BadArgument', 'Conversation not found.');
    return { claims, conversationId };
  }

  private claims(req: Request): TokenClaims | undefined {
    const token = bearer(req);
    return token ? this.deps.tokens.verify(token) : undefined;
  }

  /** With the secret itself a caller may act for a conversation (as on Azure's Direct Line). */
  private secretClaims(req: Request, conversationId?: string): TokenClaims | undefined {
    if (!this.deps.secret || bearer(req) !== this.deps.secret) return undefined;
    const id = conversationId ?? `dl-${randomBytes(12).toString('base64url')}`;
    return { userId: `dl_${id}`, conversationId: id, exp: Number.MAX_SAFE_INTEGER };
  }
}

function bearer(req: Request): string | undefined {
  const header = req.header('authorization') ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header);
  return match?.[1].trim();
}

/**
 * Reads a JSON body into `req.body` (undefined without one). Not restify's `bodyParser`: it creates
 * each body with the deprecated `new Buffer(0)`, whose deprecation check walks the call stack on
 * every request (0.02–0.03 ms of CPU per message in `bench:turns`).
 */
function jsonBody(maxBytes: number): RequestHandler {
  return (req: Request, res: Response, next: Next) => {
    readJsonBody(req, maxBytes).then(
      (body) => {
        req.body = body;
        next();
      },
      (error: unknown) => {
        if (!(error instanceof RawBodyError)) return next(error as Error);
        const message = { too_large: 'The body is too large.', invalid_json: 'The body is not valid JSON.', truncated: 'The body was cut off.', timeout: 'The body took too long.' }[error.reason];
        fail(res, error.status, 'BadArgument', message);
        next(false);
      },
    );
  };
}

function fail(res: Response, status: number, code: string, message: string): void {
  res.send(status, { error: { code, message } });
}
