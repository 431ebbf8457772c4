import { createHash } from 'node:crypto';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { Pool, PoolClient, QueryConfig } from 'pg';
import { types } from 'pg';

/** A statement parameter: JSON goes as a string, cast in the SQL (`$1::jsonb`); a list of texts as `text[]`. */
export type SqlValue = string | number | bigint | boolean | Date | null | readonly string[];

/**
 * Plain SQL on the database's own connections, for the turn pipeline's statements (the inbox, the
 * lease, a turn's reads and commit) and the web chat's transcript reads. Both databases answer
 * alike: `bigint` columns as bigint, timestamps as Date (UTC, as Prisma stores them), jsonb parsed.
 */
export interface SqlClient {
  /** Runs one statement with `$1`… parameters and returns its rows. */
  query<T extends object>(text: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs one statement and returns the number of rows it changed. */
  execute(text: string, params?: readonly SqlValue[]): Promise<number>;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
}

/** Prisma writes `timestamp` columns in UTC; a Date goes as its ISO text so no local offset slips in. */
function parameters(params: readonly SqlValue[]): (string | number | boolean | null | readonly string[])[] {
  return params.map((value) => (value instanceof Date ? value.toISOString() : typeof value === 'bigint' ? value.toString() : value));
}

const INT8 = 20;
const TIMESTAMP = 1114;

/** `timestamp` without time zone holds UTC (Prisma's convention): read it as UTC, not as local time. */
const utcTimestamp = (text: string) => new Date(`${text.replace(' ', 'T')}Z`);
const bigInt = (text: string) => BigInt(text);

/**
 * The parsers a PGlite instance is opened with (`new PGlite(dir, { parsers: PGLITE_PARSERS })`) so
 * that {@link pgliteSql} types rows as Prisma does. Given per query instead, PGlite would merge
 * them with its few hundred own on every call (a tenth of a turn's CPU). Prisma's adapter passes
 * its own for these types, so it is not affected.
 */
export const PGLITE_PARSERS = { [INT8]: bigInt, [TIMESTAMP]: utcTimestamp };

/** Resolves once the event loop has polled for I/O. */
const afterIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * On PGlite (one connection, shared with Prisma's adapter), opened with {@link PGLITE_PARSERS}: its
 * own `query` and `transaction`. Each statement (each transaction) starts only after the event
 * loop has polled for I/O: PGlite answers within the process, without I/O, so a turn's statements
 * back to back would otherwise keep waiting requests out — a provider's webhook, which must be
 * stored and acknowledged quickly, would wait for whole turns.
 */
export function pgliteSql(pglite: Pick<PGlite, 'query' | 'transaction'>): SqlClient {
  const on = (db: Pick<Transaction, 'query'>): Omit<SqlClient, 'transaction'> => ({
    query: async <T extends object>(text: string, params: readonly SqlValue[] = []) => (await db.query<T>(text, parameters(params))).rows,
    execute: async (text, params = []) => (await db.query(text, parameters(params))).affectedRows ?? 0,
  });
  const direct = on(pglite);
  const nested = () => Promise.reject(new Error('transactions do not nest'));
  return {
    query: async (text, params) => (await afterIo(), direct.query(text, params)),
    execute: async (text, params) => (await afterIo(), direct.execute(text, params)),
    transaction: async (work) => (await afterIo(), pglite.transaction((tx) => work({ ...on(tx), transaction: nested }))),
  };
}

/** Distinct statement texts prepared by name on each `pg` connection; past this, statements go unnamed. */
export const PREPARED_MAX = 64;

/**
 * A name per statement text, so that each connection parses and plans it once and then only
 * binds and executes it (the turn's statements never change). Bounded, in case a caller ever
 * builds texts on the fly: those go unnamed.
 */
function statementNames(): (text: string) => string | undefined {
  const names = new Map<string, string>();
  return (text) => {
    const known = names.get(text);
    if (known || names.size >= PREPARED_MAX) return known;
    const name = `digibank_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    names.set(text, name);
    return name;
  };
}

/** On a PostgreSQL pool (the one Prisma's adapter uses too); statements are prepared by name. */
export function poolSql(pool: Pool): SqlClient {
  const parserOf = (oid: number, format?: string) => (oid === INT8 ? bigInt : oid === TIMESTAMP ? utcTimestamp : types.getTypeParser(oid, format as 'text'));
  const nameOf = statementNames();
  const config = (text: string, params: readonly SqlValue[]): QueryConfig => ({
    name: nameOf(text),
    text,
    values: parameters(params) as unknown[],
    types: { getTypeParser: parserOf as typeof types.getTypeParser },
  });
  const on = (db: Pick<Pool | PoolClient, 'query'>): Omit<SqlClient, 'transaction'> => ({
    query: async <T extends object>(text: string, params: readonly SqlValue[] = []) => (await db.query(config(text, params))).rows as T[],
    execute: async (text, params = []) => (await db.query(config(text, params))).rowCount ?? 0,
  });
  return {
    ...on(pool),
    transaction: async (work) => {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await work({ ...on(client), transaction: () => Promise.reject(new Error('transactions do not nest')) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackFailed: Error) => (broken = rollbackFailed));
        throw error;
      } finally {
        // A connection that could not even roll back is dropped, not handed to the next caller.
        client.release(broken);
      }
    },
  };
}
