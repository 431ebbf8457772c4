import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { isLanguage } from '../../i18n/translator';
import type { HandoffDetail } from '../../services/handoff/handoffService';
import { DutyHours } from '../../services/handoff/dutyHours';
import { actorOf, ConsoleContext, mapHandoffError } from './consoleContext';
import type { ConsoleUserView, GuardOptions } from './consoleGuard';
import { consoleRoute, ConsoleHttpError, readJson, sendJson } from './consoleHttp';
import { ConsoleConversation, conversationView, replyWindow } from './conversationView';
import { audit } from './privacyRoutes';
import { repliesFor } from './cannedReplyRoutes';

const MAX_TEXT = 4000;
const messageSchema = z.object({ text: z.string().trim().min(1).max(MAX_TEXT), asTemplate: z.boolean().optional() });
const noteSchema = z.object({ text: z.string().trim().min(1).max(MAX_TEXT) });
const transferSchema = z.object({ userId: z.string().min(1).max(100) });

/** A request on one conversation that passed the guard, the 404 and the digibank check. */
export interface ConversationAccess {
  user: ConsoleUserView;
  conversation: ConsoleConversation;
  handoff: HandoffDetail | null;
  /**
   * The digibank of the conversation: its handoff's (a claim gives an unknown one the volunteer's),
   * else the person's (latest booking, loan or place), else null: administrators only.
   */
  digibankId: string | null;
}

/**
 * Checks a request on `/console/api/conversations/:id…`: a session (401), CSRF when it changes
 * something (403), the conversation exists (404), and it belongs to the user's digibank (403).
 * Undefined when the answer has been sent.
 */
export async function conversationAccess(ctx: ConsoleContext, req: Request, res: Response, options: GuardOptions = {}): Promise<ConversationAccess | undefined> {
  const user = await ctx.auth.authenticate(req, res, options);
  if (!user) return undefined;
  const conversation = await ctx.prisma.conversation.findUnique({ where: { id: String(req.params.id) }, include: { person: true } });
  if (!conversation) throw new ConsoleHttpError(404, 'not_found');
  const handoff = await ctx.handoffs.get(conversation.id);
  const digibankId = handoff ? handoff.digibankId : await new DutyHours(ctx.prisma).digibankOf(conversation.personId);
  // A citizen waiting for a person, of no known digibank, is in every digibank's queue: any volunteer may open and claim it.
  const waitingForAnyone = handoff?.status === 'waiting' && handoff.digibankId === null;
  if (!waitingForAnyone && !ctx.auth.canAccess(user, digibankId)) throw new ConsoleHttpError(403, 'forbidden_digibank');
  return { user, conversation, handoff, digibankId };
}

/**
 * The conversation routes: view, claim, take over, reply (with WhatsApp's 24-hour window), release,
 * close, transfer, notes and quick replies (the digibank's canned replies in the citizen's language, else the fixed ones).
 */
export function registerConversationRoutes(server: Server, ctx: ConsoleContext): void {
  const route = (handler: (req: Request, res: Response) => Promise<void>) => consoleRoute(ctx.http, handler, mapHandoffError);
  const base = '/console/api/conversations/:id';

  server.get(base, route(async (req, res) => {
    const access = await conversationAccess(ctx, req, res);
    if (!access) return;
    await audit(ctx, access.user, 'conversation.view', { type: 'conversation', id: access.conversation.id, digibankId: access.digibankId });
    sendJson(res, 200, await conversationView(ctx, access.conversation, access.handoff, access.user));
  }));

  for (const action of ['claim', 'takeover'] as const) {
    server.post(`${base}/${action}`, route(async (req, res) => {
      const access = await conversationAccess(ctx, req, res, { csrf: true });
      if (!access) return;
      const actor = actorOf(access.user);
      const result = action === 'claim' ? await ctx.handoffs.claim(access.conversation.id, actor) : await ctx.handoffs.takeOver(access.conversation.id, actor);
      if (result.ok) return sendJson(res, 200, { handoff: result.handoff });
      const error = result.claimedBy ? 'already_claimed' : 'not_waiting';
      sendJson(res, 409, { error, claimedBy: result.claimedBy, status: result.status });
    }));
  }

  server.post(`${base}/messages`, route(async (req, res) => {
    const access = await conversationAccess(ctx, req, res, { csrf: true });
    if (!access) return;
    const body = await readJson(req, messageSchema);
    if (access.conversation.person?.optedOutAt) throw new ConsoleHttpError(409, 'opted_out');
    const window = replyWindow(access.conversation, ctx.clock(), ctx.whatsAppTemplate);
    if (!window.open && !(body.asTemplate && window.template)) throw new ConsoleHttpError(409, 'window_closed', { template: window.template, closedAt: window.closesAt });
    const { messageId } = await ctx.handoffs.sendMessage(access.conversation.id, actorOf(access.user), body.text);
    sendJson(res, 201, { messageId, asTemplate: !window.open });
  }));

  for (const action of ['release', 'close'] as const) {
    server.post(`${base}/${action}`, route(async (req, res) => {
      const access = await conversationAccess(ctx, req, res, { csrf: true });
      if (!access) return;
      await ctx.handoffs[action](access.conversation.id, actorOf(access.user));
      sendJson(res, 200, { handoff: await ctx.handoffs.get(access.conversation.id) });
    }));
  }

  server.post(`${base}/transfer`, route(async (req, res) => {
    const access = await conversationAccess(ctx, req, res, { csrf: true });
    if (!access) return;
    const { userId } = await readJson(req, transferSchema);
    if (!(await ctx.users.find(access.user, userId))) throw new ConsoleHttpError(404, 'unknown_user');
    await ctx.handoffs.transfer(access.conversation.id, actorOf(access.user), userId);
    sendJson(res, 200, { handoff: await ctx.handoffs.get(access.conversation.id) });
  }));

  server.post(`${base}/notes`, route(async (req, res) => {
    const access = await conversationAccess(ctx, req, res, { csrf: true });
    if (!access) return;
    const { text } = await readJson(req, noteSchema);
    await ctx.handoffs.addNote(access.conversation.id, actorOf(access.user), text);
    sendJson(res, 201, { ok: true });
  }));

  server.get(`${base}/quick-replies`, route(async (req, res) => {
    const access = await conversationAccess(ctx, req, res);
    if (!access) return;
    const spoken = await ctx.notifier.languageOf({ conversationId: access.conversation.id });
    const language = isLanguage(spoken) ? spoken : 'nl';
    const { replies } = await repliesFor(ctx, access.digibankId ?? access.user.digibankId, language);
    sendJson(res, 200, { language, replies });
  }));
}
