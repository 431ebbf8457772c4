import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { i18n as I18nInstance, Resource, ResourceLanguage } from 'i18next';
import { logger } from '../kernel/logger';

/**
 * The languages of the assistant, in the order they are offered. A simplified sibling of a language
 * is `<base>-simple` (Eenvoudig Nederlands, Français facile, Easy English): short sentences, common
 * words, one question a message, numbered choices with an emoji cue. Adding one is an id here and a
 * folder under `locales/`.
 */
export const LANGUAGES = ['nl', 'fr', 'en', 'nl-simple', 'fr-simple', 'en-simple'] as const;

/** A language id: `nl`, `fr`, `en`, `nl-simple`, `fr-simple`, `en-simple`. */
export type Language = (typeof LANGUAGES)[number];

/** The language used when nothing else is known. */
export const DEFAULT_LANGUAGE: Language = 'nl';

/** The suffix of a simplified language (short sentences, common words, numbered choices). */
export const SIMPLE_SUFFIX = '-simple';

/** Folder with `<language>/<namespace>.json`. */
export const LOCALES_DIR = join(__dirname, '..', 'locales');

/** Values for `{{name}}` placeholders. */
export type TranslationVars = Record<string, string | number>;

/** True when the value is one of {@link LANGUAGES}. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** True for a simplified language such as `nl-simple`. */
export function isSimple(language: Language): boolean {
  return language.endsWith(SIMPLE_SUFFIX);
}

/** The full language a language builds on: `nl-simple` → `nl`, `fr` → `fr`. */
export function baseLanguage(language: Language): Language {
  const base = language.endsWith(SIMPLE_SUFFIX) ? language.slice(0, -SIMPLE_SUFFIX.length) : language;
  return isLanguage(base) ? base : DEFAULT_LANGUAGE;
}

/** The simplified variant of a language: `fr` → `fr-simple`, `nl-simple` → `nl-simple`; undefined when it has none. */
export function simpleLanguage(language: Language): Language | undefined {
  const simple = `${baseLanguage(language)}${SIMPLE_SUFFIX}`;
  return isLanguage(simple) ? simple : undefined;
}

/**
 * Maps a channel locale to a language: `fr-BE` → `fr`, `nl-BE` → `nl`, `en-US` → `en`,
 * `nl-simple` → `nl-simple`. Unknown or missing locale → `undefined`.
 */
export function languageFromLocale(locale: string | undefined | null): Language | undefined {
  if (typeof locale !== 'string') return undefined;
  const normalized = locale.trim().toLowerCase().replace(/_/g, '-');
  if (isLanguage(normalized)) return normalized;
  const primary = normalized.split('-')[0];
  return isLanguage(primary) ? primary : undefined;
}

/** Resolution of a turn's language: saved choice → channel locale → {@link DEFAULT_LANGUAGE}. */
export function resolveLanguage(saved: unknown, locale: string | undefined | null): Language {
  return isLanguage(saved) ? saved : (languageFromLocale(locale) ?? DEFAULT_LANGUAGE);
}

/** Looks up user-facing text. Keys are `namespace.path`, e.g. `menu.prompt`. */
export interface Translator {
  /** The text for a key; interpolates `{{name}}` placeholders from `vars`. */
  t(language: Language, key: string, vars?: TranslationVars): string;
  /** A list of strings (e.g. words to recognize); `[]` when missing. */
  list(language: Language, key: string): string[];
  /** True when the key exists for the language (or its fallback: `nl-simple` → `nl` → …). */
  has(language: Language, key: string): boolean;
  /**
   * The key, and the values of its placeholders, whose text in the language is exactly this text
   * (the reverse of {@link t}); undefined when no text of the language gives it. Used to say a
   * question again in another language (`dialogs/restatedQuestion.ts`).
   */
  keyOf(language: Language, text: string): KeyAndVars | undefined;
  /**
   * Keys looked up but missing in the language itself (found only through fallback, or not at
   * all) since start-up or the last reset, as `language:key`. Each is logged once as a warning.
   */
  missingKeys(): string[];
  /** Forgets the recorded missing keys. */
  resetMissingKeys(): void;
}

/** A locale key and the values of its `{{name}}` placeholders. */
export interface KeyAndVars {
  readonly key: string;
  readonly vars?: TranslationVars;
}

/** Options of {@link createTranslator}. */
export interface TranslatorOptions {
  /** Folder with `<language>/<namespace>.json`; default {@link LOCALES_DIR}. */
  localesDir?: string;
  /** Throw on a missing key instead of logging it (for tests). */
  strict?: boolean;
}

/** Error thrown by a strict translator on a missing key. */
export class MissingTranslationError extends Error {}

/** Reads every `locales/<language>/<namespace>.json` synchronously. Invalid JSON throws. */
export function loadResources(localesDir: string = LOCALES_DIR): Resource {
  const resources: Resource = {};
  for (const language of LANGUAGES) {
    const folder = join(localesDir, language);
    const namespaces: ResourceLanguage = {};
    if (existsSync(folder)) {
      for (const file of readdirSync(folder).filter((name) => name.endsWith('.json')).sort()) {
        namespaces[file.slice(0, -'.json'.length)] = JSON.parse(readFileSync(join(folder, file), 'utf8'));
      }
    }
    resources[language] = namespaces;
  }
  return resources;
}

/** Each simplified language falls back to its base, everything to {@link DEFAULT_LANGUAGE}. */
function fallbacks(): Record<string, string[]> {
  const map: Record<string, string[]> = { default: [DEFAULT_LANGUAGE] };
  for (const language of LANGUAGES.filter(isSimple)) {
    map[language] = [...new Set([baseLanguage(language), DEFAULT_LANGUAGE])];
  }
  return map;
}

function createInstance(resources: Resource): I18nInstance {
  const namespaces = [...new Set(Object.values(resources).flatMap((byNs) => Object.keys(byNs)))];
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    initAsync: false,
    supportedLngs: [...LANGUAGES],
    lowerCaseLng: true,
    load: 'currentOnly',
    fallbackLng: fallbacks(),
    ns: namespaces,
    defaultNS: namespaces[0],
    interpolation: { escapeValue: false },
    returnNull: false,
    returnEmptyString: false,
  });
  return instance;
}

function splitKey(key: string): { ns: string; path: string } {
  const dot = key.indexOf('.');
  return dot < 0 ? { ns: key, path: '' } : { ns: key.slice(0, dot), path: key.slice(dot + 1) };
}

/** Every string under a value of the resources as `path` → text, paths below `prefix` (lists left out). */
export function flatTexts(value: unknown, prefix = '', out: Map<string, string> = new Map()): Map<string, string> {
  if (typeof value === 'string') out.set(prefix, value);
  else if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatTexts(child, prefix ? `${prefix}.${key}` : key, out);
  }
  return out;
}

/** The texts of one language, to find the key of a text: plain texts, and templates as patterns. */
interface ReverseIndex {
  readonly plain: Map<string, string>;
  readonly templates: { key: string; pattern: RegExp; names: string[] }[];
}

const PLACEHOLDER = /\{\{\s*([\w.]+)[^}]*\}\}/g;

function reverseIndex(texts: Map<string, string>): ReverseIndex {
  const plain = new Map<string, string>();
  const templates: ReverseIndex['templates'] = [];
  for (const [key, text] of texts) {
    const names = [...text.matchAll(PLACEHOLDER)].map((match) => match[1]);
    if (names.length === 0) {
      if (!plain.has(text)) plain.set(text, key);
      continue;
    }
    const source = text
      .split(PLACEHOLDER)
      .map((part, index) => (index % 2 === 1 ? '([\\s\\S]+?)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
    templates.push({ key, pattern: new RegExp(`^${source}$`, 'u'), names });
  }
  return { plain, templates };
}

/** Creates a translator over the locale files (read synchronously, no network). */
export function createTranslator(options: TranslatorOptions = {}): Translator {
  const resources = loadResources(options.localesDir);
  const instance = createInstance(resources);
  const reverse = new Map<Language, ReverseIndex>();
  const reverseOf = (language: Language): ReverseIndex => {
    let index = reverse.get(language);
    if (!index) reverse.set(language, (index = reverseIndex(flatTexts(resources[language] ?? {}))));
    return index;
  };
  const missing = new Set<string>();
  const lists = new Map<string, string[]>();
  const reportMissing = (language: Language, key: string): void => {
    if (options.strict) throw new MissingTranslationError(`Missing translation ${language}:${key}`);
    if (!missing.has(`${language}:${key}`)) logger.warn({ language, key }, 'missing translation');
    missing.add(`${language}:${key}`);
  };
  const has = (language: Language, key: string): boolean => {
    const { ns, path } = splitKey(key);
    return path !== '' && instance.exists(path, { lng: language, ns });
  };
  const hasOwn = (language: Language, key: string): boolean => {
    const { ns, path } = splitKey(key);
    return path !== '' && instance.getResource(language, ns, path) !== undefined;
  };
  // The resources never change after start-up, and a turn looks up dozens of texts: where a key
  // is found, and each text without variables, are worked out once per language.
  const found = new Map<string, 'own' | 'fallback' | 'none'>();
  const plainTexts = new Map<string, string>();
  const whereFound = (language: Language, key: string) => {
    const id = `${language}:${key}`;
    let where = found.get(id);
    if (!where) found.set(id, (where = hasOwn(language, key) ? 'own' : has(language, key) ? 'fallback' : 'none'));
    return where;
  };
  const translate = (language: Language, key: string, vars?: TranslationVars) => {
    const { ns, path } = splitKey(key);
    const text: unknown = instance.t(path, { lng: language, ns, ...vars });
    return typeof text === 'string' ? text : key;
  };
  return {
    has,
    keyOf(language, text) {
      const { plain, templates } = reverseOf(language);
      const key = plain.get(text);
      if (key !== undefined) return { key };
      for (const template of templates) {
        const match = template.pattern.exec(text);
        if (match) return { key: template.key, vars: Object.fromEntries(template.names.map((name, index) => [name, match[index + 1]])) };
      }
      return undefined;
    },
    t(language, key, vars) {
      const where = whereFound(language, key);
      if (where !== 'own') reportMissing(language, key);
      if (where === 'none') return key;
      if (vars) return translate(language, key, vars);
      const id = `${language}:${key}`;
      let text = plainTexts.get(id);
      if (text === undefined) plainTexts.set(id, (text = translate(language, key)));
      return text;
    },
    list(language, key) {
      // Lists (words to recognise) are read on every turn and never change: computed once.
      const cacheKey = `${language}:${key}`;
      const cached = lists.get(cacheKey);
      if (cached) return cached.slice();
      if (!hasOwn(language, key)) reportMissing(language, key);
      const { ns, path } = splitKey(key);
      const value: unknown = has(language, key) ? instance.t(path, { lng: language, ns, returnObjects: true }) : undefined;
      const list = Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
      lists.set(cacheKey, list);
      return list.slice();
    },
    missingKeys: () => [...missing],
    resetMissingKeys: () => missing.clear(),
  };
}

/** The translator of the process, over `locales/`. */
export const translator: Translator = createTranslator();

/** Shorthand for `translator.t(language, key, vars)`. */
export function t(language: Language, key: string, vars?: TranslationVars): string {
  return translator.t(language, key, vars);
}
