import type { HandoffReason } from '../services/handoff/handoffService';
import type { SubQuestion } from '../triage/subQuestions';
import type { Topic } from '../triage/taxonomy';

/**
 * Ids of the dialogs of the assistant, in one place so that dialogs can start each other without
 * importing each other's classes (no import cycles). Each dialog file re-exports its own id.
 */

/** The main menu and router (root dialog). */
export const MAIN_DIALOG = 'MAIN_DIALOG';
/** Choosing the language. */
export const LANGUAGE_DIALOG = 'LANGUAGE_DIALOG';
/** Talking to a person: the place in the line, then the wait for a volunteer. */
export const HANDOFF_DIALOG = 'HANDOFF_DIALOG';
/** Offering a person after repeated misunderstanding. */
export const PERSON_OFFER_DIALOG = 'PERSON_OFFER_DIALOG';
/** An honest "this part is coming" for requests of features not built yet (training, when no workshop dialog is wired). */
export const COMING_SOON_DIALOG = 'COMING_SOON_DIALOG';
/** Another request answered in the middle of a task, which then asks its question again. */
export const DETOUR_DIALOG = 'DETOUR_DIALOG';
/** Acting on free text: language switch offer, clarifying question, routing (`intentRoutes.ts`). */
export const TRIAGE_DIALOG = 'TRIAGE_DIALOG';
/** Self-help steps for a topic, then the offers that fit (booking, home visit, workshop, person). */
export const TOPIC_HELP_DIALOG = 'TOPIC_HELP_DIALOG';
/** Opt-out and erasure requests, confirmed before anything is recorded. */
export const PRIVACY_REQUEST_DIALOG = 'PRIVACY_REQUEST_DIALOG';
/** A short answer (greeting, goodbye, out of scope). */
export const REPLY_DIALOG = 'REPLY_DIALOG';
/** Asking to borrow a device: kind, purpose, digibank, its eligibility questions, confirm. */
export const LOAN_REQUEST_DIALOG = 'LOAN_REQUEST_DIALOG';
/** "Where is my laptop?": the status of each request, extension request, return instructions. */
export const LOAN_STATUS_DIALOG = 'LOAN_STATUS_DIALOG';
/** Web chat: the reference code and the postcode or phone number of an appointment or a loan request. */
export const OWNERSHIP_PROOF_DIALOG = 'OWNERSHIP_PROOF_DIALOG';
/** Id of the dialog answering where a digibank is and when it is open. */
export const LOCATION_HOURS_DIALOG = 'LOCATION_HOURS_DIALOG';
/** Offering a device: drop-off places and hours, what to remove first; registered for the coordinator. */
export const DONATION_DIALOG = 'DONATION_DIALOG';

/**
 * Options every booking entry takes (helpdesk slot, home visit): the topic of the person's question,
 * when known, so the booking can be about it ("afspraak voor mijn belastingbrief" → `tax`).
 */
export interface BookingDialogOptions {
  /** A triage topic label (`../shared/triage-taxonomy.md`), e.g. `eid_itsme`. */
  readonly topic?: string;
}

/**
 * What a dialog started by the main loop may end with. `close`: the conversation ends kindly (no
 * menu after it); `retriage`: the last message was not an answer to this dialog but a new request —
 * the main loop understands it again.
 */
export interface RoutedDialogResult {
  readonly close?: boolean;
  readonly retriage?: boolean;
}

/** True when a dialog result is a {@link RoutedDialogResult}. */
export function isRoutedResult(value: unknown): value is RoutedDialogResult {
  return typeof value === 'object' && value !== null && ('close' in value || 'retriage' in value);
}

/*
 * The options of the routed dialogs live here with their ids, so that the routing table and the
 * dialogs that start each other need only this file (no import cycles through the dialogs' classes).
 */

/** Features not built yet (the routing table's rows that lead here); each has a text `comingSoon.<feature>`. */
export type ComingSoonFeature = 'training';

/** Options of `ComingSoonDialog` (a booking entry also carries the topic). */
export interface ComingSoonOptions extends BookingDialogOptions {
  readonly feature: ComingSoonFeature;
}

/** Options of `HandoffDialog`; by default the person simply asked. */
export interface HandoffOptions {
  readonly reason?: HandoffReason;
  /** The triage topic of the question, for the volunteer and a slot booked instead. */
  readonly topic?: string | null;
  /** A scam in progress: first in the line. */
  readonly urgent?: boolean;
}

/** Options of `PrivacyRequestDialog`. */
export interface PrivacyRequestOptions {
  /** `optOut`: no more messages from us; `forgetMe`: erase my data. */
  readonly kind: 'optOut' | 'forgetMe';
}

/** Options of `ReplyDialog`. */
export interface ReplyOptions {
  /** The locale key of the answer, e.g. `triage.replies.greeting`. */
  readonly key: string;
  /** The conversation ends kindly after it (no menu). */
  readonly close?: boolean;
}

/** Options of `TopicHelpDialog`. */
export interface TopicHelpOptions {
  readonly topic: Topic;
  /** The sub-question understood: its own help (`selfHelp.<id>`) instead of the topic's generic one. */
  readonly subQuestion?: SubQuestion;
  /** A scam in progress: the safety advice first, then a person now. */
  readonly urgent?: boolean;
}

/** Options of `LocationHoursDialog`. */
export interface LocationHoursOptions extends BookingDialogOptions {
  /** Searched at once (the message named a place); otherwise this turn's message, then the question. */
  readonly query?: string;
}
