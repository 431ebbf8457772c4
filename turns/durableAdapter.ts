import { randomUUID } from 'node:crypto';
import {
  Activity,
  ActivityTypes,
  BotAdapter,
  ConversationReference,
  ResourceResponse,
  TurnContext,
} from 'botbuilder';
import { currentUnitOfWork } from './unitOfWork';

/**
 * The adapter of every channel whose wire this server owns (web chat over Direct Line, WhatsApp,
 * SMS, the terminal). A turn's replies are not sent at once: they join the turn's outbox (the
 * current {@link UnitOfWork}) and are stored with the turn's state in one transaction; the
 * channel adapters deliver them from there. Knows nothing of any wire format.
 */
export class DurableAdapter extends BotAdapter {
  /** Runs the middleware and `logic` for one inbound activity. Needs a current unit of work. */
  async processActivity(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const context = new TurnContext(this, activity);
    await this.runMiddleware(context, logic);
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const unit = currentUnitOfWork();
    if (!unit) throw new Error('DurableAdapter.sendActivities called outside a turn');
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === "delay" || activity.type === ActivityTypes.Trace) continue;
      const id = randomUUID();
      unit.outbound.push({ ...activity, id, timestamp: new Date() });
      responses.push({ id });
    }
    return responses;
  }

  updateActivity(): Promise<void> {
    return Promise.reject(new Error('Messages cannot be edited on these channels.'));
  }

  deleteActivity(): Promise<void> {
    return Promise.reject(new Error('Messages cannot be deleted on these channels.'));
  }

  /** Runs `logic` as a proactive turn of the referenced conversation (a continuation event). */
  async continueConversation(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continueConversation' }, reference, true);
    await this.processActivity(activity, logic);
  }
}
