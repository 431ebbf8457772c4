import { signWhatsApp, whatsAppTextWebhook } from '../../../support/whatsAppPayloads';
import { request } from 'node:http';
import { startApp, App } from '../../../../app/app';
import { loadConfig } from '../../../../app/config';
import { translator } from '../../../../i18n/translator';
import { eventually, FakeProviders, graphText } from '../../../support/fakeProviders';
import { insertRowInDoubt } from '../../../support/outboxRows';

const SECRET = 'whatsapp-app-secret';
const PHONE_ID = '1234567890';

function sign(body: string | Buffer): string {
  return signWhatsApp(SECRET, body);
}

let seq = 0;
function textWebhook(from: string, text: string, id = `wamid.in${++seq}`): string {
  return whatsAppTextWebhook(PHONE_ID, from, text, id);
}

function webhookOf(from: string, message: Record<string, unknown>): string {
  return JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: 'WABA', changes: [{ field: 'messages', value: {
    messaging_product: 'whatsapp', metadata: { phone_number_id: PHONE_ID },
    messages: [{ from, id: `wamid.in${++seq}`, timestamp: String(Math.floor(Date.now() / 1000)), ...message }],
  } }] }] });
}

async function post(app: App, body: string | Buffer, signature: string | null = sign(body)): Promise<number> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature) headers['x-hub-signature-256'] = signature;
  const response = await fetch(`${app.url}/api/whatsapp`, { method: 'POST', headers, body: typeof body === 'string' ? body : new Uint8Array(body) });
  await response.text();
  return response.status;
}

/** Every outbound WhatsApp row is settled (sent, failed or held): nothing in flight. */
async function settled(app: App): Promise<boolean> {
  await app.assistant.runner.idle();
  const pending = await app.db.prisma.message.count({ where: { channel: 'whatsapp', direction: 'out', status: { in: ['queued', 'sending'] } } });
  const unprocessed = await app.db.prisma.message.count({ where: { channel: 'whatsapp', direction: 'in', status: 'received' } });
  return pending === 0 && unprocessed === 0;
}

describe('WhatsApp channel (real server, fake Graph API)', () => {
  let fake: FakeProviders;
  let app: App;
  beforeAll(async () => {
    fake = await new FakeProviders().start();
    app = await startApp(loadConfig({
      PORT: '0', DATA_DIR: 'memory://', SEED_DEMO_DATA: 'false',
      WHATSAPP_VERIFY_TOKEN: 'verify-token-1', WHATSAPP_APP_SECRET: SECRET, WHATSAPP_TOKEN: 'graph-token-1',
      WHATSAPP_PHONE_NUMBER_ID: PHONE_ID, WHATSAPP_API_URL: fake.graphUrl,
      OUTBOX_RETRY_BASE_MS: '5', OUTBOX_RETRY_MAX_MS: '50', OUTBOX_POLL_MS: '20',
    }));
  });
  afterAll(async () => {
    await app.close();
    await fake.stop();
  });

  test('GET verification echoes the challenge only with the right token', async () => {
    const ok = await fetch(`${app.url}/api/whatsapp?hub.mode=subscribe&hub.verify_token=verify-token-1&hub.challenge=1158201444`);
    expect([ok.status, await ok.text()]).toEqual([200, '1158201444']);
    const wrong = await fetch(`${app.url}/api/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`);
    expect(wrong.status).toBe(403);
  });

  test('a missing or wrong signature → 401 and nothing stored', async () => {
    const body = textWebhook('32470000001', 'hallo');
    const before = await app.db.prisma.message.count();
    expect(await post(app, body, null)).toBe(401);
    expect(await post(app, body, sign(`${body} `))).toBe(401);
    expect(await post(app, body, 'sha256=zz')).toBe(401);
    expect(await post(app, body, sign(body).toUpperCase().replace('SHA256', 'sha256').slice(0, -1))).toBe(401);
    expect(await app.db.prisma.message.count()).toBe(before);
  });

  test('bodies with é, ë, ç and emoji verify over the raw bytes', async () => {
    for (const text of ['café', 'Citroën', 'français', 'hulp 🙏👍🏽', '1️⃣']) {
      expect(await post(app, Buffer.from(textWebhook('32470000002', text), 'utf8'))).toBe(200);
    }
    // Escaped unicode in JSON is other bytes: signed as sent, it verifies too.
    expect(await post(app, textWebhook('32470000002', 'caf\\u00e9'))).toBe(200);
    await eventually(() => settled(app));
  });

  test('a webhook delivered three times gets one reply', async () => {
    const from = '32470000003';
    const body = textWebhook(from, 'hallo', 'wamid.triple');
    const statuses = await Promise.all([post(app, body), post(app, body), post(app, body)]);
    expect(statuses).toEqual([200, 200, 200]);
    await eventually(() => settled(app));
    await eventually(() => fake.accepted(from).length > 0);
    const rows = await app.db.prisma.message.findMany({ where: { conversation: { channelConversationId: from }, channel: 'whatsapp' }, orderBy: { seq: 'asc' } });
    expect(rows.filter((r) => r.direction === 'in')).toHaveLength(1);
    const out = rows.filter((r) => r.direction === 'out');
    expect(out.length).toBeGreaterThan(0);
    expect(out.every((r) => r.status === 'sent')).toBe(true);
    // Each outbound row went out once: as many accepted calls as parts.
    expect(fake.accepted(from)).toHaveLength(out.reduce((sum, r) => sum + r.partsSent, 0));
    expect(fake.accepted(from)[0].authorization).toBe('Bearer graph-token-1');
  });

  test('the Graph API answers 500 for a while: afterwards every reply arrives exactly once, in order', async () => {
    const from = '32470000004';
    fake.failWith(500);
    for (const text of ['hallo', 'menu', 'help']) expect(await post(app, textWebhook(from, text))).toBe(200);
    await app.assistant.runner.idle();
    await eventually(() => fake.calls.filter((c) => c.to === from && !c.accepted).length >= 3);
    const during = await app.db.prisma.message.findMany({ where: { conversation: { channelConversationId: from }, direction: 'out' } });
    expect(during.every((r) => r.status !== 'sent')).toBe(true);
    expect(during.some((r) => r.errorCode === '500' && r.attempts >= 1)).toBe(true);
    fake.failWith(undefined);
    await eventually(() => settled(app));
    const rows = await app.db.prisma.message.findMany({ where: { conversation: { channelConversationId: from }, direction: 'out' }, orderBy: { seq: 'asc' } });
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    const expected = rows.map((r) => r.text ?? '');
    const received = fake.accepted(from).map(graphText);
    expect(received).toHaveLength(expected.length); // the bot's texts fit one part each
    expect(received).toEqual(expected.map((t) => t.trim()));
  });

  test('an id holding U+0000 and a text holding a lone surrogate are stored and answered, with the messages after them (200)', async () => {
    const from = '32470000015';
    const messages = [
      { id: 'wamid.nul\u0000id', type: 'text', text: { body: 'hallo' } },
      { id: `wamid.lone${++seq}`, type: 'text', text: { body: 'menu \ud83d en \udc4d' } },
      { id: `wamid.after${++seq}`, type: 'text', text: { body: 'help' } },
    ].map((message) => ({ from, timestamp: String(Math.floor(Date.now() / 1000)), ...message }));
    // JSON.stringify writes both as \u escapes, as Meta sends them.
    const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: 'WABA', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: PHONE_ID }, messages } }] }] });
    expect(body).toContain('\\u0000');
    expect(body).toContain('\\ud83d');
    expect(await post(app, body)).toBe(200);
    expect(await post(app, body)).toBe(200);
    await eventually(() => settled(app));
    const inbound = await app.db.prisma.message.findMany({ where: { conversation: { channelConversationId: from }, direction: 'in' }, orderBy: { seq: 'asc' } });
    expect(inbound.map((m) => m.text)).toEqual(['hallo', 'menu \ufffd en \ufffd', 'help']);
    expect(inbound.every((m) => m.status === 'processed')).toBe(true);
    expect(fake.accepted(from).length).toBeGreaterThanOrEqual(3);
  });

  test('a flood from one number: every message is kept, those over the limit are not answered, and "slow down" is said once', async () => {
    const from = '32470000016';
    const limit = Number(loadConfig({}).CHAT_RATE_LIMIT_PER_MINUTE);
    for (let i = 0; i < limit + 10; i += 1) expect(await post(app, textWebhook(from, `help ${i}`))).toBe(200);
    await eventually(() => settled(app));
    const inbound = await app.db.prisma.message.findMany({ where: { conversation: { channelConversationId: from }, direction: 'in' }, orderBy: { seq: 'asc' } });
    expect(inbound).toHaveLength(limit + 10);
    const kept = inbound.map((m) => m.activity as { type: string; name?: string; text?: string });
    expect(kept.filter((a) => a.type === 'message')).toHaveLength(limit);
    expect(kept.filter((a) => a.type === 'event' && a.name === 'throttled').map((a) => a.text)).toEqual(Array.from({ length: 10 }, (_, i) => `help ${limit + i}`));
    const slowDown = fake.accepted(from).map(graphText).filter((text) => text === translator.t('nl', 'channels.throttled'));
    expect(slowDown).toHaveLength(1);
  }, 60_000);

  test('a button or list reply arrives as the choice: its title as text, its id as value.choice', async () => {
    const from = '32470000005';
    expect(await post(app, webhookOf(from, { type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'Nederlands', title: 'Nederlands' } } }))).toBe(200);
    expect(await post(app, webhookOf(from, { type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'Menu', title: 'Menu' } } }))).toBe(200);
    await app.assistant.runner.idle();
    const inbound = await app.db.prisma.message.findMany({ where: { conversation: { channelConversationId: from }, direction: 'in' }, orderBy: { seq: 'asc' } });
    expect(inbound.map((m) => m.text)).toEqual(['Nederlands', 'Menu']);
    expect(inbound.map((m) => (m.activity as { value?: unknown }).value)).toEqual([{ choice: 'Nederlands' }, { choice: 'Menu' }]);
  });

  test('a location is kept in channelData; audio, images, stickers get a kind answer', async () => {
    const from = '32470000006';
    expect(await post(app, webhookOf(from, { type: 'location', location: { latitude: 50.85, longitude: 4.35, name: 'Bib' } }))).toBe(200);
    for (const type of ['audio', 'image', 'sticker', 'document', 'video']) {
      expect(await post(app, webhookOf(from, { type, [type]: { id: 'media-1', mime_type: 'x/y' } }))).toBe(200);
    }
    await eventually(() => settled(app));
    const inbound = await app.db.prisma.message.findMany({ where: { conversation: { channelConversationId: from }, direction: 'in' }, orderBy: { seq: 'asc' } });
    expect((inbound[0].activity as { channelData: { location: unknown } }).channelData.location).toMatchObject({ latitude: 50.85, longitude: 4.35 });
    const kind = fake.accepted(from).map(graphText).filter((t) => t.includes('tekst'));
    expect(kind).toHaveLength(5);
  });

  test('statuses update the outbound row, out of order safe', async () => {
    const from = '32470000003';
    const row = await app.db.prisma.message.findFirst({ where: { conversation: { channelConversationId: from }, direction: 'out', status: 'sent' } });
    const status = (s: string, extra: object = {}) => JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: 'W', changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp', metadata: { phone_number_id: PHONE_ID },
      statuses: [{ id: row?.providerMessageId, status: s, timestamp: '1', recipient_id: from, ...extra }] } }] }] });
    expect(await post(app, status('read'))).toBe(200);
    expect(await post(app, status('delivered'))).toBe(200);
    expect(await app.db.prisma.message.findUnique({ where: { id: row?.id } })).toMatchObject({ status: 'read' });
  });

  test('every send names its row and part; a status echoing them proves a part in doubt, which is not sent again', async () => {
    const from = '32470000003';
    const rows = await app.db.prisma.message.findMany({ where: { conversation: { channelConversationId: from }, direction: 'out' }, orderBy: { seq: 'asc' } });
    const named = rows.flatMap((r) => Array.from({ length: r.partsSent }, (_, part) => `outbox:${r.id}:${part}`));
    expect(fake.accepted(from).map((c) => c.body.biz_opaque_callback_data)).toEqual(named);
    // A row as a killed sender leaves it: part 0 in flight, unrecorded, lease expired, grace running.
    const conversation = await app.db.prisma.conversation.findFirstOrThrow({ where: { channelConversationId: from } });
    const doubt = await insertRowInDoubt(app.db.prisma, conversation.id, 'whatsapp');
    const status = (callbackData: string) => JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: 'W', changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp', metadata: { phone_number_id: PHONE_ID },
      statuses: [{ id: 'wamid.proof1', status: 'sent', timestamp: '1', recipient_id: from, biz_opaque_callback_data: callbackData }] } }] }] });
    expect(await post(app, status(`outbox:${doubt.id}:0`))).toBe(200);
    expect(await post(app, status(`outbox:${doubt.id}:0`))).toBe(200); // Meta redelivers: harmless
    expect(await post(app, status('someone else\'s data'))).toBe(200);
    await eventually(async () => (await app.db.prisma.message.findUniqueOrThrow({ where: { id: doubt.id } })).status === 'sent');
    expect(await app.db.prisma.message.findUniqueOrThrow({ where: { id: doubt.id } })).toMatchObject({ partsSent: 1, providerMessageId: 'wamid.proof1' });
    expect(fake.accepted(from).filter((c) => graphText(c) === 'in doubt')).toEqual([]);
  });

  test('malformed, truncated and oversized bodies → 4xx', async () => {
    expect(await post(app, '{"object":')).toBe(400);
    expect(await post(app, '[]')).toBe(400);
    expect(await post(app, JSON.stringify({ object: 'page', entry: [] }))).toBe(400);
    const big = Buffer.alloc(1024 * 1024 + 10, 0x20);
    expect(await post(app, big)).toBe(413);
    const url = new URL(`${app.url}/api/whatsapp`);
    const truncated = await new Promise<number>((resolve) => {
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-length': '1000', 'x-hub-signature-256': sign('x') } }, (res) => resolve(res.statusCode ?? 0));
      req.on('error', () => resolve(400));
      req.write('{"object":"whatsapp');
      setTimeout(() => req.destroy(), 50);
    });
    expect(truncated).toBe(400);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });

  test('fuzz: 10,000 mutated signed payloads (fixed seed) never crash the server', async () => {
    let state = 20261123;
    const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const seeds = [textWebhook('32470000099', 'hallo ç 👍'), webhookOf('32470000099', { type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'x', title: 'y' } } })];
    const fragments = ['{', '}', '[', ']', '"', ':', ',', 'null', '-1e309', '"\\u0000"', '\u00e9', '💥', '{"a":[[[[[]]]]]}', 'true', '0'];
    const mutate = (base: string): string => {
      const chars = [...base];
      const edits = 1 + Math.floor(random() * 4);
      for (let i = 0; i < edits; i++) {
        const at = Math.floor(random() * chars.length);
        const op = random();
        if (op < 0.3) chars.splice(at, 1 + Math.floor(random() * 5));
        else if (op < 0.6) chars.splice(at, 0, fragments[Math.floor(random() * fragments.length)]);
        else if (op < 0.8) chars[at] = String.fromCharCode(Math.floor(random() * 128));
        else chars.splice(at);
      }
      return chars.join('');
    };
    const deadline = Date.now() + 45_000; // bounded in time, well within the test's timeout
    const counts = new Map<number, number>();
    let sent = 0;
    const worker = async () => {
      while (sent < 10_000 && Date.now() < deadline) {
        sent += 1;
        const status = await post(app, mutate(seeds[sent % seeds.length]));
        counts.set(status, (counts.get(status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    expect([...counts.keys()].every((status) => status === 200 || (status >= 400 && status < 500))).toBe(true);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    expect(sent).toBeGreaterThan(1000);
  }, 120_000);
});
