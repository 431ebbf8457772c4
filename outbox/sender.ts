import type { Activity } from 'botbuilder';

/*
 * The contract between the outbox and a channel's sender: the row a sender sees, the parts it
 * prepares, and the error kinds that tell the outbox what to do next (retry, hold, defer, give up).
 */

/** One outbound message row as a channel {@link Sender} sees it. */
export interface OutboundMessage {
  id: string;
  seq: bigint;
  conversationId: string;
  channel: string;
  activity: Partial<Activity>;
  text: string | null;
  attempts: number;
  /** Parts of this row the provider already accepted (a retry continues after them). */
  partsSent: number;
  createdAt: Date;
  /** The person's channel user id (a phone number on WhatsApp and SMS). Never log it. */
  recipientId: string;
  personId: string | null;
  /** The message's language (the turn stamps it on every reply), else the saved one of the conversation or person. */
  language: string | null;
  /** The person's last inbound message on this conversation (WhatsApp's 24-hour window). */
  lastInboundAt: Date | null;
  optedOutAt: Date | null;
}

/** The wire messages of one row, prepared by a channel (a long text becomes several parts). */
export interface PreparedMessage<Part = unknown> {
  parts: Part[];
  /** SMS: segments over all parts and the encoding, stored on the row. */
  sms?: { segments: number; encoding: string };
  /** WhatsApp: the message goes out as a paid template (outside the 24-hour window). */
  template?: boolean;
}

/** A channel that delivers outbound rows to its provider. */
export interface Sender<Part = unknown> {
  readonly channel: string;
  /**
   * Renders the row into wire parts and checks that it may be sent now.
   * @throws HoldError (keep it visible, do not send), DeferError (try later), PermanentError.
   */
  prepare(message: OutboundMessage): Promise<PreparedMessage<Part>>;
  /**
   * Sends one part.
   * @throws RetryableError (5xx, 429, network) or PermanentError (4xx with the provider's code).
   */
  send(message: OutboundMessage, part: Part, index: number): Promise<{ providerMessageId: string }>;
}

/**
 * Which part of which outbound row a provider message is. Senders hand it to the provider (WhatsApp
 * `biz_opaque_callback_data`, Twilio's `StatusCallback` query) so that the provider's status
 * callback proves a send whose acceptance was never recorded (the process died in between).
 */
export interface SentPart {
  messageId: string;
  part: number;
}

/**
 * A failure worth retrying with backoff: 5xx, 429, a network error or a timeout. `inDoubt`: the
 * request may have reached the provider (a timeout or a reset after it was sent), so the retry
 * waits at least the doubt grace period for a status callback that proves it.
 */
export class RetryableError extends Error {
  constructor(message: string, readonly code: string, readonly retryAfterMs?: number, readonly inDoubt = false) {
    super(message);
    this.name = 'RetryableError';
  }
}

/** A failure that retrying will not fix: a 4xx with the provider's error code. */
export class PermanentError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
    this.name = 'PermanentError';
  }
}

/** Not to be sent now: try again at `until` (a daily cap, a rate limit); no attempt is counted. */
export class DeferError extends Error {
  constructor(readonly reason: string, readonly until: Date) {
    super(reason);
    this.name = 'DeferError';
  }
}

/**
 * Not to be sent; keep the row with this status, visible (`awaiting_window`: outside WhatsApp's
 * 24-hour window without a template; `suppressed`: the person opted out).
 */
export class HoldError extends Error {
  constructor(readonly status: 'awaiting_window' | 'suppressed', readonly reason: string) {
    super(reason);
    this.name = 'HoldError';
  }
}
