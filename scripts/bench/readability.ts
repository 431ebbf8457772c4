/**
 * `npm run bench:readability`: how easy the assistant's texts are to read, the standard and the
 * simplified variant of each language side by side (i18n/readability.ts). For each: how many texts
 * a citizen can receive, how many are messages (titles and fragments left out), the average number
 * of words a sentence and syllables a word of the messages, the reading ease of the language's
 * formula (Flesch–Douma, Kandel–Moles, Flesch; higher is easier) and the hardest messages of the
 * simplified variant.
 *
 *   npm run bench:readability
 *   READABILITY_WORST=10 npm run bench:readability
 */
import { citizenTexts, countsOf, FORMULA, isMessage, PLAIN_LANGUAGE, readingEase, ReadingLanguage } from '../../i18n/readability';
import { Language, simpleLanguage } from '../../i18n/translator';

const WORST = Number(process.env.READABILITY_WORST ?? 3);
const BASES: readonly ReadingLanguage[] = ['nl', 'fr', 'en'];

/** The figures of one language variant. */
function figures(language: Language, formula: ReadingLanguage) {
  const texts = citizenTexts(language);
  const messages = texts.filter(isMessage);
  const counts = countsOf(messages.map(({ text }) => text), formula);
  const worst = messages
    .map((message) => ({ key: message.key, score: readingEase(countsOf([message.text], formula), formula) }))
    .sort((a, b) => a.score - b.score)
    .slice(0, WORST);
  return {
    texts: texts.length,
    messages: messages.length,
    wordsPerSentence: counts.words / counts.sentences,
    syllablesPerWord: counts.syllables / counts.words,
    ease: readingEase(counts, formula),
    worst,
  };
}

const pad = (value: string | number, width: number) => String(value).padStart(width);
const fixed = (value: number, digits = 1) => value.toFixed(digits);

console.log(`Plain-language rules: ≤ ${PLAIN_LANGUAGE.maxWordsPerSentence} words a sentence, ≤ ${PLAIN_LANGUAGE.maxQuestionsPerMessage} question a message (i18n/plainLanguage.json).\n`);
console.log(`${'language'.padEnd(12)}${pad('texts', 7)}${pad('messages', 10)}${pad('words/sentence', 16)}${pad('syllables/word', 16)}${pad('ease', 8)}  formula (minimum for simplified)`);
for (const base of BASES) {
  const simple = simpleLanguage(base);
  for (const language of [base, ...(simple ? [simple] : [])]) {
    const f = figures(language, base);
    const minimum = language === base ? '' : ` (≥ ${PLAIN_LANGUAGE.minReadingEase[base]})`;
    console.log(`${language.padEnd(12)}${pad(f.texts, 7)}${pad(f.messages, 10)}${pad(fixed(f.wordsPerSentence), 16)}${pad(fixed(f.syllablesPerWord, 2), 16)}${pad(fixed(f.ease), 8)}  ${FORMULA[base]}${minimum}`);
    if (language !== base) for (const { key, score } of f.worst) console.log(`${''.padEnd(12)}  hardest: ${key} (${fixed(score, 0)})`);
  }
}
