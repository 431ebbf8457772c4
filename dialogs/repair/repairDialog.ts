import { Activity, MessageFactory, TurnContext } from 'botbuilder';
import { DialogTurnResult, PromptValidatorContext, TextPrompt, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import type { LocationMatch, LocationServiceKind } from '../../services/booking/locationService';
import { PlaceNames } from '../../services/booking/placeNames';
import { ReferenceCode } from '../../services/booking/referenceCode';
import { REPAIR_DEVICE_KINDS, REPAIR_PROBLEMS, REPAIR_SERVICE, REPAIR_SINCE, RepairDeviceKind, RepairProblem, RepairSince } from '../../services/repair/repairKinds';
import type { FreeMoment, RepairView } from '../../services/repair/repairService';
import { LENDING_SERVICE } from '../../services/loans/deviceKinds';
import { BrusselsTime } from '../../i18n/brusselsTime';
import { clockTime, longDate, shortDate } from '../../i18n/dateText';
import { distinct, sharedLocation, title, typedPostcode } from '../booking/appointmentText';
import { DialogServices } from '../dialogServices';
import { InterruptibleDialog } from '../interruptibleDialog';
import { isAnonymousChannel, OwnershipAccess } from '../ownershipAccess';
import { choicesActivity, isTap, normalizeUtterance, stepValues, wordsInAllLanguages } from '../prompts';
import { REPAIR_DIALOG, REPAIR_STATUS_DIALOG, RepairDialogOptions } from './repairIds';
import { RepairLexicon } from './repairLexicon';
import { repairItems } from './repairText';

export { REPAIR_DIALOG };

/** Unclear answers to one question before the dialog offers a person. */
export const MAX_ATTEMPTS = 3;
/** Repair moments offered (with "other place": WhatsApp lists hold ten rows; SMS stays short). */
export const MOMENTS_OFFERED = 5;
/** Places searched around the person. */
const PLACES_SEARCHED = 3;
/** A shared location finds the places within this distance (km): farther is not "near". */
export const NEAR_KM = 30;

const QUESTIONS_WATERFALL = 'REPAIR_QUESTIONS';
const PLACE_WATERFALL = 'REPAIR_PLACE';
const MOMENTS_WATERFALL = 'REPAIR_MOMENTS';
const CHOICE_PROMPT = 'REPAIR_CHOICE_PROMPT';
const PLACE_PROMPT = 'REPAIR_PLACE_PROMPT';

/** The questions' choices, in order: `repair.choices.<id>`. */
const DEVICE_CHOICES = ['laptop', 'desktop', 'tablet', 'smartphone', 'printer', 'otherDevice'] as const;
const PROBLEM_CHOICES = ['wont_start', 'screen', 'slow', 'battery', 'keyboard_sound', 'otherProblem'] as const;
const SINCE_CHOICES = REPAIR_SINCE;
const LOANED_CHOICES = ['loanedYes', 'loanedNo'] as const;

/** What the person told so far, carried from waterfall to waterfall (JSON-safe). */
interface RepairState extends RepairDialogOptions {
  deviceKind?: RepairDeviceKind;
  problem?: RepairProblem;
  since?: RepairSince;
  loaned?: boolean;
  /** The place question: searched at once (a place typed at the moments), or asked again after a miss. */
  query?: string;
  notFound?: boolean;
  /** The moments step: where. */
  locationIds?: string[];
  placeName?: string;
}

/** What a choice question checks: its titles, and the words of the lexicon it also takes. */
interface ChoiceCheck {
  titles: string[];
  lexicon?: 'deviceKind' | 'problem';
  yesNo?: boolean;
}

interface MomentValues {
  momentIds?: string[];
  titles?: string[];
}

/**
 * "Mijn laptop start niet meer", "l'écran de ma tablette est cassé", "my phone fell in water": a
 * few questions, one at a time, with numbered choices — the device, what is wrong, since when, and
 * whether the digibank lent it — skipping what the first message already said
 * ({@link RepairLexicon}). A loaned device goes to the loans coordinator (recorded on the loan);
 * otherwise the repair moments of the repair cafés near the person (postcode, town, a WhatsApp
 * location), booked like a helpdesk slot, with a code, what to bring and honest words on what a
 * digibank can and cannot repair. No repair café near: said plainly, and a person is offered.
 * "Mijn herstelling" goes to {@link REPAIR_STATUS_DIALOG}.
 */
export class RepairDialog extends InterruptibleDialog {
  private lexiconCache?: RepairLexicon;

  constructor(services: DialogServices) {
    super(REPAIR_DIALOG, services);
    this.addDialog(new TextPrompt(CHOICE_PROMPT, (prompt) => this.validateChoice(prompt)))
      .addDialog(new TextPrompt(PLACE_PROMPT, (prompt) => this.validatePlace(prompt)))
      .addDialog(
        new WaterfallDialog<RepairState>(QUESTIONS_WATERFALL, [
          this.deviceStep.bind(this),
          this.problemStep.bind(this),
          this.sinceStep.bind(this),
          this.loanedStep.bind(this),
          this.routeStep.bind(this),
        ]),
      )
      .addDialog(new WaterfallDialog<RepairState>(PLACE_WATERFALL, [this.askPlaceStep.bind(this), this.findPlaceStep.bind(this)]))
      .addDialog(new WaterfallDialog<RepairState>(MOMENTS_WATERFALL, [this.momentsStep.bind(this), this.bookStep.bind(this)]));
    this.initialDialogId = QUESTIONS_WATERFALL;
  }

  /** True when the message asks about the person's own repairs ("mijn herstelling", "ma réparation"). */
  static asksForMine(services: DialogServices, text: unknown): boolean {
    const typed = ` ${normalizeUtterance(text)} `;
    return typed.trim() !== '' && wordsInAllLanguages(services.i18n, 'repair.words.mine').some((word) => typed.includes(` ${normalizeUtterance(word)} `));
  }

  private get lexicon(): RepairLexicon {
    this.lexiconCache ??= new RepairLexicon(this.services.i18n);
    return this.lexiconCache;
  }

  private async deviceStep(step: WaterfallStepContext<RepairState>): Promise<DialogTurnResult> {
    const { activity } = step.context;
    if (RepairDialog.asksForMine(this.services, activity.text)) return step.replaceDialog(REPAIR_STATUS_DIALOG);
    const words = step.options.asked ?? (isTap(activity) ? undefined : activity.text);
    const said = words ? this.lexicon.read(words) : {};
    const state = stepValues<RepairState>(step);
    Object.assign(state, step.options, { deviceKind: step.options.deviceKind ?? said.deviceKind, problem: step.options.problem ?? said.problem });
    if (state.deviceKind) return step.next();
    return this.askChoice(step, 'repair.askDevice', DEVICE_CHOICES, { lexicon: 'deviceKind' });
  }

  private async problemStep(step: WaterfallStepContext<RepairState>): Promise<DialogTurnResult> {
    const state = stepValues<RepairState>(step);
    if (!state.deviceKind) {
      const index = this.answered(step, DEVICE_CHOICES);
      const kind = index !== undefined ? REPAIR_DEVICE_KINDS[index] : this.lexicon.read(step.result).deviceKind;
      if (!kind) return this.offerPerson(step, 'repair.stuck');
      state.deviceKind = kind;
      state.problem ??= this.lexicon.read(step.result).problem;
    }
    if (state.problem) return step.next();
    return this.askChoice(step, 'repair.askProblem', PROBLEM_CHOICES, { lexicon: 'problem' });
  }

  private async sinceStep(step: WaterfallStepContext<RepairState>): Promise<DialogTurnResult> {
    const state = stepValues<RepairState>(step);
    if (!state.problem) {
      const index = this.answered(step, PROBLEM_CHOICES);
      const problem = index !== undefined ? REPAIR_PROBLEMS[index] : this.lexicon.read(step.result).problem;
      if (!problem) return this.offerPerson(step, 'repair.stuck');
      state.problem = problem;
    }
    return this.askChoice(step, 'repair.askSince', SINCE_CHOICES, {});
  }

  private async loanedStep(step: WaterfallStepContext<RepairState>): Promise<DialogTurnResult> {
    const index = this.answered(step, SINCE_CHOICES);
    if (index === undefined) return this.offerPerson(step, 'repair.stuck');
    stepValues<RepairState>(step).since = SINCE_CHOICES[index];
    return this.askChoice(step, 'repair.askLoaned', LOANED_CHOICES, { yesNo: true });
  }

  /** A loaned device: the coordinator of the loan on record, else of the digibank the person names; otherwise the repair cafés near. */
  private async routeStep(step: WaterfallStepContext<RepairState>): Promise<DialogTurnResult> {
    const index = this.answered(step, LOANED_CHOICES, true);
    if (index === undefined) return this.offerPerson(step, 'repair.stuck');
    const state = { ...stepValues<RepairState>(step), loaned: index === 0 };
    if (!state.loaned) return step.replaceDialog(PLACE_WATERFALL, state);
    const personId = await this.services.people.personIdFor(step.context);
    const loan = await this.services.repairs.repairs.loanOnLoan(personId, state.deviceKind);
    const locationId = loan ? (loan.locationId ?? (await this.services.booking.locations.ofDigibank(loan.digibankId))[0]?.id) : undefined;
    if (!loan || !locationId) {
      await step.context.sendActivity(this.text(step.context, 'repair.loaned.noLoanFound'));
      return step.replaceDialog(PLACE_WATERFALL, state);
    }
    return this.toCoordinator(step, state, locationId, loan.id);
  }

  private async toCoordinator(step: WaterfallStepContext, state: RepairState, locationId: string, loanId?: string): Promise<DialogTurnResult> {
    const personId = await this.services.people.personIdFor(step.context);
    const request = await this.services.repairs.repairs.reportLoaned(
      { personId, loanId, locationId, deviceKind: state.deviceKind as RepairDeviceKind, problem: state.problem as RepairProblem, since: state.since as RepairSince, language: this.services.languages.current(step.context) },
      this.services.clock(),
    );
    await this.grant(step.context, request);
    await step.context.sendActivity(this.text(step.context, 'repair.loaned.toCoordinator', { digibank: request.location.digibank.name, reference: ReferenceCode.format(request.reference) }));
    return step.endDialog({ repair: request.id });
  }

  private async askPlaceStep(step: WaterfallStepContext<RepairState>): Promise<DialogTurnResult> {
    const { query, notFound, loaned } = step.options;
    if (query) return step.next(query);
    const whatsapp = step.context.activity.channelId === 'whatsapp';
    const key = notFound ? 'repair.placeNotFound' : loaned ? 'repair.askLoanPlace' : whatsapp ? 'repair.askPlaceWhatsApp' : 'repair.askPlace';
    return step.prompt(PLACE_PROMPT, { prompt: MessageFactory.text(this.text(step.context, key)), retryPrompt: MessageFactory.text(this.text(step.context, 'repair.placeRetry')) });
  }

  private async findPlaceStep(step: WaterfallStepContext<RepairState>): Promise<DialogTurnResult> {
    const typed = typeof step.result === 'string' ? step.result : '';
    const state: RepairState = { ...step.options, query: undefined, notFound: undefined };
    if (step.options.loaned) {
      const lending = await this.findPlaces(step.context, typed, LENDING_SERVICE);
      if (lending.length === 0) return step.replaceDialog(PLACE_WATERFALL, { ...state, notFound: true });
      return this.toCoordinator(step, state, lending[0].location.id);
    }
    const matches = await this.findPlaces(step.context, typed, REPAIR_SERVICE);
    if (matches.length === 0) {
      if ((await this.findPlaces(step.context, typed)).length === 0 && !typedPostcode(typed)) return step.replaceDialog(PLACE_WATERFALL, { ...state, notFound: true });
      await step.context.sendActivity(this.text(step.context, 'repair.noneNear', { place: this.placeOf(step.context, typed) }));
      return this.offerPerson(step, 'repair.stuck');
    }
    const placeName = PlaceNames.localized(matches[0].location, this.services.languages.current(step.context)).municipality;
    return step.replaceDialog(MOMENTS_WATERFALL, { ...state, locationIds: matches.map((match) => match.location.id), placeName } satisfies RepairState);
  }

  private async momentsStep(step: WaterfallStepContext<RepairState>): Promise<DialogTurnResult> {
    const { locationIds = [], placeName = '' } = step.options;
    const moments = await this.services.repairs.repairs.freeMoments(locationIds, this.services.clock(), MOMENTS_OFFERED);
    if (moments.length === 0) {
      await step.context.sendActivity(this.text(step.context, 'repair.momentsFull', { place: placeName }));
      return this.offerPerson(step, 'repair.stuck');
    }
    const language = this.services.languages.current(step.context);
    const lines: string[] = [];
    for (const [i, moment] of moments.entries()) {
      const location = await this.services.booking.locations.get(moment.locationId);
      lines.push(
        this.text(step.context, 'repair.momentLine', {
          n: i + 1,
          date: longDate(language, moment.date),
          time: clockTime(language, moment.startsAt),
          end: clockTime(language, moment.endsAt),
          place: location ? PlaceNames.localized(location, language).name : '',
        }),
      );
    }
    const titles = distinct([...moments.map((moment) => this.momentTitle(step.context, moment)), this.text(step.context, 'repair.choices.otherPlace')]);
    const v = stepValues<MomentValues>(step);
    v.momentIds = moments.map((moment) => moment.momentId);
    v.titles = titles;
    const text = `${this.text(step.context, 'repair.moments', { place: placeName })}\n${lines.join('\n')}\n${this.text(step.context, 'repair.chooseMoment')}`;
    return this.prompt(step, text, { titles });
  }

  private async bookStep(step: WaterfallStepContext<RepairState>): Promise<DialogTurnResult> {
    const v = stepValues<MomentValues>(step);
    const ids = v.momentIds ?? [];
    const index = this.choiceOf(step.context, v.titles ?? []);
    const state: RepairState = { ...step.options, locationIds: undefined, placeName: undefined };
    if (index === undefined) {
      // A place typed instead of a moment: search there; anything else after the retries: a person.
      const typed = typeof step.result === 'string' && !isTap(step.context.activity) ? step.result : '';
      if (typed && (await this.findPlaces(step.context, typed)).length) return step.replaceDialog(PLACE_WATERFALL, { ...state, query: typed });
      return this.offerPerson(step, 'repair.stuck');
    }
    if (index >= ids.length) return step.replaceDialog(PLACE_WATERFALL, state);
    const personId = await this.services.people.personIdFor(step.context);
    const language = this.services.languages.current(step.context);
    const result = await this.services.repairs.repairs.book(
      { personId, momentId: ids[index], deviceKind: state.deviceKind as RepairDeviceKind, problem: state.problem as RepairProblem, since: state.since as RepairSince, language },
      this.services.clock(),
    );
    if (result.kind !== 'booked') {
      await step.context.sendActivity(this.text(step.context, 'repair.full'));
      return step.replaceDialog(MOMENTS_WATERFALL, step.options);
    }
    await this.grant(step.context, result.request);
    await step.context.sendActivity(this.confirmation(step.context, result.request));
    return step.endDialog({ repair: result.request.id });
  }

  /** The confirmation: code, when, where; what to bring; what a repair café can and cannot do. */
  private confirmation(context: TurnContext, request: RepairView): string {
    const language = this.services.languages.current(context);
    const at = request.moment?.startsAt ?? request.createdAt;
    const address = `${request.location.name}, ${request.location.address}, ${request.location.postcode} ${request.location.municipality}`;
    const booked = this.text(context, 'repair.booked', { reference: ReferenceCode.format(request.reference), date: longDate(language, BrusselsTime.localDate(at)), time: clockTime(language, at), address });
    const items = repairItems(request.problem as RepairProblem).map((item) => `- ${this.text(context, `repair.items.${item}`)}`).join('\n');
    return [booked, this.text(context, 'repair.bring', { items }), this.text(context, 'repair.limits')].join('\n\n');
  }

  private momentTitle(context: TurnContext, moment: FreeMoment): string {
    const language = this.services.languages.current(context);
    return title(`${shortDate(language, moment.date)} ${clockTime(language, moment.startsAt)}`);
  }

  /** Web chat: the request may be shown in this conversation ("where is my repair"). */
  private async grant(context: TurnContext, request: RepairView): Promise<void> {
    if (isAnonymousChannel(context)) await OwnershipAccess.grant(context, 'repairs', request.id);
  }

  /** The typed place in the person's words for "near …": a postcode as typed, a town's name as found. */
  private placeOf(_context: TurnContext, typed: string): string {
    return typedPostcode(typed) ?? typed.trim();
  }

  private askChoice(step: WaterfallStepContext, questionKey: string, ids: readonly string[], check: Omit<ChoiceCheck, 'titles'>): Promise<DialogTurnResult> {
    const titles = ids.map((id) => this.text(step.context, `repair.choices.${id}`));
    return this.prompt(step, this.text(step.context, questionKey), { ...check, titles });
  }

  /** The index of the answer to a choice question asked with these ids. */
  private answered(step: WaterfallStepContext, ids: readonly string[], yesNo = false): number | undefined {
    const titles = ids.map((id) => this.text(step.context, `repair.choices.${id}`));
    return this.choiceOf(step.context, titles, { yesNo });
  }

  private prompt(step: WaterfallStepContext, text: string, check: ChoiceCheck): Promise<DialogTurnResult> {
    const retry = `${this.text(step.context, 'booking.notUnderstood')}\n${text}`;
    return step.prompt(CHOICE_PROMPT, { prompt: choicesActivity(text, check.titles) as Activity, retryPrompt: choicesActivity(retry, check.titles) as Activity, validations: check });
  }

  /** A choice, a word of the lexicon where the question takes one, a typed place at the moments, or after the retries anything (then a person). */
  private async validateChoice(prompt: PromptValidatorContext<string>): Promise<boolean> {
    if (prompt.attemptCount >= MAX_ATTEMPTS) return true;
    const check = prompt.options.validations as ChoiceCheck;
    if (this.choiceOf(prompt.context, check.titles, { yesNo: check.yesNo }) !== undefined) return true;
    if (isTap(prompt.context.activity)) return this.staleTap(prompt.context);
    if (check.lexicon && this.lexicon.read(prompt.recognized.value)[check.lexicon]) return true;
    return false;
  }

  private async validatePlace(prompt: PromptValidatorContext<string>): Promise<boolean> {
    return !!sharedLocation(prompt.context.activity) || this.typedText(prompt);
  }

  private async findPlaces(context: TurnContext, typed: string, service?: LocationServiceKind): Promise<LocationMatch[]> {
    const { locations } = this.services.booking;
    const options = { ...(service ? { service } : {}), limit: PLACES_SEARCHED };
    const pin = sharedLocation(context.activity);
    if (pin) return (await locations.nearest(pin.latitude, pin.longitude, options)).filter((match) => (match.distanceKm ?? 0) <= NEAR_KM);
    const postcode = typedPostcode(typed);
    if (postcode) return locations.findByPostcode(postcode, options);
    return typed.trim() ? locations.findByMunicipality(typed, options) : [];
  }
}
