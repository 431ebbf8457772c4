import { PasswordHasher } from '../../../../adapters/console/passwordHasher';
import { App, startApp } from '../../../../app/app';
import { loadConfig } from '../../../../app/config';
import { translator as i18n } from '../../../../i18n/translator';
import { ConsoleClient } from '../../../support/consoleClient';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../../support/database';
import { eventually, FakeProviders, graphText } from '../../../support/fakeProviders';
import { createLocation } from '../../services/booking/bookingFixtures';

const PASSWORD = 'workshop-coordinator-pass';
const PHONE_ID = '1234567890';

describe.each(databaseKinds)('console workshop API, the citizens told on WhatsApp and SMS (%s)', (kind) => {
  let db: TestDatabase;
  let fake: FakeProviders;
  let app: App;
  let bankA: { digibankId: string; locationId: string };
  let bankB: { digibankId: string; locationId: string };
  const as: Record<'coordinator' | 'volunteer' | 'other', ConsoleClient> = {} as never;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    fake = await new FakeProviders().start();
    const target = db.target.kind === 'postgres' ? { DATABASE_URL: db.target.url } : { DATA_DIR: 'memory://' };
    app = await startApp(loadConfig({
      PORT: '0', ...target, SEED_DEMO_DATA: 'false', LOG_LEVEL: 'silent',
      WHATSAPP_VERIFY_TOKEN: 'verify-token-1', WHATSAPP_APP_SECRET: 'whatsapp-app-secret', WHATSAPP_TOKEN: 'graph-token-1', WHATSAPP_PHONE_NUMBER_ID: PHONE_ID, WHATSAPP_API_URL: fake.graphUrl,
      TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000000019', TWILIO_AUTH_TOKEN: 'twilio-token', TWILIO_FROM: '+32460000000', TWILIO_API_URL: fake.twilioUrl, PUBLIC_BASE_URL: 'http://localhost',
      OUTBOX_RETRY_BASE_MS: '5', OUTBOX_RETRY_MAX_MS: '50', OUTBOX_POLL_MS: '20',
    }), db.target.kind === 'embedded' ? db : undefined);
    bankA = await createLocation(app.db.prisma, { postcode: '8500', municipality: 'Kortrijk' });
    bankB = await createLocation(app.db.prisma, { postcode: '9000', municipality: 'Gent' });
    const passwordHash = await new PasswordHasher().hash(PASSWORD);
    const users = { coordinator: ['coordinator', bankA], volunteer: ['volunteer', bankA], other: ['coordinator', bankB] } as const;
    for (const [name, [role, bank]] of Object.entries(users)) {
      await app.db.prisma.consoleUser.create({ data: { username: `${name}.${kind}`, passwordHash, role, digibankId: bank.digibankId, languages: ['nl'] } });
      const client = new ConsoleClient(app.url);
      expect(await client.login(`${name}.${kind}`, PASSWORD)).toBe(200);
      as[name as keyof typeof as] = client;
    }
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await fake?.stop();
    if (db?.target.kind === 'postgres') await db.drop();
  });

  async function citizen(channel: 'whatsapp' | 'sms', id: string, language: string) {
    const person = await app.db.prisma.person.create({ data: { channel, channelUserId: id, language } });
    await app.db.prisma.conversation.create({ data: { channel, channelConversationId: id, personId: person.id, lastInboundAt: new Date() } });
    return person.id;
  }

  const workshopBody = (seats: number) => ({
    locationId: bankA.locationId, title: { nl: 'Smartphone voor beginners', fr: 'Smartphone pour débutants' }, topic: 'smartphone_basics', language: 'nl', seats,
    series: { firstDate: '2030-03-04', time: '14:00', minutes: 120, weeks: 4 },
  });

  test('a coordinator creates a series, raises the seats: the people waiting get them and are told on their own channel', async () => {
    const created = await as.coordinator.post('/console/api/workshops', workshopBody(1));
    expect([created.status, created.body]).toEqual([201, expect.anything()]);
    const workshop = created.body.workshop as { id: string; sessions: unknown[] };
    expect(workshop.sessions).toHaveLength(4);
    const { workshops } = app.assistant.workshops;
    const now = new Date();
    expect((await workshops.register(await citizen('whatsapp', '32470111001', 'nl'), workshop.id, now)).kind).toBe('registered');
    expect((await workshops.register(await citizen('whatsapp', '32470111002', 'fr'), workshop.id, now)).kind).toBe('waiting');
    expect((await workshops.register(await citizen('sms', '+32470111003', 'nl'), workshop.id, now)).kind).toBe('waiting');

    const list = await as.volunteer.get(`/console/api/workshops/${workshop.id}/registrations`);
    expect((list.body.registrations as { status: string }[]).map((r) => r.status)).toEqual(['registered', 'waiting', 'waiting']);

    const raised = await as.coordinator.call('PUT', `/console/api/workshops/${workshop.id}`, workshopBody(3));
    expect(raised.status).toBe(200);
    const frText = i18n.t('fr', 'workshops.notify.seatFreed', { title: '§', date: '§', time: '§', reference: '§' }).split('§')[0];
    const nlText = i18n.t('nl', 'workshops.notify.seatFreed', { title: '§', date: '§', time: '§', reference: '§' }).split('§')[0];
    await eventually(() => fake.accepted('32470111002').some((call) => graphText(call).includes(frText) && graphText(call).includes('Smartphone pour débutants')));
    await eventually(() => fake.accepted('+32470111003').some((call) => String((call.body as Record<string, unknown>).Body ?? '').includes(nlText)));
    expect(fake.accepted('32470111001')).toHaveLength(0);
  });

  test('a coordinator cancels a whole workshop: everyone registered or waiting is told once on their own channel; a second cancel changes nothing', async () => {
    const created = await as.coordinator.post('/console/api/workshops', workshopBody(1));
    const id = (created.body.workshop as { id: string }).id;
    const { workshops } = app.assistant.workshops;
    const now = new Date();
    expect((await workshops.register(await citizen('whatsapp', '32470222001', 'fr'), id, now)).kind).toBe('registered');
    expect((await workshops.register(await citizen('sms', '+32470222002', 'nl'), id, now)).kind).toBe('waiting');

    expect((await as.volunteer.post(`/console/api/workshops/${id}/cancel`, {})).status).toBe(403);
    expect((await as.other.post(`/console/api/workshops/${id}/cancel`, {})).status).toBe(403);
    const cancelled = await as.coordinator.post(`/console/api/workshops/${id}/cancel`, {});
    expect([cancelled.status, cancelled.body]).toEqual([200, { cancelled: { told: 2 } }]);
    expect((await as.coordinator.post(`/console/api/workshops/${id}/cancel`, {})).status).toBe(409);

    const head = (language: 'nl' | 'fr') => i18n.t(language, 'workshops.notify.workshopCancelled', { title: '§', date: '§', time: '§', reference: '§' }).split('§')[0];
    await eventually(() => fake.accepted('32470222001').some((call) => graphText(call).includes(head('fr')) && graphText(call).includes('Smartphone pour débutants')));
    await eventually(() => fake.accepted('+32470222002').some((call) => String((call.body as Record<string, unknown>).Body ?? '').includes(head('nl'))));
    const row = await app.db.prisma.workshop.findUniqueOrThrow({ where: { id } });
    expect([row.status, row.taken]).toEqual(['cancelled', 0]);
    expect(((await as.volunteer.get(`/console/api/workshops/${id}/registrations`)).body.registrations as { status: string }[]).map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
    expect((await workshops.register(await citizen('whatsapp', '32470222003', 'nl'), id, now)).kind).toBe('unavailable');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fake.accepted('32470222001')).toHaveLength(1);
  });

  test('only planners of the digibank create or edit; another digibank sees nothing', async () => {
    expect((await as.volunteer.post('/console/api/workshops', workshopBody(5))).status).toBe(403);
    expect((await as.other.post('/console/api/workshops', workshopBody(5))).status).toBe(403);
    const created = await as.coordinator.post('/console/api/workshops', workshopBody(5));
    const id = (created.body.workshop as { id: string }).id;
    expect((await as.other.get(`/console/api/workshops/${id}/registrations`)).status).toBe(403);
    expect((await as.other.get('/console/api/workshops')).body.workshops).toEqual([]);
    expect((await as.coordinator.get('/console/api/workshops')).body.workshops).toEqual(expect.arrayContaining([expect.objectContaining({ id })]));
    const invalid = await as.coordinator.post('/console/api/workshops', { ...workshopBody(5), topic: 'cooking' });
    expect([invalid.status, invalid.body.fields]).toEqual([422, ['topic']]);
  });

  test('attendance of a session that has begun is marked and counted in the reach report', async () => {
    const created = await as.coordinator.post('/console/api/workshops', { ...workshopBody(5), series: undefined, sessions: [{ startsAt: new Date(Date.now() + 60_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString() }] });
    const workshop = created.body.workshop as { id: string; sessions: { id: string }[] };
    const registered = await app.assistant.workshops.workshops.register(await citizen('sms', '+32470111009', 'nl'), workshop.id, new Date());
    if (registered.kind !== 'registered') throw new Error('not registered');
    const mark = { registrationId: registered.registration.id, sessionId: workshop.sessions[0].id, attended: true };
    expect((await as.volunteer.post(`/console/api/workshops/${workshop.id}/attendance`, mark)).status).toBe(409);
    await app.db.prisma.workshopSession.update({ where: { id: workshop.sessions[0].id }, data: { startsAt: new Date(Date.now() - 60_000) } });
    expect((await as.volunteer.post(`/console/api/workshops/${workshop.id}/attendance`, mark)).status).toBe(200);
    await eventually(async () => (await app.db.prisma.reachEvent.count({ where: { kind: 'workshop_attended' } })) === 1);
  });
});
