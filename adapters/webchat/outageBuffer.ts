import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Activity } from 'botbuilder';
import { describeError, logger } from '../../kernel/logger';
import type { InboundMessage, TurnRunner } from '../../turns/turnRunner';
import { BOT_ACCOUNT } from '../../turns/botAccount';

/** Retry interval for messages that could not be stored. */
const RETRY_MS = 2000;
/** Messages kept in memory at most while the database is down, in all and per conversation. */
export const OUTAGE_LIMITS = { total: 5_000, perConversation: 20 };

/**
 * What web chat does while the database is down: a message that cannot be stored is kept in
 * memory and stored as soon as the database answers again (then answered as usual), and the
 * person gets an apology at once instead of silence. Apologies are handed out once, with the
 * next read of the conversation (a poll, or its WebSocket stream, woken by the `notice` event).
 */
export class OutageBuffer extends EventEmitter<{ notice: [channelConversationId: string] }> {
  private readonly pending: InboundMessage[] = [];
  private readonly notices = new Map<string, Partial<Activity>[]>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly runner: Pick<TurnRunner, 'receive'>,
    private readonly apology: (locale: string | undefined) => string,
  ) {
    super();
  }

  /**
   * Keeps a message that could not be stored, and apologises; returns a provisional id, or
   * undefined when the buffer is full (in all, or for this conversation): memory stays bounded and
   * the client is told to send again later.
   */
  keep(inbound: InboundMessage): string | undefined {
    const ofConversation = this.pending.filter((kept) => kept.channelConversationId === inbound.channelConversationId).length;
    if (this.pending.length >= OUTAGE_LIMITS.total || ofConversation >= OUTAGE_LIMITS.perConversation) return undefined;
    this.pending.push(inbound);
    this.apologise(inbound.channelConversationId, inbound.activity.locale);
    this.timer ??= setInterval(() => void this.retry(), RETRY_MS);
    this.timer.unref();
    return randomUUID();
  }

  /** Queues an apology for the conversation (one at a time: a second would only repeat it). */
  apologise(channelConversationId: string, locale: string | undefined): void {
    if (this.notices.has(channelConversationId)) return;
    this.notices.set(channelConversationId, [{
      type: 'message',
      id: `notice-${randomUUID()}`,
      timestamp: new Date(),
      from: { ...BOT_ACCOUNT },
      text: this.apology(locale),
    }]);
    this.emit('notice', channelConversationId);
  }

  /** The conversation's pending apologies; each is handed out once. */
  take(channelConversationId: string): Partial<Activity>[] {
    const notices = this.notices.get(channelConversationId) ?? [];
    this.notices.delete(channelConversationId);
    return notices;
  }

  /** Stops retrying (shutdown). Messages still pending are lost with the process. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.pending.length) logger.warn({ pending: this.pending.length }, 'web chat messages not stored at shutdown');
  }

  private async retry(): Promise<void> {
    while (this.pending.length) {
      try {
        await this.runner.receive(this.pending[0]);
        this.pending.shift();
      } catch (error) {
        logger.warn({ pending: this.pending.length, err: describeError(error) }, 'database still unavailable; web chat messages kept');
        return;
      }
    }
    this.stop();
  }
}
