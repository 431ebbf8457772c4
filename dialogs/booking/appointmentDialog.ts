import { Activity, TurnContext } from 'botbuilder';
import { DialogContext, DialogTurnResult, PromptValidatorContext, TextPrompt, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { BrusselsTime, LocalDate, LocalTime } from '../../i18n/brusselsTime';
import { DateParser } from '../../i18n/dateParser';
import { BookingDialogOptions } from '../dialogIds';
import { DialogServices } from '../dialogServices';
import { InterruptibleDialog } from '../interruptibleDialog';
import { choicesActivity, isTap, stepValues } from '../prompts';
import { dateAndTime, distinct, title, typedTime } from './appointmentText';
import { typedChoice } from '../answers';
import { clockTime, longDate, shortDate } from '../../i18n/dateText';

/** A time that can be booked: a helpdesk slot (with its id) or a home-visit start. JSON-safe. */
export interface Offer {
  /** ISO instant of the start. */
  readonly startsAt: string;
  readonly date: LocalDate;
  readonly time: LocalTime;
  /** The helpdesk slot; absent for a home visit. */
  readonly slotId?: string;
}

/** What the appointment dialogs carry from step to step (dialog options; JSON-safe). */
export interface AppointmentState extends BookingDialogOptions {
  readonly topic?: string;
  /** Helpdesk: the chosen location. */
  readonly locationId?: string;
  /** Home visit: the postcode served. */
  readonly postcode?: string;
  /** Home visit: why the person cannot come (`booking.homeVisit.reasons.<id>`). */
  readonly reason?: string;
  /** Home visit: the address, asked last. */
  readonly address?: string;
  /** Moving this booking (manage booking) instead of making a new one. */
  readonly moveBookingId?: string;
  /** Web chat: whose booking is moved (proved with its code; the turn's visitor is someone else). */
  readonly movePersonId?: string;
  /** Times to choose from at once (after "full": the next free ones), without the day question. */
  readonly offers?: readonly Offer[];
  /** Said before the times are offered (e.g. `booking.full`). */
  readonly notice?: string;
  /** A day typed at the time question ("vrijdag", "le 12"): its times are offered without the day question. */
  readonly day?: LocalDate;
}

/** Services the appointment dialogs need; absent ports mean booking is not possible here. */
export type AppointmentServices = DialogServices;

/** Days offered as choices. */
export const DAYS_OFFERED = 5;
/** Times offered as choices (plus "other day": WhatsApp lists hold ten rows). */
export const TIMES_OFFERED = 8;
/** Unclear answers to one question before the dialog gives up and points to a person. */
export const MAX_ATTEMPTS = 3;

const TIMES_WATERFALL = 'APPOINTMENT_TIMES';
const DAY_PROMPT = 'APPOINTMENT_DAY_PROMPT';
const TIME_PROMPT = 'APPOINTMENT_TIME_PROMPT';
const CONFIRM_PROMPT = 'APPOINTMENT_CONFIRM_PROMPT';
/** Subclasses' free-text prompt (postcode, address, …): accepts any text. */
export const TEXT_PROMPT = 'APPOINTMENT_TEXT_PROMPT';

/** What the day and time steps keep between steps (`step.values`). */
interface TimesValues {
  days?: LocalDate[];
  dayTitles?: string[];
  offers?: Offer[];
  timeTitles?: string[];
  offer?: Offer;
  state?: AppointmentState;
}

interface ChoiceValidation {
  readonly titles: readonly string[];
  /** Typed dates count as an answer (the day question). */
  readonly dates?: boolean;
  /** Typed clock times of these offers count as an answer (the time question). */
  readonly times?: readonly LocalTime[];
  /** Yes / no words in any language count as the first / second choice (the confirmation). */
  readonly yesNo?: boolean;
}

/**
 * The steps every appointment shares — choose a day (offered days, or a typed date in any
 * language), choose a free time (the next free ones when that day is full), an extra question of
 * the subclass (the home-visit address), confirm with a summary, then book — over a source of free
 * times the subclass provides. Helpdesk booking, home visits and moving a booking build on it.
 */
export abstract class AppointmentDialog extends InterruptibleDialog {
  protected constructor(dialogId: string, services: AppointmentServices) {
    super(dialogId, services);
    this.addDialog(new TextPrompt(DAY_PROMPT, (prompt) => this.validateChoice(prompt)))
      .addDialog(new TextPrompt(TIME_PROMPT, (prompt) => this.validateChoice(prompt)))
      .addDialog(new TextPrompt(CONFIRM_PROMPT, (prompt) => this.validateChoice(prompt)))
      .addDialog(new TextPrompt(TEXT_PROMPT, async (prompt) => this.typedText(prompt)))
      .addDialog(
        new WaterfallDialog<AppointmentState>(TIMES_WATERFALL, [
          this.dayStep.bind(this),
          this.timeStep.bind(this),
          this.extraStep.bind(this),
          this.confirmStep.bind(this),
          this.commitStep.bind(this),
        ]),
      );
  }

  /** The days with a free time, soonest first. */
  protected abstract freeDays(state: AppointmentState, now: Date): Promise<LocalDate[]>;
  /** The free times of one day. */
  protected abstract freeOn(state: AppointmentState, date: LocalDate, now: Date): Promise<Offer[]>;
  /** The summary to confirm. */
  protected abstract summary(context: TurnContext, state: AppointmentState, offer: Offer): Promise<string>;
  /** Books (or moves); ends the dialog or offers other times. */
  protected abstract commit(step: WaterfallStepContext<AppointmentState>, state: AppointmentState, offer: Offer): Promise<DialogTurnResult>;

  /** True when nothing is held at all on that day (closed), rather than all taken (full). */
  protected async closedOn(state: AppointmentState, date: LocalDate): Promise<boolean> {
    return !!state.locationId && !(await this.services.booking.slots.isOpenOn(state.locationId, date));
  }

  /** An extra question before the summary (the answer comes back as `step.result`); default none. */
  protected async askExtra(step: WaterfallStepContext<AppointmentState>): Promise<DialogTurnResult> {
    return step.next();
  }

  /** The state once the extra question is answered. */
  protected withExtra(state: AppointmentState, _answer: unknown): AppointmentState {
    return state;
  }

  /** Starts the day and time steps. */
  protected chooseTime(step: WaterfallStepContext, state: AppointmentState): Promise<DialogTurnResult> {
    return step.replaceDialog(TIMES_WATERFALL, state);
  }

  /** A prompt with choices as suggested actions (and the same choices on the retry). */
  protected choicePrompt(step: WaterfallStepContext, promptId: string, text: string, titles: readonly string[], validation: Omit<ChoiceValidation, 'titles'> = {}): Promise<DialogTurnResult> {
    const retry = `${this.text(step.context, 'booking.notUnderstood')}\n${text}`;
    return step.prompt(promptId, {
      prompt: choicesActivity(text, titles) as Activity,
      retryPrompt: choicesActivity(retry, titles) as Activity,
      validations: { ...validation, titles } satisfies ChoiceValidation,
    });
  }

  /** Yes / Other time: the confirmation titles. */
  protected confirmTitles(context: TurnContext): string[] {
    return [this.text(context, 'booking.choices.yes'), this.text(context, 'booking.choices.otherTime')];
  }

  /** After too many unclear answers: the offer of a person, never a silent drop. */
  protected giveUp(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return this.offerPerson(step, 'booking.stuck');
  }

  /**
   * "Terug" / "retour" / "back": the previous question. The time → the day; the address or the
   * summary → the times of that day; the day → the question before the times ({@link backFromDay}).
   */
  protected override async onBack(innerDc: DialogContext): Promise<DialogTurnResult> {
    const steps = innerDc.stack[0];
    if (steps?.id !== TIMES_WATERFALL) return super.onBack(innerDc);
    const { options, values, stepIndex } = steps.state as { options: AppointmentState; values: TimesValues; stepIndex: number };
    const fresh: AppointmentState = { ...options, offers: undefined, notice: undefined, day: undefined };
    if (stepIndex === 0) return this.backFromDay(innerDc, fresh);
    if (stepIndex === 1 || !values.offers?.length) return innerDc.replaceDialog(TIMES_WATERFALL, fresh);
    return innerDc.replaceDialog(TIMES_WATERFALL, { ...fresh, offers: values.offers });
  }

  /** "Back" at the day question: by default the appointment is left (the question before it comes back). */
  protected backFromDay(innerDc: DialogContext, _state: AppointmentState): Promise<DialogTurnResult> {
    return super.onBack(innerDc);
  }

  /** "dinsdag 24 november" and "10:30" of an offer in the person's language. */
  protected when(context: TurnContext, offer: { date: LocalDate; startsAt: string | Date }): { date: string; time: string } {
    return dateAndTime(this.services.languages.current(context), offer);
  }

  private async dayStep(step: WaterfallStepContext<AppointmentState>): Promise<DialogTurnResult> {
    const v = stepValues<TimesValues>(step);
    const state = step.options;
    if (state.notice) await step.context.sendActivity(this.text(step.context, state.notice));
    if (state.offers?.length) return step.next({ offers: state.offers });
    if (state.day) return step.next(state.day);
    const days = (await this.freeDays(state, this.services.clock())).slice(0, DAYS_OFFERED);
    if (days.length === 0) {
      await step.context.sendActivity(this.text(step.context, 'booking.noFreeDays'));
      return step.endDialog();
    }
    v.days = days;
    const language = this.services.languages.current(step.context);
    const titles = distinct(days.map((day) => title(shortDate(language, day))));
    v.dayTitles = titles;
    return this.choicePrompt(step, DAY_PROMPT, this.text(step.context, 'booking.askDay'), titles, { dates: true });
  }

  private async timeStep(step: WaterfallStepContext<AppointmentState>): Promise<DialogTurnResult> {
    const v = stepValues<TimesValues>(step);
    const state = step.options;
    const preset = (step.result as { offers?: Offer[] } | undefined)?.offers;
    let offers: Offer[];
    let date: LocalDate | undefined;
    if (preset) {
      offers = [...preset];
    } else {
      const days = v.days ?? [];
      const index = typedChoice(step.result, v.dayTitles ?? []);
      date = index !== undefined ? days[index] : (state.day ?? this.typedDay(step.result));
      if (!date) return this.giveUp(step);
      offers = await this.freeOn(state, date, this.services.clock());
      if (offers.length === 0) {
        const key = (await this.closedOn(state, date)) ? 'booking.dayClosed' : 'booking.dayFull';
        await step.context.sendActivity(this.text(step.context, key, { date: longDate(this.services.languages.current(step.context), date) }));
        offers = await this.nextFreeAfter(state, date);
        date = undefined;
        if (offers.length === 0) {
          await step.context.sendActivity(this.text(step.context, 'booking.noFreeDays'));
          return step.endDialog();
        }
      }
    }
    offers = offers.slice(0, TIMES_OFFERED);
    v.offers = offers;
    const language = this.services.languages.current(step.context);
    const oneDay = offers.every((offer) => offer.date === offers[0].date);
    const titles = distinct([
      ...offers.map((offer) => title(oneDay ? clockTime(language, new Date(offer.startsAt)) : `${shortDate(language, offer.date)} ${clockTime(language, new Date(offer.startsAt))}`)),
      this.text(step.context, 'booking.choices.otherDay'),
    ]);
    v.timeTitles = titles;
    const text = oneDay
      ? this.text(step.context, 'booking.askTime', { date: longDate(language, offers[0].date) })
      : this.text(step.context, 'booking.askNextTimes');
    return this.choicePrompt(step, TIME_PROMPT, text, titles, { times: oneDay ? offers.map((offer) => offer.time) : [], dates: true });
  }

  private async extraStep(step: WaterfallStepContext<AppointmentState>): Promise<DialogTurnResult> {
    const v = stepValues<TimesValues>(step);
    const offers = v.offers ?? [];
    const titles = v.timeTitles ?? [];
    const index = typedChoice(step.result, titles);
    if (index === titles.length - 1) return step.replaceDialog(TIMES_WATERFALL, { ...step.options, offers: undefined, notice: undefined, day: undefined });
    const typed = typedTime(step.result);
    const offer = index !== undefined ? offers[index] : offers.find((candidate) => candidate.time === typed);
    const day = offer ? undefined : this.typedDay(step.result);
    if (day) return step.replaceDialog(TIMES_WATERFALL, { ...step.options, offers: undefined, notice: undefined, day });
    if (!offer) return this.giveUp(step);
    v.offer = offer;
    return this.askExtra(step);
  }

  private async confirmStep(step: WaterfallStepContext<AppointmentState>): Promise<DialogTurnResult> {
    const v = stepValues<TimesValues>(step);
    const state = this.withExtra(step.options, step.result);
    v.state = state;
    const summary = await this.summary(step.context, state, v.offer as Offer);
    return this.choicePrompt(step, CONFIRM_PROMPT, summary, this.confirmTitles(step.context), { yesNo: true });
  }

  private async commitStep(step: WaterfallStepContext<AppointmentState>): Promise<DialogTurnResult> {
    const v = stepValues<TimesValues>(step);
    const state = v.state ?? step.options;
    const index = this.choiceOf(step.context, this.confirmTitles(step.context), { yesNo: true });
    if (index === undefined) return this.giveUp(step);
    if (index === 1) return step.replaceDialog(TIMES_WATERFALL, { ...state, offers: undefined, notice: undefined, day: undefined });
    return this.commit(step, state, v.offer as Offer);
  }

  /** The next free times after a day with nothing free (a few, over the following days). */
  private async nextFreeAfter(state: AppointmentState, date: LocalDate): Promise<Offer[]> {
    const now = this.services.clock();
    const offers: Offer[] = [];
    for (const day of await this.freeDays(state, now)) {
      if (day <= date) continue;
      offers.push(...(await this.freeOn(state, day, now)));
      if (offers.length >= 4) break;
    }
    return offers.slice(0, 4);
  }

  /** A typed day from today on, or undefined. */
  private typedDay(text: unknown): LocalDate | undefined {
    const now = this.services.clock();
    const date = typeof text === 'string' ? DateParser.parse(text, now) : undefined;
    return date && date >= BrusselsTime.localDate(now) ? date : undefined;
  }

  private async validateChoice(prompt: PromptValidatorContext<string>): Promise<boolean> {
    if (prompt.attemptCount >= MAX_ATTEMPTS) return true;
    if (!prompt.recognized.succeeded) return false;
    const text = prompt.recognized.value;
    const validation = prompt.options.validations as ChoiceValidation;
    if (this.choiceOf(prompt.context, validation.titles, { yesNo: validation.yesNo }) !== undefined) return true;
    if (isTap(prompt.context.activity)) return this.staleTap(prompt.context);
    if (validation.dates && this.typedDay(text)) return true;
    const time = typedTime(text);
    return !!time && !!validation.times?.includes(time);
  }
}
