import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES, LOCALES_DIR } from '../../../i18n/translator';

/**
 * Words Twilio acts on by itself when a whole SMS is one of them, before our webhook sees it
 * (https://help.twilio.com/articles/223134027): opt-out (the number is blocked), opt-in, help.
 * "YES" opts back in too; it is a harmless answer, so "Yes, …" titles stay.
 */
const TWILIO_WORDS = ['stop', 'stopall', 'unsubscribe', 'cancel', 'end', 'quit', 'revoke', 'optout', 'start', 'unstop', 'help', 'info'];

/** Titles the dialogs and the notifier offer as choices outside `*.choices.*` keys. */
const OTHER_TITLES = ['booking.reminder.keep', 'booking.reminder.cancel'];

/** The SMS channel's own notices: they name STOP and START on purpose (they ask nothing). */
const CHANNEL_NOTICES = /^channels\.sms\./;

/** How a person would type the title back: lower case, without accents, punctuation or extra spaces. */
function normalise(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N} ]/gu, ' ').replace(/\s+/g, ' ').trim();
}

/** `namespace.path` → string of every locale file of a language. */
function texts(language: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (value: unknown, prefix: string) => {
    if (typeof value === 'string') out.set(prefix, value);
    else if (value && typeof value === 'object' && !Array.isArray(value)) for (const [key, child] of Object.entries(value)) walk(child, `${prefix}.${key}`);
  };
  for (const file of readdirSync(join(LOCALES_DIR, language)).filter((name) => name.endsWith('.json'))) {
    walk(JSON.parse(readFileSync(join(LOCALES_DIR, language, file), 'utf8')), file.replace(/\.json$/, ''));
  }
  return out;
}

const all = LANGUAGES.flatMap((language) => [...texts(language)].map(([key, text]) => ({ language, key, text })));
const isTitle = (key: string) => key.split('.').includes('choices') || OTHER_TITLES.includes(key);

describe("SMS texts never invite one of Twilio's keywords as an answer", () => {
  test('no choice title is, or starts with, a Twilio keyword (people type the first word of a title)', () => {
    const wrong = all
      .filter(({ key }) => isTitle(key))
      .filter(({ text }) => TWILIO_WORDS.includes(normalise(text).split(' ')[0]))
      .map(({ language, key, text }) => `${language}:${key} "${text}"`);
    expect(wrong).toEqual([]);
  });

  test("no text asks to type a Twilio keyword ('stop', « cancel », \"help\") except the SMS channel's own notices", () => {
    const quoted = new RegExp(`['"‘’“”«]\\s?(${TWILIO_WORDS.join('|')})\\s?['"‘’“”»]`, 'iu');
    const wrong = all
      .filter(({ key }) => !CHANNEL_NOTICES.test(key) && !key.startsWith('console.'))
      .filter(({ text }) => quoted.test(text))
      .map(({ language, key, text }) => `${language}:${key} "${text}"`);
    expect(wrong).toEqual([]);
  });

  test('the normalisation reads titles as a person types them back', () => {
    expect(normalise('Cancel it!')).toBe('cancel it');
    expect(normalise(' STOP. ')).toBe('stop');
    expect(normalise('Arrêt')).toBe('arret');
  });
});
