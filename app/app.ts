import type { Server } from 'restify';
import { MountedConsole, mountConsole } from '../adapters/console/mountConsole';
import { seedDemoData, topUpSlots } from '../prisma/seed/index';
import { Assistant, createAssistant } from './assistant';
import { Triage } from '../triage/triage';
import { type Config, DEV_REACH_HASH_KEY } from './config';
import { ReachKeys } from '../services/reach/reachKeys';
import { ReachRecorder } from '../services/reach/reachRecorder';
import { Database, databaseTarget, openDatabase } from '../db/database';
import { describeError, logger } from '../kernel/logger';
import { EmbeddedMaintenance } from '../db/embeddedMaintenance';
import { HandoffScheduler } from '../services/handoff/handoffScheduler';
import { LoanReminderScheduler } from '../services/loans/loanReminderScheduler';
import { ReminderScheduler } from '../services/booking/reminderScheduler';
import { WorkshopReminderScheduler } from '../services/workshops/workshopReminderScheduler';
import { createServer } from './server';
import { PrivacyScheduler } from '../services/privacy/privacyScheduler';
import { RetentionService } from '../services/privacy/retentionService';
import { onTurnError } from '../dialogs/turnErrors';
import { languageOf as turnLanguage } from '../dialogs/userProfile';
import { OutboxSender } from '../outbox/outboxSender';
import { ChannelPorts, MountedChannels, mountChannels } from './channels';

/** How often the helpdesk slots of the coming three weeks are topped up (idempotent). */
const SLOT_TOP_UP_INTERVAL_MS = 6 * 3600 * 1000;

/** A running assistant: the HTTP server and what it is made of. */
export interface App {
  readonly config: Config;
  readonly db: Database;
  readonly assistant: Assistant;
  readonly server: Server;
  /** The address the server listens on, e.g. http://127.0.0.1:3978. */
  readonly url: string;
  /** The channels: those mounted, and for the others the variables missing. */
  readonly channels: MountedChannels;
  /** Sends the replies of the messaging channels (WhatsApp, SMS) and the notifications to them. */
  readonly outbox: OutboxSender;
  /** The volunteer console: its guard, and the administrator created at this start (if any). */
  readonly console: MountedConsole;
  close(): Promise<void>;
}

/**
 * The composition root: opens (and migrates) the database, seeds demo data into an empty one,
 * builds the assistant, mounts every channel and starts listening.
 */
export async function startApp(config: Config, existingDb?: Database): Promise<App> {
  const db = existingDb ?? (await openDatabase(databaseTarget(config)));
  const seeded = config.SEED_DEMO_DATA ? await seedDemoData(db.prisma, new Date()) : undefined;
  // PostgreSQL's autovacuum keeps a server's statistics fresh; the embedded database needs our own.
  const maintenance = db.kind === 'embedded' ? new EmbeddedMaintenance(db.sql) : undefined;
  maintenance?.start();
  const reach = new ReachRecorder(db.prisma, new ReachKeys(config.REACH_HASH_KEY));
  if (config.REACH_HASH_KEY === DEV_REACH_HASH_KEY && !config.SEED_DEMO_DATA) logger.warn('REACH_HASH_KEY is the development default: set your own (see README, Reach report)');
  const assistant = createAssistant(db, {
    reach,
    maxMessageLength: config.MAX_MESSAGE_LENGTH,
    triage: await Triage.load(),
    defaultLanguage: config.DEFAULT_LANGUAGE,
    handoffClaimTimeoutMinutes: config.HANDOFF_CLAIM_TIMEOUT_MINUTES,
    loans: { loanDays: config.LOAN_DAYS, defaultDecisionDays: config.LOAN_DECISION_DAYS },
    privacy: { retentionDays: config.RETENTION_DAYS, contact: config.PRIVACY_CONTACT },
  });
  const server = createServer(db, assistant.metrics, { dataDir: db.kind === 'embedded' && !config.DATA_DIR.startsWith('memory://') ? config.DATA_DIR : undefined });
  const outbox = newOutbox(db, config, reach);
  const channels = await mountChannels(server, config, channelPorts(db, config, assistant, outbox));
  assistant.runner.onOutbound((channel) => outbox.wake(channel));
  outbox.start();
  server.once('close', () => void outbox.stop());
  const { notifier, handoffs } = assistant;
  const consoleApp = await mountConsole(server, { prisma: db.prisma, handoffs, notifier, i18n: assistant.i18n, settings: config, loans: assistant.loans, erasures: assistant.erasures, reach });
  assistant.runner.startRecovery();
  let slotTopUp = Promise.resolve();
  const topUp = () => (slotTopUp = topUpSlots(db.prisma, new Date()).catch((error) => logger.warn({ err: describeError(error) }, 'slot generation failed')));
  const slotTimer = setInterval(topUp, SLOT_TOP_UP_INTERVAL_MS);
  slotTimer.unref();
  await new Promise<void>((resolve) => server.listen(config.PORT, resolve));
  if (seeded === 'existing') topUp(); // after listening: start-up does not wait for it
  const reminders = new ReminderScheduler(db.prisma, assistant.i18n, assistant.notifier, { hour: config.REMINDER_HOUR });
  reminders.start();
  const workshopReminders = new WorkshopReminderScheduler(db.prisma, assistant.notifier, { hour: config.REMINDER_HOUR });
  workshopReminders.start();
  const loanReminders = new LoanReminderScheduler(assistant.loans.loans, { daysBefore: config.LOAN_REMINDER_DAYS, hour: config.REMINDER_HOUR });
  loanReminders.start();
  const handoffTimeouts = new HandoffScheduler(handoffs);
  handoffTimeouts.start();
  const privacy = new PrivacyScheduler(assistant.erasures, new RetentionService(db.prisma, { retentionDays: config.RETENTION_DAYS, auditRetentionDays: config.AUDIT_RETENTION_DAYS }));
  privacy.start();
  const address = server.address();
  const url = `http://${address.address === '::' ? 'localhost' : address.address}:${address.port}`;
  return {
    config,
    db,
    assistant,
    server,
    url,
    channels,
    outbox,
    console: consoleApp,
    close: async () => {
      clearInterval(slotTimer);
      await slotTopUp;
      consoleApp.close();
      await channels.close();
      handoffs.stop();
      await handoffTimeouts.stop();
      await reminders.stop();
      await workshopReminders.stop();
      await loanReminders.stop();
      await privacy.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await outbox.stop();
      await assistant.runner.stop();
      await maintenance?.stop();
      await db.close();
    },
  };
}

/** The outbox sender of the messaging channels; each channel mounted registers its sender with it. */
function newOutbox(db: Database, config: Config, reach: ReachRecorder): OutboxSender {
  return new OutboxSender(db.prisma, {
    reach,
    retryBaseMs: config.OUTBOX_RETRY_BASE_MS,
    retryMaxMs: config.OUTBOX_RETRY_MAX_MS,
    pollMs: config.OUTBOX_POLL_MS,
    leaseMs: config.OUTBOX_LEASE_SECONDS * 1000,
    doubtMs: config.OUTBOX_DOUBT_SECONDS * 1000,
  });
}

/** What the channels get of the assistant (app/channels.ts). */
function channelPorts(db: Database, config: Config, assistant: Assistant, outbox: OutboxSender): ChannelPorts {
  return {
    db,
    outbox,
    runner: assistant.runner,
    adapter: assistant.adapter,
    bot: assistant.bot,
    lock: assistant.lock,
    i18n: assistant.i18n,
    defaultLanguage: config.DEFAULT_LANGUAGE,
    savedLanguage: (channel, channelUserId) => assistant.savedLanguage(channel, channelUserId),
    turnLanguage,
    turnError: onTurnError({ i18n: assistant.i18n, conversationState: assistant.conversationState }),
  };
}
