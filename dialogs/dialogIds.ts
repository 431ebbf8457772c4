/**
 * Ids of the dialogs of the assistant, in one place so that dialogs can start each other without
 * importing each other's classes (no import cycles). Each dialog file re-exports its own id.
 */

/** The main menu and router (root dialog). */
export const MAIN_DIALOG = 'MAIN_DIALOG';
/** Choosing the language. */
export const LANGUAGE_DIALOG = 'LANGUAGE_DIALOG';
/** Talking to a person: an honest "not yet" now; the handoff feature replaces it. */
export const HANDOFF_DIALOG = 'HANDOFF_DIALOG';
/** Offering a person after repeated misunderstanding. */
export const PERSON_OFFER_DIALOG = 'PERSON_OFFER_DIALOG';
/** An honest "this part is coming" for menu entries not built yet. */
export const COMING_SOON_DIALOG = 'COMING_SOON_DIALOG';
