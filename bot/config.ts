import { z } from 'zod';

/** Booleans from the environment: "true/false/1/0/yes/no". */
const envBoolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((value) => ['true', '1', 'yes'].includes(value));

const schema = z.object({
  PORT: z.coerce.number({ message: 'expected a port number' }).int().min(0).max(65535).default(3978),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: 'expected a postgres:// URL (leave unset for the embedded database)' })
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  PUBLIC_BASE_URL: z.url({ message: 'expected an absolute http(s) URL' }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO_DATA: envBoolean.default(true),
  DEFAULT_LANGUAGE: z.enum(['nl', 'fr', 'en'], { message: 'expected nl, fr or en' }).default('nl'),
  MAX_MESSAGE_LENGTH: z.coerce.number().int().min(100).max(100000).default(4000),
  DIRECTLINE_SECRET: z.string().min(16, { message: 'expected at least 16 characters' }).optional(),
  MicrosoftAppId: z.string().optional(),
  MicrosoftAppPassword: z.string().optional(),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: z.string().optional(),
});

/** Validated configuration of the assistant (see README, "Configuration"). */
export type Config = z.infer<typeof schema>;

/** Thrown when the environment holds a wrong or missing value; the message is one line. */
export class ConfigError extends Error {}

/**
 * Reads and validates the configuration from environment variables.
 * Empty strings count as unset, so `FOO=` in a .env file falls back to the default.
 * @throws ConfigError naming the first wrong variable and what is expected.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = String(issue.path[0] ?? 'configuration');
    throw new ConfigError(`Configuration error: ${name}: ${issue.message}`);
  }
  return result.data;
}
