-- AlterTable
ALTER TABLE "handoff" ADD COLUMN     "callbackOutcome" TEXT,
ADD COLUMN     "callbackOutcomeAt" TIMESTAMPTZ(3),
ADD COLUMN     "callbackOutcomeBy" TEXT;

-- CreateTable
CREATE TABLE "canned_reply" (
    "id" TEXT NOT NULL,
    "digibankId" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "canned_reply_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "canned_reply_digibankId_language_position_idx" ON "canned_reply"("digibankId", "language", "position");
