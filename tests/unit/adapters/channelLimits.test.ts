import { CHANNEL_LIMITS, SMS_LIMITS, WHATSAPP_LIMITS } from '../../../adapters/channelLimits';

describe('channel limits', () => {
  test('WhatsApp limits are those of the Cloud API', () => {
    expect(WHATSAPP_LIMITS).toMatchObject({
      maxButtons: 3,
      buttonTitle: 20,
      maxListRows: 10,
      listRowTitle: 24,
      listRowDescription: 72,
      listButtonLabel: 20,
      interactiveBody: 1024,
      customerServiceWindowHours: 24,
    });
  });

  test('SMS segment sizes are those of GSM 03.38 and UCS-2', () => {
    expect(SMS_LIMITS).toMatchObject({ gsm7Single: 160, gsm7Segment: 153, ucs2Single: 70, ucs2Segment: 67 });
  });

  test('one module names every channel', () => {
    expect(Object.keys(CHANNEL_LIMITS).sort()).toEqual(['sms', 'whatsapp']);
  });
});
