import type { IncomingMessage } from 'node:http';

/** How to tell whether a browser reached the server over https. */
export interface HttpsDetection {
  /** PUBLIC_BASE_URL: when it is https, every answer is for an https page. */
  readonly publicBaseUrl?: string;
  /** Reverse proxies in front of the server (configuration TRUST_PROXY); 0: X-Forwarded-Proto is ignored. */
  readonly trustedProxyHops: number;
}

/**
 * True when the request came over https: PUBLIC_BASE_URL is https, the socket itself is TLS, or a
 * trusted reverse proxy says so in X-Forwarded-Proto. With `hops` trusted proxies, the entry the
 * outermost of them wrote counts (the `hops`-th from the right, as for X-Forwarded-For; a header
 * with fewer entries was written by the proxies alone); without a trusted proxy the header is
 * whatever the client wrote, and is ignored. Cookies get `Secure` when this is true.
 */
export function isHttpsRequest(req: Pick<IncomingMessage, 'headers' | 'socket'>, detection: HttpsDetection): boolean {
  if ((detection.publicBaseUrl ?? '').startsWith('https:')) return true;
  if ((req.socket as { encrypted?: boolean }).encrypted) return true;
  if (detection.trustedProxyHops <= 0) return false;
  const header = req.headers['x-forwarded-proto'];
  const entries = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((entry) => entry.trim().toLowerCase()).filter(Boolean);
  if (!entries.length) return false;
  return entries[Math.max(0, entries.length - detection.trustedProxyHops)] === 'https';
}

/** A cookie's value from the request, or undefined. */
export function readCookie(req: { header(name: string): unknown }, name: string): string | undefined {
  for (const part of String(req.header('cookie') ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}
