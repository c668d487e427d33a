import type { Db } from "../db/prisma.js";
import { newCertificateCode } from "./certificate-code.js";

export type CertificateRecord = {
  id: number;
  code: string;
  progressId: number;
  patronId: number;
  lessonId: string;
  lessonTitle: string;
  locale: string;
  learnerName: string;
  score: number;
  maxScore: number;
  issuedAt: Date;
};

export type IssueInput = Omit<CertificateRecord, "id" | "code" | "issuedAt"> & { now: Date };

export type CertificateStore = {
  /** Issues the certificate of a completed run, or renames the existing one (same code, same date). */
  issue(input: IssueInput): Promise<CertificateRecord>;
  byCode(code: string): Promise<CertificateRecord | null>;
  byRun(progressId: number): Promise<CertificateRecord | null>;
  /** A patron's certificates, newest first. */
  byPatron(patronId: number): Promise<CertificateRecord[]>;
};

const isUniqueViolation = (err: unknown) => (err as { code?: string } | null)?.code === "P2002";

/** Certificates in PostgreSQL (LessonCertificate). */
export function createCertificateStore(db: Db, opts: { newCode?: () => string } = {}): CertificateStore {
  const newCode = opts.newCode ?? (() => newCertificateCode());
  return {
    async issue(input) {
      const existing = await db.lessonCertificate.findUnique({ where: { progressId: input.progressId } });
      if (existing) {
        return db.lessonCertificate.update({ where: { id: existing.id }, data: { learnerName: input.learnerName } });
      }
      const { now, ...fields } = input;
      // 50 random bits make a clash unlikely; a few tries make it practically impossible.
      for (let attempt = 0; ; attempt++) {
        try {
          return await db.lessonCertificate.create({ data: { ...fields, code: newCode(), issuedAt: now } });
        } catch (err) {
          if (!isUniqueViolation(err) || attempt >= 4) throw err;
          const raced = await db.lessonCertificate.findUnique({ where: { progressId: input.progressId } });
          if (raced) return raced;
        }
      }
    },
    byCode: (code) => db.lessonCertificate.findUnique({ where: { code } }),
    byRun: (progressId) => db.lessonCertificate.findUnique({ where: { progressId } }),
    byPatron: (patronId) => db.lessonCertificate.findMany({ where: { patronId }, orderBy: { id: "desc" } }),
  };
}
