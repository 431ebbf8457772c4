/**
 * Where the machine's CPU went during a benchmark's measured phase, read from /proc (Linux; every
 * figure is NaN elsewhere): the whole machine's busy time, and the time of the processes with a
 * given name (PostgreSQL's backends, which outlive the phase: they are the pool's connections).
 * A benchmark that shares two cores with its own client and database is bound by their sum, not
 * by the server alone.
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

/** A reading of {@link readMachineCpu}. */
export interface MachineCpu {
  /** CPU ms of all the machine's cores, busy (not idle or waiting for I/O). */
  busyMs: number;
  /** CPU ms of all the machine's cores, busy or not. */
  totalMs: number;
  /** CPU ms of the processes named in the reading, per name. */
  byName: Record<string, number>;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux: /proc reports CPU time in hundredths of a second.

function machineTicks(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fields;
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
}

function processTicks(names: readonly string[]): Record<string, number> {
  const sums: Record<string, number> = Object.fromEntries(names.map((name) => [name, 0]));
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    if (!(name in sums)) continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    sums[name] += Number(fields[11]) + Number(fields[12]);
  }
  return sums;
}

/** Reads the machine's CPU counters and those of the processes called `names` (e.g. `postgres`). */
export function readMachineCpu(names: readonly string[] = []): MachineCpu {
  try {
    const { busy, total } = machineTicks();
    const byName = processTicks(names);
    return { busyMs: busy * TICK_MS, totalMs: total * TICK_MS, byName: Object.fromEntries(Object.entries(byName).map(([n, t]) => [n, t * TICK_MS])) };
  } catch {
    return { busyMs: NaN, totalMs: NaN, byName: Object.fromEntries(names.map((name) => [name, NaN])) };
  }
}

/** What happened between two readings: the machine's busy share (0-1) and CPU ms per name. */
export function machineCpuBetween(before: MachineCpu, after: MachineCpu): { busyShare: number; cores: number; byName: Record<string, number> } {
  return {
    busyShare: (after.busyMs - before.busyMs) / (after.totalMs - before.totalMs),
    cores: os.cpus().length,
    byName: Object.fromEntries(Object.keys(after.byName).map((name) => [name, after.byName[name] - (before.byName[name] ?? 0)])),
  };
}
