import http from 'node:http';
import https from 'node:https';
import WebSocket from 'ws';

/**
 * A minimal Direct Line 3.0 client over HTTP (the endpoints Web Chat uses), shared by the
 * end-to-end tests and the turn benchmark. Activities are read either by polling
 * (`DirectLineConversation.poll`) or, as Web Chat does by default, over the conversation's
 * WebSocket stream (`DirectLineConversation.stream`).
 */

/** An activity as the Direct Line stream returns it (only what the callers read). */
export interface WireActivity {
  id: string;
  type: string;
  text?: string;
  replyToId?: string;
  from?: { id: string; role?: string };
  suggestedActions?: { actions: { title?: string; value?: unknown }[] };
}

export interface ActivitySet {
  activities: WireActivity[];
  watermark: string;
}

const REQUEST_TIMEOUT_MS = 10_000;
/** Default bound of `DirectLineStream.waitFor` (ms). */
const WAIT_TIMEOUT_MS = 30_000;
/** Web Chat sends an empty frame this often to notice a broken socket (directLineJS `timeout`). */
const PING_INTERVAL_MS = 20_000;
/** How long `DirectLineStream.close` waits for the server's close frame before dropping the socket. */
const CLOSE_TIMEOUT_MS = 2_000;

export class DirectLineError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Kept-alive connections, as a browser keeps them: the benchmark's client shares the machine with
 * the server it measures, and node:http costs it about half of what fetch does per request.
 */
const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };

function call<T>(url: string, init: { method: string; token?: string; body?: unknown }): Promise<T> {
  const target = new URL(url);
  const body = init.body !== undefined ? JSON.stringify(init.body) : undefined;
  const headers: Record<string, string | number> = {
    ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
    ...(body !== undefined ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } : {}),
  };
  const send = target.protocol === 'https:' ? https.request : http.request;
  return new Promise<T>((resolve, reject) => {
    const req = send(target, { method: init.method, headers, agent: agents[target.protocol as keyof typeof agents], timeout: REQUEST_TIMEOUT_MS }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('error', reject);
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        if (status < 200 || status >= 300) return reject(new DirectLineError(status, `${init.method} ${target.pathname} → ${status} ${text.slice(0, 200)}`));
        try {
          resolve((text ? JSON.parse(text) : {}) as T);
        } catch (error) {
          reject(error);
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error(`${init.method} ${target.pathname}: no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** One Direct Line conversation; `base` may differ per call (any server process accepts the token). */
export class DirectLineConversation {
  watermark = '';
  /** The WebSocket address the last `start` returned (undefined before, or if the server has none). */
  streamUrl: string | undefined;

  private constructor(
    readonly conversationId: string,
    readonly token: string,
    readonly userId: string | undefined,
  ) {}

  /**
   * `POST /tokens/generate` on `base`: a new conversation id and its token (no conversation yet).
   * `userId` is sent as Direct Line's `user.id`; the assistant ignores it (it issues every user id
   * itself), the echo floor uses it.
   */
  static async generate(base: string, userId?: string): Promise<DirectLineConversation> {
    const body = userId ? { user: { id: userId } } : {};
    const { conversationId, token } = await call<{ conversationId: string; token: string }>(`${base}/v3/directline/tokens/generate`, { method: 'POST', body });
    return new DirectLineConversation(conversationId, token, userId);
  }

  /** `POST /conversations`: starts it (the bot greets); keeps the `streamUrl` it answers with. */
  async start(base: string, locale?: string): Promise<void> {
    const { streamUrl } = await call<{ streamUrl?: string }>(`${base}/v3/directline/conversations`, { method: 'POST', token: this.token, body: locale ? { locale } : {} });
    this.streamUrl = streamUrl;
  }

  /**
   * Opens the WebSocket stream of the `streamUrl` kept by `start`; resolves once it is open. Its
   * frames advance this conversation's watermark.
   */
  stream(): Promise<DirectLineStream> {
    if (!this.streamUrl) return Promise.reject(new Error(`no streamUrl for ${this.conversationId} (start() not called, or the server offers no stream)`));
    return DirectLineStream.open(this.streamUrl, (watermark) => (this.watermark = watermark));
  }

  /** `POST /conversations/:id/activities`: sends a message; resolves with the activity id. */
  async send(base: string, text: string): Promise<string> {
    const { id } = await call<{ id: string }>(`${base}/v3/directline/conversations/${this.conversationId}/activities`, {
      method: 'POST',
      token: this.token,
      body: { type: 'message', text, from: { id: this.userId ?? 'user' } },
    });
    return id;
  }

  /** `GET /conversations/:id/activities?watermark=`: what is new since the last poll (advances the watermark). */
  async poll(base: string): Promise<WireActivity[]> {
    const query = this.watermark ? `?watermark=${encodeURIComponent(this.watermark)}` : '';
    const set = await call<ActivitySet>(`${base}/v3/directline/conversations/${this.conversationId}/activities${query}`, { method: 'GET', token: this.token });
    this.watermark = set.watermark;
    return set.activities;
  }
}

/** An activity as the stream delivered it, with the moment its frame arrived (`performance.now()`). */
export interface ReceivedActivity {
  activity: WireActivity;
  receivedAt: number;
}

interface Waiter {
  matches: (activity: WireActivity) => boolean;
  resolve: (received: ReceivedActivity) => void;
  reject: (error: Error) => void;
}

/**
 * A conversation's Direct Line WebSocket stream, as Web Chat reads it: text frames
 * `{"activities":[…],"watermark":"N"}` (an empty frame is a keep-alive), an empty frame sent
 * every 20 s as a ping. Everything received is kept, so a reply that arrives before the caller
 * starts waiting for it is still found.
 */
export class DirectLineStream {
  /** Every activity received since the stream opened, in order. */
  readonly received: ReceivedActivity[] = [];
  private readonly waiters = new Set<Waiter>();
  private closedBecause: Error | undefined;
  private readonly ping: NodeJS.Timeout;

  private constructor(
    private readonly socket: WebSocket,
    onWatermark: (watermark: string) => void,
  ) {
    socket.on('message', (data, isBinary) => this.onFrame(isBinary ? '' : data.toString(), onWatermark));
    socket.on('close', (code) => this.fail(new Error(`stream closed (${code})`)));
    socket.on('error', (error) => this.fail(error));
    this.ping = setInterval(() => socket.readyState === WebSocket.OPEN && socket.send(''), PING_INTERVAL_MS).unref();
  }

  /** Connects to `streamUrl`; rejects if the socket cannot be opened within the request timeout. */
  static open(streamUrl: string, onWatermark: (watermark: string) => void = () => undefined): Promise<DirectLineStream> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(streamUrl, { handshakeTimeout: REQUEST_TIMEOUT_MS });
      const stream = new DirectLineStream(socket, onWatermark);
      socket.once('open', () => resolve(stream));
      socket.once('unexpected-response', (_req, res) => {
        reject(new DirectLineError(res.statusCode ?? 0, `stream ${new URL(streamUrl).pathname} → ${res.statusCode}`));
        socket.terminate();
      });
      socket.once('error', reject);
    });
  }

  /** The first activity received (earlier or later) that `matches`; rejects after `timeoutMs` or when the stream ends. */
  waitFor(matches: (activity: WireActivity) => boolean, timeoutMs = WAIT_TIMEOUT_MS): Promise<ReceivedActivity> {
    const found = this.received.find((received) => matches(received.activity));
    if (found) return Promise.resolve(found);
    if (this.closedBecause) return Promise.reject(this.closedBecause);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => settle(() => reject(new Error(`no matching activity within ${timeoutMs} ms`))), timeoutMs);
      const settle = (then: () => void) => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
        then();
      };
      const waiter: Waiter = {
        matches,
        resolve: (received) => settle(() => resolve(received)),
        reject: (error) => settle(() => reject(error)),
      };
      this.waiters.add(waiter);
    });
  }

  /** The first bot activity answering `activityId` (its `replyToId`). */
  waitForReplyTo(activityId: string, timeoutMs?: number): Promise<ReceivedActivity> {
    return this.waitFor((activity) => fromBot(activity) && activity.replyToId === activityId, timeoutMs);
  }

  /** The first bot activity of any kind (e.g. the greeting). */
  waitForBot(timeoutMs?: number): Promise<ReceivedActivity> {
    return this.waitFor(fromBot, timeoutMs);
  }

  /** Closes the socket (normal closure) and waits for it to be closed; pending waits reject. */
  async close(): Promise<void> {
    clearInterval(this.ping);
    if (this.socket.readyState === WebSocket.CLOSED) return;
    const closed = new Promise<void>((resolve) => this.socket.once('close', () => resolve()));
    const timer = setTimeout(() => this.socket.terminate(), CLOSE_TIMEOUT_MS);
    this.socket.close(1000);
    await closed;
    clearTimeout(timer);
  }

  private onFrame(text: string, onWatermark: (watermark: string) => void): void {
    if (!text) return;
    const receivedAt = performance.now();
    let set: Partial<ActivitySet>;
    try {
      set = JSON.parse(text) as Partial<ActivitySet>;
    } catch {
      this.fail(new Error(`malformed stream frame: ${text.slice(0, 100)}`));
      this.socket.terminate();
      return;
    }
    if (set.watermark !== undefined) onWatermark(set.watermark);
    for (const activity of set.activities ?? []) {
      const received = { activity, receivedAt };
      this.received.push(received);
      for (const waiter of this.waiters) if (waiter.matches(activity)) waiter.resolve(received);
    }
  }

  private fail(error: Error): void {
    clearInterval(this.ping);
    this.closedBecause ??= error;
    for (const waiter of this.waiters) waiter.reject(this.closedBecause);
  }
}

/** True for an activity the bot sent. */
export function fromBot(activity: WireActivity): boolean {
  return activity.from?.role === 'bot';
}
