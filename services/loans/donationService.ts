import type { DeviceDonation, PrismaClient } from '../../generated/prisma/client';
import { isDeviceKind } from './deviceKinds';
import { LoanError } from './loanError';
import type { ReachRecorder } from '../reach/reachRecorder';

/** A device offered by a person (chat). */
export interface DonationInput {
  personId: string | null;
  digibankId: string;
  locationId: string | null;
  deviceKind: string;
  description?: string | null;
}

/** Statuses of a donation the coordinator sets. */
export const DONATION_STATUSES = ['offered', 'received', 'declined'] as const;
/** A donation status. */
export type DonationStatus = (typeof DONATION_STATUSES)[number];

/**
 * Devices people offer to give. The chat registers the offer at the drop-off place the person
 * chose (places come from the location service: locations that lend devices); the coordinator marks it
 * received or declined in the console.
 */
export class DonationService {
  constructor(private readonly prisma: PrismaClient, private readonly reach?: ReachRecorder) {}

  /** Registers an offer; the same person offering the same kind at the same place again the same day is one offer. */
  async register(input: DonationInput, now: Date = new Date()): Promise<DeviceDonation> {
    if (!isDeviceKind(input.deviceKind) && input.deviceKind !== 'other') throw new LoanError('invalid', 'unknown device kind');
    const since = new Date(now.getTime() - 86_400_000);
    const same = input.personId
      ? await this.prisma.deviceDonation.findFirst({
          where: { personId: input.personId, digibankId: input.digibankId, locationId: input.locationId, deviceKind: input.deviceKind, status: 'offered', createdAt: { gte: since } },
        })
      : null;
    if (same) return same;
    const donation = await this.prisma.deviceDonation.create({ data: { ...input, description: input.description ?? null, createdAt: now } });
    await this.reach?.recordLater({ kind: 'donation', at: now, personId: donation.personId, digibankId: donation.digibankId, ref: donation.id });
    return donation;
  }

  /** Offers of a digibank (null: all), newest first. */
  list(digibankId: string | null, status?: string): Promise<DeviceDonation[]> {
    return this.prisma.deviceDonation.findMany({
      where: { ...(digibankId ? { digibankId } : {}), ...(status ? { status } : {}) },
      orderBy: { createdAt: 'desc' },
    });
  }

  /** One offer, or undefined. */
  async get(id: string): Promise<DeviceDonation | undefined> {
    return (await this.prisma.deviceDonation.findUnique({ where: { id } })) ?? undefined;
  }

  /** Marks an offer received or declined. */
  async setStatus(id: string, status: DonationStatus): Promise<DeviceDonation> {
    if (!(DONATION_STATUSES as readonly string[]).includes(status)) throw new LoanError('invalid', 'status must be offered, received or declined');
    const { count } = await this.prisma.deviceDonation.updateMany({ where: { id }, data: { status } });
    if (count === 0) throw new LoanError('not_found', 'no such donation');
    return (await this.get(id)) as DeviceDonation;
  }
}
