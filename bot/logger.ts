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
