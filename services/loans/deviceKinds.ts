/** What a digibank lends: text `loan.kinds.<kind>`, choice `loan.choices.<kind>`. */
export const DEVICE_KINDS = ['laptop', 'tablet', 'smartphone', 'dongle'] as const;
/** A kind of device. */
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** Why a person borrows: text `loan.purposes.<purpose>`. */
export const LOAN_PURPOSES = ['school', 'job_search', 'administration', 'other'] as const;
/** A purpose of a loan. */
export type LoanPurpose = (typeof LOAN_PURPOSES)[number];

/** Statuses of a device (the CHECK of the migration). */
export const DEVICE_STATUSES = ['available', 'reserved', 'on_loan', 'in_repair', 'retired'] as const;
/** A device status. */
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];
/** Statuses a person may set in the inventory; `reserved` and `on_loan` follow the loans. */
export const INVENTORY_STATUSES = ['available', 'in_repair', 'retired'] as const;
/** A device status set by hand. */
export type InventoryStatus = (typeof INVENTORY_STATUSES)[number];

/** Locations that lend devices (and take donated ones in): `Location.services` contains it. */
export const LENDING_SERVICE = 'device_loan';

/** Eligibility questions a digibank may ask (text `loan.questions.<key>`). */
export const LOAN_QUESTION_KEYS = ['referred_by_social_service', 'income_situation', 'student', 'lives_in_municipality'] as const;

/** True when the value is a {@link DeviceKind}. */
export function isDeviceKind(value: unknown): value is DeviceKind {
  return typeof value === 'string' && (DEVICE_KINDS as readonly string[]).includes(value);
}

/** True when the value is a {@link LoanPurpose}. */
export function isLoanPurpose(value: unknown): value is LoanPurpose {
  return typeof value === 'string' && (LOAN_PURPOSES as readonly string[]).includes(value);
}

/** True when the value is an {@link InventoryStatus}. */
export function isInventoryStatus(value: unknown): value is InventoryStatus {
  return typeof value === 'string' && (INVENTORY_STATUSES as readonly string[]).includes(value);
}
