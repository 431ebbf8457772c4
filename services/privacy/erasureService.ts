import type { PrismaClient } from '../../generated/prisma/client';
import { describeError, logger } from '../../kernel/logger';
import { ErasureResult, ErasureSource, PersonEraser } from './personEraser';

/** Options of the {@link ErasureService}. */
export interface ErasureOptions {
  /**
   * How long a person's erasure waits after their request, at least, so that the last confirmation
   * reaches a web chat page on another process (default 10 s).
   */
  graceMs?: number;
  /**
   * How long it waits at most for the confirmation to leave the outbox (a provider that is down,
   * a WhatsApp window): after this the erasure is done anyway (default 15 minutes).
   */
  maxWaitMs?: number;
}

/** Outbound statuses that still need the person's channel id (the outbox has not handed them over yet). */
const UNSENT = ['queued', 'sending'];
/** Channels whose replies the outbox sender delivers to the person's number (web chat reads them itself). */
const SENT_BY_OUTBOX = ['whatsapp', 'sms'];

/**
 * Erasure requests: a person's own request in the chat is recorded at once and carried out by
 * {@link eraseDue} as soon as its last confirmation has left the outbox (the sender needs the phone
 * number to deliver it, so the number is kept exactly as long as that takes, and never longer than
 * `maxWaitMs`); a coordinator's erasure from the console is done at once ({@link eraseNow}).
 * Each erasure is one transaction ({@link PersonEraser}); a request row (no personal data) records
 * who asked and when it was done.
 */
export class ErasureService {
  private readonly graceMs: number;
  private readonly maxWaitMs: number;

  constructor(private readonly prisma: PrismaClient, options: ErasureOptions = {}) {
    this.graceMs = options.graceMs ?? 10_000;
    this.maxWaitMs = options.maxWaitMs ?? 15 * 60_000;
  }

  /** Records the person's request (once: a pending one is kept). */
  async request(personId: string, source: ErasureSource = 'citizen', at = new Date()): Promise<void> {
    const pending = await this.prisma.erasureRequest.findFirst({ where: { personId, erasedAt: null } });
    if (!pending) await this.prisma.erasureRequest.create({ data: { personId, source, requestedAt: at } });
  }

  /** Erases the person now (console); null when unknown or already erased. */
  async eraseNow(personId: string, source: ErasureSource, actorId: string | null, at = new Date()): Promise<ErasureResult | null> {
    return this.prisma.$transaction(async (tx) => {
      await tx.erasureRequest.create({ data: { personId, source, actorId, requestedAt: at } });
      return PersonEraser.eraseIn(tx, personId, at);
    });
  }

  /**
   * Carries out the pending requests whose confirmation has left the outbox (or that waited
   * `maxWaitMs`), skipping a person whose conversation has a turn running or waiting; returns how
   * many people were erased. Safe on several processes: each erasure locks its person row.
   */
  async eraseDue(now = new Date()): Promise<number> {
    const ready = new Date(now.getTime() - this.graceMs);
    const overdue = new Date(now.getTime() - this.maxWaitMs);
    const due = await this.prisma.$queryRaw<{ personId: string }[]>`
      SELECT DISTINCT r."personId" FROM erasure_request r
       WHERE r."erasedAt" IS NULL AND r."requestedAt" <= ${ready}
         AND NOT EXISTS (
           SELECT 1 FROM conversation c
             JOIN message m ON m."conversationId" = c.id
            WHERE c."personId" = r."personId"
              AND ((m.direction = 'in' AND m.status = 'received')
                OR (r."requestedAt" > ${overdue} AND m.direction = 'out' AND m.status = ANY (${UNSENT}::text[]) AND m.channel = ANY (${SENT_BY_OUTBOX}::text[]))))
         AND NOT EXISTS (
           SELECT 1 FROM conversation c JOIN turn_lock l ON l."conversationId" = c.id
            WHERE c."personId" = r."personId" AND l."expiresAt" > ${now})
       LIMIT 50`;
    let erased = 0;
    for (const { personId } of due) {
      try {
        if (await new PersonEraser(this.prisma).erase(personId, now)) erased++;
      } catch (error) {
        logger.warn({ err: describeError(error), personId }, 'erasure failed; retried at the next sweep');
      }
    }
    return erased;
  }
}
