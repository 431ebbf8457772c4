import { Activity } from 'botbuilder';
import { Language } from '../../../i18n/translator';
import { askedDate, directoryAsk } from '../../../dialogs/locationHoursDialog';
import { createMainConversation, demoDigibanks, mainConversationIn, titlesOf } from '../../support/bookingConversation';
import { strictI18n as i18n, testTriage } from '../../support/conversation';

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

describe('the directory answer', () => {
  /** The bot on a channel (its id decides how many places are shown) with a person who chose `language`. */
  async function onChannel(channelId: string, language: Language) {
    const chat = createMainConversation({ prisma: demo().prisma, now: NOW, triage: testTriage() });
    chat.adapter.conversation.channelId = channelId;
    await chat.say('👋');
    await chat.say(t(language, 'language.choices.name'));
    return chat;
  }

  /** Sends a WhatsApp-style shared location (what adapters/whatsapp makes of a location message). */
  async function sharePin(chat: Awaited<ReturnType<typeof onChannel>>, latitude: number, longitude: number) {
    await chat.adapter.processActivity({ ...chat.adapter.makeActivity(''), channelData: { location: { latitude, longitude } } });
    return chat.adapter.activeQueue.splice(0);
  }

  test.each([
    ['whatsapp', 'waar is de digibank in Gent', 2],
    ['sms', 'waar is de digibank in Gent', 1],
    ['webchat', 'waar is de digibank in Antwerpen', 2],
  ])('on %s, "%s" shows %i place(s), each its own message', async (channel, message, count) => {
    const chat = await onChannel(channel, 'nl');
    const replies = await chat.say(message);
    const maps = replies.filter((reply) => (reply.text ?? '').includes('https://www.openstreetmap.org/'));
    expect(maps).toHaveLength(count);
  });

  test('on SMS the week is one line and there is no first free day (every character costs)', async () => {
    const chat = await onChannel('sms', 'en');
    const text = textOf(await chat.say('opening hours Leuven'));
    expect(text).toContain(`${t('en', 'places.week')} Monday and Tuesday 09:00-12:00; Wednesday 13:30-16:30;`);
    expect(text).not.toContain(t('en', 'places.firstFree', { date: '' }).split(':')[0]);
    // The offers name the helpdesk, loans and workshops: the line of services says only the rest.
    expect(text).toContain(t('en', 'places.offers', { services: [t('en', 'places.kinds.printing'), t('en', 'places.kinds.wifi'), t('en', 'places.kinds.computers')].join(', ') }));
    expect(text).not.toContain(t('en', 'places.found'));
  });

  test('a WhatsApp location pin at "where?": the nearest places, nearest first, with their distance', async () => {
    const chat = await onChannel('whatsapp', 'en');
    expect(textOf(await chat.say('is there a digipunt nearby'))).toBe(t('en', 'places.askWhere'));
    const text = textOf(await sharePin(chat, 50.852, 2.73)); // near Poperinge station
    expect(text.indexOf('8970 Poperinge')).toBeGreaterThan(-1);
    expect(text.indexOf('8970 Poperinge')).toBeLessThan(text.search(/8900 (Ieper|Ypres)/));
    expect(text.search(/8900 (Ieper|Ypres)/)).toBeGreaterThan(-1);
    expect(text).toMatch(new RegExp(t('en', 'places.distance', { km: '\\d+(\\.\\d)?' })));
  });

  test.each([
    ['nl', 'waar kan ik printen in Antwerpen', ['2140 Antwerpen'], ['2000 Antwerpen']],
    ['en', 'is there a digibank in Antwerp where I can use a computer', ['2140 Antwerp'], ['2000 Antwerp']],
  ] as [Language, string, string[], string[]][])('in %s, "%s": only the places offering it', async (language, message, shown, hidden) => {
    const chat = await inLanguage(language);
    const text = textOf(await chat.say(message));
    for (const place of shown) expect(text).toContain(place);
    for (const place of hidden) expect(text).not.toContain(place);
    expect(text).toContain(t(language, 'places.freeAccess', { hours: '' }).split(':')[0]);
  });

  test('a service no place there offers: said, and the places there all the same', async () => {
    const chat = await inLanguage('en');
    const text = textOf(await chat.say('is there a digibank in Tongeren where I can print'));
    expect(text).toContain(t('en', 'places.serviceNone', { service: t('en', 'places.kinds.printing') }));
    expect(text).toContain('3700 Tongeren-Borgloon');
  });

  test('"ouvert samedi ?" in Gent: Saturday first, the place open that day first', async () => {
    const chat = await inLanguage('fr');
    const text = textOf(await chat.say('ouvert samedi à Gand ?'));
    expect(text).toContain(t('fr', 'places.askedDay.open', { day: 'samedi 28 novembre', hours: '10:00-12:00' }));
    expect(text).toContain(t('fr', 'places.askedDay.closed', { day: 'samedi 28 novembre' }));
    expect(text.indexOf('9050 Gand')).toBeLessThan(text.indexOf('9000 Gand'));
  });

  test('"wanneer zijn jullie open" from a person with an appointment: answered for that place, without asking where', async () => {
    const chat = await inLanguage('nl');
    await chat.say('ik wil een afspraak maken');
    await chat.say('3000');
    await chat.tap(0); // the first day
    await chat.tap(0); // the first part of the day
    await chat.tap(0); // the first time
    expect(textOf(await chat.tap(0))).toContain(t('nl', 'booking.confirmed', { reference: '' }).split(' ')[0]); // yes
    const text = textOf(await chat.say('wanneer zijn jullie open'));
    expect(text).not.toContain(t('nl', 'places.askWhere'));
    expect(text).toContain('3000 Leuven');
    expect(text).toContain(t('nl', 'places.today.openNow', { until: '12:00' }));
  });

  test('after the answer, "a workshop" leads to the workshops of that digibank, "borrow a laptop" to the loan request', async () => {
    const chat = await inLanguage('en');
    await chat.say('opening hours Leuven');
    expect(textOf(await chat.say(t('en', 'topics.choices.workshop')))).not.toContain(t('en', 'workshops.askPlace'));
    const other = await inLanguage('en');
    await other.say('opening hours Leuven');
    expect(textOf(await other.say(t('en', 'menu.choices.loan')))).toContain(t('en', 'loan.askKind'));
  });
});

test.each([
  ['waar kan ik printen', { service: 'printing' }],
  ['où puis-je imprimer un document', { service: 'printing' }],
  ['is there a digibank where I can use a computer', { service: 'computers' }],
  ['gratis wifi in Gent?', { service: 'wifi' }],
  ['ouvert samedi ?', { weekday: 6 }],
  ['zijn jullie morgen open', { weekday: 0 }],
  ['Open on SUNDAY?', { weekday: 7 }],
  ['is de digibank open op maandag in Kortrijk', { weekday: 1 }],
  ['waar is de digibank in Geel', {}],
  ['mardi prochain, je peux imprimer ?', { service: 'printing', weekday: 2 }],
])('"%s" asks %j', (text, expected) => {
  expect(directoryAsk(i18n, text)).toEqual(expected);
});

test.each([
  ['2026-11-23', 6, '2026-11-28'], // Monday → Saturday this week
  ['2026-11-28', 6, '2026-11-28'], // Saturday → today
  ['2026-11-29', 1, '2026-11-30'], // Sunday → Monday
  ['2026-10-24', 0, '2026-10-25'], // tomorrow, the day of the October change
  ['2026-11-23', undefined, undefined],
])('from %s the day asked (%s) is %s', (today, weekday, expected) => {
  expect(askedDate(today, weekday)).toBe(expected);
});

test('a clarifying question answered "address and hours": the message it was about is the search (place and service kept)', async () => {
  const chat = await inLanguage('fr');
  const asked = await chat.say('où puis-je imprimer à Anvers ?');
  expect(textOf(asked)).toContain(t('fr', 'triage.clarify'));
  const answer = textOf(await chat.say(t('fr', 'triage.choices.location_hours')));
  expect(answer).not.toContain(t('fr', 'places.askWhere'));
  expect(answer).toContain('2140 Anvers');
  expect(answer).not.toContain('2000 Anvers');
});
