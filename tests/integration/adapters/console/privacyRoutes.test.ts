import { App, startApp } from '../../../../app/app';
import { loadConfig } from '../../../../app/config';
import { translator } from '../../../../i18n/translator';
import { ReferenceCode } from '../../../../services/booking/referenceCode';
import { ConsoleClient } from '../../../support/consoleClient';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../../support/database';

const ADMIN = { username: 'chief', password: 'correct horse battery' };
const PASSWORD = 'privacy-pass-2026';

describe.each(databaseKinds)('console: a person\'s data, export, erasure and the audit trail (%s)', (kind) => {
  let db: TestDatabase;
  let app: App;
  const clients: Record<'admin' | 'coordA' | 'coordB' | 'volunteerA', ConsoleClient> = {} as never;
  const users: Record<string, string> = {};
  let personId = '';
  let conversationId = '';
  let loanId = '';

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    app = await startApp(loadConfig({ PORT: '0', DATA_DIR: 'memory://', SEED_DEMO_DATA: 'false', LOG_LEVEL: 'silent', CONSOLE_ADMIN_USERNAME: ADMIN.username, CONSOLE_ADMIN_PASSWORD: ADMIN.password }), db);
    const [a, b] = await Promise.all(['A', 'B'].map((name) => app.db.prisma.digibank.create({ data: { name: `Digibank ${name}` } })));
    clients.admin = new ConsoleClient(app.url);
    expect(await clients.admin.login(ADMIN.username, ADMIN.password)).toBe(200);
    for (const [key, role, digibankId] of [['coordA', 'coordinator', a.id], ['coordB', 'coordinator', b.id], ['volunteerA', 'volunteer', a.id]] as const) {
      const created = await clients.admin.post('/console/api/users', { username: key, password: PASSWORD, role, digibankId, languages: ['nl'] });
      expect(created.status).toBe(201);
      users[key] = (created.body.user as { id: string }).id;
      clients[key] = new ConsoleClient(app.url);
      expect(await clients[key].login(key, PASSWORD)).toBe(200);
    }
    // A citizen of digibank A: a conversation with messages, a handoff with a note, an appointment and a loan request.
    const person = await app.db.prisma.person.create({ data: { channel: 'sms', channelUserId: '+32475112233', language: 'fr' } });
    personId = person.id;
    const conversation = await app.db.prisma.conversation.create({ data: { channel: 'sms', channelConversationId: '+32475112233', personId, language: 'fr' } });
    conversationId = conversation.id;
    for (const [direction, text] of [['in', 'Bonjour, je suis Marie Dubois'], ['out', 'Bonjour Marie']] as const) {
      await app.db.prisma.message.create({ data: { conversationId, channel: 'sms', direction, text, activity: { type: 'message', text }, status: 'processed' } });
    }
    const location = await app.db.prisma.location.create({ data: { digibankId: a.id, name: 'Bib A', address: 'Markt 1', postcode: '8500', municipality: 'Kortrijk', province: 'West-Vlaanderen', latitude: 50.8, longitude: 3.26 } });
    const startsAt = new Date(Date.now() + 86_400_000);
    const slot = await app.db.prisma.helpdeskSlot.create({ data: { locationId: location.id, startsAt, endsAt: new Date(startsAt.getTime() + 1800_000), capacity: 2, booked: 1 } });
    await app.db.prisma.booking.create({ data: { reference: ReferenceCode.generate(), personId, kind: 'helpdesk', slotId: slot.id, locationId: location.id, startsAt, endsAt: slot.endsAt, blockedUntil: slot.endsAt } });
    loanId = (await app.db.prisma.loanRequest.create({ data: { reference: ReferenceCode.generate(), personId, conversationId, digibankId: a.id, deviceKind: 'laptop', purpose: 'school', answers: { school: 'Sint-Jozef, klas van Marie' } } })).id;
    const ticket = await app.assistant.handoffs.request({ conversationId, reason: 'asked', language: 'fr' });
    await app.db.prisma.handoff.update({ where: { id: ticket.handoffId }, data: { digibankId: a.id } });
    await app.db.prisma.handoffNote.create({ data: { handoffId: ticket.handoffId, authorId: users.volunteerA, text: 'Marie belt terug op 0475 11 22 33' } });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const audited = (actor: string, action: string, subjectId: string) =>
    app.db.prisma.auditEvent.count({ where: { actorId: actor, action, subjectId } });

  test('each console read of a conversation, person, loan or export writes an audit row', async () => {
    expect((await clients.volunteerA.get(`/console/api/conversations/${conversationId}`)).status).toBe(200);
    expect(await audited(users.volunteerA, 'conversation.view', conversationId)).toBe(1);
    // The page refreshes an open conversation every few seconds: one read, not one per refresh.
    expect((await clients.volunteerA.get(`/console/api/conversations/${conversationId}`)).status).toBe(200);
    expect(await audited(users.volunteerA, 'conversation.view', conversationId)).toBe(1);
    expect((await clients.coordA.get(`/console/api/conversations/${conversationId}`)).status).toBe(200);
    expect(await audited(users.coordA, 'conversation.view', conversationId)).toBe(1);
    expect((await clients.coordA.get(`/console/api/loans/${loanId}`)).status).toBe(200);
    expect(await audited(users.coordA, 'loan.view', loanId)).toBe(1);
    const view = await clients.coordA.get(`/console/api/people/${personId}`);
    expect(view.status).toBe(200);
    expect(view.body.counts).toEqual({ conversations: 1, messages: 2, bookings: 1, loans: 1, donations: 0 });
    expect(await audited(users.coordA, 'person.view', personId)).toBe(1);
    expect((await clients.coordA.get(`/console/api/people/${personId}/export`)).status).toBe(200);
    expect(await audited(users.coordA, 'person.export', personId)).toBe(1);
    // A refused read leaves no row (nothing was shown).
    expect((await clients.coordB.get(`/console/api/people/${personId}/export`)).status).toBe(403);
    expect(await audited(users.coordB, 'person.export', personId)).toBe(0);
  });

  test('the audit trail is for administrators, newest first, and reading it is audited too', async () => {
    expect((await clients.coordA.get('/console/api/audit')).status).toBe(403);
    const trail = await clients.admin.get(`/console/api/audit?subjectId=${personId}`);
    expect(trail.status).toBe(200);
    const events = trail.body.events as { action: string; actorName: string; at: string }[];
    expect(events.map((e) => e.action)).toEqual(['person.export', 'person.view']);
    expect(events[0].actorName).toBe('coorda'); // user names are kept in lower case
    expect(await app.db.prisma.auditEvent.count({ where: { action: 'audit.view' } })).toBe(1);
  });

  test('an access request: everything as JSON and as a readable text in the person\'s language, as downloads', async () => {
    const json = await fetch(`${app.url}/console/api/people/${personId}/export?format=json`, { headers: { cookie: clients.coordA.cookie } });
    expect(json.headers.get('content-disposition')).toBe(`attachment; filename="digibank-person-${personId}.json"`);
    const data = (await json.json()) as { person: { channelUserId: string }; conversations: { messages: { text: string }[]; handoffs: { notes: { text: string }[] }[] }[]; bookings: unknown[]; loans: { answers: unknown }[] };
    expect(data.person.channelUserId).toBe('+32475112233');
    expect(data.conversations[0].messages.map((m) => m.text)).toEqual(['Bonjour, je suis Marie Dubois', 'Bonjour Marie']);
    expect(data.conversations[0].handoffs[0].notes[0].text).toContain('0475 11 22 33');
    expect(data.bookings).toHaveLength(1);
    expect(data.loans[0].answers).toEqual({ school: 'Sint-Jozef, klas van Marie' });
    const text = await fetch(`${app.url}/console/api/people/${personId}/export?format=text`, { headers: { cookie: clients.coordA.cookie } });
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const body = await text.text();
    expect(body.split('\n')[0]).toBe(translator.t('fr', 'console.export.title'));
    expect(body).toContain('Bonjour, je suis Marie Dubois');
    expect(body).toContain(`== ${translator.t('fr', 'console.export.bookings')} ==`);
  });

  test('erasure from the console: coordinators of the person\'s digibank only, with CSRF, at once', async () => {
    expect((await clients.volunteerA.post(`/console/api/people/${personId}/erase`)).status).toBe(403);
    expect((await clients.coordB.post(`/console/api/people/${personId}/erase`)).status).toBe(403);
    expect((await clients.coordA.post(`/console/api/people/${personId}/erase`, {}, { csrf: false })).status).toBe(403);
    const erased = await clients.coordA.post(`/console/api/people/${personId}/erase`);
    expect(erased.status).toBe(200);
    expect(erased.body.erased).toMatchObject({ personId, conversations: 1, messages: 2, bookings: 1, loans: 1 });
    expect((await clients.coordA.get(`/console/api/conversations/${conversationId}`)).status).toBe(404);
    const person = await app.db.prisma.person.findUniqueOrThrow({ where: { id: personId } });
    expect(person.channelUserId).toBe(`erased:${personId}`);
    expect(await app.db.prisma.erasureRequest.findFirst({ where: { personId } })).toMatchObject({ source: 'console', actorId: users.coordA });
    expect(await audited(users.coordA, 'person.erase', personId)).toBe(1);
    expect((await app.db.prisma.loanRequest.findUniqueOrThrow({ where: { id: loanId } })).answers).toEqual({});
    expect(await app.db.prisma.handoffNote.count()).toBe(0);
    expect((await clients.coordA.post(`/console/api/people/${personId}/erase`)).status).toBe(409);
  });
});
