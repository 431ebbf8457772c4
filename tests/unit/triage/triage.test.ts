import { CONFIDENCE_THRESHOLD, INTENTS, TOPICS, Triage, type Intent, type Topic, type TriageLanguage } from '../../../triage/triage';

let triage: Triage;
beforeAll(async () => {
  triage = await Triage.load();
});

type Case = [text: string, language: TriageLanguage, intent: Intent, topic: Topic | null];

const cases: Record<string, Case[]> = {
  'nl simple': [
    ['ik geraak niet in itsme', 'nl', 'ask_help', 'eid_itsme'],
    ['ik wil een afspraak', 'nl', 'book_helpdesk', null],
    ['afspraak voor mijn belastingbrief', 'nl', 'book_helpdesk', 'tax'],
    ['ik heb geen computer voor mijn zoon', 'nl', 'loan_device', null],
    ['mijn laptop start niet meer op', 'nl', 'repair_device', null],
    ['zijn er lessen voor senioren', 'nl', 'training', null],
    ['mag ik iemand spreken', 'nl', 'talk_to_human', null],
    ['ik kan morgen niet komen', 'nl', 'manage_booking', null],
    ['waar is de digibank in Geel', 'nl', 'location_hours', null],
    ['verwijder mijn gegevens', 'nl', 'forget_me', null],
    ['dank u, tot ziens', 'nl', 'thanks_goodbye', null],
    ['wat is het weer morgen', 'nl', 'out_of_scope', null],
  ],
  'nl noisy / Flemish': [
    ['kgeraak nie in mijn itsme', 'nl', 'ask_help', 'eid_itsme'],
    ['kzou ff ne afspraak willen maken', 'nl', 'book_helpdesk', null],
    ['kan ik ne laptop lene aub', 'nl', 'loan_device', null],
    ['mijne GSM laadt nie meer op', 'nl', 'repair_device', null],
    ['stuur niks meer', 'nl', 'opt_out', null],
    ['makkelijker aub', 'nl', 'change_language', null],
    ['kheb nog nen ouwe laptop over', 'nl', 'donate_device', null],
    ['wifi doet het nie 😩', 'nl', 'ask_help', 'internet_access'],
  ],
  'fr simple': [
    ['comment remplir tax-on-web', 'fr', 'ask_help', 'tax'],
    ['je voudrais un rendez-vous', 'fr', 'book_helpdesk', null],
    ['je peux pas sortir, quelqu’un peut venir chez moi', 'fr', 'book_home_visit', null],
    ['un humain svp', 'fr', 'talk_to_human', null],
    ['où est la digibank à Molenbeek', 'fr', 'location_hours', null],
    ['supprimez mes données', 'fr', 'forget_me', null],
    ['bonjour', 'fr', 'greeting', null],
  ],
  'fr noisy / Brussels': [
    ['jai recu un sms de ma banque bizar', 'fr', 'ask_help', 'scam_security'],
    ['je sais pas venir demain', 'fr', 'manage_booking', null],
    ['mon gsm est tombé il marche plus', 'fr', 'repair_device', null],
    ['jveux apprendre a utiliser mon gsm', 'fr', 'training', 'smartphone_basics'],
    ['arrêt', 'fr', 'opt_out', null],
    ['c quand que je peux chercher le laptop', 'fr', 'loan_status', null],
    ['mot de pass oublier pour mon mail', 'fr', 'ask_help', 'email_accounts'],
  ],
  'en simple': [
    ['i cant login to itsme', 'en', 'ask_help', 'eid_itsme'],
    ['can i borrow a laptop', 'en', 'loan_device', null],
    ['i want to donate my old computer', 'en', 'donate_device', null],
    ['are there computer classes', 'en', 'training', null],
    ['when are you open', 'en', 'location_hours', null],
    ['thank you bye', 'en', 'thanks_goodbye', null],
  ],
  'en noisy / non-native': [
    ['laptop for my son school pls', 'en', 'loan_device', 'work_school'],
    ['my fone wont charge no more', 'en', 'repair_device', null],
    ['i want talk real person', 'en', 'talk_to_human', null],
    ['how i print document from phone', 'en', 'ask_help', 'printing_scanning'],
    ['pls delete all my data', 'en', 'forget_me', null],
  ],
  'standard register': [
    ['Ik zou graag een afspraak maken om mijn belastingaangifte in te vullen.', 'nl', 'book_helpdesk', 'tax'],
    ['Pourriez-vous m’aider à installer l’application de ma mutuelle ?', 'fr', 'ask_help', 'health'],
    ['I would like to cancel my appointment on Monday.', 'en', 'manage_booking', null],
  ],
};

describe.each(Object.entries(cases))('%s', (_style, table) => {
  test.each(table)('%s → %s %s %s', (text, language, intent, topic) => {
    const r = triage.classify(text);
    expect({ language: r.language, intent: r.intent, topic: r.topic }).toEqual({ language, intent, topic });
  });
});

describe('result shape', () => {
  test('labels, confidence range and alternatives', () => {
    const r = triage.classify('kan ik een laptop lenen');
    expect(r.text).toBe('kan ik een laptop lenen');
    expect(INTENTS).toContain(r.intent);
    expect(r.confidence).toBeGreaterThanOrEqual(0);
    expect(r.confidence).toBeLessThanOrEqual(1);
    expect(r.languageConfidence).toBeGreaterThan(0);
    expect(r.languageConfidence).toBeLessThanOrEqual(1);
    expect(r.alternatives).toHaveLength(3);
    expect(r.alternatives.map((a) => a.intent)).not.toContain(r.intent);
    for (const a of r.alternatives) {
      expect(a.score).toBeLessThanOrEqual(r.confidence);
      if (a.topic !== null) expect(TOPICS).toContain(a.topic);
    }
    const scores = r.alternatives.map((a) => a.score);
    expect([...scores].sort((x, y) => y - x)).toEqual(scores);
  });

  test('ask_help always has a topic; greetings never do', () => {
    expect(triage.classify('help mijn itsme').topic).not.toBeNull();
    expect(triage.classify('hallo').topic).toBeNull();
  });

  test('clear messages are confident, gibberish is not', () => {
    expect(triage.classify('ik wil een afspraak maken').confidence).toBeGreaterThanOrEqual(CONFIDENCE_THRESHOLD);
    expect(triage.classify('blorp zzk qwx').confidence).toBeLessThan(CONFIDENCE_THRESHOLD);
  });

  test('empty message', () => {
    const r = triage.classify('   ');
    expect(r.confidence).toBe(0);
    expect(r.topic).toBeNull();
  });

  test('emoji and code-switching', () => {
    expect(triage.classify('💻❓ lenen aub').intent).toBe('loan_device');
    expect(triage.classify('bonjour, kan ik een afspraak maken?').intent).toBe('book_helpdesk');
  });
});

describe('language of short colloquial messages, no remembered language', () => {
  test.each<[string, TriageLanguage]>([
    ['awel ja', 'nl'],
    ['nog nie', 'nl'],
    ['amai zeg', 'nl'],
    ['chais pas', 'fr'],
    ['ouais bof', 'fr'],
    ['bah non', 'fr'],
    ['idk tho', 'en'],
    ['ofc yeah', 'en'],
    ['yep thx', 'en'],
  ])('"%s" is %s', (text, language) => {
    expect(triage.classify(text).language).toBe(language);
  });
});

describe('remembered language', () => {
  test.each<[string, TriageLanguage]>([
    ['ok', 'nl'],
    ['ok', 'fr'],
    ['laptop', 'fr'],
    ['laptop', 'nl'],
    ['merci', 'nl'],
    ['itsme', 'en'],
    ['👍', 'fr'],
  ])('"%s" keeps remembered %s', (text, remembered) => {
    expect(triage.classify(text, { rememberedLanguage: remembered }).language).toBe(remembered);
  });

  test.each<[string, TriageLanguage, TriageLanguage]>([
    ['en français svp', 'nl', 'fr'],
    ['ik wil een afspraak maken', 'en', 'nl'],
    ['can i borrow a laptop for my son', 'fr', 'en'],
  ])('"%s" overrides remembered %s', (text, remembered, expected) => {
    expect(triage.classify(text, { rememberedLanguage: remembered }).language).toBe(expected);
  });
});

describe('urgency', () => {
  test.each([
    'ze bellen mij nu van de bank en vragen mijn code',
    'iemand heeft mijn code gevraagd aan de telefoon',
    'la banque m’appelle maintenant, ils veulent mon code',
    'quelqu’un a demandé mon code par téléphone',
    'someone is calling me now saying he is from my bank',
  ])('urgent: %s', (text) => {
    const r = triage.classify(text);
    expect(r.topic).toBe('scam_security');
    expect(r.urgent).toBe(true);
  });

  test.each([
    'someone is calling me now asking my pin',
    'er belt iemand en hij vraagt mijn pincode',
    'on m appelle et on me demande mon code',
    'ma banque m appelle, elle veut mon code pin',
  ])('someone calling and asking for codes is urgent, topic scam_security whatever the words suggest: %s', (text) => {
    const r = triage.classify(text);
    expect(r.urgent).toBe(true);
    if (r.topic !== null) expect(r.topic).toBe('scam_security');
  });

  test.each([
    'hoe herken ik phishing',
    'ik ben mijn pincode vergeten',
    'can you call me about my pin code',
    'comment savoir si un message est une arnaque',
    'ik wil nu een afspraak maken',
    'my wifi is not working now',
  ])('not urgent: %s', (text) => {
    expect(triage.classify(text).urgent).toBe(false);
  });
});
