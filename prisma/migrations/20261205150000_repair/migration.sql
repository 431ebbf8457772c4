-- CreateTable
CREATE TABLE "repair_period" (
    "id" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "weekday" INTEGER NOT NULL,
    "weekOfMonth" INTEGER,
    "opensAt" TEXT NOT NULL,
    "closesAt" TEXT NOT NULL,
    "slotMinutes" INTEGER NOT NULL DEFAULT 120,
    "capacity" INTEGER NOT NULL DEFAULT 4,

    CONSTRAINT "repair_period_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "repair_moment" (
    "id" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "capacity" INTEGER NOT NULL,
    "booked" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "repair_moment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "repair_request" (
    "id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "momentId" TEXT,
    "loanId" TEXT,
    "deviceKind" TEXT NOT NULL,
    "problem" TEXT NOT NULL,
    "since" TEXT NOT NULL,
    "loaned" BOOLEAN NOT NULL DEFAULT false,
    "language" TEXT,
    "status" TEXT NOT NULL DEFAULT 'received',
    "note" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "cancelledAt" TIMESTAMPTZ(3),

    CONSTRAINT "repair_request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "repair_event" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "note" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "repair_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "repair_period_locationId_idx" ON "repair_period"("locationId");

-- CreateIndex
CREATE INDEX "repair_moment_startsAt_idx" ON "repair_moment"("startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "repair_moment_locationId_startsAt_key" ON "repair_moment"("locationId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "repair_request_reference_key" ON "repair_request"("reference");

-- CreateIndex
CREATE INDEX "repair_request_personId_createdAt_idx" ON "repair_request"("personId", "createdAt");

-- CreateIndex
CREATE INDEX "repair_request_locationId_status_idx" ON "repair_request"("locationId", "status");

-- CreateIndex
CREATE INDEX "repair_request_momentId_idx" ON "repair_request"("momentId");

-- CreateIndex
CREATE INDEX "repair_event_requestId_at_idx" ON "repair_event"("requestId", "at");

-- AddForeignKey
ALTER TABLE "repair_period" ADD CONSTRAINT "repair_period_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "location"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "repair_moment" ADD CONSTRAINT "repair_moment_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "location"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "repair_request" ADD CONSTRAINT "repair_request_personId_fkey" FOREIGN KEY ("personId") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "repair_request" ADD CONSTRAINT "repair_request_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "location"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "repair_request" ADD CONSTRAINT "repair_request_momentId_fkey" FOREIGN KEY ("momentId") REFERENCES "repair_moment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "repair_request" ADD CONSTRAINT "repair_request_loanId_fkey" FOREIGN KEY ("loanId") REFERENCES "loan_request"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "repair_event" ADD CONSTRAINT "repair_event_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "repair_request"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Rules the database keeps for repairs, whatever runs at the same moment:
--   * a repair moment never holds more open requests than its capacity (counter + CHECK, row
--     lock), like the helpdesk slot capacity of the booking migration;
--   * a cancelled request frees its place at once.
-- ---------------------------------------------------------------------------------------------

ALTER TABLE "repair_period"
  ADD CONSTRAINT "repair_period_weekday_check" CHECK ("weekday" BETWEEN 1 AND 7),
  ADD CONSTRAINT "repair_period_week_check" CHECK ("weekOfMonth" IS NULL OR "weekOfMonth" BETWEEN 1 AND 5 OR "weekOfMonth" = -1),
  ADD CONSTRAINT "repair_period_hours_check" CHECK ("opensAt" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' AND "closesAt" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' AND "closesAt" > "opensAt"),
  ADD CONSTRAINT "repair_period_slot_check" CHECK ("slotMinutes" BETWEEN 15 AND 600 AND "capacity" >= 1);

ALTER TABLE "repair_moment"
  ADD CONSTRAINT "repair_moment_time_check" CHECK ("endsAt" > "startsAt"),
  ADD CONSTRAINT "repair_moment_capacity_check" CHECK ("booked" >= 0 AND "booked" <= "capacity");

ALTER TABLE "repair_request"
  ADD CONSTRAINT "repair_request_reference_check" CHECK ("reference" ~ '^[2-9A-HJ-NP-Z]{6}$'),
  ADD CONSTRAINT "repair_request_status_check" CHECK ("status" IN ('received', 'in_repair', 'ready', 'not_repairable', 'collected', 'cancelled')),
  ADD CONSTRAINT "repair_request_kind_check" CHECK ("deviceKind" IN ('laptop', 'desktop', 'tablet', 'smartphone', 'printer', 'other')),
  ADD CONSTRAINT "repair_request_problem_check" CHECK ("problem" IN ('wont_start', 'screen', 'slow', 'battery', 'keyboard_sound', 'other')),
  ADD CONSTRAINT "repair_request_since_check" CHECK ("since" IN ('today', 'week', 'month', 'longer')),
  ADD CONSTRAINT "repair_request_cancelled_check" CHECK (("status" = 'cancelled') = ("cancelledAt" IS NOT NULL)),
  ADD CONSTRAINT "repair_request_note_check" CHECK ("note" IS NULL OR length("note") <= 500);

-- After a request row changes: the moment's counter follows. Taking a place is a conditional
-- UPDATE of the moment row: concurrent requests for one moment queue on its row lock, and the
-- loser re-reads the committed counter and finds no place left.
CREATE FUNCTION "repair_request_places"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  released TEXT;
  taken TEXT;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    IF OLD."status" <> 'cancelled' THEN released := OLD."momentId"; END IF;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    IF NEW."status" <> 'cancelled' THEN taken := NEW."momentId"; END IF;
  END IF;
  IF released IS NOT DISTINCT FROM taken THEN
    RETURN NULL;
  END IF;
  IF released IS NOT NULL AND taken IS NOT NULL THEN
    PERFORM 1 FROM "repair_moment" WHERE "id" IN (released, taken) ORDER BY "id" FOR UPDATE;
  END IF;
  IF released IS NOT NULL THEN
    UPDATE "repair_moment" SET "booked" = "booked" - 1 WHERE "id" = released;
  END IF;
  IF taken IS NOT NULL THEN
    UPDATE "repair_moment" SET "booked" = "booked" + 1 WHERE "id" = taken AND "booked" < "capacity";
    IF NOT FOUND THEN
      RAISE EXCEPTION 'repair_moment_full: no place left at this repair moment' USING ERRCODE = '23514';
    END IF;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "repair_request_places"
  AFTER INSERT OR DELETE OR UPDATE OF "momentId", "status"
  ON "repair_request" FOR EACH ROW EXECUTE FUNCTION "repair_request_places"();
