import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { DeviceDonation } from '../../generated/prisma/client';
import { ReferenceCode } from '../../services/booking/referenceCode';
import { DEVICE_KINDS, INVENTORY_STATUSES } from '../../services/loans/deviceKinds';
import type { DeviceService } from '../../services/loans/deviceService';
import { DONATION_STATUSES, DonationService } from '../../services/loans/donationService';
import { LoanError, LoanErrorCode } from '../../services/loans/loanError';
import type { LoanService, LoanView } from '../../services/loans/loanService';
import type { ConsoleGuard, ConsoleRole, ConsoleUserView } from './consoleGuard';
import { consoleRoute, ConsoleHttpError, ConsoleHttpOptions, ErrorMapper, readJson, sendJson } from './consoleHttp';

/** What the loan routes need from the composition root. */
export interface LoanRouteDeps {
  loans: LoanService;
  devices: DeviceService;
  donations: DonationService;
  http: ConsoleHttpOptions;
  /** Told of every read of one loan request (the audit trail). */
  onRead?: (user: ConsoleUserView, loan: { id: string; digibankId: string }) => Promise<void>;
}

/** Decisions (approve, reject, reserve, extend, cancel) and the inventory: coordinators and administrators. */
const DECIDE: ConsoleRole[] = ['admin', 'coordinator'];
/** Desk work (hand a device over, take it back): also volunteers. */
const DESK: ConsoleRole[] = ['admin', 'coordinator', 'volunteer'];

const LOAN_ERROR_STATUS: Record<LoanErrorCode, number> = { not_found: 404, conflict: 409, no_device: 409, invalid: 400 };

/** Maps the loan services' refusals to 404 / 409 / 400 with the code. */
const mapLoanError: ErrorMapper = (error) => (error instanceof LoanError ? new ConsoleHttpError(LOAN_ERROR_STATUS[error.code], error.code, { message: error.message }) : undefined);

const reasonSchema = z.object({ reason: z.string().trim().min(1).max(500) });
const reserveSchema = z.object({ deviceId: z.string().min(1).max(100).optional() });
const returnSchema = z.object({ condition: z.string().trim().max(500).optional(), needsRepair: z.boolean().optional() });
const extendSchema = z.object({ days: z.number().int().min(1).max(366).optional() });
const deviceFields = {
  assetTag: z.string().trim().min(1).max(100),
  locationId: z.string().min(1).max(100).nullable(),
  condition: z.string().trim().max(500).nullable(),
  accessories: z.array(z.string().trim().min(1).max(100)).max(20),
  notes: z.string().trim().max(1000).nullable(),
};
const createDeviceSchema = z.object({ digibankId: z.string().min(1).max(100).optional(), kind: z.enum(DEVICE_KINDS), ...deviceFields }).partial({ locationId: true, condition: true, accessories: true, notes: true });
const patchDeviceSchema = z.object({ ...deviceFields, status: z.enum(INVENTORY_STATUSES) }).partial();
const donationStatusSchema = z.object({ status: z.enum(DONATION_STATUSES) });

/** A loan request as the console shows it: the answers, the place, the device, every date. */
export function loanJson(loan: LoanView) {
  return {
    id: loan.id,
    reference: ReferenceCode.format(loan.reference),
    status: loan.status,
    statusReason: loan.statusReason,
    personId: loan.personId,
    conversationId: loan.conversationId,
    digibank: { id: loan.digibankId, name: loan.digibank.name },
    location: loan.location ? { id: loan.location.id, name: loan.location.name } : null,
    deviceKind: loan.deviceKind,
    purpose: loan.purpose,
    answers: loan.answers,
    language: loan.language,
    device: loan.device ? { id: loan.device.id, assetTag: loan.device.assetTag, accessories: loan.device.accessories } : null,
    waitlistedAt: loan.waitlistedAt,
    decidedAt: loan.decidedAt,
    decidedBy: loan.decidedBy,
    readyAt: loan.readyAt,
    pickedUpAt: loan.pickedUpAt,
    dueAt: loan.dueAt,
    returnedAt: loan.returnedAt,
    returnCondition: loan.returnCondition,
    extensions: loan.extensions,
    extensionRequestedAt: loan.extensionRequestedAt,
    createdAt: loan.createdAt,
  };
}

/**
 * The coordinators' loan API under `/console/api/loans`, with the session, CSRF and role rules of
 * the {@link ConsoleGuard} and the user's digibank as scope (an administrator sees every digibank):
 *
 * - `GET /console/api/loans?status&kind&digibankId` requests with the answers; `GET …/:loanId` one, with its events
 * - `POST …/:loanId/approve | reject {reason} | reserve {deviceId?} | extend {days?} | cancel {reason}` (coordinators)
 * - `POST …/:loanId/pickup | return {condition?, needsRepair?}` (also volunteers: desk work)
 * - `GET /console/api/loans/waiting?kind` the waiting list, first come first served
 * - `GET|POST /console/api/loans/devices`, `PATCH|DELETE …/devices/:deviceId` the inventory (writes: coordinators)
 * - `GET /console/api/loans/donations?status`, `POST …/donations/:donationId/status {status}` offered devices
 *
 * Every user may read; answers are `{"error": code}` with 400/401/403/404/409 on refusal.
 */
export function registerLoanRoutes(server: Server, guard: ConsoleGuard, deps: LoanRouteDeps): void {
  const route = (handler: (req: Request, res: Response) => Promise<void>) => consoleRoute(deps.http, handler, mapLoanError);
  const scope = (user: ConsoleUserView, req: Request): string | null => (user.role === 'admin' ? query(req, 'digibankId') ?? null : user.digibankId);

  /** The request of the route, after the guard and the digibank check; undefined when answered. */
  const loanOf = async (req: Request, res: Response, roles?: ConsoleRole[]) => {
    const user = await guard.authenticate(req, res, roles ? { csrf: true, roles } : {});
    if (!user) return undefined;
    const loan = await deps.loans.get(String(req.params.loanId));
    if (!loan) throw new ConsoleHttpError(404, 'not_found');
    if (!guard.canAccess(user, loan.digibankId)) throw new ConsoleHttpError(403, 'forbidden_digibank');
    return { user, loan };
  };
  const act = (roles: ConsoleRole[], action: (req: Request, loanId: string, actor: string) => Promise<LoanView>) =>
    route(async (req, res) => {
      const found = await loanOf(req, res, roles);
      if (found) sendJson(res, 200, { loan: loanJson(await action(req, found.loan.id, found.user.id)) });
    });

  server.get('/console/api/loans', route(async (req, res) => {
    const user = await guard.authenticate(req, res);
    if (!user) return;
    const loans = await deps.loans.list({ digibankId: scope(user, req), status: query(req, 'status'), kind: query(req, 'kind') });
    sendJson(res, 200, { loans: loans.map(loanJson) });
  }));

  server.get('/console/api/loans/waiting', route(async (req, res) => {
    const user = await guard.authenticate(req, res);
    if (!user) return;
    sendJson(res, 200, { waiting: await deps.loans.waitingList.list(scope(user, req), query(req, 'kind')) });
  }));

  registerDeviceRoutes(server, guard, deps, route, scope);
  registerDonationRoutes(server, guard, deps, route, scope);

  server.get('/console/api/loans/:loanId', route(async (req, res) => {
    const found = await loanOf(req, res);
    if (!found) return;
    await deps.onRead?.(found.user, found.loan);
    sendJson(res, 200, { loan: loanJson(found.loan), events: found.loan.events });
  }));
  server.post('/console/api/loans/:loanId/approve', act(DECIDE, (_req, id, actor) => deps.loans.approve(id, actor)));
  server.post('/console/api/loans/:loanId/reject', act(DECIDE, async (req, id, actor) => deps.loans.reject(id, actor, (await readJson(req, reasonSchema)).reason)));
  server.post('/console/api/loans/:loanId/reserve', act(DECIDE, async (req, id, actor) => deps.loans.reserve(id, actor, (await readJson(req, reserveSchema)).deviceId)));
  server.post('/console/api/loans/:loanId/pickup', act(DESK, (_req, id, actor) => deps.loans.pickUp(id, actor)));
  server.post('/console/api/loans/:loanId/return', act(DESK, async (req, id, actor) => deps.loans.markReturned(id, actor, await readJson(req, returnSchema))));
  server.post('/console/api/loans/:loanId/extend', act(DECIDE, async (req, id, actor) => deps.loans.extend(id, actor, (await readJson(req, extendSchema)).days)));
  server.post('/console/api/loans/:loanId/cancel', act(DECIDE, async (req, id, actor) => deps.loans.cancel(id, actor, (await readJson(req, reasonSchema)).reason)));
}

type Route = (handler: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response) => Promise<void>;
type Scope = (user: ConsoleUserView, req: Request) => string | null;

/** The inventory: list, add, change (status only between available, in repair and retired), delete. */
function registerDeviceRoutes(server: Server, guard: ConsoleGuard, deps: LoanRouteDeps, route: Route, scope: Scope): void {
  const deviceOf = async (req: Request, res: Response) => {
    const user = await guard.authenticate(req, res, { csrf: true, roles: DECIDE });
    if (!user) return undefined;
    const device = await deps.devices.get(String(req.params.deviceId));
    if (!device) throw new ConsoleHttpError(404, 'not_found');
    if (!guard.canAccess(user, device.digibankId)) throw new ConsoleHttpError(403, 'forbidden_digibank');
    return device;
  };

  server.get('/console/api/loans/devices', route(async (req, res) => {
    const user = await guard.authenticate(req, res);
    if (!user) return;
    sendJson(res, 200, { devices: await deps.devices.list({ digibankId: scope(user, req), kind: query(req, 'kind'), status: query(req, 'status') }) });
  }));

  server.post('/console/api/loans/devices', route(async (req, res) => {
    const user = await guard.authenticate(req, res, { csrf: true, roles: DECIDE });
    if (!user) return;
    const input = await readJson(req, createDeviceSchema);
    const digibankId = input.digibankId ?? user.digibankId;
    if (!digibankId) throw new ConsoleHttpError(400, 'invalid_request', { field: 'digibankId' });
    if (!guard.canAccess(user, digibankId)) throw new ConsoleHttpError(403, 'forbidden_digibank');
    sendJson(res, 201, { device: await deps.devices.create({ ...input, digibankId }) });
  }));

  server.patch('/console/api/loans/devices/:deviceId', route(async (req, res) => {
    const device = await deviceOf(req, res);
    if (device) sendJson(res, 200, { device: await deps.devices.update(device.id, await readJson(req, patchDeviceSchema)) });
  }));

  server.del('/console/api/loans/devices/:deviceId', route(async (req, res) => {
    const device = await deviceOf(req, res);
    if (!device) return;
    await deps.devices.remove(device.id);
    sendJson(res, 200, { deleted: device.id });
  }));
}

/** Devices people offered in the chat: list, mark received or declined. */
function registerDonationRoutes(server: Server, guard: ConsoleGuard, deps: LoanRouteDeps, route: Route, scope: Scope): void {
  server.get('/console/api/loans/donations', route(async (req, res) => {
    const user = await guard.authenticate(req, res);
    if (!user) return;
    sendJson(res, 200, { donations: await deps.donations.list(scope(user, req), query(req, 'status')) });
  }));

  server.post('/console/api/loans/donations/:donationId/status', route(async (req, res) => {
    const user = await guard.authenticate(req, res, { csrf: true, roles: DECIDE });
    if (!user) return;
    const donation: DeviceDonation | undefined = await deps.donations.get(String(req.params.donationId));
    if (!donation) throw new ConsoleHttpError(404, 'not_found');
    if (!guard.canAccess(user, donation.digibankId)) throw new ConsoleHttpError(403, 'forbidden_digibank');
    const { status } = await readJson(req, donationStatusSchema);
    sendJson(res, 200, { donation: await deps.donations.setStatus(donation.id, status) });
  }));
}

/** A query parameter as a non-empty string, or undefined. */
function query(req: Request, name: string): string | undefined {
  const value = (req.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
