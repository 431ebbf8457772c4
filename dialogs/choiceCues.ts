import type { Activity } from 'botbuilder';
import { flatTexts, isSimple, Language, LANGUAGES, loadResources, Translator } from '../i18n/translator';

/**
 * Emoji cues of choices in a simplified language. Every choice a person can tap or type the number
 * of shows its number and an emoji on every channel ("1. 📅 Afspraak maken"): a person who reads
 * little finds the choice by its picture and answers with its number.
 *
 * The emoji of a choice lives in `locales/<language>/cues.json`, under the choice's own key
 * (`cues.menu.choices.appointment` for `menu.choices.appointment`). Choices that are data — a time,
 * a day, a place — get the cue of their kind (`cues.kinds.*`). The dialogs mark the message with
 * the cues (`channelData.digibank.choiceCues`, one per choice, in order); each channel's renderer
 * shows them with the numbers within its own limits (adapters/shared/numberedChoices.ts).
 */

/** Where a message carries the cues of its choices. */
export interface ChoiceCuesData {
  readonly choiceCues?: readonly string[];
}

const CUES_NAMESPACE = 'cues';

let cueKeys: readonly string[] | undefined;

/** The choice keys that have a cue (`menu.choices.appointment`, …), read once from the locales. */
function keysWithCue(): readonly string[] {
  cueKeys ??= [...flatTexts(loadResources()[LANGUAGES[0]]?.[CUES_NAMESPACE]).keys()].filter((key) => !key.startsWith('kinds.'));
  return cueKeys;
}

const cuesByTitle = new WeakMap<Translator, Map<Language, Map<string, string>>>();

/** Title of a choice in a language → its cue; language names in every language (the language menu). */
function titleCues(language: Language, i18n: Translator): Map<string, string> {
  let byLanguage = cuesByTitle.get(i18n);
  if (!byLanguage) cuesByTitle.set(i18n, (byLanguage = new Map()));
  let cues = byLanguage.get(language);
  if (!cues) {
    cues = new Map();
    for (const key of keysWithCue()) {
      const titles = key === 'language.choices.name' ? LANGUAGES.map((other) => i18n.t(other, key)) : [i18n.t(language, key)];
      for (const title of titles) if (!cues.has(title)) cues.set(title, i18n.t(language, `${CUES_NAMESPACE}.${key}`));
    }
    byLanguage.set(language, cues);
  }
  return cues;
}

/** The kind of a choice that is data: a time ("09:30"), a place ("8500 Kortrijk"), a day ("di 8 dec"). */
function kindOf(title: string): 'time' | 'place' | 'day' | 'other' {
  if (/^\d{1,2}[:.h]\d{2}$/u.test(title.trim())) return 'time';
  if (/^\d{4}\s+\p{L}/u.test(title.trim())) return 'place';
  if (/\d/u.test(title) && /\p{L}/u.test(title)) return 'day';
  return 'other';
}

/** The cue of a choice title in a language. */
export function choiceCue(title: string, language: Language, i18n: Translator): string {
  return titleCues(language, i18n).get(title) ?? i18n.t(language, `${CUES_NAMESPACE}.kinds.${kindOf(title)}`);
}

/**
 * Marks a message's choices with their cues when the language is a simplified one (other
 * languages: unchanged). The titles and the ids the choices answer with stay as they are.
 */
export function withChoiceCues(activity: Partial<Activity>, language: Language, i18n: Translator): void {
  const actions = activity.suggestedActions?.actions ?? [];
  if (!isSimple(language) || actions.length === 0) return;
  const channelData = (activity.channelData ?? {}) as { digibank?: object };
  const choiceCues = actions.map((action) => choiceCue(action.title ?? '', language, i18n));
  activity.channelData = { ...channelData, digibank: { ...channelData.digibank, choiceCues } satisfies ChoiceCuesData };
}
