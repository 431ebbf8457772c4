import type { Prisma } from '../../generated/prisma/client';
import { BrusselsTime, LocalDate } from '../../i18n/brusselsTime';
import type { Topic } from '../booking/whatToBring';

/** Languages a workshop is taught in. */
export type InstructionLanguage = 'nl' | 'fr' | 'en';
/** How much a participant should already know. */
export type WorkshopLevel = 'beginner' | 'intermediate' | 'advanced';
/** A text per language ({"nl": "…", "fr": "…"}). */
export type LocalizedText = Partial<Record<InstructionLanguage, string>>;

/** The levels, in order. */
export const WORKSHOP_LEVELS: readonly WorkshopLevel[] = ['beginner', 'intermediate', 'advanced'];
/** The languages of instruction. */
export const INSTRUCTION_LANGUAGES: readonly InstructionLanguage[] = ['nl', 'fr', 'en'];

/** One meeting of a workshop. */
export interface WorkshopSessionView {
  id: string;
  startsAt: Date;
  endsAt: Date;
  date: LocalDate;
}

/** A workshop as the dialogs and the console show it. */
export interface WorkshopView {
  id: string;
  digibankId: string;
  locationId: string;
  title: LocalizedText;
  description: LocalizedText;
  whatToBring: LocalizedText;
  topic: Topic;
  level: WorkshopLevel;
  language: InstructionLanguage;
  seats: number;
  taken: number;
  /** Seats still free. */
  free: number;
  priceCents: number;
  status: 'open' | 'cancelled';
  startsAt: Date;
  endsAt: Date;
  sessions: WorkshopSessionView[];
  isDemo: boolean;
}

/** The rows a workshop view is built from. */
export const WORKSHOP_INCLUDE = { sessions: { orderBy: { startsAt: 'asc' } } } satisfies Prisma.WorkshopInclude;
type WorkshopRow = Prisma.WorkshopGetPayload<{ include: typeof WORKSHOP_INCLUDE }>;

/** The workshop row as a view. */
export function workshopView(row: WorkshopRow): WorkshopView {
  return {
    id: row.id,
    digibankId: row.digibankId,
    locationId: row.locationId,
    title: localizedText(row.title),
    description: localizedText(row.description),
    whatToBring: localizedText(row.whatToBring),
    topic: row.topic as Topic,
    level: row.level as WorkshopLevel,
    language: row.language as InstructionLanguage,
    seats: row.seats,
    taken: row.taken,
    free: Math.max(0, row.seats - row.taken),
    priceCents: row.priceCents,
    status: row.status as WorkshopView['status'],
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    sessions: row.sessions.map((session) => ({ id: session.id, startsAt: session.startsAt, endsAt: session.endsAt, date: BrusselsTime.localDate(session.startsAt) })),
    isDemo: row.isDemo,
  };
}

/** A JSON value as a text per language (anything else is dropped). */
export function localizedText(value: unknown): LocalizedText {
  const text: LocalizedText = {};
  if (!value || typeof value !== 'object') return text;
  for (const language of INSTRUCTION_LANGUAGES) {
    const candidate = (value as Record<string, unknown>)[language];
    if (typeof candidate === 'string' && candidate.trim() !== '') text[language] = candidate.trim();
  }
  return text;
}

/**
 * The text in the person's language (`nl-simple` reads the Dutch one), else in the workshop's
 * language of instruction, else any; '' when there is none.
 */
export function textIn(text: LocalizedText, language: string, fallback?: InstructionLanguage): string {
  const base = language.split('-')[0] as InstructionLanguage;
  return text[base] ?? (fallback ? text[fallback] : undefined) ?? Object.values(text)[0] ?? '';
}
