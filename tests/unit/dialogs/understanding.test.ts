import type { Intent, Topic, Understanding } from '../../../dialogs/dialogServices';
import { decide, HELP_WITH_SUB_QUESTION_CONFIDENCE, SUB_QUESTION_ACT_CONFIDENCE, supportedReading } from '../../../dialogs/understanding';

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
    ['below, with no clarifiable second reading but a likely first one', 'clarify', understood('loan_device', null, 0.62, [['greeting', null, 0.3]])],
    ['below, with no clarifiable second reading and an unlikely first one', 'unclear', understood('loan_device', null, 0.45, [['greeting', null, 0.3]])],
    ['a scam in progress, whatever the confidence', 'urgent', { ...understood('ask_help', 'scam_security', 0.4, []), urgent: true }],
  ])('%s → %s', (_name, kind, understanding) => {
    expect(decide(understanding, THRESHOLD).kind).toBe(kind);
  });

  test('the clarifying question offers the likely readings, best first, without the unlikely ones', () => {
    const decision = decide(understood('loan_device', null, 0.55, [['repair_device', null, 0.35], ['ask_help', 'smartphone_basics', 0.05]]), THRESHOLD);
    expect(decision).toEqual({ kind: 'clarify', readings: [{ intent: 'loan_device', topic: null }, { intent: 'repair_device', topic: null }] });
  });
});

describe('decide: a help question with a sure sub-question', () => {
  const withSub = (confidence: number, subConfidence: number, intent: Intent = 'ask_help'): Understanding => ({
    ...understood(intent, 'banking', confidence, [['book_helpdesk', 'banking', 0.2]]),
    subQuestion: { id: 'bank_app_broken', confidence: subConfidence },
  });

  test.each<[string, Understanding, string]>([
    ['sure intent: acts, with the sub-question', withSub(0.95, 0.6), 'act'],
    ['help below the threshold, sub-question sure: acts', withSub(0.76, SUB_QUESTION_ACT_CONFIDENCE), 'act'],
    ['help below the threshold, sub-question not sure enough: asks', withSub(0.76, SUB_QUESTION_ACT_CONFIDENCE - 0.01), 'clarify'],
    ['help too unsure, whatever the sub-question', withSub(HELP_WITH_SUB_QUESTION_CONFIDENCE - 0.01, 0.99), 'clarify'],
    ['another intent below the threshold is never acted on for a sub-question', withSub(0.76, 0.99, 'book_helpdesk'), 'clarify'],
    [
      'a sub-question that only may come with the topic does not count',
      { ...withSub(0.76, 0.99), subQuestion: { id: 'phishing_message', confidence: 0.99 } },
      'clarify',
    ],
  ])('%s', (_name, understanding, kind) => {
    expect(decide(understanding, THRESHOLD).kind).toBe(kind);
  });

  test('the reading carries the sub-question to the topic help; a clarifying question keeps it on its help reading', () => {
    expect(decide(withSub(0.95, 0.6), THRESHOLD)).toEqual({ kind: 'act', reading: { intent: 'ask_help', topic: 'banking', subQuestion: 'bank_app_broken' } });
    const asked = { ...withSub(0.6, 0.5), alternatives: [{ intent: 'book_helpdesk' as const, topic: 'banking' as const, score: 0.3 }] };
    expect(decide(asked, THRESHOLD)).toEqual({
      kind: 'clarify',
      readings: [{ intent: 'ask_help', topic: 'banking', subQuestion: 'bank_app_broken' }, { intent: 'book_helpdesk', topic: 'banking' }],
    });
  });
});

describe('supportedReading: a typed answer to the clarifying question chooses the offered reading it made likelier', () => {
  const offered = [{ intent: 'ask_help' as const, topic: 'email_accounts' as const }, { intent: 'repair_device' as const, topic: null }];
  const first = understood('ask_help', 'email_accounts', 0.34, [['repair_device', null, 0.3], ['out_of_scope', null, 0.2]]);
  test.each<[string, Understanding, string | undefined]>([
    ['a device word lifts the repair reading ("… téléphone")', understood('ask_help', 'smartphone_basics', 0.49, [['repair_device', null, 0.42]]), 'repair_device'],
    ['"non" lifts nothing', understood('ask_help', 'email_accounts', 0.36, [['repair_device', null, 0.31]]), undefined],
    ['a rise smaller than ANSWER_SUPPORT_RISE is noise', understood('ask_help', 'email_accounts', 0.3, [['repair_device', null, 0.38]]), undefined],
    ['the help reading counts only with the same topic', understood('ask_help', 'smartphone_basics', 0.7, [['repair_device', null, 0.1]]), undefined],
    ['the offered reading scored highest together wins', understood('ask_help', 'email_accounts', 0.6, [['repair_device', null, 0.35]]), 'ask_help'],
  ])('%s', (_name, together, intent) => {
    expect(supportedReading(first, together, offered)?.intent).toBe(intent);
  });
});
