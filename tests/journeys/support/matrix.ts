import type { Language } from '../../../i18n/translator';
import { CHANNELS, type Channel } from './drivers';
import { JOURNEY_LANGUAGES, MODES, type Journey, type Mode } from './journey';

/** One run of the matrix: a journey in a language, on a channel, in a mode. */
export interface JourneyRun {
  readonly journey: Journey;
  readonly language: Language;
  readonly channel: Channel;
  readonly mode: Mode;
}

/** Every run of the journeys: each journey × its languages × its channels × its modes. */
export function journeyRuns(journeys: readonly Journey[]): JourneyRun[] {
  return journeys.flatMap((journey) => {
    const modes: readonly Mode[] = journey.opening === 'none' ? ['guessed'] : (journey.modes ?? MODES);
    return (journey.languages ?? JOURNEY_LANGUAGES).flatMap((language) =>
      (journey.channels ?? CHANNELS).flatMap((channel) => modes.map((mode) => ({ journey, language, channel, mode }))));
  });
}

/** A run's name: `book-helpdesk · fr · sms · guessed`. */
export function runName(run: Pick<JourneyRun, 'language' | 'channel' | 'mode'> & { journey: Pick<Journey, 'id'> }): string {
  return `${run.journey.id} · ${run.language} · ${run.channel} · ${run.mode}`;
}
