import type { PrismaClient } from '../../generated/prisma/client';
import { describeError, logger } from '../../kernel/logger';
import { PersonEraser } from './personEraser';

/** How long what is kept (configuration RETENTION_DAYS, AUDIT_RETENTION_DAYS). */
export interface RetentionPolicy {
  /** Message texts, conversation state and inactive people: deleted after this many days. */
  retentionDays: number;
  /** The console's audit trail (and the erasure records): deleted after this many days. */
  auditRetentionDays: number;
}

/** What one purge removed. */
export interface PurgeResult {
  messages: number;
  stateItems: number;
  peopleErased: number;
  peopleDeleted: number;
  auditEvents: number;
}

const DAY_MS = 86_400_000;
/** The daily run's claim: the time of the last run, shared by every process. */
const LAST_RUN_KEY = 'privacy.retention.lastRunAt';
/** A run is due when the last one is at least this old (a little under a day, so the hour does not drift). */
const RUN_EVERY_MS = 23 * 3600_000;
/** Loan requests that are over: a person whose only loan is over may be forgotten. */
const CLOSED_LOANS = ['returned', 'rejected', 'cancelled'];
/** Repair requests that are over (the device is back, or the request was cancelled). */
const CLOSED_REPAIRS = ['collected', 'cancelled'];

/**
 * The retention job: once a day, across every process (the first process to move the shared
 * `privacy.retention.lastRunAt` setting forward runs it), it deletes what is older than the policy:
 * messages (texts, channel data, inbox and outbox rows), conversation and user state, and people
 * without activity (no message, appointment or loan since the cut-off: they are erased like an
 * erasure request, and deleted when no booking or loan row still points at them), then the audit
 * events and erasure records older than their own period. Aggregate counts are not touched (the
 * `reach…` tables keep anonymous counts), so past reports stay the same.
 */
export class RetentionService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly policy: RetentionPolicy,
  ) {}

  /** Runs the purge when this process claims today's run; null when another process (or an earlier tick) already did. */
  async runIfDue(now: Date): Promise<PurgeResult | null> {
    if (!(await this.claim(now))) return null;
    return this.purge(now);
  }

  /** Deletes everything older than the policy (see the class); safe to run again. */
  async purge(now: Date): Promise<PurgeResult> {
    const cutoff = new Date(now.getTime() - this.policy.retentionDays * DAY_MS);
    const messages = await this.prisma.$executeRaw`DELETE FROM message WHERE "createdAt" < ${cutoff}`;
    const stateItems = await this.prisma.$executeRaw`DELETE FROM bot_state WHERE "updatedAt" < ${cutoff}`;
    const peopleErased = await this.eraseInactive(cutoff, now);
    const peopleDeleted = await this.prisma.$executeRaw`
      DELETE FROM person p WHERE p."erasedAt" IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM booking b WHERE b."personId" = p.id)
         AND NOT EXISTS (SELECT 1 FROM loan_request l WHERE l."personId" = p.id)
         AND NOT EXISTS (SELECT 1 FROM repair_request r WHERE r."personId" = p.id)`;
    const auditEvents = await this.purgeAudit(new Date(now.getTime() - this.policy.auditRetentionDays * DAY_MS));
    return { messages, stateItems, peopleErased, peopleDeleted, auditEvents };
  }

  /** Erases the people without any activity since the cut-off; returns how many. */
  private async eraseInactive(cutoff: Date, now: Date): Promise<number> {
    const inactive = await this.prisma.$queryRaw<{ id: string }[]>`
      SELECT p.id FROM person p
       WHERE p."erasedAt" IS NULL AND p."lastSeenAt" < ${cutoff} AND p."createdAt" < ${cutoff}
         AND NOT EXISTS (SELECT 1 FROM conversation c WHERE c."personId" = p.id AND (c."lastInboundAt" >= ${cutoff} OR c."createdAt" >= ${cutoff}))
         AND NOT EXISTS (SELECT 1 FROM message m JOIN conversation c ON c.id = m."conversationId" WHERE c."personId" = p.id)
         AND NOT EXISTS (SELECT 1 FROM booking b WHERE b."personId" = p.id AND (b."endsAt" >= ${cutoff} OR b."updatedAt" >= ${cutoff}))
         AND NOT EXISTS (SELECT 1 FROM loan_request l WHERE l."personId" = p.id AND (l.status <> ALL (${CLOSED_LOANS}::text[]) OR l."updatedAt" >= ${cutoff}))
         AND NOT EXISTS (SELECT 1 FROM repair_request r WHERE r."personId" = p.id AND (r.status <> ALL (${CLOSED_REPAIRS}::text[]) OR r."updatedAt" >= ${cutoff}))`;
    let erased = 0;
    const eraser = new PersonEraser(this.prisma);
    for (const { id } of inactive) {
      try {
        if (await eraser.erase(id, now)) erased++;
      } catch (error) {
        logger.warn({ err: describeError(error), personId: id }, 'retention could not erase an inactive person; retried tomorrow');
      }
    }
    return erased;
  }

  /** The audit trail is append-only: its trigger lets only this transaction (SET LOCAL) delete old rows. */
  private async purgeAudit(cutoff: Date): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT set_config('digibank.audit_purge', 'on', true)`;
      const deleted = await tx.$executeRaw`DELETE FROM audit_event WHERE at < ${cutoff}`;
      await tx.$executeRaw`DELETE FROM erasure_request WHERE "erasedAt" < ${cutoff}`;
      return deleted;
    });
  }

  /** Moves the shared last-run time to now when it is a day old: true for the one process that did. */
  private async claim(now: Date): Promise<boolean> {
    await this.prisma.appSetting.createMany({ data: [{ key: LAST_RUN_KEY, value: new Date(0).toISOString() }], skipDuplicates: true });
    const due = new Date(now.getTime() - RUN_EVERY_MS);
    const claimed = await this.prisma.$executeRaw`
      UPDATE app_setting SET value = ${now.toISOString()} WHERE key = ${LAST_RUN_KEY} AND value::timestamptz <= ${due}`;
    return claimed === 1;
  }
}
