/**
 * What every benchmarked conversation says, in order; each step is valid after the previous one
 * and gets at least one reply: language → menu → … (shared by `turns.ts` and `lib/turnCost.ts`).
 */
export const SCRIPT = ['English', '2', 'taal', 'Français', '3', 'langue', 'Nederlands', '1', 'language'];
