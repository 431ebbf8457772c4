import type { Activity } from 'botbuilder';
import { maskAtRest } from '../services/privacy/masking';

/** How many inbound activities are held at most (a turn that never runs here must not grow the map for ever). */
const MAX_HELD = 10_000;

/**
 * Minimisation at rest: an inbound message is stored with national register numbers, IBANs and
 * card numbers masked (`maskAtRest`), while its turn, in this process, still reads what the person
 * wrote. The original is held in memory only from the insert until its turn takes it; a turn run
 * elsewhere (another process, after a restart) sees the masked text, which no dialog needs.
 */
export class StoredOriginals {
  private readonly held = new Map<string, Partial<Activity>>();

  /** The activity to store: masked, with the original held under `id` when the masking changed it. */
  keep(id: string, activity: Partial<Activity>): Partial<Activity> {
    const text = maskAtRest(activity.text);
    if (text === activity.text) return activity;
    this.hold(id, activity);
    return { ...activity, text };
  }

  /** The original of a stored message, once (undefined when not masked or not held here). */
  take(id: string): Partial<Activity> | undefined {
    const original = this.held.get(id);
    this.held.delete(id);
    return original;
  }

  /** Holds the original again for a retry of its turn (only when it was masked). */
  putBack(id: string, activity: Partial<Activity>): void {
    if (maskAtRest(activity.text) !== activity.text) this.hold(id, activity);
  }

  private hold(id: string, activity: Partial<Activity>): void {
    if (this.held.size >= MAX_HELD) this.held.delete(this.held.keys().next().value as string);
    this.held.set(id, activity);
  }
}
