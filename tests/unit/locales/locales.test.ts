import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Language, LANGUAGES, LOCALES_DIR } from '../../../i18n/translator';

/** WhatsApp reply-button title limit. */
const MAX_CHOICE_TITLE = 20;
/** Two SMS segments of GSM-7. */
const MAX_TEXT = 320;
/** Languages whose texts must stay within GSM-7 (French needs ç ê â …). */
const GSM7_LANGUAGES: readonly Language[] = ['nl', 'en', 'nl-simple', 'en-simple'];
const GSM7 = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà^{}\\[~]|€',
);

type Leaf = string | string[];

/** Reads every locale file; a file that is not valid JSON (or not an object) fails with its name. */
function readLocales(): Map<Language, Map<string, unknown>> {
  const byLanguage = new Map<Language, Map<string, unknown>>();
  for (const language of LANGUAGES) {
    const files = new Map<string, unknown>();
    for (const file of readdirSync(join(LOCALES_DIR, language)).filter((name) => name.endsWith('.json'))) {
      const path = join(LOCALES_DIR, language, file);
      let content: unknown;
      try {
        content = JSON.parse(readFileSync(path, 'utf8'));
      } catch (error) {
        throw new Error(`${language}/${file} is not valid JSON: ${(error as Error).message}`);
      }
      files.set(file.replace(/\.json$/, ''), content);
    }
    byLanguage.set(language, files);
  }
  return byLanguage;
}

/** `namespace.path` → string or string list; anything else is reported as invalid. */
function flatten(value: unknown, prefix: string, out: Map<string, Leaf>, invalid: string[]): Map<string, Leaf> {
  if (typeof value === 'string') out.set(prefix, value);
  else if (Array.isArray(value) && value.every((item) => typeof item === 'string')) out.set(prefix, value);
  else if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, `${prefix}.${key}`, out, invalid);
  } else invalid.push(prefix);
  return out;
}

const locales = readLocales();
const invalid: string[] = [];
const keys = new Map<Language, Map<string, Leaf>>(
  LANGUAGES.map((language) => {
    const flat = new Map<string, Leaf>();
    for (const [ns, content] of locales.get(language) ?? []) flatten(content, ns, flat, invalid);
    return [language, flat];
  }),
);
const allKeys = [...new Set([...keys.values()].flatMap((flat) => [...flat.keys()]))].sort();
const texts = LANGUAGES.flatMap((language) =>
  [...(keys.get(language) ?? [])].filter((entry): entry is [string, string] => typeof entry[1] === 'string').map(([key, text]) => ({ language, key, text })),
);
const isWordList = (key: string): boolean => /\.(words|synonyms)\./.test(key);
const isChoiceTitle = (key: string): boolean => key.split('.').includes('choices');
const variables = (text: string): string[] => [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((match) => match[1]).sort();

test('every value is a string or a list of strings', () => {
  expect(invalid).toEqual([]);
});

test('every language has the same namespaces', () => {
  const namespaces = (language: Language) => [...(locales.get(language)?.keys() ?? [])].sort();
  for (const language of LANGUAGES) expect({ language, namespaces: namespaces(language) }).toEqual({ language, namespaces: namespaces('nl') });
});

describe.each(LANGUAGES.map((language) => [language]))('%s', (language) => {
  test('has every key that another language has, of the same kind', () => {
    const flat = keys.get(language) ?? new Map<string, Leaf>();
    const missing = allKeys.filter((key) => !flat.has(key));
    expect(missing).toEqual([]);
    const kindOf = (leaf: Leaf | undefined) => (Array.isArray(leaf) ? 'list' : typeof leaf);
    const otherKind = allKeys.filter((key) => kindOf(flat.get(key)) !== kindOf(keys.get('nl')?.get(key)));
    expect(otherKind).toEqual([]);
  });

  test('uses the same {{variables}} as Dutch', () => {
    const differing = texts
      .filter((entry) => entry.language === language)
      .filter(({ key, text }) => {
        const reference = keys.get('nl')?.get(key);
        return typeof reference === 'string' && variables(text).join() !== variables(reference).join();
      })
      .map(({ key }) => key);
    expect(differing).toEqual([]);
  });
});

test('choice titles are at most 20 characters and not empty', () => {
  const wrong = texts
    .filter(({ key }) => isChoiceTitle(key))
    .filter(({ text }) => text.trim() === '' || [...text].length > MAX_CHOICE_TITLE)
    .map(({ language, key, text }) => `${language}:${key} "${text}"`);
  expect(wrong).toEqual([]);
});

test('texts are short (two SMS at most) and not empty', () => {
  const wrong = texts
    .filter(({ text }) => text.trim() === '' || [...text].length > MAX_TEXT)
    .map(({ language, key }) => `${language}:${key}`);
  expect(wrong).toEqual([]);
});

test('word lists have no empty words', () => {
  const wrong = LANGUAGES.flatMap((language) =>
    [...(keys.get(language) ?? [])].filter(([, leaf]) => Array.isArray(leaf) && (leaf.length === 0 || leaf.some((word) => word.trim() === ''))).map(([key]) => `${language}:${key}`),
  );
  expect(wrong).toEqual([]);
});

test(`texts in ${GSM7_LANGUAGES.join(', ')} stay within GSM-7 (one SMS segment is 160, not 70, characters)`, () => {
  const wrong = texts
    // Emoji cues of choices (cues.json) are dropped by the SMS channel (adapters/sms/smsText.ts).
    .filter(({ language, key }) => GSM7_LANGUAGES.includes(language) && !isWordList(key) && !key.startsWith('cues.'))
    .flatMap(({ language, key, text }) => [...text].filter((char) => !GSM7.has(char)).map((char) => `${language}:${key} "${char}"`));
  expect(wrong).toEqual([]);
});

test('the menu titles of a language are distinct', () => {
  for (const language of LANGUAGES) {
    const titles = allKeys.filter((key) => key.startsWith('menu.choices.')).map((key) => keys.get(language)?.get(key));
    expect(new Set(titles).size).toBe(titles.length);
  }
});

/** Abbreviations many readers do not know: never used alone in Dutch, English or simple texts. */
const ABBREVIATIONS: readonly RegExp[] = [/\bRDV\b/, /\bbv\./, /\bbijv\./, /\be\.g\./i, /\bi\.e\./i, /\benz\./, /\betc\./];
/** A text without what stands between brackets (an explanation may name the initials again). */
const withoutBrackets = (text: string): string => text.replace(/\(([^()]*)\)/g, (_, inside: string) => (inside ? '( )' : '()'));
/** Organisations known by their initials: said with what they are, in brackets, each time. */
const INITIALS = ['OCMW', 'CAW', 'CPAS'];

test.each(['nl', 'en', 'nl-simple', 'en-simple'] as Language[])('%s texts start with a capital and use no abbreviation without what it means', (language) => {
  const own = texts.filter((text) => text.language === language && !isWordList(text.key) && !text.key.startsWith('console.'));
  const abbreviated = own.filter(({ text }) => ABBREVIATIONS.some((pattern) => pattern.test(text))).map(({ key }) => key);
  const unexplained = own
    .filter(({ text }) => INITIALS.some((initials) => new RegExp(`\\b${initials}\\b(?! \\()`).test(withoutBrackets(text))))
    .map(({ key }) => key);
  const lowerCase = own.filter(({ text }) => /^\p{Ll}/u.test(text) && !/^(itsme|eID|e-?mail)/i.test(text)).map(({ key }) => key);
  expect({ abbreviated, unexplained }).toEqual({ abbreviated: [], unexplained: [] });
  expect(lowerCase.filter((key) => !/\.(items|weekdays|choices|kinds|purposes)\b|\.and$|Line|line/.test(key))).toEqual([]);
});
