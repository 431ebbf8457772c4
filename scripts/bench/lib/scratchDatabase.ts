import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openDatabase, Database, DatabaseTarget } from '../../../db/database';

/** Opens (and migrates) a database, runs `work` on it and closes it. */
export async function withTarget(label: string, target: DatabaseTarget, work: (db: Database) => Promise<void>): Promise<void> {
  console.log(`${label}…`);
  const db = await openDatabase(target);
  try {
    await work(db);
  } finally {
    await db.close();
  }
}

/** A scratch database on the DATABASE_URL server, dropped afterwards: real data is never touched. */
export async function withScratchPostgres(url: string, work: (db: Database) => Promise<void>): Promise<void> {
  const name = `digibank_bench_${randomBytes(5).toString('hex')}`;
  await admin(url, `CREATE DATABASE ${name}`);
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  try {
    await withTarget('PostgreSQL (scratch database)', { kind: 'postgres', url: scratch.toString() }, work);
  } finally {
    await admin(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
