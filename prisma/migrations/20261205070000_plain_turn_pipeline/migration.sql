-- The turn pipeline runs plain statements written in TypeScript next to their callers
-- (turns/turnStore.ts, turns/turnLock.ts, turns/stateStorage.ts): store the inbound message; take
-- the conversation's lease; read its pending messages; read the turn's state; commit state, replies
-- and "processed" in one transaction; release the lease. The stored functions that fused those
-- steps into one round trip are no longer called. The partial index of pending inbound messages
-- (`message_inbox_pending_idx`) stays: the pending read and the recovery sweep use it.
DROP FUNCTION IF EXISTS "receive_and_take"(text, text, text, text, jsonb, text, text, float8, jsonb);
DROP FUNCTION IF EXISTS "take_turns"(text, text, float8, jsonb);
