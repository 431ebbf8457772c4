import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { isLanguage, LANGUAGES, type Language } from '../../i18n/translator';
import type { ConsoleContext } from './consoleContext';
import { consoleRoute, ConsoleHttpError, readJson, sendJson } from './consoleHttp';

/** Quick replies offered to the volunteer by default, as locale keys `console.quickReplies.<id>`. */
export const QUICK_REPLIES = ['hello', 'oneMoment', 'understood', 'bringEid', 'callBack', 'anythingElse', 'goodbye'] as const;
/** Canned replies of one digibank in one language, at most. */
const MAX_REPLIES = 20;

const putSchema = z.object({
  digibankId: z.string().uuid().optional(),
  replies: z.array(z.string().trim().min(1).max(1000)).max(MAX_REPLIES),
});

/** One reply a volunteer can put in the answer box. */
export interface CannedReplyView {
  id: string;
  text: string;
}

/**
 * The replies offered in a conversation: the digibank's own in that language when its coordinators
 * wrote some, else the seven fixed quick replies of `locales/<language>/console.json`.
 */
export async function repliesFor(ctx: ConsoleContext, digibankId: string | null, language: Language): Promise<{ custom: boolean; replies: CannedReplyView[] }> {
  const own = digibankId ? await ctx.prisma.cannedReply.findMany({ where: { digibankId, language }, orderBy: { position: 'asc' } }) : [];
  if (own.length) return { custom: true, replies: own.map((r) => ({ id: r.id, text: r.text })) };
  return { custom: false, replies: QUICK_REPLIES.map((id) => ({ id, text: ctx.i18n.t(language, `console.quickReplies.${id}`) })) };
}

/**
 * `GET /console/api/canned-replies?language=nl-simple[&digibankId]`: the replies of the user's
 * digibank in that language (or the defaults); `PUT /console/api/canned-replies/:language
 * {"replies": [...]}`: coordinators and administrators replace them (an empty list: back to the defaults).
 */
export function registerCannedReplyRoutes(server: Server, ctx: ConsoleContext): void {
  const route = (handler: (req: Request, res: Response) => Promise<void>) => consoleRoute(ctx.http, handler);

  server.get('/console/api/canned-replies', route(async (req, res) => {
    const user = await ctx.auth.authenticate(req, res);
    if (!user) return;
    const query = (req.query ?? {}) as Record<string, string | undefined>;
    const language = languageOf(query.language ?? 'nl');
    const digibankId = user.role === 'admin' ? (query.digibankId ?? null) : user.digibankId;
    sendJson(res, 200, { language, languages: LANGUAGES, ...(await repliesFor(ctx, digibankId, language)) });
  }));

  server.put('/console/api/canned-replies/:language', route(async (req, res) => {
    const user = await ctx.auth.authenticate(req, res, { csrf: true, roles: ['admin', 'coordinator'] });
    if (!user) return;
    const language = languageOf(String(req.params.language));
    const body = await readJson(req, putSchema);
    const digibankId = user.role === 'admin' ? body.digibankId : user.digibankId;
    if (!digibankId) throw new ConsoleHttpError(400, 'invalid_request', { field: 'digibankId' });
    await ctx.prisma.$transaction([
      ctx.prisma.cannedReply.deleteMany({ where: { digibankId, language } }),
      ctx.prisma.cannedReply.createMany({ data: body.replies.map((text, position) => ({ digibankId, language, text, position })) }),
    ]);
    sendJson(res, 200, { language, ...(await repliesFor(ctx, digibankId, language)) });
  }));
}

function languageOf(value: string): Language {
  if (!isLanguage(value)) throw new ConsoleHttpError(400, 'invalid_request', { field: 'language' });
  return value;
}
