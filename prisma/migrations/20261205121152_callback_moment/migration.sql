-- AlterTable
ALTER TABLE "handoff" ADD COLUMN     "callbackMoment" TEXT;
