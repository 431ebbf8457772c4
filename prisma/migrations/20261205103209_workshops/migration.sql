-- CreateTable
CREATE TABLE "workshop" (
    "id" TEXT NOT NULL,
    "digibankId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "title" JSONB NOT NULL,
    "description" JSONB NOT NULL DEFAULT '{}',
    "whatToBring" JSONB NOT NULL DEFAULT '{}',
    "topic" TEXT NOT NULL,
    "level" TEXT NOT NULL DEFAULT 'beginner',
    "language" TEXT NOT NULL,
    "seats" INTEGER NOT NULL,
    "taken" INTEGER NOT NULL DEFAULT 0,
    "priceCents" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'open',
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "workshop_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workshop_session" (
    "id" TEXT NOT NULL,
    "workshopId" TEXT NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "workshop_session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workshop_registration" (
    "id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "workshopId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'registered',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "cancelledAt" TIMESTAMPTZ(3),
    "promotedAt" TIMESTAMPTZ(3),

    CONSTRAINT "workshop_registration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workshop_attendance" (
    "registrationId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "attended" BOOLEAN NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "workshop_attendance_pkey" PRIMARY KEY ("registrationId","sessionId")
);

-- CreateTable
CREATE TABLE "workshop_reminder" (
    "registrationId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "claimedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "workshop_reminder_pkey" PRIMARY KEY ("registrationId","sessionId")
);

-- CreateIndex
CREATE INDEX "workshop_digibankId_startsAt_idx" ON "workshop"("digibankId", "startsAt");

-- CreateIndex
CREATE INDEX "workshop_startsAt_idx" ON "workshop"("startsAt");

-- CreateIndex
CREATE INDEX "workshop_session_startsAt_idx" ON "workshop_session"("startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "workshop_session_workshopId_startsAt_key" ON "workshop_session"("workshopId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "workshop_registration_reference_key" ON "workshop_registration"("reference");

-- CreateIndex
CREATE INDEX "workshop_registration_workshopId_status_createdAt_idx" ON "workshop_registration"("workshopId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "workshop_registration_personId_idx" ON "workshop_registration"("personId");

-- AddForeignKey
ALTER TABLE "workshop" ADD CONSTRAINT "workshop_digibankId_fkey" FOREIGN KEY ("digibankId") REFERENCES "digibank"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workshop" ADD CONSTRAINT "workshop_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "location"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workshop_session" ADD CONSTRAINT "workshop_session_workshopId_fkey" FOREIGN KEY ("workshopId") REFERENCES "workshop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workshop_registration" ADD CONSTRAINT "workshop_registration_workshopId_fkey" FOREIGN KEY ("workshopId") REFERENCES "workshop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workshop_registration" ADD CONSTRAINT "workshop_registration_personId_fkey" FOREIGN KEY ("personId") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workshop_attendance" ADD CONSTRAINT "workshop_attendance_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "workshop_registration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workshop_attendance" ADD CONSTRAINT "workshop_attendance_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "workshop_session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workshop_reminder" ADD CONSTRAINT "workshop_reminder_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "workshop_registration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workshop_reminder" ADD CONSTRAINT "workshop_reminder_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "workshop_session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Rules the database keeps for workshops, whatever runs at the same moment:
--   * a workshop never holds more registrations than seats (counter + CHECK, row lock), like the
--     helpdesk slot capacity of the booking migration;
--   * a person holds at most one active (registered or waiting) registration per workshop;
--   * a cancelled registration frees its seat at once.
-- ---------------------------------------------------------------------------------------------

ALTER TABLE "workshop"
  ADD CONSTRAINT "workshop_seats_check" CHECK ("seats" >= 1 AND "taken" >= 0 AND "taken" <= "seats"),
  ADD CONSTRAINT "workshop_time_check" CHECK ("endsAt" > "startsAt"),
  ADD CONSTRAINT "workshop_price_check" CHECK ("priceCents" >= 0),
  ADD CONSTRAINT "workshop_status_check" CHECK ("status" IN ('open', 'cancelled')),
  ADD CONSTRAINT "workshop_level_check" CHECK ("level" IN ('beginner', 'intermediate', 'advanced')),
  ADD CONSTRAINT "workshop_language_check" CHECK ("language" IN ('nl', 'fr', 'en')),
  ADD CONSTRAINT "workshop_topic_check" CHECK ("topic" IN (
    'eid_itsme', 'tax', 'banking', 'email_accounts', 'smartphone_basics', 'government_services',
    'health', 'work_school', 'scam_security', 'internet_access', 'printing_scanning'));

ALTER TABLE "workshop_session"
  ADD CONSTRAINT "workshop_session_time_check" CHECK ("endsAt" > "startsAt");

ALTER TABLE "workshop_registration"
  ADD CONSTRAINT "workshop_registration_reference_check" CHECK ("reference" ~ '^[2-9A-HJ-NP-Z]{6}$'),
  ADD CONSTRAINT "workshop_registration_status_check" CHECK ("status" IN ('registered', 'waiting', 'cancelled')),
  ADD CONSTRAINT "workshop_registration_cancelled_check" CHECK (("status" = 'cancelled') = ("cancelledAt" IS NOT NULL));

CREATE UNIQUE INDEX "workshop_registration_active_person_idx" ON "workshop_registration" ("workshopId", "personId")
  WHERE "status" <> 'cancelled';

-- After a registration row changes: the workshop's seat counter follows. Taking a seat is a
-- conditional UPDATE of the workshop row: concurrent registrations for one workshop queue on its
-- row lock, and the loser re-reads the committed counter and finds no seat left.
CREATE FUNCTION "workshop_registration_seats"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  freed_id TEXT;
  taken_id TEXT;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    IF OLD."status" = 'registered' THEN freed_id := OLD."workshopId"; END IF;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    IF NEW."status" = 'registered' THEN taken_id := NEW."workshopId"; END IF;
  END IF;
  IF freed_id IS NOT DISTINCT FROM taken_id THEN
    RETURN NULL;
  END IF;
  IF freed_id IS NOT NULL THEN
    UPDATE "workshop" SET "taken" = "taken" - 1 WHERE "id" = freed_id;
  END IF;
  IF taken_id IS NOT NULL THEN
    UPDATE "workshop" SET "taken" = "taken" + 1 WHERE "id" = taken_id AND "taken" < "seats";
    IF NOT FOUND THEN
      RAISE EXCEPTION 'workshop_full: no seat left in this workshop' USING ERRCODE = '23514';
    END IF;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "workshop_registration_seats"
  AFTER INSERT OR DELETE OR UPDATE OF "workshopId", "status"
  ON "workshop_registration" FOR EACH ROW EXECUTE FUNCTION "workshop_registration_seats"();
