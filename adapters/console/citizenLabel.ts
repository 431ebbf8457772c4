import type { PrismaClient } from '../../generated/prisma/client';
import type { ConsoleUserView } from './consoleGuard';

/** Channels whose user id is the citizen's phone number (E.164 digits, with or without "+"). */
const PHONE_CHANNELS = new Set(['whatsapp', 'sms']);
/** Digits of a number the console shows; the rest is hidden. */
const SHOWN_DIGITS = 3;

/** The citizen's phone number on a phone channel, as stored ("+32470…"), else null (web chat, Teams). */
export function phoneOf(channel: string, channelUserId: string | null | undefined): string | null {
  if (!channelUserId || !PHONE_CHANNELS.has(channel)) return null;
  const digits = channelUserId.replace(/\D/g, '');
  return digits.length >= 6 ? `+${digits}` : null;
}

/** "••• 123": the last digits of a phone number, enough to tell two citizens apart; null when not a phone channel. */
export function maskedNumber(channel: string, channelUserId: string | null | undefined): string | null {
  const phone = phoneOf(channel, channelUserId);
  return phone ? `••• ${phone.slice(-SHOWN_DIGITS)}` : null;
}

/**
 * The digibanks a person is known to (their handoffs, appointments, loans and donations): who may
 * see their history and number in the console.
 */
export async function digibanksOfPerson(prisma: PrismaClient, personId: string): Promise<Set<string>> {
  const [handoffs, bookings, loans, donations] = await Promise.all([
    prisma.handoff.findMany({ where: { personId, digibankId: { not: null } }, select: { digibankId: true }, distinct: ['digibankId'] }),
    prisma.booking.findMany({ where: { personId }, select: { location: { select: { digibankId: true } }, area: { select: { digibankId: true } } } }),
    prisma.loanRequest.findMany({ where: { personId }, select: { digibankId: true }, distinct: ['digibankId'] }),
    prisma.deviceDonation.findMany({ where: { personId, digibankId: { not: null } }, select: { digibankId: true }, distinct: ['digibankId'] }),
  ]);
  const ids = [...handoffs.map((h) => h.digibankId), ...bookings.map((b) => b.location?.digibankId ?? b.area?.digibankId), ...loans.map((l) => l.digibankId), ...donations.map((d) => d.digibankId)];
  return new Set(ids.filter((id): id is string => Boolean(id)));
}

/** Whether the user belongs to the given digibank (an administrator: every digibank). */
export function ofDigibank(user: ConsoleUserView, digibankId: string | null): boolean {
  return user.role === 'admin' || (digibankId !== null && user.digibankId === digibankId);
}
