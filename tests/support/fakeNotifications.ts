import type { NotificationHandlers, Subscription } from '../../db/pgListener';

/** The database's side of LISTEN, driven by the test: notifications and connection state. */
export class FakeNotifications {
  handlers?: NotificationHandlers;
  channel?: string;
  stopped = false;
  /** Notifications committed but not yet delivered: {@link Subscription.sync} delivers them first. */
  inTransit: string[] = [];
  syncAnswers = true;

  async listen(channel: string, handlers: NotificationHandlers): Promise<Subscription> {
    this.channel = channel;
    this.handlers = handlers;
    handlers.live(true);
    return {
      stop: async () => {
        this.stopped = true;
      },
      sync: async () => {
        if (!this.syncAnswers) return false;
        for (const payload of this.inTransit.splice(0)) handlers.notify(payload);
        return true;
      },
    };
  }

  notify(conversationId: string, seq: number): void {
    this.handlers?.notify(`${conversationId} ${seq}`);
  }
}
