-- The outbox claim (bot/outboxSender.ts) takes, per conversation, the first reply still to send.
-- A small index of only those rows lets it look the head of each conversation up directly,
-- whatever the planner's statistics say: without statistics (a fresh embedded database, which
-- has no autovacuum) or with statistics taken while nothing was pending, PostgreSQL otherwise
-- compares every pending reply with every other one (45–270 ms a claim with 2,000 pending on
-- PGlite). Partial indexes are not expressible in the Prisma schema, hence this hand-written migration.
CREATE INDEX "message_outbox_pending_idx" ON "message" ("conversationId", "seq")
  WHERE "direction" = 'out' AND "status" IN ('queued', 'sending', 'awaiting_window');
