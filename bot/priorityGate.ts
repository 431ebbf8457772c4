import { AsyncLocalStorage } from 'node:async_hooks';

const background = new AsyncLocalStorage<true>();

/**
 * Runs `work` as background work: the database operations it starts (and those of everything it
 * awaits or schedules) wait behind every other operation queued at a {@link PriorityGate}. For
 * work nobody is waiting for right now, e.g. turns, whose messages are already stored.
 */
export function inBackground<T>(work: () => Promise<T>): Promise<T> {
  return background.run(true, work);
}

/** True when called from within {@link inBackground}. */
export function isBackground(): boolean {
  return background.getStore() === true;
}

/**
 * Admits one operation at a time to a resource that serialises them anyway (the embedded
 * database has a single connection), foreground operations first: a webhook's inbox insert does
 * not queue behind a backlog of turns. A background operation is admitted only after the event
 * loop has polled for I/O (`setImmediate`), so that requests that just arrived get their
 * foreground operations queued first; background work cannot keep the loop busy on its own.
 */
export class PriorityGate {
  private readonly foreground: (() => void)[] = [];
  private readonly backgroundQueue: (() => void)[] = [];
  private busy = false;

  /** Runs `operation` when admitted; the gate stays closed until its promise settles. */
  async run<T>(operation: () => Promise<T>): Promise<T> {
    await this.admission(isBackground());
    try {
      return await operation();
    } finally {
      this.release();
    }
  }

  private admission(isBackgroundWork: boolean): Promise<void> {
    if (!this.busy && !isBackgroundWork) {
      this.busy = true;
      return Promise.resolve();
    }
    const admitted = new Promise<void>((resolve) => (isBackgroundWork ? this.backgroundQueue : this.foreground).push(resolve));
    if (!this.busy) this.release();
    return admitted;
  }

  /** Hands the gate to the next foreground operation, else (after an I/O poll) to background work. */
  private release(): void {
    this.busy = true;
    const next = this.foreground.shift();
    if (next) return next();
    if (!this.backgroundQueue.length) {
      this.busy = false;
      return;
    }
    setImmediate(() => {
      const after = this.foreground.shift() ?? this.backgroundQueue.shift();
      if (after) after();
      else this.busy = false;
    });
  }
}
