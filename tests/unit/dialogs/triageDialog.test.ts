import { Activity } from 'botbuilder';
import { Language, LANGUAGES } from '../../../i18n/translator';
import { INTENTS, TOPICS } from '../../../triage/labels';
import { ComingSoonDialog } from '../../../dialogs/comingSoonDialog';
import { INTENT_ROUTES, routeOf, URGENT_ROUTE } from '../../../dialogs/intentRoutes';
import { MainDialog } from '../../../dialogs/mainDialog';
import { TOPIC_OFFERS, TopicHelpDialog } from '../../../dialogs/topicHelpDialog';
import { TriageDialog } from '../../../dialogs/triageDialog';
import type { TopicHelpOptions } from '../../../dialogs/dialogIds';
import { decide } from '../../../dialogs/understanding';
import { multilingual } from '../../../dialogs/prompts';
import {
  actionsOf,
  conversationIn,
  inLine,
  conversationDatabase,
  createConversation,
  useConversations,
  menuTitles,
  strictI18n as i18n,
  TestConversation,
  testTriage,
  texts,
} from '../../support/conversation';
import { UserProfileAccessor } from '../../../dialogs/userProfile';
import { testDialogServices } from '../../support/testDialogServices';
import { MemoryStorage, UserState } from 'botbuilder';

useConversations();

const titlesOf = (replies: Partial<Activity>[]): string[] => actionsOf(replies).map((action) => action.title);
const t = (language: Language, key: string): string => i18n.t(language, key);
const menu = (language: Language): string => t(language, 'menu.prompt');
const again = (language: Language): string => t(language, 'menu.again');
/** An itsme question in each language. */
const ITSME: Record<Language, string> = {
  nl: 'kgeraak nie in mijn itsme',
  'nl-simple': 'itsme werkt niet',
  fr: "je n'arrive pas à me connecter avec itsme",
  en: 'itsme doesnt work',
  'fr-simple': 'itsme ne marche pas',
  'en-simple': 'itsme does not work',
};
/** The help each {@link ITSME} question gets: its sub-question's where the triage understood one. */
const ITSME_HELP: Record<Language, string> = {
  nl: 'topics.eid_itsme.help',
  'nl-simple': 'selfHelp.itsme_not_working',
  fr: 'selfHelp.itsme_not_working',
  en: 'selfHelp.itsme_not_working',
  'fr-simple': 'selfHelp.itsme_not_working',
  'en-simple': 'selfHelp.itsme_not_working',
};
const offersOf = (language: Language, topic: (typeof TOPICS)[number]): string[] =>
  [...TOPIC_OFFERS[topic], 'menu'].map((offer) => t(language, `topics.choices.${offer}`));

/** Stands for the place in the line (a person was asked for) among the expected keys. */
const IN_LINE = 'IN_LINE';
/** The expected texts of keys ({@link IN_LINE}: the place in the line). */
const expectedTexts = (language: Language, keys: readonly string[]): unknown[] =>
  keys.map((key) => (key === IN_LINE ? expect.stringMatching(inLine(i18n, language)) : t(language, key)));

/** [conversation language, what the person writes at the menu, the texts the bot answers with (keys)]. */
const atTheMenu: [Language, string, string, string[]][] = [
  // style: noisy / colloquial
  ['nl', 'noisy', 'kgeraak nie in mijn itsme', ['topics.eid_itsme.help', 'topics.offersPrompt']],
  ['nl', 'noisy', 'bank app werkt nie', ['selfHelp.bank_app_broken', 'topics.offersPrompt']],
  ['nl', 'noisy', 'smartschool lukt nie', ['selfHelp.smartschool', 'topics.offersPrompt']],
  ['en', 'noisy', 'laptop for my son school pls', ['loan.askKind']],
  ['nl-simple', 'noisy', 'mijne gsm is kapot', ['repair.askProblem']],
  // simple
  ['nl', 'simple', 'ik wil een afspraak', ['booking.askPlace']],
  ['nl', 'simple', 'mag ik iemand spreken', [IN_LINE]],
  ['nl', 'simple', 'geen internet thuis', ['topics.internet_access.help', 'topics.offersPrompt']],
  ['nl-simple', 'simple', 'gsm kapot', ['repair.askProblem']],
  ['en', 'simple', 'my email password forgotten', ['selfHelp.email_password_forgotten', 'topics.offersPrompt']],
  ['fr', 'simple', 'je voudrais un rendez-vous', ['booking.askPlace']],
  // standard
  ['fr', 'standard', "j'ai un problème avec tax-on-web", ['topics.tax.help', 'topics.offersPrompt']],
  ['fr', 'standard', 'il y a des cours pour les seniors?', ['workshops.askPlace']],
  ['nl', 'standard', 'ik heb nog een oude laptop over', ['loan.donation.askKind']],
  ['nl', 'standard', 'mijn laptop start niet meer op', ['repair.askSince']],
  ['nl', 'standard', 'waar is de digibank in Geel', ['places.askWhere']], // no digibank in this test's database,
  ['nl', 'standard', 'ik kan morgen niet komen', ['booking.manage.none', 'menu.again']],
  ['nl', 'standard', 'ik kan niet naar buiten, kan er iemand komen', ['booking.homeVisit.askReason']],
  ['en', 'standard', 'when can i pick up the laptop', ['loan.status.none', 'menu.again']],
  ['en', 'standard', 'i got a weird sms from my bank', ['selfHelp.phishing_message', 'topics.offersPrompt']],
  // social and out of scope
  ['nl', 'simple', 'hallo', ['triage.replies.greeting', 'menu.again']],
  ['fr', 'simple', 'bonjour', ['triage.replies.greeting', 'menu.again']],
  ['nl', 'standard', 'wat is het weer morgen', ['triage.replies.outOfScope', 'menu.again']],
  ['nl', 'standard', 'mijn huur is te hoog', ['triage.replies.outOfScope', 'menu.again']],
];

describe('free text at the menu acts on what the triage understood', () => {
  test.each(atTheMenu)('in %s (%s): "%s"', async (language, _style, input, keys) => {
    const conversation = await conversationIn(language);
    const replies = await conversation.say(input);
    expect(texts(replies)).toEqual(expectedTexts(language, keys));
  });

  test('the topic help ends with the offers that fit the topic, titled in the language', async () => {
    const conversation = await conversationIn('nl-simple');
    const replies = await conversation.say(ITSME['nl-simple']);
    expect(titlesOf(replies)).toEqual(offersOf('nl-simple', 'eid_itsme'));
  });

  test('out of scope says what the digibank does, with the menu', async () => {
    const conversation = await conversationIn('en');
    const replies = await conversation.say('my rent is too high');
    expect(texts(replies)).toEqual([t('en', 'triage.replies.outOfScope'), again('en')]);
    expect(titlesOf(replies)).toEqual(menuTitles(i18n, 'en'));
  });

  test.each([
    ['nl', 'dank u, tot ziens'],
    ['fr', 'merci beaucoup, au revoir'],
    ['en', 'thanks, bye'],
  ] as [Language, string][])('in %s, "%s" closes kindly without the menu; the next message is welcomed back', async (language, input) => {
    const conversation = await conversationIn(language);
    expect(texts(await conversation.say(input))).toEqual([t(language, 'triage.replies.goodbye')]);
    expect(texts(await conversation.say('hallo'))).toEqual([t(language, 'common.welcomeBack'), menu(language)]);
  });

  test('a menu number, title or word typed alone still chooses the menu entry', async () => {
    const conversation = await conversationIn('nl');
    expect(texts(await conversation.say('afspraak'))).toEqual([t('nl', 'booking.askPlace')]);
    await conversation.say(i18n.list('nl', 'common.words.cancel')[0]);
    expect(texts(await conversation.say(t('nl', 'menu.choices.loan')))).toEqual([t('nl', 'loan.askKind')]);
  });
});

describe('the menu entry "digital question" asks it in the person\'s own words', () => {
  test.each([
    ['nl', 'mijn bank app werkt niet', 'selfHelp.bank_app_broken'],
    ['fr', "j'ai un problème avec tax-on-web", 'topics.tax.help'],
    ['nl-simple', 'smartschool lukt nie', 'selfHelp.smartschool'],
  ] as [Language, string, string][])('in %s: "%s"', async (language, input, key) => {
    const conversation = await conversationIn(language);
    expect(texts(await conversation.say('1'))).toEqual([t(language, 'triage.ask')]);
    expect(texts(await conversation.say(input))).toEqual([t(language, key), t(language, 'topics.offersPrompt')]);
  });

  test('an unclear answer gets "not understood" and the menu', async () => {
    const conversation = await conversationIn('en');
    await conversation.say('1');
    expect(texts(await conversation.say('xyz'))).toEqual([t('en', 'menu.notUnderstood'), again('en')]);
  });
});

describe('the offers after the topic help', () => {
  async function atItsmeOffers(language: Language): Promise<TestConversation> {
    const conversation = await conversationIn(language);
    expect(texts(await conversation.say(ITSME[language]))[0]).toBe(t(language, ITSME_HELP[language]));
    return conversation;
  }

  test.each([
    ['1', 'booking.askPlace'],
    ['2', 'booking.homeVisit.askReason'],
    ['3', IN_LINE],
  ])('"%s" routes through the routing table', async (input, key) => {
    const conversation = await atItsmeOffers('nl');
    expect(texts(await conversation.say(input))).toEqual(expectedTexts('nl', [key]));
  });

  test('the last choice goes back to the menu', async () => {
    const conversation = await atItsmeOffers('fr');
    expect(texts(await conversation.say(t('fr', 'topics.choices.menu')))).toEqual([again('fr')]);
  });

  test('a new question typed instead of a choice is understood', async () => {
    const conversation = await atItsmeOffers('nl');
    expect(texts(await conversation.say('en hoe doe ik tax-on-web'))).toEqual([t('nl', 'topics.tax.help'), t('nl', 'topics.offersPrompt')]);
  });

  test('noise typed instead of a choice goes back to the menu', async () => {
    const conversation = await atItsmeOffers('nl');
    expect(texts(await conversation.say('xyz'))).toEqual([again('nl')]);
  });

  test('the booking entry receives the topic (BookingDialogOptions)', () => {
    expect(routeOf('book_helpdesk', 'tax')).toEqual({ dialogId: 'BOOKING_DIALOG', options: { topic: 'tax' } });
    expect(routeOf('book_helpdesk', null).options).toEqual({});
  });

  test('the topic help receives the sub-question, and shows its own help; without one, the topic help', () => {
    const options = routeOf('ask_help', 'banking', 'phishing_message').options as TopicHelpOptions;
    expect(options).toEqual({ topic: 'banking', subQuestion: 'phishing_message' });
    expect(TopicHelpDialog.helpKey(options)).toBe('selfHelp.phishing_message');
    expect(routeOf('book_helpdesk', 'banking', 'phishing_message').options).toEqual({ topic: 'banking' });
    expect(TopicHelpDialog.helpKey(routeOf('ask_help', 'banking').options as TopicHelpOptions)).toBe('topics.banking.help');
  });
});

describe('low confidence: ONE clarifying question with the likeliest readings', () => {
  // a thing without what to do with it, or two things to do: several readings stay likely (no menu words)
  const cases: [Language, string][] = [
    ['nl', 'ziekenfonds'],
    ['nl', 'laptop lenen of laten maken'],
    ['en', 'laptop borrow repair'],
  ];

  test.each(cases)('in %s: "%s"', async (language, input) => {
    const understanding = testTriage().classify(input, { rememberedLanguage: 'nl' });
    const decision = decide(understanding, testTriage().confidenceThreshold);
    expect(decision.kind).toBe('clarify');
    if (decision.kind !== 'clarify') return;
    expect(decision.readings.length).toBeGreaterThanOrEqual(2);
    expect(decision.readings.length).toBeLessThanOrEqual(3);
    const conversation = await conversationIn(language);
    const replies = await conversation.say(input);
    expect(texts(replies)).toEqual([t(language, 'triage.clarify')]);
    expect(titlesOf(replies)).toEqual([
      ...decision.readings.map((reading) => t(language, TriageDialog.readingTitleKey(reading))),
      t(language, 'triage.choices.other'),
    ]);
    for (const title of titlesOf(replies)) expect([...title].length).toBeLessThanOrEqual(20);
  });

  test('choosing a reading acts on it', async () => {
    const conversation = await conversationIn('nl');
    const replies = await conversation.say('ziekenfonds');
    const titles = titlesOf(replies);
    const health = titles.indexOf(t('nl', 'topics.choices.health'));
    expect(health).toBeGreaterThanOrEqual(0);
    expect(texts(await conversation.say(String(health + 1)))).toEqual([t('nl', 'topics.health.help'), t('nl', 'topics.offersPrompt')]);
  });

  test('an answer typed instead of a choice is read with the first message: it chooses the reading it supports', async () => {
    const conversation = await conversationIn('nl');
    expect(texts(await conversation.say('laptop lenen of laten maken'))).toEqual([t('nl', 'triage.clarify')]);
    expect(texts(await conversation.say('laten maken'))).toEqual([t('nl', 'repair.askProblem')]);
  });

  test('a typed "no" at the clarifying question chooses nothing', async () => {
    const conversation = await conversationIn('nl');
    await conversation.say('laptop lenen of laten maken');
    expect(texts(await conversation.say('nee'))).not.toContain(t('nl', 'repair.askProblem'));
  });

  test('"something else" goes back to the menu', async () => {
    const conversation = await conversationIn('nl');
    await conversation.say('ik heb een vraag over mijn laptop');
    expect(texts(await conversation.say(t('nl', 'triage.choices.other')))).toEqual([again('nl')]);
  });

  test('noise is never guessed at: the menu\'s clarification', async () => {
    const conversation = await conversationIn('nl');
    expect(texts(await conversation.say('xyz'))).toEqual([`${t('nl', 'menu.notUnderstood')}\n${menu('nl')}`]);
  });
});

describe('opt-out and forget-me are confirmed before anything is recorded', () => {
  test.each([
    ['nl', 'stuur niks meer'],
    ['nl', 'ik wil geen berichten meer'],
    ['fr', 'je veux plus de messages'],
    ['en', 'STOP'],
    ['nl-simple', 'stop'],
  ] as [Language, string][])('in %s, "%s": confirmation, then opted out and the conversation closes', async (language, input) => {
    const conversation = await conversationIn(language);
    const replies = await conversation.say(input);
    expect(texts(replies)).toEqual([t(language, 'privacy.optOut.confirm')]);
    expect(titlesOf(replies)).toEqual([t(language, 'privacy.choices.optOut'), t(language, 'privacy.choices.no')]);
    expect((await conversation.profile()).optedOut).toBeUndefined();
    expect(texts(await conversation.say('1'))).toEqual([t(language, 'privacy.optOut.done')]);
    const profile = await conversation.profile();
    expect(profile.optedOut).toBe(true);
    expect(typeof profile.optedOutAt).toBe('string');
  });

  test('"stop" answers the opt-out confirmation with yes', async () => {
    const conversation = await conversationIn('nl');
    await conversation.say('stop');
    expect(texts(await conversation.say('stop'))).toEqual([t('nl', 'privacy.optOut.done')]);
    expect((await conversation.profile()).optedOut).toBe(true);
  });

  test('no: nothing changes, back to the menu', async () => {
    const conversation = await conversationIn('en');
    await conversation.say('stop');
    expect(texts(await conversation.say('no'))).toEqual([t('en', 'privacy.kept'), again('en')]);
    expect((await conversation.profile()).optedOut).toBeUndefined();
  });

  test.each(['bericht 1', 'ja maar niet nu', '1 vraag nog'])('"%s" contains a yes but is no answer: asked again, never counted as yes', async (answer) => {
    const conversation = await conversationIn('nl');
    await conversation.say('stop');
    expect(texts(await conversation.say(answer))).toEqual([t('nl', 'privacy.retry')]);
    expect(texts(await conversation.say(answer))).toEqual([t('nl', 'privacy.kept'), again('nl')]);
    expect((await conversation.profile()).optedOut).toBeUndefined();
  });

  test('two unclear answers: nothing is recorded', async () => {
    const conversation = await conversationIn('fr');
    await conversation.say('supprimez mes données svp');
    expect(texts(await conversation.say('bof'))).toEqual([t('fr', 'privacy.retry')]);
    expect(texts(await conversation.say('bof'))).toEqual([t('fr', 'privacy.kept'), again('fr')]);
    expect((await conversation.profile()).erasureRequestedAt).toBeUndefined();
  });

  test.each([
    ['nl', 'verwijder mijn gegevens'],
    ['fr', 'supprimez mes données svp'],
    ['en', 'forget me'],
  ] as [Language, string][])('in %s, "%s": confirmation, then the request is recorded and said honestly', async (language, input) => {
    const conversation = await conversationIn(language);
    expect(texts(await conversation.say(input))).toEqual([t(language, 'privacy.forgetMe.confirm')]);
    expect(texts(await conversation.say(t(language, 'privacy.choices.forgetMe')))).toEqual([t(language, 'privacy.forgetMe.done')]);
    const profile = await conversation.profile();
    expect(typeof profile.erasureRequestedAt).toBe('string');
    expect(profile.language).toBe(language);
  });

  test('an opt-out asked in the middle of a prompt is confirmed too', async () => {
    const conversation = await conversationIn('nl');
    await conversation.say(ITSME.nl);
    expect(texts(await conversation.say('ik wil geen berichten meer'))).toEqual([t('nl', 'privacy.optOut.confirm')]);
  });
});

describe('a scam in progress: safety advice first, then a person now', () => {
  test.each([
    ['nl', 'iemand belt me nu en vraagt mijn code'],
    ['fr', "quelqu'un m'appelle maintenant et demande mon code"],
    ['nl-simple', 'iemand belt me nu en vraagt mijn code'],
  ] as [Language, string][])('in %s: "%s"', async (language, input) => {
    const conversation = await conversationIn(language);
    const replies = await conversation.say(input);
    expect(texts(replies)).toEqual([t(language, 'topics.scam_security.urgent'), t(language, 'topics.urgentPrompt')]);
    expect(texts(replies)[0]).toContain('078 170 170');
    expect(titlesOf(replies)).toEqual([t(language, 'topics.choices.personNow'), t(language, 'topics.choices.menu')]);
    expect(texts(await conversation.say('1'))).toEqual(expectedTexts(language, [IN_LINE]));
  });

  test('told in the middle of another prompt, it interrupts it', async () => {
    const conversation = await conversationIn('nl');
    await conversation.say('ik wil geen berichten meer');
    expect(texts(await conversation.say('iemand belt me nu en vraagt mijn code'))[0]).toBe(t('nl', 'topics.scam_security.urgent'));
  });

  test('on first contact too, before the language choice', async () => {
    const replies = await createConversation().say('iemand belt me nu en vraagt mijn code');
    expect(texts(replies)).toEqual([t('nl', 'common.welcomeDetected'), t('nl', 'topics.scam_security.urgent'), t('nl', 'topics.urgentPrompt')]);
  });
});

describe('a person asked for in the middle of a prompt', () => {
  const requests: [Language, string][] = [
    ['nl', 'ik wil iemand spreken'],
    ['nl', 'mag ik iemand spreken'],
    ['fr', "je veux parler à quelqu'un"],
    ['fr', 'un humain svp'],
    ['en', 'can i talk to a real person'],
  ];

  test.each(requests)('in %s, "%s" at the topic offers', async (language, input) => {
    const conversation = await conversationIn(language);
    expect(texts(await conversation.say(ITSME[language]))[0]).toBe(t(language, ITSME_HELP[language]));
    expect(texts(await conversation.say(input))).toEqual(expectedTexts(language, [IN_LINE]));
  });

  test.each(requests)('in %s, "%s" at the opt-out confirmation', async (language, input) => {
    const conversation = await conversationIn(language);
    await conversation.say('stop');
    expect(texts(await conversation.say(input))).toEqual(expectedTexts(language, [IN_LINE]));
  });

  test('at the clarifying question', async () => {
    const conversation = await conversationIn('nl');
    await conversation.say('ik heb een vraag over mijn laptop');
    expect(texts(await conversation.say('ik wil iemand spreken'))).toEqual(expectedTexts('nl', [IN_LINE]));
  });

  test('a one-word answer is never taken for an interruption by the triage', async () => {
    const conversation = createConversation();
    await conversation.say('👋');
    expect(texts(await conversation.say('Français'))).toEqual([t('fr', 'language.confirmed'), menu('fr')]);
  });

  test('"en français svp" at the language choice answers it', async () => {
    const conversation = createConversation();
    await conversation.say('👋');
    expect(texts(await conversation.say('en français svp'))).toEqual([t('fr', 'language.confirmed'), menu('fr')]);
  });

  test('"en français svp" at the menu opens the language choice', async () => {
    const conversation = await conversationIn('nl');
    expect(texts(await conversation.say('en français svp'))).toEqual([t('nl', 'language.prompt')]);
  });
});

describe('a message in another language than the saved one', () => {
  test('is answered after offering the switch, in a short line of that language', async () => {
    const conversation = await conversationIn('nl');
    const replies = await conversation.say("bonjour j'ai un problème avec itsme");
    expect(texts(replies)).toEqual([t('fr', 'triage.switchOffer')]);
    expect(titlesOf(replies)).toEqual([t('fr', 'language.choices.name'), t('nl', 'language.choices.name')]);
  });

  test('switching: confirmed, saved, and the answer comes in the new language', async () => {
    const conversation = await conversationIn('nl');
    await conversation.say("bonjour j'ai un problème avec itsme");
    expect(texts(await conversation.say('Français'))).toEqual([t('fr', 'language.confirmed'), t('fr', 'topics.eid_itsme.help'), t('fr', 'topics.offersPrompt')]);
    expect((await conversation.profile()).language).toBe('fr');
  });

  test('keeping the saved language: the answer comes in it', async () => {
    const conversation = await conversationIn('nl-simple');
    await conversation.say('I need help with my email');
    expect(texts(await conversation.say('2'))).toEqual([t('nl-simple', 'topics.email_accounts.help'), t('nl-simple', 'topics.offersPrompt')]);
    expect((await conversation.profile()).language).toBe('nl-simple');
  });

  test('a person reading a simplified language is offered the simplified variant of the other one', async () => {
    const conversation = await conversationIn('en-simple');
    const replies = await conversation.say("bonjour j'ai un problème avec itsme");
    expect(texts(replies)).toEqual([t('fr-simple', 'triage.switchOffer')]);
    expect(titlesOf(replies)).toEqual([t('fr-simple', 'language.choices.name'), t('en-simple', 'language.choices.name')]);
    await conversation.say('1');
    expect((await conversation.profile()).language).toBe('fr-simple');
  });

  test('short messages ("merci", "ok") do not lead to the offer', async () => {
    const conversation = await conversationIn('nl');
    expect(texts(await conversation.say('merci'))).toEqual([t('nl', 'triage.replies.goodbye')]);
  });
});

describe('first contact with a clear request', () => {
  test('the detected language is used, the request is answered, and no language question follows', async () => {
    const conversation = createConversation();
    const replies = await conversation.say("bonjour j'ai un problème avec itsme");
    expect(texts(replies)).toEqual([t('fr', 'common.welcomeDetected'), t('fr', 'topics.eid_itsme.help'), t('fr', 'topics.offersPrompt')]);
    expect((await conversation.profile()).language).toBeUndefined();
    // A short answer keeps the detected language, and the menu follows in it.
    expect(texts(await conversation.say('1'))).toEqual([t('fr', 'booking.askPlace')]);
    expect(texts(await conversation.say('mes rendez-vous')).join('\n')).not.toContain(multilingual(i18n, 'language.retry'));
  });

  test('a greeting as first message settles its language: the greeting and the menu in it', async () => {
    expect(texts(await createConversation().say('bonjour'))).toEqual([t('fr', 'common.welcomeDetected'), menu('fr')]);
  });

  test('a first message in no language: the multilingual welcome and the language choice', async () => {
    expect(texts(await createConversation().say('👍'))).toEqual([multilingual(i18n, 'common.welcome'), multilingual(i18n, 'language.prompt')]);
  });

  test('a returning person with a clear request is welcomed back and answered', async () => {
    const conversation = await conversationIn('en');
    await conversation.say('thanks, bye');
    expect(texts(await conversation.say('i want to book an appointment'))).toEqual([t('en', 'common.welcomeBack'), t('en', 'booking.askPlace')]);
  });
});

describe('the routing table', () => {
  const services = () => {
    const profiles = new UserProfileAccessor(new UserState(new MemoryStorage()));
    return testDialogServices(conversationDatabase(), { i18n, languages: profiles, privacy: profiles, triage: testTriage() });
  };

  test.each(INTENTS.map((intent) => [intent]))('%s routes to a registered dialog', (intent) => {
    const main = new MainDialog(services());
    expect(main.findDialog(INTENT_ROUTES[intent].dialogId)).toBeDefined();
  });

  test('the urgent route is registered', () => {
    expect(new MainDialog(services()).findDialog(URGENT_ROUTE.dialogId)).toBeDefined();
  });

  test('every coming-soon feature of the table has its text in every language', () => {
    const features = INTENTS.map((intent) => routeOf(intent, 'tax')).filter((route) => route.dialogId === new ComingSoonDialog(services()).id);
    for (const language of LANGUAGES) {
      for (const route of features) expect(i18n.has(language, `comingSoon.${(route.options as { feature: string }).feature}`)).toBe(true);
    }
  });

  test.each(TOPICS.map((topic) => [topic]))('%s has help, a title and offers in every language', (topic) => {
    for (const language of LANGUAGES) {
      expect(i18n.has(language, `topics.${topic}.help`)).toBe(true);
      expect(i18n.has(language, `topics.choices.${topic}`)).toBe(true);
    }
    expect(TopicHelpDialog.offersFor({ topic }).at(-1)).toBe('menu');
  });
});
