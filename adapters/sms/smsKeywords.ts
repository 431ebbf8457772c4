/**
 * Opt-out, opt-in and help keywords (Twilio's standard lists plus nl and fr). Twilio acts on its own
 * words by itself, before our webhook, when a whole message is one of them
 * (https://help.twilio.com/articles/223134027): that is why a text never offers one as an answer,
 * and why the number's Advanced Opt-Out should keep only the STOP-class words (README, SMS).
 * Here they act only outside an open question (`decideSms`).
 */
export const STOP_WORDS = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'STOPPEN', 'ARRET', 'ARRÊT', 'REVOKE', 'OPTOUT'];
export const START_WORDS = ['START', 'UNSTOP', 'STARTEN', 'DEMARRER', 'DÉMARRER'];
export const HELP_WORDS = ['HELP', 'HULP', 'AIDE', 'INFO'];

/** What a whole SMS body means as a keyword, and in which language it was written. */
export type SmsKeyword = { kind: 'stop' | 'start' | 'help'; language?: 'nl' | 'fr' | 'en' };

const LANGUAGE_OF: Record<string, 'nl' | 'fr' | 'en'> = {
  STOPPEN: 'nl', HULP: 'nl', STARTEN: 'nl', ARRET: 'fr', 'ARRÊT': 'fr', AIDE: 'fr', DEMARRER: 'fr', 'DÉMARRER': 'fr',
  UNSUBSCRIBE: 'en', HELP: 'en', CANCEL: 'en', QUIT: 'en',
};

/** The keyword a body is (the whole message, any case, trailing punctuation ignored), if any. */
export function smsKeyword(body: string): SmsKeyword | undefined {
  const word = body.normalize('NFC').trim().replace(/[.!?]+$/u, '').trim().toLocaleUpperCase('fr');
  const language = LANGUAGE_OF[word];
  if (STOP_WORDS.includes(word)) return { kind: 'stop', language };
  if (START_WORDS.includes(word)) return { kind: 'start', language };
  if (HELP_WORDS.includes(word)) return { kind: 'help', language };
  return undefined;
}

/** Number words the choice prompts do not know, as the digit they mean ("een" → "1"). */
const NUMBER_WORDS: Record<string, string> = {};
[
  ['een', 'één', 'eén', 'un', 'une', 'one', 'eerste', 'premier', 'première', 'first'],
  ['twee', 'deux', 'two', 'tweede', 'deuxième', 'second'],
  ['drie', 'trois', 'three', 'derde', 'troisième', 'third'],
  ['vier', 'quatre', 'four'],
  ['vijf', 'cinq', 'five'],
  ['zes', 'six'],
  ['zeven', 'sept', 'seven'],
  ['acht', 'huit', 'eight'],
  ['negen', 'neuf', 'nine'],
  ['tien', 'dix', 'ten'],
].forEach((words, index) => words.forEach((word) => (NUMBER_WORDS[word] = String(index + 1))));

/**
 * Normalises an SMS answer to a choice for the prompts: a lone number word ("een", "un", "one")
 * becomes its digit; "1." or "(1)" becomes "1". Everything else is left as typed (titles,
 * synonyms, keycap emoji and yes/no words are recognised by the prompts themselves).
 */
export function normalizeSmsChoice(body: string): string {
  const trimmed = body.normalize('NFC').trim();
  const word = trimmed.toLocaleLowerCase('fr').replace(/[.!?)]+$/u, '').replace(/^\(/, '');
  if (NUMBER_WORDS[word]) return NUMBER_WORDS[word];
  if (/^\d{1,2}$/.test(word)) return word;
  return trimmed;
}
