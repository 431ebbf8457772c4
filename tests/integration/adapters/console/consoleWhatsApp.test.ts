import { App, startApp } from '../../../../app/app';
import { loadConfig } from '../../../../app/config';
import { ConsoleUsers } from '../../../../adapters/console/consoleUsers';
import { PasswordHasher } from '../../../../adapters/console/passwordHasher';
import { ConsoleClient } from '../../../support/consoleClient';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../../support/database';
import { eventually, FakeProviders, graphText } from '../../../support/fakeProviders';
import { signWhatsApp, whatsAppTextWebhook } from '../../../support/whatsAppPayloads';

const SECRET = 'whatsapp-app-secret';
const PHONE_ID = '1234567890';
const TEMPLATE = 'digibank_update';

describe.each(databaseKinds)('console on an empty database with WhatsApp and an approved template (%s)', (kind) => {
  let db: TestDatabase;
  let fake: FakeProviders;
  let app: App;
  let admin: ConsoleClient;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    fake = await new FakeProviders().start();
    const target = db.target.kind === 'postgres' ? { DATABASE_URL: db.target.url } : { DATA_DIR: 'memory://' };
    app = await startApp(loadConfig({
      PORT: '0', ...target, SEED_DEMO_DATA: 'false', LOG_LEVEL: 'silent',
      WHATSAPP_VERIFY_TOKEN: 'verify-token-1', WHATSAPP_APP_SECRET: SECRET, WHATSAPP_TOKEN: 'graph-token-1',
      WHATSAPP_PHONE_NUMBER_ID: PHONE_ID, WHATSAPP_API_URL: fake.graphUrl, WHATSAPP_TEMPLATE_NAME: TEMPLATE,
      OUTBOX_RETRY_BASE_MS: '5', OUTBOX_RETRY_MAX_MS: '50', OUTBOX_POLL_MS: '20',
    }), db.target.kind === 'embedded' ? db : undefined);
    admin = new ConsoleClient(app.url);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await fake?.stop();
    if (db?.target.kind === 'postgres') await db.drop();
  });

  test('without CONSOLE_ADMIN_* the administrator "admin" gets a random password, handed out once', async () => {
    const bootstrap = app.console.bootstrap;
    if (!bootstrap.created || !bootstrap.generatedPassword) throw new Error('no administrator was created');
    expect(bootstrap.username).toBe('admin');
    expect(bootstrap.generatedPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const stored = await app.db.prisma.consoleUser.findUniqueOrThrow({ where: { username: 'admin' } });
    expect(stored.passwordHash).not.toContain(bootstrap.generatedPassword);
    expect(await admin.login('admin', bootstrap.generatedPassword)).toBe(200);
    // Any later start (or a second process) finds the table filled: nothing created, nothing to print.
    expect(await new ConsoleUsers(app.db.prisma, new PasswordHasher()).bootstrapAdmin(undefined, undefined)).toEqual({ created: false });
    expect(await new ConsoleUsers(app.db.prisma, new PasswordHasher()).bootstrapAdmin('other', 'another long password')).toEqual({ created: false });
    expect(await app.db.prisma.consoleUser.count()).toBe(1);
  });

  test('outside the 24-hour window the answer is refused until the volunteer sends it as the template, which the Graph API receives', async () => {
    const from = '32470777001';
    const body = whatsAppTextWebhook(PHONE_ID, from, 'hallo', 'wamid.window1');
    expect((await fetch(`${app.url}/api/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWhatsApp(SECRET, body) }, body })).status).toBe(200);
    await app.assistant.runner.idle();
    const conversation = await app.db.prisma.conversation.findFirstOrThrow({ where: { channel: 'whatsapp', channelConversationId: from } });
    await app.db.prisma.conversation.update({ where: { id: conversation.id }, data: { lastInboundAt: new Date(Date.now() - 30 * 3600_000) } });
    await app.assistant.handoffs.request({ conversationId: conversation.id, reason: 'asked', language: 'nl' });
    expect((await admin.post(`/console/api/conversations/${conversation.id}/claim`)).status).toBe(200);
    const path = `/console/api/conversations/${conversation.id}/messages`;
    const view = await admin.get(`/console/api/conversations/${conversation.id}`);
    expect(view.body.window).toMatchObject({ applies: true, open: false, template: TEMPLATE });

    const refused = await admin.post(path, { text: 'Bent u er nog?' });
    expect([refused.status, refused.body.error, refused.body.template]).toEqual([409, 'window_closed', TEMPLATE]);
    const sent = await admin.post(path, { text: 'Bent u er nog?', asTemplate: true });
    expect([sent.status, sent.body.asTemplate]).toEqual([201, true]);
    await eventually(() => fake.accepted(from).some((call) => call.body.type === 'template' && graphText(call).includes('Bent u er nog?')));
    const template = fake.accepted(from).find((call) => call.body.type === 'template');
    expect(template?.body).toMatchObject({ template: { name: TEMPLATE } });
  });
});
