import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  baseLanguage,
  createTranslator,
  isLanguage,
  isSimple,
  simpleLanguage,
  languageFromLocale,
  LANGUAGES,
  MissingTranslationError,
  resolveLanguage,
  t,
} from '../../../i18n/translator';

function localesWith(files: Record<string, Record<string, unknown>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'locales-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), JSON.stringify(content));
  }
  return dir;
}

describe('language ids', () => {
  test('the six languages, simplified ones as <base>-simple', () => {
    expect(LANGUAGES).toEqual(['nl', 'fr', 'en', 'nl-simple', 'fr-simple', 'en-simple']);
    expect(LANGUAGES.filter(isSimple)).toEqual(['nl-simple', 'fr-simple', 'en-simple']);
    expect(baseLanguage('fr-simple')).toBe('fr');
    expect(simpleLanguage('fr')).toBe('fr-simple');
    expect(simpleLanguage('en-simple')).toBe('en-simple');
    expect(baseLanguage('nl-simple')).toBe('nl');
    expect(baseLanguage('fr')).toBe('fr');
  });

  test.each([
    ['fr-BE', 'fr'],
    ['nl-BE', 'nl'],
    ['en-US', 'en'],
    ['en-us', 'en'],
    ['nl_BE', 'nl'],
    ['FR', 'fr'],
    ['nl-simple', 'nl-simple'],
    ['de-DE', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('languageFromLocale(%p) → %p', (locale, language) => {
    expect(languageFromLocale(locale)).toBe(language);
  });

  test('resolution: saved choice → channel locale → nl', () => {
    expect(resolveLanguage('nl-simple', 'fr-BE')).toBe('nl-simple');
    expect(resolveLanguage(undefined, 'fr-BE')).toBe('fr');
    expect(resolveLanguage('klingon', 'en-US')).toBe('en');
    expect(resolveLanguage(undefined, undefined)).toBe('nl');
    expect(isLanguage('de')).toBe(false);
  });
});

describe('translator', () => {
  test('texts of every language, with interpolation', () => {
    expect(t('fr', 'common.error', { code: 'ab12cd34' })).toContain('ab12cd34');
    expect(t('nl-simple', 'menu.prompt')).not.toBe(t('nl', 'menu.prompt'));
  });

  test('nl-simple is a language of its own that falls back to nl, and the fallback is reported', () => {
    const translator = createTranslator({
      localesDir: localesWith({ 'nl/x.json': { a: 'nl-a', b: 'nl-b' }, 'nl-simple/x.json': { a: 'simple-a' } }),
    });
    expect(translator.t('nl-simple', 'x.a')).toBe('simple-a');
    expect(translator.t('nl-simple', 'x.b')).toBe('nl-b');
    expect(translator.missingKeys()).toEqual(['nl-simple:x.b']);
    translator.resetMissingKeys();
    expect(translator.missingKeys()).toEqual([]);
  });

  test('a missing key is not silent: recorded, returned as the key, or thrown when strict', () => {
    const translator = createTranslator();
    expect(translator.t('en', 'menu.doesNotExist')).toBe('menu.doesNotExist');
    expect(translator.list('en', 'common.words.nothing')).toEqual([]);
    expect(translator.missingKeys()).toEqual(['en:menu.doesNotExist', 'en:common.words.nothing']);
    expect(() => createTranslator({ strict: true }).t('fr', 'menu.doesNotExist')).toThrow(MissingTranslationError);
  });

  test('looked up again, a text is the same; with other variables, interpolated anew; a fallback is reported every time', () => {
    const translator = createTranslator({
      localesDir: localesWith({ 'nl/x.json': { n: 'nummer {{n}}', plain: 'vast', only: 'alleen nl' }, 'nl-simple/x.json': { n: 'nr {{n}}', plain: 'kort' } }),
    });
    const twice = (run: () => string) => [run(), run()];
    expect(twice(() => translator.t('nl', 'x.plain'))).toEqual(['vast', 'vast']);
    expect([1, 2, 1].map((n) => translator.t('nl-simple', 'x.n', { n }))).toEqual(['nr 1', 'nr 2', 'nr 1']);
    expect(twice(() => translator.t('nl-simple', 'x.only'))).toEqual(['alleen nl', 'alleen nl']);
    translator.resetMissingKeys();
    expect(translator.t('nl-simple', 'x.only')).toBe('alleen nl');
    expect(translator.missingKeys()).toEqual(['nl-simple:x.only']);
    const strict = createTranslator({ strict: true, localesDir: localesWith({ 'nl/x.json': { only: 'alleen nl' }, 'nl-simple/x.json': {} }) });
    expect(() => strict.t('nl-simple', 'x.only')).toThrow(MissingTranslationError);
    expect(() => strict.t('nl-simple', 'x.only')).toThrow(MissingTranslationError);
  });

  test('lists come from the locales', () => {
    expect(createTranslator({ strict: true }).list('nl', 'common.words.language')).toContain('taal');
  });

  test('an invalid JSON file fails at start-up', () => {
    const dir = localesWith({});
    mkdirSync(join(dir, 'nl'));
    writeFileSync(join(dir, 'nl', 'broken.json'), '{ "a": ');
    expect(() => createTranslator({ localesDir: dir })).toThrow();
  });
});
