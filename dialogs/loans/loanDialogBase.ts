import { Activity, MessageFactory, TurnContext } from 'botbuilder';
import { DialogTurnResult, PromptValidatorContext, TextPrompt, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import type { LocationMatch, LocationView } from '../../services/booking/locationService';
import { ReferenceCode } from '../../services/booking/referenceCode';
import { LENDING_SERVICE } from '../../services/loans/deviceKinds';
import { LoanService, LoanView } from '../../services/loans/loanService';
import { distinct, placeLine, sharedLocation, title, typedPostcode } from '../booking/appointmentText';
import { typedChoice } from '../answers';
import { DialogServices } from '../dialogServices';
import { InterruptibleDialog } from '../interruptibleDialog';
import { choicesActivity, isTap, normalizeUtterance, stepValues, wordsInAllLanguages } from '../prompts';

/** Unclear answers to one question before the dialog points to a person. */
export const MAX_ATTEMPTS = 3;
/** Places offered. */
export const PLACES_OFFERED = 3;

/** What the place steps carry (dialog options; JSON-safe). */
export interface PlaceState {
  /** Searched at once instead of asking (a town typed at the place choice). */
  readonly query?: string;
}

/** The locale keys of the place question of a dialog. */
export interface PlaceKeys {
  readonly ask: string;
  readonly found: string;
}

interface PlaceValues {
  locationIds?: string[];
  titles?: string[];
}

const CHOICE_PROMPT = 'LOAN_CHOICE_PROMPT';
const PLACE_PROMPT = 'LOAN_PLACE_PROMPT';
const PLACE_WATERFALL = 'LOAN_PLACE';

/**
 * What the loan dialogs share: numbered choice questions (a number or a title; after
 * {@link MAX_ATTEMPTS} unclear answers, where to find a person), the place question (postcode,
 * municipality with typos or a WhatsApp location → the nearest lending digibanks, through the
 * booking's location service) and each request's status in plain words.
 */
export abstract class LoanDialogBase<T extends PlaceState> extends InterruptibleDialog {
  protected constructor(dialogId: string, services: DialogServices) {
    super(dialogId, services);
    this.addDialog(new TextPrompt(CHOICE_PROMPT, (prompt) => this.validateChoice(prompt)))
      .addDialog(new TextPrompt(PLACE_PROMPT, (prompt) => this.validatePlace(prompt)))
      .addDialog(new WaterfallDialog<T>(PLACE_WATERFALL, [this.askPlaceStep.bind(this), this.offerPlacesStep.bind(this), this.choosePlaceStep.bind(this)]));
  }

  /** The keys of this dialog's place question (dialogs that ask one). */
  protected readonly placeKeys: PlaceKeys = { ask: 'loan.askPlace', found: 'loan.placesFound' };

  /** Goes on once the person chose a place (dialogs that ask one override it). */
  protected async placeChosen(step: WaterfallStepContext<T>, _location: LocationView): Promise<DialogTurnResult> {
    return step.endDialog();
  }

  /** Asks a numbered choice question; the answer comes back as the step result (text). */
  protected ask(step: WaterfallStepContext, text: string, titles: readonly string[]): Promise<DialogTurnResult> {
    const retry = `${this.text(step.context, 'loan.notUnderstood')}\n${text}`;
    return step.prompt(CHOICE_PROMPT, { prompt: choicesActivity(text, titles) as Activity, retryPrompt: choicesActivity(retry, titles) as Activity, validations: titles });
  }

  /** The chosen index of an answer to {@link ask}, or undefined. */
  protected chosen(step: WaterfallStepContext, titles: readonly string[]): number | undefined {
    return typedChoice(step.result, titles);
  }

  /** After too many unclear answers: the offer of a person, never a silent drop. */
  protected giveUp(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return this.offerPerson(step, 'loan.stuck');
  }

  /** Starts the place question. */
  protected choosePlace(step: WaterfallStepContext, state: T): Promise<DialogTurnResult> {
    return step.replaceDialog(PLACE_WATERFALL, state);
  }

  /** True when the message holds one of the words of a locale list (`loan.words.<kind>`) in any language. */
  protected mentions(text: unknown, listKey: string): boolean {
    const typed = ` ${normalizeUtterance(text)} `;
    return wordsInAllLanguages(this.services.i18n, listKey).some((word) => typed.includes(` ${normalizeUtterance(word)} `));
  }

  /** One request in plain words: `loan.status.<status>` with what that status needs. */
  protected async describe(context: TurnContext, loan: LoanView): Promise<string> {
    const language = this.services.languages.current(context);
    const { loans, formats } = this.services.loans;
    const place = LoanService.place(loan);
    const vars: Record<string, string | number> = {
      reference: ReferenceCode.format(loan.reference),
      kind: this.text(context, `loan.kinds.${loan.deviceKind}`),
      reason: loan.statusReason ?? '',
      place: place?.name ?? loan.digibank.name,
      address: place ? `${place.address}, ${place.postcode} ${place.municipality}` : '',
      hours: place ? formats.openingHours(language, place.openingPeriods) : '',
      date: loan.dueAt ? formats.date(language, loan.dueAt) : '',
    };
    if (loan.status === 'requested') vars.days = (await loans.decisionTime(loan.digibankId)).days;
    if (loan.status === 'approved') vars.position = (await loans.waitingList.position(loan.id)) ?? 1;
    return this.text(context, `loan.status.${loan.status}`, vars);
  }

  private async askPlaceStep(step: WaterfallStepContext<T>): Promise<DialogTurnResult> {
    if (step.options.query) return step.next(step.options.query);
    const text = this.text(step.context, this.placeKeys.ask);
    return step.prompt(PLACE_PROMPT, { prompt: MessageFactory.text(text), retryPrompt: MessageFactory.text(this.text(step.context, 'loan.placeRetry')) });
  }

  private async offerPlacesStep(step: WaterfallStepContext<T>): Promise<DialogTurnResult> {
    const matches = await this.findPlaces(step.context, typeof step.result === 'string' ? step.result : '');
    if (matches.length === 0) {
      await step.context.sendActivity(this.text(step.context, 'loan.placeNotFound'));
      return step.replaceDialog(PLACE_WATERFALL, { ...step.options, query: undefined });
    }
    const v = stepValues<PlaceValues>(step);
    v.locationIds = matches.map((match) => match.location.id);
    v.titles = distinct([...matches.map((match) => title(`${match.location.postcode} ${match.location.municipality}`)), this.text(step.context, 'loan.choices.otherPlace')]);
    const lines = matches.map((match, i) => `${i + 1}. ${placeLine(match.location)}${match.distanceKm !== undefined ? ` (${match.distanceKm} km)` : ''}`);
    const text = `${this.text(step.context, this.placeKeys.found)}\n${lines.join('\n')}\n${this.text(step.context, 'loan.choosePlace')}`;
    return step.prompt(PLACE_PROMPT, { prompt: choicesActivity(text, v.titles) as Activity, validations: v.titles });
  }

  private async choosePlaceStep(step: WaterfallStepContext<T>): Promise<DialogTurnResult> {
    const v = stepValues<PlaceValues>(step);
    const ids = v.locationIds ?? [];
    const index = typedChoice(step.result, v.titles ?? []);
    const location = index !== undefined && index < ids.length ? await this.services.loans.locations.get(ids[index]) : undefined;
    if (location) return this.placeChosen(step, location);
    // "Another place", or a new place typed instead of a number: search again.
    const typed = index === undefined && typeof step.result === 'string' ? step.result : undefined;
    return step.replaceDialog(PLACE_WATERFALL, { ...step.options, query: typed });
  }

  private findPlaces(context: TurnContext, typed: string): Promise<LocationMatch[]> {
    const { locations } = this.services.loans;
    const options = { service: LENDING_SERVICE, limit: PLACES_OFFERED } as const;
    const pin = sharedLocation(context.activity);
    if (pin) return locations.nearest(pin.latitude, pin.longitude, options);
    const postcode = typedPostcode(typed);
    return postcode ? locations.findByPostcode(postcode, options) : locations.findByMunicipality(typed, options);
  }

  private async validateChoice(prompt: PromptValidatorContext<string>): Promise<boolean> {
    if (prompt.attemptCount >= MAX_ATTEMPTS) return true;
    const titles = prompt.options.validations as string[];
    if (this.choiceOf(prompt.context, titles) !== undefined) return true;
    return isTap(prompt.context.activity) ? this.staleTap(prompt.context) : false;
  }

  /** A place typed or shared, or a tap of one of the places offered (a stale tap is said so). */
  private async validatePlace(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const offered = (prompt.options.validations as string[] | undefined) ?? [];
    if (isTap(prompt.context.activity) && this.choiceOf(prompt.context, offered) !== undefined) return true;
    return !!sharedLocation(prompt.context.activity) || this.typedText(prompt);
  }
}
