import WebSocket from 'ws';
import { Client } from 'pg';
import { startApp, App } from '../../../../app/app';
import { loadConfig } from '../../../../app/config';
import { translator } from '../../../../i18n/translator';
import { enqueueOutbound } from '../../../../outbox/enqueueOutbound';
import { LISTENER_APPLICATION_NAME } from '../../../../db/pgListener';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../../support/database';

interface WireActivity { id: string; type: string; text?: string; replyToId?: string; from: { id: string; role?: string } }
interface Frame { activities: WireActivity[]; watermark: string }
interface Started { conversationId: string; token: string; streamUrl: string }

const WAIT_MS = 15_000;

async function post<T>(app: App, path: string, token?: string, body: object = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(`${app.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

async function startConversation(app: App): Promise<Started> {
  const { body } = await post<{ token: string }>(app, '/v3/directline/tokens/generate');
  const started = await post<Started>(app, '/v3/directline/conversations', body.token);
  expect(started.status).toBe(201);
  return started.body;
}

async function send(app: App, c: Started, text: string): Promise<string> {
  const posted = await post<{ id: string }>(app, `/v3/directline/conversations/${c.conversationId}/activities`, c.token, { type: 'message', text, from: { id: 'user' } });
  expect(posted.status).toBe(200);
  return posted.body.id;
}

/** A WebSocket client as Web Chat uses it: collects every frame; waits for an activity. */
class StreamClient {
  readonly frames: Frame[] = [];
  private waiters: (() => void)[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const text = data.toString();
      if (!text) return;
      this.frames.push(JSON.parse(text) as Frame);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  static open(url: string): Promise<StreamClient> {
    const socket = new WebSocket(url);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new StreamClient(socket)));
      socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      socket.once('error', reject);
    });
  }

  get activities(): WireActivity[] {
    return this.frames.flatMap((f) => f.activities);
  }

  /** Resolves with the first activity matching, already received or to come. */
  async next(match: (a: WireActivity) => boolean): Promise<WireActivity> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const found = this.activities.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching activity within ${WAIT_MS} ms; got ${this.activities.map((a) => a.text).join(' | ')}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  close(): void {
    this.socket.close();
  }
}

/** The HTTP status an upgrade to `url` is refused with. */
function refusal(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('open', () => reject(new Error('the upgrade was accepted')));
    socket.once('error', () => undefined);
  });
}

const fromBot = (a: WireActivity) => a.from.role === 'bot';

describe.each(databaseKinds)('Direct Line WebSocket streams (%s)', (kind) => {
  let db: TestDatabase;
  let app: App;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    app = await startApp(loadConfig({ PORT: '0', DATA_DIR: 'memory://', SEED_DEMO_DATA: 'false', LOG_LEVEL: 'silent' }), db);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await db?.drop().catch(() => undefined);
  });

  test('the stream brings the greeting, the echo of each message and its reply, in order, each once', async () => {
    const c = await startConversation(app);
    expect(c.streamUrl).toMatch(new RegExp(`^ws://${new URL(app.url).host}/v3/directline/conversations/${c.conversationId}/stream\\?t=`));
    const stream = await StreamClient.open(c.streamUrl);
    await stream.next((a) => fromBot(a) && (a.text ?? '').includes(translator.t('en', 'language.prompt')));
    const id = await send(app, c, 'English');
    expect((await stream.next((a) => a.id === id)).from.role).not.toBe('bot');
    expect((await stream.next((a) => fromBot(a) && a.replyToId === id && a.text === translator.t('en', 'menu.prompt'))).type).toBe('message');
    const second = await send(app, c, 'taal');
    await stream.next((a) => fromBot(a) && a.replyToId === second);
    await app.assistant.runner.idle();
    const ids = stream.activities.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    const watermarks = stream.frames.map((f) => BigInt(f.watermark));
    expect([...watermarks].sort((a, b) => (a < b ? -1 : 1))).toEqual(watermarks);
    // Polling sees exactly what the stream delivered.
    const polled = await fetch(`${app.url}/v3/directline/conversations/${c.conversationId}/activities`, { headers: { authorization: `Bearer ${c.token}` } });
    expect(((await polled.json()) as Frame).activities.map((a) => a.id)).toEqual(ids);
    stream.close();
  });

  test('reconnecting with a watermark streams only what came after it', async () => {
    const c = await startConversation(app);
    const first = await StreamClient.open(c.streamUrl);
    await first.next((a) => fromBot(a) && (a.text ?? '').includes(translator.t('en', 'language.prompt')));
    await app.assistant.runner.idle();
    const polled = await fetch(`${app.url}/v3/directline/conversations/${c.conversationId}/activities`, { headers: { authorization: `Bearer ${c.token}` } });
    const seen = ((await polled.json()) as Frame).watermark;
    first.close();
    const id = await send(app, c, 'Nederlands');
    const reconnected = await fetch(`${app.url}/v3/directline/conversations/${c.conversationId}?watermark=${seen}`, { headers: { authorization: `Bearer ${c.token}` } });
    const { streamUrl } = (await reconnected.json()) as Started;
    expect(streamUrl).toContain(`watermark=${seen}`);
    const second = await StreamClient.open(streamUrl);
    await second.next((a) => fromBot(a) && a.replyToId === id);
    expect(second.activities[0].id).toBe(id);
    second.close();
  });

  test('a history longer than a page comes in several frames, in order, each message once', async () => {
    const c = await startConversation(app);
    await app.assistant.runner.idle();
    const row = await app.db.prisma.conversation.findFirstOrThrow({ where: { channel: 'webchat', channelConversationId: c.conversationId } });
    const ids: string[] = [];
    for (let i = 0; i < 250; i++) ids.push(await enqueueOutbound(app.db.prisma, row.id, 'webchat', { text: `note ${i}` }));
    const stream = await StreamClient.open(c.streamUrl);
    await stream.next((a) => a.id === ids.at(-1));
    const notes = stream.activities.filter((a) => (a.text ?? '').startsWith('note '));
    expect(notes.map((a) => a.id)).toEqual(ids);
    expect(stream.frames.length).toBeGreaterThanOrEqual(3);
    stream.close();
  });

  test('a message written outside a turn, by another connection, reaches the open stream', async () => {
    const c = await startConversation(app);
    const stream = await StreamClient.open(c.streamUrl);
    await stream.next((a) => fromBot(a) && (a.text ?? '').includes(translator.t('en', 'language.prompt')));
    const row = await app.db.prisma.conversation.findFirstOrThrow({ where: { channel: 'webchat', channelConversationId: c.conversationId } });
    const id = await enqueueOutbound(app.db.prisma, row.id, 'webchat', { text: 'from the console' });
    expect((await stream.next((a) => a.id === id)).from.role).toBe('bot');
    if (db.target.kind === 'postgres') {
      // Another process (here: another connection) writes: PostgreSQL's NOTIFY reaches this one.
      const other = new Client({ connectionString: db.target.url });
      await other.connect();
      const inserted = await other.query<{ id: string }>(
        `INSERT INTO message (id, "conversationId", channel, direction, activity, status) VALUES (gen_random_uuid(), $1, 'webchat', 'out', $2, 'queued') RETURNING id`,
        [row.id, { type: 'message', text: 'from another process' }],
      );
      await other.end();
      await stream.next((a) => a.id === inserted.rows[0].id);
    }
    stream.close();
  });

  test('turns and other writers at once: the stream delivers the transcript exactly, each message once, in order', async () => {
    // The stream is handed the turn's own messages as stored and reads the others: together they
    // must still be the transcript, with nothing skipped or repeated.
    const c = await startConversation(app);
    const stream = await StreamClient.open(c.streamUrl);
    await stream.next((a) => fromBot(a) && (a.text ?? '').includes(translator.t('en', 'language.prompt')));
    const row = await app.db.prisma.conversation.findFirstOrThrow({ where: { channel: 'webchat', channelConversationId: c.conversationId } });
    const others = (async () => {
      for (let i = 0; i < 12; i++) {
        await enqueueOutbound(app.db.prisma, row.id, 'webchat', { text: `notice ${i}` });
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    for (const text of ['English', 'taal', 'Nederlands', '1']) {
      const id = await send(app, c, text);
      await stream.next((a) => fromBot(a) && a.replyToId === id);
    }
    await others;
    await app.assistant.runner.idle();
    await stream.next((a) => a.text === 'notice 11');
    const polled = await fetch(`${app.url}/v3/directline/conversations/${c.conversationId}/activities`, { headers: { authorization: `Bearer ${c.token}` } });
    const transcript = ((await polled.json()) as Frame).activities.map((a) => a.id);
    expect(stream.activities.map((a) => a.id)).toEqual(transcript);
    stream.close();
  });

  (kind === 'postgres' ? test : test.skip)('when the notification connection is lost, the stream still gets new messages', async () => {
    const c = await startConversation(app);
    const stream = await StreamClient.open(c.streamUrl);
    await stream.next((a) => fromBot(a) && (a.text ?? '').includes(translator.t('en', 'language.prompt')));
    const admin = new Client({ connectionString: db.target.kind === 'postgres' ? db.target.url : '' });
    await admin.connect();
    const killed = await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`, [LISTENER_APPLICATION_NAME]);
    await admin.end();
    expect(killed.rowCount).toBe(1);
    const row = await app.db.prisma.conversation.findFirstOrThrow({ where: { channel: 'webchat', channelConversationId: c.conversationId } });
    const id = await enqueueOutbound(app.db.prisma, row.id, 'webchat', { text: 'while not listening' });
    await stream.next((a) => a.id === id);
    stream.close();
  });

  test.each([
    ['no token', (c: Started) => c.streamUrl.replace(/t=[^&]+/, 't='), 403],
    ['a forged token', (c: Started) => c.streamUrl.replace(/t=[^.&]+/, 't=forged'), 403],
    ['a token of another conversation', (c: Started, other: Started) => other.streamUrl.replace(other.conversationId, c.conversationId), 403],
    ['a bad watermark', (c: Started) => `${c.streamUrl}&watermark=abc`, 400],
    ['another path', (c: Started) => c.streamUrl.replace('/stream?', '/streams?'), 404],
  ])('an upgrade with %s is refused', async (_name, url, status) => {
    const [c, other] = [await startConversation(app), await startConversation(app)];
    expect(await refusal(url(c, other))).toBe(status);
  });

  test('behind a TLS proxy the stream address is the page\'s own, over wss', async () => {
    const { body } = await post<{ token: string }>(app, '/v3/directline/tokens/generate');
    const response = await fetch(`${app.url}/v3/directline/conversations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${body.token}`, 'content-type': 'application/json', 'x-forwarded-proto': 'https, http', 'x-forwarded-host': 'digibank.example, internal:3978' },
      body: '{}',
    });
    expect(((await response.json()) as Started).streamUrl).toMatch(/^wss:\/\/digibank\.example\/v3\/directline\/conversations\/[^/]+\/stream\?t=/);
  });

  test('a token for a conversation never started is refused with 404', async () => {
    const { body } = await post<{ token: string; conversationId: string }>(app, '/v3/directline/tokens/generate');
    const url = `${app.url.replace('http', 'ws')}/v3/directline/conversations/${body.conversationId}/stream?t=${body.token}`;
    expect(await refusal(url)).toBe(404);
  });
});
