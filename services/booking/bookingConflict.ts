/** Why the database refused a booking write. */
export type BookingConflictKind = 'slot_full' | 'person_overlap' | 'volunteer_overlap' | 'reference_taken';

const MARKERS: ReadonlyArray<[string, BookingConflictKind]> = [
  ['booking_slot_full', 'slot_full'],
  ['helpdesk_slot_capacity_check', 'slot_full'],
  ['booking_person_overlap', 'person_overlap'],
  ['booking_volunteer_overlap', 'volunteer_overlap'],
  ['booking_reference_key', 'reference_taken'],
];

/**
 * The text of a database error as Prisma raised it, whichever driver adapter: its message and its
 * metadata, where constraint and trigger names appear. Shared by the readers of database refusals.
 */
export function databaseErrorText(error: unknown): string {
  if (!error || typeof error !== 'object') return String(error ?? '');
  const record = error as { message?: unknown; meta?: unknown };
  let meta = '';
  try {
    meta = JSON.stringify(record.meta ?? '');
  } catch {
    meta = '';
  }
  return `${String(record.message ?? '')} ${meta}`;
}

/**
 * Reads the rules the database enforces (migration "booking": slot capacity, overlaps, unique
 * reference) out of an error thrown by Prisma, whichever driver adapter raised it.
 */
export class BookingConflict {
  /** The conflict, or undefined when the error is something else (to be rethrown). */
  static of(error: unknown): BookingConflictKind | undefined {
    const text = databaseErrorText(error);
    const marker = MARKERS.find(([needle]) => text.includes(needle));
    if (marker) return marker[1];
    if (BookingConflict.isUniqueOnReference(error)) return 'reference_taken';
    return undefined;
  }

  private static isUniqueOnReference(error: unknown): boolean {
    const record = error as { code?: unknown; meta?: { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: unknown } } } } };
    if (record?.code !== 'P2002') return false;
    const fields = record.meta?.driverAdapterError?.cause?.constraint?.fields ?? record.meta?.target;
    return Array.isArray(fields) && fields.includes('reference');
  }
}
