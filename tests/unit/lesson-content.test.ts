import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkLessonDir, checkLessonSources } from "../../api/lessons/check-lessons.js";
import { loadLessonCatalog } from "../../api/lessons/lesson-catalog.js";
import { formatProblem } from "../../api/lessons/lesson-problem.js";
import { memoryLogger } from "../support/silent-logger.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const LESSONS = path.join(ROOT, "prompts/lessons");
const FIXTURES = path.join(ROOT, "tests/fixtures/lessons");

function fixture(name: string): { file: string; name: string; source: string } {
  return { file: name, name, source: fs.readFileSync(path.join(FIXTURES, name), "utf8") };
}

describe("a librarian edits the lessons in prompts/lessons", () => {
  it("finds nothing wrong with the eight shipped lessons in both languages", () => {
    const result = checkLessonDir(LESSONS, { relativeTo: ROOT });
    expect(result.problems.map(formatProblem)).toEqual([]);
    expect(result.files).toBe(16);
    const ids = new Set(result.lessons.map((l) => l.id));
    expect(ids.size).toBeGreaterThanOrEqual(8);
    for (const l of result.lessons) {
      expect(l.steps.length).toBeGreaterThanOrEqual(5);
      expect(l.steps.filter((s) => s.question).length).toBeGreaterThanOrEqual(3);
    }
  });

  it("gets every mistake of a broken file with its file and line, and the good lesson still loads", () => {
    const result = checkLessonDir(FIXTURES, { relativeTo: ROOT });
    const shown = result.problems.map(formatProblem);
    const broken = "tests/fixtures/lessons/rusak.id.yaml";
    expect(shown).toContain(`${broken}:4:1 pillar: must be one of cakap, aman, budaya, etika`);
    expect(shown).toContain(`${broken}:10:5 steps[0].text: is 773 characters; at most 700`);
    expect(shown).toContain(`${broken}:18:11 steps[0].question.options[1].explanation: is missing`);
    expect(shown).toContain(`${broken}:20:5 steps[1].id: step id "pertama" is already used by steps[0]`);
    expect(shown).toContain(`${broken}:21:5 steps[1].text: has an unpaired * (bold needs *two*)`);
    expect(shown).toContain(`${broken}:25:7 steps[1].question.options: needs at least one option with correct: true`);
    expect(shown).toContain(`${broken}:8:1 steps: has 2 questions; a lesson needs at least 3`);
    expect(shown.find((s) => s.startsWith("tests/fixtures/lessons/rusak.en.yaml:12:"))).toMatch(/YAML: Flow sequence/);
    expect(result.lessons.map((l) => `${l.id}.${l.locale}`).sort()).toEqual(["mini.en", "mini.id"]);
  });

  it("is told when the English file drifts from the Indonesian one, at the line of the difference", () => {
    const id = fixture("mini.id.yaml");
    const en = fixture("mini.en.yaml");
    const drifted = en.source.replace("minutes: 3", "minutes: 4").replace(/(- text: Right\n\s+correct: )true/, "$1false").replace(/(- text: Wrong\n\s+correct: )false/, "$1true");
    const result = checkLessonSources([id, { ...en, source: drifted }]);
    const shown = result.problems.map(formatProblem);
    expect(shown).toContain('mini.en.yaml:5:1 minutes: is 4 but the id version has 3');
    expect(shown.some((s) => /^mini\.en\.yaml:35:\d+ steps\[3\]\.question\.options: correct flags are \[false,true\] but the id version has \[true,false\]$/.test(s))).toBe(true);
    expect(result.lessons.map((l) => l.locale)).toEqual(["id"]);
  });

  it("is told when a lesson exists in one language only, or the file name and id disagree", () => {
    const id = fixture("mini.id.yaml");
    const result = checkLessonSources([id, { file: "lain.en.yaml", name: "lain.en.yaml", source: fixture("mini.en.yaml").source }]);
    const shown = result.problems.map(formatProblem);
    expect(shown).toContain('lain.en.yaml:1:1 id: is "mini" but the file name says "lain"');
    expect(shown).toContain('mini.id.yaml:1:1: lesson "mini" has no en version (mini.en.yaml)');
  });

  it("sees a text question whose model answer would not pass its own keywords", () => {
    const id = fixture("mini.id.yaml");
    const source = id.source.replace("model_answer: Misalnya turnbackhoax.id.", "model_answer: Situs resmi pemerintah.");
    const shown = checkLessonSources([{ ...id, source }]).problems.map(formatProblem);
    expect(shown.some((s) => /mini\.id\.yaml:29:\d+ steps\[2\]\.question\.model_answer: must contain one of the accepted keywords/.test(s))).toBe(true);
  });

  it("at start, a broken file is logged with its line and skipped while the others load", () => {
    const log = memoryLogger();
    const catalog = loadLessonCatalog({ dir: FIXTURES, log });
    expect(catalog.ids()).toEqual(["mini"]);
    expect(catalog.get("mini", "en")?.title).toBe("Mini lesson for tests");
    expect(catalog.get("rusak", "id")).toBeNull();
    expect(log.text()).toContain("tests/fixtures/lessons/rusak.id.yaml:10:5 steps[0].text: is 773 characters");
  });

  it("npm run lessons:check exits 0 on the shipped lessons and 1 with file:line on the broken fixture", () => {
    const tsx = path.join(ROOT, "node_modules/.bin/tsx");
    const ok = execFileSync(tsx, ["scripts/lessons-check.ts"], { cwd: ROOT, encoding: "utf8" });
    expect(ok).toMatch(/16 files, 8 lessons, 0 problems/);
    let failed: { status: number; stderr: string } | null = null;
    try {
      execFileSync(tsx, ["scripts/lessons-check.ts", "tests/fixtures/lessons"], { cwd: ROOT, encoding: "utf8", stdio: "pipe" });
    } catch (err) {
      failed = err as { status: number; stderr: string };
    }
    expect(failed?.status).toBe(1);
    expect(failed?.stderr).toContain("tests/fixtures/lessons/rusak.id.yaml:10:5");
  });
});
