import { Activity } from 'botbuilder';
import { demoDigibanks, mainConversationIn } from '../../../support/bookingConversation';
import { strictI18n as i18n } from '../../../support/conversation';

// Monday 23 November 2026, 09:00 in Brussels.
const NOW = new Date('2026-11-23T08:00:00Z');

const demo = demoDigibanks(NOW);

const textOf = (replies: Partial<Activity>[]) => replies.map((reply) => reply.text ?? '');
const t = (key: string, vars?: Record<string, string | number>) => i18n.t('nl', key, vars);

/** A person who chose Dutch, at the day question of a booking in Kortrijk. */
async function atDay() {
  const chat = await mainConversationIn(demo().prisma, NOW, 'nl');
  await chat.say('ik wil een afspraak maken');
  await chat.say('8500');
  const day = await chat.tap(0);
  expect(textOf(day)).toContain(t('booking.askDay'));
  return chat;
}

describe('another request at a question of the booking', () => {
  test.each(['mijn itsme werkt niet', 'mijn internet banking is geblokkeerd'])('"%s" at the day question gets its help, then the day question comes back', async (question) => {
    const chat = await atDay();
    const help = await chat.say(question);
    expect(textOf(help).join('\n')).not.toContain(t('booking.notUnderstood'));
    expect(textOf(help).join('\n')).not.toContain(t('booking.askDay'));
    // The help ends with its offers; the last one ("something else") ends it, and the day question comes back.
    const offers = help.at(-1)?.suggestedActions?.actions ?? [];
    const back = textOf(await chat.tap(offers.length - 1, help));
    expect(back).toEqual([t('answers.resume'), t('booking.askDay')]);
  });

  test('"waar blijft mijn laptop" at the day question is answered, then the day question comes back', async () => {
    const chat = await atDay();
    const replies = textOf(await chat.say('waar blijft mijn laptop'));
    expect(replies.slice(-2)).toEqual([t('answers.resume'), t('booking.askDay')]);
    expect(replies.length).toBeGreaterThan(2);
  });

  test('at the place question, "waar blijft mijn laptop" is answered, not searched as a town', async () => {
    const chat = await mainConversationIn(demo().prisma, NOW, 'nl');
    await chat.say('ik wil een afspraak maken');
    const replies = textOf(await chat.say('waar blijft mijn laptop'));
    expect(replies).not.toContain(t('booking.placeNotFound'));
  });
});

describe('answering the way people answer', () => {
  test('"terug" at the time question goes back to the day question, not out of the booking', async () => {
    const chat = await atDay();
    await chat.tap(0);
    expect(textOf(await chat.say('terug'))).toContain(t('booking.askDay'));
  });

  test('"terug" at the day question goes back to the place question', async () => {
    const chat = await atDay();
    expect(textOf(await chat.say('terug'))).toContain(t('booking.askPlace'));
  });

  test('"ja" confirms the booking', async () => {
    const chat = await atDay();
    await chat.tap(0);
    await chat.tap(0);
    const booked = textOf(await chat.say('ja'));
    expect(booked.join('\n')).not.toContain(t('booking.notUnderstood'));
    expect(await demo().prisma.booking.count({ where: { status: 'booked' } })).toBeGreaterThan(0);
  });

  test('a tap of an earlier question\'s button is not taken as this question\'s answer', async () => {
    const chat = await atDay();
    await chat.tap(0);
    const days = await chat.say('terug'); // the day question again, kept to tap later
    await chat.tap(0, days);
    const stale = textOf(await chat.tap(1, days));
    expect(stale[0]).toBe(t('answers.staleTap'));
  });
});
