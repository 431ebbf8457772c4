import { phoneDigits, proofHolds } from '../../../services/ownershipProof';

describe('phoneDigits', () => {
  test.each([
    ['+32 470 12 34 56', '32470123456'],
    ['0032470123456', '32470123456'],
    ['0470/12.34.56', '32470123456'],
    ['0470 12 34 56', '32470123456'],
    ['32470123456', '32470123456'],
    ['+31 6 12345678', '31612345678'],
    ['8500', undefined],
    ['K7M-4QX', undefined],
    ['04701234567890123', undefined],
  ])('%s → %s', (typed, expected) => {
    expect(phoneDigits(typed)).toBe(expected);
  });
});

describe('proofHolds', () => {
  const whatsapp = { postcodes: ['8500', null], channel: 'whatsapp', channelUserId: '32470123456' };
  const webchat = { postcodes: ['8500'], channel: 'webchat', channelUserId: 'web_abc' };
  test.each([
    ['the postcode of the place', { postcode: '8500' }, whatsapp, true],
    ['another postcode', { postcode: '8900' }, whatsapp, false],
    ['the WhatsApp number, written nationally', { phone: '0470 12 34 56' }, whatsapp, true],
    ['another number', { phone: '0470 12 34 57' }, whatsapp, false],
    ['an SMS number', { phone: '0470123456' }, { postcodes: [], channel: 'sms', channelUserId: '+32470123456' }, true],
    ['a web chat booking has no phone number', { phone: 'web_abc' }, webchat, false],
    ['nothing given', {}, whatsapp, false],
  ])('%s', (_name, proof, facts, expected) => {
    expect(proofHolds(proof, facts)).toBe(expected);
  });
});
