import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import restify, { Request, Response, Server } from 'restify';
import WebSocket, { WebSocketServer } from 'ws';
import {
  Activity,
  ActivityHandler,
  ActivityTypes,
  BotAdapter,
  ConversationState,
  MemoryStorage,
  ResourceResponse,
  TurnContext,
} from 'botbuilder';

/**
 * The framework's floor for the turn benchmark: a bare botbuilder echo bot (ActivityHandler,
 * ConversationState on MemoryStorage, a counter per conversation) behind a minimal Direct
 * Line-like endpoint on restify.
 *
 * Why this and not a TestAdapter in the bench process: the benchmark measures a turn as a web
 * chat client sees it — POST the message, then read the reply from the conversation's WebSocket
 * stream (or poll GET activities) — so the floor must pay the same costs (restify, JSON, HTTP
 * keep-alive, the WebSocket frames or the polling client, one process of its own) and only leave
 * out what the assistant adds: durable inbox/outbox, the turn lock, state in a database, dialogs,
 * i18n. Like the real channel, POST answers once the message is accepted and the turn runs
 * afterwards, one at a time per conversation; the token is an opaque random string (no HMAC),
 * activities are kept in memory, read with a numeric watermark, and pushed — the user's own
 * messages too — to the conversation's open streams (`streamUrl` of the start response).
 */

interface EchoConversation {
  activities: Partial<Activity>[];
  chain: Promise<void>;
  streams: Set<WebSocket>;
}

const STREAM_PATH = /^\/v3\/directline\/conversations\/([^/]+)\/stream$/;

/** A Direct Line stream frame of `conversation`'s activities from index `start` on. */
function frame(conversation: EchoConversation, start: number): string {
  return JSON.stringify({ activities: conversation.activities.slice(start), watermark: String(conversation.activities.length - 1) });
}

/** Adds `activity` to the conversation and pushes it to its open streams. */
function append(conversation: EchoConversation, activity: Partial<Activity>): void {
  conversation.activities.push(activity);
  if (!conversation.streams.size) return;
  const text = frame(conversation, conversation.activities.length - 1);
  for (const stream of conversation.streams) stream.send(text);
}

class EchoAdapter extends BotAdapter {
  constructor(private readonly conversations: Map<string, EchoConversation>) {
    super();
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const conversation = this.conversations.get(context.activity.conversation?.id ?? '');
    if (!conversation) throw new Error('unknown conversation');
    return activities.map((activity) => {
      const id = `${conversation.activities.length}`;
      append(conversation, { ...activity, id, timestamp: new Date() });
      return { id };
    });
  }

  updateActivity(): Promise<void> {
    return Promise.reject(new Error('not supported'));
  }

  deleteActivity(): Promise<void> {
    return Promise.reject(new Error('not supported'));
  }

  continueConversation(): Promise<void> {
    return Promise.reject(new Error('not supported'));
  }

  process(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    return this.runMiddleware(new TurnContext(this, activity), logic);
  }
}

class EchoBot extends ActivityHandler {
  private readonly count;

  constructor(private readonly state: ConversationState) {
    super();
    this.count = state.createProperty<number>('count');
    this.onMembersAdded(async (context, next) => {
      await context.sendActivities([
        { type: ActivityTypes.Message, text: 'Hello!' },
        { type: ActivityTypes.Message, text: 'Say something.' },
      ]);
      await next();
    });
    this.onMessage(async (context, next) => {
      const count = (await this.count.get(context, 0)) + 1;
      await this.count.set(context, count);
      await context.sendActivity(`${count}: ${context.activity.text ?? ''}`);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.state.saveChanges(context, false);
  }
}

/** Mounts the echo bot's Direct Line-like routes and stream on a new restify server (not yet listening). */
export function createEchoServer(): Server {
  const conversations = new Map<string, EchoConversation>();
  const tokens = new Map<string, { conversationId: string; userId: string }>();
  const adapter = new EchoAdapter(conversations);
  const bot = new EchoBot(new ConversationState(new MemoryStorage()));
  const server = restify.createServer({ name: 'echo', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  const json = restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false });

  const bearer = (req: Request) => /^Bearer\s+(.+)$/i.exec(req.header('authorization') ?? '')?.[1] ?? '';
  const claims = (req: Request) => tokens.get(bearer(req));
  const enqueue = (conversationId: string, userId: string, activity: Partial<Activity>) => {
    const conversation = conversations.get(conversationId) as EchoConversation;
    const inbound: Partial<Activity> = {
      ...activity,
      id: activity.id ?? randomBytes(8).toString('hex'),
      channelId: 'echo',
      serviceUrl: '',
      timestamp: new Date(),
      conversation: { id: conversationId, isGroup: false, name: '', conversationType: 'personal' },
      from: { id: userId, name: '', role: 'user' },
      recipient: { id: 'echo-bot', name: 'Echo', role: 'bot' },
    };
    conversation.chain = conversation.chain.then(() => adapter.process(inbound, (context) => bot.run(context))).catch(() => undefined);
    return inbound.id as string;
  };

  server.post('/v3/directline/tokens/generate', json, async (req: Request, res: Response) => {
    const conversationId = `echo-${randomBytes(12).toString('base64url')}`;
    const userId = (req.body?.user?.id as string | undefined) ?? `u_${randomBytes(8).toString('hex')}`;
    const token = randomBytes(24).toString('base64url');
    tokens.set(token, { conversationId, userId });
    res.send(200, { conversationId, token, expires_in: 3600 });
  });
  server.post('/v3/directline/conversations', json, async (req: Request, res: Response) => {
    const claim = claims(req);
    if (!claim) return void res.send(403, { error: { code: 'Forbidden' } });
    if (!conversations.has(claim.conversationId)) {
      conversations.set(claim.conversationId, { activities: [], chain: Promise.resolve(), streams: new Set() });
      enqueue(claim.conversationId, claim.userId, { type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: claim.userId, name: '' }] });
    }
    const streamUrl = `ws://${req.headers.host}/v3/directline/conversations/${claim.conversationId}/stream?t=${bearer(req)}`;
    res.send(201, { conversationId: claim.conversationId, streamUrl });
  });
  server.post('/v3/directline/conversations/:id/activities', json, async (req: Request, res: Response) => {
    const claim = claims(req);
    if (!claim || claim.conversationId !== req.params.id || !conversations.has(claim.conversationId)) return void res.send(403, { error: { code: 'Forbidden' } });
    const id = enqueue(claim.conversationId, claim.userId, { type: 'message', text: String(req.body?.text ?? '') });
    append(conversations.get(claim.conversationId) as EchoConversation, { type: 'message', id: `in-${id}`, text: req.body?.text, from: { id: claim.userId, name: '', role: 'user' } });
    res.send(200, { id });
  });
  server.get('/v3/directline/conversations/:id/activities', async (req: Request, res: Response) => {
    const claim = claims(req);
    const conversation = conversations.get(req.params.id);
    if (!claim || claim.conversationId !== req.params.id || !conversation) return void res.send(403, { error: { code: 'Forbidden' } });
    const after = Number(req.query?.watermark ?? -1);
    const start = Number.isFinite(after) ? after + 1 : 0;
    const activities = conversation.activities.slice(start);
    res.send(200, { activities, watermark: String(conversation.activities.length - 1) });
  });
  server.get('/readyz', async (_req: Request, res: Response) => res.send(200, { status: 'ready' }));

  const streams = new WebSocketServer({ noServer: true });
  server.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://echo');
    const conversationId = STREAM_PATH.exec(url.pathname)?.[1] ?? '';
    const conversation = conversations.get(conversationId);
    if (!conversation || tokens.get(url.searchParams.get('t') ?? '')?.conversationId !== conversationId) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    streams.handleUpgrade(req, socket, head, (stream) => {
      const after = Number(url.searchParams.get('watermark') || -1);
      const start = Number.isFinite(after) ? after + 1 : 0;
      if (start < conversation.activities.length) stream.send(frame(conversation, start));
      conversation.streams.add(stream);
      stream.on('close', () => conversation.streams.delete(stream));
    });
  });
  return server;
}
