import { PlaceNames } from './placeNames';
import type { Prisma, PrismaClient } from '../../generated/prisma/client';
import type { IsoWeekday, LocalTime } from '../../i18n/brusselsTime';

/**
 * What a location may offer (`Location.services`): helpdesk appointments, home visits, device
 * loans, workshops and courses, repair, and for anyone walking in: printing, free Wi-Fi and
 * computers to use (a digital access point, with its `FreeAccessPeriod` hours).
 */
export const LOCATION_SERVICES = ['helpdesk', 'home_visit', 'device_loan', 'training', 'repair', 'printing', 'wifi', 'computers'] as const;

/** What a location offers. */
export type LocationServiceKind = (typeof LOCATION_SERVICES)[number];

/** A weekly opening period, Brussels local time. */
export interface OpeningHours {
  weekday: IsoWeekday;
  opensAt: LocalTime;
  closesAt: LocalTime;
}

/** A digibank location as the dialogs show it. */
export interface LocationView {
  id: string;
  digibankId: string;
  digibankName: string;
  name: string;
  address: string;
  postcode: string;
  municipality: string;
  province: string;
  latitude: number;
  longitude: number;
  services: string[];
  languages: string[];
  phone: string | null;
  isDemo: boolean;
  openingHours: OpeningHours[];
}

/** How a location was found. */
export type LocationMatchKind = 'postcode' | 'served_area' | 'nearby_postcode' | 'name' | 'similar_name' | 'coordinates';

/** A location found by a search, best first. */
export interface LocationMatch {
  location: LocationView;
  match: LocationMatchKind;
  /** Straight-line distance in km (coordinates search only). */
  distanceKm?: number;
  /** The municipality name matched (name searches): lets a dialog ask "Did you mean Kortrijk?". */
  matchedName?: string;
}

const LOCATION_INCLUDE = {
  digibank: { select: { name: true } },
  openingPeriods: { select: { weekday: true, opensAt: true, closesAt: true }, orderBy: [{ weekday: 'asc' }, { opensAt: 'asc' }] },
} satisfies Prisma.LocationInclude;

type LocationRow = Prisma.LocationGetPayload<{ include: typeof LOCATION_INCLUDE }>;

const EARTH_RADIUS_KM = 6371;

/**
 * Finds digibank locations: by postcode, by municipality name (typos tolerated: "Kortrik",
 * "antwerpe", "Ieperen"), and nearest first from coordinates (a shared WhatsApp location).
 * Searches return at most `limit` (default 3) active locations.
 */
export class LocationService {
  constructor(private readonly prisma: PrismaClient) {}

  /** One location by id, or undefined. */
  async get(id: string): Promise<LocationView | undefined> {
    const row = await this.prisma.location.findUnique({ where: { id }, include: LOCATION_INCLUDE });
    return row ? LocationService.view(row) : undefined;
  }

  /**
   * Locations for a Belgian postcode: in that postcode; else of a digibank whose home-visit area
   * serves it; else in the same postcode region (same first two digits), closest number first.
   */
  async findByPostcode(postcode: string, options: { service?: LocationServiceKind; limit?: number } = {}): Promise<LocationMatch[]> {
    const code = postcode.trim();
    if (!/^[1-9]\d{3}$/.test(code)) return [];
    const limit = options.limit ?? 3;
    const locations = await this.active(options.service);
    const exact = locations.filter((location) => location.postcode === code);
    if (exact.length > 0) return exact.slice(0, limit).map((location) => ({ location, match: 'postcode' }));
    const areas = await this.prisma.homeVisitArea.findMany({ where: { active: true, postcodes: { has: code } }, select: { digibankId: true } });
    const servingBanks = new Set(areas.map((area) => area.digibankId));
    const served = locations.filter((location) => servingBanks.has(location.digibankId));
    if (served.length > 0) return served.slice(0, limit).map((location) => ({ location, match: 'served_area' }));
    return locations
      .filter((location) => location.postcode.slice(0, 2) === code.slice(0, 2))
      .sort((a, b) => Math.abs(Number(a.postcode) - Number(code)) - Math.abs(Number(b.postcode) - Number(code)))
      .slice(0, limit)
      .map((location) => ({ location, match: 'nearby_postcode' }));
  }

  /**
   * Locations in the municipality named in `text` (Dutch, French or English name, or a name
   * inside a short sentence), tolerating small typos. Exact names rank before similar ones.
   */
  async findByMunicipality(text: string, options: { service?: LocationServiceKind; limit?: number } = {}): Promise<LocationMatch[]> {
    const limit = options.limit ?? 3;
    const phrases = LocationService.phrases(text);
    if (phrases.length === 0) return [];
    const scored: Array<{ location: LocationView; distance: number; name: string }> = [];
    for (const row of await this.activeRows(options.service)) {
      const names = [row.municipality, ...row.municipalityAliases, ...PlaceNames.others(row.municipality)];
      let best: { distance: number; name: string } | undefined;
      for (const name of names) {
        const distance = LocationService.nameDistance(phrases, LocationService.normalizeName(name));
        if (distance !== undefined && (!best || distance < best.distance)) best = { distance, name: row.municipality };
      }
      if (best) scored.push({ location: LocationService.view(row), ...best });
    }
    scored.sort((a, b) => a.distance - b.distance || a.location.name.localeCompare(b.location.name));
    const bestDistance = scored[0]?.distance;
    return scored
      .filter((entry) => entry.distance === bestDistance)
      .slice(0, limit)
      .map((entry) => ({ location: entry.location, match: entry.distance === 0 ? 'name' : 'similar_name', matchedName: entry.name }));
  }

  /** The active locations of one digibank, by name. */
  async ofDigibank(digibankId: string): Promise<LocationView[]> {
    const rows = await this.prisma.location.findMany({ where: { digibankId, active: true }, include: LOCATION_INCLUDE, orderBy: { name: 'asc' } });
    return rows.map(LocationService.view);
  }

  /** The nearest active locations to a point, nearest first. */
  async nearest(latitude: number, longitude: number, options: { service?: LocationServiceKind; limit?: number } = {}): Promise<LocationMatch[]> {
    const locations = await this.active(options.service);
    return locations
      .map((location) => ({ location, distanceKm: LocationService.distanceKm(latitude, longitude, location.latitude, location.longitude) }))
      .sort((a, b) => a.distanceKm - b.distanceKm)
      .slice(0, options.limit ?? 3)
      .map(({ location, distanceKm }) => ({ location, match: 'coordinates', distanceKm: Math.round(distanceKm * 10) / 10 }));
  }

  /** Great-circle distance in km (haversine). */
  static distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
    const rad = Math.PI / 180;
    const dLat = (lat2 - lat1) * rad;
    const dLon = (lon2 - lon1) * rad;
    const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  /** Lower case, no accents, "ij" as "y" (Kortryk = Kortrijk), letters and single spaces only. */
  static normalizeName(name: string): string {
    return name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/ij/g, 'y')
      .replace(/[^a-z]+/g, ' ')
      .trim();
  }

  /**
   * Damerau-Levenshtein distance (optimal string alignment): insertions, deletions,
   * substitutions and swaps of neighbouring letters cost 1.
   */
  static editDistance(a: string, b: string): number {
    const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j += 1) d[0][j] = j;
    for (let i = 1; i <= a.length; i += 1) {
      for (let j = 1; j <= b.length; j += 1) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
    return d[a.length][b.length];
  }

  /**
   * How many typos two names may differ by and still be taken as the same: none up to 3 letters,
   * one up to 7, two from 8 (counting the longer one). Two typos on a short name would turn
   * another town into one of ours (Hasselt → Herselt), so they are not allowed there.
   */
  static allowedTypos(a: string, b: string): number {
    const longer = Math.max(a.length, b.length);
    return longer <= 3 ? 0 : longer <= 7 ? 1 : 2;
  }

  /** Typo distance of a typed phrase to a name; a name with up to two letters added counts one ("Ieperen"). */
  static typoDistance(phrase: string, name: string): number {
    const distance = LocationService.editDistance(phrase, name);
    const extended = name.length >= 4 && phrase.startsWith(name) && phrase.length - name.length <= 2;
    return extended ? Math.min(distance, 1) : distance;
  }

  /**
   * The candidate phrases of a text with the typos each may carry: all of it (typos allowed), and
   * in a sentence of three or more words each word and pair of words, exactly only — so that
   * "ik heb veel vragen" does not become Geel.
   */
  private static phrases(text: string): Array<{ phrase: string; fuzzy: boolean }> {
    const normalized = LocationService.normalizeName(text);
    const words = normalized.split(' ').filter((word) => word.length >= 3);
    const fuzzy = words.length <= 2;
    const pairs = words.slice(1).map((word, i) => `${words[i]} ${word}`);
    const parts = [...new Set([...words, ...pairs])].filter((phrase) => phrase !== normalized);
    return [{ phrase: normalized, fuzzy: true }, ...parts.map((phrase) => ({ phrase, fuzzy }))].filter(({ phrase }) => phrase.length >= 3);
  }

  /** The smallest typo distance between one of the phrases and a name, or undefined if too far. */
  private static nameDistance(phrases: Array<{ phrase: string; fuzzy: boolean }>, name: string): number | undefined {
    let best: number | undefined;
    for (const { phrase, fuzzy } of phrases) {
      const distance = LocationService.typoDistance(phrase, name);
      const allowed = fuzzy ? LocationService.allowedTypos(phrase, name) : 0;
      if (distance <= allowed && (best === undefined || distance < best)) best = distance;
    }
    return best;
  }

  private async activeRows(service?: LocationServiceKind): Promise<LocationRow[]> {
    return this.prisma.location.findMany({
      where: { active: true, ...(service ? { services: { has: service } } : {}) },
      include: LOCATION_INCLUDE,
      orderBy: [{ municipality: 'asc' }, { name: 'asc' }],
    });
  }

  private async active(service?: LocationServiceKind): Promise<LocationView[]> {
    return (await this.activeRows(service)).map(LocationService.view);
  }

  private static view(row: LocationRow): LocationView {
    return {
      id: row.id,
      digibankId: row.digibankId,
      digibankName: row.digibank.name,
      name: row.name,
      address: row.address,
      postcode: row.postcode,
      municipality: row.municipality,
      province: row.province,
      latitude: row.latitude,
      longitude: row.longitude,
      services: row.services,
      languages: row.languages,
      phone: row.phone,
      isDemo: row.isDemo,
      openingHours: row.openingPeriods.map((period) => ({
        weekday: period.weekday as IsoWeekday,
        opensAt: period.opensAt,
        closesAt: period.closesAt,
      })),
    };
  }
}
