import { BrusselsTime } from '../i18n/brusselsTime';
import { describeError, logger } from '../kernel/logger';
import { PeriodicSweep } from '../kernel/periodicSweep';

/** When a {@link DailyReminderScheduler} looks for due reminders. */
export interface DailyReminderTiming {
  /** Brussels hour from which the day's reminders are sent. */
  readonly hour: number;
  /** How often to look for due reminders. */
  readonly intervalMs: number;
  readonly clock?: () => Date;
}

/**
 * The loop every reminder shares (appointments, loans, workshops): every few minutes after the
 * configured Brussels hour, claim what is due (exactly once over every process, in the subclass's
 * one statement) and queue each reminder; one that fails is logged and the others go on. Claimed
 * before queued: a crash between the two loses that reminder, never doubles it.
 */
export abstract class DailyReminderScheduler<Due> {
  private readonly sweep: PeriodicSweep;

  protected constructor(
    private readonly name: string,
    private readonly timing: DailyReminderTiming,
  ) {
    this.sweep = new PeriodicSweep(name, timing.intervalMs, () => this.tick());
  }

  start(): void {
    this.sweep.start();
  }

  stop(): Promise<void> {
    return this.sweep.stop();
  }

  /** Claims and queues the due reminders; returns how many were queued. */
  async tick(now: Date = this.timing.clock?.() ?? new Date()): Promise<number> {
    if (BrusselsTime.parts(now).hour < this.timing.hour) return 0;
    let queued = 0;
    for (const due of await this.claimDue(now)) {
      try {
        if (await this.queue(due)) queued++;
      } catch (error) {
        logger.warn({ err: describeError(error), ...this.logFields(due) }, `${this.name}: one not queued`);
      }
    }
    return queued;
  }

  /** Marks the due reminders as sent and returns them (one statement, once over every process). */
  protected abstract claimDue(now: Date): Promise<readonly Due[]>;

  /** Queues one reminder; false when there was nothing to send it on. */
  protected abstract queue(due: Due): Promise<boolean>;

  /** Ids to log when a reminder is not queued (never personal data). */
  protected abstract logFields(due: Due): Record<string, string>;
}
