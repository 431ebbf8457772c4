import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';

const urgent = new AsyncLocalStorage<true>();

/**
 * Runs `work` urgently: the database operations it starts go ahead of every operation waiting at
 * a {@link PriorityGate}. For the webhook's inbox insert, which a provider is waiting for and which
 * must not queue behind a backlog of turns (their messages are stored: they can wait).
 */
export function urgently<T>(work: () => Promise<T>): Promise<T> {
  return urgent.run(true, work);
}

/** True when called from within {@link urgently}. */
export function isUrgent(): boolean {
  return urgent.getStore() === true;
}

/** How long operations may follow one another without the event loop polling for I/O. */
const YIELD_EVERY_MS = 5;

/**
 * Admits one operation at a time to a resource that serialises them anyway (the embedded
 * database has a single connection): urgent operations first, the others in arrival order. After
 * {@link YIELD_EVERY_MS} of back-to-back operations the next non-urgent one waits for the event
 * loop to poll for I/O (`setImmediate`), so that a request that just arrived gets its urgent
 * operation queued first: a busy pipeline of turns cannot keep the loop to itself for long. Only
 * urgent work overtakes, so nothing else starves.
 */
export class PriorityGate {
  private readonly urgentQueue: (() => void)[] = [];
  private readonly queue: (() => void)[] = [];
  private busy = false;
  private polledAt = performance.now();

  /** Runs `operation` when admitted; the gate stays closed until its promise settles. */
  async run<T>(operation: () => Promise<T>): Promise<T> {
    if (this.busy) await new Promise<void>((resolve) => (isUrgent() ? this.urgentQueue : this.queue).push(resolve));
    else this.busy = true;
    try {
      return await operation();
    } finally {
      this.release();
    }
  }

  /** Hands the gate to the next urgent operation, else to the next other one (after an I/O poll when due). */
  private release(): void {
    const next = this.urgentQueue.shift();
    if (next) return next();
    if (!this.queue.length) {
      this.busy = false;
      return;
    }
    if (performance.now() - this.polledAt < YIELD_EVERY_MS) return (this.queue.shift() as () => void)();
    setImmediate(() => {
      this.polledAt = performance.now();
      const after = this.urgentQueue.shift() ?? this.queue.shift();
      if (after) after();
      else this.busy = false;
    });
  }
}
