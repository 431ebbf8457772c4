import { TOPICS, Topic } from '../../triage/taxonomy';

export { TOPICS };
export type { Topic };

/** Something to bring (or have ready at home); the text lives in the locales under this key. */
export type WhatToBringItem =
  | 'own_device'
  | 'device_charger'
  | 'device_unlock_code'
  | 'login_details'
  | 'eid_card'
  | 'eid_pin_code'
  | 'smartphone'
  | 'bank_card'
  | 'bank_card_reader'
  | 'tax_letter'
  | 'letters_received'
  | 'health_insurance_card'
  | 'suspicious_message'
  | 'internet_invoice'
  | 'social_tariff_proof'
  | 'documents_to_print'
  | 'cv_or_diploma'
  | 'email_address'
  | 'reading_glasses';

/**
 * Items that are secrets (a password, a PIN, an unlock code): their texts say to know them and type
 * them oneself, never to hand them over — the same rule as the scam advice ("never share your codes").
 */
export const SECRET_ITEMS: ReadonlySet<WhatToBringItem> = new Set(['device_unlock_code', 'login_details', 'eid_pin_code']);

const BY_TOPIC: Readonly<Record<Topic, readonly WhatToBringItem[]>> = {
  eid_itsme: ['eid_card', 'eid_pin_code', 'smartphone'],
  tax: ['eid_card', 'eid_pin_code', 'tax_letter', 'smartphone'],
  banking: ['bank_card', 'bank_card_reader', 'smartphone', 'login_details'],
  email_accounts: ['own_device', 'email_address', 'login_details'],
  smartphone_basics: ['own_device', 'device_charger', 'device_unlock_code', 'login_details'],
  government_services: ['eid_card', 'eid_pin_code', 'letters_received', 'smartphone'],
  health: ['eid_card', 'eid_pin_code', 'health_insurance_card', 'smartphone'],
  work_school: ['eid_card', 'eid_pin_code', 'login_details', 'cv_or_diploma'],
  scam_security: ['own_device', 'suspicious_message', 'bank_card'],
  internet_access: ['eid_card', 'internet_invoice', 'social_tariff_proof', 'smartphone'],
  printing_scanning: ['documents_to_print', 'smartphone', 'login_details'],
};

const WITHOUT_TOPIC: readonly WhatToBringItem[] = ['own_device', 'eid_card', 'login_details'];
const ALWAYS: readonly WhatToBringItem[] = ['reading_glasses'];
/** At home the charger and glasses are there anyway. */
const NOT_FOR_HOME_VISITS: ReadonlySet<WhatToBringItem> = new Set(['device_charger', 'reading_glasses']);

/**
 * What a person should bring to a helpdesk appointment (or have ready for a home visit), by triage
 * topic. Returns item keys, in the order to show them; the sentences are in the locales.
 */
export class WhatToBring {
  /** True when the string is a triage topic label. */
  static isTopic(value: unknown): value is Topic {
    return typeof value === 'string' && (TOPICS as readonly string[]).includes(value);
  }

  /** The items for a topic (unknown or no topic: a general list), without duplicates. */
  static itemsFor(topic: string | null | undefined, kind: 'helpdesk' | 'home_visit' = 'helpdesk'): WhatToBringItem[] {
    const base = WhatToBring.isTopic(topic) ? BY_TOPIC[topic] : WITHOUT_TOPIC;
    const items = [...new Set([...base, ...ALWAYS])];
    return kind === 'home_visit' ? items.filter((item) => !NOT_FOR_HOME_VISITS.has(item)) : items;
  }
}
