/**
 * The journey runs that fail on today's code, each with a one-line reason (issue 14). They run as
 * `test.failing`: when a fix makes one pass, jest fails and asks for its entry to be removed here.
 * Omitted fields (language, channel, mode) match every value.
 */
import type { KnownFailure } from './support/knownFailure';

/** Today's failures. */
export const KNOWN_FAILURES: readonly KnownFailure[] = [];
