// The rules of one run through a lesson, as pure functions over the stored run data, so the
// dialog handlers, the store and the tests all agree on what "step 3, one try left" means.
import { isChoiceCorrect, isTextCorrect } from "./answer-check.js";
import { StaleLessonActionError } from "./lesson-errors.js";
import type { Lesson, LessonStep } from "./lesson-schema.js";
import { jsonSafe } from "../db/jsonb-text.js";

/** Tries a learner gets per question: the first answer and one retry after a wrong one. */
export const MAX_TRIES = 2;

export type Try = { answer: string; correct: boolean };
/** What the learner did on one question; `done` once right or out of tries. */
export type StepAnswer = { tries: Try[]; done: boolean; correct: boolean };
export type RunData = { stepIndex: number; answers: Record<string, StepAnswer> };

/** Where a run stands: a question to answer (first try or retry), a step to read, or the end. */
export type Phase = "question" | "retry" | "read" | "finished";

export type Given = { option: number } | { text: string };

export type AnswerOutcome = {
  correct: boolean;
  /** A wrong first answer: the learner may try once more. */
  canRetry: boolean;
  step: LessonStep;
  given: Given;
  answer: StepAnswer;
};

/** A new run at step 1. */
export function newRun(): RunData {
  return { stepIndex: 0, answers: {} };
}

/** Reads stored JSON defensively: a hand-edited or older row starts the step over rather than failing. */
export function parseRunData(stepIndex: number, answers: unknown): RunData {
  const out: Record<string, StepAnswer> = {};
  if (answers && typeof answers === "object" && !Array.isArray(answers)) {
    for (const [k, v] of Object.entries(answers as Record<string, unknown>)) {
      const a = v as Partial<StepAnswer> | null;
      if (a && Array.isArray(a.tries) && typeof a.done === "boolean" && typeof a.correct === "boolean") out[k] = a as StepAnswer;
    }
  }
  return { stepIndex, answers: out };
}

/** The phase of `run` in `lesson`. */
export function phaseOf(lesson: Lesson, run: RunData): Phase {
  const step = lesson.steps[run.stepIndex];
  if (!step) return "finished";
  if (!step.question) return "read";
  const a = run.answers[step.id];
  if (!a || a.tries.length === 0) return "question";
  return a.done ? "read" : "retry";
}

/** Records an answer to the question of step `stepIndex`; throws StaleLessonActionError if it is not open. */
export function answerStep(lesson: Lesson, run: RunData, stepIndex: number, given: Given): { run: RunData; outcome: AnswerOutcome } {
  const step = lesson.steps[stepIndex];
  const phase = phaseOf(lesson, run);
  if (!step || stepIndex !== run.stepIndex || (phase !== "question" && phase !== "retry")) {
    throw new StaleLessonActionError(`step ${stepIndex + 1} of ${lesson.id} is not waiting for an answer`);
  }
  const q = step.question!;
  let correct: boolean;
  let shown: string;
  if (q.type === "choice") {
    if (!("option" in given) || !q.options[given.option]) throw new StaleLessonActionError(`no option ${"option" in given ? given.option : "?"} in step ${stepIndex + 1}`);
    correct = isChoiceCorrect(q, given.option);
    shown = String(given.option);
  } else {
    if (!("text" in given)) throw new StaleLessonActionError(`step ${stepIndex + 1} wants a typed answer`);
    correct = isTextCorrect(q, given.text);
    // Enough of the answer for a librarian to see how people phrase it, not a whole essay.
    // Cut by characters (an emoji is two UTF-16 units) and made safe for the jsonb column it lands in.
    shown = jsonSafe([...given.text.trim()].slice(0, 200).join(""));
  }
  const before = run.answers[step.id] ?? { tries: [], done: false, correct: false };
  const tries = [...before.tries, { answer: shown, correct }];
  const answer: StepAnswer = { tries, correct, done: correct || tries.length >= MAX_TRIES };
  return {
    run: { ...run, answers: { ...run.answers, [step.id]: answer } },
    outcome: { correct, canRetry: !answer.done, step, given, answer },
  };
}

/** Moves past step `stepIndex` once it has been read or answered; throws StaleLessonActionError otherwise. */
export function advance(lesson: Lesson, run: RunData, stepIndex: number): RunData {
  if (stepIndex !== run.stepIndex || phaseOf(lesson, run) !== "read") {
    throw new StaleLessonActionError(`step ${stepIndex + 1} of ${lesson.id} cannot be left yet`);
  }
  return { ...run, stepIndex: run.stepIndex + 1 };
}

/** Questions answered right (after at most one retry) out of all questions. */
export function scoreOf(lesson: Lesson, run: RunData): { score: number; max: number } {
  const questions = lesson.steps.filter((s) => s.question);
  return { score: questions.filter((s) => run.answers[s.id]?.correct).length, max: questions.length };
}
