import type { Request } from 'restify';

/**
 * The client's address: with `hops` trusted proxies in front, the address the outermost of them
 * saw, the `hops`-th entry of X-Forwarded-For from the right (entries further left are whatever the
 * client wrote, and are never trusted); without, or when the header is shorter, the socket's.
 * https://developer.mozilla.org/docs/Web/HTTP/Headers/X-Forwarded-For#selecting_an_ip_address
 */
export function clientAddress(req: Pick<Request, 'headers' | 'socket'>, hops = 0): string | undefined {
  const socket = req.socket.remoteAddress;
  if (hops <= 0) return socket;
  const header = req.headers['x-forwarded-for'];
  const entries = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((entry) => entry.trim()).filter(Boolean);
  return entries.length >= hops ? entries[entries.length - hops] : socket;
}
