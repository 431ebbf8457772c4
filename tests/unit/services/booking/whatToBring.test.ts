import { TOPICS, WhatToBring } from '../../../../services/booking/whatToBring';

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
