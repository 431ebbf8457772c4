/** Minutes a citizen typically waits when no recent claim says otherwise. */
export const DEFAULT_WAIT_MINUTES = 5;
/** The shortest wait promised: a volunteer needs a moment to open and read the conversation. */
export const MIN_WAIT_MINUTES = 2;

/**
 * Roughly how long a citizen at `position` in the line waits: the median of recent waits (request
 * to claim, in minutes) for each person ahead and themselves, rounded up to whole minutes. With no
 * recent claims, {@link DEFAULT_WAIT_MINUTES} per person; never less than {@link MIN_WAIT_MINUTES}.
 */
export function estimateWaitMinutes(recentWaitMinutes: readonly number[], position: number, defaultMinutes = DEFAULT_WAIT_MINUTES): number {
  const typical = recentWaitMinutes.length ? median(recentWaitMinutes) : defaultMinutes;
  return Math.max(MIN_WAIT_MINUTES, Math.ceil(typical * Math.max(1, position)));
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
