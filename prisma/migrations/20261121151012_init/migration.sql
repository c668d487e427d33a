-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "ItemStatus" AS ENUM ('available', 'on_loan', 'reserved', 'lost', 'repair');

-- CreateTable
CREATE TABLE "Branch" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "address" TEXT NOT NULL DEFAULT '',
    "city" TEXT NOT NULL DEFAULT '',
    "phone" TEXT,
    "mapUrl" TEXT,
    "timezone" TEXT NOT NULL DEFAULT 'Asia/Makassar',
    "openingHours" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Branch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BibRecord" (
    "id" SERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "subtitle" TEXT,
    "authors" TEXT[],
    "publisher" TEXT,
    "place" TEXT,
    "year" INTEGER,
    "isbns" TEXT[],
    "language" TEXT,
    "subjects" TEXT[],
    "series" TEXT,
    "edition" TEXT,
    "pages" INTEGER,
    "callNumber" TEXT,
    "format" TEXT NOT NULL DEFAULT 'book',
    "summary" TEXT,
    "ebookUrl" TEXT,
    "contentHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BibRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Item" (
    "id" SERIAL NOT NULL,
    "recordId" INTEGER NOT NULL,
    "branchId" INTEGER NOT NULL,
    "barcode" TEXT NOT NULL,
    "status" "ItemStatus" NOT NULL DEFAULT 'available',
    "dueDate" DATE,
    "callNumber" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SearchLog" (
    "id" BIGSERIAL NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "query" TEXT NOT NULL,
    "filters" JSONB NOT NULL DEFAULT '{}',
    "hits" INTEGER NOT NULL,
    "latencyMs" INTEGER NOT NULL,
    "channel" TEXT NOT NULL DEFAULT 'api',
    "degraded" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "SearchLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Branch_code_key" ON "Branch"("code");

-- CreateIndex
CREATE INDEX "BibRecord_isbns_idx" ON "BibRecord" USING GIN ("isbns");

-- CreateIndex
CREATE UNIQUE INDEX "BibRecord_source_sourceId_key" ON "BibRecord"("source", "sourceId");

-- CreateIndex
CREATE UNIQUE INDEX "Item_barcode_key" ON "Item"("barcode");

-- CreateIndex
CREATE INDEX "Item_recordId_idx" ON "Item"("recordId");

-- CreateIndex
CREATE INDEX "Item_branchId_status_idx" ON "Item"("branchId", "status");

-- CreateIndex
CREATE INDEX "SearchLog_createdAt_idx" ON "SearchLog"("createdAt");

-- AddForeignKey
ALTER TABLE "Item" ADD CONSTRAINT "Item_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "BibRecord"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Item" ADD CONSTRAINT "Item_branchId_fkey" FOREIGN KEY ("branchId") REFERENCES "Branch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

