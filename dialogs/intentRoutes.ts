import { BOOKING_DIALOG, HOME_VISIT_DIALOG, MANAGE_BOOKING_DIALOG } from './booking/bookingIds';
import { WORKSHOP_DIALOG, WorkshopDialogOptions } from './workshops/workshopIds';
import { REPAIR_DIALOG, RepairDialogOptions } from './repair/repairIds';
import {
  BookingDialogOptions,
  COMING_SOON_DIALOG,
  ComingSoonOptions,
  DONATION_DIALOG,
  HANDOFF_DIALOG,
  HandoffOptions,
  LANGUAGE_DIALOG,
  LOCATION_HOURS_DIALOG,
  LOAN_REQUEST_DIALOG,
  LOAN_STATUS_DIALOG,
  PRIVACY_REQUEST_DIALOG,
  PrivacyRequestOptions,
  REPLY_DIALOG,
  ReplyOptions,
  TOPIC_HELP_DIALOG,
  TopicHelpOptions,
} from './dialogIds';
import type { Intent, SubQuestion, Topic } from './dialogServices';

/** Where an understood request goes: a dialog and the options it starts with. */
export interface IntentRoute {
  readonly dialogId: string;
  /** The dialog's options for a topic (`null` when the message named none) and the sub-question of a help question. */
  readonly options?: (topic: Topic | null, subQuestion?: SubQuestion) => object;
}

/** A dialog to start, with its options. */
export interface RouteTarget {
  readonly dialogId: string;
  readonly options?: object;
}

const comingSoon = (feature: ComingSoonOptions['feature']): IntentRoute => ({
  dialogId: COMING_SOON_DIALOG,
  options: () => ({ feature }) satisfies ComingSoonOptions,
});

/** A dialog that takes the topic of the request when one was understood (booking, addresses and hours). */
const withTopic = (dialogId: string): IntentRoute => ({
  dialogId,
  options: (topic) => (topic ? { topic } : {}) satisfies BookingDialogOptions,
});

/**
 * THE routing table: every intent of the triage (`../shared/triage-taxonomy.md`) → the dialog that
 * acts on it. Features of later issues (booking, loan, handoff, …) change their row here: e.g. the
 * booking issue points `book_helpdesk` at its own dialog, which receives `{ topic }`
 * ({@link BookingDialogOptions}). The main menu's entries use the same rows.
 */
export const INTENT_ROUTES: Readonly<Record<Intent, IntentRoute>> = {
  ask_help: {
    dialogId: TOPIC_HELP_DIALOG,
    options: (topic, subQuestion) => ({ topic: topic ?? 'smartphone_basics', ...(topic && subQuestion ? { subQuestion } : {}) }) satisfies TopicHelpOptions,
  },
  book_helpdesk: withTopic(BOOKING_DIALOG),
  book_home_visit: withTopic(HOME_VISIT_DIALOG),
  loan_device: { dialogId: LOAN_REQUEST_DIALOG },
  donate_device: { dialogId: DONATION_DIALOG },
  repair_device: { dialogId: REPAIR_DIALOG, options: (topic) => (topic ? { topic } : {}) satisfies RepairDialogOptions },
  training: { dialogId: WORKSHOP_DIALOG, options: (topic) => (topic ? { topic } : {}) satisfies WorkshopDialogOptions },
  talk_to_human: { dialogId: HANDOFF_DIALOG, options: (topic) => ({ reason: 'asked', topic }) satisfies HandoffOptions },
  manage_booking: { dialogId: MANAGE_BOOKING_DIALOG },
  loan_status: { dialogId: LOAN_STATUS_DIALOG },
  location_hours: withTopic(LOCATION_HOURS_DIALOG),
  change_language: { dialogId: LANGUAGE_DIALOG },
  greeting: { dialogId: REPLY_DIALOG, options: () => ({ key: 'triage.replies.greeting' }) satisfies ReplyOptions },
  thanks_goodbye: { dialogId: REPLY_DIALOG, options: () => ({ key: 'triage.replies.goodbye', close: true }) satisfies ReplyOptions },
  opt_out: { dialogId: PRIVACY_REQUEST_DIALOG, options: () => ({ kind: 'optOut' }) satisfies PrivacyRequestOptions },
  forget_me: { dialogId: PRIVACY_REQUEST_DIALOG, options: () => ({ kind: 'forgetMe' }) satisfies PrivacyRequestOptions },
  out_of_scope: { dialogId: REPLY_DIALOG, options: () => ({ key: 'triage.replies.outOfScope' }) satisfies ReplyOptions },
};

/** A scam in progress, whatever the intent: safety advice first, then a person now. */
export const URGENT_ROUTE: RouteTarget = {
  dialogId: TOPIC_HELP_DIALOG,
  options: { topic: 'scam_security', urgent: true } satisfies TopicHelpOptions,
};

/** The dialog and options for an intent (and topic, and the sub-question of a help question). */
export function routeOf(intent: Intent, topic: Topic | null = null, subQuestion?: SubQuestion): RouteTarget {
  const route = INTENT_ROUTES[intent];
  return { dialogId: route.dialogId, options: route.options?.(topic, subQuestion) };
}
