import { signWhatsApp } from '../../../support/whatsAppPayloads';
import { startApp, App } from '../../../../app/app';
import { loadConfig } from '../../../../app/config';
import { translator } from '../../../../i18n/translator';
import { eventually, FakeProviders, graphText, ProviderCall } from '../../../support/fakeProviders';

const SECRET = 'whatsapp-app-secret';
const PHONE_ID = '1234567890';

let seq = 0;
/** A signed webhook with one message from `from`, as Meta posts it. */
async function deliver(app: App, from: string, message: Record<string, unknown>): Promise<void> {
  const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: 'WABA', changes: [{ field: 'messages', value: {
    messaging_product: 'whatsapp', metadata: { phone_number_id: PHONE_ID },
    messages: [{ from, id: `wamid.tap${++seq}`, timestamp: String(Math.floor(Date.now() / 1000)), ...message }],
  } }] }] });
  const response = await fetch(`${app.url}/api/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWhatsApp(SECRET, body) }, body });
  expect(response.status).toBe(200);
}

type Row = { id: string; title: string };
type Interactive = { type: 'button' | 'list'; action: { button?: string; buttons?: { reply: Row }[]; sections?: { rows: Row[] }[] } };

/** The buttons or rows of an interactive Graph call, with the reply type a tap on them comes back as. */
function offered(call: ProviderCall): { kind: 'button_reply' | 'list_reply'; rows: Row[] } | undefined {
  const interactive = (call.body as { interactive?: Interactive }).interactive;
  if (!interactive) return undefined;
  if (interactive.type === 'button') return { kind: 'button_reply', rows: (interactive.action.buttons ?? []).map((b) => b.reply) };
  return { kind: 'list_reply', rows: (interactive.action.sections ?? []).flatMap((s) => s.rows) };
}

describe('WhatsApp taps (real server, fake Graph API)', () => {
  let fake: FakeProviders;
  let app: App;
  beforeAll(async () => {
    fake = await new FakeProviders().start();
    app = await startApp(loadConfig({
      PORT: '0', DATA_DIR: 'memory://', SEED_DEMO_DATA: 'false', LOG_LEVEL: 'silent',
      WHATSAPP_VERIFY_TOKEN: 'verify-token-1', WHATSAPP_APP_SECRET: SECRET, WHATSAPP_TOKEN: 'graph-token-1',
      WHATSAPP_PHONE_NUMBER_ID: PHONE_ID, WHATSAPP_API_URL: fake.graphUrl,
      OUTBOX_RETRY_BASE_MS: '5', OUTBOX_RETRY_MAX_MS: '50', OUTBOX_POLL_MS: '20',
    }));
  });
  afterAll(async () => {
    await app.close();
    await fake.stop();
  });

  const inbound = (from: string) =>
    app.db.prisma.message.findMany({ where: { conversation: { channelConversationId: from }, direction: 'in' }, orderBy: { seq: 'asc' } });

  test('a tap echoes the id the assistant rendered, reaches the turn as value.choice with the title as text, and is understood', async () => {
    const from = '32470001001';
    await deliver(app, from, { type: 'text', text: { body: 'hallo' } });
    await eventually(() => fake.accepted(from).some((c) => offered(c)));
    const call = fake.accepted(from).find((c) => offered(c)) as ProviderCall;
    const offer = offered(call);
    const row = offer?.rows[1] as Row;
    expect(row).toBeDefined();
    const before = fake.accepted(from).length;
    await deliver(app, from, { type: 'interactive', interactive: { type: offer?.kind, [offer?.kind as string]: { id: row.id, title: row.title } } });
    await eventually(() => fake.accepted(from).length > before);
    const tap = (await inbound(from)).at(-1);
    expect(tap?.text).toBe(row.title);
    expect(tap?.activity).toMatchObject({ type: 'message', text: row.title, value: { choice: row.id } });
    await app.assistant.runner.idle();
    // Understood: the assistant went on instead of asking the same question again.
    const replies = fake.accepted(from).slice(before).map(graphText);
    expect(replies.length).toBeGreaterThan(0);
    expect(replies).not.toContain(graphText(call));
  });

  test('typed text carries no value', async () => {
    const from = '32470001002';
    await deliver(app, from, { type: 'text', text: { body: 'Nederlands' } });
    await app.assistant.runner.idle();
    const [typed] = await inbound(from);
    expect(typed.activity).toMatchObject({ type: 'message', text: 'Nederlands' });
    expect((typed.activity as { value?: unknown }).value).toBeUndefined();
  });

  // The list button used to follow only the *chosen* language: "Kies" for everyone whose language was guessed.
  test.each(['fr', 'en'] as const)('a %s list opens with the button label of the text it carries, also when the language was only guessed', async (language) => {
    const from = language === 'fr' ? '32470001003' : '32470001004';
    const first = { fr: "Bonjour, j'ai un problème avec itsme sur mon téléphone", en: 'Hello, I have a problem with itsme on my phone' }[language];
    await deliver(app, from, { type: 'text', text: { body: first } });
    await app.assistant.runner.idle();
    await eventually(async () => (await app.db.prisma.message.count({ where: { conversation: { channelConversationId: from }, direction: 'out', status: { in: ['queued', 'sending'] } } })) === 0);
    const lists = fake.accepted(from).map((c) => (c.body as { interactive?: Interactive }).interactive).filter((i) => i?.type === 'list');
    expect(lists.length).toBeGreaterThan(0);
    for (const list of lists) expect(list?.action.button).toBe(translator.t(language, 'channels.listButton'));
  });
});
