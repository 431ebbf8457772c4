import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCALES_DIR } from '../../../i18n/translator';
import { decide } from '../../../dialogs/understanding';
import { LANGUAGES, TOPICS, type Topic } from '../../../triage/labels';
import {
  loadSubQuestionExamples,
  SUB_QUESTION_TOPICS,
  SUB_QUESTIONS,
  SUB_QUESTIONS_HELD_OUT_FILE,
  SubQuestionClassifier,
  type SubQuestion,
} from '../../../triage/subQuestions';
import { normalizeText } from '../../../triage/textNormalizer';
import { CONFIDENCE_THRESHOLD, Triage } from '../../../triage/triage';

const training = loadSubQuestionExamples();
const heldOut = loadSubQuestionExamples(SUB_QUESTIONS_HELD_OUT_FILE);

let triage: Triage;
beforeAll(async () => {
  triage = await Triage.load();
});

type Case = [text: string, subQuestion: SubQuestion | null];

/** Sub-questions whose messages may tell a scam in progress (the urgent advice comes first). */
const URGENT_SUB_QUESTIONS: readonly SubQuestion[] = ['scam_call', 'phishing_message'];

/** The questions of issue 20 that got a wrong or no answer, and others in other words: through the real triage. */
const cases: Record<string, Case[]> = {
  'issue 20': [
    ['itsme op mijn nieuwe gsm', 'itsme_new_phone'],
    ['mijn itsme wil nie openen', 'itsme_not_working'],
    ['hoe zet ik whatsapp op mijn gsm', 'whatsapp_install'],
    ['how do I send a photo', 'send_photo'],
    ['my phone is full', 'storage_full'],
    ['mijn e-mail is gehackt', 'email_hacked'],
    ['how do I see my pension on mypension', 'mypension'],
    ["c'est quoi myminfin", 'myminfin'],
    ['wat is mijn burgerprofiel?', 'burgerprofiel'],
    ['bank app kapot', 'bank_app_broken'],
    ['someone called saying he is from my bank and wants my card code', 'scam_call'],
    ['sms van bank met link', 'phishing_message'],
  ],
  'other words': [
    ['itsme sur mon nouveau portable, comment faire ?', 'itsme_new_phone'],
    ['I forgot the code I chose for itsme', 'itsme_code_forgotten'],
    ['de kaartlezer van mijn pc leest mijn eid nie', 'eid_reader_pin'],
    ["quand est-ce que je dois rentrer ma déclaration d'impôts au plus tard", 'tax_deadline_proposal'],
    ['my kbc app is not on my new phone anymore', 'bank_app_new_phone'],
    ['mon email a été hacké que faire', 'email_hacked'],
    ['where can i see my vaccines online', 'myhealth'],
    ['kan ik goedkoper internet krijgen met een leefloon', 'social_internet_tariff'],
    ['hoe druk ik een pdf af', 'print_pdf'],
    ['mijn dochter haar smartschool paswoord werkt niet', 'smartschool'],
  ],
  'generic: the topic help': [
    ['ik wil meer weten over belastingen', null],
    ['can you help me with my bank', null],
    ["j'ai une question sur mon ordinateur", null],
  ],
};

describe.each(Object.keys(cases))('%s', (group) => {
  test.each(cases[group])('"%s" → %s', (text, subQuestion) => {
    const result = triage.classify(text);
    expect(result.subQuestion?.id ?? null).toBe(subQuestion);
    if (subQuestion === null) return;
    // what the dialogs act on: the help question with its sub-question, not a clarifying question
    expect(SUB_QUESTION_TOPICS[subQuestion]).toContain(result.topic);
    // a scam happening now ("he wants my card code") gets the urgent advice first (hang up, Card Stop)
    const urgentScam = result.urgent && URGENT_SUB_QUESTIONS.includes(subQuestion);
    const expected = urgentScam ? { kind: 'urgent' } : { kind: 'act', reading: { intent: 'ask_help', topic: result.topic, subQuestion } };
    expect(decide(result, CONFIDENCE_THRESHOLD)).toEqual(expected);
  });
});

test('no test sentence is a training example (exact or after normalisation)', () => {
  const trained = new Set(training.map((e) => normalizeText(e.text)));
  const tested = Object.values(cases).flatMap((rows) => rows.map(([text]) => text));
  expect(tested.filter((text) => trained.has(normalizeText(text)))).toEqual([]);
});

describe('data', () => {
  test.each(LANGUAGES)('%s: at least 12 training examples per sub-question and per topic\'s "none"', (language) => {
    const count = (topic: Topic, subQuestion: SubQuestion | null) =>
      training.filter((e) => e.language === language && e.topic === topic && e.subQuestion === subQuestion).length;
    const few = [
      ...SUB_QUESTIONS.filter((id) => count(SUB_QUESTION_TOPICS[id][0], id) < 12),
      ...TOPICS.filter((topic) => count(topic, null) < 12).map((topic) => `none:${topic}`),
    ];
    expect(few).toEqual([]);
  });

  test('the held-out set has at least 60 messages, every language, and none of them is trained on', () => {
    expect(heldOut.length).toBeGreaterThanOrEqual(60);
    for (const language of LANGUAGES) expect(heldOut.filter((e) => e.language === language).length).toBeGreaterThanOrEqual(20);
    const trained = new Set(training.map((e) => normalizeText(e.text)));
    expect(heldOut.filter((e) => trained.has(normalizeText(e.text))).map((e) => e.text)).toEqual([]);
  });

  test('no duplicate training examples within a language', () => {
    const keys = training.map((e) => `${e.language}:${normalizeText(e.text)}`);
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
  });

  test('a bad row is refused with where it is', () => {
    expect(() => loadSubQuestionExamples('train.nl.json')).toThrow(/train\.nl\.json\[0\]/);
  });
});

test('on the held-out set, through the real triage, at least 85% get the right sub-question (or the generic help)', () => {
  const right = heldOut.filter((e) => (triage.classify(e.text).subQuestion?.id ?? null) === e.subQuestion).length;
  expect(right / heldOut.length).toBeGreaterThanOrEqual(0.85);
});

test("only the sub-questions of the topic compete: a reading is always one of the topic's", () => {
  const model = SubQuestionClassifier.train(training.filter((_, i) => i % 2 === 0));
  for (const example of heldOut) {
    for (const topic of TOPICS) {
      const { id } = model.rank(normalizeText(example.text), topic);
      if (id !== null) expect(SUB_QUESTION_TOPICS[id]).toContain(topic);
    }
  }
});

test('the sub-question model survives the model cache', () => {
  const restored = Triage.fromSnapshot(triage.toSnapshot());
  for (const example of heldOut.slice(0, 10)) expect(restored.classify(example.text).subQuestion).toEqual(triage.classify(example.text).subQuestion);
});

describe('the self-help texts (locales/<lang>/selfHelp.json)', () => {
  const GSM7 = new Set(
    '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà^{}\\[~]|€',
  );
  /** The source of the bank apps is the person's own bank: its website, named in words. */
  const OWN_BANK: readonly SubQuestion[] = ['bank_app_new_phone', 'bank_app_broken'];
  const folders = readdirSync(LOCALES_DIR).filter((folder) => existsSync(join(LOCALES_DIR, folder, 'selfHelp.json')));
  const textsOf = (folder: string) => JSON.parse(readFileSync(join(LOCALES_DIR, folder, 'selfHelp.json'), 'utf8')) as Record<string, string>;

  test('exist for nl, fr, en and their simplified forms', () => {
    expect(folders.sort()).toEqual(['en', 'en-simple', 'fr', 'fr-simple', 'nl', 'nl-simple']);
  });

  test.each(folders)('%s: one text per sub-question, short, naming its source', (folder) => {
    const texts = textsOf(folder);
    expect(Object.keys(texts).sort()).toEqual([...SUB_QUESTIONS].sort());
    for (const [id, text] of Object.entries(texts)) {
      expect({ id, long: [...text].length > 320 }).toEqual({ id, long: false });
      if (!OWN_BANK.includes(id as SubQuestion)) expect(text).toMatch(/\b[a-z0-9-]+(\.[a-z0-9-]+)*\.(be|com|brussels)\b/);
    }
    // what must never be missing: where to forward a phishing message, and Card Stop after a scam call
    expect(texts.phishing_message).toContain('suspicious@safeonweb.be');
    expect(texts.scam_call).toContain('078 170 170');
  });

  test.each(folders.filter((folder) => !folder.startsWith('fr')))('%s: GSM-7 only (one SMS segment is 160 characters)', (folder) => {
    const outside = Object.entries(textsOf(folder)).flatMap(([id, text]) => [...text].filter((c) => !GSM7.has(c)).map((c) => `${id} "${c}"`));
    expect(outside).toEqual([]);
  });

  test.each(folders.filter((folder) => folder.endsWith('-simple')))('%s: sentences of at most 12 words', (folder) => {
    const long = Object.entries(textsOf(folder)).flatMap(([id, text]) =>
      text
        .split(/(?<=[.?!:])\s+/)
        .map((sentence) => sentence.replace(/^\d+\.\s*/, ''))
        .filter((sentence) => sentence.split(/\s+/).length > 12)
        .map((sentence) => `${id}: ${sentence}`),
    );
    expect(long).toEqual([]);
  });
});
