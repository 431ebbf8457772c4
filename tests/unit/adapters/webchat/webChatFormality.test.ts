import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LOCALES_DIR } from '../../../../i18n/translator';
import { WEBCHAT_STRING_IDS } from '../../../../adapters/webchat/webChatMount';

/** The informal and the formal "you" of each language the page speaks to formally or not. */
const FORMS: Record<string, { informal: RegExp; formal: RegExp }> = {
  nl: { informal: /\b(je|jij|jou|jouw)\b/gi, formal: /\b(u|uw)\b/g },
  'nl-simple': { informal: /\b(je|jij|jou|jouw)\b/gi, formal: /\b(u|uw)\b/g },
  fr: { informal: /\b(tu|toi|ton|ta|tes)\b/gi, formal: /\b(vous|votre|vos)\b/gi },
};

/** Every string of a JSON tree (word lists are what people type, not what the assistant says). */
function strings(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) || /\.(words|synonyms)$/.test(key)) return [];
  return value && typeof value === 'object' ? Object.entries(value).flatMap(([child, inner]) => strings(inner, `${key}.${child}`)) : [];
}

function read(language: string, file: string): unknown {
  return JSON.parse(readFileSync(path.join(LOCALES_DIR, language, file), 'utf8'));
}

const count = (texts: string[], form: RegExp) => texts.reduce((sum, text) => sum + (text.match(form)?.length ?? 0), 0);

describe('the web chat page says "je" or "u" as the assistant does', () => {
  test.each(Object.keys(FORMS))('%s: the page and its Web Chat strings use the form most of the assistant\'s messages use', (language) => {
    const { informal, formal } = FORMS[language];
    const assistant = readdirSync(path.join(LOCALES_DIR, language))
      .filter((file) => file.endsWith('.json') && file !== 'webchat.json')
      .flatMap((file) => strings(read(language, file)));
    const informalAssistant = count(assistant, informal) > count(assistant, formal);
    const page = read(language, 'webchat.json') as { webChatStrings: Record<string, string> };
    const pageTexts = strings(page);
    const wrong = pageTexts.filter((text) => (text.match(informalAssistant ? formal : informal)?.length ?? 0) > 0);
    expect(wrong).toEqual([]);
    expect(Object.keys(page.webChatStrings).sort()).toEqual([...WEBCHAT_STRING_IDS].sort());
  });
});
