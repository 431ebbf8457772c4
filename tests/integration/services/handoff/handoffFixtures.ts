import { OutboxCitizenNotifier } from '../../../../outbox/outboxCitizenNotifier';
import { translator } from '../../../../i18n/translator';
import { ReferenceCode } from '../../../../services/booking/referenceCode';
import type { PrismaClient } from '../../../../generated/prisma/client';
import { Actor, HandoffService, HandoffServiceOptions } from '../../../../services/handoff/handoffService';

let counter = 0;

/** A person and their conversation on a channel (fake ids, no personal data). */
export async function createCitizen(prisma: PrismaClient, channel = 'whatsapp', language = 'nl'): Promise<{ personId: string; conversationId: string }> {
  counter += 1;
  const channelUserId = `${channel}-${process.pid}-${counter}-${Math.random().toString(36).slice(2)}`;
  const person = await prisma.person.create({ data: { channel, channelUserId, language } });
  const conversation = await prisma.conversation.create({ data: { channel, channelConversationId: channelUserId, personId: person.id, language } });
  return { personId: person.id, conversationId: conversation.id };
}

/** A digibank with one location open on the given weekdays and hours (Brussels). */
export async function createDigibank(prisma: PrismaClient, hours: Array<{ weekday: number; opensAt: string; closesAt: string }>): Promise<{ digibankId: string; locationId: string }> {
  const digibank = await prisma.digibank.create({ data: { name: 'Test digibank', isDemo: true } });
  const location = await prisma.location.create({
    data: {
      digibankId: digibank.id,
      name: 'Test location',
      address: 'Teststraat 1',
      postcode: '8500',
      municipality: 'Kortrijk',
      province: 'West-Vlaanderen',
      latitude: 50.83,
      longitude: 3.26,
      services: ['helpdesk'],
      openingPeriods: { create: hours },
    },
  });
  return { digibankId: digibank.id, locationId: location.id };
}

/** A console user as an {@link Actor}; `digibankId` null makes an administrator. */
export async function createActor(prisma: PrismaClient, name: string, digibankId: string | null): Promise<Actor> {
  counter += 1;
  const user = await prisma.consoleUser.create({
    data: { username: `user-${process.pid}-${counter}-${Math.random().toString(36).slice(2)}`, passwordHash: 'x', role: digibankId ? 'volunteer' : 'admin', digibankId, displayName: name },
  });
  return { id: user.id, name, digibankId };
}

/** Makes the person's digibank known: a booking at that location. */
export async function bookAt(prisma: PrismaClient, personId: string, locationId: string, startsAt: Date): Promise<void> {
  const slot = await prisma.helpdeskSlot.create({ data: { locationId, startsAt, endsAt: new Date(startsAt.getTime() + 30 * 60_000), capacity: 1 } });
  await prisma.booking.create({
    data: { reference: ReferenceCode.generate(), personId, kind: 'helpdesk', slotId: slot.id, locationId, startsAt, endsAt: slot.endsAt, blockedUntil: slot.endsAt },
  });
}

/** The service with the real outbox notifier. */
export function createService(prisma: PrismaClient, options: HandoffServiceOptions = {}): HandoffService {
  return new HandoffService(prisma, new OutboxCitizenNotifier(prisma, translator, 'nl'), options);
}

/** Texts queued for the citizen of a conversation, oldest first. */
export async function outboundTexts(prisma: PrismaClient, conversationId: string): Promise<string[]> {
  const rows = await prisma.message.findMany({ where: { conversationId, direction: 'out' }, orderBy: { seq: 'asc' } });
  return rows.map((row) => row.text ?? '');
}
