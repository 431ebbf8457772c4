import type { PrismaClient } from '../generated/prisma/client';
import type { RepairPort } from '../dialogs/dialogServices';
import type { CitizenNotifier } from '../services/citizenNotifier';
import type { ReachRecorder } from '../services/reach/reachRecorder';
import { RepairMomentGenerator } from '../services/repair/repairMomentGenerator';
import { RepairService } from '../services/repair/repairService';

/** The repair services of the dialogs and of the console, over one Prisma client. */
export interface RepairServices extends RepairPort {
  readonly moments: RepairMomentGenerator;
}

/** Repairs whose status changes are told on the person's channel through the notifier. */
export function repairPort(prisma: PrismaClient, notifier: CitizenNotifier, reach?: ReachRecorder): RepairServices {
  return { repairs: new RepairService(prisma, { notifier, reach }), moments: new RepairMomentGenerator(prisma) };
}
