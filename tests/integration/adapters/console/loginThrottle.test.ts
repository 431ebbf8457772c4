import { ConsoleAuth } from '../../../../adapters/console/consoleAuth';
import { clientAddress } from '../../../../adapters/console/consoleHttp';
import { PasswordHasher } from '../../../../adapters/console/passwordHasher';
import { createTestDatabase, TestDatabase } from '../../../support/database';

const PASSWORD = 'a long enough password';
/** Fast scrypt for tests; small steps so that the slow-down is visible but short. */
const hasher = new PasswordHasher({ N: 1024, r: 8, p: 1 });
const limits = { maxFailuresPerPair: 5, slowAfterAddressFailures: 10, delayStepMs: 40, maxDelayMs: 200, windowMinutes: 15, lockMinutes: 15 };

describe('console login throttle: slow an address down, never lock a colleague out', () => {
  let db: TestDatabase;
  let auth: ConsoleAuth;

  beforeAll(async () => {
    db = await createTestDatabase('embedded');
    auth = new ConsoleAuth(db.prisma, { https: false, idleMinutes: 30, maxHours: 12, hasher, throttle: limits });
    const passwordHash = await hasher.hash(PASSWORD);
    for (const username of ['anna', 'bert', 'carla']) await db.prisma.consoleUser.create({ data: { username, passwordHash, role: 'admin' } });
  });
  afterAll(() => db.drop());

  test('30 wrong passwords from the shared proxy address do not refuse a colleague\'s right password there', async () => {
    const proxy = '10.0.0.1';
    for (let i = 0; i < 30; i++) expect((await auth.login(i % 2 ? 'anna' : 'nobody', 'wrong', proxy)).kind).toMatch(/invalid|locked/);
    const started = Date.now();
    expect((await auth.login('bert', PASSWORD, proxy)).kind).toBe('ok');
    // …but the address is slowed down: past 10 failures each login waits longer, at most maxDelayMs.
    expect(Date.now() - started).toBeGreaterThanOrEqual(limits.maxDelayMs - 20);
  });

  test('five wrong passwords lock that username from that address only', async () => {
    for (let i = 0; i < 5; i++) await auth.login('carla', 'wrong', '192.0.2.7');
    expect((await auth.login('carla', PASSWORD, '192.0.2.7')).kind).toBe('locked');
    expect((await auth.login('carla', PASSWORD, '198.51.100.3')).kind).toBe('ok');
  });
});

describe('clientAddress', () => {
  const req = (forwarded: string | undefined) => ({ headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded }, socket: { remoteAddress: '10.0.0.1' } });
  test.each([
    [0, '203.0.113.9', '10.0.0.1'], // no proxy trusted: the header is ignored
    [1, '203.0.113.9', '203.0.113.9'],
    [1, '6.6.6.6, 203.0.113.9', '203.0.113.9'], // a client cannot choose its address by writing the header
    [2, '6.6.6.6, 203.0.113.9, 10.1.1.1', '203.0.113.9'],
    [1, undefined, '10.0.0.1'],
    [2, '203.0.113.9', '10.0.0.1'],
  ])('%i trusted hop(s), X-Forwarded-For %s → %s', (hops, header, expected) => {
    expect(clientAddress(req(header) as never, hops)).toBe(expected);
  });
});
