import { DialogContext, Prompt } from 'botbuilder-dialogs';
import { DateParser } from '../i18n/dateParser';
import { answerWords, fitsShape, recognizeChoice } from './answers';
import { typedTime } from './booking/appointmentText';
import { BOOKING_DIALOG, HOME_VISIT_DIALOG, MANAGE_BOOKING_DIALOG } from './booking/bookingIds';
import { REPAIR_DIALOG } from './repair/repairIds';
import { DONATION_DIALOG, LOAN_REQUEST_DIALOG, LOAN_STATUS_DIALOG } from './dialogIds';
import type { DialogServices, Intent, Understanding } from './dialogServices';
import { routeOf } from './intentRoutes';
import { CLARIFIABLE_INTENTS, decide, INTERRUPTION_CONFIDENCE, MIN_SENTENCE_WORDS, wordCount } from './understanding';

/**
 * "Asking something else halfway": at a question of a task (a booking, a loan request…), people
 * answer with a new question ("mijn itsme werkt ook niet" at "which day?", "waar blijft mijn
 * laptop" at "which postcode?"). The request is real and the task is usually still wanted too: it
 * is answered on top of the question, then the question comes back.
 */

/** Confidence from which a sentence typed at a question with fixed answers is taken for another request. */
const LIKELY_REQUEST_CONFIDENCE = 0.5;
/** Words from which such a sentence is a request rather than a muddled answer. */
const LIKELY_REQUEST_WORDS = 3;

/** The tasks whose questions another request may interrupt. */
export const TASK_DIALOGS: readonly string[] = [BOOKING_DIALOG, HOME_VISIT_DIALOG, MANAGE_BOOKING_DIALOG, LOAN_REQUEST_DIALOG, LOAN_STATUS_DIALOG, DONATION_DIALOG, REPAIR_DIALOG];

/**
 * Requests that are answered in the middle of a task: what a person may want done (the triage's
 * clarifiable intents), but a person, which is an interruption of its own.
 */
const OTHER_REQUESTS: ReadonlySet<Intent> = new Set([...CLARIFIABLE_INTENTS].filter((intent) => intent !== 'talk_to_human'));

/** The innermost dialog context under this one (where the question being asked is). */
export function deepestContext(dc: DialogContext): DialogContext {
  let current = dc;
  while (current.child) current = current.child;
  return current;
}

/** What a question accepts, as its options say (the booking's `validations`, a choice prompt's `choices`). */
interface QuestionOptions {
  validations?: unknown;
  choices?: readonly (string | { value: string; action?: { title?: string }; synonyms?: string[] })[];
}

/**
 * True when this turn's message answers the question being asked (its choices, their numbers and
 * words, yes / no, a typed date or time where the question takes one): "its own answers first",
 * before any interruption word ("annuleren" at "what would you like to do with your appointment?").
 */
export function answersQuestion(dc: DialogContext, services: DialogServices): boolean {
  const deepest = deepestContext(dc);
  const question = deepest.activeDialog;
  if (!question || !(deepest.findDialog(question.id) instanceof Prompt)) return false;
  return acceptedAnswer(deepest, ((question.state as { options?: QuestionOptions }).options ?? {}) as QuestionOptions, services) === true;
}

/**
 * True when this turn's message is another clear request, asked at a question of a task: not an
 * answer that question accepts, understood with confidence (more for a question that takes any
 * text, such as a postcode or an address), for something other than the task itself.
 */
export function otherRequestAt(dc: DialogContext, understanding: Understanding, services: DialogServices, active: readonly string[]): boolean {
  if (!TASK_DIALOGS.some((id) => active.includes(id)) || wordCount(understanding.text) < MIN_SENTENCE_WORDS) return false;
  const deepest = deepestContext(dc);
  const question = deepest.activeDialog;
  if (!question || !(deepest.findDialog(question.id) instanceof Prompt)) return false;
  const options = ((question.state as { options?: QuestionOptions }).options ?? {}) as QuestionOptions;
  const accepts = acceptedAnswer(deepest, options, services);
  if (accepts === true) return false;
  const decision = decide(understanding, services.triage.confidenceThreshold);
  const reading = decision.kind === 'act' ? decision.reading : decision.kind === 'clarify' && likelyRequest(understanding, accepts) ? decision.readings[0] : undefined;
  if (!reading || !OTHER_REQUESTS.has(reading.intent)) return false;
  if (accepts === 'anyText' && understanding.confidence < INTERRUPTION_CONFIDENCE) return false;
  return !active.includes(routeOf(reading.intent, reading.topic).dialogId);
}

/**
 * A sentence that is no answer to a question with fixed answers, read by the triage as a request
 * without full confidence ("il est où mon ordinateur" at "which day?"): the triage asks what it
 * means (one short question) rather than the task saying "I did not understand".
 */
function likelyRequest(understanding: Understanding, accepts: boolean | 'anyText'): boolean {
  return accepts === false && understanding.confidence >= LIKELY_REQUEST_CONFIDENCE && wordCount(understanding.text) >= LIKELY_REQUEST_WORDS;
}

/** `true` when the message answers the question; `anyText` when the question takes any text; else false. */
function acceptedAnswer(dc: DialogContext, options: QuestionOptions, services: DialogServices): boolean | 'anyText' {
  const activity = dc.context.activity;
  const words = answerWords(services.i18n);
  const validations = options.validations as { titles?: readonly string[]; dates?: boolean; times?: readonly string[]; yesNo?: boolean } | readonly string[] | undefined;
  const titles = Array.isArray(validations)
    ? (validations as readonly string[])
    : ((validations as { titles?: readonly string[] } | undefined)?.titles ?? options.choices?.map((choice) => (typeof choice === 'string' ? choice : (choice.action?.title ?? choice.value))));
  if (!titles) return fitsShape(activity.text, validations) ? 'anyText' : false;
  const rules = Array.isArray(validations) ? {} : ((validations ?? {}) as { dates?: boolean; times?: readonly string[]; yesNo?: boolean; synonyms?: readonly (readonly string[])[] });
  const synonyms = rules.synonyms ?? options.choices?.map((choice) => (typeof choice === 'string' ? [] : (choice.synonyms ?? []).filter((word) => !/^\d/.test(word))));
  if (recognizeChoice(activity, titles, words, { yesNo: rules.yesNo, synonyms }) !== undefined) return true;
  const text = typeof activity.text === 'string' ? activity.text : '';
  if (rules.dates && DateParser.parse(text, services.clock())) return true;
  const time = typedTime(text);
  return !!time && !!rules.times?.includes(time);
}
