import type { Db } from "../db/prisma.js";
import type { Locale } from "../i18n/locale.js";
import type { LessonCatalog } from "./lesson-catalog.js";
import { parseRunData, type RunData } from "./lesson-run.js";
import type { Lesson } from "./lesson-schema.js";

export type QuestionStats = {
  /** 1-based, as learners see it ("Langkah 3/7"). */
  step: number;
  stepId: string;
  type: "choice" | "text";
  prompt: string;
  /** Runs that answered the question at least once. */
  answered: number;
  rightFirstTry: number;
  /** Right on the first try / answered; null before anyone answered. */
  shareRightFirstTry: number | null;
  /** Right on the first try or after the one retry / answered. */
  shareRight: number | null;
};

export type DropOff = { step: number; stepId: string; learners: number };

export type LessonStats = {
  lessonId: string;
  title: string;
  pillar: string;
  /** Learners who started the lesson at least once. */
  starts: number;
  /** Learners who finished it at least once. */
  completions: number;
  /** completions / starts; null before anyone started. */
  completionRate: number | null;
  /** Runs, counting restarts. */
  runs: number;
  /** Where learners who never finished stopped (their newest run), most first. */
  dropOff: DropOff[];
  /** The step most unfinished learners stopped at, or null when nobody is stuck. */
  dropOffStep: DropOff | null;
  questions: QuestionStats[];
};

type RunRow = { patronId: number; status: string; data: RunData; id: number };

const share = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 1000) / 1000);

/** Statistics of one lesson from its runs (pure, so tests can feed rows directly). */
export function computeLessonStats(lesson: Lesson, runs: RunRow[]): LessonStats {
  const byLearner = new Map<number, RunRow[]>();
  for (const r of runs) byLearner.set(r.patronId, [...(byLearner.get(r.patronId) ?? []), r]);
  let completions = 0;
  const stuck = new Map<number, number>();
  for (const rs of byLearner.values()) {
    if (rs.some((r) => r.status === "completed")) {
      completions++;
      continue;
    }
    const newest = rs.reduce((a, b) => (b.id > a.id ? b : a));
    const at = Math.min(newest.data.stepIndex, lesson.steps.length - 1);
    stuck.set(at, (stuck.get(at) ?? 0) + 1);
  }
  const dropOff = [...stuck.entries()]
    .map(([i, learners]) => ({ step: i + 1, stepId: lesson.steps[i]!.id, learners }))
    .sort((a, b) => b.learners - a.learners || a.step - b.step);
  const questions = lesson.steps.flatMap((s, i): QuestionStats[] => {
    if (!s.question) return [];
    let answered = 0;
    let first = 0;
    let right = 0;
    for (const r of runs) {
      const a = r.data.answers[s.id];
      if (!a || a.tries.length === 0) continue;
      answered++;
      if (a.tries[0]!.correct) first++;
      if (a.correct) right++;
    }
    return [{ step: i + 1, stepId: s.id, type: s.question.type, prompt: s.question.prompt, answered, rightFirstTry: first, shareRightFirstTry: share(first, answered), shareRight: share(right, answered) }];
  });
  return {
    lessonId: lesson.id,
    title: lesson.title,
    pillar: lesson.pillar,
    starts: byLearner.size,
    completions,
    completionRate: share(completions, byLearner.size),
    runs: runs.length,
    dropOff,
    dropOffStep: dropOff[0] ?? null,
    questions,
  };
}

/** Statistics of every loaded lesson (or one), for librarians improving weak steps. */
export async function lessonStats(deps: { db: Db; catalog: LessonCatalog }, opts: { lessonId?: string; locale: Locale }): Promise<LessonStats[]> {
  const ids = opts.lessonId ? deps.catalog.ids().filter((id) => id === opts.lessonId) : deps.catalog.ids();
  if (ids.length === 0) return [];
  const rows = await deps.db.lessonProgress.findMany({
    where: { lessonId: { in: ids } },
    select: { id: true, patronId: true, lessonId: true, status: true, stepIndex: true, answers: true },
  });
  return ids.map((id) => {
    const runs = rows.filter((r) => r.lessonId === id).map((r) => ({ id: r.id, patronId: r.patronId, status: r.status, data: parseRunData(r.stepIndex, r.answers) }));
    return computeLessonStats(deps.catalog.get(id, opts.locale)!, runs);
  });
}
