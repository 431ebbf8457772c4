import { DEFAULT_SCRYPT, PasswordHasher } from '../../../../adapters/console/passwordHasher';

describe('PasswordHasher (scrypt)', () => {
  const hasher = new PasswordHasher();

  test('hashes with the stored parameters and a salt of its own; verifies only the right password', async () => {
    const [one, two] = await Promise.all([hasher.hash('correct horse battery'), hasher.hash('correct horse battery')]);
    expect(one).toMatch(new RegExp(`^scrypt\\$${DEFAULT_SCRYPT.N}\\$8\\$1\\$[A-Za-z0-9_-]{22}\\$[A-Za-z0-9_-]{43}$`));
    expect(one).not.toBe(two);
    expect(await hasher.verify('correct horse battery', one)).toBe(true);
    expect(await hasher.verify('correct horse batterY', one)).toBe(false);
    expect(await hasher.verify('', one)).toBe(false);
  });

  test('the same password in another Unicode form verifies (NFC)', async () => {
    const hash = await hasher.hash('caf\u00e9-wachtwoord');
    expect(await hasher.verify('cafe\u0301-wachtwoord', hash)).toBe(true);
  });

  test('hashes made with other parameters stay valid (parameters are read from the hash)', async () => {
    const cheap = await new PasswordHasher({ N: 1024, r: 8, p: 1 }).hash('old password 123');
    expect(cheap).toMatch(/^scrypt\$1024\$/);
    expect(await hasher.verify('old password 123', cheap)).toBe(true);
  });

  test.each([
    ['empty', ''],
    ['another scheme', 'bcrypt$2b$10$abc'],
    ['too few parts', 'scrypt$16384$8$1$c2FsdA'],
    ['absurd cost (denial of service)', 'scrypt$1073741824$8$1$c2FsdHNhbHRzYWx0$' + 'A'.repeat(43)],
    ['short key', 'scrypt$1024$8$1$c2FsdHNhbHRzYWx0$AAAA'],
  ])('a malformed hash never matches: %s', async (_name, stored) => {
    expect(await hasher.verify('anything', stored)).toBe(false);
  });

  test('the decoy hash (unknown users) is a real scrypt hash, made once', async () => {
    const decoy = await hasher.decoy();
    expect(decoy).toMatch(/^scrypt\$/);
    expect(await hasher.decoy()).toBe(decoy);
  });
});
