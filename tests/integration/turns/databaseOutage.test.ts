import net from 'node:net';
import { startApp, App } from '../../../app/app';
import { loadConfig } from '../../../app/config';
import { translator } from '../../../i18n/translator';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../support/database';

/**
 * A TCP proxy in front of PostgreSQL: closing it is the database going down (every connection
 * cut, new ones refused); opening it again on the same port is the database coming back.
 */
class SwitchableProxy {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  async close(): Promise<void> {
    this.sockets.forEach((socket) => socket.destroy());
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

async function until<T>(what: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await what().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const onPostgres = databaseKinds.includes('postgres') ? describe : describe.skip;

onPostgres('the database goes down during a conversation and comes back', () => {
  let db: TestDatabase;
  let proxy: SwitchableProxy;
  let app: App;

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    const url = new URL((db.target as { url: string }).url);
    proxy = new SwitchableProxy({ host: url.hostname, port: Number(url.port || 5432) });
    await proxy.open();
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    app = await startApp(loadConfig({ PORT: '0', DATABASE_URL: url.toString(), SEED_DEMO_DATA: 'false' }));
  });
  afterAll(async () => {
    await app?.close();
    await proxy?.close();
    await db?.drop();
  });

  test('apology and 503 from /readyz while down; the message is answered once it is back', async () => {
    const dl = `${app.url}/v3/directline`;
    const { token } = (await (await fetch(`${dl}/tokens/generate`, { method: 'POST' })).json()) as { token: string };
    const { conversationId } = (await (await fetch(`${dl}/conversations`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).json()) as { conversationId: string };
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const poll = async () => (await (await fetch(`${dl}/conversations/${conversationId}/activities`, { headers })).json()) as { activities: { text?: string; from: { role?: string } }[] };
    await until(async () => ((await poll()).activities.length >= 2 ? true : undefined));

    await proxy.close();
    expect((await fetch(`${app.url}/readyz`)).status).toBe(503);
    const posted = await fetch(`${dl}/conversations/${conversationId}/activities`, { method: 'POST', headers, body: JSON.stringify({ type: 'message', text: 'English', locale: 'en-GB' }) });
    expect(posted.status).toBe(200);
    const whileDown = await poll();
    expect(whileDown.activities.map((a) => a.text)).toContain(translator.t('en', 'webchat.unavailable'));

    await proxy.open();
    expect(await until(async () => ((await fetch(`${app.url}/readyz`)).status === 200 ? true : undefined))).toBe(true);
    const menu = translator.t('en', 'menu.prompt');
    const after = await until(async () => {
      const { activities } = await poll();
      return activities.some((a) => a.text === menu) ? activities : undefined;
    });
    expect(after.filter((a) => a.text === 'English')).toHaveLength(1);
    expect(after.filter((a) => a.text === menu)).toHaveLength(1);
  });
});
