import { MessageFactory, TurnContext } from 'botbuilder';
import {
  DialogTurnResult,
  FoundChoice,
  ListStyle,
  PromptValidatorContext,
  TextPrompt,
  WaterfallDialog,
  WaterfallStepContext,
} from 'botbuilder-dialogs';
import { AnswerChoicePrompt } from './answerChoicePrompt';
import type { LocationMatch, LocationView, OpeningHours } from '../services/booking/locationService';
import { PlaceNames } from '../services/booking/placeNames';
import { sharedLocation, typedPostcode } from './booking/appointmentText';
import { longDate } from '../i18n/dateText';
import type { BookingOptions } from './booking/bookingDialog';
import { BOOKING_DIALOG } from './booking/bookingIds';
import { HANDOFF_DIALOG, HandoffOptions, LOCATION_HOURS_DIALOG, LocationHoursOptions, RoutedDialogResult } from './dialogIds';
import { DialogServices } from './dialogServices';
import { InterruptibleDialog } from './interruptibleDialog';
import { choicePromptOptions, numberedChoices, wordsInAllLanguages } from './prompts';
import { decide, understand } from './understanding';

/** What follows the addresses: `topics.choices.<id>` titles, `topics.synonyms.<id>` words. */
type HoursOffer = 'book' | 'person' | 'menu';

interface HoursValues {
  /** What found the places (a town, a postcode), for the booking's place step. */
  query?: string;
  locationIds?: string[];
  offers?: HoursOffer[];
}

const HOURS_WATERFALL = 'LOCATION_HOURS_WATERFALL';
const WHERE_PROMPT = 'LOCATION_HOURS_WHERE_PROMPT';
const OFFER_PROMPT = 'LOCATION_HOURS_OFFER_PROMPT';
/** Locations shown at most (one SMS or WhatsApp message stays readable). */
export const LOCATIONS_SHOWN = 2;

/**
 * "Where is the digibank, when is it open?": finds the digibanks of the place named in the message
 * (or asks for a postcode or town, or takes a shared WhatsApp location), and answers with their
 * address, opening days and hours, the first free helpdesk day and a phone number when there is
 * one — names in the person's language. Then offers a helpdesk appointment there, a person, or the
 * menu: never a dead end.
 */
export class LocationHoursDialog extends InterruptibleDialog {
  constructor(services: DialogServices) {
    super(LOCATION_HOURS_DIALOG, services);
    const offers = new AnswerChoicePrompt(OFFER_PROMPT, async (prompt: PromptValidatorContext<FoundChoice>) => prompt.recognized.succeeded || prompt.attemptCount >= 1);
    offers.style = ListStyle.suggestedAction;
    this.addDialog(new TextPrompt(WHERE_PROMPT))
      .addDialog(offers)
      .addDialog(
        new WaterfallDialog<LocationHoursOptions>(HOURS_WATERFALL, [this.whereStep.bind(this), this.showStep.bind(this), this.offerStep.bind(this)]),
      );
    this.initialDialogId = HOURS_WATERFALL;
  }

  /** The place of the message, or the question where. */
  private async whereStep(step: WaterfallStepContext<LocationHoursOptions>): Promise<DialogTurnResult> {
    const query = step.options.query ?? step.context.activity.text ?? '';
    if ((await this.find(step.context, query)).length > 0) return step.next(query);
    return step.prompt(WHERE_PROMPT, { prompt: MessageFactory.text(this.text(step.context, 'places.askWhere')) });
  }

  /** The addresses, hours, first free day and phone; then the offers. */
  private async showStep(step: WaterfallStepContext<LocationHoursOptions>): Promise<DialogTurnResult> {
    const query = typeof step.result === 'string' ? step.result : '';
    const matches = await this.find(step.context, query);
    // Another request typed instead of a place ("ik wil een laptop lenen"): understood again, not "not found".
    const other = matches.length === 0 && !sharedLocation(step.context.activity) ? newRequest(step, this.services) : undefined;
    if (other) return step.endDialog(other);
    const v = step.values as HoursValues;
    v.query = query;
    v.locationIds = matches.map((match) => match.location.id);
    v.offers = this.offers(matches.length > 0);
    const lines = matches.length > 0 ? await this.describe(step.context, matches) : this.text(step.context, 'places.notFound');
    await step.context.sendActivity(lines);
    const language = this.services.languages.current(step.context);
    const { i18n } = this.services;
    const choices = numberedChoices(
      v.offers.map((offer) => ({ title: i18n.t(language, `topics.choices.${offer}`), synonyms: wordsInAllLanguages(i18n, `topics.synonyms.${offer}`) })),
    );
    const question = this.text(step.context, 'places.offersPrompt');
    return step.prompt(OFFER_PROMPT, choicePromptOptions(question, choices, question));
  }

  /** Books there (the place already chosen), a person, or back to the menu. */
  private async offerStep(step: WaterfallStepContext<LocationHoursOptions>): Promise<DialogTurnResult> {
    const v = step.values as HoursValues;
    const choice = step.result as FoundChoice | undefined;
    const offer = choice ? v.offers?.[choice.index] : undefined;
    const topic = step.options.topic ? { topic: step.options.topic } : {};
    const ids = v.locationIds ?? [];
    switch (offer) {
      case 'book':
        return step.replaceDialog(BOOKING_DIALOG, (ids.length === 1 ? { ...topic, locationId: ids[0] } : { ...topic, query: v.query }) satisfies BookingOptions);
      case 'person':
        return step.replaceDialog(HANDOFF_DIALOG, { reason: 'asked', topic: step.options.topic ?? null } satisfies HandoffOptions);
      case 'menu':
        return step.endDialog();
      default:
        return step.endDialog(newRequest(step, this.services));
    }
  }

  /** What can follow: an appointment (where a digibank was found), a person (when one can be reached), the menu. */
  private offers(found: boolean): HoursOffer[] {
    return [...(found ? (['book'] as const) : []), 'person', 'menu'];
  }

  /** The digibanks of a postcode, an exactly named town, or a shared location. */
  private async find(context: TurnContext, text: string): Promise<LocationMatch[]> {
    const { locations } = this.services.booking;
    const options = { service: 'helpdesk' as const, limit: LOCATIONS_SHOWN };
    const pin = sharedLocation(context.activity);
    if (pin) return locations.nearest(pin.latitude, pin.longitude, options);
    const postcode = typedPostcode(text);
    if (postcode) return locations.findByPostcode(postcode, options);
    const matches = await locations.findByMunicipality(text, options);
    return matches.filter((match) => match.match === 'name' || text.trim().split(/\s+/).length <= 2);
  }

  /** One block per digibank, in the person's language. */
  private async describe(context: TurnContext, matches: readonly LocationMatch[]): Promise<string> {
    const language = this.services.languages.current(context);
    const blocks: string[] = [];
    for (const { location } of matches) blocks.push(await this.block(context, PlaceNames.localized(location, language)));
    return `${this.text(context, 'places.found')}\n\n${blocks.join('\n\n')}`;
  }

  private async block(context: TurnContext, location: LocationView): Promise<string> {
    const lines = [
      location.name,
      `${location.address}, ${location.postcode} ${location.municipality}`,
      this.text(context, 'places.hours', { hours: this.hoursText(context, location.openingHours) }),
      await this.firstFree(context, location),
    ];
    if (location.phone) lines.push(this.text(context, 'places.phone', { phone: location.phone }));
    return lines.join('\n');
  }

  /** "Monday 09:00-12:00; Thursday 09:00-12:00 and 13:30-16:30", weekday names from `places.weekdays`. */
  private hoursText(context: TurnContext, hours: readonly OpeningHours[]): string {
    const language = this.services.languages.current(context);
    const days = this.services.i18n.list(language, 'places.weekdays');
    const byDay = new Map<number, string[]>();
    for (const period of hours) byDay.set(period.weekday, [...(byDay.get(period.weekday) ?? []), `${period.opensAt}-${period.closesAt}`]);
    const and = this.text(context, 'places.and');
    return [...byDay].map(([weekday, times]) => `${days[weekday - 1] ?? weekday} ${times.join(` ${and} `)}`).join('; ');
  }

  /** The first day with a free helpdesk slot, or that there is none soon. */
  private async firstFree(context: TurnContext, location: LocationView): Promise<string> {
    const days = await this.services.booking.slots.freeDays(location.id, this.services.clock());
    if (days.length === 0) return this.text(context, 'places.noneFree');
    return this.text(context, 'places.firstFree', { date: longDate(this.services.languages.current(context), days[0]) });
  }
}

/** A message typed instead of one of the offers: a new request ("and for tax-on-web?") for the main loop to understand again. */
export function newRequest(step: WaterfallStepContext, services: DialogServices): RoutedDialogResult | undefined {
  const decision = decide(understand(step.context, services), services.triage.confidenceThreshold);
  return decision.kind !== 'unclear' ? { retriage: true } : undefined;
}
