import type { IncomingMessage } from 'node:http';

/** Why a body could not be read: too large (413), cut off, too slow or not the JSON expected (400). */
export class RawBodyError extends Error {
  constructor(readonly status: 400 | 413, readonly reason: 'too_large' | 'truncated' | 'timeout' | 'invalid_json') {
    super(reason);
    this.name = 'RawBodyError';
  }
}

/**
 * Reads a request body as raw bytes (signatures are computed over exactly these bytes), at most
 * `maxBytes`: a larger Content-Length is refused before reading, a longer stream as soon as it
 * passes the limit. A body that ends before its Content-Length, or takes too long, is refused.
 */
export function readRawBody(req: IncomingMessage, maxBytes: number, timeoutMs = 10_000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      req.resume();
      reject(new RawBodyError(413, 'too_large'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (error?: RawBodyError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.removeListener('data', onData);
      if (error) {
        req.resume();
        reject(error);
      } else resolve(Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return finish(new RawBodyError(413, 'too_large'));
      chunks.push(chunk);
    };
    const timer = setTimeout(() => finish(new RawBodyError(400, 'timeout')), timeoutMs);
    timer.unref();
    req.on('data', onData);
    req.once('end', () => {
      if (Number.isFinite(declared) && size < declared) finish(new RawBodyError(400, 'truncated'));
      else finish();
    });
    req.once('aborted', () => finish(new RawBodyError(400, 'truncated')));
    req.once('error', () => finish(new RawBodyError(400, 'truncated')));
  });
}

/**
 * Reads a JSON request body (see {@link readRawBody}) and parses it; `undefined` when there is
 * none. Text that is not JSON is refused with 400 `invalid_json`.
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const raw = await readRawBody(req, maxBytes);
  if (!raw.length) return undefined;
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    throw new RawBodyError(400, 'invalid_json');
  }
}
