import { Activity } from 'botbuilder';
import { seedDigibanks } from '../../../../prisma/seed/digibanks';
import { ReferenceCode } from '../../../../services/booking/referenceCode';
import { WhatToBring } from '../../../../services/booking/whatToBring';
import { BrusselsTime } from '../../../../i18n/brusselsTime';
import { Language } from '../../../../i18n/translator';
import { clockTime, longDate } from '../../../../i18n/dateText';
import { BOOKING_DIALOG, HOME_VISIT_DIALOG, MANAGE_BOOKING_DIALOG } from '../../../../dialogs/booking/bookingIds';
import { asSentence } from '../../../../dialogs/booking/manageBookingDialog';
import { createBookingConversation, titlesOf } from '../../../support/bookingConversation';
import { strictI18n as i18n } from '../../../support/conversation';
import { createTestDatabase, TestDatabase } from '../../../support/database';

// Monday 23 November 2026, 09:00 in Brussels: the dialogs' fixed clock.
const NOW = new Date('2026-11-23T08:00:00Z');

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('embedded');
  await seedDigibanks(db.prisma, NOW);
}, 60_000);
afterAll(() => db.drop());

const t = (language: Language, key: string, vars?: Record<string, string | number>) => i18n.t(language, key, vars);
const textOf = (replies: Partial<Activity>[]) => replies.map((reply) => reply.text ?? '').join('\n');
const conversation = (options: { language?: Language; userId?: string } = {}) => createBookingConversation({ prisma: db.prisma, now: NOW, ...options });

/** Books a helpdesk slot at a postcode on a typed day, the time at `choice`. */
async function book(chat: ReturnType<typeof conversation>, postcode: string, day: string, choice = '1') {
  await chat.start(BOOKING_DIALOG, { topic: 'banking' });
  await chat.say(postcode);
  await chat.say('1');
  await chat.say(day);
  await chat.say(choice);
  await chat.say('1');
  return db.prisma.booking.findFirstOrThrow({ where: { personId: await chat.personId(), status: 'booked' }, orderBy: { createdAt: 'desc' }, include: { slot: true } });
}

describe('home visit', () => {
  test('reason, postcode served, day and time, address last, confirmed with notes for the volunteer', async () => {
    const chat = conversation();
    const reasons = await chat.start(HOME_VISIT_DIALOG, { topic: 'eid_itsme' });
    expect(textOf(reasons)).toBe(t('nl', 'booking.homeVisit.askReason'));
    expect(titlesOf(reasons)).toEqual(['mobility', 'health', 'care'].map((id) => t('nl', `booking.homeVisit.choices.${id}`)));
    expect(textOf(await chat.say('1'))).toBe(t('nl', 'booking.homeVisit.askPostcode'));
    expect(textOf(await chat.say('8970'))).toBe(t('nl', 'booking.askDay'));
    // Visits need a day's notice: Tuesday is the first day.
    const times = await chat.say('morgen');
    expect(textOf(times)).toBe(t('nl', 'booking.askTime', { date: longDate('nl', '2026-11-24') }));
    expect(titlesOf(times)[0]).toBe('09:30');
    expect(textOf(await chat.say('1'))).toBe(t('nl', 'booking.homeVisit.askAddress'));
    const summary = await chat.say('Grote Markt 1');
    expect(textOf(summary)).toBe(t('nl', 'booking.homeVisit.summary', { date: longDate('nl', '2026-11-24'), time: '09:30', address: 'Grote Markt 1', postcode: '8970' }));
    const done = textOf(await chat.say('1'));
    const booking = await db.prisma.booking.findFirstOrThrow({ where: { personId: await chat.personId() } });
    expect(booking).toMatchObject({ kind: 'home_visit', postcode: '8970', topic: 'eid_itsme' });
    expect(booking.notes).toContain('mobility');
    expect(booking.notes).toContain('Grote Markt 1');
    expect(done).toContain(ReferenceCode.format(booking.reference));
    for (const item of WhatToBring.itemsFor('eid_itsme', 'home_visit')) expect(done).toContain(t('nl', `booking.items.${item}`));
    expect(done).not.toContain(t('nl', 'booking.items.reading_glasses'));
  });

  test('a postcode not served: the nearest helpdesk, then booking there or a person', async () => {
    const chat = conversation({ language: 'fr' });
    await chat.start(HOME_VISIT_DIALOG);
    await chat.say('2');
    const notServed = await chat.say('1000');
    const brussel = await db.prisma.location.findFirstOrThrow({ where: { postcode: '1000' } });
    expect(textOf(notServed)).toBe(
      [
        t('fr', 'booking.homeVisit.notServed', { postcode: '1000' }),
        t('fr', 'booking.homeVisit.nearest', { place: brussel.name, address: `${brussel.address}, 1000 Brussel`, phone: brussel.phone ?? '-' }),
        t('fr', 'booking.homeVisit.afterNotServed'),
      ].join('\n'),
    );
    expect(titlesOf(notServed)).toEqual(['helpdesk', 'person', 'menu'].map((id) => t('fr', `booking.homeVisit.choices.${id}`)));
    expect(textOf(await chat.say('1'))).toBe(t('fr', 'booking.askDay'));
  });
});

describe('my appointments', () => {
  test('none yet', async () => {
    const chat = conversation();
    expect(textOf(await chat.start(MANAGE_BOOKING_DIALOG))).toBe(t('nl', 'booking.manage.none'));
  });

  test('cancel: confirmed, the place is free at once and can be booked again', async () => {
    const chat = conversation();
    const booking = await book(chat, '3000', 'morgen');
    expect(booking.slot?.booked).toBe(1);
    const date = longDate('nl', BrusselsTime.localDate(booking.startsAt));
    const time = clockTime('nl', booking.startsAt);
    const listed = await chat.start(MANAGE_BOOKING_DIALOG);
    expect(textOf(listed)).toContain(ReferenceCode.format(booking.reference));
    expect(textOf(listed)).toContain(asSentence(t('nl', 'booking.manage.whatToDo', { date, time })));
    expect(titlesOf(listed)).toEqual(['cancel', 'move', 'keep'].map((id) => t('nl', `booking.manage.choices.${id}`)));
    expect(textOf(await chat.say('1'))).toBe(t('nl', 'booking.manage.confirmCancel', { date, time }));
    expect(textOf(await chat.say(t('nl', 'booking.manage.choices.yes')))).toBe(t('nl', 'booking.manage.cancelled', { date, time }));
    const slot = await db.prisma.helpdeskSlot.findUniqueOrThrow({ where: { id: booking.slotId as string } });
    expect(slot.booked).toBe(0);
    expect((await db.prisma.booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe('cancelled');
    // Someone else takes the freed place.
    const other = await book(conversation(), '3000', 'morgen');
    expect(other.slotId).toBe(booking.slotId);
  });

  test('move: the day and time steps at the same place; the old place is freed, the reference kept', async () => {
    const chat = conversation({ language: 'en' });
    const booking = await book(chat, '9000', 'tomorrow');
    await chat.start(MANAGE_BOOKING_DIALOG);
    expect(textOf(await chat.say(t('en', 'booking.manage.choices.move')))).toBe(t('en', 'booking.askDay'));
    await chat.say('Friday');
    const summary = await chat.say('2');
    expect(textOf(summary).startsWith(t('en', 'booking.summaryMove', { place: '', address: '', date: '', time: '' }).split('\n')[0])).toBe(true);
    const done = textOf(await chat.say('1'));
    const moved = await db.prisma.booking.findUniqueOrThrow({ where: { id: booking.id }, include: { slot: true } });
    expect(BrusselsTime.localDate(moved.startsAt)).toBe('2026-11-27');
    expect(moved.reference).toBe(booking.reference);
    expect(moved.slot?.booked).toBe(1);
    expect((await db.prisma.helpdeskSlot.findUniqueOrThrow({ where: { id: booking.slotId as string } })).booked).toBe(0);
    expect(done).toContain(ReferenceCode.format(booking.reference));
  });

  test('move a home visit: straight to day and time, same address notes and reference, the old time freed', async () => {
    const chat = conversation({ language: 'fr' });
    await chat.start(HOME_VISIT_DIALOG, { topic: 'banking' });
    await chat.say('1');
    await chat.say('8970');
    await chat.say('demain');
    await chat.say('1');
    await chat.say('Grote Markt 1');
    await chat.say('1');
    const visit = await db.prisma.booking.findFirstOrThrow({ where: { personId: await chat.personId(), kind: 'home_visit' } });
    await chat.start(MANAGE_BOOKING_DIALOG);
    expect(textOf(await chat.say(t('fr', 'booking.manage.choices.move')))).toBe(t('fr', 'booking.askDay'));
    await chat.say('vendredi');
    const summary = textOf(await chat.say('2'));
    const done = textOf(await chat.say('1'));
    const moved = await db.prisma.booking.findUniqueOrThrow({ where: { id: visit.id } });
    expect(BrusselsTime.localDate(moved.startsAt)).toBe('2026-11-27');
    expect(summary).toBe(t('fr', 'booking.homeVisit.summaryMove', { date: longDate('fr', '2026-11-27'), time: clockTime('fr', moved.startsAt), postcode: '8970' }));
    expect(moved).toMatchObject({ status: 'booked', reference: visit.reference, notes: visit.notes, topic: 'banking', postcode: '8970' });
    expect(done.startsWith(t('fr', 'booking.homeVisit.moved', { reference: ReferenceCode.format(visit.reference), date: longDate('fr', '2026-11-27'), time: clockTime('fr', moved.startsAt) }))).toBe(true);
    // The volunteer's old time is free again.
    expect(await db.prisma.booking.count({ where: { volunteerId: visit.volunteerId, startsAt: visit.startsAt, status: 'booked' } })).toBe(0);
  });

  test('several appointments: chosen by number or by typed reference code', async () => {
    const chat = conversation();
    const first = await book(chat, '2440', 'morgen');
    await book(chat, '2440', 'overmorgen');
    const listed = await chat.start(MANAGE_BOOKING_DIALOG);
    expect(textOf(listed)).toContain(t('nl', 'booking.manage.chooseBooking'));
    expect(titlesOf(listed)).toHaveLength(2);
    const actions = await chat.say(ReferenceCode.format(first.reference).toLowerCase());
    expect(textOf(actions)).toBe(asSentence(t('nl', 'booking.manage.whatToDo', { date: longDate('nl', '2026-11-24'), time: clockTime('nl', first.startsAt) })));
    expect(textOf(await chat.say('3'))).toBe(t('nl', 'booking.manage.kept'));
  });
});

describe('composed lines are sentences', () => {
  test.each(['nl', 'nl-simple', 'fr', 'en'] as Language[])('in %s, the appointment and the question about it start with a capital', async (language) => {
    const chat = conversation({ language });
    await book(chat, '3000', language === 'fr' ? 'demain' : language === 'en' ? 'tomorrow' : 'morgen');
    await book(chat, '8500', language === 'fr' ? 'demain' : language === 'en' ? 'tomorrow' : 'morgen', '4');
    const listed = textOf(await chat.start(MANAGE_BOOKING_DIALOG));
    const lines = listed.split('\n').filter((line) => /^\d+\. /.test(line)).map((line) => line.replace(/^\d+\. /, ''));
    expect(lines.length).toBe(2);
    for (const line of lines) expect(line.charAt(0)).toBe(line.charAt(0).toLocaleUpperCase());
    const asked = textOf(await chat.say('1'));
    expect(asked.charAt(0)).toBe(asked.charAt(0).toLocaleUpperCase());
  });
});
