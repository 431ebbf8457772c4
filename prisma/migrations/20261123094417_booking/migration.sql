-- CreateTable
CREATE TABLE "digibank" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "website" TEXT,
    "notes" TEXT,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "digibank_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "location" (
    "id" TEXT NOT NULL,
    "digibankId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "postcode" TEXT NOT NULL,
    "municipality" TEXT NOT NULL,
    "municipalityAliases" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "province" TEXT NOT NULL,
    "latitude" DOUBLE PRECISION NOT NULL,
    "longitude" DOUBLE PRECISION NOT NULL,
    "services" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "languages" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "phone" TEXT,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "location_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "opening_period" (
    "id" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "weekday" INTEGER NOT NULL,
    "opensAt" TEXT NOT NULL,
    "closesAt" TEXT NOT NULL,
    "slotMinutes" INTEGER NOT NULL DEFAULT 30,
    "capacity" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "opening_period_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "helpdesk_slot" (
    "id" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "capacity" INTEGER NOT NULL,
    "booked" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "helpdesk_slot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "home_visit_area" (
    "id" TEXT NOT NULL,
    "digibankId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "postcodes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "municipalities" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "visitMinutes" INTEGER NOT NULL DEFAULT 60,
    "travelBufferMinutes" INTEGER NOT NULL DEFAULT 30,
    "weekdays" INTEGER[] DEFAULT ARRAY[1, 2, 3, 4, 5]::INTEGER[],
    "dayStartsAt" TEXT NOT NULL DEFAULT '09:30',
    "dayEndsAt" TEXT NOT NULL DEFAULT '16:30',
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "home_visit_area_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "volunteer" (
    "id" TEXT NOT NULL,
    "digibankId" TEXT NOT NULL,
    "areaId" TEXT,
    "displayName" TEXT NOT NULL,
    "languages" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "volunteer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "booking" (
    "id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "slotId" TEXT,
    "locationId" TEXT,
    "areaId" TEXT,
    "volunteerId" TEXT,
    "postcode" TEXT,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "blockedUntil" TIMESTAMPTZ(3) NOT NULL,
    "topic" TEXT,
    "notes" TEXT,
    "status" TEXT NOT NULL DEFAULT 'booked',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "cancelledAt" TIMESTAMPTZ(3),

    CONSTRAINT "booking_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "closure" (
    "id" TEXT NOT NULL,
    "digibankId" TEXT,
    "locationId" TEXT,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE NOT NULL,
    "reason" TEXT NOT NULL,

    CONSTRAINT "closure_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "location_postcode_idx" ON "location"("postcode");

-- CreateIndex
CREATE INDEX "opening_period_locationId_weekday_idx" ON "opening_period"("locationId", "weekday");

-- CreateIndex
CREATE INDEX "helpdesk_slot_startsAt_idx" ON "helpdesk_slot"("startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "helpdesk_slot_locationId_startsAt_key" ON "helpdesk_slot"("locationId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "booking_reference_key" ON "booking"("reference");

-- CreateIndex
CREATE INDEX "booking_personId_startsAt_idx" ON "booking"("personId", "startsAt");

-- CreateIndex
CREATE INDEX "booking_slotId_idx" ON "booking"("slotId");

-- CreateIndex
CREATE INDEX "booking_volunteerId_startsAt_idx" ON "booking"("volunteerId", "startsAt");

-- CreateIndex
CREATE INDEX "closure_startsOn_endsOn_idx" ON "closure"("startsOn", "endsOn");

-- AddForeignKey
ALTER TABLE "location" ADD CONSTRAINT "location_digibankId_fkey" FOREIGN KEY ("digibankId") REFERENCES "digibank"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "opening_period" ADD CONSTRAINT "opening_period_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "location"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "helpdesk_slot" ADD CONSTRAINT "helpdesk_slot_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "location"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "home_visit_area" ADD CONSTRAINT "home_visit_area_digibankId_fkey" FOREIGN KEY ("digibankId") REFERENCES "digibank"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "volunteer" ADD CONSTRAINT "volunteer_digibankId_fkey" FOREIGN KEY ("digibankId") REFERENCES "digibank"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "volunteer" ADD CONSTRAINT "volunteer_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "home_visit_area"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "booking" ADD CONSTRAINT "booking_personId_fkey" FOREIGN KEY ("personId") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "booking" ADD CONSTRAINT "booking_slotId_fkey" FOREIGN KEY ("slotId") REFERENCES "helpdesk_slot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "booking" ADD CONSTRAINT "booking_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "location"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "booking" ADD CONSTRAINT "booking_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "home_visit_area"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "booking" ADD CONSTRAINT "booking_volunteerId_fkey" FOREIGN KEY ("volunteerId") REFERENCES "volunteer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "closure" ADD CONSTRAINT "closure_digibankId_fkey" FOREIGN KEY ("digibankId") REFERENCES "digibank"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "closure" ADD CONSTRAINT "closure_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "location"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Rules Prisma cannot express (hand-written; the generated part above is unchanged).
-- The database, not the application alone, guarantees:
--   * a helpdesk slot never holds more bookings than its capacity (counter + CHECK, row lock);
--   * a person never holds two overlapping bookings;
--   * a volunteer is never booked for overlapping visits (travel buffer included);
--   * a cancelled booking frees its place at once.
-- Overlaps are checked by a trigger under a transaction-scoped advisory lock per person and per
-- volunteer instead of an exclusion constraint, because EXCLUDE on (text =, range &&) needs the
-- btree_gist extension, which plain PGlite and the migration tool's shadow database do not load.
-- ---------------------------------------------------------------------------------------------

ALTER TABLE "opening_period"
  ADD CONSTRAINT "opening_period_weekday_check" CHECK ("weekday" BETWEEN 1 AND 7),
  ADD CONSTRAINT "opening_period_times_check" CHECK (
    "opensAt" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' AND "closesAt" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'
    AND "opensAt" < "closesAt"),
  ADD CONSTRAINT "opening_period_slot_check" CHECK ("slotMinutes" BETWEEN 5 AND 480 AND "capacity" >= 1);

ALTER TABLE "helpdesk_slot"
  ADD CONSTRAINT "helpdesk_slot_time_check" CHECK ("endsAt" > "startsAt"),
  ADD CONSTRAINT "helpdesk_slot_capacity_check" CHECK ("booked" >= 0 AND "booked" <= "capacity");

ALTER TABLE "home_visit_area"
  ADD CONSTRAINT "home_visit_area_plan_check" CHECK (
    "visitMinutes" BETWEEN 10 AND 480 AND "travelBufferMinutes" BETWEEN 0 AND 240
    AND "weekdays" <@ ARRAY[1, 2, 3, 4, 5, 6, 7]
    AND "dayStartsAt" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' AND "dayEndsAt" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'
    AND "dayStartsAt" < "dayEndsAt");

ALTER TABLE "closure"
  ADD CONSTRAINT "closure_days_check" CHECK ("endsOn" >= "startsOn"),
  ADD CONSTRAINT "closure_scope_check" CHECK (num_nonnulls("digibankId", "locationId") <= 1);

ALTER TABLE "booking"
  ADD CONSTRAINT "booking_reference_check" CHECK ("reference" ~ '^[2-9A-HJ-NP-Z]{6}$'),
  ADD CONSTRAINT "booking_status_check" CHECK ("status" IN ('booked', 'cancelled', 'attended', 'no_show')),
  ADD CONSTRAINT "booking_cancelled_check" CHECK (("status" = 'cancelled') = ("cancelledAt" IS NOT NULL)),
  ADD CONSTRAINT "booking_time_check" CHECK ("endsAt" > "startsAt" AND "blockedUntil" >= "endsAt"),
  ADD CONSTRAINT "booking_topic_check" CHECK ("topic" IS NULL OR "topic" IN (
    'eid_itsme', 'tax', 'banking', 'email_accounts', 'smartphone_basics', 'government_services',
    'health', 'work_school', 'scam_security', 'internet_access', 'printing_scanning')),
  ADD CONSTRAINT "booking_kind_check" CHECK (
    ("kind" = 'helpdesk' AND "slotId" IS NOT NULL AND "locationId" IS NOT NULL
      AND "volunteerId" IS NULL AND "areaId" IS NULL)
    OR ("kind" = 'home_visit' AND "volunteerId" IS NOT NULL AND "areaId" IS NOT NULL
      AND "postcode" IS NOT NULL AND "slotId" IS NULL));

-- Partial index for the overlap checks and for "upcoming bookings of a person".
CREATE INDEX "booking_active_person_idx" ON "booking" ("personId", "startsAt") WHERE "status" <> 'cancelled';
CREATE INDEX "booking_active_volunteer_idx" ON "booking" ("volunteerId", "startsAt")
  WHERE "status" <> 'cancelled' AND "volunteerId" IS NOT NULL;

-- Before a booking row is written: a helpdesk booking takes its times and location from its slot,
-- then no overlap for the person, nor (home visit) for the volunteer. The advisory locks
-- serialise concurrent bookings of one person / one volunteer until commit; in READ COMMITTED
-- each query below sees what the previous holder committed. REPEATABLE READ would keep an old
-- snapshot and miss it, so it is refused (SERIALIZABLE is safe: it aborts one of the two).
CREATE FUNCTION "booking_before_write"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  slot RECORD;
BEGIN
  IF NEW."kind" = 'helpdesk' AND NEW."slotId" IS NOT NULL THEN
    SELECT "locationId", "startsAt", "endsAt" INTO slot FROM "helpdesk_slot" WHERE "id" = NEW."slotId";
    IF FOUND THEN
      NEW."locationId" := slot."locationId";
      NEW."startsAt" := slot."startsAt";
      NEW."endsAt" := slot."endsAt";
      NEW."blockedUntil" := slot."endsAt";
    END IF;
  END IF;
  IF NEW."status" = 'cancelled' THEN
    RETURN NEW;
  END IF;
  IF current_setting('transaction_isolation') = 'repeatable read' THEN
    RAISE EXCEPTION 'booking_isolation: bookings are written in READ COMMITTED or SERIALIZABLE'
      USING ERRCODE = '25001';
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('booking.person'), hashtext(NEW."personId"));
  IF EXISTS (
    SELECT 1 FROM "booking" b
    WHERE b."personId" = NEW."personId" AND b."id" <> NEW."id" AND b."status" <> 'cancelled'
      AND b."startsAt" < NEW."endsAt" AND NEW."startsAt" < b."endsAt") THEN
    RAISE EXCEPTION 'booking_person_overlap: the person already has a booking at that time'
      USING ERRCODE = '23P01';
  END IF;
  IF NEW."volunteerId" IS NOT NULL THEN
    PERFORM pg_advisory_xact_lock(hashtext('booking.volunteer'), hashtext(NEW."volunteerId"));
    IF EXISTS (
      SELECT 1 FROM "booking" b
      WHERE b."volunteerId" = NEW."volunteerId" AND b."id" <> NEW."id" AND b."status" <> 'cancelled'
        AND b."startsAt" < NEW."blockedUntil" AND NEW."startsAt" < b."blockedUntil") THEN
      RAISE EXCEPTION 'booking_volunteer_overlap: the volunteer has another visit at that time'
        USING ERRCODE = '23P01';
    END IF;
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER "booking_before_write"
  BEFORE INSERT OR UPDATE OF "kind", "slotId", "personId", "volunteerId", "status", "startsAt", "endsAt", "blockedUntil"
  ON "booking" FOR EACH ROW EXECUTE FUNCTION "booking_before_write"();

-- After a booking row changes: the slot counters follow. Taking a place is a conditional UPDATE
-- of the slot row: concurrent bookings of one slot queue on its row lock, and the loser re-reads
-- the committed counter and finds no free place. The CHECK above is the last line of defence.
CREATE FUNCTION "booking_slot_places"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  released TEXT;
  taken TEXT;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    IF OLD."status" <> 'cancelled' THEN released := OLD."slotId"; END IF;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    IF NEW."status" <> 'cancelled' THEN taken := NEW."slotId"; END IF;
  END IF;
  IF released IS NOT DISTINCT FROM taken THEN
    RETURN NULL;
  END IF;
  IF released IS NOT NULL AND taken IS NOT NULL THEN
    -- A move: lock both slots in a fixed order so that two opposite moves cannot deadlock.
    PERFORM 1 FROM "helpdesk_slot" WHERE "id" IN (released, taken) ORDER BY "id" FOR UPDATE;
  END IF;
  IF released IS NOT NULL THEN
    UPDATE "helpdesk_slot" SET "booked" = "booked" - 1 WHERE "id" = released;
  END IF;
  IF taken IS NOT NULL THEN
    UPDATE "helpdesk_slot" SET "booked" = "booked" + 1 WHERE "id" = taken AND "booked" < "capacity";
    IF NOT FOUND THEN
      RAISE EXCEPTION 'booking_slot_full: no free place left in this slot' USING ERRCODE = '23514';
    END IF;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "booking_slot_places"
  AFTER INSERT OR DELETE OR UPDATE OF "slotId", "status"
  ON "booking" FOR EACH ROW EXECUTE FUNCTION "booking_slot_places"();
