/**
 * Ids of the booking dialogs, importable without their classes (the routing table and the menu
 * use them; see `../dialogIds.ts` for the others).
 */

/** Booking a helpdesk slot (and moving a booking to another slot). */
export const BOOKING_DIALOG = 'BOOKING_DIALOG';
/** Asking for a home visit. */
export const HOME_VISIT_DIALOG = 'HOME_VISIT_DIALOG';
/** "My appointments": list, cancel, move. */
export const MANAGE_BOOKING_DIALOG = 'MANAGE_BOOKING_DIALOG';
