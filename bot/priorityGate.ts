import { AsyncLocalStorage } from 'node:async_hooks';

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

/**
 * Admits one operation at a time to a resource that serialises them anyway (the embedded
 * database has a single connection): urgent operations first, the others in arrival order. Those
 * others are admitted only after the event loop has polled for I/O (`setImmediate`), so that a
 * request that just arrived gets its urgent operation queued first; a busy pipeline of turns and
 * polls cannot keep the loop to itself. Only urgent work can overtake, so nothing else starves.
 */
export class PriorityGate {
  private readonly urgentQueue: (() => void)[] = [];
  private readonly queue: (() => void)[] = [];
  private busy = false;

  /** Runs `operation` when admitted; the gate stays closed until its promise settles. */
  async run<T>(operation: () => Promise<T>): Promise<T> {
    await this.admission(isUrgent());
    try {
      return await operation();
    } finally {
      this.release();
    }
  }

  private admission(isUrgentWork: boolean): Promise<void> {
    if (!this.busy && isUrgentWork) {
      this.busy = true;
      return Promise.resolve();
    }
    const admitted = new Promise<void>((resolve) => (isUrgentWork ? this.urgentQueue : this.queue).push(resolve));
    if (!this.busy) this.release();
    return admitted;
  }

  /** Hands the gate to the next urgent operation, else (after an I/O poll) to the next other one. */
  private release(): void {
    this.busy = true;
    const next = this.urgentQueue.shift();
    if (next) return next();
    if (!this.queue.length) {
      this.busy = false;
      return;
    }
    setImmediate(() => {
      const after = this.urgentQueue.shift() ?? this.queue.shift();
      if (after) after();
      else this.busy = false;
    });
  }
}
