import type { Request, Response, Server } from 'restify';
import { ReferenceCode } from '../../services/booking/referenceCode';
import { maskPersonalData } from '../../services/privacy/masking';
import { digibanksOfPerson, maskedNumber } from './citizenLabel';
import type { ConsoleContext } from './consoleContext';
import type { ConsoleUserView } from './consoleGuard';
import { consoleRoute, ConsoleHttpError, sendJson } from './consoleHttp';
import { audit } from './privacyRoutes';

/** People found by one search, at most. */
const MAX_FOUND = 20;
/** Fewest digits of a phone number searched by its end. */
const MIN_DIGITS = 3;
/** Rows of each kind on a person's page. */
const PAGE_ROWS = 50;

/** One person a search found, and how. */
export interface FoundPerson {
  personId: string;
  channel: string;
  maskedNumber: string | null;
  lastSeenAt: Date;
  matchedBy: 'appointment' | 'loan' | 'phone';
  reference: string | null;
}

/**
 * History and search of the console:
 *
 * - `GET /console/api/history?q=…`: the people of the user's digibank found by an appointment's or
 *   a loan's reference code ("K7M-4QX", any case, with or without the dash), or by the last digits
 *   of their phone number (3 or more). The assistant asks no one's name, so there is none to search.
 * - `GET /console/api/people/:personId/history`: one person's earlier conversations (with their
 *   handoffs), appointments and loans on one page (audited as `person.view`).
 */
export function registerHistoryRoutes(server: Server, ctx: ConsoleContext): void {
  const route = (handler: (req: Request, res: Response) => Promise<void>) => consoleRoute(ctx.http, handler);

  server.get('/console/api/history', route(async (req, res) => {
    const user = await ctx.auth.authenticate(req, res);
    if (!user) return;
    const q = String((req.query as Record<string, unknown> | undefined)?.q ?? '').trim();
    if (!q || q.length > 40) throw new ConsoleHttpError(400, 'invalid_request', { field: 'q' });
    const found: FoundPerson[] = [];
    for (const candidate of await search(ctx, q)) {
      if (found.length >= MAX_FOUND) break;
      if (await visible(ctx, user, candidate.personId)) found.push(candidate);
    }
    sendJson(res, 200, { people: found });
  }));

  server.get('/console/api/people/:personId/history', route(async (req, res) => {
    const user = await ctx.auth.authenticate(req, res);
    if (!user) return;
    const person = await ctx.prisma.person.findUnique({ where: { id: String(req.params.personId) } });
    if (!person) throw new ConsoleHttpError(404, 'not_found');
    if (!(await visible(ctx, user, person.id))) throw new ConsoleHttpError(403, 'forbidden_digibank');
    await audit(ctx, user, 'person.view', { type: 'person', id: person.id, digibankId: user.digibankId });
    sendJson(res, 200, await personHistory(ctx, person));
  }));
}

async function visible(ctx: ConsoleContext, user: ConsoleUserView, personId: string): Promise<boolean> {
  if (user.role === 'admin') return true;
  return user.digibankId !== null && (await digibanksOfPerson(ctx.prisma, personId)).has(user.digibankId);
}

/** Candidates of a search, before the digibank check: by reference code first, then by phone digits. */
async function search(ctx: ConsoleContext, q: string): Promise<FoundPerson[]> {
  const code = ReferenceCode.normalize(q);
  const found: FoundPerson[] = [];
  if (code) {
    const [booking, loan] = await Promise.all([
      ctx.prisma.booking.findUnique({ where: { reference: code }, include: { person: true } }),
      ctx.prisma.loanRequest.findUnique({ where: { reference: code }, include: { person: true } }),
    ]);
    if (booking) found.push({ ...personRow(booking.person), matchedBy: 'appointment', reference: ReferenceCode.format(code) });
    if (loan) found.push({ ...personRow(loan.person), matchedBy: 'loan', reference: ReferenceCode.format(code) });
  }
  const digits = q.replace(/[\s.\-/()+]/g, '');
  if (/^\d+$/.test(digits) && digits.length >= MIN_DIGITS) {
    const people = await ctx.prisma.person.findMany({
      where: { channel: { in: ['whatsapp', 'sms'] }, channelUserId: { endsWith: digits }, erasedAt: null },
      orderBy: { lastSeenAt: 'desc' },
      take: MAX_FOUND * 3,
    });
    found.push(...people.map((p) => ({ ...personRow(p), matchedBy: 'phone' as const, reference: null })));
  }
  return found;
}

function personRow(person: { id: string; channel: string; channelUserId: string; lastSeenAt: Date }) {
  return { personId: person.id, channel: person.channel, maskedNumber: maskedNumber(person.channel, person.channelUserId), lastSeenAt: person.lastSeenAt };
}

async function personHistory(ctx: ConsoleContext, person: { id: string; channel: string; channelUserId: string; language: string | null; lastSeenAt: Date; erasedAt: Date | null }) {
  const [conversations, bookings, loans] = await Promise.all([
    ctx.prisma.conversation.findMany({
      where: { personId: person.id },
      orderBy: { createdAt: 'desc' },
      take: PAGE_ROWS,
      include: {
        handoffs: { orderBy: { requestedAt: 'desc' }, include: { volunteer: { select: { displayName: true, username: true } } } },
        messages: { where: { direction: 'in' }, orderBy: { seq: 'desc' }, take: 1, select: { text: true } },
      },
    }),
    ctx.prisma.booking.findMany({ where: { personId: person.id }, orderBy: { startsAt: 'desc' }, take: PAGE_ROWS, include: { location: { select: { name: true } } } }),
    ctx.prisma.loanRequest.findMany({ where: { personId: person.id }, orderBy: { createdAt: 'desc' }, take: PAGE_ROWS }),
  ]);
  return {
    person: { id: person.id, channel: person.channel, maskedNumber: maskedNumber(person.channel, person.channelUserId), language: person.language, lastSeenAt: person.lastSeenAt, erased: Boolean(person.erasedAt) },
    conversations: conversations.map((c) => ({
      id: c.id, channel: c.channel, createdAt: c.createdAt, lastInboundAt: c.lastInboundAt,
      preview: maskPersonalData(c.messages[0]?.text ?? null),
      handoffs: c.handoffs.map((h) => ({ id: h.id, status: h.status, topic: h.topic, requestedAt: h.requestedAt, endedAt: h.endedAt, volunteer: h.volunteer ? h.volunteer.displayName ?? h.volunteer.username : null })),
    })),
    appointments: bookings.map((b) => ({ id: b.id, reference: ReferenceCode.format(b.reference), kind: b.kind, status: b.status, startsAt: b.startsAt, place: b.location?.name ?? null, topic: b.topic })),
    loans: loans.map((l) => ({ id: l.id, reference: ReferenceCode.format(l.reference), status: l.status, deviceKind: l.deviceKind, createdAt: l.createdAt })),
  };
}
