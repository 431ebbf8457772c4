-- CreateTable
CREATE TABLE "console_user" (
    "id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "digibankId" TEXT,
    "displayName" TEXT,
    "languages" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "uiLanguage" TEXT NOT NULL DEFAULT 'nl',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastLoginAt" TIMESTAMPTZ(3),

    CONSTRAINT "console_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "console_session" (
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "csrfToken" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "console_session_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateTable
CREATE TABLE "console_login_throttle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "windowStartAt" TIMESTAMPTZ(3) NOT NULL,
    "lockedUntil" TIMESTAMPTZ(3),

    CONSTRAINT "console_login_throttle_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "handoff" (
    "id" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "personId" TEXT,
    "digibankId" TEXT,
    "channel" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "language" TEXT,
    "topic" TEXT,
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "summary" JSONB,
    "volunteerId" TEXT,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedAt" TIMESTAMPTZ(3),
    "endedAt" TIMESTAMPTZ(3),
    "alternativeOfferedAt" TIMESTAMPTZ(3),
    "callbackRequested" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "handoff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "handoff_event" (
    "id" TEXT NOT NULL,
    "handoffId" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "reason" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "handoff_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "handoff_note" (
    "id" TEXT NOT NULL,
    "handoffId" TEXT NOT NULL,
    "authorId" TEXT,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "handoff_note_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "device" (
    "id" TEXT NOT NULL,
    "digibankId" TEXT NOT NULL,
    "locationId" TEXT,
    "kind" TEXT NOT NULL,
    "assetTag" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'available',
    "condition" TEXT,
    "accessories" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "notes" TEXT,
    "isDemo" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "device_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "loan_question" (
    "id" TEXT NOT NULL,
    "digibankId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "required" BOOLEAN NOT NULL DEFAULT false,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "loan_question_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "loan_request" (
    "id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "conversationId" TEXT,
    "digibankId" TEXT NOT NULL,
    "locationId" TEXT,
    "deviceKind" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "answers" JSONB NOT NULL DEFAULT '{}',
    "language" TEXT,
    "status" TEXT NOT NULL DEFAULT 'requested',
    "statusReason" TEXT,
    "deviceId" TEXT,
    "waitlistedAt" TIMESTAMPTZ(3),
    "decidedAt" TIMESTAMPTZ(3),
    "decidedBy" TEXT,
    "readyAt" TIMESTAMPTZ(3),
    "pickedUpAt" TIMESTAMPTZ(3),
    "dueAt" TIMESTAMPTZ(3),
    "returnedAt" TIMESTAMPTZ(3),
    "returnCondition" TEXT,
    "extensions" INTEGER NOT NULL DEFAULT 0,
    "extensionRequestedAt" TIMESTAMPTZ(3),
    "dueReminderFor" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "loan_request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "loan_event" (
    "id" TEXT NOT NULL,
    "loanId" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "reason" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "loan_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "device_donation" (
    "id" TEXT NOT NULL,
    "personId" TEXT,
    "digibankId" TEXT,
    "locationId" TEXT,
    "deviceKind" TEXT NOT NULL,
    "description" TEXT,
    "status" TEXT NOT NULL DEFAULT 'offered',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "device_donation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "console_user_username_key" ON "console_user"("username");

-- CreateIndex
CREATE INDEX "console_session_userId_idx" ON "console_session"("userId");

-- CreateIndex
CREATE INDEX "console_session_expiresAt_idx" ON "console_session"("expiresAt");

-- CreateIndex
CREATE INDEX "handoff_status_requestedAt_idx" ON "handoff"("status", "requestedAt");

-- CreateIndex
CREATE INDEX "handoff_conversationId_idx" ON "handoff"("conversationId");

-- CreateIndex
CREATE INDEX "handoff_digibankId_status_idx" ON "handoff"("digibankId", "status");

-- CreateIndex
CREATE INDEX "handoff_event_handoffId_at_idx" ON "handoff_event"("handoffId", "at");

-- CreateIndex
CREATE INDEX "handoff_note_handoffId_createdAt_idx" ON "handoff_note"("handoffId", "createdAt");

-- CreateIndex
CREATE INDEX "device_digibankId_kind_status_idx" ON "device"("digibankId", "kind", "status");

-- CreateIndex
CREATE UNIQUE INDEX "device_digibankId_assetTag_key" ON "device"("digibankId", "assetTag");

-- CreateIndex
CREATE UNIQUE INDEX "loan_question_digibankId_key_key" ON "loan_question"("digibankId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "loan_request_reference_key" ON "loan_request"("reference");

-- CreateIndex
CREATE INDEX "loan_request_personId_createdAt_idx" ON "loan_request"("personId", "createdAt");

-- CreateIndex
CREATE INDEX "loan_request_digibankId_status_idx" ON "loan_request"("digibankId", "status");

-- CreateIndex
CREATE INDEX "loan_request_digibankId_deviceKind_waitlistedAt_idx" ON "loan_request"("digibankId", "deviceKind", "waitlistedAt");

-- CreateIndex
CREATE INDEX "loan_event_loanId_at_idx" ON "loan_event"("loanId", "at");

-- CreateIndex
CREATE INDEX "device_donation_digibankId_status_idx" ON "device_donation"("digibankId", "status");

-- AddForeignKey
ALTER TABLE "console_user" ADD CONSTRAINT "console_user_digibankId_fkey" FOREIGN KEY ("digibankId") REFERENCES "digibank"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "console_session" ADD CONSTRAINT "console_session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "console_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "handoff" ADD CONSTRAINT "handoff_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "handoff" ADD CONSTRAINT "handoff_personId_fkey" FOREIGN KEY ("personId") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "handoff" ADD CONSTRAINT "handoff_digibankId_fkey" FOREIGN KEY ("digibankId") REFERENCES "digibank"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "handoff" ADD CONSTRAINT "handoff_volunteerId_fkey" FOREIGN KEY ("volunteerId") REFERENCES "console_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "handoff_event" ADD CONSTRAINT "handoff_event_handoffId_fkey" FOREIGN KEY ("handoffId") REFERENCES "handoff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "handoff_note" ADD CONSTRAINT "handoff_note_handoffId_fkey" FOREIGN KEY ("handoffId") REFERENCES "handoff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "handoff_note" ADD CONSTRAINT "handoff_note_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "console_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "device" ADD CONSTRAINT "device_digibankId_fkey" FOREIGN KEY ("digibankId") REFERENCES "digibank"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "device" ADD CONSTRAINT "device_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "location"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "loan_question" ADD CONSTRAINT "loan_question_digibankId_fkey" FOREIGN KEY ("digibankId") REFERENCES "digibank"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "loan_request" ADD CONSTRAINT "loan_request_personId_fkey" FOREIGN KEY ("personId") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "loan_request" ADD CONSTRAINT "loan_request_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "conversation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "loan_request" ADD CONSTRAINT "loan_request_digibankId_fkey" FOREIGN KEY ("digibankId") REFERENCES "digibank"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "loan_request" ADD CONSTRAINT "loan_request_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "location"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "loan_request" ADD CONSTRAINT "loan_request_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "device"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "loan_event" ADD CONSTRAINT "loan_event_loanId_fkey" FOREIGN KEY ("loanId") REFERENCES "loan_request"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "device_donation" ADD CONSTRAINT "device_donation_personId_fkey" FOREIGN KEY ("personId") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "device_donation" ADD CONSTRAINT "device_donation_digibankId_fkey" FOREIGN KEY ("digibankId") REFERENCES "digibank"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "device_donation" ADD CONSTRAINT "device_donation_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "location"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- What Prisma cannot express -------------------------------------------------------------------

-- One open handoff per conversation: two "I want a person" messages (or a citizen and a volunteer
-- at once) never open two.
CREATE UNIQUE INDEX "handoff_one_open_per_conversation" ON "handoff" ("conversationId")
  WHERE "status" IN ('waiting', 'with_volunteer');

ALTER TABLE "handoff" ADD CONSTRAINT "handoff_status_check"
  CHECK ("status" IN ('waiting', 'with_volunteer', 'returned', 'closed', 'cancelled'));
ALTER TABLE "handoff" ADD CONSTRAINT "handoff_volunteer_check"
  CHECK ("status" <> 'with_volunteer' OR "volunteerId" IS NOT NULL);

ALTER TABLE "console_user" ADD CONSTRAINT "console_user_role_check"
  CHECK ("role" IN ('admin', 'coordinator', 'volunteer'));
ALTER TABLE "console_user" ADD CONSTRAINT "console_user_digibank_check"
  CHECK ("role" = 'admin' OR "digibankId" IS NOT NULL);

-- A device is reserved or lent to at most one request at a time.
CREATE UNIQUE INDEX "loan_request_one_active_per_device" ON "loan_request" ("deviceId")
  WHERE "status" IN ('ready', 'on_loan');

ALTER TABLE "loan_request" ADD CONSTRAINT "loan_request_status_check"
  CHECK ("status" IN ('requested', 'approved', 'rejected', 'ready', 'on_loan', 'returned', 'cancelled'));
ALTER TABLE "loan_request" ADD CONSTRAINT "loan_request_device_check"
  CHECK ("status" NOT IN ('ready', 'on_loan') OR "deviceId" IS NOT NULL);
ALTER TABLE "device" ADD CONSTRAINT "device_status_check"
  CHECK ("status" IN ('available', 'reserved', 'on_loan', 'in_repair', 'retired'));
ALTER TABLE "device" ADD CONSTRAINT "device_kind_check"
  CHECK ("kind" IN ('laptop', 'tablet', 'smartphone', 'dongle'));
