/**
 * Ids and options of the repair dialogs, importable without their classes (the routing table and
 * the "other request" detection use them; see `../dialogIds.ts` for the others).
 */

/** A broken device: a few questions, then a repair moment (or the loans coordinator for a loaned device). */
export const REPAIR_DIALOG = 'REPAIR_DIALOG';
/** "Where is my repair?": the person's repair requests and their status. */
export const REPAIR_STATUS_DIALOG = 'REPAIR_STATUS_DIALOG';

/** Options of the repair dialog. */
export interface RepairDialogOptions {
  /** A triage topic label of the request (kept for a person, if one is asked for). */
  readonly topic?: string;
  /** The request in the person's words when it is not this turn's message (a clarifying question was answered): its device and problem words count. */
  readonly asked?: string;
}
