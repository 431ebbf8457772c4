import { signWhatsApp, whatsAppTextWebhook } from '../support/whatsAppPayloads';
import { createTestDatabase, TestDatabase } from '../support/database';
import { eventually, FakeProviders, graphText } from '../support/fakeProviders';
import { ServerProcess, startServerProcess } from './support/serverProcess';

const SECRET = 'crash-whatsapp-secret';
const PHONE_ID = '1234567890';
const CONVERSATIONS = 200;
/** The outbox lease of the test (OUTBOX_LEASE_SECONDS): a row claimed by the killed process waits for it. */
const LEASE_SECONDS = 4;
/**
 * OUTBOX_DOUBT_SECONDS of the test: a part in flight at the kill waits this long for its status
 * callback (which the fake retries until the restarted server takes it) before it is sent again.
 * Longer than a restart on a loaded machine.
 */
const DOUBT_SECONDS = 20;
/** The lease, a restart, the doubt grace period and the resent burst, with margin on a loaded machine. */
const RECOVERY_MS = 90_000;

const describeWithPostgres = process.env.TEST_DATABASE_URL ? describe : describe.skip;

function sign(body: string | Buffer): string {
  return signWhatsApp(SECRET, body);
}

function textWebhook(from: string, text: string, id: string): string {
  return whatsAppTextWebhook(PHONE_ID, from, text, id);
}

async function post(base: string, body: string): Promise<number> {
  try {
    const response = await fetch(`${base}/api/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(body) }, body, signal: AbortSignal.timeout(10_000) });
    await response.text();
    return response.status;
  } catch {
    return 0; // connection refused or reset: the process was killed
  }
}

function killHard(server: ServerProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) resolve();
    else server.child.once('exit', () => resolve());
  });
  try {
    process.kill(-(server.child.pid as number), 'SIGKILL');
  } catch {
    /* already gone */
  }
  return exited;
}

describeWithPostgres('SIGKILL during a burst of 200 WhatsApp conversations, then a restart', () => {
  let db: TestDatabase;
  let fake: FakeProviders;
  let server: ServerProcess | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    // Meta's status webhooks (sent) after every accepted call, retried while the server is down.
    fake = await new FakeProviders({ statusCallbacks: { serverUrl: () => (server as ServerProcess).url, whatsAppAppSecret: SECRET } }).start();
    db = await createTestDatabase('postgres');
    env = {
      DATABASE_URL: (db.target as { url: string }).url, SEED_DEMO_DATA: 'false', LOG_LEVEL: 'warn',
      WHATSAPP_VERIFY_TOKEN: 'verify-token-crash', WHATSAPP_APP_SECRET: SECRET, WHATSAPP_TOKEN: 'graph-token',
      WHATSAPP_PHONE_NUMBER_ID: PHONE_ID, WHATSAPP_API_URL: fake.graphUrl,
      OUTBOX_RETRY_BASE_MS: '20', OUTBOX_RETRY_MAX_MS: '500', OUTBOX_POLL_MS: '100', OUTBOX_LEASE_SECONDS: String(LEASE_SECONDS),
      OUTBOX_DOUBT_SECONDS: String(DOUBT_SECONDS),
    };
    server = await startServerProcess(env);
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
    await fake?.stop();
    await db?.drop();
  }, 30_000);

  test('no inbound message unanswered; no reply sent twice (a send in flight at the kill is proven by its status callback)', async () => {
    const first = server as ServerProcess;
    const webhooks = Array.from({ length: CONVERSATIONS }, (_, i) => {
      const from = `3247700${String(i).padStart(4, '0')}`;
      return { from, body: textWebhook(from, ['hallo', 'bonjour', 'hello'][i % 3], `wamid.crash${i}`), acknowledged: false };
    });

    // The burst: 20 at a time; the process is killed once replies are flowing.
    let next = 0;
    let killed = false;
    const worker = async () => {
      while (next < webhooks.length && !killed) {
        const webhook = webhooks[next++];
        webhook.acknowledged = (await post(first.url, webhook.body)) === 200;
      }
    };
    const burst = Promise.all(Array.from({ length: 20 }, worker));
    await eventually(() => fake.calls.filter((c) => c.accepted).length >= 30, 60_000);
    await killHard(first);
    killed = true;
    await burst;
    const acknowledgedBeforeKill = webhooks.filter((w) => w.acknowledged).length;
    const repliedBeforeKill = fake.calls.length;
    // Parts in flight at the kill (their send marked, their acceptance not recorded), and how many of
    // them the provider did accept: without reconciliation each of those would be sent twice.
    const inFlight = await db.prisma.$queryRaw<{ id: string; part: number }[]>`
      SELECT id, (activity -> 'outboxAttempt' ->> 'part')::int AS part FROM message
      WHERE direction = 'out' AND status = 'sending' AND (activity -> 'outboxAttempt' ->> 'part')::int >= "partsSent"`;
    const opaque = new Set(fake.calls.filter((c) => c.accepted).map((c) => c.body.biz_opaque_callback_data));
    const acceptedInDoubt = inFlight.filter((row) => opaque.has(`outbox:${row.id}:${row.part}`)).length;

    // Restart on the same database; Meta redelivers every webhook that got no 200.
    server = await startServerProcess(env);
    const second = server;
    for (const webhook of webhooks.filter((w) => !w.acknowledged)) {
      await eventually(async () => (webhook.acknowledged = (await post(second.url, webhook.body)) === 200), 20_000);
    }

    const prisma = db.prisma;
    await eventually(async () => {
      const unprocessed = await prisma.message.count({ where: { channel: 'whatsapp', direction: 'in', status: 'received' } });
      const pending = await prisma.message.count({ where: { channel: 'whatsapp', direction: 'out', status: { in: ['queued', 'sending'] } } });
      return unprocessed === 0 && pending === 0 && fake.callbacks.pending === 0 && webhooks.every((w) => fake.accepted(w.from).length > 0);
    }, RECOVERY_MS);

    // Every inbound stored once and processed; every conversation answered.
    const inbound = await prisma.message.findMany({ where: { channel: 'whatsapp', direction: 'in' } });
    expect(inbound).toHaveLength(CONVERSATIONS);
    expect(inbound.filter((m) => m.status !== 'processed')).toEqual([]);
    expect(webhooks.filter((w) => fake.accepted(w.from).length === 0).map((w) => w.from)).toEqual([]);
    const outbound = await prisma.message.findMany({ where: { channel: 'whatsapp', direction: 'out' } });
    expect(outbound.filter((m) => m.status !== 'sent').map((m) => m.status)).toEqual([]);

    // Duplicates at the fake: the same (to, text) accepted more than once.
    const accepted = fake.calls.filter((c) => c.accepted && c.provider === 'graph');
    const counts = new Map<string, number>();
    for (const call of accepted) {
      const key = `${call.to}\u0000${graphText(call)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const duplicates = [...counts.values()].reduce((sum, n) => sum + n - 1, 0);
    console.log(
      `crash recovery: ${acknowledgedBeforeKill} webhooks acknowledged before SIGKILL, ${repliedBeforeKill} provider calls before it; ` +
        `${accepted.length} accepted calls for ${outbound.length} outbound rows (${outbound.reduce((s, m) => s + m.partsSent, 0)} parts); ` +
        `${inFlight.length} parts in flight at the kill, ${acceptedInDoubt} of them accepted by the provider; ` +
        `status callbacks delivered ${fake.callbacks.delivered}, abandoned ${fake.callbacks.abandoned}; duplicate (to, text): ${duplicates}`,
    );
    // Zero: a part the provider accepted in the instant before the kill, whose acceptance was not
    // recorded, is in doubt; it waits OUTBOX_DOUBT_SECONDS for its status callback (which names the
    // row and part in biz_opaque_callback_data) and is recorded from it instead of being sent again.
    expect(duplicates).toBe(0);
    expect(accepted.length).toBe(outbound.reduce((s, m) => s + m.partsSent, 0));
    expect(fake.callbacks.abandoned).toBe(0);
  }, 170_000);
});
