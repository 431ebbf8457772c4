import { createHash } from 'node:crypto';
import { Activity, ActivityTypes, CardAction, InputHints, MessageFactory } from 'botbuilder';
import { Choice, ListStyle, PromptOptions, WaterfallStepContext } from 'botbuilder-dialogs';
import { isSimple, Language, LANGUAGES, Translator, TranslationVars } from '../i18n/translator';

/**
 * Channel-neutral prompts. Dialogs only produce plain text activities whose choices are
 * `suggestedActions` of type `imBack`; each channel adapter renders them (WhatsApp buttons or list,
 * SMS numbered lines, web suggested actions).
 */

/** A choice to offer: the title shown (≤20 characters) and extra words that select it. */
export interface ChoiceSpec {
  readonly title: string;
  readonly synonyms?: readonly string[];
}

/** Keycap emoji for 0-9 (`1️⃣`); other numbers as plain digits. */
export function keycap(n: number): string {
  return n >= 0 && n <= 9 ? `${n}\uFE0F\u20E3` : String(n);
}

/**
 * Choices for a ChoicePrompt, selectable by title, by number ("1", "1️⃣", "1.") and by synonyms.
 * The value of each choice is its title (typed titles match it); its action carries the choice's
 * opaque id ({@link choiceAction}), which a tap answers with.
 */
export function numberedChoices(specs: readonly ChoiceSpec[]): Choice[] {
  return specs.map((spec, index) => {
    const n = index + 1;
    const numbers = [String(n), keycap(n), `${n}\u20E3`];
    const synonyms = [...new Set([...numbers, ...(spec.synonyms ?? [])].filter((word) => word.trim() !== ''))];
    return { value: spec.title, action: choiceAction(spec.title, index), synonyms };
  });
}

/**
 * Choices made read-only, to be built once and offered on every turn: a prompt keeps them in its
 * options, and nothing may change them for the turns after.
 */
export function frozenChoices(choices: Choice[]): Choice[] {
  for (const choice of choices) {
    if (choice.synonyms) Object.freeze(choice.synonyms);
    Object.freeze(choice);
  }
  return Object.freeze(choices) as Choice[];
}

/** A text message that expects an answer (no choices). */
export function textActivity(text: string): Partial<Activity> {
  return { type: ActivityTypes.Message, text, inputHint: InputHints.ExpectingInput };
}

/** What a tap carries in `activity.value` (channels put the tapped choice's id there). */
export interface TapValue {
  readonly choice: string;
}

/** The id of the choice a tap selected, when this activity is a tap. */
export function tappedChoice(activity: Partial<Pick<Activity, 'value'>> | undefined): string | undefined {
  const value = activity?.value as Partial<TapValue> | undefined;
  return value && typeof value === 'object' && typeof value.choice === 'string' && value.choice !== '' ? value.choice : undefined;
}

/** True when the activity is a tap (a choice), never free text. */
export function isTap(activity: Partial<Pick<Activity, 'value'>> | undefined): boolean {
  return tappedChoice(activity) !== undefined;
}

/**
 * The opaque, stable id of a choice: its position and a short hash of its title. The same question
 * asked again gives the same ids; a button of another question (a stale tap) does not match.
 */
export function choiceId(title: string, index: number): string {
  const hash = createHash('sha1').update(normalizeUtterance(title)).digest('hex').slice(0, 8);
  return `c${index + 1}.${hash}`;
}

/** A choice as a channel-neutral action: shown as its title, answered with its id (`value.choice`). */
export function choiceAction(title: string, index: number): CardAction {
  return { type: 'messageBack', title, text: title, displayText: title, value: { choice: choiceId(title, index) } satisfies TapValue };
}

/** A text message with choices (messageBack actions carrying their ids) that expects an answer. */
export function choicesActivity(text: string, titles: readonly string[]): Partial<Activity> {
  return MessageFactory.suggestedActions(titles.map(choiceAction), text, undefined, InputHints.ExpectingInput);
}

/**
 * Options for a ChoicePrompt: the prompt text, a retry text (clarification) and the choices, which
 * the prompt appends as `imBack` suggested actions to both (none: a prompt that rebuilds them,
 * `RebuiltChoicePrompt`).
 */
export function choicePromptOptions(text: string, choices: Choice[] | undefined, retryText: string): PromptOptions {
  return {
    prompt: textActivity(text),
    retryPrompt: textActivity(retryText),
    ...(choices && { choices }),
    style: ListStyle.suggestedAction,
  };
}

/** The full (not simplified) languages, for messages written to someone whose language is unknown. */
export function fullLanguages(): Language[] {
  return LANGUAGES.filter((language) => !isSimple(language));
}

/** One line per full language (nl, fr, en) of the same key: for first contact. */
export function multilingual(i18n: Translator, key: string, vars?: TranslationVars): string {
  return fullLanguages()
    .map((language) => i18n.t(language, key, vars))
    .join('\n\n'); // a blank line: Web Chat's markdown joins single line breaks into one paragraph
}

const allLanguageWords = new WeakMap<Translator, Map<string, readonly string[]>>();

/** Every language's list under a key, merged (words to recognize in any language); built once per translator and key. */
export function wordsInAllLanguages(i18n: Translator, key: string): readonly string[] {
  let byKey = allLanguageWords.get(i18n);
  if (!byKey) allLanguageWords.set(i18n, (byKey = new Map()));
  let words = byKey.get(key);
  if (!words) byKey.set(key, (words = Object.freeze([...new Set(LANGUAGES.flatMap((language) => i18n.list(language, key)))])));
  return words;
}

/**
 * Normalizes what a person typed for word matching: lower case, NFC, no control characters, no
 * emoji variation selectors or keycap marks ("1️⃣" → "1"), single spaces, no trailing . ! ?
 * after other text ("help?" → "help", but "?" stays "?").
 */
export function normalizeUtterance(text: unknown): string {
  if (typeof text !== 'string') return '';
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/[\uFE0E\uFE0F\u20E3]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/(.)[.!?]+$/u, '$1')
    .trim();
}

const normalizedWords = new Map<string, string>();

/**
 * {@link normalizeUtterance} of a word of the assistant's own (a choice's title or synonym, from
 * the locales), remembered: menus compare every answer with all their words. Never for what a
 * person typed, which must not be kept.
 */
export function normalizeWord(word: string): string {
  let normalized = normalizedWords.get(word);
  if (normalized === undefined) {
    if (normalizedWords.size >= 10_000) normalizedWords.clear();
    normalizedWords.set(word, (normalized = normalizeUtterance(word)));
  }
  return normalized;
}

/** The typed values of a waterfall step (botbuilder types them as `object`). */
export function stepValues<T extends object>(step: WaterfallStepContext): T {
  return step.values as T;
}
