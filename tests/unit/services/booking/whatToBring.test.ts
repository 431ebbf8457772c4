import { SECRET_ITEMS, TOPICS, WhatToBring } from '../../../../services/booking/whatToBring';
import { strictI18n } from '../../../support/conversation';

describe('WhatToBring', () => {
  test.each(TOPICS.map((topic) => [topic]))('%s has its own list of item keys, without duplicates', (topic) => {
    const items = WhatToBring.itemsFor(topic);
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(new Set(items).size).toBe(items.length);
    for (const item of items) expect(item).toMatch(/^[a-z_]+$/);
  });

  test.each([
    ['eid_itsme', ['eid_card', 'eid_pin_code']],
    ['banking', ['bank_card', 'bank_card_reader']],
    ['tax', ['tax_letter']],
    ['scam_security', ['suspicious_message']],
  ])('%s asks for %j', (topic, expected) => {
    expect(WhatToBring.itemsFor(topic)).toEqual(expect.arrayContaining(expected));
  });

  test('no topic or an unknown one gives a general list', () => {
    expect(WhatToBring.itemsFor(null)).toEqual(['own_device', 'eid_card', 'login_details', 'reading_glasses']);
    expect(WhatToBring.itemsFor('weather')).toEqual(WhatToBring.itemsFor(undefined));
  });

  test('for a home visit, no charger or glasses to bring', () => {
    expect(WhatToBring.itemsFor('smartphone_basics', 'home_visit')).not.toEqual(expect.arrayContaining(['device_charger']));
    expect(WhatToBring.itemsFor('smartphone_basics', 'home_visit')).not.toContain('reading_glasses');
  });
});

describe('what to bring never contradicts "never share your codes"', () => {
  // Languages this file checks; French (locales/fr, rewritten for GSM-7 elsewhere) follows the same rule.
  const NEVER_SHARE: Record<'nl' | 'nl-simple' | 'en', RegExp> = { nl: /niemand|zelf/, 'nl-simple': /niemand|zelf/, en: /nobody|yourself/ };
  const HAND_OVER: Record<'nl' | 'nl-simple' | 'en', RegExp> = {
    nl: /^(je |de )?(wachtwoorden|pincode|code)\b(?!.*(zelf|niemand|hoofd))/,
    'nl-simple': /^(je |de )?(wachtwoorden|pincode|code)\b(?!.*(zelf|niemand|hoofd))/,
    en: /^(your |the )?(passwords?|pin|code)\b(?!.*(yourself|nobody|head))/i,
  };
  const cases = (['nl', 'nl-simple', 'en'] as const).flatMap((language) => [...SECRET_ITEMS].map((item) => [language, item] as const));
  test.each(cases)('%s: %s is known and typed by the person, not handed over', (language, item) => {
    const text = strictI18n.t(language, `booking.items.${item}`);
    expect(text).toMatch(NEVER_SHARE[language]);
    expect(text).not.toMatch(HAND_OVER[language]);
  });
});
