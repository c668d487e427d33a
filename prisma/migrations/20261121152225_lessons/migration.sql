-- CreateTable
CREATE TABLE "LessonProgress" (
    "id" SERIAL NOT NULL,
    "patronId" INTEGER NOT NULL,
    "lessonId" TEXT NOT NULL,
    "lessonVersion" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "stepIndex" INTEGER NOT NULL DEFAULT 0,
    "answers" JSONB NOT NULL DEFAULT '{}',
    "score" INTEGER,
    "maxScore" INTEGER,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastActivityAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),
    "reminderSentAt" TIMESTAMP(3),

    CONSTRAINT "LessonProgress_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LessonLearner" (
    "patronId" INTEGER NOT NULL,
    "certificateName" TEXT,
    "remindersOptIn" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LessonLearner_pkey" PRIMARY KEY ("patronId")
);

-- CreateTable
CREATE TABLE "LessonCertificate" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "progressId" INTEGER NOT NULL,
    "patronId" INTEGER NOT NULL,
    "lessonId" TEXT NOT NULL,
    "lessonTitle" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "learnerName" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "maxScore" INTEGER NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LessonCertificate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LessonProgress_patronId_lessonId_idx" ON "LessonProgress"("patronId", "lessonId");

-- CreateIndex
CREATE INDEX "LessonProgress_lessonId_status_idx" ON "LessonProgress"("lessonId", "status");

-- CreateIndex
CREATE INDEX "LessonProgress_status_lastActivityAt_idx" ON "LessonProgress"("status", "lastActivityAt");

-- CreateIndex
CREATE UNIQUE INDEX "LessonCertificate_code_key" ON "LessonCertificate"("code");

-- CreateIndex
CREATE UNIQUE INDEX "LessonCertificate_progressId_key" ON "LessonCertificate"("progressId");

-- CreateIndex
CREATE INDEX "LessonCertificate_patronId_idx" ON "LessonCertificate"("patronId");

-- AddForeignKey
ALTER TABLE "LessonProgress" ADD CONSTRAINT "LessonProgress_patronId_fkey" FOREIGN KEY ("patronId") REFERENCES "Patron"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LessonLearner" ADD CONSTRAINT "LessonLearner_patronId_fkey" FOREIGN KEY ("patronId") REFERENCES "Patron"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LessonCertificate" ADD CONSTRAINT "LessonCertificate_progressId_fkey" FOREIGN KEY ("progressId") REFERENCES "LessonProgress"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LessonCertificate" ADD CONSTRAINT "LessonCertificate_patronId_fkey" FOREIGN KEY ("patronId") REFERENCES "Patron"("id") ON DELETE CASCADE ON UPDATE CASCADE;

