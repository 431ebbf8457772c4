import { Activity, MessageFactory, TurnContext } from 'botbuilder';
import { DialogTurnResult, PromptValidatorContext, TextPrompt, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { BookingService, BookingView } from '../../services/booking/bookingService';
import type { LocationView } from '../../services/booking/locationService';
import { PlaceNames } from '../../services/booking/placeNames';
import { ReferenceCode } from '../../services/booking/referenceCode';
import { DialogServices } from '../dialogServices';
import { InterruptibleDialog } from '../interruptibleDialog';
import { choicesActivity, stepValues, wordsInAllLanguages } from '../prompts';
import { AppointmentState, MAX_ATTEMPTS } from './appointmentDialog';
import { dateAndTime, distinct, icsAttachment, isWebChat, title } from './appointmentText';
import { typedChoice } from '../answers';
import { clockTime, shortDate } from '../../i18n/dateText';
import { BookingOptions } from './bookingDialog';
import { BOOKING_DIALOG, HOME_VISIT_DIALOG, MANAGE_BOOKING_DIALOG } from './bookingIds';
import { isAnonymousChannel, OwnershipAccess } from '../ownershipAccess';
import { OWNERSHIP_PROOF_DIALOG } from '../dialogIds';
import type { OwnershipProofOptions, OwnershipProofResult } from '../ownershipProofDialog';

export { MANAGE_BOOKING_DIALOG };

/** What can be done with a booking: `booking.manage.choices.<action>`. */
export type ManageAction = 'cancel' | 'move' | 'keep';

/** Bookings listed (and offered as choices). */
export const BOOKINGS_LISTED = 5;

const MANAGE_WATERFALL = 'MANAGE_BOOKING_STEPS';
const CHOICE_PROMPT = 'MANAGE_BOOKING_CHOICE_PROMPT';

interface ManageValues {
  bookings?: BookingView[];
  /** Web chat: the owner of each listed booking (the person who made it, on whatever channel). */
  owners?: Record<string, string>;
  /** Web chat: the code and postcode or phone number are being asked. */
  proving?: boolean;
  titles?: string[];
  booking?: BookingView;
  actions?: ManageAction[];
}

/** Options of {@link ManageBookingDialog}: start at one booking (e.g. from a reminder). */
export interface ManageBookingOptions {
  readonly bookingId?: string;
  /**
   * What the person already chose for that booking (their answer to the reminder's "1. I'll come
   * 2. Cancel"): no further question is asked.
   */
  readonly answered?: 'cancel' | 'keep';
  /** Web chat: a code typed at the list that is not listed: prove it first. */
  readonly prove?: string;
}

/**
 * "My appointments": lists the person's upcoming bookings, then for the chosen one (by number or
 * by its reference code): cancel it (confirmed first; the place is free again at once) or move it
 * to another time (the day and time steps of the booking dialog, at the same place).
 *
 * On web chat the visitor is anonymous (`dialogs/ownershipAccess.ts`): only the appointments made
 * in this conversation, or proved in it with their code and the postcode or phone number
 * (`OwnershipProofDialog`), are listed; with none, the code is asked first.
 */
export class ManageBookingDialog extends InterruptibleDialog {
  constructor(services: DialogServices) {
    super(MANAGE_BOOKING_DIALOG, services);
    this.addDialog(new TextPrompt(CHOICE_PROMPT, (prompt) => this.validate(prompt))).addDialog(
      new WaterfallDialog<ManageBookingOptions>(MANAGE_WATERFALL, [
        this.listStep.bind(this),
        this.actionStep.bind(this),
        this.doStep.bind(this),
        this.cancelStep.bind(this),
      ]),
    );
    this.initialDialogId = MANAGE_WATERFALL;
  }

  private async listStep(step: WaterfallStepContext<ManageBookingOptions>): Promise<DialogTurnResult> {
    const v = stepValues<ManageValues>(step);
    const upcoming = (await this.upcoming(step.context, v)).slice(0, BOOKINGS_LISTED);
    v.bookings = upcoming;
    const preset = upcoming.find((booking) => booking.id === step.options.bookingId);
    if (preset) return step.next(preset);
    if (isAnonymousChannel(step.context) && (upcoming.length === 0 || step.options.prove)) {
      v.proving = true;
      return step.beginDialog(OWNERSHIP_PROOF_DIALOG, { kind: 'bookings', reference: step.options.prove } satisfies OwnershipProofOptions);
    }
    if (upcoming.length === 0) {
      await step.context.sendActivity(this.text(step.context, 'booking.manage.none'));
      return step.endDialog();
    }
    const lines = await Promise.all(upcoming.map(async (booking, i) => `${i + 1}. ${asSentence(await this.line(step.context, booking))}`));
    const list = this.text(step.context, 'booking.manage.list', { lines: lines.join('\n') });
    if (upcoming.length === 1) {
      await step.context.sendActivity(list);
      return step.next(upcoming[0]);
    }
    const language = this.services.languages.current(step.context);
    v.titles = distinct(upcoming.map((booking) => title(`${shortDate(language, booking.date)} ${clockTime(language, new Date(booking.startsAt))}`)));
    return this.prompt(step, `${list}\n${this.text(step.context, 'booking.manage.chooseBooking')}`, v.titles, true);
  }

  /**
   * The bookings this turn may show: on WhatsApp and SMS the person's (their number is who they
   * are); on web chat those made or proved in this conversation, whoever made them.
   */
  private async upcoming(context: TurnContext, v: ManageValues): Promise<BookingView[]> {
    const { booking: port, people } = this.services;
    const now = this.services.clock();
    if (!isAnonymousChannel(context)) return port.bookings.upcoming(await people.personIdFor(context), now);
    const granted = await port.bookings.upcomingByIds(await OwnershipAccess.granted(context, 'bookings'), now);
    v.owners = Object.fromEntries(granted.map((booking) => [booking.id, booking.personId]));
    return granted.map(({ personId: _owner, ...booking }) => booking);
  }

  /** Whose booking it is: on web chat its maker (proved), else the person of the turn. */
  private async owner(context: TurnContext, v: ManageValues, bookingId: string): Promise<string> {
    return v.owners?.[bookingId] ?? (await this.services.people.personIdFor(context));
  }

  private async actionStep(step: WaterfallStepContext<ManageBookingOptions>): Promise<DialogTurnResult> {
    const v = stepValues<ManageValues>(step);
    if (v.proving) return this.proved(step, v);
    return this.actOn(step, v, await this.chosen(step, v));
  }

  /** The booking is chosen (or not): what to do with it? */
  private async actOn(step: WaterfallStepContext<ManageBookingOptions>, v: ManageValues, booking: BookingView | undefined): Promise<DialogTurnResult> {
    const typed = typeof step.result === 'string' ? ReferenceCode.normalize(step.result) : undefined;
    if (!booking && typed && isAnonymousChannel(step.context)) return step.replaceDialog(this.id, { prove: typed } satisfies ManageBookingOptions);
    if (!booking) return this.notFound(step);
    v.booking = booking;
    if (step.options.answered) return this.answered(step, v, step.options.answered);
    const actions: ManageAction[] = ['cancel', 'move', 'keep'];
    v.actions = actions;
    v.titles = actions.map((action) => this.text(step.context, `booking.manage.choices.${action}`));
    const synonyms = actions.map((action) => [...wordsInAllLanguages(this.services.i18n, `booking.manage.synonyms.${action}`)]);
    return this.prompt(step, asSentence(this.text(step.context, 'booking.manage.whatToDo', this.when(step.context, booking))), v.titles, false, synonyms);
  }

  /** After the code and postcode: the proved booking goes on as if chosen; else the proof said why. */
  private async proved(step: WaterfallStepContext<ManageBookingOptions>, v: ManageValues): Promise<DialogTurnResult> {
    v.proving = false;
    const result = step.result as OwnershipProofResult | undefined;
    if (!result?.id) return step.endDialog();
    const booking = (await this.upcoming(step.context, v)).find((candidate) => candidate.id === result.id);
    if (!booking) return this.notFound(step);
    await step.context.sendActivity(this.text(step.context, 'booking.manage.list', { lines: asSentence(await this.line(step.context, booking)) }));
    return this.actOn(step, v, booking);
  }

  private async doStep(step: WaterfallStepContext<ManageBookingOptions>): Promise<DialogTurnResult> {
    const v = stepValues<ManageValues>(step);
    const booking = v.booking as BookingView;
    const index = this.choiceOf(step.context, v.titles ?? [], { synonyms: v.actions?.map((action) => [...wordsInAllLanguages(this.services.i18n, `booking.manage.synonyms.${action}`)]) });
    const action = index === undefined ? undefined : v.actions?.[index];
    if (action === 'move' && booking.kind === 'home_visit') {
      return step.replaceDialog(HOME_VISIT_DIALOG, {
        topic: booking.topic ?? undefined,
        postcode: booking.postcode ?? undefined,
        moveBookingId: booking.id,
        movePersonId: v.owners?.[booking.id],
      } satisfies AppointmentState);
    }
    if (action === 'move') {
      return step.replaceDialog(BOOKING_DIALOG, {
        topic: booking.topic ?? undefined,
        locationId: booking.locationId ?? undefined,
        moveBookingId: booking.id,
        movePersonId: v.owners?.[booking.id],
      } satisfies BookingOptions);
    }
    if (action === 'cancel') {
      v.titles = [this.text(step.context, 'booking.manage.choices.yes'), this.text(step.context, 'booking.manage.choices.no')];
      return this.prompt(step, this.text(step.context, 'booking.manage.confirmCancel', this.when(step.context, booking)), v.titles);
    }
    await step.context.sendActivity(this.text(step.context, 'booking.manage.kept'));
    return step.endDialog();
  }

  private async cancelStep(step: WaterfallStepContext<ManageBookingOptions>, answer: unknown = step.result): Promise<DialogTurnResult> {
    const v = stepValues<ManageValues>(step);
    const booking = v.booking as BookingView;
    if (typedChoice(answer, v.titles ?? []) !== 0) {
      await step.context.sendActivity(this.text(step.context, 'booking.manage.kept'));
      return step.endDialog();
    }
    const personId = await this.owner(step.context, v, booking.id);
    const result = await this.services.booking.bookings.cancel(personId, booking.id, this.services.clock());
    switch (result.kind) {
      case 'cancelled': {
        const reply = MessageFactory.text(this.text(step.context, 'booking.manage.cancelled', this.when(step.context, result.booking)));
        if (isWebChat(step.context.activity.channelId)) {
          // The same UID with STATUS:CANCELLED removes the event from the person's calendar.
          const summary = await this.calendarSummary(step.context, result.booking);
          const ics = BookingService.calendarFile(result.booking, { summary }, this.services.clock());
          reply.attachments = [icsAttachment(ics)];
        }
        await step.context.sendActivity(reply);
        return step.endDialog({ cancelled: result.booking.id });
      }
      case 'past':
        await step.context.sendActivity(this.text(step.context, 'booking.manage.past'));
        return step.endDialog();
      default:
        return this.notFound(step);
    }
  }

  /** The reminder was answered: keep → said so; cancel → cancelled at once (the reminder asked). */
  private async answered(step: WaterfallStepContext<ManageBookingOptions>, v: ManageValues, answer: 'cancel' | 'keep'): Promise<DialogTurnResult> {
    if (answer === 'keep') {
      await step.context.sendActivity(this.text(step.context, 'booking.manage.kept'));
      return step.endDialog();
    }
    v.titles = [this.text(step.context, 'booking.manage.choices.yes')];
    return this.cancelStep(step, v.titles[0]);
  }

  /** The booking chosen: passed on, by number or title, or by its reference code. */
  private async chosen(step: WaterfallStepContext<ManageBookingOptions>, v: ManageValues): Promise<BookingView | undefined> {
    if (step.result && typeof step.result === 'object') return step.result as BookingView;
    const bookings = v.bookings ?? [];
    const index = typedChoice(step.result, v.titles ?? []);
    if (index !== undefined) return bookings[index];
    const reference = typeof step.result === 'string' ? ReferenceCode.normalize(step.result) : undefined;
    return reference ? bookings.find((booking) => booking.reference === reference) : undefined;
  }

  private async notFound(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await step.context.sendActivity(this.text(step.context, 'booking.manage.notFound'));
    return step.endDialog();
  }

  private async line(context: TurnContext, booking: BookingView): Promise<string> {
    const reference = ReferenceCode.format(booking.reference);
    if (booking.kind === 'home_visit') return this.text(context, 'booking.manage.lineHome', { ...this.when(context, booking), reference });
    const location = booking.locationId ? await this.services.booking.locations.get(booking.locationId) : undefined;
    return this.text(context, 'booking.manage.lineHelpdesk', { ...this.when(context, booking), place: this.placeName(context, location), reference });
  }

  /** A location's name in the person's language ("Digibank Bruxelles - centrum"). */
  private placeName(context: TurnContext, location: LocationView | undefined): string {
    return location ? PlaceNames.localized(location, this.services.languages.current(context)).name : '';
  }

  private async calendarSummary(context: TurnContext, booking: BookingView): Promise<string> {
    if (booking.kind === 'home_visit') return this.text(context, 'booking.ics.summaryHome');
    const location = booking.locationId ? await this.services.booking.locations.get(booking.locationId) : undefined;
    return this.text(context, 'booking.ics.summary', { place: this.placeName(context, location) });
  }

  /** Date and time of a booking in the person's language (kept in dialog state, its dates are strings there). */
  private when(context: TurnContext, booking: Pick<BookingView, 'date' | 'startsAt'>): { date: string; time: string } {
    return dateAndTime(this.services.languages.current(context), booking);
  }

  private prompt(step: WaterfallStepContext, text: string, titles: string[], references = false, synonyms?: string[][]): Promise<DialogTurnResult> {
    const retry = `${this.text(step.context, 'booking.notUnderstood')}\n${text}`;
    return step.prompt(CHOICE_PROMPT, {
      prompt: choicesActivity(text, titles) as Activity,
      retryPrompt: choicesActivity(retry, titles) as Activity,
      validations: { titles, references, synonyms },
    });
  }

  private async validate(prompt: PromptValidatorContext<string>): Promise<boolean> {
    if (prompt.attemptCount >= MAX_ATTEMPTS) return true;
    const { titles, references, synonyms } = prompt.options.validations as { titles: string[]; references: boolean; synonyms?: string[][] };
    if (this.choiceOf(prompt.context, titles, { synonyms }) !== undefined) return true;
    return references && !!ReferenceCode.normalize(prompt.recognized.value ?? '');
  }
}

/**
 * A composed line as a sentence: a capital first letter whatever the placeholder put there
 * ("maandag 7 december om 09:00: wat wil je doen?" → "Maandag 7 december om 09:00: …").
 */
export function asSentence(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}
