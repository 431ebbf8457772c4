import { existsSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { z } from 'zod';
import { contrastRatio, HEX_COLOUR, TEXT_CONTRAST } from '../adapters/webchat/colourContrast';
import { LOGO_TYPES } from '../adapters/webchat/webChatBranding';

/** Booleans from the environment: "true/false/1/0/yes/no". */
const envBoolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((value) => ['true', '1', 'yes'].includes(value));

const MAX_LOGO_BYTES = 512 * 1024;
/** The page's body text colour (adapters/webchat/public/index.html): the background must set it off. */
export const WEBCHAT_TEXT_COLOUR = '#1f2933';

const colour = z.string().trim().regex(HEX_COLOUR, { message: 'expected a colour as #rrggbb, e.g. #004f9f' });

/** WEBCHAT_LOGO: an https/http URL, or an image file the server serves itself. */
const logo = z
  .string()
  .trim()
  .refine((value) => /^https?:\/\//.test(value) || (LOGO_TYPES[extname(value).toLowerCase()] !== undefined && existsSync(value) && statSync(value).isFile() && statSync(value).size <= MAX_LOGO_BYTES), {
    message: 'expected an http(s) URL or an existing .svg, .png, .jpg, .webp or .gif file of at most 512 KB',
  });

/** One origin a web page may frame the chat from: `https://www.ieper.be`, `https://*.ieper.be`, `'self'`. */
const FRAME_ANCESTOR = /^(?:'self'|https?:\/\/(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::\d{1,5})?)$/i;
const frameAncestors = z
  .string()
  .transform((value) => value.split(/[\s,]+/).filter(Boolean))
  .refine((origins) => origins.every((origin) => FRAME_ANCESTOR.test(origin)), { message: "expected origins separated by commas, e.g. https://www.ieper.be,https://*.ieper.be (no path, no trailing /)" });

/** The development default of REACH_HASH_KEY (a start with it in production is warned about). */
export const DEV_REACH_HASH_KEY = 'dev-only-reach-key-change-me';

const schema = z.object({
  PORT: z.coerce.number({ message: 'expected a port number' }).int().min(0).max(65535).default(3978),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: 'expected a postgres:// URL (leave unset for the embedded database)' })
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  PUBLIC_BASE_URL: z.url({ message: 'expected an absolute http(s) URL' }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO_DATA: envBoolean.default(true),
  DEFAULT_LANGUAGE: z.enum(['nl', 'fr', 'en'], { message: 'expected nl, fr or en' }).default('nl'),
  MAX_MESSAGE_LENGTH: z.coerce.number().int().min(100).max(100000).default(4000),
  DIRECTLINE_SECRET: z.string().min(16, { message: 'expected at least 16 characters' }).optional(),
  /** Signs the web chat's visitor cookie (several servers behind one address share it); unset: a random key kept in the database. */
  WEBCHAT_VISITOR_KEY: z.string().min(32, { message: 'expected at least 32 characters' }).optional(),
  MicrosoftAppId: z.string().optional(),
  MicrosoftAppPassword: z.string().optional(),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: z.string().optional(),
  // WhatsApp Cloud API: the channel is mounted when the four first are set.
  WHATSAPP_VERIFY_TOKEN: z.string().min(8, { message: 'expected at least 8 characters' }).optional(),
  WHATSAPP_APP_SECRET: z.string().min(8, { message: 'expected the app secret' }).optional(),
  WHATSAPP_TOKEN: z.string().min(8, { message: 'expected an access token' }).optional(),
  WHATSAPP_PHONE_NUMBER_ID: z.string().regex(/^\d{5,20}$/, { message: 'expected the numeric phone number id' }).optional(),
  WHATSAPP_API_URL: z.url({ message: 'expected an absolute http(s) URL' }).default('https://graph.facebook.com/v21.0'),
  /** Approved template for messages outside the 24-hour window (one body parameter: the text). */
  WHATSAPP_TEMPLATE_NAME: z.string().regex(/^[a-z0-9_]{1,512}$/, { message: 'expected a template name (a-z, 0-9, _)' }).optional(),
  /** Template language per assistant language, e.g. `nl=nl,fr=fr,en=en_US`. */
  WHATSAPP_TEMPLATE_LANGUAGES: z
    .string()
    .regex(/^[a-z-]+=[A-Za-z_]+(,[a-z-]+=[A-Za-z_]+)*$/, { message: 'expected language=code pairs, e.g. nl=nl,fr=fr,en=en_US' })
    .default('nl=nl,fr=fr,en=en_US'),
  // Twilio SMS: the channel is mounted when the three first are set (and PUBLIC_BASE_URL).
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, { message: 'expected an account SID (AC + 32 hex digits)' }).optional(),
  TWILIO_AUTH_TOKEN: z.string().min(8, { message: 'expected the auth token' }).optional(),
  TWILIO_FROM: z.string().min(3, { message: 'expected a phone number (+32…) or a messaging service sender' }).optional(),
  TWILIO_API_URL: z.url({ message: 'expected an absolute http(s) URL' }).default('https://api.twilio.com'),
  /** Inbound SMS per sender per minute before throttling (one notice, then silence for the minute). */
  SMS_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  /** Messages per WhatsApp number or web chat conversation per minute; more are kept, not answered (one "slow down"). */
  CHAT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  /** Web chat tokens (new visitors) per client address per minute. */
  WEBCHAT_TOKENS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
  /** Outbound SMS per person per 24 hours; more wait until the day's count allows. */
  SMS_DAILY_CAP: z.coerce.number().int().min(1).max(10_000).default(100),
  // Outbox sender (WhatsApp, SMS).
  OUTBOX_RETRY_BASE_MS: z.coerce.number().int().min(1).max(3_600_000).default(1000),
  OUTBOX_RETRY_MAX_MS: z.coerce.number().int().min(1).max(86_400_000).default(300_000),
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(600_000).default(1000),
  /** A sender's claim on an outbound row expires after this long (a killed process's rows are taken over); longer than a provider request. */
  OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(2).max(3600).default(60),
  /** A part whose send was in flight when its sender died waits this long for the provider's status callback to prove it before it is sent again. */
  OUTBOX_DOUBT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(120),
  // Volunteer console (/console).
  /** First administrator on an empty database (both set); otherwise `admin` with a random password printed once. */
  CONSOLE_ADMIN_USERNAME: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{2,63}$/, { message: 'expected 3 to 64 letters, digits, . _ @ -' }).optional(),
  CONSOLE_ADMIN_PASSWORD: z.string().min(12, { message: 'expected at least 12 characters' }).max(200).optional(),
  /** A console session ends after this many minutes without a request… */
  CONSOLE_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  /** …and this many hours after login in any case. */
  CONSOLE_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(168).default(12),
  /**
   * Reverse proxies in front of the server that append the client's address to X-Forwarded-For
   * (nginx, Caddy: 1). 0 (default): the socket's address is the client's, X-Forwarded-For is ignored.
   */
  TRUST_PROXY: z.coerce.number().int().min(0).max(5).default(0),
  /** Minutes a citizen waits for a volunteer before a helpdesk slot or a call-back is offered (services/handoff/handoffScheduler.ts). */
  HANDOFF_CLAIM_TIMEOUT_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
  /** Brussels hour from which the day-before appointment reminders are sent (services/booking/reminderScheduler.ts). */
  REMINDER_HOUR: z.coerce.number().int().min(0).max(23).default(18),
  // Device loans (services/loans).
  /** Length of a loan and of an extension, in days (due date = pick-up + this). */
  LOAN_DAYS: z.coerce.number().int().min(1).max(366).default(90),
  /** "Usually N days" until a digibank has decided 3 requests (then its own median decision time). */
  LOAN_DECISION_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  /** Days before the due date the person is reminded to bring the device back (services/loans/loanReminderScheduler.ts). */
  LOAN_REMINDER_DAYS: z.coerce.number().int().min(1).max(60).default(3),
  // Privacy (services/privacy).
  /** Message texts, conversation state and people without activity are deleted after this many days. */
  RETENTION_DAYS: z.coerce.number().int().min(7).max(3650).default(180),
  /** The console's audit trail is kept this many days. */
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(30).max(3650).default(730),
  /** Who to contact about personal data (e-mail or phone of the digibank's data protection contact), told in the privacy notice. */
  PRIVACY_CONTACT: z.string().trim().min(3, { message: 'expected an e-mail address or phone number' }).max(200).optional(),
  // The web chat page's branding and embedding (adapters/webchat/webChatBranding.ts; README "Your own web chat page").
  /** The digibank's or municipality's name, shown at the top of the page and in its title. */
  WEBCHAT_NAME: z.string().trim().min(2, { message: 'expected a name' }).max(80, { message: 'expected at most 80 characters' }).optional(),
  /** The logo: an image file (served by the assistant) or an http(s) URL; unset: a plain built-in logo. */
  WEBCHAT_LOGO: logo.optional(),
  /** Main colour (top bar, links, buttons); must have a 4.5:1 contrast with white and with WEBCHAT_BACKGROUND_COLOR. */
  WEBCHAT_COLOR: colour.default('#004f9f'),
  /** The page's background around the chat. */
  WEBCHAT_BACKGROUND_COLOR: colour.default('#f4f6f8'),
  /** Contact shown under the chat and on the privacy page. */
  WEBCHAT_CONTACT_PHONE: z.string().trim().regex(/^\+?[0-9][0-9 ./()-]{5,24}$/, { message: 'expected a phone number, e.g. 056 27 74 00' }).optional(),
  WEBCHAT_CONTACT_EMAIL: z.email({ message: 'expected an e-mail address' }).optional(),
  WEBCHAT_CONTACT_ADDRESS: z.string().trim().min(3, { message: 'expected an address line' }).max(160, { message: 'expected at most 160 characters' }).optional(),
  /** Sites allowed to show the chat in an iframe (CSP frame-ancestors); unset: none. */
  WEBCHAT_FRAME_ANCESTORS: frameAncestors.optional(),
  // Reach report (services/reach, Console › Reports).
  /**
   * Key of the keyed hash that counts people without keeping their number (HMAC-SHA-256). Set your own
   * long random value in production and keep it: a new key counts everyone again as new people.
   */
  REACH_HASH_KEY: z.string().min(16, { message: 'expected at least 16 characters' }).default(DEV_REACH_HASH_KEY),
  /** Price of one SMS segment in euro (your Twilio price for Belgian numbers). */
  SMS_SEGMENT_PRICE_EUR: z.coerce.number({ message: 'expected a price in euro, e.g. 0.075' }).min(0).max(10).default(0.075),
  /** Price of one WhatsApp template message in euro (Meta's utility rate for Belgium). */
  WHATSAPP_TEMPLATE_PRICE_EUR: z.coerce.number({ message: 'expected a price in euro, e.g. 0.03' }).min(0).max(10).default(0.03),
}).superRefine((config, ctx) => {
  // The page's own checks, so that its colours pass axe-core's color-contrast rule.
  const pairs: [string, string, string, string][] = [
    ['WEBCHAT_COLOR', config.WEBCHAT_COLOR, '#ffffff', 'white'],
    ['WEBCHAT_COLOR', config.WEBCHAT_COLOR, config.WEBCHAT_BACKGROUND_COLOR, 'WEBCHAT_BACKGROUND_COLOR'],
    ['WEBCHAT_BACKGROUND_COLOR', config.WEBCHAT_BACKGROUND_COLOR, WEBCHAT_TEXT_COLOUR, `the text colour ${WEBCHAT_TEXT_COLOUR}`],
  ];
  for (const [name, a, b, other] of pairs) {
    const ratio = contrastRatio(a, b);
    if (ratio < TEXT_CONTRAST) ctx.addIssue({ code: 'custom', path: [name], message: `contrast with ${other} is ${ratio.toFixed(2)}:1, at least ${TEXT_CONTRAST}:1 is needed (choose a darker main colour or a lighter background)` });
  }
});

/** Validated configuration of the assistant (see README, "Configuration"). */
export type Config = z.infer<typeof schema>;

/** Thrown when the environment holds a wrong or missing value; the message is one line. */
export class ConfigError extends Error {}

/**
 * Reads and validates the configuration from environment variables.
 * Empty strings count as unset, so `FOO=` in a .env file falls back to the default.
 * @throws ConfigError naming the first wrong variable and what is expected.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue.path[0] ?? 'configuration');
    throw new ConfigError(`Configuration error: ${name}: ${issue.message}`);
  }
  return result.data;
}
