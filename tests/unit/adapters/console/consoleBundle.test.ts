import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { consoleBundle, FRONT_DIR } from '../../../../adapters/console/consoleBundle';
import { consoleTexts } from '../../../../adapters/console/consolePage';

/** Every front-end source file, relative to front/. */
function sources(dir = FRONT_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sources(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}

const files = sources().map((file) => ({ file: path.relative(FRONT_DIR, file), text: readFileSync(file, 'utf8') }));

describe('the console front end (adapters/console/front)', () => {
  test('bundles into one script without eval or new Function (the CSP allows neither)', () => {
    const bundle = consoleBundle().toString('utf8');
    expect(bundle.length).toBeGreaterThan(1000);
    expect(bundle).not.toMatch(/\beval\(/);
    expect(bundle).not.toMatch(/\bnew Function\(|[^.\w]Function\(/);
  });

  test.each(files)('$file renders text only: no innerHTML, no dangerouslySetInnerHTML, no document.write', ({ text }) => {
    expect(text).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|dangerouslySetInnerHTML|document\.write/);
  });

  const texts = consoleTexts() as Record<string, Record<string, unknown>>;
  const keys = [...new Set(files.flatMap(({ text }) => [...text.matchAll(/\bt\(\s*'([^']+)'/g)].map((m) => m[1])))].sort();
  const lookup = (language: string, key: string) => key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), texts[language]);

  test.each(['nl', 'fr', 'en'])('every fixed text key the screens use is in locales/%s/console.json', (language) => {
    expect(keys.length).toBeGreaterThan(100);
    expect(keys.filter((key) => typeof lookup(language, key) !== 'string')).toEqual([]);
  });

  test.each(['nl', 'fr', 'en'])('topics are served in words in %s (never the raw key)', (language) => {
    expect(lookup(language, 'topics.scam_security')).toEqual(expect.any(String));
    expect(lookup(language, 'topics.scam_security')).not.toBe('scam_security');
  });
});
