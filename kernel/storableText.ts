/**
 * What a person or a provider sends, made storable: PostgreSQL cannot keep U+0000 in text or jsonb,
 * nor a lone UTF-16 surrogate (SQLSTATE 22P05), and a message that cannot be stored would be
 * refused for ever (Meta retries a webhook for 7 days; the messages after it in the same delivery
 * would be lost with it). Applied to every string of an inbound message before it is stored.
 */
export function storable<T>(value: T): T {
  if (typeof value === 'string') return value.replace(/\u0000/g, '').toWellFormed() as T;
  if (Array.isArray(value)) return value.map(storable) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [storable(key), storable(item)])) as T;
  }
  return value;
}

/**
 * True for an error of the data a statement was given (SQLSTATE class 22: a value that does not
 * fit, bad encoding…): retrying the same message can never succeed, unlike a lost connection.
 */
export function isDataError(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && typeof current === 'object' && depth < 5; depth += 1) {
    const { code, meta, cause } = current as { code?: unknown; meta?: { code?: unknown }; cause?: unknown };
    if (typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code)) return true;
    if (typeof meta?.code === 'string' && /^22[0-9A-Z]{3}$/.test(meta.code)) return true;
    current = cause;
  }
  return false;
}
