import { startApp, App } from '../../../../app/app';
import { loadConfig } from '../../../../app/config';
import { translator } from '../../../../i18n/translator';
import { enqueueOutbound } from '../../../../outbox/enqueueOutbound';

/** Starts the real server on a free port with an in-memory embedded database. */
async function start(env: Record<string, string> = {}): Promise<App> {
  return startApp(loadConfig({ PORT: '0', DATA_DIR: 'memory://', SEED_DEMO_DATA: 'false', ...env }));
}

interface Call { status: number; body: any } // eslint-disable-line @typescript-eslint/no-explicit-any

async function call(app: App, method: string, path: string, options: { token?: string; body?: string | object; contentType?: string } = {}): Promise<Call> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  const response = await fetch(`${app.url}${path}`, {
    method,
    headers,
    body: typeof options.body === 'string' ? options.body : options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try { body = JSON.parse(text); } catch { /* not JSON */ }
  return { status: response.status, body };
}

async function conversation(app: App): Promise<{ id: string; token: string }> {
  const generated = await call(app, 'POST', '/v3/directline/tokens/generate');
  const started = await call(app, 'POST', '/v3/directline/conversations', { token: generated.body.token });
  expect(started.status).toBe(201);
  return { id: started.body.conversationId, token: started.body.token };
}

async function botReplies(app: App, c: { id: string; token: string }, count: number): Promise<any[]> { // eslint-disable-line @typescript-eslint/no-explicit-any
  await app.assistant.runner.idle();
  const result = await call(app, 'GET', `/v3/directline/conversations/${c.id}/activities`, { token: c.token });
  const replies = result.body.activities.filter((a: { from: { role?: string } }) => a.from.role === 'bot');
  expect(replies.length).toBeGreaterThanOrEqual(count);
  return replies;
}

describe('Direct Line 3.0 endpoints', () => {
  let app: App;
  beforeAll(async () => { app = await start(); });
  afterAll(() => app.close());

  test('a conversation greets with the language choice and answers in order with a watermark', async () => {
    const c = await conversation(app);
    const first = await botReplies(app, c, 2);
    expect(first.at(-1).suggestedActions.actions.map((a: { text: string }) => a.text)).toContain('English');
    const posted = await call(app, 'POST', `/v3/directline/conversations/${c.id}/activities`, { token: c.token, body: { type: 'message', text: 'English', from: { id: 'spoofed' } } });
    expect(posted.status).toBe(200);
    expect(typeof posted.body.id).toBe('string');
    await app.assistant.runner.idle();
    const all = await call(app, 'GET', `/v3/directline/conversations/${c.id}/activities`, { token: c.token });
    const echo = all.body.activities.find((a: { id: string }) => a.id === posted.body.id);
    expect(echo.from.id).not.toBe('spoofed');
    expect(all.body.activities.at(-1).text).toBe(translator.t('en', 'menu.prompt'));
    const later = await call(app, 'GET', `/v3/directline/conversations/${c.id}/activities?watermark=${all.body.watermark}`, { token: c.token });
    expect(later.body).toEqual({ activities: [], watermark: all.body.watermark });
  });

  test('choices reach Web Chat as numbered messageBack actions; a tap posted back arrives as value.choice', async () => {
    const c = await conversation(app);
    const offer = (await botReplies(app, c, 2)).at(-1);
    const actions = offer.suggestedActions.actions as { type: string; title: string; text: string; displayText: string; value: { choice: string } }[];
    expect(actions.length).toBeGreaterThanOrEqual(2);
    actions.forEach((action, index) => {
      expect(action).toEqual({ type: 'messageBack', title: `${index + 1}. ${action.text}`, text: action.text, displayText: action.text, value: { choice: expect.any(String) } });
    });
    const french = actions.find((a) => a.text === translator.t('fr', 'language.choices.name'));
    // What Web Chat posts for a messageBack tap: text, value and the display text in channelData.
    const tap = { type: 'message', text: french?.text, value: french?.value, channelData: { messageBack: { displayText: french?.displayText }, clientActivityID: 'tap-1' } };
    const posted = await call(app, 'POST', `/v3/directline/conversations/${c.id}/activities`, { token: c.token, body: tap });
    expect(posted.status).toBe(200);
    await app.assistant.runner.idle();
    const row = await app.db.prisma.message.findFirstOrThrow({ where: { id: posted.body.id } });
    expect(row.activity).toMatchObject({ type: 'message', text: french?.text, value: { choice: french?.value.choice } });
    const all = await call(app, 'GET', `/v3/directline/conversations/${c.id}/activities`, { token: c.token });
    expect(all.body.activities.map((a: { text?: string }) => a.text)).toContain(translator.t('fr', 'language.confirmed'));
  });

  test('a reply\'s single line breaks become markdown hard breaks; an imBack whose value is an id shows its title', async () => {
    const c = await conversation(app);
    await botReplies(app, c, 2);
    const row = await app.db.prisma.conversation.findFirstOrThrow({ where: { channel: 'webchat', channelConversationId: c.id } });
    const id = await enqueueOutbound(app.db.prisma, row.id, 'webchat', {
      text: 'Klopt dit?\nDigibank Kortrijk\nma 7 dec om 09:00\n\nTot dan.',
      suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'Ja, boek', value: 'confirm.yes' }, { type: 'imBack', title: 'Nee', value: 'Nee' }] },
    });
    const all = await call(app, 'GET', `/v3/directline/conversations/${c.id}/activities`, { token: c.token });
    const sent = all.body.activities.find((a: { id: string }) => a.id === id);
    expect(sent.text).toBe('Klopt dit?  \nDigibank Kortrijk  \nma 7 dec om 09:00\n\nTot dan.');
    expect(sent.suggestedActions.actions).toEqual([
      { type: 'messageBack', title: '1. Ja, boek', text: 'Ja, boek', displayText: 'Ja, boek', value: { choice: 'confirm.yes' } },
      { type: 'messageBack', title: '2. Nee', text: 'Nee', displayText: 'Nee', value: { choice: 'Nee' } },
    ]);
  });

  test('a message queued outside a turn (a volunteer, a loan decision) shows on the assistant\'s side', async () => {
    const c = await conversation(app);
    await botReplies(app, c, 2);
    const row = await app.db.prisma.conversation.findFirstOrThrow({ where: { channel: 'webchat', channelConversationId: c.id } });
    const id = await enqueueOutbound(app.db.prisma, row.id, 'webchat', { text: 'from the console' });
    const all = await call(app, 'GET', `/v3/directline/conversations/${c.id}/activities`, { token: c.token });
    const queued = all.body.activities.find((a: { id: string }) => a.id === id);
    expect(queued.from).toMatchObject({ role: 'bot' });
  });

  test.each([
    ['no token', undefined, '/activities', 403],
    ['a forged token', 'abc.def', '/activities', 403],
  ])('a request with %s is refused', async (_name, token, suffix, status) => {
    const c = await conversation(app);
    const result = await call(app, 'GET', `/v3/directline/conversations/${c.id}${suffix}`, { token });
    expect(result.status).toBe(status);
  });

  test('a token of another conversation is refused; an unknown conversation is 404', async () => {
    const a = await conversation(app);
    const b = await conversation(app);
    expect((await call(app, 'GET', `/v3/directline/conversations/${b.id}/activities`, { token: a.token })).status).toBe(403);
    const unstarted = await call(app, 'POST', '/v3/directline/tokens/generate');
    const result = await call(app, 'GET', `/v3/directline/conversations/${unstarted.body.conversationId}/activities`, { token: unstarted.body.token });
    expect(result.status).toBe(404);
  });

  test.each([
    ['invalid JSON', '{"type": "message", "text": ', 'application/json'],
    ['an unknown activity type', { type: 'invoke', text: 'x' }, undefined],
    ['a text that is not a string', { type: 'message', text: 42 }, undefined],
    ['a plain-text body', 'hello', 'text/plain'],
  ])('a malformed activity (%s) gets 400 with a reason', async (_name, body, contentType) => {
    const c = await conversation(app);
    const result = await call(app, 'POST', `/v3/directline/conversations/${c.id}/activities`, { token: c.token, body, contentType });
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.body)).toMatch(/message/i);
  });

  test('a watermark that is not a number gets 400', async () => {
    const c = await conversation(app);
    expect((await call(app, 'GET', `/v3/directline/conversations/${c.id}/activities?watermark=abc`, { token: c.token })).status).toBe(400);
  });

  test('a body over the size limit gets 413', async () => {
    const c = await conversation(app);
    const result = await call(app, 'POST', `/v3/directline/conversations/${c.id}/activities`, { token: c.token, body: { type: 'message', text: 'x'.repeat(300_000) } });
    expect(result.status).toBe(413);
  });

  test.each([
    ['empty text', ''],
    ['emoji only', '👍🙏😀'],
    ['binary-looking text', '\u0000\u0001\u0002\uFFFD\uFFFE garbage \u001b[31m'],
    ['a message over 4,000 characters', 'a'.repeat(4001)],
  ])('%s never crashes a turn and gets an answer', async (_name, text) => {
    const c = await conversation(app);
    const before = (await botReplies(app, c, 2)).length;
    await call(app, 'POST', `/v3/directline/conversations/${c.id}/activities`, { token: c.token, body: { type: 'message', text } });
    const after = await botReplies(app, c, before + 1);
    expect(after.length).toBeGreaterThan(before);
    expect(after.some((a: { text?: string }) => a.text?.includes(translator.t('nl', 'common.error', { code: '' }).slice(0, 10)))).toBe(false);
  });

  test('the web page of a returning visitor is in the language they chose', async () => {
    const first = await fetch(`${app.url}/`, { headers: { 'accept-language': 'nl-BE,nl;q=0.9' } });
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0];
    const html = await first.text();
    expect(html).toContain('<html lang="nl">');
    const { token } = JSON.parse(/<script type="application\/json" id="webchat-config"[^>]*>(.*?)<\/script>/s.exec(html)![1]) as { token: string };
    const started = await call(app, 'POST', '/v3/directline/conversations', { token });
    await call(app, 'POST', `/v3/directline/conversations/${started.body.conversationId}/activities`, { token: started.body.token, body: { type: 'message', text: 'Français' } });
    await app.assistant.runner.idle();
    const again = await (await fetch(`${app.url}/`, { headers: { cookie, 'accept-language': 'nl-BE' } })).text();
    expect(again).toContain('<html lang="fr">');
    expect(again).toContain('"locale":"fr-FR"');
    expect(again).toContain(translator.t('fr', 'webchat.title'));
  });

  test('an over-long message is refused politely in the person\'s language', async () => {
    const c = await conversation(app);
    await call(app, 'POST', `/v3/directline/conversations/${c.id}/activities`, { token: c.token, body: { type: 'message', text: 'Français' } });
    await call(app, 'POST', `/v3/directline/conversations/${c.id}/activities`, { token: c.token, body: { type: 'message', text: 'é'.repeat(4001) } });
    const replies = await botReplies(app, c, 4);
    expect(replies.map((a: { text?: string }) => a.text)).toContain(translator.t('fr', 'common.tooLong', { max: 4000 }));
  });
});

describe('Direct Line with a secret', () => {
  let app: App;
  beforeAll(async () => { app = await start({ DIRECTLINE_SECRET: 'a-secret-of-sufficient-length' }); });
  afterAll(() => app.close());

  test('tokens/generate needs the secret', async () => {
    expect((await call(app, 'POST', '/v3/directline/tokens/generate')).status).toBe(403);
    const ok = await call(app, 'POST', '/v3/directline/tokens/generate', { token: 'a-secret-of-sufficient-length', body: { user: { id: 'u-1' } } });
    expect(ok.status).toBe(200);
    expect(ok.body.token).toEqual(expect.any(String));
  });

  test('the web page still works: its token is minted on the server', async () => {
    const page = await fetch(`${app.url}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/webchat/webchat.js');
    expect(html).not.toContain('a-secret-of-sufficient-length');
    expect(page.headers.get('set-cookie')).toMatch(/HttpOnly/);
  });
});

describe('Direct Line rate limits (#16.8)', () => {
  let app: App;
  beforeAll(async () => { app = await start({ CHAT_RATE_LIMIT_PER_MINUTE: '3', WEBCHAT_TOKENS_PER_MINUTE: '4' }); });
  afterAll(() => app.close());

  test('a conversation over its limit gets 429 with Retry-After, and what was refused is not stored', async () => {
    const c = await conversation(app);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 6; i += 1) {
      const response = await fetch(`${app.url}/v3/directline/conversations/${c.id}/activities`, {
        method: 'POST', headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', text: `bericht ${i}` }),
      });
      statuses.push(response.status);
      if (response.status === 429) retryAfter ??= response.headers.get('retry-after');
      await response.text();
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    await app.assistant.runner.idle();
    const stored = await app.db.prisma.message.count({ where: { conversation: { channelConversationId: c.id }, direction: 'in', activity: { path: ['type'], equals: 'message' } } });
    expect(stored).toBe(3);
    const other = await conversation(app);
    expect((await call(app, 'POST', `/v3/directline/conversations/${other.id}/activities`, { token: other.token, body: { type: 'message', text: 'hallo' } })).status).toBe(200);
  });

  test('new tokens per client address are limited (429), so visitors cannot be minted without end', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await call(app, 'POST', '/v3/directline/tokens/generate')).status);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    expect(statuses.every((status) => status === 200 || status === 429)).toBe(true);
  });
});
