import path from "node:path";
import { describe, expect, it } from "vitest";
import { foldAnswer, isTextCorrect } from "../../api/lessons/answer-check.js";
import { loadLessonCatalog } from "../../api/lessons/lesson-catalog.js";
import { StaleLessonActionError } from "../../api/lessons/lesson-errors.js";
import { advance, answerStep, newRun, phaseOf, scoreOf } from "../../api/lessons/lesson-run.js";
import type { TextQuestion } from "../../api/lessons/lesson-schema.js";

const catalog = loadLessonCatalog({ dir: path.resolve(import.meta.dirname, "../fixtures/lessons") });
const mini = catalog.get("mini", "id")!;

describe("a learner works through the mini lesson", () => {
  it("reads, answers wrong, retries right, types an answer, and ends with a score", () => {
    let run = newRun();
    expect(phaseOf(mini, run)).toBe("question");

    const wrong = answerStep(mini, run, 0, { option: 0 });
    expect(wrong.outcome).toMatchObject({ correct: false, canRetry: true });
    run = wrong.run;
    expect(phaseOf(mini, run)).toBe("retry");
    expect(() => advance(mini, run, 0)).toThrow(StaleLessonActionError);

    const retry = answerStep(mini, run, 0, { option: 1 });
    expect(retry.outcome).toMatchObject({ correct: true, canRetry: false });
    run = advance(mini, retry.run, 0);

    expect(phaseOf(mini, run)).toBe("read"); // step 2 has no question
    run = advance(mini, run, 1);

    const typed = answerStep(mini, run, 2, { text: "Saya cek di TurnBackHoax.id" });
    expect(typed.outcome.correct).toBe(true);
    run = advance(mini, typed.run, 2);

    const twiceWrong = answerStep(mini, answerStep(mini, run, 3, { option: 1 }).run, 3, { option: 1 });
    expect(twiceWrong.outcome).toMatchObject({ correct: false, canRetry: false });
    run = advance(mini, twiceWrong.run, 3);
    run = advance(mini, run, 4);
    expect(phaseOf(mini, run)).toBe("finished");
    expect(scoreOf(mini, run)).toEqual({ score: 2, max: 3 });
    expect(run.answers.satu!.tries.map((t) => t.correct)).toEqual([false, true]);
  });

  it("a long typed answer full of emoji is kept as whole characters, storable as jsonb", () => {
    let run = newRun();
    run = advance(mini, answerStep(mini, run, 0, { option: 1 }).run, 0);
    run = advance(mini, run, 1);
    const typed = answerStep(mini, run, 2, { text: "a" + "😀".repeat(300) + "\u0000" });
    const kept = typed.run.answers[mini.steps[2]!.id]!.tries[0]!.answer;
    expect([...kept]).toHaveLength(200);
    expect(kept.endsWith("😀")).toBe(true);
    expect(kept).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it("an old button (another step, an answered question, a third try) changes nothing", () => {
    const run = newRun();
    expect(() => answerStep(mini, run, 1, { option: 0 })).toThrow(StaleLessonActionError);
    const done = answerStep(mini, run, 0, { option: 1 }).run;
    expect(() => answerStep(mini, done, 0, { option: 0 })).toThrow(StaleLessonActionError);
    expect(() => answerStep(mini, run, 0, { option: 9 })).toThrow(StaleLessonActionError);
    expect(() => advance(mini, run, 3)).toThrow(StaleLessonActionError);
  });
});

describe("typed answers are matched kindly", () => {
  const q = mini.steps[2]!.question as TextQuestion;
  it("ignores case, accents and spacing, and finds the keyword inside a sentence", () => {
    expect(foldAnswer("  CÉK   Fakta ")).toBe("cek fakta");
    expect(isTextCorrect(q, "biasanya aku buka cekfakta.com")).toBe(true);
    expect(isTextCorrect(q, "TURNBACKHOAX")).toBe(true);
    expect(isTextCorrect(q, "tanya teman")).toBe(false);
    expect(isTextCorrect(q, "   ")).toBe(false);
  });

  it("every text question of the real lessons accepts its own model answer", () => {
    const real = loadLessonCatalog();
    let checked = 0;
    for (const id of real.ids()) {
      for (const locale of ["id", "en"] as const) {
        for (const step of real.get(id, locale)!.steps) {
          if (step.question?.type !== "text") continue;
          expect(isTextCorrect(step.question, step.question.model_answer), `${id}.${locale} ${step.id}`).toBe(true);
          checked += 1;
        }
      }
    }
    expect(checked, "text questions in the shipped lessons").toBeGreaterThan(0);
  });
});
