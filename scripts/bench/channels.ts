/**
 * `npm run bench:channels [rate=100] [seconds=20]`: signed WhatsApp webhooks at a steady rate against
 * the real server — its own process (`app/index.ts`, as `npm start` runs it), embedded database in a
 * temporary DATA_DIR, a fake Graph API on loopback, so that the load generator never shares an event
 * loop with it: webhook acknowledgement p50/p99, inbound-to-outbound latency p50/p99 (webhook sent →
 * the fake Graph API receives the first reply), and the SMS segments of a complete booking
 * conversation in nl, fr and en (over the SMS channel with a fake Twilio API, in process, read from
 * the `message` table). `BENCH_CPU_PROF=<dir>` writes the server's CPU profile there
 * (`node --cpu-prof`, on shutdown); `BENCH_STATEMENT_TIMES=<file>` the time its embedded database
 * spends per SQL statement (`lib/statementTimes.mjs`).
 */
import { signWhatsApp, whatsAppTextWebhook } from '../../tests/support/whatsAppPayloads';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { startApp, App } from '../../app/app';
import { loadConfig } from '../../app/config';
import { twilioSignature } from '../../adapters/sms/twilioSignature';
import { eventually, FakeProviders, ProviderCall } from '../../tests/support/fakeProviders';
import { startServerProcess } from '../../tests/e2e/support/serverProcess';

const RATE = Number(process.argv[2] ?? process.env.BENCH_RATE ?? 100);
const SECONDS = Number(process.argv[3] ?? process.env.BENCH_SECONDS ?? 20);
const SECRET = 'bench-whatsapp-secret';
const PHONE_ID = '1234567890';
const TWILIO_TOKEN = 'bench-twilio-token';
const TWILIO_SID = `AC${'b'.repeat(32)}`;
const BASE = 'https://digibank.example.org';
const GREETINGS = ['hallo', 'bonjour', 'hello'];
/** How long to wait for the backlog to drain after the last webhook (`BENCH_DRAIN_SECONDS`, default 600): every webhook must be answered. */
const DRAIN_TIMEOUT_MS = Number(process.env.BENCH_DRAIN_SECONDS ?? 600) * 1000;

function sign(body: string | Buffer): string {
  return signWhatsApp(SECRET, body);
}

function textWebhook(from: string, text: string, id: string): string {
  return whatsAppTextWebhook(PHONE_ID, from, text, id);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function load(): string {
  return `${loadavg().map((l) => l.toFixed(2)).join(' ')} (${cpus().length} CPUs)`;
}

/** Node flags of the server process: a CPU profile, the statement times (see the header). */
function serverNodeFlags(): string[] {
  const flags: string[] = [];
  if (process.env.BENCH_CPU_PROF) flags.push('--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`);
  if (process.env.BENCH_STATEMENT_TIMES) flags.push('--import', pathToFileURL(path.resolve(__dirname, 'lib/statementTimes.mjs')).href);
  return flags;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'digibank-bench-channels-'));
  const fake = await new FakeProviders().start();
  // Arrival time of every call at the fake, by recipient (first accepted call counts).
  const firstReplyAt = new Map<string, number>();
  const push = fake.calls.push.bind(fake.calls);
  fake.calls.push = (...calls: ProviderCall[]) => {
    const now = performance.now();
    for (const call of calls) if (call.accepted && !firstReplyAt.has(call.to)) firstReplyAt.set(call.to, now);
    return push(...calls);
  };
  const serverDataDir = mkdtempSync(path.join(tmpdir(), 'digibank-bench-server-'));
  const server = await startServerProcess({
    DATA_DIR: serverDataDir, SEED_DEMO_DATA: 'true', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    WHATSAPP_VERIFY_TOKEN: 'bench-verify', WHATSAPP_APP_SECRET: SECRET, WHATSAPP_TOKEN: 'bench-graph-token',
    WHATSAPP_PHONE_NUMBER_ID: PHONE_ID, WHATSAPP_API_URL: fake.graphUrl,
    ...(process.env.BENCH_STATEMENT_TIMES ? { BENCH_STATEMENT_TIMES: path.resolve(process.env.BENCH_STATEMENT_TIMES) } : {}),
  }, 120_000, serverNodeFlags());
  let app: App | undefined;
  try {
    console.log(`${new Date().toISOString().slice(0, 10)}, Node ${process.version}, load average before: ${load()}`);
    await whatsApp(server.url, firstReplyAt, () => fake.calls);
    console.log(`load average after WhatsApp: ${load()}`);
    await server.stop(30_000);
    app = await startApp(loadConfig({
      PORT: '0', DATA_DIR: dataDir, SEED_DEMO_DATA: 'true', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', PUBLIC_BASE_URL: BASE,
      WHATSAPP_VERIFY_TOKEN: 'bench-verify', WHATSAPP_APP_SECRET: SECRET, WHATSAPP_TOKEN: 'bench-graph-token',
      WHATSAPP_PHONE_NUMBER_ID: PHONE_ID, WHATSAPP_API_URL: fake.graphUrl,
      TWILIO_ACCOUNT_SID: TWILIO_SID, TWILIO_AUTH_TOKEN: TWILIO_TOKEN, TWILIO_FROM: '+32460000000', TWILIO_API_URL: fake.twilioUrl,
      SMS_RATE_LIMIT_PER_MINUTE: '1000', SMS_DAILY_CAP: '1000',
    }));
    await smsSegmentsOfBooking(app);
    console.log(`load average at the end: ${load()}`);
  } finally {
    await server.stop(30_000);
    await app?.close();
    await fake.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(serverDataDir, { recursive: true, force: true });
  }
}

async function whatsApp(serverUrl: string, firstReplyAt: Map<string, number>, calls: () => ProviderCall[]): Promise<void> {
  const url = `${serverUrl}/api/whatsapp`;
  const post = async (body: string): Promise<number> => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(body) }, body });
    await response.text();
    return response.status;
  };
  // Warm-up: a few conversations (first turns compile the dialogs and the NLU).
  for (let i = 0; i < 5; i++) await post(textWebhook(`3249900000${i}`, 'hallo', `wamid.warm${i}`));
  await eventually(() => [0, 1, 2, 3, 4].every((i) => firstReplyAt.has(`3249900000${i}`)), 60_000);

  const total = Math.round(RATE * SECONDS);
  const sentAt = new Map<string, number>();
  const acks: number[] = [];
  const failures = new Map<number, number>();
  const inflight: Promise<void>[] = [];
  const started = performance.now();
  console.log(`WhatsApp: ${total} signed webhooks at ${RATE}/s (${SECONDS} s), one new conversation each…`);
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const from = `3248${String(i).padStart(7, '0')}`;
    const body = textWebhook(from, GREETINGS[i % 3], `wamid.bench${i}`);
    inflight.push((async () => {
      const t0 = performance.now();
      sentAt.set(from, t0);
      let status = 0;
      try {
        status = await post(body);
      } catch {
        status = -1;
      }
      acks.push(performance.now() - t0);
      if (status !== 200) failures.set(status, (failures.get(status) ?? 0) + 1);
    })());
  }
  await Promise.all(inflight);
  const sendSeconds = (performance.now() - started) / 1000;
  const senders = [...sentAt.keys()];
  try {
    await eventually(() => senders.every((from) => firstReplyAt.has(from)), DRAIN_TIMEOUT_MS);
  } catch {
    /* reported below */
  }
  const drainSeconds = (performance.now() - started) / 1000 - sendSeconds;
  acks.sort((a, b) => a - b);
  const e2e = senders.filter((from) => firstReplyAt.has(from)).map((from) => (firstReplyAt.get(from) as number) - (sentAt.get(from) as number)).sort((a, b) => a - b);
  console.table([
    { measure: 'webhook acknowledgement', count: acks.length, 'p50 ms': percentile(acks, 50).toFixed(1), 'p99 ms': percentile(acks, 99).toFixed(1), 'max ms': acks[acks.length - 1].toFixed(1), target: 'p50 ≤ 50, p99 ≤ 250' },
    { measure: 'inbound → outbound (fake Graph API)', count: e2e.length, 'p50 ms': percentile(e2e, 50).toFixed(1), 'p99 ms': percentile(e2e, 99).toFixed(1), 'max ms': (e2e[e2e.length - 1] ?? NaN).toFixed(1), target: '' },
  ]);
  console.log(`sent and acknowledged in ${sendSeconds.toFixed(1)} s (achieved ${(total / sendSeconds).toFixed(1)}/s); non-200 acknowledgements: ${JSON.stringify(Object.fromEntries(failures))}`);
  console.log(`answered ${e2e.length} of ${total} (unanswered: ${total - e2e.length}); backlog drained ${drainSeconds.toFixed(1)} s after the last acknowledgement`);
  // A conversation's greeting turn sends the same replies to everyone greeting in that language:
  // more calls for one recipient than for the others would be a turn run twice.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  console.log(`replies per conversation, by greeting: ${JSON.stringify(repliesByGreeting(senders, calls()))}; answered in arrival order: ${inArrivalOrder(senders, firstReplyAt)}%`);
}

/** For each greeting, how many conversations got how many replies ({ hallo: { '2': 667 } }). */
function repliesByGreeting(senders: string[], calls: ProviderCall[]): Record<string, Record<number, number>> {
  const perRecipient = new Map<string, number>();
  for (const call of calls) if (call.accepted) perRecipient.set(call.to, (perRecipient.get(call.to) ?? 0) + 1);
  const result: Record<string, Record<number, number>> = {};
  for (const [i, from] of senders.entries()) {
    const counts = (result[GREETINGS[i % 3]] ??= {});
    const replies = perRecipient.get(from) ?? 0;
    counts[replies] = (counts[replies] ?? 0) + 1;
  }
  return result;
}

/** Share of conversations whose first reply came after the first reply of the conversation sent before it. */
function inArrivalOrder(senders: string[], firstReplyAt: Map<string, number>): string {
  let ordered = 0;
  for (let i = 1; i < senders.length; i++) if ((firstReplyAt.get(senders[i]) ?? Infinity) >= (firstReplyAt.get(senders[i - 1]) ?? Infinity)) ordered++;
  return ((100 * ordered) / Math.max(1, senders.length - 1)).toFixed(1);
}

const FLOWS: { language: string; choice: string; confirm: string }[] = [
  { language: 'nl', choice: 'Nederlands', confirm: 'ja' },
  { language: 'fr', choice: 'Français', confirm: 'oui' },
  { language: 'en', choice: 'English', confirm: 'yes' },
];

async function smsSegmentsOfBooking(app: App): Promise<void> {
  let counter = 0;
  const post = async (from: string, text: string): Promise<void> => {
    const sid = `SM${String(++counter).padStart(32, '0')}`;
    const fields = { ToCountry: 'BE', SmsMessageSid: sid, NumMedia: '0', MessageSid: sid, AccountSid: TWILIO_SID, From: from, To: '+32460000000', Body: text, NumSegments: '1', ApiVersion: '2010-04-01' };
    const response = await fetch(`${app.url}/api/sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(TWILIO_TOKEN, `${BASE}/api/sms`, Object.entries(fields)) },
      body: new URLSearchParams(fields).toString(),
    });
    await response.text();
    if (response.status !== 200) throw new Error(`SMS webhook answered ${response.status}`);
  };
  const settled = async (): Promise<boolean> => {
    await app.assistant.runner.idle();
    const pending = await app.db.prisma.message.count({ where: { channel: 'sms', direction: 'out', status: { in: ['queued', 'sending'] } } });
    const unprocessed = await app.db.prisma.message.count({ where: { channel: 'sms', direction: 'in', status: 'received' } });
    return pending === 0 && unprocessed === 0;
  };
  const rows: Record<string, unknown>[] = [];
  for (const [i, flow] of FLOWS.entries()) {
    const from = `+3247020000${i}`;
    const steps = ['hallo', flow.choice, '2', '8500', '1', '1', '1', process.env.BENCH_CONFIRM === 'word' ? flow.confirm : '1'];
    for (const text of steps) {
      await post(from, text);
      await eventually(settled, 30_000);
    }
    const conversation = await app.db.prisma.conversation.findFirst({ where: { channel: 'sms', channelConversationId: from }, include: { person: true } });
    const out = await app.db.prisma.message.findMany({ where: { conversationId: conversation?.id, direction: 'out' }, orderBy: { seq: 'asc' } });
    const booked = conversation?.person ? await app.db.prisma.booking.count({ where: { personId: conversation.person.id } }) : 0;
    if (process.env.BENCH_VERBOSE) for (const m of out) console.log(`[${flow.language}] ${m.smsSegments} ${m.smsEncoding} | ${(m.text ?? '').replace(/\n/g, ' / ')}`);
    rows.push({
      language: flow.language,
      'inbound SMS': steps.length,
      'outbound SMS': out.length,
      segments: out.reduce((sum, m) => sum + (m.smsSegments ?? 0), 0),
      'UCS-2 messages': out.filter((m) => m.smsEncoding === 'UCS-2').length,
      'max segments/message': Math.max(0, ...out.map((m) => m.smsSegments ?? 0)),
      booked: booked > 0 ? 'yes' : 'NO',
    });
  }
  console.log('SMS: segments of a complete booking conversation (hallo, language, "2", 8500, first location/day/time, confirm)');
  console.table(rows);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
