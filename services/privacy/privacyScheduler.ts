import { logger } from '../../kernel/logger';
import { PeriodicSweep } from '../../kernel/periodicSweep';
import type { ErasureService } from './erasureService';
import type { RetentionService } from './retentionService';

/** Options of the {@link PrivacyScheduler}. */
export interface PrivacySchedulerOptions {
  /** How often pending erasure requests are looked at (default 5 s). */
  erasureIntervalMs?: number;
  /** How often a process checks whether today's retention run is due (default 1 hour; it runs once a day over all processes). */
  retentionCheckMs?: number;
  clock?: () => Date;
}

/**
 * The privacy jobs of a process: people's erasure requests are carried out within seconds of their
 * last confirmation leaving the outbox, and the retention purge runs once a day across every
 * process (see {@link RetentionService.runIfDue}).
 */
export class PrivacyScheduler {
  private readonly erasures: PeriodicSweep;
  private readonly retention: PeriodicSweep;
  private readonly clock: () => Date;

  constructor(erasure: ErasureService, retention: RetentionService, options: PrivacySchedulerOptions = {}) {
    this.clock = options.clock ?? (() => new Date());
    this.erasures = new PeriodicSweep('erasure requests', options.erasureIntervalMs ?? 5_000, () => erasure.eraseDue(this.clock()));
    this.retention = new PeriodicSweep('retention', options.retentionCheckMs ?? 3600_000, async () => {
      const result = await retention.runIfDue(this.clock());
      if (result) logger.info({ ...result }, 'retention purge done');
    });
  }

  start(): void {
    this.erasures.start();
    this.retention.start();
  }

  async stop(): Promise<void> {
    await Promise.all([this.erasures.stop(), this.retention.stop()]);
  }
}

