import restify, { Request, Response, Server } from 'restify';
import type { Database } from '../db/database';
import { logger } from '../kernel/logger';
import type { Metrics } from '../turns/metrics';

/**
 * The HTTP server with what every deployment needs: liveness, readiness (the database answers),
 * Prometheus metrics, security headers, and a JSON 4xx/5xx for anything that goes wrong.
 * Channel routes are mounted by the composition root.
 */
export function createServer(db: Database, metrics: Metrics): Server {
  const server = restify.createServer({
    name: 'digibank-assistant',
    handleUncaughtExceptions: false,
    // restify's own log lines may dump whole requests (headers, cookies): keep only errors.
    log: logger.child({ component: 'restify' }, { level: 'error' }) as unknown as restify.ServerOptions['log'],
  });
  server.pre(restify.plugins.pre.sanitizePath());
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use((_req: Request, res: Response, next: () => void) => {
    res.header('X-Content-Type-Options', 'nosniff');
    res.header('Referrer-Policy', 'no-referrer');
    next();
  });

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(200, { status: 'ok' });
  });
  server.get('/readyz', async (_req: Request, res: Response) => {
    const ready = await db.ping();
    res.send(ready ? 200 : 503, { status: ready ? 'ready' : 'database unreachable' });
  });
  server.get('/metrics', async (_req: Request, res: Response) => {
    const body = await metrics.registry.metrics();
    res.writeHead(200, { 'Content-Type': metrics.registry.contentType });
    res.end(body);
  });

  server.on('restifyError', (req: Request, _res: Response, error: Error & { statusCode?: number }, callback: () => void) => {
    const status = error.statusCode ?? 500;
    const log = status >= 500 ? logger.error.bind(logger) : logger.warn.bind(logger);
    log({ method: req.method, route: req.getRoute()?.path ?? 'unknown', status, reason: error.name }, 'request refused');
    callback();
  });
  return server;
}
