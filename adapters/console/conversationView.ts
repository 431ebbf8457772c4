import type { Conversation, Person } from '../../generated/prisma/client';
import type { HandoffDetail } from '../../services/handoff/handoffService';
import { maskPersonalData } from '../../services/privacy/masking';
import { WHATSAPP_LIMITS } from '../channelLimits';
import type { ConsoleContext } from './consoleContext';
import type { ConsoleUserView } from './consoleGuard';

/** Messages of the transcript shown (the latest). */
const TRANSCRIPT_LIMIT = 200;
/** Same margin as the WhatsApp sender: a window about to close counts as closed. */
const WINDOW_MARGIN_MS = 2 * 60_000;
const CLOSED_LOANS = ['returned', 'rejected', 'cancelled'];

/** A conversation as the console loads it. */
export type ConsoleConversation = Conversation & { person: Person | null };

/** WhatsApp's customer-service window of a conversation (other channels: no window). */
export interface ReplyWindow {
  applies: boolean;
  open: boolean;
  closesAt: string | null;
  /** The approved template that carries an answer outside the window, or null (none configured). */
  template: string | null;
}

/** The 24-hour window from the citizen's last message. */
export function replyWindow(conversation: Conversation, now: Date, template: string | null): ReplyWindow {
  if (conversation.channel !== 'whatsapp') return { applies: false, open: true, closesAt: null, template: null };
  const closesAt = conversation.lastInboundAt ? new Date(conversation.lastInboundAt.getTime() + WHATSAPP_LIMITS.customerServiceWindowHours * 3600_000) : null;
  return { applies: true, open: Boolean(closesAt && closesAt.getTime() - WINDOW_MARGIN_MS > now.getTime()), closesAt: closesAt?.toISOString() ?? null, template };
}

/**
 * The conversation view of the console: a triage summary (language, channel, topic, reason, what the
 * bot tried, upcoming bookings, open loan requests, the reply window, notes) and the transcript with
 * personal data masked ({@link maskPersonalData}).
 */
export async function conversationView(ctx: ConsoleContext, conversation: ConsoleConversation, handoff: HandoffDetail | null, user: ConsoleUserView) {
  const now = ctx.clock();
  const personId = conversation.personId;
  const [bookings, loans, notes, messages] = await Promise.all([
    personId
      ? ctx.prisma.booking.findMany({ where: { personId, status: 'booked', startsAt: { gte: now } }, orderBy: { startsAt: 'asc' }, take: 10, include: { location: { select: { name: true, address: true } } } })
      : [],
    personId ? ctx.prisma.loanRequest.findMany({ where: { personId, status: { notIn: CLOSED_LOANS } }, orderBy: { createdAt: 'desc' }, take: 10 }) : [],
    ctx.prisma.handoffNote.findMany({ where: { handoff: { conversationId: conversation.id } }, orderBy: { createdAt: 'asc' }, include: { author: { select: { id: true, displayName: true, username: true } } } }),
    ctx.prisma.message.findMany({ where: { conversationId: conversation.id }, orderBy: { seq: 'desc' }, take: TRANSCRIPT_LIMIT }),
  ]);
  const names = await volunteerNames(ctx, messages);
  return {
    conversation: { id: conversation.id, personId: conversation.personId, channel: conversation.channel, language: conversation.language ?? conversation.person?.language ?? null, createdAt: conversation.createdAt, lastInboundAt: conversation.lastInboundAt },
    handoff,
    mine: handoff?.status === 'with_volunteer' && handoff.volunteer?.id === user.id,
    summary: {
      language: handoff?.language ?? conversation.language ?? conversation.person?.language ?? null,
      channel: conversation.channel,
      topic: handoff?.topic ?? null,
      reason: handoff?.reason ?? null,
      urgent: handoff?.urgent ?? false,
      tried: handoff?.summary ?? null,
      assistantSaid: assistantBefore(messages, handoff?.requestedAt ?? null),
      callbackRequested: handoff?.callbackRequested ?? false,
      bookings: bookings.map((b) => ({ id: b.id, reference: b.reference, kind: b.kind, startsAt: b.startsAt, endsAt: b.endsAt, topic: b.topic, place: b.location?.name ?? null, address: b.location?.address ?? null, postcode: b.postcode })),
      loans: loans.map((l) => ({ id: l.id, reference: l.reference, deviceKind: l.deviceKind, purpose: l.purpose, status: l.status, createdAt: l.createdAt, dueAt: l.dueAt })),
    },
    window: replyWindow(conversation, now, ctx.whatsAppTemplate),
    optedOut: Boolean(conversation.person?.optedOutAt),
    notes: notes.map((n) => ({ id: n.id, text: maskPersonalData(n.text), createdAt: n.createdAt, author: n.author ? { id: n.author.id, name: n.author.displayName ?? n.author.username } : null })),
    transcript: [...messages].reverse().map((m) => ({ id: m.id, direction: m.direction, author: authorOf(m, names), text: maskPersonalData(m.text), status: m.status, createdAt: m.createdAt })),
  };
}

/** Who wrote a message of the transcript: the citizen, the assistant, or a volunteer (their display name). */
export type MessageAuthor = { kind: 'citizen' } | { kind: 'assistant' } | { kind: 'volunteer'; name: string };

/** The volunteer id of an outbound message sent from the console (`channelData.digibank.kind = volunteer`). */
function volunteerIdOf(message: { direction: string; activity: unknown }): string | undefined {
  if (message.direction !== 'out') return undefined;
  const about = (message.activity as { channelData?: { digibank?: { kind?: unknown; id?: unknown } } } | null)?.channelData?.digibank;
  return about?.kind === 'volunteer' && typeof about.id === 'string' ? about.id : undefined;
}

async function volunteerNames(ctx: ConsoleContext, messages: { direction: string; activity: unknown }[]): Promise<Map<string, string>> {
  const ids = [...new Set(messages.map(volunteerIdOf).filter((id): id is string => Boolean(id)))];
  if (!ids.length) return new Map();
  const users = await ctx.prisma.consoleUser.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true, username: true } });
  return new Map(users.map((u) => [u.id, u.displayName ?? u.username]));
}

function authorOf(message: { direction: string; activity: unknown }, names: Map<string, string>): MessageAuthor {
  if (message.direction === 'in') return { kind: 'citizen' };
  const volunteerId = volunteerIdOf(message);
  return volunteerId ? { kind: 'volunteer', name: names.get(volunteerId) ?? '?' } : { kind: 'assistant' };
}

/** Lines of the assistant's messages shown before the handoff, at most. */
const TRIED_LINES = 3;
const TRIED_CHARS = 160;

/** What the assistant last told the citizen before they were handed over (masked, one line each): what it tried. */
function assistantBefore(newestFirst: { direction: string; activity: unknown; text: string | null; createdAt: Date }[], requestedAt: Date | null): string[] {
  if (!requestedAt) return [];
  return newestFirst
    .filter((m) => m.direction === 'out' && !volunteerIdOf(m) && m.text && m.createdAt.getTime() <= requestedAt.getTime())
    .slice(0, TRIED_LINES)
    .reverse()
    .map((m) => {
      const line = (maskPersonalData(m.text) ?? '').replace(/\s+/g, ' ').trim();
      return line.length > TRIED_CHARS ? `${line.slice(0, TRIED_CHARS - 1)}…` : line;
    });
}
