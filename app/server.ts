import { statfs } from 'node:fs/promises';
import restify, { Request, Response, Server } from 'restify';
import type { Database } from '../db/database';
import { logger } from '../kernel/logger';
import type { Metrics } from '../turns/metrics';

/**
 * The HTTP server with what every deployment needs: liveness, readiness (the database answers, and
 * the embedded database's disk has room),
 * Prometheus metrics, security headers, and a JSON 4xx/5xx for anything that goes wrong.
 * Channel routes are mounted by the composition root.
 */
/** What readiness checks beside the database's answer. */
export interface Readiness {
  /** The embedded database's folder, whose disk must have room for writes (none for PostgreSQL or memory://). */
  readonly dataDir?: string;
  /** Free bytes of the disk holding a folder (the operating system's `statfs`; replaceable in tests). */
  readonly freeBytes?: (dir: string) => Promise<number>;
}

/**
 * Below this much free space on the embedded database's disk the server is not ready: PostgreSQL
 * needs room for its write-ahead log, and with a full disk every message would fail to be stored.
 */
export const MIN_FREE_BYTES = 64 * 1024 * 1024;

async function statfsFreeBytes(dir: string): Promise<number> {
  const stats = await statfs(dir);
  return stats.bavail * stats.bsize;
}

export function createServer(db: Database, metrics: Metrics, readiness: Readiness = {}): Server {
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
    const status = await readinessOf(db, readiness);
    res.send(status === 'ready' ? 200 : 503, { status });
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

/** 'ready', or why not: the database does not answer, or its disk is (nearly) full. */
async function readinessOf(db: Database, { dataDir, freeBytes = statfsFreeBytes }: Readiness): Promise<string> {
  if (!(await db.ping())) return 'database unreachable';
  if (!dataDir) return 'ready';
  const free = await freeBytes(dataDir).catch(() => 0);
  if (free >= MIN_FREE_BYTES) return 'ready';
  logger.warn({ freeMegabytes: Math.floor(free / 1024 / 1024) }, 'the disk of DATA_DIR is full: not ready');
  return 'disk full';
}
