import { MESSAGE_ADDED_CHANNEL, MessageFeed } from '../../../bot/messageFeed';
import type { NotificationHandlers, Subscription } from '../../../bot/pgListener';

/** The database's side of LISTEN, driven by the test: notifications and connection state. */
class FakeNotifications {
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

async function open(): Promise<{ feed: MessageFeed; db: FakeNotifications }> {
  const db = new FakeNotifications();
  return { feed: await MessageFeed.open(db), db };
}

describe('MessageFeed', () => {
  test('listens on message_added and knows nothing until told', async () => {
    const { feed, db } = await open();
    expect(db.channel).toBe(MESSAGE_ADDED_CHANNEL);
    expect(feed.isLive).toBe(true);
    expect(await feed.nothingAfter('c1', 0n)).toBe(false);
    await feed.close();
    expect(db.stopped).toBe(true);
    expect(feed.isLive).toBe(false);
  });

  test.each([
    // what is known, then the watermark asked → nothing after it?
    ['learned 5, asked 5', [['learn', 5]], 5n, true],
    ['learned 5, asked 7', [['learn', 5]], 7n, true],
    ['learned 5, asked 4', [['learn', 5]], 4n, false],
    ['learned 5, notified 6, asked 5', [['learn', 5], ['notify', 6]], 5n, false],
    ['learned 5, notified 6, asked 6', [['learn', 5], ['notify', 6]], 6n, true],
    ['notified 9 then 8 (commit order), asked 9', [['notify', 9], ['notify', 8]], 9n, true],
    ['learned 9 after notified 10, asked 9', [['notify', 10], ['learn', 9]], 9n, false],
  ] as const)('%s', async (_name, steps, asked, expected) => {
    const { feed, db } = await open();
    for (const [step, seq] of steps) {
      if (step === 'learn') feed.learned('c1', BigInt(seq), feed.snapshot());
      else db.notify('c1', seq);
    }
    expect(await feed.nothingAfter('c1', asked)).toBe(expected);
    expect(await feed.nothingAfter('c2', asked)).toBe(false);
  });

  test('what a query learned is dropped when the connection was lost meanwhile', async () => {
    const { feed, db } = await open();
    const before = feed.snapshot();
    db.handlers?.live(false);
    db.handlers?.live(true);
    feed.learned('c1', 5n, before);
    expect(await feed.nothingAfter('c1', 5n)).toBe(false);
  });

  test('while notifications are lost it knows nothing; back, it wakes every watcher', async () => {
    const { feed, db } = await open();
    feed.learned('c1', 5n, feed.snapshot());
    const woken: string[] = [];
    feed.watch('c1', () => woken.push('c1'));
    feed.watch('c2', () => woken.push('c2'));
    db.handlers?.live(false);
    expect(feed.isLive).toBe(false);
    expect(feed.snapshot()).toBeUndefined();
    expect(await feed.nothingAfter('c1', 5n)).toBe(false);
    feed.learned('c1', 5n, feed.snapshot());
    expect(await feed.nothingAfter('c1', 5n)).toBe(false);
    db.handlers?.live(true);
    expect(woken.sort()).toEqual(['c1', 'c2']);
    expect(await feed.nothingAfter('c1', 5n)).toBe(false);
  });

  test('a message committed before the question counts even when its notification is still on the way', async () => {
    const { feed, db } = await open();
    feed.learned('c1', 5n, feed.snapshot());
    db.inTransit.push('c1 6');
    expect(await feed.nothingAfter('c1', 5n)).toBe(false);
    expect(await feed.nothingAfter('c1', 6n)).toBe(true);
  });

  test('when the subscription cannot say it caught up, nothing is certain', async () => {
    const { feed, db } = await open();
    feed.learned('c1', 5n, feed.snapshot());
    db.syncAnswers = false;
    expect(await feed.nothingAfter('c1', 5n)).toBe(false);
  });

  test('a watcher is called for its conversation only, until it stops', async () => {
    const { feed, db } = await open();
    let calls = 0;
    const stop = feed.watch('c1', () => calls++);
    db.notify('c1', 1);
    db.notify('c2', 2);
    expect(calls).toBe(1);
    stop();
    db.notify('c1', 3);
    expect(calls).toBe(1);
  });

  test.each(['', 'c1', 'c1 x', ' 5', 'c1 5 extra'])('a malformed payload %p changes nothing', async (payload) => {
    const { feed, db } = await open();
    let calls = 0;
    feed.watch('c1', () => calls++);
    db.handlers?.notify(payload);
    expect(calls).toBe(0);
    expect(await feed.nothingAfter('c1', 0n)).toBe(false);
  });
});
