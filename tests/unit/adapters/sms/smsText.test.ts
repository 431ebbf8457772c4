import { smsSegments } from '../../../../adapters/sms/gsm7';
import { toGsm7Text } from '../../../../adapters/sms/smsText';
import { renderSms } from '../../../../adapters/sms/twilioSender';

describe('SMS text in GSM-7', () => {
  test('French letters outside GSM-7 lose their accent; é è à ù É Ç stay', () => {
    expect(toGsm7Text('Français, ça, être, où, déjà, bientôt, sûr, naïf, À bientôt, Ça va, École')).toBe(
      'Francais, ca, etre, où, déjà, bientot, sur, naif, A bientot, Ça va, École',
    );
  });

  test('French quotes, typographic apostrophes, dashes and non-breaking spaces become ASCII', () => {
    expect(toGsm7Text('Tapez « menu » ou « humain » – c’est simple…\u00a0!')).toBe('Tapez "menu" ou "humain" - c\'est simple... !');
  });

  test('emoji are dropped (a keycap keeps its digit) and the spaces they leave are tidied', () => {
    expect(toGsm7Text('Taal 🌐 of 1️⃣ 👍🏽 klaar')).toBe('Taal of 1 klaar');
    expect(toGsm7Text('🛑 Stop')).toBe('Stop');
  });

  test('a text already in GSM-7 is returned unchanged; another script is kept (UCS-2 then)', () => {
    const dutch = 'Je afspraak is geboekt.\n\nWat wil je nu doen?\n1. Een vraag';
    expect(toGsm7Text(dutch)).toBe(dutch);
    expect(toGsm7Text('مرحبا')).toBe('مرحبا');
  });

  test('a French answer costs GSM-7 segments once rendered for SMS', () => {
    const text = 'Votre rendez-vous est réservé. Vous êtes attendu à la digibank. Tapez « menu » pour revenir, « langue » pour changer de langue ou « humain » pour parler à quelqu’un.';
    expect(smsSegments(text)).toMatchObject({ encoding: 'UCS-2', segments: 3 });
    const [rendered] = renderSms({ activity: { text } });
    expect(smsSegments(rendered)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });

  test('the language menu is GSM-7 for everyone', () => {
    const [menu] = renderSms({ activity: { text: 'Kies je taal / Choisissez votre langue / Choose your language', suggestedActions: { to: [], actions: ['Nederlands', 'Français', 'English', 'Eenvoudig Nederlands'].map((title) => ({ type: 'imBack', title, value: title })) } } });
    expect(menu).toContain('2. Francais');
    expect(smsSegments(menu)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });
});
