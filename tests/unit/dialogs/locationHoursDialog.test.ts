import { Activity } from 'botbuilder';
import { Language } from '../../../i18n/translator';
import { demoDigibanks, mainConversationIn, titlesOf } from '../../support/bookingConversation';
import { strictI18n as i18n } from '../../support/conversation';

// Monday 23 November 2026, 09:00 in Brussels.
const NOW = new Date('2026-11-23T08:00:00Z');

const demo = demoDigibanks(NOW);

const t = (language: Language, key: string, vars?: Record<string, string>) => i18n.t(language, key, vars);
const textOf = (replies: Partial<Activity>[]) => replies.map((reply) => reply.text ?? '').join('\n');

/** The bot (booking services, real triage) with a person who chose `language`. */
function inLanguage(language: Language) {
  return mainConversationIn(demo().prisma, NOW, language);
}

test.each([
  ['nl', 'wanneer is de digibank in Kortrijk open', 'Kortrijk', '8500'],
  ['nl', 'hoe laat zijn jullie open in Leuven?', 'Leuven', '3000'],
  ['nl-simple', 'wanneer open in Gent', 'Gent', '9000'],
  ['fr', 'ouvert samedi à Gand ?', 'Gand', '9000'],
  ['fr', 'où est la digibank à Anvers', 'Anvers', '2000'],
  ['fr', "c'est ouvert quand à Courtrai ?", 'Courtrai', '8500'],
  ['en', 'opening hours Leuven', 'Leuven', '3000'],
  ['en', 'where is the digibank in Ghent', 'Ghent', '9000'],
] as [Language, string, string, string][])('in %s, "%s": address, days and hours, first free day, then a booking or the menu', async (language, message, town, postcode) => {
  const chat = await inLanguage(language);
  const replies = await chat.say(message);
  const text = textOf(replies);
  expect(text).not.toContain(t(language, 'comingSoon.locationHours'));
  expect(text).toContain(t(language, 'places.found'));
  expect(text).toContain(`${postcode} ${town}`);
  expect(text).toContain(t(language, 'places.week'));
  expect(text).toContain(t(language, 'places.firstFree', { date: '' }).split(':')[0]);
  expect(text).toMatch(/https:\/\/www\.openstreetmap\.org\/\?mlat=\d+\.\d+&mlon=\d+\.\d+#map=17\//);
  expect(titlesOf(replies)).toEqual([
    t(language, 'topics.choices.book'),
    t(language, 'menu.choices.loan'),
    t(language, 'topics.choices.workshop'),
    t(language, 'topics.choices.person'),
    t(language, 'topics.choices.menu'),
  ]);
});

test.each([
  ['nl', 'hoe laat zijn jullie open', '8500'],
  ['nl', 'wanneer zijn jullie open', 'Kortrijk'],
  ['fr', 'ouvert samedi ?', 'Bruxelles'],
  ['en', 'when are you open', 'Leuven'],
] as [Language, string, string][])('in %s, "%s" without a place: asks where, then answers and books there', async (language, message, place) => {
  const chat = await inLanguage(language);
  expect(textOf(await chat.say(message))).toBe(t(language, 'places.askWhere'));
  const found = await chat.say(place);
  expect(textOf(found)).toContain(t(language, 'places.found'));
  expect(textOf(await chat.say(t(language, 'topics.choices.book')))).toBe(t(language, 'booking.askDay'));
});

test('a place without a digibank: said, and a way on (never a dead end)', async () => {
  const chat = await inLanguage('nl');
  await chat.say('hoe laat zijn jullie open');
  const replies = await chat.say('Timboektoe');
  expect(textOf(replies)).toContain(t('nl', 'places.notFound'));
  expect(titlesOf(replies)).toEqual([t('nl', 'topics.choices.person'), t('nl', 'topics.choices.menu')]);
});

test.each([
  ['nl', 'ik wil een afspraak maken', 'booking.askPlace'],
  ['en', 'can i borrow a laptop', 'loan.askKind'],
] as [Language, string, string][])('in %s, "%s" typed where a place was asked is understood, not "not found"', async (language, request, expected) => {
  const chat = await inLanguage(language);
  await chat.say(language === 'nl' ? 'wanneer zijn jullie open' : 'when are you open');
  const replies = textOf(await chat.say(request));
  expect(replies).not.toContain(t(language, 'places.notFound'));
  expect(replies).toContain(t(language, expected));
});

test.each([
  ['nl', 'zijn er lessen voor senioren'],
  ['fr', 'il y a des cours pour les seniors?'],
  ['en', 'are there computer classes'],
] as [Language, string][])('in %s, "%s" (training): the workshops ask where', async (language, message) => {
  const chat = await inLanguage(language);
  const replies = await chat.say(message);
  expect(textOf(replies)).toContain(t(language, 'workshops.askPlace'));
  expect(textOf(replies)).not.toContain(t(language, 'comingSoon.training'));
});

test.each([
  ['nl', 'mijn bankapp werkt niet'],
  ['fr', 'mot de passe oublié pour mon mail'],
  ['en', 'how do i scan a document with my phone'],
] as [Language, string][])('in %s, the offers after "%s" include the workshop', async (language, message) => {
  const chat = await inLanguage(language);
  const titles = titlesOf(await chat.say(message));
  expect(titles).toContain(t(language, 'topics.choices.book'));
  expect(titles).toContain(t(language, 'topics.choices.workshop'));
});
