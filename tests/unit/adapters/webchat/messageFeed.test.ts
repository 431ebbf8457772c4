import { FeedSnapshot, MESSAGE_ADDED_CHANNEL, MessageFeed } from '../../../../adapters/webchat/messageFeed';
import type { TranscriptEntry } from '../../../../services/transcriptService';
import { FakeNotifications } from '../../../support/fakeNotifications';

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

  describe('messages stored by this process, handed to streams', () => {
    const entry = (seq: number): TranscriptEntry => ({ seq: BigInt(seq), id: `m${seq}`, direction: 'out', status: 'queued', activity: { type: 'message', text: `t${seq}` }, createdAt: new Date(0) });
    type Step = ['watch'] | ['read', number] | ['begin read'] | ['end read', number] | ['notify', number] | ['offer', number] | ['lost'] | ['back'] | ['unwatch'];
    type Answer = number[] | 'unknown' | 'not offered';

    /** Runs the steps on a fresh feed (a read is begun and ended at once unless split) and asks from `asked`. */
    async function storedAfter(steps: Step[], asked: number): Promise<Answer> {
      const { feed, db } = await open();
      let unwatch = () => {};
      let read: FeedSnapshot;
      for (const step of steps) {
        if (step[0] === 'watch') unwatch = feed.watch('c1', () => undefined);
        else if (step[0] === 'read') feed.learned('c1', BigInt(step[1]), feed.snapshot());
        else if (step[0] === 'begin read') read = feed.snapshot();
        else if (step[0] === 'end read') feed.learned('c1', BigInt(step[1]), read);
        else if (step[0] === 'notify') db.notify('c1', step[1]);
        else if (step[0] === 'offer') feed.offer('c1', [entry(step[1])]);
        else if (step[0] === 'lost') db.handlers?.live(false);
        else if (step[0] === 'back') db.handlers?.live(true);
        else unwatch();
      }
      const answer = feed.storedAfter('c1', BigInt(asked));
      return Array.isArray(answer) ? answer.map((e) => Number(e.seq)) : answer;
    }

    test.each<[string, Step[], number, Answer]>([
      ['a read found the end at 5; 6 and 7 notified and offered', [['watch'], ['read', 5], ['notify', 6], ['offer', 6], ['offer', 7], ['notify', 7]], 5, [6, 7]],
      ['the same, asked from 6', [['watch'], ['read', 5], ['notify', 6], ['offer', 6], ['offer', 7], ['notify', 7]], 6, [7]],
      ['nothing notified since the read', [['watch'], ['read', 5]], 5, []],
      ['asked from before what the read found', [['watch'], ['read', 5], ['notify', 6], ['offer', 6]], 4, 'unknown'],
      ['no read yet', [['watch'], ['notify', 6], ['offer', 6]], 0, 'unknown'],
      ['not watched: nothing is kept', [['read', 5], ['notify', 6], ['offer', 6]], 5, 'unknown'],
      ['written elsewhere: notified, never offered', [['watch'], ['read', 5], ['notify', 6]], 5, 'not offered'],
      ['offered but not yet notified: not yet part of the answer', [['watch'], ['read', 5], ['offer', 6]], 5, []],
      ['notified during the read, beyond what it found', [['watch'], ['begin read'], ['notify', 6], ['offer', 6], ['end read', 5]], 5, [6]],
      ['notified during the read, for what it found', [['watch'], ['begin read'], ['notify', 5], ['end read', 5], ['notify', 6], ['offer', 6]], 5, [6]],
      ['a read begun before the watch began may have missed a commit', [['begin read'], ['watch'], ['end read', 5], ['notify', 7], ['offer', 7]], 5, 'unknown'],
      ['notifications lost, then back: nothing known until a new read', [['watch'], ['read', 5], ['lost'], ['back'], ['notify', 6], ['offer', 6]], 5, 'unknown'],
      ['a read across a loss teaches nothing', [['watch'], ['begin read'], ['lost'], ['back'], ['end read', 5], ['notify', 6], ['offer', 6]], 5, 'unknown'],
      ['a new read after the loss', [['watch'], ['lost'], ['back'], ['read', 5], ['notify', 6], ['offer', 6]], 5, [6]],
      ['watched again after the last watcher left: starts over', [['watch'], ['read', 5], ['unwatch'], ['watch'], ['notify', 6], ['offer', 6]], 5, 'unknown'],
      ['out of order (never expected): trusts nothing', [['watch'], ['read', 5], ['notify', 7], ['notify', 6], ['offer', 6], ['offer', 7]], 5, 'unknown'],
    ])('%s', async (_name, steps, asked, expected) => {
      expect(await storedAfter(steps, asked)).toEqual(expected);
    });

    test('a long tail forgets its oldest messages and still answers exactly after them', async () => {
      const after70: Step[] = [['watch'], ['read', 0]];
      for (let seq = 1; seq <= 70; seq++) after70.push(['notify', seq], ['offer', seq]);
      expect(await storedAfter(after70, 0)).toBe('unknown'); // 1–6 forgotten
      expect(await storedAfter(after70, 6)).toBe('not offered'); // 7–54 known, but only the last 16 kept
      expect(await storedAfter(after70, 54)).toEqual(Array.from({ length: 16 }, (_, i) => i + 55));
      expect(await storedAfter(after70, 69)).toEqual([70]);
    });

    test('a tail that overflowed before its first read ends learns no lower base than what it forgot', async () => {
      const steps: Step[] = [['watch'], ['begin read']];
      for (let seq = 1; seq <= 70; seq++) steps.push(['notify', seq], ['offer', seq]);
      steps.push(['end read', 0]);
      expect(await storedAfter(steps, 0)).toBe('unknown');
      expect(await storedAfter(steps, 6)).toBe('not offered');
      expect(await storedAfter(steps, 54)).toEqual(Array.from({ length: 16 }, (_, i) => i + 55));
    });
  });
});
