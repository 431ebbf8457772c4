import type { Request, Response, Server } from 'restify';
import { ConsoleContext, scopeOf } from './consoleContext';
import type { ConsoleUserView } from './consoleGuard';
import { consoleRoute, sendJson } from './consoleHttp';
import { queueRows } from './queueRows';

/** A comment line every so often keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 20_000;

/**
 * `GET /console/api/queue` (the open handoffs the user may see: urgent first, then oldest, each with the masked number and a masked one-line preview) and
 * `GET /console/api/queue/stream`: server-sent events, one `queue` event with the whole queue at
 * once and after every change of any handoff ({@link HandoffService.watch} polls the database, so
 * changes made by other processes arrive too). The stream ends with a `logout` event when the
 * session does.
 */
export function registerQueueRoutes(server: Server, ctx: ConsoleContext): () => void {
  const open = new Set<() => void>();
  server.get('/console/api/queue', consoleRoute(ctx.http, async (req, res) => {
    const user = await ctx.auth.authenticate(req, res);
    if (user) sendJson(res, 200, { queue: await queueRows(ctx, await ctx.handoffs.queue(scopeOf(user))) });
  }));

  server.get('/console/api/queue/stream', consoleRoute(ctx.http, async (req, res) => {
    const user = await ctx.auth.authenticate(req, res);
    if (user) stream(ctx, req, res, user, open);
  }));
  return () => [...open].forEach((end) => end());
}

function stream(ctx: ConsoleContext, req: Request, res: Response, user: ConsoleUserView, open: Set<() => void>): void {
  res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
  res.write('retry: 3000\n\n');
  let closed = false;
  let running = false;
  let again = false;
  const push = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        if (!(await ctx.auth.session(req))) {
          res.write('event: logout\ndata: {}\n\n');
          return end();
        }
        const queue = await queueRows(ctx, await ctx.handoffs.queue(scopeOf(user)));
        if (!closed) res.write(`event: queue\ndata: ${JSON.stringify({ queue })}\n\n`);
      } while (again && !closed);
    } catch {
      // A failed read (database briefly away) is followed by the next change or heartbeat.
    } finally {
      running = false;
    }
  };
  const unwatch = ctx.handoffs.watch(() => void push());
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  const end = () => {
    if (closed) return;
    closed = true;
    open.delete(end);
    unwatch();
    clearInterval(heartbeat);
    res.end();
  };
  open.add(end);
  req.once('close', end);
  res.once('close', end);
  void push();
}
