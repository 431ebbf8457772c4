-- `take_turns` gives the activities and the state as JSON text: a turn parses each state item
-- once per read and serialises it once per write (bot/unitOfWork.ts), instead of having the driver
-- parse it and the turn copy it twice. Its state items are looked up with `= ANY (ARRAY(…))`, an
-- index lookup per key (see the previous migration). A function's result type cannot be replaced,
-- hence the drop.
DROP FUNCTION "take_turns"(text, text, float8, jsonb);

CREATE FUNCTION "take_turns"(p_conversation text, p_owner text, p_seconds float8, p_keys jsonb)
RETURNS TABLE (kind text, id text, seq bigint, channel text, attempts integer, data text, key text, etag text)
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
    RETURN QUERY SELECT 'lease'::text, NULL::text, NULL::bigint, NULL::text, NULL::integer, NULL::text, NULL::text, NULL::text;
  END IF;
  RETURN QUERY
    (SELECT 'message'::text, m.id, m.seq, m.channel, m.attempts, m.activity::text, NULL::text, NULL::text
       FROM message m
      WHERE m."conversationId" = p_conversation AND m.direction = 'in' AND m.status = 'received'
      ORDER BY m.seq LIMIT 50)
    UNION ALL
    (SELECT 'state'::text, NULL::text, NULL::bigint, NULL::text, NULL::integer, s.data::text, s.key, s.etag
       FROM bot_state s
      WHERE s.key = ANY (ARRAY(SELECT jsonb_array_elements_text(p_keys))))
    UNION ALL
    (SELECT 'handoff'::text, h.id, NULL::bigint, NULL::text, NULL::integer, NULL::text, h.status::text, NULL::text
       FROM handoff h
      WHERE h."conversationId" = p_conversation AND h.status IN ('waiting', 'with_volunteer')
      LIMIT 1);
END
$$;
