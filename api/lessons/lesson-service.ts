import type { Clock } from "../dialog/clock.js";
import type { Locale } from "../i18n/locale.js";
import type { CertificateRecord, CertificateStore } from "./certificate-store.js";
import type { LearnerStore } from "./learner-store.js";
import type { LessonCatalog } from "./lesson-catalog.js";
import { LessonNotFoundError, StaleLessonActionError } from "./lesson-errors.js";
import { advance, answerStep, scoreOf, type AnswerOutcome, type Given } from "./lesson-run.js";
import type { Lesson } from "./lesson-schema.js";
import type { LessonRunRecord, ProgressStore } from "./progress-store.js";

export type LessonListItem = { lesson: Lesson; status: "new" | "active" | "completed"; stepIndex: number; completedEver: boolean };

export type RunInLesson = { run: LessonRunRecord; lesson: Lesson };

export type OpenResult = (RunInLesson & { kind: "started" | "resumed" | "completed" });

export type LessonServiceDeps = {
  catalog: LessonCatalog;
  progress: ProgressStore;
  learners: LearnerStore;
  certificates: CertificateStore;
  clock: Clock;
};

export type LessonService = ReturnType<typeof createLessonService>;

/** Lessons for one patron: list, start, continue, restart, answer, move on, finish, certificate. */
export function createLessonService(deps: LessonServiceDeps) {
  const { catalog, progress, learners, certificates, clock } = deps;

  const lessonOf = (id: string, locale: Locale): Lesson => {
    const lesson = catalog.get(id, locale);
    if (!lesson) throw new LessonNotFoundError(id);
    return lesson;
  };

  // A librarian may shorten a lesson while someone is in it; a run past the new end stays on the last step.
  const fit = (run: LessonRunRecord, lesson: Lesson): LessonRunRecord =>
    run.status === "active" && run.data.stepIndex >= lesson.steps.length ? { ...run, data: { ...run.data, stepIndex: lesson.steps.length - 1 } } : run;

  // Every action names its run; an old button of another patron or a closed run does nothing.
  const activeRun = async (patronId: number, runId: number, locale: Locale): Promise<RunInLesson> => {
    const run = await progress.get(runId);
    if (!run || run.patronId !== patronId || run.status !== "active") throw new StaleLessonActionError(`run ${runId} is not open`);
    const lesson = lessonOf(run.lessonId, locale);
    return { run: fit(run, lesson), lesson };
  };

  return {
    catalog,
    learners,

    /** Every loaded lesson with this patron's state of it. */
    async overview(patronId: number, locale: Locale): Promise<LessonListItem[]> {
      const { latest, completed } = await progress.overview(patronId);
      return catalog.ids().map((id) => {
        const lesson = lessonOf(id, locale);
        const run = latest.get(id);
        const status = run?.status === "active" ? "active" : completed.has(id) ? "completed" : "new";
        return { lesson, status, stepIndex: run?.status === "active" ? run.data.stepIndex : 0, completedEver: completed.has(id) };
      });
    },

    /** Continues the unfinished run, or starts one; a lesson done before is reported, not restarted. */
    async open(patronId: number, lessonId: string, locale: Locale): Promise<OpenResult> {
      const lesson = lessonOf(lessonId, locale);
      const open = await progress.active(patronId, lessonId);
      if (open) return { kind: "resumed", run: fit(open, lesson), lesson };
      const { latest } = await progress.overview(patronId);
      const last = latest.get(lessonId);
      if (last?.status === "completed") return { kind: "completed", run: last, lesson };
      const { run, created } = await progress.begin({ patronId, lessonId, lessonVersion: lesson.version, now: clock.now(), restart: false });
      return { kind: created ? "started" : "resumed", run, lesson };
    },

    /** Starts the lesson over at step 1 (the old run stays in the statistics). */
    async restart(patronId: number, lessonId: string, locale: Locale): Promise<RunInLesson> {
      const lesson = lessonOf(lessonId, locale);
      const { run } = await progress.begin({ patronId, lessonId, lessonVersion: lesson.version, now: clock.now(), restart: true });
      return { run, lesson };
    },

    /** The open run `runId` of this patron. */
    current: activeRun,

    /** Records an answer to the current question. */
    async answer(patronId: number, runId: number, stepIndex: number, given: Given, locale: Locale): Promise<RunInLesson & { outcome: AnswerOutcome }> {
      const { run, lesson } = await activeRun(patronId, runId, locale);
      const result = answerStep(lesson, run.data, stepIndex, given);
      const saved = await progress.save(run.id, result.run, clock.now());
      return { run: saved, lesson, outcome: result.outcome };
    },

    /** Moves past a read or answered step; past the last one the run is completed with its score. */
    async next(patronId: number, runId: number, stepIndex: number, locale: Locale): Promise<RunInLesson & { completed: boolean }> {
      const { run, lesson } = await activeRun(patronId, runId, locale);
      const data = advance(lesson, run.data, stepIndex);
      if (data.stepIndex >= lesson.steps.length) {
        const done = await progress.complete(run.id, data, scoreOf(lesson, data), clock.now());
        return { run: done, lesson, completed: true };
      }
      return { run: await progress.save(run.id, data, clock.now()), lesson, completed: false };
    },

    /** Issues (or renames) the certificate of a completed run and remembers the name for next time. */
    async certify(patronId: number, runId: number, name: string, locale: Locale): Promise<{ certificate: CertificateRecord; lesson: Lesson }> {
      const run = await progress.get(runId);
      if (!run || run.patronId !== patronId || run.status !== "completed") throw new StaleLessonActionError(`run ${runId} is not completed`);
      const lesson = lessonOf(run.lessonId, locale);
      await learners.setCertificateName(patronId, name);
      const certificate = await certificates.issue({
        progressId: run.id,
        patronId,
        lessonId: lesson.id,
        lessonTitle: lesson.title,
        locale: lesson.locale,
        learnerName: name,
        score: run.score ?? 0,
        maxScore: run.maxScore ?? 0,
        now: clock.now(),
      });
      return { certificate, lesson };
    },

    /** A completed run of this patron, with its lesson. */
    async completedRun(patronId: number, runId: number, locale: Locale): Promise<RunInLesson> {
      const run = await progress.get(runId);
      if (!run || run.patronId !== patronId || run.status !== "completed") throw new StaleLessonActionError(`run ${runId} is not completed`);
      return { run, lesson: lessonOf(run.lessonId, locale) };
    },

    /** The certificate of a run, if one was issued. */
    certificateOf: (runId: number) => certificates.byRun(runId),
  };
}
