import type { HandoffService } from './handoffService';
import { PeriodicSweep } from '../../kernel/periodicSweep';

/**
 * The claim timeout's sweep: every `intervalMs` (default one minute) the citizens who waited longer
 * than HANDOFF_CLAIM_TIMEOUT_MINUTES without a volunteer are offered a helpdesk slot or a call-back,
 * once per handoff over all server processes (`HandoffService.offerAlternativesToOverdue`).
 */
export class HandoffScheduler {
  private readonly sweep: PeriodicSweep;

  constructor(handoffs: HandoffService, intervalMs = 60_000) {
    this.sweep = new PeriodicSweep('handoff claim timeout', intervalMs, () => handoffs.offerAlternativesToOverdue());
  }

  start(): void {
    this.sweep.start();
  }

  stop(): Promise<void> {
    return this.sweep.stop();
  }
}
