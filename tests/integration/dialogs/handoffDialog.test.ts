import { MemoryStorage } from 'botbuilder';
import { OutboxCitizenNotifier } from '../../../outbox/outboxCitizenNotifier';
import { handoffPort } from '../../../app/handoffPort';
import { isLanguage, Language, translator } from '../../../i18n/translator';
import { USER_PROFILE_PROPERTY, UserProfile } from '../../../dialogs/userProfile';
import { Actor, HandoffService } from '../../../services/handoff/handoffService';
import { actionsOf, createConversation, loadTriage, menuTitles, strictI18n, TestConversation, texts } from '../../support/conversation';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../support/database';
import { createActor, createDigibank } from '../services/handoff/handoffFixtures';

// Monday 23 November 2026: 15:00 in Brussels (a location is open), and 20:00 (nobody on duty).
const MONDAY_AFTERNOON = new Date('2026-11-23T14:00:00Z');
const MONDAY_EVENING = new Date('2026-11-23T19:00:00Z');

let citizens = 0;
/** The call-back moments, in the order they are offered. */
const MOMENTS = ['morning', 'afternoon', 'evening', 'anyTime'];

describe.each(databaseKinds)('the handoff, as the citizen lives it, on %s', (kind) => {
  let db: TestDatabase;
  let service: HandoffService;
  let volunteer: Actor;
  let now: Date;
  /** The bot state of every citizen of a test: the notifier reads their saved language there, as in the app. */
  let storage: MemoryStorage;

  beforeAll(async () => {
    [db] = await Promise.all([createTestDatabase(kind), loadTriage()]);
    const { digibankId } = await createDigibank(db.prisma, [{ weekday: 1, opensAt: '09:00', closesAt: '17:00' }]);
    volunteer = await createActor(db.prisma, 'An Peeters', digibankId);
  }, 180_000); // the triage trains in the first file that needs it: slow on a busy machine
  afterAll(() => db.drop());
  beforeEach(async () => {
    await db.prisma.handoff.deleteMany();
    now = MONDAY_AFTERNOON;
    storage = new MemoryStorage();
    const savedLanguage = async (channel: string, userId: string) => {
      const key = `${channel}/users/${userId}/`;
      const language = ((await storage.read([key]))[key] as { [USER_PROFILE_PROPERTY]?: UserProfile } | undefined)?.[USER_PROFILE_PROPERTY]?.language;
      return isLanguage(language) ? language : undefined;
    };
    service = new HandoffService(db.prisma, new OutboxCitizenNotifier(db.prisma, translator, 'nl', savedLanguage), { clock: () => now });
  });

  /** A new citizen on `channel` who chose `language` (the menu was shown). */
  async function citizen(language: Language, channel = 'test'): Promise<TestConversation & { conversationId(): Promise<string> }> {
    citizens += 1;
    const id = `handoff-${process.pid}-${citizens}`;
    const conversation = createConversation({ prisma: db.prisma, handoffs: handoffPort(db.prisma, service), clock: () => now, conversationId: id, storage });
    conversation.adapter.conversation.channelId = channel;
    conversation.adapter.conversation.user = { id, name: 'citizen' };
    // As the turn runner does on first contact: the person and the conversation rows.
    const person = await db.prisma.person.create({ data: { channel, channelUserId: id } });
    await db.prisma.conversation.create({ data: { channel, channelConversationId: id, personId: person.id } });
    await conversation.say('👋');
    await conversation.say(conversation.i18n.t(language, 'language.choices.name'));
    const conversationId = async () => (await db.prisma.conversation.findUniqueOrThrow({ where: { channel_channelConversationId: { channel, channelConversationId: id } } })).id;
    return { ...conversation, conversationId };
  }

  const t = (language: Language, key: string, vars?: Record<string, string | number>) => strictI18n.t(language, key, vars);
  const menu = (language: Language) => t(language, 'menu.prompt');
  const again = (language: Language) => t(language, 'menu.again');

  test.each([
    ['nl', 'mag ik iemand spreken'],
    ['fr', 'un humain'],
    ['en', 'real person'],
    ['nl-simple', 'ik wil iemand spreken'],
  ] as [Language, string][])('in %s, "%s": a person will answer, the place in the line and how long', async (language, ask) => {
    const other = await citizen('nl');
    await other.say('mens');
    now = new Date(MONDAY_AFTERNOON.getTime() + 1000);
    const conversation = await citizen(language);
    const replies = await conversation.say(ask);
    expect(texts(replies)).toEqual([t(language, 'handoff.waiting', { position: 2, minutes: 10 })]);
    expect(actionsOf(replies).map((action) => action.title)).toEqual([t(language, 'handoff.choices.stopWaiting')]);
    expect(await service.get(await conversation.conversationId())).toMatchObject({ status: 'waiting', reason: 'asked', language, channel: 'test' });
  });

  test.each([
    ['nl', 'ik wil iemand spreken over mijn itsme', 'eid_itsme'],
    ['nl', 'mag ik iemand spreken over mijn bankapp', 'banking'],
    ['fr', 'je veux parler à quelqu\'un de mon itsme', 'eid_itsme'],
    ['en', 'can I talk to someone about my email', 'email_accounts'],
  ] as [Language, string, string][])('in %s, "%s": the topic the triage knew travels to the handoff (%s)', async (language, ask, topic) => {
    const conversation = await citizen(language);
    await conversation.say(ask);
    expect(await service.get(await conversation.conversationId())).toMatchObject({ status: 'waiting', reason: 'asked', topic });
  });

  test('a bare word for a person ("mens") carries no topic', async () => {
    const conversation = await citizen('nl');
    await conversation.say('mens');
    expect(await service.get(await conversation.conversationId())).toMatchObject({ status: 'waiting', topic: null });
  });

  test.each([
    ['nl', 'laat maar'],
    ['nl', 'stop wachten'],
    ['nl', 'menu'],
    ['fr', 'annuler'],
    ['en', 'never mind'],
    ['en', '1'],
  ] as [Language, string][])('in %s, "%s" stops waiting: cancelled, back to the menu', async (language, stop) => {
    const conversation = await citizen(language);
    await conversation.say(t(language, 'menu.choices.person'));
    expect(texts(await conversation.say(stop))).toEqual([t(language, 'handoff.cancelled'), again(language)]);
    expect((await service.get(await conversation.conversationId()))?.status).toBe('cancelled');
  });

  test('other messages while waiting: "still waiting, number N" at most once a minute; asking again keeps the place', async () => {
    const conversation = await citizen('nl');
    await conversation.say('mag ik iemand spreken');
    const conversationId = await conversation.conversationId();
    const { handoffId } = (await service.get(conversationId))!;
    expect(texts(await conversation.say('hallo? is daar iemand'))).toEqual([t('nl', 'handoff.stillWaiting', { position: 1 })]);
    expect(texts(await conversation.say('het gaat over itsme'))).toEqual([]);
    expect(texts(await conversation.say('mens'))).toEqual([]);
    now = new Date(MONDAY_AFTERNOON.getTime() + 61_000);
    expect(texts(await conversation.say('ik wacht nog steeds'))).toEqual([t('nl', 'handoff.stillWaiting', { position: 1 })]);
    expect(texts(await conversation.say('help'))).toEqual([t('nl', 'handoff.waitingHelp', { position: 1 })]);
    expect((await service.get(conversationId))?.handoffId).toBe(handoffId);
    expect(await db.prisma.handoff.count({ where: { conversationId } })).toBe(1);
  });

  test('changing the language while waiting keeps the place', async () => {
    const conversation = await citizen('nl');
    await conversation.say('mag ik iemand spreken');
    await conversation.say('taal');
    expect(texts(await conversation.say(t('fr', 'language.choices.name'))).at(-1)).toBe(t('fr', 'handoff.stillWaiting', { position: 1 }));
    expect((await service.get(await conversation.conversationId()))?.status).toBe('waiting');
  });

  test('a scam told while waiting: the safety advice, and the wait becomes urgent (first in line)', async () => {
    const first = await citizen('nl');
    await first.say('mag ik iemand spreken');
    now = new Date(MONDAY_AFTERNOON.getTime() + 1000);
    const conversation = await citizen('nl');
    expect(texts(await conversation.say('mag ik iemand spreken'))).toEqual([t('nl', 'handoff.waiting', { position: 2, minutes: 10 })]);
    expect(texts(await conversation.say('iemand belt me nu en vraagt mijn code'))).toEqual([t('nl', 'topics.scam_security.urgent'), t('nl', 'handoff.stillWaiting', { position: 1 })]);
    expect(await service.get(await conversation.conversationId())).toMatchObject({ status: 'waiting', urgent: true });
  });

  test('"stop" while waiting asks about messages (privacy), then the person is still in the line', async () => {
    const conversation = await citizen('en');
    await conversation.say('real person');
    expect(texts(await conversation.say('stop'))).toEqual([t('en', 'privacy.optOut.confirm')]);
    expect(texts(await conversation.say(t('en', 'privacy.choices.no')))).toEqual([t('en', 'privacy.kept'), t('en', 'handoff.stillWaiting', { position: 1 })]);
    expect((await service.get(await conversation.conversationId()))?.status).toBe('waiting');
  });

  test('with a volunteer the bot is silent; given back, the bot answers again (a stale wait does not swallow "laat maar")', async () => {
    const conversation = await citizen('en');
    await conversation.say('real person');
    const conversationId = await conversation.conversationId();
    expect((await service.claim(conversationId, volunteer)).ok).toBe(true);
    expect(await conversation.say('hello, my itsme does not work')).toEqual([]);
    expect(await conversation.say('never mind')).toEqual([]);
    expect((await service.get(conversationId))?.status).toBe('with_volunteer');
    await service.release(conversationId, volunteer);
    const replies = await conversation.say('never mind');
    expect(texts(replies)).toEqual([menu('en')]); // no "cancelled", no greeting again: the menu
    expect(actionsOf(replies).map((action) => action.title)).toEqual(menuTitles(conversation.i18n, 'en'));
    expect((await service.get(conversationId))?.status).toBe('returned');
    // Asked again: a new handoff; the estimate now follows the claim just made (at once: the minimum).
    expect(texts(await conversation.say('real person'))).toEqual([t('en', 'handoff.waiting', { position: 1, minutes: 2 })]);
  });

  test('a volunteer takes over in the middle of a question; given back, that old question does not take the next answer', async () => {
    const conversation = await citizen('nl');
    expect(texts(await conversation.say('stop'))).toEqual([t('nl', 'privacy.optOut.confirm')]);
    const conversationId = await conversation.conversationId();
    // A conversation of no known digibank is taken over by an administrator (an actor of all digibanks).
    expect((await service.takeOver(conversationId, { ...volunteer, digibankId: null })).ok).toBe(true);
    expect(await conversation.say('hallo, wie is daar?')).toEqual([]);
    await service.release(conversationId, volunteer);
    expect(texts(await conversation.say('ja'))).toEqual([menu('nl')]);
    expect((await conversation.profile()).optedOut).toBeFalsy();
  });

  test('nobody on duty: said honestly, with a slot, a call-back (WhatsApp) or keep waiting; the call-back is recorded', async () => {
    now = MONDAY_EVENING;
    const conversation = await citizen('nl', 'whatsapp');
    const replies = await conversation.say('mag ik iemand spreken');
    expect(texts(replies)).toEqual([t('nl', 'handoff.nobodyOnDuty', { position: 1 })]);
    expect(actionsOf(replies).map((action) => action.title)).toEqual(['book', 'callback', 'keepWaiting', 'stopWaiting'].map((id) => t('nl', `handoff.choices.${id}`)));
    expect(texts(await conversation.say('3'))).toEqual([t('nl', 'handoff.keptPlace', { position: 1 })]);
    const question = await conversation.say(t('nl', 'handoff.choices.callback'));
    expect(texts(question)).toEqual([t('nl', 'handoff.callbackMoment.question')]);
    expect(actionsOf(question).map((action) => action.title)).toEqual(MOMENTS.map((moment) => t('nl', `handoff.callbackMoment.choices.${moment}`)));
    expect(await service.get(await conversation.conversationId())).toMatchObject({ callbackRequested: true }); // recorded before the question
    expect(texts(await conversation.say('3'))).toEqual([t('nl', 'handoff.callbackConfirmed'), again('nl')]);
    expect(await service.get(await conversation.conversationId())).toMatchObject({ status: 'waiting', callbackRequested: true, callbackMoment: 'evening', alternativeOfferedAt: MONDAY_EVENING });
  });

  test.each([
    ['nl', 'voormiddag', 'morning'],
    ['fr', "l'après-midi", 'afternoon'],
    ['en-simple', 'any time', 'anyTime'],
    ['fr-simple', '3', 'evening'],
  ] as [Language, string, string][])('in %s, the preferred call-back moment answered "%s" is stored (%s)', async (language, answer, moment) => {
    now = MONDAY_EVENING;
    const conversation = await citizen(language, 'whatsapp');
    await conversation.say(t(language, 'menu.choices.person'));
    expect(texts(await conversation.say(t(language, 'handoff.choices.callback')))).toEqual([t(language, 'handoff.callbackMoment.question')]);
    expect(texts(await conversation.say(answer))).toEqual([t(language, 'handoff.callbackConfirmed'), again(language)]);
    expect(await service.get(await conversation.conversationId())).toMatchObject({ callbackRequested: true, callbackMoment: moment });
  });

  test('an unclear moment is asked once more, then the call-back stands without one', async () => {
    now = MONDAY_EVENING;
    const conversation = await citizen('nl', 'sms');
    await conversation.say('mag ik iemand spreken');
    await conversation.say(t('nl', 'handoff.choices.callback'));
    expect(texts(await conversation.say('hmm'))).toEqual([t('nl', 'handoff.callbackMoment.retry')]);
    expect(texts(await conversation.say('weet ik niet'))).toEqual([t('nl', 'handoff.callbackConfirmed'), again('nl')]);
    expect(await service.get(await conversation.conversationId())).toMatchObject({ status: 'waiting', callbackRequested: true, callbackMoment: null });
  });

  test('nobody on duty on web chat: no call-back offered (no number); a slot starts the booking', async () => {
    now = MONDAY_EVENING;
    const conversation = await citizen('fr', 'webchat');
    const replies = await conversation.say('un humain');
    expect(actionsOf(replies).map((action) => action.title)).toEqual(['book', 'keepWaiting', 'stopWaiting'].map((id) => t('fr', `handoff.choices.${id}`)));
    expect(texts(await conversation.say('1'))).toEqual([t('fr', 'booking.askPlace')]);
    expect((await service.get(await conversation.conversationId()))?.status).toBe('waiting');
  });

  test('the claim timeout offers the alternatives once; the citizen answers by number', async () => {
    const conversation = await citizen('en', 'sms');
    expect(texts(await conversation.say('real person'))).toEqual([t('en', 'handoff.waiting', { position: 1, minutes: 5 })]);
    now = new Date(MONDAY_AFTERNOON.getTime() + 10 * 60_000);
    expect(await service.offerAlternativesToOverdue()).toBe(1);
    expect(await service.offerAlternativesToOverdue()).toBe(0);
    const conversationId = await conversation.conversationId();
    const offers = await db.prisma.message.findMany({ where: { conversationId, direction: 'out' } });
    expect(offers.map((row) => row.text)).toEqual([t('en', 'handoff.timeout')]);
    expect(texts(await conversation.say('2'))).toEqual([t('en', 'handoff.callbackMoment.question')]);
    expect(texts(await conversation.say('morning'))).toEqual([t('en', 'handoff.callbackConfirmed'), again('en')]);
    expect(await service.get(conversationId)).toMatchObject({ callbackRequested: true, callbackMoment: 'morning' });
  });

  test('three misunderstandings, then yes: reason not_understood', async () => {
    const conversation = await citizen('nl');
    for (const noise of ['xyz', 'xyz', 'hmm']) await conversation.say(noise);
    expect(texts(await conversation.say('ja'))).toEqual([t('nl', 'handoff.waiting', { position: 1, minutes: 5 })]);
    expect((await service.get(await conversation.conversationId()))?.reason).toBe('not_understood');
  });

  test('a scam in progress: safety advice, then a person now — urgent, first in the line', async () => {
    const waiting = await citizen('nl');
    await waiting.say('mag ik iemand spreken');
    const conversation = await citizen('nl');
    expect(texts(await conversation.say('iemand belt me nu en vraagt mijn code'))[0]).toBe(t('nl', 'topics.scam_security.urgent'));
    expect(texts(await conversation.say('1'))).toEqual([t('nl', 'handoff.waiting', { position: 1, minutes: 5 })]);
    expect(await service.get(await conversation.conversationId())).toMatchObject({ reason: 'urgent', urgent: true, topic: 'scam_security' });
    expect((await service.waitFor(await waiting.conversationId()))?.position).toBe(2);
  });

  /** A scam in progress told in each language, then a person asked for in every way a person does. */
  const SCAM: Record<Language, string> = {
    nl: 'iemand belt me nu en vraagt mijn code',
    'nl-simple': 'iemand belt mij nu en wil mijn code',
    fr: "quelqu'un m'appelle maintenant et demande mon code",
    en: 'someone is calling me now and asks my pin',
    'fr-simple': "quelqu'un m'appelle maintenant et veut mon code",
    'en-simple': 'someone calls me now and wants my code',
  };
  const personNow = (language: Language) => t(language, 'topics.choices.personNow');
  test.each([
    ['nl', personNow('nl')],
    ['nl', 'mens'],
    ['nl', 'ik wil nu iemand spreken'],
    ['nl-simple', personNow('nl-simple')],
    ['fr', personNow('fr')],
    ['fr', 'un humain svp'],
    ['en', personNow('en')],
    ['en', 'person'],
    ['en', 'I want to talk to a real person'],
    ['nl', '1'],
  ] as [Language, string][])('in %s, after the scam advice, "%s": urgent, first in line, whatever the language', async (language, ask) => {
    const waiting = await citizen('nl');
    await waiting.say('mag ik iemand spreken');
    const conversation = await citizen(language);
    expect(texts(await conversation.say(SCAM[language]))[0]).toBe(t(language, 'topics.scam_security.urgent'));
    await conversation.say(ask);
    expect(await service.get(await conversation.conversationId())).toMatchObject({ reason: 'urgent', urgent: true, topic: 'scam_security' });
    expect((await service.waitFor(await waiting.conversationId()))?.position).toBe(2);
  });

  test.each([
    ['nl', 'laat maar', 'kgeraak nie in mijn itsme', 'topics.eid_itsme.help'],
    ['nl', 'stop wachten', 'mijn bankapp werkt niet', 'selfHelp.bank_app_broken'],
    ['nl-simple', 'laat maar', 'itsme werkt niet', 'selfHelp.itsme_not_working'],
    ['fr', 'annuler', "j'ai un problème avec tax-on-web", 'topics.tax.help'],
    ['en', 'never mind', 'my email password forgotten', 'selfHelp.email_password_forgotten'],
    ['en', '1', 'i want an appointment', 'booking.askPlace'],
  ] as [Language, string, string, string][])('in %s, after "%s" (stop waiting), "%s" is answered, not just the menu', async (language, stop, question, answer) => {
    const conversation = await citizen(language);
    await conversation.say(t(language, 'menu.choices.person'));
    await conversation.say(stop);
    expect(texts(await conversation.say(question))[0]).toBe(t(language, answer));
  });

  test.each([
    ['nl', 'laat maar', 'itsme'],
    ['fr', 'annuler', 'tax on web'],
    ['en', 'never mind', 'wifi?'],
    ['nl-simple', 'laat maar', 'gsm kapot'],
  ] as [Language, string, string][])('in %s, after "%s" (stop waiting), a short "%s" is taken as at the menu, never answered by the bare menu', async (language, stop, question) => {
    const conversation = await citizen(language);
    await conversation.say(t(language, 'menu.choices.person'));
    await conversation.say(stop);
    const replies = texts(await conversation.say(question));
    expect(replies[0]).not.toBe(menu(language));
    expect(replies[0]).not.toBe(t(language, 'menu.notUnderstood'));
  });
});
