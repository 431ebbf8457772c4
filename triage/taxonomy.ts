/**
 * The triage labels of `../shared/triage-taxonomy.md` (domain vocabulary: services, dialogs and the
 * triage all use it). Everything that routes, reports or benchmarks
 * on triage uses exactly these strings.
 */

/** Languages the triage recognises. */
export const LANGUAGES = ['nl', 'fr', 'en'] as const;
/** A language the triage recognises. */
export type TriageLanguage = (typeof LANGUAGES)[number];

/** What the person wants the bot to do (all 17 intents of the taxonomy). */
export const INTENTS = [
  'ask_help',
  'book_helpdesk',
  'book_home_visit',
  'loan_device',
  'donate_device',
  'repair_device',
  'training',
  'talk_to_human',
  'manage_booking',
  'loan_status',
  'location_hours',
  'change_language',
  'greeting',
  'thanks_goodbye',
  'opt_out',
  'forget_me',
  'out_of_scope',
] as const;
/** An intent label of the taxonomy. */
export type Intent = (typeof INTENTS)[number];

/** What the digital question is about (all 11 topics of the taxonomy). */
export const TOPICS = [
  'eid_itsme',
  'tax',
  'banking',
  'email_accounts',
  'smartphone_basics',
  'government_services',
  'health',
  'work_school',
  'scam_security',
  'internet_access',
  'printing_scanning',
] as const;
/** A topic label of the taxonomy. */
export type Topic = (typeof TOPICS)[number];

/** Intents that never carry a topic: the triage forces `topic: null` for them. */
export const TOPICLESS_INTENTS: ReadonlySet<Intent> = new Set<Intent>([
  'greeting',
  'thanks_goodbye',
  'opt_out',
  'forget_me',
  'change_language',
  'out_of_scope',
]);

/** True when `value` is one of the taxonomy's languages. */
export function isTriageLanguage(value: unknown): value is TriageLanguage {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** True when `value` is one of the taxonomy's intents. */
export function isIntent(value: unknown): value is Intent {
  return typeof value === 'string' && (INTENTS as readonly string[]).includes(value);
}

/** True when `value` is one of the taxonomy's topics. */
export function isTopic(value: unknown): value is Topic {
  return typeof value === 'string' && (TOPICS as readonly string[]).includes(value);
}
