import twilio from 'twilio';
import { signWhatsApp, whatsAppTextWebhook } from '../../../support/whatsAppPayloads';
import { startApp, App } from '../../../../app/app';
import { loadConfig } from '../../../../app/config';
import { enqueueOutbound } from '../../../../outbox/enqueueOutbound';
import { eventually, FakeProviders, graphText } from '../../../support/fakeProviders';

const SECRET = 'whatsapp-window-secret';
const PHONE_ID = '1234567890';
const TWILIO_TOKEN = 'twilio-window-token';
const BASE = 'https://digibank.example.org';
const DAILY_CAP = 3;
let seq = 0;

async function post(app: App, body: string): Promise<number> {
  const response = await fetch(`${app.url}/api/whatsapp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWhatsApp(SECRET, body) },
    body,
  });
  await response.text();
  return response.status;
}

function mediaWebhook(from: string, type: string): string {
  return JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: 'WABA', changes: [{ field: 'messages', value: {
    messaging_product: 'whatsapp', metadata: { phone_number_id: PHONE_ID },
    messages: [{ from, id: `wamid.window${++seq}`, timestamp: String(Math.floor(Date.now() / 1000)), type, [type]: { id: 'media-1', mime_type: 'x/y' } }],
  } }] }] });
}

function statusWebhook(wamid: string, status: string): string {
  return JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: 'W', changes: [{ field: 'messages', value: {
    messaging_product: 'whatsapp', metadata: { phone_number_id: PHONE_ID },
    statuses: [{ id: wamid, status, timestamp: '1', recipient_id: '32470' }] } }] }] });
}

async function settled(app: App): Promise<boolean> {
  await app.assistant.runner.idle();
  const pending = await app.db.prisma.message.count({
    where: { direction: 'out', OR: [{ status: 'sending' }, { status: 'queued', OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: new Date() } }] }] },
  });
  const unprocessed = await app.db.prisma.message.count({ where: { direction: 'in', status: 'received' } });
  return pending === 0 && unprocessed === 0;
}

/**
 * WhatsApp outside the 24-hour window without a template, with SMS configured: the row goes out as
 * an SMS to the same number (E.164), under the SMS rules; held and visible when that is not allowed.
 * Also: a media answer keeps its place behind a running turn; statuses of any part of a split message.
 */
describe('WhatsApp outside the 24-hour window falls back to SMS (real server, fake Graph API and Twilio)', () => {
  let fake: FakeProviders;
  let app: App;

  /** A WhatsApp conversation that wrote once, then fell silent for two days. */
  async function silentConversation(from: string): Promise<string> {
    expect(await post(app, whatsAppTextWebhook(PHONE_ID, from, 'hallo', `wamid.window${++seq}`))).toBe(200);
    await eventually(() => settled(app));
    const conversation = await app.db.prisma.conversation.findFirstOrThrow({ where: { channel: 'whatsapp', channelConversationId: from } });
    await app.db.prisma.conversation.update({ where: { id: conversation.id }, data: { lastInboundAt: new Date(Date.now() - 48 * 3600_000) } });
    return conversation.id;
  }

  async function late(conversationId: string, text = 'Uw afspraak is morgen om 10 uur. Komt u?'): Promise<string> {
    const id = await enqueueOutbound(app.db.prisma, conversationId, 'whatsapp', {
      text,
      suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'Ja, ik kom', value: 'keep' }, { type: 'imBack', title: 'Nee, annuleren', value: 'cancel' }] },
    });
    app.outbox.wake('whatsapp');
    await eventually(() => settled(app));
    return id;
  }

  beforeAll(async () => {
    fake = await new FakeProviders().start();
    app = await startApp(loadConfig({
      PORT: '0', DATA_DIR: 'memory://', SEED_DEMO_DATA: 'false', PUBLIC_BASE_URL: BASE,
      WHATSAPP_VERIFY_TOKEN: 'verify-token-w', WHATSAPP_APP_SECRET: SECRET, WHATSAPP_TOKEN: 'graph-token-w',
      WHATSAPP_PHONE_NUMBER_ID: PHONE_ID, WHATSAPP_API_URL: fake.graphUrl,
      TWILIO_ACCOUNT_SID: `AC${'c'.repeat(32)}`, TWILIO_AUTH_TOKEN: TWILIO_TOKEN, TWILIO_FROM: '+32460000000', TWILIO_API_URL: fake.twilioUrl,
      SMS_DAILY_CAP: String(DAILY_CAP),
      OUTBOX_RETRY_BASE_MS: '5', OUTBOX_RETRY_MAX_MS: '50', OUTBOX_POLL_MS: '20',
    }));
  }, 180_000);
  afterAll(async () => {
    await app.close();
    await fake.stop();
  });

  test('a late message goes out as one SMS to +number with numbered choices; the row says sms, sent, segments', async () => {
    const from = '32470300001';
    const id = await late(await silentConversation(from));
    const sms = fake.accepted(`+${from}`);
    expect(sms).toHaveLength(1);
    expect(sms[0].provider).toBe('twilio');
    expect(String(sms[0].body.Body).split('\n')).toEqual(['Uw afspraak is morgen om 10 uur. Komt u?', '1. Ja, ik kom', '2. Nee, annuleren']);
    expect(sms[0].body.StatusCallback).toBe(`${BASE}/api/sms/status?m=${id}&p=0`);
    expect(await app.db.prisma.message.findUnique({ where: { id } })).toMatchObject({
      channel: 'sms', status: 'sent', providerMessageId: sms[0].providerMessageId, smsSegments: 1, smsEncoding: 'GSM-7', partsSent: 1,
    });
    // Twilio's status callback reaches the row that went out as SMS.
    const fields = { MessageSid: sms[0].providerMessageId as string, MessageStatus: 'delivered', AccountSid: `AC${'c'.repeat(32)}` };
    const callback = await fetch(`${app.url}/api/sms/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(TWILIO_TOKEN, `${BASE}/api/sms/status`, fields) },
      body: new URLSearchParams(fields).toString(),
    });
    expect(callback.status).toBe(204);
    expect(await app.db.prisma.message.findUnique({ where: { id } })).toMatchObject({ status: 'delivered' });
  });

  test('a number that opted out of SMS: the row stays visible as awaiting_window, nothing is sent', async () => {
    const from = '32470300002';
    const conversationId = await silentConversation(from);
    await app.db.prisma.person.create({ data: { channel: 'sms', channelUserId: `+${from}`, optedOutAt: new Date() } });
    const id = await late(conversationId);
    expect(fake.accepted(`+${from}`)).toEqual([]);
    const row = await app.db.prisma.message.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ channel: 'whatsapp', status: 'awaiting_window', partsSent: 0 });
    expect(row.error).toContain('opted_out');
    // The person writes again on WhatsApp: the held row goes out there, in order, before the new reply.
    const before = fake.accepted(from).length;
    expect(await post(app, whatsAppTextWebhook(PHONE_ID, from, 'menu', `wamid.window${++seq}`))).toBe(200);
    await eventually(async () => (await settled(app)) && (await app.db.prisma.message.findUniqueOrThrow({ where: { id } })).status === 'sent');
    expect(graphText(fake.accepted(from)[before])).toContain('Uw afspraak is morgen');
  });

  test('the daily SMS cap counts SMS to the number; over it the row waits (queued, not lost)', async () => {
    const from = '32470300003';
    const conversationId = await silentConversation(from);
    const ids: string[] = [];
    for (let i = 0; i <= DAILY_CAP; i++) ids.push(await late(conversationId, `Bericht ${i}`));
    expect(fake.accepted(`+${from}`)).toHaveLength(DAILY_CAP);
    const last = await app.db.prisma.message.findUniqueOrThrow({ where: { id: ids[DAILY_CAP] } });
    expect(last).toMatchObject({ channel: 'whatsapp', status: 'queued', error: 'daily_cap' });
    expect(last.nextAttemptAt?.getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
  });

  test('Meta refuses with 131047 (window closed on its side): the same row goes out as SMS instead', async () => {
    const from = '32470300004';
    expect(await post(app, whatsAppTextWebhook(PHONE_ID, from, 'hallo', `wamid.window${++seq}`))).toBe(200);
    await eventually(() => settled(app));
    const conversation = await app.db.prisma.conversation.findFirstOrThrow({ where: { channelConversationId: from } });
    fake.failureFor = (call) => (call.to === from ? { status: 400, code: 131047 } : undefined);
    try {
      const id = await late(conversation.id, 'Een vrijwilliger antwoordt: tot morgen.');
      expect(fake.calls.filter((c) => c.to === from && !c.accepted)).toHaveLength(1);
      expect(fake.accepted(`+${from}`).map((c) => String(c.body.Body).split('\n')[0])).toEqual(['Een vrijwilliger antwoordt: tot morgen.']);
      expect(await app.db.prisma.message.findUnique({ where: { id } })).toMatchObject({ channel: 'sms', status: 'sent' });
    } finally {
      fake.failureFor = undefined;
    }
  });

  test('a media answer does not overtake the running turn of the same conversation', async () => {
    const from = '32470300005';
    expect(await post(app, whatsAppTextWebhook(PHONE_ID, from, 'hallo', `wamid.window${++seq}`))).toBe(200);
    expect(await post(app, mediaWebhook(from, 'audio'))).toBe(200);
    await eventually(() => settled(app));
    const out = await app.db.prisma.message.findMany({ where: { conversation: { channelConversationId: from }, direction: 'out' }, orderBy: { seq: 'asc' } });
    const media = out.findIndex((m) => (m.text ?? '').includes('tekst'));
    expect(media).toBe(out.length - 1);
    expect(media).toBeGreaterThan(0);
    expect(graphText(fake.accepted(from)[fake.accepted(from).length - 1])).toContain('tekst');
  });

  test('every part of a split message keeps its wamid: a status about any part applies to the row', async () => {
    const from = '32470300006';
    expect(await post(app, whatsAppTextWebhook(PHONE_ID, from, 'hallo', `wamid.window${++seq}`))).toBe(200);
    await eventually(() => settled(app));
    const conversation = await app.db.prisma.conversation.findFirstOrThrow({ where: { channelConversationId: from } });
    const before = fake.accepted(from).length;
    const long = Array.from({ length: 60 }, (_, i) => `Zin ${i} van een lange uitleg over de digibank.`).join(' ');
    const id = await enqueueOutbound(app.db.prisma, conversation.id, 'whatsapp', { text: long });
    app.outbox.wake('whatsapp');
    await eventually(() => settled(app));
    const parts = fake.accepted(from).slice(before);
    expect(parts.length).toBeGreaterThan(1);
    const row = await app.db.prisma.message.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: 'sent', partsSent: parts.length, providerMessageId: parts[parts.length - 1].providerMessageId });
    expect((row.activity as { providerPartIds?: string[] }).providerPartIds).toEqual(parts.map((p) => p.providerMessageId));
    expect(await post(app, statusWebhook(parts[0].providerMessageId as string, 'delivered'))).toBe(200);
    expect(await app.db.prisma.message.findUnique({ where: { id } })).toMatchObject({ status: 'delivered' });
    expect(await post(app, statusWebhook(parts[1].providerMessageId as string, 'failed'))).toBe(200);
    expect(await app.db.prisma.message.findUnique({ where: { id } })).toMatchObject({ status: 'failed' });
  });
});
