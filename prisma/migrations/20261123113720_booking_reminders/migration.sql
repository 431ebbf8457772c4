-- AlterTable
ALTER TABLE "booking" ADD COLUMN     "remindedAt" TIMESTAMPTZ(3);
