import type { PrismaClient } from '../../generated/prisma/client';
import { columnOf, EVENTS_SQL, NAMED_LANGUAGES, OVERDUE_SQL, PEOPLE_SQL, WAITS_SQL, WEEKS_SQL } from './reachQueries';

/** Channels of the report; any other channel counts under `other`. */
export const REPORT_CHANNELS = ['whatsapp', 'sms', 'webchat', 'other'] as const;
/** A channel of the report. */
export type ReportChannel = (typeof REPORT_CHANNELS)[number];

/** The figures of one scope (everyone, a digibank, a municipality, a province, or those not linked). */
export interface ReachFigures {
  /** People reached: each once, however many channels, conversations or digibanks. */
  uniquePeople: number;
  /** Conversations: a conversation on a day on which the person wrote. */
  conversations: number;
  /** Messages of those conversations: the person's and the assistant's replies. */
  messages: number;
  /** Unique people per channel (a person on two channels counts once on each). */
  byChannel: Record<ReportChannel, number>;
  messagesByChannel: Record<ReportChannel, number>;
  /** Unique people per language of the assistant (nl, fr, en and their simplified variants nl-simple, fr-simple, en-simple apart). */
  byLanguage: Record<string, number>;
  messagesByLanguage: Record<string, number>;
  /** Triage topic label → conversations about it. */
  topics: Record<string, number>;
  /** Appointments (helpdesk and home visits): made in the period, kept and no-show on their day, cancelled in it. */
  appointments: { made: number; kept: number; noShow: number; cancelled: number };
  /** Home visits booked in the period (also counted in `appointments.made`). */
  homeVisits: number;
  /** Workshop registrations made and cancelled in the period; people marked present at a session on its day. */
  workshops: { registered: number; cancelled: number; attended: number };
  /** Repair requests made (booked at a repair moment, or a loaned device for the coordinator). */
  repairs: { requested: number };
  /** Loans requested, picked up and returned in the period; overdue at its end. */
  loans: { requested: number; started: number; returned: number; overdue: number };
  donations: number;
  /** Handoffs asked for by citizens; the wait of those a volunteer took in the period; those ended without a volunteer. */
  handoffs: { count: number; medianWaitSeconds: number | null; p90WaitSeconds: number | null; unanswered: number };
  callbacks: { requested: number; done: number };
  smsSegments: number;
  whatsappTemplates: number;
  /** smsSegments × SMS price + whatsappTemplates × template price, in euro (cents). */
  costEur: number;
}

/** A digibank's figures with where it is (its first active location). */
export interface DigibankReach extends ReachFigures {
  digibankId: string;
  name: string;
  municipality: string | null;
  province: string | null;
}

/** The figures of a municipality or a province (people linked to one of its digibanks). */
export interface AreaReach extends ReachFigures {
  province: string;
  municipality?: string;
}

/** The reach report of a period (API `GET /console/api/reports/reach`). */
export interface ReachReport {
  from: string;
  to: string;
  /** Everyone the report covers; a person counts once however many channels or digibanks. */
  totals: ReachFigures;
  digibanks: DigibankReach[];
  /** People the assistant helped without an appointment, loan, handoff or chosen place of a digibank in the period. */
  unlinked: ReachFigures;
  municipalities: AreaReach[];
  provinces: AreaReach[];
  /** Unique people per week (Monday) of the period. */
  weeks: { week: string; uniquePeople: number }[];
  /** The unit prices the costs were computed with. */
  prices: ReachPrices;
}

/** Unit prices of the costs (configuration SMS_SEGMENT_PRICE_EUR, WHATSAPP_TEMPLATE_PRICE_EUR). */
export interface ReachPrices {
  smsSegmentEur: number;
  whatsappTemplateEur: number;
}

/** What to report: a period (Brussels days, inclusive) and optionally one digibank. */
export interface ReachQuery {
  from: string;
  to: string;
  /** Only this digibank: the totals are its figures, `unlinked` is left empty. */
  digibankId?: string;
}

interface DigibankPlace {
  digibankId: string;
  name: string;
  municipality: string | null;
  province: string | null;
}

type Level = 'total' | 'digibank' | 'municipality' | 'province';
interface ScopeRow { level: Level; scope: string }

/** The empty figures. */
export function emptyFigures(): ReachFigures {
  return {
    uniquePeople: 0,
    conversations: 0,
    messages: 0,
    byChannel: { whatsapp: 0, sms: 0, webchat: 0, other: 0 },
    messagesByChannel: { whatsapp: 0, sms: 0, webchat: 0, other: 0 },
    byLanguage: {},
    messagesByLanguage: {},
    topics: {},
    appointments: { made: 0, kept: 0, noShow: 0, cancelled: 0 },
    homeVisits: 0,
    workshops: { registered: 0, cancelled: 0, attended: 0 },
    repairs: { requested: 0 },
    loans: { requested: 0, started: 0, returned: 0, overdue: 0 },
    donations: 0,
    handoffs: { count: 0, medianWaitSeconds: null, p90WaitSeconds: null, unanswered: 0 },
    callbacks: { requested: 0, done: 0 },
    smsSegments: 0,
    whatsappTemplates: 0,
    costEur: 0,
  };
}

const round = (value: number | null): number | null => (value === null ? null : Math.round(value));

/**
 * The reach report: unique people, conversations, channels, languages, topics, appointments, loans,
 * handoffs and costs per digibank, municipality and province, from the reach tables alone (facts
 * recorded as they happened; services/reach/reachRecorder.ts and the turn's commit), so that neither
 * erasing a person nor the retention purge changes a past period's figures.
 */
export class ReachReportService {
  constructor(private readonly prisma: PrismaClient, private readonly prices: ReachPrices) {}

  /** The report of a period. */
  async report(query: ReachQuery): Promise<ReachReport> {
    const places = await this.places();
    const params = [query.from, query.to, JSON.stringify(places.map((place) => ({ digibank_id: place.digibankId, municipality: place.municipality, province: place.province }))), query.digibankId ?? null];
    const run = <T>(sql: string) => this.prisma.$queryRawUnsafe<T[]>(sql, ...params);
    type EventRow = ScopeRow & { kind: string; topic: string | null; n: number; total: number; median: number | null; p90: number | null };
    const [people, events, waits, overdue, weeks] = await Promise.all([
      run<ScopeRow & PeopleRow>(PEOPLE_SQL),
      run<EventRow>(EVENTS_SQL),
      run<EventRow>(WAITS_SQL),
      run<ScopeRow & { n: number }>(OVERDUE_SQL),
      run<{ week: string; people: number }>(WEEKS_SQL),
    ]);
    const figures = new Map<string, ReachFigures>();
    const of = (row: ScopeRow) => {
      const key = `${row.level}\u0000${row.scope}`;
      let found = figures.get(key);
      if (!found) figures.set(key, (found = emptyFigures()));
      return found;
    };
    for (const row of people) addPeople(of(row), row);
    for (const row of events) if (row.kind !== 'handoff_claimed') addEvent(of(row), row);
    for (const row of waits) addEvent(of(row), row);
    for (const row of overdue) of(row).loans.overdue = row.n;
    for (const value of figures.values()) value.costEur = Math.round((value.smsSegments * this.prices.smsSegmentEur + value.whatsappTemplates * this.prices.whatsappTemplateEur) * 100) / 100;
    const get = (level: Level, scope: string) => figures.get(`${level}\u0000${scope}`) ?? emptyFigures();
    const shown = query.digibankId ? places.filter((place) => place.digibankId === query.digibankId) : places;
    const digibanks = shown.map((place) => ({ ...place, ...get('digibank', place.digibankId) }));
    const areas = areasOf(shown);
    return {
      from: query.from,
      to: query.to,
      totals: query.digibankId ? withoutPlace(digibanks[0]) ?? emptyFigures() : get('total', ''),
      digibanks,
      unlinked: query.digibankId ? emptyFigures() : get('digibank', ''),
      municipalities: areas.municipalities.map((area) => ({ ...area, ...get('municipality', `${area.province}|${area.municipality}`) })),
      provinces: areas.provinces.map((province) => ({ province, ...get('province', province) })),
      weeks: weeks.map((row) => ({ week: row.week, uniquePeople: row.people })).sort((a, b) => a.week.localeCompare(b.week)),
      prices: this.prices,
    };
  }

  /** Every digibank with the municipality and province of its first active location, by province, municipality, name. */
  async places(): Promise<DigibankPlace[]> {
    const digibanks = await this.prisma.digibank.findMany({
      select: { id: true, name: true, locations: { where: { active: true }, orderBy: { createdAt: 'asc' }, take: 1, select: { municipality: true, province: true } } },
    });
    return digibanks
      .map((digibank) => ({ digibankId: digibank.id, name: digibank.name, municipality: digibank.locations[0]?.municipality ?? null, province: digibank.locations[0]?.province ?? null }))
      .sort((a, b) => (a.province ?? '~').localeCompare(b.province ?? '~') || (a.municipality ?? '~').localeCompare(b.municipality ?? '~') || a.name.localeCompare(b.name));
  }
}

function withoutPlace(digibank: DigibankReach | undefined): ReachFigures | undefined {
  if (!digibank) return undefined;
  const { digibankId: _id, name: _name, municipality: _municipality, province: _province, ...figures } = digibank;
  return figures;
}

function areasOf(places: DigibankPlace[]): { municipalities: { province: string; municipality: string }[]; provinces: string[] } {
  const municipalities = new Map<string, { province: string; municipality: string }>();
  const provinces = new Set<string>();
  for (const place of places) {
    if (place.province) provinces.add(place.province);
    if (place.province && place.municipality) municipalities.set(`${place.province}|${place.municipality}`, { province: place.province, municipality: place.municipality });
  }
  return { municipalities: [...municipalities.values()], provinces: [...provinces] };
}

/** A row of PEOPLE_SQL: people, conversations, messages, and `ch_*`, `chm_*`, `la_*`, `lam_*` per channel and language. */
type PeopleRow = { people: number; conversations: number; messages: number } & Record<string, number>;

const LANGUAGE_COLUMNS = [...NAMED_LANGUAGES, 'unknown'];

function addPeople(figures: ReachFigures, row: PeopleRow): void {
  // Sums over no row (nobody reached) are NULL: zero.
  const n = (column: string) => row[column] ?? 0;
  figures.uniquePeople = n('people');
  figures.conversations = n('conversations');
  figures.messages = n('messages');
  for (const channel of REPORT_CHANNELS) {
    figures.byChannel[channel] = n(`ch_${channel}`);
    figures.messagesByChannel[channel] = n(`chm_${channel}`);
  }
  for (const language of LANGUAGE_COLUMNS) {
    // Only languages someone used: the report names what happened, not every possible language.
    if (!n(`la_${columnOf(language)}`)) continue;
    figures.byLanguage[language] = n(`la_${columnOf(language)}`);
    figures.messagesByLanguage[language] = n(`lam_${columnOf(language)}`);
  }
}

function addEvent(figures: ReachFigures, row: { kind: string; topic: string | null; n: number; total: number; median: number | null; p90: number | null }): void {
  switch (row.kind) {
    case 'topic': if (row.topic) figures.topics[row.topic] = row.n; break;
    case 'appointment_made': figures.appointments.made = row.n; break;
    case 'appointment_kept': figures.appointments.kept = row.n; break;
    case 'appointment_no_show': figures.appointments.noShow = row.n; break;
    case 'appointment_cancelled': figures.appointments.cancelled = row.n; break;
    case 'home_visit': figures.homeVisits = row.n; break;
    case 'workshop_registered': figures.workshops.registered = row.n; break;
    case 'workshop_cancelled': figures.workshops.cancelled = row.n; break;
    case 'workshop_attended': figures.workshops.attended = row.n; break;
    case 'repair_requested': figures.repairs.requested = row.n; break;
    case 'loan_requested': figures.loans.requested = row.n; break;
    case 'loan_started': figures.loans.started = row.n; break;
    case 'loan_returned': figures.loans.returned = row.n; break;
    case 'donation': figures.donations = row.n; break;
    case 'handoff': figures.handoffs.count = row.n; break;
    case 'handoff_claimed': figures.handoffs.medianWaitSeconds = round(row.median); figures.handoffs.p90WaitSeconds = round(row.p90); break;
    case 'handoff_unanswered': figures.handoffs.unanswered = row.n; break;
    case 'callback_requested': figures.callbacks.requested = row.n; break;
    case 'callback_done': figures.callbacks.done = row.n; break;
    case 'sms_sent': figures.smsSegments = row.total; break;
    case 'whatsapp_template': figures.whatsappTemplates = row.n; break;
    default: break;
  }
}
