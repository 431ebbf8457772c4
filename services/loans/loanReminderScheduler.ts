import type { LoanService } from './loanService';
import { BrusselsTime } from '../../i18n/brusselsTime';
import { describeError, logger } from '../../kernel/logger';
import { PeriodicSweep } from '../../kernel/periodicSweep';

/** Options of the {@link LoanReminderScheduler}. */
export interface LoanReminderSchedulerOptions {
  /** Days before the due date the person is reminded (config LOAN_REMINDER_DAYS). */
  daysBefore: number;
  /** Brussels hour from which reminders are sent (config REMINDER_HOUR), so nobody is woken. */
  hour: number;
  /** How often to look for due loans (default 15 minutes). */
  intervalMs?: number;
  clock?: () => Date;
}

/**
 * Reminds people to bring a device back: every few minutes (after the configured hour) claims the
 * loans due within `daysBefore` days whose reminder for the current due date was not sent
 * (`dueReminderFor`, one conditional statement over every process) and tells the person through
 * the loan service, with "extend" and "return" choices. At most once per due date: an extension
 * moves the due date, and the new one gets its own reminder. A crash between the claim and the
 * queueing loses that reminder rather than doubling it.
 */
export class LoanReminderScheduler {
  private readonly sweep: PeriodicSweep;

  constructor(
    private readonly loans: LoanService,
    private readonly options: LoanReminderSchedulerOptions,
  ) {
    this.sweep = new PeriodicSweep('loan reminders', options.intervalMs ?? 15 * 60_000, () => this.tick());
  }

  start(): void {
    this.sweep.start();
  }

  stop(): Promise<void> {
    return this.sweep.stop();
  }

  /** Claims and queues the due reminders; returns how many were queued. */
  async tick(now: Date = this.options.clock?.() ?? new Date()): Promise<number> {
    if (BrusselsTime.parts(now).hour < this.options.hour) return 0;
    let queued = 0;
    for (const loan of await this.loans.claimDueReminders(this.options.daysBefore)) {
      try {
        if (await this.loans.remindDue(loan)) queued++;
      } catch (error) {
        logger.warn({ err: describeError(error), loanId: loan.id }, 'loan reminder not queued');
      }
    }
    return queued;
  }
}
