-- Each message insert now waits for the other writers of its conversation by locking the
-- conversation's row (FOR NO KEY UPDATE, held until commit) instead of an advisory lock, then
-- takes its seq: within a conversation, seq order is still commit order.
-- Why: writers also lock that row — a first contact upserts the conversation before inserting
-- its message, a turn's commit inserts its replies and then updates the conversation. With two
-- kinds of lock taken in opposite orders, a provider's duplicate first delivery and the turn of
-- the first copy deadlocked, and PostgreSQL aborted one: sometimes the turn, whose reply was then
-- late. One lock per conversation has no order to get wrong. Row locks live in the row, not in
-- the shared lock table, so a statement writing to thousands of conversations needs no buckets,
-- and writers of different conversations never wait for each other.
-- Hand-written: functions are not expressible in the Prisma schema.
CREATE OR REPLACE FUNCTION "message_seq_in_commit_order"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM conversation WHERE id = NEW."conversationId" FOR NO KEY UPDATE;
  NEW."seq" := nextval('"message_seq_seq"');
  RETURN NEW;
END
$$;
