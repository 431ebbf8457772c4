import type { Language, Translator } from '../../i18n/translator';
import { clockTime, longDate, shortDate } from '../../i18n/dateText';
import type { LocationView } from '../../services/booking/locationService';
import { textIn, WorkshopView } from '../../services/workshops/workshopView';
import { title } from '../booking/appointmentText';

/**
 * The texts of a workshop in the person's language: when (one session or a series), price, seats,
 * one line of a list, the details and the choice title. Titles and descriptions come from the
 * workshop's own texts (the one in the person's language, else the language of instruction).
 */
export class WorkshopText {
  constructor(
    private readonly i18n: Translator,
    private readonly language: Language,
  ) {}

  /** The workshop's title in the person's language. */
  title(workshop: WorkshopView): string {
    return textIn(workshop.title, this.language, workshop.language);
  }

  /** "dinsdag 1 december om 14:00", or "4 keer, vanaf dinsdag 1 december om 14:00". */
  when(workshop: WorkshopView): string {
    const first = workshop.sessions[0];
    const vars = { date: longDate(this.language, first.date), time: clockTime(this.language, first.startsAt), count: workshop.sessions.length };
    return this.t(workshop.sessions.length > 1 ? 'workshops.lineParts.series' : 'workshops.lineParts.once', vars);
  }

  /** One line per session: "- dinsdag 1 december, 14:00 - 16:00". */
  sessions(workshop: WorkshopView): string {
    return workshop.sessions.map((s) => `- ${longDate(this.language, s.date)}, ${clockTime(this.language, s.startsAt)} - ${clockTime(this.language, s.endsAt)}`).join('\n');
  }

  /** "gratis" or "€ 5". */
  price(workshop: WorkshopView): string {
    if (workshop.priceCents === 0) return this.t('workshops.lineParts.free');
    const amount = (workshop.priceCents / 100).toFixed(workshop.priceCents % 100 === 0 ? 0 : 2).replace('.', this.language === 'en' ? '.' : ',');
    return this.t('workshops.lineParts.price', { amount });
  }

  /** "nog 3 plaatsen vrij" or "volzet, wachtlijst". */
  seats(workshop: WorkshopView): string {
    return workshop.free > 0 ? this.t('workshops.lineParts.seatsFree', { count: workshop.free }) : this.t('workshops.lineParts.seatsFull');
  }

  /** One numbered line of a list. */
  line(n: number, workshop: WorkshopView, location: LocationView): string {
    return this.t('workshops.line', {
      n,
      title: this.title(workshop),
      when: this.when(workshop),
      place: location.name,
      language: this.t(`workshops.lineParts.language.${workshop.language}`),
      price: this.price(workshop),
      seats: this.seats(workshop),
    });
  }

  /** Everything about one workshop, before the person registers. */
  details(workshop: WorkshopView, location: LocationView): string {
    return this.t('workshops.details', {
      title: this.title(workshop),
      description: textIn(workshop.description, this.language, workshop.language),
      sessions: this.sessions(workshop),
      address: WorkshopText.address(location),
      language: this.t(`workshops.lineParts.language.${workshop.language}`),
      level: this.t(`workshops.lineParts.level.${workshop.level}`),
      price: this.price(workshop),
      seats: this.seats(workshop),
    }).replace(/\n{2,}/g, '\n');
  }

  /** The choice title: "di 1 dec. Smartphone…" (at most 20 characters). */
  choiceTitle(workshop: WorkshopView): string {
    return title(`${shortDate(this.language, workshop.sessions[0].date)} ${this.title(workshop)}`);
  }

  /** What to bring, or '' when the workshop names nothing. */
  bring(workshop: WorkshopView): string {
    const items = textIn(workshop.whatToBring, this.language, workshop.language);
    return items ? this.t('workshops.bring', { items }) : '';
  }

  /** "Digibank Kortrijk - bibliotheek, Voorbeeldstraat 1, 8500 Kortrijk". */
  static address(location: LocationView): string {
    return `${location.name}, ${location.address}, ${location.postcode} ${location.municipality}`;
  }

  private t(key: string, vars?: Record<string, string | number>): string {
    return this.i18n.t(this.language, key, vars);
  }
}
