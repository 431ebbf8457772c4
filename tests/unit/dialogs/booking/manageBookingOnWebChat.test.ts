import { Activity } from 'botbuilder';
import { seedDigibanks } from '../../../../prisma/seed/digibanks';
import { ReferenceCode } from '../../../../services/booking/referenceCode';
import { Language } from '../../../../i18n/translator';
import { BOOKING_DIALOG, MANAGE_BOOKING_DIALOG } from '../../../../dialogs/booking/bookingIds';
import { WRONG_IN_A_ROW, WRONG_PER_CONVERSATION } from '../../../../dialogs/ownershipAccess';
import { createBookingConversation } from '../../../support/bookingConversation';
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
let pages = 0;
/** A web chat page: a new conversation, of the same visitor when `userId` is given. */
const webChat = (options: { language?: Language; userId?: string } = {}) =>
  createBookingConversation({ prisma: db.prisma, now: NOW, channelId: 'webchat', conversationId: `page-${(pages += 1)}`, ...options });

/** Books a helpdesk slot in 8500 (Kortrijk) on Wednesday; returns the booking with its place's postcode. */
async function book(chat: ReturnType<typeof createBookingConversation>) {
  await chat.start(BOOKING_DIALOG, { topic: 'banking' });
  await chat.say('8500');
  await chat.say('1');
  await chat.say('woensdag');
  await chat.say('1');
  const done = await chat.say('1');
  const booking = await db.prisma.booking.findFirstOrThrow({ where: { personId: await chat.personId(), status: 'booked' }, orderBy: { createdAt: 'desc' }, include: { location: true } });
  return { booking, postcode: booking.location!.postcode, confirmation: textOf(done) };
}

/** The personal details of a booking that must not show before it is proved. */
function personalDetails(booking: { reference: string; location: { name: string } | null }): string[] {
  return [ReferenceCode.format(booking.reference), booking.location?.name ?? ''].filter(Boolean);
}

describe('"my appointments" on web chat needs the code and the postcode or phone number', () => {
  test('without them nothing personal is shown; with them the booking is listed and can be cancelled', async () => {
    const owner = createBookingConversation({ prisma: db.prisma, now: NOW, channelId: 'whatsapp', userId: '32470123456' });
    const { booking, postcode } = await book(owner);

    const visitor = webChat();
    const asked = textOf(await visitor.start(MANAGE_BOOKING_DIALOG));
    expect(asked).toBe(t('nl', 'proof.askCode.bookings'));
    for (const detail of personalDetails(booking)) expect(asked).not.toContain(detail);

    const code = ReferenceCode.format(booking.reference);
    expect(textOf(await visitor.say(code.toLowerCase()))).toBe(t('nl', 'proof.askSecret.bookings', { reference: code }));
    const listed = textOf(await visitor.say(postcode));
    expect(listed).toContain(code);
    expect(listed).toContain(booking.location!.name);
    await visitor.say(t('nl', 'booking.manage.choices.cancel'));
    const cancelled = textOf(await visitor.say(t('nl', 'booking.manage.choices.yes')));
    expect(cancelled).toContain(t('nl', 'booking.manage.cancelled', { date: '', time: '' }).slice(0, 12));
    expect((await db.prisma.booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe('cancelled');
  });

  test('the phone number a WhatsApp booking came from also proves it, typed with the code in one message', async () => {
    const owner = createBookingConversation({ prisma: db.prisma, now: NOW, channelId: 'whatsapp', userId: '32470555666', language: 'fr' });
    const { booking } = await book(owner);
    const visitor = webChat({ language: 'fr' });
    expect(textOf(await visitor.start(MANAGE_BOOKING_DIALOG))).toBe(t('fr', 'proof.askCode.bookings'));
    const listed = textOf(await visitor.say(`${ReferenceCode.format(booking.reference)} 0470 55 56 66`));
    expect(listed).toContain(ReferenceCode.format(booking.reference));
    expect(listed).toContain(t('fr', 'booking.manage.whatToDo', { date: '', time: '' }).split(' ')[0]);
  });

  test('a booking made in this web chat conversation is listed without asking; a new page of the same visitor asks again', async () => {
    const page = webChat({ userId: 'web_sharedpc0000000000000' });
    const { booking } = await book(page);
    const listed = textOf(await page.start(MANAGE_BOOKING_DIALOG));
    expect(listed).toContain(ReferenceCode.format(booking.reference));

    const nextPage = webChat({ userId: 'web_sharedpc0000000000000' });
    const asked = textOf(await nextPage.start(MANAGE_BOOKING_DIALOG));
    expect(asked).toBe(t('nl', 'proof.askCode.bookings'));
    expect(asked).not.toContain(ReferenceCode.format(booking.reference));
  });

  test('wrong pairs: the same answer for an unknown code and a wrong postcode; a person after three in a row; no more checks after the conversation\'s limit', async () => {
    const owner = createBookingConversation({ prisma: db.prisma, now: NOW, channelId: 'sms', userId: '+32470777888' });
    const { booking, postcode } = await book(owner);
    const code = ReferenceCode.format(booking.reference);
    const otherCode = ReferenceCode.format(ReferenceCode.generate());
    const visitor = webChat({ language: 'en' });
    await visitor.start(MANAGE_BOOKING_DIALOG);
    const wrongPostcode = postcode === '9000' ? '1000' : '9000';
    expect(textOf(await visitor.say(`${code} ${wrongPostcode}`))).toBe(`${t('en', 'proof.wrong.bookings')}\n${t('en', 'proof.askCode.bookings')}`);
    expect(textOf(await visitor.say(`${otherCode} ${postcode}`))).toBe(`${t('en', 'proof.wrong.bookings')}\n${t('en', 'proof.askCode.bookings')}`);
    const third = textOf(await visitor.say(`${code} 0470 000 000`));
    expect(WRONG_IN_A_ROW).toBe(3);
    // Three in a row: the offer of a person (here, run without the main dialog: where to find one).
    expect(third).toBe(`${t('en', 'proof.wrongAgain.bookings')}\n${t('en', 'proof.stuck')}`);
    for (let tries = 3; tries < WRONG_PER_CONVERSATION - 1; tries += 1) {
      await visitor.start(MANAGE_BOOKING_DIALOG);
      await visitor.say(`${code} ${wrongPostcode}`);
    }
    await visitor.start(MANAGE_BOOKING_DIALOG);
    expect(textOf(await visitor.say(`${code} ${wrongPostcode}`))).toBe(`${t('en', 'proof.locked')}\n${t('en', 'proof.stuck')}`);
    // Even the right pair is not checked any more in this conversation.
    expect(textOf(await visitor.start(MANAGE_BOOKING_DIALOG))).toBe(`${t('en', 'proof.locked')}\n${t('en', 'proof.stuck')}`);
    expect((await db.prisma.booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe('booked');
  });

  test('a booking proved on web chat is moved for the person who made it', async () => {
    const owner = createBookingConversation({ prisma: db.prisma, now: NOW, channelId: 'whatsapp', userId: '32470999000' });
    const { booking, postcode } = await book(owner);
    const visitor = webChat();
    await visitor.start(MANAGE_BOOKING_DIALOG);
    await visitor.say(`${ReferenceCode.format(booking.reference)} ${postcode}`);
    expect(textOf(await visitor.say(t('nl', 'booking.manage.choices.move')))).toBe(t('nl', 'booking.askDay'));
    await visitor.say('donderdag');
    await visitor.say('1');
    const moved = textOf(await visitor.say('1'));
    expect(moved).toContain(ReferenceCode.format(booking.reference));
    const after = await db.prisma.booking.findUniqueOrThrow({ where: { id: booking.id } });
    expect(after.personId).toBe(booking.personId);
    expect(after.startsAt.getTime()).not.toBe(booking.startsAt.getTime());
  });
});
