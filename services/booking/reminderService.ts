import type { PrismaClient } from '../../generated/prisma/client';
import { BrusselsTime } from '../time/brusselsTime';

/** A booking whose day-before reminder was claimed by this process. */
export interface DueReminder {
  id: string;
  personId: string;
  reference: string;
  kind: string;
  locationId: string | null;
  startsAt: Date;
}

/**
 * Day-before reminders: bookings (status booked) that start tomorrow (a Europe/Brussels day, so a
 * 23- or 25-hour day around a daylight-saving change) and were not reminded yet.
 */
export class ReminderService {
  constructor(private readonly prisma: PrismaClient) {}

  /** The instants [from, to) of tomorrow's Brussels day, seen from `now`. */
  static tomorrow(now: Date): { from: Date; to: Date } {
    const tomorrow = BrusselsTime.addDays(BrusselsTime.localDate(now), 1);
    return { from: BrusselsTime.startOfDay(tomorrow), to: BrusselsTime.startOfDay(BrusselsTime.addDays(tomorrow, 1)) };
  }

  /**
   * Claims the due reminders: marks them reminded and returns them, in one statement. Rows another
   * process is claiming are skipped (`FOR UPDATE SKIP LOCKED`) and the `"remindedAt" IS NULL` test is
   * repeated on the locked row, so each booking is returned to exactly one caller, ever.
   */
  async claimDue(now: Date, limit = 100): Promise<DueReminder[]> {
    const { from, to } = ReminderService.tomorrow(now);
    return this.prisma.$queryRaw<DueReminder[]>`
      UPDATE "booking" SET "remindedAt" = ${now}
      WHERE "id" IN (
        SELECT "id" FROM "booking"
        WHERE "status" = 'booked' AND "remindedAt" IS NULL AND "startsAt" >= ${from} AND "startsAt" < ${to}
        ORDER BY "startsAt"
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      ) AND "remindedAt" IS NULL
      RETURNING "id", "personId", "reference", "kind", "locationId", "startsAt"`;
  }
}
