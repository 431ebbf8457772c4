import type { PrismaClient } from '../../generated/prisma/client';

/** What a console user opened or did to a person's data. */
export type AuditAction = 'conversation.view' | 'person.view' | 'callback.view' | 'person.export' | 'person.erase' | 'loan.view' | 'repair.view' | 'repair.status' | 'audit.view';

/** One entry of the trail. */
export interface AuditEntry {
  actorId: string;
  actorName: string;
  action: AuditAction;
  subjectType: 'conversation' | 'person' | 'loan' | 'repair' | 'audit';
  subjectId: string;
  digibankId?: string | null;
}

/** Filters of {@link AuditTrail.list}. */
export interface AuditQuery {
  from?: Date;
  to?: Date;
  actorId?: string;
  subjectId?: string;
  limit?: number;
}

/**
 * The console's audit trail (`audit_event`): who opened which conversation, person, loan or export,
 * and when. Append-only (a database trigger refuses updates and deletes, but for the retention
 * purge of `services/privacy/retentionService.ts`); read by administrators.
 */
export class AuditTrail {
  constructor(private readonly prisma: PrismaClient, private readonly clock: () => Date = () => new Date()) {}

  /**
   * Appends one entry. `onceWithinMs`: not again when the same user did the same to the same record
   * that recently (the console page refreshes an open conversation every few seconds).
   */
  async record(entry: AuditEntry, onceWithinMs = 0): Promise<void> {
    const at = this.clock();
    if (onceWithinMs > 0) {
      const since = new Date(at.getTime() - onceWithinMs);
      const recent = await this.prisma.auditEvent.findFirst({ where: { subjectType: entry.subjectType, subjectId: entry.subjectId, actorId: entry.actorId, action: entry.action, at: { gte: since } }, select: { id: true } });
      if (recent) return;
    }
    await this.prisma.auditEvent.create({ data: { ...entry, digibankId: entry.digibankId ?? null, at } });
  }

  /** The entries, newest first (at most `limit`, default 200, at most 1000). */
  list(query: AuditQuery = {}) {
    return this.prisma.auditEvent.findMany({
      where: {
        at: { gte: query.from, lt: query.to },
        actorId: query.actorId,
        subjectId: query.subjectId,
      },
      orderBy: { at: 'desc' },
      take: Math.min(Math.max(query.limit ?? 200, 1), 1000),
    });
  }
}
