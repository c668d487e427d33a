import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadLessonCatalog } from "../../api/lessons/lesson-catalog.js";
import { computeLessonStats } from "../../api/lessons/lesson-stats.js";
import type { RunData } from "../../api/lessons/lesson-run.js";

const mini = loadLessonCatalog({ dir: path.resolve(import.meta.dirname, "../fixtures/lessons") }).get("mini", "id")!;

const tried = (...results: boolean[]) => ({ tries: results.map((correct) => ({ answer: "x", correct })), done: results.at(-1)! || results.length >= 2, correct: results.at(-1)! });
const run = (id: number, patronId: number, status: string, stepIndex: number, answers: RunData["answers"]) => ({ id, patronId, status, data: { stepIndex, answers } });

describe("a librarian looks at how the mini lesson is doing", () => {
  it("counts learners, not runs, and shows where the unfinished ones stopped and which question is hard", () => {
    const stats = computeLessonStats(mini, [
      // Ani finished at the second go (her first run was restarted).
      run(1, 1, "restarted", 2, { satu: tried(false, false) }),
      run(2, 1, "completed", 5, { satu: tried(true), tiga: tried(true), empat: tried(false, true) }),
      // Budi stopped at step 3 (the typed question), Citra too, Dedi at step 1.
      run(3, 2, "active", 2, { satu: tried(false, true) }),
      run(4, 3, "active", 2, { satu: tried(true), tiga: tried(false) }),
      run(5, 4, "active", 0, {}),
    ]);
    expect(stats).toMatchObject({ starts: 4, completions: 1, completionRate: 0.25, runs: 5 });
    expect(stats.dropOffStep).toEqual({ step: 3, stepId: "tiga", learners: 2 });
    expect(stats.dropOff).toEqual([
      { step: 3, stepId: "tiga", learners: 2 },
      { step: 1, stepId: "satu", learners: 1 },
    ]);
    const satu = stats.questions.find((q) => q.stepId === "satu")!;
    expect(satu).toMatchObject({ step: 1, answered: 4, rightFirstTry: 2, shareRightFirstTry: 0.5, shareRight: 0.75 });
    expect(stats.questions.find((q) => q.stepId === "empat")).toMatchObject({ answered: 1, shareRightFirstTry: 0, shareRight: 1 });
  });

  it("a lesson nobody started has no rates rather than zero ones", () => {
    const stats = computeLessonStats(mini, []);
    expect(stats).toMatchObject({ starts: 0, completions: 0, completionRate: null, dropOffStep: null });
    expect(stats.questions.every((q) => q.answered === 0 && q.shareRightFirstTry === null)).toBe(true);
  });
});
