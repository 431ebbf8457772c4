import type { Server } from 'restify';
import type { Language, Translator } from '../i18n/translator';

/** A mounted channel: what the server closes at shutdown. */
export interface MountedChannel {
  close(): Promise<void>;
}

/**
 * A channel that mounts itself: its folder exports one of these, and `app/channels.ts` lists it.
 * `Settings` is the part of the configuration the channel reads (its own variables, named as in
 * the environment); `Ports` is what it needs from the assistant (the turn runner, the outbox, …).
 */
export interface ChannelModule<Settings, Ports> {
  /** The channel id, as stored in the transcript (e.g. `whatsapp`). */
  readonly name: string;
  /** How the start-up banner names the channel. */
  readonly title: string;
  /** The address the banner shows, e.g. `/api/whatsapp`. */
  readonly route: string;
  /** The variables that must all be set for the channel to be mounted (none: always mounted). */
  readonly needs: readonly (keyof Settings & string)[];
  /** Registers the channel's routes on the server (and its sender, middleware… where it has any). */
  readonly mount: (server: Server, settings: Settings, ports: Ports) => Promise<MountedChannel>;
}

/** The assistant's languages, as channels need them for their own texts (notices, buttons, page titles). */
export interface LanguagePorts {
  readonly i18n: Translator;
  /** Language of texts to someone whose language is unknown (configuration DEFAULT_LANGUAGE). */
  readonly defaultLanguage: Language;
  /** The language a person chose on a channel, else the one they write in (user state). */
  savedLanguage(channel: string, channelUserId: string): Promise<Language | undefined>;
}

/** The person's saved language, else the default (also when it cannot be read). */
export async function languageOf(ports: LanguagePorts, channel: string, channelUserId: string): Promise<Language> {
  const saved = await ports.savedLanguage(channel, channelUserId).catch(() => undefined);
  return saved ?? ports.defaultLanguage;
}

/** Nothing to close. */
export const NOTHING_TO_CLOSE: MountedChannel = { close: async () => undefined };
