/**
 * The port through which domain services (handoffs, loans, reminders) tell a citizen something
 * outside a turn: a volunteer claimed their conversation, a loan was approved, a device is ready.
 * Services name a locale key; the implementation (outbox/outboxCitizenNotifier.ts) picks the person's
 * language, renders the text from `locales/` and queues it in the outbox, which delivers it on the
 * person's own channel (WhatsApp 24-hour rules, SMS opt-out and caps included).
 */
export interface CitizenMessage {
  /** i18next key, e.g. `loan:notify.approved` or `handoff.claimed`. */
  key: string;
  /**
   * Interpolation values. A function receives the chosen language (`nl`, `fr`, `en`, `nl-simple`, `fr-simple`, `en-simple`)
   * so that dates and times can be written in it.
   */
  vars?: Record<string, string | number> | ((language: string) => Record<string, string | number>);
  /** Locale keys of choices offered with the message (buttons / numbered lines). */
  choiceKeys?: string[];
  /** Text written by a person (a volunteer's answer): sent as is, `key` is then ignored. */
  verbatim?: string;
  /**
   * What the message is about, kept on the outbound message (`channelData.digibank`) so that the
   * person's answer can be read as an answer to it (e.g. "2" to a reminder cancels that booking).
   */
  about?: { kind: string; id: string };
}

/** Who to tell: a conversation, or a person (then their most recent conversation). */
export type CitizenTarget = { conversationId: string } | { personId: string };

/** Queues messages for citizens; see the module comment. */
export interface CitizenNotifier {
  /**
   * Queues the message; resolves to the outbound message id, or `undefined` when the person has no
   * conversation to write to (e.g. erased).
   */
  notify(target: CitizenTarget, message: CitizenMessage): Promise<string | undefined>;
  /** The language the person would be written to in (for texts a person writes, e.g. quick replies). */
  languageOf(target: CitizenTarget): Promise<string>;
}
