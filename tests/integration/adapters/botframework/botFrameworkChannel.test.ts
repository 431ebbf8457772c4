import { createServer as createHttpServer, request, Server as HttpServer } from 'node:http';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import restify, { Server } from 'restify';
import type { Middleware, TurnContext } from 'botbuilder';
import { BotFrameworkChannel } from '../../../../adapters/botframework/botFrameworkChannel';
import { isBotServiceUrl } from '../../../../adapters/botframework/botServiceUrl';

/** A POST to the server; resolves with the status. */
function post(url: string, body: string | Buffer, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'Content-Length': String(Buffer.byteLength(body)), ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function multipart(files: number): { body: string; type: string } {
  const boundary = 'xxBOUNDARYxx';
  const parts = Array.from({ length: files }, (_, i) => `--${boundary}\r\nContent-Disposition: form-data; name="f${i}"; filename="f${i}.bin"\r\nContent-Type: application/octet-stream\r\n\r\n${'A'.repeat(1000)}\r\n`);
  return { body: `${parts.join('')}--${boundary}--\r\n`, type: `multipart/form-data; boundary=${boundary}` };
}

describe('POST /api/messages', () => {
  let server: Server;
  let base: string;
  let internal: HttpServer;
  let internalUrl: string;
  let internalHits = 0;
  const turns: string[] = [];

  beforeAll(async () => {
    // Stands for an internal service (cloud metadata, a database admin page) the server can reach.
    internal = createHttpServer((_req, res) => {
      internalHits++;
      res.end('{}');
    });
    await new Promise<void>((resolve) => internal.listen(0, '127.0.0.1', resolve));
    internalUrl = `http://127.0.0.1:${(internal.address() as AddressInfo).port}/`;
    server = restify.createServer();
    const passThrough: Middleware = { onTurn: async (_context, next) => next() };
    new BotFrameworkChannel({
      config: { MicrosoftAppId: 'registered-app-id', MicrosoftAppPassword: 'secret', MicrosoftAppType: 'MultiTenant' },
      bot: { run: async (context: TurnContext) => void turns.push(context.activity.text ?? '') },
      lock: { run: (_id, work) => work() },
      transcript: passThrough,
      onTurnError: async () => undefined,
    }).register(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${server.address().port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await new Promise<void>((resolve) => internal.close(() => resolve()));
  });

  const activity = (serviceUrl: string) =>
    JSON.stringify({ type: 'message', id: 'a1', text: 'hallo', serviceUrl, channelId: 'msteams', from: { id: 'u' }, recipient: { id: 'b' }, conversation: { id: 'c' } });

  test('multipart bodies are refused with 415 and leave no file in the temp folder', async () => {
    const before = readdirSync(tmpdir()).length;
    const { body, type } = multipart(3);
    const statuses = await Promise.all(Array.from({ length: 20 }, () => post(`${base}/api/messages`, body, { 'Content-Type': type })));
    expect(new Set(statuses)).toEqual(new Set([415]));
    expect(readdirSync(tmpdir()).length).toBeLessThanOrEqual(before);
  });

  test.each([
    ['form-encoded', 'application/x-www-form-urlencoded', 'a=1'],
    ['plain text', 'text/plain', 'hello'],
  ])('%s bodies are refused with 415', async (_name, type, body) => {
    expect(await post(`${base}/api/messages`, body, { 'Content-Type': type })).toBe(415);
  });

  test('an activity naming a loopback or private serviceUrl is refused; the server makes no request there', async () => {
    for (const url of [internalUrl, 'http://169.254.169.254/latest/meta-data/', 'https://10.0.0.5/', 'https://evil.trafficmanager.net/']) {
      expect(await post(`${base}/api/messages`, activity(url), { 'Content-Type': 'application/json' })).toBe(403);
    }
    expect(internalHits).toBe(0);
    expect(turns).toEqual([]);
  });

  test('an activity for a Bot Service host without a valid token is refused by the channel authentication (no turn)', async () => {
    const status = await post(`${base}/api/messages`, activity('https://smba.trafficmanager.net/emea/'), { 'Content-Type': 'application/json', Authorization: 'Bearer not-a-token' });
    expect(status).toBe(401);
    expect(turns).toEqual([]);
  });

  test('broken JSON gets 400', async () => {
    expect(await post(`${base}/api/messages`, '{"type":', { 'Content-Type': 'application/json' })).toBe(400);
  });
});

describe('isBotServiceUrl', () => {
  test.each([
    ['https://smba.trafficmanager.net/emea/', true],
    ['https://webchat.botframework.com/', true],
    ['https://europe.directline.botframework.com/', true],
    ['https://token.botframework.azure.us/', true],
    ['http://webchat.botframework.com/', false],
    ['https://botframework.com.evil.example/', false],
    ['https://evil.trafficmanager.net/', false],
    ['https://webchat.botframework.com:8443/', false],
    ['https://user:pw@webchat.botframework.com/', false],
    ['http://localhost:3978/', false],
    ['not a url', false],
    [undefined, false],
  ])('%s → %s', (url, expected) => {
    expect(isBotServiceUrl(url)).toBe(expected);
  });
});
