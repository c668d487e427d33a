import { describe, expect, it } from "vitest";
import { emptyState } from "../../api/dialog/dialog-state.js";
import { tokenize } from "../../api/dialog/normalize-text.js";
import { setFocus } from "../../api/lessons/lesson-focus.js";
import { lessonTextRules } from "../../api/lessons/lesson-rules.js";
import type { LessonFocus } from "../../api/lessons/lesson-focus.js";

function intentFor(raw: string, focus: LessonFocus | null) {
  const state = emptyState();
  setFocus(state, focus);
  for (const rule of lessonTextRules().sort((a, b) => b.priority - a.priority)) {
    const intent = rule.match({ raw, tokens: tokenize(raw), command: null, commandArg: "", branches: [], state });
    if (intent) return intent;
  }
  return null;
}

describe("what a learner's free text means in the middle of a lesson", () => {
  const inLesson: LessonFocus = { run: 7, lesson: "hoaks" };
  const textQuestion: LessonFocus = { ...inLesson, textStep: 4 };

  it("outside a lesson the rules stay out of the way", () => {
    expect(intentFor("lanjut", null)).toBeNull();
    expect(intentFor("ada buku laskar pelangi?", null)).toBeNull();
  });

  it("pause, continue and start over, in Indonesian and English", () => {
    expect(intentFor("jeda", inLesson)?.name).toBe("lpause");
    expect(intentFor("stop", inLesson)?.name).toBe("lpause");
    expect(intentFor("Lanjut", inLesson)?.name).toBe("lcontinue");
    expect(intentFor("continue", inLesson)?.name).toBe("lcontinue");
    expect(intentFor("ulangi dari awal", inLesson)).toMatchObject({ name: "lrestart", arg: "hoaks" });
    expect(intentFor("start over", inLesson)).toMatchObject({ name: "lrestart", arg: "hoaks" });
  });

  it("a catalogue question during a choice question is not taken by the lesson", () => {
    expect(intentFor("ada buku laskar pelangi gak?", inLesson)).toBeNull();
  });

  it("during a typed question the message is the answer, even one that looks like a search", () => {
    expect(intentFor("ada buku Bumi Manusia di Oebobo?", textQuestion)).toMatchObject({ name: "ltext", arg: "ada buku Bumi Manusia di Oebobo?" });
    expect(intentFor("jeda", textQuestion)?.name).toBe("lpause");
    expect(intentFor("menu", textQuestion)).toBeNull();
    // After an interruption the learner first comes back with "lanjut"; until then text is not an answer.
    expect(intentFor("turnbackhoax", { ...textQuestion, interrupted: true })).toBeNull();
  });

  it("when the certificate name is asked, the message is the name; 'lewati' skips", () => {
    const naming: LessonFocus = { run: 7, lesson: "hoaks", awaitingName: true };
    expect(intentFor("Maria Ndolu", naming)).toMatchObject({ name: "lname-typed", arg: "Maria Ndolu" });
    expect(intentFor("lewati", naming)).toMatchObject({ name: "lcertskip", arg: "7" });
  });
});
