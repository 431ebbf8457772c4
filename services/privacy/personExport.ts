import type { PrismaClient } from '../../generated/prisma/client';
import type { Language, Translator } from '../../i18n/translator';

/** Everything held about one person (an access request, GDPR art. 15), as JSON. */
export type PersonData = NonNullable<Awaited<ReturnType<PersonExport['collect']>>>;

/**
 * An access request: gathers everything the assistant holds about one person — the person row,
 * what the assistant remembers (user state), every conversation with its messages, handoffs,
 * volunteers' notes and events, appointments, loan requests with their history, device offers and
 * erasure requests — and renders it as JSON or as a readable text file in the person's language.
 */
export class PersonExport {
  constructor(private readonly prisma: PrismaClient) {}

  /** The person's data, or null when there is no such person. */
  async collect(personId: string) {
    const person = await this.prisma.person.findUnique({ where: { id: personId } });
    if (!person) return null;
    const stateKey = `${person.channel}/users/${person.channelUserId}/`;
    const [profile, conversations, bookings, loans, repairs, donations, erasureRequests] = await Promise.all([
      this.prisma.botStateItem.findUnique({ where: { key: stateKey }, select: { data: true, updatedAt: true } }),
      this.prisma.conversation.findMany({
        where: { OR: [{ personId }, { channel: person.channel, channelConversationId: person.channelUserId }] },
        orderBy: { createdAt: 'asc' },
        include: {
          messages: { orderBy: { seq: 'asc' }, select: { direction: true, text: true, status: true, createdAt: true } },
          handoffs: {
            orderBy: { requestedAt: 'asc' },
            select: { status: true, reason: true, topic: true, requestedAt: true, endedAt: true, notes: { select: { text: true, createdAt: true } }, events: { select: { toStatus: true, reason: true, at: true } } },
          },
        },
      }),
      this.prisma.booking.findMany({ where: { personId }, orderBy: { startsAt: 'asc' }, include: { location: { select: { name: true, address: true } } } }),
      this.prisma.loanRequest.findMany({ where: { personId }, orderBy: { createdAt: 'asc' }, include: { events: { orderBy: { at: 'asc' }, select: { toStatus: true, reason: true, at: true } }, digibank: { select: { name: true } } } }),
      this.prisma.repairRequest.findMany({ where: { personId }, orderBy: { createdAt: 'asc' }, include: { events: { orderBy: { at: 'asc' }, select: { toStatus: true, note: true, at: true } }, location: { select: { name: true } }, moment: { select: { startsAt: true } } } }),
      this.prisma.deviceDonation.findMany({ where: { personId }, orderBy: { createdAt: 'asc' } }),
      this.prisma.erasureRequest.findMany({ where: { personId }, orderBy: { requestedAt: 'asc' }, select: { source: true, requestedAt: true, erasedAt: true } }),
    ]);
    return {
      person: { id: person.id, channel: person.channel, channelUserId: person.channelUserId, language: person.language, createdAt: person.createdAt, lastSeenAt: person.lastSeenAt, optedOutAt: person.optedOutAt, erasedAt: person.erasedAt },
      remembered: profile ? { data: profile.data, updatedAt: profile.updatedAt } : null,
      conversations: conversations.map((c) => ({ id: c.id, channel: c.channel, channelConversationId: c.channelConversationId, language: c.language, createdAt: c.createdAt, lastInboundAt: c.lastInboundAt, messages: c.messages, handoffs: c.handoffs })),
      bookings: bookings.map((b) => ({ reference: b.reference, kind: b.kind, status: b.status, startsAt: b.startsAt, endsAt: b.endsAt, place: b.location?.name ?? null, address: b.location?.address ?? null, postcode: b.postcode, topic: b.topic, notes: b.notes, createdAt: b.createdAt, cancelledAt: b.cancelledAt })),
      loans: loans.map((l) => ({ reference: l.reference, digibank: l.digibank.name, deviceKind: l.deviceKind, purpose: l.purpose, answers: l.answers, status: l.status, statusReason: l.statusReason, createdAt: l.createdAt, decidedAt: l.decidedAt, pickedUpAt: l.pickedUpAt, dueAt: l.dueAt, returnedAt: l.returnedAt, events: l.events })),
      repairs: repairs.map((r) => ({ reference: r.reference, place: r.location.name, moment: r.moment?.startsAt ?? null, deviceKind: r.deviceKind, problem: r.problem, since: r.since, loaned: r.loaned, status: r.status, note: r.note, createdAt: r.createdAt, events: r.events })),
      donations: donations.map((d) => ({ deviceKind: d.deviceKind, description: d.description, status: d.status, createdAt: d.createdAt })),
      erasureRequests,
    };
  }

  /** The data as a plain text file: headings and lines in `language` (texts `console.export.*`). */
  static text(data: PersonData, i18n: Translator, language: Language, generatedAt: Date): string {
    const t = (key: string, vars?: Record<string, string | number>) => i18n.t(language, `console.export.${key}`, vars);
    const when = (date: Date | null | undefined) => (date ? new Date(date).toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '-');
    const lines: string[] = [t('title'), t('generated', { date: when(generatedAt) }), ''];
    const section = (key: string, rows: string[]) => lines.push(`== ${t(key)} ==`, ...(rows.length ? rows : [t('none')]), '');
    const { person } = data;
    section('person', [
      `${t('channel')}: ${person.channel}`,
      `${t('number')}: ${person.channelUserId}`,
      `${t('language')}: ${person.language ?? '-'}`,
      `${t('firstContact')}: ${when(person.createdAt)}`,
      `${t('lastContact')}: ${when(person.lastSeenAt)}`,
      ...(person.optedOutAt ? [`${t('optedOut')}: ${when(person.optedOutAt)}`] : []),
      ...(person.erasedAt ? [`${t('erased')}: ${when(person.erasedAt)}`] : []),
    ]);
    section('remembered', data.remembered ? [JSON.stringify(data.remembered.data)] : []);
    section('messages', data.conversations.flatMap((c) => c.messages.map((m) => `${when(m.createdAt)} ${m.direction === 'in' ? t('fromYou') : t('fromUs')}: ${m.text ?? ''}`)));
    section('handoffs', data.conversations.flatMap((c) => c.handoffs.flatMap((h) => [`${when(h.requestedAt)} ${h.reason} (${h.status})`, ...h.notes.map((n) => `  ${t('note')} ${when(n.createdAt)}: ${n.text}`)])));
    section('bookings', data.bookings.map((b) => `${when(b.startsAt)} ${b.place ?? b.kind} ${b.reference} (${b.status})${b.postcode ? `, ${b.postcode}` : ''}${b.notes ? `, ${b.notes}` : ''}`));
    section('loans', data.loans.map((l) => `${when(l.createdAt)} ${l.deviceKind}, ${l.purpose}, ${l.digibank}: ${l.reference} (${l.status}) ${JSON.stringify(l.answers)}`));
    section('repairs', data.repairs.map((r) => `${when(r.createdAt)} ${r.deviceKind}, ${r.problem}, ${r.place}${r.moment ? ` ${when(r.moment)}` : ''}: ${r.reference} (${r.status})${r.note ? `, ${r.note}` : ''}`));
    section('donations', data.donations.map((d) => `${when(d.createdAt)} ${d.deviceKind} (${d.status})${d.description ? `: ${d.description}` : ''}`));
    section('erasures', data.erasureRequests.map((r) => `${when(r.requestedAt)} → ${when(r.erasedAt)}`));
    return lines.join('\n');
  }
}
