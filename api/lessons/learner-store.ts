import type { Db } from "../db/prisma.js";

export type LearnerPrefs = { certificateName: string | null; remindersOptIn: boolean };

export type LearnerStore = {
  get(patronId: number): Promise<LearnerPrefs>;
  setCertificateName(patronId: number, name: string): Promise<void>;
  setReminders(patronId: number, optIn: boolean): Promise<void>;
};

/** A patron's lesson preferences (LessonLearner); a patron without a row has the defaults. */
export function createLearnerStore(db: Db): LearnerStore {
  return {
    async get(patronId) {
      const row = await db.lessonLearner.findUnique({ where: { patronId } });
      return { certificateName: row?.certificateName ?? null, remindersOptIn: row?.remindersOptIn ?? false };
    },
    async setCertificateName(patronId, name) {
      await db.lessonLearner.upsert({ where: { patronId }, create: { patronId, certificateName: name }, update: { certificateName: name } });
    },
    async setReminders(patronId, optIn) {
      await db.lessonLearner.upsert({ where: { patronId }, create: { patronId, remindersOptIn: optIn }, update: { remindersOptIn: optIn } });
    },
  };
}
