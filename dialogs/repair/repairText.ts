import type { RepairProblem } from '../../services/repair/repairKinds';

/** Something to bring to a repair café; the text lives in the locales (`repair.items.<item>`). */
export type RepairItem = 'device' | 'charger' | 'passwords' | 'backup';

/**
 * What to bring to a repair moment, in the order to show it (like services/booking/whatToBring.ts
 * for appointments): the device, its charger, the passwords written down for oneself, and a copy of
 * one's photos and files when the device still starts.
 */
export function repairItems(problem: RepairProblem): RepairItem[] {
  return problem === 'wont_start' ? ['device', 'charger', 'passwords'] : ['device', 'charger', 'passwords', 'backup'];
}
