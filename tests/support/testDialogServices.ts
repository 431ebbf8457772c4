import { workshopPort } from '../../app/workshopPorts';
import { repairPort } from '../../app/repairPorts';
import { bookingPort, peoplePort } from '../../app/bookingPorts';
import { handoffPort } from '../../app/handoffPort';
import { loanPort } from '../../app/loanPorts';
import type { DialogServices, LanguageStore, MessageTriage, PrivacyRequests } from '../../dialogs/dialogServices';
import type { PrismaClient } from '../../generated/prisma/client';
import type { Language } from '../../i18n/translator';
import { OutboxCitizenNotifier } from '../../outbox/outboxCitizenNotifier';
import { HandoffService } from '../../services/handoff/handoffService';

/**
 * The test doubles of the dialogs' services, in one place: fakes for what a test leaves out on
 * purpose (the language store, privacy requests, the triage), and the real ports on a test
 * database for the rest (bookings, loans, people, handoffs), built as `app/assistant.ts` builds them.
 */

/** A triage that understands nothing (steps that do not need it; fast). */
export const silentTriage: MessageTriage = {
  confidenceThreshold: 1,
  classify: (text) => ({ text, language: 'nl', languageConfidence: 0, intent: 'out_of_scope', topic: null, confidence: 0, alternatives: [], urgent: false }),
};

/** A person who chose `language` long ago: every turn is in it. */
export function fixedLanguage(language: Language): LanguageStore {
  return { current: () => language, saved: async () => language, save: async () => undefined, remembered: async () => undefined };
}

/** Privacy requests that are taken and recorded nowhere (dialogs that do not handle them). */
export const acceptedPrivacy: PrivacyRequests = { optOut: async () => 'proactive', requestErasure: async () => undefined };

/** What a test chooses of the services; the rest is built by {@link testDialogServices}. */
export type ChosenServices = Pick<DialogServices, 'i18n' | 'languages' | 'privacy' | 'triage'> & Partial<DialogServices>;

/**
 * The dialogs' services for a test: what it chose, and the real ports on its database for the
 * rest (a handoff service and loans whose messages go to the outbox; nothing is sent). Default
 * clock: the system's.
 */
export function testDialogServices(prisma: PrismaClient, chosen: ChosenServices): DialogServices {
  const clock = chosen.clock ?? (() => new Date());
  const notifier = new OutboxCitizenNotifier(prisma, chosen.i18n, 'nl');
  return {
    maxMessageLength: 4000,
    booking: bookingPort(prisma),
    people: peoplePort(prisma),
    loans: loanPort(prisma, notifier, chosen.i18n, { loanDays: 90, defaultDecisionDays: 7, clock }),
    handoffs: handoffPort(prisma, new HandoffService(prisma, notifier, { clock })),
    workshops: workshopPort(prisma, notifier),
    repairs: repairPort(prisma, notifier),
    ...chosen,
    clock,
  };
}
