-- `take_turns` also gives the kind of the conversation's last reply (its
-- `channelData.digibank.kind`; NULL when there is none or it has no kind), in a 'last_reply' row
-- that is always there. A turn then knows without a query whether the person may be answering a
-- day-before reminder ("1", "2", "annuleren"): only then does it look the booking up
-- (bot/bookingPorts.ts). Found through the (conversationId, seq) index, newest first.
CREATE OR REPLACE FUNCTION "take_turns"(p_conversation text, p_owner text, p_seconds float8, p_keys jsonb)
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
      LIMIT 1)
    UNION ALL
    SELECT 'last_reply'::text, NULL::text, NULL::bigint, NULL::text, NULL::integer, NULL::text,
      (SELECT r.activity->'channelData'->'digibank'->>'kind'
         FROM message r
        WHERE r."conversationId" = p_conversation AND r.direction = 'out'
        ORDER BY r.seq DESC LIMIT 1),
      NULL::text;
END
$$;
