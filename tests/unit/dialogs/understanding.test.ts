import type { Intent, Topic, Understanding } from '../../../dialogs/dialogServices';
import { decide, MIN_MARGIN } from '../../../dialogs/understanding';

const THRESHOLD = 0.6;

/** An understanding of "text" with the intent at `confidence` and the next readings at `others`. */
function understood(intent: Intent, topic: Topic | null, confidence: number, others: Array<[Intent, Topic | null, number]>): Understanding {
  return {
    text: 'iets met mijn laptop',
    language: 'nl',
    languageConfidence: 0.99,
    intent,
    topic,
    confidence,
    alternatives: others.map(([i, t, score]) => ({ intent: i, topic: t, score })),
    urgent: false,
  };
}

describe('decide: act only when confident AND clearly ahead of the next reading', () => {
  test.each<[string, string, Understanding]>([
    ['high and far ahead', 'act', understood('loan_device', null, 0.95, [['repair_device', null, 0.03]])],
    ['exactly the margin', 'act', understood('loan_device', null, 0.7, [['repair_device', null, 0.7 - MIN_MARGIN]])],
    ['above the threshold but close second', 'clarify', understood('loan_device', null, 0.62, [['repair_device', null, 0.3]])],
    ['below the threshold', 'clarify', understood('loan_device', null, 0.5, [['repair_device', null, 0.2]])],
    ['close second that is not clarifiable', 'unclear', understood('loan_device', null, 0.62, [['greeting', null, 0.3]])],
  ])('%s → %s', (_name, kind, understanding) => {
    expect(decide(understanding, THRESHOLD).kind).toBe(kind);
  });

  test('the clarifying question offers the close readings, best first', () => {
    const decision = decide(understood('loan_device', null, 0.55, [['repair_device', null, 0.35], ['ask_help', 'smartphone_basics', 0.05]]), THRESHOLD);
    expect(decision).toEqual({ kind: 'clarify', readings: [{ intent: 'loan_device', topic: null }, { intent: 'repair_device', topic: null }] });
  });
});
