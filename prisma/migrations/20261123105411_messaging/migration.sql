-- AlterTable
ALTER TABLE "message" ADD COLUMN     "errorCode" TEXT,
ADD COLUMN     "leaseUntil" TIMESTAMP(3),
ADD COLUMN     "nextAttemptAt" TIMESTAMP(3),
ADD COLUMN     "partsSent" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "sentAt" TIMESTAMP(3),
ADD COLUMN     "smsEncoding" TEXT,
ADD COLUMN     "smsSegments" INTEGER,
ADD COLUMN     "statusAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "person" ADD COLUMN     "optedOutAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "message_conversationId_direction_status_idx" ON "message"("conversationId", "direction", "status");
