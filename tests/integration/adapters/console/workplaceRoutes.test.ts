import { randomUUID } from 'node:crypto';
import { App, startApp } from '../../../../app/app';
import { loadConfig } from '../../../../app/config';
import { BrusselsTime } from '../../../../i18n/brusselsTime';
import { ReferenceCode } from '../../../../services/booking/referenceCode';
import { ConsoleClient } from '../../../support/consoleClient';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../../support/database';

const ADMIN = { username: 'chief', password: 'correct horse battery' };
const PASSWORD = 'volunteer-pass-123';

describe.each(databaseKinds)('console workplace API: call-backs, history, appointments, canned replies (%s)', (kind) => {
  let db: TestDatabase;
  let app: App;
  let admin: ConsoleClient;
  const bank: Record<'a' | 'b', string> = { a: '', b: '' };
  const client: Record<string, ConsoleClient> = {};
  let phone = 32471000000;

  /** A citizen on WhatsApp (their number is returned) with a conversation and a waiting handoff of that digibank. */
  async function citizen(digibank: 'a' | 'b' | 'none', texts: string[] = []): Promise<{ number: string; conversationId: string; personId: string; handoffId: string }> {
    const number = String(++phone);
    const conversation = await app.db.prisma.conversation.create({
      data: { channel: 'whatsapp', channelConversationId: number, language: 'nl', lastInboundAt: new Date(), person: { create: { channel: 'whatsapp', channelUserId: number, language: 'nl' } } },
    });
    for (const text of texts) {
      await app.db.prisma.message.create({ data: { conversationId: conversation.id, channel: 'whatsapp', direction: 'in', text, activity: { type: 'message', text }, providerMessageId: randomUUID(), status: 'processed' } });
    }
    const ticket = await app.assistant.handoffs.request({ conversationId: conversation.id, reason: 'asked', language: 'nl', topic: 'eid_itsme' });
    if (digibank !== 'none') await app.db.prisma.handoff.update({ where: { id: ticket.handoffId }, data: { digibankId: bank[digibank] } });
    return { number, conversationId: conversation.id, personId: conversation.personId as string, handoffId: ticket.handoffId };
  }

  /** A helpdesk appointment of the person at that place (a slot of one place, booked). */
  async function book(personId: string, locationId: string, startsAt: Date, reference = ReferenceCode.generate()): Promise<void> {
    const endsAt = new Date(startsAt.getTime() + 1800_000);
    const slot = await app.db.prisma.helpdeskSlot.create({ data: { locationId, startsAt, endsAt, capacity: 1 } });
    await app.db.prisma.booking.create({ data: { reference, personId, kind: 'helpdesk', slotId: slot.id, locationId, startsAt, endsAt, blockedUntil: endsAt } });
  }

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    const target = db.target.kind === 'postgres' ? { DATABASE_URL: db.target.url } : { DATA_DIR: 'memory://' };
    app = await startApp(loadConfig({ PORT: '0', ...target, SEED_DEMO_DATA: 'false', LOG_LEVEL: 'silent', CONSOLE_ADMIN_USERNAME: ADMIN.username, CONSOLE_ADMIN_PASSWORD: ADMIN.password }), db.target.kind === 'embedded' ? db : undefined);
    for (const key of ['a', 'b'] as const) bank[key] = (await app.db.prisma.digibank.create({ data: { name: `Digibank ${key}` } })).id;
    admin = new ConsoleClient(app.url);
    expect(await admin.login(ADMIN.username, ADMIN.password)).toBe(200);
    for (const [username, role, digibank] of [['vola', 'volunteer', 'a'], ['volb', 'volunteer', 'b'], ['coora', 'coordinator', 'a']] as const) {
      expect((await admin.post('/console/api/users', { username, password: PASSWORD, role, digibankId: bank[digibank], displayName: `Name ${username}` })).status).toBe(201);
      client[username] = new ConsoleClient(app.url);
      expect(await client[username].login(username, PASSWORD)).toBe(200);
    }
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    if (db?.target.kind === 'postgres') await db.drop();
  });

  test('call-backs: the number only for the citizen\'s digibank, each view audited; done closes the handoff; others are refused', async () => {
    const known = await citizen('a');
    const unknown = await citizen('none');
    for (const c of [known, unknown]) await app.assistant.handoffs.requestCallback(c.conversationId);
    type Row = { handoffId: string; phone: string | null; maskedNumber: string | null; outcome: string | null };
    const listOf = async (c: ConsoleClient) => (await c.get('/console/api/callbacks')).body.callbacks as Row[];

    const forA = await listOf(client.vola);
    expect(forA.find((r) => r.handoffId === known.handoffId)).toMatchObject({ phone: `+${known.number}`, maskedNumber: `••• ${known.number.slice(-3)}` });
    expect(forA.find((r) => r.handoffId === unknown.handoffId)).toMatchObject({ phone: null, maskedNumber: `••• ${unknown.number.slice(-3)}` });
    expect(await app.db.prisma.auditEvent.count({ where: { action: 'callback.view', subjectId: known.personId } })).toBe(1);
    const forB = await listOf(client.volb);
    expect(forB.map((r) => r.handoffId)).not.toContain(known.handoffId);
    expect(forB.every((r) => r.phone === null)).toBe(true);

    expect((await client.volb.post(`/console/api/callbacks/${known.handoffId}/outcome`, { outcome: 'done' })).status).toBe(403);
    expect((await client.vola.post(`/console/api/callbacks/${known.handoffId}/outcome`, { outcome: 'maybe' })).status).toBe(400);
    expect((await client.vola.post(`/console/api/callbacks/${randomUUID()}/outcome`, { outcome: 'done' })).status).toBe(404);
    expect((await new ConsoleClient(app.url).get('/console/api/callbacks')).status).toBe(401);

    expect((await client.vola.post(`/console/api/callbacks/${known.handoffId}/outcome`, { outcome: 'unreachable' })).status).toBe(200);
    expect((await app.db.prisma.handoff.findUniqueOrThrow({ where: { id: known.handoffId } })).status).toBe('waiting');
    expect((await listOf(client.vola)).find((r) => r.handoffId === known.handoffId)?.outcome).toBe('unreachable');
    expect((await client.vola.post(`/console/api/callbacks/${known.handoffId}/outcome`, { outcome: 'done' })).status).toBe(200);
    expect(await app.db.prisma.handoff.findUniqueOrThrow({ where: { id: known.handoffId } })).toMatchObject({ status: 'closed', callbackOutcome: 'done' });
  });

  test('history: by reference code (any case, with or without dash) and by the last digits, within the user\'s digibank; a person\'s page', async () => {
    const c = await citizen('a', ['Hallo']);
    const location = await app.db.prisma.location.create({ data: { digibankId: bank.a, name: 'Bib A', address: 'Straat 1', postcode: '9000', municipality: 'Gent', province: 'Oost-Vlaanderen', latitude: 51, longitude: 3.7, services: ['helpdesk'] } });
    const reference = ReferenceCode.generate();
    const startsAt = new Date(Date.now() + 86_400_000);
    await book(c.personId, location.id, startsAt, reference);
    type Found = { personId: string; matchedBy: string; reference: string | null };
    const search = async (who: ConsoleClient, q: string) => who.get(`/console/api/history?q=${encodeURIComponent(q)}`);

    for (const q of [reference, reference.toLowerCase(), ReferenceCode.format(reference)]) {
      expect(((await search(client.vola, q)).body.people as Found[])[0]).toMatchObject({ personId: c.personId, matchedBy: 'appointment', reference: ReferenceCode.format(reference) });
    }
    expect(((await search(client.vola, c.number.slice(-5))).body.people as Found[]).map((p) => p.personId)).toContain(c.personId);
    expect((await search(client.volb, reference)).body.people).toEqual([]);
    expect((await search(client.vola, '12')).body.people).toEqual([]); // too few digits
    expect((await client.vola.get('/console/api/history')).status).toBe(400);

    const page = await client.vola.get(`/console/api/people/${c.personId}/history`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ person: { maskedNumber: `••• ${c.number.slice(-3)}` }, appointments: [{ reference: ReferenceCode.format(reference), place: 'Bib A' }], conversations: [{ id: c.conversationId }] });
    expect(JSON.stringify(page.body)).not.toContain(c.number);
    expect((await client.volb.get(`/console/api/people/${c.personId}/history`)).status).toBe(403);
  });

  test('appointments per digibank and day; places; digibanks', async () => {
    const c = await citizen('b');
    const location = await app.db.prisma.location.create({ data: { digibankId: bank.b, name: 'Bib B', address: 'Straat 2', postcode: '3000', municipality: 'Leuven', province: 'Vlaams-Brabant', latitude: 50.9, longitude: 4.7, services: ['helpdesk'] } });
    const startsAt = new Date(Date.now() + 2 * 86_400_000);
    await book(c.personId, location.id, startsAt);
    type Appointment = { location: { name: string } | null; outcomeDue: boolean; maskedNumber: string };
    const forB = (await client.volb.get('/console/api/appointments')).body.appointments as Appointment[];
    expect(forB).toEqual([expect.objectContaining({ location: { id: location.id, name: 'Bib B' }, outcomeDue: false, maskedNumber: `••• ${c.number.slice(-3)}` })]);
    expect(((await client.vola.get('/console/api/appointments')).body.appointments as Appointment[]).map((a) => a.location?.name)).not.toContain('Bib B');
    expect((await client.volb.get('/console/api/appointments?days=1')).body.appointments).toEqual([]);
    expect(((await client.volb.get('/console/api/locations')).body.locations as { name: string }[]).map((l) => l.name)).toEqual(['Bib B']);
    expect((await client.volb.get('/console/api/digibanks')).body.digibanks).toEqual([{ id: bank.b, name: 'Digibank b' }]);
    expect(((await admin.get('/console/api/digibanks')).body.digibanks as unknown[]).length).toBe(2);
  });

  test('canned replies: coordinators write them per language; the conversation offers them, else the fixed quick replies', async () => {
    const c = await citizen('a');
    const before = (await client.vola.get(`/console/api/conversations/${c.conversationId}/quick-replies`)).body as { replies: { id: string }[] };
    expect(before.replies.map((r) => r.id)).toEqual(['hello', 'oneMoment', 'understood', 'bringEid', 'callBack', 'anythingElse', 'goodbye']);
    expect((await client.vola.call('PUT', '/console/api/canned-replies/nl', { replies: ['Hoi'] })).status).toBe(403);
    expect((await client.coora.call('PUT', '/console/api/canned-replies/xx', { replies: ['Hoi'] })).status).toBe(400);
    expect((await client.coora.call('PUT', '/console/api/canned-replies/nl', { replies: ['Goeiedag!', 'Tot ziens.'] })).status).toBe(200);
    expect((await client.coora.call('PUT', '/console/api/canned-replies/nl-simple', { replies: ['Dag!'] })).status).toBe(200);
    const after = (await client.vola.get(`/console/api/conversations/${c.conversationId}/quick-replies`)).body as { replies: { text: string }[] };
    expect(after.replies.map((r) => r.text)).toEqual(['Goeiedag!', 'Tot ziens.']);
    expect(((await client.vola.get('/console/api/canned-replies?language=nl-simple')).body.replies as { text: string }[]).map((r) => r.text)).toEqual(['Dag!']);
    expect((await client.volb.get('/console/api/canned-replies?language=nl')).body.custom).toBe(false);
    expect((await client.coora.call('PUT', '/console/api/canned-replies/nl', { replies: [] })).status).toBe(200);
    expect((await client.vola.get('/console/api/canned-replies?language=nl')).body.custom).toBe(false);
  });

  test('the queue row has the masked number and a masked one-line preview; the transcript names the volunteer', async () => {
    const c = await citizen('a', ['Mijn pincode is 4821.\nHelp   mij']);
    type Row = { conversationId: string; maskedNumber: string; preview: string };
    const row = ((await client.vola.get('/console/api/queue')).body.queue as Row[]).find((r) => r.conversationId === c.conversationId);
    expect(row?.maskedNumber).toBe(`••• ${c.number.slice(-3)}`);
    expect(row?.preview).not.toContain('4821');
    expect(row?.preview).not.toContain('\n');
    expect((await client.vola.post(`/console/api/conversations/${c.conversationId}/claim`, {})).status).toBe(200);
    expect((await client.vola.post(`/console/api/conversations/${c.conversationId}/messages`, { text: 'Ik help je.' })).status).toBe(201);
    type Line = { text: string; author: { kind: string; name?: string } };
    const transcript = (await client.vola.get(`/console/api/conversations/${c.conversationId}`)).body.transcript as Line[];
    expect(transcript.find((m) => m.text === 'Ik help je.')?.author).toEqual({ kind: 'volunteer', name: 'Name vola' });
    expect(transcript[0].author).toEqual({ kind: 'citizen' });
  });

  test('only an administrator moves an account to another digibank', async () => {
    const volb = (await app.db.prisma.consoleUser.findUniqueOrThrow({ where: { username: 'volb' } })).id;
    expect((await client.coora.call('PATCH', `/console/api/users/${volb}`, { digibankId: bank.a })).status).toBe(403);
    expect((await admin.call('PATCH', `/console/api/users/${volb}`, { digibankId: randomUUID() })).status).toBe(400);
    expect((await admin.call('PATCH', `/console/api/users/${volb}`, { digibankId: bank.a })).status).toBe(200);
    expect((await app.db.prisma.consoleUser.findUniqueOrThrow({ where: { id: volb } })).digibankId).toBe(bank.a);
  });

  test('free moments filtered by place and by day', async () => {
    const c = await citizen('a');
    const places = await Promise.all(['Filter Oost', 'Filter West'].map((name) => app.db.prisma.location.create({ data: { digibankId: bank.a, name, address: 'Plein 1', postcode: '9000', municipality: 'Gent', province: 'Oost-Vlaanderen', latitude: 51, longitude: 3.7, services: ['helpdesk'] } })));
    const days = [3, 4].map((n) => BrusselsTime.addDays(BrusselsTime.localDate(new Date()), n));
    for (const place of places) for (const day of days) await app.db.prisma.helpdeskSlot.create({ data: { locationId: place.id, startsAt: BrusselsTime.toInstant(day, '10:00'), endsAt: BrusselsTime.toInstant(day, '10:30'), capacity: 2 } });
    type Listed = { id: string; slots: { date: string }[] };
    const listed = async (query: string) => (await client.vola.get(`/console/api/conversations/${c.conversationId}/slots?${query}`)).body.locations as Listed[];
    const onePlace = await listed(`locationId=${places[0].id}`);
    expect(onePlace.map((l) => l.id)).toEqual([places[0].id]);
    expect(onePlace[0].slots.map((s) => s.date)).toEqual(days);
    const oneDay = await listed(`date=${days[1]}`);
    expect(oneDay.filter((l) => places.some((p) => p.id === l.id)).flatMap((l) => l.slots.map((s) => s.date))).toEqual([days[1], days[1]]);
    expect((await listed(`locationId=${places[1].id}&date=${days[0]}`)).flatMap((l) => l.slots.map((s) => s.date))).toEqual([days[0]]);
  });
});
