import type { Activity } from 'botbuilder';
import { DateParser } from '../i18n/dateParser';
import { Language, Translator } from '../i18n/translator';
import { fold } from './answers';
import type { MessageTriage, Understanding } from './dialogServices';
import { fullLanguages, isTap, wordsInAllLanguages } from './prompts';
import { LANGUAGE_CONFIDENCE, languageOfTriage, triageLanguageOf } from './understanding';

/**
 * THE language policy of a turn, in one place:
 * 1. the language the person chose (`person.language`, saved by the language question, a
 *    "Français svp" or an accepted switch offer);
 * 2. else the language of what they TYPED: a greeting or a sentence, judged without dates, times,
 *    numbers and names of services (itsme, Mijn Burgerprofiel… are no language), with the language
 *    remembered from earlier messages as the prior — once remembered it is never switched
 *    silently (a clear sentence in another language gets the offer to switch, `TriageDialog`);
 * 3. else the channel's hint (the activity's locale);
 * 4. else Dutch.
 * A tap (a WhatsApp button or row, a web chat suggested action) is a choice, never evidence of a
 * language; neither is "ma 7 dec", "09:30" or "8500 Kortrijk".
 */

/** Content words from which typed text says which language it is in (a greeting alone counts too). */
export const EVIDENCE_MIN_WORDS = 2;

/** What the policy concluded from this turn's message. */
export interface LanguageEvidence {
  /** The language the message is written in, when it says so clearly. */
  readonly language: Language;
  /** The triage's reading of the message with the names and dates left out. */
  readonly understanding: Understanding;
}

/**
 * The language a typed message is clearly written in, or undefined (a tap, a date, a number, a
 * service name, a short or mixed message). `remembered`: the language of earlier messages (prior).
 */
export function languageEvidence(activity: Partial<Activity>, triage: MessageTriage, i18n: Translator, remembered?: Language): LanguageEvidence | undefined {
  if (isTap(activity) || typeof activity.text !== 'string') return undefined;
  const content = contentWords(activity.text, i18n);
  if (content.length === 0) return undefined;
  const understanding = triage.classify(content.join(' '), remembered ? { rememberedLanguage: triageLanguageOf(remembered) } : undefined);
  if (content.length < EVIDENCE_MIN_WORDS) {
    // One word: a greeting of one language only ("hallo", "bonjour"), else the identifier decides among those that use it ("hi").
    const greetedIn = greetingLanguages(content.join(' '), i18n);
    const language = greetedIn.length === 1 ? greetedIn[0] : languageOfTriage(understanding.language);
    const sure = greetedIn.length === 1 || (greetedIn.includes(language) && understanding.languageConfidence >= LANGUAGE_CONFIDENCE);
    return sure ? { language, understanding } : undefined;
  }
  if (understanding.languageConfidence < LANGUAGE_CONFIDENCE) return undefined;
  return { language: languageOfTriage(understanding.language), understanding };
}

/** The full languages whose greetings (`answers.words.greetings`) hold these words: "hallo" → nl, "hi" → nl and en. */
function greetingLanguages(words: string, i18n: Translator): Language[] {
  return fullLanguages().filter((language) => i18n.list(language, 'answers.words.greetings').some((greeting) => fold(greeting) === words));
}

/**
 * The words of a message that can tell its language: without a date ("ma 7 dec", "Mon 7 Dec"),
 * clock times, numbers, postcodes, emoji and the names of services that are the same in every
 * language (`answers.words.serviceNames`).
 */
export function contentWords(text: string, i18n: Translator): string[] {
  const words = fold(text).split(' ').filter(Boolean);
  if (words.length <= 4 && DateParser.parse(text, new Date())) return [];
  let joined = ` ${words.join(' ')} `;
  for (const name of serviceNames(i18n)) joined = joined.split(` ${name} `).join(' ');
  return joined.split(' ').filter((word) => word !== '' && !/\d/.test(word) && /\p{L}/u.test(word));
}

const namesByTranslator = new WeakMap<Translator, readonly string[]>();

/** Service names, folded, longest first (so "mijn burgerprofiel" goes before "burgerprofiel"). */
function serviceNames(i18n: Translator): readonly string[] {
  let names = namesByTranslator.get(i18n);
  if (!names) {
    names = [...new Set(wordsInAllLanguages(i18n, 'answers.words.serviceNames').map(fold))].filter(Boolean).sort((a, b) => b.length - a.length);
    namesByTranslator.set(i18n, names);
  }
  return names;
}
