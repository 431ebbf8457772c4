import { PasswordHasher } from '../../../../adapters/console/passwordHasher';
import { App, startApp } from '../../../../app/app';
import { loadConfig } from '../../../../app/config';
import { translator as i18n } from '../../../../i18n/translator';
import { ConsoleClient } from '../../../support/consoleClient';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../../support/database';
import { eventually, FakeProviders, graphText } from '../../../support/fakeProviders';
import { createLocation } from '../../services/booking/bookingFixtures';

const PASSWORD = 'repair-volunteer-passw';
const PHONE_ID = '1234567890';

/** The static start of a text of `repair.json` in a language (before its first variable). */
const startOf = (language: string, key: string) => i18n.t(language as 'nl', key, { reference: '§', place: '§', address: '§', note: '§' }).split('§')[0];

describe.each(databaseKinds)('console repair API, the citizens told on WhatsApp and SMS (%s)', (kind) => {
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
    const users = { coordinator: ['coordinator', bankA], volunteer: ['volunteer', bankA], other: ['volunteer', bankB] } as const;
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

  /** A request booked at a repair moment of bank A, next month. */
  async function booked(personId: string, minutesAhead: number): Promise<{ id: string; reference: string }> {
    const startsAt = new Date(Date.now() + minutesAhead * 60_000 + 30 * 86_400_000);
    const moment = await app.db.prisma.repairMoment.create({ data: { locationId: bankA.locationId, startsAt, endsAt: new Date(startsAt.getTime() + 7_200_000), capacity: 4 } });
    const result = await app.assistant.repairs.repairs.book({ personId, momentId: moment.id, deviceKind: 'laptop', problem: 'wont_start', since: 'week' }, new Date());
    if (result.kind !== 'booked') throw new Error(result.kind);
    return result.request;
  }

  test('a volunteer moves a request on; the citizen is told each time on their own channel, in their language, with the note', async () => {
    const fr = await booked(await citizen('whatsapp', '32470222001', 'fr'), 1);
    const nl = await booked(await citizen('sms', '+32470222002', 'nl'), 2);
    const list = await as.volunteer.get('/console/api/repairs');
    expect(list.status).toBe(200);
    const rows = list.body.repairs as { id: string; status: string; next: string[]; channel: string }[];
    expect(rows.find((r) => r.id === fr.id)).toMatchObject({ status: 'received', next: ['in_repair', 'ready', 'not_repairable', 'cancelled'], channel: 'whatsapp' });
    expect(JSON.stringify(list.body)).not.toContain('32470222');

    const inRepair = await as.volunteer.post(`/console/api/repairs/${fr.id}/status`, { status: 'in_repair' });
    expect([inRepair.status, inRepair.body.told]).toEqual([200, true]);
    await eventually(() => fake.accepted('32470222001').some((call) => graphText(call).includes(startOf('fr', 'repair.notify.in_repair'))));
    const ready = await as.volunteer.post(`/console/api/repairs/${nl.id}/status`, { status: 'ready', note: 'Nieuwe batterij geplaatst' });
    expect(ready.status).toBe(200);
    await eventually(() => fake.accepted('+32470222002').some((call) => {
      const body = String((call.body as Record<string, unknown>).Body ?? '');
      return body.includes(startOf('nl', 'repair.notify.readyWithNote')) && body.includes('Nieuwe batterij geplaatst');
    }));
    expect((await as.volunteer.post(`/console/api/repairs/${nl.id}/status`, { status: 'in_repair' })).status).toBe(409);
    expect((await as.volunteer.post(`/console/api/repairs/${nl.id}/status`, { status: 'collected' })).body.told).toBe(false);
    expect(await app.db.prisma.auditEvent.count({ where: { subjectId: nl.id, action: 'repair.status' } })).toBe(2);
  });

  test('an SMS citizen who sent STOP is not written to', async () => {
    const personId = await citizen('sms', '+32470222003', 'nl');
    const request = await booked(personId, 3);
    await app.db.prisma.person.update({ where: { id: personId }, data: { optedOutAt: new Date() } });
    expect((await as.volunteer.post(`/console/api/repairs/${request.id}/status`, { status: 'not_repairable' })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(fake.accepted('+32470222003')).toHaveLength(0);
  });

  test('another digibank sees nothing and changes nothing; bad input is a 400, an unknown request a 404', async () => {
    const request = await booked(await citizen('whatsapp', '32470222004', 'en'), 4);
    expect((await as.other.get('/console/api/repairs')).body.repairs).toEqual([]);
    expect((await as.other.post(`/console/api/repairs/${request.id}/status`, { status: 'ready' })).status).toBe(403);
    expect((await as.coordinator.post(`/console/api/repairs/${request.id}/status`, { status: 'fixed' })).status).toBe(400);
    expect((await as.coordinator.post(`/console/api/repairs/${request.id}/status`, { status: 'ready', note: 'x'.repeat(501) })).status).toBe(400);
    expect((await as.coordinator.post('/console/api/repairs/no-such-id/status', { status: 'ready' })).status).toBe(404);
    const received = await as.coordinator.get('/console/api/repairs?status=received');
    expect((received.body.repairs as { status: string }[]).every((r) => r.status === 'received')).toBe(true);
    expect((await app.db.prisma.repairRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe('received');
    expect(bankB.digibankId).not.toBe(bankA.digibankId);
  });
});
