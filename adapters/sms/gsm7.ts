import { SMS_LIMITS } from '../channelLimits';

/**
 * GSM 03.38 (GSM-7) default alphabet and its extension table. A character of the extension table
 * costs two septets (ESC + char). Anything else forces the whole SMS to UCS-2.
 */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const EXTENSION = '\f^{}\\[~]|€';

const basicSet = new Set(BASIC.replace('\u001b', ''));
const extensionSet = new Set(EXTENSION);

/** The encoding an SMS text needs. */
export type SmsEncoding = 'GSM-7' | 'UCS-2';

/** Encoding, size and segment count of one SMS text. */
export interface SmsSegmentInfo {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
  /** Characters that forced UCS-2 (deduplicated, in order of appearance). */
  nonGsmCharacters: string[];
}

/** True when the character is in the GSM-7 basic set or the extension table. */
export function isGsm7Char(char: string): boolean {
  return basicSet.has(char) || extensionSet.has(char);
}

/** True when the whole text can be sent as GSM-7. */
export function isGsm7(text: string): boolean {
  for (const char of text) if (!isGsm7Char(char)) return false;
  return true;
}

/** Septets the text takes in GSM-7 (extension characters count twice); assumes {@link isGsm7}. */
export function gsm7Length(text: string): number {
  let septets = 0;
  for (const char of text) septets += extensionSet.has(char) ? 2 : 1;
  return septets;
}

/**
 * Encoding and segment count as the network bills them: GSM-7 160 septets in one segment, else
 * 153 per segment (an escape pair is never split across segments); UCS-2 70 code units, else 67
 * (a surrogate pair is never split).
 */
export function smsSegments(text: string): SmsSegmentInfo {
  const nonGsm = [...new Set([...text].filter((char) => !isGsm7Char(char)))];
  if (nonGsm.length === 0) {
    const units = gsm7Length(text);
    if (units <= SMS_LIMITS.gsm7Single) return { encoding: 'GSM-7', units, segments: 1, nonGsmCharacters: [] };
    let segments = 1;
    let used = 0;
    for (const char of text) {
      const cost = extensionSet.has(char) ? 2 : 1;
      if (used + cost > SMS_LIMITS.gsm7Segment) {
        segments += 1;
        used = 0;
      }
      used += cost;
    }
    return { encoding: 'GSM-7', units, segments, nonGsmCharacters: [] };
  }
  const units = text.length;
  if (units <= SMS_LIMITS.ucs2Single) return { encoding: 'UCS-2', units, segments: 1, nonGsmCharacters: nonGsm };
  let segments = 1;
  let used = 0;
  for (const char of text) {
    const cost = char.length; // 2 for a surrogate pair
    if (used + cost > SMS_LIMITS.ucs2Segment) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return { encoding: 'UCS-2', units, segments, nonGsmCharacters: nonGsm };
}

/**
 * Where a long SMS may be cut, best first: between paragraphs, between lines, after a sentence,
 * after a clause, between words. `after`: the cut falls after the match (the punctuation stays
 * with its sentence); otherwise at the match (the whitespace is dropped).
 */
const BREAKS: readonly { pattern: RegExp; after: boolean }[] = [
  { pattern: /\n\s*\n/gu, after: false },
  { pattern: /\n/gu, after: false },
  { pattern: /[.!?](?=\s)/gu, after: true },
  { pattern: /[:;,](?=\s)/gu, after: true },
  { pattern: / /gu, after: false },
];

/**
 * The index at which `head` (the longest prefix that fits) is best cut: the last break of the best
 * kind found in its latter two thirds, so that a part is never cut mid-phrase when a sentence ends
 * nearby; the whole head when it holds no break at all (one very long word).
 */
export function cutPoint(head: string): number {
  for (const { pattern, after } of BREAKS) {
    let cut = -1;
    for (const match of head.matchAll(pattern)) cut = (match.index ?? 0) + (after ? match[0].length : 0);
    if (cut > head.length / 3) return cut;
  }
  return head.length;
}

/** The longest prefix of `chars` (as a string) that fits in `maxSegments` segments. */
function longestFitting(chars: string[], maxSegments: number): string {
  let lo = 1;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (smsSegments(chars.slice(0, mid).join('')).segments <= maxSegments) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join('');
}

/**
 * Splits a text into SMS messages of at most `maxSegments` segments each, at paragraph, line or
 * sentence boundaries where possible (a word boundary only when a sentence is longer than a
 * message), so that no message is cut in the middle of a phrase.
 */
export function splitSms(text: string, maxSegments: number = SMS_LIMITS.maxSegmentsPerMessage): string[] {
  if (smsSegments(text).segments <= maxSegments) return [text];
  const parts: string[] = [];
  let rest = text;
  while (rest.length > 0 && smsSegments(rest).segments > maxSegments) {
    const head = longestFitting([...rest], maxSegments);
    const cut = cutPoint(head);
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0) parts.push(rest);
  return parts;
}
