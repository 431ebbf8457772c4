import { databaseErrorText } from '../booking/bookingConflict';

/** Why the database refused a workshop registration. */
export type WorkshopConflictKind = 'full' | 'already' | 'reference_taken';

/**
 * Reads the database's refusals of a registration (migration "workshops"): the seat trigger
 * (`workshop_full`), the one-active-registration index, a reference code already taken.
 */
export class WorkshopConflict {
  /** The conflict, or undefined when the error is something else (to be rethrown). */
  static of(error: unknown): WorkshopConflictKind | undefined {
    const text = databaseErrorText(error);
    if (text.includes('workshop_full')) return 'full';
    if (text.includes('workshop_registration_active_person_idx')) return 'already';
    const record = error as { code?: unknown } | undefined;
    if (record?.code === 'P2002') return /reference/.test(text) ? 'reference_taken' : /personId|workshopId/.test(text) ? 'already' : undefined;
    return undefined;
  }
}
