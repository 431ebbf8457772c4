import { StatePropertyAccessor, TurnContext, UserState } from 'botbuilder';
import type { PrismaClient } from '../generated/prisma/client';
import type { LanguageStore, OptOutScope, PrivacyRequests } from './dialogServices';
import { isLanguage, Language, resolveLanguage } from '../i18n/translator';

/** What the assistant remembers about a person (user state: per channel and sender). */
export interface UserProfile {
  /** The language the person chose. */
  language?: Language;
  /**
   * The language of the person's clear messages while they have not chosen one yet (a first
   * message "bonjour j'ai un problème avec itsme" → `fr`); the chosen language always wins.
   */
  detectedLanguage?: Language;
  /**
   * The person asked for no more messages. Only the record of assemblies without a database (tests,
   * the terminal chat): with one, `Person.optedOutAt` is the single record ({@link OptOutRecord}).
   */
  optedOut?: boolean;
  /** When they opted out (ISO 8601). */
  optedOutAt?: string;
  /**
   * When the person asked for their data to be erased (ISO 8601). Only the record of assemblies
   * without a database (tests, the terminal chat): with one, the request goes to
   * `services/privacy/erasureService.ts`, which erases this state too.
   */
  erasureRequestedAt?: string;
}

/** Name of the user-state property holding the {@link UserProfile}. */
export const USER_PROFILE_PROPERTY = 'UserProfile';

/** Key of the turn's language in `context.turnState`. */
export const TURN_LANGUAGE_KEY = Symbol('digibank.language');

/**
 * The language of this turn, synchronously and without reading state: the language resolved (or
 * just chosen) in this turn, else the channel locale (`fr-BE` → `fr`), else `nl`. Safe to call from
 * middleware and the error handler.
 */
export function languageOf(context: TurnContext): Language {
  const resolved: unknown = context.turnState.get(TURN_LANGUAGE_KEY);
  return isLanguage(resolved) ? resolved : resolveLanguage(undefined, context.activity?.locale);
}

/** Sets the language of the rest of this turn (e.g. after a detection by the turn pipeline). */
export function setTurnLanguage(context: TurnContext, language: Language): void {
  context.turnState.set(TURN_LANGUAGE_KEY, language);
}

/**
 * The opt-out of the turn's sender on their `person` row (`Person.optedOutAt`): the one record that
 * SMS STOP/START, the opt_out intent, the outbox senders and the console all use.
 */
export interface OptOutRecord {
  /** Sets `optedOutAt` (an earlier opt-out keeps its time), creating the person row if needed. */
  record(channel: string, channelUserId: string, at: Date): Promise<void>;
  /** The sender's `optedOutAt`, or null. */
  optedOutAt(channel: string, channelUserId: string): Promise<Date | null>;
}

/**
 * Channels whose adapter, after an opt-out, drops everything the person writes except START and
 * sends nothing but control messages (Twilio SMS, `adapters/sms`).
 */
const STOP_KEYWORD_CHANNELS: ReadonlySet<string> = new Set(['sms']);

/** The chosen language on the sender's `person` row (`Person.language`), read by the outbox, the notifier and the console. */
export interface LanguageRecord {
  /** Sets `language`, creating the person row if needed. */
  record(channel: string, channelUserId: string, language: Language): Promise<void>;
}

/** {@link LanguageRecord} over the `person` table. */
export function personLanguageRecord(prisma: PrismaClient): LanguageRecord {
  return {
    async record(channel, channelUserId, language) {
      await prisma.person.upsert({ where: { channel_channelUserId: { channel, channelUserId } }, create: { channel, channelUserId, language }, update: { language } });
    },
  };
}

/** {@link OptOutRecord} over the `person` table. */
export function personOptOutRecord(prisma: PrismaClient): OptOutRecord {
  return {
    async record(channel, channelUserId, at) {
      const key = { channel_channelUserId: { channel, channelUserId } };
      await prisma.person.upsert({ where: key, create: { channel, channelUserId, optedOutAt: at }, update: {} });
      await prisma.person.updateMany({ where: { channel, channelUserId, optedOutAt: null }, data: { optedOutAt: at } });
    },
    async optedOutAt(channel, channelUserId) {
      const person = await prisma.person.findUnique({ where: { channel_channelUserId: { channel, channelUserId } }, select: { optedOutAt: true } });
      return person?.optedOutAt ?? null;
    },
  };
}

/** Channel and sender id of a turn, when both are known. */
function senderOf(context: TurnContext): { channel: string; userId: string } | undefined {
  const channel = context.activity.channelId;
  const userId = context.activity.from?.id;
  return channel && userId ? { channel, userId } : undefined;
}

/**
 * Reads and writes the {@link UserProfile} in user state; the {@link LanguageStore} and
 * {@link PrivacyRequests} of the dialogs.
 */
export class UserProfileAccessor implements LanguageStore, PrivacyRequests {
  private readonly property: StatePropertyAccessor<UserProfile>;

  /**
   * `optOuts`: the person-row record; without it (no database) the opt-out lives on the profile.
   * `languages`: where a chosen language is also written (the `person` row's column).
   */
  constructor(
    userState: UserState,
    private readonly optOuts?: OptOutRecord,
    private readonly languages?: LanguageRecord,
  ) {
    this.property = userState.createProperty<UserProfile>(USER_PROFILE_PROPERTY);
  }

  /** The person's profile (empty for a new person). */
  get(context: TurnContext): Promise<UserProfile> {
    return this.property.get(context, {});
  }

  /** The saved language, if any (a stored value that is no longer a language is ignored). */
  async saved(context: TurnContext): Promise<Language | undefined> {
    const { language } = await this.get(context);
    return isLanguage(language) ? language : undefined;
  }

  /**
   * Resolves the turn's language and records it for {@link languageOf}: the saved choice, else a
   * language the pipeline already set this turn ({@link setTurnLanguage}, e.g. detected from the
   * text), else the language detected in an earlier turn ({@link rememberDetected}), else the
   * channel locale, else `nl`.
   */
  async resolve(context: TurnContext): Promise<Language> {
    const profile = await this.get(context);
    const turn: unknown = context.turnState.get(TURN_LANGUAGE_KEY);
    const language =
      (isLanguage(profile.language) ? profile.language : undefined) ??
      (isLanguage(turn) ? turn : undefined) ??
      (isLanguage(profile.detectedLanguage) ? profile.detectedLanguage : undefined) ??
      languageOf(context);
    setTurnLanguage(context, language);
    return language;
  }

  /** The language remembered from the person's clear messages (not chosen), if any. */
  async remembered(context: TurnContext): Promise<Language | undefined> {
    const { detectedLanguage } = await this.get(context);
    return isLanguage(detectedLanguage) ? detectedLanguage : undefined;
  }

  /** Remembers the language of a clear message of a person who has not chosen one yet. */
  async rememberDetected(context: TurnContext, language: Language): Promise<void> {
    const profile = await this.get(context);
    if (profile.detectedLanguage !== language) await this.property.set(context, { ...profile, detectedLanguage: language });
  }

  /**
   * Records the opt-out on the person row at once (so the outbox senders hold proactive messages), or
   * on the profile without a database. On SMS this is the same as STOP: the channel stays silent
   * until START.
   */
  async optOut(context: TurnContext): Promise<OptOutScope> {
    const at = new Date();
    const sender = senderOf(context);
    if (this.optOuts && sender) {
      await this.optOuts.record(sender.channel, sender.userId, at);
      return STOP_KEYWORD_CHANNELS.has(sender.channel) ? 'channel' : 'proactive';
    }
    const profile = await this.get(context);
    await this.property.set(context, { ...profile, optedOut: true, optedOutAt: at.toISOString() });
    return 'proactive';
  }

  /** True when the person opted out in any way (opt_out intent, SMS STOP) and has not restarted (SMS START). */
  async isOptedOut(context: TurnContext): Promise<boolean> {
    const sender = senderOf(context);
    if (this.optOuts && sender) return (await this.optOuts.optedOutAt(sender.channel, sender.userId)) !== null;
    return (await this.get(context)).optedOut === true;
  }

  /** Records the erasure request on the profile (assemblies without a database; `app/privacyPort.ts` replaces it). */
  async requestErasure(context: TurnContext): Promise<void> {
    const profile = await this.get(context);
    await this.property.set(context, { ...profile, erasureRequestedAt: new Date().toISOString() });
  }

  /** {@link languageOf}. */
  current(context: TurnContext): Language {
    return languageOf(context);
  }

  /** Saves the chosen language (written at the end of the turn) and uses it for the rest of the turn. */
  async save(context: TurnContext, language: Language): Promise<void> {
    const profile = await this.get(context);
    await this.property.set(context, { ...profile, language });
    setTurnLanguage(context, language);
    const sender = senderOf(context);
    if (this.languages && sender) await this.languages.record(sender.channel, sender.userId, language);
  }
}
