import { OUTAGE_LIMITS, OutageBuffer } from '../../../../adapters/webchat/outageBuffer';
import type { InboundMessage } from '../../../../turns/turnRunner';

/** The database is down: every store fails. */
const downRunner = { receive: () => Promise.reject(new Error('database down')) };

function message(conversation: string, n: number): InboundMessage {
  return { channel: 'webchat', channelConversationId: conversation, channelUserId: conversation, activity: { type: 'message', text: `m${n}` } };
}

describe('OutageBuffer bounds', () => {
  test('keeps at most the per-conversation limit of one conversation; others still fit', () => {
    const buffer = new OutageBuffer(downRunner, () => 'sorry');
    const kept = Array.from({ length: OUTAGE_LIMITS.perConversation + 3 }, (_, n) => buffer.keep(message('a', n)));
    expect(kept.filter(Boolean)).toHaveLength(OUTAGE_LIMITS.perConversation);
    expect(kept.slice(OUTAGE_LIMITS.perConversation)).toEqual([undefined, undefined, undefined]);
    expect(buffer.keep(message('b', 0))).toEqual(expect.any(String));
    buffer.stop();
  });

  test('keeps at most the total limit over all conversations', () => {
    const buffer = new OutageBuffer(downRunner, () => 'sorry');
    let kept = 0;
    for (let n = 0; n < OUTAGE_LIMITS.total + 10; n += 1) if (buffer.keep(message(`c${n}`, n))) kept += 1;
    expect(kept).toBe(OUTAGE_LIMITS.total);
    buffer.stop();
  });
});
