import { startApp, type App } from '../../../app/app';
import { loadConfig } from '../../../app/config';
import { FakeProviders } from '../../support/fakeProviders';

/** Secrets and ids of the channels the journey server mounts (test values, loopback only). */
export const JOURNEY_SECRETS = {
  whatsAppAppSecret: 'journey-whatsapp-secret',
  whatsAppPhoneId: '3225000001',
  twilioToken: 'journey-twilio-token',
  twilioSid: `AC${'b'.repeat(32)}`,
  twilioFrom: '+32460000001',
  publicBaseUrl: 'https://journeys.digibank.example.org',
} as const;

/** One real in-process server with WhatsApp, SMS and Direct Line mounted, and the fake providers. */
export interface JourneyServer {
  readonly app: App;
  readonly fake: FakeProviders;
  /** Stops the server and the fake providers. */
  close(): Promise<void>;
}

/**
 * Starts the real server (demo data seeded, in-memory database) with every citizen channel, sending
 * to fake Graph and Twilio APIs on loopback. The SMS daily limit is the production default; the
 * per-minute anti-abuse limit is raised, because a journey sends an afternoon's messages in seconds.
 */
export async function startJourneyServer(): Promise<JourneyServer> {
  const fake = await new FakeProviders().start();
  const s = JOURNEY_SECRETS;
  const app = await startApp(loadConfig({
    PORT: '0', DATA_DIR: 'memory://', SEED_DEMO_DATA: 'true', PUBLIC_BASE_URL: s.publicBaseUrl,
    WHATSAPP_VERIFY_TOKEN: 'journey-verify', WHATSAPP_APP_SECRET: s.whatsAppAppSecret, WHATSAPP_TOKEN: 'journey-graph-token',
    WHATSAPP_PHONE_NUMBER_ID: s.whatsAppPhoneId, WHATSAPP_API_URL: fake.graphUrl,
    TWILIO_ACCOUNT_SID: s.twilioSid, TWILIO_AUTH_TOKEN: s.twilioToken, TWILIO_FROM: s.twilioFrom, TWILIO_API_URL: fake.twilioUrl,
    SMS_RATE_LIMIT_PER_MINUTE: '120', CHAT_RATE_LIMIT_PER_MINUTE: '120', WEBCHAT_TOKENS_PER_MINUTE: '10000',
    OUTBOX_RETRY_BASE_MS: '5', OUTBOX_RETRY_MAX_MS: '50', OUTBOX_POLL_MS: '10', LOG_LEVEL: 'error',
  }));
  return { app, fake, close: async () => { await app.close(); await fake.stop(); } };
}

/**
 * True when the turn runner is idle and nothing of this conversation is in flight: no inbound
 * message unprocessed, no outbound WhatsApp or SMS row queued (due now) or sending.
 */
export async function settled(app: App, channel: string, channelConversationId: string): Promise<boolean> {
  await app.assistant.runner.idle();
  const conversation = { channel, channelConversationId };
  const dueNow = { OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: new Date() } }] };
  // Web chat replies are read from the transcript, not sent by the outbox: they stay queued.
  const pending = channel === 'webchat' ? 0 : await app.db.prisma.message.count({ where: { conversation, direction: 'out', OR: [{ status: 'sending' }, { status: 'queued', ...dueNow }] } });
  const unprocessed = await app.db.prisma.message.count({ where: { conversation, direction: 'in', status: 'received' } });
  return pending === 0 && unprocessed === 0;
}

/** Waits (polling, no fixed sleep) until {@link settled}; throws after `timeoutMs`. */
export async function untilSettled(app: App, channel: string, channelConversationId: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await settled(app, channel, channelConversationId))) {
    if (Date.now() > deadline) throw new Error(`${channel} ${channelConversationId}: not settled in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
