import { randomInt } from 'node:crypto';

/** Digits and capitals without the look-alikes 0/O and 1/I: 32 characters. */
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const DATA_LENGTH = 5;
const CHECK_MODULUS = 31;

/**
 * Booking reference codes: six characters, shown as "K7M-4QX", easy to read aloud and to type on
 * a phone (no 0/O/1/I). Five random characters and one check character (weighted sum modulo 31),
 * so that a single typo or a swap of two neighbouring data characters is recognised as a wrong
 * code instead of finding another booking — except between "2" and "Z" (equal modulo 31). 32⁵ ≈ 33.5 million codes; the database keeps
 * them unique and the booking service retries on a collision.
 */
export class ReferenceCode {
  static readonly alphabet = ALPHABET;

  /** A new random code (unformatted, e.g. "K7M4QX"). */
  static generate(random: (max: number) => number = randomInt): string {
    let data = '';
    for (let i = 0; i < DATA_LENGTH; i += 1) data += ALPHABET[random(ALPHABET.length)];
    return data + ReferenceCode.checkCharacter(data);
  }

  /** True when the (unformatted, upper-case) code is well formed and its check character fits. */
  static isValid(code: string): boolean {
    if (code.length !== DATA_LENGTH + 1 || [...code].some((c) => !ALPHABET.includes(c))) return false;
    return ReferenceCode.checkCharacter(code.slice(0, DATA_LENGTH)) === code[DATA_LENGTH];
  }

  /**
   * The code someone typed or dictated ("k7m 4qx", "K7M-4QX"), unformatted, or undefined when it
   * is not a valid code. A typed 0 or 1 is not guessed at: codes never contain them.
   */
  static normalize(input: string): string | undefined {
    const code = input.toUpperCase().replace(/[\s\-_.]/g, '');
    return ReferenceCode.isValid(code) ? code : undefined;
  }

  /** "K7M4QX" → "K7M-4QX", for display and reading aloud. */
  static format(code: string): string {
    return `${code.slice(0, 3)}-${code.slice(3)}`;
  }

  private static checkCharacter(data: string): string {
    let sum = 0;
    for (let i = 0; i < data.length; i += 1) sum += (i + 1) * ALPHABET.indexOf(data[i]);
    return ALPHABET[sum % CHECK_MODULUS];
  }
}
