import type { Request, Response } from 'restify';
import type { z } from 'zod';
import { describeError, logger } from '../../kernel/logger';
import { readJsonBody, RawBodyError } from '../shared/rawBody';

export { readCookie } from '../shared/httpRequest';

/** Largest JSON body a console route accepts. */
const MAX_BODY_BYTES = 64 * 1024;

/** Options of the console's HTTP answers. */
export interface ConsoleHttpOptions {
  /** PUBLIC_BASE_URL is https: cookies get `Secure` and the browser is told to stay on https. */
  https: boolean;
  /** Trusted reverse proxies in front of the server (configuration TRUST_PROXY); see {@link clientAddress}. */
  trustedProxyHops?: number;
}

export { clientAddress } from '../shared/clientAddress';

/** Content-Security-Policy of every console answer: own files only, no inline script, never framed. */
export const CONSOLE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; media-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** Sets (replaces, never repeats) the security headers every `/console` answer carries; API answers are never cached. */
export function securityHeaders(res: Response, options: ConsoleHttpOptions, cache: 'no-store' | 'no-cache' = 'no-store'): void {
  res.setHeader('Content-Security-Policy', CONSOLE_CSP);
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  res.setHeader('Cache-Control', cache);
  if (cache === 'no-store') res.setHeader('Pragma', 'no-cache');
  if (options.https) res.setHeader('Strict-Transport-Security', 'max-age=31536000');
}

/** Sends a JSON answer. */
export function sendJson(res: Response, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(payload) });
  res.end(payload);
}

/** Sends `{"error": code, ...extra}`. */
export function sendError(res: Response, status: number, error: string, extra: Record<string, unknown> = {}): void {
  sendJson(res, status, { error, ...extra });
}

/** A request that cannot be served as asked: the route answers `status` with `{"error": code}`. */
export class ConsoleHttpError extends Error {
  constructor(readonly status: number, readonly code: string, readonly extra: Record<string, unknown> = {}) {
    super(code);
    this.name = 'ConsoleHttpError';
  }
}

/**
 * Reads and validates a JSON body: 415 when it is not `application/json` (which also keeps plain
 * HTML forms of other sites out), 413 when too large, 400 with the first problem when invalid.
 */
export async function readJson<T extends z.ZodType>(req: Request, schema: T): Promise<z.infer<T>> {
  const type = String(req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') throw new ConsoleHttpError(415, 'expected_json');
  let parsed: unknown;
  try {
    parsed = (await readJsonBody(req, MAX_BODY_BYTES)) ?? {};
  } catch (error) {
    if (error instanceof RawBodyError) throw new ConsoleHttpError(error.status, error.reason);
    throw error;
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConsoleHttpError(400, 'invalid_request', { field: issue.path.join('.') || null, message: issue.message });
  }
  return result.data;
}

/** Turns a domain error into an HTTP answer (or undefined: not this route's kind of error). */
export type ErrorMapper = (error: unknown) => ConsoleHttpError | undefined;

/**
 * Wraps a console route: security headers on every answer, {@link ConsoleHttpError} (and what
 * `mapError` recognises) as `{"error"}` JSON, anything else as a logged 500 without request data.
 */
export function consoleRoute(
  options: ConsoleHttpOptions,
  handler: (req: Request, res: Response) => Promise<void>,
  mapError: ErrorMapper = () => undefined,
): (req: Request, res: Response) => Promise<void> {
  return async (req: Request, res: Response) => {
    securityHeaders(res, options);
    try {
      await handler(req, res);
    } catch (error) {
      const known = error instanceof ConsoleHttpError ? error : mapError(error);
      if (res.headersSent) {
        res.end();
        return;
      }
      if (known) return sendError(res, known.status, known.code, known.extra);
      logger.error({ err: describeError(error), route: req.getRoute()?.path }, 'console request failed');
      sendError(res, 500, 'internal');
    }
  };
}
