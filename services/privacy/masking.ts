/**
 * Masks personal data in a message text before a volunteer sees it in the console: Belgian national
 * register numbers, IBANs, payment card numbers (Luhn), codes and passwords written after a word such
 * as "code", "pin", "wachtwoord" or "mot de passe", e-mail addresses and phone numbers (also a Belgian
 * number written with its country code but without `+`, as WhatsApp shows it: 32470123456). Masked
 * characters become `•`; IBANs, cards and phone numbers keep their last digits, an e-mail address its
 * first letter and its domain, so that a volunteer can refer to them.
 * Numbers that only look alike (dates, postcodes, amounts, booking references) are left alone.
 */
export const MASK = '•';

/** One kind of personal data: a pattern and how a match is masked (`undefined` = keep it). */
interface MaskRule {
  kind: 'code' | 'iban' | 'national_number' | 'card' | 'phone' | 'email';
  pattern: RegExp;
  mask(match: string, ...groups: string[]): string | undefined;
}

const CODE_WORDS = [
  'code', 'codes', 'pincode', 'pin', 'puk', 'otp', 'cvc', 'cvv', 'wachtwoord', 'paswoord', 'password', 'passwd', 'passcode',
  'mot de passe', 'mdp', 'code secret', 'code pin', 'geheime code', 'toegangscode', 'verificatiecode', 'activatiecode',
];
const CODE_WORD = CODE_WORDS.sort((a, b) => b.length - a.length).map((word) => word.replace(/ /g, '\\s+')).join('|');
/** `mijn pincode is 1234`, `PIN: 0000`, `mot de passe = Soleil42!`, `code 483920`. */
const CODE_PATTERN = new RegExp(`(\\b(?:${CODE_WORD})\\b(?:\\s*(?:is|est|was|:|=|-)\\s*|\\s+))(?!(?:is|est|was)\\b)([^\\s,;]{3,64})`, 'giu');

const IBAN_PATTERN = /\b([A-Z]{2}\d{2})((?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?)\b/gi;
/** 85.07.30-033.28, 850730-033-28, 850730 033 28, 85073003328. */
const NATIONAL_NUMBER_PATTERN = /(?<![\d.])(\d{2})[.\s]?(\d{2})[.\s]?(\d{2})[-.\s]?(\d{3})[-.\s]?(\d{2})(?![\d.]*\d)/g;
const CARD_PATTERN = /(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)/g;
/** International (+32 470 12 34 56, 0032…) or Belgian national (0470/12.34.56, 02 123 45 67). */
const PHONE_PATTERN = /(?<![\w+.])(?:(?:\+|00)\d{2,3}[\s./-]?(?:\(0\)\s?)?\d(?:[\s./-]?\d){6,11}|0\d(?:[\s./-]?\d){7,8}|32\d{8,9})(?![\w])/g;
/** name@example.be: the local part is masked but for its first character. */
const EMAIL_PATTERN = /(?<![\w.+-])([\p{L}\d])([\p{L}\d._%+-]*)(@[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.\p{L}{2,})/gu;

const RULES: MaskRule[] = [
  { kind: 'code', pattern: CODE_PATTERN, mask: maskCode },
  { kind: 'email', pattern: EMAIL_PATTERN, mask: (_match, first, rest, domain) => `${first}${MASK.repeat(Math.max(3, [...rest].length))}${domain}` },
  { kind: 'iban', pattern: IBAN_PATTERN, mask: maskIban },
  { kind: 'national_number', pattern: NATIONAL_NUMBER_PATTERN, mask: (match) => (validNationalNumber(digits(match)) ? keepLast(match, 0) : undefined) },
  { kind: 'card', pattern: CARD_PATTERN, mask: (match) => (luhn(digits(match)) ? keepLast(match, 4) : undefined) },
  { kind: 'phone', pattern: PHONE_PATTERN, mask: (match) => keepLast(match, 2) },
];

/** The text with every piece of personal data masked; `null`/`undefined` stay as they are. */
export function maskPersonalData<T extends string | null | undefined>(text: T): T {
  return maskWith(text, RULES);
}

function maskWith<T extends string | null | undefined>(text: T, rules: readonly MaskRule[]): T {
  if (!text) return text;
  let result: string = text;
  for (const rule of rules) {
    result = result.replace(rule.pattern, (match: string, ...groups: unknown[]) => rule.mask(match, ...groups.filter((g): g is string => typeof g === 'string')) ?? match);
  }
  return result as T;
}

/** What is never stored as written: national register numbers, IBANs and payment card numbers (volunteers never need them). */
const AT_REST_RULES: readonly MaskRule[] = RULES.filter((rule) => ['iban', 'national_number', 'card'].includes(rule.kind));

/**
 * The text as it may be stored: national register numbers, IBANs and card numbers masked (their
 * checksums must hold, so dates, amounts and references stay); phone numbers, e-mail addresses and
 * codes stay for the volunteer's eyes, masked only when shown ({@link maskPersonalData}).
 */
export function maskAtRest<T extends string | null | undefined>(text: T): T {
  return maskWith(text, AT_REST_RULES);
}

/** After a bare code word (no `:`, `=`, "is") only a token with a digit counts: "een pin nodig" is no code. */
function maskCode(_match: string, lead: string, secret: string): string | undefined {
  const explicit = /[:=-]|\b(?:is|est|was)\s*$/iu.test(lead);
  if (!explicit && !/\d/.test(secret)) return undefined;
  return `${lead}${MASK.repeat(Math.max(4, [...secret].length))}`;
}

/** The longest valid IBAN at the start of the match (a following word may have been taken as a group). */
function maskIban(match: string): string | undefined {
  for (let end = match.length; end >= 15; end--) {
    if (end < match.length && match[end] !== ' ') continue;
    const candidate = match.slice(0, end);
    if (validIban(candidate)) return keepLast(candidate, 2, 2) + match.slice(end);
  }
  return undefined;
}

/** Replaces every letter and digit by the mask except the first `keepFirst` and the last `keepLast` ones; separators stay. */
function keepLast(text: string, keep: number, keepFirst = 0): string {
  const total = (text.match(/[A-Za-z0-9]/g) ?? []).length;
  let index = 0;
  return text.replace(/[A-Za-z0-9]/g, (char) => {
    index += 1;
    return index <= keepFirst || index > total - keep ? char : MASK;
  });
}

function digits(text: string): string {
  return text.replace(/\D/g, '');
}

/** ISO 13616: move the first four characters to the end, letters to numbers, mod 97 = 1. */
export function validIban(text: string): boolean {
  const iban = text.replace(/\s/g, '').toUpperCase();
  if (iban.length < 15 || iban.length > 34) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** Belgian national register number: 97 − (first nine digits mod 97), with a leading 2 for births from 2000. */
export function validNationalNumber(number: string): boolean {
  if (!/^\d{11}$/.test(number)) return false;
  const check = Number(number.slice(9));
  const base = number.slice(0, 9);
  return 97 - (Number(base) % 97) === check || 97 - (Number(`2${base}`) % 97) === check;
}

/** The Luhn checksum of payment card numbers. */
export function luhn(number: string): boolean {
  if (!/^\d{13,19}$/.test(number)) return false;
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let digit = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
