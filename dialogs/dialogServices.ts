import type { TurnContext } from 'botbuilder';
import type { Language, Translator } from '../bot/i18n';

/**
 * Where dialogs read and save the person's language. Implemented in `bot/userProfile.ts` over user
 * state; dialogs only see this interface, so they do not depend on how the bot stores it.
 */
export interface LanguageStore {
  /** The language of this turn: saved choice → channel locale → `nl`. */
  current(context: TurnContext): Language;
  /** The language the person chose earlier, if any. */
  saved(context: TurnContext): Promise<Language | undefined>;
  /** Saves the choice for this person and makes it the language of the rest of the turn. */
  save(context: TurnContext, language: Language): Promise<void>;
}

/** What every dialog of the assistant gets from the composition root. */
export interface DialogServices {
  /** User-facing text. */
  readonly i18n: Translator;
  /** The person's language. */
  readonly languages: LanguageStore;
  /** Longer messages are refused politely (configuration `MAX_MESSAGE_LENGTH`, default 4000). */
  readonly maxMessageLength: number;
}
