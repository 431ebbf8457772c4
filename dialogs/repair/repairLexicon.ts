import type { Translator } from '../../i18n/translator';
import { REPAIR_PROBLEMS, RepairDeviceKind, RepairProblem } from '../../services/repair/repairKinds';
import { fold } from '../answers';
import { wordsInAllLanguages } from '../prompts';

/** Device kinds that have words (`repair.words.devices.<kind>`); "other" is never guessed. */
const WORDED_DEVICES: readonly RepairDeviceKind[] = ['laptop', 'tablet', 'smartphone', 'printer', 'desktop'];

/** What a message already says about the broken device. */
export interface RepairMention {
  deviceKind?: RepairDeviceKind;
  problem?: RepairProblem;
}

/**
 * The repair words of the locales (`repair.words.devices.*`, `repair.words.problems.*`, every
 * language: people mix them): "mijn laptop start niet meer" says the device and the problem, so
 * those questions are skipped. Whole words or phrases only, accents and case ignored; the longest
 * phrase wins ("ordinateur portable" is a laptop, "ordinateur" alone a desktop), and a device word
 * earlier in the list wins a tie (a laptop is a "computer" too).
 */
export class RepairLexicon {
  private readonly devices: readonly [RepairDeviceKind, readonly string[]][];
  private readonly problems: readonly [RepairProblem, readonly string[]][];

  constructor(i18n: Translator) {
    const folded = (key: string) => [...new Set(wordsInAllLanguages(i18n, key).map(RepairLexicon.fold))].filter((word) => word !== '');
    this.devices = WORDED_DEVICES.map((kind) => [kind, folded(`repair.words.devices.${kind}`)]);
    this.problems = REPAIR_PROBLEMS.map((problem) => [problem, folded(`repair.words.problems.${problem}`)]);
  }

  /** The device kind and problem a message names, where it names them. */
  read(text: unknown): RepairMention {
    const typed = ` ${RepairLexicon.fold(text)} `;
    if (typed.trim() === '') return {};
    return { deviceKind: RepairLexicon.best(typed, this.devices), problem: RepairLexicon.best(typed, this.problems) };
  }

  /** {@link fold}, with apostrophes as spaces: "l'écran" holds the word "ecran". */
  static fold(text: unknown): string {
    return fold(text).replace(/'/g, ' ').replace(/\s+/g, ' ').trim();
  }

  private static best<T extends string>(typed: string, table: readonly [T, readonly string[]][]): T | undefined {
    let found: { kind: T; length: number } | undefined;
    for (const [kind, words] of table) {
      for (const word of words) {
        if (word.length > (found?.length ?? 0) && typed.includes(` ${word} `)) found = { kind, length: word.length };
      }
    }
    return found?.kind;
  }
}
