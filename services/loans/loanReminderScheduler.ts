import type { LoanService, LoanView } from './loanService';
import { DailyReminderScheduler } from '../dailyReminderScheduler';

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
export class LoanReminderScheduler extends DailyReminderScheduler<LoanView> {

  constructor(
    private readonly loans: LoanService,
    private readonly options: LoanReminderSchedulerOptions,
  ) {
    super('loan reminders', { hour: options.hour, intervalMs: options.intervalMs ?? 15 * 60_000, clock: options.clock });
  }

  protected claimDue(): Promise<readonly LoanView[]> {
    return this.loans.claimDueReminders(this.options.daysBefore);
  }

  protected queue(loan: LoanView): Promise<boolean> {
    return this.loans.remindDue(loan);
  }

  protected logFields(loan: LoanView): Record<string, string> {
    return { loanId: loan.id };
  }
}
