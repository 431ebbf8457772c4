import { Activity } from 'botbuilder';
import { demoDigibanks, mainConversationIn, titlesOf } from '../../../support/bookingConversation';
import { strictI18n as i18n } from '../../../support/conversation';

/**
 * "Simpler" and "again" in the middle of a booking the triage started (the booking dialog sits in
 * the main dialog, under the triage): the question comes back, in the simplified variant for
 * "simpler", with the same choices, and the booking goes on.
 */

// Monday 23 November 2026, 09:00 in Brussels.
const NOW = new Date('2026-11-23T08:00:00Z');
const db = demoDigibanks(NOW);
const textOf = (replies: Partial<Activity>[]) => replies.map((reply) => reply.text ?? '').join('\n');

async function atDays() {
  const chat = await mainConversationIn(db().prisma, NOW, 'nl');
  await chat.say('ik wil een afspraak maken');
  await chat.say('Kortrijk');
  const days = await chat.tap(0);
  expect(textOf(days)).toBe(i18n.t('nl', 'booking.askDay'));
  return { chat, days };
}

test('"nog eens" at the day asks the day again, with the same days', async () => {
  const { chat, days } = await atDays();
  const again = await chat.say('nog eens');
  expect(textOf(again)).toBe(i18n.t('nl', 'booking.askDay'));
  expect(titlesOf(again)).toEqual(titlesOf(days));
});

test('"simpeler" at the day: eenvoudig Nederlands from now on, the day asked in it, and the booking goes on', async () => {
  const { chat, days } = await atDays();
  const simpler = await chat.say('simpeler');
  expect(textOf(simpler)).toBe(`${i18n.t('nl-simple', 'language.confirmed')}\n${i18n.t('nl-simple', 'booking.askDay')}`);
  expect(titlesOf(simpler)).toEqual(titlesOf(days));
  const times = await chat.tap(0);
  expect(textOf(times).startsWith(i18n.t('nl-simple', 'booking.askTime', { date: 'DATE' }).split('DATE')[0])).toBe(true);
});

test('"help" at the day explains, then asks the day again', async () => {
  const { chat } = await atDays();
  expect(textOf(await chat.say('help'))).toBe(`${i18n.t('nl', 'common.help')}\n${i18n.t('nl', 'booking.askDay')}`);
});
