import { randomUUID } from 'node:crypto';
import { Activity, ActivityTypes, BotAdapter, ResourceResponse, TurnContext } from 'botbuilder';
import type { UnitOfWork } from './unitOfWork';

/** Where a turn's context keeps its unit of work. */
const UNIT_OF_WORK = Symbol('digibank.unitOfWork');

/**
 * The adapter of every channel whose wire this server owns (web chat over Direct Line, WhatsApp,
 * SMS, the terminal). A turn's replies are not sent at once: they join the turn's outbox (its
 * {@link UnitOfWork}) and are stored with the turn's state in one transaction; the channel
 * adapters deliver them from there. Knows nothing of any wire format.
 */
export class DurableAdapter extends BotAdapter {
  /** Runs the middleware and `logic` for one inbound activity; its replies go to `unit`. */
  async processActivity(activity: Partial<Activity>, unit: UnitOfWork, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const context = new TurnContext(this, activity);
    context.turnState.set(UNIT_OF_WORK, unit);
    await this.runMiddleware(context, logic);
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const unit = context.turnState.get(UNIT_OF_WORK) as UnitOfWork | undefined;
    if (!unit) throw new Error('DurableAdapter.sendActivities called outside a turn');
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === 'delay' || activity.type === ActivityTypes.Trace) continue;
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

  /** There are no proactive turns: a message outside a turn goes to the outbox (outbox/enqueueOutbound.ts). */
  continueConversation(): Promise<void> {
    return Promise.reject(new Error('Proactive turns are not supported: enqueue the message in the outbox.'));
  }
}
