/**
 * Ids and options of the workshop dialogs, importable without their classes (the routing table and
 * the topic help use them; see `../dialogIds.ts` for the others).
 */

/** Finding a workshop or course near the person and registering for it. */
export const WORKSHOP_DIALOG = 'WORKSHOP_DIALOG';
/** "My courses": the person's registrations and waiting places; cancel one. */
export const MY_WORKSHOPS_DIALOG = 'MY_WORKSHOPS_DIALOG';

/** Options of the workshop dialog. */
export interface WorkshopDialogOptions {
  /** A triage topic label: workshops on it come first. */
  readonly topic?: string;
  /** Searched at once instead of asking where (a place typed at the list). */
  readonly query?: string;
  /** The place typed last was not found: the question is asked again as one message that says so. */
  readonly notFound?: boolean;
  /** Ask where, even when the person's digibank is known ("other place"). */
  readonly askPlace?: boolean;
  /** The digibanks near the person and the place's name for the texts (the list step). */
  readonly digibankIds?: readonly string[];
  readonly placeName?: string;
}
