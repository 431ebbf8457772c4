import type { PrismaClient } from '../../generated/prisma/client';
import { BrusselsTime } from '../../i18n/brusselsTime';

/** `about.kind` of a reminder message (services/citizenNotifier.ts): its id is the booking's. */
export const REMINDER_KIND = 'booking_reminder';

/** How long after a reminder an answer ("2", "annuleren") is still read as an answer to it. */
export const REMINDER_ANSWER_HOURS = 36;

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

  /**
   * The booking a person's message may answer: when the last message the assistant sent in that
   * conversation is a reminder (sent in the last {@link REMINDER_ANSWER_HOURS} hours) of a booking
   * that is still booked and upcoming. Anything the assistant said since ends it.
   */
  async awaitingAnswer(channel: string, channelConversationId: string, now: Date): Promise<string | undefined> {
    const since = new Date(now.getTime() - REMINDER_ANSWER_HOURS * 3600_000);
    const rows = await this.prisma.$queryRaw<{ bookingId: string | null }[]>`
      SELECT b."id" AS "bookingId"
      FROM (
        SELECT m."activity", m."createdAt" FROM "message" m
        JOIN "conversation" c ON c."id" = m."conversationId"
        WHERE c."channel" = ${channel} AND c."channelConversationId" = ${channelConversationId} AND m."direction" = 'out'
        ORDER BY m."seq" DESC LIMIT 1
      ) last
      JOIN "booking" b ON b."id" = last."activity"->'channelData'->'digibank'->>'id'
      WHERE last."activity"->'channelData'->'digibank'->>'kind' = ${REMINDER_KIND}
        AND last."createdAt" >= ${since} AND b."status" = 'booked' AND b."startsAt" > ${now}`;
    return rows[0]?.bookingId ?? undefined;
  }
}
