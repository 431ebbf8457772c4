/**
 * What a person gives on an anonymous channel (web chat) to prove that an appointment or a loan
 * request is theirs, with its reference code: the postcode of its place (the helpdesk's, shown in
 * the confirmation's address, or the home visit's), or the phone number it was made from on
 * WhatsApp or SMS.
 */
export interface OwnershipProof {
  /** A four-digit Belgian postcode. */
  readonly postcode?: string;
  /** A phone number as typed ("0470 12 34 56", "+32 470 12 34 56"). */
  readonly phone?: string;
}

/** What a proof is checked against. */
export interface OwnershipFacts {
  /** Postcodes that count (null entries are ignored). */
  readonly postcodes: readonly (string | null | undefined)[];
  /** The channel and sender id of the person who made it (a phone number on WhatsApp and SMS). */
  readonly channel: string;
  readonly channelUserId: string;
}

/** Channels whose sender id is the person's phone number. */
const PHONE_CHANNELS = ['whatsapp', 'sms'];

/**
 * A phone number as international digits: "+32 470 12 34 56", "0032470123456", "0470/12.34.56" and
 * WhatsApp's "32470123456" all give "32470123456" (a national number starting with one 0 is Belgian).
 * Undefined when it does not look like a phone number (fewer than 9 or more than 15 digits, letters).
 */
export function phoneDigits(typed: string): string | undefined {
  const compact = typed.trim().replace(/[\s./()-]/g, '');
  if (!/^\+?\d{9,17}$/.test(compact)) return undefined;
  const digits = compact.startsWith('+') ? compact.slice(1) : compact.startsWith('00') ? compact.slice(2) : compact.startsWith('0') ? `32${compact.slice(1)}` : compact;
  return digits.length >= 9 && digits.length <= 15 ? digits : undefined;
}

/** True when the proof names one of the postcodes, or the phone number the person wrote from. */
export function proofHolds(proof: OwnershipProof, facts: OwnershipFacts): boolean {
  if (proof.postcode && facts.postcodes.some((postcode) => postcode === proof.postcode)) return true;
  if (!proof.phone || !PHONE_CHANNELS.includes(facts.channel)) return false;
  const given = phoneDigits(proof.phone);
  return !!given && given === phoneDigits(facts.channelUserId);
}
