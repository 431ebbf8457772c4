import type { Intent, Topic, Understanding } from '../../../dialogs/dialogServices';
import { decide } from '../../../dialogs/understanding';

const THRESHOLD = 0.8;

/** An understanding with the intent at `confidence` and the next readings at `others`. */
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

describe('decide: act only from the threshold, else one clarifying question', () => {
  test.each<[string, string, Understanding]>([
    ['high', 'act', understood('loan_device', null, 0.95, [['repair_device', null, 0.03]])],
    ['exactly the threshold', 'act', understood('loan_device', null, THRESHOLD, [['repair_device', null, 0.15]])],
    ['just below', 'clarify', understood('loan_device', null, 0.79, [['repair_device', null, 0.2]])],
    ['below, with no clarifiable second reading', 'unclear', understood('loan_device', null, 0.62, [['greeting', null, 0.3]])],
    ['a scam in progress, whatever the confidence', 'urgent', { ...understood('ask_help', 'scam_security', 0.4, []), urgent: true }],
  ])('%s → %s', (_name, kind, understanding) => {
    expect(decide(understanding, THRESHOLD).kind).toBe(kind);
  });

  test('the clarifying question offers the likely readings, best first, without the unlikely ones', () => {
    const decision = decide(understood('loan_device', null, 0.55, [['repair_device', null, 0.35], ['ask_help', 'smartphone_basics', 0.05]]), THRESHOLD);
    expect(decision).toEqual({ kind: 'clarify', readings: [{ intent: 'loan_device', topic: null }, { intent: 'repair_device', topic: null }] });
  });
});
