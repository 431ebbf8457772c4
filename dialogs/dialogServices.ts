import type { TurnContext } from 'botbuilder';
import type { Language, Translator } from '../i18n/translator';
import type { SubQuestion } from '../triage/subQuestions';
import type { Intent, Topic, TriageLanguage } from '../triage/taxonomy';
import type { ReminderService } from '../services/booking/reminderService';
import type { BookingService } from '../services/booking/bookingService';
import type { HomeVisitPlanner } from '../services/booking/homeVisitPlanner';
import type { LocationService } from '../services/booking/locationService';
import type { DirectoryService } from '../services/directory/directoryService';
import type { SlotService } from '../services/booking/slotService';
import type { CallbackMoment, HandoffReason, HandoffTicket, OpenHandoff } from '../services/handoff/handoffService';
import type { DeviceService } from '../services/loans/deviceService';
import type { DonationService } from '../services/loans/donationService';
import type { LoanFormats, LoanService } from '../services/loans/loanService';
import type { WorkshopService } from '../services/workshops/workshopService';
import type { RepairService } from '../services/repair/repairService';

export type { Intent, SubQuestion, Topic, TriageLanguage };

/**
 * Where dialogs read and save the person's language. Implemented in `dialogs/userProfile.ts` over user
 * state; dialogs only see this interface, so they do not depend on how the bot stores it.
 */
export interface LanguageStore {
  /** The language of this turn: saved choice → channel locale → `nl`. */
  current(context: TurnContext): Language;
  /** The language the person chose earlier, if any. */
  saved(context: TurnContext): Promise<Language | undefined>;
  /** Saves the choice for this person and makes it the language of the rest of the turn. */
  save(context: TurnContext, language: Language): Promise<void>;
  /** The language of the person's typed messages while they have not chosen one (the policy's prior), if any. */
  remembered(context: TurnContext): Promise<Language | undefined>;
}

/**
 * What an opt-out silences: `proactive` = we send nothing of our own (answers to the person's own
 * messages still go out); `channel` = the channel sends nothing at all until the person restarts
 * (SMS: START).
 */
export type OptOutScope = 'proactive' | 'channel';

/** What the privacy notice tells (configuration RETENTION_DAYS and PRIVACY_CONTACT). */
export interface PrivacyNotice {
  /** Days without contact after which messages, state and the person are deleted. */
  readonly retentionDays: number;
  /** The digibank's contact for personal data (e-mail or phone), if configured. */
  readonly contact?: string;
}

/**
 * The person's privacy requests (`dialogs/userProfile.ts`, and with a database
 * `app/privacyPort.ts`): the opt-out goes to `Person.optedOutAt`, which SMS STOP also sets and the
 * outbox senders check; an erasure request is recorded and carried out by
 * `services/privacy/erasureService.ts` once the last confirmation has left the outbox.
 */
export interface PrivacyRequests {
  /** Records that the person wants no more messages from us (no reminders, no follow-ups). */
  optOut(context: TurnContext): Promise<OptOutScope>;
  /** Records that the person asked for their data to be erased. */
  requestErasure(context: TurnContext): Promise<void>;
  /** What the privacy notice says (default: 180 days, ask the digibank). */
  readonly notice?: PrivacyNotice;
}

/** One reading of a message other than the chosen one. */
export interface UnderstoodAlternative {
  readonly intent: Intent;
  readonly topic: Topic | null;
  /** Probability of this intent, in [0, 1]. */
  readonly score: number;
}

/** What the triage understood of a message (the fields of `triage`'s `TriageResult` dialogs use). */
export interface Understanding {
  readonly text: string;
  readonly language: TriageLanguage;
  /** Probability of `language`, in [0, 1]. */
  readonly languageConfidence: number;
  readonly intent: Intent;
  readonly topic: Topic | null;
  /** Probability that `intent` is right, in [0, 1]. */
  readonly confidence: number;
  /** The next likeliest readings, best first. */
  readonly alternatives: readonly UnderstoodAlternative[];
  /** A scam in progress: safety advice first. */
  readonly urgent: boolean;
  /** The common sub-question of `topic` and its probability among that topic's; null or absent: generic. */
  readonly subQuestion?: { readonly id: SubQuestion; readonly confidence: number } | null;
}

/**
 * Understanding free text (language, intent, topic). The classifier of `triage` is injected by
 * the composition root; dialogs only see this interface.
 */
export interface MessageTriage {
  /** Below this confidence the dialog asks instead of acting (`CONFIDENCE_THRESHOLD` of the triage). */
  readonly confidenceThreshold: number;
  /** Understands one message; `rememberedLanguage` keeps short, ambiguous messages in the person's language. */
  classify(text: string, options?: { rememberedLanguage?: TriageLanguage }): Understanding;
}

/**
 * Who the person of a turn is in the database (the `person` row of the channel and sender).
 * Implemented in `app/bookingPorts.ts`; dialogs never touch Prisma or an adapter.
 */
export interface PeoplePort {
  /** The id of the turn's person, created on first use. */
  personIdFor(context: TurnContext): Promise<string>;
}

/** The appointment services (`services/booking`), built once by the composition root. */
export interface BookingPort {
  readonly locations: LocationService;
  /** "Where and when are you open": places with their hours from now, free access, services. */
  readonly directory: DirectoryService;
  readonly slots: SlotService;
  readonly homeVisits: HomeVisitPlanner;
  readonly bookings: BookingService;
  /** Day-before reminders: which booking a person's answer is about. */
  readonly reminders: Pick<ReminderService, 'awaitingAnswer'>;
}

/** Device loans and donations (`services/loans`), built once by the composition root (`app/loanPorts.ts`). */
export interface LoanPort {
  readonly loans: LoanService;
  readonly devices: DeviceService;
  readonly donations: DonationService;
  readonly locations: LocationService;
  /** Dates and opening hours in the person's language. */
  readonly formats: LoanFormats;
}

/** Workshops and courses (`services/workshops`), built once by the composition root (`app/workshopPorts.ts`). */
export interface WorkshopPort {
  readonly workshops: WorkshopService;
}

/** Repairs (`services/repair`), built once by the composition root (`app/repairPorts.ts`). */
export interface RepairPort {
  readonly repairs: RepairService;
}

/** What the citizen asks for when they want a person. */
export interface HandoffRequest {
  readonly reason: HandoffReason;
  /** The language the volunteer should answer in. */
  readonly language: string;
  readonly topic?: string | null;
  /** A scam in progress: first in the line. */
  readonly urgent?: boolean;
  /** What the bot already tried, for the volunteer (short JSON). */
  readonly summary?: object;
}

/** The open handoff of the conversation as the citizen's side sees it. */
export interface HandoffWait extends HandoffTicket {
  readonly status: OpenHandoff['status'];
  /** When a slot or call-back was last offered instead of waiting (by the dialog or the claim timeout). */
  readonly alternativeOfferedAt: Date | null;
}

/**
 * Handing this turn's conversation to a person (`services/handoff`), implemented in
 * `app/handoffPort.ts`: dialogs name the turn, the port finds its conversation.
 */
export interface HandoffPort {
  /** Asks for a person; while one is already asked for, returns that one (idempotent). */
  request(context: TurnContext, request: HandoffRequest): Promise<HandoffTicket>;
  /** The open handoff (waiting or with a volunteer), or null: one cheap query (the bot's relay asks every turn). */
  open(context: TurnContext): Promise<Pick<OpenHandoff, 'handoffId' | 'status'> | null>;
  /** The open handoff with the place in the line and the estimate, or null. */
  status(context: TurnContext): Promise<HandoffWait | null>;
  /** The citizen stops waiting; false when nothing was waiting. */
  cancel(context: TurnContext): Promise<boolean>;
  /** The citizen asks to be called back on their channel's number; false when nothing was waiting. */
  requestCallback(context: TurnContext): Promise<boolean>;
  /** When the citizen prefers that call (asked right after the call-back); false when no call-back waits. */
  callbackMoment(context: TurnContext, moment: CallbackMoment): Promise<boolean>;
  /** Tells the volunteers' consoles that the citizen wrote while a handoff is open. */
  citizenWrote(context: TurnContext): Promise<void>;
}

/** What every dialog of the assistant gets from the composition root. */
export interface DialogServices {
  /** User-facing text. */
  readonly i18n: Translator;
  /** The person's language. */
  readonly languages: LanguageStore;
  /** Longer messages are refused politely (configuration `MAX_MESSAGE_LENGTH`, default 4000). */
  readonly maxMessageLength: number;
  /** Understanding free text at every step. */
  readonly triage: MessageTriage;
  /** Opt-out and erasure requests. */
  readonly privacy: PrivacyRequests;
  /** Appointments (booking dialogs). */
  readonly booking: BookingPort;
  /** Device loans and donations (loan dialogs). */
  readonly loans: LoanPort;
  /** Workshops and courses (workshop dialogs). */
  readonly workshops: WorkshopPort;
  /** Repair requests (repair dialogs). */
  readonly repairs: RepairPort;
  /** The person of the turn in the database (booking and loan dialogs). */
  readonly people: PeoplePort;
  /** Handing the conversation to a person. */
  readonly handoffs: HandoffPort;
  /** Now: the system clock in the assistant, a fixed one in tests. */
  readonly clock: () => Date;
}
