import type { PrismaClient } from '../../generated/prisma/client';
import { ClosureCalendar } from '../booking/closureCalendar';
import type { LocationMatch, LocationService, LocationServiceKind, LocationView } from '../booking/locationService';
import { BrusselsTime } from '../../i18n/brusselsTime';
import { OpeningWeek, OpeningWeekView, WeeklyPeriod } from './openingWeek';

/** Where the person looks: a shared location (pin), a postcode, or a town named in a text. */
export interface DirectorySearch {
  readonly pin?: { readonly latitude: number; readonly longitude: number };
  readonly postcode?: string;
  readonly text?: string;
  /** Only the places offering this (printing, computers, wifi…). */
  readonly service?: LocationServiceKind;
  readonly limit: number;
}

/** A place with its hours seen from now: the helpdesk's and, where there are any, the free-access ones. */
export interface DirectoryEntry {
  readonly location: LocationView;
  readonly helpdesk: OpeningWeekView;
  /** Walk-in hours for the computers, printer and Wi-Fi; undefined when the place has none. */
  readonly freeAccess?: OpeningWeekView;
  /** Straight-line distance from a shared location, in km. */
  readonly distanceKm?: number;
}

/** Days a closure is looked up ahead: the week shown and the next opening after it. */
const CLOSURE_HORIZON_DAYS = 35;
/** Zoom level of the map link: a street. */
const MAP_ZOOM = 17;

/**
 * "Where is the digibank and when is it open?": finds places (pin, postcode, town with typos, a
 * service asked for) and tells each one's hours from now — today's status, the coming week, the
 * free-access hours — with Belgian public holidays and closures taken out.
 */
export class DirectoryService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly locations: LocationService,
  ) {}

  /** The places of a search, best first: nearest to a pin, of a postcode, or of a town named in the text. */
  async find(search: DirectorySearch): Promise<LocationMatch[]> {
    const options = { limit: search.limit, ...(search.service ? { service: search.service } : {}) };
    if (search.pin) return this.locations.nearest(search.pin.latitude, search.pin.longitude, options);
    if (search.postcode) return this.locations.findByPostcode(search.postcode, options);
    const text = search.text ?? '';
    const matches = await this.locations.findByMunicipality(text, options);
    // A similar name only for a short answer ("Kortrik"), never for a word of a longer sentence.
    return matches.filter((match) => match.match === 'name' || text.trim().split(/\s+/).length <= 2);
  }

  /** The hours of each place seen from `now` (`days` days shown from today). */
  async entries(matches: readonly LocationMatch[], now: Date, days = 7): Promise<DirectoryEntry[]> {
    if (matches.length === 0) return [];
    const today = BrusselsTime.localDate(now);
    const calendar = await ClosureCalendar.load(this.prisma, today, BrusselsTime.addDays(today, CLOSURE_HORIZON_DAYS));
    const free = await this.freeAccessPeriods(matches.map((match) => match.location.id));
    return matches.map(({ location, distanceKm }) => {
      const closedOn = (date: string) => calendar.closureOn(date, { digibankId: location.digibankId, locationId: location.id });
      const access = free.get(location.id) ?? [];
      return {
        location,
        helpdesk: OpeningWeek.at(location.openingHours, closedOn, now, days),
        ...(access.length > 0 ? { freeAccess: OpeningWeek.at(access, closedOn, now, days) } : {}),
        ...(distanceKm !== undefined ? { distanceKm } : {}),
      };
    });
  }

  /** The place the person is known at: that of their latest appointment at a place, else of their latest loan request. */
  async knownLocation(personId: string): Promise<LocationView | undefined> {
    const newest = { orderBy: { createdAt: 'desc' as const }, select: { locationId: true } };
    const booking = await this.prisma.booking.findFirst({ where: { personId, locationId: { not: null } }, ...newest });
    const loan = booking ? null : await this.prisma.loanRequest.findFirst({ where: { personId, locationId: { not: null } }, ...newest });
    const id = booking?.locationId ?? loan?.locationId;
    const location = id ? await this.locations.get(id) : undefined;
    return location && (await this.prisma.location.count({ where: { id: location.id, active: true } })) > 0 ? location : undefined;
  }

  /** The OpenStreetMap link of a point, centred and zoomed to the street. */
  static mapUrl(latitude: number, longitude: number): string {
    // Four decimals: about 10 m, the size of a building; shorter on SMS.
    const lat = latitude.toFixed(4);
    const lon = longitude.toFixed(4);
    return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=${MAP_ZOOM}/${lat}/${lon}`;
  }

  private async freeAccessPeriods(locationIds: readonly string[]): Promise<Map<string, WeeklyPeriod[]>> {
    const rows = await this.prisma.freeAccessPeriod.findMany({
      where: { locationId: { in: [...locationIds] } },
      select: { locationId: true, weekday: true, opensAt: true, closesAt: true },
      orderBy: [{ weekday: 'asc' }, { opensAt: 'asc' }],
    });
    const byLocation = new Map<string, WeeklyPeriod[]>();
    for (const { locationId, ...period } of rows) byLocation.set(locationId, [...(byLocation.get(locationId) ?? []), period]);
    return byLocation;
  }
}
