import type { PrismaClient } from '../../generated/prisma/client';
import type { Db } from './deviceService';

/** One approved request waiting for a device, as the console shows it. */
export interface WaitingEntry {
  loanId: string;
  reference: string;
  digibankId: string;
  deviceKind: string;
  /** 1 = next in line for this digibank and kind. */
  position: number;
  waitlistedAt: Date;
  createdAt: Date;
}

/**
 * The waiting list: approved requests without a device (`waitlistedAt` set), per digibank and
 * device kind, first come first served (approval time, then request time).
 */
export class WaitingList {
  constructor(private readonly prisma: PrismaClient) {}

  /** The waiting requests of a digibank (null: all), optionally of one kind, in line order. */
  async list(digibankId: string | null, kind?: string): Promise<WaitingEntry[]> {
    const rows = await this.prisma.loanRequest.findMany({
      where: { status: 'approved', waitlistedAt: { not: null }, ...(digibankId ? { digibankId } : {}), ...(kind ? { deviceKind: kind } : {}) },
      orderBy: [{ digibankId: 'asc' }, { deviceKind: 'asc' }, { waitlistedAt: 'asc' }, { createdAt: 'asc' }],
      select: { id: true, reference: true, digibankId: true, deviceKind: true, waitlistedAt: true, createdAt: true },
    });
    const positions = new Map<string, number>();
    return rows.map((row) => {
      const line = `${row.digibankId}/${row.deviceKind}`;
      const position = (positions.get(line) ?? 0) + 1;
      positions.set(line, position);
      return { loanId: row.id, reference: row.reference, digibankId: row.digibankId, deviceKind: row.deviceKind, position, waitlistedAt: row.waitlistedAt as Date, createdAt: row.createdAt };
    });
  }

  /** The place of a waiting request in its line (1 = next), or undefined when it is not waiting. */
  async position(loanId: string): Promise<number | undefined> {
    const loan = await this.prisma.loanRequest.findUnique({ where: { id: loanId } });
    if (!loan || loan.status !== 'approved' || !loan.waitlistedAt) return undefined;
    const ahead = await this.prisma.loanRequest.count({
      where: {
        digibankId: loan.digibankId,
        deviceKind: loan.deviceKind,
        status: 'approved',
        OR: [{ waitlistedAt: { lt: loan.waitlistedAt } }, { waitlistedAt: loan.waitlistedAt, createdAt: { lt: loan.createdAt } }],
      },
    });
    return ahead + 1;
  }

  /** Locks and returns the next waiting request of a line (requests others hold are skipped). */
  static async lockNext(tx: Db, digibankId: string, kind: string): Promise<string | undefined> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "loan_request"
      WHERE "digibankId" = ${digibankId} AND "deviceKind" = ${kind} AND "status" = 'approved' AND "waitlistedAt" IS NOT NULL
      ORDER BY "waitlistedAt", "createdAt"
      LIMIT 1
      FOR UPDATE SKIP LOCKED`;
    return rows[0]?.id;
  }
}
