-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('pending', 'held', 'sent', 'failed');

-- CreateTable
CREATE TABLE "WhatsAppAuthKey" (
    "type" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WhatsAppAuthKey_pkey" PRIMARY KEY ("type","id")
);

-- CreateTable
CREATE TABLE "WhatsAppContact" (
    "jid" TEXT NOT NULL,
    "altJid" TEXT,
    "firstInboundAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastInboundAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WhatsAppContact_pkey" PRIMARY KEY ("jid")
);

-- CreateTable
CREATE TABLE "WhatsAppConnection" (
    "id" TEXT NOT NULL DEFAULT 'default',
    "status" TEXT NOT NULL,
    "qr" TEXT,
    "pairingCode" TEXT,
    "lastError" TEXT,
    "lastErrorAt" TIMESTAMP(3),
    "connectedAt" TIMESTAMP(3),
    "pairingRequestedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WhatsAppConnection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Outbox" (
    "id" SERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "OutboxStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leasedUntil" TIMESTAMP(3),
    "leaseId" TEXT,
    "sentAt" TIMESTAMP(3),
    "error" TEXT,
    "dedupeKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Outbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WhatsAppContact_altJid_idx" ON "WhatsAppContact"("altJid");

-- CreateIndex
CREATE UNIQUE INDEX "Outbox_dedupeKey_key" ON "Outbox"("dedupeKey");

-- CreateIndex
CREATE INDEX "Outbox_channel_status_nextAttemptAt_idx" ON "Outbox"("channel", "status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Outbox_channel_recipient_status_idx" ON "Outbox"("channel", "recipient", "status");

