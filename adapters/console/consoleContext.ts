import type { Translator } from '../../i18n/translator';
import type { PrismaClient } from '../../generated/prisma/client';
import type { CitizenNotifier } from '../../services/citizenNotifier';
import { HandoffError, HandoffService, type Actor } from '../../services/handoff/handoffService';
import type { AuditTrail } from '../../services/privacy/auditTrail';
import type { ErasureService } from '../../services/privacy/erasureService';
import type { ConsoleAuth } from './consoleAuth';
import type { ConsoleUserView } from './consoleGuard';
import { ConsoleHttpError, ConsoleHttpOptions, ErrorMapper } from './consoleHttp';
import type { ConsoleUsers } from './consoleUsers';

/** What the console's routes share. */
export interface ConsoleContext {
  prisma: PrismaClient;
  auth: ConsoleAuth;
  users: ConsoleUsers;
  handoffs: HandoffService;
  notifier: CitizenNotifier;
  i18n: Translator;
  http: ConsoleHttpOptions;
  /** WHATSAPP_TEMPLATE_NAME: what carries a volunteer's answer outside the 24-hour window. */
  whatsAppTemplate: string | null;
  clock: () => Date;
  /** The audit trail: every console read of a conversation, person, loan or export is written to it. */
  audit: AuditTrail;
  /** Erasing a person at a coordinator's request (absent: no erase route). */
  erasures?: ErasureService;
}

/** The console user as the handoff service sees them (an administrator: all digibanks). */
export function actorOf(user: ConsoleUserView): Actor {
  return { id: user.id, name: user.displayName ?? user.username, digibankId: user.role === 'admin' ? null : user.digibankId };
}

/** The digibank whose queue a user sees: null for an administrator (all). */
export function scopeOf(user: ConsoleUserView): { digibankId: string | null } {
  return { digibankId: user.role === 'admin' ? null : user.digibankId };
}

const HANDOFF_STATUS: Record<HandoffError['code'], number> = { not_found: 404, not_yours: 409, not_open: 409, forbidden: 403 };

/** Maps the handoff service's refusals to 404 / 409 / 403. */
export const mapHandoffError: ErrorMapper = (error) =>
  error instanceof HandoffError ? new ConsoleHttpError(HANDOFF_STATUS[error.code], error.code === 'forbidden' ? 'forbidden_digibank' : error.code) : undefined;
