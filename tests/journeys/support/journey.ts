import type { PrismaClient } from '../../../db/database';
import type { Language } from '../../../i18n/translator';
import type { Channel, Turn } from './drivers';

/** The languages a journey runs in. */
export const JOURNEY_LANGUAGES: readonly Language[] = ['nl', 'fr', 'en', 'nl-simple', 'fr-simple', 'en-simple'];

/** How the person's language is settled: picked at the language menu, or guessed from what they write. */
export const MODES = ['chosen', 'guessed'] as const;
/** A language mode. */
export type Mode = (typeof MODES)[number];

/** A citizen's words: one text for every language, or the same text in all. */
export type Words = string | Readonly<Record<Language, string>>;

/**
 * Which offered choice to tap: by position, by meaning (a locale key), the last one, or by a title
 * matcher for what is not a locale text (a place, a day: "8500 Kortrijk", /Kortrijk/).
 */
export type Pick =
  | { readonly index: number }
  | { readonly key: string }
  | { readonly last: true }
  | { readonly title: RegExp };

/** One step of a journey. */
export type Step =
  /** The person types a text. */
  | { readonly say: Words; readonly note?: string }
  /**
   * The person shares their location: on WhatsApp a location message (a pin) at these
   * coordinates; where a channel has no pins (SMS, web chat) they type `orSay` instead.
   */
  | { readonly pin: { readonly latitude: number; readonly longitude: number }; readonly orSay: Words; readonly note?: string }
  /** The person taps one of the choices the assistant offered last (`optional`: skipped when not offered). */
  | { readonly tap: Pick | Readonly<Record<Language, Pick>>; readonly optional?: boolean; readonly note?: string }
  /** From here on the person's language is another one (after a language change). */
  | { readonly switchTo: Readonly<Record<Language, Language>> }
  /** The person taps a choice the assistant offered earlier (a stale tap): the n-th last offer's choice. */
  | { readonly tapStale: Pick; readonly offersBack: number; readonly note?: string }
  /** The last turn's replies hold the text of one of these locale keys (the static part). */
  | { readonly expect: readonly string[]; readonly note?: string }
  /** Records the person's bookings now, for a goal that compares (e.g. a move). */
  | { readonly remember: 'bookings' }
  /**
   * Notes what the last turn's replies gave the person, as a person writes it down: the reference
   * code (`{{reference}}`) and the postcode of the address (`{{postcode}}`) of a confirmation. A
   * later `say` may use them ("{{reference}} {{postcode}}").
   */
  | { readonly remember: 'codeAndPostcode' }
  /** The person comes back later on a new page (web chat: a new conversation, same browser); elsewhere the thread goes on. */
  | { readonly newPage: true; readonly note?: string };

/** What a goal check can read. */
export interface GoalContext {
  readonly prisma: PrismaClient;
  readonly language: Language;
  /** The person's language at the end (another one after a language change). */
  readonly currentLanguage: Language;
  readonly channel: Channel;
  /** The person of this run, once the assistant knows them. */
  readonly personId: string | undefined;
  /** Every turn of the run, in order. */
  readonly turns: readonly Turn[];
  /** Bookings recorded by a `remember` step: id → start time. */
  readonly remembered: ReadonlyMap<string, Date>;
}

/** A goal: a database fact or a reply, checked after the last step. */
export interface Goal {
  readonly description: string;
  reached(context: GoalContext): Promise<boolean>;
}

/** A journey, declared as data. */
export interface Journey {
  /** Stable id (used by known failures and the matrix). */
  readonly id: string;
  readonly description: string;
  /** Group of the jest file that runs it. */
  readonly group: 'booking' | 'services' | 'interruptions' | 'defects' | 'phrasings' | 'selfHelp' | 'offer' | 'repair' | 'directory';
  readonly steps: readonly Step[];
  readonly goal: Goal;
  /** Most inbound messages the steps may take (the language opening not counted). */
  readonly budget: number;
  /** The channels it runs on (default all). */
  readonly channels?: readonly Channel[];
  /** The languages it runs in (default all four). */
  readonly languages?: readonly Language[];
  /** The modes it runs in (default both). */
  readonly modes?: readonly Mode[];
  /** `none`: no opening; the first step is the person's first message, in their language (counts as guessed). */
  readonly opening?: 'none';
}

/** The text of words in a language. */
export function wordsIn(words: Words, language: Language): string {
  return typeof words === 'string' ? words : words[language];
}

/** The pick of a tap in a language. */
export function pickIn(pick: Pick | Readonly<Record<Language, Pick>>, language: Language): Pick {
  return 'index' in pick || 'key' in pick || 'last' in pick || 'title' in pick ? (pick as Pick) : (pick as Record<Language, Pick>)[language];
}
