import type { NotificationHandlers, Subscription } from '../../db/pgListener';

/** The database's side of LISTEN, driven by the test: notifications and connection state. */
export class FakeNotifications {
  handlers?: NotificationHandlers;
  channel?: string;
  stopped = false;

  async listen(channel: string, handlers: NotificationHandlers): Promise<Subscription> {
    this.channel = channel;
    this.handlers = handlers;
    handlers.live(true);
    return {
      stop: async () => {
        this.stopped = true;
      },
      sync: async () => true,
    };
  }

  notify(conversationId: string, seq: number): void {
    this.handlers?.notify(`${conversationId} ${seq}`);
  }
}
