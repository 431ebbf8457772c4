import type { Database } from '../../db/database';
import { baseLanguage, languageFromLocale } from '../../i18n/translator';
import { SettingsService } from '../../services/settingsService';
import { TranscriptService } from '../../services/transcriptService';
import type { TurnRunner } from '../../turns/turnRunner';
import type { ChannelModule, LanguagePorts } from '../channelModule';
import { RateLimiter } from '../shared/rateLimiter';
import { ActivityReader } from './activityReader';
import { DirectLineAdapter, WEBCHAT_CHANNEL } from './directLineAdapter';
import { DirectLineStreams } from './directLineStream';
import { DirectLineTokens } from './directLineTokens';
import { MessageFeed } from './messageFeed';
import { OutageBuffer } from './outageBuffer';
import { languageFromAcceptLanguage, type PageTexts, USER_COOKIE, USER_COOKIE_DAYS, WebChatPage, webChatLocale } from './webChatPage';
import { WebChatBranding, type WebChatBrandSettings } from './webChatBranding';
import { VisitorIds } from './visitorIds';
import { HttpsDetection, isHttpsRequest } from '../shared/httpRequest';

/** The web chat's own configuration (with the page's branding and embedding). */
export interface WebChatSettings extends WebChatBrandSettings {
  /** When set, `tokens/generate` and direct use of Direct Line need this secret. */
  DIRECTLINE_SECRET?: string;
  /** Signs the visitor cookie; unset: a random key stored once in the database. */
  WEBCHAT_VISITOR_KEY?: string;
  /** https here: the visitor cookie is `Secure`. */
  PUBLIC_BASE_URL?: string;
  CHAT_RATE_LIMIT_PER_MINUTE: number;
  WEBCHAT_TOKENS_PER_MINUTE: number;
  /** Trusted reverse proxies: the client's address, and their X-Forwarded-Proto https makes the cookie `Secure`. */
  TRUST_PROXY?: number;
  /** The privacy notice page (`/privacy`): days before messages and inactive people are deleted, and whom to ask. */
  RETENTION_DAYS?: number;
  PRIVACY_CONTACT?: string;
}

/** The chat page's texts of locales/<language>/webchat.json. */
const PAGE_KEYS = ['title', 'noscript', 'privacy', 'cookieNote', 'forgetMe', 'contactLabel'] as const;

/**
 * Web Chat's own strings that address the visitor, replaced by the assistant's wording
 * (`webchat.webChatStrings.<id>`): its Dutch says "u", the assistant says "je".
 */
export const WEBCHAT_STRING_IDS = ['TEXT_INPUT_PLACEHOLDER', 'ACTIVITY_YOU_SAID_ALT', 'ACTIVITY_YOU_ATTACHED_ALT'] as const;

/** What the web chat needs from the assistant. */
export interface WebChatPorts extends LanguagePorts {
  readonly runner: Pick<TurnRunner, 'receive' | 'onTurnFailed'>;
  /** The transcript (read after a watermark), the token signing key, and `message_added` notifications. */
  readonly db: Pick<Database, 'prisma' | 'sql' | 'listen'>;
}

/**
 * The web chat page (`GET /`) and its Direct Line 3.0 endpoints (`/v3/directline/*`, polling and
 * WebSocket streams). A stream is woken by the database's `message_added` notification and reads
 * the transcript after its watermark; while the database is down, messages wait in memory and the
 * person gets an apology ({@link OutageBuffer}).
 */
export const webChatMount: ChannelModule<WebChatSettings, WebChatPorts> = {
  name: WEBCHAT_CHANNEL,
  title: 'Web chat',
  route: '/',
  needs: [],
  mount: async (server, settings, ports) => {
    const { runner, db, i18n } = ports;
    const signingKey = await new SettingsService(db.prisma).getOrCreate('directline.signingKey', DirectLineTokens.newKey);
    const tokens = new DirectLineTokens(Buffer.from(signingKey));
    const visitorKey = settings.WEBCHAT_VISITOR_KEY ?? (await new SettingsService(db.prisma).getOrCreate('webchat.visitorKey', VisitorIds.newKey));
    const https: HttpsDetection = { publicBaseUrl: settings.PUBLIC_BASE_URL, trustedProxyHops: settings.TRUST_PROXY ?? 0 };
    const outage = new OutageBuffer(runner, (locale) => i18n.t(languageFromLocale(locale) ?? ports.defaultLanguage, 'webchat.unavailable'));
    runner.onTurnFailed((channel, channelConversationId, locale) => {
      if (channel === WEBCHAT_CHANNEL) outage.apologise(channelConversationId, locale);
    });
    const transcripts = new TranscriptService(db.prisma, db.sql);
    const feed = await MessageFeed.open(db);
    const reader = new ActivityReader({ transcripts, outage });
    const streams = new DirectLineStreams({ tokens, transcripts, reader, feed, outage, channel: WEBCHAT_CHANNEL });
    const limits = {
      messages: new RateLimiter(settings.CHAT_RATE_LIMIT_PER_MINUTE),
      tokens: new RateLimiter(settings.WEBCHAT_TOKENS_PER_MINUTE),
      trustedProxyHops: settings.TRUST_PROXY ?? 0,
    };
    const directLine = new DirectLineAdapter({ runner, transcripts, tokens, outage, reader, streams, secret: settings.DIRECTLINE_SECRET, limits });
    directLine.register(server);
    const languageOf = async (acceptLanguage: string | undefined, userId: string | undefined) =>
      (userId ? await ports.savedLanguage(WEBCHAT_CHANNEL, userId) : undefined) ?? languageFromAcceptLanguage(acceptLanguage) ?? ports.defaultLanguage;
    const branding = new WebChatBranding(settings);
    branding.register(server);
    new WebChatPage({
      issueToken: (userId) => directLine.issueToken(userId),
      visitors: new VisitorIds(Buffer.from(visitorKey)),
      isHttps: (req) => isHttpsRequest(req, https),
      branding,
      texts: async (acceptLanguage, userId) => {
        const lang = await languageOf(acceptLanguage, userId);
        const text = (key: string) => i18n.t(lang, `webchat.${key}`, { days: USER_COOKIE_DAYS });
        return {
          lang: baseLanguage(lang),
          locale: webChatLocale(lang),
          ...Object.fromEntries(PAGE_KEYS.map((key) => [key, text(key)])),
          webChatStrings: Object.fromEntries(WEBCHAT_STRING_IDS.map((id) => [id, i18n.t(lang, `webchat.webChatStrings.${id}`)])),
        } as PageTexts;
      },
      privacyTexts: async (acceptLanguage, userId) => {
        const lang = await languageOf(acceptLanguage, userId);
        const contact = settings.PRIVACY_CONTACT;
        return {
          lang: baseLanguage(lang),
          title: i18n.t(lang, 'webchat.title'),
          privacyTitle: i18n.t(lang, 'webchat.privacyTitle'),
          notice: i18n.t(lang, 'privacyInfo.answer', { days: settings.RETENTION_DAYS ?? 180 }),
          contact: contact ? i18n.t(lang, 'privacyInfo.contact', { contact }) : i18n.t(lang, 'privacyInfo.contactDigibank'),
          cookieTitle: i18n.t(lang, 'webchat.cookieTitle'),
          cookieExplained: i18n.t(lang, 'webchat.cookieExplained', { name: USER_COOKIE, days: USER_COOKIE_DAYS }),
          forgetMe: i18n.t(lang, 'webchat.forgetMe'),
          contactLabel: i18n.t(lang, 'webchat.contactLabel'),
          back: i18n.t(lang, 'webchat.back'),
        };
      },
    }).register(server);
    return {
      close: async () => {
        streams.close();
        outage.stop();
        await feed.close();
      },
    };
  },
};
