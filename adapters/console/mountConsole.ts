import type { Server } from 'restify';
import type { Translator } from '../../i18n/translator';
import type { PrismaClient } from '../../generated/prisma/client';
import type { CitizenNotifier } from '../../services/citizenNotifier';
import type { HandoffService } from '../../services/handoff/handoffService';
import { registerAppointmentRoutes } from './appointmentRoutes';
import { registerAuthRoutes } from './authRoutes';
import { registerCallbackRoutes } from './callbackRoutes';
import { registerCannedReplyRoutes } from './cannedReplyRoutes';
import { registerHistoryRoutes } from './historyRoutes';
import { registerBookingRoutes } from './bookingRoutes';
import { registerWorkshopRoutes } from './workshopRoutes';
import { registerRepairRoutes } from './repairRoutes';
import { RepairService } from '../../services/repair/repairService';
import { ConsoleAuth } from './consoleAuth';
import { LoanRouteDeps, registerLoanRoutes } from './loanRoutes';
import type { ConsoleContext } from './consoleContext';
import type { ConsoleGuard } from './consoleGuard';
import { registerConsolePage } from './consolePage';
import { BootstrapResult, ConsoleUsers } from './consoleUsers';
import { registerConversationRoutes } from './conversationRoutes';
import type { PasswordHasher } from './passwordHasher';
import { registerQueueRoutes } from './queueRoutes';
import { audit, registerPrivacyRoutes } from './privacyRoutes';
import { AuditTrail } from '../../services/privacy/auditTrail';
import type { ErasureService } from '../../services/privacy/erasureService';
import { registerReportRoutes } from './reportRoutes';
import { ReachReportService } from '../../services/reach/reachReport';
import type { ReachRecorder } from '../../services/reach/reachRecorder';
import type { ThrottleLimits } from './loginThrottle';

/** Settings of the console (app/config.ts). */
export interface ConsoleSettings {
  PUBLIC_BASE_URL?: string;
  CONSOLE_ADMIN_USERNAME?: string;
  CONSOLE_ADMIN_PASSWORD?: string;
  CONSOLE_SESSION_IDLE_MINUTES: number;
  CONSOLE_SESSION_MAX_HOURS: number;
  TRUST_PROXY?: number;
  WHATSAPP_TEMPLATE_NAME?: string;
  /** Unit prices of the reach report's costs (defaults: €0.075 per SMS segment, €0.03 per template). */
  SMS_SEGMENT_PRICE_EUR?: number;
  WHATSAPP_TEMPLATE_PRICE_EUR?: number;
}

/** What the console needs from the composition root. */
export interface ConsoleDeps {
  prisma: PrismaClient;
  handoffs: HandoffService;
  notifier: CitizenNotifier;
  i18n: Translator;
  settings: ConsoleSettings;
  /** Device loans (`/console/api/loans/*`); absent: no loan routes. */
  loans?: Omit<LoanRouteDeps, 'http' | 'onRead'>;
  /** Erasure of a person from the console (`POST /console/api/people/:id/erase`); absent: no such route. */
  erasures?: ErasureService;
  /** Records appointment outcomes for the reach report (none: not recorded). */
  reach?: ReachRecorder;
  /** Tests: a cheaper password hash, other throttle limits, a fixed clock. */
  hasher?: PasswordHasher;
  throttle?: ThrottleLimits;
  clock?: () => Date;
}

/** The mounted console. */
export interface MountedConsole {
  /** The session/CSRF/role guard for other `/console/api` routes (e.g. loans). */
  guard: ConsoleGuard;
  /** The administrator created on an empty database (with the random password to print once), or not. */
  bootstrap: BootstrapResult;
  /** Ends the open queue streams (before the server closes). */
  close(): void;
}

/**
 * Mounts the volunteer & coordinator console: the page under `/console`, the JSON API under
 * `/console/api/*`, and creates the first administrator on an empty `console_user` table.
 */
export async function mountConsole(server: Server, deps: ConsoleDeps): Promise<MountedConsole> {
  const http = { https: (deps.settings.PUBLIC_BASE_URL ?? '').startsWith('https:'), trustedProxyHops: deps.settings.TRUST_PROXY ?? 0 };
  const clock = deps.clock ?? (() => new Date());
  const auth = new ConsoleAuth(deps.prisma, { https: http.https, idleMinutes: deps.settings.CONSOLE_SESSION_IDLE_MINUTES, maxHours: deps.settings.CONSOLE_SESSION_MAX_HOURS, hasher: deps.hasher, throttle: deps.throttle, clock });
  const users = new ConsoleUsers(deps.prisma, auth.hasher);
  const bootstrap = await users.bootstrapAdmin(deps.settings.CONSOLE_ADMIN_USERNAME, deps.settings.CONSOLE_ADMIN_PASSWORD);
  const ctx: ConsoleContext = {
    prisma: deps.prisma, auth, users, handoffs: deps.handoffs, notifier: deps.notifier, i18n: deps.i18n, http, whatsAppTemplate: deps.settings.WHATSAPP_TEMPLATE_NAME ?? null, clock,
    audit: new AuditTrail(deps.prisma, clock), erasures: deps.erasures,
  };
  registerAuthRoutes(server, ctx);
  const endStreams = registerQueueRoutes(server, ctx);
  registerConversationRoutes(server, ctx);
  registerBookingRoutes(server, ctx, deps.reach);
  registerCallbackRoutes(server, ctx);
  registerHistoryRoutes(server, ctx);
  registerAppointmentRoutes(server, ctx);
  registerCannedReplyRoutes(server, ctx);
  registerWorkshopRoutes(server, ctx, deps.reach);
  registerRepairRoutes(server, ctx, new RepairService(deps.prisma, { notifier: deps.notifier, reach: deps.reach }));
  registerPrivacyRoutes(server, ctx);
  const prices = { smsSegmentEur: deps.settings.SMS_SEGMENT_PRICE_EUR ?? 0.075, whatsappTemplateEur: deps.settings.WHATSAPP_TEMPLATE_PRICE_EUR ?? 0.03 };
  registerReportRoutes(server, ctx, new ReachReportService(deps.prisma, prices));
  const onRead: LoanRouteDeps['onRead'] = (user, loan) => audit(ctx, user, 'loan.view', { type: 'loan', id: loan.id, digibankId: loan.digibankId });
  if (deps.loans) registerLoanRoutes(server, auth, { ...deps.loans, http, onRead });
  registerConsolePage(server, http);
  return { guard: auth, bootstrap, close: endStreams };
}
