import { CHANNELS, missingVariables } from '../../../app/channels';
import { loadConfig } from '../../../app/config';

const whatsApp = { WHATSAPP_VERIFY_TOKEN: 'verify-token', WHATSAPP_APP_SECRET: 'app-secret', WHATSAPP_TOKEN: 'access-token', WHATSAPP_PHONE_NUMBER_ID: '123456' };
const sms = { TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`, TWILIO_AUTH_TOKEN: 'auth-token', TWILIO_FROM: '+32470000000', PUBLIC_BASE_URL: 'https://digibank.example' };

/** The variables each channel still needs under this environment, by channel name. */
function missing(env: Record<string, string>): Record<string, string[]> {
  const config = loadConfig(env);
  return Object.fromEntries(CHANNELS.map((channel) => [channel.name, missingVariables(channel, config)]));
}

describe('the channel registry', () => {
  test('lists each channel once, each with its own route', () => {
    expect(CHANNELS.map((c) => c.name)).toEqual(['webchat', 'botframework', 'whatsapp', 'sms']);
    expect(new Set(CHANNELS.map((c) => c.route)).size).toBe(CHANNELS.length);
  });

  test('web chat needs nothing; Bot Framework needs its registration (no anonymous /api/messages); WhatsApp and SMS say which variables are missing', () => {
    expect(missing({})).toEqual({
      webchat: [],
      botframework: ['MicrosoftAppId', 'MicrosoftAppPassword'],
      whatsapp: ['WHATSAPP_VERIFY_TOKEN', 'WHATSAPP_APP_SECRET', 'WHATSAPP_TOKEN', 'WHATSAPP_PHONE_NUMBER_ID'],
      sms: ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM', 'PUBLIC_BASE_URL'],
    });
    const { PUBLIC_BASE_URL: _unset, ...smsWithoutBase } = sms;
    expect(missing({ ...whatsApp, ...smsWithoutBase })).toMatchObject({ whatsapp: [], sms: ['PUBLIC_BASE_URL'] });
    expect(missing({ ...whatsApp, ...sms })).toMatchObject({ whatsapp: [], sms: [] });
    expect(missing({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret' })).toMatchObject({ botframework: [] });
  });
});
