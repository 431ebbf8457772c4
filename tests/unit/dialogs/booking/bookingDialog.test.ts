import { Activity } from 'botbuilder';
import { seedDigibanks } from '../../../../prisma/seed/digibanks';
import { ReferenceCode } from '../../../../services/booking/referenceCode';
import { WhatToBring } from '../../../../services/booking/whatToBring';
import { BrusselsTime } from '../../../../i18n/brusselsTime';
import { Language } from '../../../../i18n/translator';
import { longDate } from '../../../../i18n/dateText';
import { BOOKING_DIALOG } from '../../../../dialogs/booking/bookingIds';
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
const conversation = (options: { language?: Language; channelId?: string } = {}) => createBookingConversation({ prisma: db.prisma, now: NOW, ...options });
const locationIn = (postcode: string) => db.prisma.location.findFirstOrThrow({ where: { postcode } });

/** Starts a booking and chooses the first place found for `place`. */
async function atDays(place: string, language: Language = 'nl', options: { channelId?: string; topic?: string } = {}) {
  const chat = conversation({ language, channelId: options.channelId });
  expect(textOf(await chat.start(BOOKING_DIALOG, { topic: options.topic }))).toBe(t(language, 'booking.askPlace'));
  const places = await chat.say(place);
  expect(titlesOf(places).at(-1)).toBe(t(language, 'booking.choices.otherPlace'));
  const days = await chat.say('1');
  expect(textOf(days)).toBe(t(language, 'booking.askDay'));
  return { chat, places, days };
}

/** From the day question: a day, the first time, yes. */
async function bookFirstTime(chat: ReturnType<typeof conversation>, day: string, language: Language = 'nl') {
  await chat.say(day);
  const summary = await chat.say('1');
  expect(titlesOf(summary)).toEqual([t(language, 'booking.choices.yes'), t(language, 'booking.choices.otherTime')]);
  return chat.say('1');
}

test('by postcode: place, day, time, summary, booking with reference, address and what to bring', async () => {
  const ieper = await locationIn('8900');
  const { chat, places } = await atDays('8900', 'nl', { topic: 'tax' });
  expect(textOf(places)).toContain(t('nl', 'booking.placesFound'));
  expect(textOf(places)).toContain(ieper.name);
  const times = await chat.say('morgen');
  expect(textOf(times)).toBe(t('nl', 'booking.askTime', { date: longDate('nl', '2026-11-24') }));
  expect(titlesOf(times).slice(0, 2)).toEqual(['09:00', '09:30']);
  expect(titlesOf(times).at(-1)).toBe(t('nl', 'booking.choices.otherDay'));
  const summary = await chat.say('10:30');
  expect(textOf(summary)).toBe(t('nl', 'booking.summary', { place: ieper.name, address: `${ieper.address}, 8900 Ieper`, date: longDate('nl', '2026-11-24'), time: '10:30' }));
  const done = await chat.say(t('nl', 'booking.choices.yes'));

  const booking = await db.prisma.booking.findFirstOrThrow({ where: { personId: await chat.personId() }, include: { slot: true } });
  expect(booking.topic).toBe('tax');
  expect(BrusselsTime.localDate(booking.startsAt)).toBe('2026-11-24');
  expect(BrusselsTime.localTime(booking.startsAt)).toBe('10:30');
  expect(booking.slot?.booked).toBe(1);
  const text = textOf(done);
  expect(text).toContain(ReferenceCode.format(booking.reference));
  expect(text.startsWith(t('nl', 'booking.confirmed', { reference: ReferenceCode.format(booking.reference), place: ieper.name, address: `${ieper.address}, 8900 Ieper`, date: longDate('nl', '2026-11-24'), time: '10:30' }))).toBe(true);
  for (const item of WhatToBring.itemsFor('tax')) expect(text).toContain(t('nl', `booking.items.${item}`));
  expect(done[0].attachments ?? []).toEqual([]);
});

test('by a misspelt municipality: "Did you mean Kortrijk?"', async () => {
  const { places } = await atDays('Kortrik');
  expect(textOf(places).startsWith(t('nl', 'booking.placesSimilar', { name: 'Kortrijk' }))).toBe(true);
  expect(titlesOf(places)[0]).toBe('8500 Kortrijk');
});

test('a postcode without a digibank: the nearest ones of the region', async () => {
  const { places } = await atDays('8970 ');
  expect(titlesOf(places)[0]).toBe('8970 Poperinge');
  const chat = conversation();
  await chat.start(BOOKING_DIALOG);
  // Langemark (8920) has no helpdesk; the Westhoek digibank serves it.
  const nearby = await chat.say('8920');
  expect(textOf(nearby).startsWith(t('nl', 'booking.placesNearby'))).toBe(true);
  expect(titlesOf(nearby)).toContain('8900 Ieper');
});

test('a shared WhatsApp location: the nearest digibanks first, with their distance', async () => {
  const chat = conversation({ channelId: 'whatsapp' });
  expect(textOf(await chat.start(BOOKING_DIALOG))).toBe(t('nl', 'booking.askPlaceWhatsApp'));
  const places = await chat.say({ text: '', channelData: { location: { latitude: 51.16, longitude: 4.99 } } });
  expect(textOf(places).startsWith(t('nl', 'booking.placesNearest'))).toBe(true);
  expect(titlesOf(places)[0]).toBe('2440 Geel');
  expect(textOf(places)).toMatch(/km\)/);
});

test.each([
  ['nl', 'Xyzzyville'],
  ['fr', 'Zzyzx'],
  ['en', 'Atlantis'],
] as [Language, string][])('in %s, an unknown place "%s" is asked again in one message (one SMS), then found', async (language, place) => {
  const chat = conversation({ language });
  await chat.start(BOOKING_DIALOG);
  expect(textOf(await chat.say(place))).toBe(t(language, 'booking.placeNotFound'));
  expect(textOf(await chat.say(place))).toBe(t(language, 'booking.placeNotFound'));
  expect(titlesOf(await chat.say('8900'))[0]).toMatch(/^8900 (Ieper|Ypres)$/);
});

test.each([
  ['nl', 'volgende dinsdag', '2026-11-24'],
  ['nl', '26/11', '2026-11-26'],
  ['nl', '27 november', '2026-11-27'],
  ['nl-simple', 'morgen', '2026-11-24'],
  ['fr', 'demain', '2026-11-24'],
  ['fr', 'mardi prochain', '2026-11-24'],
  ['en', 'next Tuesday', '2026-11-24'],
  ['en', 'November 26', '2026-11-26'],
] as const)('%s: the typed day "%s" is understood', async (language, typed, date) => {
  const { chat } = await atDays('Gent', language);
  const times = await chat.say(typed);
  expect(textOf(times)).toBe(t(language, 'booking.askTime', { date: longDate(language, date) }));
});

test('offered days are choices; dates are written in the person\'s language', async () => {
  const { days } = await atDays('Leuven', 'fr');
  expect(titlesOf(days)).toHaveLength(5);
  expect(titlesOf(days)[0]).toMatch(/^lun\. 23 nov/);
  for (const title of titlesOf(days)) expect([...title].length).toBeLessThanOrEqual(20);
});

test('a day with nothing free: the next free times are offered', async () => {
  const veurne = await locationIn('8630');
  // Veurne opens on Tuesday morning and Thursday afternoon: fill Tuesday 24 November.
  const tuesday = await db.prisma.helpdeskSlot.findMany({ where: { locationId: veurne.id, startsAt: { gte: BrusselsTime.startOfDay('2026-11-24'), lt: BrusselsTime.startOfDay('2026-11-25') } } });
  expect(tuesday.length).toBeGreaterThan(0);
  await db.prisma.helpdeskSlot.updateMany({ where: { id: { in: tuesday.map((slot) => slot.id) } }, data: { capacity: 0 } });
  const { chat } = await atDays('Veurne');
  const times = await chat.say('24/11');
  // The next free day is Thursday: its times.
  expect(textOf(times)).toBe(`${t('nl', 'booking.dayFull', { date: longDate('nl', '2026-11-24') })}\n${t('nl', 'booking.askTime', { date: longDate('nl', '2026-11-26') })}`);
  expect(titlesOf(times)[0]).toBe('13:30');
});

test('the slot is taken before the confirmation: "full" and the next free slots', async () => {
  const tongeren = await locationIn('3700');
  const { chat } = await atDays('Tongeren');
  await chat.say('dinsdag');
  await chat.say('09:00');
  const slot = await db.prisma.helpdeskSlot.findFirstOrThrow({ where: { locationId: tongeren.id, startsAt: BrusselsTime.toInstant('2026-11-24', '09:00') } });
  const other = createBookingConversation({ prisma: db.prisma, now: NOW });
  const someone = await other.services.people!.personIdFor({ activity: { channelId: 'test', from: { id: 'someone-else' } } } as never);
  expect((await other.services.booking!.bookings.book({ personId: someone, slotId: slot.id }, NOW)).kind).toBe('booked');

  const full = await chat.say('1');
  expect(textOf(full)).toBe(`${t('nl', 'booking.full')}\n${t('nl', 'booking.askTime', { date: longDate('nl', '2026-11-24') })}`);
  expect(titlesOf(full)[0]).toBe('09:30');
  await chat.say('1');
  const done = await chat.say('1');
  expect(textOf(done)).toContain(t('nl', 'booking.bring', { items: '' }).trim());
  expect((await db.prisma.helpdeskSlot.findUniqueOrThrow({ where: { id: slot.id } })).booked).toBe(1);
});

test('the same person twice at the same time: the overlap is explained', async () => {
  const first = await atDays('2000');
  await bookFirstTime(first.chat, 'overmorgen');
  const second = createBookingConversation({ prisma: db.prisma, now: NOW, userId: first.chat.userId });
  await second.start(BOOKING_DIALOG);
  await second.say('2000');
  await second.say('1');
  await second.say('overmorgen');
  await second.say('1');
  expect(textOf(await second.say('1'))).toBe(t('nl', 'booking.overlap', { date: longDate('nl', '2026-11-25'), time: '13:30' }));
});

test('web chat gets the appointment as an ICS file; other channels do not', async () => {
  const { chat } = await atDays('Brussel', 'en', { channelId: 'webchat' });
  const done = await bookFirstTime(chat, 'tomorrow', 'en');
  const [attachment] = done.at(-1)?.attachments ?? [];
  expect(attachment).toMatchObject({ contentType: 'text/calendar', name: 'afspraak.ics' });
  const ics = Buffer.from(String(attachment.contentUrl).replace('data:text/calendar;base64,', ''), 'base64').toString('utf8');
  const booking = await db.prisma.booking.findFirstOrThrow({ where: { personId: await chat.personId() } });
  expect(ics).toContain('BEGIN:VCALENDAR');
  expect(ics).toContain(`DTSTART:${booking.startsAt.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')}`);
  expect(ics.replace(/\r\n /g, '')).toContain(ReferenceCode.format(booking.reference));

  const sms = await atDays('Brussel', 'en');
  const plain = await bookFirstTime(sms.chat, 'tomorrow', 'en');
  expect(plain.at(-1)?.attachments ?? []).toEqual([]);
});

test.each([
  ['nl', 'ja', 'booked'],
  ['fr', 'oui', 'booked'],
  ['en', 'yes', 'booked'],
  ['nl', 'oui', 'booked'],
  ['en', 'no', 'otherTime'],
] as const)('the confirmation understands yes/no words (%s: "%s")', async (language, word, outcome) => {
  const { chat } = await atDays('8900', language);
  await chat.say('1');
  const before = await db.prisma.booking.count({ where: { status: 'booked' } });
  const summary = await chat.say('1');
  expect(titlesOf(summary)).toEqual([t(language, 'booking.choices.yes'), t(language, 'booking.choices.otherTime')]);
  const answer = await chat.say(word);
  const booked = (await db.prisma.booking.count({ where: { status: 'booked' } })) - before;
  if (outcome === 'booked') {
    expect(booked).toBe(1);
  } else {
    expect(booked).toBe(0);
    expect(textOf(answer)).not.toContain(t(language, 'booking.notUnderstood'));
  }
});
