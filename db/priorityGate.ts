import { AsyncLocalStorage } from 'node:async_hooks';

const priority = new AsyncLocalStorage<'urgent' | 'background'>();

/**
 * Runs `work` urgently: the database operations it starts go ahead of every operation waiting at
 * a {@link PriorityGate}. For the webhook's inbox insert, which a provider is waiting for and which
 * must not queue behind a backlog of turns (their messages are stored: they can wait).
 */
export function urgently<T>(work: () => Promise<T>): Promise<T> {
  return priority.run('urgent', work);
}

/**
 * Runs `work` as background work (turns): each of its database operations waits, in its place in
 * the queue, until the event loop has polled for I/O, so that requests waiting to be read get in.
 */
export function inBackground<T>(work: () => Promise<T>): Promise<T> {
  return priority.run('background', work);
}

/**
 * Admits one operation at a time to a resource that serialises them anyway (the embedded
 * database has a single connection): urgent operations first, the others in arrival order. A
 * background operation at the head of the queue is admitted only after the event loop has polled
 * for I/O (`setImmediate`), so that a request that just arrived gets its urgent operation queued
 * first: turns running back to back cannot keep the loop to themselves. Only urgent work
 * overtakes, so nothing else starves.
 */
export class PriorityGate {
  private readonly urgentQueue: (() => void)[] = [];
  private readonly queue: { admit: () => void; background: boolean }[] = [];
  private busy = false;

  /** Runs `operation` when admitted; the gate stays closed until its promise settles. */
  async run<T>(operation: () => Promise<T>): Promise<T> {
    const kind = priority.getStore();
    if (this.busy || kind === 'background') {
      const admitted = new Promise<void>((admit) => (kind === 'urgent' ? this.urgentQueue.push(admit) : this.queue.push({ admit, background: kind === 'background' })));
      if (!this.busy) this.release();
      await admitted;
    } else this.busy = true;
    try {
      return await operation();
    } finally {
      this.release();
    }
  }

  /** Hands the gate to the next urgent operation, else to the next other one (background: after an I/O poll). */
  private release(): void {
    this.busy = true;
    const next = this.urgentQueue.shift();
    if (next) return next();
    const head = this.queue[0];
    if (!head) {
      this.busy = false;
      return;
    }
    if (!head.background) return (this.queue.shift() as { admit: () => void }).admit();
    setImmediate(() => {
      const after = this.urgentQueue.shift() ?? this.queue.shift()?.admit;
      if (after) after();
      else this.busy = false;
    });
  }
}
