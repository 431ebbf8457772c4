import pino from 'pino';

/**
 * The one logger. JSON lines on stdout. Never log message text, phone numbers, names or other
 * personal data: log ids (conversation id, message id, correlation id) and outcomes only.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
  base: undefined,
  redact: { paths: ['text', 'body', 'from', 'to', 'phone', '*.text', '*.from', '*.to', '*.phone'], censor: '[redacted]' },
});

export type Logger = typeof logger;

/** The error without its message (which may quote what the person wrote): name, code, stack frames. */
export function describeError(error: unknown): { name: string; code?: string; frames?: string } {
  if (!(error instanceof Error)) return { name: typeof error };
  const code: unknown = (error as Error & { code?: unknown }).code;
  const frames = error.stack?.split('\n').filter((line) => /^\s+at /.test(line)).slice(0, 15).join('\n');
  return { name: error.name, ...(typeof code === 'string' ? { code } : {}), ...(frames ? { frames } : {}) };
}
