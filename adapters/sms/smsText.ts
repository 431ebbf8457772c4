import type { Activity } from 'botbuilder';
import { renderNumberedChoices } from '../shared/numberedChoices';
import { isGsm7Char } from './gsm7';

/**
 * Letters and signs outside GSM-7 that French (and a few names) use, as the nearest GSM-7
 * spelling. One of them makes the whole SMS UCS-2: 70 characters a segment instead of 160, so a
 * short French answer would cost two to four SMS. é è à ù ì ò ä ö ü É Ç are GSM-7 and stay.
 */
const PLAIN: Readonly<Record<string, string>> = {
  ç: 'c', â: 'a', ê: 'e', ë: 'e', î: 'i', ï: 'i', ô: 'o', û: 'u', ÿ: 'y', á: 'a', í: 'i', ó: 'o', ú: 'u', œ: 'oe',
  À: 'A', Â: 'A', È: 'E', Ê: 'E', Ë: 'E', Î: 'I', Ï: 'I', Ô: 'O', Û: 'U', Ù: 'U', Œ: 'OE',
  '«': '"', '»': '"', '“': '"', '”': '"', '„': '"', '‘': "'", '’': "'", '‚': "'",
  '–': '-', '—': '-', '‑': '-', '…': '...', '°': 'o', '\u00a0': ' ', '\u202f': ' ', '\u2009': ' ',
};

/**
 * Emoji and what binds them (variation selectors, zero-width joiner, keycap, skin tones, flags):
 * an emoji alone makes an SMS UCS-2. "1️⃣" keeps its digit.
 */
const EMOJI = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}\uFE0E\uFE0F\u200D\u20E3]/gu;

/** French quotes with their inner spaces (« menu ») as plain quotes ("menu"). */
const FRENCH_QUOTES = /«[\s\u00a0\u202f]*([^»]*?)[\s\u00a0\u202f]*»/gu;

/**
 * One character as GSM-7 when it has a plain spelling: the table above, else the letter without
 * its accent when that is GSM-7; anything else (another script) is kept, and the SMS is UCS-2.
 */
function plainChar(char: string): string {
  if (isGsm7Char(char)) return char;
  const mapped = PLAIN[char];
  if (mapped !== undefined) return mapped;
  const bare = char.normalize('NFD').replace(/\p{M}/gu, '');
  return bare.length > 0 && [...bare].every(isGsm7Char) ? bare : char;
}

/**
 * The text of an SMS in GSM-7 wherever a plain spelling exists: emoji dropped, French quotes,
 * apostrophes and dashes as their ASCII forms, accented letters outside GSM-7 without their accent
 * (Français → Francais, à bientôt → à bientot), spaces left by a dropped emoji tidied. Only the SMS
 * channel does this: the texts keep their proper spelling on web chat and WhatsApp.
 */
export function toGsm7Text(text: string): string {
  const withoutEmoji = text.replace(EMOJI, '');
  const quoted = withoutEmoji.replace(FRENCH_QUOTES, '"$1"');
  const plain = [...quoted].map(plainChar).join('');
  if (plain === text) return text;
  return plain
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * The text of an activity on SMS: with its choices as numbered lines, except choices the dialogs
 * mark as quiet (`channelData.digibank.quietChoices`: the menu again after an answer, whose text
 * says how to get it): every line of an SMS costs the person money.
 */
export function smsBody(activity: Partial<Activity>): string {
  const quiet = (activity.channelData as { digibank?: { quietChoices?: boolean } } | undefined)?.digibank?.quietChoices === true;
  return quiet ? (activity.text ?? '') : renderNumberedChoices(activity);
}
