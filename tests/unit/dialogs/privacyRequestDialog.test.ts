import { Language } from '../../../i18n/translator';
import { conversationIn, useConversations, strictI18n as i18n, texts } from '../../support/conversation';

useConversations();

const t = (language: Language, key: string, vars?: Record<string, string | number>): string => i18n.t(language, key, vars);

/** The notice without configuration: 180 days, ask the digibank. */
const notice = (language: Language): string => `${t(language, 'privacyInfo.answer', { days: 180 })} ${t(language, 'privacyInfo.contactDigibank')}`;

/** Questions about personal data, in each language and style: the information, never an erasure offer first. */
const QUESTIONS: [Language, string][] = [
  ['nl', 'wat doen jullie met mijn gegevens?'],
  ['nl', 'hoe lang bewaren jullie mijn gegevens'],
  ['nl', 'wie kan mijn gegevens zien'],
  ['nl', 'wa doen jullie me mijn gegevens'],
  ['nl-simple', 'wat doen jullie met mijn gegevens'],
  ['fr', 'que faites-vous de mes données'],
  ['fr', 'vous gardez mes données combien de temps ?'],
  ['fr', 'qui voit mes informations personnelles'],
  ['en', 'what do you do with my data'],
  ['en', 'how long do you keep my personal data?'],
  ['en', 'who has access to my data'],
  ['en', 'is my data safe with you'],
  ['nl', 'privacy'],
  ['nl', 'gegevens'],
  ['nl', 'mijn gegevens'],
  ['nl-simple', 'privacy'],
  ['fr', 'vie privée'],
  ['fr', 'mes données'],
  ['en', 'privacy'],
];

test.each(QUESTIONS)('in %s, the question "%s" gets what is kept, how long and how to erase', async (language, question) => {
  const conversation = await conversationIn(language);
  const replies = texts(await conversation.say(question));
  expect(replies[0]).toBe(notice(language));
  expect(replies).not.toContain(t(language, 'privacy.forgetMe.confirm'));
  expect((await conversation.profile()).erasureRequestedAt).toBeUndefined();
});

/** Real erasure requests, typed as a word or in a sentence: still confirmed before anything is recorded. */
const REQUESTS: [Language, string][] = [
  ['nl', 'verwijder mijn gegevens'],
  ['nl', 'ik wil dat jullie al mijn gegevens wissen'],
  ['nl', 'vergeet mij'],
  ['nl-simple', 'wis mijn gegevens'],
  ['fr', 'supprimez mes données svp'],
  ['fr', 'je veux que vous effaciez mes informations'],
  ['en', 'delete my data'],
  ['en', 'please erase everything you have about me'],
  ['en', 'forget me'],
];

test.each(REQUESTS)('in %s, the request "%s" is confirmed first', async (language, request) => {
  const conversation = await conversationIn(language);
  expect(texts(await conversation.say(request))).toEqual([t(language, 'privacy.forgetMe.confirm')]);
});

test('the answer tells a phrase that then asks for erasure, in every language', async () => {
  for (const language of ['nl', 'nl-simple', 'fr', 'en'] as Language[]) {
    const phrase = [...t(language, 'privacyInfo.answer').matchAll(/'([^']+)'/g)].at(-1)?.[1];
    expect(phrase).toBeDefined();
    const conversation = await conversationIn(language);
    expect(texts(await conversation.say(phrase as string))).toEqual([t(language, 'privacy.forgetMe.confirm')]);
  }
});

test.each([
  ['nl', 'wat doen jullie met mijn gegevens', 90, 'privacy@digibank-ieper.be'],
  ['fr', 'vie privée', 120, '056 12 34 56'],
  ['en', 'privacy', 365, 'dpo@example.be'],
] as [Language, string, number, string][])('in %s, "%s" tells the configured period (%i days) and contact', async (language, question, days, contact) => {
  const conversation = await conversationIn(language, { privacyNotice: { retentionDays: days, contact } });
  const [reply] = texts(await conversation.say(question));
  expect(reply).toBe(`${t(language, 'privacyInfo.answer', { days })} ${t(language, 'privacyInfo.contact', { contact })}`);
  expect(reply).toContain(String(days));
  expect(reply).toContain(contact);
});
