import { createInterface, Interface } from 'node:readline';
import type { Activity } from 'botbuilder';
import type { TurnRunner } from '../../bot/turnRunner';
import type { TranscriptService } from '../../services/transcriptService';
import { renderNumberedChoices } from '../shared/numberedChoices';

/** The channel id of terminal conversations. */
export const TERMINAL_CHANNEL = 'terminal';

/** Dependencies of the terminal channel. */
export interface TerminalChannelDeps {
  runner: TurnRunner;
  transcripts: TranscriptService;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Stable id of the person at this terminal, so the assistant remembers their language. */
  userId: string;
}

/**
 * Talk to the assistant in a terminal (`npm run chat`), like botbuilder's console-echo sample's
 * ConsoleAdapter: each line becomes an inbound message of the same durable pipeline as every
 * other channel; replies are printed with their choices as numbered lines.
 */
export class TerminalChannel {
  private lines?: Interface;
  private printedUpTo = 0n;
  private conversationId?: string;

  constructor(private readonly deps: TerminalChannelDeps) {
    deps.runner.onOutbound((channel, conversationId) => {
      if (channel === TERMINAL_CHANNEL && conversationId === this.conversationId) void this.printReplies();
    });
  }

  /** Starts the conversation (the assistant greets) and reads lines until the input ends. */
  async start(): Promise<void> {
    await this.send({ type: 'conversationUpdate', membersAdded: [{ id: this.deps.userId, name: '' }] }, 'start');
    this.lines = createInterface({ input: this.deps.input, terminal: false });
    for await (const line of this.lines) await this.send({ type: 'message', text: line });
    await this.deps.runner.idle();
    await this.printReplies();
  }

  private async send(activity: Partial<Activity>, suffix?: string): Promise<void> {
    const result = await this.deps.runner.receive({
      channel: TERMINAL_CHANNEL,
      channelConversationId: `terminal-${this.deps.userId}`,
      channelUserId: this.deps.userId,
      providerMessageId: suffix ? `terminal-${this.deps.userId}|${suffix}|${Date.now()}` : undefined,
      activity,
    });
    this.conversationId = result.conversationId;
  }

  private async printReplies(): Promise<void> {
    if (!this.conversationId) return;
    const entries = await this.deps.transcripts.messagesAfter(this.conversationId, this.printedUpTo);
    for (const entry of entries) {
      this.printedUpTo = entry.seq;
      if (entry.direction === 'out') this.deps.output.write(`\n${renderNumberedChoices(entry.activity as Partial<Activity>)}\n> `);
    }
  }
}
