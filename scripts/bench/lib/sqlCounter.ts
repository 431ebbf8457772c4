/**
 * Counts the SQL statements a process sends, by a short label (verb + table), on both database
 * drivers: the `pg` client (Prisma's PostgreSQL adapter and the server's own queries) and PGlite.
 * Shared by the turn benchmark's server process and the turn cost driver.
 */

/** SQL statements sent since the last {@link resetStatements}, by label. */
const statements = new Map<string, number>();
const labels = new Map<string, string>();

function count(sql: string): void {
  let label = labels.get(sql);
  if (label === undefined) {
    label = labelOf(sql);
    if (labels.size < 10_000) labels.set(sql, label);
  }
  statements.set(label, (statements.get(label) ?? 0) + 1);
}

/** `INSERT turn_lock`, `SELECT message`, `BEGIN`… from a statement's text (a CTE counts as its first table). */
export function labelOf(sql: string): string {
  const text = sql.replace(/\s+/g, ' ').replace(/^[(\s]+/, '').trim();
  const verb = (/^\w+/.exec(text)?.[0] ?? '?').toUpperCase();
  const table = /\b(?:INTO|FROM|UPDATE)\s+(?:"?\w+"?\.)?"?(\w+)"?/i.exec(text)?.[1] ?? '';
  return table ? `${verb} ${table}` : verb;
}

/** Statements counted since the last reset. */
export function countedStatements(): Record<string, number> {
  return Object.fromEntries(statements);
}

/** Starts counting afresh. */
export function resetStatements(): void {
  statements.clear();
}

/** Counts every statement the `pg` driver sends (Prisma's PostgreSQL adapter uses pg.Client). */
function instrumentPg(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pg = require('pg') as typeof import('pg');
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string } | undefined;
    count(typeof first === 'string' ? first : (first?.text ?? '?'));
    return original.apply(this, args);
  } as typeof pg.Client.prototype.query;
}

/**
 * Counts every statement PGlite runs: `query` sends one protocol message per call, and its Parse
 * ('P') is counted; `exec` (BEGIN, COMMIT of a transaction) sends a simple Query ('Q').
 */
function instrumentPglite(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { PGlite } = require('@electric-sql/pglite') as typeof import('@electric-sql/pglite');
  type Exec = (message: Uint8Array, options?: unknown) => unknown;
  const proto = PGlite.prototype as unknown as { execProtocolStream: Exec };
  const decoder = new TextDecoder();
  const cString = (message: Uint8Array, from: number) => {
    const end = message.indexOf(0, from);
    return { text: decoder.decode(message.subarray(from, end)), next: end + 1 };
  };
  const queryCall = proto.execProtocolStream;
  proto.execProtocolStream = function (this: unknown, message: Uint8Array, options?: unknown) {
    if (message[0] === 0x50 /* P */) count(cString(message, cString(message, 5).next).text);
    else if (message[0] === 0x51 /* Q */) count(decoder.decode(message.subarray(5, message.length - 1)));
    return queryCall.call(this, message, options);
  };
}

/** Installs the counters on both drivers; call before the database is opened. */
export function instrumentDrivers(): void {
  instrumentPg();
  instrumentPglite();
}
