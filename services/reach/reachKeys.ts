import { createHmac } from 'node:crypto';

/** Channels whose user id is a phone number: the same number on both is one person. */
const PHONE_CHANNELS = new Set(['whatsapp', 'sms']);

/**
 * The digits of a phone number as the providers give it (WhatsApp `32470…`, Twilio `+32470…`, a
 * dialled `0032470…`), so that one number is one person on every phone channel.
 */
export function phoneDigits(value: string): string {
  return value.replace(/\D/g, '').replace(/^00/, '');
}

/**
 * Keyed hashes (HMAC-SHA-256 with REACH_HASH_KEY, 128 bits kept) that the reach report counts people
 * and conversations by, so that counting never needs, nor keeps, a phone number. Without the key the
 * hashes cannot be linked back to a number by trying all of them.
 */
export class ReachKeys {
  constructor(private readonly secret: string) {
    if (secret.length < 16) throw new Error('the reach hash key needs at least 16 characters');
  }

  /** The person behind a channel's user id: a phone channel's number, else the channel's own id (a web chat browser). */
  person(channel: string, channelUserId: string): string {
    return PHONE_CHANNELS.has(channel) ? this.hash(`phone:${phoneDigits(channelUserId)}`) : this.hash(`${channel}:${channelUserId}`);
  }

  /** A conversation (its database id). */
  conversation(conversationId: string): string {
    return this.hash(`conversation:${conversationId}`);
  }

  private hash(value: string): string {
    return createHmac('sha256', this.secret).update(value).digest('hex').slice(0, 32);
  }
}
