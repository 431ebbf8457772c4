import { logger } from './logger';
import { describeError } from './logger';

/**
 * Runs a sweep at once (unless `atOnce` is false) and then every `intervalMs` on an unref'd timer
 * (it never keeps the process alive); a failed sweep is logged under `name` and retried at the next
 * interval. `stop()` ends the timer and waits for a sweep in progress, so that the database can be
 * closed after it.
 */
export class PeriodicSweep {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly sweep: () => Promise<unknown>,
    private readonly atOnce = true,
  ) {}

  start(): void {
    const run = () => {
      this.running = this.sweep().catch((error) => logger.warn({ err: describeError(error), sweep: this.name }, 'sweep failed'));
    };
    this.timer = setInterval(run, this.intervalMs);
    this.timer.unref();
    if (this.atOnce) run();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
