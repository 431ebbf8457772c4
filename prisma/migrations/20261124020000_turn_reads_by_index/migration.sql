-- A turn's first read looks its rows up by index, whatever the planner's statistics say (plans of
-- a PL/pgSQL function are cached per connection, so a plan made on a young table's statistics
-- stays). Measured with auto_explain under bench:turns on PostgreSQL, 0.35 ms of the 0.49 ms a
-- take_turns call took:
--   * the pending inbound messages were found through (direction, status), reading every
--     received message of every conversation, and dead versions of them, to keep this one's.
--     That index goes: two columns of a few values each, kept up to date on every message
--     written; the read now takes (conversationId, direction, status). The recovery sweep
--     (every conversation with a pending message) gets a partial index of only those messages,
--     as the outbox has its own;
--   * the state items: `key IN (SELECT jsonb_array_elements_text(…))` is planned for 100 keys
--     (a set-returning function's default estimate) and became a hash join over all of
--     bot_state. `key = ANY (ARRAY(…))` is an index lookup per key: in the turn's SQL
--     (bot/turnStore.ts, bot/prismaStorage.ts) and in `take_turns` (next migration, which
--     replaces the function once for this and for its result as text).
-- Partial indexes are not expressible in the Prisma schema, hence this hand-written migration.
DROP INDEX "message_direction_status_idx";

CREATE INDEX "message_inbox_pending_idx" ON "message" ("conversationId", "seq")
  WHERE "direction" = 'in' AND "status" = 'received';
