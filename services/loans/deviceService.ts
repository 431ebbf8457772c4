import type { Device, Prisma, PrismaClient } from '../../generated/prisma/client';
import { DeviceKind, InventoryStatus, isDeviceKind, isInventoryStatus } from './deviceKinds';
import { LoanError } from './loanError';

/** A transaction (or the client itself). */
export type Db = Prisma.TransactionClient | PrismaClient;

/** A new device of the inventory. */
export interface DeviceInput {
  digibankId: string;
  kind: DeviceKind;
  assetTag: string;
  locationId?: string | null;
  condition?: string | null;
  accessories?: string[];
  notes?: string | null;
}

/** What the inventory may change on a device. `status` only among {@link InventoryStatus}. */
export interface DevicePatch {
  assetTag?: string;
  locationId?: string | null;
  condition?: string | null;
  accessories?: string[];
  notes?: string | null;
  status?: InventoryStatus;
}

/** Filter of the inventory list; `digibankId` null = every digibank (administrator). */
export interface DeviceFilter {
  digibankId: string | null;
  kind?: string;
  status?: string;
}

/** Told when a device may have become available for the waiting list. */
export interface AvailabilityListener {
  deviceAvailable(digibankId: string, kind: string): Promise<unknown>;
}

/**
 * The inventory of lendable devices. Statuses that follow the loans (`reserved`, `on_loan`) are
 * only written through the claim helpers, inside the loan service's transactions; by hand a device
 * goes between available, in repair and retired — and only while no loan holds it.
 */
export class DeviceService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly listener?: AvailabilityListener,
  ) {}

  /** Devices, by kind and asset tag. */
  list(filter: DeviceFilter): Promise<Device[]> {
    return this.prisma.device.findMany({
      where: { ...(filter.digibankId ? { digibankId: filter.digibankId } : {}), ...(filter.kind ? { kind: filter.kind } : {}), ...(filter.status ? { status: filter.status } : {}) },
      orderBy: [{ kind: 'asc' }, { assetTag: 'asc' }],
    });
  }

  /** One device, or undefined. */
  async get(id: string): Promise<Device | undefined> {
    return (await this.prisma.device.findUnique({ where: { id } })) ?? undefined;
  }

  /** Adds an available device; the next waiting person of its kind gets it. */
  async create(input: DeviceInput): Promise<Device> {
    if (!isDeviceKind(input.kind)) throw new LoanError('invalid', 'unknown device kind');
    if (input.assetTag.trim() === '') throw new LoanError('invalid', 'asset tag required');
    await this.assertLocationOf(input.digibankId, input.locationId);
    const taken = await this.prisma.device.findUnique({ where: { digibankId_assetTag: { digibankId: input.digibankId, assetTag: input.assetTag.trim() } } });
    if (taken) throw new LoanError('conflict', 'asset tag already used');
    const device = await this.prisma.device.create({ data: { ...input, assetTag: input.assetTag.trim(), accessories: input.accessories ?? [] } });
    await this.listener?.deviceAvailable(device.digibankId, device.kind);
    return (await this.get(device.id)) ?? device;
  }

  /** Changes a device; a status change is refused while a loan holds it. */
  async update(id: string, patch: DevicePatch): Promise<Device> {
    if (patch.status !== undefined && !isInventoryStatus(patch.status)) throw new LoanError('invalid', 'status must be available, in_repair or retired');
    const { status, ...fields } = patch;
    if (patch.locationId) {
      const current = await this.get(id);
      if (!current) throw new LoanError('not_found', 'no such device');
      await this.assertLocationOf(current.digibankId, patch.locationId);
    }
    const where = status ? { id, status: { in: ['available', 'in_repair', 'retired'] } } : { id };
    const { count } = await this.prisma.device.updateMany({ where, data: { ...fields, ...(status ? { status } : {}) } });
    const device = await this.get(id);
    if (!device) throw new LoanError('not_found', 'no such device');
    if (count === 0) throw new LoanError('conflict', `device is ${device.status}`);
    if (status === 'available') await this.listener?.deviceAvailable(device.digibankId, device.kind);
    return (await this.get(id)) ?? device;
  }

  /** A device stands at one of its own digibank's locations, never at another digibank's. */
  private async assertLocationOf(digibankId: string, locationId: string | null | undefined): Promise<void> {
    if (!locationId) return;
    const location = await this.prisma.location.findUnique({ where: { id: locationId }, select: { digibankId: true } });
    if (location?.digibankId !== digibankId) throw new LoanError('invalid', 'location is not one of the device\'s digibank');
  }

  /** Deletes a device that was never lent; one with a loan history must be retired instead. */
  async remove(id: string): Promise<void> {
    if ((await this.prisma.loanRequest.count({ where: { deviceId: id } })) > 0) throw new LoanError('conflict', 'device has loans: retire it instead');
    const { count } = await this.prisma.device.deleteMany({ where: { id } });
    if (count === 0) throw new LoanError('not_found', 'no such device');
  }

  /**
   * Reserves the next available device of a kind (at the given location first, then the oldest),
   * in one statement: rows another transaction is reserving are skipped, and the status test is
   * repeated on the locked row, so one device goes to one caller.
   */
  static async claimNextFree(tx: Db, digibankId: string, kind: string, locationId: string | null): Promise<string | undefined> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE "device" SET "status" = 'reserved', "updatedAt" = now()
      WHERE "id" = (
        SELECT "id" FROM "device"
        WHERE "digibankId" = ${digibankId} AND "kind" = ${kind} AND "status" = 'available'
        ORDER BY CASE WHEN "locationId" = ${locationId} THEN 0 ELSE 1 END, "createdAt", "assetTag"
        LIMIT 1
        FOR UPDATE SKIP LOCKED
      ) AND "status" = 'available'
      RETURNING "id"`;
    return rows[0]?.id;
  }

  /** Reserves that device if it is available and fits the request (conditional update). */
  static async claimSpecific(tx: Db, deviceId: string, digibankId: string, kind: string): Promise<boolean> {
    const { count } = await tx.device.updateMany({ where: { id: deviceId, digibankId, kind, status: 'available' }, data: { status: 'reserved' } });
    return count === 1;
  }

  /** Moves a device from one status to another; false when it was not in `from`. */
  static async move(tx: Db, deviceId: string, from: string, to: string, condition?: string | null): Promise<boolean> {
    const { count } = await tx.device.updateMany({ where: { id: deviceId, status: from }, data: { status: to, ...(condition ? { condition } : {}) } });
    return count === 1;
  }
}
