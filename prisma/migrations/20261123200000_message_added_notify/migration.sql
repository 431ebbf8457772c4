-- Live transcript feed: every new message announces itself at commit, so that web chat streams
-- (and polls) learn of new messages without asking the database (bot/messageFeed.ts). The
-- payload is "<conversation id> <seq>": ids only, no personal data. Not expressible in the
-- Prisma schema, hence this hand-written migration.
CREATE FUNCTION "message_added_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('message_added', NEW."conversationId" || ' ' || NEW."seq");
  RETURN NULL;
END
$$;

CREATE TRIGGER "message_added" AFTER INSERT ON "message"
  FOR EACH ROW EXECUTE FUNCTION "message_added_notify"();
