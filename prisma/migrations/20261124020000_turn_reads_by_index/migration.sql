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
--     bot_state. `key = ANY (ARRAY(…))` is an index lookup per key.
-- Partial indexes are not expressible in the Prisma schema, hence this hand-written migration.
DROP INDEX "message_direction_status_idx";

CREATE INDEX "message_inbox_pending_idx" ON "message" ("conversationId", "seq")
  WHERE "direction" = 'in' AND "status" = 'received';

CREATE OR REPLACE FUNCTION "take_turns"(p_conversation text, p_owner text, p_seconds float8, p_keys jsonb)
RETURNS TABLE (kind text, id text, seq bigint, channel text, attempts integer, data jsonb, key text, etag text)
LANGUAGE plpgsql AS $$
BEGIN
  IF p_owner IS NOT NULL THEN
    INSERT INTO turn_lock ("conversationId", owner, "expiresAt")
    VALUES (p_conversation, p_owner, now() + make_interval(secs => p_seconds))
    ON CONFLICT ("conversationId") DO UPDATE
      SET owner = EXCLUDED.owner, "expiresAt" = EXCLUDED."expiresAt"
      WHERE turn_lock."expiresAt" < now();
    IF NOT FOUND THEN
      RETURN;
    END IF;
    RETURN QUERY SELECT 'lease'::text, NULL::text, NULL::bigint, NULL::text, NULL::integer, NULL::jsonb, NULL::text, NULL::text;
  END IF;
  RETURN QUERY
    (SELECT 'message'::text, m.id, m.seq, m.channel, m.attempts, m.activity, NULL::text, NULL::text
       FROM message m
      WHERE m."conversationId" = p_conversation AND m.direction = 'in' AND m.status = 'received'
      ORDER BY m.seq LIMIT 50)
    UNION ALL
    (SELECT 'state'::text, NULL::text, NULL::bigint, NULL::text, NULL::integer, s.data, s.key, s.etag
       FROM bot_state s
      WHERE s.key = ANY (ARRAY(SELECT jsonb_array_elements_text(p_keys))))
    UNION ALL
    (SELECT 'handoff'::text, h.id, NULL::bigint, NULL::text, NULL::integer, NULL::jsonb, h.status::text, NULL::text
       FROM handoff h
      WHERE h."conversationId" = p_conversation AND h.status IN ('waiting', 'with_volunteer')
      LIMIT 1);
END
$$;
