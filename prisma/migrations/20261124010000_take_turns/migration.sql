-- What a drain of a conversation's turns reads first, in one round trip: with `p_owner`, the
-- conversation's lease (turn_lock) is taken first, and the rest is read only once it is held.
-- Why a function: the read must see what the lease's previous holder committed, and one SQL
-- statement reads with the snapshot it began with, before the lease was had; in a PL/pgSQL
-- function each statement takes a fresh snapshot (READ COMMITTED). Without `p_owner` (the
-- embedded database, which one process alone opens) only the read.
-- Rows: 'lease' once when the lease was taken (none at all when another holder has it); the
-- unprocessed inbound messages (at most 50, oldest first); the state items under `p_keys`; the
-- conversation's open handoff. Hand-written: functions are not expressible in the Prisma schema.
CREATE FUNCTION "take_turns"(p_conversation text, p_owner text, p_seconds float8, p_keys jsonb)
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
      WHERE s.key IN (SELECT jsonb_array_elements_text(p_keys)))
    UNION ALL
    (SELECT 'handoff'::text, h.id, NULL::bigint, NULL::text, NULL::integer, NULL::jsonb, h.status::text, NULL::text
       FROM handoff h
      WHERE h."conversationId" = p_conversation AND h.status IN ('waiting', 'with_volunteer')
      LIMIT 1);
END
$$;
