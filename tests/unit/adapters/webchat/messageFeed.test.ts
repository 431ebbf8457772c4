import { MESSAGE_ADDED_CHANNEL, MessageFeed } from '../../../../adapters/webchat/messageFeed';
import { FakeNotifications } from '../../../support/fakeNotifications';

async function open(): Promise<{ feed: MessageFeed; db: FakeNotifications }> {
  const db = new FakeNotifications();
  return { feed: await MessageFeed.open(db), db };
}

describe('MessageFeed', () => {
  test('listens on message_added until closed', async () => {
    const { feed, db } = await open();
    expect(db.channel).toBe(MESSAGE_ADDED_CHANNEL);
    expect(feed.isLive).toBe(true);
    await feed.close();
    expect(db.stopped).toBe(true);
    expect(feed.isLive).toBe(false);
  });

  test('a notification wakes the watchers of its conversation only, until they stop', async () => {
    const { feed, db } = await open();
    const woken: string[] = [];
    const stop = feed.watch('c1', () => woken.push('a'));
    feed.watch('c1', () => woken.push('b'));
    db.notify('c1', 1);
    db.notify('c2', 2);
    expect(woken).toEqual(['a', 'b']);
    stop();
    db.notify('c1', 3);
    expect(woken).toEqual(['a', 'b', 'b']);
  });

  test('while notifications are lost it is not live; back, it wakes every watcher to catch up', async () => {
    const { feed, db } = await open();
    const woken: string[] = [];
    feed.watch('c1', () => woken.push('c1'));
    feed.watch('c2', () => woken.push('c2'));
    db.handlers?.live(false);
    expect(feed.isLive).toBe(false);
    expect(woken).toEqual([]);
    db.handlers?.live(true);
    expect(feed.isLive).toBe(true);
    expect(woken.sort()).toEqual(['c1', 'c2']);
  });

  test.each(['', 'c1', 'c1 x', ' 5', 'c1 5 extra'])('a malformed payload %p wakes nobody', async (payload) => {
    const { feed, db } = await open();
    let calls = 0;
    feed.watch('c1', () => calls++);
    db.handlers?.notify(payload);
    expect(calls).toBe(0);
  });
});
