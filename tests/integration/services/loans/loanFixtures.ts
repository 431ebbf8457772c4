import { OutboxCitizenNotifier } from '../../../../outbox/outboxCitizenNotifier';
import { Language } from '../../../../i18n/translator';
import { loanPort } from '../../../../app/loanPorts';
import type { LoanPort } from '../../../../dialogs/dialogServices';
import type { PrismaClient } from '../../../../generated/prisma/client';
import { strictI18n } from '../../../support/conversation';

let counter = 0;

/** Loan length and default decision time of the tests. */
export const LOAN_OPTIONS = { loanDays: 90, defaultDecisionDays: 7 };

/** The loan services with the real outbox notifier (texts rendered from the locales). */
export function testLoanPort(prisma: PrismaClient, clock?: () => Date): LoanPort {
  const notifier = new OutboxCitizenNotifier(prisma, strictI18n, 'nl');
  return loanPort(prisma, notifier, strictI18n, { ...LOAN_OPTIONS, clock });
}

/** A digibank with one lending location open Monday and Wednesday mornings. */
export async function createLendingDigibank(prisma: PrismaClient, postcode = '8500'): Promise<{ digibankId: string; locationId: string }> {
  counter += 1;
  const digibank = await prisma.digibank.create({ data: { name: `Loan digibank ${counter}`, isDemo: true } });
  const location = await prisma.location.create({
    data: {
      digibankId: digibank.id,
      name: `Lending place ${counter}`,
      address: 'Teststraat 1',
      postcode,
      municipality: 'Kortrijk',
      province: 'West-Vlaanderen',
      latitude: 50.83,
      longitude: 3.26,
      services: ['helpdesk', 'device_loan'],
      languages: ['nl'],
      openingPeriods: { create: [{ weekday: 1, opensAt: '09:00', closesAt: '12:00' }, { weekday: 3, opensAt: '09:00', closesAt: '12:00' }] },
    },
  });
  return { digibankId: digibank.id, locationId: location.id };
}

/** A person with a conversation on a channel, in a language (no personal data). */
export async function createCitizen(prisma: PrismaClient, language: Language = 'nl', channel = 'whatsapp'): Promise<{ personId: string; conversationId: string }> {
  counter += 1;
  const id = `loan-${process.pid}-${counter}-${Math.random().toString(36).slice(2)}`;
  const person = await prisma.person.create({ data: { channel, channelUserId: id, language } });
  const conversation = await prisma.conversation.create({ data: { channel, channelConversationId: id, personId: person.id, language } });
  return { personId: person.id, conversationId: conversation.id };
}

/** A laptop of the inventory, created directly (no waiting list run). */
export async function createDevice(prisma: PrismaClient, digibankId: string, locationId: string | null = null, kind = 'laptop'): Promise<string> {
  counter += 1;
  const device = await prisma.device.create({ data: { digibankId, locationId, kind, assetTag: `DEMO-${counter}`, accessories: ['lader'], isDemo: true } });
  return device.id;
}

/** The texts queued for a conversation, oldest first. */
export async function outboxTexts(prisma: PrismaClient, conversationId: string): Promise<string[]> {
  const rows = await prisma.message.findMany({ where: { conversationId, direction: 'out' }, orderBy: { seq: 'asc' } });
  return rows.map((row) => row.text ?? '');
}
