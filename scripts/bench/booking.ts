// Booking benchmark: many simultaneous booking attempts through BookingService against a few
// helpdesk slots, on embedded PGlite and (when DATABASE_URL is set) on PostgreSQL — in a scratch
// database created on that server and dropped afterwards, so real data is never touched.
// Prints attempts/s, bookings/s, p50/p99 of one booking call, and the overbooking count (must be 0).
// Then the workshop-seat run: simultaneous registrations for a few workshops (registrations/s, the
// rest on the waiting list, 0 seats oversubscribed).
//
// Usage: npm run bench:booking   (tsx scripts/bench/booking.ts [attempts] [concurrency])
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Database } from '../../db/database';
import { withScratchPostgres, withTarget } from './lib/scratchDatabase';
import { BookingService } from '../../services/booking/bookingService';
import { BrusselsTime } from '../../i18n/brusselsTime';
import { workshopSeatRun } from './lib/workshopSeatRun';

const ATTEMPTS = Number(process.argv[2] ?? 2000);
const CONCURRENCY = Number(process.argv[3] ?? 50);
const NOW = new Date();

interface Scenario {
  name: string;
  slots: number;
  capacity: number;
}

// Contended: 2000 attempts for 20 places. Roomy: every attempt can succeed.
const SCENARIOS: Scenario[] = [
  { name: 'contended (5 slots x 4 places)', slots: 5, capacity: 4 },
  { name: 'roomy (40 slots x 60 places)', slots: 40, capacity: 60 },
];

interface Figures {
  target: string;
  scenario: string;
  attempts: number;
  booked: number;
  full: number;
  seconds: number;
  p50: number;
  p99: number;
  overbooked: number;
}

async function main(): Promise<void> {
  const results: Figures[] = [];
  await withTarget('PGlite (embedded)', { kind: 'embedded', dataDir: 'memory://' }, async (db) => {
    for (const scenario of SCENARIOS) results.push(await run('PGlite', db, scenario));
    results.push(await workshops('PGlite', db));
  });
  if (process.env.DATABASE_URL) {
    await withScratchPostgres(process.env.DATABASE_URL, async (db) => {
      for (const scenario of SCENARIOS) results.push(await run('PostgreSQL', db, scenario));
      results.push(await workshops('PostgreSQL', db));
    });
  } else {
    console.log('DATABASE_URL not set: PostgreSQL skipped.');
  }
  console.log(`\n${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${ATTEMPTS} attempts per scenario, ${CONCURRENCY} at a time`);
  console.table(
    results.map((r) => ({
      database: r.target,
      scenario: r.scenario,
      'attempts/s': Math.round(r.attempts / r.seconds),
      'bookings/s': Math.round(r.booked / r.seconds),
      booked: r.booked,
      full: r.full,
      'p50 ms': r.p50.toFixed(1),
      'p99 ms': r.p99.toFixed(1),
      overbooked: r.overbooked,
    })),
  );
  if (results.some((r) => r.overbooked > 0)) process.exitCode = 1;
}

/** The workshop-seat scenario: 5 workshops of 12 seats; "booked" = registrations holding a seat, "full" = waiting list. */
async function workshops(target: string, db: Database): Promise<Figures> {
  const run = await workshopSeatRun(db, { attempts: ATTEMPTS, concurrency: CONCURRENCY, workshops: 5, seats: 12, now: NOW });
  const durations = run.durations.sort((a, b) => a - b);
  const pct = (p: number) => durations[Math.min(durations.length - 1, Math.floor((p / 100) * durations.length))];
  return { target, scenario: 'workshop seats (5 x 12, rest waiting list)', attempts: run.attempts, booked: run.registered, full: run.waiting, seconds: run.seconds, p50: pct(50), p99: pct(99), overbooked: run.overbooked };
}

async function run(target: string, db: Database, scenario: Scenario): Promise<Figures> {
  const prisma = db.prisma;
  const digibank = await prisma.digibank.create({ data: { name: 'Bench digibank', isDemo: true } });
  const location = await prisma.location.create({
    data: { digibankId: digibank.id, name: 'Bench', address: '-', postcode: '8500', municipality: 'Kortrijk', province: 'West-Vlaanderen', latitude: 50.83, longitude: 3.26 },
  });
  const day = BrusselsTime.addDays(BrusselsTime.localDate(NOW), 2);
  const slotIds: string[] = [];
  for (let i = 0; i < scenario.slots; i += 1) {
    const startsAt = BrusselsTime.toInstant(day, BrusselsTime.timeOf(8 * 60 + i * 15));
    const slot = await prisma.helpdeskSlot.create({ data: { locationId: location.id, startsAt, endsAt: new Date(startsAt.getTime() + 15 * 60_000), capacity: scenario.capacity } });
    slotIds.push(slot.id);
  }
  const personIds = Array.from({ length: ATTEMPTS }, () => randomUUID());
  await prisma.person.createMany({ data: personIds.map((id) => ({ id, channel: 'bench', channelUserId: id })) });

  const service = new BookingService(prisma);
  const durations: number[] = [];
  let booked = 0;
  let full = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < personIds.length) {
      const i = next++;
      const t0 = performance.now();
      const result = await service.book({ personId: personIds[i], slotId: slotIds[i % slotIds.length], topic: 'tax' }, NOW);
      durations.push(performance.now() - t0);
      if (result.kind === 'booked') booked += 1;
      else if (result.kind === 'full') full += 1;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;

  const overbooked = await prisma.$queryRawUnsafe<Array<{ excess: bigint | number }>>(
    `SELECT COALESCE(SUM(GREATEST(c.n - s.capacity, 0)), 0) AS excess
       FROM helpdesk_slot s
       JOIN (SELECT "slotId", COUNT(*) AS n FROM booking WHERE status <> 'cancelled' GROUP BY "slotId") c ON c."slotId" = s.id
      WHERE s."locationId" = $1`,
    location.id,
  );
  durations.sort((a, b) => a - b);
  const pct = (p: number) => durations[Math.min(durations.length - 1, Math.floor((p / 100) * durations.length))];
  return { target, scenario: scenario.name, attempts: ATTEMPTS, booked, full, seconds, p50: pct(50), p99: pct(99), overbooked: Number(overbooked[0].excess) };
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
