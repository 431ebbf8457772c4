import { randomUUID } from 'node:crypto';
import { App, startApp } from '../../../../app/app';
import { loadConfig } from '../../../../app/config';
import { ConsoleAuth } from '../../../../adapters/console/consoleAuth';
import { ConsoleClient } from '../../../support/consoleClient';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../../support/database';

const ADMIN = { username: 'chief', password: 'correct horse battery' };
const PASSWORD = 'volunteer-pass-123';
const HOUR = 3600_000;

describe.each(databaseKinds)('console API on the real server (%s)', (kind) => {
  let db: TestDatabase;
  let app: App;
  let admin: ConsoleClient;
  const bank: Record<'a' | 'b', string> = { a: '', b: '' };
  const ids: Record<string, string> = {};
  let phone = 32470000000;

  /** A citizen's conversation with a waiting handoff of that digibank (`none`: of no known digibank). */
  async function waitingCitizen(digibank: 'a' | 'b' | 'none', options: { channel?: string; language?: string; lastInboundAt?: Date; texts?: string[] } = {}): Promise<string> {
    const channel = options.channel ?? 'whatsapp';
    const userId = String(++phone);
    const conversation = await app.db.prisma.conversation.create({
      data: {
        channel,
        channelConversationId: userId,
        language: options.language ?? 'nl',
        lastInboundAt: options.lastInboundAt ?? new Date(),
        person: { create: { channel, channelUserId: userId, language: options.language ?? 'nl' } },
      },
    });
    for (const text of options.texts ?? []) {
      await app.db.prisma.message.create({ data: { conversationId: conversation.id, channel, direction: 'in', text, activity: { type: 'message', text }, providerMessageId: randomUUID(), status: 'processed' } });
    }
    const ticket = await app.assistant.handoffs.request({ conversationId: conversation.id, reason: 'asked', language: options.language ?? 'nl', topic: 'eid_itsme' });
    if (digibank !== 'none') await app.db.prisma.handoff.update({ where: { id: ticket.handoffId }, data: { digibankId: bank[digibank] } });
    return conversation.id;
  }

  async function signedIn(username: string): Promise<ConsoleClient> {
    const client = new ConsoleClient(app.url);
    expect(await client.login(username, PASSWORD)).toBe(200);
    return client;
  }

  async function outbox(conversationId: string): Promise<string[]> {
    const rows = await app.db.prisma.message.findMany({ where: { conversationId, direction: 'out' }, orderBy: { seq: 'asc' } });
    return rows.map((row) => row.text ?? '');
  }

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    const target = db.target.kind === 'postgres' ? { DATABASE_URL: db.target.url } : { DATA_DIR: 'memory://' };
    app = await startApp(loadConfig({ PORT: '0', ...target, SEED_DEMO_DATA: 'false', LOG_LEVEL: 'silent', CONSOLE_ADMIN_USERNAME: ADMIN.username, CONSOLE_ADMIN_PASSWORD: ADMIN.password }), db.target.kind === 'embedded' ? db : undefined);
    for (const key of ['a', 'b'] as const) bank[key] = (await app.db.prisma.digibank.create({ data: { name: `Digibank ${key}` } })).id;
    admin = new ConsoleClient(app.url);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    if (db?.target.kind === 'postgres') await db.drop();
  });

  test('the administrator comes from CONSOLE_ADMIN_USERNAME/PASSWORD, only on the empty table', async () => {
    expect(app.console.bootstrap).toEqual({ created: true, username: ADMIN.username });
    expect(await app.db.prisma.consoleUser.count()).toBe(1);
    const stored = await app.db.prisma.consoleUser.findFirstOrThrow();
    expect(stored).toMatchObject({ role: 'admin', digibankId: null });
    expect(stored.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(stored.passwordHash).not.toContain(ADMIN.password);
  });

  test('login: wrong password 401, right one sets a strict HttpOnly cookie on /console and returns the CSRF token', async () => {
    expect(await new ConsoleClient(app.url).login(ADMIN.username, 'wrong password!')).toBe(401);
    expect(await new ConsoleClient(app.url).login('nobody', 'wrong password!')).toBe(401);
    const response = await fetch(`${app.url}/console/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
    const body = (await response.json()) as { csrfToken: string; user: Record<string, unknown> };
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^digibank_console=[A-Za-z0-9_-]{40,}; /);
    expect(cookie).toEqual(expect.stringContaining('Path=/console'));
    expect(cookie).toEqual(expect.stringContaining('HttpOnly'));
    expect(cookie).toEqual(expect.stringContaining('SameSite=Strict'));
    expect(cookie).toEqual(expect.stringContaining('Max-Age=43200'));
    expect(cookie).not.toContain('Secure'); // PUBLIC_BASE_URL is not https here
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(body.user).toMatchObject({ username: ADMIN.username, role: 'admin', digibankId: null });
    expect(body.user).not.toHaveProperty('passwordHash');
    expect(await admin.login(ADMIN.username, ADMIN.password)).toBe(200);
  });

  test.each([
    ['login (bad JSON type)', '/console/api/login', 'POST'],
    ['queue', '/console/api/queue', 'GET'],
    ['unknown API path', '/console/api/nope', 'GET'],
    ['page', '/console', 'GET'],
    ['script', '/console/console.js', 'GET'],
  ])('security headers on every console answer: %s', async (_name, path, method) => {
    const response = await fetch(`${app.url}${path}`, { method, ...(method === 'POST' ? { body: 'x' } : {}) });
    await response.text();
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'; script-src 'self';.*frame-ancestors 'none'/);
    expect(response.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toMatch(/no-store|no-cache/);
    if (path.startsWith('/console/api')) expect(response.headers.get('cache-control')).toBe('no-store');
  });

  test('the page, its script, style and texts are served locally (no CDN, no inline script)', async () => {
    const html = await (await fetch(`${app.url}/console`)).text();
    expect(html).toContain('<script src="/console/console.js"');
    expect(html).not.toMatch(/<script>(?!<\/script>)|<script[^>]*>[^<]+<\/script>|https?:\/\//);
    const texts = (await (await fetch(`${app.url}/console/texts.json`)).json()) as Record<string, { title: string }>;
    expect(Object.keys(texts).sort()).toEqual(['en', 'fr', 'nl']);
    expect(texts.fr.title).not.toBe(texts.nl.title);
  });

  test.each([
    ['GET', '/console/api/me'],
    ['GET', '/console/api/queue'],
    ['GET', '/console/api/queue/stream'],
    ['GET', '/console/api/users'],
    ['POST', '/console/api/users'],
    ['GET', `/console/api/conversations/${randomUUID()}`],
    ['POST', `/console/api/conversations/${randomUUID()}/claim`],
    ['POST', `/console/api/conversations/${randomUUID()}/messages`],
    ['POST', `/console/api/conversations/${randomUUID()}/release`],
    ['POST', `/console/api/conversations/${randomUUID()}/close`],
    ['POST', '/console/api/logout'],
  ])('401 without a session: %s %s', async (method, path) => {
    const response = await fetch(`${app.url}${path}`, { method, headers: { cookie: 'digibank_console=forged-token', 'content-type': 'application/json' }, ...(method === 'POST' ? { body: '{}' } : {}) });
    expect([response.status, await response.json()]).toEqual([401, { error: 'unauthenticated' }]);
  });

  test('users API: the administrator creates coordinators and volunteers; coordinators only volunteers of their own digibank', async () => {
    const create = (client: ConsoleClient, username: string, role: string, digibankId: string | null, languages = ['nl']) =>
      client.post('/console/api/users', { username, password: PASSWORD, role, digibankId, languages });
    const coordinator = await create(admin, 'coord.a', 'coordinator', bank.a, ['nl', 'fr']);
    expect(coordinator.status).toBe(201);
    expect(coordinator.body.user).toMatchObject({ username: 'coord.a', role: 'coordinator', digibankId: bank.a, languages: ['nl', 'fr'] });
    ids.coordA = (coordinator.body.user as { id: string }).id;
    ids.volB = ((await create(admin, 'vol.b', 'volunteer', bank.b)).body.user as { id: string }).id;
    const coord = await signedIn('coord.a');
    for (const name of ['vol.a1', 'vol.a2', 'vol.a3']) {
      const made = await create(coord, name, 'volunteer', bank.a);
      expect(made.status).toBe(201);
      ids[name] = (made.body.user as { id: string }).id;
    }
    const refusals = await Promise.all([
      create(coord, 'vol.other', 'volunteer', bank.b),
      create(coord, 'coord.two', 'coordinator', bank.a),
      create(coord, 'admin.two', 'admin', null),
    ]);
    expect(refusals.map((r) => [r.status, r.body.error])).toEqual([[403, 'forbidden_digibank'], [403, 'forbidden_role'], [403, 'forbidden_role']]);
    expect((await create(await signedIn('vol.a1'), 'vol.x', 'volunteer', bank.a)).status).toBe(403);
    expect([(await create(admin, 'VOL.A1', 'volunteer', bank.a)).status, (await create(admin, 'vol.a1', 'volunteer', bank.a)).body.error]).toEqual([409, 'username_taken']);
    const bad = await admin.post('/console/api/users', { username: 'short.pw', password: 'short', role: 'volunteer', digibankId: bank.a, languages: [] });
    expect([bad.status, bad.body.error, bad.body.field]).toEqual([400, 'invalid_request', 'password']);
    expect((await create(admin, 'vol.nowhere', 'volunteer', randomUUID())).body.error).toBe('unknown_digibank');
    expect((await create(admin, 'vol.klingon', 'volunteer', bank.a, ['tlh'])).status).toBe(400);
    const listed = (await coord.get('/console/api/users')).body.users as { username: string }[];
    expect(listed.map((u) => u.username).sort()).toEqual(['coord.a', 'vol.a1', 'vol.a2', 'vol.a3']);
  });

  test('CSRF: a state-changing request without or with a wrong X-CSRF-Token is refused with 403', async () => {
    const body = { username: 'csrf.victim', password: PASSWORD, role: 'volunteer', digibankId: bank.a, languages: [] };
    expect((await admin.post('/console/api/users', body, { csrf: false })).body.error).toBe('csrf');
    expect((await admin.post('/console/api/users', body, { csrf: 'x'.repeat(43) })).status).toBe(403);
    const volunteer = await signedIn('vol.a1');
    expect((await admin.post('/console/api/users', body, { csrf: volunteer.csrfToken })).status).toBe(403); // another session's token
    expect(await app.db.prisma.consoleUser.count({ where: { username: 'csrf.victim' } })).toBe(0);
    expect((await admin.post('/console/api/users', body)).status).toBe(201);
  });

  test('queue: oldest first, filtered to the volunteer digibank (and unknown), with language, channel, topic and waiting time', async () => {
    const first = await waitingCitizen('a', { language: 'fr' });
    const other = await waitingCitizen('b');
    const second = await waitingCitizen('a', { channel: 'sms' });
    const volunteer = await signedIn('vol.a1');
    const queue = (await volunteer.get('/console/api/queue')).body.queue as { conversationId: string; channel: string; language: string; topic: string; waitingSeconds: number }[];
    const mine = queue.map((item) => item.conversationId);
    expect(mine).toEqual(expect.arrayContaining([first, second]));
    expect(mine).not.toContain(other);
    expect(mine.indexOf(first)).toBeLessThan(mine.indexOf(second));
    expect(queue.find((item) => item.conversationId === first)).toMatchObject({ channel: 'whatsapp', language: 'fr', topic: 'eid_itsme', waitingSeconds: expect.any(Number) });
    const all = ((await admin.get('/console/api/queue')).body.queue as { conversationId: string }[]).map((item) => item.conversationId);
    expect(all).toEqual(expect.arrayContaining([first, second, other]));
  });

  test('cross-digibank: 403 on view and actions; unknown conversation: 404', async () => {
    const other = await waitingCitizen('b');
    const volunteer = await signedIn('vol.a1');
    for (const [method, suffix] of [['GET', ''], ['POST', '/claim'], ['POST', '/close'], ['GET', '/quick-replies'], ['GET', '/slots']] as const) {
      const response = await volunteer.call(method, `/console/api/conversations/${other}${suffix}`, method === 'POST' ? {} : undefined);
      expect({ suffix, status: response.status, error: response.body.error }).toEqual({ suffix, status: 403, error: 'forbidden_digibank' });
    }
    expect((await app.db.prisma.handoff.findFirstOrThrow({ where: { conversationId: other } })).status).toBe('waiting');
    expect((await volunteer.get(`/console/api/conversations/${randomUUID()}`)).status).toBe(404);
    expect((await volunteer.post(`/console/api/conversations/${randomUUID()}/claim`)).status).toBe(404);
    expect((await admin.get(`/console/api/conversations/${other}`)).status).toBe(200);
  });

  test('no known digibank (#16.6): waiting, any volunteer may open and claim it, and the claim makes it theirs; closed or never claimed, administrators only; the bot\'s conversations are taken over by an administrator', async () => {
    const [a, b] = await Promise.all([signedIn('vol.a1'), signedIn('vol.b')]);
    const waiting = await waitingCitizen('none');
    const path = (id: string, suffix = '') => `/console/api/conversations/${id}${suffix}`;
    expect((await b.get(path(waiting))).status).toBe(200);
    expect((await a.post(path(waiting, '/claim'))).status).toBe(200);
    expect((await app.db.prisma.handoff.findFirstOrThrow({ where: { conversationId: waiting } })).digibankId).toBe(bank.a);
    expect((await a.post(path(waiting, '/close'))).status).toBe(200);
    expect([(await a.get(path(waiting))).status, (await b.get(path(waiting))).status]).toEqual([200, 403]);

    const neverClaimed = await waitingCitizen('none');
    await app.db.prisma.handoff.updateMany({ where: { conversationId: neverClaimed }, data: { status: 'cancelled', endedAt: new Date() } });
    expect([(await a.get(path(neverClaimed))).status, (await b.get(path(neverClaimed))).status, (await admin.get(path(neverClaimed))).status]).toEqual([403, 403, 200]);

    const botOnly = (await app.db.prisma.conversation.create({ data: { channel: 'whatsapp', channelConversationId: String(++phone), language: 'nl', person: { create: { channel: 'whatsapp', channelUserId: String(phone), language: 'nl' } } } })).id;
    expect((await a.post(path(botOnly, '/takeover'))).status).toBe(403);
    expect((await admin.post(path(botOnly, '/takeover'))).status).toBe(200);
  });

  test('claim race: two volunteers claim at once, one gets it and the other is told who did', async () => {
    const conversationId = await waitingCitizen('a');
    const [one, two] = await Promise.all([signedIn('vol.a1'), signedIn('vol.a2')]);
    const results = await Promise.all([one.post(`/console/api/conversations/${conversationId}/claim`), two.post(`/console/api/conversations/${conversationId}/claim`)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.findIndex((r) => r.status === 200);
    const loser = results[1 - winner];
    expect(loser.body).toMatchObject({ error: 'already_claimed', claimedBy: { id: ids[winner === 0 ? 'vol.a1' : 'vol.a2'] }, status: 'with_volunteer' });
    const handoff = await app.db.prisma.handoff.findFirstOrThrow({ where: { conversationId } });
    expect(handoff.volunteerId).toBe(ids[winner === 0 ? 'vol.a1' : 'vol.a2']);
    expect(await app.db.prisma.handoffEvent.count({ where: { handoffId: handoff.id, toStatus: 'with_volunteer' } })).toBe(1);
  });

  test('the conversation view: summary, masked transcript, window; reply, note, quick replies, release to the bot', async () => {
    const conversationId = await waitingCitizen('a', { language: 'fr', texts: ['Bonjour, mon code pin est 4821', 'mon IBAN BE68 5390 0754 7034, tel 0470 12 34 56'] });
    const volunteer = await signedIn('vol.a1');
    expect((await volunteer.post(`/console/api/conversations/${conversationId}/messages`, { text: 'hello' })).status).toBe(409); // not claimed yet
    expect((await volunteer.post(`/console/api/conversations/${conversationId}/claim`)).status).toBe(200);
    const view = (await volunteer.get(`/console/api/conversations/${conversationId}`)).body as {
      mine: boolean; summary: Record<string, unknown>; window: Record<string, unknown>; transcript: { direction: string; text: string }[];
    };
    expect(view.mine).toBe(true);
    expect(view.summary).toMatchObject({ language: 'fr', channel: 'whatsapp', topic: 'eid_itsme', reason: 'asked', bookings: [], loans: [] });
    expect(view.window).toMatchObject({ applies: true, open: true });
    const shown = view.transcript.filter((m) => m.direction === 'in').map((m) => m.text).join('\n');
    expect(shown).not.toMatch(/4821|5390|0754|12 34/);
    expect(shown).toContain('BE•• •••• •••• ••34');

    const quick = (await volunteer.get(`/console/api/conversations/${conversationId}/quick-replies`)).body as { language: string; replies: { id: string; text: string }[] };
    expect(quick.language).toBe('fr');
    expect(quick.replies.map((r) => r.text)).toEqual(quick.replies.map((r) => app.assistant.i18n.t('fr', `console.quickReplies.${r.id}`)));
    const sent = await volunteer.post(`/console/api/conversations/${conversationId}/messages`, { text: quick.replies[0].text });
    expect([sent.status, sent.body.asTemplate]).toEqual([201, false]);
    expect(await outbox(conversationId)).toContain(quick.replies[0].text);
    expect((await volunteer.post(`/console/api/conversations/${conversationId}/messages`, { text: '   ' })).status).toBe(400);
    expect((await volunteer.post(`/console/api/conversations/${conversationId}/notes`, { text: 'rappeler demain' })).status).toBe(201);
    // A note is shown masked like the transcript: a volunteer never needs the number or the address in it.
    expect((await volunteer.post(`/console/api/conversations/${conversationId}/notes`, { text: 'mail: jan.peeters@telenet.be RRN 85.07.30-033.28' })).status).toBe(201);
    const colleague = await signedIn('vol.a2');
    expect((await colleague.post(`/console/api/conversations/${conversationId}/messages`, { text: 'me too' })).status).toBe(409); // not theirs
    expect(((await colleague.get(`/console/api/conversations/${conversationId}`)).body.notes as { text: string }[]).map((n) => n.text)).toEqual(['rappeler demain', 'mail: j••••••••••@telenet.be RRN ••.••.••-•••.••']);

    const released = await volunteer.post(`/console/api/conversations/${conversationId}/release`);
    expect([released.status, (released.body.handoff as { status: string }).status]).toEqual([200, 'returned']);
    expect((await volunteer.post(`/console/api/conversations/${conversationId}/release`)).status).toBe(409);
    expect(await app.db.prisma.handoff.count({ where: { conversationId, status: { in: ['waiting', 'with_volunteer'] } } })).toBe(0);
  });

  test('WhatsApp outside the 24-hour window: 409 window_closed naming the template (none configured here), nothing queued', async () => {
    const conversationId = await waitingCitizen('a', { lastInboundAt: new Date(Date.now() - 30 * HOUR) });
    const volunteer = await signedIn('vol.a1');
    await volunteer.post(`/console/api/conversations/${conversationId}/claim`);
    const before = await outbox(conversationId);
    expect((await volunteer.get(`/console/api/conversations/${conversationId}`)).body.window).toMatchObject({ applies: true, open: false, template: null });
    for (const asTemplate of [false, true]) {
      const refused = await volunteer.post(`/console/api/conversations/${conversationId}/messages`, { text: 'are you there?', asTemplate });
      expect([refused.status, refused.body.error, refused.body.template]).toEqual([409, 'window_closed', null]);
    }
    expect(await outbox(conversationId)).toEqual(before);
  });

  test('close ends a claimed conversation; transfer hands it to a colleague of the same digibank only', async () => {
    const conversationId = await waitingCitizen('a');
    const volunteer = await signedIn('vol.a1');
    await volunteer.post(`/console/api/conversations/${conversationId}/claim`);
    expect((await volunteer.post(`/console/api/conversations/${conversationId}/transfer`, { userId: ids.volB })).status).toBe(404);
    const moved = await volunteer.post(`/console/api/conversations/${conversationId}/transfer`, { userId: ids['vol.a3'] });
    expect([moved.status, (moved.body.handoff as { volunteer: { id: string } }).volunteer.id]).toEqual([200, ids['vol.a3']]);
    expect((await volunteer.post(`/console/api/conversations/${conversationId}/close`)).status).toBe(409); // no longer theirs
    const closed = await (await signedIn('vol.a3')).post(`/console/api/conversations/${conversationId}/close`);
    expect([closed.status, (closed.body.handoff as { status: string }).status]).toEqual([200, 'closed']);
  });

  test('book a slot for the citizen: free slots of the digibank, a booking with a reference, the citizen told', async () => {
    const location = await app.db.prisma.location.create({
      data: { digibankId: bank.a, name: 'Bib Ieper', address: 'Weverijstraat 8', postcode: '8900', municipality: 'Ieper', province: 'West-Vlaanderen', latitude: 50.85, longitude: 2.88, services: ['helpdesk'], languages: ['nl'] },
    });
    const startsAt = new Date(Math.ceil((Date.now() + 48 * HOUR) / HOUR) * HOUR);
    const slot = await app.db.prisma.helpdeskSlot.create({ data: { locationId: location.id, startsAt, endsAt: new Date(startsAt.getTime() + HOUR / 2), capacity: 1 } });
    const conversationId = await waitingCitizen('a');
    const volunteer = await signedIn('vol.a1');
    const offered = (await volunteer.get(`/console/api/conversations/${conversationId}/slots`)).body.locations as { id: string; slots: { slotId: string }[] }[];
    expect(offered.find((l) => l.id === location.id)?.slots.map((s) => s.slotId)).toContain(slot.id);
    const booked = await volunteer.post(`/console/api/conversations/${conversationId}/book`, { slotId: slot.id });
    expect(booked.status).toBe(201);
    const reference = (booked.body.booking as { reference: string }).reference;
    expect((await outbox(conversationId)).join('\n')).toContain(reference);
    expect((await volunteer.get(`/console/api/conversations/${conversationId}`)).body.summary).toMatchObject({ bookings: [expect.objectContaining({ place: 'Bib Ieper' })] });
    const again = await volunteer.post(`/console/api/conversations/${await waitingCitizen('a')}/book`, { slotId: slot.id });
    expect([again.status, again.body.error]).toEqual([409, 'slot_full']);
  });

  test('the queue stream sends the queue at once and again when a citizen starts waiting', async () => {
    const volunteer = await signedIn('vol.a2');
    const controller = new AbortController();
    const response = await fetch(`${app.url}/console/api/queue/stream`, { headers: { cookie: volunteer.cookie }, signal: controller.signal });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let received = '';
    const until = async (done: () => boolean) => {
      while (!done()) received += new TextDecoder().decode((await reader.read()).value ?? new Uint8Array());
    };
    await until(() => received.includes('event: queue'));
    const conversationId = await waitingCitizen('a');
    await until(() => received.includes(conversationId));
    controller.abort();
  });

  test('login rate limit: after 5 wrong passwords the username is locked from that address (429, even with the right password), in every process; not elsewhere', async () => {
    const client = new ConsoleClient(app.url);
    for (let i = 0; i < 5; i++) expect(await client.login('vol.a3', `wrong password ${i}`)).toBe(401);
    expect(await client.login('vol.a3', PASSWORD)).toBe(429);
    // Another process is another ConsoleAuth over the same database.
    const otherProcess = new ConsoleAuth(app.db.prisma, { https: false, idleMinutes: 30, maxHours: 12 });
    for (let i = 0; i < 5; i++) await otherProcess.login('vol.a3', `wrong password ${i}`, '10.1.2.3');
    expect(await client.login('vol.a3', PASSWORD)).toBe(429);
    expect((await otherProcess.login('vol.a3', PASSWORD, '10.1.2.3')).kind).toBe('locked');
    expect((await otherProcess.login('vol.a3', PASSWORD, '10.3.2.1')).kind).toBe('ok'); // guessing wrong does not lock the account everywhere
    expect(await client.login('vol.a2', PASSWORD)).toBe(200);
  });

  test('sessions end after the idle time and the absolute lifetime; logout ends one at once', async () => {
    let now = new Date();
    const auth = new ConsoleAuth(app.db.prisma, { https: true, idleMinutes: 30, maxHours: 2, clock: () => now });
    const login = await auth.login('vol.a1', PASSWORD, '10.9.9.9');
    if (login.kind !== 'ok') throw new Error('login failed');
    expect(auth.sessionCookie(login.token)).toContain('; Secure');
    const request = { header: (name: string) => (name.toLowerCase() === 'cookie' ? `digibank_console=${login.token}` : undefined) } as never;
    for (const minutes of [20, 40, 60, 80, 100]) {
      now = new Date(login.expiresAt.getTime() - 2 * HOUR + minutes * 60_000);
      expect(await auth.session(request)).toBeDefined(); // used every 20 minutes: never idle
    }
    now = new Date(login.expiresAt.getTime() + 1000);
    expect(await auth.session(request)).toBeUndefined(); // 2 hours after login
    const second = await auth.login('vol.a1', PASSWORD, '10.9.9.9');
    if (second.kind !== 'ok') throw new Error('login failed');
    const idle = { header: (name: string) => (name.toLowerCase() === 'cookie' ? `digibank_console=${second.token}` : undefined) } as never;
    now = new Date(now.getTime() + 31 * 60_000);
    expect(await auth.session(idle)).toBeUndefined(); // 31 minutes unused

    const client = await signedIn('vol.a2');
    expect((await client.post('/console/api/logout')).status).toBe(200);
    expect((await client.get('/console/api/me')).status).toBe(401);
  });

  test('a user changes their own password: the current one is checked, their other sessions end', async () => {
    const [here, elsewhere] = [await signedIn('vol.a1'), await signedIn('vol.a1')];
    const wrong = await here.post('/console/api/me/password', { currentPassword: 'not my password', newPassword: 'a brand new passphrase' });
    expect([wrong.status, wrong.body.error]).toEqual([403, 'wrong_password']);
    expect((await here.post('/console/api/me/password', { currentPassword: PASSWORD, newPassword: 'short' })).status).toBe(400);
    expect((await here.post('/console/api/me/password', { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' })).status).toBe(200);
    expect((await here.get('/console/api/me')).status).toBe(200);
    expect((await elsewhere.get('/console/api/me')).status).toBe(401);
    expect(await new ConsoleClient(app.url).login('vol.a1', PASSWORD)).toBe(401);
    expect(await new ConsoleClient(app.url).login('vol.a1', 'a brand new passphrase')).toBe(200);
  });
});

