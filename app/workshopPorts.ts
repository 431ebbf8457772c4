import type { PrismaClient } from '../generated/prisma/client';
import type { WorkshopPort } from '../dialogs/dialogServices';
import type { CitizenNotifier } from '../services/citizenNotifier';
import type { ReachRecorder } from '../services/reach/reachRecorder';
import { WorkshopAdmin } from '../services/workshops/workshopAdmin';
import { WorkshopService } from '../services/workshops/workshopService';

/** The workshop services of the dialogs and of the console, over one Prisma client. */
export interface WorkshopServices extends WorkshopPort {
  readonly admin: WorkshopAdmin;
}

/** Workshops whose freed seats are told on the person's channel through the notifier. */
export function workshopPort(prisma: PrismaClient, notifier: CitizenNotifier, reach?: ReachRecorder): WorkshopServices {
  const workshops = new WorkshopService(prisma, { notifier, reach });
  return { workshops, admin: new WorkshopAdmin(prisma, workshops, reach) };
}
