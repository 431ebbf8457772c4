import { startApp, App } from '../../../../app/app';
import { loadConfig } from '../../../../app/config';

/** Starts the real server on a free port with an in-memory embedded database. */
async function start(env: Record<string, string> = {}): Promise<App> {
  return startApp(loadConfig({ PORT: '0', DATA_DIR: 'memory://', SEED_DEMO_DATA: 'false', LOG_LEVEL: 'silent', ...env }));
}

const ADMIN_PASSWORD = 'a long enough password';

/** The claims a Direct Line token carries (its first part is base64url JSON). */
function claimsOf(token: string): { userId: string; conversationId: string } {
  return JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8'));
}

/** The page as a browser gets it: the user id it chats as, and the visitor cookie it is given. */
async function page(app: App, headers: Record<string, string> = {}): Promise<{ userId: string; setCookie: string; cookie: string }> {
  const response = await fetch(`${app.url}/`, { headers });
  const html = await response.text();
  const config = JSON.parse(/<script type="application\/json" id="webchat-config"[^>]*>(.*?)<\/script>/s.exec(html)![1]) as { userId: string; token: string };
  expect(claimsOf(config.token).userId).toBe(config.userId);
  const setCookie = response.headers.get('set-cookie') ?? '';
  return { userId: config.userId, setCookie, cookie: setCookie.split(';')[0] };
}

describe('web chat visitors are issued by the server', () => {
  let app: App;
  beforeAll(async () => { app = await start(); }, 60_000);
  afterAll(() => app.close());

  test('a user.id chosen by the caller is ignored: two tokens asked with the same id are two different people', async () => {
    const tokens = await Promise.all([1, 2].map(async () => {
      const response = await fetch(`${app.url}/v3/directline/tokens/generate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: { id: 'web_victim' } }) });
      expect(response.status).toBe(200);
      return ((await response.json()) as { token: string; conversationId: string });
    }));
    const [a, b] = tokens.map((t) => claimsOf(t.token));
    expect(a.userId).not.toBe('web_victim');
    expect(b.userId).not.toBe('web_victim');
    expect(a.userId).not.toBe(b.userId);
    for (const token of tokens) {
      const started = await fetch(`${app.url}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${token.token}` } });
      expect(started.status).toBe(201);
    }
    await app.assistant.runner.idle();
    const people = await app.db.prisma.person.findMany({ where: { channel: 'webchat' }, select: { channelUserId: true } });
    expect(people.map((p) => p.channelUserId)).not.toContain('web_victim');
    expect(new Set(people.map((p) => p.channelUserId)).size).toBe(people.length);
  });

  test('the cookie is signed: the same visitor comes back only with a cookie this server signed', async () => {
    const first = await page(app);
    expect(first.setCookie).toMatch(/^digibank_uid=web_[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+; Path=\/; Max-Age=15552000; HttpOnly; SameSite=Lax$/);
    expect((await page(app, { cookie: first.cookie })).userId).toBe(first.userId);
    const forged = [
      `digibank_uid=${first.userId}`, // the id alone (an old unsigned cookie, or one read off the page)
      `digibank_uid=${first.userId}.${'A'.repeat(43)}`,
      `digibank_uid=web_${'B'.repeat(22)}.${first.cookie.split('.')[1]}`, // another id with this signature
    ];
    for (const cookie of forged) {
      const visit = await page(app, { cookie });
      expect(visit.userId).not.toBe(first.userId);
      expect(visit.userId).not.toBe(`web_${'B'.repeat(22)}`);
      expect(visit.cookie).not.toBe(cookie);
    }
  });

  test('"forget me on this computer" drops the cookie; the next page is a new visitor', async () => {
    const first = await page(app);
    const forget = await fetch(`${app.url}/webchat/forget`, { method: 'POST', headers: { cookie: first.cookie }, redirect: 'manual' });
    expect(forget.status).toBe(303);
    expect(forget.headers.get('location')).toBe('/');
    expect(forget.headers.get('set-cookie')).toBe('digibank_uid=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax');
    expect((await page(app)).userId).not.toBe(first.userId);
  });

  test.each([
    ['plain http', {}, false],
    ['X-Forwarded-Proto https without a trusted proxy (anyone can write it)', { 'x-forwarded-proto': 'https' }, false],
  ])('over %s the cookie is not Secure', async (_name, headers, secure) => {
    expect((await page(app, headers)).setCookie.endsWith('; Secure')).toBe(secure);
  });
});

describe.each([
  ['PUBLIC_BASE_URL is https', { PUBLIC_BASE_URL: 'https://chat.example.org' }, {}, true],
  ['a trusted proxy says https', { TRUST_PROXY: '1' }, { 'x-forwarded-proto': 'https' }, true],
  ['a trusted proxy says http', { TRUST_PROXY: '1' }, { 'x-forwarded-proto': 'http' }, false],
  ['the trusted proxy appended https after what the client wrote', { TRUST_PROXY: '1' }, { 'x-forwarded-proto': 'http, https' }, true],
  ['the client wrote https before the trusted proxy appended http', { TRUST_PROXY: '1' }, { 'x-forwarded-proto': 'https, http' }, false],
])('when %s', (_name, env, headers, secure) => {
  let app: App;
  beforeAll(async () => { app = await start({ ...env, CONSOLE_ADMIN_USERNAME: 'admin', CONSOLE_ADMIN_PASSWORD: ADMIN_PASSWORD }); }, 60_000);
  afterAll(() => app.close());

  test(`the visitor cookie and the console cookie are ${secure ? '' : 'not '}Secure`, async () => {
    expect((await page(app, headers)).setCookie.endsWith('; Secure')).toBe(secure);
    const forget = await fetch(`${app.url}/webchat/forget`, { method: 'POST', headers, redirect: 'manual' });
    expect((forget.headers.get('set-cookie') ?? '').endsWith('; Secure')).toBe(secure);
    const login = await fetch(`${app.url}/console/api/login`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    expect(login.status).toBe(200);
    expect((login.headers.get('set-cookie') ?? '').endsWith('; Secure')).toBe(secure);
  });
});
