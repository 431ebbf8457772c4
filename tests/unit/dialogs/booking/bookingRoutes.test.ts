import { Activity } from 'botbuilder';
import { seedDigibanks } from '../../../../prisma/seed/digibanks';
import { createMainConversation } from '../../../support/bookingConversation';
import { loadTriage, strictI18n as i18n, testTriage } from '../../../support/conversation';
import { createTestDatabase, TestDatabase } from '../../../support/database';

// Monday 23 November 2026, 09:00 in Brussels.
const NOW = new Date('2026-11-23T08:00:00Z');

let db: TestDatabase;
beforeAll(async () => {
  await loadTriage();
  db = await createTestDatabase('embedded');
  await seedDigibanks(db.prisma, NOW);
}, 60_000);
afterAll(() => db.drop());

const textOf = (replies: Partial<Activity>[]) => replies.map((reply) => reply.text ?? '');

/** The bot with a person who chose Dutch (the menu was shown). */
async function inDutch() {
  const chat = createMainConversation({ prisma: db.prisma, now: NOW, triage: testTriage() });
  await chat.say('👋');
  await chat.say(i18n.t('nl', 'language.choices.name'));
  return chat;
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
