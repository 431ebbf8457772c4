import { ActivityHandler, ConversationState, Storage, TurnContext } from 'botbuilder';

/**
 * A minimal bot for testing the turn pipeline itself (not the dialogs): it appends every message
 * to a list in conversation state — a read-modify-write that loses entries if two turns of one
 * conversation interleave — and replies with the list so far.
 */
export class CounterBot extends ActivityHandler {
  private readonly state: ConversationState;

  constructor(storage: Storage, private readonly turnDelayMs = 0) {
    super();
    this.state = new ConversationState(storage);
    const seen = this.state.createProperty<string[]>('seen');
    this.onMessage(async (context, next) => {
      const list = await seen.get(context, []);
      if (this.turnDelayMs) await new Promise((resolve) => setTimeout(resolve, this.turnDelayMs));
      list.push(context.activity.text ?? '');
      await seen.set(context, list);
      await context.sendActivity(`seen:${list.join(',')}`);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.state.saveChanges(context, false);
  }
}
