import type { HandoffService } from '../services/handoff/handoffService';
import { logger } from './logger';
import { describeError } from './turnErrors';

/**
 * The claim timeout's sweep: every `intervalMs` (default one minute) the citizens who waited longer
 * than HANDOFF_CLAIM_TIMEOUT_MINUTES without a volunteer are offered a helpdesk slot or a call-back,
 * once per handoff over all server processes (`HandoffService.offerAlternativesToOverdue`).
 */
export class HandoffScheduler {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly handoffs: HandoffService,
    private readonly intervalMs = 60_000,
  ) {}

  start(): void {
    const run = () => {
      this.running = this.handoffs.offerAlternativesToOverdue().catch((error) => {
        logger.warn({ err: describeError(error) }, 'handoff claim-timeout sweep failed');
        return 0;
      });
    };
    this.timer = setInterval(run, this.intervalMs);
    this.timer.unref();
    run();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
