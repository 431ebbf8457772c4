import type { Activity } from 'botbuilder';
import { ActivityReader } from '../../../../adapters/webchat/activityReader';
import type { TranscriptEntry } from '../../../../services/transcriptService';

const entry = (seq: number, direction: 'in' | 'out' = 'out'): TranscriptEntry => ({
  seq: BigInt(seq), id: `m${seq}`, direction, status: 'queued', activity: { type: 'message', text: `t${seq}` }, createdAt: new Date(0),
});

/** A conversation whose stored messages the test sets; `down` makes every read fail. */
function setUp(stored: TranscriptEntry[], apologies: Partial<Activity>[] = []) {
  const state = { down: false };
  const transcripts = {
    messagesAfter: async (_conversationId: string, after: bigint, limit = 100) => {
      if (state.down) throw new Error('database unavailable');
      return stored.filter((e) => e.seq > after).slice(0, limit);
    },
  };
  const outage = { take: () => apologies.splice(0) };
  return { reader: new ActivityReader({ transcripts, outage }), state };
}

describe('ActivityReader', () => {
  test('reads the transcript after the watermark, in order, and moves the watermark to the last message', async () => {
    const { reader } = setUp([entry(1, 'in'), entry(2), entry(3)]);
    const set = await reader.after('c1', 'web-c1', 1n);
    expect(set.activities.map((a) => a.text)).toEqual(['t2', 't3']);
    expect(set.watermark).toBe(3n);
    expect(set.more).toBe(false);
  });

  test('nothing new: the watermark stays', async () => {
    const { reader } = setUp([entry(1)]);
    expect(await reader.after('c1', 'web-c1', 1n)).toEqual({ activities: [], watermark: 1n, more: false });
  });

  test('a long history comes a page at a time, saying more is waiting', async () => {
    const { reader } = setUp(Array.from({ length: 250 }, (_, i) => entry(i + 1)));
    const first = await reader.after('c1', 'web-c1', 0n);
    expect(first.activities).toHaveLength(100);
    expect(first).toMatchObject({ watermark: 100n, more: true });
    const last = await reader.after('c1', 'web-c1', 200n);
    expect(last).toMatchObject({ watermark: 250n, more: false });
  });

  test('while the database is down, only the apologies kept in memory are handed out, once', async () => {
    const { reader, state } = setUp([entry(1)], [{ type: 'message', text: 'sorry' }]);
    state.down = true;
    const set = await reader.after('c1', 'web-c1', 0n);
    expect(set.activities.map((a) => a.text)).toEqual(['sorry']);
    expect(set.watermark).toBe(0n);
    expect((await reader.after('c1', 'web-c1', 0n)).activities).toEqual([]);
  });
});
