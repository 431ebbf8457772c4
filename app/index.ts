import type { BootstrapResult } from '../adapters/console/consoleUsers';
import { startApp } from './app';
import type { ChannelStatus } from './channels';
import { ConfigError, loadConfig } from './config';
import { logger } from '../kernel/logger';

/**
 * `npm start`: validates the configuration, opens and migrates the database, seeds demo data
 * into an empty one and serves the assistant. Any start-up problem is one clear line and exit 1.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await startApp(config);
  const base = config.PUBLIC_BASE_URL ?? `http://localhost:${config.PORT}`;
  const database = app.db.kind === 'embedded' ? `embedded PostgreSQL (PGlite) in ${config.DATA_DIR}` : 'PostgreSQL (DATABASE_URL)';
  process.stdout.write(
    [
      `Digibank assistant is running (${database}).`,
      ...app.channels.statuses.map((channel) => channelLine(channel, base)),
      `  Console:         ${base}/console`,
      `  Health:          ${base}/healthz  ${base}/readyz  ${base}/metrics`,
      ...adminNotice(app.console.bootstrap),
      '',
    ].join('\n'),
  );
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    app.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : `Start-up failed: ${startupReason(error)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});

/** A channel's line of the banner: its address, or the variables still to set. */
function channelLine(channel: ChannelStatus, base: string): string {
  const where = channel.missing.length ? `off (set ${channel.missing.join(', ')}; see README)` : `${base}${channel.route}`;
  return `  ${`${channel.title}:`.padEnd(17)}${where}`;
}

/**
 * The first console administrator, told once: at the start that created it. A random password is
 * printed here and nowhere else (not logged, not stored in clear); it cannot be shown again.
 */
function adminNotice(bootstrap: BootstrapResult): string[] {
  if (!bootstrap.created) return [];
  if (!bootstrap.generatedPassword) return [`  Console administrator "${bootstrap.username}" created from CONSOLE_ADMIN_USERNAME / CONSOLE_ADMIN_PASSWORD.`];
  return [
    '',
    `  Console administrator created: user name "${bootstrap.username}", password ${bootstrap.generatedPassword}`,
    '  This password is shown only now. Sign in and change it (or set CONSOLE_ADMIN_USERNAME and CONSOLE_ADMIN_PASSWORD before the first start).',
  ];
}

/** How PGlite fails on damaged files: its start-up check, or the WebAssembly runtime aborting. */
const EMBEDDED_DAMAGED = /PGlite failed to initialize|^Aborted\(\)/;

/** One line on why start-up failed, without dumping connection strings or stack traces. */
function startupReason(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT') return `the database cannot be reached (${code}). Check DATABASE_URL and that PostgreSQL is running.`;
  if (code === 'EADDRINUSE') return 'the port is already in use. Set PORT to a free port.';
  if (code === '28P01') return 'the database refused the user name or password in DATABASE_URL.';
  if (code === '3D000') return 'the database named in DATABASE_URL does not exist.';
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  if (EMBEDDED_DAMAGED.test(message)) {
    return 'the embedded database in DATA_DIR could not be opened: its files are damaged or incomplete (a full disk or a PC switched off while writing can do this). Nothing was changed. Restore the folder from your last backup (README, "Backups"), or move it aside to start with an empty database.';
  }
  return message;
}
