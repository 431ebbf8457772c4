/**
 * The journey runs that fail on today's code, each with a one-line reason (issue 14). They run as
 * `test.failing`: when a fix makes one pass, jest fails and asks for its entry to be removed here.
 * Omitted fields (language, channel, mode) match every value.
 */
import type { KnownFailure } from './support/knownFailure';

/**
 * Today's failures. On 2026-12-04 all 508 runs of the 46 journeys reached their goal and kept every
 * rule; the 72 entries of the morning (issue 14's defects) were removed as the fixes landed. The
 * phrasings journeys (2026-12-05) found one gap of the triage's ("i cannot come, my child is sick"
 * read as a smartphone question), closed by issue 20's training data.
 */
export const KNOWN_FAILURES: readonly KnownFailure[] = [
];
