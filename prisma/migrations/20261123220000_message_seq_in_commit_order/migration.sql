-- Readers (web chat polls and streams) take a conversation's messages after a watermark, the
-- `seq`. The sequence hands out `seq` when a row is inserted, not when it commits: two
-- transactions writing to one conversation at once (a turn's replies and a volunteer's message,
-- say) could commit seq 12 before seq 11, and a reader that saw 12 would never see 11. So each
-- insert first waits for the other writers of its conversation (a transaction-level advisory lock,
-- held until commit), then takes its seq: within a conversation, seq order is commit order.
-- The locks are 1,024 buckets of conversations (key class 8402), so that a transaction writing to
-- thousands of conversations takes at most 1,024 locks (the lock table is shared and small); two
-- writers of different conversations wait for each other only when their buckets collide, and
-- only until the first commits. Not expressible in the Prisma schema, hence this hand-written
-- migration.
CREATE FUNCTION "message_seq_in_commit_order"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(8402, hashtext(NEW."conversationId") & 1023);
  NEW."seq" := nextval('"message_seq_seq"');
  RETURN NEW;
END
$$;

CREATE TRIGGER "message_seq_in_commit_order" BEFORE INSERT ON "message"
  FOR EACH ROW EXECUTE FUNCTION "message_seq_in_commit_order"();
