import { Activity, MessageFactory, TurnContext } from 'botbuilder';
import { DialogContext, DialogTurnResult, PromptValidatorContext, TextPrompt, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import type { BookingView, SlotBookingResult } from '../../services/booking/bookingService';
import { BookingService } from '../../services/booking/bookingService';
import type { LocationMatch, LocationView } from '../../services/booking/locationService';
import { PlaceNames } from '../../services/booking/placeNames';
import { ReferenceCode } from '../../services/booking/referenceCode';
import type { FreeSlot } from '../../services/booking/slotService';
import { WhatToBring } from '../../services/booking/whatToBring';
import { LocalDate } from '../../i18n/brusselsTime';
import { BOOKING_DIALOG } from './bookingIds';
import { DialogServices } from '../dialogServices';
import { choicesActivity, stepValues } from '../prompts';
import { AppointmentDialog, AppointmentState, Offer } from './appointmentDialog';
import { distinct, icsAttachment, isWebChat, placeLine, sharedLocation, title, typedPostcode } from './appointmentText';
import { isAnonymousChannel, OwnershipAccess } from '../ownershipAccess';
import { typedChoice } from '../answers';

export { BOOKING_DIALOG };

/** Options of {@link BookingDialog}: the topic, or (manage booking) the booking to move and its place. */
export interface BookingOptions extends AppointmentState {
  /** Searched for at once instead of asking where (a town typed at the place choice). */
  readonly query?: string;
  /** The place typed last was not found: the question is asked again as one message that says so. */
  readonly notFound?: boolean;
}

interface PlaceValues {
  locationIds?: string[];
  placeTitles?: string[];
}

const PLACE_WATERFALL = 'BOOKING_PLACE';
const PLACE_PROMPT = 'BOOKING_PLACE_PROMPT';
const PLACE_CHOICE_PROMPT = 'BOOKING_PLACE_CHOICE_PROMPT';

/** Locations offered. */
export const PLACES_OFFERED = 3;

/** A free helpdesk slot as an offer. */
export function slotOffer(slot: FreeSlot): Offer {
  return { startsAt: slot.startsAt.toISOString(), date: slot.date, time: slot.time, slotId: slot.slotId };
}

/**
 * Books a helpdesk appointment: where (postcode, municipality name with typos, or a WhatsApp
 * location: the nearest two or three), which day, which free time, a summary to confirm, then the
 * booking with its reference code, address, date and time and what to bring for the topic (and an
 * ICS file on web chat). Also moves an existing booking (`moveBookingId`), from the day question on.
 */
export class BookingDialog extends AppointmentDialog {
  constructor(services: DialogServices) {
    super(BOOKING_DIALOG, services);
    this.addDialog(new TextPrompt(PLACE_PROMPT, (prompt) => this.validatePlace(prompt)))
      .addDialog(new TextPrompt(PLACE_CHOICE_PROMPT, async () => true))
      .addDialog(new WaterfallDialog<BookingOptions>(PLACE_WATERFALL, [this.askPlaceStep.bind(this), this.findPlaceStep.bind(this), this.choosePlaceStep.bind(this)]));
    this.initialDialogId = PLACE_WATERFALL;
  }

  private async askPlaceStep(step: WaterfallStepContext<BookingOptions>): Promise<DialogTurnResult> {
    if (step.options.locationId) return this.chooseTime(step, { ...step.options, query: undefined } as BookingOptions);
    if (step.options.query) return step.next(step.options.query);
    // "een afspraak in Kortrijk", "rendez-vous à Bruxelles": the place named in the message is not asked again.
    const named = step.options.notFound ? undefined : await this.placeNamedIn(step.context);
    if (named) return step.next(named);
    const key = step.options.notFound ? 'booking.placeNotFound' : step.context.activity.channelId === 'whatsapp' ? 'booking.askPlaceWhatsApp' : 'booking.askPlace';
    const text = this.text(step.context, key);
    return step.prompt(PLACE_PROMPT, { prompt: MessageFactory.text(text), retryPrompt: MessageFactory.text(this.text(step.context, 'booking.placeRetry')) });
  }

  private async findPlaceStep(step: WaterfallStepContext<BookingOptions>): Promise<DialogTurnResult> {
    const typed = typeof step.result === 'string' ? step.result : '';
    const matches = this.localizedMatches(step.context, await this.findPlaces(step.context, typed));
    // Not found: one message that says so and what to type (not a notice and the question again: each SMS costs).
    if (matches.length === 0) return step.replaceDialog(PLACE_WATERFALL, { ...step.options, query: undefined, notFound: true });
    const v = stepValues<PlaceValues>(step);
    v.locationIds = matches.map((match) => match.location.id);
    const first = matches[0];
    const intro =
      first.match === 'similar_name'
        ? this.text(step.context, 'booking.placesSimilar', { name: first.matchedName ?? first.location.municipality })
        : first.match === 'coordinates'
          ? this.text(step.context, 'booking.placesNearest')
          : first.match === 'postcode' || first.match === 'name'
            ? this.text(step.context, 'booking.placesFound')
            : this.text(step.context, 'booking.placesNearby');
    const lines = matches.map((match, i) => `${i + 1}. ${placeLine(match.location)}${match.distanceKm !== undefined ? ` (${match.distanceKm} km)` : ''}`);
    const titles = distinct([
      ...matches.map((match) => title(`${match.location.postcode} ${match.location.municipality}`)),
      this.text(step.context, 'booking.choices.otherPlace'),
    ]);
    v.placeTitles = titles;
    const text = `${intro}\n${lines.join('\n')}\n${this.text(step.context, 'booking.choosePlace')}`;
    return step.prompt(PLACE_CHOICE_PROMPT, { prompt: choicesActivity(text, titles) as Activity });
  }

  private async choosePlaceStep(step: WaterfallStepContext<BookingOptions>): Promise<DialogTurnResult> {
    const v = stepValues<PlaceValues>(step);
    const titles = v.placeTitles ?? [];
    const ids = v.locationIds ?? [];
    const index = typedChoice(step.result, titles);
    if (index !== undefined && index < ids.length) return this.chooseTime(step, { ...step.options, locationId: ids[index], query: undefined, notFound: undefined } as BookingOptions);
    // "Another place", or a new place typed instead of a number: search again.
    const typed = index === undefined && typeof step.result === 'string' ? step.result : undefined;
    return step.replaceDialog(PLACE_WATERFALL, { ...step.options, query: typed, notFound: undefined });
  }

  /**
   * This turn's message when it names a place exactly (a town of a digibank in any of its names, or
   * its postcode), so that the place question is skipped; typos are not guessed at here.
   */
  private async placeNamedIn(context: TurnContext): Promise<string | undefined> {
    const text = context.activity.text;
    if (typeof text !== 'string' || text.trim() === '') return undefined;
    const { locations } = this.services.booking;
    const options = { service: 'helpdesk' as const, limit: PLACES_OFFERED };
    const postcode = typedPostcode(text);
    const matches = postcode ? await locations.findByPostcode(postcode, options) : await locations.findByMunicipality(text, options);
    return matches.some((match) => match.match === 'name' || match.match === 'postcode') ? text : undefined;
  }

  /** The places found, with their names in the person's language. */
  private localizedMatches(context: TurnContext, matches: LocationMatch[]): LocationMatch[] {
    const language = this.services.languages.current(context);
    return matches.map((match) => ({
      ...match,
      location: PlaceNames.localized(match.location, language),
      ...(match.matchedName ? { matchedName: PlaceNames.of(match.matchedName, language) } : {}),
    }));
  }

  private async findPlaces(context: TurnContext, typed: string): Promise<LocationMatch[]> {
    const { locations } = this.services.booking;
    const options = { service: 'helpdesk' as const, limit: PLACES_OFFERED };
    const pin = sharedLocation(context.activity);
    if (pin) return locations.nearest(pin.latitude, pin.longitude, options);
    const postcode = typedPostcode(typed);
    if (postcode) return locations.findByPostcode(postcode, options);
    return locations.findByMunicipality(typed, options);
  }

  private async validatePlace(prompt: PromptValidatorContext<string>): Promise<boolean> {
    return !!sharedLocation(prompt.context.activity) || (prompt.recognized.succeeded && (prompt.recognized.value ?? '').trim() !== '');
  }

  /** "Back" at the day question: the place question again (moving a booking has none: it is left). */
  protected override backFromDay(innerDc: DialogContext, state: AppointmentState): Promise<DialogTurnResult> {
    if (state.moveBookingId) return super.backFromDay(innerDc, state);
    return innerDc.replaceDialog(PLACE_WATERFALL, { ...state, locationId: undefined, query: undefined } satisfies BookingOptions);
  }

  protected async freeDays(state: AppointmentState, now: Date): Promise<LocalDate[]> {
    return this.services.booking.slots.freeDays(state.locationId as string, now);
  }

  protected async freeOn(state: AppointmentState, date: LocalDate, now: Date): Promise<Offer[]> {
    return (await this.services.booking.slots.freeTimes(state.locationId as string, date, now)).map(slotOffer);
  }

  protected async summary(context: TurnContext, state: AppointmentState, offer: Offer): Promise<string> {
    const location = await this.location(context, state.locationId);
    const { date, time } = this.when(context, offer);
    const key = state.moveBookingId ? 'booking.summaryMove' : 'booking.summary';
    return this.text(context, key, { place: location.name, address: `${location.address}, ${location.postcode} ${location.municipality}`, date, time });
  }

  protected async commit(step: WaterfallStepContext<AppointmentState>, state: AppointmentState, offer: Offer): Promise<DialogTurnResult> {
    const now = this.services.clock();
    const personId = state.movePersonId ?? (await this.services.people.personIdFor(step.context));
    const { bookings } = this.services.booking;
    const topic = WhatToBring.isTopic(state.topic) ? state.topic : null;
    const result = state.moveBookingId
      ? await bookings.move(personId, state.moveBookingId, offer.slotId as string, now)
      : await bookings.book({ personId, slotId: offer.slotId as string, topic }, now);
    return this.onResult(step, state, result);
  }

  private async onResult(step: WaterfallStepContext<AppointmentState>, state: AppointmentState, result: SlotBookingResult | { kind: 'not_found' }): Promise<DialogTurnResult> {
    switch (result.kind) {
      case 'booked':
        if (isAnonymousChannel(step.context)) await OwnershipAccess.grant(step.context, 'bookings', result.booking.id);
        await this.sendConfirmation(step.context, result.booking, state.moveBookingId ? 'booking.moved' : 'booking.confirmed');
        return step.endDialog({ booked: result.booking.id });
      case 'full':
        if (result.nextFree.length === 0) {
          await step.context.sendActivity(this.text(step.context, 'booking.full'));
          await step.context.sendActivity(this.text(step.context, 'booking.noFreeDays'));
          return step.endDialog();
        }
        return this.chooseTime(step, { ...state, offers: result.nextFree.map(slotOffer), notice: 'booking.full' });
      case 'overlap': {
        // Web chat: the other appointment's time only when this conversation may show it (a shared computer).
        const existing = result.existing && (await OwnershipAccess.mayShow(step.context, 'bookings', result.existing.id)) ? result.existing : undefined;
        const when = existing ? this.when(step.context, existing) : undefined;
        await step.context.sendActivity(
          when ? this.text(step.context, 'booking.overlap', when) : this.text(step.context, 'booking.overlapUnknown'),
        );
        return step.endDialog();
      }
      case 'unavailable':
        return this.chooseTime(step, { ...state, offers: undefined, notice: 'booking.unavailable' });
      case 'not_found':
        await step.context.sendActivity(this.text(step.context, 'booking.manage.notFound'));
        return step.endDialog();
    }
  }

  /** The confirmation: reference, place, date and time, what to bring; the ICS file on web chat. */
  private async sendConfirmation(context: TurnContext, booking: BookingView, key: string): Promise<void> {
    const location = await this.location(context, booking.locationId ?? undefined);
    const { date, time } = this.when(context, booking);
    const reference = ReferenceCode.format(booking.reference);
    const confirmed = this.text(context, key, {
      reference,
      place: location.name,
      address: `${location.address}, ${location.postcode} ${location.municipality}`,
      date,
      time,
    });
    const items = WhatToBring.itemsFor(booking.topic, 'helpdesk').map((item) => `- ${this.text(context, `booking.items.${item}`)}`);
    const bring = this.text(context, 'booking.bring', { items: items.join('\n') });
    const reply = MessageFactory.text(`${confirmed}\n\n${bring}`);
    if (isWebChat(context.activity.channelId)) {
      const ics = BookingService.calendarFile(
        booking,
        {
          summary: this.text(context, 'booking.ics.summary', { place: location.name }),
          description: `${this.text(context, 'booking.ics.description', { reference })}\n${bring}`,
          location: placeLine(location),
        },
        this.services.clock(),
      );
      reply.attachments = [icsAttachment(ics)];
    }
    await context.sendActivity(reply);
  }

  /** A location by id, with its names in the person's language. */
  private async location(context: TurnContext, id: string | undefined): Promise<LocationView> {
    const location = id ? await this.services.booking.locations.get(id) : undefined;
    if (!location) throw new Error(`location not found: ${id}`);
    return PlaceNames.localized(location, this.services.languages.current(context));
  }
}
