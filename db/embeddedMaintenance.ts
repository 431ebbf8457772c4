import type { SqlClient } from './sqlClient';
import { logger } from '../kernel/logger';
import { PeriodicSweep } from '../kernel/periodicSweep';

/** Options of the {@link EmbeddedMaintenance}; the defaults suit a digibank's PC. */
export interface EmbeddedMaintenanceOptions {
  /** How often to look for tables that changed size since their statistics were taken. */
  checkMs?: number;
  /** How often to VACUUM the whole database. */
  vacuumMs?: number;
}

/**
 * Tables whose size moved by more than 10% (and 8 pages) since their last ANALYZE, which records
 * their size in `relpages` — the threshold rule autovacuum uses, on size rather than row counts
 * (the embedded database keeps no row counters).
 */
const GROWN_TABLES = `
  SELECT c.relname AS name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = 'public' AND c.relkind = 'r'
     AND abs(pg_relation_size(c.oid) / current_setting('block_size')::int - c.relpages) > 8 + c.relpages * 0.1
   ORDER BY c.relname`;

/**
 * The work PostgreSQL's autovacuum does on a server, for the embedded database, which runs without
 * background workers: nothing else would ever ANALYZE or VACUUM it. Without statistics the planner
 * guesses, and one guess made the outbox claim scan every pending reply for every pending reply
 * (45 ms a claim with a backlog of 2,000 conversations, 1 ms with statistics); without VACUUM every
 * status change of a message leaves a dead row behind for good. So: ANALYZE the tables that grew
 * or shrank, at start and every `checkMs`, and VACUUM every `vacuumMs`.
 */
export class EmbeddedMaintenance {
  private readonly sweeps: PeriodicSweep[];

  constructor(private readonly sql: SqlClient, options: EmbeddedMaintenanceOptions = {}) {
    this.sweeps = [
      new PeriodicSweep('embedded statistics', options.checkMs ?? 30_000, () => this.analyzeChanged()),
      new PeriodicSweep('embedded vacuum', options.vacuumMs ?? 3_600_000, () => this.vacuum(), false),
    ];
  }

  /** Analyzes what needs it now, then keeps the schedule. */
  start(): void {
    for (const sweep of this.sweeps) sweep.start();
  }

  /** ANALYZEs each table whose size moved since its statistics were taken; returns their names. */
  async analyzeChanged(): Promise<string[]> {
    const tables = (await this.sql.query<{ name: string }>(GROWN_TABLES)).map((row) => row.name);
    for (const table of tables) await this.sql.execute(`ANALYZE "${table.replace(/"/g, '""')}"`);
    if (tables.length) logger.debug({ tables }, 'embedded database statistics refreshed');
    return tables;
  }

  /** Reclaims the space of dead rows and refreshes every table's statistics. */
  async vacuum(): Promise<void> {
    await this.sql.execute('VACUUM (ANALYZE)');
    logger.debug('embedded database vacuumed');
  }

  /** Stops the schedule and waits for a run under way. */
  async stop(): Promise<void> {
    await Promise.all(this.sweeps.map((sweep) => sweep.stop()));
  }
}
