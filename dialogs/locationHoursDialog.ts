import { Activity, MessageFactory, TurnContext } from 'botbuilder';
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
import { fold } from './answers';
import type { LocationMatch, LocationServiceKind } from '../services/booking/locationService';
import type { DirectoryEntry } from '../services/directory/directoryService';
import { PlaceNames } from '../services/booking/placeNames';
import { sharedLocation, typedPostcode } from './booking/appointmentText';
import { BrusselsTime, LocalDate } from '../i18n/brusselsTime';
import { longDate } from '../i18n/dateText';
import type { Translator } from '../i18n/translator';
import type { BookingOptions } from './booking/bookingDialog';
import { BOOKING_DIALOG } from './booking/bookingIds';
import { HANDOFF_DIALOG, HandoffOptions, LOAN_REQUEST_DIALOG, LOCATION_HOURS_DIALOG, LocationHoursOptions, RoutedDialogResult } from './dialogIds';
import { DialogServices } from './dialogServices';
import { DirectoryText } from './directoryText';
import { InterruptibleDialog } from './interruptibleDialog';
import { choicePromptOptions, numberedChoices, wordsInAllLanguages } from './prompts';
import { decide, understand } from './understanding';
import { WORKSHOP_DIALOG, WorkshopDialogOptions } from './workshops/workshopIds';

/** What follows the addresses; each with its title and words (`<namespace>.choices.<id>`, `<namespace>.synonyms.<id>`). */
type HoursOffer = 'book' | 'loan' | 'workshop' | 'person' | 'menu';
const OFFER_KEYS: Readonly<Record<HoursOffer, string>> = { book: 'topics', loan: 'menu', workshop: 'topics', person: 'topics', menu: 'topics' };

/** The walk-in services a person may ask a place for ("waar kan ik printen"): `places.words.<service>`. */
const ASKABLE_SERVICES = ['printing', 'computers', 'wifi'] as const satisfies readonly LocationServiceKind[];

/** What the person asked besides the place: a service and a day. */
export interface DirectoryAsk {
  readonly service?: LocationServiceKind;
  /** ISO weekday asked about (`places.words.day1` … `day7`), or 0 for tomorrow. */
  readonly weekday?: number;
}

interface HoursValues {
  /** What found the places (a town, a postcode), for the booking's place step. */
  query?: string;
  ask?: DirectoryAsk;
  /** The place the person is known at, when the message named none. */
  knownId?: string;
  locationIds?: string[];
  offers?: HoursOffer[];
}

const HOURS_WATERFALL = 'LOCATION_HOURS_WATERFALL';
const WHERE_PROMPT = 'LOCATION_HOURS_WHERE_PROMPT';
const OFFER_PROMPT = 'LOCATION_HOURS_OFFER_PROMPT';

/**
 * Places shown at most, per channel: one on SMS (each character costs), two on WhatsApp (one
 * message each, readable on a phone), three on the web chat.
 */
export function locationsShown(channelId: string | undefined): number {
  if (channelId === 'sms') return 1;
  return channelId === 'whatsapp' ? 2 : 3;
}

/** The service and day a message asks about, in any language (whole words, accents and case ignored). */
export function directoryAsk(i18n: Translator, text: string): DirectoryAsk {
  const words = ` ${fold(text)} `;
  const has = (key: string) => wordsInAllLanguages(i18n, key).some((word) => words.includes(` ${fold(word)} `));
  const service = ASKABLE_SERVICES.find((kind) => has(`places.words.${kind}`));
  const weekday = has('places.words.tomorrow') ? 0 : [1, 2, 3, 4, 5, 6, 7].find((day) => has(`places.words.day${day}`));
  return { ...(service ? { service } : {}), ...(weekday !== undefined ? { weekday } : {}) };
}

/** The date of the day asked about, from today: tomorrow, or the next such weekday (today included). */
export function askedDate(today: LocalDate, weekday: number | undefined): LocalDate | undefined {
  if (weekday === undefined) return undefined;
  if (weekday === 0) return BrusselsTime.addDays(today, 1);
  return BrusselsTime.addDays(today, (weekday - BrusselsTime.weekday(today) + 7) % 7);
}

/**
 * "Where is the digibank, when is it open?": finds the places of the message (a town, typos
 * tolerated; a postcode; a shared WhatsApp location; the place the person is known at; or asks),
 * filtered on a service asked for (printing, computers, Wi-Fi), and answers each with its address,
 * today's status and the week's hours (public holidays and closures included), the day asked
 * about, free-access hours, what it offers, phone and map link. Then offers an appointment, a loan
 * or a workshop there, a person, or the menu: never a dead end.
 */
export class LocationHoursDialog extends InterruptibleDialog {
  constructor(services: DialogServices) {
    super(LOCATION_HOURS_DIALOG, services);
    const offers = new AnswerChoicePrompt(OFFER_PROMPT, async (prompt: PromptValidatorContext<FoundChoice>) => prompt.recognized.succeeded || prompt.attemptCount >= 1);
    offers.style = ListStyle.suggestedAction;
    // A shared location has no text: it answers "where?" too.
    this.addDialog(new TextPrompt(WHERE_PROMPT, async (prompt) => prompt.recognized.succeeded || sharedLocation(prompt.context.activity) !== undefined))
      .addDialog(offers)
      .addDialog(
        new WaterfallDialog<LocationHoursOptions>(HOURS_WATERFALL, [this.whereStep.bind(this), this.showStep.bind(this), this.offerStep.bind(this)]),
      );
    this.initialDialogId = HOURS_WATERFALL;
  }

  /** The place of the message, else the place the person is known at, else the question where. */
  private async whereStep(step: WaterfallStepContext<LocationHoursOptions>): Promise<DialogTurnResult> {
    const query = step.options.query ?? step.context.activity.text ?? '';
    const v = step.values as HoursValues;
    v.ask = directoryAsk(this.services.i18n, query);
    if ((await this.find(step.context, query)).length > 0) return step.next(query);
    const known = await this.services.booking.directory.knownLocation(await this.services.people.personIdFor(step.context));
    if (known) {
      v.knownId = known.id;
      return step.next(query);
    }
    return step.prompt(WHERE_PROMPT, { prompt: MessageFactory.text(this.text(step.context, 'places.askWhere')) });
  }

  /** The places with their hours and offer; then what can follow. */
  private async showStep(step: WaterfallStepContext<LocationHoursOptions>): Promise<DialogTurnResult> {
    const query = typeof step.result === 'string' ? step.result : '';
    const v = step.values as HoursValues;
    const matches = await this.matches(step.context, query, v);
    // Another request typed instead of a place ("ik wil een laptop lenen"): understood again, not "not found".
    const other = matches.length === 0 && !sharedLocation(step.context.activity) ? newRequest(step, this.services) : undefined;
    if (other) return step.endDialog(other);
    v.query = query;
    v.locationIds = matches.map((match) => match.location.id);
    v.offers = this.offers(matches);
    await this.show(step, matches, v.ask ?? {});
    const language = this.services.languages.current(step.context);
    const { i18n } = this.services;
    const choices = numberedChoices(
      v.offers.map((offer) => ({ title: i18n.t(language, `${OFFER_KEYS[offer]}.choices.${offer}`), synonyms: wordsInAllLanguages(i18n, `${OFFER_KEYS[offer]}.synonyms.${offer}`) })),
    );
    const question = this.text(step.context, 'places.offersPrompt');
    return step.prompt(OFFER_PROMPT, choicePromptOptions(question, choices, question));
  }

  /** Books there (the place already chosen), a loan, a workshop there, a person, or back to the menu. */
  private async offerStep(step: WaterfallStepContext<LocationHoursOptions>): Promise<DialogTurnResult> {
    const v = step.values as HoursValues;
    const choice = step.result as FoundChoice | undefined;
    const offer = choice ? v.offers?.[choice.index] : undefined;
    const topic = step.options.topic ? { topic: step.options.topic } : {};
    const ids = v.locationIds ?? [];
    switch (offer) {
      case 'book':
        return step.replaceDialog(BOOKING_DIALOG, (ids.length === 1 || !v.query ? { ...topic, locationId: ids[0] } : { ...topic, query: v.query }) satisfies BookingOptions);
      case 'loan':
        return step.replaceDialog(LOAN_REQUEST_DIALOG, {});
      case 'workshop':
        return step.replaceDialog(WORKSHOP_DIALOG, await this.workshopOptions(ids, step.options.topic));
      case 'person':
        return step.replaceDialog(HANDOFF_DIALOG, { reason: 'asked', topic: step.options.topic ?? null } satisfies HandoffOptions);
      case 'menu':
        return step.endDialog();
      default:
        return step.endDialog(newRequest(step, this.services));
    }
  }

  /** The places of the answer (or the known place): those offering the service asked for, else all of them with a word that they do not. */
  private async matches(context: TurnContext, query: string, v: HoursValues): Promise<LocationMatch[]> {
    const service = v.ask?.service;
    const offering = service && !v.knownId ? await this.find(context, query, service) : [];
    if (offering.length > 0) return offering;
    const known = v.knownId ? await this.services.booking.locations.get(v.knownId) : undefined;
    const any = known ? [{ location: known, match: 'postcode' as const }] : await this.find(context, query);
    if (service && any.length > 0 && !any[0].location.services.includes(service)) {
      await context.sendActivity(this.text(context, 'places.serviceNone', { service: this.text(context, `places.kinds.${service}`) }));
    }
    return any;
  }

  /** The places of a shared location, a postcode or a town named in the text. */
  private find(context: TurnContext, text: string, service?: LocationServiceKind): Promise<LocationMatch[]> {
    const pin = sharedLocation(context.activity);
    const postcode = pin ? undefined : typedPostcode(text);
    return this.services.booking.directory.find({
      limit: locationsShown(context.activity.channelId),
      text,
      ...(pin ? { pin } : {}),
      ...(postcode ? { postcode } : {}),
      ...(service ? { service } : {}),
    });
  }

  /** One message per place (the first with the title), or that nothing was found. */
  private async show(step: WaterfallStepContext, matches: readonly LocationMatch[], ask: DirectoryAsk): Promise<void> {
    const { context } = step;
    if (matches.length === 0) {
      await context.sendActivity(this.text(context, 'places.notFound'));
      return;
    }
    const now = this.services.clock();
    const language = this.services.languages.current(context);
    const compact = context.activity.channelId === 'sms';
    const askedDay = askedDate(BrusselsTime.localDate(now), ask.weekday);
    const words = new DirectoryText(this.services.i18n, language);
    const entries = openOnFirst(await this.services.booking.directory.entries(matches, now), askedDay);
    const messages: Partial<Activity>[] = [];
    for (const entry of entries) {
      const firstFree = !compact && entry.location.services.includes('helpdesk') ? await this.firstFree(context, entry.location.id) : undefined;
      const lines = words.block(entry, PlaceNames.localized(entry.location, language), { compact, ...(askedDay ? { askedDay } : {}), ...(firstFree ? { firstFree } : {}) });
      // On SMS the place's name says what this is; elsewhere a title first.
      const title = messages.length === 0 && !compact ? [this.text(context, 'places.found')] : [];
      messages.push(MessageFactory.text([...title, ...lines].join('\n')));
    }
    await context.sendActivities(messages);
  }

  /** What can follow: an appointment, a loan, a workshop (where the nearest place offers them), a person, the menu. */
  private offers(matches: readonly LocationMatch[]): HoursOffer[] {
    const services = matches[0]?.location.services ?? [];
    const here = (service: string, offer: HoursOffer): HoursOffer[] => (services.includes(service) ? [offer] : []);
    return [...here('helpdesk', 'book'), ...here('device_loan', 'loan'), ...here('training', 'workshop'), 'person', 'menu'];
  }

  /** The workshops near the first place shown (found again by its postcode). */
  private async workshopOptions(ids: readonly string[], topic: string | undefined): Promise<WorkshopDialogOptions> {
    const first = ids[0] ? await this.services.booking.locations.get(ids[0]) : undefined;
    return { ...(topic ? { topic } : {}), ...(first ? { query: first.postcode } : {}) };
  }

  /** The first day with a free helpdesk slot, or that there is none soon. */
  private async firstFree(context: TurnContext, locationId: string): Promise<string> {
    const days = await this.services.booking.slots.freeDays(locationId, this.services.clock());
    if (days.length === 0) return this.text(context, 'places.noneFree');
    return this.text(context, 'places.firstFree', { date: longDate(this.services.languages.current(context), days[0]) });
  }
}

/** The places open on the day asked about first (stable: nearest first otherwise). */
function openOnFirst(entries: readonly DirectoryEntry[], day: LocalDate | undefined): DirectoryEntry[] {
  const closed = (entry: DirectoryEntry) => (entry.helpdesk.days.find((d) => d.date === day)?.periods.length ? 0 : 1);
  return day ? [...entries].sort((a, b) => closed(a) - closed(b)) : [...entries];
}

/** A message typed instead of one of the offers: a new request ("and for tax-on-web?") for the main loop to understand again. */
export function newRequest(step: WaterfallStepContext, services: DialogServices): RoutedDialogResult | undefined {
  const decision = decide(understand(step.context, services), services.triage.confidenceThreshold);
  return decision.kind !== 'unclear' ? { retriage: true } : undefined;
}
