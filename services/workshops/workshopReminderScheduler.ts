import type { PrismaClient } from '../../generated/prisma/client';
import { BrusselsTime } from '../../i18n/brusselsTime';
import { DailyReminderScheduler } from '../dailyReminderScheduler';
import { ReminderService } from '../booking/reminderService';
import type { CitizenNotifier } from '../citizenNotifier';
import { WorkshopService } from './workshopService';
import { textIn, WORKSHOP_INCLUDE } from './workshopView';

/** `about.kind` of a workshop reminder (its id is the registration's). */
export const WORKSHOP_REMINDER_KIND = 'workshop_reminder';

/** A session of a registration whose day-before reminder this process claimed. */
interface DueSessionReminder {
  registrationId: string;
  sessionId: string;
}

/**
 * Day-before reminders of workshop sessions: every few minutes after the configured hour, claims
 * the sessions of tomorrow (a Brussels day: 23 or 25 hours around a daylight-saving change) of
 * every registration holding a seat — one `workshop_reminder` row per registration and session,
 * inserted once ever, so each reminder goes out at most once over all processes — and queues the
 * message through the {@link CitizenNotifier}, which applies the person's channel rules (WhatsApp
 * 24-hour window and template, SMS opt-out), as the appointment reminders do.
 */
export class WorkshopReminderScheduler extends DailyReminderScheduler<DueSessionReminder> {

  constructor(
    private readonly prisma: PrismaClient,
    private readonly notifier: CitizenNotifier,
    private readonly options: { hour: number; intervalMs?: number; clock?: () => Date },
  ) {
    super('workshop reminders', { hour: options.hour, intervalMs: options.intervalMs ?? 5 * 60_000, clock: options.clock });
  }

  protected logFields(due: DueSessionReminder): Record<string, string> {
    return { registrationId: due.registrationId };
  }

  /** Claims tomorrow's session reminders in one statement (the primary key makes each one once). */
  async claimDue(now: Date, limit = 200): Promise<DueSessionReminder[]> {
    const { from, to } = ReminderService.tomorrow(now);
    return this.prisma.$queryRaw<DueSessionReminder[]>`
      INSERT INTO "workshop_reminder" ("registrationId", "sessionId", "claimedAt")
      SELECT r."id", s."id", ${now}
      FROM "workshop_session" s
      JOIN "workshop" w ON w."id" = s."workshopId" AND w."status" = 'open'
      JOIN "workshop_registration" r ON r."workshopId" = s."workshopId" AND r."status" = 'registered'
      WHERE s."startsAt" >= ${from} AND s."startsAt" < ${to}
      ORDER BY s."startsAt"
      LIMIT ${limit}
      ON CONFLICT DO NOTHING
      RETURNING "registrationId", "sessionId"`;
  }

  protected async queue(due: DueSessionReminder): Promise<boolean> {
    const row = await this.prisma.workshopRegistration.findUnique({ where: { id: due.registrationId }, include: { workshop: { include: { ...WORKSHOP_INCLUDE, location: true } } } });
    const session = row?.workshop.sessions.find((s) => s.id === due.sessionId);
    if (!row || !session) return false;
    const registration = WorkshopService.view(row);
    const id = await this.notifier.notify(
      { personId: row.personId },
      {
        key: 'workshops.reminder.text',
        vars: (language) => ({ ...WorkshopService.messageVars(registration, language, session.startsAt), title: textIn(registration.workshop.title, language, registration.workshop.language), place: row.workshop.location.name }),
        about: { kind: WORKSHOP_REMINDER_KIND, id: row.id },
      },
    );
    return id !== undefined;
  }
}
