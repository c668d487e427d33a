-- AlterTable
ALTER TABLE "Patron" ADD COLUMN     "citationStyle" TEXT;

-- CreateTable
CREATE TABLE "BibliographyItem" (
    "id" SERIAL NOT NULL,
    "patronId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "recordId" INTEGER,
    "csl" JSONB NOT NULL,
    "title" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BibliographyItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LlmUsage" (
    "id" BIGSERIAL NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "patronId" INTEGER,
    "purpose" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "promptTokens" INTEGER NOT NULL DEFAULT 0,
    "completionTokens" INTEGER NOT NULL DEFAULT 0,
    "totalTokens" INTEGER NOT NULL DEFAULT 0,
    "latencyMs" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,

    CONSTRAINT "LlmUsage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BibliographyItem_patronId_createdAt_idx" ON "BibliographyItem"("patronId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "BibliographyItem_patronId_key_key" ON "BibliographyItem"("patronId", "key");

-- CreateIndex
CREATE INDEX "LlmUsage_patronId_createdAt_idx" ON "LlmUsage"("patronId", "createdAt");

-- CreateIndex
CREATE INDEX "LlmUsage_createdAt_idx" ON "LlmUsage"("createdAt");

-- AddForeignKey
ALTER TABLE "BibliographyItem" ADD CONSTRAINT "BibliographyItem_patronId_fkey" FOREIGN KEY ("patronId") REFERENCES "Patron"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LlmUsage" ADD CONSTRAINT "LlmUsage_patronId_fkey" FOREIGN KEY ("patronId") REFERENCES "Patron"("id") ON DELETE SET NULL ON UPDATE CASCADE;

