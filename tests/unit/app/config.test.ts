import { ConfigError, loadConfig } from '../../../app/config';

describe('configuration from the environment', () => {
  test('defaults: port 3978, embedded database in ./data, demo data on', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3978, DATA_DIR: './data', SEED_DEMO_DATA: true, MAX_MESSAGE_LENGTH: 4000 });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  test('privacy: messages and inactive people kept 180 days, the audit trail 730, no contact unless set', () => {
    expect(loadConfig({})).toMatchObject({ RETENTION_DAYS: 180, AUDIT_RETENTION_DAYS: 730 });
    expect(loadConfig({}).PRIVACY_CONTACT).toBeUndefined();
    expect(loadConfig({ RETENTION_DAYS: '90', PRIVACY_CONTACT: 'privacy@digibank.be' })).toMatchObject({ RETENTION_DAYS: 90, PRIVACY_CONTACT: 'privacy@digibank.be' });
  });

  test('empty values count as unset', () => {
    const config = loadConfig({ PORT: '', DATABASE_URL: '' });
    expect(config.PORT).toBe(3978);
    expect(config.DATABASE_URL).toBeUndefined();
  });

  test('valid values are converted', () => {
    expect(loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://u:p@db/x', SEED_DEMO_DATA: 'false' })).toMatchObject({ PORT: 8080, DATABASE_URL: 'postgres://u:p@db/x', SEED_DEMO_DATA: false });
  });

  test.each([
    ['PORT', 'abc', /^Configuration error: PORT: /],
    ['PORT', '70000', /^Configuration error: PORT: /],
    ['DATABASE_URL', 'mysql://x', /^Configuration error: DATABASE_URL: expected a postgres:\/\/ URL/],
    ['PUBLIC_BASE_URL', 'not a url', /^Configuration error: PUBLIC_BASE_URL: expected an absolute http\(s\) URL/],
    ['SEED_DEMO_DATA', 'maybe', /^Configuration error: SEED_DEMO_DATA: expected true or false/],
    ['DEFAULT_LANGUAGE', 'de', /^Configuration error: DEFAULT_LANGUAGE: expected nl, fr or en/],
    ['DIRECTLINE_SECRET', 'short', /^Configuration error: DIRECTLINE_SECRET: /],
    ['RETENTION_DAYS', '3', /^Configuration error: RETENTION_DAYS: /],
    ['AUDIT_RETENTION_DAYS', 'forever', /^Configuration error: AUDIT_RETENTION_DAYS: /],
    ['PRIVACY_CONTACT', 'x', /^Configuration error: PRIVACY_CONTACT: expected an e-mail address or phone number/],
  ])('%s=%s stops with one line naming the variable', (name, value, message) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });
});
