// The workshop-seat run of `npm run bench:booking`: many simultaneous registrations through
// WorkshopService for a few workshops; those past the seats go to the waiting list. Overbooked =
// seats held beyond a workshop's seats (must be 0).
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Database } from '../../../db/database';
import { BrusselsTime } from '../../../i18n/brusselsTime';
import { WorkshopAdmin } from '../../../services/workshops/workshopAdmin';
import { WorkshopService } from '../../../services/workshops/workshopService';

/** What one run measured. */
export interface WorkshopSeatFigures {
  attempts: number;
  registered: number;
  waiting: number;
  seconds: number;
  durations: number[];
  overbooked: number;
}

/** `attempts` registrations, `concurrency` at a time, spread over `workshops` workshops of `seats` seats. */
export async function workshopSeatRun(db: Database, options: { attempts: number; concurrency: number; workshops: number; seats: number; now: Date }): Promise<WorkshopSeatFigures> {
  const { prisma } = db;
  const digibank = await prisma.digibank.create({ data: { name: 'Bench digibank', isDemo: true } });
  const location = await prisma.location.create({
    data: { digibankId: digibank.id, name: 'Bench', address: '-', postcode: '8500', municipality: 'Kortrijk', province: 'West-Vlaanderen', latitude: 50.83, longitude: 3.26 },
  });
  const service = new WorkshopService(prisma);
  const admin = new WorkshopAdmin(prisma, service);
  const first = BrusselsTime.addDays(BrusselsTime.localDate(options.now), 3);
  const ids: string[] = [];
  for (let i = 0; i < options.workshops; i += 1) {
    const created = await admin.create(digibank.id, { locationId: location.id, title: { nl: `Bench ${i}` }, topic: 'smartphone_basics', language: 'nl', seats: options.seats, sessions: WorkshopAdmin.weekly(first, BrusselsTime.timeOf(9 * 60 + i * 30), 60, 4) });
    if (created.kind !== 'saved') throw new Error('bench workshop not created');
    ids.push(created.workshop.id);
  }
  const personIds = Array.from({ length: options.attempts }, () => randomUUID());
  await prisma.person.createMany({ data: personIds.map((id) => ({ id, channel: 'bench', channelUserId: id })) });
  const durations: number[] = [];
  let registered = 0;
  let waiting = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < personIds.length) {
      const i = next++;
      const t0 = performance.now();
      const result = await service.register(personIds[i], ids[i % ids.length], options.now);
      durations.push(performance.now() - t0);
      if (result.kind === 'registered') registered += 1;
      else if (result.kind === 'waiting') waiting += 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  const excess = await prisma.$queryRawUnsafe<Array<{ excess: bigint | number }>>(
    `SELECT COALESCE(SUM(GREATEST(c.n - w.seats, 0)), 0) AS excess
       FROM workshop w
       JOIN (SELECT "workshopId", COUNT(*) AS n FROM workshop_registration WHERE status = 'registered' GROUP BY "workshopId") c ON c."workshopId" = w.id
      WHERE w."digibankId" = $1`,
    digibank.id,
  );
  return { attempts: options.attempts, registered, waiting, seconds, durations, overbooked: Number(excess[0].excess) };
}
