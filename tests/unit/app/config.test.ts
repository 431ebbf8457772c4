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

  test('web chat branding: defaults pass the contrast checks; sites that may frame the page are a list', () => {
    expect(loadConfig({})).toMatchObject({ WEBCHAT_COLOR: '#004f9f', WEBCHAT_BACKGROUND_COLOR: '#f4f6f8' });
    expect(loadConfig({}).WEBCHAT_FRAME_ANCESTORS).toBeUndefined();
    expect(loadConfig({ WEBCHAT_FRAME_ANCESTORS: "https://www.ieper.be, https://*.ieper.be 'self' http://127.0.0.1:8080" }).WEBCHAT_FRAME_ANCESTORS).toEqual([
      'https://www.ieper.be',
      'https://*.ieper.be',
      "'self'",
      'http://127.0.0.1:8080',
    ]);
    expect(loadConfig({ WEBCHAT_COLOR: '#7a1f3d', WEBCHAT_BACKGROUND_COLOR: '#fff8e6', WEBCHAT_LOGO: 'https://www.ieper.be/logo.svg' })).toMatchObject({ WEBCHAT_COLOR: '#7a1f3d', WEBCHAT_LOGO: 'https://www.ieper.be/logo.svg' });
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
    ['WEBCHAT_COLOR', 'blue', /^Configuration error: WEBCHAT_COLOR: expected a colour as #rrggbb/],
    ['WEBCHAT_COLOR', '#ffbf47', /^Configuration error: WEBCHAT_COLOR: contrast with white is 1\.\d\d:1, at least 4\.5:1/],
    ['WEBCHAT_BACKGROUND_COLOR', '#333333', /^Configuration error: WEBCHAT_COLOR: contrast with WEBCHAT_BACKGROUND_COLOR is/],
    ['WEBCHAT_LOGO', '/no/such/logo.png', /^Configuration error: WEBCHAT_LOGO: expected an http\(s\) URL or an existing \.svg/],
    ['WEBCHAT_LOGO', __filename, /^Configuration error: WEBCHAT_LOGO: /],
    ['WEBCHAT_CONTACT_EMAIL', 'digibank at ieper', /^Configuration error: WEBCHAT_CONTACT_EMAIL: expected an e-mail address/],
    ['WEBCHAT_CONTACT_PHONE', 'call us', /^Configuration error: WEBCHAT_CONTACT_PHONE: expected a phone number/],
    ['WEBCHAT_FRAME_ANCESTORS', 'https://www.ieper.be/chat', /^Configuration error: WEBCHAT_FRAME_ANCESTORS: expected origins/],
    ['WEBCHAT_FRAME_ANCESTORS', '*', /^Configuration error: WEBCHAT_FRAME_ANCESTORS: expected origins/],
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
