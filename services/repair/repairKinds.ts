/** Kinds of device a repair café takes in (the CHECK of the repair migration). */
export const REPAIR_DEVICE_KINDS = ['laptop', 'desktop', 'tablet', 'smartphone', 'printer', 'other'] as const;
/** A kind of device. */
export type RepairDeviceKind = (typeof REPAIR_DEVICE_KINDS)[number];

/** What is wrong, in the words a person uses. */
export const REPAIR_PROBLEMS = ['wont_start', 'screen', 'slow', 'battery', 'keyboard_sound', 'other'] as const;
/** A problem. */
export type RepairProblem = (typeof REPAIR_PROBLEMS)[number];

/** Since when. */
export const REPAIR_SINCE = ['today', 'week', 'month', 'longer'] as const;
/** Since when the problem is there. */
export type RepairSince = (typeof REPAIR_SINCE)[number];

/** Statuses of a repair request. */
export const REPAIR_STATUSES = ['received', 'in_repair', 'ready', 'not_repairable', 'collected', 'cancelled'] as const;
/** A status. */
export type RepairStatus = (typeof REPAIR_STATUSES)[number];

/** Statuses still in progress: the person still has something to hear or to fetch. */
export const OPEN_REPAIR_STATUSES: readonly RepairStatus[] = ['received', 'in_repair', 'ready', 'not_repairable'];

/** Which status may follow which (the console's actions). */
export const REPAIR_TRANSITIONS: Readonly<Record<RepairStatus, readonly RepairStatus[]>> = {
  received: ['in_repair', 'ready', 'not_repairable', 'cancelled'],
  in_repair: ['ready', 'not_repairable', 'cancelled'],
  ready: ['collected'],
  not_repairable: ['collected'],
  collected: [],
  cancelled: [],
};

/** The statuses the citizen is told about on their channel (`repair.notify.<status>`). */
export const TOLD_STATUSES: ReadonlySet<RepairStatus> = new Set(['in_repair', 'ready', 'not_repairable', 'cancelled']);

/** Where a location offers repair (`location.services`). */
export const REPAIR_SERVICE = 'repair';

/** True when the value is one of the list. */
export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}
