import type { PrismaClient } from '../../../db/database';
import { baseLanguage, LANGUAGES, loadResources, type Language } from '../../../i18n/translator';
import { Triage } from '../../../triage/triage';

/** Words the language check ignores: names of services, brands and codes that appear in every language. */
const SERVICE_NAMES = [
  'itsme', 'it\'s me', 'tax-on-web', 'myminfin', 'mijn burgerprofiel', 'burgerprofiel', 'csam', 'myhealth', 'smartschool',
  'belfius', 'kbc', 'ing', 'argenta', 'bnp paribas fortis', 'doccle', 'ebox', 'digibank', 'digibanks', 'whatsapp', 'sms', 'eid', 'pin', 'demo',
  'facebook', 'google', 'gmail', 'outlook', 'android', 'iphone', 'ipad', 'windows', 'laptop', 'tablet', 'smartphone', 'wifi', '4g', 'ok',
];

/** Day and month names and abbreviations of nl, fr and en: a date is not evidence of a language. */
const DATE_WORDS = [
  'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag', 'ma', 'di', 'wo', 'do', 'vr', 'za', 'zo',
  'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche', 'lun', 'mar', 'mer', 'jeu', 'ven', 'sam', 'dim',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun',
  'januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december',
  'janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
  'january', 'february', 'march', 'may', 'june', 'july', 'august', 'october', 'jan', 'feb', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'okt', 'nov', 'dec', 'déc',
];

/** Fewest words (after removing names, dates and choice titles) a text needs to be judged. */
export const MIN_WORDS_TO_JUDGE = 4;

/** A judged text whose language is not the person's. */
export interface LanguageMismatch {
  readonly text: string;
  readonly judged: string;
  readonly found: Language;
}

/** Judges the language of the assistant's texts with the project's own identifier (triage). */
export class LanguageJudge {
  private constructor(
    private readonly triage: Triage,
    private readonly names: readonly string[],
    private readonly localeLines: ReadonlyMap<string, ReadonlySet<Language>>,
  ) {}

  /** Loads the triage model (cached) and the place names of the seeded database. */
  static async load(prisma: PrismaClient): Promise<LanguageJudge> {
    const [triage, locations, digibanks, areas] = await Promise.all([
      Triage.load(),
      prisma.location.findMany({ select: { name: true, address: true, municipality: true, municipalityAliases: true, province: true } }),
      prisma.digibank.findMany({ select: { name: true } }),
      prisma.homeVisitArea.findMany({ select: { name: true, municipalities: true } }),
    ]);
    const names = [
      ...locations.flatMap((l) => [l.name, l.address, l.municipality, l.province, ...l.municipalityAliases]),
      ...digibanks.map((d) => d.name),
      ...areas.flatMap((a) => [a.name, ...a.municipalities]),
      ...SERVICE_NAMES,
    ].filter((n) => n.trim().length > 1).sort((a, b) => b.length - a.length);
    return new LanguageJudge(triage, names, localeLineIndex());
  }

  /** The text with choice titles, place and service names, dates, times, numbers and codes removed. */
  strip(text: string, choiceTitles: readonly string[] = []): string {
    let rest = ` ${text.normalize('NFC')} `;
    const phrases = [...choiceTitles, ...this.names].filter((p) => p.trim().length > 1).sort((a, b) => b.length - a.length);
    for (const phrase of phrases) {
      rest = rest.split(phrase).join(' ');
      rest = rest.replace(new RegExp(escapeRegExp(phrase), 'giu'), ' ');
    }
    rest = rest
      .replace(/https?:\/\/\S+/g, ' ')
      .replace(/\b[A-Z0-9]{2,4}-[A-Z0-9]{2,4}\b/g, ' ')
      .replace(/\d+([:.h/-]\d+)*/g, ' ')
      .replace(/[\p{Extended_Pictographic}\uFE0F\u20E3]/gu, ' ');
    const dateWords = new Set(DATE_WORDS);
    return rest
      .split(/\s+/)
      .filter((word) => !dateWords.has(word.toLocaleLowerCase('fr').replace(/[.,:;!?()]/g, '')))
      .join(' ')
      .trim();
  }

  /** The words of a text worth judging. */
  words(text: string): string[] {
    return text.split(/\s+/).filter((w) => /\p{L}{2,}/u.test(w));
  }

  /**
   * The paragraphs of an outgoing text (blank-line separated; the whole text when no paragraph is
   * long enough) that are long enough to judge and whose language is not the person's (nl-simple
   * counts as nl).
   */
  mismatches(text: string, language: Language, choiceTitles: readonly string[] = []): LanguageMismatch[] {
    const expected = baseLanguage(language);
    const paragraphs = text.split(/\n\s*\n/).map((p) => this.strip(p, choiceTitles));
    const judged = paragraphs.filter((p) => this.words(p).length >= MIN_WORDS_TO_JUDGE);
    const whole = this.strip(text, choiceTitles);
    const pieces = judged.length > 0 ? judged : this.words(whole).length >= MIN_WORDS_TO_JUDGE ? [whole] : [];
    return pieces
      .map((piece) => ({ text, judged: piece, found: this.triage.classify(piece).language as Language }))
      .filter((m) => m.found !== expected);
  }

  /**
   * Lines (or choice titles) that are, word for word, a locale text of another language and of no
   * language of the person's family: a key looked up in the wrong locale.
   */
  foreignLocaleLines(text: string, language: Language): string[] {
    const expected = baseLanguage(language);
    return text
      .split('\n')
      .map((line) => normalizeLine(line))
      .filter((line) => {
        const languages = this.localeLines.get(line);
        return languages !== undefined && ![...languages].some((l) => baseLanguage(l) === expected);
      });
  }
}

/**
 * Every locale text the assistant shows (each line of it without placeholders) → the languages
 * that have it. Left out: the language names (each in its own language on the language menu) and
 * the word lists the assistant recognises.
 */
function localeLineIndex(): Map<string, Set<Language>> {
  const resources = loadResources();
  const index = new Map<string, Set<Language>>();
  for (const language of LANGUAGES) {
    const visit = (value: unknown, path: string): void => {
      if (path.startsWith('language.choices') || path.startsWith('console.')) return;
      if (typeof value === 'string') {
        for (const line of value.split('\n').map(normalizeLine)) {
          if (line.length < 4 || line.includes('{{') || !/\p{L}{3,}/u.test(line)) continue;
          const set = index.get(line) ?? new Set<Language>();
          set.add(language);
          index.set(line, set);
        }
      } else if (value && typeof value === 'object' && !Array.isArray(value)) {
        // Arrays are words the assistant recognises (synonyms), not texts it shows.
        for (const [key, child] of Object.entries(value)) visit(child, path ? `${path}.${key}` : key);
      }
    };
    visit(resources[language], '');
  }
  return index;
}

function normalizeLine(line: string): string {
  return line.normalize('NFC').replace(/^\s*\d{1,2}[.)]\s+/, '').trim().toLocaleLowerCase('fr');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
