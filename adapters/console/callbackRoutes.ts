import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { callbackMomentOf, HandoffError } from '../../services/handoff/handoffService';
import { phoneOf, maskedNumber, ofDigibank } from './citizenLabel';
import { actorOf, ConsoleContext, scopeOf } from './consoleContext';
import { consoleRoute, ConsoleHttpError, readJson, sendJson } from './consoleHttp';
import { audit } from './privacyRoutes';

/** Call-backs listed at once (oldest first). */
const LIST_LIMIT = 200;
/** Finished call-backs stay listed this long, so a colleague sees what was done today. */
const DONE_VISIBLE_MS = 24 * 3600_000;
const outcomeSchema = z.object({ outcome: z.enum(['done', 'unreachable']) });

/**
 * The call-backs citizens asked for (the handoff dialog's "call me back", stored on the handoff):
 *
 * - `GET /console/api/callbacks`: the call-backs of the user's digibank (and those of no known
 *   digibank), oldest first, each with the moment the citizen prefers (`moment`: morning |
 *   afternoon | evening | anyTime, null when not said). The phone number is shown only to users
 *   of the citizen's digibank (and administrators), and every number shown is written to the
 *   audit trail (`callback.view`); others see the masked number.
 * - `POST /console/api/callbacks/:handoffId/outcome {"outcome": "done" | "unreachable"}`: the
 *   volunteer called. "done" also closes the waiting handoff (the reach report counts a call-back done).
 */
export function registerCallbackRoutes(server: Server, ctx: ConsoleContext): void {
  const route = (handler: (req: Request, res: Response) => Promise<void>) => consoleRoute(ctx.http, handler);

  server.get('/console/api/callbacks', route(async (req, res) => {
    const user = await ctx.auth.authenticate(req, res);
    if (!user) return;
    const { digibankId } = scopeOf(user);
    const since = new Date(ctx.clock().getTime() - DONE_VISIBLE_MS);
    const rows = await ctx.prisma.handoff.findMany({
      where: {
        callbackRequested: true,
        OR: [{ callbackOutcome: null }, { callbackOutcome: 'unreachable' }, { callbackOutcomeAt: { gte: since } }],
        ...(digibankId ? { AND: [{ OR: [{ digibankId }, { digibankId: null }] }] } : {}),
      },
      orderBy: { requestedAt: 'asc' },
      take: LIST_LIMIT,
      include: { conversation: { select: { channelConversationId: true } }, person: { select: { channelUserId: true } } },
    });
    const callbacks = [];
    for (const row of rows) {
      const number = row.person?.channelUserId ?? row.conversation.channelConversationId;
      const shown = ofDigibank(user, row.digibankId) ? phoneOf(row.channel, number) : null;
      if (shown && row.personId) await audit(ctx, user, 'callback.view', { type: 'person', id: row.personId, digibankId: row.digibankId });
      callbacks.push({
        handoffId: row.id, conversationId: row.conversationId, personId: row.personId, channel: row.channel, language: row.language, topic: row.topic,
        status: row.status, requestedAt: row.requestedAt, moment: callbackMomentOf(row.callbackMoment), outcome: row.callbackOutcome, outcomeAt: row.callbackOutcomeAt,
        phone: shown, maskedNumber: maskedNumber(row.channel, number), digibankId: row.digibankId,
      });
    }
    sendJson(res, 200, { callbacks });
  }));

  server.post('/console/api/callbacks/:handoffId/outcome', route(async (req, res) => {
    const user = await ctx.auth.authenticate(req, res, { csrf: true });
    if (!user) return;
    const { outcome } = await readJson(req, outcomeSchema);
    const row = await ctx.prisma.handoff.findUnique({ where: { id: String(req.params.handoffId) } });
    if (!row || !row.callbackRequested) throw new ConsoleHttpError(404, 'not_found');
    if (!ofDigibank(user, row.digibankId) && row.digibankId !== null) throw new ConsoleHttpError(403, 'forbidden_digibank');
    await ctx.prisma.handoff.update({ where: { id: row.id }, data: { callbackOutcome: outcome, callbackOutcomeAt: ctx.clock(), callbackOutcomeBy: user.id } });
    if (outcome === 'done' && row.status === 'waiting') {
      await ctx.handoffs.close(row.conversationId, actorOf(user)).catch((error: unknown) => {
        if (!(error instanceof HandoffError)) throw error;
      });
    }
    sendJson(res, 200, { callback: { handoffId: row.id, outcome } });
  }));
}
