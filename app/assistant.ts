import { workshopPort, WorkshopServices } from './workshopPorts';
import { repairPort, RepairServices } from './repairPorts';
import { ConversationState, TurnContext, UserState } from 'botbuilder';
import type { LoanPort, MessageTriage, PrivacyNotice } from '../dialogs/dialogServices';
import { ErasureOptions, ErasureService } from '../services/privacy/erasureService';
import { privacyPort } from './privacyPort';
import { MainDialog, MainDialogFeatures } from '../dialogs/mainDialog';
import { HandoffService } from '../services/handoff/handoffService';
import { bookingPort, peoplePort } from './bookingPorts';
import { OutboxCitizenNotifier } from '../outbox/outboxCitizenNotifier';
import type { Database } from '../db/database';
import { DigibankBot } from '../dialogs/digibankBot';
import { DurableAdapter } from '../turns/durableAdapter';
import { handoffPort } from './handoffPort';
import { loanPort } from './loanPorts';
import { isLanguage, Language, translator as defaultTranslator, Translator } from '../i18n/translator';
import { Metrics } from '../turns/metrics';
import { StateStorage } from '../turns/stateStorage';
import { onTurnError } from '../dialogs/turnErrors';
import { TurnLock } from '../turns/turnLock';
import { CONFIDENCE_THRESHOLD, type Triage } from '../triage/triage';
import { TurnRunner } from '../turns/turnRunner';
import { currentUnitOfWork } from '../turns/unitOfWork';
import type { ReachRecorder } from '../services/reach/reachRecorder';
import { personLanguageRecord, personOptOutRecord, USER_PROFILE_PROPERTY, UserProfile, UserProfileAccessor } from '../dialogs/userProfile';

/** Options of {@link createAssistant}. */
export interface AssistantOptions {
  maxMessageLength: number;
  translator?: Translator;
  metrics?: Metrics;
  features?: MainDialogFeatures;
  /** The classifier: `await Triage.load()` (read from the model cache in ~0.1 s; trained in ~3 s when the data changed). */
  triage: Triage;
  /** Language of messages to someone whose language is unknown (config DEFAULT_LANGUAGE, default `nl`). */
  defaultLanguage?: Language;
  /** Minutes unclaimed before a slot or call-back is offered (config HANDOFF_CLAIM_TIMEOUT_MINUTES, default 10). */
  handoffClaimTimeoutMinutes?: number;
  /** Loan length and the default "usually N days" of a decision (config LOAN_DAYS, LOAN_DECISION_DAYS). */
  loans?: { loanDays: number; defaultDecisionDays: number };
  /** The privacy notice (config RETENTION_DAYS, PRIVACY_CONTACT) and how erasure requests wait for their confirmation. */
  privacy?: PrivacyNotice & { erasure?: ErasureOptions };
  /** The reach report's recorder (config REACH_HASH_KEY); none: nothing is recorded for it. */
  reach?: ReachRecorder;
}

/**
 * The triage as the dialogs see it (`dialogs/dialogServices.ts`), with the confidence policy's
 * threshold. A topic it is confident of is noted in the turn's unit of work: the turn's commit
 * records it for the reach report (conversations per topic).
 */
export function messageTriage(triage: Pick<Triage, 'classify'>): MessageTriage {
  return {
    confidenceThreshold: CONFIDENCE_THRESHOLD,
    classify: (text, options) => {
      const result = triage.classify(text, options);
      if (result.topic && result.confidence >= CONFIDENCE_THRESHOLD) currentUnitOfWork()?.reachFacts.set(`topic:${result.topic}`, { kind: 'topic', detail: result.topic, digibankId: null });
      return result;
    },
  };
}

/** The assistant without any wire: state, dialogs, the durable adapter and the turn runner. */
export interface Assistant {
  readonly storage: StateStorage;
  readonly conversationState: ConversationState;
  readonly userState: UserState;
  readonly bot: DigibankBot;
  readonly adapter: DurableAdapter;
  readonly lock: TurnLock;
  readonly runner: TurnRunner;
  readonly metrics: Metrics;
  readonly i18n: Translator;
  /** Tells a citizen something outside a turn (volunteers, reminders, loans), in their language. */
  readonly notifier: OutboxCitizenNotifier;
  /** Handing conversations to volunteers: the bot's relay and dialogs, and the console, share it. */
  readonly handoffs: HandoffService;
  /** Device loans and donations: the loan dialogs and the console share them. */
  readonly loans: LoanPort;
  /** Workshops and courses: the workshop dialogs and the console share them. */
  readonly workshops: WorkshopServices;
  /** Repairs: the repair dialogs and the console share them. */
  readonly repairs: RepairServices;
  /** Erasure requests of the chat and the console (`services/privacy`). */
  readonly erasures: ErasureService;
  /** The language to write to a person in on a channel: the one they chose, else the one they write in (user state). */
  savedLanguage(channel: string, userId: string): Promise<Language | undefined>;
}

/**
 * Builds the bot and its turn pipeline on an open database. Shared by the server (`npm start`),
 * the terminal chat (`npm run chat`) and the tests, so all three run the same conversation.
 */
export function createAssistant(db: Database, options: AssistantOptions): Assistant {
  const i18n = options.translator ?? defaultTranslator;
  const metrics = options.metrics ?? new Metrics();
  const storage = new StateStorage(db.sql);
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const languages = new UserProfileAccessor(userState, personOptOutRecord(db.prisma), personLanguageRecord(db.prisma));
  const triage = messageTriage(options.triage);
  const savedLanguage = async (channel: string, userId: string): Promise<Language | undefined> => {
    // botbuilder's UserState key: `<channelId>/users/<userId>/` (empty namespace).
    const key = `${channel}/users/${userId}/`;
    const item = (await storage.read([key]))[key] as { [USER_PROFILE_PROPERTY]?: UserProfile } | undefined;
    const profile = item?.[USER_PROFILE_PROPERTY];
    // The chosen language, else the one the person writes in (the language policy's remembered one).
    return [profile?.language, profile?.detectedLanguage].find(isLanguage);
  };
  const notifier = new OutboxCitizenNotifier(db.prisma, i18n, options.defaultLanguage ?? 'nl', savedLanguage);
  const reach = options.reach;
  const handoffs = new HandoffService(db.prisma, notifier, { claimTimeoutMinutes: options.handoffClaimTimeoutMinutes, reach });
  const handoffsPort = handoffPort(db.prisma, handoffs);
  const loans = loanPort(db.prisma, notifier, i18n, { ...(options.loans ?? { loanDays: 90, defaultDecisionDays: 7 }), reach });
  const people = peoplePort(db.prisma);
  const workshops = workshopPort(db.prisma, notifier, reach);
  const repairs = repairPort(db.prisma, notifier, reach);
  const erasures = new ErasureService(db.prisma, options.privacy?.erasure);
  const notice: PrivacyNotice = { retentionDays: options.privacy?.retentionDays ?? 180, contact: options.privacy?.contact };
  const dialog = new MainDialog(
    {
      i18n,
      languages,
      privacy: privacyPort(languages, people, erasures, notice),
      triage,
      maxMessageLength: options.maxMessageLength,
      booking: bookingPort(db.prisma, reach),
      people,
      handoffs: handoffsPort,
      loans,
      workshops,
      repairs,
      clock: () => new Date(),
    },
    options.features,
  );
  const bot = new DigibankBot(conversationState, userState, dialog, triage, handoffsPort);
  const adapter = new DurableAdapter();
  adapter.onTurnError = onTurnError({ i18n, conversationState });
  const lock = new TurnLock(db.sql, { distributed: db.kind === 'postgres' });
  const runner = new TurnRunner(db.sql, adapter, bot, lock, metrics, {
    // The embedded database is one connection inside this process: turns cannot overlap there, and
    // one at a time, the event loop polls for requests between each of its statements (db/sqlClient.ts),
    // so a webhook is stored and acknowledged at once. On PostgreSQL turns overlap their round trips.
    concurrency: db.kind === 'embedded' ? 1 : 8,
    reach: options.reach?.keys,
    // Conversation and user state (botbuilder's own storage keys), read in one query before each turn.
    stateKeys: (activity) => {
      const context = new TurnContext(adapter, activity);
      return [conversationState.getStorageKey(context), userState.getStorageKey(context)].filter((key): key is string => !!key);
    },
  });
  return { storage, conversationState, userState, bot, adapter, lock, runner, metrics, i18n, notifier, handoffs, loans, workshops, repairs, erasures, savedLanguage };
}
