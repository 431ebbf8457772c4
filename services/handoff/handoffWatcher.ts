import type { PrismaClient } from '../../generated/prisma/client';

/**
 * Tells listeners that some handoff changed — in this process or in another one sharing the
 * database. One poll of a cheap signature (row count and latest `updatedAt` of `handoff`) every
 * `intervalMs`, shared by all listeners, running only while someone listens. A change made here
 * can {@link poke} the poll to run at once.
 */
export class HandoffWatcher {
  private readonly listeners = new Set<() => void>();
  private timer?: NodeJS.Timeout;
  private signature?: string;
  private polling?: Promise<void>;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly intervalMs = 1000,
  ) {}

  /** Adds a listener; returns the function that removes it (the poll stops with the last one). */
  watch(listener: () => void): () => void {
    this.listeners.add(listener);
    if (!this.timer) {
      this.timer = setInterval(() => void this.poll(), this.intervalMs);
      this.timer.unref();
      void this.poll();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  /** Polls now (after a change made by this process), if anyone listens. */
  poke(): void {
    if (this.timer) void this.poll();
  }

  /** Stops polling and forgets every listener. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.signature = undefined;
    this.listeners.clear();
  }

  /** One poll at a time; a failed poll (database briefly away) is retried on the next tick. */
  private poll(): Promise<void> {
    this.polling ??= this.compare()
      .catch(() => undefined)
      .finally(() => {
        this.polling = undefined;
      });
    return this.polling;
  }

  private async compare(): Promise<void> {
    const [row] = await this.prisma.$queryRaw<{ count: bigint; latest: Date | null }[]>`
      SELECT count(*) AS count, max("updatedAt") AS latest FROM handoff`;
    const signature = `${row.count}:${row.latest?.getTime() ?? 0}`;
    const changed = this.signature !== undefined && this.signature !== signature;
    if (!this.timer) return;
    this.signature = signature;
    if (changed) for (const listener of [...this.listeners]) listener();
  }
}
