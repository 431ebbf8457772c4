/**
 * Every per-channel limit in one place. Renderers, the outbox sender and the tests read them
 * here; nothing else hard-codes a provider limit. Sources: Meta WhatsApp Cloud API reference
 * (interactive messages, text messages) and the GSM 03.38 / 3GPP TS 23.040 SMS segmenting rules.
 */
export const WHATSAPP_LIMITS = {
  /** Reply buttons per interactive message. */
  maxButtons: 3,
  /** Characters in a reply button title. */
  buttonTitle: 20,
  /** Rows over all sections of a list message. */
  maxListRows: 10,
  /** Characters in a list row title. */
  listRowTitle: 24,
  /** Characters in a list row description. */
  listRowDescription: 72,
  /** Characters in the list's button label. */
  listButtonLabel: 20,
  /** Characters in the body of an interactive message. */
  interactiveBody: 1024,
  /** Characters of a plain text message we send in one piece (the API allows 4096; we keep bodies short). */
  textBody: 1024,
  /** Characters in a reply button id. */
  replyId: 256,
  /** Characters in a list row id (Meta documents 200 for rows, 256 for buttons). */
  listRowId: 200,
  /** Free-form messages only within this many hours of the person's last inbound message. */
  customerServiceWindowHours: 24,
} as const;

export const SMS_LIMITS = {
  /** GSM-7 septets in a single-segment SMS. */
  gsm7Single: 160,
  /** GSM-7 septets per segment of a concatenated SMS (7 septets go to the UDH). */
  gsm7Segment: 153,
  /** UCS-2 characters (UTF-16 code units) in a single-segment SMS. */
  ucs2Single: 70,
  /** UCS-2 code units per segment of a concatenated SMS. */
  ucs2Segment: 67,
  /** Segments we allow for one outbound SMS; longer texts are split into several messages. */
  maxSegmentsPerMessage: 4,
  /** Twilio's maximum Body length (characters). */
  maxBody: 1600,
} as const;

/** The channels whose wire this server renders, with their limits. */
export const CHANNEL_LIMITS = { whatsapp: WHATSAPP_LIMITS, sms: SMS_LIMITS } as const;
