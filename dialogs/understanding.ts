import type { TurnContext } from 'botbuilder';
import type { DialogContext } from 'botbuilder-dialogs';
import { baseLanguage, isLanguage, Language, Translator } from '../i18n/translator';
import type { DialogServices, Intent, SubQuestion, Topic, TriageLanguage, Understanding } from './dialogServices';
import { topicOfSubQuestion } from '../triage/subQuestions';
import { normalizeUtterance, wordsInAllLanguages } from './prompts';
import type { HandoffOptions } from './dialogIds';

/** A reading of a message offered in a clarifying question. */
export interface Reading {
  readonly intent: Intent;
  readonly topic: Topic | null;
  /** The sub-question of a help question, when understood: its own self-help. */
  readonly subQuestion?: SubQuestion;
}

/** What to do with an understood message. */
export type Decision =
  /** A scam in progress: safety advice first, whatever the intent. */
  | { readonly kind: 'urgent' }
  /** Confident enough to act. */
  | { readonly kind: 'act'; readonly reading: Reading }
  /** Not sure: ask one short question with these two or three readings. */
  | { readonly kind: 'clarify'; readonly readings: readonly Reading[] }
  /** Nothing usable (empty, noise): the menu's "not understood". */
  | { readonly kind: 'unclear' };

/**
 * Intents worth offering in a clarifying question: things the person may want done. Social and
 * privacy intents are never guessed at (an opt-out or erasure must be asked for clearly).
 */
export const CLARIFIABLE_INTENTS: ReadonlySet<Intent> = new Set<Intent>([
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
]);

/** A reading below this probability is not offered in a clarifying question. */
export const MIN_CLARIFY_SCORE = 0.1;
/** At most this many readings in a clarifying question. */
export const MAX_CLARIFY_OPTIONS = 3;
/** A reading asked about on its own (with "something else") when no other one is likely. */
export const SINGLE_CLARIFY_SCORE = 0.5;
/** Confidence from which a free-text interruption (person, language, stop, erase) is acted on. */
export const INTERRUPTION_CONFIDENCE = 0.9;
/** Language confidence from which a message counts as written in that language. */
export const LANGUAGE_CONFIDENCE = 0.9;
/**
 * Greetings, thanks and out-of-scope messages are acted on from this confidence only: noise such as
 * "hmm" or "bof" reads as a greeting at 0.6–0.85 and should get the menu's clarification instead.
 */
export const SOCIAL_CONFIDENCE = 0.9;
const SOCIAL_INTENTS: ReadonlySet<Intent> = new Set<Intent>(['greeting', 'thanks_goodbye', 'out_of_scope']);
/**
 * A help question whose intent is below the threshold is still acted on when the triage's best
 * reading is `ask_help` from {@link HELP_WITH_SUB_QUESTION_CONFIDENCE} and a sub-question of that very
 * topic is this sure ("bank app kapot", "my phone is full"): the answer is self-help followed by the
 * offers, and a question that precise is a help question. A sub-question that only may come with
 * the topic does not count ("pas de sms" is no phishing question about smartphones).
 */
export const SUB_QUESTION_ACT_CONFIDENCE = 0.85;
/** See {@link SUB_QUESTION_ACT_CONFIDENCE}. */
export const HELP_WITH_SUB_QUESTION_CONFIDENCE = 0.5;
/** Words from which a message is a sentence rather than a one-word answer to a prompt. */
export const MIN_SENTENCE_WORDS = 2;

const CACHE = Symbol('digibank.understanding');

/** The triage language a conversation language builds on (`nl-simple` → `nl`). */
export function triageLanguageOf(language: Language): TriageLanguage {
  const base = baseLanguage(language);
  return base === 'fr' || base === 'en' ? base : 'nl';
}

/** The language of the assistant for a triage language. */
export function languageOfTriage(language: TriageLanguage): Language {
  return isLanguage(language) ? language : 'nl';
}

/** Number of words of a message. */
export function wordCount(text: unknown): number {
  const normalized = normalizeUtterance(text);
  return normalized === '' ? 0 : normalized.split(' ').length;
}

/**
 * What the triage understands of this turn's message, with the person's current language as prior.
 * Computed once per turn (the bot, the interruption check and the menu share it).
 */
export function understand(context: TurnContext, services: DialogServices): Understanding {
  const text = typeof context.activity.text === 'string' ? context.activity.text : '';
  const cached = context.turnState.get(CACHE) as Understanding | undefined;
  if (cached && cached.text === text) return cached;
  const understanding = understandText(context, services, text);
  context.turnState.set(CACHE, understanding);
  return understanding;
}

/** What the triage understands of a text other than this turn's message (not cached), with the person's language as prior. */
export function understandText(context: TurnContext, services: DialogServices, text: string): Understanding {
  const request = withoutGreeting(text, services.i18n);
  return { ...services.triage.classify(request, { rememberedLanguage: triageLanguageOf(services.languages.current(context)) }), text };
}

/**
 * The handoff asked for in this turn's message, with the topic the triage understood when the
 * message asked for a person about something ("ik wil iemand spreken over mijn itsme"): the
 * volunteer's queue shows it. A bare word ("mens") has no topic.
 */
export function personRequestOf(context: TurnContext, services: DialogServices): HandoffOptions {
  const { intent, topic } = understand(context, services);
  return { reason: 'asked', topic: intent === 'talk_to_human' ? topic : null };
}

const greetingPatterns = new WeakMap<Translator, RegExp>();

/**
 * What a message asks once the greeting it opens with is left out ("bonjour, je voudrais un
 * rendez-vous" → "je voudrais un rendez-vous"): people greet and ask in one message, and the
 * greeting only blurs the request. A greeting alone stays as it is.
 */
export function withoutGreeting(text: string, i18n: Translator): string {
  let pattern = greetingPatterns.get(i18n);
  if (!pattern) {
    const words = [...wordsInAllLanguages(i18n, 'answers.words.greetings')].sort((a, b) => b.length - a.length).map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    pattern = new RegExp(`^\\s*(?:(?:${words.join('|')})(?![\\p{L}\\p{N}])[\\s,.!:;-]*)+`, 'iu');
    greetingPatterns.set(i18n, pattern);
  }
  const rest = text.replace(pattern, '').trim();
  return rest === '' ? text : rest;
}

/** Records an understanding computed elsewhere in the turn (e.g. by the bot without a prior). */
export function rememberUnderstanding(context: TurnContext, understanding: Understanding): void {
  context.turnState.set(CACHE, understanding);
}

/** The confidence policy: act, ask one clarifying question, or say it was not understood. */
export function decide(understanding: Understanding, threshold: number): Decision {
  if (normalizeUtterance(understanding.text) === '') return { kind: 'unclear' };
  if (understanding.urgent) return { kind: 'urgent' };
  if (SOCIAL_INTENTS.has(understanding.intent) && understanding.confidence < Math.max(threshold, SOCIAL_CONFIDENCE)) {
    return { kind: 'unclear' };
  }
  const best = bestReading(understanding);
  if (understanding.confidence >= threshold || isPreciseHelpQuestion(understanding)) return { kind: 'act', reading: best };
  const readings: Reading[] = [];
  const candidates: Array<Reading & { score: number }> = [{ ...best, score: understanding.confidence }, ...understanding.alternatives];
  for (const { score, ...reading } of candidates) {
    if (!CLARIFIABLE_INTENTS.has(reading.intent) || score < MIN_CLARIFY_SCORE) continue;
    if (reading.intent === 'ask_help' && !reading.topic) continue;
    readings.push(reading);
  }
  // One likely request alone is still worth asking about ("my loan, or something else?"); a lone
  // guess at a help topic ("I have a question" → smartphone?) is not: the menu asks better.
  const lone = readings.length === 1 && understanding.confidence >= SINGLE_CLARIFY_SCORE && readings[0].intent !== 'ask_help';
  const worthAsking = readings.length >= 2 || lone;
  return worthAsking ? { kind: 'clarify', readings: readings.slice(0, MAX_CLARIFY_OPTIONS) } : { kind: 'unclear' };
}

/** How much a typed answer must raise an offered reading's score before it counts as choosing it. */
export const ANSWER_SUPPORT_RISE = 0.1;

/**
 * The offered reading a typed answer to a clarifying question points at, judged on the first
 * message and the answer together: the offered reading scored highest together, when the answer
 * raised its score by {@link ANSWER_SUPPORT_RISE} or more ("het werkt niet meer" + "gsm" → repair;
 * "nee" raises nothing). Undefined when no offered reading gained.
 */
export function supportedReading(first: Understanding, together: Understanding, offered: readonly Reading[]): Reading | undefined {
  const scored = offered.map((reading) => ({ reading, before: scoreOf(first, reading), after: scoreOf(together, reading) }));
  const top = scored.sort((a, b) => b.after - a.after)[0];
  return top && top.after - top.before >= ANSWER_SUPPORT_RISE ? top.reading : undefined;
}

/** The triage's probability of a reading's intent (for a help question, only with the same topic). */
function scoreOf(understanding: Understanding, reading: Reading): number {
  if (sameReading(understanding, reading)) return understanding.confidence;
  return understanding.alternatives.find((alternative) => sameReading(alternative, reading))?.score ?? 0;
}

/** The same request: the same intent, and for a help question the same topic. */
export function sameReading(a: Pick<Reading, 'intent' | 'topic'>, b: Pick<Reading, 'intent' | 'topic'>): boolean {
  return a.intent === b.intent && (a.intent !== 'ask_help' || a.topic === b.topic);
}

/** The triage's best reading, with the sub-question of a help question. */
function bestReading(understanding: Understanding): Reading {
  const { intent, topic, subQuestion } = understanding;
  return intent === 'ask_help' && topic && subQuestion ? { intent, topic, subQuestion: subQuestion.id } : { intent, topic };
}

/** See {@link SUB_QUESTION_ACT_CONFIDENCE}. */
function isPreciseHelpQuestion(understanding: Understanding): boolean {
  const { intent, topic, confidence, subQuestion } = understanding;
  return (
    intent === 'ask_help' &&
    confidence >= HELP_WITH_SUB_QUESTION_CONFIDENCE &&
    !!subQuestion &&
    subQuestion.confidence >= SUB_QUESTION_ACT_CONFIDENCE &&
    topicOfSubQuestion(subQuestion.id) === topic
  );
}

/** True when the message is clear free text: a confident, actionable request in a clearly identified language. */
export function isClearRequest(understanding: Understanding, threshold: number): boolean {
  const decision = decide(understanding, threshold);
  if (decision.kind === 'urgent') return true;
  return (
    decision.kind === 'act' &&
    !['greeting', 'thanks_goodbye', 'out_of_scope', 'change_language'].includes(decision.reading.intent) &&
    understanding.languageConfidence >= LANGUAGE_CONFIDENCE &&
    wordCount(understanding.text) >= MIN_SENTENCE_WORDS
  );
}

/**
 * True when the message asks for something, even if not clearly enough to act at once (the triage
 * then asks one clarifying question): not a greeting, thanks, language change or noise.
 */
export function isRequest(understanding: Understanding, threshold: number): boolean {
  const decision = decide(understanding, threshold);
  if (decision.kind === 'urgent' || decision.kind === 'clarify') return true;
  return decision.kind === 'act' && !['greeting', 'thanks_goodbye', 'out_of_scope', 'change_language'].includes(decision.reading.intent);
}

/** The ids of the active dialogs under a dialog context, outermost first (prompts included). */
export function activeDialogIds(dc: DialogContext): string[] {
  const ids: string[] = [];
  let current: DialogContext | undefined = dc;
  while (current?.activeDialog) {
    ids.push(current.activeDialog.id);
    current = current.child;
  }
  return ids;
}
