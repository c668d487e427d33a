import type { Db, Prisma } from "../db/prisma.js";
import { parseRunData, type RunData } from "./lesson-run.js";

export type RunStatus = "active" | "completed" | "restarted";

/** One run as the lesson service sees it. */
export type LessonRunRecord = {
  id: number;
  patronId: number;
  lessonId: string;
  lessonVersion: number;
  status: RunStatus;
  data: RunData;
  score: number | null;
  maxScore: number | null;
  startedAt: Date;
  lastActivityAt: Date;
  completedAt: Date | null;
};

type Row = Prisma.LessonProgressGetPayload<object>;

function toRecord(row: Row): LessonRunRecord {
  return {
    id: row.id,
    patronId: row.patronId,
    lessonId: row.lessonId,
    lessonVersion: row.lessonVersion,
    status: row.status as RunStatus,
    data: parseRunData(row.stepIndex, row.answers),
    score: row.score,
    maxScore: row.maxScore,
    startedAt: row.startedAt,
    lastActivityAt: row.lastActivityAt,
    completedAt: row.completedAt,
  };
}

export type ProgressStore = {
  get(runId: number): Promise<LessonRunRecord | null>;
  /** The unfinished run of a lesson, if any. */
  active(patronId: number, lessonId: string): Promise<LessonRunRecord | null>;
  /** The newest run of each lesson a patron has touched, and which lessons they ever completed. */
  overview(patronId: number): Promise<{ latest: Map<string, LessonRunRecord>; completed: Set<string> }>;
  /** Returns the unfinished run, or starts one; with `restart` an unfinished run is closed as "restarted" first. */
  begin(input: { patronId: number; lessonId: string; lessonVersion: number; now: Date; restart: boolean }): Promise<{ run: LessonRunRecord; created: boolean }>;
  /** Saves the step and answers of an active run. */
  save(runId: number, data: RunData, now: Date): Promise<LessonRunRecord>;
  complete(runId: number, data: RunData, score: { score: number; max: number }, now: Date): Promise<LessonRunRecord>;
};

/** Lesson runs in PostgreSQL (LessonProgress). */
export function createProgressStore(db: Db): ProgressStore {
  return {
    async get(runId) {
      const row = await db.lessonProgress.findUnique({ where: { id: runId } });
      return row ? toRecord(row) : null;
    },
    async active(patronId, lessonId) {
      const row = await db.lessonProgress.findFirst({ where: { patronId, lessonId, status: "active" }, orderBy: { id: "desc" } });
      return row ? toRecord(row) : null;
    },
    async overview(patronId) {
      const rows = await db.lessonProgress.findMany({ where: { patronId }, orderBy: { id: "asc" } });
      const latest = new Map<string, LessonRunRecord>();
      const completed = new Set<string>();
      for (const row of rows) {
        latest.set(row.lessonId, toRecord(row));
        if (row.status === "completed") completed.add(row.lessonId);
      }
      return { latest, completed };
    },
    async begin({ patronId, lessonId, lessonVersion, now, restart }) {
      // Two taps on "start" must not open two runs: the advisory lock serialises begin() per patron.
      return db.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('lesson-run'), ${patronId})`;
        const open = await tx.lessonProgress.findFirst({ where: { patronId, lessonId, status: "active" }, orderBy: { id: "desc" } });
        if (open && !restart) return { run: toRecord(open), created: false };
        if (open) await tx.lessonProgress.updateMany({ where: { patronId, lessonId, status: "active" }, data: { status: "restarted", lastActivityAt: now } });
        const row = await tx.lessonProgress.create({ data: { patronId, lessonId, lessonVersion, startedAt: now, lastActivityAt: now } });
        return { run: toRecord(row), created: true };
      });
    },
    async save(runId, data, now) {
      const row = await db.lessonProgress.update({
        where: { id: runId },
        data: { stepIndex: data.stepIndex, answers: data.answers as Prisma.InputJsonValue, lastActivityAt: now },
      });
      return toRecord(row);
    },
    async complete(runId, data, score, now) {
      const row = await db.lessonProgress.update({
        where: { id: runId },
        data: { status: "completed", stepIndex: data.stepIndex, answers: data.answers as Prisma.InputJsonValue, score: score.score, maxScore: score.max, completedAt: now, lastActivityAt: now },
      });
      return toRecord(row);
    },
  };
}
