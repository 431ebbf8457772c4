import { createInterface, Interface } from 'node:readline';
import type { Activity } from 'botbuilder';
import type { TurnRunner } from '../../turns/turnRunner';
import type { TranscriptService } from '../../services/transcriptService';
import { choiceForNumber, choiceMessage, OfferedChoice, offeredChoices, renderNumberedChoices } from '../shared/numberedChoices';

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
 * other channel; replies are printed with their choices as numbered lines. A line that is the
 * number of a choice just printed is that choice, as a tap on web chat or WhatsApp is: its title
 * as text and its id as `value.choice`.
 */
export class TerminalChannel {
  private lines?: Interface;
  private printedUpTo = 0n;
  private conversationId?: string;
  /** The choices of the last reply printed (none when it offered none). */
  private choices: OfferedChoice[] = [];
  private printing: Promise<void> = Promise.resolve();

  constructor(private readonly deps: TerminalChannelDeps) {
    deps.runner.onOutbound((channel, conversationId) => {
      if (channel === TERMINAL_CHANNEL && conversationId === this.conversationId) void this.printReplies();
    });
  }

  /** Starts the conversation (the assistant greets) and reads lines until the input ends. */
  async start(): Promise<void> {
    await this.send({ type: 'conversationUpdate', membersAdded: [{ id: this.deps.userId, name: '' }] }, 'start');
    this.lines = createInterface({ input: this.deps.input, terminal: false });
    for await (const line of this.lines) await this.send(await this.inbound(line));
    await this.deps.runner.idle();
    await this.printReplies();
  }

  /**
   * A typed line as an activity: the choice its number selects among the choices just printed,
   * else the text. Waits for the previous turn's replies first, so that a number always refers to
   * what the person saw (also when lines are piped in).
   */
  private async inbound(line: string): Promise<Partial<Activity>> {
    await this.deps.runner.idle();
    await this.printReplies();
    const choice = choiceForNumber(this.choices, line);
    return choice ? choiceMessage(choice) : { type: 'message', text: line };
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

  /** Prints the replies not printed yet (one print at a time, so that none is printed twice). */
  private printReplies(): Promise<void> {
    const run = this.printing.then(() => this.printNew());
    this.printing = run.catch(() => undefined);
    return run;
  }

  private async printNew(): Promise<void> {
    if (!this.conversationId) return;
    const entries = await this.deps.transcripts.messagesAfter(this.conversationId, this.printedUpTo);
    for (const entry of entries) {
      this.printedUpTo = entry.seq;
      if (entry.direction !== 'out') continue;
      const activity = entry.activity as Partial<Activity>;
      this.choices = offeredChoices(activity);
      this.deps.output.write(`\n${renderNumberedChoices(activity)}\n> `);
    }
  }
}
