import { PasswordHasher } from '../../../../adapters/console/passwordHasher';
import { App, startApp } from '../../../../app/app';
import { loadConfig } from '../../../../app/config';
import { Language, translator as i18n } from '../../../../i18n/translator';
import { ReferenceCode } from '../../../../services/booking/referenceCode';
import { ConsoleClient } from '../../../support/consoleClient';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../../support/database';
import { createCitizen, createLendingDigibank, outboxTexts } from '../../services/loans/loanFixtures';

const PASSWORD = 'loan-coordinator-pass';
const t = (language: Language, key: string, vars?: Record<string, string | number>) => i18n.t(language, key, vars);

type Loan = { id: string; reference: string; status: string; answers: Record<string, string>; device: { id: string } | null; extensionRequestedAt: string | null };

/** A web chat conversation over the assistant's own Direct Line endpoints. */
class WebChat {
  private watermark = '';
  private constructor(private readonly app: App, readonly id: string, private readonly token: string) {}

  static async open(app: App): Promise<WebChat> {
    const { token } = (await (await fetch(`${app.url}/v3/directline/tokens/generate`, { method: 'POST' })).json()) as { token: string };
    const started = (await (await fetch(`${app.url}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).json()) as { conversationId: string; token: string };
    const chat = new WebChat(app, started.conversationId, started.token);
    await chat.replies();
    return chat;
  }

  /** Sends a message and returns the bot's texts since the last call. */
  async say(text: string): Promise<string> {
    await fetch(`${this.app.url}/v3/directline/conversations/${this.id}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text, from: { id: 'citizen' } }),
    });
    return this.replies();
  }

  /** The bot's texts since the last call (turn replies and notifications). */
  async replies(): Promise<string> {
    await this.app.assistant.runner.idle();
    const response = await fetch(`${this.app.url}/v3/directline/conversations/${this.id}/activities?watermark=${this.watermark}`, { headers: { authorization: `Bearer ${this.token}` } });
    const body = (await response.json()) as { activities: { text?: string; from?: { role?: string } }[]; watermark: string };
    this.watermark = body.watermark;
    // Notifications queued outside a turn carry no `from` (see the report); turn replies are the bot's.
    // Web chat's markdown hard breaks ("  \n") read as the line breaks they show.
    return body.activities.filter((activity) => activity.from?.role !== 'user').map((activity) => (activity.text ?? '').replace(/ {2}\n/g, '\n')).join('\n');
  }
}

describe.each(databaseKinds)('console loan API with the chat on the real server (%s)', (kind) => {
  let db: TestDatabase;
  let app: App;
  let bankA: { digibankId: string; locationId: string };
  let bankB: { digibankId: string; locationId: string };
  const as: Record<'coordinator' | 'volunteer' | 'other', ConsoleClient> = {} as never;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    const target = db.target.kind === 'postgres' ? { DATABASE_URL: db.target.url } : { DATA_DIR: 'memory://' };
    app = await startApp(loadConfig({ PORT: '0', ...target, SEED_DEMO_DATA: 'false', LOG_LEVEL: 'silent', LOAN_DAYS: '60' }), db.target.kind === 'embedded' ? db : undefined);
    bankA = await createLendingDigibank(app.db.prisma, '8500');
    bankB = await createLendingDigibank(app.db.prisma, '9000');
    await app.db.prisma.loanQuestion.create({ data: { digibankId: bankA.digibankId, key: 'student', required: false } });
    const passwordHash = await new PasswordHasher().hash(PASSWORD);
    const users = { coordinator: ['coordinator', bankA], volunteer: ['volunteer', bankA], other: ['coordinator', bankB] } as const;
    for (const [name, [role, bank]] of Object.entries(users)) {
      await app.db.prisma.consoleUser.create({ data: { username: `${name}.${kind}`, passwordHash, role, digibankId: bank.digibankId, languages: ['nl'] } });
      const client = new ConsoleClient(app.url);
      expect(await client.login(`${name}.${kind}`, PASSWORD)).toBe(200);
      as[name as keyof typeof as] = client;
    }
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    if (db?.target.kind === 'postgres') await db.drop();
  });

  const loanOf = async (id: string) => (await as.coordinator.get(`/console/api/loans/${id}`)).body.loan as Loan;

  test('the life cycle across chat and console: request, approve, device added → ready, pick up, "verlengen", extend, return', async () => {
    const chat = await WebChat.open(app);
    expect(await chat.say('Nederlands')).toContain(t('nl', 'menu.prompt'));
    expect(await chat.say('ik heb geen laptop')).toContain(t('nl', 'loan.askKind'));
    expect(await chat.say('1')).toBe(t('nl', 'loan.askPurpose'));
    expect(await chat.say('1')).toBe(t('nl', 'loan.askPlace'));
    expect(await chat.say('8500')).toContain(t('nl', 'loan.placesFound'));
    expect(await chat.say('1')).toContain(t('nl', 'loan.questions.student'));
    expect(await chat.say('1')).toContain(t('nl', 'loan.kinds.laptop'));
    const requested = await chat.say('1');

    const list = await as.coordinator.get('/console/api/loans?status=requested');
    expect(list.status).toBe(200);
    const [loan] = list.body.loans as Loan[];
    expect(loan.answers).toEqual({ student: 'yes' });
    expect(requested).toContain(t('nl', 'loan.requested', { reference: loan.reference, digibank: (await app.db.prisma.digibank.findUniqueOrThrow({ where: { id: bankA.digibankId } })).name, days: 7 }));

    // Scope, roles and CSRF.
    expect((await as.other.get('/console/api/loans')).body.loans).toEqual([]);
    expect((await as.other.get(`/console/api/loans/${loan.id}`)).status).toBe(403);
    expect((await as.other.post(`/console/api/loans/${loan.id}/approve`)).status).toBe(403);
    expect((await as.volunteer.post(`/console/api/loans/${loan.id}/approve`)).status).toBe(403);
    expect((await as.coordinator.post(`/console/api/loans/${loan.id}/approve`, {}, { csrf: false })).status).toBe(403);
    expect((await new ConsoleClient(app.url).get('/console/api/loans')).status).toBe(401);

    const approved = await as.coordinator.post(`/console/api/loans/${loan.id}/approve`);
    expect(approved.status).toBe(200);
    expect((approved.body.loan as Loan).status).toBe('approved');
    expect(await chat.replies()).toBe(t('nl', 'loan.notify.approvedWaiting', { reference: loan.reference, position: 1 }));
    expect((await as.coordinator.get('/console/api/loans/waiting')).body.waiting).toEqual([expect.objectContaining({ loanId: loan.id, position: 1 })]);

    const added = await as.coordinator.post('/console/api/loans/devices', { kind: 'laptop', assetTag: 'KRT-001', locationId: bankA.locationId, accessories: ['lader'] });
    expect(added.status).toBe(201);
    expect((await loanOf(loan.id)).status).toBe('ready');
    expect(await chat.replies()).toContain(t('nl', 'loan.notify.ready', { reference: loan.reference, place: 'x', address: 'x', hours: 'x' }).split('\n')[0]);
    const deviceId = (added.body.device as { id: string }).id;
    expect((await as.coordinator.call('PATCH', `/console/api/loans/devices/${deviceId}`, { status: 'retired' })).status).toBe(409);

    expect((await as.volunteer.post(`/console/api/loans/${loan.id}/pickup`)).status).toBe(200);
    expect(await chat.replies()).toContain(loan.reference);
    expect(await chat.say('verlengen')).toContain(t('nl', 'loan.extension.requested', { reference: loan.reference }));
    expect((await loanOf(loan.id)).extensionRequestedAt).not.toBeNull();
    const extended = await as.coordinator.post(`/console/api/loans/${loan.id}/extend`, { days: 30 });
    expect(extended.status).toBe(200);
    expect(await chat.replies()).toContain(loan.reference);

    const back = await as.volunteer.post(`/console/api/loans/${loan.id}/return`, { condition: 'goed' });
    expect((back.body.loan as Loan).status).toBe('returned');
    expect((await as.volunteer.post(`/console/api/loans/${loan.id}/return`, { condition: 'goed' })).status).toBe(409);
    const detail = await as.coordinator.get(`/console/api/loans/${loan.id}`);
    expect((detail.body.events as { toStatus: string }[]).map((event) => event.toStatus)).toEqual(['requested', 'approved', 'ready', 'on_loan', 'on_loan', 'on_loan', 'returned']);
    expect((await as.coordinator.call('DELETE', `/console/api/loans/devices/${deviceId}`)).status).toBe(409);
  }, 120_000);

  test('a rejection reaches the citizen in their language with the reason; a reason is required', async () => {
    const citizen = await createCitizen(app.db.prisma, 'fr');
    const result = await app.assistant.loans.loans.request({ ...citizen, digibankId: bankA.digibankId, locationId: bankA.locationId, deviceKind: 'tablet', purpose: 'school', answers: {} });
    const id = result.loan.id;
    expect((await as.coordinator.post(`/console/api/loans/${id}/reject`, { reason: ' ' })).status).toBe(400);
    expect((await as.coordinator.post(`/console/api/loans/${id}/reject`, { reason: 'Pas de preuve de revenus' })).status).toBe(200);
    expect(await outboxTexts(app.db.prisma, citizen.conversationId)).toEqual([
      t('fr', 'loan.notify.rejected', { reference: ReferenceCode.format(result.loan.reference), reason: 'Pas de preuve de revenus' }),
    ]);
  });

  test('a returned device (returned three times at once) makes the next waiting request ready and tells that person once; a cancelled one passes it on', async () => {
    const device = await app.db.prisma.device.create({ data: { digibankId: bankB.digibankId, locationId: bankB.locationId, kind: 'dongle', assetTag: 'GNT-4G' } });
    const people = await Promise.all([0, 1, 2].map(() => createCitizen(app.db.prisma, 'en')));
    const ids: string[] = [];
    for (const person of people) {
      const result = await app.assistant.loans.loans.request({ ...person, digibankId: bankB.digibankId, locationId: bankB.locationId, deviceKind: 'dongle', purpose: 'job_search', answers: {} });
      ids.push(result.loan.id);
      expect((await as.other.post(`/console/api/loans/${result.loan.id}/approve`)).status).toBe(200);
    }
    expect((await app.db.prisma.loanRequest.findUniqueOrThrow({ where: { id: ids[0] } })).deviceId).toBe(device.id);
    await as.other.post(`/console/api/loans/${ids[0]}/pickup`);
    const returns = await Promise.all([0, 1, 2].map(() => as.other.post(`/console/api/loans/${ids[0]}/return`, {})));
    expect(returns.map((response) => response.status).sort()).toEqual([200, 409, 409]);
    expect((await app.db.prisma.loanRequest.findUniqueOrThrow({ where: { id: ids[1] } })).status).toBe('ready');
    const readyFirstLine = t('en', 'loan.notify.ready', { reference: 'REF', place: '', address: '', hours: '' }).split('\n')[0].replace('REF', '');
    expect((await outboxTexts(app.db.prisma, people[1].conversationId)).filter((text) => text.startsWith(readyFirstLine))).toHaveLength(1);
    expect((await outboxTexts(app.db.prisma, people[2].conversationId)).filter((text) => text.startsWith(readyFirstLine))).toHaveLength(0);

    // A cancelled ready request gives its device to the next in line at once.
    await as.other.post(`/console/api/loans/${ids[1]}/cancel`, { reason: 'not picked up' });
    const extra = await app.assistant.loans.loans.request({ ...(await createCitizen(app.db.prisma, 'en')), digibankId: bankB.digibankId, locationId: bankB.locationId, deviceKind: 'dongle', purpose: 'other', answers: {} });
    expect((await app.db.prisma.loanRequest.findUniqueOrThrow({ where: { id: ids[2] } })).status).toBe('ready'); // FCFS: the next in line got it at once
    await as.other.post(`/console/api/loans/${extra.loan.id}/approve`);
    await as.other.post(`/console/api/loans/${ids[2]}/cancel`, { reason: 'moved away' });
    expect((await app.db.prisma.loanRequest.findUniqueOrThrow({ where: { id: extra.loan.id } })).status).toBe('ready');
  });

  test('20 coordinators reserving the last smartphone for 20 waiting requests at once: exactly one succeeds', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const result = await app.assistant.loans.loans.request({ ...(await createCitizen(app.db.prisma)), digibankId: bankB.digibankId, deviceKind: 'smartphone', purpose: 'other', answers: {} });
      expect((await as.other.post(`/console/api/loans/${result.loan.id}/approve`)).status).toBe(200);
      ids.push(result.loan.id);
    }
    // Added behind the service's back, so nobody got it yet.
    const device = await app.db.prisma.device.create({ data: { digibankId: bankB.digibankId, kind: 'smartphone', assetTag: 'GNT-SP1' } });
    const race = await Promise.all(ids.map((id) => as.other.post(`/console/api/loans/${id}/reserve`, { deviceId: device.id })));
    expect(race.map((response) => response.status).sort()).toEqual([200, ...Array(19).fill(409)]);
    expect(await app.db.prisma.loanRequest.count({ where: { deviceId: device.id, status: 'ready' } })).toBe(1);
  });
});
