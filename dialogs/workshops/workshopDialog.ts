import { Activity, MessageFactory, TurnContext } from 'botbuilder';
import { DialogTurnResult, PromptValidatorContext, TextPrompt, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import type { LocationMatch, LocationView } from '../../services/booking/locationService';
import { PlaceNames } from '../../services/booking/placeNames';
import { ReferenceCode } from '../../services/booking/referenceCode';
import { WhatToBring } from '../../services/booking/whatToBring';
import type { RegisterResult } from '../../services/workshops/workshopService';
import { WorkshopService } from '../../services/workshops/workshopService';
import type { InstructionLanguage, WorkshopView } from '../../services/workshops/workshopView';
import { typedChoice } from '../answers';
import { distinct, icsAttachment, isWebChat, sharedLocation, typedPostcode } from '../booking/appointmentText';
import { DialogServices } from '../dialogServices';
import { InterruptibleDialog } from '../interruptibleDialog';
import { isAnonymousChannel, OwnershipAccess } from '../ownershipAccess';
import { choicesActivity, isTap, normalizeUtterance, stepValues, wordsInAllLanguages } from '../prompts';
import { MY_WORKSHOPS_DIALOG, WORKSHOP_DIALOG, WorkshopDialogOptions } from './workshopIds';
import { WorkshopText } from './workshopText';

export { WORKSHOP_DIALOG };

/** Workshops offered as choices (with "other place" and "my courses": WhatsApp lists hold ten rows). */
export const WORKSHOPS_OFFERED = 6;
/** Unclear answers to one question before the dialog gives up and offers a person. */
export const MAX_ATTEMPTS = 3;
/** Places searched for around the person. */
const PLACES_SEARCHED = 3;

const PLACE_WATERFALL = 'WORKSHOP_PLACE';
const LIST_WATERFALL = 'WORKSHOP_LIST';
const PLACE_PROMPT = 'WORKSHOP_PLACE_PROMPT';
const CHOICE_PROMPT = 'WORKSHOP_CHOICE_PROMPT';
const LIST_PROMPT = 'WORKSHOP_LIST_PROMPT';

/** What the list steps keep (`step.values`). */
interface ListValues {
  workshopIds?: string[];
  titles?: string[];
  workshopId?: string;
  confirmTitles?: string[];
}

/** The extra choices after the workshops of the list. */
type ListExtra = 'otherPlace' | 'mine';

/**
 * Workshops and courses: where (a postcode, a town with typos, a WhatsApp location, or the
 * digibank the person is known at), the upcoming workshops there that fit the topic and the
 * person's language as choices, the details of one, then the registration — a seat, or the
 * waiting list when it is full — with the code, what to bring and (web chat) the calendar file.
 * "Mijn cursussen" / "mes cours" go to {@link MY_WORKSHOPS_DIALOG}.
 */
export class WorkshopDialog extends InterruptibleDialog {
  constructor(services: DialogServices) {
    super(WORKSHOP_DIALOG, services);
    this.addDialog(new TextPrompt(PLACE_PROMPT, (prompt) => this.validatePlace(prompt)))
      .addDialog(new TextPrompt(CHOICE_PROMPT, (prompt) => this.validateChoice(prompt, false)))
      .addDialog(new TextPrompt(LIST_PROMPT, (prompt) => this.validateChoice(prompt, true)))
      .addDialog(new WaterfallDialog<WorkshopDialogOptions>(PLACE_WATERFALL, [this.askPlaceStep.bind(this), this.findPlaceStep.bind(this)]))
      .addDialog(
        new WaterfallDialog<WorkshopDialogOptions>(LIST_WATERFALL, [this.listStep.bind(this), this.detailStep.bind(this), this.registerStep.bind(this)]),
      );
    this.initialDialogId = PLACE_WATERFALL;
  }

  /** True when the message asks for the person's own courses ("mijn cursussen", "mes cours"). */
  static asksForMine(services: DialogServices, text: unknown): boolean {
    const typed = normalizeUtterance(text);
    return typed !== '' && wordsInAllLanguages(services.i18n, 'workshops.words.mine').some((word) => typed.includes(normalizeUtterance(word)));
  }

  private async askPlaceStep(step: WaterfallStepContext<WorkshopDialogOptions>): Promise<DialogTurnResult> {
    const options = step.options;
    if (!options.query && !options.notFound && !options.askPlace && WorkshopDialog.asksForMine(this.services, step.context.activity.text)) {
      return step.replaceDialog(MY_WORKSHOPS_DIALOG);
    }
    if (options.query) return step.next(options.query);
    if (!options.notFound && !options.askPlace) {
      const named = await this.placeNamedIn(step.context);
      if (named) return step.next(named);
      const known = await this.services.workshops.workshops.knownDigibank(await this.services.people.personIdFor(step.context));
      if (known) return this.list(step, { ...options, digibankIds: [known], placeName: await this.digibankPlace(step.context, known) });
    }
    const key = options.notFound ? 'workshops.placeNotFound' : step.context.activity.channelId === 'whatsapp' ? 'workshops.askPlaceWhatsApp' : 'workshops.askPlace';
    return step.prompt(PLACE_PROMPT, { prompt: MessageFactory.text(this.text(step.context, key)), retryPrompt: MessageFactory.text(this.text(step.context, 'workshops.placeRetry')) });
  }

  private async findPlaceStep(step: WaterfallStepContext<WorkshopDialogOptions>): Promise<DialogTurnResult> {
    const typed = typeof step.result === 'string' ? step.result : '';
    const matches = await this.findPlaces(step.context, typed);
    if (matches.length === 0) return step.replaceDialog(PLACE_WATERFALL, { topic: step.options.topic, notFound: true } satisfies WorkshopDialogOptions);
    const language = this.services.languages.current(step.context);
    const first = PlaceNames.localized(matches[0].location, language);
    const digibankIds = [...new Set(matches.map((match) => match.location.digibankId))];
    return this.list(step, { topic: step.options.topic, digibankIds, placeName: first.municipality });
  }

  private list(step: WaterfallStepContext, options: WorkshopDialogOptions): Promise<DialogTurnResult> {
    return step.replaceDialog(LIST_WATERFALL, { ...options, query: undefined, notFound: undefined, askPlace: undefined } satisfies WorkshopDialogOptions);
  }

  private async listStep(step: WaterfallStepContext<WorkshopDialogOptions>): Promise<DialogTurnResult> {
    const { topic, digibankIds = [], placeName = '' } = step.options;
    const language = this.services.languages.current(step.context);
    const topicLabel = WhatToBring.isTopic(topic) ? topic : null;
    const now = this.services.clock();
    const found = await this.services.workshops.workshops.upcoming({ digibankIds, topic: topicLabel, language: language.split('-')[0] as InstructionLanguage, limit: WORKSHOPS_OFFERED }, now);
    if (found.length === 0) {
      await step.context.sendActivity(this.text(step.context, 'workshops.none', { place: placeName }));
      return step.endDialog();
    }
    const words = new WorkshopText(this.services.i18n, language);
    const lines: string[] = [];
    for (const [i, workshop] of found.entries()) lines.push(words.line(i + 1, workshop, await this.location(step.context, workshop.locationId)));
    const intro = topicLabel && found[0].topic !== topicLabel ? 'workshops.foundOtherTopic' : 'workshops.found';
    const extras = await this.listExtras(step.context);
    const titles = distinct([...found.map((workshop) => words.choiceTitle(workshop)), ...extras.map((extra) => this.text(step.context, `workshops.choices.${extra}`))]);
    const v = stepValues<ListValues>(step);
    v.workshopIds = found.map((workshop) => workshop.id);
    v.titles = titles;
    const text = `${this.text(step.context, intro, { place: placeName })}\n${lines.join('\n')}\n${this.text(step.context, 'workshops.choose')}`;
    return this.choicePrompt(step, LIST_PROMPT, text, titles);
  }

  private async detailStep(step: WaterfallStepContext<WorkshopDialogOptions>): Promise<DialogTurnResult> {
    const v = stepValues<ListValues>(step);
    const ids = v.workshopIds ?? [];
    const titles = v.titles ?? [];
    const index = this.choiceOf(step.context, titles) ?? typedChoice(step.result, titles);
    if (index === undefined) {
      // A place typed instead of a choice: search there; anything else after the retries: a person.
      const typed = typeof step.result === 'string' && !isTap(step.context.activity) ? step.result : '';
      if (typed && (await this.findPlaces(step.context, typed)).length) return step.replaceDialog(PLACE_WATERFALL, { topic: step.options.topic, query: typed });
      return this.offerPerson(step, 'workshops.stuck');
    }
    if (index >= ids.length) {
      const extra = (await this.listExtras(step.context))[index - ids.length];
      if (extra === 'mine') return step.replaceDialog(MY_WORKSHOPS_DIALOG);
      return step.replaceDialog(PLACE_WATERFALL, { topic: step.options.topic, askPlace: true } satisfies WorkshopDialogOptions);
    }
    const workshop = await this.services.workshops.workshops.get(ids[index]);
    if (!workshop) return step.replaceDialog(LIST_WATERFALL, step.options);
    v.workshopId = workshop.id;
    const words = new WorkshopText(this.services.i18n, this.services.languages.current(step.context));
    const details = words.details(workshop, await this.location(step.context, workshop.locationId));
    const confirm = [this.text(step.context, 'workshops.choices.register'), this.text(step.context, 'workshops.choices.other')];
    v.confirmTitles = confirm;
    return this.choicePrompt(step, CHOICE_PROMPT, `${details}\n\n${this.text(step.context, 'workshops.askRegister')}`, confirm, true);
  }

  private async registerStep(step: WaterfallStepContext<WorkshopDialogOptions>): Promise<DialogTurnResult> {
    const v = stepValues<ListValues>(step);
    const index = this.choiceOf(step.context, v.confirmTitles ?? [], { yesNo: true });
    if (index === undefined) return this.offerPerson(step, 'workshops.stuck');
    if (index === 1) return step.replaceDialog(LIST_WATERFALL, step.options);
    const personId = await this.services.people.personIdFor(step.context);
    const result = await this.services.workshops.workshops.register(personId, v.workshopId as string, this.services.clock());
    return this.onResult(step, result);
  }

  private async onResult(step: WaterfallStepContext<WorkshopDialogOptions>, result: RegisterResult): Promise<DialogTurnResult> {
    if (result.kind === 'unavailable') {
      await step.context.sendActivity(this.text(step.context, 'workshops.unavailable'));
      return step.replaceDialog(LIST_WATERFALL, step.options);
    }
    const { registration } = result;
    if (isAnonymousChannel(step.context)) await OwnershipAccess.grant(step.context, 'workshops', registration.id);
    const reference = ReferenceCode.format(registration.reference);
    if (result.kind === 'waiting') {
      await step.context.sendActivity(this.text(step.context, 'workshops.waiting', { position: result.position, reference }));
    } else if (result.kind === 'already') {
      await step.context.sendActivity(this.text(step.context, registration.status === 'waiting' ? 'workshops.alreadyWaiting' : 'workshops.already', { reference }));
    } else {
      await this.sendConfirmation(step.context, result.registration.workshop, result.registration);
    }
    return step.endDialog({ registered: registration.id });
  }

  /** The confirmation: code, sessions, place, what to bring; the calendar file on web chat. */
  private async sendConfirmation(context: TurnContext, workshop: WorkshopView, registration: Parameters<typeof WorkshopService.calendarFile>[0]): Promise<void> {
    const words = new WorkshopText(this.services.i18n, this.services.languages.current(context));
    const location = await this.location(context, workshop.locationId);
    const reference = ReferenceCode.format(registration.reference);
    const title = words.title(workshop);
    const bring = words.bring(workshop);
    const confirmed = this.text(context, 'workshops.registered', { title, reference, sessions: words.sessions(workshop), address: WorkshopText.address(location) });
    const reply = MessageFactory.text(bring ? `${confirmed}\n\n${bring}` : confirmed);
    if (isWebChat(context.activity.channelId)) {
      const ics = WorkshopService.calendarFile(
        registration,
        { summary: this.text(context, 'workshops.ics.summary', { title }), description: `${this.text(context, 'workshops.ics.description', { reference })}\n${bring}`, location: WorkshopText.address(location) },
        this.services.clock(),
      );
      reply.attachments = [{ ...icsAttachment(ics), name: 'workshop.ics' }];
    }
    await context.sendActivity(reply);
  }

  /** "Other place", and "My courses" when the person has some. */
  private async listExtras(context: TurnContext): Promise<ListExtra[]> {
    const personId = await this.services.people.personIdFor(context);
    const mine = await this.services.workshops.workshops.mine(personId, this.services.clock());
    return mine.length ? ['otherPlace', 'mine'] : ['otherPlace'];
  }

  private choicePrompt(step: WaterfallStepContext, promptId: string, text: string, titles: readonly string[], yesNo = false): Promise<DialogTurnResult> {
    const retry = `${this.text(step.context, 'booking.notUnderstood')}\n${text}`;
    return step.prompt(promptId, { prompt: choicesActivity(text, titles) as Activity, retryPrompt: choicesActivity(retry, titles) as Activity, validations: { titles, yesNo } });
  }

  /** A choice, a typed place (the list: searched there), or after the retries anything (then a person). */
  private async validateChoice(prompt: PromptValidatorContext<string>, placeAllowed: boolean): Promise<boolean> {
    if (prompt.attemptCount >= MAX_ATTEMPTS) return true;
    const { titles, yesNo } = prompt.options.validations as { titles: string[]; yesNo: boolean };
    if (this.choiceOf(prompt.context, titles, { yesNo }) !== undefined) return true;
    if (isTap(prompt.context.activity)) return this.staleTap(prompt.context);
    if (!placeAllowed || !prompt.recognized.succeeded) return false;
    return (await this.findPlaces(prompt.context, prompt.recognized.value ?? '')).length > 0;
  }

  private async validatePlace(prompt: PromptValidatorContext<string>): Promise<boolean> {
    return !!sharedLocation(prompt.context.activity) || (prompt.recognized.succeeded && !isTap(prompt.context.activity) && (prompt.recognized.value ?? '').trim() !== '');
  }

  /** This turn's message when it names a place exactly (a postcode, a town of a digibank); typos are not guessed here. */
  private async placeNamedIn(context: TurnContext): Promise<string | undefined> {
    const text = context.activity.text;
    if (typeof text !== 'string' || text.trim() === '' || isTap(context.activity)) return undefined;
    const { locations } = this.services.booking;
    const postcode = typedPostcode(text);
    const matches = postcode ? await locations.findByPostcode(postcode, { service: 'training', limit: PLACES_SEARCHED }) : await locations.findByMunicipality(text, { service: 'training', limit: PLACES_SEARCHED });
    return matches.some((match) => match.match === 'name' || match.match === 'postcode') ? text : undefined;
  }

  private async findPlaces(context: TurnContext, typed: string): Promise<LocationMatch[]> {
    const { locations } = this.services.booking;
    const options = { service: 'training' as const, limit: PLACES_SEARCHED };
    const pin = sharedLocation(context.activity);
    if (pin) return locations.nearest(pin.latitude, pin.longitude, options);
    const postcode = typedPostcode(typed);
    if (postcode) return locations.findByPostcode(postcode, options);
    return typed.trim() ? locations.findByMunicipality(typed, options) : [];
  }

  /** The municipality of a digibank's first location, for "lessons in …". */
  private async digibankPlace(context: TurnContext, digibankId: string): Promise<string> {
    const [first] = await this.services.booking.locations.ofDigibank(digibankId);
    return first ? PlaceNames.localized(first, this.services.languages.current(context)).municipality : '';
  }

  /** A location by id, with its names in the person's language. */
  private async location(context: TurnContext, id: string): Promise<LocationView> {
    const location = await this.services.booking.locations.get(id);
    if (!location) throw new Error(`location not found: ${id}`);
    return PlaceNames.localized(location, this.services.languages.current(context));
  }
}
