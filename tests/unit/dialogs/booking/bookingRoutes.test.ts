import { Activity } from 'botbuilder';
import { Language } from '../../../../i18n/translator';
import { createMainConversation, demoDigibanks, mainConversationIn, titlesOf } from '../../../support/bookingConversation';
import { strictI18n as i18n, testTriage } from '../../../support/conversation';

// Monday 23 November 2026, 09:00 in Brussels.
const NOW = new Date('2026-11-23T08:00:00Z');

const demo = demoDigibanks(NOW);

const textOf = (replies: Partial<Activity>[]) => replies.map((reply) => reply.text ?? '');

/** The bot with a person who chose Dutch (the menu was shown). */
function inDutch() {
  return mainConversationIn(demo().prisma, NOW, 'nl');
}

test('the menu entry "appointment" starts the booking', async () => {
  const chat = await inDutch();
  expect(textOf(await chat.say('2'))).toEqual([i18n.t('nl', 'booking.askPlace')]);
});

test('"ik wil een afspraak" starts the booking', async () => {
  const chat = await inDutch();
  expect(textOf(await chat.say('ik wil een afspraak'))).toEqual([i18n.t('nl', 'booking.askPlace')]);
});

test('"ik kan morgen niet komen" reaches my appointments', async () => {
  const chat = await inDutch();
  expect(textOf(await chat.say('ik kan morgen niet komen'))).toEqual([i18n.t('nl', 'booking.manage.none'), i18n.t('nl', 'menu.again')]);
});

test('a home visit request asks why the person cannot come', async () => {
  const chat = await inDutch();
  expect(textOf(await chat.say('ik kan niet naar buiten, kan er iemand komen'))).toEqual([i18n.t('nl', 'booking.homeVisit.askReason')]);
});

test('cancel in the middle of a booking goes back to the menu', async () => {
  const chat = await inDutch();
  await chat.say('2');
  await chat.say('8900');
  expect(textOf(await chat.say('menu'))).toEqual([i18n.t('nl', 'common.cancelled'), i18n.t('nl', 'menu.prompt')]);
});

/** The bot with a person who chose `language` (the menu was shown). */
async function inLanguage(language: Language) {
  const chat = createMainConversation({ prisma: demo().prisma, now: NOW, triage: testTriage() });
  await chat.say('👋');
  await chat.say(i18n.t(language, 'language.choices.name'));
  return chat;
}

test.each([
  ['nl', 'een afspraak in Kortrijk', '8500 Kortrijk'],
  ['nl', 'kan ik een afspraak maken in Gent voor itsme', '9000 Gent'],
  ['nl', 'afspraak in 8900 aub', '8900 Ieper'],
  ['nl-simple', 'afspraak in Leuven', '3000 Leuven'],
  ['fr', 'rendez-vous à Bruxelles', '1000 Bruxelles'],
  ['fr', 'je voudrais un rendez-vous à Anvers svp', '2000 Anvers'],
  ['fr', 'un rdv à Courtrai', '8500 Courtrai'],
  ['en', 'appointment in Leuven', '3000 Leuven'],
  ['en', 'i would like an appointment in Ghent', '9000 Ghent'],
] as [Language, string, string][])('in %s, "%s": the place is not asked again, the digibanks there are offered (%s)', async (language, message, first) => {
  const chat = await inLanguage(language);
  const replies = await chat.say(message);
  expect(textOf(replies)).not.toContain(i18n.t(language, 'booking.askPlace'));
  expect(titlesOf(replies)[0]).toBe(first);
});

test.each([
  ['fr', 'Bruxelles', /\bBrussel\b/],
  ['fr', '2000', /\bAntwerpen\b/],
  ['en', 'Gent', /\bGent\b/],
] as [Language, string, RegExp][])('in %s, places found for "%s" are named in that language', async (language, place, dutch) => {
  const chat = await inLanguage(language);
  await chat.say(i18n.t(language, 'menu.choices.appointment'));
  const replies = await chat.say(place);
  expect(textOf(replies).join('\n')).not.toMatch(dutch);
  expect(titlesOf(replies).join(' ')).not.toMatch(dutch);
});

test.each([
  ['fr', 'mes rendez-vous'],
  ['fr', 'annuler mon rendez-vous'],
  ['nl', 'mijn afspraken'],
  ['nl-simple', 'mijn afspraken'],
  ['en', 'my appointments'],
  ['en', 'running late'],
] as [Language, string][])('in %s, "%s" reaches my appointments, never a new booking', async (language, message) => {
  const chat = await inLanguage(language);
  const replies = textOf(await chat.say(message));
  expect(replies[0]).toBe(i18n.t(language, 'booking.manage.none'));
  expect(replies).not.toContain(i18n.t(language, 'booking.askPlace'));
});
