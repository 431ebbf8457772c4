-- The outbox claim (bot/outboxSender.ts) takes, per conversation, the first reply still to send.
-- Small indexes of only those rows let it look the head of each conversation up directly,
-- whatever the planner's statistics say: without statistics (a fresh embedded database, which
-- has no autovacuum) or with statistics taken while nothing was pending, PostgreSQL otherwise
-- compares every pending reply with every other one (45–270 ms a claim with 2,000 pending on
-- PGlite). Partial indexes are not expressible in the Prisma schema, hence this hand-written migration.
CREATE INDEX "message_outbox_pending_idx" ON "message" ("conversationId", "seq")
  WHERE "direction" = 'out' AND "status" IN ('queued', 'sending', 'awaiting_window');

-- The same rows in the order they are claimed: the claim can stop at its LIMIT instead of sorting
-- every pending reply (PGlite with statistics, 2,000 pending: 18.6 → 0.3 ms).
CREATE INDEX "message_outbox_due_idx" ON "message" ("seq")
  WHERE "direction" = 'out' AND "status" IN ('queued', 'sending', 'awaiting_window');
