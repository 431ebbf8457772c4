import { ActivityReader } from '../../../../adapters/webchat/activityReader';
import { MessageFeed } from '../../../../adapters/webchat/messageFeed';
import type { TranscriptEntry } from '../../../../services/transcriptService';
import { FakeNotifications } from '../../../support/fakeNotifications';

const entry = (seq: number): TranscriptEntry => ({ seq: BigInt(seq), id: `m${seq}`, direction: 'out', status: 'queued', activity: { type: 'message', text: `t${seq}` }, createdAt: new Date(0) });

/** A conversation "c1" whose stored messages the test adds; reads of it are counted. */
async function setUp() {
  const db = new FakeNotifications();
  const feed = await MessageFeed.open(db);
  const stored: TranscriptEntry[] = [];
  const reads: bigint[] = [];
  const transcripts = {
    messagesAfter: async (_conversationId: string, after: bigint) => {
      reads.push(after);
      return stored.filter((e) => e.seq > after);
    },
  };
  const reader = new ActivityReader({ transcripts, feed, outage: { take: () => [] } });
  /** A message committed by this process: stored, notified, and offered (by its writer, in either order). */
  const write = (seq: number, offered: 'before notification' | 'after notification' | 'never' = 'before notification') => {
    stored.push(entry(seq));
    if (offered === 'before notification') feed.offer('c1', [entry(seq)]);
    db.notify('c1', seq);
    if (offered === 'after notification') setImmediate(() => feed.offer('c1', [entry(seq)]));
  };
  const texts = async (after: number, notified = true) => (await reader.after('c1', 'web-c1', BigInt(after), notified)).activities.map((a) => a.text);
  return { feed, reads, write, texts };
}

describe('ActivityReader', () => {
  test('a stream is handed what this process stored, reading only what it did not', async () => {
    const { feed, reads, write, texts } = await setUp();
    feed.watch('c1', () => undefined);
    write(1, 'never');
    expect(await texts(0)).toEqual(['t1']); // the stream's first read: the database
    expect(reads).toEqual([0n]);
    write(2);
    write(3, 'after notification');
    expect(await texts(1)).toEqual(['t2', 't3']);
    write(4, 'never'); // a volunteer's message from another process
    expect(await texts(3)).toEqual(['t4']);
    expect(reads).toEqual([0n, 3n]);
  });

  test('a poll never takes the shortcut: it must see every commit before it, notified or not', async () => {
    const { feed, reads, write, texts } = await setUp();
    feed.watch('c1', () => undefined);
    write(1);
    expect(await texts(0)).toEqual(['t1']);
    write(2);
    expect(await texts(1, false)).toEqual(['t2']);
    expect(reads).toEqual([0n, 1n]);
  });
});
