-- CreateTable
CREATE TABLE "free_access_period" (
    "id" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "weekday" INTEGER NOT NULL,
    "opensAt" TEXT NOT NULL,
    "closesAt" TEXT NOT NULL,

    CONSTRAINT "free_access_period_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "free_access_period_locationId_weekday_idx" ON "free_access_period"("locationId", "weekday");

-- AddForeignKey
ALTER TABLE "free_access_period" ADD CONSTRAINT "free_access_period_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "location"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- What Prisma cannot express: the same rules as opening_period.
ALTER TABLE "free_access_period"
  ADD CONSTRAINT "free_access_period_weekday_check" CHECK ("weekday" BETWEEN 1 AND 7),
  ADD CONSTRAINT "free_access_period_times_check" CHECK (
    "opensAt" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' AND "closesAt" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'
    AND "opensAt" < "closesAt");
