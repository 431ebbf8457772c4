import { startApp, App } from '../../../../app/app';
import { loadConfig } from '../../../../app/config';
import twilio from 'twilio';
import { eventually, FakeProviders } from '../../../support/fakeProviders';
import { insertRowInDoubt } from '../../../support/outboxRows';
import { isGsm7 } from '../../../../adapters/sms/gsm7';

const TOKEN = 'twilio-auth-token';
const SID = `AC${'a'.repeat(32)}`;
const BASE = 'https://digibank.example.org';
let counter = 0;

/** Twilio's own signature (the twilio package is the oracle, not our implementation). */
function twilioSignature(token: string, url: string, fields: Record<string, string>): string {
  return twilio.getExpectedTwilioSignature(token, url, fields);
}

function form(from: string, body: string, sid = `SM${String(++counter).padStart(32, '0')}`): Record<string, string> {
  return { ToCountry: 'BE', SmsMessageSid: sid, NumMedia: '0', MessageSid: sid, AccountSid: SID, From: from, To: '+32460000000', Body: body, NumSegments: '1', ApiVersion: '2010-04-01' };
}

async function post(app: App, fields: Record<string, string>, signature: string | null = twilioSignature(TOKEN, `${BASE}/api/sms`, fields)): Promise<{ status: number; text: string; type: string }> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (signature) headers['x-twilio-signature'] = signature;
  const response = await fetch(`${app.url}/api/sms`, { method: 'POST', headers, body: new URLSearchParams(fields).toString() });
  return { status: response.status, text: await response.text(), type: response.headers.get('content-type') ?? '' };
}

async function settled(app: App): Promise<boolean> {
  await app.assistant.runner.idle();
  const pending = await app.db.prisma.message.count({ where: { channel: 'sms', direction: 'out', OR: [{ status: 'sending' }, { status: 'queued', OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: new Date() } }] }] } });
  const unprocessed = await app.db.prisma.message.count({ where: { channel: 'sms', direction: 'in', status: 'received' } });
  return pending === 0 && unprocessed === 0;
}

describe('SMS channel (real server, fake Twilio API)', () => {
  let fake: FakeProviders;
  let app: App;
  beforeAll(async () => {
    fake = await new FakeProviders().start();
    app = await startApp(loadConfig({
      PORT: '0', DATA_DIR: 'memory://', SEED_DEMO_DATA: 'false', PUBLIC_BASE_URL: BASE,
      TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN, TWILIO_FROM: '+32460000000', TWILIO_API_URL: fake.twilioUrl,
      SMS_RATE_LIMIT_PER_MINUTE: '8', SMS_DAILY_CAP: '12',
      OUTBOX_RETRY_BASE_MS: '5', OUTBOX_RETRY_MAX_MS: '50', OUTBOX_POLL_MS: '20',
    }));
  });
  afterAll(async () => {
    await app.close();
    await fake.stop();
  });

  test('a wrong or missing signature → 403 and nothing stored; bodies with é ë ç emoji verify', async () => {
    const before = await app.db.prisma.message.count();
    expect((await post(app, form('+32470100001', 'hallo'), null)).status).toBe(403);
    expect((await post(app, form('+32470100001', 'hallo'), 'bm90IHRoZSBzaWduYXR1cmU=')).status).toBe(403);
    const fields = form('+32470100001', 'hallo');
    expect((await post(app, { ...fields, Extra: 'x' }, twilioSignature(TOKEN, `${BASE}/api/sms`, fields))).status).toBe(403);
    expect(await app.db.prisma.message.count()).toBe(before);
    for (const text of ['café', 'Citroën', 'garçon', 'merci 🙏']) {
      const answer = await post(app, form('+32470100002', text));
      expect(answer).toMatchObject({ status: 200, text: '<?xml version="1.0" encoding="UTF-8"?><Response/>' });
      expect(answer.type).toMatch(/text\/xml/);
    }
    await eventually(() => settled(app));
  });

  test('a webhook delivered three times gets one reply; segments and encoding are stored', async () => {
    const from = '+32470100003';
    const fields = form(from, 'hallo');
    await Promise.all([post(app, fields), post(app, fields), post(app, fields)]);
    await eventually(() => settled(app));
    const out = await app.db.prisma.message.findMany({ where: { conversation: { channelConversationId: from }, direction: 'out' } });
    expect(out.length).toBeGreaterThan(0);
    expect(fake.accepted(from)).toHaveLength(out.reduce((sum, r) => sum + r.partsSent, 0));
    expect(out.every((r) => r.status === 'sent' && (r.smsSegments ?? 0) >= 1 && ['GSM-7', 'UCS-2'].includes(r.smsEncoding ?? ''))).toBe(true);
    expect(fake.accepted(from)[0].body).toMatchObject({ To: from, From: '+32460000000' });
    expect(fake.accepted(from)[0].authorization).toBe(`Basic ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}`);
  });

  test('Twilio answers 500 for a while: afterwards every reply arrives once, in order', async () => {
    const from = '+32470100004';
    fake.failWith(500, 20500);
    for (const text of ['hallo', 'menu']) await post(app, form(from, text));
    await app.assistant.runner.idle();
    await eventually(() => fake.calls.filter((c) => c.to === from && !c.accepted).length >= 2);
    fake.failWith(undefined);
    await eventually(() => settled(app));
    const rows = await app.db.prisma.message.findMany({ where: { conversation: { channelConversationId: from }, direction: 'out' }, orderBy: { seq: 'asc' } });
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    const bodies = fake.accepted(from).map((c) => String(c.body.Body));
    expect(bodies).toHaveLength(rows.reduce((sum, r) => sum + r.partsSent, 0));
    // Every row's text (first line) arrives in order.
    let at = 0;
    for (const row of rows) {
      const index = bodies.findIndex((b, i) => i >= at && b.startsWith((row.text ?? '').split('\n')[0]));
      expect(index).toBeGreaterThanOrEqual(at);
      at = index + 1;
    }
  });

  test('status callbacks: signed by Twilio, applied to the row out of order, undelivered with its ErrorCode', async () => {
    const from = '+32470100008';
    await post(app, form(from, 'hallo'));
    await eventually(() => settled(app));
    const calls = fake.accepted(from);
    // Each part's callback URL names its row and part (reconciles a send whose record was lost).
    const rows = await app.db.prisma.message.findMany({ where: { conversation: { channelConversationId: from }, direction: 'out' }, orderBy: { seq: 'asc' } });
    expect(calls.map((c) => c.body.StatusCallback)).toEqual(rows.map((r) => `${BASE}/api/sms/status?m=${r.id}&p=0`));
    const sid = calls[calls.length - 1].providerMessageId as string;
    const row = () => app.db.prisma.message.findFirstOrThrow({ where: { channel: 'sms', providerMessageId: sid } });
    const callback = async (fields: Record<string, string>, signature = twilioSignature(TOKEN, `${BASE}/api/sms/status`, fields)) => {
      const response = await fetch(`${app.url}/api/sms/status`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        body: new URLSearchParams(fields).toString(),
      });
      await response.text();
      return response.status;
    };
    const status = (MessageStatus: string, extra: Record<string, string> = {}) => ({
      SmsSid: sid, SmsStatus: MessageStatus, MessageStatus, To: from, MessageSid: sid, AccountSid: SID, From: '+32460000000', ApiVersion: '2010-04-01', ...extra,
    });
    expect(await callback(status('delivered'), 'bm90IHRoZSBzaWduYXR1cmU=')).toBe(403);
    expect(await row()).toMatchObject({ status: 'sent' });
    expect(await callback(status('delivered', { RawDlrDoneDate: '2611231500' }))).toBe(204);
    expect(await callback(status('sent'))).toBe(204);
    expect(await callback(status('queued'))).toBe(204);
    expect(await row()).toMatchObject({ status: 'delivered' });
    expect(await callback(status('undelivered', { ErrorCode: '30003' }))).toBe(204);
    expect(await row()).toMatchObject({ status: 'failed', errorCode: '30003' });
    expect(await callback(status('delivered'))).toBe(204);
    expect(await row()).toMatchObject({ status: 'failed' });
    expect(await callback({ MessageSid: 'nope', MessageStatus: 'sent' })).toBe(400);
    expect(await callback(status('delivered', { MessageSid: `SM${'0'.repeat(32)}`, SmsSid: `SM${'0'.repeat(32)}` }))).toBe(204);
  });

  test('a status callback whose URL names a part in doubt records it (signed with its query); nothing is sent again', async () => {
    const from = '+32470100009';
    await post(app, form(from, 'hallo'));
    await eventually(() => settled(app));
    const conversation = await app.db.prisma.conversation.findFirstOrThrow({ where: { channelConversationId: from } });
    // A row as a killed sender leaves it: part 0 in flight, unrecorded, lease expired, grace running.
    const doubt = await insertRowInDoubt(app.db.prisma, conversation.id, 'sms');
    const sid = `SM${'1'.repeat(32)}`;
    const fields = { SmsSid: sid, SmsStatus: 'queued', MessageStatus: 'queued', To: from, MessageSid: sid, AccountSid: SID, From: '+32460000000', ApiVersion: '2010-04-01' };
    const url = `${BASE}/api/sms/status?m=${doubt.id}&p=0`;
    const callback = async (signedUrl: string) => {
      const response = await fetch(`${app.url}/api/sms/status?m=${doubt.id}&p=0`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(TOKEN, signedUrl, fields) },
        body: new URLSearchParams(fields).toString(),
      });
      await response.text();
      return response.status;
    };
    expect(await callback(`${BASE}/api/sms/status`)).toBe(403); // the query is part of what Twilio signs
    expect(await callback(url)).toBe(204);
    expect(await callback(url)).toBe(204);
    await eventually(async () => (await app.db.prisma.message.findUniqueOrThrow({ where: { id: doubt.id } })).status === 'sent');
    expect(await app.db.prisma.message.findUniqueOrThrow({ where: { id: doubt.id } })).toMatchObject({ partsSent: 1, providerMessageId: sid });
    expect(fake.accepted(from).filter((c) => c.body.Body === 'in doubt')).toEqual([]);
  });

  test('a permanent 4xx is recorded with Twilio\'s error code', async () => {
    const from = '+32470100005';
    fake.failWith(400, 21211);
    await post(app, form(from, 'hallo'));
    await eventually(async () => (await app.db.prisma.message.count({ where: { conversation: { channelConversationId: from }, direction: 'out', status: 'failed' } })) > 0);
    fake.failWith(undefined);
    const failed = await app.db.prisma.message.findFirst({ where: { conversation: { channelConversationId: from }, direction: 'out', status: 'failed' } });
    expect(failed?.errorCode).toBe('21211');
  });

  const bodies = (from: string) => fake.accepted(from).map((call) => String(call.body.Body));
  const say = async (from: string, text: string, extra: Record<string, string> = {}) => {
    await post(app, { ...form(from, text), ...extra });
    await eventually(() => settled(app));
  };
  const person = (from: string) => app.db.prisma.person.findFirstOrThrow({ where: { channel: 'sms', channelUserId: from } });

  test('the number of a numbered line reaches the dialogs as the choice on that line (its id), like a tap', async () => {
    const from = '+32470100019';
    await say(from, '👋'); // the language menu, numbered
    await say(from, '3');
    const inbound = await app.db.prisma.message.findFirstOrThrow({ where: { conversation: { channelConversationId: from }, direction: 'in', text: 'English' } });
    expect((inbound.activity as { value?: { choice?: unknown } }).value?.choice).toEqual(expect.any(String));
    expect((await app.assistant.savedLanguage('sms', from))).toBe('en');
  });

  test('one turn is one SMS: the replies of a turn are joined, with a blank line between them', async () => {
    const from = '+32470100010';
    await say(from, '👋');
    expect(bodies(from)).toHaveLength(1);
    const rows = await app.db.prisma.message.findMany({ where: { conversation: { channelConversationId: from }, direction: 'out' } });
    expect(rows).toHaveLength(1);
    await say(from, 'Nederlands');
    expect(bodies(from)).toHaveLength(2);
    expect(bodies(from)[1]).toMatch(/\n\n/);
  });

  test('French on SMS is GSM-7: the language menu, the confirmation and the menu cost 160-character segments', async () => {
    const from = '+32470100016';
    await say(from, '👋'); // no language yet: the language menu
    await say(from, 'Français');
    await say(from, 'aide'); // the dialogs' help text, with « » quotes in the locale
    expect(bodies(from)).toHaveLength(3);
    for (const body of bodies(from)) expect(isGsm7(body)).toBe(true);
    expect(bodies(from)[0]).toContain('2. Francais');
    expect(bodies(from)[1]).toMatch(/^D'accord, nous continuons en francais\./);
    const rows = await app.db.prisma.message.findMany({ where: { conversation: { channelConversationId: from }, direction: 'out' } });
    expect(rows.every((row) => row.smsEncoding === 'GSM-7')).toBe(true);
  });

  test('STOP at an open question is an answer: confirmed first, then the STOP confirmation; nothing until START', async () => {
    const from = '+32470100006';
    await say(from, 'hallo');
    const afterHello = bodies(from).length;
    await say(from, 'STOP');
    // The language question was open: the dialogs ask whether to stop all messages, nobody is opted out yet.
    expect(bodies(from).slice(afterHello)).toHaveLength(1);
    expect(bodies(from).at(-1)).toMatch(/^Wil je geen berichten meer/);
    expect((await person(from)).optedOutAt).toBeNull();
    await say(from, '1');
    expect(bodies(from).at(-1)).toBe('Je krijgt geen berichten meer van ons. Stuur START om weer berichten te krijgen.');
    expect((await person(from)).optedOutAt).not.toBeNull();
    const stopped = bodies(from).length;
    await post(app, form(from, 'STOPPEN'));
    await post(app, form(from, 'menu'));
    await post(app, form(from, 'HELP'));
    await eventually(() => settled(app));
    expect(bodies(from)).toHaveLength(stopped);
    await say(from, 'START');
    expect(bodies(from).at(-1)).toMatch(/START|STOP/);
    // The START confirmation asks nothing: STOP now opts out at once, with the confirmation.
    await say(from, 'STOP');
    expect(bodies(from).at(-1)).toBe('Je krijgt geen berichten meer van ons. Stuur START om weer berichten te krijgen.');
    expect((await person(from)).optedOutAt).not.toBeNull();
  });

  test('HULP answers briefly, in Dutch', async () => {
    const from = '+32470100014';
    await say(from, 'HULP');
    expect(bodies(from)).toEqual([expect.stringMatching(/^Digibank assistent/)]);
  });

  test('CANCEL, END or QUIT at an open question never opts out: the dialogs answer it', async () => {
    const from = '+32470100011';
    await say(from, 'hallo');
    await say(from, 'English');
    for (const word of ['CANCEL', 'end', 'Quit.']) {
      const before = bodies(from).length;
      await say(from, word);
      expect(bodies(from).length).toBe(before + 1);
      expect((await person(from)).optedOutAt).toBeNull();
    }
  });

  test('Twilio\'s own opt-out (OptOutType=STOP) is recorded without an answer of ours; OptOutType=START undoes it', async () => {
    const from = '+32470100012';
    await say(from, 'hallo');
    const before = bodies(from).length;
    await say(from, 'cancel', { OptOutType: 'STOP' });
    expect((await person(from)).optedOutAt).not.toBeNull();
    await say(from, 'menu');
    expect(bodies(from)).toHaveLength(before);
    await say(from, 'START', { OptOutType: 'START' });
    expect((await person(from)).optedOutAt).toBeNull();
    expect(bodies(from)).toHaveLength(before); // Twilio answered with its own configured reply
    await say(from, 'menu');
    expect(bodies(from)).toHaveLength(before + 1);
  });

  test('Twilio refuses a number it opted out (21610): the person is recorded as opted out, the reply held', async () => {
    const from = '+32470100013';
    await say(from, 'hallo');
    fake.failWith(400, 21610);
    await post(app, form(from, 'menu'));
    await eventually(async () => (await app.db.prisma.message.count({ where: { conversation: { channelConversationId: from }, direction: 'out', status: 'suppressed' } })) === 1);
    fake.failWith(undefined);
    expect((await person(from)).optedOutAt).not.toBeNull();
  });

  test('over the daily limit (12 here) the person is told once, in their language; the replies wait, none is lost', async () => {
    const from = '+32470100015';
    await say(from, '👋'); // no language yet: the language menu
    await say(from, 'English');
    const conversation = await app.db.prisma.conversation.findFirstOrThrow({ where: { channelConversationId: from } });
    // Ten more replies earlier today (12 with the two above); the channel's own notices would not count.
    const earlier = new Date(Date.now() - 3600_000);
    await app.db.prisma.message.createMany({
      data: Array.from({ length: 10 }, (_, i) => ({ conversationId: conversation.id, channel: 'sms', direction: 'out', text: `earlier ${i}`, activity: { type: 'message', text: `earlier ${i}` }, status: 'sent', sentAt: earlier })),
    });
    const before = bodies(from).length;
    // A later reply waits behind the held one: the conversation is settled once the turns ran and the held row is due tomorrow.
    const held = async () => (await app.db.prisma.message.count({ where: { conversationId: conversation.id, direction: 'out', status: 'queued', error: 'daily_cap' } })) >= 1;
    await post(app, form(from, 'menu'));
    await eventually(async () => (await settled(app)) && (await held()));
    expect(bodies(from).slice(before)).toEqual(["We cannot send you more text messages today: today's maximum is reached. We answer again tomorrow. Need help urgently? Call your digibank."]);
    await post(app, form(from, 'language'));
    await app.assistant.runner.idle();
    await eventually(async () => (await app.db.prisma.message.count({ where: { conversationId: conversation.id, direction: 'out', status: 'queued' } })) === 2);
    await new Promise((resolve) => setTimeout(resolve, 100)); // a few polls of the outbox: nothing more goes out
    expect(bodies(from)).toHaveLength(before + 1);
    // The first held reply is due when the oldest reply of the day is a day old; the next one waits behind it, in order.
    const [first, second] = await app.db.prisma.message.findMany({ where: { conversationId: conversation.id, direction: 'out', status: 'queued' }, orderBy: { seq: 'asc' } });
    expect(first.error).toBe('daily_cap');
    expect(first.nextAttemptAt?.getTime()).toBeGreaterThan(Date.now() + 20 * 3600_000);
    expect(second).toMatchObject({ error: null, attempts: 0 });
    const notice = await app.db.prisma.message.findFirstOrThrow({ where: { conversationId: conversation.id, direction: 'out', text: { startsWith: 'We cannot send' } } });
    expect(notice).toMatchObject({ status: 'sent' });
    expect(notice.providerMessageId).toMatch(/^SM/);
    // The held replies would keep the other tests' `settled` waiting until tomorrow.
    await app.db.prisma.message.deleteMany({ where: { conversationId: conversation.id, direction: 'out', status: 'queued' } });
  });

  test('rate limit: over the limit a minute → one notice, no turns, what was written kept', async () => {
    const from = '+32470100007';
    for (let i = 0; i < 12; i++) await post(app, form(from, `bericht ${i}`));
    await eventually(() => settled(app));
    const inbound = await app.db.prisma.message.findMany({ where: { conversation: { channelConversationId: from }, direction: 'in' }, orderBy: { seq: 'asc' } });
    const throttled = inbound.filter((m) => (m.activity as { name?: string }).name === 'smsThrottled');
    expect(throttled.map((m) => (m.activity as { text?: string }).text)).toEqual(['bericht 8', 'bericht 9', 'bericht 10', 'bericht 11']);
    const notices = fake.accepted(from).filter((c) => String(c.body.Body).includes('veel berichten'));
    expect(notices).toHaveLength(1);
  });

  test('an SMS is never sent to a number that did not write first', async () => {
    const person = await app.db.prisma.person.create({ data: { channel: 'sms', channelUserId: '+32470100999' } });
    const conversation = await app.db.prisma.conversation.create({ data: { channel: 'sms', channelConversationId: '+32470100999', personId: person.id } });
    await app.db.prisma.message.create({ data: { conversationId: conversation.id, channel: 'sms', direction: 'out', text: 'hi', activity: { type: 'message', text: 'hi' }, status: 'queued' } });
    app.assistant.runner.idle();
    await eventually(async () => (await app.db.prisma.message.count({ where: { conversationId: conversation.id, status: 'failed', errorCode: 'not_opted_in' } })) === 1);
    expect(fake.accepted('+32470100999')).toHaveLength(0);
  });

  test('malformed and oversized bodies → 4xx', async () => {
    expect((await post(app, { From: 'x', Body: 'hi', MessageSid: 'nope' })).status).toBe(400);
    const big = 'a'.repeat(1024 * 1024 + 1);
    const response = await fetch(`${app.url}/api/sms`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: big });
    expect(response.status).toBe(413);
  });
});
