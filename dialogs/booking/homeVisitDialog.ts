import { Activity, MessageFactory, TurnContext } from 'botbuilder';
import { DialogTurnResult, PromptValidatorContext, TextPrompt, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { BookingService, BookingView, HomeVisitMoveResult } from '../../services/booking/bookingService';
import type { VisitTime } from '../../services/booking/homeVisitPlanner';
import { ReferenceCode } from '../../services/booking/referenceCode';
import { WhatToBring } from '../../services/booking/whatToBring';
import { LocalDate } from '../../i18n/brusselsTime';
import { HANDOFF_DIALOG } from '../dialogIds';
import { DialogServices } from '../dialogServices';
import { choicesActivity, isTap } from '../prompts';
import { MIN_SENTENCE_WORDS, wordCount } from '../understanding';
import { AppointmentDialog, AppointmentState, MAX_ATTEMPTS, Offer } from './appointmentDialog';
import { icsAttachment, isWebChat, typedPostcode } from './appointmentText';
import { isAnonymousChannel, OwnershipAccess } from '../ownershipAccess';
import { fitsShape, typedChoice } from '../answers';
import { BOOKING_DIALOG, HOME_VISIT_DIALOG } from './bookingIds';

export { HOME_VISIT_DIALOG };

/** Why a person cannot come: `booking.homeVisit.choices.<reason>`. */
export const HOME_VISIT_REASONS = ['mobility', 'health', 'care'] as const;
export type HomeVisitReason = (typeof HOME_VISIT_REASONS)[number];

/** What can follow "no home visits at your postcode". */
export const NOT_SERVED_OFFERS = ['helpdesk', 'person', 'menu'] as const;

const REASON_WATERFALL = 'HOME_VISIT_START';
const REASON_PROMPT = 'HOME_VISIT_REASON_PROMPT';
const POSTCODE_PROMPT = 'HOME_VISIT_POSTCODE_PROMPT';
const OFFER_PROMPT = 'HOME_VISIT_OFFER_PROMPT';
const ADDRESS_PROMPT = 'HOME_VISIT_ADDRESS_PROMPT';
/** What every address has: a street name (letters) and a house number. */
const ADDRESS_SHAPE: readonly string[] = ['\\p{L}{2,}', '\\d'];
/** A reason told in the person's own words is kept up to this length. */
const REASON_MAX_CHARS = 200;

/** A free visit time as an offer. */
export function visitOffer(time: VisitTime): Offer {
  return { startsAt: time.startsAt.toISOString(), date: time.date, time: time.time };
}

/** Notes kept on the booking for the volunteer: why, and where. */
export function visitNotes(reason: string | undefined, address: string | undefined): string {
  return [`reason: ${reason ?? 'unknown'}`, `address: ${(address ?? '').trim()}`].join('\n');
}

/**
 * Asks for a home visit: why the person cannot come (mobility, health, caring for someone), the
 * postcode (served by a digibank's volunteers? otherwise the nearest helpdesk or a person), day
 * and time, and only then the address (kept in the booking's notes for the volunteer), a summary
 * to confirm, and the booking with its reference and what to have ready.
 */
export class HomeVisitDialog extends AppointmentDialog {
  constructor(services: DialogServices) {
    super(HOME_VISIT_DIALOG, services);
    this.addDialog(new TextPrompt(REASON_PROMPT, (prompt) => this.validateReason(prompt)))
      .addDialog(new TextPrompt(POSTCODE_PROMPT, async (prompt) => (!isTap(prompt.context.activity) && !!typedPostcode(prompt.recognized.value)) || prompt.attemptCount >= MAX_ATTEMPTS))
      .addDialog(new TextPrompt(OFFER_PROMPT, (prompt) => this.validateTitles(prompt)))
      .addDialog(new TextPrompt(ADDRESS_PROMPT, (prompt) => this.validateAddress(prompt)))
      .addDialog(
        new WaterfallDialog<AppointmentState>(REASON_WATERFALL, [
          this.reasonStep.bind(this),
          this.postcodeStep.bind(this),
          this.servedStep.bind(this),
          this.notServedStep.bind(this),
        ]),
      );
    this.initialDialogId = REASON_WATERFALL;
  }

  private async reasonStep(step: WaterfallStepContext<AppointmentState>): Promise<DialogTurnResult> {
    // Moving a visit: why and where are known; straight to the day and time.
    if (step.options.moveBookingId && step.options.postcode) return this.chooseTime(step, step.options);
    const titles = this.titles(step.context, HOME_VISIT_REASONS);
    return this.prompt(step, REASON_PROMPT, this.text(step.context, 'booking.homeVisit.askReason'), titles);
  }

  private async postcodeStep(step: WaterfallStepContext<AppointmentState>): Promise<DialogTurnResult> {
    const index = typedChoice(step.result, this.titles(step.context, HOME_VISIT_REASONS));
    const told = index === undefined && wordCount(step.result) >= MIN_SENTENCE_WORDS ? String(step.result).trim().slice(0, REASON_MAX_CHARS) : undefined;
    if (index === undefined && !told) return this.giveUp(step);
    // A reason told in the person's own words ("ik ben slecht te been") is kept as they said it, for the volunteer.
    (step.values as { reason?: string }).reason = told ?? HOME_VISIT_REASONS[index as number];
    return step.prompt(POSTCODE_PROMPT, {
      prompt: MessageFactory.text(this.text(step.context, 'booking.homeVisit.askPostcode')),
      retryPrompt: MessageFactory.text(this.text(step.context, 'booking.homeVisit.postcodeRetry')),
    });
  }

  private async servedStep(step: WaterfallStepContext<AppointmentState>): Promise<DialogTurnResult> {
    const postcode = typedPostcode(step.result);
    if (!postcode) return this.giveUp(step);
    const reason = (step.values as { reason?: string }).reason;
    if (await this.services.booking.homeVisits.areaFor(postcode)) return this.chooseTime(step, { ...step.options, postcode, reason });
    await step.context.sendActivity(this.text(step.context, 'booking.homeVisit.notServed', { postcode }));
    const [nearest] = await this.services.booking.locations.findByPostcode(postcode, { service: 'helpdesk', limit: 1 });
    (step.values as { locationId?: string }).locationId = nearest?.location.id;
    if (nearest) {
      const { location } = nearest;
      await step.context.sendActivity(
        this.text(step.context, 'booking.homeVisit.nearest', {
          place: location.name,
          address: `${location.address}, ${location.postcode} ${location.municipality}`,
          phone: location.phone ?? '-',
        }),
      );
    }
    const offers = NOT_SERVED_OFFERS.filter((offer) => offer !== 'helpdesk' || nearest);
    (step.values as { offers?: string[] }).offers = offers;
    return this.prompt(step, OFFER_PROMPT, this.text(step.context, 'booking.homeVisit.afterNotServed'), this.titles(step.context, offers));
  }

  private async notServedStep(step: WaterfallStepContext<AppointmentState>): Promise<DialogTurnResult> {
    const { offers = [], locationId } = step.values as { offers?: string[]; locationId?: string };
    const index = typedChoice(step.result, this.titles(step.context, offers));
    const offer = index === undefined ? undefined : offers[index];
    if (offer === 'helpdesk' && locationId) return step.replaceDialog(BOOKING_DIALOG, { topic: step.options.topic, locationId } satisfies AppointmentState);
    if (offer === 'person') return step.replaceDialog(HANDOFF_DIALOG);
    return step.endDialog();
  }

  protected override async askExtra(step: WaterfallStepContext<AppointmentState>): Promise<DialogTurnResult> {
    if (step.options.moveBookingId) return step.next();
    const ask = MessageFactory.text(this.text(step.context, 'booking.homeVisit.askAddress'));
    const retry = MessageFactory.text(this.text(step.context, 'booking.homeVisit.addressRetry'));
    return step.prompt(ADDRESS_PROMPT, { prompt: ask, retryPrompt: retry, validations: { shape: ADDRESS_SHAPE } });
  }

  /** An address is typed, names a street and has a house number: a tap, "1", "09:30" or "waar laptop" is none. */
  private async validateAddress(prompt: PromptValidatorContext<string>): Promise<boolean> {
    return (await this.typedText(prompt)) && fitsShape(prompt.recognized.value, { shape: ADDRESS_SHAPE });
  }

  protected override withExtra(state: AppointmentState, answer: unknown): AppointmentState {
    return typeof answer === 'string' ? { ...state, address: answer.trim() } : state;
  }

  protected async freeDays(state: AppointmentState, now: Date): Promise<LocalDate[]> {
    return this.services.booking.homeVisits.freeDays(state.postcode as string, now);
  }

  protected async freeOn(state: AppointmentState, date: LocalDate, now: Date): Promise<Offer[]> {
    return (await this.services.booking.homeVisits.freeTimes(state.postcode as string, date, now)).map(visitOffer);
  }

  protected async summary(context: TurnContext, state: AppointmentState, offer: Offer): Promise<string> {
    if (state.moveBookingId) return this.text(context, 'booking.homeVisit.summaryMove', { ...this.when(context, offer), postcode: state.postcode ?? '' });
    return this.text(context, 'booking.homeVisit.summary', { ...this.when(context, offer), address: state.address ?? '', postcode: state.postcode ?? '' });
  }

  protected async commit(step: WaterfallStepContext<AppointmentState>, state: AppointmentState, offer: Offer): Promise<DialogTurnResult> {
    const result = await this.bookOrMove(state.movePersonId ?? (await this.services.people.personIdFor(step.context)), state, new Date(offer.startsAt));
    switch (result.kind) {
      case 'booked':
        if (isAnonymousChannel(step.context)) await OwnershipAccess.grant(step.context, 'bookings', result.booking.id);
        await this.sendConfirmation(step.context, result.booking, state);
        return step.endDialog({ booked: result.booking.id });
      case 'not_found':
        await step.context.sendActivity(this.text(step.context, 'booking.manage.notFound'));
        return step.endDialog();
      case 'taken':
        if (result.nextFree.length === 0) {
          await step.context.sendActivity(this.text(step.context, 'booking.homeVisit.taken'));
          await step.context.sendActivity(this.text(step.context, 'booking.noFreeDays'));
          return step.endDialog();
        }
        return this.chooseTime(step, { ...state, offers: result.nextFree.map(visitOffer), notice: 'booking.homeVisit.taken' });
      case 'overlap': {
        const existing = result.existing && (await OwnershipAccess.mayShow(step.context, 'bookings', result.existing.id)) ? result.existing : undefined;
        await step.context.sendActivity(
          existing ? this.text(step.context, 'booking.homeVisit.overlap', this.when(step.context, existing)) : this.text(step.context, 'booking.overlapUnknown'),
        );
        return step.endDialog();
      }
      case 'not_served':
        await step.context.sendActivity(this.text(step.context, 'booking.homeVisit.notServed', { postcode: state.postcode ?? '' }));
        return step.endDialog();
    }
  }

  private bookOrMove(personId: string, state: AppointmentState, startsAt: Date): Promise<HomeVisitMoveResult> {
    const { bookings } = this.services.booking;
    if (state.moveBookingId) return bookings.moveHomeVisit(personId, state.moveBookingId, startsAt, this.services.clock());
    const topic = WhatToBring.isTopic(state.topic) ? state.topic : null;
    return bookings.bookHomeVisit({ personId, postcode: state.postcode as string, startsAt, topic, notes: visitNotes(state.reason, state.address) }, this.services.clock());
  }

  private async sendConfirmation(context: TurnContext, booking: BookingView, state: AppointmentState): Promise<void> {
    const { date, time } = this.when(context, booking);
    const reference = ReferenceCode.format(booking.reference);
    const address = state.address ?? '';
    const postcode = booking.postcode ?? state.postcode ?? '';
    const confirmed = state.moveBookingId
      ? this.text(context, 'booking.homeVisit.moved', { reference, date, time })
      : this.text(context, 'booking.homeVisit.confirmed', { reference, date, time, address, postcode });
    const items = WhatToBring.itemsFor(booking.topic, 'home_visit').map((item) => `- ${this.text(context, `booking.items.${item}`)}`);
    const ready = this.text(context, 'booking.bringHome', { items: items.join('\n') });
    const reply = MessageFactory.text(`${confirmed}\n\n${ready}`);
    if (isWebChat(context.activity.channelId)) {
      const ics = BookingService.calendarFile(
        booking,
        { summary: this.text(context, 'booking.ics.summaryHome'), description: `${this.text(context, 'booking.ics.description', { reference })}\n${ready}`, location: address ? `${address}, ${postcode}` : postcode },
        this.services.clock(),
      );
      reply.attachments = [icsAttachment(ics)];
    }
    await context.sendActivity(reply);
  }

  private titles(context: TurnContext, ids: readonly string[]): string[] {
    return ids.map((id) => this.text(context, `booking.homeVisit.choices.${id}`));
  }

  private prompt(step: WaterfallStepContext, id: string, text: string, titles: string[]): Promise<DialogTurnResult> {
    const retry = `${this.text(step.context, 'booking.notUnderstood')}\n${text}`;
    return step.prompt(id, { prompt: choicesActivity(text, titles) as Activity, retryPrompt: choicesActivity(retry, titles) as Activity, validations: titles });
  }

  /** A reason from the list, or told in a sentence of the person's own (not a tap of another question). */
  private async validateReason(prompt: PromptValidatorContext<string>): Promise<boolean> {
    if (await this.validateTitles(prompt)) return true;
    return !isTap(prompt.context.activity) && wordCount(prompt.recognized.value) >= MIN_SENTENCE_WORDS;
  }

  private async validateTitles(prompt: PromptValidatorContext<string>): Promise<boolean> {
    if (prompt.attemptCount >= MAX_ATTEMPTS || this.choiceOf(prompt.context, prompt.options.validations as string[]) !== undefined) return true;
    return isTap(prompt.context.activity) ? this.staleTap(prompt.context) : false;
  }
}

