import { startApp } from '../../../../app/app';
import { ErasureService } from '../../../../services/privacy/erasureService';
import { loadConfig } from '../../../../app/config';
import { translator, type Language } from '../../../../i18n/translator';
import { validIban, validNationalNumber } from '../../../../services/privacy/masking';
import { dumpDatabase, findIn } from '../../../support/databaseDump';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../../support/database';
import { FakeProviders } from '../../../support/fakeProviders';
import { ChannelDriver, SmsDriver, Turn, WhatsAppDriver } from '../../../journeys/support/drivers';
import { JOURNEY_SECRETS, JourneyServer } from '../../../journeys/support/journeyServer';
import { findChoice } from '../../../journeys/support/runJourney';
import type { Pick } from '../../../journeys/support/journey';

/** A WhatsApp person with a real Belgian mobile number (wa_id: country code, no +). */
class WhatsAppPerson extends WhatsAppDriver {
  override readonly conversationId = '32470123456';
}

/** An SMS person (Twilio's From: E.164). */
class SmsPerson extends SmsDriver {
  override readonly conversationId = '+32471654321';
}

/** What each person tells the assistant, and every form their number may take in the database. */
const PEOPLE = {
  whatsapp: {
    language: 'nl' as Language,
    name: 'Jan Vermeulen',
    nationalNumber: '85.07.30-033.28',
    iban: 'BE68 5390 0754 7034',
    email: 'jan.vermeulen@example.be',
    numbers: ['+32470123456', '32470123456', '0470123456', '0470 12 34 56', '470123456'],
    erase: 'verwijder mijn gegevens',
  },
  sms: {
    language: 'fr' as Language,
    name: 'Fatima Benali',
    nationalNumber: '01.02.03-123.45',
    iban: 'BE71 0961 2345 6769',
    email: 'fatima.benali@example.org',
    numbers: ['+32471654321', '32471654321', '0471654321', '0471 65 43 21', '471654321'],
    erase: 'supprimer mes données',
  },
};

const WORDS = {
  nl: { hello: 'Goeiendag', book: 'ik wil een afspraak maken', town: 'Kortrijk', place: /Kortrijk/ },
  fr: { hello: 'Bonjour', book: 'je voudrais prendre un rendez-vous', town: 'Courtrai', place: /Kortrijk|Courtrai/ },
} as const;

function tap(driver: ChannelDriver, turn: Turn, pick: Pick, language: Language): Promise<Turn> {
  const offered = [...turn.replies].reverse().find((reply) => reply.choices.length)?.choices ?? [];
  const choice = findChoice(offered, pick, language);
  if (!choice) throw new Error(`no choice ${JSON.stringify(pick)} in ${JSON.stringify(turn.replies.map((r) => r.text))}`);
  return driver.tap(choice);
}

/** The person talks to the assistant: name, national register number, IBAN, e-mail and phone, an appointment; then asks to be forgotten. */
async function converse(driver: ChannelDriver, who: (typeof PEOPLE)['whatsapp']): Promise<void> {
  const words = WORDS[who.language as 'nl' | 'fr'];
  await driver.say(`${words.hello}, ik ben ${who.name}`.replace('ik ben', who.language === 'fr' ? 'je suis' : 'ik ben'));
  await driver.say(`${who.language === 'fr' ? 'mon numéro national est' : 'mijn rijksregisternummer is'} ${who.nationalNumber}, IBAN ${who.iban}`);
  await driver.say(`${who.language === 'fr' ? 'écrivez-moi à' : 'mail me op'} ${who.email} ${who.language === 'fr' ? 'ou appelez le' : 'of bel'} ${who.numbers[3]}`);
  await driver.say(words.book);
  let turn = await driver.say(words.town);
  turn = await tap(driver, turn, { title: words.place }, who.language);
  turn = await tap(driver, turn, { index: 0 }, who.language);
  turn = await tap(driver, turn, { index: 0 }, who.language);
  await tap(driver, turn, { key: 'booking.choices.yes' }, who.language);
  turn = await driver.say(who.erase);
  expect(turn.replies.map((r) => r.text).join('\n')).toContain(translator.t(who.language, 'privacy.forgetMe.confirm'));
  turn = await tap(driver, turn, { key: 'privacy.choices.forgetMe' }, who.language);
  // The last confirmation went out before anything was erased.
  expect(turn.replies.map((r) => r.text).join('\n')).toContain(translator.t(who.language, 'privacy.forgetMe.done').slice(0, 20));
}

describe.each(databaseKinds)('erasure on %s: a confirmed "forget me" on WhatsApp and SMS leaves nothing of the person', (kind) => {
  let db: TestDatabase;
  let server: JourneyServer;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    const fake = await new FakeProviders().start();
    const s = JOURNEY_SECRETS;
    const app = await startApp(loadConfig({
      PORT: '0', DATA_DIR: 'memory://', SEED_DEMO_DATA: 'true', PUBLIC_BASE_URL: s.publicBaseUrl,
      WHATSAPP_VERIFY_TOKEN: 'journey-verify', WHATSAPP_APP_SECRET: s.whatsAppAppSecret, WHATSAPP_TOKEN: 'journey-graph-token',
      WHATSAPP_PHONE_NUMBER_ID: s.whatsAppPhoneId, WHATSAPP_API_URL: fake.graphUrl,
      TWILIO_ACCOUNT_SID: s.twilioSid, TWILIO_AUTH_TOKEN: s.twilioToken, TWILIO_FROM: s.twilioFrom, TWILIO_API_URL: fake.twilioUrl,
      SMS_RATE_LIMIT_PER_MINUTE: '120', OUTBOX_RETRY_BASE_MS: '5', OUTBOX_RETRY_MAX_MS: '50', OUTBOX_POLL_MS: '10', LOG_LEVEL: 'silent',
    }), db);
    server = { app, fake, close: async () => { await app.close(); await fake.stop(); } };
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  test('the conversation, then erasure: no phone number (any format), name, national number, IBAN or e-mail left in any table', async () => {
    expect([PEOPLE.whatsapp, PEOPLE.sms].every((p) => validNationalNumber(p.nationalNumber.replace(/\D/g, '')) && validIban(p.iban))).toBe(true);
    const { app } = server;
    const drivers = { whatsapp: new WhatsAppPerson(server), sms: new SmsPerson(server) };
    for (const channel of ['whatsapp', 'sms'] as const) await converse(drivers[channel], PEOPLE[channel]);
    const everything = Object.values(PEOPLE).flatMap((p) => [p.name, p.name.split(' ')[1], p.nationalNumber, p.nationalNumber.replace(/\D/g, ''), p.iban, p.iban.replace(/ /g, ''), p.email, ...p.numbers]);

    // Before the erasure the database holds the number and what the person typed (all but what is masked at rest).
    const before = await dumpDatabase(app.db.prisma);
    expect(findIn(before, [PEOPLE.whatsapp.numbers[0].slice(1), PEOPLE.whatsapp.email, PEOPLE.sms.numbers[0], PEOPLE.sms.name]).length).toBe(4);
    expect(findIn(before, [PEOPLE.whatsapp.nationalNumber, PEOPLE.whatsapp.iban, PEOPLE.sms.nationalNumber, PEOPLE.sms.iban])).toEqual([]);
    const bookings = await app.db.prisma.booking.findMany({ where: { status: 'booked' }, include: { slot: true } });
    expect(bookings).toHaveLength(2);

    // The erasure runs once the confirmation has left the outbox (here: a clock past the grace period).
    await app.assistant.erasures.eraseDue(new Date(Date.now() + 60_000));
    const after = await dumpDatabase(app.db.prisma);
    expect(findIn(after, everything)).toEqual([]);

    // The appointments stay, anonymous: the slots keep their places, the people are marked erased.
    const kept = await app.db.prisma.booking.findMany({ where: { id: { in: bookings.map((b) => b.id) } }, include: { slot: true, person: true } });
    expect(kept.map((b) => [b.status, b.slot?.booked, Boolean(b.person.erasedAt), b.person.channelUserId.startsWith('erased:')])).toEqual(bookings.map((b) => ['booked', b.slot?.booked, true, true]));
    expect(await app.db.prisma.erasureRequest.count({ where: { erasedAt: { not: null }, source: 'citizen' } })).toBe(2);
  }, 180_000);

  test('a person who writes again after the erasure is a new contact and is answered on their number', async () => {
    const { app, fake } = server;
    const driver = new WhatsAppPerson(server);
    const before = fake.accepted(driver.conversationId).length;
    const turn = await driver.say('Goeiendag');
    expect(turn.replies.length).toBeGreaterThan(0);
    expect(fake.accepted(driver.conversationId).length).toBeGreaterThan(before);
    const person = await app.db.prisma.person.findUniqueOrThrow({ where: { channel_channelUserId: { channel: 'whatsapp', channelUserId: driver.conversationId } } });
    expect(person.erasedAt).toBeNull();
  }, 60_000);
});

describe.each(databaseKinds)('when an erasure request is carried out (%s)', (kind) => {
  let db: TestDatabase;
  const T0 = new Date('2026-12-05T10:00:00Z');
  const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
  let phone = 32479000000;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await db.drop();
  });

  /** A WhatsApp person who asked for erasure at T0, whose last confirmation has the given status. */
  async function asked(confirmation: string, inbound = 'processed'): Promise<string> {
    const number = String(++phone);
    const person = await db.prisma.person.create({ data: { channel: 'whatsapp', channelUserId: number } });
    const conversation = await db.prisma.conversation.create({ data: { channel: 'whatsapp', channelConversationId: number, personId: person.id } });
    await db.prisma.message.create({ data: { conversationId: conversation.id, channel: 'whatsapp', direction: 'in', text: 'verwijder mijn gegevens', activity: {}, status: inbound } });
    await db.prisma.message.create({ data: { conversationId: conversation.id, channel: 'whatsapp', direction: 'out', text: 'laatste bericht', activity: {}, status: confirmation } });
    await new ErasureService(db.prisma).request(person.id, 'citizen', T0);
    return person.id;
  }

  const erased = async (personId: string) => (await db.prisma.person.findUniqueOrThrow({ where: { id: personId } })).erasedAt !== null;

  test('after the last confirmation left the outbox and a short grace; never while it is queued or a turn is pending', async () => {
    const service = new ErasureService(db.prisma, { graceMs: 10_000, maxWaitMs: 15 * 60_000 });
    const sent = await asked('sent');
    const queued = await asked('queued');
    const turnPending = await asked('sent', 'received');
    await service.eraseDue(at(5));
    expect(await Promise.all([sent, queued, turnPending].map(erased))).toEqual([false, false, false]);
    await service.eraseDue(at(11));
    expect(await Promise.all([sent, queued, turnPending].map(erased))).toEqual([true, false, false]);
    await db.prisma.message.updateMany({ where: { conversation: { personId: queued }, direction: 'out' }, data: { status: 'delivered' } });
    await service.eraseDue(at(12));
    expect(await erased(queued)).toBe(true);
  });

  test('a confirmation the provider does not take is not waited for longer than the maximum', async () => {
    const service = new ErasureService(db.prisma, { graceMs: 10_000, maxWaitMs: 15 * 60_000 });
    const stuck = await asked('queued');
    await service.eraseDue(at(14 * 60));
    expect(await erased(stuck)).toBe(false);
    await service.eraseDue(at(15 * 60 + 1));
    expect(await erased(stuck)).toBe(true);
    expect(await db.prisma.message.count({ where: { conversation: { personId: stuck } } })).toBe(0);
  });

  test('the same phone number on WhatsApp and SMS is one person: both are erased', async () => {
    const whatsApp = await db.prisma.person.create({ data: { channel: 'whatsapp', channelUserId: '32478111222' } });
    const sms = await db.prisma.person.create({ data: { channel: 'sms', channelUserId: '+32478111222' } });
    const other = await db.prisma.person.create({ data: { channel: 'sms', channelUserId: '+32478111223' } });
    await db.prisma.conversation.create({ data: { channel: 'sms', channelConversationId: '+32478111222', personId: sms.id } });
    expect(await new ErasureService(db.prisma).eraseNow(whatsApp.id, 'console', null, T0)).toMatchObject({ personId: whatsApp.id });
    expect(await Promise.all([whatsApp.id, sms.id, other.id].map(erased))).toEqual([true, true, false]);
    expect(await db.prisma.conversation.count({ where: { channelConversationId: '+32478111222' } })).toBe(0);
  });
});
