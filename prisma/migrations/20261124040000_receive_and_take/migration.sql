-- An inbound message stored and its conversation's turns taken in one round trip, when the
-- receiving process can run the turn at once (bot/turnRunner.ts): the insert of the inbox, then
-- `take_turns` in the same transaction, which sees the new message.
-- Lock order: the insert locks the conversation's row (trigger `message_seq_in_commit_order`)
-- before `take_turns` touches the lease in `turn_lock`; a turn's commit also locks the conversation
-- before it gives its lease back (bot/turnStore.ts), so the two never wait for each other in a cycle.
-- Rows: 'inserted' once with the message's seq and time (none for a provider's duplicate), then the
-- rows of `take_turns`. Hand-written: functions are not expressible in the Prisma schema.
CREATE FUNCTION "receive_and_take"(
  p_id text, p_conversation text, p_channel text, p_text text, p_activity jsonb, p_provider_id text,
  p_owner text, p_seconds float8, p_keys jsonb)
RETURNS TABLE (kind text, id text, seq bigint, channel text, attempts integer, data text, key text, etag text, "createdAt" timestamp(3))
LANGUAGE plpgsql AS $$
DECLARE
  v_seq bigint;
  v_created timestamp(3);
BEGIN
  INSERT INTO message AS m (id, "conversationId", channel, direction, text, activity, "providerMessageId", status)
  VALUES (p_id, p_conversation, p_channel, 'in', p_text, p_activity, p_provider_id, 'received')
  ON CONFLICT DO NOTHING
  RETURNING m.seq, m."createdAt" INTO v_seq, v_created;
  IF FOUND THEN
    RETURN QUERY SELECT 'inserted'::text, NULL::text, v_seq, NULL::text, NULL::integer, NULL::text, NULL::text, NULL::text, v_created;
  END IF;
  RETURN QUERY SELECT t.kind, t.id, t.seq, t.channel, t.attempts, t.data, t.key, t.etag, NULL::timestamp(3)
    FROM take_turns(p_conversation, p_owner, p_seconds, p_keys) AS t;
END
$$;
