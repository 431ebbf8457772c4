import type { Server } from 'restify';
import { BotFrameworkChannel } from '../adapters/botframework/botFrameworkChannel';
import { MountedConsole, mountConsole } from '../adapters/console/mountConsole';
import { DirectLineAdapter, WEBCHAT_CHANNEL } from '../adapters/webchat/directLineAdapter';
import { OutageBuffer } from '../adapters/webchat/outageBuffer';
import { ActivityReader } from '../adapters/webchat/activityReader';
import { DirectLineStreams } from '../adapters/webchat/directLineStream';
import { DirectLineTokens } from '../adapters/webchat/directLineTokens';
import { WebChatPage } from '../adapters/webchat/webChatPage';
import { seedDemoData, topUpSlots } from '../prisma/seed/index';
import { TranscriptService } from '../services/transcriptService';
import { SettingsService } from '../services/settingsService';
import { Assistant, createAssistant } from './assistant';
import { Triage } from '../triage/triage';
import type { Config } from './config';
import { Database, databaseTarget, openDatabase } from '../db/database';
import { languageFromAcceptLanguage, webChatLocale } from '../adapters/webchat/webChatPage';
import { baseLanguage, languageFromLocale } from '../i18n/translator';
import { describeError, logger } from '../kernel/logger';
import { MessagingChannels, mountMessagingChannels } from './messagingChannels';
import { EmbeddedMaintenance } from '../db/embeddedMaintenance';
import { MessageFeed } from '../adapters/webchat/messageFeed';
import { HandoffScheduler } from '../services/handoff/handoffScheduler';
import { LoanReminderScheduler } from '../services/loans/loanReminderScheduler';
import { ReminderScheduler } from '../services/booking/reminderScheduler';
import { createServer } from './server';
import { TranscriptRecorder } from '../turns/transcriptRecorder';
import { onTurnError } from '../dialogs/turnErrors';

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
  /** The messaging channels mounted (whatsapp, sms) — those whose variables are set. */
  readonly messaging: MessagingChannels;
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
  if (config.SEED_DEMO_DATA) await seedDemoData(db.prisma, new Date());
  // PostgreSQL's autovacuum keeps a server's statistics fresh; the embedded database needs our own.
  const maintenance = db.kind === 'embedded' ? new EmbeddedMaintenance(db.sql) : undefined;
  maintenance?.start();
  const assistant = createAssistant(db, {
    maxMessageLength: config.MAX_MESSAGE_LENGTH,
    triage: await Triage.load(),
    defaultLanguage: config.DEFAULT_LANGUAGE,
    handoffClaimTimeoutMinutes: config.HANDOFF_CLAIM_TIMEOUT_MINUTES,
    loans: { loanDays: config.LOAN_DAYS, defaultDecisionDays: config.LOAN_DECISION_DAYS },
  });
  const server = createServer(db, assistant.metrics);
  const feed = await MessageFeed.open(db);
  const { messaging, streams } = await mountChannels(server, config, db, assistant, feed);
  const { notifier, handoffs } = assistant;
  const consoleApp = await mountConsole(server, { prisma: db.prisma, handoffs, notifier, i18n: assistant.i18n, settings: config, loans: assistant.loans });
  assistant.runner.startRecovery();
  const slotTimer = setInterval(() => topUpSlots(db.prisma, new Date()).catch((error) => logger.warn({ err: describeError(error) }, 'slot generation failed')), SLOT_TOP_UP_INTERVAL_MS);
  slotTimer.unref();
  await new Promise<void>((resolve) => server.listen(config.PORT, resolve));
  const reminders = new ReminderScheduler(db.prisma, assistant.i18n, assistant.notifier, { hour: config.REMINDER_HOUR });
  reminders.start();
  const loanReminders = new LoanReminderScheduler(assistant.loans.loans, { daysBefore: config.LOAN_REMINDER_DAYS, hour: config.REMINDER_HOUR });
  loanReminders.start();
  const handoffTimeouts = new HandoffScheduler(handoffs);
  handoffTimeouts.start();
  const address = server.address();
  const url = `http://${address.address === '::' ? 'localhost' : address.address}:${address.port}`;
  return {
    config,
    db,
    assistant,
    server,
    url,
    messaging,
    console: consoleApp,
    close: async () => {
      clearInterval(slotTimer);
      consoleApp.close();
      streams.close();
      handoffs.stop();
      await handoffTimeouts.stop();
      await reminders.stop();
      await loanReminders.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await messaging.stop();
      await assistant.runner.stop();
      await maintenance?.stop();
      await feed.close();
      await db.close();
    },
  };
}

async function mountChannels(server: Server, config: Config, db: Database, assistant: Assistant, feed: MessageFeed): Promise<{ messaging: MessagingChannels; streams: DirectLineStreams }> {
  const settings = new SettingsService(db.prisma);
  const tokens = new DirectLineTokens(Buffer.from(await settings.getOrCreate('directline.signingKey', DirectLineTokens.newKey)));
  const outage = new OutageBuffer(assistant.runner, (locale) => assistant.i18n.t(languageFromLocale(locale) ?? config.DEFAULT_LANGUAGE, 'webchat.unavailable'));
  assistant.runner.onTurnFailed((channel, channelConversationId, locale) => {
    if (channel === WEBCHAT_CHANNEL) outage.apologise(channelConversationId, locale);
  });
  const transcripts = new TranscriptService(db.prisma, db.sql);
  // Streams take what this process stored from the feed instead of reading it back.
  assistant.runner.onStored((conversationId, entries) => feed.offer(conversationId, entries));
  const reader = new ActivityReader({ transcripts, feed, outage });
  const streams = new DirectLineStreams({ tokens, transcripts, reader, feed, outage, channel: WEBCHAT_CHANNEL });
  const directLine = new DirectLineAdapter({ runner: assistant.runner, transcripts, tokens, outage, reader, streams, secret: config.DIRECTLINE_SECRET });
  directLine.register(server);
  new WebChatPage({
    issueToken: (userId) => directLine.issueToken(userId),
    texts: async (acceptLanguage, userId) => {
      const lang = (await assistant.savedLanguage(WEBCHAT_CHANNEL, userId)) ?? languageFromAcceptLanguage(acceptLanguage) ?? config.DEFAULT_LANGUAGE;
      return { lang: baseLanguage(lang), locale: webChatLocale(lang), title: assistant.i18n.t(lang, 'webchat.title'), noscript: assistant.i18n.t(lang, 'webchat.noscript') };
    },
  }).register(server);
  new BotFrameworkChannel({
    config,
    bot: assistant.bot,
    lock: assistant.lock,
    transcript: new TranscriptRecorder(db.prisma),
    onTurnError: onTurnError({ i18n: assistant.i18n, conversationState: assistant.conversationState }),
  }).register(server);
  const messaging = mountMessagingChannels(server, config, db, assistant);
  logger.debug('channels mounted');
  return { messaging, streams };
}
