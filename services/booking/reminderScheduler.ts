import type { PrismaClient } from '../../generated/prisma/client';
import { clockTime, longDate } from '../../i18n/dateText';
import { ReferenceCode } from './referenceCode';
import { DueReminder, REMINDER_KIND, ReminderService } from './reminderService';
import { BrusselsTime } from '../../i18n/brusselsTime';
import type { CitizenNotifier } from '../citizenNotifier';
import { Language, Translator } from '../../i18n/translator';
import { DailyReminderScheduler } from '../dailyReminderScheduler';

/** Options of the {@link ReminderScheduler}. */
export interface ReminderSchedulerOptions {
  /** Brussels hour from which tomorrow's reminders are sent (config REMINDER_HOUR). */
  hour: number;
  /** How often to look for due reminders (default 5 minutes). */
  intervalMs?: number;
  clock?: () => Date;
}

/**
 * Sends the day-before appointment reminders: every few minutes after the configured hour, claims
 * the due bookings (ReminderService, exactly once over all server processes) and queues a reminder
 * on the person's latest conversation through the {@link CitizenNotifier}; the outbox sender delivers it on
 * WhatsApp/SMS (24-hour window templates, opt-out, caps), web chat shows it on its next poll.
 *
 * At-most-once: the notifier takes no transaction client, so the booking is marked reminded
 * (claimed) first and queued after; a crash between the two loses that reminder, never doubles it.
 */
export class ReminderScheduler extends DailyReminderScheduler<DueReminder> {
  private readonly reminders: ReminderService;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly i18n: Translator,
    private readonly notifier: CitizenNotifier,
    private readonly options: ReminderSchedulerOptions,
  ) {
    super('appointment reminders', { hour: options.hour, intervalMs: options.intervalMs ?? 5 * 60_000, clock: options.clock });
    this.reminders = new ReminderService(prisma);
  }

  protected claimDue(now: Date): Promise<readonly DueReminder[]> {
    return this.reminders.claimDue(now);
  }

  protected logFields(reminder: DueReminder): Record<string, string> {
    return { bookingId: reminder.id };
  }

  protected async queue(reminder: DueReminder): Promise<boolean> {
    const location = reminder.locationId ? await this.prisma.location.findUnique({ where: { id: reminder.locationId } }) : null;
    const startsAt = new Date(reminder.startsAt);
    const id = await this.notifier.notify(
      { personId: reminder.personId },
      {
        key: 'booking.reminder.text',
        vars: (language) => ({
          date: longDate(language as Language, BrusselsTime.localDate(startsAt)),
          time: clockTime(language as Language, startsAt),
          place: location ? location.name : this.i18n.t(language as Language, 'booking.ics.summaryHome'),
          reference: ReferenceCode.format(reminder.reference),
        }),
        choiceKeys: ['booking.reminder.keep', 'booking.reminder.cancel'],
        about: { kind: REMINDER_KIND, id: reminder.id },
      },
    );
    return id !== undefined;
  }
}
