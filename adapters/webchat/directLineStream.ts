import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { MessageFeed } from './messageFeed';
import { describeError, logger } from '../../kernel/logger';
import type { TranscriptService } from '../../services/transcriptService';
import type { ActivityReader } from './activityReader';
import type { DirectLineTokens } from './directLineTokens';
import type { OutageBuffer } from './outageBuffer';

const STREAM_PATH = /^\/v3\/directline\/conversations\/([^/?]+)\/stream$/;
/** A client that has not answered a ping within this interval is gone (a half-open TCP connection). */
const HEARTBEAT_MS = 30_000;
/** While database notifications are not arriving, streams look for new messages this often. */
const FALLBACK_READ_MS = 3_000;
/** Web Chat only sends empty keep-alive frames; anything bigger is not ours. */
const MAX_CLIENT_FRAME_BYTES = 4096;

/** Dependencies of the Direct Line streams. */
export interface DirectLineStreamDeps {
  tokens: DirectLineTokens;
  transcripts: Pick<TranscriptService, 'findConversation'>;
  reader: ActivityReader;
  feed: MessageFeed;
  outage: OutageBuffer;
  /** The channel id of web chat conversations in the transcript. */
  channel: string;
}

/** One open stream: its conversation and how far the client has been sent. */
interface Stream {
  socket: WebSocket;
  conversationId: string;
  channelConversationId: string;
  after: bigint;
  alive: boolean;
  reading: boolean;
  readAgain: boolean;
  /** A read is scheduled for the next turn of the event loop (several notifications, one read). */
  woken: boolean;
}

/**
 * Direct Line 3.0 WebSocket streams, the transport Web Chat uses by default: the client opens the
 * `streamUrl` returned when it starts (or reconnects to) a conversation and receives
 * `{"activities":[…],"watermark":"…"}` frames — first what it has not seen, then, each time the
 * database announces a message of its conversation (`MessageFeed`), what the transcript holds after
 * the stream's watermark. No polling, so a reply arrives as soon as it is committed and an idle
 * page costs nothing. Reference:
 * https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-direct-line-3-0-receive-activities#websocket
 */
export class DirectLineStreams {
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME_BYTES });
  private readonly streams = new Set<Stream>();
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(private readonly deps: DirectLineStreamDeps) {
    deps.outage.on('notice', (channelConversationId) => this.wakeChannelConversation(channelConversationId));
  }

  /** Takes the HTTP server's upgrade requests for stream URLs. */
  attach(http: HttpServer): void {
    http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => void this.upgrade(req, socket, head));
    this.timers.push(setInterval(() => this.heartbeat(), HEARTBEAT_MS), setInterval(() => this.fallbackRead(), FALLBACK_READ_MS));
    for (const timer of this.timers) timer.unref();
  }

  /** The `streamUrl` for a client of this request's host (wss behind TLS). */
  streamUrl(req: IncomingMessage, conversationId: string, token: string, watermark?: string): string {
    // Behind a proxy (README, Scaling) the page's own scheme and host are in the first X-Forwarded-* value.
    const forwarded = (name: string) => String(req.headers[name] ?? '').split(',')[0].trim();
    const secure = forwarded('x-forwarded-proto') ? forwarded('x-forwarded-proto') === 'https' : 'encrypted' in req.socket && Boolean(req.socket.encrypted);
    const host = forwarded('x-forwarded-host') || req.headers.host || 'localhost';
    const query = new URLSearchParams({ t: token, ...(watermark ? { watermark } : {}) });
    return `${secure ? 'wss' : 'ws'}://${host}/v3/directline/conversations/${encodeURIComponent(conversationId)}/stream?${query}`;
  }

  /** Closes every stream (shutdown); clients reconnect to another process or when this one is back. */
  close(): void {
    for (const timer of this.timers) clearInterval(timer);
    for (const stream of this.streams) stream.socket.close(1001, 'server shutting down');
    this.server.close();
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = STREAM_PATH.exec(url.pathname);
    if (!match) return void refuse(socket, 404, 'Not Found');
    const channelConversationId = decodeURIComponent(match[1]);
    const claims = this.deps.tokens.verify(url.searchParams.get('t') ?? '');
    if (!claims || claims.conversationId !== channelConversationId) return void refuse(socket, 403, 'Forbidden');
    const watermark = url.searchParams.get('watermark') ?? '';
    if (watermark && watermark !== '-' && !/^\d{1,18}$/.test(watermark)) return void refuse(socket, 400, 'Bad Request');
    let conversationId: string | undefined;
    try {
      conversationId = await this.deps.transcripts.findConversation(this.deps.channel, channelConversationId);
    } catch (error) {
      logger.warn({ err: describeError(error) }, 'web chat stream refused: database unavailable');
      return void refuse(socket, 503, 'Service Unavailable');
    }
    if (!conversationId) return void refuse(socket, 404, 'Not Found');
    const after = /^\d+$/.test(watermark) ? BigInt(watermark) : 0n;
    this.server.handleUpgrade(req, socket, head, (ws) => this.open(ws, conversationId, channelConversationId, after));
  }

  private open(socket: WebSocket, conversationId: string, channelConversationId: string, after: bigint): void {
    const stream: Stream = { socket, conversationId, channelConversationId, after, alive: true, reading: false, readAgain: false, woken: false };
    this.streams.add(stream);
    const unwatch = this.deps.feed.watch(conversationId, () => this.wake(stream));
    socket.on('pong', () => (stream.alive = true));
    socket.on('error', () => socket.terminate());
    socket.on('close', () => {
      unwatch();
      this.streams.delete(stream);
    });
    void this.read(stream);
  }

  /**
   * Reads once the notifications of the moment are in: a turn's commit announces its message and
   * each of its replies at once, and one read after them sends them all.
   */
  private wake(stream: Stream): void {
    if (stream.woken) return;
    stream.woken = true;
    setImmediate(() => {
      stream.woken = false;
      void this.read(stream);
    });
  }

  /** Sends what is new since the stream's watermark; one read at a time per stream, none lost. */
  private async read(stream: Stream): Promise<void> {
    if (stream.reading) return void (stream.readAgain = true);
    stream.reading = true;
    try {
      do {
        stream.readAgain = false;
        const set = await this.deps.reader.after(stream.conversationId, stream.channelConversationId, stream.after);
        if (stream.socket.readyState !== WebSocket.OPEN) return;
        stream.readAgain ||= set.more;
        stream.after = set.watermark;
        if (set.activities.length) stream.socket.send(JSON.stringify({ activities: set.activities, watermark: String(set.watermark) }));
      } while (stream.readAgain);
    } catch (error) {
      logger.warn({ err: describeError(error) }, 'web chat stream read failed');
    } finally {
      stream.reading = false;
    }
  }

  private wakeChannelConversation(channelConversationId: string): void {
    for (const stream of this.streams) if (stream.channelConversationId === channelConversationId) this.wake(stream);
  }

  /** Pings every client; ends those that did not answer the previous ping. */
  private heartbeat(): void {
    for (const stream of this.streams) {
      if (!stream.alive) {
        stream.socket.terminate();
        continue;
      }
      stream.alive = false;
      stream.socket.ping();
    }
  }

  /** Without database notifications, streams look for themselves. */
  private fallbackRead(): void {
    if (this.deps.feed.isLive) return;
    for (const stream of this.streams) void this.read(stream);
  }
}

/** Answers an upgrade request with a plain HTTP error and closes the connection. */
function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
