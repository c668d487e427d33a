// How lesson steps, feedback and the list look in the chat. Channel-neutral Replies: buttons carry
// payloads, WhatsApp shows them as numbers; step text is the checked lesson content.
import { payload } from "../dialog/intent.js";
import { plain, shorten } from "../dialog/markup.js";
import type { Button, Reply } from "../dialog/reply.js";
import type { MessageKey, MessageParams } from "../i18n/messages.js";
import type { AnswerOutcome } from "./lesson-run.js";
import type { Lesson } from "./lesson-schema.js";
import type { LessonListItem } from "./lesson-service.js";

export type T = (key: MessageKey, params?: MessageParams) => string;

/** Payload builders; names stay short because Telegram allows 64 bytes of callback data. */
export const P = {
  open: (lessonId: string) => payload("lesson", lessonId),
  restart: (lessonId: string) => payload("lrestart", lessonId),
  answer: (run: number, step: number, option: number) => payload("lans", `${run}.${step}.${option}`),
  next: (run: number, step: number) => payload("lnext", `${run}.${step}`),
  pause: () => payload("lpause"),
  list: () => payload("lessons"),
  reminders: (on: boolean) => payload("lremind", on ? "on" : "off"),
  askName: (run: number) => payload("lname", run),
  useName: (run: number) => payload("lnameuse", run),
  skipCertificate: (run: number) => payload("lcertskip", run),
  certificate: (run: number) => payload("lcert", run),
};

const progressParams = (lesson: Lesson, stepIndex: number) => ({ step: Math.min(stepIndex + 1, lesson.steps.length), total: lesson.steps.length });

/** Reminders: on/off for a channel that can receive later messages, null for one that cannot (web chat). */
export type ReminderState = boolean | null;

/** The lesson list: one button per lesson with pillar and minutes, ✓ when done, step when under way. */
export function listReply(t: T, items: LessonListItem[], remindersOn: ReminderState): Reply {
  if (items.length === 0) return { text: t("lesson.list_empty") };
  const buttons: Button[] = items.map(({ lesson, status, stepIndex, completedEver }) => {
    const common = { title: lesson.title, pillar: t(`lesson.pillar.${lesson.pillar}`), minutes: lesson.minutes };
    const label =
      status === "active"
        ? t("lesson.item_active", { title: lesson.title, ...progressParams(lesson, stepIndex) })
        : completedEver
          ? t("lesson.item_done", common)
          : t("lesson.item_new", common);
    return { label, payload: P.open(lesson.id) };
  });
  if (remindersOn === null) return { text: t("lesson.list_header"), buttons };
  buttons.push(remindersOn ? { label: t("lesson.button.reminders_off"), payload: P.reminders(false) } : { label: t("lesson.button.reminders_on"), payload: P.reminders(true) });
  const footer = remindersOn ? t("lesson.reminders_on_line") : t("lesson.reminders_off_line");
  return { text: `${t("lesson.list_header")}\n\n${footer}`, buttons };
}

/** The first message of a lesson: what it is, how long, how to stop. */
export function introReply(t: T, lesson: Lesson): Reply {
  return { text: t("lesson.intro", { title: lesson.title, pillar: t(`lesson.pillar.${lesson.pillar}`), minutes: lesson.minutes, steps: lesson.steps.length }) };
}

function optionButtons(lesson: Lesson, run: number, stepIndex: number, except?: number): Button[] {
  const q = lesson.steps[stepIndex]!.question;
  if (q?.type !== "choice") return [];
  return q.options.flatMap((o, i) => (i === except ? [] : [{ label: o.text, payload: P.answer(run, stepIndex, i) }]));
}

function nextButtons(t: T, lesson: Lesson, run: number, stepIndex: number): Button[] {
  const last = stepIndex === lesson.steps.length - 1;
  return [{ label: last ? t("lesson.button.finish") : t("lesson.button.next"), payload: P.next(run, stepIndex) }, ...(last ? [] : [{ label: t("lesson.button.pause"), payload: P.pause() }])];
}

/** One step: "Langkah 3/7", the text, then the question (options as buttons) or a next button. */
export function stepReply(t: T, lesson: Lesson, run: number, stepIndex: number): Reply {
  const step = lesson.steps[stepIndex]!;
  const parts = [t("lesson.step_header", { title: lesson.title, ...progressParams(lesson, stepIndex) }), step.text.trim()];
  const q = step.question;
  if (!q) return { text: parts.join("\n\n"), buttons: nextButtons(t, lesson, run, stepIndex) };
  parts.push(t("lesson.question", { prompt: q.prompt }));
  if (q.type === "text") {
    parts.push(t("lesson.type_answer"));
    return { text: parts.join("\n\n"), buttons: [{ label: t("lesson.button.pause"), payload: P.pause() }] };
  }
  return { text: parts.join("\n\n"), buttons: optionButtons(lesson, run, stepIndex) };
}

/** Feedback right after an answer, with the explanation; a wrong first answer offers the other options again. */
export function feedbackReply(t: T, lesson: Lesson, run: number, stepIndex: number, outcome: AnswerOutcome): Reply {
  const q = outcome.step.question!;
  if (q.type === "text") {
    const model = q.model_answer;
    if (outcome.correct) return { text: t("lesson.text_correct", { model }), buttons: nextButtons(t, lesson, run, stepIndex) };
    if (outcome.canRetry) return { text: t("lesson.text_retry"), buttons: [{ label: t("lesson.button.pause"), payload: P.pause() }] };
    return { text: t("lesson.text_final", { model }), buttons: nextButtons(t, lesson, run, stepIndex) };
  }
  const chosen = "option" in outcome.given ? outcome.given.option : -1;
  const explanation = q.options[chosen]?.explanation ?? "";
  if (outcome.correct) return { text: t("lesson.correct", { explanation }), buttons: nextButtons(t, lesson, run, stepIndex) };
  if (outcome.canRetry) {
    return { text: `${t("lesson.wrong_retry", { explanation })}\n\n${t("lesson.question", { prompt: q.prompt })}`, buttons: optionButtons(lesson, run, stepIndex, chosen) };
  }
  const right = q.options.find((o) => o.correct)!;
  return { text: t("lesson.wrong_final", { explanation, answer: right.text, correctExplanation: right.explanation }), buttons: nextButtons(t, lesson, run, stepIndex) };
}

/** The button that brings a learner back to the step they left (after a catalogue search, a reminder). */
export function resumeButton(t: T, lesson: Lesson, stepIndex: number): Button {
  return { label: t("lesson.button.resume", progressParams(lesson, stepIndex)), payload: P.open(lesson.id) };
}

/** "⏸ Paused at step 3/7" with continue, reminder and list buttons. */
export function pausedReply(t: T, lesson: Lesson, stepIndex: number, remindersOn: ReminderState): Reply {
  const buttons: Button[] = [resumeButton(t, lesson, stepIndex)];
  if (remindersOn === false) buttons.push({ label: t("lesson.button.reminders_on"), payload: P.reminders(true) });
  buttons.push({ label: t("lesson.button.list"), payload: P.list() });
  return { text: t("lesson.paused", { title: lesson.title, ...progressParams(lesson, stepIndex) }), buttons };
}

/** Asks for the name to print; offers the chat display name when there is one. */
export function askNameReply(t: T, run: number, displayName: string | null): Reply {
  const buttons: Button[] = [];
  if (displayName) buttons.push({ label: t("lesson.button.use_name", { name: plain(shorten(displayName, 40)) }), payload: P.useName(run) });
  buttons.push({ label: t("lesson.button.skip_certificate"), payload: P.skipCertificate(run) });
  return { text: t("lesson.ask_name"), buttons };
}
