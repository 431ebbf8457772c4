import type { Language } from '../../../i18n/translator';
import type { Channel } from './drivers';
import type { Mode } from './journey';
import type { JourneyRun } from './matrix';

/** A run that fails on today's code, with why (omitted fields match any value). */
export interface KnownFailure {
  readonly journey: string;
  readonly language?: Language;
  readonly channel?: Channel;
  readonly mode?: Mode;
  readonly reason: string;
}

/** The known failure that covers a run, if any. */
export function knownFailureOf(failures: readonly KnownFailure[], run: JourneyRun): KnownFailure | undefined {
  return failures.find((f) => f.journey === run.journey.id
    && (f.language === undefined || f.language === run.language)
    && (f.channel === undefined || f.channel === run.channel)
    && (f.mode === undefined || f.mode === run.mode));
}
