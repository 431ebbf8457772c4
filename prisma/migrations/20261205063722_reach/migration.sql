-- CreateTable
CREATE TABLE "reach_activity" (
    "day" DATE NOT NULL,
    "conversation_key" TEXT NOT NULL,
    "person_key" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "language" TEXT,
    "messages_in" INTEGER NOT NULL DEFAULT 0,
    "messages_out" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "reach_activity_pkey" PRIMARY KEY ("day","conversation_key")
);

-- CreateTable
CREATE TABLE "reach_event" (
    "id" BIGSERIAL NOT NULL,
    "day" DATE NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "person_key" TEXT,
    "digibank_id" TEXT,
    "ref" TEXT,
    "value" DOUBLE PRECISION,
    "detail" TEXT,

    CONSTRAINT "reach_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reach_alias" (
    "alias_key" TEXT NOT NULL,
    "person_key" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reach_alias_pkey" PRIMARY KEY ("alias_key")
);

-- CreateIndex
CREATE INDEX "reach_activity_person_key_day_idx" ON "reach_activity"("person_key", "day");

-- CreateIndex
CREATE INDEX "reach_event_day_kind_idx" ON "reach_event"("day", "kind");

-- CreateIndex
CREATE INDEX "reach_event_person_key_day_idx" ON "reach_event"("person_key", "day");

-- CreateIndex
CREATE UNIQUE INDEX "reach_event_kind_ref_key" ON "reach_event"("kind", "ref");
